/**
 * End to end with real models (test/fixtures/memorisation, made by scripts/generate-memorisation-models.ts, not
 * trained here): onnxruntime-node runs the over-fitted and the regularised target and their reference models on the
 * Fashion-MNIST members / non-members / population, and the memorisation gate scores them.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../src/data/types.ts';
import { GateError } from '../../src/errors.ts';
import { evaluateThresholds } from '../../src/gates/thresholds.ts';
import type { GateOutcome, Predictions } from '../../src/gates/types.ts';
import { memorisationGate, type MemorisationPolicy } from '../../src/gates/memorisation/index.ts';
import { loadFixtureDatasets, makeContext, predict, referenceModels, referenceRunner } from './harness.ts';
import { outcomeData } from '../helpers/outcome.ts';

let ds: Map<string, Dataset>;
before(async () => { ds = await loadFixtureDatasets(); });

const base: MemorisationPolicy = { members: 'members', 'non-members': 'non-members' };
type Attack = { metrics: Record<string, number>; ci: Record<string, [number, number]> };
const attacks = (o: GateOutcome) => o.details.attacks as Record<string, Attack>;

async function runWithReferences(target: 'overfit' | 'regularised', executed: string[] = []): Promise<GateOutcome> {
  const policy: MemorisationPolicy = { ...base, population: 'population', 'reference-models': referenceModels(target) };
  return memorisationGate.run(makeContext(`target-${target}.onnx`, policy, ds, { referenceModels: referenceRunner(ds, executed) }));
}

test('over-fitted vs regularised with reference models: AUC gap, threshold, and the attacks ranked', async () => {
  const executed: string[] = [];
  const over = await runWithReferences('overfit', executed);
  const reg = await runWithReferences('regularised');
  const o = over.metrics as Record<string, number>, r = reg.metrics as Record<string, number>;
  const table = (out: GateOutcome) => Object.fromEntries(Object.entries(attacks(out)).map(([k, v]) => [k, { auc: v.metrics.auc, 'tpr@1%': v.metrics['tpr_at_fpr_0.01'] }]));
  console.log('over-fitted', JSON.stringify(table(over)), 'regularised', JSON.stringify(table(reg)));

  assert.equal(o.members, 500); assert.equal(o.non_members, 500); assert.equal(o.duplicates, 0);
  assert.equal(o.train_accuracy, 1);
  assert.ok(o.generalization_gap > r.generalization_gap);
  assert.ok(o.auc >= r.auc + 0.1, `over-fitted auc ${o.auc} vs regularised ${r.auc}`);

  // A threshold the over-fitted model fails and the regularised one passes (point, and the CI bounds too).
  const th = { auc: { max: 0.7 }, 'tpr_at_fpr_0.01': { max: 0.08 } };
  for (const gateOn of ['point', 'conservative'] as const) {
    const pass = evaluateThresholds('memorisation', th, reg.metrics, reg.ci, gateOn, () => undefined);
    assert.ok(pass.every((c) => c.pass), `regularised (${gateOn}): ${JSON.stringify(pass)}`);
  }
  for (const gateOn of ['point', 'lenient'] as const) {
    const fail = evaluateThresholds('memorisation', { auc: { max: 0.7 } }, over.metrics, over.ci, gateOn, () => undefined);
    assert.equal(fail[0].pass, false, `over-fitted (${gateOn}) should fail auc max 0.7: ${JSON.stringify(fail)}`);
  }

  // The reference-model attacks beat the reference-free loss attack at low FPR on the over-fitted model.
  const a = attacks(over);
  assert.deepEqual(Object.keys(a), ['loss', 'lira', 'rmia']);
  assert.ok(a.lira.metrics['tpr_at_fpr_0.01'] > a.loss.metrics['tpr_at_fpr_0.01'], 'lira beats loss at 1% FPR');
  assert.ok(a.rmia.metrics['tpr_at_fpr_0.01'] > a.loss.metrics['tpr_at_fpr_0.01'], 'rmia beats loss at 1% FPR');
  // headline = worst case over the attacks, with the attack named
  const worst = over.details.worst_case as Record<string, string>;
  for (const m of ['auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001']) {
    assert.equal(o[m], Math.max(...Object.values(a).map((x) => x.metrics[m])));
    assert.equal(o[m], a[worst[m]].metrics[m]);
  }
  // every reported aggregate has an interval that contains it
  for (const m of ['auc', 'advantage', 'tpr_at_fpr_0.01', 'train_accuracy', 'holdout_accuracy', 'generalization_gap']) {
    const [lo, hi] = over.ci![m];
    assert.ok(lo <= o[m] && o[m] <= hi, `${m} ${o[m]} outside [${lo}, ${hi}]`);
  }
  // 8 reference models × (members, non-members, population), each pinned
  assert.equal(executed.length, 24);
  // fewer than 1,000 non-members: tpr_at_fpr_0.001 is reported with a note
  assert.match(String((over.details.tpr_notes as string[])[0]), /tpr_at_fpr_0.001 is the TPR at zero false positives: only 500 non-members/);
});

test('reference-free loss attack only: says so, and still separates the two models', async () => {
  const over = await memorisationGate.run(makeContext('target-overfit.onnx', base, ds));
  const reg = await memorisationGate.run(makeContext('target-regularised.onnx', base, ds));
  assert.deepEqual(Object.keys(attacks(over)), ['loss']);
  assert.match(String(over.details.note), /only the reference-free 'loss' score was used/);
  const o = over.metrics as Record<string, number>, r = reg.metrics as Record<string, number>;
  console.log(`loss only: over-fitted auc ${o.auc} tpr@1% ${o['tpr_at_fpr_0.01']}, regularised auc ${r.auc} tpr@1% ${r['tpr_at_fpr_0.01']}`);
  assert.ok(o.auc > r.auc + 0.05);
  const th = { auc: { max: 0.58 } };
  assert.equal(evaluateThresholds('memorisation', th, over.metrics, over.ci, 'point', () => undefined)[0].pass, false);
  assert.equal(evaluateThresholds('memorisation', th, reg.metrics, reg.ci, 'point', () => undefined)[0].pass, true);
  // deterministic: the same inputs and seed give the same outcome
  const again = await memorisationGate.run(makeContext('target-overfit.onnx', base, ds));
  assert.deepEqual(outcomeData(again), outcomeData(over));
});

test('duplicates between members and non-members are counted and fail max-duplicates', async () => {
  const mem = ds.get('members')!, non = ds.get('non-members')!;
  // non-members whose rows 0..2 are copies of members 10..12 (features and labels)
  const per = 196;
  const data = Float32Array.from(non.tensor!.data);
  const labels = Float64Array.from((non.labels as { values: Float64Array }).values);
  for (let i = 0; i < 3; i++) {
    data.set(mem.tensor!.data.subarray((10 + i) * per, (11 + i) * per), i * per);
    labels[i] = (mem.labels as { values: Float64Array }).values[10 + i];
  }
  // a fourth row with member 20's features but another label is NOT a duplicate
  data.set(mem.tensor!.data.subarray(20 * per, 21 * per), 3 * per);
  labels[3] = ((mem.labels as { values: Float64Array }).values[20] + 1) % 10;
  const dupNon: Dataset = { ...non, tensor: { data, shape: non.tensor!.shape }, labels: { kind: 'number', values: labels } };
  const sets = new Map(ds);
  sets.set('non-members', dupNon);
  const out = await memorisationGate.run(makeContext('target-overfit.onnx', { ...base, 'max-duplicates': 0 }, sets));
  assert.equal(out.metrics.duplicates, 3);
  assert.equal((out.details.duplicates as Record<string, unknown>).members_in_non_members, 3);
  assert.equal(out.extraChecks!.length, 1);
  assert.equal(out.extraChecks![0].pass, false);
  assert.match(out.extraChecks![0].message!, /duplicates 3 > max 0/);
  const ok = await memorisationGate.run(makeContext('target-overfit.onnx', { ...base, 'max-duplicates': 3 }, sets));
  assert.equal(ok.extraChecks![0].pass, true);
});

test('gating on tpr_at_fpr_0.001 with 500 non-members is an error; 0.01 is allowed', async () => {
  await assert.rejects(
    memorisationGate.run(makeContext('target-overfit.onnx', { ...base, thresholds: { 'tpr_at_fpr_0.001': { max: 0.01 } } }, ds)),
    (e: unknown) => e instanceof GateError && e.code === 'memorisation.too-few-non-members' && /needs at least 1000 non-members, 'non-members' has 500/.test(e.message),
  );
  const ok = await memorisationGate.run(makeContext('target-overfit.onnx', { ...base, bootstrap: 10, thresholds: { 'tpr_at_fpr_0.01': { max: 0.5 } } }, ds));
  assert.equal(typeof ok.metrics['tpr_at_fpr_0.01'], 'number');
});

test('a model that gives probabilities: scores from clamped probabilities, with a warning', async () => {
  const softmax32 = (p: Predictions): Predictions => {
    const s = new Float64Array(p.scores!.length);
    for (let r = 0; r < p.rows; r++) {
      const row = p.scores!.subarray(r * p.classes, (r + 1) * p.classes);
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < p.classes; c++) s[r * p.classes + c] = Math.fround(e[c] / sum); // a float32 softmax output
    }
    return { ...p, kind: 'probabilities', scores: s };
  };
  const ctx = makeContext('target-overfit.onnx', base, ds);
  ctx.predictions = async (name) => softmax32(await predict('target-overfit.onnx', ds.get(name)!));
  const out = await memorisationGate.run(ctx);
  assert.ok(out.warnings!.some((w) => /the model gives probabilities, not logits, on 'members', 'non-members'; probabilities were clamped to \[1e-12, 1\]/.test(w)));
  const fromLogits = await memorisationGate.run(makeContext('target-overfit.onnx', base, ds));
  // float32 probabilities of confident rows round to 1: the loss attack ties them, so its AUC differs from the logits'
  console.log(`auc from logits ${fromLogits.metrics.auc}, from float32 probabilities ${out.metrics.auc}`);
  assert.notEqual(out.metrics.auc, fromLogits.metrics.auc);
});
