/**
 * Stage 3b: GRU and LSTM lowered to their unrolled computation, for the gradient graph only (the forward model the
 * gate runs is not touched). Each GRU/LSTM node on the input path is replaced, in place, by the step-by-step
 * recurrence of the ONNX operator definition over the probed (static) sequence length T, written with ops that
 * have gradient rules: Gather, Slice, Transpose, MatMul, Add, Sub, Mul, Sigmoid, Tanh, Unsqueeze, Concat (plus
 * Cast/Less on sequence_lens, which carry no gradient). The reverse sweep then differentiates the unrolled graph.
 *
 * Covered: direction forward / reverse / bidirectional, layout 0, bias B or none, initial_h / initial_c or none,
 * sequence_lens (steps at t >= len keep the state and give Y = 0, as onnxruntime does), LSTM peepholes P, GRU
 * linear_before_reset 0 and 1, the default activations only. Refused (UnsupportedOpError): other activations,
 * clip, input_forget, layout 1, and a sequence length that is not static (batch-dependent in the probe, or a
 * non-batch input dimension that is symbolic, since the unrolled graph is only valid for the probed T).
 */
import { attrInt, attrString, attrStrings, findAttr } from '../onnx/proto.ts';
import type { GraphProto, ModelProto, NodeProto } from '../onnx/proto.ts';
import { TensorDataType } from '../onnx/tensor.ts';
import { UnsupportedOpError } from './errors.ts';
import { aInt, aInts, Emitter, mkNode } from './graph.ts';
import type { Probe } from './types.ts';
import { graphOf } from './util.ts';

const RECURRENT = new Set(['GRU', 'LSTM']);

const isRecurrent = (n: NodeProto): boolean => RECURRENT.has(n.opType ?? '') && ((n.domain ?? '') === '' || n.domain === 'ai.onnx');

/**
 * Replaces every GRU/LSTM node that depends on a `wrt` input by its unrolled computation (in place, same output
 * names). Returns true when the graph changed (the caller probes it again).
 */
export function lowerRecurrent(m: ModelProto, pr: Probe, wrt: string[]): boolean {
  const g = graphOf(m);
  if (!g.node.some(isRecurrent)) return false;
  const dep = new Set<string>(wrt);
  const out: NodeProto[] = [];
  let k = 0;
  for (const n of g.node) {
    const onPath = n.input.some((x) => x && dep.has(x));
    if (onPath) for (const o of n.output) if (o) dep.add(o);
    if (!onPath || !isRecurrent(n)) {
      out.push(n);
      continue;
    }
    staticInputs(g, n, wrt);
    const tmp: GraphProto = { ...g, node: [] }; // shares g.initializer
    lowerOne(new Emitter(tmp, `mg_rnn${k++}/`), n, pr);
    out.push(...tmp.node);
  }
  if (k === 0) return false;
  g.node = out;
  return true;
}

/** The unrolled graph holds T steps: refuse inputs whose non-batch dimensions may change from run to run. */
function staticInputs(g: GraphProto, n: NodeProto, wrt: string[]): void {
  for (const w of wrt) {
    const vi = g.input.find((i) => i.name === w);
    const dims = vi?.type?.tensorType?.shape?.dim;
    if (!dims) throw new UnsupportedOpError(n.opType ?? '', n.name ?? '', `input "${w}" has no declared shape; ${n.opType} is unrolled over a static sequence length`);
    dims.forEach((d, i) => {
      if (i > 0 && !(Number(d.dimValue ?? 0) > 0)) {
        throw new UnsupportedOpError(n.opType ?? '', n.name ?? '', `input "${w}" dimension ${i} is symbolic${d.dimParam ? ` ("${d.dimParam}")` : ''}; ${n.opType} is unrolled over a static sequence length`);
      }
    });
  }
}

function lowerOne(e: Emitter, n: NodeProto, pr: Probe): void {
  const op = n.opType ?? '';
  const lstm = op === 'LSTM';
  const refuse = (why: string): never => {
    throw new UnsupportedOpError(op, n.name ?? '', why);
  };
  const [X, W, R, B = '', SL = '', H0 = '', C0 = '', P = ''] = n.input;
  const [Y = '', YH = '', YC = ''] = n.output;

  if (attrInt(n, 'layout', 0) !== 0) refuse('layout 1 (batch-first) is not supported');
  if (findAttr(n, 'clip')) refuse('the clip attribute (cell clipping) is not supported');
  if (lstm && attrInt(n, 'input_forget', 0) !== 0) refuse('input_forget (coupled input and forget gates) is not supported');
  const direction = attrString(n, 'direction', 'forward')!;
  if (!['forward', 'reverse', 'bidirectional'].includes(direction)) refuse(`unknown direction "${direction}"`);
  const D = direction === 'bidirectional' ? 2 : 1;
  const acts = attrStrings(n, 'activations');
  const dflt = lstm ? ['sigmoid', 'tanh', 'tanh'] : ['sigmoid', 'tanh'];
  if (acts && acts.length > 0) {
    const want = Array.from({ length: D }, () => dflt).flat();
    if (acts.length !== want.length || acts.some((a, i) => a.toLowerCase() !== want[i])) refuse(`activations [${acts.join(', ')}] (only the defaults ${dflt.join(', ')} are supported)`);
  }
  const lbr = !lstm && attrInt(n, 'linear_before_reset', 0) !== 0;

  const xs = pr.shape.get(X);
  if (!xs || xs.length !== 3) refuse(`no static shape known for the input "${X}"`);
  const T = xs![0];
  if (!(T > 0)) refuse(`the sequence length of "${X}" is not static`);
  const rs = pr.shape.get(R);
  const H = attrInt(n, 'hidden_size') ?? (rs ? rs[2] : undefined);
  if (!(typeof H === 'number' && H > 0)) refuse('hidden_size unknown');
  const G = lstm ? 4 : 3;
  const dt = pr.type.get(X) ?? TensorDataType.FLOAT;

  const c = (v: number[], dims?: number[]): string => e.ints(v, dims);
  const gather0 = (x: string, i: number): string => e.op('Gather', [x, c([i], [])], [aInt('axis', 0)]);
  const slice = (x: string, a: number, b: number, axis: number): string => e.op('Slice', [x, c([a]), c([b]), c([axis])]);
  const tr = (x: string): string => e.op('Transpose', [x], [aInts('perm', [1, 0])]);
  const add = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : e.op('Add', [a, b]));
  const mul = (a: string, b: string): string => e.op('Mul', [a, b]);
  const one = (): string => e.scalar(dt, 1);

  // sequence_lens: mask[t] = (t < len) as [B, 1], shared by the directions
  let masks: { m: string; inv: string }[] | null = null;
  if (SL) {
    const sl = e.op('Cast', [SL], [aInt('to', TensorDataType.INT64)]);
    masks = Array.from({ length: T }, (_, t) => {
      const m = e.op('Unsqueeze', [e.op('Cast', [e.op('Less', [c([t], []), sl])], [aInt('to', dt)]), c([1])]);
      return { m, inv: e.op('Sub', [one(), m]) };
    });
  }

  const yDir: string[] = [], hDir: string[] = [], cDir: string[] = [];
  for (let d = 0; d < D; d++) {
    const reverse = direction === 'reverse' || d === 1;
    const WdT = tr(gather0(W, d));
    const Rd = gather0(R, d);
    const Bd = B ? gather0(B, d) : null;
    const Wb = Bd ? slice(Bd, 0, G * H!, 0) : null;
    const Rb = Bd ? slice(Bd, G * H!, 2 * G * H!, 0) : null;
    // input projection for all steps at once: [T, B, G*H]
    const XW = add(e.op('MatMul', [X, WdT]), lstm ? add(Wb, Rb) : Wb)!;
    let h: string | null = H0 ? gather0(H0, d) : null;
    let cs: string | null = lstm && C0 ? gather0(C0, d) : null;
    const ys: string[] = new Array<string>(T);
    // GRU: R split into the z,r block and the h block; LSTM: whole R
    const RT = lstm ? tr(Rd) : tr(slice(Rd, 0, 2 * H!, 0));
    const RhT = lstm ? '' : tr(slice(Rd, 2 * H!, 3 * H!, 0));
    const Rbzr = !lstm && Rb ? slice(Rb, 0, 2 * H!, 0) : null;
    const Rbh = !lstm && Rb ? slice(Rb, 2 * H!, 3 * H!, 0) : null;
    const Pd = lstm && P ? gather0(P, d) : null;
    const [Pi, Po, Pf] = Pd ? [slice(Pd, 0, H!, 0), slice(Pd, H!, 2 * H!, 0), slice(Pd, 2 * H!, 3 * H!, 0)] : [null, null, null];
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const xt = e.op('Gather', [XW, c([t], [])], [aInt('axis', 0)]); // [B, G*H]
      let hn: string, cn: string | null = null;
      if (lstm) {
        const gates = add(xt, h ? e.op('MatMul', [h, RT]) : null)!;
        let i: string, o: string | null = null, f: string;
        if (!Pd) {
          const sg = e.op('Sigmoid', [slice(gates, 0, 3 * H!, 1)]);
          i = slice(sg, 0, H!, 1);
          o = slice(sg, H!, 2 * H!, 1);
          f = slice(sg, 2 * H!, 3 * H!, 1);
        } else {
          i = e.op('Sigmoid', [add(slice(gates, 0, H!, 1), cs ? mul(Pi!, cs) : null)!]);
          f = e.op('Sigmoid', [add(slice(gates, 2 * H!, 3 * H!, 1), cs ? mul(Pf!, cs) : null)!]);
        }
        const cc = e.op('Tanh', [slice(gates, 3 * H!, 4 * H!, 1)]);
        cn = add(cs ? mul(f, cs) : null, mul(i, cc))!;
        if (Pd) o = e.op('Sigmoid', [e.op('Add', [slice(gates, H!, 2 * H!, 1), mul(Po!, cn)])]);
        hn = mul(o!, e.op('Tanh', [cn]));
      } else {
        const zr = e.op('Sigmoid', [add(slice(xt, 0, 2 * H!, 1), add(h ? e.op('MatMul', [h, RT]) : null, Rbzr))!]);
        const z = slice(zr, 0, H!, 1);
        const r = slice(zr, H!, 2 * H!, 1);
        const xh = slice(xt, 2 * H!, 3 * H!, 1);
        let pre: string;
        if (lbr) {
          const hr = add(h ? e.op('MatMul', [h, RhT]) : null, Rbh);
          pre = hr ? e.op('Add', [xh, mul(r, hr)]) : xh;
        } else {
          pre = add(xh, add(h ? e.op('MatMul', [mul(r, h), RhT]) : null, Rbh))!;
        }
        const hh = e.op('Tanh', [pre]);
        hn = add(mul(e.op('Sub', [one(), z]), hh), h ? mul(z, h) : null)!;
      }
      if (masks) {
        const { m, inv } = masks[t];
        ys[t] = mul(m, hn);
        h = add(ys[t], h ? mul(inv, h) : null);
        if (lstm) cs = add(mul(m, cn!), cs ? mul(inv, cs) : null);
      } else {
        ys[t] = hn;
        h = hn;
        cs = cn;
      }
    }
    if (Y) {
      const parts = ys.map((y) => e.op('Unsqueeze', [y, c([0, 1])]));
      yDir.push(D === 1 ? '' : e.op('Concat', parts, [aInt('axis', 0)]));
      if (D === 1) e.graph.node.push(mkNode('Concat', parts, [Y], [aInt('axis', 0)], n.name ? `${n.name}/Y` : undefined));
    }
    hDir.push(h!);
    if (lstm) cDir.push(cs!);
  }
  const finish = (parts: string[], name: string, suffix: string): void => {
    const nm = n.name ? `${n.name}/${suffix}` : undefined;
    if (D === 1) e.graph.node.push(mkNode('Unsqueeze', [parts[0], c([0])], [name], [], nm));
    else e.graph.node.push(mkNode('Concat', parts.map((p) => e.op('Unsqueeze', [p, c([0])])), [name], [aInt('axis', 0)], nm));
  };
  if (Y && D === 2) e.graph.node.push(mkNode('Concat', yDir, [Y], [aInt('axis', 1)], n.name ? `${n.name}/Y` : undefined));
  if (YH) finish(hDir, YH, 'Y_h');
  if (lstm && YC) finish(cDir, YC, 'Y_c');
}
