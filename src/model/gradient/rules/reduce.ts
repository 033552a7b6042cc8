/** ReduceMean and ReduceSum (axes as an attribute or, opset 18, an input): dY re-expanded over the reduced axes (scaled by 1/count for the mean). */
import { attrInt, attrInts } from '../../onnx/proto.ts';
import type { GradientRule } from '../rule.ts';

const reduce: GradientRule = {
  ops: ['ReduceMean', 'ReduceSum'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const op = n.opType;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const r = xs.length;
    // opset 17 (the builder's): ReduceSum takes its axes as an input, ReduceMean as an attribute; opset 18: both inputs
    let axes = op === 'ReduceSum' || n.input[1] ? (n.input[1] ? ctx.constValue(n.input[1]) : []) : attrInts(n, 'axes') ?? [];
    if (!axes) ctx.unsupported(n, 'axes are not constant');
    if (axes!.length === 0) {
      if (attrInt(n, 'noop_with_empty_axes', 0) === 1) return [gy];
      axes = Array.from({ length: r }, (_, i) => i);
    }
    const ax = axes!.map((a) => (a < 0 ? a + r : a)).sort((a, b) => a - b);
    let gg = gy;
    if (attrInt(n, 'keepdims', 1) === 0) gg = e.op('Unsqueeze', [gy, e.ints(ax)]);
    if (op === 'ReduceMean') {
      const cnt = ax.reduce((a, i) => a * xs[i], 1);
      if (!(cnt > 0)) ctx.unsupported(n, 'mean over the batch axis');
      gg = e.op('Mul', [gg, e.scalar(ctx.typeOf(n.output[0]), 1 / cnt)]);
    }
    return [e.op('Expand', [gg, ctx.shapeNode(X)])];
  },
};

export const rules: readonly GradientRule[] = [reduce];
