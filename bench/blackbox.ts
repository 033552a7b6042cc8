/**
 * Bench: Square's model-query throughput through the batched oracle vs raw `InferenceSession.run` rows/s on the
 * same model and batch size (target ratio ≥ 0.85), for a tree ensemble (test/fixtures/robustness-blackbox/
 * trees-16d.onnx: 16 features, 40 trees of depth 4) and a small CNN (mnist-8 with a free batch dimension).
 * Run: node bench/blackbox.ts [points=256] [queries=300]
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { forwardOracle } from '../src/gates/robustness/oracle.ts';
import { makeConstraints } from '../src/gates/robustness/constraints.ts';
import { makeSquare } from '../src/gates/robustness/blackbox/square.ts';
import { rng } from '../src/util/random.ts';
import { batchableMnist8, readNpy } from '../test/robustness-blackbox/helpers.ts';

const N = Number(process.argv[2] ?? 256);
const Q = Number(process.argv[3] ?? 300);
const root = new URL('../', import.meta.url);

async function bench(label: string, bytes: Uint8Array, rowShape: number[], output: string, C: number, x0: Float32Array, eps: number, lo: number, hi: number): Promise<void> {
  const D = rowShape.reduce((a, b) => a * b, 1);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = session.inputNames[0];
  const forward = async (x: Float32Array, n: number): Promise<Float32Array> => {
    const r = await session.run({ [input]: new ort.Tensor('float32', x, [n, ...rowShape]) }, [output]);
    return r[output].data as Float32Array;
  };
  // labels: the model's own predictions
  const z = await forward(x0, N);
  const labels = new Int32Array(N);
  for (let r = 0; r < N; r++) { let k = 0; for (let j = 1; j < C; j++) if (z[r * C + j] > z[r * C + k]) k = j; labels[r] = k; }
  // raw: the same batch size, fresh input rows each call
  const t0 = performance.now();
  let rows = 0;
  while (performance.now() - t0 < 3000) {
    const x = x0.slice();
    await forward(x, N);
    rows += N;
  }
  const raw = rows / ((performance.now() - t0) / 1000);
  const oracle = forwardOracle({
    classes: C, D, batch: 4096,
    feeds: (x) => ({ [input]: new ort.Tensor('float32', x.slice(), [x.length / D, ...rowShape]) }),
    forward: async (f, n) => forward(f[input].data as Float32Array, n),
  });
  const c = makeConstraints({ D, norm: 'linf', eps, lo, hi });
  const t1 = performance.now();
  const res = await makeSquare({ queries: Q }).run({
    x0, n: N, shape: rowShape, labels, active: new Uint8Array(N).fill(1), constraints: c, oracle,
    ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
  });
  const sec = (performance.now() - t1) / 1000;
  const sq = res.queries / sec;
  let broken = 0;
  for (const s of res.success) broken += s;
  console.log(`${label.padEnd(28)} raw ${raw.toFixed(0).padStart(8)} rows/s   square ${sq.toFixed(0).padStart(8)} queries/s   ratio ${(sq / raw).toFixed(3)}   (${N} points, ${res.queries} queries, ${broken} broken, ${sec.toFixed(1)} s)`);
  await session.release();
}

{
  const bytes = readFileSync(new URL('test/fixtures/robustness-blackbox/trees-16d.onnx', root));
  const g = rng(0, 'bench-trees');
  const x0 = Float32Array.from({ length: N * 16 }, () => Math.fround(g.next()));
  await bench('tree ensemble (16 features)', bytes, [16], 'scores', 3, x0, 0.02, 0, 1);
}
{
  const bytes = batchableMnist8(readFileSync(new URL('test/fixtures/onnx/mnist-8.onnx', root)));
  const X = readNpy(new URL('test/fixtures/data/mnist/mnist-1000-x.npy', root).pathname).data as Float32Array;
  const x0 = new Float32Array(N * 784);
  for (let r = 0; r < N; r++) x0.set(X.subarray(((r * 997) % 1000) * 784, ((r * 997) % 1000) * 784 + 784), r * 784);
  await bench('small CNN (mnist-8)', bytes, [1, 28, 28], 'Plus214_Output_0', 10, x0, 0.05, 0, 1);
}
