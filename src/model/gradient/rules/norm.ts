/** BatchNormalization in inference mode: a per-channel scale of dY. */
import { attrFloat, attrInt } from '../../onnx/proto.ts';
import type { GradientRule } from '../rule.ts';

/** dX = dY·scale / sqrt(var + eps), the factor unsqueezed to broadcast over the spatial dims. */
const batchNormalization: GradientRule = {
  ops: ['BatchNormalization'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    if (n.output.length > 1 && n.output.slice(1).some((o) => o)) ctx.unsupported(n, 'training-mode batch norm');
    if (attrInt(n, 'training_mode', 0) !== 0) ctx.unsupported(n, 'training_mode=1');
    const eps = attrFloat(n, 'epsilon', 1e-5)!;
    const [, scale, , , variance] = n.input;
    const t = ctx.typeOf(n.output[0]);
    const kf = e.op('Div', [scale, e.op('Sqrt', [e.op('Add', [variance, e.scalar(t, eps)])])]);
    const r = ctx.shapeOf(n.input[0]).length;
    const ku = r > 2 ? e.op('Unsqueeze', [kf, e.ints(Array.from({ length: r - 2 }, (_, i) => i + 1))]) : kf;
    return [e.op('Mul', [gy, ku])];
  },
};

export const rules: readonly GradientRule[] = [batchNormalization];
