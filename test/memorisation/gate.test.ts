/**
 * The gate's contract on small synthetic contexts: policy errors, missing engine support, metric names, outcome shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../src/data/types.ts';
import { GateError } from '../../src/errors.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import { memorisationGate, type MemorisationGatePolicy, type MemorisationPolicy } from '../../src/gates/memorisation/index.ts';

function dataset(name: string, rows: number[][], labels: number[]): Dataset {
  return {
    name, path: `${name}.npy`, format: 'npy', sha256: '0'.repeat(64), extraFiles: [], rows: rows.length, columns: new Map(), features: [],
    tensor: { data: Float32Array.from(rows.flat()), shape: [rows.length, rows[0].length] }, labels: { kind: 'number', values: Float64Array.from(labels) },
  };
}

/** A "model" whose logits on a row are the row itself (2 classes). */
function ctxFor(policy: MemorisationPolicy, sets: Record<string, Dataset>, over: Partial<Predictions> = {}, extra: Record<string, unknown> = {}): GateContext<MemorisationGatePolicy> {
  return {
    policy: policy as MemorisationGatePolicy, seed: 3, // defaults left out: the gate applies them
    dataset: (n) => sets[n],
    predictions: async (n) => {
      const d = sets[n];
      const scores = Float64Array.from(d.tensor!.data);
      const predicted = Int32Array.from({ length: d.rows }, (_, r) => (scores[2 * r + 1] > scores[2 * r] ? 1 : 0));
      return { dataset: n, rows: d.rows, classes: 2, kind: 'logits', scores, predicted, labels: Int32Array.from((d.labels as { values: Float64Array }).values), classLabels: [0, 1], ...over };
    },
    model: null, log: { info() {}, warn() {} }, position: (p) => ({ file: 'policy.yml', line: p.length, col: 3 }), checkBudget() {}, ...extra,
  };
}

const sets = {
  m: dataset('m', [[0, 3], [0, 2], [1, 0], [0, 5]], [1, 1, 0, 1]),
  n: dataset('n', [[0, 1], [2, 0], [0, 1], [1, 1]], [1, 1, 0, 0]),
  z: dataset('z', [[0, 1], [1, 0]], [1, 0]),
};
const policy: MemorisationPolicy = { members: 'm', 'non-members': 'n' };

test('metric names, outcome shape and hand-checkable numbers on a tiny case', async () => {
  assert.deepEqual([...memorisationGate.metrics], ['auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001', 'train_accuracy', 'holdout_accuracy', 'generalization_gap']);
  const out = await memorisationGate.run(ctxFor({ ...policy, bootstrap: 50 }, sets));
  // loss scores: members (labels 1,1,0,1): z_y - lse -> logits [0,3]y1, [0,2]y1, [1,0]y0, [0,5]y1 — all correct.
  // non-members: [0,1]y1 correct, [2,0]y1 wrong, [0,1]y0 wrong, [1,1]y0 (tie: predicted 0) correct.
  assert.equal(out.metrics.train_accuracy, 1);
  assert.equal(out.metrics.holdout_accuracy, 0.5);
  assert.equal(out.metrics.generalization_gap, 0.5);
  // loss values: members −log(1+e^-3), −log(1+e^-2), −log(1+e^-1), −log(1+e^-5);
  // non-members −log(1+e^-1), −log(1+e^2), −log(1+e^1), −log 2. Member −log(1+e^-1) ties the first non-member;
  // every other member beats every non-member: pairs = 3 members × 4 + (½ + 1 + 1 + 1) = 15.5 of 16
  assert.equal(out.metrics.auc, 15.5 / 16);
  assert.deepEqual(Object.keys(out.ci!).sort(), ['advantage', 'auc', 'generalization_gap', 'holdout_accuracy', 'train_accuracy', 'tpr_at_fpr_0.001', 'tpr_at_fpr_0.01'].sort());
  assert.equal(out.metrics.duplicates, 0);
  assert.deepEqual(out.extraChecks, []);
  // bootstrap 0: no intervals
  const none = await memorisationGate.run(ctxFor({ ...policy, bootstrap: 0 }, sets));
  assert.equal(none.ci, undefined);
});

test('policy and engine errors are GateErrors with the policy position', async () => {
  const code = (c: string, re?: RegExp) => (e: unknown) => e instanceof GateError && e.code === c && (!re || re.test(e.message));
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, 'reference-models': [{ path: 'r.onnx', sha256: 'a'.repeat(64) }] }, sets)),
    code('memorisation.policy', /no population dataset/));
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, population: 'z', 'reference-models': [{ path: 'r.onnx', sha256: 'a'.repeat(64) }] }, sets)),
    code('memorisation.reference-runner'));
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, members: 'n' }, sets)), code('memorisation.policy', /same dataset/));
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, score: 'bogus' as never }, sets)), (e: unknown) => e instanceof GateError && e.where?.file === 'policy.yml');
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, bootstrap: 1.5 }, sets)), code('memorisation.policy'));
  await assert.rejects(memorisationGate.run(ctxFor(policy, sets, { kind: 'label', scores: undefined })), code('memorisation.label-only'));
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, thresholds: { 'tpr_at_fpr_0.01': { max: 0.1 } } }, sets)), code('memorisation.too-few-non-members'));
  // a reference model with another number of classes
  const runner = { predictions: async (_p: string, _s: string, d: string): Promise<Predictions> => ({ dataset: d, rows: sets[d as 'm'].rows, classes: 3, kind: 'logits', scores: new Float64Array(sets[d as 'm'].rows * 3), predicted: new Int32Array(sets[d as 'm'].rows), labels: new Int32Array(sets[d as 'm'].rows), classLabels: [0, 1, 2] }) };
  await assert.rejects(memorisationGate.run(ctxFor({ ...policy, population: 'z', 'reference-models': [{ path: 'r.onnx', sha256: 'a'.repeat(64) }] }, sets, {}, { referenceModels: runner })),
    code('memorisation.reference-shape'));
});

test('the chosen score names the attack; reference attacks are added when a runner is present', async () => {
  const out = await memorisationGate.run(ctxFor({ ...policy, score: 'entropy', bootstrap: 20 }, sets));
  assert.deepEqual(Object.keys(out.details.attacks as object), ['entropy']);
  // reference runner that returns the target's own outputs: the calibrated attacks then carry no signal
  const same = { predictions: async (_p: string, _s: string, d: string) => ctxFor(policy, sets).predictions(d) };
  const withRefs = await memorisationGate.run(ctxFor({ ...policy, population: 'z', bootstrap: 20, 'reference-models': [{ path: 'a.onnx', sha256: 'a'.repeat(64) }, { path: 'b.onnx', sha256: 'b'.repeat(64) }] }, sets, {}, { referenceModels: same }));
  const a = withRefs.details.attacks as Record<string, { metrics: { auc: number } }>;
  assert.deepEqual(Object.keys(a), ['loss', 'lira', 'rmia']);
  assert.equal(a.lira.metrics.auc, 0.5); // φ − μ_out = 0 for every record: all scores tie
  assert.deepEqual(withRefs.details.reference_models, [{ path: 'a.onnx', sha256: 'a'.repeat(64) }, { path: 'b.onnx', sha256: 'b'.repeat(64) }]);
});
