/**
 * Shared inference path vs raw onnxruntime, same model, same batch, same run:
 *   node bench/inference.ts
 * Prints rows/s of `predict` (feature view -> feeds -> session.run -> float64 scores, NaN checks, argmax, label
 * mapping) next to a plain `InferenceSession.run` loop over the same data already laid out as one float32 matrix
 * (per batch: a zero-copy view wrapped in an ort.Tensor, then run), and their ratio (target >= 0.9), for a
 * tabular MLP (100,000 rows x 32 features) and an image CNN (10,000 images 1x28x28). Peak RSS of reading the
 * 1,000,000-row CSV and Parquet files is measured by bench/data.ts.
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../src/model/onnx/builder.ts';
import { loadModel, sessionOptions } from '../src/model/load.ts';
import { predict } from '../src/model/predict.ts';
import { rng } from '../src/util/random.ts';
import { sha256Hex } from '../src/util/hash.ts';
import type { Dataset } from '../src/data/types.ts';

const r = rng(1, 'bench');
const randn = (n: number, s = 1) => Float32Array.from({ length: n }, () => r.normal() * s);

function mlp(D: number, H: number, C: number): Uint8Array {
  const g = new GraphBuilder('mlp');
  const x = g.input('x', 'float32', ['N', D]);
  const h = g.node('Relu', [g.node('Gemm', [x, g.initializer('W1', randn(D * H, 0.2), [D, H]), g.initializer('b1', randn(H, 0.1), [H])])]);
  const h2 = g.node('Relu', [g.node('Gemm', [h, g.initializer('W2', randn(H * H, 0.2), [H, H]), g.initializer('b2', randn(H, 0.1), [H])])]);
  g.output(g.node('Gemm', [h2, g.initializer('W3', randn(H * C, 0.2), [H, C]), g.initializer('b3', randn(C, 0.1), [C])], {}, { outputs: ['logits'] }), 'float32', ['N', C]);
  return g.toModel();
}

function cnn(): Uint8Array {
  const g = new GraphBuilder('cnn');
  const x = g.input('x', 'float32', ['N', 1, 28, 28]);
  const c1 = g.node('Relu', [g.node('Conv', [x, g.initializer('k1', randn(8 * 9, 0.3), [8, 1, 3, 3]), g.initializer('c1b', randn(8, 0.1), [8])], { pads: [1, 1, 1, 1] })]);
  const p1 = g.node('MaxPool', [c1], { kernel_shape: [2, 2], strides: [2, 2] });
  const c2 = g.node('Relu', [g.node('Conv', [p1, g.initializer('k2', randn(16 * 8 * 9, 0.1), [16, 8, 3, 3]), g.initializer('c2b', randn(16, 0.1), [16])], { pads: [1, 1, 1, 1] })]);
  const p2 = g.node('MaxPool', [c2], { kernel_shape: [2, 2], strides: [2, 2] });
  const f = g.node('Flatten', [p2], { axis: 1 });
  g.output(g.node('Gemm', [f, g.initializer('W', randn(784 * 10, 0.05), [784, 10]), g.initializer('b', randn(10, 0.1), [10])], {}, { outputs: ['logits'] }), 'float32', ['N', 10]);
  return g.toModel();
}

async function measure(name: string, bytes: Uint8Array, ds: Dataset, threads: number) {
  const model = await loadModel({ abs: '/dev/null', rel: `${name}.onnx`, bytes: Buffer.from(bytes), sha256: sha256Hex(bytes), verified: null, threads, policy: { path: `${name}.onnx` }, subjectAbs: '/dev/null', workspace: '/', position: () => undefined });
  const view = model.featureView(ds);
  const bs = view.batchSize;
  const raw = await ort.InferenceSession.create(bytes, sessionOptions(threads));
  const inputName = model.inputs[0].name;
  const rowShape = view.floatInputs[0].rowShape;
  // Raw loop: the whole input already as one float32 matrix; per batch only what any caller must do: wrap a
  // zero-copy view in an ort.Tensor and call session.run.
  const all = view.features(Int32Array.from({ length: ds.rows }, (_, i) => i));
  const D = view.dim;
  const quiet = { info: () => undefined, warn: () => undefined };
  const best = { raw: 0, ours: 0 };
  for (let rep = 0; rep < 5; rep++) {
    let t = performance.now();
    for (let s = 0; s < ds.rows; s += bs) {
      const m = Math.min(bs, ds.rows - s);
      await raw.run({ [inputName]: new ort.Tensor('float32', all.subarray(s * D, (s + m) * D), [m, ...rowShape]) });
    }
    best.raw = Math.max(best.raw, ds.rows / ((performance.now() - t) / 1000));
    t = performance.now();
    await predict(model, ds, { log: quiet, checkBudget: () => undefined });
    best.ours = Math.max(best.ours, ds.rows / ((performance.now() - t) / 1000));
  }
  console.log(`${name.padEnd(28)} batch ${String(bs).padStart(4)}  raw session.run ${Math.round(best.raw).toString().padStart(9)} rows/s   model-gate predict ${Math.round(best.ours).toString().padStart(9)} rows/s   ratio ${(best.ours / best.raw).toFixed(3)}`);
  await raw.release();
  await model.session.release();
}

const threads = 2;
const N = 100_000, D = 32;
const cols = new Map<string, { kind: 'number'; values: Float64Array }>();
const feats: string[] = [];
for (let j = 0; j < D; j++) {
  feats.push(`f${j}`);
  cols.set(`f${j}`, { kind: 'number', values: Float64Array.from({ length: N }, () => r.normal()) });
}
await measure('tabular MLP 32-64-64-2', mlp(D, 64, 2), { name: 'tab', path: 'tab.csv', format: 'csv', sha256: '', extraFiles: [], rows: N, columns: cols, features: feats }, threads);
const M = 10_000;
await measure('CNN 1x28x28 (2 conv)', cnn(), { name: 'img', path: 'img.npy', format: 'npy', sha256: '', extraFiles: [], rows: M, columns: new Map(), features: [], tensor: { data: Float32Array.from({ length: M * 784 }, () => r.next()), shape: [M, 1, 28, 28] } }, threads);
