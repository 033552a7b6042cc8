/** Data movement: identity-like ops, reshapes, Cast, Transpose, Concat, Slice, Pad, Gather. */
import { attrInt, attrInts, attrString } from '../../onnx/proto.ts';
import { aInt, aInts, aString } from '../graph.ts';
import type { GradientRule } from '../rule.ts';
import { constantPads, padCopyBackward } from './pad-modes.ts';

const identity: GradientRule = {
  ops: ['Identity', 'Dropout'],
  backward(ctx, n, gy) {
    if (n.opType === 'Dropout' && n.output.length > 1 && n.output[1] && ctx.active(n.output[1])) ctx.unsupported(n, 'mask output used');
    return [gy];
  },
};

const reshape: GradientRule = {
  ops: ['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    return [ctx.e.op('Reshape', [gy, ctx.shapeNode(n.input[0])])];
  },
};

const cast: GradientRule = {
  ops: ['Cast'],
  backward(ctx, n, gy) {
    const X = n.input[0];
    return [ctx.typeOf(X) === ctx.typeOf(n.output[0]) ? gy : ctx.e.op('Cast', [gy], [aInt('to', ctx.typeOf(X))])];
  },
};

const transpose: GradientRule = {
  ops: ['Transpose'],
  backward(ctx, n, gy) {
    const r = ctx.shapeOf(n.input[0]).length;
    const perm = attrInts(n, 'perm') ?? Array.from({ length: r }, (_, i) => r - 1 - i);
    const inv = new Array<number>(r);
    perm.forEach((p, i) => { inv[p] = i; });
    return [ctx.e.op('Transpose', [gy], [aInts('perm', inv)])];
  },
};

/** Each active input gets its slice of dY along the axis. */
const concat: GradientRule = {
  ops: ['Concat'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const r = ctx.shapeOf(n.output[0]).length;
    let axis = attrInt(n, 'axis', 0)!;
    if (axis < 0) axis += r;
    let off = 0;
    const out = n.input.map((): string | null => null);
    n.input.forEach((inp, i) => {
      const sz = ctx.shapeOf(inp)[axis];
      if (ctx.active(inp)) {
        if (!(sz >= 0)) ctx.unsupported(n, 'concatenation along the batch axis');
        out[i] = e.op('Slice', [gy, e.ints([off]), e.ints([off + sz]), e.ints([axis])]);
      }
      if (!(sz >= 0)) ctx.unsupported(n, 'concatenation along the batch axis');
      off += sz;
    });
    return out;
  },
};

/** dY zero-padded back to X's extent (constant starts/ends/axes, unit steps). */
const slice: GradientRule = {
  ops: ['Slice'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const xs = ctx.shapeOf(n.input[0]);
    const r = xs.length;
    const starts = ctx.constValue(n.input[1]);
    const ends = ctx.constValue(n.input[2]);
    const axes = n.input[3] ? ctx.constValue(n.input[3]) : Array.from({ length: starts?.length ?? 0 }, (_, i) => i);
    const steps = n.input[4] ? ctx.constValue(n.input[4]) : undefined;
    if (!starts || !ends || !axes) ctx.unsupported(n, 'starts/ends/axes are not constant');
    if (steps && steps.some((s) => s !== 1)) ctx.unsupported(n, 'steps other than 1');
    const pads = new Array(2 * r).fill(0);
    axes!.forEach((a0, i) => {
      const a = a0 < 0 ? a0 + r : a0;
      const dim = xs[a];
      if (!(dim >= 0)) ctx.unsupported(n, 'slicing the batch axis');
      let s = starts![i], en = ends![i];
      if (s < 0) s += dim;
      if (en < 0) en += dim;
      s = Math.min(Math.max(s, 0), dim);
      en = Math.min(Math.max(en, 0), dim);
      if (en < s) ctx.unsupported(n, 'empty slice');
      pads[a] = s;
      pads[a + r] = dim - en;
    });
    return [ctx.e.op('Pad', [gy, ctx.e.ints(pads)], [aString('mode', 'constant')])];
  },
};

/** The unpadded window of dY (constant, non-negative pads, mode constant); reflect/edge/wrap: pad-modes.ts. */
const pad: GradientRule = {
  ops: ['Pad'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const mode = attrString(n, 'mode', 'constant');
    if (mode === 'reflect' || mode === 'edge' || mode === 'wrap') return [padCopyBackward(ctx, n, gy, mode)];
    if (mode !== 'constant') ctx.unsupported(n, `mode ${mode}`);
    const pads = constantPads(ctx, n);
    const xs = ctx.shapeOf(n.input[0]);
    const r = xs.length;
    const st: number[] = [], en: number[] = [];
    for (let a = 0; a < r; a++) {
      st.push(pads[a]);
      if (xs[a] >= 0) en.push(pads[a] + xs[a]);
      else if (pads[a] === 0 && pads[a + r] === 0) en.push(2 ** 62);
      else ctx.unsupported(n, 'padding the batch axis');
    }
    const { e } = ctx;
    return [e.op('Slice', [gy, e.ints(st), e.ints(en), e.ints(Array.from({ length: r }, (_, i) => i))])];
  },
};

/** dY scattered (added) back at the gathered positions (constant scalar or 1-D indices). */
const gather: GradientRule = {
  ops: ['Gather'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    let axis = attrInt(n, 'axis', 0)!;
    if (axis < 0) axis += xs.length;
    const dim = xs[axis];
    const idxShape = ctx.shapeOf(n.input[1]);
    const iv = ctx.constValue(n.input[1]);
    if (!iv || idxShape.length > 1) ctx.unsupported(n, 'indices must be a constant scalar or 1-D list');
    if (!(dim >= 0)) ctx.unsupported(n, 'gathering along the batch axis');
    const norm = iv!.map((v) => (v < 0 ? v + dim : v));
    let gg = gy;
    if (idxShape.length === 0) gg = e.op('Unsqueeze', [gy, e.ints([axis])]);
    const gShape = ctx.shapeOf(X).slice();
    const rg = gShape.length;
    const ishape = new Array(rg).fill(1);
    ishape[axis] = norm.length;
    const idx = e.op('Expand', [e.ints(norm, ishape), ctx.shapeNode(gg)]);
    return [e.op('ScatterElements', [ctx.zerosLike(X), idx, gg], [aInt('axis', axis), aString('reduction', 'add')])];
  },
};

export const rules: readonly GradientRule[] = [identity, reshape, cast, transpose, concat, slice, pad, gather];
