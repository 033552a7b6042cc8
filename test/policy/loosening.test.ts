import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parsePolicy } from '../../src/policy/load.ts';
import { compareStrictness } from '../../src/policy/loosening.ts';
import type { PolicyLoosening } from '../../src/report/types.ts';

const PIN = 'a'.repeat(64);
const ID_TRAIN = 'https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main';
const ID_RELEASE = 'https://github.com/acme/ml/.github/workflows/release.yml@refs/heads/main';

const BASE = [
  'version: 1', //                                                              1
  'seed: 0', //                                                                 2
  'model:', //                                                                  3
  '  path: models/m.onnx', //                                                   4
  '  card: models/README.md', //                                                5
  'signature:', //                                                              6
  '  bundle: models/m.sig', //                                                  7
  '  keyless:', //                                                              8
  `    identity: [${ID_TRAIN}, ${ID_RELEASE}]`, //                             9
  '    issuer: https://token.actions.githubusercontent.com', //                10
  '  ignore-paths: [models/README.md]', //                                     11
  'datasets:', //                                                              12
  '  eval:', //                                                                13
  '    path: data/eval.csv', //                                                14
  '    label: y', //                                                           15
  `    sha256: "${PIN}"`, //                                                   16
  '    exclude: [sex, race]', //                                               17
  '  train: { path: data/train.csv, label: y }', //                            18
  '  hold: { path: data/hold.csv, label: y }', //                              19
  'gates:', //                                                                 20
  '  accuracy:', //                                                            21
  '    dataset: eval', //                                                      22
  '    thresholds: { accuracy: { min: 0.9 }, f1: { min: 0.8, max: 0.99 } }', // 23
  '  robustness:', //                                                          24
  '    dataset: eval', //                                                      25
  '    limit: 500', //                                                         26
  '    epsilon: [0.05, 0.1]', //                                               27
  '    bounds: [0, 1]', //                                                     28
  '    immutable: [age]', //                                                   29
  '    integer: [children]', //                                                30
  '    one-hot: [[a, b, c]]', //                                               31
  '    attacks: [apgd-ce, square]', //                                         32
  '    queries: 5000', //                                                      33
  '    thresholds: { robust_accuracy: { min: 0.7 } }', //                      34
  '  memorisation:', //                                                        35
  '    members: train', //                                                     36
  '    non-members: hold', //                                                  37
  '    max-duplicates: 0', //                                                  38
  '    gate-on: conservative', //                                              39
  '    thresholds: { auc: { max: 0.6 } }', //                                  40
  '  fairness:', //                                                            41
  '    dataset: eval', //                                                      42
  '    sensitive: [sex, race]', //                                             43
  '    min-group-size: 30', //                                                 44
  '    reference-group: { sex: Male }', //                                     45
  '    thresholds: { demographic_parity_difference: { max: 0.1 } }', //       46
  '  model-card:', //                                                          47
  '    claims:', //                                                            48
  '      accuracy: { measured: accuracy, tolerance: 0.01 }', //                49
  '    on-mismatch: fail', //                                                  50
];

/** BASE with `count` lines from line `n` replaced by `lines`. */
function edit(n: number, count: number, ...lines: string[]): string[] {
  const out = [...BASE];
  out.splice(n - 1, count, ...lines);
  return out;
}

function compare(base: string[], head: string[]): PolicyLoosening[] {
  const b = parsePolicy(base.join('\n') + '\n', 'model-gate.yml');
  const h = parsePolicy(head.join('\n') + '\n', 'model-gate.yml');
  return compareStrictness(b.policy, h.policy, h.positionOf);
}

function loosened(head: string[], ...expected: PolicyLoosening[]): void {
  assert.deepEqual(compare(BASE, head), expected);
}

const L = (path: string, line: number, from: unknown, to: unknown, reason: string): PolicyLoosening => ({ path, line, from, to, reason });

// ---- nothing looser -----------------------------------------------------------------------------------------------

test('the same policy, reformatted and with explicit defaults, is not a loosening', () => {
  const head = edit(23, 1, '    thresholds:', '      accuracy: { min: 0.90 }   # same value', '      f1:', '        min: 0.8', '        max: 0.99');
  head.splice(head.indexOf('    limit: 500') + 1, 0, '    norm: linf', '    epsilon-scale: absolute', '    labels: true', '    max-categorical-changes: 1');
  assert.deepEqual(compare(BASE, head), []);
});

test('stricter changes everywhere are not loosenings', () => {
  let head = edit(23, 1, '    thresholds: { accuracy: { min: 0.95 }, f1: { min: 0.85, max: 0.98 }, roc_auc: { min: 0.9 } }');
  head = head.map((l) =>
    l === '    limit: 500' ? '    limit: 1000'
    : l === '    epsilon: [0.05, 0.1]' ? '    epsilon: [0.05, 0.1, 0.2]'
    : l === '    attacks: [apgd-ce, square]' ? '    attacks: [apgd-ce, apgd-t, square, hsja]'
    : l === '    queries: 5000' ? '    queries: 10000'
    : l === '    max-duplicates: 0' ? '    max-duplicates: 0\n    bootstrap: 2000'
    : l === '    min-group-size: 30' ? '    min-group-size: 20'
    : l === '      accuracy: { measured: accuracy, tolerance: 0.01 }' ? '      accuracy: { measured: accuracy, tolerance: 0.005 }\n      robust_accuracy: { measured: robust_accuracy }'
    : l === `    identity: [${ID_TRAIN}, ${ID_RELEASE}]` ? `    identity: ${ID_TRAIN}`
    : l === '  ignore-paths: [models/README.md]' ? '  ignore-paths: []\n  format: oms'
    : l === '  train: { path: data/train.csv, label: y }' ? `  train: { path: data/train.csv, label: y, sha256: "${PIN}" }`
    : l === `    sha256: "${PIN}"` ? `    sha256: "sha256:${PIN.toUpperCase()}"`
    : l);
  head = head.join('\n').split('\n');
  assert.deepEqual(compare(BASE, head), []);
});

test('removing a limit (all rows) and budget changes are not loosenings', () => {
  loosened(edit(26, 1));
  loosened(edit(2, 1, 'seed: 0', 'budget-minutes: 5'));
});

test('a new gate, dataset or pin is not a loosening', () => {
  // base: no fairness gate, no pin on eval, no max-duplicates, no model-card gate, no card
  const drop = new Set([16, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 5]);
  const base = BASE.filter((_, i) => !drop.has(i + 1));
  assert.deepEqual(compare(base, BASE), []);
});

// ---- thresholds --------------------------------------------------------------------------------------------------------

test('threshold min lowered', () => {
  loosened(edit(23, 1, '    thresholds: { accuracy: { min: 0.85 }, f1: { min: 0.8, max: 0.99 } }'), L('gates.accuracy.thresholds.accuracy.min', 23, 0.9, 0.85, 'min of accuracy lowered'));
});

test('threshold max raised and min removed', () => {
  loosened(
    edit(23, 1, '    thresholds: { accuracy: { min: 0.9 }, f1: { max: 0.995 } }'),
    L('gates.accuracy.thresholds.f1.min', 23, 0.8, null, 'min of f1 removed'),
    L('gates.accuracy.thresholds.f1.max', 23, 0.99, 0.995, 'max of f1 raised'),
  );
});

test('threshold removed (line of the thresholds key)', () => {
  loosened(edit(23, 1, '    thresholds:', '      accuracy: { min: 0.9 }'), L('gates.accuracy.thresholds.f1', 23, { min: 0.8, max: 0.99 }, null, 'threshold on f1 removed'));
});

test('memorisation max raised, fairness threshold removed', () => {
  loosened(edit(40, 1, '    thresholds: { auc: { max: 0.7 } }'), L('gates.memorisation.thresholds.auc.max', 40, 0.6, 0.7, 'max of auc raised'));
  loosened(edit(46, 1), L('gates.fairness.thresholds.demographic_parity_difference', 41, { max: 0.1 }, null, 'threshold on demographic_parity_difference removed'));
});

// ---- robustness ------------------------------------------------------------------------------------------------------------

test('limit lowered', () => {
  loosened(edit(26, 1, '    limit: 100'), L('gates.robustness.limit', 26, 500, 100, 'limit lowered: fewer points are attacked'));
});

test('limit added where all rows were attacked', () => {
  const base = edit(26, 1);
  assert.deepEqual(compare(base, BASE), [L('gates.robustness.limit', 26, null, 500, 'limit added: fewer points are attacked than all rows')]);
});

test('epsilon lowered, or removed from a list', () => {
  loosened(edit(27, 1, '    epsilon: [0.05, 0.08]'), L('gates.robustness.epsilon', 27, [0.05, 0.1], [0.05, 0.08], 'epsilon lowered (thresholds apply at the largest)'));
  loosened(edit(27, 1, '    epsilon: 0.1'), L('gates.robustness.epsilon', 27, [0.05, 0.1], 0.1, 'epsilon 0.05 removed from the list'));
  loosened(edit(27, 1, '    epsilon: 0.2'), L('gates.robustness.epsilon', 27, [0.05, 0.1], 0.2, 'epsilon 0.05, 0.1 removed from the list'));
  const base = edit(27, 1, '    epsilon: 0.1');
  assert.deepEqual(compare(base, edit(27, 1, '    epsilon: 0.2')), [], 'a single epsilon raised is stricter');
});

test('norm and epsilon-scale changed', () => {
  loosened(edit(27, 1, '    epsilon: [0.05, 0.1]', '    norm: l2'), L('gates.robustness.norm', 28, 'linf', 'l2', 'norm changed: a different threat model, not provably stricter'));
  loosened(edit(27, 1, '    epsilon: [0.05, 0.1]', '    epsilon-scale: std'), L('gates.robustness.epsilon-scale', 28, 'absolute', 'std', 'epsilon-scale changed: epsilon means a different radius'));
});

test('labels: true -> predicted (non-numeric)', () => {
  loosened(
    edit(33, 2, '    queries: 5000', '    labels: predicted', '    thresholds: { prediction_stability: { min: 0.7 } }'),
    L('gates.robustness.labels', 34, true, 'predicted', 'labels true -> predicted: clean errors no longer count against the model'),
    L('gates.robustness.thresholds.robust_accuracy', 35, { min: 0.7 }, null, 'threshold on robust_accuracy removed'),
  );
});

test('an immutable removed, or added (non-numeric)', () => {
  loosened(edit(29, 1), L('gates.robustness.immutable', 24, ['age'], [], 'age removed from immutable: the valid input domain changed, not provably stricter'));
  loosened(edit(29, 1, '    immutable: [age, income]'), L('gates.robustness.immutable', 29, ['age'], ['age', 'income'], 'income added to immutable: the attacks may no longer perturb it'));
});

test('integer and one-hot changed; a reordered one-hot group is the same', () => {
  loosened(edit(30, 1, '    integer: []'), L('gates.robustness.integer', 30, ['children'], [], 'children removed from integer: the valid input domain changed, not provably stricter'));
  loosened(edit(31, 1, '    one-hot: [[a, b]]'), L('gates.robustness.one-hot', 31, ['["a","b","c"]'], ['["a","b"]'], 'one-hot groups changed: the valid input domain changed, not provably stricter'));
  loosened(edit(31, 1, '    one-hot: [[c, a, b]]'));
  // a prefix group is another way to name the domain: a change between the two forms is listed (not provably the same columns)
  loosened(edit(31, 1, '    one-hot: [{ prefix: "cat_" }]'), L('gates.robustness.one-hot', 31, ['["a","b","c"]'], ['{"prefix":"cat_"}'], 'one-hot groups changed: the valid input domain changed, not provably stricter'));
  loosened(edit(31, 1, '    one-hot: [[a, b, c]]', '    max-categorical-changes: 2'), L('gates.robustness.max-categorical-changes', 32, 1, 2, 'max-categorical-changes changed: the valid input domain changed, not provably stricter'));
});

test('bounds widened or removed; the same bounds written differently are not', () => {
  loosened(edit(28, 1, '    bounds: [-1, 2]'), L('gates.robustness.bounds', 28, [0, 1], [-1, 2], 'bounds changed: the valid input domain changed, not provably stricter'));
  loosened(edit(28, 1), L('gates.robustness.bounds', 24, [0, 1], null, 'bounds changed: the valid input domain changed, not provably stricter'));
  loosened(edit(28, 1, '    bounds: [0.0, 1.0]'));
});

test('attacks: a removed attack, auto replaced by a list, a list replaced by auto', () => {
  loosened(edit(32, 1, '    attacks: [apgd-ce, apgd-dlr]'), L('gates.robustness.attacks', 32, ['apgd-ce', 'square'], ['apgd-ce', 'apgd-dlr'], 'attack square removed'));
  loosened(edit(32, 1, '    attacks: auto'), L('gates.robustness.attacks', 32, ['apgd-ce', 'square'], 'auto', 'attack list replaced by auto: not provably a superset'));
  const base = edit(32, 1);
  assert.deepEqual(compare(base, BASE), [L('gates.robustness.attacks', 32, 'auto', ['apgd-ce', 'square'], 'attacks auto replaced by a list: not provably as strong')]);
});

test('queries lowered; robustness on a different dataset', () => {
  loosened(edit(33, 1, '    queries: 1000'), L('gates.robustness.queries', 33, 5000, 1000, 'queries per point lowered'));
  loosened(edit(25, 1, '    dataset: hold'), L('gates.robustness.dataset', 25, 'eval', 'hold', 'evaluated on a different dataset'));
});

// ---- memorisation and fairness ----------------------------------------------------------------------------------------------

test('gate-on conservative -> point and point -> lenient; lenient -> conservative is stricter', () => {
  loosened(edit(39, 1, '    gate-on: point'), L('gates.memorisation.gate-on', 39, 'conservative', 'point', 'gate-on conservative -> point compares thresholds with a value better for the model'));
  loosened(edit(44, 1, '    min-group-size: 30', '    gate-on: lenient'), L('gates.fairness.gate-on', 45, 'point', 'lenient', 'gate-on point -> lenient compares thresholds with a value better for the model'));
  assert.deepEqual(compare(edit(39, 1, '    gate-on: lenient'), BASE), []);
});

test('score changed, bootstrap lowered, max-duplicates raised or removed', () => {
  loosened(edit(38, 1, '    max-duplicates: 0', '    score: confidence'), L('gates.memorisation.score', 39, 'loss', 'confidence', 'membership score changed: not provably stricter'));
  loosened(edit(38, 1, '    max-duplicates: 0', '    bootstrap: 100'), L('gates.memorisation.bootstrap', 39, 1000, 100, 'bootstrap resamples lowered'));
  loosened(edit(38, 1, '    max-duplicates: 3'), L('gates.memorisation.max-duplicates', 38, 0, 3, 'max-duplicates raised'));
  loosened(edit(38, 1), L('gates.memorisation.max-duplicates', 35, 0, null, 'max-duplicates removed: duplicates are only reported'));
});

test('members / non-members swapped for other datasets; reference models changed', () => {
  loosened(edit(37, 1, '    non-members: eval'), L('gates.memorisation.non-members', 37, 'hold', 'eval', 'non-members dataset changed'));
  loosened(
    edit(38, 1, '    max-duplicates: 0', '    population: eval', `    reference-models: [{ path: models/ref.onnx, sha256: "${PIN}" }]`),
    L('gates.memorisation.population', 39, null, 'eval', 'population dataset changed'),
    L('gates.memorisation.reference-models', 40, null, [{ path: 'models/ref.onnx', sha256: PIN }], 'reference models changed: not provably stricter'),
  );
});

test('sensitive column removed or added; min-group-size raised; reference group changed', () => {
  loosened(edit(43, 1, '    sensitive: [sex]'), L('gates.fairness.sensitive', 43, ['sex', 'race'], ['sex'], 'sensitive column race removed'));
  loosened(
    edit(43, 1, '    sensitive: [sex, race, age]'),
    L('gates.fairness.sensitive', 43, ['sex', 'race'], ['sex', 'race', 'age'], 'sensitive column age added: the groups become intersections, and groups below min-group-size drop out (not provably stricter)'),
  );
  loosened(edit(44, 1, '    min-group-size: 100'), L('gates.fairness.min-group-size', 44, 30, 100, 'min-group-size raised: more groups are left out'));
  loosened(edit(45, 1, '    reference-group: { sex: Female }'), L('gates.fairness.reference-group', 45, { sex: 'Male' }, { sex: 'Female' }, 'reference group changed'));
  loosened(edit(44, 1, '    min-group-size: 30', '    decision-threshold: 0.3'), L('gates.fairness.decision-threshold', 45, null, 0.3, 'decision threshold changed: not provably stricter'));
});

// ---- model card -----------------------------------------------------------------------------------------------------------

test('model-card: claim removed, tolerance raised, on-mismatch fail -> warn, card removed', () => {
  loosened(edit(49, 1, '      accuracy: { measured: accuracy, tolerance: 0.05 }'), L('gates.model-card.claims.accuracy.tolerance', 49, 0.01, 0.05, 'tolerance raised'));
  loosened(edit(50, 1, '    on-mismatch: warn'), L('gates.model-card.on-mismatch', 50, 'fail', 'warn', 'a claim outside its tolerance no longer fails'));
  loosened(
    edit(48, 2, '    claims: {}'),
    L('gates.model-card.claims.accuracy', 48, { measured: 'accuracy', tolerance: 0.01 }, null, 'claim accuracy removed'),
  );
  loosened(
    edit(5, 1).slice(0, 45),
    L('model.card', 3, 'models/README.md', null, 'model card removed: its claims are no longer compared'),
    L('gates.model-card', 19, { claims: { accuracy: { measured: 'accuracy', tolerance: 0.01 } }, 'on-mismatch': 'fail' }, null, 'gate model-card removed'),
  );
});

// ---- gates, datasets, model --------------------------------------------------------------------------------------------------

test('a gate removed', () => {
  loosened(
    edit(41, 6),
    L('gates.fairness', 20, { dataset: 'eval', sensitive: ['sex', 'race'], 'min-group-size': 30, 'reference-group': { sex: 'Male' }, thresholds: { demographic_parity_difference: { max: 0.1 } }, 'gate-on': 'point', bootstrap: 1000 }, null, 'gate fairness removed'),
  );
});

test('dataset path, pin, exclusions, label map, sample and transform changes', () => {
  loosened(edit(14, 1, '    path: data/eval_v2.csv'), L('datasets.eval.path', 14, 'data/eval.csv', 'data/eval_v2.csv', 'a different data file'));
  loosened(edit(16, 1, `    sha256: "${'b'.repeat(64)}"`), L('datasets.eval.sha256', 16, PIN, 'b'.repeat(64), 'pin changed: the data is different'));
  loosened(edit(16, 1), L('datasets.eval.sha256', 13, PIN, null, 'pin removed: a changed file would go unnoticed'));
  loosened(edit(17, 1, '    exclude: [sex, race, zip]'), L('datasets.eval.exclude', 17, ['race', 'sex'], ['race', 'sex', 'zip'], 'excluded columns changed: the features are different'));
  loosened(edit(17, 1, '    exclude: [race, sex]'));
  // eval has labels: stratified is its default, so stating it changes nothing; first is another sample
  loosened(edit(17, 1, '    exclude: [sex, race]', '    sample: stratified'));
  loosened(edit(17, 1, '    exclude: [sex, race]', '    sample: first'), L('datasets.eval.sample', 18, 'stratified', 'first', 'a different sample of rows'));
  loosened(edit(17, 1, '    exclude: [sex, race]', '    label-map: { "yes": 1, "no": 0 }'), L('datasets.eval.label-map', 18, null, { yes: 1, no: 0 }, 'label mapping changed'));
  loosened(edit(17, 1, '    exclude: [sex, race]', '    transform: { scale: 255 }'), L('datasets.eval.transform', 18, null, { scale: 255 }, 'preprocessing changed: not provably stricter'));
});

test('a dataset removed', () => {
  loosened(
    edit(19, 1).map((l) => (l === '    non-members: hold' ? '    non-members: eval' : l)),
    L('datasets.hold', 12, { path: 'data/hold.csv', label: 'y', exclude: [], sample: 'stratified' }, null, 'dataset removed'),
    L('gates.memorisation.non-members', 36, 'hold', 'eval', 'non-members dataset changed'),
  );
});

test('seed changed; model path, inputs and output changed', () => {
  loosened(edit(2, 1, 'seed: 42'), L('seed', 2, 0, 42, 'seed changed: every random choice changes, and a pull request must not shop for a lucky seed'));
  loosened(
    edit(4, 1, '  path: models/old.onnx'),
    L('model.path', 4, 'models/m.onnx', 'models/old.onnx', 'the gate would evaluate a different model file'),
    L('signature.subject', 6, 'models/m.onnx', 'models/old.onnx', 'the signature would cover something else'),
  );
  loosened(edit(5, 1, '  card: models/README.md', '  output: { kind: probabilities }'), L('model.output', 6, null, { kind: 'probabilities' }, 'which output is read, or how it is interpreted, changed: not provably stricter'));
  loosened(edit(5, 1, '  card: models/README.md', '  inputs: { x: { from: [a, b] } }'), L('model.inputs', 6, null, { x: { from: ['a', 'b'] } }, 'how data feeds the model changed: not provably stricter'));
});

// ---- signature ------------------------------------------------------------------------------------------------------------------

test('signature no longer required', () => {
  loosened(
    edit(6, 6, 'signature: { required: false }'),
    L('signature.required', 6, true, false, 'signature no longer required: an unsigned model would pass'),
    L('signature.bundle', 6, 'models/m.sig', null, 'the signature is read from a different file'),
    L('signature.keyless', 6, { identity: [ID_TRAIN, ID_RELEASE], issuer: 'https://token.actions.githubusercontent.com' }, null, 'signature.keyless removed: any signer would be accepted'),
  );
});

test('a new signer identity, an identity-regex, a different issuer', () => {
  const other = 'https://github.com/fork/ml/.github/workflows/train.yml@refs/heads/main';
  loosened(edit(9, 1, `    identity: [${ID_TRAIN}, ${other}]`), L('signature.keyless.identity', 9, [ID_TRAIN, ID_RELEASE], [ID_TRAIN, other], `signer identity ${other} newly accepted`));
  loosened(
    edit(9, 1, '    identity-regex: "^https://github.com/acme/.*$"'),
    L('signature.keyless.identity-regex', 9, [ID_TRAIN, ID_RELEASE], '^https://github.com/acme/.*$', 'exact identity replaced by a pattern'),
  );
  loosened(edit(10, 1, '    issuer: https://accounts.google.com'), L('signature.keyless.issuer', 10, 'https://token.actions.githubusercontent.com', 'https://accounts.google.com', 'a different OIDC issuer is trusted'));
  // A regex at base, exact identities it matches at head: stricter.
  const base = edit(9, 1, '    identity-regex: "^https://github\\\\.com/acme/ml/\\\\.github/workflows/[a-z]+\\\\.yml@refs/heads/main$"');
  assert.deepEqual(compare(base, BASE), []);
  assert.deepEqual(compare(base, edit(9, 1, `    identity: ${other}`)).map((l) => l.reason), [`signer identity ${other} newly accepted`]);
});

test('key method: a different key, keyless replaced by a key, a trusted root added, ignore-paths added, format to auto', () => {
  const keyBase = edit(8, 3, '  key: keys/pub.pem');
  assert.deepEqual(compare(keyBase, edit(8, 3, '  key: keys/other.pem')), [L('signature.key', 8, 'keys/pub.pem', 'keys/other.pem', 'a different public key is trusted')]);
  assert.deepEqual(compare(BASE, keyBase), [L('signature.key', 8, { identity: [ID_TRAIN, ID_RELEASE], issuer: 'https://token.actions.githubusercontent.com' }, 'keys/pub.pem', 'who may sign changed from keyless to key')]);
  loosened(edit(11, 1, '  ignore-paths: [models/README.md]', '  trusted-root: sigstore/root.json'), L('signature.trusted-root', 12, null, 'sigstore/root.json', 'a custom trusted root replaces the public-good Sigstore root'));
  loosened(edit(11, 1, '  ignore-paths: [models/README.md, models/extra.bin]'), L('signature.ignore-paths', 11, ['models/README.md'], ['models/README.md', 'models/extra.bin'], 'models/extra.bin no longer covered by the signature'));
  const omsBase = edit(11, 1, '  ignore-paths: [models/README.md]', '  format: oms');
  assert.deepEqual(compare(omsBase, BASE), [L('signature.format', 6, 'oms', 'auto', 'format auto accepts any signature format')]);
  const rootsBase = edit(8, 3, '  certificate-roots: keys/ca.pem');
  assert.deepEqual(compare(rootsBase, edit(8, 3, '  certificate-roots: [keys/ca.pem, keys/ca2.pem]')), [L('signature.certificate-roots', 8, 'keys/ca.pem', ['keys/ca.pem', 'keys/ca2.pem'], 'certificate root keys/ca2.pem added')]);
  assert.deepEqual(compare(edit(8, 3, '  certificate-roots: [keys/ca.pem, keys/ca2.pem]'), rootsBase), []);
});

test('the example policies compared with themselves give nothing; several loosenings are all listed', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const text = readFileSync(path.join(root, 'policies/examples/credit-scoring.yml'), 'utf8');
  const p = parsePolicy(text, 'x.yml');
  assert.deepEqual(compareStrictness(p.policy, parsePolicy(text, 'x.yml').policy, p.positionOf), []);
  const head = text.replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.5 }').replace('immutable: [age]', 'immutable: []').replace('seed: 0', 'seed: 3');
  assert.deepEqual(compare(text.split('\n'), head.split('\n')).map((l) => l.path), ['seed', 'gates.accuracy.thresholds.accuracy.min', 'gates.robustness.immutable']);
});

// ---- gates.drift --------------------------------------------------------------------------------------------------

const DRIFT = [
  'version: 1', //                                                  1
  'model: { path: m.onnx }', //                                     2
  'signature: { required: false }', //                              3
  'datasets:', //                                                   4
  '  train: { path: train.csv, label: y }', //                      5
  '  eval: { path: eval.csv, label: y }', //                        6
  '  other: { path: other.csv, label: y }', //                      7
  'gates:', //                                                      8
  '  drift:', //                                                    9
  '    reference: train', //                                        10
  '    current: eval', //                                           11
  '    features: [age, income, sex]', //                            12
  '    method: ks', //                                              13
  '    per-feature:', //                                            14
  '      income: { threshold: 0.01 }', //                           15
  '      sex: { method: psi, threshold: 0.2 }', //                  16
  '    must-not-drift: [income]', //                                17
  '    thresholds: { share_drifted: { max: 0.3 } }', //             18
];
const driftEdit = (n: number, count: number, ...lines: string[]): string[] => {
  const out = [...DRIFT];
  out.splice(n - 1, count, ...lines);
  return out;
};
const driftLoosened = (head: string[], ...expected: PolicyLoosening[]): void => assert.deepEqual(compare(DRIFT, head), expected);

test('drift: stricter changes are not loosenings (more features, must-not-drift, p-value threshold raised, distance lowered, max lowered)', () => {
  let head = driftEdit(12, 1, '    features: [age, income, sex, debt]');
  head = head.map((l) => l.replace('income: { threshold: 0.01 }', 'income: { threshold: 0.05 }').replace('threshold: 0.2 }', 'threshold: 0.1 }'));
  head = head.map((l) => l.replace('must-not-drift: [income]', 'must-not-drift: [income, age]').replace('max: 0.3', 'max: 0.2'));
  head.push('    threshold: 0.1'); // the section's ks threshold 0.05 -> 0.1: drift flagged sooner
  assert.deepEqual(compare(DRIFT, head), []);
});

test('drift: raising a share_drifted max, a distance threshold raised and a p-value threshold lowered are loosenings', () => {
  driftLoosened(driftEdit(18, 1, '    thresholds: { share_drifted: { max: 0.5 } }'), L('gates.drift.thresholds.share_drifted.max', 18, 0.3, 0.5, 'max of share_drifted raised'));
  driftLoosened(driftEdit(16, 1, '      sex: { method: psi, threshold: 0.25 }'), L('gates.drift.per-feature.sex.threshold', 16, 0.2, 0.25, 'psi threshold raised (a distance: drift is flagged later)'));
  driftLoosened(driftEdit(15, 1, '      income: { threshold: 0.001 }'), L('gates.drift.per-feature.income.threshold', 15, 0.01, 0.001, 'ks threshold lowered (a p-value: drift is flagged later)'));
  // The section's threshold, against the method's default 0.05 (age uses it).
  driftLoosened([...DRIFT, '    threshold: 0.01'], L('gates.drift.threshold', 19, null, 0.01, 'ks threshold lowered (a p-value: drift is flagged later)'));
  // An override's threshold removed: back to the default 0.05, which is stricter for a p-value ...
  assert.deepEqual(compare(DRIFT, driftEdit(15, 1, '      income: { method: ks }')), []);
  // ... and looser for a distance whose default (0.1) is above it.
  const base = driftEdit(16, 1, '      sex: { method: psi, threshold: 0.05 }');
  assert.deepEqual(compare(base, driftEdit(16, 1, '      sex: { method: psi }')), [L('gates.drift.per-feature.sex.threshold', 16, 0.05, null, 'psi threshold raised (a distance: drift is flagged later)')]);
});

test('drift: removing features, switching method, changing reference or current, dropping must-not-drift are loosenings', () => {
  driftLoosened(driftEdit(12, 1, '    features: [income, sex]'), L('gates.drift.features', 12, ['age', 'income', 'sex'], ['income', 'sex'], 'feature age no longer tested'));
  driftLoosened(driftEdit(12, 1), L('gates.drift.features', 9, ['age', 'income', 'sex'], null, 'feature list replaced by the default (model inputs and predictions): not provably a superset'));
  driftLoosened(driftEdit(13, 1, '    method: wasserstein'),
    L('gates.drift.method', 13, 'ks', 'wasserstein', 'method ks -> wasserstein: a different test, not provably stricter'),
    L('gates.drift.per-feature.income.method', 15, 'ks', 'wasserstein', 'method of income ks -> wasserstein: a different test, not provably stricter'));
  driftLoosened(driftEdit(16, 1, '      sex: { method: chi2, threshold: 0.2 }'), L('gates.drift.per-feature.sex.method', 16, 'psi', 'chi2', 'method of sex psi -> chi2: a different test, not provably stricter'));
  driftLoosened(driftEdit(10, 1, '    reference: other'), L('gates.drift.reference', 10, 'train', 'other', 'compared with a different reference dataset'));
  driftLoosened(driftEdit(11, 1, '    current: other'), L('gates.drift.current', 11, 'eval', 'other', 'a different dataset is checked for drift'));
  driftLoosened(driftEdit(17, 1), L('gates.drift.must-not-drift', 9, ['income'], null, 'income may now drift without failing the gate'));
  const section = parsePolicy(DRIFT.join('\n') + '\n', 'x.yml').policy.gates.drift;
  assert.equal(section?.method, 'ks');
  driftLoosened(driftEdit(8, 11, 'gates: {}'), L('gates.drift', 8, section, null, 'gate drift removed'));
});
