/**
 * Gradient checks (central finite differences, see gradient-ops.test.ts for the method and tolerances) for the
 * ops of rules/math.ts and rules/select.ts: Pow, Reciprocal, Abs, Max, Min, Erf, Gelu, HardSigmoid, HardSwish,
 * Softplus, Elu, Selu, Where, Expand, Tile, CumSum, and the PyTorch export patterns that use them (LayerNorm at
 * opset 13, Erf-GELU, attention masks).
 *
 * Erf, Gelu, HardSigmoid, HardSwish, Softplus, Elu and Selu have float-only kernels in onnxruntime's CPU provider,
 * so they are checked in float32 only. The piecewise ops are checked on inputs away from their kinks: `distinct`
 * inputs are multiples of 0.05, scaled or shifted so that no input lies within the finite-difference step of a kink.
 */
import { attr, type GraphBuilder } from '../../src/model/onnx/builder.ts';
import { checkCases, i64, type Case, type DT } from './gradient-cases.ts';

const k = (g: GraphBuilder, name: string, dt: DT, v: number[], dims: number[] = [v.length]): string =>
  g.constant(name, dt === 'float64' ? Float64Array.from(v) : Float32Array.from(v), dims);

/** The case in float64 and in float32 (its constants in the case's type). */
const both = (f: (dt: DT) => Omit<Case, 'dtype'>): Case[] => (['float64', 'float32'] as const).map((dt) => ({ ...f(dt), dtype: dt }));

/** torch.nn.LayerNorm over the last axis as exported at opset 13. */
const layerNorm = (dt: DT) => (g: GraphBuilder, x: string, a: (n: string, d: number[], s?: number) => string): string => {
  const mu = g.node('ReduceMean', [x], { axes: [-1] });
  const d = g.node('Sub', [x, mu]);
  const v = g.node('ReduceMean', [g.node('Pow', [d, k(g, 'two', dt, [2], [])])], { axes: [-1] });
  const y = g.node('Div', [d, g.node('Sqrt', [g.node('Add', [v, k(g, 'eps', dt, [1e-5], [])])])]);
  return g.node('Add', [g.node('Mul', [y, a('gamma', [5])]), a('beta', [5])]);
};

const CASES: Case[] = [
  // Pow
  ...both((dt) => ({ name: 'Pow-scalar-2', shape: [2, 6], build: (g, x) => g.node('Pow', [x, k(g, 'p', dt, [2], [])]) })),
  ...both((dt) => ({ name: 'Pow-scalar-3', shape: [2, 6], build: (g, x) => g.node('Pow', [x, k(g, 'p', dt, [3], [])]) })),
  ...both((dt) => ({ name: 'Pow-scalar-0.5', shape: [2, 6], input: 'positive', build: (g, x) => g.node('Pow', [x, k(g, 'p', dt, [0.5], [])]) })),
  ...both((dt) => ({ name: 'Pow-tensor-const', shape: [2, 6], input: 'positive', build: (g, x) => g.node('Pow', [x, k(g, 'p', dt, [2, 0.5, 3, 1.5, -1, 2.5])]) })),
  { name: 'Pow-int64-exponent', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Pow', [x, g.initializer('p', BigInt64Array.of(3n), [])]) },
  ...both(() => ({ name: 'Pow-exponent-from-x', shape: [2, 6], input: 'positive', build: (g, x, a) => g.node('Pow', [x, g.node('Mul', [x, a('c', [6])])]) })),
  ...both((dt) => ({ name: 'Pow-const-base', shape: [2, 6], build: (g, x) => g.node('Pow', [k(g, 'b', dt, [0.5, 1.5, 2, 3, 0.8, 1.2]), x]) })),
  { name: 'LayerNorm-opset13', dtype: 'float64', shape: [2, 3, 5], opset: 13, build: layerNorm('float64') },
  { name: 'LayerNorm-opset13', dtype: 'float32', shape: [2, 3, 5], opset: 13, build: layerNorm('float32') },
  // Reciprocal, Erf, Gelu
  ...both(() => ({ name: 'Reciprocal', shape: [2, 6], input: 'positive', build: (g, x) => g.node('Reciprocal', [x]) })),
  { name: 'Erf', dtype: 'float32', shape: [2, 6], build: (g, x) => g.node('Erf', [x]) },
  { name: 'GELU-erf-opset13', dtype: 'float32', shape: [2, 6], opset: 13, build: (g, x) => {
    const e = g.node('Erf', [g.node('Div', [x, k(g, 'r2', 'float32', [Math.SQRT2], [])])]);
    return g.node('Mul', [g.node('Mul', [x, g.node('Add', [e, k(g, 'one', 'float32', [1], [])])]), k(g, 'half', 'float32', [0.5], [])]);
  } },
  { name: 'Gelu-none', dtype: 'float32', shape: [2, 8], opset: 20, build: (g, x) => g.node('Gelu', [g.node('Mul', [x, k(g, 's', 'float32', [2], [])])]) },
  { name: 'Gelu-tanh', dtype: 'float32', shape: [2, 8], opset: 20, build: (g, x) => g.node('Gelu', [g.node('Mul', [x, k(g, 's', 'float32', [2], [])])], { approximate: 'tanh' }) },
  // HardSigmoid, HardSwish (distinct inputs ×7: multiples of 0.35 in [−4.2, 3.85], ≥ 0.15 from the kinks ±3;
  // ×6: multiples of 0.3, ≥ 0.1 from ±2.5; the step h = 0.01 becomes 0.07 / 0.06)
  { name: 'HardSigmoid-torch', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('HardSigmoid', [g.node('Mul', [x, k(g, 's', 'float32', [7], [])])], { alpha: attr.f(1 / 6), beta: attr.f(0.5) }) },
  { name: 'HardSigmoid-default', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('HardSigmoid', [g.node('Mul', [x, k(g, 's', 'float32', [6], [])])]) },
  { name: 'HardSwish', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('HardSwish', [g.node('Mul', [x, k(g, 's', 'float32', [7], [])])]) },
  // Softplus, Elu, Selu (Elu/Selu inputs shifted by 0.025: none within 0.025 of the kink at 0)
  { name: 'Softplus', dtype: 'float32', shape: [2, 6], build: (g, x) => g.node('Softplus', [g.node('Mul', [x, k(g, 's', 'float32', [2], [])])]) },
  { name: 'Elu', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('Elu', [g.node('Mul', [g.node('Add', [x, k(g, 'o', 'float32', [0.025], [])]), k(g, 's', 'float32', [4], [])])], { alpha: attr.f(0.7) }) },
  { name: 'Selu', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('Selu', [g.node('Mul', [g.node('Add', [x, k(g, 'o', 'float32', [0.025], [])]), k(g, 's', 'float32', [4], [])])]) },
  // Abs, Max, Min
  { name: 'Abs', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Abs', [x]) },
  { name: 'Abs', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('Abs', [g.node('Add', [x, k(g, 'o', 'float32', [0.025], [])])]) },
  { name: 'Max-broadcast', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Max', [x, a('c', [3, 1])]) },
  { name: 'Max-3-inputs', dtype: 'float64', shape: [2, 6], build: (g, x, a) => g.node('Max', [x, g.node('Neg', [g.node('Mul', [x, x])]), a('c', [6])]) },
  { name: 'Min-broadcast', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => g.node('Min', [a('c', [4]), x]) },
  { name: 'Min-x-twice', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Min', [g.node('Tanh', [x]), g.node('Mul', [x, k(g, 'h', 'float64', [0.5], [])])]) },
  // an exact tie everywhere: max(x, x) = x has slope 1, so dY must go to one of the tied inputs, not to both
  { name: 'Max-tie-x-x', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Max', [x, x]) },
  { name: 'Min-tie', dtype: 'float64', shape: [2, 6], build: (g, x) => g.node('Min', [x, g.node('Identity', [x]), g.node('Add', [x, k(g, 'o', 'float64', [0.5], [])])]) },
  { name: 'Max', dtype: 'float32', shape: [2, 12], input: 'distinct', build: (g, x) => g.node('Max', [g.node('Add', [x, k(g, 'o', 'float32', [0.025], [])]), k(g, 'c', 'float32', [0.1], [])]) },
  // Where, Expand, Tile, CumSum
  ...both(() => ({ name: 'Where-const-cond', shape: [2, 6], build: (g, x, a) => g.node('Where', [g.node('Greater', [a('c', [6]), a('z', [1], 0)]), x, g.node('Tanh', [x])]) })),
  { name: 'Where-input-cond', dtype: 'float64', shape: [2, 6], build: (g, x, a) => g.node('Where', [g.node('Greater', [x, a('z', [1], 0)]), g.node('Mul', [x, x]), a('c', [6])]) },
  { name: 'Where-attention-mask', dtype: 'float64', shape: [2, 3, 4], build: (g, x, a) => {
    const mask = g.node('Less', [a('m', [3, 4]), a('z', [1], 0)]);
    return g.node('Softmax', [g.node('Where', [mask, k(g, 'ninf', 'float64', [-1e4], []), x])], { axis: -1 });
  } },
  ...both(() => ({ name: 'Expand', shape: [2, 1, 4], build: (g, x) => g.node('Expand', [x, i64(g, 'shp', [3, 1])]) })),
  { name: 'Expand-after-Unsqueeze', dtype: 'float64', shape: [2, 4], build: (g, x) => g.node('Expand', [g.node('Unsqueeze', [x, i64(g, 'ax', [1])]), i64(g, 'shp', [1, 3, 1])]) },
  ...both(() => ({ name: 'Tile', shape: [2, 2, 3], build: (g, x) => g.node('Tile', [x, i64(g, 'r', [1, 2, 3])]) })),
  { name: 'Tile-last-only', dtype: 'float64', shape: [2, 3], build: (g, x) => g.node('Mul', [g.node('Tile', [x, i64(g, 'r', [1, 2])]), k(g, 'c', 'float64', [1, 2, 3, -1, -2, 0.5])]) },
  ...both(() => ({ name: 'CumSum', shape: [2, 5], build: (g, x) => g.node('CumSum', [g.node('Mul', [x, x]), g.initializer('ax', BigInt64Array.of(1n), [])]) })),
  { name: 'CumSum-exclusive', dtype: 'float64', shape: [2, 5], build: (g, x) => g.node('CumSum', [g.node('Mul', [x, x]), g.initializer('ax', BigInt64Array.of(-1n), [])], { exclusive: 1 }) },
  { name: 'CumSum-reverse', dtype: 'float64', shape: [2, 3, 4], build: (g, x) => g.node('CumSum', [g.node('Mul', [x, x]), g.initializer('ax', BigInt64Array.of(1n), [])], { reverse: 1 }) },
  { name: 'CumSum-exclusive-reverse', dtype: 'float64', shape: [2, 5], build: (g, x) => g.node('CumSum', [g.node('Mul', [x, x]), g.initializer('ax', BigInt64Array.of(1n), [])], { exclusive: 1, reverse: 1 }) },
];

// Raised from opset 11 (these ops did not change up to 17): the black-box fallback is not needed for older exports.
CASES.push(
  { name: 'Erf-opset11', dtype: 'float32', shape: [2, 6], opset: 11, build: (g, x) => g.node('Erf', [x]) },
  { name: 'HardSigmoid-opset11', dtype: 'float32', shape: [2, 6], opset: 11, build: (g, x) => g.node('Mul', [x, g.node('HardSigmoid', [x], { alpha: attr.f(1 / 6), beta: attr.f(0.5) })]) },
  { name: 'Softplus-Elu-Selu-opset11', dtype: 'float32', shape: [2, 6], opset: 11, build: (g, x) => g.node('Add', [g.node('Softplus', [x]), g.node('Add', [g.node('Elu', [x]), g.node('Selu', [x])])]) },
);
checkCases(CASES);
