/** MaxPool (via its Indices), AveragePool (a grouped ConvTranspose of ones) and GlobalAveragePool. */
import { attrInt, attrInts, attrString } from '../../onnx/proto.ts';
import { aInt, aInts, aString } from '../graph.ts';
import type { GradientRule } from '../rule.ts';
import { disjointPool, explicitPads, poolCounts, transposePads } from '../spatial.ts';

/**
 * The forward MaxPool is given an Indices output (when the model does not use one); dY goes back to the argmax
 * positions: MaxUnpool for disjoint windows, else zeros + ScatterElements(add).
 */
const maxPool: GradientRule = {
  ops: ['MaxPool'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const Y = n.output[0];
    if (attrInt(n, 'storage_order', 0) !== 0) ctx.unsupported(n, 'storage_order=1');
    if (n.output.length < 2 || !n.output[1]) {
      const idxName = `${Y}__mg_indices`;
      n.output = [Y, idxName];
    }
    const I = n.output[1];
    if (disjointPool(n, ctx.shapeOf(X), ctx.shapeOf(Y))) {
      // Disjoint windows (stride ≥ dilated kernel): each input position is the argmax of at most one window, so
      // MaxUnpool scatters gy straight to the Indices (first maximum of each window, as onnxruntime reports it);
      // much cheaper than zeros + ScatterElements(add). A Relu whose only consumer is this pool is applied here
      // at the pooled resolution: at an argmax position its output equals the pool's, so its mask is (Y > 0).
      let gp = gy;
      if (ctx.reluBeforePool.has(n)) gp = e.op('Where', [e.op('Greater', [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)]);
      const sp = ctx.shapeOf(X).length - 2;
      const k = attrInts(n, 'kernel_shape')!;
      const attrs = [aInts('kernel_shape', k), aInts('strides', attrInts(n, 'strides') ?? new Array(sp).fill(1))];
      const pads = attrInts(n, 'pads');
      if (pads && attrString(n, 'auto_pad', 'NOTSET') === 'NOTSET') attrs.push(aInts('pads', pads));
      return [e.op('MaxUnpool', [gp, I, ctx.shapeNode(X)], attrs)];
    }
    const flat = e.ints([-1]);
    const zeros = e.op('Reshape', [ctx.zerosLike(X), flat]);
    const sc = e.op('ScatterElements', [zeros, e.op('Reshape', [I, flat]), e.op('Reshape', [gy, flat])], [aInt('axis', 0), aString('reduction', 'add')]);
    return [e.op('Reshape', [sc, ctx.shapeNode(X)])];
  },
};

/** dY divided by each window's count, spread over the window by a depthwise ConvTranspose with a kernel of ones. */
const averagePool: GradientRule = {
  ops: ['AveragePool'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const unsupported = (why: string): never => ctx.unsupported(n, why);
    const xs = ctx.shapeOf(n.input[0]);
    const sp = xs.length - 2;
    const Cc = xs[1];
    if (!(Cc > 0)) unsupported('unknown channel count');
    const k = attrInts(n, 'kernel_shape')!;
    const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
    const dl = new Array(sp).fill(1);
    const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
    const incl = attrInt(n, 'count_include_pad', 0) === 1;
    const outSp = ctx.shapeOf(n.output[0]).slice(2);
    const counts = poolCounts(xs.slice(2), outSp, k, st, pads, incl);
    const t = ctx.typeOf(n.output[0]);
    const inv = e.floats(t, counts.map((c) => 1 / c), [1, 1, ...outSp]);
    const ones = e.floats(t, new Array(Cc * k.reduce((a, b) => a * b, 1)).fill(1), [Cc, 1, ...k]);
    const { ctPads, outPad } = transposePads(xs.slice(2), outSp, k, st, dl, pads, unsupported);
    const attrs = [aInts('kernel_shape', k), aInts('strides', st), aInt('group', Cc), aInts('pads', ctPads)];
    if (outPad.some((v) => v !== 0)) attrs.push(aInts('output_padding', outPad));
    return [e.op('ConvTranspose', [e.op('Mul', [gy, inv]), ones], attrs)];
  },
};

const globalAveragePool: GradientRule = {
  ops: ['GlobalAveragePool'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const cnt = xs.slice(2).reduce((a, b) => a * b, 1);
    if (!(cnt > 0)) ctx.unsupported(n, 'unknown spatial size');
    return [e.op('Expand', [e.op('Mul', [gy, e.scalar(ctx.typeOf(n.output[0]), 1 / cnt)]), ctx.shapeNode(X)])];
  },
};

export const rules: readonly GradientRule[] = [maxPool, averagePool, globalAveragePool];
