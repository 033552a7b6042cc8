/** Selection and replication: Where, Expand, Tile, CumSum. */
import { attrInt } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { GradientRule, InputGrads } from '../rule.ts';

/** Y = C ? A : B (C boolean, no gradient). dA = C ? dY : 0, dB = C ? 0 : dY, each summed back over its broadcast axes. */
const where: GradientRule = {
  ops: ['Where'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [C, A, B] = n.input;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const zero = e.scalar(ctx.typeOf(Y), 0);
    const out: InputGrads = [null, null, null];
    if (ctx.active(A)) out[1] = ctx.reduceTo(e.op('Where', [C, gy, zero]), yShape, A);
    if (ctx.active(B)) out[2] = ctx.reduceTo(e.op('Where', [C, zero, gy]), yShape, B);
    return out;
  },
};

/** Y = X broadcast to a shape; dX = dY summed over the broadcast axes. */
const expand: GradientRule = {
  ops: ['Expand'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    return [ctx.reduceTo(gy, ctx.shapeOf(n.output[0]), n.input[0])];
  },
};

/**
 * Y = X tiled r_i times along axis i (constant repeats): dY reshaped to [.., r_i, d_i, ..] (an r_i axis before
 * each repeated axis) and summed over the r_i axes.
 */
const tile: GradientRule = {
  ops: ['Tile'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const xs = ctx.shapeOf(n.input[0]);
    const reps = ctx.constValue(n.input[1]);
    if (!reps || reps.length !== xs.length) return ctx.unsupported(n, 'repeats are not constant');
    if (reps.every((r) => r === 1)) return [gy];
    if (xs.filter((d) => !(d >= 0)).length > 1) return ctx.unsupported(n, 'more than one input dimension of unknown size');
    const split: number[] = [];
    const axes: number[] = [];
    xs.forEach((d, i) => {
      if (reps[i] !== 1) {
        axes.push(split.length);
        split.push(reps[i]);
      }
      split.push(d >= 0 ? d : -1);
    });
    const r = e.op('Reshape', [gy, e.ints(split)]);
    return [e.op('ReduceSum', [r, e.ints(axes)], [aInt('keepdims', 0)])];
  },
};

/**
 * Y = cumulative sum of X along an axis (exclusive, reverse attributes). Each X_i reaches the Y_j on its
 * forward side, so dX is the cumulative sum of dY in the opposite direction with the same exclusivity.
 */
const cumsum: GradientRule = {
  ops: ['CumSum'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const exclusive = attrInt(n, 'exclusive', 0)!;
    const reverse = attrInt(n, 'reverse', 0)!;
    return [ctx.e.op('CumSum', [gy, n.input[1]], [aInt('exclusive', exclusive), aInt('reverse', reverse ? 0 : 1)])];
  },
};

export const rules: readonly GradientRule[] = [where, expand, tile, cumsum];
