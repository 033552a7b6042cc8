/** Builds the robustness gate's context directly from an ONNX file and a tensor dataset (what src/model provides). */
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../../src/data/types.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import type { RobustnessGatePolicy } from '../../src/gates/robustness/policy.ts';
import type { RobustnessModel } from '../../src/gates/robustness/types.ts';

export interface Harness {
  ctx: GateContext<RobustnessGatePolicy>;
  model: RobustnessModel;
  session: ort.InferenceSession;
}

export async function harness(
  bytes: Uint8Array, x: Float32Array, rowShape: number[], labels: Int32Array | null,
  policy: Partial<RobustnessGatePolicy> & { epsilon: number | number[] }, opts: { kind?: 'logits' | 'probabilities'; output?: string; seed?: number } = {},
): Promise<Harness> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = session.inputNames[0];
  const output = opts.output ?? session.outputNames[0];
  const D = rowShape.reduce((a, b) => a * b, 1);
  const rows = x.length / D;
  const meta = (session.inputMetadata as unknown as { shape?: (number | string)[] }[])?.[0];
  const fixedOne = meta?.shape?.[0] === 1;
  let strict = false;
  const run = async (feeds: Record<string, ort.Tensor>, outs: string[]): Promise<Record<string, ort.Tensor>> => {
    const t = feeds[input];
    const n = t.dims[0];
    if (!fixedOne || n === 1) return session.run(feeds, outs);
    if (strict) throw new Error(`the model has a fixed batch of 1 but was run on ${n} rows (featureView.batchSize not respected)`);
    const data = t.data as Float32Array;
    const parts: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const r = await session.run({ [input]: new ort.Tensor('float32', data.slice(i * D, (i + 1) * D), [1, ...rowShape]) }, outs);
      parts.push(r[outs[0]].data as Float32Array);
    }
    const per = parts[0].length;
    const all = new Float32Array(n * per);
    parts.forEach((p, i) => all.set(p, i * per));
    return { [outs[0]]: new ort.Tensor('float32', all, [n, per]) };
  };
  const ds: Dataset = {
    name: 'eval', path: 'eval.npy', format: 'npy', sha256: '', extraFiles: [], rows, columns: new Map(), features: [],
    tensor: { data: x, shape: [rows, ...rowShape] },
    labels: labels ? { kind: 'number', values: Float64Array.from(labels) } : undefined,
  };
  const model: RobustnessModel = {
    bytes,
    output: { name: output, kind: opts.kind ?? 'logits' },
    classes: 0,
    threads: 1,
    featureView: () => ({
      dim: D, rowShape, featureNames: null, perturbable: new Uint8Array(D).fill(1), batchSize: fixedOne ? 1 : 128,
      features: (r: Int32Array) => {
        const out = new Float32Array(r.length * D);
        r.forEach((row, i) => out.set(x.subarray(row * D, row * D + D), i * D));
        return out;
      },
      feeds: (xx: Float32Array, r: Int32Array) => ({ [input]: new ort.Tensor('float32', xx.slice(), [r.length, ...rowShape]) }),
    }),
    run,
  };
  const z = (await run({ [input]: new ort.Tensor('float32', x.slice(), [rows, ...rowShape]) }, [output]))[output];
  strict = true;
  const C = z.size / rows;
  model.classes = C;
  const predicted = new Int32Array(rows);
  const zd = z.data as Float32Array;
  for (let i = 0; i < rows; i++) {
    let k = 0;
    for (let j = 1; j < C; j++) if (zd[i * C + j] > zd[i * C + k]) k = j;
    predicted[i] = k;
  }
  const preds: Predictions = {
    dataset: 'eval', rows, classes: C, kind: 'logits', scores: Float64Array.from(zd), predicted,
    labels: labels ?? undefined, classLabels: Array.from({ length: C }, (_, i) => i),
  };
  const full: RobustnessGatePolicy = {
    dataset: 'eval', norm: 'linf', 'epsilon-scale': 'absolute', immutable: [], integer: [], 'one-hot': [],
    'max-categorical-changes': 1, attacks: 'auto', queries: 5000, labels: true, ...policy,
  };
  const ctx: GateContext<RobustnessGatePolicy> = {
    policy: full, seed: opts.seed ?? 0, dataset: () => ds, predictions: async () => preds, model,
    log: { info() {}, warn() {} }, position: () => undefined, checkBudget() {},
  };
  return { ctx, model, session };
}
