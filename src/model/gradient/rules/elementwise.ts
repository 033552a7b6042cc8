/** Broadcasting arithmetic (Add, Sub, Sum, Mul, Div) and the unary Neg, Exp, Log, Sqrt. */
import type { GradientRule, InputGrads } from '../rule.ts';

/** dY to each active input, summed back over its broadcast axes (negated for Sub's second input). */
const addSub: GradientRule = {
  ops: ['Add', 'Sub', 'Sum'],
  backward(ctx, n, gy) {
    const yShape = ctx.shapeOf(n.output[0]);
    const out: InputGrads = n.input.map(() => null);
    n.input.forEach((inp, i) => {
      if (!ctx.active(inp)) return;
      let gi = ctx.reduceTo(gy, yShape, inp);
      if (n.opType === 'Sub' && i === 1) gi = ctx.e.op('Neg', [gi]);
      out[i] = gi;
    });
    return out;
  },
};

const mul: GradientRule = {
  ops: ['Mul'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const yShape = ctx.shapeOf(n.output[0]);
    const [A, B] = n.input;
    const out: InputGrads = [null, null];
    if (ctx.active(A)) out[0] = ctx.reduceTo(e.op('Mul', [gy, B]), yShape, A);
    if (ctx.active(B)) out[1] = ctx.reduceTo(e.op('Mul', [gy, A]), yShape, B);
    return out;
  },
};

/** dA = dY / B, dB = −dY·Y / B. */
const div: GradientRule = {
  ops: ['Div'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const [A, B] = n.input;
    const out: InputGrads = [null, null];
    if (ctx.active(A)) out[0] = ctx.reduceTo(e.op('Div', [gy, B]), yShape, A);
    if (ctx.active(B)) out[1] = ctx.reduceTo(e.op('Neg', [e.op('Div', [e.op('Mul', [gy, Y]), B])]), yShape, B);
    return out;
  },
};

const neg: GradientRule = {
  ops: ['Neg'],
  backward: (ctx, n, gy) => [ctx.e.op('Neg', [gy])],
};

const exp: GradientRule = {
  ops: ['Exp'],
  backward: (ctx, n, gy) => [ctx.e.op('Mul', [gy, n.output[0]])],
};

const log: GradientRule = {
  ops: ['Log'],
  backward: (ctx, n, gy) => [ctx.e.op('Div', [gy, n.input[0]])],
};

/** dX = dY·0.5 / Y. */
const sqrt: GradientRule = {
  ops: ['Sqrt'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op('Div', [e.op('Mul', [gy, e.scalar(ctx.typeOf(Y), 0.5)]), Y])];
  },
};

export const rules: readonly GradientRule[] = [addSub, mul, div, neg, exp, log, sqrt];
