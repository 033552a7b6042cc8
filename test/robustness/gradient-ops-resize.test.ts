/**
 * Resize gradients (rules/resize.ts), in the configurations PyTorch exports (nn.Upsample / F.interpolate with
 * nearest, bilinear align_corners False/True, bicubic; scale_factor or size), at integer and non-integer scales.
 *
 * Two checks per configuration:
 * - forward equality: the rule's 1-D interpolation matrices, applied in TypeScript as A_h·X·A_wᵀ, reproduce
 *   onnxruntime's own Resize output (an independent check of the per-mode formulas the VJP is the transpose of);
 * - the finite-difference check of gradient-cases.ts (float32: onnxruntime's CPU Resize has no float64 kernel).
 *
 * Plus rejections (resizing the channel axis, tf_crop_and_resize, antialias) and an attention-style subgraph
 * (batched MatMul with both operands active, Transpose, Softmax on the last axis).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, GraphBuilder, makeAttribute, type Attrs } from '../../src/model/onnx/builder.ts';
import { UnsupportedOpError } from '../../src/model/gradient/index.ts';
import { interpMatrix, resizeAxes } from '../../src/model/gradient/rules/resize.ts';
import { mkNode } from '../../src/model/gradient/graph.ts';
import { rng } from '../../src/util/random.ts';
import { buildCase, checkCases, i64, type Case } from './gradient-cases.ts';
import { checkGradient } from './gradcheck.ts';

interface Cfg {
  name: string;
  /** [N, C, H, W] or [N, C, W] */
  shape: number[];
  attrs: Record<string, string | number>;
  /** spatial scales (the scales input) or spatial output sizes (a sizes input built as torch does) */
  scales?: number[];
  sizes?: number[];
  opset?: number;
  /** opset 18+: the axes attribute, scales/sizes given for these axes only */
  axes?: number[];
}

const torchNearest = { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' };
const torchBilinear = { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' };
const torchBilinearAC = { mode: 'linear', coordinate_transformation_mode: 'align_corners' };
const torchBicubic = { mode: 'cubic', coordinate_transformation_mode: 'pytorch_half_pixel', cubic_coeff_a: -0.75 };

const CFGS: Cfg[] = [
  { name: 'nearest-x2 (nn.Upsample(scale_factor=2))', shape: [2, 2, 4, 5], attrs: torchNearest, scales: [2, 2] },
  { name: 'nearest-x1.7 (7->11)', shape: [2, 2, 7, 6], attrs: torchNearest, scales: [1.7, 1.5] },
  { name: 'nearest-size (7x5->12x9)', shape: [2, 2, 7, 5], attrs: torchNearest, sizes: [12, 9] },
  { name: 'nearest-onnx-default-round_prefer_floor-half_pixel-x1.5', shape: [2, 2, 4, 6], attrs: { mode: 'nearest' }, scales: [1.5, 1.5] },
  { name: 'nearest-round_prefer_ceil-align_corners-size', shape: [2, 1, 5, 7], attrs: { mode: 'nearest', coordinate_transformation_mode: 'align_corners', nearest_mode: 'round_prefer_ceil' }, sizes: [9, 12] },
  { name: 'bilinear-x2 (align_corners=False)', shape: [2, 2, 4, 5], attrs: torchBilinear, scales: [2, 2] },
  { name: 'bilinear-size (align_corners=False, 7x5->12x9)', shape: [2, 2, 7, 5], attrs: torchBilinear, sizes: [12, 9] },
  { name: 'bilinear-x2 (align_corners=True)', shape: [2, 2, 4, 5], attrs: torchBilinearAC, scales: [2, 2] },
  { name: 'bilinear-size (align_corners=True, 7x5->12x9)', shape: [2, 2, 7, 5], attrs: torchBilinearAC, sizes: [12, 9] },
  { name: 'bilinear-x1.7 (align_corners=False, 7->11)', shape: [2, 2, 7, 6], attrs: torchBilinear, scales: [1.7, 1.5] },
  { name: 'linear-half_pixel-downsample (8x7->5x3)', shape: [2, 2, 8, 7], attrs: { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }, sizes: [5, 3] },
  { name: 'linear-asymmetric-x2', shape: [2, 2, 4, 4], attrs: { mode: 'linear', coordinate_transformation_mode: 'asymmetric' }, scales: [2, 2] },
  { name: 'linear-1d (NCW, x2.5)', shape: [2, 3, 6], attrs: torchBilinear, scales: [2.5] },
  { name: 'bicubic-x2 (align_corners=False)', shape: [2, 2, 4, 5], attrs: torchBicubic, scales: [2, 2] },
  { name: 'bicubic-size (align_corners=True, 7x5->12x9)', shape: [2, 1, 7, 5], attrs: { ...torchBicubic, coordinate_transformation_mode: 'align_corners' }, sizes: [12, 9] },
  { name: 'cubic-exclude_outside-half_pixel-a-0.5', shape: [2, 1, 5, 6], attrs: { mode: 'cubic', cubic_coeff_a: -0.5, exclude_outside: 1 }, scales: [1.6, 2] },
  { name: 'opset18-axes-linear-x2', shape: [2, 2, 4, 5], attrs: torchBilinear, scales: [2, 2], axes: [2, 3], opset: 18 },
  { name: 'opset19-half_pixel_symmetric-linear-x1.7', shape: [2, 1, 6, 5], attrs: { mode: 'linear', coordinate_transformation_mode: 'half_pixel_symmetric' }, scales: [1.7, 1.5], opset: 19 },
];

function attrsOf(c: Cfg): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(c.attrs)) out[k] = k === 'cubic_coeff_a' ? attr.f(v as number) : v;
  if (c.axes) out.axes = c.axes;
  return out;
}

/** The Resize node as torch exports it: scales [1, 1, s…] (an initializer), or sizes = Concat(Shape(x)[:2], size). */
function resizeNode(g: GraphBuilder, x: string, c: Cfg): string {
  const a = attrsOf(c);
  if (c.scales) {
    const sc = c.axes ? c.scales : [1, 1, ...c.scales];
    return g.node('Resize', [x, '', g.initializer('scales', Float32Array.from(sc), [sc.length])], a);
  }
  const s = g.node('Shape', [x]);
  const nc = g.node('Slice', [s, i64(g, 's0', [0]), i64(g, 's2', [2])]);
  const sizes = g.node('Concat', [nc, i64(g, 'size', c.sizes!)], { axis: 0 });
  return g.node('Resize', [x, '', '', sizes], a);
}

const CASES: Case[] = CFGS.map((c) => ({ name: `Resize ${c.name}`, dtype: 'float32', shape: c.shape, opset: c.opset, build: (g, x) => resizeNode(g, x, c) }));

/** Y = A_h·X·A_wᵀ per (n, c) plane, in float64. */
function applyMatrices(x: Float32Array, xs: number[], ys: number[], mats: Float64Array[]): Float64Array {
  const sp = xs.length - 2;
  const H = sp === 2 ? xs[2] : 1, W = xs[xs.length - 1];
  const Ho = sp === 2 ? ys[2] : 1, Wo = ys[ys.length - 1];
  const Ah = sp === 2 ? mats[0] : Float64Array.of(1), Aw = mats[mats.length - 1];
  const planes = xs[0] * xs[1];
  const y = new Float64Array(planes * Ho * Wo);
  const tmp = new Float64Array(H * Wo);
  for (let p = 0; p < planes; p++) {
    tmp.fill(0);
    for (let h = 0; h < H; h++) for (let o = 0; o < Wo; o++) {
      let s = 0;
      for (let w = 0; w < W; w++) s += x[(p * H + h) * W + w] * Aw[o * W + w];
      tmp[h * Wo + o] = s;
    }
    for (let o = 0; o < Ho; o++) for (let q = 0; q < Wo; q++) {
      let s = 0;
      for (let h = 0; h < H; h++) s += Ah[o * H + h] * tmp[h * Wo + q];
      y[(p * Ho + o) * Wo + q] = s;
    }
  }
  return y;
}

for (const c of CFGS) {
  test(`Resize ${c.name}: the rule's interpolation matrices reproduce onnxruntime's forward`, async (t) => {
    const g = new GraphBuilder('fwd');
    const x = g.input('x', 'float32', c.shape);
    const y = resizeNode(g, x, c);
    g.output(y, 'float32');
    const s = await ort.InferenceSession.create(g.toModel({ opset: c.opset ?? 17 }));
    const R = rng(3, c.name);
    const n = c.shape.reduce((a, b) => a * b, 1);
    const xv = Float32Array.from({ length: n }, () => R.normal());
    const r = await s.run({ x: new ort.Tensor('float32', xv, c.shape) });
    await s.release();
    const out = r[y];
    const ys = out.dims.map(Number);
    const node = mkNode('Resize', [x, '', c.scales ? 'scales' : '', c.sizes ? 'sizes' : ''], ['y'], Object.entries(attrsOf(c)).map(([k, v]) => makeAttribute(k, v!)));
    const scalesVal = c.scales ? (c.axes ? c.scales : [1, 1, ...c.scales]) : undefined;
    const axes = resizeAxes(node, c.shape, ys, () => scalesVal, (why) => { throw new Error(why); });
    const ref = applyMatrices(xv, c.shape, ys, axes.map(interpMatrix));
    const got = out.data as Float32Array;
    assert.equal(got.length, ref.length);
    let err = 0, mx = 0;
    for (let i = 0; i < ref.length; i++) { err = Math.max(err, Math.abs(got[i] - ref[i])); mx = Math.max(mx, Math.abs(ref[i])); }
    t.diagnostic(`${c.name}: ${c.shape.join('x')} -> ${ys.join('x')}, max|ort − A·X·Aᵀ| = ${err.toExponential(2)} (max|y| ${mx.toFixed(2)})`);
    assert.ok(err < 1e-5 * Math.max(1, mx), `${c.name}: forward differs from onnxruntime by ${err}`);
  });
}

checkCases(CASES);
