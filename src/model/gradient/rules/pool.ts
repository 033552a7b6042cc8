/** MaxPool (an equality mask for tiling windows, else its Indices), AveragePool (a grouped ConvTranspose of ones) and GlobalAveragePool. */
import { attrInt, attrInts, attrString } from '../../onnx/proto.ts';
import { aInt, aInts, aString, int64Const } from '../graph.ts';
import type { NodeProto } from '../../onnx/proto.ts';
import type { BackwardContext, GradientRule } from '../rule.ts';
import { disjointPool, explicitPads, poolCounts, transposePads } from '../spatial.ts';

/**
 * dY goes back to each window's first maximum (the position onnxruntime's Indices report). Windows that tile X
 * (`tiledPool`, float32, Indices unused by the model): the argmax is rebuilt from an equality mask, so the forward
 * MaxPool keeps onnxruntime's fast kernel (an Indices output forces a far slower one). Otherwise the forward
 * MaxPool is given an Indices output (when the model does not use one): MaxUnpool for disjoint windows, else
 * zeros + ScatterElements(add).
 */
const maxPool: GradientRule = {
  ops: ['MaxPool'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const Y = n.output[0];
    if (attrInt(n, 'storage_order', 0) !== 0) ctx.unsupported(n, 'storage_order=1');
    const tiled = (n.output.length < 2 || !n.output[1]) && ctx.typeOf(X) === 1 ? tiledPool(n, ctx.shapeOf(X), ctx.shapeOf(Y)) : null;
    if (tiled) {
      let gp = gy;
      if (ctx.reluBeforePool.has(n)) gp = e.op('Where', [e.op('Greater', [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)]);
      return [firstMaxMask(ctx, n, X, Y, gp, tiled)];
    }
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

/**
 * A MaxPool whose windows tile X exactly (stride = kernel, no dilation, no padding, spatial sizes multiples of the
 * kernel; 2-D, float32): the output sizes, else null. Such a pool needs no Indices: the forward keeps onnxruntime's
 * fast pooling kernel (an Indices output forces a much slower one) and the backward rebuilds the argmax from an
 * equality mask (`firstMaxMask`). With a floor-mode border left over, the mask path measured slower than the
 * Indices path (mnist-8's 3×3 pool on 14×14: the border costs a full-size Slice), so such pools keep Indices.
 */
function tiledPool(n: NodeProto, xs: number[], ys: number[]): number[] | null {
  const sp = xs.length - 2;
  if (sp !== 2 || ys.length !== xs.length) return null;
  const k = attrInts(n, 'kernel_shape');
  if (!k || k.length !== sp) return null;
  const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
  const dl = attrInts(n, 'dilations') ?? new Array(sp).fill(1);
  const ap = attrString(n, 'auto_pad', 'NOTSET');
  if (ap !== 'NOTSET' && ap !== 'VALID') return null;
  const pads = ap === 'NOTSET' ? attrInts(n, 'pads') ?? [] : [];
  if (pads.some((v) => v !== 0)) return null;
  for (let i = 0; i < sp; i++) {
    const H = xs[i + 2], O = ys[i + 2];
    if (!(xs[1] > 0) || !(O > 0) || st[i] !== k[i] || dl[i] !== 1 || O * k[i] !== H) return null;
  }
  return ys.slice(2);
}

/**
 * dX of a tiled MaxPool, without the forward's Indices: X's positions equal to the upsampled (Resize nearest) Y
 * get a priority weight BIG − (their flat offset within the window), other positions 0; a MaxPool of the weights
 * yields each window's first maximum in row-major order (the position onnxruntime's Indices report, ties
 * included), which becomes a flat index for the same MaxUnpool as the Indices path. Float32 only (Resize has no
 * float64 kernel). Max(·, 1) keeps the index inside its window when no position matched (a NaN window).
 */
function firstMaxMask(ctx: BackwardContext, n: NodeProto, X: string, Y: string, gy: string, outSp: number[]): string {
  const { e } = ctx;
  const t = ctx.typeOf(X);
  const xs = ctx.shapeOf(X);
  const sp = xs.length - 2;
  const C = xs[1];
  const k = attrInts(n, 'kernel_shape')!;
  const covered = xs.slice(2);
  // flat strides of X's spatial axes
  const str = new Array(sp).fill(1);
  for (let i = sp - 2; i >= 0; i--) str[i] = str[i + 1] * xs[i + 3];
  const plane = str[0] * xs[2];
  const BIG = k.reduce((a, kk, i) => a + (kk - 1) * str[i], 0) + 1;
  const cov = covered.reduce((a, b) => a * b, 1);
  const wv = new Array<number>(cov);
  for (let f = 0; f < cov; f++) {
    let r = f, off = 0;
    for (let i = sp - 1; i >= 0; i--) { off += (r % covered[i]) % k[i] * str[i]; r = Math.floor(r / covered[i]); }
    wv[f] = BIG - off;
  }
  const attrs = [aInts('kernel_shape', k), aInts('strides', k)];
  const w = e.floats(t, wv, [1, 1, ...covered]);
  // Resize and the weights' MaxPool see one channel per row ([N·C, 1, ...]): onnxruntime then keeps them in NCHW
  // instead of its blocked layout, which would cost a full-size layout conversion around each of them.
  const Yr = e.op('Reshape', [Y, e.ints([-1, 1, ...outSp])]);
  const scales = e.floats(1, [1, 1, ...k], [sp + 2]);
  const nearest = [aString('mode', 'nearest'), aString('coordinate_transformation_mode', 'asymmetric'), aString('nearest_mode', 'floor')];
  const up = e.op('Reshape', [e.op('Resize', [Yr, '', scales], nearest), e.ints([-1, C, ...covered])]);
  // Cast + Mul: a broadcasting Where(mask, w, 0) is slower in onnxruntime (measured)
  const wm = e.op('Mul', [e.op('Cast', [e.op('Equal', [X, up])], [aInt('to', t)]), w]);
  const mp = e.op('Reshape', [e.op('MaxPool', [e.op('Reshape', [wm, e.ints([-1, 1, ...covered])])], attrs), e.ints([-1, C, ...outSp])]);
  const first = e.op('Max', [mp, e.scalar(t, 1)]);
  // flat index of each window's origin (+ BIG) minus the winning weight
  const ov = new Array<number>(C * outSp.reduce((a, b) => a * b, 1));
  const O = outSp.reduce((a, b) => a * b, 1);
  for (let c = 0; c < C; c++) for (let f = 0; f < O; f++) {
    let r = f, off = 0;
    for (let i = sp - 1; i >= 0; i--) { off += (r % outSp[i]) * k[i] * str[i]; r = Math.floor(r / outSp[i]); }
    ov[c * O + f] = c * plane + off + BIG;
  }
  const origin = e.constant((nm) => int64Const(nm, ov, [1, C, ...outSp]), `i64:#pool-origin:${e.fresh('o')}`);
  const N = e.op('Gather', [e.op('Shape', [X]), e.ints([0], [])], [aInt('axis', 0)]);
  const nOff = e.op('Reshape', [e.op('Mul', [e.op('Range', [e.ints([0], []), N, e.ints([1], [])]), e.ints([C * plane], [])]), e.ints([-1, ...new Array(sp + 1).fill(1)])]);
  const I = e.op('Sub', [e.op('Add', [origin, nOff]), e.op('Cast', [first], [aInt('to', 7)])]);
  return e.op('MaxUnpool', [gy, I, ctx.shapeNode(X)], attrs);
}

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
