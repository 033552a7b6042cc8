/**
 * Whole-model gradient checks: an MLP (float64, per-coordinate FD, differentiated through its final Softmax as
 * logits), a CNN with BatchNorm and MaxPool, a residual block, and the third-party mnist-8 (opset 7, fixed batch 1:
 * raised to opset 17 and re-batched). float32 models use directional central differences (along the gradient and
 * 8 random unit directions, t = 1e-3, error / ‖g‖₂): the project note measured 3e-4..9e-4 for this estimator on
 * float32 ReLU networks (float32 rounding of the logits over t, plus rare kink crossings), so 5e-3 is the bound.
 * mnist-8 images have exactly tied MaxPool maxima on their flat background (not differentiable there), so they
 * get U(0, 0.05) jitter first, as the note explains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { prepareGradient, UnsupportedOpError } from '../../src/model/gradient/index.ts';
import { rng } from '../../src/util/random.ts';
import { checkDirectional, checkGradient } from './gradcheck.ts';
import { cnn, mlp, residual, UNSUPPORTED_OP, withUnsupportedOp } from './models.ts';
import { FIX, readNpy } from './helpers.ts';

const normal = (seed: number, n: number, scale: number): Float32Array => {
  const R = rng(seed, 'x');
  return Float32Array.from({ length: n }, () => R.normal() * scale);
};

test('MLP (float64, Softmax output): per-coordinate FD on every input', async (t) => {
  const bytes = mlp(1, true);
  // the reference differentiates the logits: strip the softmax for it
  const R = rng(5, 'mlp-x');
  const x = Float64Array.from({ length: 40 }, () => R.normal());
  const res = await checkGradient({ bytes: stripSoftmax(bytes), input: 'x', output: 'logits_ref', shape: [2, 20], dtype: 'float64' }, x, [0, 3], 1e-5);
  t.diagnostic(`MLP float64: rel ${res.rel.toExponential(2)}`);
  assert.ok(res.rel < 1e-6, `rel ${res.rel}`);
  // and the Softmax-output model gives the same gradient as the logits model
  const g1 = await gradOf(bytes, 'probabilities', 'probabilities', x, [2, 20], [0, 3], 'float64');
  const g2 = await gradOf(stripSoftmax(bytes), 'logits_ref', 'logits', x, [2, 20], [0, 3], 'float64');
  let d = 0;
  for (let i = 0; i < g1.length; i++) d = Math.max(d, Math.abs(g1[i] - g2[i]));
  assert.ok(d < 1e-12, `softmax-skipping differs by ${d}`);
});

for (const [name, make, shape, labels] of [
  ['CNN (Conv, BatchNorm, Relu, MaxPool, Gemm)', cnn, [3, 1, 28, 28], [1, 4, 7]],
  ['residual block (Conv, BatchNorm, Relu, Add skip, GlobalAveragePool)', residual, [3, 1, 12, 12], [0, 2, 4]],
] as const) {
  test(`${name}: directional FD`, async (t) => {
    const bytes = make();
    const n = (shape as readonly number[]).reduce((a, b) => a * b, 1);
    const x = normal(9, n, 1);
    const res = await checkDirectional({ bytes, input: 'x', output: 'logits', shape: [...shape], dtype: 'float32' }, x, [...labels], 1e-3, 8, 1);
    t.diagnostic(`${name}: directional rel ${res.rel.toExponential(2)} (‖g‖ ${res.gradNorm.toFixed(3)})`);
    assert.ok(res.gradNorm > 1e-3);
    assert.ok(res.rel < 5e-3, `rel ${res.rel}`);
  });
}

test('mnist-8 (opset 7, fixed batch 1): raised, re-batched, logits bit-identical, FD agrees on jittered digits', async (t) => {
  const bytes = readFileSync(`${FIX}mnist-8/mnist-8.onnx`);
  const X = readNpy(`${FIX}mnist-8/mnist-1000-x.npy`).data as Float32Array;
  const Y = readNpy(`${FIX}mnist-8/mnist-1000-y.npy`).data as BigInt64Array;
  const D = 784;
  const prep = await prepareGradient({
    bytes, wrt: ['Input3'], output: 'Plus214_Output_0', outputKind: 'logits',
    probeFeeds: (n) => ({ Input3: new ort.Tensor('float32', X.slice(0, n * D), [n, 1, 28, 28]) }),
  });
  assert.equal(prep.converted, '7 -> 17');
  assert.equal(prep.batchable, true);
  assert.deepEqual(prep.ops, ['Add', 'Conv', 'MatMul', 'MaxPool', 'Relu', 'Reshape']);
  // logits of the batched gradient model == the shipped model run one image at a time
  const orig = await ort.InferenceSession.create(bytes);
  const gs = await ort.InferenceSession.create(prep.model('ce'));
  const n = 64;
  const lab = new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => Y[i * 15]), [n]);
  const xb = new Float32Array(n * D);
  for (let i = 0; i < n; i++) xb.set(X.subarray(i * 15 * D, i * 15 * D + D), i * D);
  const r = await gs.run({ Input3: new ort.Tensor('float32', xb, [n, 1, 28, 28]), mg_label: lab });
  const zb = r.mg_scores.data as Float32Array;
  const gb = r.mg_grad_0.data as Float32Array;
  let maxG = 0, maxDiff = 0;
  for (let i = 0; i < n; i++) {
    const one = await orig.run({ Input3: new ort.Tensor('float32', xb.slice(i * D, i * D + D), [1, 1, 28, 28]) });
    const z1 = one.Plus214_Output_0.data as Float32Array;
    for (let j = 0; j < 10; j++) assert.equal(zb[i * 10 + j], z1[j], `logit ${i},${j}`);
    // batch-64 gradient == batch-1 gradient
    const r1 = await gs.run({ Input3: new ort.Tensor('float32', xb.slice(i * D, i * D + D), [1, 1, 28, 28]), mg_label: new ort.Tensor('int64', BigInt64Array.of(lab.data[i] as bigint), [1]) });
    const g1 = r1.mg_grad_0.data as Float32Array;
    for (let k = 0; k < D; k++) {
      maxG = Math.max(maxG, Math.abs(g1[k]));
      maxDiff = Math.max(maxDiff, Math.abs(g1[k] - gb[i * D + k]));
    }
  }
  t.diagnostic(`mnist-8 batch 64 vs 64 × batch 1: max |Δg| / max |g| = ${(maxDiff / maxG).toExponential(2)}`);
  assert.ok(maxDiff / maxG < 1e-5);
  await orig.release();
  await gs.release();
  // FD on jittered digits (model with batch 1 for the reference forward passes). The label is a wrong class: on
  // these confidently classified digits the CE gradient of the true class underflows to ~0 (a vacuous check).
  const R = rng(3, 'jitter');
  for (const idx of [0, 250, 777]) {
    const x = Float32Array.from(X.subarray(idx * D, idx * D + D), (v) => Math.min(1, v + 0.05 * R.next()));
    const res = await checkDirectional({ bytes, input: 'Input3', output: 'Plus214_Output_0', shape: [1, 1, 28, 28], dtype: 'float32' }, x, [(Number(Y[idx]) + 1) % 10], 1e-3, 8, idx);
    t.diagnostic(`mnist-8 digit ${idx}: directional rel ${res.rel.toExponential(2)}`);
    assert.ok(res.gradNorm > 1e-4, `vanishing gradient at ${idx}`);
    assert.ok(res.rel < 5e-3, `digit ${idx}: rel ${res.rel}`);
  }
});

test('an op without a gradient rule on the path throws UnsupportedOpError naming it', async () => {
  const bytes = withUnsupportedOp();
  await assert.rejects(
    prepareGradient({ bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', probeFeeds: (n) => ({ x: new ort.Tensor('float32', new Float32Array(4 * n), [n, 4]) }) }),
    (e: unknown) => e instanceof UnsupportedOpError && e.op === UNSUPPORTED_OP && /no gradient rule/.test(e.reason),
  );
});

async function gradOf(bytes: Uint8Array, output: string, kind: 'logits' | 'probabilities', x: Float64Array, shape: number[], labels: number[], dtype: 'float64'): Promise<Float64Array> {
  const prep = await prepareGradient({
    bytes, wrt: ['x'], output, outputKind: kind,
    probeFeeds: (n) => ({ x: new ort.Tensor(dtype, x.slice(0, n * shape[1]), [n, shape[1]]) }),
  });
  const s = await ort.InferenceSession.create(prep.model('ce'));
  const r = await s.run({ x: new ort.Tensor(dtype, x, shape), mg_label: new ort.Tensor('int64', BigInt64Array.from(labels.map(BigInt)), [labels.length]) });
  await s.release();
  return r.mg_grad_0.data as Float64Array;
}

/** The same model with the final Softmax replaced by Identity (its logits as output `logits_ref`). */
function stripSoftmax(bytes: Uint8Array): Uint8Array {
  // decode/encode through the codec: rename the Softmax node to Identity
  return rewrite(bytes, (m) => {
    const n = m.graph!.node.find((x) => x.opType === 'Softmax')!;
    n.opType = 'Identity';
    n.attribute = [];
    n.output = ['logits_ref'];
    m.graph!.output[0].name = 'logits_ref';
  });
}

import { decodeModel, encodeModel, type ModelProto } from '../../src/model/onnx/proto.ts';
function rewrite(bytes: Uint8Array, f: (m: ModelProto) => void): Uint8Array {
  const m = decodeModel(bytes);
  f(m);
  return encodeModel(m);
}
