/**
 * Robustness bench (not a test):  node bench/robustness.ts [--threads N] [--points 500] [--no-attacks]
 *
 * For a CNN on 28×28 inputs (test/robustness/models.ts `cnn`: Conv-BN-Relu-MaxPool-Conv-Relu-MaxPool-Gemm) and for
 * mnist-8, at batch 128: forward-only time per batch, forward+gradient (CE) time per batch, and their ratio
 * (target ≤ 3); then the wall time of the gate's `attacks: auto` (APGD-CE + APGD-T, linf) on 500 MNIST digits.
 * Medians over repeated runs after warm-up, forward and gradient runs alternated. Prints the machine's load average: on a shared machine timings drift.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as ort from 'onnxruntime-node';
import { prepareGradient } from '../src/model/gradient/index.ts';
import { sessionOptions } from '../src/model/load.ts';
import { robustnessGate } from '../src/gates/robustness/index.ts';
import { cnn } from '../test/robustness/models.ts';
import { harness } from '../test/robustness/gate-harness.ts';
import { FIX, readNpy } from '../test/robustness/helpers.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const threads = arg('threads', 2);
const points = arg('points', 500);
const B = 128;
const X = readNpy(`${FIX}mnist-8/mnist-1000-x.npy`).data as Float32Array;
const Y = readNpy(`${FIX}mnist-8/mnist-1000-y.npy`).data as BigInt64Array;

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Medians of `fs`, timed alternately (A B A B ...) so that drifting machine load hits each the same way. */
async function timeAlternated(fs: (() => Promise<unknown>)[], reps: number): Promise<number[]> {
  for (const f of fs) for (let i = 0; i < 3; i++) await f();
  const t: number[][] = fs.map(() => []);
  for (let i = 0; i < reps; i++) {
    for (const [j, f] of fs.entries()) {
      const t0 = performance.now();
      await f();
      t[j].push(performance.now() - t0);
    }
  }
  return t.map(median);
}

async function forwardVsGradient(name: string, bytes: Uint8Array, input: string, output: string): Promise<void> {
  // the gate's session options (src/model/load.ts): full graph optimisation, idle threads do not spin (two sessions
  // share the cores here, as the forward and gradient sessions do in the gate)
  const so = sessionOptions(threads);
  const prep = await prepareGradient({
    bytes, wrt: [input], output, outputKind: 'logits', sessionOptions: so,
    probeFeeds: (n) => ({ [input]: new ort.Tensor('float32', X.slice(0, n * 784), [n, 1, 28, 28]) }),
  });
  const grad = await ort.InferenceSession.create(prep.model('ce'), so);
  // forward-only: the gradient model's forward part as a model of its own (same batching as the gradient model)
  const fwdBytes = forwardOnly(prep.model('ce'), output);
  const fwd = await ort.InferenceSession.create(fwdBytes, so);
  const x = new ort.Tensor('float32', X.slice(0, B * 784), [B, 1, 28, 28]);
  const lab = new ort.Tensor('int64', BigInt64Array.from({ length: B }, (_, i) => Y[i]), [B]);
  const [tf, tg] = await timeAlternated([() => fwd.run({ [input]: x }), () => grad.run({ [input]: x, mg_label: lab }, ['mg_grad_0', 'mg_loss', 'mg_scores'])], 60);
  console.log(`${name.padEnd(10)} batch ${B}: forward ${tf.toFixed(2)} ms, forward+gradient ${tg.toFixed(2)} ms, ratio ${(tg / tf).toFixed(2)}`);
  await grad.release();
  await fwd.release();
}

import { decodeModel, encodeModel } from '../src/model/onnx/proto.ts';
/** The gradient model cut back to its forward part (outputs: the scores only; ORT prunes the rest). */
function forwardOnly(gradBytes: Uint8Array, output: string): Uint8Array {
  const m = decodeModel(gradBytes);
  const g = m.graph!;
  g.output = [{ name: output, type: { tensorType: { elemType: 1 } }, metadataProps: [] }];
  g.input = g.input.filter((i) => !i.name?.startsWith('mg_'));
  // MaxPool's extra Indices output is only needed by the backward part
  for (const n of g.node) if (n.opType === 'MaxPool' && n.output.length > 1 && n.output[1].endsWith('__mg_indices')) n.output = [n.output[0]];
  const keep = new Set<string>([output]);
  const nodes = [];
  for (let i = g.node.length - 1; i >= 0; i--) {
    const n = g.node[i];
    if (n.output.some((o) => keep.has(o))) {
      nodes.unshift(n);
      for (const x of n.input) keep.add(x);
    }
  }
  g.node = nodes;
  g.initializer = g.initializer.filter((t) => keep.has(t.name ?? ''));
  return encodeModel(m);
}

console.log(`onnxruntime-node, intraOpNumThreads ${threads}; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
await forwardVsGradient('CNN', cnn(), 'x', 'logits');
await forwardVsGradient('mnist-8', readFileSync(`${FIX}mnist-8/mnist-8.onnx`), 'Input3', 'Plus214_Output_0');

if (process.argv.includes('--no-attacks')) process.exit(0);
// attacks: auto on `points` MNIST digits (every other digit: all classes)
const idx = Int32Array.from({ length: points }, (_, i) => (i * 2) % 1000);
const x = new Float32Array(points * 784);
idx.forEach((r, i) => x.set(X.subarray(r * 784, (r + 1) * 784), i * 784));
const y = Int32Array.from(idx, (r) => Number(Y[r]));
for (const [name, bytes, labels, eps] of [
  ['CNN', cnn(), null, 0.005],
  ['mnist-8', readFileSync(`${FIX}mnist-8/mnist-8.onnx`), y, 0.1],
] as const) {
  const h = await harness(bytes, x, [1, 28, 28], labels, { epsilon: eps, bounds: [0, 1], labels: labels ? true : 'predicted' });
  (h.model as { threads: number }).threads = threads;
  const t0 = performance.now();
  const out = await robustnessGate.run(h.ctx);
  const secs = (performance.now() - t0) / 1000;
  const m = out.metrics as Record<string, number>;
  const headline = labels ? `robust_accuracy ${m.robust_accuracy.toFixed(3)}` : `prediction_stability ${m.prediction_stability.toFixed(3)}`;
  console.log(`${name.padEnd(10)} attacks: auto, linf ${eps}, ${points} points: ${secs.toFixed(1)} s wall (${headline}, ${out.details.queries} model rows)`);
}
console.log(`load average at the end ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
