/** Seeded test models built with the project's GraphBuilder (random weights, float32 unless stated). */
import { GraphBuilder, attr } from '../../src/model/onnx/builder.ts';
import { rng } from '../../src/util/random.ts';

function weights(g: GraphBuilder, R: ReturnType<typeof rng>, name: string, dims: number[], scale: number, f64 = false): string {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, () => R.normal() * scale);
  return g.initializer(name, f64 ? Float64Array.from(v) : Float32Array.from(v), dims);
}

function bn(g: GraphBuilder, R: ReturnType<typeof rng>, x: string, c: number, name: string): string {
  const s = g.initializer(`${name}_s`, Float32Array.from({ length: c }, () => 0.8 + 0.4 * R.next()), [c]);
  const b = g.initializer(`${name}_b`, Float32Array.from({ length: c }, () => 0.1 * R.normal()), [c]);
  const m = g.initializer(`${name}_m`, Float32Array.from({ length: c }, () => 0.1 * R.normal()), [c]);
  const v = g.initializer(`${name}_v`, Float32Array.from({ length: c }, () => 0.5 + R.next()), [c]);
  return g.node('BatchNormalization', [x, s, b, m, v], { epsilon: attr.f(1e-5) });
}

/** MLP [N,20] -> 32 -> Relu -> 16 -> Tanh -> 5 -> Softmax (output: probabilities). float64 when asked. */
export function mlp(seed = 1, f64 = false): Uint8Array {
  const R = rng(seed, 'mlp');
  const g = new GraphBuilder('mlp');
  const x = g.input('x', f64 ? 'float64' : 'float32', ['N', 20]);
  let h = g.node('Gemm', [x, weights(g, R, 'w1', [20, 32], 0.3, f64), weights(g, R, 'b1', [32], 0.1, f64)]);
  h = g.node('Relu', [h]);
  h = g.node('Gemm', [h, weights(g, R, 'w2', [16, 32], 0.3, f64), weights(g, R, 'b2', [16], 0.1, f64)], { transB: 1 });
  h = g.node('Tanh', [h]);
  h = g.node('Gemm', [h, weights(g, R, 'w3', [16, 5], 0.8, f64), weights(g, R, 'b3', [5], 0.1, f64)]);
  const p = g.node('Softmax', [h], { axis: 1 }, { outputs: ['probabilities'] });
  g.output(p, f64 ? 'float64' : 'float32', ['N', 5]);
  return g.toModel({ opset: 13 });
}

/** CNN on [N,1,28,28]: Conv8 3x3 -> BN -> Relu -> MaxPool2 -> Conv16 3x3 -> Relu -> MaxPool2 -> Flatten -> Gemm 10. */
export function cnn(seed = 2): Uint8Array {
  const R = rng(seed, 'cnn');
  const g = new GraphBuilder('cnn');
  const x = g.input('x', 'float32', ['N', 1, 28, 28]);
  let h = g.node('Conv', [x, weights(g, R, 'c1', [8, 1, 3, 3], 0.4), weights(g, R, 'c1b', [8], 0.05)], { pads: [1, 1, 1, 1] });
  h = bn(g, R, h, 8, 'bn1');
  h = g.node('Relu', [h]);
  h = g.node('MaxPool', [h], { kernel_shape: [2, 2], strides: [2, 2] });
  h = g.node('Conv', [h, weights(g, R, 'c2', [16, 8, 3, 3], 0.15), weights(g, R, 'c2b', [16], 0.05)], { pads: [1, 1, 1, 1] });
  h = g.node('Relu', [h]);
  h = g.node('MaxPool', [h], { kernel_shape: [2, 2], strides: [2, 2] });
  h = g.node('Flatten', [h], { axis: 1 });
  const z = g.node('Gemm', [h, weights(g, R, 'fc', [784, 10], 0.05), weights(g, R, 'fcb', [10], 0.05)], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 10]);
  return g.toModel({ opset: 17 });
}

/** Residual block on [N,1,12,12]: stem Conv-BN-Relu, then (Conv-BN-Relu-Conv-BN) + skip, Relu, GAP, Gemm 5. */
export function residual(seed = 3): Uint8Array {
  const R = rng(seed, 'residual');
  const g = new GraphBuilder('residual');
  const x = g.input('x', 'float32', ['N', 1, 12, 12]);
  let h = g.node('Conv', [x, weights(g, R, 's', [4, 1, 3, 3], 0.5)], { pads: [1, 1, 1, 1] });
  h = g.node('Relu', [bn(g, R, h, 4, 'bn0')]);
  let r = g.node('Conv', [h, weights(g, R, 'r1', [4, 4, 3, 3], 0.3)], { pads: [1, 1, 1, 1] });
  r = g.node('Relu', [bn(g, R, r, 4, 'bn1')]);
  r = g.node('Conv', [r, weights(g, R, 'r2', [4, 4, 3, 3], 0.3)], { pads: [1, 1, 1, 1] });
  r = bn(g, R, r, 4, 'bn2');
  h = g.node('Relu', [g.node('Add', [h, r])]);
  h = g.node('Flatten', [g.node('GlobalAveragePool', [h])], { axis: 1 });
  const z = g.node('Gemm', [h, weights(g, R, 'fc', [4, 5], 1.5), weights(g, R, 'fcb', [5], 0.1)], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 5]);
  return g.toModel({ opset: 17 });
}

/** Linear model z = W x + b on [N, D] (float32), for closed-form minimal perturbations. */
export function linear(W: number[][], b: number[]): Uint8Array {
  const g = new GraphBuilder('linear');
  const C = W.length, D = W[0].length;
  const x = g.input('x', 'float32', ['N', D]);
  const w = g.initializer('W', Float32Array.from(W.flat()), [C, D]);
  const bb = g.initializer('b', Float32Array.from(b), [C]);
  const z = g.node('Gemm', [x, w, bb], { transB: 1 }, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', C]);
  return g.toModel({ opset: 17 });
}

/** An op with no gradient rule (a piecewise-constant one, so no family is likely to add one). */
export const UNSUPPORTED_OP = 'Hardmax';

/** Op not supported by the gradient builder on the path (UNSUPPORTED_OP): forces the black-box fallback. */
export function withUnsupportedOp(): Uint8Array {
  const g = new GraphBuilder('unsupported');
  const x = g.input('x', 'float32', ['N', 4]);
  const h = g.node(UNSUPPORTED_OP, [x]);
  const z = g.node('MatMul', [h, g.initializer('W', Float32Array.from([1, -1, 0.5, 2, -0.3, 0.2, 1, 1]), [4, 2])], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 2]);
  return g.toModel({ opset: 17 });
}
