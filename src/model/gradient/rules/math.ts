/**
 * Pointwise math: Pow, Reciprocal, Abs, Max, Min (broadcasting undone), Erf, Gelu, and the piecewise / smooth
 * activations HardSigmoid, HardSwish, Softplus, Elu, Selu. At the kinks of the piecewise ops the rules take the
 * one-sided derivative of the branch their mask selects (a valid subgradient).
 */
import { attrFloat, attrString } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { BackwardContext, GradientRule, InputGrads } from '../rule.ts';

/** Casts t (of type `from`) to type `to` when they differ. */
const castTo = (ctx: BackwardContext, t: string, from: number, to: number): string =>
  from === to ? t : ctx.e.op('Cast', [t], [aInt('to', to)]);

/**
 * Y = X^P. dX = dY·P·X^(P−1); dP = dY·Y·ln X where X > 0, else 0 (x^p is not differentiable in p for x ≤ 0).
 * Both summed back over their broadcast axes. P may have another element type than X (Pow-15 allows it).
 */
const pow: GradientRule = {
  ops: ['Pow'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [X, P] = n.input;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const t = ctx.typeOf(X);
    const tp = ctx.typeOf(P);
    const out: InputGrads = [null, null];
    if (ctx.active(X)) {
      const p = castTo(ctx, P, tp, t);
      const d = e.op('Mul', [p, e.op('Pow', [X, e.op('Sub', [p, e.scalar(t, 1)])])]);
      out[0] = ctx.reduceTo(e.op('Mul', [gy, d]), yShape, X);
    }
    if (ctx.active(P)) {
      const zero = e.scalar(t, 0);
      const lx = e.op('Where', [e.op('Greater', [X, zero]), e.op('Log', [X]), zero]);
      const gp = e.op('Mul', [e.op('Mul', [gy, Y]), lx]);
      out[1] = castTo(ctx, ctx.reduceTo(gp, yShape, P), t, tp);
    }
    return out;
  },
};

/** Y = 1/X; dX = −dY·Y². */
const reciprocal: GradientRule = {
  ops: ['Reciprocal'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op('Neg', [e.op('Mul', [gy, e.op('Mul', [Y, Y])])])];
  },
};

/** dX = dY·sign(X) (0 at X = 0). */
const abs: GradientRule = {
  ops: ['Abs'],
  backward: (ctx, n, gy) => [ctx.e.op('Mul', [gy, ctx.e.op('Sign', [n.input[0]])])],
};

/**
 * Max/Min over broadcasting inputs: dY goes to the input that equals Y; on a tie to the first such input only
 * (mask_i = [X_i = Y] ∧ ¬(mask_0 ∨ … ∨ mask_{i−1})), then summed back over input i's broadcast axes.
 */
const maxMin: GradientRule = {
  ops: ['Max', 'Min'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const out: InputGrads = n.input.map(() => null);
    if (n.input.length === 1) return [gy];
    let last = -1;
    n.input.forEach((inp, i) => { if (inp && ctx.active(inp)) last = i; });
    let taken: string | null = null;
    const zero = e.scalar(ctx.typeOf(Y), 0);
    for (let i = 0; i <= last; i++) {
      const inp = n.input[i];
      const eq = e.op('Equal', [inp, Y]);
      const m: string = taken ? e.op('And', [eq, e.op('Not', [taken])]) : eq;
      if (i < last) taken = taken ? e.op('Or', [taken, eq]) : eq;
      if (ctx.active(inp)) out[i] = ctx.reduceTo(e.op('Where', [m, gy, zero]), yShape, inp);
    }
    return out;
  },
};

/** dX = dY·(2/√π)·exp(−X²). */
const erf: GradientRule = {
  ops: ['Erf'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const g = e.op('Exp', [e.op('Neg', [e.op('Mul', [X, X])])]);
    return [e.op('Mul', [gy, e.op('Mul', [g, e.scalar(t, 2 / Math.sqrt(Math.PI))])])];
  },
};

/**
 * Gelu (opset 20). approximate='none': Y = X·Φ(X), dX = dY·(Φ(X) + X·φ(X)), Φ(x) = ½(1 + erf(x/√2)),
 * φ(x) = exp(−x²/2)/√(2π). approximate='tanh': Y = ½X(1 + T), T = tanh(u), u = √(2/π)(X + 0.044715X³),
 * dX = dY·(½(1 + T) + ½X(1 − T²)·√(2/π)(1 + 3·0.044715X²)).
 */
const gelu: GradientRule = {
  ops: ['Gelu'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const c = (v: number): string => e.scalar(t, v);
    const x2 = e.op('Mul', [X, X]);
    const approx = attrString(n, 'approximate', 'none');
    let d: string;
    if (approx === 'none') {
      const cdf = e.op('Mul', [c(0.5), e.op('Add', [c(1), e.op('Erf', [e.op('Mul', [X, c(Math.SQRT1_2)])])])]);
      const pdf = e.op('Mul', [e.op('Exp', [e.op('Mul', [x2, c(-0.5)])]), c(1 / Math.sqrt(2 * Math.PI))]);
      d = e.op('Add', [cdf, e.op('Mul', [X, pdf])]);
    } else if (approx === 'tanh') {
      const k = Math.sqrt(2 / Math.PI);
      const inner = e.op('Mul', [X, e.op('Add', [c(1), e.op('Mul', [x2, c(0.044715)])])]);
      const T = e.op('Tanh', [e.op('Mul', [inner, c(k)])]);
      const du = e.op('Mul', [c(k), e.op('Add', [c(1), e.op('Mul', [x2, c(3 * 0.044715)])])]);
      const a = e.op('Mul', [c(0.5), e.op('Add', [c(1), T])]);
      const b = e.op('Mul', [e.op('Mul', [c(0.5), X]), e.op('Mul', [e.op('Sub', [c(1), e.op('Mul', [T, T])]), du])]);
      d = e.op('Add', [a, b]);
    } else {
      return ctx.unsupported(n, `approximate='${approx}'`);
    }
    return [e.op('Mul', [gy, d])];
  },
};

/** Y = max(0, min(1, αX + β)); dX = dY·α where 0 < Y < 1, else 0. */
const hardSigmoid: GradientRule = {
  ops: ['HardSigmoid'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    const alpha = attrFloat(n, 'alpha', 0.2)!;
    const inside = e.op('And', [e.op('Greater', [Y, e.scalar(t, 0)]), e.op('Less', [Y, e.scalar(t, 1)])]);
    return [e.op('Where', [inside, e.op('Mul', [gy, e.scalar(t, alpha)]), e.scalar(t, 0)])];
  },
};

/** Y = X·max(0, min(1, X/6 + ½)); dX = dY·(0 for X < −3, 1 for X > 3, X/3 + ½ between). */
const hardSwish: GradientRule = {
  ops: ['HardSwish'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const c = (v: number): string => e.scalar(t, v);
    const mid = e.op('Add', [e.op('Mul', [X, c(1 / 3)]), c(0.5)]);
    const d = e.op('Where', [e.op('Less', [X, c(-3)]), c(0), e.op('Where', [e.op('Greater', [X, c(3)]), c(1), mid])]);
    return [e.op('Mul', [gy, d])];
  },
};

/** Y = ln(1 + e^X); dX = dY·sigmoid(X). */
const softplus: GradientRule = {
  ops: ['Softplus'],
  backward: (ctx, n, gy) => [ctx.e.op('Mul', [gy, ctx.e.op('Sigmoid', [n.input[0]])])],
};

/**
 * Elu: Y = X for X > 0, α(e^X − 1) else; dX = dY·(1 or Y + α).
 * Selu: Y = γX for X > 0, γα(e^X − 1) else; dX = dY·(γ or Y + γα).
 */
const eluSelu: GradientRule = {
  ops: ['Elu', 'Selu'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    const selu = n.opType === 'Selu';
    const alpha = attrFloat(n, 'alpha', selu ? 1.67326319217681884765625 : 1)!;
    const gamma = selu ? attrFloat(n, 'gamma', 1.05070102214813232421875)! : 1;
    const d = e.op('Where', [e.op('Greater', [X, e.scalar(t, 0)]), e.scalar(t, gamma), e.op('Add', [Y, e.scalar(t, gamma * alpha)])]);
    return [e.op('Mul', [gy, d])];
  },
};

export const rules: readonly GradientRule[] = [pow, reciprocal, abs, maxMin, erf, gelu, hardSigmoid, hardSwish, softplus, eluSelu];
