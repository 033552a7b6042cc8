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
// torch emits the scales as a Constant node, not an initializer: the rule reads them from the probe
CASES.push({ name: 'Resize bilinear-x2 scales from a Constant node', dtype: 'float32', shape: [2, 2, 4, 5], build: (g, x) =>
  g.node('Resize', [x, '', g.constant('scales_c', Float32Array.of(1, 1, 2, 2), [4])], { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' }) });

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

// ---- what the rule rejects (UnsupportedOpError, so the gate falls back to black-box attacks)
const REJECTED: { name: string; c: Case; why: RegExp }[] = [
  { name: 'resizing the channel axis', why: /axis 1|channel/, c: { name: 'Resize-channels', dtype: 'float32', shape: [2, 2, 3, 3], build: (g, x) => g.node('Resize', [x, '', g.initializer('sc', Float32Array.of(1, 2, 1, 1), [4])], { mode: 'nearest' }) } },
  { name: 'tf_crop_and_resize', why: /tf_crop_and_resize/, c: { name: 'Resize-crop', dtype: 'float32', shape: [2, 1, 4, 4], build: (g, x) => g.node('Resize', [x, g.initializer('roi', Float32Array.of(0, 0, 0.1, 0.1, 1, 1, 0.9, 0.9), [8]), g.initializer('sc', Float32Array.of(1, 1, 2, 2), [4])], { mode: 'linear', coordinate_transformation_mode: 'tf_crop_and_resize' }) } },
  { name: 'antialias', why: /antialias/, c: { name: 'Resize-antialias', dtype: 'float32', shape: [2, 1, 8, 8], opset: 18, build: (g, x) => g.node('Resize', [x, '', g.initializer('sc', Float32Array.of(1, 1, 0.5, 0.5), [4])], { mode: 'linear', antialias: 1 }) } },
  { name: 'a 5-D input', why: /5-D/, c: { name: 'Resize-5d', dtype: 'float32', shape: [2, 1, 2, 3, 3], build: (g, x) => g.node('Resize', [x, '', g.initializer('sc', Float32Array.of(1, 1, 2, 2, 2), [5])], { mode: 'nearest' }) } },
];

for (const r of REJECTED) {
  test(`Resize: ${r.name} is rejected with a reason`, async () => {
    const { model, x } = await buildCase(r.c);
    await assert.rejects(checkGradient(model, x, [1, 3], 1e-2), (e: unknown) => e instanceof UnsupportedOpError && r.why.test(String((e as Error).message)));
  });
}

// ---- an attention-style subgraph: batched MatMul with both operands active, Transpose, Softmax on the last axis
const T = 4, D = 6;
function attention(g: GraphBuilder, x: string, a: (name: string, dims: number[], scale?: number) => string, heads: number, sharedKV = false): string {
  const dh = D / heads;
  const q = g.node('MatMul', [x, a('Wq', [D, D])]);
  const kv = sharedKV ? dh : D;
  const k = g.node('MatMul', [x, a('Wk', [D, kv])]);
  const v = g.node('MatMul', [x, a('Wv', [D, kv])]);
  const split = (t: string, h: number, w: number): string =>
    g.node('Transpose', [g.node('Reshape', [t, i64(g, `shp_${t}`, [0, T, h, w])])], { perm: [0, 2, 1, 3] });
  const Q = heads === 1 ? q : split(q, heads, dh);
  const K = heads === 1 ? k : split(k, sharedKV ? 1 : heads, dh);
  const V = heads === 1 ? v : split(v, sharedKV ? 1 : heads, dh);
  const Kt = g.node('Transpose', [K], { perm: heads === 1 ? [0, 2, 1] : [0, 1, 3, 2] });
  const scale = g.initializer('inv_sqrt_d', Float64Array.of(1 / Math.sqrt(dh)), []);
  const S = g.node('Softmax', [g.node('Mul', [g.node('MatMul', [Q, Kt]), scale])], { axis: -1 });
  let O = g.node('MatMul', [S, V]);
  if (heads > 1) O = g.node('Reshape', [g.node('Transpose', [O], { perm: [0, 2, 1, 3] }), i64(g, 'merge', [0, T, D])]);
  return g.node('ReduceMean', [O], { axes: [1], keepdims: 0 });
}

checkCases([
  { name: 'attention-1head (x[N,T,D], S=Softmax(QKᵀ/√d), mean over T)', dtype: 'float64', shape: [2, T, D], build: (g, x, a) => attention(g, x, a, 1) },
  { name: 'attention-2heads (4-D batched MatMul)', dtype: 'float64', shape: [2, T, D], build: (g, x, a) => attention(g, x, a, 2) },
  { name: 'attention-multi-query (K, V broadcast over heads)', dtype: 'float64', shape: [2, T, D], build: (g, x, a) => attention(g, x, a, 2, true) },
]);

// ---- a U-Net-style block: the decoder upsamples to the skip tensor's size (F.interpolate(size=skip.shape[2:])).
// Tanh, not Relu, after the first Conv: with float32 steps h = 1e-2 a Relu kink within h of a pre-activation
// spoils the central difference itself.
checkCases([
  { name: 'unet-block (Conv, AveragePool, Conv, Resize to the skip size, Concat, Conv)', dtype: 'float32', shape: [2, 2, 7, 7], build: (g, x, a) => {
    const skip = g.node('Tanh', [g.node('Conv', [x, a('W1', [3, 2, 3, 3]), a('b1', [3])], { pads: [1, 1, 1, 1] })]);
    const down = g.node('AveragePool', [skip], { kernel_shape: [2, 2], strides: [2, 2] });
    const mid = g.node('Conv', [down, a('W2', [3, 3, 3, 3])], { pads: [1, 1, 1, 1] });
    const size = g.node('Slice', [g.node('Shape', [skip]), i64(g, 'from', [2]), i64(g, 'to', [4])]);
    const sizes = g.node('Concat', [g.node('Slice', [g.node('Shape', [mid]), i64(g, 'z', [0]), i64(g, 'two', [2])]), size], { axis: 0 });
    const up = g.node('Resize', [mid, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' });
    return g.node('Conv', [g.node('Concat', [skip, up], { axis: 1 }), a('W3', [2, 6, 3, 3])], { pads: [1, 1, 1, 1] });
  } },
]);
