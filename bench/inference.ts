/**
 * Shared inference path vs raw onnxruntime, same model, same batch, same run:
 *   node bench/inference.ts            (BENCH_REPS=n alternated rounds, BENCH_CNN_BATCH=b, default 256)
 * Compares `predict` (feature view -> feeds -> session.run -> float64 scores, NaN checks, argmax, label mapping)
 * with a plain `InferenceSession.run` loop over the same data already laid out as one float32 matrix (per batch: a
 * zero-copy view wrapped in an ort.Tensor, then run), for a tabular MLP (100,000 rows x 32 features, model-gate's
 * batch of 1024) and an image CNN (100,000 images 1x28x28; batch 256 by default, the batch of the issue's
 * measurement: model-gate itself picks 262144 / 784 = 334 for this input).
 *
 * The runners share two cores with other work, so the two loops are ALTERNATED within each round (order swapped
 * every round) and the ratio reported is the median over rounds of the paired ratio raw time / predict time (target
 * >= 0.9), in wall time and in process CPU time (all threads, onnxruntime's included); the load average is printed.
 * A last, separate pass wraps session.run to measure the time predict spends outside it (the shared path's own
 * cost, independent of the machine's load). Peak RSS of reading the 1,000,000-row CSV and Parquet files is measured
 * by bench/data.ts.
 */
import os from 'node:os';
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

const REPS = Number(process.env.BENCH_REPS ?? 9);
const median = (a: number[]) => {
  const b = [...a].sort((x, y) => x - y);
  return b.length % 2 ? b[b.length >> 1] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2;
};
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function measure(name: string, bytes: Uint8Array, ds: Dataset, threads: number, batch?: number) {
  const model = await loadModel({ abs: '/dev/null', rel: `${name}.onnx`, bytes: Buffer.from(bytes), sha256: sha256Hex(bytes), verified: null, threads, policy: { path: `${name}.onnx` }, subjectAbs: '/dev/null', workspace: '/', position: () => undefined });
  const view = model.featureView(ds);
  const natural = view.batchSize;
  // The view is memoised per dataset: predict runs with this batch too.
  if (batch) view.batchSize = batch;
  const bs = view.batchSize;
  const raw = await ort.InferenceSession.create(bytes, sessionOptions(threads));
  const inputName = model.inputs[0].name;
  const rowShape = view.floatInputs[0].rowShape;
  // Raw loop: the whole input already as one float32 matrix; per batch only what any caller must do: wrap a
  // zero-copy view in an ort.Tensor and call session.run.
  const all = view.features(Int32Array.from({ length: ds.rows }, (_, i) => i));
  const D = view.dim;
  const rawLoop = async () => {
    for (let s = 0; s < ds.rows; s += bs) {
      const m = Math.min(bs, ds.rows - s);
      await raw.run({ [inputName]: new ort.Tensor('float32', all.subarray(s * D, (s + m) * D), [m, ...rowShape]) });
    }
  };
  const ours = () => predict(model, ds, { checkBudget: () => undefined });
  const timed = async (f: () => Promise<unknown>) => {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    return { wall: performance.now() - t, cpu: cpuMs(process.cpuUsage(c)) };
  };
  // Warm-up (JIT, first-touch of buffers, onnxruntime's arenas) for both.
  await rawLoop();
  await ours();
  const loadBefore = load();
  const rawT: { wall: number; cpu: number }[] = [];
  const oursT: { wall: number; cpu: number }[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    if (rep % 2 === 0) {
      rawT.push(await timed(rawLoop));
      oursT.push(await timed(ours));
    } else {
      oursT.push(await timed(ours));
      rawT.push(await timed(rawLoop));
    }
  }
  const wallRatio = median(rawT.map((r, i) => r.wall / oursT[i].wall));
  const cpuRatio = median(rawT.map((r, i) => r.cpu / oursT[i].cpu));
  const rps = (t: { wall: number }[]) => Math.round(ds.rows / (median(t.map((x) => x.wall)) / 1000));

  // Time predict spends outside session.run (a separate, instrumented pass; not part of the ratio).
  const session = model.session as unknown as { run: (...a: unknown[]) => Promise<unknown> };
  const run = session.run.bind(session);
  let inside = 0;
  session.run = async (...a: unknown[]) => {
    const t = performance.now();
    try {
      return await run(...a);
    } finally {
      inside += performance.now() - t;
    }
  };
  const outside: number[] = [];
  for (let rep = 0; rep < Math.min(REPS, 5); rep++) {
    inside = 0;
    const t = performance.now();
    await ours();
    const total = performance.now() - t;
    outside.push((total - inside) / total);
  }
  console.log(
    `${name.padEnd(24)} ${ds.rows} rows  batch ${String(bs).padStart(4)}${bs !== natural ? ` (model-gate's own: ${natural})` : ''}  raw session.run ${rps(rawT).toString().padStart(8)} rows/s  ` +
      `model-gate predict ${rps(oursT).toString().padStart(8)} rows/s  ratio ${wallRatio.toFixed(3)} wall, ${cpuRatio.toFixed(3)} cpu ` +
      `(median of ${REPS} alternated pairs)  outside session.run ${(median(outside) * 100).toFixed(2)} %  load ${loadBefore} -> ${load()}`,
  );
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
const M = 100_000;
await measure('CNN 1x28x28 (2 conv)', cnn(), { name: 'img', path: 'img.npy', format: 'npy', sha256: '', extraFiles: [], rows: M, columns: new Map(), features: [], tensor: { data: Float32Array.from({ length: M * 784 }, () => r.next()), shape: [M, 1, 28, 28] } }, threads, Number(process.env.BENCH_CNN_BATCH ?? 256));
