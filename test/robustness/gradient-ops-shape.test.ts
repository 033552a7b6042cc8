/**
 * Gradient correctness for the transformer-era ops (LayerNormalization, reductions with axes as an input,
 * ReduceMax, Split, batched/broadcast MatMul, Einsum, Pad reflect/edge): the single-op harness of
 * gradient-cases.ts (central finite differences of the original forward model; tolerances as in
 * gradient-ops.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { prepareGradient, UnsupportedOpError } from '../../src/model/gradient/index.ts';
import { attr } from '../../src/model/onnx/builder.ts';
import { buildCase, checkCases, i64, type Case } from './gradient-cases.ts';

const CASES: Case[] = [
  // LayerNormalization (opset 17), gradient with respect to X (scale and bias constant)
  { name: 'LayerNormalization-axis-1', dtype: 'float64', shape: [2, 3, 5], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [5]), a('b', [5])], { axis: -1, epsilon: attr.f(1e-5) }) },
  { name: 'LayerNormalization-axis-1', dtype: 'float32', shape: [2, 3, 5], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [5]), a('b', [5])], { axis: -1 }) },
  { name: 'LayerNormalization-axis-2', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [3, 4]), a('b', [3, 4])], { axis: -2 }) },
  { name: 'LayerNormalization-axis-2', dtype: 'float32', shape: [2, 3, 4], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [3, 4]), a('b', [3, 4])], { axis: -2 }) },
  // reductions: axes as an input (opset 18), ReduceMax (distinct inputs: no ties), ReduceL2
  { name: 'ReduceMean-axes-input-op18', dtype: 'float64', shape: [2, 3, 4], opset: 18, build: (g, x) => g.node('ReduceMean', [x, i64(g, 'ax', [-1])], { keepdims: 0 }) },
  { name: 'ReduceMean-axes-input-op18', dtype: 'float32', shape: [2, 3, 4], opset: 18, build: (g, x) => g.node('ReduceMean', [x, i64(g, 'ax', [1, 2])], { keepdims: 1 }) },
  { name: 'ReduceSum-op18', dtype: 'float64', shape: [2, 3, 4], opset: 18, build: (g, x) => g.node('ReduceSum', [x, i64(g, 'ax', [1])], { keepdims: 0 }) },
  { name: 'ReduceMax-attr-keepdims0', dtype: 'float64', shape: [2, 3, 4], input: 'distinct', build: (g, x) => g.node('ReduceMax', [x], { axes: [2], keepdims: 0 }) },
  { name: 'ReduceMax-attr-keepdims0', dtype: 'float32', shape: [2, 3, 4], input: 'distinct', build: (g, x) => g.node('ReduceMax', [x], { axes: [2], keepdims: 0 }) },
  { name: 'ReduceMax-axes-input-op18', dtype: 'float64', shape: [2, 3, 4], input: 'distinct', opset: 18, build: (g, x) => g.node('ReduceMax', [x, i64(g, 'ax', [1])], { keepdims: 1 }) },
  { name: 'ReduceL2', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('ReduceL2', [x], { axes: [-1], keepdims: 0 }) },
  { name: 'ReduceL2-op18', dtype: 'float32', shape: [2, 3, 4], opset: 18, build: (g, x) => g.node('ReduceL2', [x, i64(g, 'ax', [1])], { keepdims: 1 }) },
  // Split: several outputs carry gradients; unused outputs get zeros (first output unused in the opset-18 case)
  { name: 'Split-op13-split-input', dtype: 'float64', shape: [2, 6, 3], opset: 13, build: (g, x, a) => {
    const [o0, , o2] = g.nodeMulti('Split', [x, i64(g, 'sp', [1, 2, 3])], { axis: 1 }, { outputs: 3 });
    return g.node('Concat', [g.node('Tanh', [o2]), g.node('Mul', [o0, a('c', [1, 1, 3])]), o0], { axis: 1 });
  } },
  { name: 'Split-op18-num_outputs', dtype: 'float64', shape: [2, 3, 6], opset: 18, build: (g, x) => {
    const [, o1, o2] = g.nodeMulti('Split', [x], { axis: -1, num_outputs: 3 }, { outputs: 3 });
    return g.node('Mul', [o1, g.node('Tanh', [o2])]);
  } },
  { name: 'Split-op18-num_outputs', dtype: 'float32', shape: [2, 3, 6], opset: 18, build: (g, x) => {
    const [o0, o1] = g.nodeMulti('Split', [x], { axis: 2, num_outputs: 3 }, { outputs: 3 });
    return g.node('Sub', [o1, g.node('Sigmoid', [o0])]);
  } },
  // Squeeze/Unsqueeze (shape.ts: a Reshape back to X's shape, whatever the axes form)
  { name: 'Squeeze-Unsqueeze-op13-axes-input', dtype: 'float64', shape: [2, 1, 5, 1], opset: 13, build: (g, x) => g.node('Unsqueeze', [g.node('Squeeze', [x, i64(g, 'ax', [1, -1])]), i64(g, 'ax2', [-1, 1])]) },
  { name: 'Squeeze-Unsqueeze-op11-attr', dtype: 'float64', shape: [2, 1, 5], opset: 11, build: (g, x) => g.node('Unsqueeze', [g.node('Tanh', [g.node('Squeeze', [x], { axes: [1] })])], { axes: [2] }) },
  // batched MatMul with broadcasting, both operands active (attention)
  { name: 'MatMul-QKt-both-active-4d', dtype: 'float64', shape: [2, 2, 3, 4], build: (g, x, a) => {
    const q = g.node('MatMul', [x, a('Wq', [4, 4])]);
    const k = g.node('MatMul', [x, a('Wk', [4, 4])]);
    return g.node('MatMul', [q, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })]);
  } },
  { name: 'MatMul-QKt-both-active-4d', dtype: 'float32', shape: [2, 2, 3, 4], build: (g, x, a) => {
    const q = g.node('MatMul', [x, a('Wq', [4, 4])]);
    const k = g.node('MatMul', [x, a('Wk', [4, 4])]);
    return g.node('MatMul', [q, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })]);
  } },
  { name: 'MatMul-attention-softmax-V', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => {
    const q = g.node('MatMul', [x, a('Wq', [4, 4])]);
    const k = g.node('MatMul', [x, a('Wk', [4, 4])]);
    const v = g.node('MatMul', [x, a('Wv', [4, 4])]);
    const s0 = g.node('Mul', [g.node('MatMul', [q, g.node('Transpose', [k], { perm: [0, 2, 1] })]), g.constant('sc', Float64Array.of(0.5), [])]);
    return g.node('MatMul', [g.node('Softmax', [s0], { axis: -1 }), v]);
  } },
  { name: 'MatMul-3d@2d', dtype: 'float32', shape: [2, 3, 4], build: (g, x, a) => g.node('MatMul', [x, a('W', [4, 5])]) },
  { name: 'MatMul-[1,h,n,d]@[B,h,d,m]', dtype: 'float64', shape: [2, 2, 4, 3], build: (g, x, a) => g.node('MatMul', [a('A', [1, 2, 3, 4]), x]) },
  { name: 'MatMul-[B,h,n,d]@[1,h,d,m]', dtype: 'float64', shape: [2, 2, 3, 4], build: (g, x, a) => g.node('MatMul', [x, a('W', [1, 2, 4, 3])]) },
  { name: 'MatMul-[B,h,n,d]@[h,d,m]', dtype: 'float32', shape: [2, 2, 3, 4], build: (g, x, a) => g.node('MatMul', [x, a('W', [2, 4, 3])]) },
  { name: 'MatMul-[B,1,n,d]@[B,h,d,m]-both', dtype: 'float64', shape: [2, 1, 3, 4], build: (g, x, a) => {
    const r = g.node('Tanh', [g.node('Transpose', [g.node('Mul', [x, a('c', [2, 1, 1])]), ], { perm: [0, 1, 3, 2] })]);
    return g.node('MatMul', [x, r]);
  } },
  // Einsum, the equations torch emits for attention and batched products
  { name: 'Einsum-bhid,bhjd->bhij-both', dtype: 'float64', shape: [2, 2, 3, 4], build: (g, x, a) => {
    const k = g.node('MatMul', [x, a('Wk', [4, 4])]);
    return g.node('Einsum', [x, k], { equation: 'bhid,bhjd->bhij' });
  } },
  { name: 'Einsum-bhid,bhjd->bhij-both', dtype: 'float32', shape: [2, 2, 3, 4], build: (g, x, a) => {
    const k = g.node('MatMul', [x, a('Wk', [4, 4])]);
    return g.node('Einsum', [x, k], { equation: 'bhid,bhjd->bhij' });
  } },
  { name: 'Einsum-bhij,bhjd->bhid', dtype: 'float64', shape: [2, 2, 3, 3], build: (g, x, a) => g.node('Einsum', [g.node('Softmax', [x], { axis: -1 }), g.node('Tanh', [g.node('Transpose', [x], { perm: [0, 1, 3, 2] })])], { equation: 'bhij,bhjd->bhid' }) },
  { name: 'Einsum-bij,bjk->bik', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Einsum', [x, g.node('Tanh', [g.node('Transpose', [x], { perm: [0, 2, 1] })])], { equation: 'bij,bjk->bik' }) },
  { name: 'Einsum-ij,jk->ik', dtype: 'float64', shape: [2, 5], build: (g, x, a) => g.node('Einsum', [x, a('W', [5, 3])], { equation: 'ij,jk->ik' }) },
  { name: 'Einsum-ij,jk->ik', dtype: 'float32', shape: [2, 5], build: (g, x, a) => g.node('Einsum', [x, a('W', [5, 3])], { equation: 'ij,jk->ik' }) },
  { name: 'Einsum-bij->bj-summed-letter', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('Einsum', [g.node('Tanh', [x])], { equation: 'bij -> bj' }) },
  { name: 'Einsum-implicit-bij,jk', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Einsum', [x, a('W', [4, 2])], { equation: 'bij,jk' }) },
  // Pad: reflect, edge (and wrap, opset 19) on several axes at once
  { name: 'Pad-reflect', dtype: 'float64', shape: [2, 2, 4, 5], build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 0, 1, 2, 0, 0, 3, 1])], { mode: 'reflect' }) },
  { name: 'Pad-reflect', dtype: 'float32', shape: [2, 2, 4, 5], build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 0, 1, 2, 0, 0, 3, 1])], { mode: 'reflect' }) },
  { name: 'Pad-edge', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 2, 1, 0, 1, 3])], { mode: 'edge' }) },
  { name: 'Pad-edge', dtype: 'float32', shape: [2, 3, 4], build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 2, 1, 0, 1, 3])], { mode: 'edge' }) },
  { name: 'Pad-wrap-op19', dtype: 'float32', shape: [2, 3, 4], opset: 19, build: (g, x) => g.node('Pad', [x, i64(g, 'pads', [0, 1, 2, 0, 2, 3])], { mode: 'wrap' }) },
];

checkCases(CASES);

test('Einsum equations outside the rule (ellipsis, diagonal) are UnsupportedOpError naming the equation', async () => {
  for (const equation of ['...ij->...ji', 'bii->bi']) {
    const { model, x } = await buildCase({ name: `einsum-${equation}`, dtype: 'float64', shape: [2, 3, 3], build: (g, xx) => g.node('Einsum', [xx], { equation }) });
    const per = x.length / 2;
    const probeFeeds = (k: number): Record<string, ort.Tensor> => ({ x: new ort.Tensor('float64', Float64Array.from({ length: k * per }, (_, i) => x[i % per]), [k, 3, 3]) });
    const prep = await prepareGradient({ bytes: model.bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', probeFeeds });
    assert.throws(() => prep.model('ce'), (e: unknown) => e instanceof UnsupportedOpError && (e as Error).message.includes(`"${equation}"`));
  }
});
