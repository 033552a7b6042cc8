/**
 * Bench: Square's model-query throughput through the batched oracle vs raw `InferenceSession.run` rows/s on the
 * same model and batch size (target ratio ≥ 0.85), for a tree ensemble (test/fixtures/robustness-blackbox/
 * trees-16d.onnx: 16 features, 40 trees of depth 4) and a small CNN (mnist-8 with a free batch dimension).
 * Run: node bench/blackbox.ts [points=256] [queries=300] [tree|cnn]
 */
import { readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import * as ort from 'onnxruntime-node';
import { forwardOracle } from '../src/gates/robustness/oracle.ts';
import { makeConstraints } from '../src/gates/robustness/constraints.ts';
import { makeSquare } from '../src/gates/robustness/blackbox/square.ts';
import { rng } from '../src/util/random.ts';
import { batchableMnist8, readNpy } from '../test/robustness-blackbox/helpers.ts';

const N = Number(process.argv[2] ?? 256);
const Q = Number(process.argv[3] ?? 300);
const only = process.argv[4];
const REPS = 5;
console.log(`${cpus().length} CPUs, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other work on the machine moves these numbers)`);
const root = new URL('../', import.meta.url);

async function bench(label: string, bytes: Uint8Array, rowShape: number[], output: string, C: number, x0: Float32Array, eps: number, lo: number, hi: number): Promise<void> {
  const D = rowShape.reduce((a, b) => a * b, 1);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = session.inputNames[0];
  let inModel = 0;
  const sizes: number[] = [];
  const forward = async (x: Float32Array, n: number): Promise<Float32Array> => {
    const t = performance.now();
    const r = await session.run({ [input]: new ort.Tensor('float32', x, [n, ...rowShape]) }, [output]);
    inModel += performance.now() - t;
    sizes.push(n);
    return r[output].data as Float32Array;
  };
  // labels: the model's own predictions
  const z = await forward(x0, N);
  const labels = new Int32Array(N);
  for (let r = 0; r < N; r++) { let k = 0; for (let j = 1; j < C; j++) if (z[r * C + j] > z[r * C + k]) k = j; labels[r] = k; }
  const c = makeConstraints({ D, norm: 'linf', eps, lo, hi });
  const ratios: number[] = [], sqRates: number[] = [], rawRates: number[] = [];
  let last = { queries: 0, broken: 0, sec: 0, modelShare: 0 };
  // interleaved repetitions (the machine is shared): Square, then a raw replay of the same batch sizes
  for (let rep = 0; rep < REPS; rep++) {
    const oracle = forwardOracle({
      classes: C, D, batch: 4096,
      feeds: (x) => ({ [input]: new ort.Tensor('float32', x.slice(), [x.length / D, ...rowShape]) }),
      forward: async (f, n) => forward(f[input].data as Float32Array, n),
    });
    sizes.length = 0;
    inModel = 0;
    const t1 = performance.now();
    const res = await makeSquare({ queries: Q }).run({
      x0, n: N, shape: rowShape, labels, active: new Uint8Array(N).fill(1), constraints: c, oracle,
      ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
    });
    const sec = (performance.now() - t1) / 1000;
    const sq = res.queries / sec;
    // raw: the same sequence of batch sizes (points drop out as they break), plain session.run on fresh tensors
    const replay = sizes.slice();
    const t0 = performance.now();
    let rows = 0;
    for (const k of replay) {
      const x = x0.slice(0, k * D);
      await session.run({ [input]: new ort.Tensor('float32', x, [k, ...rowShape]) }, [output]);
      rows += k;
    }
    const raw = rows / ((performance.now() - t0) / 1000);
    ratios.push(sq / raw); sqRates.push(sq); rawRates.push(raw);
    let broken = 0;
    for (const s of res.success) broken += s;
    last = { queries: res.queries, broken, sec, modelShare: inModel / 1000 / sec };
  }
  const med = (a: number[]): number => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log(`${label.padEnd(28)} raw ${med(rawRates).toFixed(0).padStart(8)} rows/s   square ${med(sqRates).toFixed(0).padStart(8)} queries/s   ratio ${med(ratios).toFixed(3)} (median of ${REPS}: ${ratios.map((r) => r.toFixed(2)).join(' ')})   [${N} points, ${last.queries} queries, ${last.broken} broken, ${last.sec.toFixed(2)} s, ${(100 * last.modelShare).toFixed(0)} % inside session.run]`);
  await session.release();
}

if (only !== 'cnn') {
  const bytes = readFileSync(new URL('test/fixtures/robustness-blackbox/trees-16d.onnx', root));
  const g = rng(0, 'bench-trees');
  const x0 = Float32Array.from({ length: N * 16 }, () => Math.fround(g.next()));
  await bench('tree ensemble (16 features)', bytes, [16], 'scores', 3, x0, 0.02, 0, 1);
}
if (only !== 'tree') {
  const bytes = batchableMnist8(readFileSync(new URL('test/fixtures/onnx/mnist-8.onnx', root)));
  const X = readNpy(new URL('test/fixtures/data/mnist/mnist-1000-x.npy', root).pathname).data as Float32Array;
  const x0 = new Float32Array(N * 784);
  for (let r = 0; r < N; r++) x0.set(X.subarray(((r * 997) % 1000) * 784, ((r * 997) % 1000) * 784 + 784), r * 784);
  await bench('small CNN (mnist-8)', bytes, [1, 28, 28], 'Plus214_Output_0', 10, x0, 0.05, 0, 1);
}
