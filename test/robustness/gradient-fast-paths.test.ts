/**
 * Fast paths of the gradient builder (src/model/gradient) that the op-by-op finite-difference tests do not reach.
 *
 * 1. The MaxPool backward for disjoint windows (MaxUnpool on the pool's Indices, with a preceding Relu folded in at the
 * pooled resolution) against a float64 reference written here: the upstream gradient of each window goes to the
 * FIRST maximum of the window (row-major), times the Relu mask (x > 0). Inputs are drawn from a handful of values
 * so most windows hold ties (also all-zero windows after the Relu), which finite differences cannot check.
 * 2. The stride-1 Conv backward as a Conv with the flipped kernel, used when the forward Conv has ≥ 8 input channels
 * (below that the builder uses ConvTranspose, covered by gradient-ops.test.ts): central finite differences of the
 * ORIGINAL model (h = 1e-2 on float32, tolerance 2e-3: the error budget of gradient-ops.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { prepareGradient } from '../../src/model/gradient/index.ts';
import { rng } from '../../src/util/random.ts';
import { checkGradient } from './gradcheck.ts';

interface Pool { kernel_shape: number[]; strides: number[]; pads?: number[]; dilations?: number[] }
const cases: { name: string; H: number; W: number; pool: Pool; relu: boolean }[] = [
  { name: 'Relu -> MaxPool k2 s2', H: 6, W: 8, pool: { kernel_shape: [2, 2], strides: [2, 2] }, relu: true },
  { name: 'Relu -> MaxPool k3 s3 (floor drops a border)', H: 8, W: 7, pool: { kernel_shape: [3, 3], strides: [3, 3] }, relu: true },
  { name: 'Relu -> MaxPool k2x3 s3x3 (gaps)', H: 7, W: 9, pool: { kernel_shape: [2, 3], strides: [3, 3] }, relu: true },
  { name: 'Relu -> MaxPool k2 s2 pads', H: 7, W: 7, pool: { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 0, 0] }, relu: true },
  { name: 'Relu -> MaxPool k2 s3 dilation 2', H: 8, W: 8, pool: { kernel_shape: [2, 2], strides: [3, 3], dilations: [2, 2] }, relu: true },
  { name: 'MaxPool k2 s2 on raw input', H: 6, W: 6, pool: { kernel_shape: [2, 2], strides: [2, 2] }, relu: false },
];

function outSize(H: number, k: number, s: number, d: number, pb: number, pe: number): number {
  return Math.floor((H + pb + pe - ((k - 1) * d + 1)) / s) + 1;
}

for (const c of cases) {
  test(`fast MaxPool gradient, ties to the first maximum: ${c.name}`, async () => {
    const N = 3, C = 2, { H, W, pool } = c;
    const [kh, kw] = pool.kernel_shape, [sh, sw] = pool.strides;
    const [dh, dw] = pool.dilations ?? [1, 1];
    const pads = pool.pads ?? [0, 0, 0, 0];
    const Ho = outSize(H, kh, sh, dh, pads[0], pads[2]), Wo = outSize(W, kw, sw, dw, pads[1], pads[3]);
    const K = C * Ho * Wo;
    const g = new GraphBuilder('pool');
    const x = g.input('x', 'float32', ['N', C, H, W]);
    const h = c.relu ? g.node('Relu', [x]) : x;
    const p = g.node('MaxPool', [h], { ...pool });
    g.output(g.node('Flatten', [p], { axis: 1 }, { outputs: ['z'] }), 'float32', ['N', K]);
    const bytes = g.toModel({ opset: 17 });

    const R = rng(7, c.name);
    const levels = [-1, -0.5, 0, 0, 0.5, 1];
    const xv = Float32Array.from({ length: N * C * H * W }, () => levels[Math.floor(R.next() * levels.length)]);
    const labels = Array.from({ length: N }, () => Math.floor(R.next() * K));
    const so = { intraOpNumThreads: 1 };
    const prep = await prepareGradient({
      bytes, wrt: ['x'], output: 'z', outputKind: 'logits', sessionOptions: so,
      probeFeeds: (n) => ({ x: new ort.Tensor('float32', xv.slice(0, n * C * H * W), [n, C, H, W]) }),
    });
    const gm = prep.model('ce');
    const ops = decodeModel(gm).graph!.node.map((nd) => nd.opType);
    assert.ok(ops.includes('MaxUnpool') && !ops.includes('ScatterElements'), `fast path not taken: ${ops.join(' ')}`);
    const sess = await ort.InferenceSession.create(gm, so);
    const r = await sess.run({ x: new ort.Tensor('float32', xv, [N, C, H, W]), mg_label: new ort.Tensor('int64', BigInt64Array.from(labels, BigInt), [N]) });
    await sess.release();
    const got = r.mg_grad_0.data as Float32Array;

    // float64 reference
    const want = new Float64Array(xv.length);
    let ties = 0;
    for (let n = 0; n < N; n++) {
      const z = new Float64Array(K);
      const arg = new Int32Array(K);
      for (let ch = 0; ch < C; ch++) {
        for (let oh = 0; oh < Ho; oh++) {
          for (let ow = 0; ow < Wo; ow++) {
            let best = -Infinity, at = -1, hits = 0;
            for (let i = 0; i < kh; i++) {
              for (let j = 0; j < kw; j++) {
                const hh = oh * sh - pads[0] + i * dh, ww = ow * sw - pads[1] + j * dw;
                if (hh < 0 || hh >= H || ww < 0 || ww >= W) continue;
                const idx = ((n * C + ch) * H + hh) * W + ww;
                const v = c.relu ? Math.max(0, xv[idx]) : xv[idx];
                if (v > best) { best = v; at = idx; hits = 1; } else if (v === best) hits++;
              }
            }
            const o = (ch * Ho + oh) * Wo + ow;
            z[o] = best;
            arg[o] = at;
            if (hits > 1) ties++;
          }
        }
      }
      const mx = Math.max(...z);
      const ex = Array.from(z, (v) => Math.exp(v - mx));
      const s = ex.reduce((a, b) => a + b, 0);
      for (let o = 0; o < K; o++) {
        const dz = ex[o] / s - (o === labels[n] ? 1 : 0);
        // maximised loss: the model's loss is the CE itself, so its gradient is +dz routed back
        const at = arg[o];
        if (!c.relu || xv[at] > 0) want[at] += dz;
      }
    }
    assert.ok(ties > N * C, `inputs must hold tied windows (got ${ties})`);
    let maxErr = 0;
    for (let i = 0; i < want.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - want[i]));
    assert.ok(maxErr < 1e-6, `max |grad - reference| = ${maxErr}`);
  });
}

const convCases: { name: string; shape: number[]; w: number[]; attrs: Record<string, unknown> }[] = [
  { name: 'Conv 8->3 3x3 pads 1', shape: [2, 8, 6, 6], w: [3, 8, 3, 3], attrs: { pads: [1, 1, 1, 1] } },
  { name: 'Conv 9->2 3x2 asymmetric pads, dilation 2', shape: [2, 9, 7, 6], w: [2, 9, 3, 2], attrs: { pads: [2, 0, 1, 1], dilations: [2, 2] } },
  { name: 'Conv 8->4 group 2 SAME_UPPER', shape: [2, 8, 5, 5], w: [4, 4, 2, 2], attrs: { group: 2, auto_pad: 'SAME_UPPER' } },
];
for (const c of convCases) {
  test(`flipped-kernel Conv backward matches central finite differences: ${c.name}`, async () => {
    const R = rng(5, c.name);
    const g = new GraphBuilder('conv');
    const x = g.input('x', 'float32', ['N', ...c.shape.slice(1)]);
    const W = g.initializer('W', Float32Array.from({ length: c.w.reduce((a, b) => a * b, 1) }, () => R.normal() * 0.3), c.w);
    const y = g.node('Conv', [x, W], c.attrs as never);
    const probe = new GraphBuilder('probe');
    const f = g.node('Flatten', [y], { axis: 1 });
    // output size of the Conv from a probe run
    const pb = (() => {
      const px = probe.input('x', 'float32', ['N', ...c.shape.slice(1)]);
      const pw = probe.initializer('W', new Float32Array(c.w.reduce((a, b) => a * b, 1)), c.w);
      probe.output(probe.node('Flatten', [probe.node('Conv', [px, pw], c.attrs as never)], { axis: 1 }, { outputs: ['f'] }), 'float32');
      return probe.toModel({ opset: 17 });
    })();
    const n = c.shape.reduce((a, b) => a * b, 1);
    const xv = Float32Array.from({ length: n }, () => R.normal());
    const ps = await ort.InferenceSession.create(pb);
    const F = (await ps.run({ x: new ort.Tensor('float32', xv, c.shape) })).f.dims[1] as number;
    await ps.release();
    const head = g.initializer('head', Float32Array.from({ length: F * 4 }, () => R.normal() / Math.sqrt(F)), [F, 4]);
    g.output(g.node('MatMul', [f, head], {}, { outputs: ['logits'] }), 'float32', ['N', 4]);
    const bytes = g.toModel({ opset: 17 });
    const prep = await prepareGradient({
      bytes, wrt: ['x'], output: 'logits', outputKind: 'logits',
      probeFeeds: (k) => ({ x: new ort.Tensor('float32', xv.slice(0, (k * n) / 2), [k, ...c.shape.slice(1)]) }),
    });
    const ops = decodeModel(prep.model('ce')).graph!.node.map((nd) => nd.opType);
    assert.ok(!ops.includes('ConvTranspose') && ops.filter((o) => o === 'Conv').length === 2, `flipped-kernel path not taken: ${ops.join(' ')}`);
    const res = await checkGradient({ bytes, input: 'x', output: 'logits', shape: c.shape, dtype: 'float32' }, xv, [1, 3], 1e-2);
    assert.ok(res.maxAbsGrad > 1e-4, `the gradient is (nearly) zero (${res.maxAbsGrad})`);
    assert.ok(res.rel < 2e-3, `relative error ${res.rel.toExponential(2)} ≥ 2e-3`);
  });
}
