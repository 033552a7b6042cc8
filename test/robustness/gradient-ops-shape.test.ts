/**
 * Gradient correctness for the transformer-era ops (LayerNormalization, reductions with axes as an input,
 * ReduceMax, Split, batched/broadcast MatMul, Einsum, Pad reflect/edge): the single-op harness of
 * gradient-cases.ts (central finite differences of the original forward model; tolerances as in
 * gradient-ops.test.ts).
 */
import { attr } from '../../src/model/onnx/builder.ts';
import { checkCases, i64, type Case } from './gradient-cases.ts';

const CASES: Case[] = [
  // LayerNormalization (opset 17), gradient with respect to X (scale and bias constant)
  { name: 'LayerNormalization-axis-1', dtype: 'float64', shape: [2, 3, 5], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [5]), a('b', [5])], { axis: -1, epsilon: attr.f(1e-5) }) },
  { name: 'LayerNormalization-axis-1', dtype: 'float32', shape: [2, 3, 5], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [5]), a('b', [5])], { axis: -1 }) },
  { name: 'LayerNormalization-axis-2', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [3, 4]), a('b', [3, 4])], { axis: -2 }) },
  { name: 'LayerNormalization-axis-2', dtype: 'float32', shape: [2, 3, 4], build: (g, x, a) => g.node('LayerNormalization', [x, a('s', [3, 4]), a('b', [3, 4])], { axis: -2 }) },
];

checkCases(CASES);
