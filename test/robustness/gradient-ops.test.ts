/**
 * Gradient correctness for every op the builder supports: single-op graphs (built with the project's
 * GraphBuilder) followed by a fixed random linear head to 4 classes, cross-entropy on fixed labels, compared
 * with per-coordinate central finite differences of the ORIGINAL forward model over every input coordinate.
 *
 * float64 graphs (ops with float64 kernels in onnxruntime's CPU provider): h = 1e-5, tolerance 1e-6 relative
 * (truncation error ≈ h²·|L'''| ≈ 1e-10, rounding ≈ 1e-16/h ≈ 1e-11).
 * float32 graphs (Conv, ConvTranspose, AveragePool, MaxPool, LeakyRelu: float-only kernels): h = 1e-2 with the CE
 * of the float32 logits computed in float64, tolerance 2e-3: rounding of the logits (|z| ≲ 3, ulp/2 ≈ 1.2e-7)
 * gives ≈ 2·1.2e-7/0.02 ≈ 1.2e-5, curvature h²·|L'''|/6 ≈ 2e-5 relative, so 2e-3 leaves a wide margin while a wrong
 * padding, stride or index rule gives errors of order 1. MaxPool inputs are a permutation of well separated
 * values (spacing 0.05 > 2h) so no window has a tie or a near tie.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, GraphBuilder } from '../../src/model/onnx/builder.ts';
import { prepareGradient } from '../../src/model/gradient/index.ts';
import { buildCase, checkCases, i64, type Case } from './gradient-cases.ts';
import { checkGradient } from './gradcheck.ts';

const CASES: Case[] = [
  // linear algebra
  { name: 'Gemm', dtype: 'float64', shape: [2, 5], build: (g, x, a) => g.node('Gemm', [x, a('B', [5, 6]), a('C', [6])], { alpha: attr.f(0.7), beta: attr.f(1.3) }) },
  { name: 'Gemm-transB-C[1,N]', dtype: 'float64', shape: [2, 5], build: (g, x, a) => g.node('Gemm', [x, a('B', [6, 5]), a('C', [1, 6])], { transB: 1 }) },
  { name: 'Gemm-transA', dtype: 'float64', shape: [2, 5], build: (g, x, a) => g.node('Gemm', [g.node('Transpose', [x], { perm: [1, 0] }), a('B', [5, 3])], { transA: 1 }) },
  { name: 'MatMul', dtype: 'float64', shape: [2, 5], build: (g, x, a) => g.node('MatMul', [x, a('W', [5, 3])]) },
  { name: 'MatMul-3d', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('MatMul', [x, a('W', [4, 5])]) },
  { name: 'MatMul-1d-right', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('MatMul', [x, a('w', [4])]) },
  { name: 'MatMul-both-active', dtype: 'float64', shape: [2, 3, 3], build: (g, x) => g.node('MatMul', [x, g.node('Transpose', [x], { perm: [0, 2, 1] })]) },
  // elementwise with broadcasting
  { name: 'Add-broadcast', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Add', [x, a('c', [3, 1])]) },
  { name: 'Sub-x-second', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Sub', [a('c', [1, 4]), x]) },
  { name: 'Mul-broadcast', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Mul', [a('c', [3, 1]), x]) },
  { name: 'Mul-fanout', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Mul', [x, g.node('Tanh', [x])]) },
  { name: 'Div-numerator', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Div', [x, g.node('Add', [g.node('Abs', [a('c', [4])]), a('one', [1], 0)]) ]) },
  { name: 'Div-denominator', dtype: 'float64', shape: [2, 6], input: 'positive', build: (g, x, a) => g.node('Div', [a('c', [6]), x]) },
  { name: 'Sum', dtype: 'float64', shape: [2, 6], build: (g, x, a) => g.node('Sum', [x, a('c', [6]), g.node('Neg', [x]), g.node('Tanh', [x])]) },
  { name: 'Neg', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Neg', [x]) },
  { name: 'Relu', dtype: 'float64', shape: [2, 8], build: (g, x) => g.node('Relu', [x]) },
  { name: 'LeakyRelu', dtype: 'float32', shape: [2, 8], build: (g, x) => g.node('LeakyRelu', [x], { alpha: attr.f(0.2) }) },
  { name: 'Sigmoid', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Sigmoid', [x]) },
  { name: 'Tanh', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Tanh', [x]) },
  { name: 'Exp', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Exp', [x]) },
  { name: 'Log', dtype: 'float64', shape: [2, 6], input: 'positive', build: (g, x) => g.node('Log', [x]) },
  { name: 'Sqrt', dtype: 'float64', shape: [2, 6], input: 'positive', build: (g, x) => g.node('Sqrt', [x]) },
  { name: 'Softmax-inner', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('Softmax', [x], { axis: 1 }) },
  { name: 'LogSoftmax', dtype: 'float64', shape: [2, 5], build: (g, x) => g.node('LogSoftmax', [x], { axis: -1 }) },
  { name: 'Clip', dtype: 'float64', shape: [2, 8], build: (g, x) => g.node('Clip', [x, g.constant('lo', Float64Array.of(-0.3), []), g.constant('hi', Float64Array.of(0.4), [])]) },
  // convolutions and pooling
  { name: 'Conv-stride2-pad1', dtype: 'float32', shape: [2, 3, 7, 7], build: (g, x, a) => g.node('Conv', [x, a('W', [4, 3, 3, 3]), a('b', [4])], { strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'Conv-SAME_UPPER-odd', dtype: 'float32', shape: [2, 2, 6, 7], build: (g, x, a) => g.node('Conv', [x, a('W', [3, 2, 4, 3])], { strides: [2, 3], auto_pad: 'SAME_UPPER' }) },
  { name: 'Conv-SAME_LOWER', dtype: 'float32', shape: [2, 2, 6, 6], build: (g, x, a) => g.node('Conv', [x, a('W', [3, 2, 2, 2])], { auto_pad: 'SAME_LOWER' }) },
  { name: 'Conv-asym-pads', dtype: 'float32', shape: [2, 2, 6, 6], build: (g, x, a) => g.node('Conv', [x, a('W', [3, 2, 3, 3])], { pads: [0, 1, 1, 2], strides: [2, 2] }) },
  { name: 'Conv-dilation2', dtype: 'float32', shape: [2, 2, 8, 8], build: (g, x, a) => g.node('Conv', [x, a('W', [2, 2, 3, 3])], { dilations: [2, 2] }) },
  { name: 'Conv-group3', dtype: 'float32', shape: [2, 3, 6, 6], build: (g, x, a) => g.node('Conv', [x, a('W', [6, 1, 3, 3])], { group: 3, pads: [1, 1, 1, 1] }) },
  { name: 'Conv-1d', dtype: 'float32', shape: [2, 3, 9], build: (g, x, a) => g.node('Conv', [x, a('W', [2, 3, 3])], { strides: [2] }) },
  { name: 'ConvTranspose', dtype: 'float32', shape: [2, 3, 4, 4], build: (g, x, a) => g.node('ConvTranspose', [x, a('W', [3, 2, 3, 3])], { strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'MaxPool-k2s2', dtype: 'float32', shape: [2, 2, 6, 6], input: 'distinct', build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] }) },
  { name: 'MaxPool-k3s2p1-overlap', dtype: 'float32', shape: [2, 2, 7, 7], input: 'distinct', build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'MaxPool-ceil', dtype: 'float32', shape: [2, 1, 7, 7], input: 'distinct', build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }) },
  { name: 'MaxPool-k3s3-floor', dtype: 'float32', shape: [2, 2, 8, 8], input: 'distinct', build: (g, x) => g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [3, 3] }) },
  { name: 'AveragePool-excl-pad', dtype: 'float32', shape: [2, 2, 7, 7], build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'AveragePool-incl-pad', dtype: 'float32', shape: [2, 2, 7, 7], build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }) },
  { name: 'AveragePool-k2s2', dtype: 'float32', shape: [2, 2, 6, 6], build: (g, x) => g.node('AveragePool', [x], { kernel_shape: [2, 2], strides: [2, 2] }) },
  { name: 'GlobalAveragePool', dtype: 'float32', shape: [2, 3, 4, 5], build: (g, x) => g.node('GlobalAveragePool', [x]) },
  { name: 'BatchNormalization', dtype: 'float64', shape: [2, 3, 4, 4], build: (g, x, a) => g.node('BatchNormalization', [x, a('s', [3]), a('b', [3]), a('m', [3]), g.node('Add', [g.node('Abs', [a('v', [3])]), a('vc', [1], 0)])], { epsilon: attr.f(1e-3) }) },
  // shape ops
  { name: 'Flatten', dtype: 'float64', shape: [2, 3, 2, 2], build: (g, x) => g.node('Relu', [g.node('Flatten', [x], { axis: 1 })]) },
  { name: 'Reshape', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('Reshape', [x, i64(g, 'shp', [0, 4, 3])]) },
  { name: 'Reshape-shape-subgraph', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => {
    const s = g.node('Shape', [x]);
    const b = g.node('Slice', [s, i64(g, 's0', [0]), i64(g, 's1', [1])]);
    return g.node('Reshape', [x, g.node('Concat', [b, i64(g, 'm1', [-1])], { axis: 0 })]);
  } },
  { name: 'Transpose', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('Transpose', [x], { perm: [0, 2, 1] }) },
  { name: 'Squeeze-Unsqueeze', dtype: 'float64', shape: [2, 1, 5], build: (g, x) => g.node('Unsqueeze', [g.node('Squeeze', [x, i64(g, 'ax', [1])]), i64(g, 'ax2', [2])]) },
  { name: 'Identity-Dropout', dtype: 'float64', shape: [2, 5], build: (g, x) => g.node('Dropout', [g.node('Identity', [x])]) },
  { name: 'Concat', dtype: 'float64', shape: [2, 3, 2], build: (g, x, a) => g.node('Concat', [x, g.node('Mul', [a('c', [1, 2, 2]), g.node('Slice', [x, i64(g, 'a', [1]), i64(g, 'b', [3]), i64(g, 'c2', [1])])]), x], { axis: 1 }) },
  { name: 'Slice-neg', dtype: 'float64', shape: [2, 5, 4], build: (g, x) => g.node('Slice', [x, i64(g, 'st', [1, -3]), i64(g, 'en', [-1, 100]), i64(g, 'ax', [1, 2]), i64(g, 'sp', [1, 1])]) },
  { name: 'Gather-1d', dtype: 'float64', shape: [2, 5, 3], build: (g, x) => g.node('Gather', [x, i64(g, 'idx', [4, 0, -1, 2])], { axis: 1 }) },
  { name: 'Gather-scalar', dtype: 'float64', shape: [2, 5, 3], build: (g, x) => g.node('Gather', [x, g.initializer('i', BigInt64Array.of(2n), [])], { axis: 2 }) },
  { name: 'Pad', dtype: 'float64', shape: [2, 2, 3], build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 1, 2, 0, 0, 1])]) },
  { name: 'Constant', dtype: 'float64', shape: [2, 4], build: (g, x) => g.node('Mul', [x, g.constant('k', Float64Array.of(1, -2, 3, 0.5), [4])]) },
  { name: 'ReduceMean', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('ReduceMean', [x], { axes: [2], keepdims: 0 }) },
  { name: 'ReduceSum', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('ReduceSum', [x, i64(g, 'ax', [1])], { keepdims: 1 }) },
  { name: 'Cast-f32-f64', dtype: 'float32', shape: [2, 5], build: (g, x) => g.node('Cast', [g.node('Tanh', [g.node('Cast', [x], { to: 11 })])], { to: 1 }) },
];

checkCases(CASES);

test('margin and DLR losses: gradient matches finite differences (float64 MLP)', async () => {
  const c: Case = { name: 'mlp-losses', dtype: 'float64', shape: [2, 6], build: (g, x, a) => g.node('Tanh', [g.node('Gemm', [x, a('W', [6, 7]), a('b', [7])])]) };
  const { model, x } = await buildCase(c);
  for (const loss of ['margin', 'dlr'] as const) {
    const res = await checkGradient(model, x, [0, 2], 1e-6, loss);
    assert.ok(res.maxAbsGrad > 1e-4);
    assert.ok(res.rel < 1e-5, `${loss}: relative error ${res.rel}`);
    assert.ok(res.lossDiff < 1e-9, `${loss}: loss differs by ${res.lossDiff}`);
  }
});

test('Clip (Relu6) at its bounds: gradient 0 exactly at min and max, as PyTorch hardtanh, dY strictly inside', async () => {
  // x [1, 6] -> Clip(0, 6) -> MatMul to 2 classes: dLoss/dx_i = mask_i · (W·(p − onehot))_i
  const g = new GraphBuilder('clip-bounds');
  const x = g.input('x', 'float64', ['N', 6]);
  const c = g.node('Clip', [x, g.constant('lo', Float64Array.of(0), []), g.constant('hi', Float64Array.of(6), [])]);
  const w = g.initializer('W', Float64Array.from({ length: 12 }, (_, i) => (i % 5) - 2.5), [6, 2]);
  g.output(g.node('MatMul', [c, w], {}, { outputs: ['logits'] }), 'float64', ['N', 2]);
  const bytes = g.toModel({ opset: 17 });
  const xs = Float64Array.of(-1, 0, 0.5, 3, 6, 7);
  const prep = await prepareGradient({ bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', probeFeeds: (n) => ({ x: new ort.Tensor('float64', new Float64Array(n * 6).fill(1), [n, 6]) }) });
  const s = await ort.InferenceSession.create(prep.model('ce'));
  const r = await s.run({ x: new ort.Tensor('float64', xs, [1, 6]), mg_label: new ort.Tensor('int64', BigInt64Array.of(0n), [1]) }, ['mg_grad_0']);
  const gr = Array.from(r.mg_grad_0.data as Float64Array);
  // outside and AT the bounds: exactly 0; strictly inside: the upstream gradient (nonzero here)
  assert.deepEqual([gr[0], gr[1], gr[4], gr[5]], [0, 0, 0, 0]);
  assert.ok(gr[2] !== 0 && gr[3] !== 0, JSON.stringify(gr));
  await s.release();
});
