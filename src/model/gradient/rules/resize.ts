/**
 * Resize (opset 11+ forms: X, roi, scales, sizes) on 3-D and 4-D inputs whose batch and channel axes are kept.
 *
 * For fixed scales/sizes the op is linear in X and separable over the spatial axes for the modes it supports
 * (nearest, linear, cubic): Y = A_h · X · A_wᵀ on the last two axes, with A_h [H_out×H_in] and A_w [W_out×W_in]
 * the 1-D interpolation matrices. `interpMatrix` builds them from the probed shapes with the formulas of the
 * ONNX spec as onnxruntime's CPU kernel evaluates them (float32 coordinates, edge clamping), and the VJP is
 * dX = A_hᵀ · dY · A_w: two MatMuls with constant matrices. The test checks A_h·X·A_wᵀ against onnxruntime's own
 * Resize, besides the finite-difference check.
 */
import { attrFloat, attrInt, attrInts, attrString } from '../../onnx/attrs.ts';
import type { NodeProto } from '../../onnx/proto.ts';
import type { GradientRule } from '../rule.ts';

export type ResizeMode = 'nearest' | 'linear' | 'cubic';

export interface AxisResize {
  mode: ResizeMode;
  /** coordinate_transformation_mode */
  ctm: string;
  nearestMode: string;
  cubicA: number;
  excludeOutside: boolean;
  lenIn: number;
  lenOut: number;
  /** the scale of the axis: the scales input, or lenOut / lenIn when sizes are given */
  scale: number;
}

export const COORD_MODES: ReadonlySet<string> = new Set(['half_pixel', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'half_pixel_symmetric']);
export const NEAREST_MODES: ReadonlySet<string> = new Set(['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil']);

const f = Math.fround;

/** The source coordinate of output position `o` (float32 arithmetic, as onnxruntime computes it). */
function sourceCoord(o: number, a: AxisResize): number {
  const { ctm, lenIn, lenOut } = a;
  const s = f(a.scale);
  switch (ctm) {
    case 'half_pixel': return f(f(f(o + 0.5) / s) - 0.5);
    case 'pytorch_half_pixel': return lenOut > 1 ? f(f(f(o + 0.5) / s) - 0.5) : 0;
    case 'align_corners': return lenOut === 1 ? 0 : f(f(o * (lenIn - 1)) / (lenOut - 1));
    case 'asymmetric': return f(o / s);
    case 'half_pixel_symmetric': {
      const adj = f(lenOut / f(s * lenIn));
      const center = f(lenIn / 2);
      const offset = f(center * f(1 - adj));
      return f(f(offset + f(f(o + 0.5) / s)) - 0.5);
    }
    default: throw new Error(`resize: coordinate_transformation_mode ${ctm}`);
  }
}

function nearestIndex(x: number, mode: string): number {
  switch (mode) {
    case 'round_prefer_floor': return x === Math.floor(x) + 0.5 ? Math.floor(x) : Math.round(x);
    case 'round_prefer_ceil': return x === Math.floor(x) + 0.5 ? Math.ceil(x) : Math.round(x);
    case 'floor': return Math.floor(x);
    case 'ceil': return Math.ceil(x);
    default: throw new Error(`resize: nearest_mode ${mode}`);
  }
}

function cubicCoeffs(s: number, A: number): number[] {
  const c = (t: number): number => {
    const x = Math.abs(t);
    if (x <= 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
    if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    return 0;
  };
  return [c(s + 1), c(s), c(1 - s), c(2 - s)];
}

/** The 1-D interpolation matrix of one axis, row-major [lenOut × lenIn]: out[o] = Σ_i M[o, i] · in[i]. */
export function interpMatrix(a: AxisResize): Float64Array {
  const { lenIn, lenOut } = a;
  const M = new Float64Array(lenOut * lenIn);
  const clampI = (i: number): number => Math.min(Math.max(i, 0), lenIn - 1);
  for (let o = 0; o < lenOut; o++) {
    const row = o * lenIn;
    const x = sourceCoord(o, a);
    if (a.mode === 'nearest') {
      M[row + clampI(nearestIndex(x, a.nearestMode))] = 1;
    } else if (a.mode === 'linear') {
      const xc = Math.min(Math.max(x, 0), lenIn - 1);
      const i1 = Math.min(Math.floor(xc), lenIn - 1);
      const i2 = Math.min(i1 + 1, lenIn - 1);
      if (i1 === i2) M[row + i1] += 1;
      else {
        M[row + i1] += i2 - xc;
        M[row + i2] += xc - i1;
      }
    } else {
      const x0 = Math.floor(x);
      const cf = cubicCoeffs(x - x0, a.cubicA);
      const idx = [x0 - 1, x0, x0 + 1, x0 + 2];
      if (a.excludeOutside) {
        let sum = 0;
        for (let k = 0; k < 4; k++) if (idx[k] >= 0 && idx[k] < lenIn) sum += cf[k];
        for (let k = 0; k < 4; k++) if (idx[k] >= 0 && idx[k] < lenIn) M[row + idx[k]] += cf[k] / sum;
      } else {
        for (let k = 0; k < 4; k++) M[row + clampI(idx[k])] += cf[k];
      }
    }
  }
  return M;
}

function isIdentity(M: Float64Array, n: number, m: number): boolean {
  if (n !== m) return false;
  for (let o = 0; o < n; o++) for (let i = 0; i < m; i++) if (M[o * m + i] !== (o === i ? 1 : 0)) return false;
  return true;
}

function transposed(M: Float64Array, n: number, m: number): number[] {
  const t = new Array<number>(n * m);
  for (let o = 0; o < n; o++) for (let i = 0; i < m; i++) t[i * n + o] = M[o * m + i];
  return t;
}

/** The per-axis description of a Resize node (throws through `unsupported` for what the rule does not cover). */
export function resizeAxes(
  n: NodeProto,
  xs: readonly number[], ys: readonly number[],
  constValue: (name: string) => number[] | undefined,
  unsupported: (why: string) => never,
): AxisResize[] {
  const r = xs.length;
  const mode = attrString(n, 'mode', 'nearest')!;
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'cubic') unsupported(`mode ${mode}`);
  const ctm = attrString(n, 'coordinate_transformation_mode', 'half_pixel')!;
  if (!COORD_MODES.has(ctm)) unsupported(`coordinate_transformation_mode ${ctm}${ctm === 'tf_half_pixel_for_nn' ? ' (deprecated since opset 13)' : ''}`);
  const nearestMode = attrString(n, 'nearest_mode', 'round_prefer_floor')!;
  if (mode === 'nearest' && !NEAREST_MODES.has(nearestMode)) unsupported(`nearest_mode ${nearestMode}`);
  if (attrInt(n, 'antialias', 0) !== 0) unsupported('antialias=1');
  const policy = attrString(n, 'keep_aspect_ratio_policy', 'stretch')!;
  if (policy !== 'stretch' && n.input[3]) unsupported(`keep_aspect_ratio_policy ${policy}`);
  if (r !== 3 && r !== 4) unsupported(`a ${r}-D input (3-D and 4-D NC… inputs only)`);
  if (ys.length !== r) unsupported('output rank differs from the input rank');
  for (let i = 0; i < r; i++) if (!(xs[i] === -1 ? ys[i] === -1 : xs[i] > 0 && ys[i] > 0)) unsupported('unknown spatial sizes');
  for (let i = 0; i < 2; i++) if (xs[i] !== ys[i]) unsupported(`resizing axis ${i} (batch or channels)`);
  const axesAttr = attrInts(n, 'axes');
  const axes = (axesAttr ?? Array.from({ length: r }, (_, i) => i)).map((a) => (a < 0 ? a + r : a));
  // the scale of each axis: from the scales input when there is no sizes input, else lenOut/lenIn
  const scales = new Array<number>(r).fill(1);
  const sizesName = n.input[3] ?? '';
  const scalesName = n.input[2] ?? '';
  if (sizesName) {
    for (let i = 0; i < r; i++) scales[i] = ys[i] === -1 ? 1 : f(ys[i] / xs[i]);
  } else if (scalesName) {
    const sv = constValue(scalesName);
    if (!sv || sv.length !== axes.length) unsupported('scales are not a known constant');
    axes.forEach((a, k) => { scales[a] = sv[k]; });
    if (scales[0] !== 1 || scales[1] !== 1) unsupported('resizing the batch or channel axis');
  } else unsupported('neither scales nor sizes');
  const cubicA = attrFloat(n, 'cubic_coeff_a', -0.75)!;
  const excludeOutside = attrInt(n, 'exclude_outside', 0) === 1;
  const out: AxisResize[] = [];
  for (let i = 2; i < r; i++) {
    if (!(scales[i] > 0)) unsupported(`scale ${scales[i]} on axis ${i}`);
    out.push({ mode, ctm, nearestMode, cubicA, excludeOutside, lenIn: xs[i], lenOut: ys[i], scale: scales[i] });
  }
  return out;
}

/** dX = A_hᵀ · dY · A_w (each MatMul skipped when its axis is an identity). */
const resize: GradientRule = {
  ops: ['Resize'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    ctx.onlyFirstActive(n);
    const X = n.input[0];
    const xs = ctx.shapeOf(X), ys = ctx.shapeOf(n.output[0]);
    const t = ctx.typeOf(n.output[0]);
    const axes = resizeAxes(n, xs, ys, (nm) => ctx.constValue(nm), (why) => ctx.unsupported(n, why));
    let g = gy;
    // last axis: [.., Ho, Wo] · A_w [Wo, W] -> [.., Ho, W]
    const aw = axes[axes.length - 1];
    const Mw = interpMatrix(aw);
    if (!isIdentity(Mw, aw.lenOut, aw.lenIn)) g = e.op('MatMul', [g, e.floats(t, Array.from(Mw), [aw.lenOut, aw.lenIn])]);
    if (axes.length === 2) {
      // A_hᵀ [H, Ho] · [N, C, Ho, W] -> [N, C, H, W] (MatMul broadcasts the 2-D left operand)
      const ah = axes[0];
      const Mh = interpMatrix(ah);
      if (!isIdentity(Mh, ah.lenOut, ah.lenIn)) g = e.op('MatMul', [e.floats(t, transposed(Mh, ah.lenOut, ah.lenIn), [ah.lenIn, ah.lenOut]), g]);
    }
    if (g === gy) g = e.op('Identity', [gy]);
    return n.input.map((_, i) => (i === 0 ? g : null));
  },
};

export const rules: readonly GradientRule[] = [resize];
