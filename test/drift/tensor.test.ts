/**
 * The drift gate on tensors: per-channel mean pixel values and the model's prediction features, on the MNIST
 * fixture (test/fixtures/data/mnist: 1000 digits, 100 per class, in class order) with the real mnist-8 model.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../../src/data/load.ts';
import { loadModel } from '../../src/model/load.ts';
import { predict } from '../../src/model/predict.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { driftTest } from '../../src/stats/drift.ts';
import type { Dataset } from '../../src/data/types.ts';
import { FIXTURES } from '../helpers/workspace.ts';
import { runDrift } from './helpers.ts';

/** Rows [from, to) of a tensor dataset, as its own dataset. */
function slice(ds: Dataset, name: string, from: number, to: number): Dataset {
  const t = ds.tensor!, per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return { ...ds, name, rows: to - from, tensor: { data: t.data.slice(from * per, to * per), shape: [to - from, ...t.shape.slice(1)] } };
}

function tensorDataset(name: string, data: number[], shape: number[]): Dataset {
  return { name, path: `${name}.npy`, format: 'npy', sha256: '0'.repeat(64), extraFiles: [], rows: shape[0], columns: new Map(), features: [], tensor: { data: Float32Array.from(data), shape } };
}

test('mnist digits 0-4 vs 5-9: one channel mean per image, and the predicted class and confidence of mnist-8', async () => {
  const all = await loadDataset('all', { path: 'data/mnist/mnist-1000-x.npy', labels: 'data/mnist/mnist-1000-y.npy' } as any, { workspace: FIXTURES, workingDirectory: FIXTURES });
  const R = slice(all, 'low', 0, 500), C = slice(all, 'high', 500, 1000);
  const rel = 'onnx/mnist-8.onnx', abs = path.join(FIXTURES, rel), bytes = readFileSync(abs);
  const m = await loadModel({ abs, rel, bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: rel }, subjectAbs: abs, workspace: FIXTURES, position: () => undefined });
  let pr, pc;
  try {
    pr = (await predict(m, R, { checkBudget: () => undefined })).predictions;
    pc = (await predict(m, C, { checkBudget: () => undefined })).predictions;
  } finally {
    await m.session.release();
  }
  const out = await runDrift({ reference: 'low', current: 'high', thresholds: { share_drifted: { max: 0.5 } } }, [R, C], [pr, pc]);
  const d = out.details;
  assert.deepEqual(d.features.map((f) => [f.feature, f.kind, f.method]), [
    ['channel0_mean', 'numeric', 'ks'],
    ['prediction:class', 'categorical', 'chi2'],
    ['prediction:confidence', 'numeric', 'ks'],
  ]);
  // channel 0: the mean of each image's 784 pixels, computed here from the file's float32 values.
  const x = all.tensor!.data;
  const means = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => {
    let s = 0;
    for (let k = 0; k < 784; k++) s += x[(from + i) * 784 + k];
    return s / 784;
  });
  assert.equal(d.features[0].statistic, driftTest('ks', { kind: 'numeric', values: means(0, 500) }, { kind: 'numeric', values: means(500, 1000) }).score);
  // mnist-8 gets 994 of 1000 right: the predicted classes of 0-4 and 5-9 barely overlap, chi2 finds keys the
  // reference lacks (f_exp = 0): p = 0, drifted.
  assert.equal(d.features[1].statistic, 0);
  assert.equal(d.features[1].drifted, true);
  assert.deepEqual(d.categories, { 'prediction:class': ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
  // confidence: softmax of the logits (mnist-8 gives logits), its largest value.
  assert.equal(pr.kind, 'logits');
  const conf = (p: typeof pr) => Float64Array.from({ length: p.rows }, (_, i) => {
    const z = Array.from(p.scores!.subarray(i * 10, i * 10 + 10));
    const max = Math.max(...z);
    return 1 / z.reduce((a, v) => a + Math.exp(v - max), 0);
  });
  assert.ok(Math.abs(d.features[2].statistic! - driftTest('ks', { kind: 'numeric', values: conf(pr) }, { kind: 'numeric', values: conf(pc) }).score) < 1e-12);
  assert.equal(d.drifted.includes('prediction:class'), true);
});

test('per-channel means: [N, 3, H, W] and [N, H, W, 3] give three channel features, with the same values', async () => {
  // 2 images of 3 channels × 2 × 2 pixels: channel c of image i holds 10·i + c + {0, 0.25, 0.5, 0.75}.
  const nchw: number[] = [], nhwc: number[] = [];
  for (let img = 0; img < 8; img++) {
    for (let c = 0; c < 3; c++) for (let p = 0; p < 4; p++) nchw.push(10 * img + c + p / 4);
    for (let p = 0; p < 4; p++) for (let c = 0; c < 3; c++) nhwc.push(10 * img + c + p / 4);
  }
  const half = (data: number[], shape: number[], name: string, from: number) => tensorDataset(name, data.slice(from * 12, (from + 4) * 12), [4, ...shape]);
  for (const [data, shape] of [[nchw, [3, 2, 2]], [nhwc, [2, 2, 3]]] as [number[], number[]][]) {
    const R = half(data, shape, "r", 0), C = half(data, shape, "c", 4);
    const out = await runDrift({ reference: 'r', current: 'c', features: ['channel0_mean', 'channel1_mean', 'channel2_mean'], method: 'wasserstein' }, [R, C]);
    for (let c = 0; c < 3; c++) {
      // means: 10·i + c + 0.375
      const ref = Float64Array.from([0, 1, 2, 3], (i) => 10 * i + c + 0.375), cur = Float64Array.from([4, 5, 6, 7], (i) => 10 * i + c + 0.375);
      assert.equal(out.details.features[c].statistic, driftTest('wasserstein', { kind: 'numeric', values: ref }, { kind: 'numeric', values: cur }).score, `${shape} channel ${c}`);
    }
  }
  const R = tensorDataset('r', nchw.slice(0, 48), [4, 3, 2, 2]);
  await assert.rejects(runDrift({ reference: 'r', current: 'c', features: ['channel3_mean'] }, [R, tensorDataset('c', nchw.slice(48), [4, 3, 2, 2])]), {
    message: 'gates.drift feature "channel3_mean" is not a feature of the tensor dataset "r" (features: channel0_mean, channel1_mean, channel2_mean, prediction:class, prediction:confidence)',
  });
  await assert.rejects(runDrift({ reference: 'r', current: 'c', features: ['channel0_mean'] }, [R, tensorDataset('c', nchw.slice(48), [2, 3, 4, 2])]), {
    message: 'gates.drift: rows of reference "r" have shape [3, 2, 2] but rows of current "c" [3, 4, 2]: compare tensors of one shape',
  });
});
