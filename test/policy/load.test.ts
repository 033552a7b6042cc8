import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parsePolicy, PolicyError } from '../../src/policy/load.ts';
import { GateError } from '../../src/errors.ts';
import { policyPaths } from '../../src/policy/checks.ts';

const FILE = '.github/model-gate.yml';

/** A valid policy; cases below edit it. Line numbers are written next to each line for the expectations. */
const BASE = [
  'version: 1', //                         1
  'model:', //                              2
  '  path: models/m.onnx', //               3
  'signature:', //                          4
  '  bundle: models/m.sig', //              5
  '  key: keys/pub.pem', //                 6
  'datasets:', //                           7
  '  eval:', //                             8
  '    path: data/eval.csv', //             9
  '    label: y', //                        10
  'gates:', //                              11
  '  accuracy:', //                         12
  '    dataset: eval', //                   13
  '    thresholds:', //                     14
  '      accuracy: { min: 0.9 }', //        15
];

/** BASE with line `n` (1-based) replaced by `lines` (none = deleted). */
function edit(n: number, ...lines: string[]): string {
  const out = [...BASE];
  out.splice(n - 1, 1, ...lines);
  return out.join('\n') + '\n';
}
/** BASE with `count` lines from line `n` replaced by `lines`. */
function replace(n: number, count: number, ...lines: string[]): string {
  const out = [...BASE];
  out.splice(n - 1, count, ...lines);
  return out.join('\n') + '\n';
}
function append(...lines: string[]): string {
  return [...BASE, ...lines].join('\n') + '\n';
}

function problems(text: string): string[] {
  try {
    parsePolicy(text, FILE);
  } catch (e) {
    assert.ok(e instanceof PolicyError, `expected a PolicyError, got ${String(e)}`);
    assert.ok(e instanceof GateError);
    assert.equal(e.code, 'policy.invalid');
    assert.equal(e.kind, 'error');
    const more = e.problems.length > 1 ? ` (and ${e.problems.length - 1} more: run model-gate validate to list them)` : '';
    assert.equal(e.message, `${e.problems[0].message}${more}`, 'the message is the first problem, and how many more');
    assert.equal(e.located, e.message);
    for (const p of e.problems) {
      assert.equal(p.message.startsWith(`${p.file}:${p.line}:${p.col}: `), true, p.message);
      assert.equal(p.file, FILE);
    }
    return e.problems.map((p) => p.message);
  }
  assert.fail('the policy was accepted');
}

function rejects(text: string, ...expected: string[]): void {
  assert.deepEqual(problems(text), expected.map((m) => `${FILE}:${m}`));
}

const ROBUSTNESS = ['  robustness:', '    dataset: eval']; // lines 16, 17 when appended
const MEMO = ['datasets:', '  eval: { path: data/eval.csv, label: y }', '  train: { path: data/train.csv, label: y }'];

test('the base policy is valid', () => {
  const { policy } = parsePolicy(BASE.join('\n'), FILE);
  assert.equal(policy.model.path, 'models/m.onnx');
});

// ---- keys -------------------------------------------------------------------------------------------------------

test('typo in a top-level key: points at the key and suggests the closest (no extra "model is required")', () => {
  rejects(edit(2, 'modle:'), '2:1: modle is not a known key of the policy (did you mean model?)');
});

test('typo in a nested key with suggestion', () => {
  rejects(edit(3, '  pth: models/m.onnx'), '3:3: model.pth is not a known key of model (did you mean path?)');
});

test('underscore instead of dash is suggested', () => {
  rejects(edit(1, 'version: 1', 'budget_minutes: 10'), '2:1: budget_minutes is not a known key of the policy (did you mean budget-minutes?)');
});

test('unknown key without a close match lists the known keys', () => {
  rejects(edit(3, '  path: models/m.onnx', '  colour: red'), '4:3: model.colour is not a known key of model (known: path, card, inputs, output)');
});

test('unknown metric of a gate (the documented message) with a suggestion', () => {
  rejects(
    edit(15, '      acuracy: { min: 0.9 }'),
    '15:7: gates.accuracy.thresholds.acuracy is not a known metric of gate accuracy (known: accuracy, precision, recall, f1, roc_auc); did you mean accuracy?',
  );
});

test("a metric of another gate names that gate", () => {
  rejects(
    edit(15, '      robust_accuracy: { min: 0.9 }'),
    '15:7: gates.accuracy.thresholds.robust_accuracy is not a known metric of gate accuracy (known: accuracy, precision, recall, f1, roc_auc); robust_accuracy is a metric of gate robustness',
  );
});

test('unknown gate', () => {
  rejects(append('  fairnes:', '    dataset: eval'), '16:3: gates.fairnes is not a known gate (known: accuracy, robustness, memorisation, fairness, regression, drift, poisoning, model-card); did you mean fairness?');
});

test('threshold with a misspelt bound', () => {
  rejects(edit(15, '      accuracy: { mn: 0.9 }'), '15:19: gates.accuracy.thresholds.accuracy.mn is not a known key of gates.accuracy.thresholds.accuracy (did you mean min?)');
});

test('threshold without min or max', () => {
  rejects(edit(15, '      accuracy: {}'), '15:7: gates.accuracy.thresholds.accuracy needs min or max (e.g. { min: 0.9 })');
});

// ---- version, types, ranges ----------------------------------------------------------------------------------------

test('missing version', () => {
  rejects(edit(1), '1:1: version is required: start the policy with "version: 1"');
});

test('version 2', () => {
  rejects(edit(1, 'version: 2'), '1:10: version must be 1 (got 2): this model-gate reads policy version 1');
});

test('version as a string', () => {
  rejects(edit(1, 'version: "1"'), '1:10: version must be 1 (got "1"): this model-gate reads policy version 1');
});

test('wrong type: text where an integer is expected', () => {
  rejects(edit(1, 'version: 1', 'seed: abc'), '2:7: seed must be an integer (got "abc")');
});

test('wrong type: a number where a string is expected says to quote it', () => {
  rejects(edit(10, '    label: 5'), '10:12: datasets.eval.label must be a string (got 5): quote it');
});

test('wrong type: yes is not a boolean in YAML 1.2', () => {
  rejects(edit(4, 'signature:', '  required: yes'), '5:13: signature.required must be a boolean (true or false) (got "yes"): YAML 1.2 reads it as text, write true or false');
});

test('wrong type: a list where a mapping is expected', () => {
  rejects(replace(12, 4, '  accuracy: [eval]'), '12:13: gates.accuracy must be a mapping (got a list)');
});

test('budget-minutes must be positive and seed not negative (all problems, in file order)', () => {
  rejects(edit(1, 'version: 1', 'seed: -1', 'budget-minutes: 0'), '2:7: seed must be >= 0 (got -1)', '3:17: budget-minutes must be > 0 (got 0)');
});

test('threshold written in percent', () => {
  rejects(edit(15, '      accuracy: { min: 90 }'), '15:24: gates.accuracy.thresholds.accuracy.min 90 is outside the range of accuracy, which is between 0 and 1 (write 0.9 for 90 %)');
});

test('threshold min above max', () => {
  rejects(edit(15, '      accuracy: { min: 0.9, max: 0.8 }'), '15:7: gates.accuracy.thresholds.accuracy has min 0.9 > max 0.8: no value can pass');
});

test('bad sha256 pin', () => {
  rejects(edit(10, '    label: y', '    sha256: 12ab'), '11:13: datasets.eval.sha256 must be a sha256 digest: 64 hexadecimal characters (got "12ab")');
});

test('a sha256 of digits only must be quoted', () => {
  rejects(edit(10, '    label: y', '    sha256: 1234'), '11:13: datasets.eval.sha256 must be a string (got 1234): quote it');
});

// ---- robustness ------------------------------------------------------------------------------------------------------

test('negative epsilon', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: -0.1'), '18:14: gates.robustness.epsilon must be a positive number or a non-empty list of positive numbers (got -0.1)');
});

test('an epsilon in a list that is not positive points at that item', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: [0.1, 0]'), '18:20: gates.robustness.epsilon[1] must be > 0 (got 0)');
});

test('an empty epsilon list', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: []'), '18:14: gates.robustness.epsilon must be a positive number or a non-empty list of positive numbers (got a list)');
});

test('robustness without epsilon', () => {
  rejects(append(...ROBUSTNESS), '16:3: gates.robustness.epsilon is required');
});

test('unknown attack name', () => {
  rejects(
    append(...ROBUSTNESS, '    epsilon: 0.1', '    attacks: [apgd-ce, squre]'),
    '19:24: gates.robustness.attacks[1] must be one of apgd-ce, apgd-dlr, apgd-t, apgd-margin, pgd, fgsm, square, hsja, tree (got "squre"); did you mean square?',
  );
});

test('attacks as a wrong word', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    attacks: all'), '19:14: gates.robustness.attacks must be auto or a non-empty list of attack names (got "all")');
});

test('unknown norm with suggestion', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    norm: L2'), '19:11: gates.robustness.norm must be one of linf, l2 (got "L2"); did you mean l2?');
});

test('labels other than true or predicted', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    labels: false'), '19:13: gates.robustness.labels must be one of true, predicted (got false)');
});

test('robust_accuracy with labels: predicted', () => {
  rejects(
    append(...ROBUSTNESS, '    epsilon: 0.1', '    labels: predicted', '    thresholds: { robust_accuracy: { min: 0.8 } }'),
    '20:19: gates.robustness.thresholds.robust_accuracy is not measured with labels: predicted: gate on prediction_stability instead',
  );
});

test('bounds must be a pair, and lo below hi', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    bounds: [0, 1, 2]'), '19:13: gates.robustness.bounds must be a pair [lo, hi] (got 3 items)');
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    bounds: [1, 0]'), '19:13: gates.robustness.bounds: lower bound 1 is not below upper bound 0');
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    bounds: [[0, 0], [1, 1, 1]]'), '19:13: gates.robustness.bounds has 2 lower and 3 upper bounds: give one per feature on both sides');
});

test('duplicate immutable column and a column in two one-hot groups', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    immutable: [age, age]'), '19:22: gates.robustness.immutable lists age twice (items 0 and 1)');
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    one-hot: [[a, b], [b, c]]'), '19:23: gates.robustness.one-hot[1] repeats b, already in one-hot[0]: a column belongs to one group');
});

// ---- signature ---------------------------------------------------------------------------------------------------------

test('identity together with identity-regex', () => {
  rejects(
    edit(6, '  keyless:', '    identity: https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main', '    identity-regex: "^https://github.com/acme/.*$"', '    issuer: https://token.actions.githubusercontent.com'),
    '6:3: signature.keyless has both identity and identity-regex: keep one',
  );
});

test('keyless without identity', () => {
  rejects(edit(6, '  keyless: { issuer: https://token.actions.githubusercontent.com }'), '6:3: signature.keyless needs identity or identity-regex');
});

test('an identity-regex that is not anchored', () => {
  rejects(
    edit(6, '  keyless: { identity-regex: "https://github.com/acme/.*", issuer: https://token.actions.githubusercontent.com }'),
    '6:30: signature.keyless.identity-regex must be anchored (start with ^ and end with $) so that it cannot match a longer identity',
  );
});

test('key and keyless together', () => {
  rejects(edit(6, '  key: keys/pub.pem', '  keyless: { identity: a@b.c, issuer: https://accounts.google.com }'), '4:1: signature names more than one of keyless, key and certificate-roots: keep exactly one');
});

test('no signature section at all', () => {
  rejects(
    replace(4, 3),
    '1:1: signature is required: say who must have signed the model (signature.keyless, signature.key or signature.certificate-roots with signature.bundle), or write "signature: { required: false }" to accept unsigned models',
  );
});

test('a required signature without verification material or bundle', () => {
  rejects(
    replace(5, 2, '  format: auto'),
    '4:1: signature needs one of keyless, key or certificate-roots (or required: false)',
    '4:1: signature.bundle is required when signature.required is true (the default): the path of the model\'s signature file',
  );
});

test('unknown signature format', () => {
  rejects(edit(6, '  key: keys/pub.pem', '  format: sigstore'), '7:11: signature.format must be one of auto, oms, sigstore-bundle, cosign (got "sigstore")');
});

// ---- paths ----------------------------------------------------------------------------------------------------------

test('absolute path', () => {
  rejects(edit(3, '  path: /opt/models/m.onnx'), '3:9: model.path "/opt/models/m.onnx" is absolute: use a path relative to the working directory, inside the workspace');
});

test('Windows absolute path', () => {
  rejects(edit(9, '    path: C:\\data\\eval.csv'), '9:11: datasets.eval.path "C:\\\\data\\\\eval.csv" is absolute: use a path relative to the working directory, inside the workspace');
});

test('.. that leaves the working directory (a trust file), reported together with schema errors', () => {
  rejects(
    edit(6, '  key: keys/../../../etc/pub.pem', '  colour: red'),
    '6:8: signature.key "keys/../../../etc/pub.pem" leaves the working directory (..): use a path relative to the working directory, inside the workspace',
    '7:3: signature.colour is not a known key of signature (known: required, bundle, format, subject, keyless, key, certificate-roots, trusted-root, ignore-paths)',
  );
});

test('.. that stays inside is accepted', () => {
  const { policy } = parsePolicy(edit(9, '    path: data/../data/eval.csv'), FILE);
  assert.equal(policy.datasets.eval.path, 'data/../data/eval.csv');
});

test('ignore-paths must stay inside too', () => {
  rejects(edit(6, '  key: keys/pub.pem', '  ignore-paths: [../README.md]'), '7:18: signature.ignore-paths[0] "../README.md" leaves the working directory (..): use a path relative to the working directory, inside the signed subject');
});

test('dataset file of an unsupported type', () => {
  rejects(edit(9, '    path: data/eval.xlsx'), '9:11: datasets.eval.path "data/eval.xlsx" is not a .csv, .npy or .parquet file');
});

// ---- datasets and references ---------------------------------------------------------------------------------------

test('gate referring to a dataset that does not exist', () => {
  rejects(edit(13, '    dataset: evl'), '13:14: gates.accuracy.dataset names dataset "evl", which is not defined under datasets (datasets: eval); did you mean eval?');
});

test('invalid dataset name', () => {
  // The schema's complaint and the cross-field rule's are both reported in one run: renaming the dataset also left
  // gates.accuracy.dataset without its dataset.
  rejects(
    edit(8, '  "my data":'),
    '8:3: datasets.my data: "my data" is not a valid name (letters, digits, _ - . starting with a letter or digit)',
    '13:14: gates.accuracy.dataset names dataset "eval", which is not defined under datasets (datasets: my data)',
  );
});

test('a policy the schema rejects still gets its cross-field problems, but none about what the schema already blamed', () => {
  // Both kinds in one run: the schema's (budget-minutes) and the cross-field rule's (the dataset reference).
  rejects(
    [...BASE.slice(0, 12), '    dataset: evl', ...BASE.slice(13), 'budget-minutes: ten'].join('\n'),
    '13:14: gates.accuracy.dataset names dataset "evl", which is not defined under datasets (datasets: eval); did you mean eval?',
    '16:17: budget-minutes must be a number (got "ten")',
  );
  // datasets is not a mapping: said once; the gates' references are not checked against a list.
  rejects(replace(7, 4, 'datasets: [eval]'), '7:11: datasets must be a mapping (got a list)');
  // A bound that is text: the schema's complaint, not also "lower bound 0 is not below upper bound x".
  rejects(append(...ROBUSTNESS, '    epsilon: 0.1', '    bounds: [0, x]'), '19:17: gates.robustness.bounds[1] must be a number or a non-empty list of numbers (got "x")');
});

test('memorisation members and non-members are the same dataset', () => {
  const text = [...BASE.slice(0, 6), ...MEMO, 'gates:', '  memorisation:', '    members: train', '    non-members: train'].join('\n');
  rejects(text, '13:18: gates.memorisation.non-members is the same dataset as members ("train"): non-members must be records the model was not trained on');
});

test('memorisation members and non-members read the same file', () => {
  const text = [...BASE.slice(0, 6), 'datasets:', '  a: { path: data/train.csv }', '  b: { path: ./data//train.csv }', 'gates:', '  memorisation: { members: a, non-members: b }'].join('\n');
  rejects(text, '11:44: gates.memorisation.non-members reads the same file as members ("data/train.csv"): non-members must be records the model was not trained on');
});

test('reference models must be pinned and need a population', () => {
  const text = [...BASE.slice(0, 6), ...MEMO, 'gates:', '  memorisation:', '    members: train', '    non-members: eval', '    reference-models:', '      - { path: models/ref.onnx }'].join('\n');
  rejects(
    text,
    '14:5: gates.memorisation.reference-models needs gates.memorisation.population (the data for RMIA\'s population term, never members)',
    '15:9: gates.memorisation.reference-models[0].sha256 is required',
  );
  const pinned = text.replace('{ path: models/ref.onnx }', `{ path: models/ref.onnx, sha256: "${'a'.repeat(64)}" }`);
  rejects(pinned, '14:5: gates.memorisation.reference-models needs gates.memorisation.population (the data for RMIA\'s population term, never members)');
});

test('disparate impact needs a reference group; reference-group columns must be sensitive', () => {
  const fair = ['  fairness:', '    dataset: eval', '    sensitive: [sex]'];
  rejects(append(...fair, '    thresholds: { disparate_impact: { min: 0.8 } }'), '19:19: gates.fairness.thresholds.disparate_impact needs gates.fairness.reference-group (the group the others are compared with)');
  rejects(append(...fair, '    reference-group: { race: white }'), '19:24: gates.fairness.reference-group.race is not one of the sensitive columns (sex)');
});

test('fairness without sensitive columns, and an empty list', () => {
  rejects(append('  fairness:', '    dataset: eval'), '16:3: gates.fairness.sensitive is required');
  rejects(append('  fairness:', '    dataset: eval', '    sensitive: []'), '18:16: gates.fairness.sensitive must not be an empty list');
});

test('gate-on conservative without bootstrap', () => {
  rejects(append('  fairness:', '    dataset: eval', '    sensitive: [sex]', '    gate-on: conservative', '    bootstrap: 0'), '19:14: gates.fairness.gate-on conservative needs confidence intervals, but bootstrap is 0');
});

test('model-card claims need the card and the gate that measures them', () => {
  rejects(
    append('  model-card:', '    claims:', '      robust_accuracy: { measured: robust_accuracy }'),
    '16:3: gates.model-card needs model.card (the model card whose claims are compared)',
    '18:36: gates.model-card.claims.robust_accuracy.measured robust_accuracy is measured by gate robustness, which this policy does not run',
  );
  rejects(
    edit(3, '  path: models/m.onnx', '  card: models/README.md') + ['  model-card:', '    claims:', '      acc: { measured: acuracy }'].join('\n'),
    '19:24: gates.model-card.claims.acc.measured "acuracy" is not a measured metric; did you mean accuracy? (known: accuracy, precision, recall, f1, roc_auc, clean_accuracy, robust_accuracy, attack_success_rate, prediction_stability, max_perturbation, max_perturbation_ratio, auc, advantage, tpr_at_fpr_0.01, tpr_at_fpr_0.001, train_accuracy, holdout_accuracy, generalization_gap, demographic_parity_difference, demographic_parity_ratio, equalized_odds_difference, equalized_odds_ratio, equal_opportunity_difference, equal_opportunity_ratio, disparate_impact, statistical_parity_difference, accuracy_delta, roc_auc_delta, mcnemar_p, negative_flip_rate, positive_flip_rate, churn, prediction_js_distance, mean_abs_true_class_change, robust_accuracy_delta, demographic_parity_difference_delta, membership_auc_delta, share_drifted, drifted_features, flagged_classes, suspected_fraction, suspected_rows, spectral_flagged_classes, clustering_flagged_classes, strip_suspected_fraction, label_issue_fraction)',
  );
});

test('model inputs: unknown dtype', () => {
  rejects(edit(3, '  path: models/m.onnx', '  inputs:', '    x: { from: [a, b], dtype: float }'), '5:31: model.inputs.x.dtype must be one of float32, float64, int64, int32, string, bool (got "float")');
});

// ---- YAML --------------------------------------------------------------------------------------------------------

test('duplicate key', () => {
  rejects(edit(10, '    label: y', '    label: z'), '11:5: YAML duplicate key "label": keys must be unique (remove or merge one of them)');
});

test('YAML syntax error: unclosed flow mapping', () => {
  rejects(edit(15, '      accuracy: { min: 0.9'), '16:1: YAML Flow map in block collection must be sufficiently indented and end with a }');
});

test('YAML syntax error: tab indentation', () => {
  rejects(edit(10, '\tlabel: y'), '10:1: YAML tabs are not allowed as indentation: indent with spaces');
});

test('YAML: several documents', () => {
  rejects(BASE.join('\n') + '\n---\nversion: 1\n', '16:1: YAML the file contains several documents (---): a policy is one document');
});

test('YAML: an alias that is not defined', () => {
  rejects(edit(13, '    dataset: *evalname'), '1:1: YAML Unresolved alias (the anchor must be set before the alias): evalname');
});

test('empty policy', () => {
  rejects('# nothing here\n', '1:1: the policy is empty: start it with "version: 1" (see policies/model-gate.schema.json)');
});

test('not a mapping', () => {
  rejects('- version: 1\n', '1:1: (the policy) must be a mapping (got a list)');
});

// ---- valid policies ------------------------------------------------------------------------------------------------------

test('defaults are applied (docs/design.md §4 list)', () => {
  const text = append(
    '  robustness: { dataset: eval, epsilon: 0.1 }',
    '  memorisation: { members: eval, non-members: hold }',
    '  fairness: { dataset: eval, sensitive: [sex] }',
    '  model-card: {}',
  )
    .replace('    label: y\n', '    label: y\n  hold: { path: data/hold.npy, labels: data/hold_y.npy }\n')
    .replace('  path: models/m.onnx\n', '  path: models/m.onnx\n  card: models/README.md\n');
  const { policy, sha256, positionOf } = parsePolicy(text, FILE);
  assert.equal(sha256, createHash('sha256').update(text).digest('hex'));
  assert.equal(policy.version, 1);
  assert.equal(policy.seed, 0);
  assert.equal(policy['budget-minutes'], 60);
  assert.deepEqual(policy.signature, {
    bundle: 'models/m.sig',
    key: 'keys/pub.pem',
    required: true,
    format: 'auto',
    'ignore-paths': [],
    subject: 'models/m.onnx',
  });
  // labelled datasets (a label column, a labels file): a gate's limit takes a stratified sample
  assert.deepEqual(policy.datasets.eval, { path: 'data/eval.csv', label: 'y', exclude: [], sample: 'stratified' });
  assert.equal(policy.datasets.hold.sample, 'stratified');
  assert.deepEqual(policy.gates.robustness, {
    dataset: 'eval',
    epsilon: 0.1,
    norm: 'linf',
    'epsilon-scale': 'absolute',
    immutable: [],
    integer: [],
    'one-hot': [],
    'max-categorical-changes': 1,
    attacks: 'auto',
    queries: 5000,
    labels: true,
  });
  assert.equal(policy.gates.robustness?.limit, undefined, 'limit: all rows');
  assert.equal(policy.gates.robustness?.bounds, undefined, 'bounds: none');
  assert.deepEqual(policy.gates.memorisation, { members: 'eval', 'non-members': 'hold', score: 'loss', 'gate-on': 'point', bootstrap: 1000 });
  assert.deepEqual(policy.gates.fairness, { dataset: 'eval', sensitive: ['sex'], 'min-group-size': 30, 'gate-on': 'point', bootstrap: 1000 });
  assert.deepEqual(policy.gates['model-card'], { claims: {}, 'on-mismatch': 'warn' });
  assert.equal(policy.model.output, undefined, 'output: detected');
  // positions: keys, list items, missing paths
  assert.deepEqual(positionOf(['gates', 'accuracy', 'thresholds', 'accuracy']), { file: FILE, line: 17, col: 7 });
  assert.deepEqual(positionOf(['datasets', 'eval', 'label']), { file: FILE, line: 11, col: 5 });
  assert.deepEqual(positionOf(['gates', 'fairness', 'sensitive', 0]), { file: FILE, line: 20, col: 42 });
  assert.equal(positionOf(['gates', 'robustness', 'norm']), undefined, 'a default is not written in the file');
});

test('an explicit subject is kept; required: false needs no key material', () => {
  const { policy } = parsePolicy(replace(4, 3, 'signature: { required: false, subject: models }'), FILE);
  assert.equal(policy.signature.required, false);
  assert.equal(policy.signature.subject, 'models');
});

test('policyPaths lists every path with its trust flag', () => {
  const text = [
    'version: 1',
    'model: { path: m/model.onnx, card: m/README.md }',
    'signature:',
    '  bundle: m/model.sig',
    '  certificate-roots: [keys/ca1.pem, keys/ca2.pem]',
    '  trusted-root: keys/trusted_root.json',
    'datasets:',
    '  x: { path: d/x.npy, labels: d/y.npy }',
    '  h: { path: d/h.csv, label: y }',
    'gates:',
    `  memorisation: { members: x, non-members: h, population: h, reference-models: [{ path: r/ref.onnx, sha256: "${'0'.repeat(64)}" }] }`,
  ].join('\n');
  const { policy } = parsePolicy(text, FILE);
  assert.deepEqual(
    policyPaths(policy).map((p) => [p.path.join('.'), p.value, p.trust]),
    [
      ['model.path', 'm/model.onnx', false],
      ['model.card', 'm/README.md', false],
      ['signature.bundle', 'm/model.sig', false],
      ['signature.subject', 'm/model.onnx', false],
      ['signature.certificate-roots.0', 'keys/ca1.pem', true],
      ['signature.certificate-roots.1', 'keys/ca2.pem', true],
      ['signature.trusted-root', 'keys/trusted_root.json', true],
      ['datasets.x.path', 'd/x.npy', false],
      ['datasets.x.labels', 'd/y.npy', false],
      ['datasets.h.path', 'd/h.csv', false],
      ['gates.memorisation.reference-models.0.path', 'r/ref.onnx', false],
    ],
  );
});

test('a UTF-8 BOM and CRLF line endings are accepted; the hash is of the bytes', () => {
  const bytes = Buffer.from('\ufeff' + BASE.join('\r\n') + '\r\n', 'utf8');
  const { policy, sha256, positionOf } = parsePolicy(bytes, FILE);
  assert.equal(policy.gates.accuracy?.thresholds?.accuracy?.min, 0.9);
  assert.equal(sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(positionOf(['gates', 'accuracy', 'thresholds', 'accuracy']), { file: FILE, line: 15, col: 7 });
});

test('non-finite numbers (.inf, .nan) are refused', () => {
  rejects(append(...ROBUSTNESS, '    epsilon: .inf'), '18:14: gates.robustness.epsilon must be a finite number (got Infinity)');
  rejects(edit(15, '      accuracy: { min: .nan }'), '15:24: gates.accuracy.thresholds.accuracy.min must be a finite number (got NaN)');
});

test('sample: stratified by default when the dataset has labels, first without; a stated sample is kept', () => {
  const text = append('  robustness: { dataset: eval, epsilon: 0.1, limit: 10 }').replace(
    '    label: y\n',
    '    label: y\n  raw: { path: data/raw.csv }\n  tensor: { path: data/x.npy }\n  pinned: { path: data/p.csv, label: y, sample: first }\n  tensor-y: { path: data/x.npy, labels: data/y.npy }\n',
  );
  const { policy } = parsePolicy(text, FILE);
  const modes = Object.fromEntries(Object.entries(policy.datasets).map(([k, d]) => [k, d.sample]));
  assert.deepEqual(modes, { eval: 'stratified', raw: 'first', tensor: 'first', pinned: 'first', 'tensor-y': 'stratified' });
});

test('YAML merge keys and anchors can share dataset settings', () => {
  const text = replace(
    8, 3,
    '  eval: &common', //           8
    '    path: data/eval.csv', //   9
    '    label: y', //              10
    '    exclude: [sex]', //        11
    '  train:', //                  12
    '    <<: *common', //           13
    '    path: data/train.csv', //  14
  );
  const { policy, positionOf } = parsePolicy(text, FILE);
  assert.deepEqual(policy.datasets.train, { path: 'data/train.csv', label: 'y', exclude: ['sex'], sample: 'stratified' });
  assert.deepEqual(positionOf(['datasets', 'train', 'path']), { file: FILE, line: 14, col: 5 });
  assert.equal(positionOf(['datasets', 'train', 'label']), undefined, 'a merged key is not written under train');
  assert.deepEqual(positionOf(['gates', 'accuracy', 'thresholds', 'accuracy']), { file: FILE, line: 19, col: 7 });
});

test('control characters in an unknown key stay on one line', () => {
  rejects(edit(3, '  path: models/m.onnx', '  "bad\\nkey": 1'), '4:3: model.bad\\u000akey is not a known key of model (known: path, card, inputs, output)');
});

test('an identity list with a non-string item points at the item', () => {
  rejects(edit(6, '  keyless: { identity: [a@b.c, 5], issuer: https://accounts.google.com }'), '6:32: signature.keyless.identity[1] must be a string (got 5): quote it');
});

test('labels file rules: not with label, only for .npy, its pin needs it', () => {
  rejects(edit(10, '    label: y', '    labels: data/y.npy'), '11:5: datasets.eval has both label (a column) and labels (a .npy file): keep one', '11:5: datasets.eval.labels (a .npy labels file) is only for .npy features: for .csv files name the label column with label');
  rejects(edit(10, '    label: y', `    labels-sha256: "${'c'.repeat(64)}"`), '11:5: datasets.eval.labels-sha256 pins a labels file, but datasets.eval.labels is not set');
});

test('population must not be the members', () => {
  const text = [...BASE.slice(0, 6), ...MEMO, 'gates:', '  memorisation:', '    members: train', '    non-members: eval', '    population: train'].join('\n');
  rejects(text, '14:17: gates.memorisation.population must not be the members dataset (RMIA\'s population term uses records outside the training set)');
});
