/**
 * Real PyTorch models (test/fixtures/torch/, made by scripts/make-torch-fixtures.py; SOURCE.md there): a tiny ViT
 * (opset 13 and 17), a MobileNetV3-small-style CNN (opset 13 and 17), GRU and LSTM sequence classifiers, a U-Net
 * with nearest and bilinear Resize, and a plain control CNN. For each: (i) onnxruntime's logits equal torch's,
 * (ii) the graph's op set is the one pinned below, (iii) the gradient status is the one pinned in EXPECTED, and
 * where it is white-box, the built input gradient of the cross-entropy (labels = torch's argmax) equals torch's
 * autograd gradient: max|g − g_torch| / max|g_torch| < 1e-3.
 *
 * EXPECTED states today's truth on this branch. Adding a gradient rule flips an entry from `unsupported: …` to
 * `white-box` (or shortens its list): update the entry in the same change, and the gradient comparison then runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { prepareGradient, UnsupportedOpError } from '../../src/model/gradient/index.ts';
import { readNpy } from './helpers.ts';

const DIR = fileURLToPath(new URL('../fixtures/torch/', import.meta.url));

/** Per fixture: today's gradient status (`white-box`, or `unsupported: <op ×nodes, …>` as the error lists them). */
const EXPECTED: Record<string, string> = {
  'vit-op13': 'white-box',
  'vit-op17': 'white-box',
  'mobilenetv3-op13': 'white-box',
  'mobilenetv3-op17': 'white-box',
  'gru-op13': 'white-box',
  'lstm-op13': 'white-box',
  'unet-op13': 'white-box',
  'cnn-op13': 'white-box',
};

/** The op types of each exported graph (a change here means the fixture or the exporter changed). */
const OPS: Record<string, string> = {
  'vit-op13': 'Add Concat Constant Conv Div Erf Gather Gemm MatMul Mul Pow ReduceMean Reshape Shape Slice Softmax Sqrt Sub Transpose',
  'vit-op17': 'Add Concat Constant Conv Div Erf Gather Gemm LayerNormalization MatMul Mul ReduceMean Reshape Shape Slice Softmax Transpose',
  'mobilenetv3-op13': 'Add Conv Flatten Gemm GlobalAveragePool HardSigmoid Mul Relu',
  'mobilenetv3-op17': 'Add Conv Flatten Gemm GlobalAveragePool HardSigmoid HardSwish Mul Relu',
  'gru-op13': 'Concat Constant ConstantOfShape GRU Gather Gemm Shape Squeeze Transpose Unsqueeze',
  'lstm-op13': 'Concat Constant ConstantOfShape Gather Gemm LSTM Shape Squeeze Transpose Unsqueeze',
  'unet-op13': 'Concat Constant Conv MaxPool ReduceMean Relu Resize',
  'cnn-op13': 'AveragePool Constant Conv Flatten Gemm MaxPool Pad Relu',
};

interface Fixture { onnx: string; data: string; opset: number; row_shape: number[]; classes: number; labels: number[] }
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as { torch: string; fixtures: Record<string, Fixture> };

test('the manifest lists exactly the fixtures pinned here', () => {
  assert.deepEqual(Object.keys(manifest.fixtures).sort(), Object.keys(EXPECTED).sort());
  assert.deepEqual(Object.keys(OPS).sort(), Object.keys(EXPECTED).sort());
});

const maxAbs = (a: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

for (const [name, f] of Object.entries(manifest.fixtures)) {
  test(`${name} (torch ${manifest.torch}, opset ${f.opset}): logits, ops, gradient status`, async (t) => {
    const bytes = readFileSync(`${DIR}${f.onnx}`);
    const x = readNpy(`${DIR}${f.data}-x.npy`);
    const ref = readNpy(`${DIR}${f.data}-logits.npy`).data as Float32Array;
    const gRef = readNpy(`${DIR}${f.data}-grad.npy`).data as Float32Array;
    const X = x.data as Float32Array;
    const N = x.shape[0];
    const D = f.row_shape.reduce((a, b) => a * b, 1);
    assert.deepEqual(x.shape, [N, ...f.row_shape]);
    assert.equal(ref.length, N * f.classes);
    const feed = (n: number): Record<string, ort.Tensor> => ({ x: new ort.Tensor('float32', X.slice(0, n * D), [n, ...f.row_shape]) });

    // (i) forward: onnxruntime = torch, all rows in one batch (the batch axis is dynamic)
    const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    const out = (await s.run(feed(N)))['logits'].data as Float32Array;
    await s.release();
    const fwdErr = maxDiff(out, ref);
    t.diagnostic(`${name}: forward max|Δlogit| ${fwdErr.toExponential(2)} (max|logit| ${maxAbs(ref).toFixed(2)})`);
    assert.ok(fwdErr < 1e-4 * Math.max(1, maxAbs(ref)), `forward differs from torch by ${fwdErr}`);
    // the labels the torch gradient used are the argmax of its logits
    const labels = Array.from({ length: N }, (_, i) => {
      let k = 0;
      for (let c = 1; c < f.classes; c++) if (ref[i * f.classes + c] > ref[i * f.classes + k]) k = c;
      return k;
    });
    assert.deepEqual(labels, f.labels);

    // (ii) the ops of the graph
    const ops = [...new Set(decodeModel(bytes).graph!.node.map((n) => n.opType ?? ''))].sort().join(' ');
    t.diagnostic(`${name}: ops ${ops}`);
    assert.equal(ops, OPS[name]);

    // (iii) gradient status, and the gradient itself where white-box
    let status: string;
    let grad: Float32Array | null = null;
    try {
      const prep = await prepareGradient({ bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', probeFeeds: feed });
      const gs = await ort.InferenceSession.create(prep.model('ce'), { intraOpNumThreads: 1, interOpNumThreads: 1 });
      const r = await gs.run({ ...feed(N), mg_label: new ort.Tensor('int64', BigInt64Array.from(labels.map(BigInt)), [N]) });
      await gs.release();
      grad = r.mg_grad_0.data as Float32Array;
      status = 'white-box';
    } catch (e) {
      if (!(e instanceof UnsupportedOpError)) throw e;
      status = e.missing.length > 0 ? `unsupported: ${e.missing.map((m) => `${m.op} ×${m.count}`).join(', ')}` : `unsupported: ${e.op} (${e.reason})`;
    }
    t.diagnostic(`${name}: ${status}`);
    assert.equal(status, EXPECTED[name], `${name}: the gradient status changed: update EXPECTED if this is deliberate`);
    if (grad) {
      assert.equal(grad.length, gRef.length);
      const scale = maxAbs(gRef);
      const rel = maxDiff(grad, gRef) / scale;
      t.diagnostic(`${name}: gradient max|g − g_torch| / max|g_torch| ${rel.toExponential(2)} (max|g_torch| ${scale.toExponential(2)})`);
      assert.ok(scale > 1e-3, 'vacuous check: the torch gradient is ~0');
      assert.ok(rel < 1e-3, `gradient differs from torch: rel ${rel}`);
    }
  });
}

test('every op without a gradient rule on the path is listed with its count, in order of first appearance', async () => {
  // Asinh and Sinh: ops no rule is planned for (pick others if one lands). Asinh ×2, Sinh ×1, with a supported op between.
  const g = new GraphBuilder('missing');
  const x = g.input('x', 'float32', ['N', 2]);
  const a = g.node('Asinh', [x]);
  const b = g.node('Tanh', [a]);
  const c = g.node('Sinh', [b]);
  const d = g.node('Asinh', [c]);
  const z = g.node('MatMul', [d, g.initializer('W', Float32Array.from([1, -1, 0.5, 2]), [2, 2])], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 2]);
  const bytes = g.toModel({ opset: 17 });
  await assert.rejects(
    prepareGradient({ bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', probeFeeds: (n) => ({ x: new ort.Tensor('float32', new Float32Array(2 * n).fill(0.3), [n, 2]) }) }),
    (e: unknown) => {
      assert.ok(e instanceof UnsupportedOpError);
      assert.deepEqual(e.missing, [{ op: 'Asinh', count: 2 }, { op: 'Sinh', count: 1 }]);
      assert.equal(e.op, 'Asinh');
      assert.equal(e.reason, 'no gradient rule for Asinh ×2, Sinh ×1');
      assert.match(e.message, /^cannot differentiate Asinh \(node "[^"]+"\): no gradient rule for Asinh ×2, Sinh ×1$/);
      return true;
    },
  );
});
