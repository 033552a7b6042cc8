/** Stage 2: symbolic batch on the inputs; batch-1 Reshape constants on the input path rewritten to 0 (copy dim). */
import { findAttr } from '../onnx/proto.ts';
import type { ModelProto } from '../onnx/proto.ts';
import { graphOf, tensorI64, tensorNumbers } from './util.ts';

export function freeBatch(m: ModelProto, wrt: string[]): void {
  const g = graphOf(m);
  const inits = new Set(g.initializer.map((t) => t.name));
  g.input = g.input.filter((i) => !inits.has(i.name));
  let fixedOne = false;
  for (const vi of g.input) {
    const dims = vi.type?.tensorType?.shape?.dim;
    if (dims && dims.length > 0) {
      if (dims[0].dimValue === 1) fixedOne = true;
      dims[0] = { dimParam: 'N' };
    }
  }
  // outputs and value_info: drop shapes (types stay)
  for (const vi of [...g.output, ...g.valueInfo]) if (vi.type?.tensorType) delete vi.type.tensorType.shape;
  if (!fixedOne) return;
  const onPath = new Set<string>(wrt);
  for (const n of g.node) if (n.input.some((x) => onPath.has(x))) for (const o of n.output) onPath.add(o);
  const consts = new Map(g.initializer.map((t) => [t.name ?? '', t]));
  for (const n of g.node) {
    if (n.opType !== 'Reshape' || !onPath.has(n.input[0])) continue;
    const t = consts.get(n.input[1]);
    let vals: number[] | null = null;
    if (t) vals = tensorNumbers(t);
    else {
      const c = g.node.find((x) => x.opType === 'Constant' && x.output[0] === n.input[1]);
      const ct = c ? findAttr(c, 'value')?.t : undefined;
      if (ct) vals = tensorNumbers(ct);
    }
    if (!vals || vals[0] !== 1) continue;
    const name = `${n.input[1]}__mg_batch`;
    vals[0] = 0;
    const nt = tensorI64(vals);
    nt.name = name;
    g.initializer.push(nt);
    const old = n.input[1];
    n.input[1] = name;
    if (!g.node.some((x) => x.input.includes(old)) && !g.output.some((o) => o.name === old)) g.initializer = g.initializer.filter((t) => t.name !== old);
    if (findAttr(n, 'allowzero')) n.attribute = n.attribute.filter((a) => a.name !== 'allowzero');
  }
}
