/**
 * The MaxPool backward for windows that tile X exactly (stride = kernel, no padding or dilation, sizes multiples of
 * the kernel; float32): the forward MaxPool keeps a single output (no Indices, so onnxruntime runs its fast pooling
 * kernel) and the argmax is rebuilt from an equality mask with first-maximum priority weights (src/model/gradient/rules/pool.ts). Checked
 * against a float64 reference in which each window's upstream gradient goes to its FIRST maximum (row-major), times
 * the Relu mask when a Relu precedes the pool; inputs from a handful of values, so most windows hold ties.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { prepareGradient } from '../../src/model/gradient/index.ts';
import { rng } from '../../src/util/random.ts';

const cases: { name: string; N: number; C: number; H: number; W: number; k: [number, number]; relu: boolean }[] = [
  { name: 'Relu -> k2x3 (non-square)', N: 5, C: 3, H: 6, W: 9, k: [2, 3], relu: true },
  { name: 'k2x3 on raw input', N: 4, C: 2, H: 8, W: 12, k: [2, 3], relu: false },
  { name: 'Relu -> k2, 8 channels', N: 2, C: 8, H: 6, W: 8, k: [2, 2], relu: true },
  { name: 'k4 on raw input', N: 3, C: 1, H: 8, W: 8, k: [4, 4], relu: false },
];

for (const c of cases) {
  test(`tiled MaxPool gradient (equality mask), ties to the first maximum: ${c.name}`, async () => {
    const { N, C, H, W, k: [kh, kw] } = c;
    const Ho = Math.floor(H / kh), Wo = Math.floor(W / kw), K = C * Ho * Wo;
    const g = new GraphBuilder('pool');
    const x = g.input('x', 'float32', ['N', C, H, W]);
    const h = c.relu ? g.node('Relu', [x]) : x;
    const p = g.node('MaxPool', [h], { kernel_shape: [kh, kw], strides: [kh, kw] });
    g.output(g.node('Flatten', [p], { axis: 1 }, { outputs: ['z'] }), 'float32', ['N', K]);
    const bytes = g.toModel({ opset: 17 });
    const R = rng(11, c.name);
    const levels = [-1, -0.5, 0, 0, 0.5, 1];
    const xv = Float32Array.from({ length: N * C * H * W }, () => levels[Math.floor(R.next() * levels.length)]);
    const labels = Array.from({ length: N }, () => Math.floor(R.next() * K));
    const so = { intraOpNumThreads: 1 };
    const prep = await prepareGradient({
      bytes, wrt: ['x'], output: 'z', outputKind: 'logits', sessionOptions: so,
      probeFeeds: (n) => ({ x: new ort.Tensor('float32', xv.slice(0, n * C * H * W), [n, C, H, W]) }),
    });
    const gm = prep.model('ce');
    const pools = decodeModel(gm).graph!.node.filter((nd) => nd.opType === 'MaxPool' && !nd.output[0].startsWith('mg/'));
    assert.equal(pools.length, 1);
    assert.deepEqual(pools[0].output.filter(Boolean).length, 1, 'the forward MaxPool must not get an Indices output');
    const sess = await ort.InferenceSession.create(gm, so);
    const r = await sess.run({ x: new ort.Tensor('float32', xv, [N, C, H, W]), mg_label: new ort.Tensor('int64', BigInt64Array.from(labels, BigInt), [N]) });
    await sess.release();
    const got = r.mg_grad_0.data as Float32Array;

    const want = new Float64Array(xv.length);
    let ties = 0;
    for (let n = 0; n < N; n++) {
      const z = new Float64Array(K);
      const arg = new Int32Array(K);
      for (let ch = 0; ch < C; ch++) for (let oh = 0; oh < Ho; oh++) for (let ow = 0; ow < Wo; ow++) {
        let best = -Infinity, at = -1, hits = 0;
        for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
          const idx = ((n * C + ch) * H + oh * kh + i) * W + ow * kw + j;
          const v = c.relu ? Math.max(0, xv[idx]) : xv[idx];
          if (v > best) { best = v; at = idx; hits = 1; } else if (v === best) hits++;
        }
        const o = (ch * Ho + oh) * Wo + ow;
        z[o] = best;
        arg[o] = at;
        if (hits > 1) ties++;
      }
      const mx = Math.max(...z);
      const ex = Array.from(z, (v) => Math.exp(v - mx));
      const s = ex.reduce((a, b) => a + b, 0);
      for (let o = 0; o < K; o++) {
        const dz = ex[o] / s - (o === labels[n] ? 1 : 0);
        if (!c.relu || xv[arg[o]] > 0) want[arg[o]] += dz;
      }
    }
    assert.ok(ties > N * C, `inputs must hold tied windows (got ${ties})`);
    let maxErr = 0;
    for (let i = 0; i < want.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - want[i]));
    assert.ok(maxErr < 1e-6, `max |grad - reference| = ${maxErr}`);
  });
}
