import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fairnessGate, type FairnessPolicy, type GroupRow } from '../../src/gates/fairness/index.ts';
import { evaluateThresholds } from '../../src/gates/thresholds.ts';
import { GateError } from '../../src/errors.ts';
import type { Predictions } from '../../src/gates/types.ts';
import { close, labelPredictions, makeContext, makeDataset, numberColumn, rep, stringColumn } from './helpers.ts';
import { outcomeData } from '../helpers/outcome.ts';

const near = (actual: unknown, expected: number, what: string, tol = 1e-12): void => {
  assert.ok(close(actual as number, expected, tol), `${what}: expected ${expected}, got ${String(actual)}`);
};

// Table B of compute.test.ts (grp is a number column):
// grp 1: TP 0 FP 1 TN 3 FN 0 (sel 1/4, no positives); grp 2: TP 0 FP 0 TN 3 FN 2 (sel 0); grp 3: TP 2 FP 1 TN 1 FN 1 (sel 3/5)
const B = {
  grp: [1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3],
  yTrue: [0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0],
  yPred: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0],
};

function runB(policy: Partial<FairnessPolicy>) {
  const ds = makeDataset('eval', { grp: numberColumn(B.grp), x: numberColumn(rep(0, 14)) }, 14);
  const pred = labelPredictions('eval', B.yTrue, B.yPred);
  return fairnessGate.run(makeContext({ dataset: 'eval', sensitive: ['grp'], 'min-group-size': 1, bootstrap: 200, ...policy }, ds, pred));
}

test('gate on table B: hand-computed metrics, exclusions, reference group, table sorted by the failing metric', async () => {
  const out = await runB({ 'reference-group': { grp: 3 }, thresholds: { demographic_parity_difference: { max: 0.1 } } });
  near(out.metrics.demographic_parity_difference, 0.6, 'dpd'); // 0.6 - 0
  near(out.metrics.demographic_parity_ratio, 0, 'dpr');
  near(out.metrics.equal_opportunity_difference, 2 / 3, 'eopd'); // TPR over grp 2, 3: 0 and 2/3
  near(out.metrics.equalized_odds_difference, 2 / 3, 'eod'); // max(2/3, FPR diff 1/2)
  near(out.metrics.disparate_impact, 0, 'DI'); // grp 2 selects nobody
  near(out.metrics.statistical_parity_difference, -0.6, 'SPD');
  const d = out.details as { groups: GroupRow[]; excluded: { group: string; metric: string; reason: string }[]; sorted_by: string; reference_group: Record<string, unknown> };
  // failing demographic_parity_difference -> rows by selection rate, lowest first: grp 2 (0), grp 1 (1/4), grp 3 (3/5)
  assert.deepEqual(d.groups.map((g) => g.group), ['grp=2', 'grp=1', 'grp=3']);
  assert.match(d.sorted_by, /selection_rate/);
  const g1 = d.groups.find((g) => g.group === 'grp=1')!;
  assert.equal(g1.true_positive_rate, null);
  assert.equal(g1.count, 4);
  assert.equal(g1.positives, 0);
  near(g1.disparate_impact, 0.25 / 0.6, 'DI grp 1');
  assert.equal(g1.four_fifths, false);
  assert.equal(d.groups.find((g) => g.group === 'grp=3')!.disparate_impact, null, 'reference is not compared with itself');
  assert.deepEqual(d.excluded, [{ group: 'grp=1', metric: 'true_positive_rate', reason: d.excluded[0].reason }]);
  near(d.reference_group.selection_rate, 0.6, 'reference rate');
  assert.deepEqual(d.reference_group.four_fifths_below, ['grp=1', 'grp=2']);
  assert.equal(d.reference_group.statistical_parity_group, 'grp=2');
  // every aggregate has an interval around its point value
  for (const [m, v] of Object.entries(out.metrics)) {
    const ci = out.ci?.[m];
    assert.ok(ci, `${m} has a ci`);
    assert.ok(ci[0] <= (v as number) + 1e-12 && (v as number) <= ci[1] + 1e-12, `${m} ${v} in ${ci}`);
  }
});

test('gate: without a failing threshold the table is in group order; same seed -> identical outcome', async () => {
  const a = await runB({});
  const b = await runB({});
  assert.deepEqual((a.details.groups as GroupRow[]).map((g) => g.group), ['grp=1', 'grp=2', 'grp=3']);
  assert.equal(a.details.sorted_by, 'group');
  assert.deepEqual(outcomeData(a), outcomeData(b));
  assert.equal(a.metrics.disparate_impact, undefined, 'no reference group: no disparate impact metrics');
});

test('gate: min-group-size excludes small groups and lists them; fewer than two left is an error', async () => {
  const out = await runB({ 'min-group-size': 5 }); // grp 1 has 4 rows
  const d = out.details as { excluded: { group: string; metric: string }[]; groups: GroupRow[] };
  assert.deepEqual(d.excluded.map((e) => [e.group, e.metric]), [['grp=1', 'all']]);
  assert.equal(d.groups[0].included, false);
  // grp 2 vs grp 3 only: selection 0 and 3/5, TPR 0 and 2/3, FPR 0 and 1/2
  near(out.metrics.demographic_parity_difference, 0.6, 'dpd');
  near(out.metrics.equalized_odds_difference, 2 / 3, 'eod');
  near(out.metrics.equalized_odds_ratio, 0, 'eor');
  await assert.rejects(runB({ 'min-group-size': 6 }), (e: unknown) => e instanceof GateError && e.code === 'fairness.groups' && /found 0/.test(e.message));
});

test('gate: a single group is an error', async () => {
  const ds = makeDataset('eval', { sex: stringColumn(rep('F', 40)) }, 40);
  const pred = labelPredictions('eval', rep(1, 20).concat(rep(0, 20)), rep(1, 40));
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'sex', bootstrap: 0 }, ds, pred)),
    (e: unknown) => e instanceof GateError && e.code === 'fairness.groups' && /found 1 \(sex=F: 40\)/.test(e.message),
  );
});

test('gate: a missing sensitive column names it and lists the available ones', async () => {
  const ds = makeDataset('eval', { age: numberColumn([1, 2]), label: numberColumn([0, 1]) }, 2);
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: ['sex'] }, ds, labelPredictions('eval', [0, 1], [0, 1]))),
    (e: unknown) => e instanceof GateError && e.code === 'fairness.sensitive' && /"sex".*available columns: age, label/.test(e.message),
  );
});

test('gate: a null metric fails its threshold with a message (never passes)', async () => {
  // both groups select nobody: demographic_parity_ratio = 0/0 -> null
  const ds = makeDataset('eval', { g: stringColumn([...rep('a', 3), ...rep('b', 3)]) }, 6);
  const pred = labelPredictions('eval', [1, 0, 0, 1, 1, 0], rep(0, 6));
  const policy: FairnessPolicy = { dataset: 'eval', sensitive: 'g', 'min-group-size': 1, bootstrap: 50, thresholds: { demographic_parity_ratio: { min: 0.8 } } };
  const out = await fairnessGate.run(makeContext(policy, ds, pred));
  assert.equal(out.metrics.demographic_parity_ratio, null);
  assert.match((out.details.null_metrics as Record<string, string>).demographic_parity_ratio, /0\/0/);
  const checks = evaluateThresholds('fairness', policy.thresholds, out.metrics, out.ci, 'point', () => undefined);
  assert.equal(checks[0].pass, false);
  assert.match(checks[0].message!, /could not be measured/);
});

function logitPredictions(labels: number[], z: number[][], classLabels: (string | number)[]): Predictions {
  const C = classLabels.length;
  const scores = Float64Array.from(z.flat());
  const predicted = Int32Array.from(z.map((row) => row.indexOf(Math.max(...row))));
  return { dataset: 'eval', rows: labels.length, classes: C, kind: 'logits', scores, predicted, labels: Int32Array.from(labels), classLabels };
}

test('gate: positive-label by name, decision-threshold on the softmax probability vs argmax', async () => {
  // classes ['<=50K', '>50K']; logits [0, z] give P(>50K) = 1/(1+e^-z):
  // z = 2 -> 0.881, z = 0.5 -> 0.622, z = -1 -> 0.269
  const z = [2, 0.5, -1, 0.5, 2, -1];
  const grp = ['a', 'a', 'a', 'b', 'b', 'b'];
  const labels = [1, 1, 0, 0, 1, 0];
  const ds = makeDataset('eval', { grp: stringColumn(grp) }, 6);
  const pred = logitPredictions(labels, z.map((v) => [0, v]), ['<=50K', '>50K']);
  const base: FairnessPolicy = { dataset: 'eval', sensitive: 'grp', 'min-group-size': 1, bootstrap: 0, 'positive-label': '>50K' };
  // argmax: selected z > 0 -> a: 1,1,0 (sel 2/3), b: 1,1,0 (sel 2/3)
  const argmax = await fairnessGate.run(makeContext(base, ds, pred));
  near(argmax.metrics.demographic_parity_difference, 0, 'argmax dpd');
  // threshold 0.7: selected P >= 0.7 -> a: 1,0,0 (sel 1/3, TPR 1/2), b: 0,1,0 (sel 1/3, TPR 1/1, FPR 0)
  const t = await fairnessGate.run(makeContext({ ...base, 'decision-threshold': 0.7 }, ds, pred));
  near(t.metrics.demographic_parity_difference, 0, 't dpd');
  near(t.metrics.equal_opportunity_difference, 0.5, 't eopd');
  assert.match(String(t.details.decision_rule), /P\(">50K"\) >= 0.7/);
  // positive class '<=50K' instead (index 0), argmax: a selects row 3 only (y=0 -> true positive for '<=50K')
  const neg = await fairnessGate.run(makeContext({ ...base, 'positive-label': '<=50K' }, ds, pred));
  near(neg.metrics.demographic_parity_difference, 0, 'neg dpd'); // a 1/3, b 1/3
  const rows = neg.details.groups as GroupRow[];
  near(rows[0].true_positive_rate, 1, 'a TPR for <=50K'); // a: one '<=50K' row (row 3), predicted '<=50K'
  await assert.rejects(
    fairnessGate.run(makeContext({ ...base, 'positive-label': 'yes' }, ds, pred)),
    (e: unknown) => e instanceof GateError && /"yes" is not one of the model's classes \("<=50K", ">50K"\)/.test(e.message),
  );
});

test('gate: multiclass needs positive-label; with it, one class against the rest', async () => {
  // 3 classes; predicted = argmax; positive class 2
  const z = [[0, 0, 1], [1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1], [0, 0, 1]];
  const labels = [2, 2, 0, 1, 2, 2];
  const ds = makeDataset('eval', { g: numberColumn([0, 0, 0, 1, 1, 1]) }, 6);
  const pred = logitPredictions(labels, z, [0, 1, 2]);
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'g', 'min-group-size': 1, bootstrap: 0 }, ds, pred)),
    (e: unknown) => e instanceof GateError && e.code === 'fairness.positive-label' && /3 classes/.test(e.message),
  );
  const out = await fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'g', 'min-group-size': 1, bootstrap: 0, 'positive-label': 2 }, ds, pred));
  // g=0: y 1,1,0 pred 1,0,1 -> TP1 FN1 FP1: sel 2/3, TPR 1/2, FPR 1; g=1: y 0,1,1 pred 0,1,1 -> TP2 TN1: sel 2/3, TPR 1, FPR 0
  near(out.metrics.demographic_parity_difference, 0, 'dpd');
  near(out.metrics.equal_opportunity_difference, 0.5, 'eopd');
  near(out.metrics.equalized_odds_difference, 1, 'eod');
});

test('gate: label-only model refuses a decision-threshold; DI thresholds need a reference group; unknown reference value', async () => {
  const ds = makeDataset('eval', { grp: numberColumn(B.grp) }, 14);
  const pred = labelPredictions('eval', B.yTrue, B.yPred);
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'grp', 'decision-threshold': 0.5 }, ds, pred)),
    (e: unknown) => e instanceof GateError && e.code === 'fairness.decision-threshold' && /only labels/.test(e.message),
  );
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'grp', thresholds: { disparate_impact: { min: 0.8 } } }, ds, pred)),
    (e: unknown) => e instanceof GateError && e.code === 'fairness.reference-group',
  );
  await assert.rejects(
    fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'grp', 'min-group-size': 1, 'reference-group': { grp: 7 } }, ds, pred)),
    (e: unknown) => e instanceof GateError && /values present: 1, 2, 3/.test(e.message),
  );
});

test('gate: rows with unknown labels are left out and counted', async () => {
  const ds = makeDataset('eval', { grp: numberColumn(B.grp) }, 14);
  const pred = labelPredictions('eval', B.yTrue, B.yPred);
  pred.labels![0] = -1; // grp 1 row with y 0, pred 1 -> grp 1 becomes TP0 FP0 TN3: selection 0
  const out = await fairnessGate.run(makeContext({ dataset: 'eval', sensitive: 'grp', 'min-group-size': 1, bootstrap: 0 }, ds, pred));
  assert.equal(out.details.rows_without_label, 1);
  assert.equal((out.details.groups as GroupRow[])[0].count, 3);
  near(out.metrics.demographic_parity_difference, 0.6, 'dpd');
  assert.ok(out.warnings?.some((w) => /1 row/.test(w)));
});
