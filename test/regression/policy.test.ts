/**
 * gates.regression in the policy: defaults (datasets from the accuracy gate), the cross-field rules, every loosening
 * rule (thresholds, the baseline pin, datasets, gate-on, bootstrap, mcnemar) and the pinned baseline as a trust file.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, diagnosePolicy } from '../../src/policy/load.ts';
import { compareStrictness } from '../../src/policy/loosening.ts';
import { trustFilesOf } from '../../src/engine/trust-changes.ts';

const PIN = 'b'.repeat(64);
const head = (regression: string, accuracy = '  accuracy:\n    dataset: eval\n    thresholds: { accuracy: { min: 0.8 } }\n') => `version: 1
model: { path: m.onnx }
signature: { required: false }
datasets:
  eval: { path: eval.csv, label: y }
  extra: { path: extra.csv, label: y }
gates:
${accuracy}  regression:
${regression}`;

const STRICT = `    datasets: [eval, extra]
    baseline: { path: base/m.onnx, sha256: "${PIN}" }
    gate-on: ci-bound
    bootstrap: 1000
    thresholds:
      accuracy_delta: { max-drop: 0.01, max-rise: 0.05 }
      negative_flip_rate: { max: 0.03 }
      mcnemar_p: { min: 0.05 }
`;

test('defaults: datasets = the accuracy gate\'s dataset, mcnemar exact, gate-on point, bootstrap 1000', () => {
  const p = parsePolicy(head('    thresholds: { churn: { max: 0.1 } }\n'), 'p.yml').policy;
  assert.deepEqual(p.gates.regression, { datasets: ['eval'], mcnemar: 'exact', 'gate-on': 'point', bootstrap: 1000, thresholds: { churn: { max: 0.1 } } });
});

test('cross-field rules and the schema: every problem in one message list', () => {
  const problems = (text: string) => diagnosePolicy(text, 'p.yml').problems.map((x) => x.message);
  assert.deepEqual(problems(head('    thresholds: { churn: { max: 0.1 } }\n', '')), [
    'p.yml:8:3: gates.regression needs datasets (the datasets both models run on): list them, or add gates.accuracy, whose dataset is the default',
  ]);
  const many = problems(head('    datasets: [eval, nope]\n    bootstrap: 0\n    gate-on: ci-bound\n    thresholds:\n      accuracy_delta: { max-drop: 5 }\n      churn: { min: 0.5, max: 0.2 }\n      prediction_js_distance: { max: 0.9 }\n'));
  assert.ok(many.some((m) => /gates\.regression\.datasets\[1\] names dataset "nope", which is not defined/.test(m)), many.join('\n'));
  assert.ok(many.some((m) => /gates\.regression\.thresholds\.accuracy_delta\.max-drop 5 is outside the range of accuracy_delta drops, which is between 0 and 1 \(write 0\.05 for 5 %\)/.test(m)), many.join('\n'));
  assert.ok(many.some((m) => /gates\.regression\.thresholds\.churn has min 0\.5 > max 0\.2/.test(m)), many.join('\n'));
  assert.ok(many.some((m) => /prediction_js_distance\.max 0\.9 is outside the range of prediction_js_distance, which is between 0 and 0\.8326/.test(m)), many.join('\n'));
  assert.ok(many.some((m) => /gates\.regression\.gate-on ci-bound needs confidence intervals, but bootstrap is 0/.test(m)), many.join('\n'));
  // The schema: min/max on a delta, max-drop on a rate, negative max-drop, an unknown key.
  const schema = problems(head('    thresholds:\n      accuracy_delta: { min: -0.01 }\n      churn: { max-drop: 0.1 }\n      roc_auc_delta: { max-drop: -0.1 }\n    baseline: { path: b.onnx }\n'));
  assert.ok(schema.length >= 4, schema.join('\n'));
  assert.ok(schema.some((m) => /accuracy_delta/.test(m) && /min/.test(m)), schema.join('\n'));
  assert.ok(schema.some((m) => /baseline/.test(m) && /sha256/.test(m)), schema.join('\n'));
});

function loosened(baseRegression: string, headRegression: string): { path: string; reason: string }[] {
  const b = parsePolicy(head(baseRegression), 'p.yml').policy;
  const h = parsePolicy(head(headRegression), 'p.yml');
  return compareStrictness(b, h.policy, h.positionOf).map((l) => ({ path: l.path, reason: l.reason ?? '' }));
}

test('loosening: stricter changes are not listed', () => {
  const stricter = STRICT.replace('max-drop: 0.01', 'max-drop: 0.005').replace('{ max: 0.03 }', '{ max: 0.02 }').replace('{ min: 0.05 }', '{ min: 0.1 }').replace('bootstrap: 1000', 'bootstrap: 2000')
    + '      churn: { max: 0.1 }\n';
  assert.deepEqual(loosened(STRICT, stricter), []);
  assert.deepEqual(loosened(STRICT, STRICT.replace('gate-on: ci-bound', 'gate-on: conservative')), []);
  // Adding the gate is stricter.
  const b = parsePolicy(head('').replace(/  regression:\n$/, ''), 'p.yml').policy;
  const h = parsePolicy(head(STRICT), 'p.yml');
  assert.deepEqual(compareStrictness(b, h.policy, h.positionOf), []);
});

test('loosening: every looser change of gates.regression is listed', () => {
  const cases: [string, string, RegExp][] = [
    [STRICT.replace('max-drop: 0.01', 'max-drop: 0.02'), 'gates.regression.thresholds.accuracy_delta.max-drop', /max-drop of accuracy_delta raised/],
    [STRICT.replace('{ max-drop: 0.01, max-rise: 0.05 }', '{ max-rise: 0.05 }'), 'gates.regression.thresholds.accuracy_delta.max-drop', /max-drop of accuracy_delta removed/],
    [STRICT.replace('max-rise: 0.05', 'max-rise: 0.5'), 'gates.regression.thresholds.accuracy_delta.max-rise', /max-rise of accuracy_delta raised/],
    [STRICT.replace('{ max: 0.03 }', '{ max: 0.3 }'), 'gates.regression.thresholds.negative_flip_rate.max', /max of negative_flip_rate raised/],
    [STRICT.replace('{ min: 0.05 }', '{ min: 0.01 }'), 'gates.regression.thresholds.mcnemar_p.min', /min of mcnemar_p lowered/],
    [STRICT.replace('      mcnemar_p: { min: 0.05 }\n', ''), 'gates.regression.thresholds.mcnemar_p', /threshold on mcnemar_p removed/],
    [STRICT.replace('[eval, extra]', '[eval]'), 'gates.regression.datasets', /dataset extra no longer compared/],
    [STRICT.replace(PIN, 'c'.repeat(64)), 'gates.regression.baseline', /baseline pin changed/],
    [STRICT.replace('base/m.onnx', 'other.onnx'), 'gates.regression.baseline', /baseline pin changed/],
    [STRICT.replace(/    baseline: .*\n/, ''), 'gates.regression.baseline', /baseline pin removed/],
    [STRICT.replace('gate-on: ci-bound', 'gate-on: point'), 'gates.regression.gate-on', /ci-bound -> point/],
    [STRICT.replace('bootstrap: 1000', 'bootstrap: 200'), 'gates.regression.bootstrap', /bootstrap resamples lowered/],
    [STRICT + '    mcnemar: mid-p\n', 'gates.regression.mcnemar', /McNemar variant changed/],
  ];
  for (const [h, path, reason] of cases) {
    const l = loosened(STRICT, h);
    assert.equal(l.length, 1, `${path}: ${JSON.stringify(l)}`);
    assert.equal(l[0].path, path);
    assert.match(l[0].reason, reason);
  }
  // A pin added where the base compared with the base commit's model.
  const l = loosened(STRICT.replace(/    baseline: .*\n/, ''), STRICT);
  assert.deepEqual(l.map((x) => x.path), ['gates.regression.baseline']);
  assert.match(l[0].reason, /the pull request would choose what the head is compared with/);
  // Removing the gate.
  const b = parsePolicy(head(STRICT), 'p.yml').policy;
  const h = parsePolicy(head('').replace(/  regression:\n$/, ''), 'p.yml');
  assert.deepEqual(compareStrictness(b, h.policy, h.positionOf).map((x) => x.path), ['gates.regression']);
});

test('the pinned baseline is a trust file (its content change is listed with the model or data change rule)', () => {
  const p = parsePolicy(head(STRICT), 'p.yml').policy;
  assert.deepEqual(trustFilesOf(p).map((t) => [t.path, t.what]), [['base/m.onnx', 'baseline model']]);
});

test('compare: each compared metric needs its gate, robust_accuracy needs true labels; a threshold on its delta compares it', () => {
  const problems = (text: string) => diagnosePolicy(text, 'p.yml').problems.map((x) => x.message);
  assert.deepEqual(problems(head('    compare: [robust_accuracy, membership_auc]\n    thresholds:\n      demographic_parity_difference_delta: { max-rise: 0.02 }\n')), [
    'p.yml:12:15: gates.regression.compare[0]: comparing robust_accuracy needs gates.robustness (its gate measures it on both models): add gates.robustness, or remove robust_accuracy',
    'p.yml:12:32: gates.regression.compare[1]: comparing membership_auc needs gates.memorisation (its gate measures it on both models): add gates.memorisation, or remove membership_auc',
    'p.yml:14:44: gates.regression.thresholds.demographic_parity_difference_delta: comparing demographic_parity_difference needs gates.fairness (its gate measures it on both models): add gates.fairness, or remove demographic_parity_difference',
  ]);
  const robustness = (labels: string) => `  accuracy:\n    dataset: eval\n    thresholds: { accuracy: { min: 0.8 } }\n  robustness:\n    dataset: eval\n    epsilon: 0.1\n    labels: ${labels}\n    thresholds: { prediction_stability: { min: 0.5 } }\n`;
  assert.deepEqual(problems(head('    compare: [robust_accuracy]\n    thresholds: { churn: { max: 0.1 } }\n', robustness('predicted'))), [
    'p.yml:17:15: gates.regression.compare[0]: gates.robustness has labels: predicted, so it measures prediction_stability, not robust_accuracy: use true labels, or remove robust_accuracy',
  ]);
  assert.deepEqual(problems(head('    compare: [robust_accuracy]\n    thresholds: { churn: { max: 0.1 } }\n', robustness('true'))), []);
  // The schema knows the names; `compare` is not a loosening (a gated delta is a threshold, and removing it is).
  assert.ok(problems(head('    compare: [accuracy]\n    thresholds: { churn: { max: 0.1 } }\n')).some((m) => /compare\[0\]/.test(m)));
  const gated = '    thresholds:\n      churn: { max: 0.1 }\n      robust_accuracy_delta: { max-drop: 0.02 }\n';
  const withRobustness = (r: string) => parsePolicy(head(r, robustness('true')), 'p.yml');
  const b = withRobustness('    compare: [robust_accuracy]\n' + gated).policy;
  const h = withRobustness('    thresholds:\n      churn: { max: 0.1 }\n');
  assert.deepEqual(compareStrictness(b, h.policy, h.positionOf).map((x) => [x.path, x.reason]), [['gates.regression.thresholds.robust_accuracy_delta', 'threshold on robust_accuracy_delta removed']]);
});
