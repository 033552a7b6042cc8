/**
 * The regression gate as a function of its inputs (synthetic predictions of two models on the same rows): McNemar
 * on fixed discordant counts against an exact binomial tail summed here in BigInt, flip rates by hand, the coverage
 * of its paired bootstrap interval on pairs with a known difference, label-only models, mismatched models, skipping.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { regressionGate, compareOnDataset } from '../../src/gates/regression/index.ts';
import type { RegressionGatePolicy } from '../../src/gates/regression/policy.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import { binomTestHalf, midPHalf } from './helpers.ts';
import { meanDeltaCI } from '../../src/stats/paired.ts';
import { GateError, INTERNAL_HINT } from '../../src/errors.ts';

const POLICY = { mcnemar: 'exact', bootstrap: 0 } as const;

function preds(labels: number[], predicted: number[], extra: Partial<Predictions> = {}): Predictions {
  return { dataset: 'eval', rows: labels.length, classes: 2, kind: 'label', predicted: Int32Array.from(predicted), labels: Int32Array.from(labels), classLabels: [0, 1], ...extra };
}

/** Rows: `both` right by both, `neg` base right / head wrong, `pos` base wrong / head right, `none` wrong by both. */
function pair(both: number, neg: number, pos: number, none: number) {
  const labels: number[] = [], base: number[] = [], head: number[] = [];
  const add = (y: number, b: number, h: number, k: number) => { for (let i = 0; i < k; i++) { labels.push(y); base.push(b); head.push(h); } };
  add(1, 1, 1, both);
  add(0, 0, 1, neg);
  add(1, 0, 1, pos);
  add(0, 1, 1, none);
  return { base: preds(labels, base), head: preds(labels, head) };
}

test('McNemar on fixed discordant counts equals the exact binomial tail (BigInt), mid-p too; flip rates by hand', () => {
  for (const [both, neg, pos, none] of [[50, 3, 12, 5], [10, 0, 7, 0], [100, 25, 25, 10], [40, 1, 0, 2], [30, 0, 0, 3], [200, 61, 40, 9]]) {
    const { base, head } = pair(both, neg, pos, none);
    const d = compareOnDataset(base, head, POLICY, 0, 'base.onnx');
    const n = both + neg + pos + none;
    assert.equal(d.negative_flips, neg);
    assert.equal(d.positive_flips, pos);
    assert.equal(d.metrics.negative_flip_rate, neg / n);
    assert.equal(d.metrics.positive_flip_rate, pos / n);
    assert.equal(d.metrics.churn, (neg + pos) / n); // in these pairs every discordant row changed its prediction, nothing else did
    assert.equal(d.metrics.accuracy_delta, (pos - neg) / n);
    const want = binomTestHalf(Math.min(neg, pos), neg + pos);
    assert.ok(Math.abs(d.mcnemar_exact_p - want) <= 1e-14, `${neg}/${pos}: ${d.mcnemar_exact_p} vs ${want}`);
    assert.ok(Math.abs(d.mcnemar_mid_p - midPHalf(neg, pos)) <= 1e-14);
    assert.equal(d.metrics.mcnemar_p, d.mcnemar_exact_p);
    // Label-only models: no AUC, no probabilities, said so.
    assert.equal(d.metrics.roc_auc_delta, null);
    assert.equal(d.metrics.mean_abs_true_class_change, null);
    assert.ok(d.notes?.roc_auc);
  }
  // 3 vs 12: scipy.stats.binomtest(3, 15, 0.5).pvalue = 0.03515625 (= 2 · 576 / 32768), exactly.
  const { base, head } = pair(50, 3, 12, 5);
  assert.equal(compareOnDataset(base, head, POLICY, 0, 'b').mcnemar_exact_p, 1152 / 32768);
  assert.equal(compareOnDataset(base, head, { mcnemar: 'mid-p', bootstrap: 0 }, 0, 'b').metrics.mcnemar_p, (1152 - 455) / 32768);
});

test('churn counts changed predictions that are wrong both ways (3 classes), JS distance from the histograms', () => {
  // label 0; base says 1, head says 2: both wrong, a change, no flip.
  const labels = [0, 0, 0, 1, 2, 2];
  const base = preds(labels, [0, 1, 1, 1, 2, 0], { classes: 3, classLabels: ['a', 'b', 'c'] });
  const head = preds(labels, [0, 2, 1, 0, 2, 2], { classes: 3, classLabels: ['a', 'b', 'c'] });
  const d = compareOnDataset(base, head, POLICY, 0, 'b');
  assert.equal(d.changed, 3);
  assert.equal(d.negative_flips, 1);
  assert.equal(d.positive_flips, 1);
  assert.equal(d.metrics.churn, 3 / 6);
  // histograms base [2, 3, 1], head [2, 1, 3] over 6 rows
  const p = [2 / 6, 3 / 6, 1 / 6], q = [2 / 6, 1 / 6, 3 / 6], m = p.map((v, i) => (v + q[i]) / 2);
  const kl = (x: number[]) => x.reduce((s, v, i) => s + v * Math.log(v / m[i]), 0);
  assert.ok(Math.abs(d.metrics.prediction_js_distance! - Math.sqrt((kl(p) + kl(q)) / 2)) < 1e-12);
  assert.match(d.notes!.roc_auc, /binary models only \(3 classes\)/);
});

test('the paired bootstrap interval of accuracy_delta covers a known difference about 95 % of the time', () => {
  // mulberry32, seeded: the synthetic pairs are fixed.
  let s = 12345;
  const rand = () => { s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const n = 400, reps = 200, trueDelta = 0.75 - 0.8;
  let covered = 0, width = 0;
  for (let r = 0; r < reps; r++) {
    const labels: number[] = [], b: number[] = [], h: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i % 2;
      labels.push(y);
      b.push(rand() < 0.8 ? y : 1 - y);
      h.push(rand() < 0.75 ? y : 1 - y);
    }
    const d = compareOnDataset(preds(labels, b), preds(labels, h), { mcnemar: 'exact', bootstrap: 300 }, r, 'b');
    const [lo, hi] = d.ci.accuracy_delta;
    if (lo <= trueDelta && trueDelta <= hi) covered++;
    width += hi - lo;
  }
  const coverage = covered / reps;
  // Binomial(200, 0.95): 0.89..0.99 holds with probability > 0.999. Width: about 2 · 1.96 · sqrt((0.8·0.2 + 0.75·0.25) / 400).
  assert.ok(coverage >= 0.89 && coverage <= 0.99, `coverage ${coverage}`);
  const expectedWidth = 2 * 1.96 * Math.sqrt((0.8 * 0.2 + 0.75 * 0.25) / n);
  assert.ok(Math.abs(width / reps - expectedWidth) < 0.15 * expectedWidth, `mean width ${width / reps} vs ${expectedWidth}`);
});

test('models that cannot be compared row by row are an error naming the baseline', () => {
  const { base, head } = pair(5, 1, 1, 1);
  assert.throws(() => compareOnDataset({ ...base, classLabels: ['no', 'yes'] }, head, POLICY, 0, 'baseline/m.onnx'), /the baseline baseline\/m\.onnx has classes \[no, yes\] but the head model \[0, 1\]/);
  assert.throws(() => compareOnDataset(base, { ...head, labels: undefined }, POLICY, 0, 'b'), /has no labels/);
});

function ctx(policy: RegressionGatePolicy, baseline: GateContext['baseline'], head: Predictions): GateContext<RegressionGatePolicy> {
  return { policy, seed: 0, dataset: () => { throw new Error('unused'); }, predictions: async () => head, baseline, log: { info() {}, warn() {} }, position: () => undefined, checkBudget() {} };
}

test('the gate: skipped when the engine has no baseline; thresholds per dataset, max-drop as the delta\'s lower bound', async () => {
  const { base, head } = pair(80, 10, 2, 8);
  const policy: RegressionGatePolicy = { datasets: ['eval'], mcnemar: 'exact', 'gate-on': 'point', bootstrap: 0, thresholds: { accuracy_delta: { 'max-drop': 0.05 }, mcnemar_p: { min: 0.05 } } };
  const none = await regressionGate.run(ctx(policy, { resolve: async () => ({ none: 'no baseline: test' }), predictions: async () => { throw new Error('must not run'); }, outcome: async () => { throw new Error('must not run'); } }, head));
  assert.equal(none.skipped, 'no baseline: test');
  assert.equal(none.details.baseline, null);
  const info = { source: 'pinned' as const, path: 'b.onnx', sha256: 'ab'.repeat(32), signature: 'pinned' as const };
  const out = await regressionGate.run(ctx(policy, { resolve: async () => ({ baseline: info }), predictions: async () => base, outcome: async () => { throw new Error('must not run'); } }, head));
  // delta = (2 − 10) / 100 = −0.08: dropped by 0.08 > 0.05; McNemar 2 vs 10: p = 2 · (1 + 12 + 66) / 4096.
  const [acc, p] = out.extraChecks!;
  assert.equal(acc.metric, 'accuracy_delta');
  assert.equal(acc.min, -0.05);
  assert.equal(acc.value, -0.08);
  assert.equal(acc.pass, false);
  assert.equal(acc.message, 'regression.accuracy_delta on eval: accuracy dropped by 0.08, more than max-drop 0.05');
  assert.equal(p.value, (2 * 79) / 4096);
  assert.equal(p.pass, false);
  assert.equal(p.message, `regression.mcnemar_p on eval: ${Number(((2 * 79) / 4096).toPrecision(4))} < min 0.05`);
  assert.equal(out.metrics.accuracy_delta, -0.08);
});

test('compared gates: head from ctx.measured, base from the baseline run; the paired interval is the per-row mean delta\'s; failures are problems', async () => {
  const { base, head } = pair(80, 10, 2, 8);
  const info = { source: 'pinned' as const, path: 'b.onnx', sha256: 'ab'.repeat(32), signature: 'pinned' as const };
  // robust_accuracy as a per-row 0/1 outcome on 60 sampled rows (strata: two labels), base and head differ on 14 rows.
  const n = 60;
  const rows = Int32Array.from({ length: n }, (_, i) => 3 * i);
  const strata = Int32Array.from({ length: n }, (_, i) => i % 2);
  const rb = Uint8Array.from({ length: n }, (_, i) => (i % 3 !== 0 ? 1 : 0));
  const rh = Uint8Array.from({ length: n }, (_, i) => (i < 14 ? 1 - rb[i] : rb[i]));
  const mean = (v: Uint8Array, w: Uint32Array) => { let a = 0, d = 0; for (let i = 0; i < n; i++) { a += w[i] * v[i]; d += w[i]; } return a / d; };
  const ones = new Uint32Array(n).fill(1);
  const outcome = (v: Uint8Array, sameRows = rows) => ({
    metrics: { robust_accuracy: mean(v, ones) }, details: {},
    paired: { robust_accuracy: { dataset: 'eval', rows: sameRows, strata, value: (w: Uint32Array) => mean(v, w) } },
  });
  const policy: RegressionGatePolicy = { datasets: ['eval'], mcnemar: 'exact', 'gate-on': 'point', bootstrap: 500, compare: ['robust_accuracy'], thresholds: { robust_accuracy_delta: { 'max-drop': 0.01 } } };
  const run = (measured: GateContext['measured'], baseOutcome: () => Promise<any>) =>
    regressionGate.run({ ...ctx(policy, { resolve: async () => ({ baseline: info }), predictions: async () => base, outcome: baseOutcome }, head), measured });
  const out = await run((g) => (g === 'robustness' ? outcome(rh) : undefined), async () => outcome(rb));
  let delta = 0;
  const perRow = new Float64Array(n);
  for (let i = 0; i < n; i++) { perRow[i] = rh[i] - rb[i]; delta += perRow[i]; }
  delta /= n;
  assert.equal(out.metrics.robust_accuracy_base, mean(rb, ones));
  assert.equal(out.metrics.robust_accuracy_head, mean(rh, ones));
  assert.ok(Math.abs((out.metrics.robust_accuracy_delta as number) - delta) < 1e-15);
  // The same resamples (seed, label) as meanDeltaCI over the per-row differences: a second way to the same interval.
  const want = meanDeltaCI(perRow, { strata, resamples: 500, seed: 0, label: 'regression/robustness/robust_accuracy_delta' }).ci.interval!;
  const got = out.ci!.robust_accuracy_delta;
  assert.ok(Math.abs(got[0] - want[0]) < 1e-12 && Math.abs(got[1] - want[1]) < 1e-12, `${got} vs ${want}`);
  // One check for the compared delta, on top of none per dataset (no dataset threshold here).
  assert.deepEqual(out.extraChecks!.map((c) => [c.metric, c.min, c.pass]), [['robust_accuracy_delta', -0.01, delta >= -0.01]]);
  assert.equal(out.problems, undefined);

  // Rows that differ between the models: the delta, no interval, said why.
  const other = await run((g) => (g === 'robustness' ? outcome(rh) : undefined), async () => outcome(rb, rows.map((r) => r + 1)));
  assert.equal(other.ci?.robust_accuracy_delta, undefined);
  assert.match((other.details.compared!.robust_accuracy.note)!, /rows differ between the two models/);

  // The head's gate did not return; the baseline's run threw: problems (status error), the delta null and its check failing.
  const noHead = await run(() => undefined, async () => outcome(rb));
  assert.equal(noHead.problems!.length, 1);
  assert.match(noHead.problems![0].message, /^robust_accuracy: the robustness gate did not measure the head model/);
  assert.equal(noHead.metrics.robust_accuracy_delta, null);
  assert.equal(noHead.extraChecks![0].pass, false);
  const threw = await run((g) => (g === 'robustness' ? outcome(rh) : undefined), async () => { throw new GateError('robustness.policy', 'dataset "eval" has no rows to attack'); });
  assert.equal(threw.problems![0].message, 'robust_accuracy: the robustness gate on the baseline b.onnx: dataset "eval" has no rows to attack');
  // The run's budget is not a problem of the comparison: it ends the run.
  await assert.rejects(run((g) => (g === 'robustness' ? outcome(rh) : undefined), async () => { throw new GateError('budget', 'budget-minutes used up'); }), /budget-minutes used up/);
  // Anything else a gate throws on the baseline is a bug of model-gate, said as the engine says it for the head's gates.
  const bug = await run((g) => (g === 'robustness' ? outcome(rh) : undefined), async () => { throw new TypeError('x is undefined'); });
  assert.equal(bug.problems![0].message, `robust_accuracy: the robustness gate on the baseline b.onnx: internal error: x is undefined (TypeError): ${INTERNAL_HINT}`);
});
