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

/**
 * dY where min < Y < max (bounds given as inputs: opset ≥ 11, or raised), PyTorch's hardtanh/relu6 convention: the
 * gradient is 0 at the bounds. The mask is read from the OUTPUT, which equals testing min < X < max, so the clipped
 * tensor's producer (a Conv, a BatchNormalization) keeps a single consumer and onnxruntime can still fuse the Clip
 * into it.
 */
const clip: GradientRule = {
  ops: ['Clip'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    let mask: string | null = null;
    if (n.input[1]) mask = e.op('Greater', [Y, n.input[1]]);
    if (n.input[2]) {
      const m2 = e.op('Less', [Y, n.input[2]]);
      mask = mask ? e.op('And', [mask, m2]) : m2;
    }
    return [mask ? e.op('Where', [mask, gy, e.scalar(t, 0)]) : gy];
  },
};

export const rules: readonly GradientRule[] = [relu, leakyRelu, sigmoid, tanh, clip];
