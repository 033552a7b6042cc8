/**
 * The poisoning fixtures are what test/fixtures/poisoning/SOURCE.md says they are, measured through model-gate's own
 * loading and inference (loadModel, loadDataset with `transform: {scale: 255}`, predict): the held-out accuracy torch
 * reported, the backdoor's attack success rate on stamped held-out rows, every planted row predicted as the target,
 * the planted shares of the target class, and the out-of-fold probabilities of the label-flip case.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadedModel } from '../../src/model/load.ts';
import { loadDataset, type DatasetSpec } from '../../src/data/load.ts';
import type { Dataset } from '../../src/data/types.ts';
import { predict } from '../../src/model/predict.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { FIXTURES } from '../helpers/workspace.ts';
import { npyInts, readNpy } from '../robustness/helpers.ts';

const POISON = path.join(FIXTURES, 'poisoning');
const manifest = JSON.parse(readFileSync(path.join(POISON, 'manifest.json'), 'utf8'));

async function load(rel: string): Promise<LoadedModel> {
  const abs = path.join(FIXTURES, rel);
  const bytes = readFileSync(abs);
  return loadModel({ abs, rel, bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: rel }, subjectAbs: abs, workspace: FIXTURES, position: () => undefined });
}
const data = (name: string, spec: DatasetSpec): Promise<Dataset> => loadDataset(name, spec, { workspace: FIXTURES, workingDirectory: FIXTURES });
const images = (x: string, y: string): DatasetSpec => ({ path: `poisoning/${x}.npy`, labels: `poisoning/${y}.npy`, transform: { scale: 255 } });

/** Argmax of the model on the given feature rows (after stamping when asked): the trigger is pixels [0..3, 0..3] = 255/255 = 1. */
async function predicted(m: LoadedModel, ds: Dataset, rows: Int32Array, stamp: boolean): Promise<Int32Array> {
  const view = m.featureView(ds);
  const x = view.features(rows);
  if (stamp) for (let i = 0; i < rows.length; i++) for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) x[i * 784 + r * 28 + c] = 1;
  const out = await m.session.run(view.feeds(x, rows), [m.output.name]);
  const z = out[m.output.name].data as Float32Array;
  return Int32Array.from(rows, (_, i) => {
    let k = 0;
    for (let j = 1; j < 10; j++) if (z[i * 10 + j] > z[i * 10 + k]) k = j;
    return k;
  });
}

for (const c of ['clean', 'trigger-10', 'trigger-45']) {
  test(`${c}: held-out accuracy, attack success rate and planted rows as SOURCE.md states`, async () => {
    const info = manifest.cases[c];
    const m = await load(`poisoning/${c}.onnx`);
    try {
      const held = await data('held', images('heldout-x', 'heldout-y'));
      const { predictions: p } = await predict(m, held, { checkBudget() {} });
      let right = 0;
      for (let i = 0; i < p.rows; i++) right += +(p.predicted[i] === p.labels![i]);
      assert.equal(right / 1000, info.heldout_clean_accuracy);

      const yHeld = npyInts(path.join(POISON, 'heldout-y.npy'));
      const others = Int32Array.from([...yHeld.keys()].filter((i) => yHeld[i] !== 0));
      assert.equal(others.length, 893);
      const stamped = await predicted(m, held, others, true);
      assert.equal(Math.round((stamped.filter((k) => k === 0).length / 893) * 1e4) / 1e4, info.attack_success_rate);

      const train = await data('train', images(`${c}-x`, `${c}-y`));
      const y = npyInts(path.join(POISON, `${c}-y.npy`));
      const planted = npyInts(path.join(POISON, `${c}-planted.npy`));
      const target = y.filter((k) => k === 0).length;
      assert.deepEqual({ planted: planted.length, target }, { planted: info.planted, target: info.target_class_rows });
      if (planted.length > 0) {
        assert.ok([...planted].every((r) => y[r] === 0), 'planted rows carry the target label');
        assert.deepEqual([...(await predicted(m, train, planted, false))], new Array(planted.length).fill(0), 'every planted row is predicted as the target');
        // the stored x carries the trigger on exactly the planted rows (pixel block [0..3, 0..3] all 255)
        const x = readNpy(path.join(POISON, `${c}-x.npy`)).data as Uint8Array;
        const full = (r: number) => [0, 1, 2, 3].every((i) => [0, 1, 2, 3].every((j) => x[r * 784 + i * 28 + j] === 255));
        assert.deepEqual([...y.keys()].filter(full), [...planted]);
      }
    } finally {
      await m.session.release();
    }
  });
}

test('adult-flip: labels, planted rows, held-out accuracy and the out-of-fold probabilities as SOURCE.md states', async () => {
  const info = manifest.cases['adult-flip'];
  const y = npyInts(path.join(POISON, 'adult-flip-y.npy'));
  const planted = npyInts(path.join(POISON, 'adult-flip-planted.npy'));
  assert.deepEqual([y.filter((k) => k === 0).length, y.filter((k) => k === 1).length, planted.length], [2047, 953, 228]);
  assert.ok([...planted].every((r) => y[r] === 1), 'flipped rows are labelled 1');
  // the CSV's labels are the labels as used, and its rows are the .npy rows exactly
  const train = await data('train', { path: 'poisoning/adult-flip.csv', label: 'label' });
  assert.deepEqual(Array.from((train.labels as { values: Float64Array }).values), Array.from(y));
  const x = readNpy(path.join(POISON, 'adult-flip-x.npy')).data as Float32Array;
  const m = await load('poisoning/adult-flip.onnx');
  try {
    const view = m.featureView(train);
    assert.deepEqual(view.features(Int32Array.from({ length: 3000 }, (_, i) => i)), x);
    // held-out: rows 3,000..4,999 of the encoded test split, true labels
    const test = await data('test', { path: 'data/adult/adult-test-encoded.csv', label: 'label', exclude: ['sex', 'race'] });
    const rows = Int32Array.from({ length: 2000 }, (_, i) => 3000 + i);
    const { predictions: p } = await predict(m, test, { checkBudget() {}, rows });
    let right = 0;
    for (let i = 0; i < 2000; i++) right += +(p.predicted[i] === p.labels![i]);
    assert.equal(right / 2000, info.heldout_accuracy);
  } finally {
    await m.session.release();
  }
  const oof = readNpy(path.join(POISON, 'adult-flip-oof.npy'));
  assert.deepEqual(oof.shape, [3000, 2]);
  const p = oof.data as Float64Array;
  let worst = 0;
  for (let i = 0; i < 3000; i++) worst = Math.max(worst, Math.abs(p[2 * i] + p[2 * i + 1] - 1));
  assert.ok(worst < 1e-12, 'rows are probabilities');
  const isPlanted = new Set(planted);
  let sp = 0, so = 0;
  for (let i = 0; i < 3000; i++) (isPlanted.has(i) ? (sp += p[2 * i + y[i]]) : (so += p[2 * i + y[i]]));
  assert.equal(Math.round((sp / 228) * 1e4) / 1e4, info.oof_prob_given_label_mean_planted);
  assert.equal(Math.round((so / 2772) * 1e4) / 1e4, info.oof_prob_given_label_mean_other);
});
