/** LayerNormalization (opset 17) with constant scale and bias: the gradient with respect to X only. */
import { attrFloat, attrInt } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { GradientRule } from '../rule.ts';

/**
 * Over the normalised axes A = [axis, r): x̂ = (X − μ)·s, s = 1/sqrt(var + eps), g = dY·scale;
 * dX = s·(g − mean_A(g) − x̂·mean_A(g·x̂)). μ, var and x̂ are recomputed with ReduceSum (axes as an input, valid
 * at every opset ≥ 13) times 1/count, so the emitted nodes do not depend on the model's ReduceMean form.
 */
const layerNormalization: GradientRule = {
  ops: ['LayerNormalization'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    if (n.output.slice(1).some((o) => o && ctx.active(o))) ctx.unsupported(n, 'Mean/InvStdDev outputs used');
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const r = xs.length;
    let axis = attrInt(n, 'axis', -1)!;
    if (axis < 0) axis += r;
    const ax = Array.from({ length: r - axis }, (_, i) => axis + i);
    const cnt = ax.reduce((a, i) => a * xs[i], 1);
    if (!(cnt > 0)) ctx.unsupported(n, 'normalising over the batch axis');
    const eps = attrFloat(n, 'epsilon', 1e-5)!;
    const t = ctx.typeOf(n.output[0]);
    const axes = e.ints(ax);
    const inv = e.scalar(t, 1 / cnt);
    const mean = (v: string): string => e.op('Mul', [e.op('ReduceSum', [v, axes], [aInt('keepdims', 1)]), inv]);
    const d = e.op('Sub', [X, mean(X)]);
    const s = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [mean(e.op('Mul', [d, d])), e.scalar(t, eps)])])]);
    const xh = e.op('Mul', [d, s]);
    const g = e.op('Mul', [gy, n.input[1]]);
    const inner = e.op('Sub', [e.op('Sub', [g, mean(g)]), e.op('Mul', [xh, mean(e.op('Mul', [g, xh]))])]);
    return [e.op('Mul', [s, inner])];
  },
};

export const rules: readonly GradientRule[] = [layerNormalization];
