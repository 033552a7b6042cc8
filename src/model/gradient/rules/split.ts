/** Split (opset 13 `split` input or equal parts, opset 18 `num_outputs`): the outputs' gradients concatenated back. */
import { attrInt } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { GradientRule } from '../rule.ts';

/**
 * dX = Concat(dY_0, …, dY_k) along the axis, zeros for outputs without a gradient. Marked `allOutputs`: the
 * sweep runs it when any output has a gradient, and each output's gradient is read with ctx.gradOf.
 */
const split: GradientRule = {
  ops: ['Split'],
  allOutputs: true,
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const r = ctx.shapeOf(n.input[0]).length;
    let axis = attrInt(n, 'axis', 0)!;
    if (axis < 0) axis += r;
    if (n.output.some((o) => !o)) ctx.unsupported(n, 'an omitted output');
    const parts = n.output.map((o, i) => (i === 0 && gy ? gy : ctx.gradOf(o)) ?? ctx.zerosLike(o));
    return [parts.length === 1 ? parts[0] : e.op('Concat', parts, [aInt('axis', axis)])];
  },
};

export const rules: readonly GradientRule[] = [split];
