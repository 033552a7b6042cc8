/** ReduceMax (dY routed to the maximal positions) and ReduceL2 (dY·X/Y); axes as an attribute or (opset 18) an input. */
import { attrInt, attrInts } from '../../onnx/proto.ts';
import type { NodeProto } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { BackwardContext, GradientRule } from '../rule.ts';

/** The reduced axes (sorted, non-negative), or null for noop_with_empty_axes with no axes (Y = X). */
function reducedAxes(ctx: BackwardContext, n: NodeProto, r: number): number[] | null {
  let axes = n.input[1] ? ctx.constValue(n.input[1]) : attrInts(n, 'axes') ?? [];
  if (!axes) ctx.unsupported(n, 'axes are not constant');
  if (axes!.length === 0) {
    if (attrInt(n, 'noop_with_empty_axes', 0) === 1) return null;
    axes = Array.from({ length: r }, (_, i) => i);
  }
  return axes!.map((a) => (a < 0 ? a + r : a)).sort((a, b) => a - b);
}

/**
 * dX = dY·[X = Y]/count([X = Y]) over each reduced window: the gradient goes to the argmax positions, split
 * evenly between exact ties (the subgradient torch's amax uses).
 */
const reduceMax: GradientRule = {
  ops: ['ReduceMax'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0], Y = n.output[0];
    const ax = reducedAxes(ctx, n, ctx.shapeOf(X).length);
    if (ax === null) return [gy];
    const keep = attrInt(n, 'keepdims', 1) !== 0;
    const yk = keep ? Y : e.op('Unsqueeze', [Y, e.ints(ax)]);
    const gk = keep ? gy : e.op('Unsqueeze', [gy, e.ints(ax)]);
    const mask = e.op('Cast', [e.op('Equal', [X, yk])], [aInt('to', ctx.typeOf(X))]);
    const cnt = e.op('ReduceSum', [mask, e.ints(ax)], [aInt('keepdims', 1)]);
    return [e.op('Mul', [mask, e.op('Div', [gk, cnt])])];
  },
};

/** Y = sqrt(Σ X²): dX = dY·X/Y (Y re-expanded over the reduced axes). */
const reduceL2: GradientRule = {
  ops: ['ReduceL2'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0], Y = n.output[0];
    const ax = reducedAxes(ctx, n, ctx.shapeOf(X).length)!;
    if (ax === null) ctx.unsupported(n, 'noop_with_empty_axes without axes');
    const keep = attrInt(n, 'keepdims', 1) !== 0;
    const yk = keep ? Y : e.op('Unsqueeze', [Y, e.ints(ax)]);
    const gk = keep ? gy : e.op('Unsqueeze', [gy, e.ints(ax)]);
    return [e.op('Mul', [X, e.op('Div', [gk, yk])])];
  },
};

export const rules: readonly GradientRule[] = [reduceMax, reduceL2];
