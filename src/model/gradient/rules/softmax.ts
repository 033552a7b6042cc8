/** Softmax and LogSoftmax along one axis (when not the final score transform, which the loss head absorbs). */
import { attrInt } from '../../onnx/proto.ts';
import { aInt } from '../graph.ts';
import type { GradientRule } from '../rule.ts';

/** Softmax: dX = Y·(dY − Σ dY·Y); LogSoftmax: dX = dY − exp(Y)·Σ dY. */
const softmax: GradientRule = {
  ops: ['Softmax', 'LogSoftmax'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const axis = attrInt(n, 'axis', -1)!;
    const ax = e.ints([axis]);
    if (n.opType === 'Softmax') {
      const s = e.op('ReduceSum', [e.op('Mul', [gy, Y]), ax], [aInt('keepdims', 1)]);
      return [e.op('Mul', [Y, e.op('Sub', [gy, s])])];
    }
    const s = e.op('ReduceSum', [gy, ax], [aInt('keepdims', 1)]);
    return [e.op('Sub', [gy, e.op('Mul', [e.op('Exp', [Y]), s])])];
  },
};

export const rules: readonly GradientRule[] = [softmax];
