/** Pointwise activations: Relu, LeakyRelu, Sigmoid, Tanh, Clip (masks and derivatives from X or Y). */
import { attrFloat } from '../../onnx/proto.ts';
import type { GradientRule } from '../rule.ts';

/** dY where Y > 0; a Relu folded into the MaxPool that consumes it (fusion.ts) passes dY through. */
const relu: GradientRule = {
  ops: ['Relu'],
  backward(ctx, n, gy) {
    if (ctx.reluPassThrough.has(n)) return [gy];
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op('Where', [e.op('Greater', [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)])];
  },
};

const leakyRelu: GradientRule = {
  ops: ['LeakyRelu'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const alpha = attrFloat(n, 'alpha', 0.01)!;
    const t = ctx.typeOf(n.output[0]);
    return [e.op('Where', [e.op('Greater', [n.input[0], e.scalar(t, 0)]), gy, e.op('Mul', [gy, e.scalar(t, alpha)])])];
  },
};

/** dX = dY·Y·(1 − Y). */
const sigmoid: GradientRule = {
  ops: ['Sigmoid'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op('Mul', [gy, e.op('Mul', [Y, e.op('Sub', [e.scalar(ctx.typeOf(Y), 1), Y])])])];
  },
};

/** dX = dY·(1 − Y²). */
const tanh: GradientRule = {
  ops: ['Tanh'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op('Mul', [gy, e.op('Sub', [e.scalar(ctx.typeOf(Y), 1), e.op('Mul', [Y, Y])])])];
  },
};

/** dY where min ≤ X ≤ max (bounds given as inputs: opset ≥ 11, or raised). */
const clip: GradientRule = {
  ops: ['Clip'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    let mask: string | null = null;
    if (n.input[1]) mask = e.op('GreaterOrEqual', [X, n.input[1]]);
    if (n.input[2]) {
      const m2 = e.op('LessOrEqual', [X, n.input[2]]);
      mask = mask ? e.op('And', [mask, m2]) : m2;
    }
    return [mask ? e.op('Where', [mask, gy, e.scalar(t, 0)]) : gy];
  },
};

export const rules: readonly GradientRule[] = [relu, leakyRelu, sigmoid, tanh, clip];
