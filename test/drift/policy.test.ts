/** gates.drift in the policy: the schema (defaults, unknown keys, method names) and the cross-field checks, exact messages. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, PolicyError } from '../../src/policy/load.ts';

const FILE = 'model-gate.yml';
const BASE = [
  'version: 1', //                 1
  'model: { path: m.onnx }', //    2
  'signature: { required: false }', // 3
  'datasets:', //                  4
  '  train: { path: train.csv, label: y }', // 5
  '  eval: { path: eval.csv, label: y }', //   6
  'gates:', //                     7
  '  drift:', //                   8
  '    reference: train', //       9
  '    current: eval', //          10
];
const policy = (...lines: string[]) => [...BASE, ...lines].join('\n') + '\n';
function problems(text: string): string[] {
  try {
    parsePolicy(text, FILE);
  } catch (e) {
    assert.ok(e instanceof PolicyError, String(e));
    return e.problems.map((p) => p.message);
  }
  assert.fail('the policy was accepted');
}

test('defaults: method auto; the rest absent', () => {
  const { policy: p } = parsePolicy(policy('    thresholds: { share_drifted: { max: 0.3 } }'), FILE);
  assert.deepEqual(p.gates.drift, { reference: 'train', current: 'eval', method: 'auto', thresholds: { share_drifted: { max: 0.3 } } });
});

test('a full section loads as written', () => {
  const { policy: p } = parsePolicy(policy(
    '    features: [age, income, sex, prediction:class]',
    '    method: psi',
    '    threshold: 0.2',
    '    per-feature:',
    '      income: { method: ks, threshold: 0.01 }',
    '      sex: { method: chi2 }',
    '    must-not-drift: [income]',
    '    thresholds: { share_drifted: { max: 0.25 }, drifted_features: { max: 1 } }',
  ), FILE);
  assert.deepEqual(p.gates.drift, {
    reference: 'train', current: 'eval', features: ['age', 'income', 'sex', 'prediction:class'], method: 'psi', threshold: 0.2,
    'per-feature': { income: { method: 'ks', threshold: 0.01 }, sex: { method: 'chi2' } }, 'must-not-drift': ['income'],
    thresholds: { share_drifted: { max: 0.25 }, drifted_features: { max: 1 } },
  });
});

test('cross-field: datasets exist and differ', () => {
  assert.deepEqual(problems([...BASE.slice(0, 8), '    reference: trian', '    current: trian', '    thresholds: { share_drifted: { max: 0.3 } }'].join('\n') + '\n'), [
    'model-gate.yml:9:16: gates.drift.reference names dataset "trian", which is not defined under datasets (datasets: train, eval); did you mean train?',
    'model-gate.yml:10:14: gates.drift.current names dataset "trian", which is not defined under datasets (datasets: train, eval); did you mean train?',
    'model-gate.yml:10:14: gates.drift.current is the same dataset as reference ("trian"): compare two different datasets',
  ]);
});

test('cross-field: thresholds need a method; p-value thresholds are at most 1; overrides name listed features', () => {
  assert.deepEqual(problems(policy(
    '    features: [age, income]',
    '    threshold: 0.2',
    '    per-feature:',
    '      sex: { method: chi2, threshold: 5 }',
    '      age: { threshold: 0.1 }',
    '    must-not-drift: [income, debt]',
    '    thresholds: { share_drifted: { max: 30 } }',
  )), [
    'model-gate.yml:12:5: gates.drift.threshold needs a method other than auto (auto mixes p-values and distances): set method, or give thresholds per feature under per-feature',
    'model-gate.yml:14:7: gates.drift.per-feature.sex is not one of gates.drift.features (age, income)',
    'model-gate.yml:14:39: gates.drift.per-feature.sex.threshold 5 is not a p-value (method chi2): use a value between 0 and 1',
    'model-gate.yml:15:14: gates.drift.per-feature.age.threshold needs a method other than auto (auto may pick a p-value or a distance): set per-feature.age.method',
    'model-gate.yml:16:30: gates.drift.must-not-drift[1] "debt" is not one of gates.drift.features (age, income)',
    'model-gate.yml:17:41: gates.drift.thresholds.share_drifted.max 30 is outside the range of share_drifted, which is between 0 and 1 (write 0.3 for 30 %)',
  ]);
});

test('schema: unknown method and key, empty override', () => {
  const msgs = problems(policy('    method: chisquare', '    per-feature: { age: {} }', '    tresholds: {}'));
  assert.deepEqual(msgs, [
    'model-gate.yml:11:13: gates.drift.method must be one of auto, ks, chi2, z, wasserstein, jensenshannon, psi (got "chisquare")',
    'model-gate.yml:12:20: gates.drift.per-feature.age must not be empty',
    'model-gate.yml:13:5: gates.drift.tresholds is not a known key of gates.drift (did you mean thresholds?)',
  ]);
});

test('model-gate validate: drift features against both datasets\' headers, overrides against the default features', async () => {
  const { checkColumns } = await import('../../src/policy/columns.ts');
  const headers: Record<string, string[]> = { train: ['id', 'age', 'income', 'sex', 'y'], eval: ['id', 'age', 'sex', 'y'] };
  const headerOf = (n: string) => (headers[n] ? { rel: `${n}.csv`, header: { format: 'csv' as const, names: headers[n] } } : undefined);
  const datasets = { train: { path: 'train.csv', label: 'y', exclude: ['id'] }, eval: { path: 'eval.csv', label: 'y', exclude: ['id'] } };
  const listed = checkColumns({ datasets, gates: { drift: { reference: 'train', current: 'eval', features: ['age', 'incme', 'income', 'prediction:class'] } } }, headerOf);
  assert.deepEqual(listed.map((i) => i.message), [
    'gates.drift.features[1] "incme" is not a column of dataset "train" (train.csv; columns: "id", "age", "income", "sex", "y"); did you mean "income"?',
    'gates.drift.features[2] "income" is not a column of dataset "eval" (eval.csv; columns: "id", "age", "sex", "y")',
  ]);
  const defaults = checkColumns({ datasets, gates: { drift: { reference: 'train', current: 'eval', 'per-feature': { id: { method: 'psi' }, sex: { method: 'chi2' } }, 'must-not-drift': ['prediction:class', 'y'] } } }, headerOf);
  assert.deepEqual(defaults.map((i) => i.message), [
    'gates.drift.per-feature.id "id" is not a default drift feature of dataset "train" (excluded by datasets.train.exclude; features: "age", "income", "sex", prediction:class, prediction:confidence): list it under gates.drift.features',
    'gates.drift.must-not-drift[1] "y" is not a default drift feature of dataset "train" (the label column; features: "age", "income", "sex", prediction:class, prediction:confidence): list it under gates.drift.features',
  ]);
});
