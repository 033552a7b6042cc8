import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/policy/load.ts';
import { GATE_METRICS } from '../../src/policy/types.ts';
import { ATTACK_NAMES } from '../../src/gates/robustness/policy.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'policies/model-gate.schema.json'), 'utf8'));
const examplesDir = path.join(root, 'policies/examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yml'));

test('there are example policies', () => {
  assert.ok(examples.length >= 3, examples.join(', '));
});

for (const f of examples) {
  test(`example ${f} is valid (schema, cross-field rules, paths)`, () => {
    const text = readFileSync(path.join(examplesDir, f), 'utf8');
    const { policy } = parsePolicy(text, `policies/examples/${f}`);
    assert.equal(policy.version, 1);
    // A plain draft 2020-12 validator (no defaults, no model-gate code) accepts it too.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    assert.equal(validate(parse(text)), true, JSON.stringify(validate.errors));
  });
}

test('the schema documents every property', () => {
  const missing: string[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.properties && typeof obj.properties === 'object' && !where.includes('/if/')) {
      for (const [k, v] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
        const refDoc = typeof v.$ref === 'string' ? (schema.$defs[(v.$ref as string).replace('#/$defs/', '')] ?? {}).description : undefined;
        if (typeof v.description !== 'string' && typeof refDoc !== 'string') missing.push(`${where}/properties/${k}`);
      }
    }
    for (const [k, v] of Object.entries(obj)) walk(v, `${where}/${k}`);
  };
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

test('every object in the schema closes its keys (additionalProperties false or a schema)', () => {
  const open: string[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.type === 'object' && obj.additionalProperties === undefined) open.push(where);
    for (const [k, v] of Object.entries(obj)) walk(v, `${where}/${k}`);
  };
  walk(schema, '#');
  assert.deepEqual(open, []);
});

test('threshold metric names in the schema match GATE_METRICS; attacks match ATTACK_NAMES', () => {
  for (const [gate, metrics] of Object.entries(GATE_METRICS)) {
    const t = schema.$defs[gate].properties.thresholds;
    assert.deepEqual(Object.keys(t.properties), [...metrics], gate);
    assert.deepEqual(t.propertyNames.enum, [...metrics], gate);
  }
  assert.deepEqual(schema.$defs.robustness.properties.attacks.anyOf[1].items.enum, [...ATTACK_NAMES]);
  const measured = schema.$defs['model-card'].properties.claims.additionalProperties.properties.measured.enum;
  assert.deepEqual(measured, Object.values(GATE_METRICS).flat());
});

test('the Markdown reference has a row for every documented key, generated from the schema', async () => {
  const { policyReferenceMarkdown } = await import('../../src/policy/reference.ts');
  const md = policyReferenceMarkdown();
  for (const key of [
    'version', 'seed', 'budget-minutes', 'model.path', 'model.inputs.<name>.from', 'model.output.kind', 'signature.required', 'signature.keyless.identity-regex',
    'signature.certificate-roots', 'signature.trusted-root', 'signature.ignore-paths', 'datasets.<name>.sha256', 'datasets.<name>.transform.reshape',
    'datasets.<name>.label-map', 'datasets.<name>.sample', 'gates.robustness.epsilon', 'gates.robustness.one-hot', 'gates.robustness.labels',
    'gates.memorisation.reference-models[].sha256', 'gates.memorisation.thresholds.tpr_at_fpr_0.001', 'gates.fairness.min-group-size',
    'gates.model-card.claims.<name>.tolerance', 'gates.model-card.on-mismatch',
  ]) {
    assert.match(md, new RegExp(`^\\| \`${key.replace(/[.*+?^${}()|[\]\\<>]/g, '\\$&')}\` \\|`, 'm'), key);
  }
  assert.match(md, /^\| `gates\.robustness\.queries` \| integer \| `5000` \| Model queries per point for black-box attacks\. \|$/m);
});

test('the docs/design.md §4 example policy (placeholders filled in) is accepted as written', () => {
  const pin = 'ab'.repeat(32);
  const text = `
version: 1
seed: 0                                  # every random choice derives from it
budget-minutes: 30                       # whole run; past it: verdict error "budget exceeded"
model:
  path: models/credit/model.onnx         # Git LFS pointer files are detected and explained
  card: models/credit/README.md          # optional, Hugging Face style model card
  inputs:                                # optional mapping; default: one float input fed with all features
    features: { from: [age, income], dtype: float32 }      # or per-column inputs for sklearn pipelines
  output: { name: logits, kind: logits } # kind: logits | probabilities | label
signature:
  required: true                         # default true: an unsigned model fails
  bundle: models/credit/model.sig        # OMS bundle, Sigstore bundle, or cosign raw signature (format detected,
  format: auto                           #   or oms | sigstore-bundle | cosign)
  subject: models/credit                 # what the signature covers: the file or its folder (default: model.path)
  keyless: { identity: "https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main",
             issuer: "https://token.actions.githubusercontent.com" }
  ignore-paths: []                       # the model card is normally INSIDE the signed subject
datasets:
  eval:
    path: data/eval.parquet              # .csv | .npy (with labels: y.npy) | .parquet
    label: label
    sha256: "${pin}"                     # a mismatch is tampering: verdict fail
    exclude: [sex, race]                 # columns never fed to the model (default features = all but label+exclude)
    transform: { scale: 255, mean: [0.5], std: [0.25], reshape: [1, 28, 28] }    # optional, applied in order
    label-map: { ">50K.": 1, "<=50K.": 0 }                                      # optional
    sample: first                        # first | stratified (seeded) ; with gates' \`limit\`
  members:     { path: data/train_sample.parquet, label: label, sha256: "${pin}" }
  non-members: { path: data/holdout.parquet, label: label, sha256: "${pin}" }
gates:
  accuracy:
    dataset: eval
    thresholds: { accuracy: { min: 0.9 } }               # also precision, recall, f1, roc_auc (binary)
  robustness:
    dataset: eval
    limit: 500
    norm: linf                           # linf | l2
    epsilon: 0.03                        # or a list; thresholds apply at the largest; all are reported
    epsilon-scale: absolute              # absolute | std (per-feature standard deviation on the dataset)
    bounds: [0, 1]                       # scalars or per-feature lists
    immutable: [age]                     # never perturbed; integer: [...] stay integral; one-hot: [[a,b,c], ...]
    max-categorical-changes: 1           # one-hot groups that may change per point (default 1)
    attacks: auto                        # auto | list of apgd-ce apgd-dlr apgd-t apgd-margin pgd fgsm square hsja tree
    queries: 5000                        # per point, for black-box attacks
    labels: true                         # true | predicted (data without labels: metric prediction_stability)
    thresholds: { robust_accuracy: { min: 0.85 } }
  memorisation:
    members: members
    non-members: non-members
    score: loss                          # loss | confidence | entropy | logit-scaled
    reference-models:                    # optional: offline LiRA / RMIA; pinned (they are executed)
      - { path: models/ref-1.onnx, sha256: "${pin}" }
    population: eval                     # data for RMIA's population term (never members)
    max-duplicates: 0                    # exact duplicate records between members and non-members/eval
    gate-on: point                       # point | conservative (the CI bound worse for the model) | lenient
    bootstrap: 1000                      # resamples for every \`ci\` (memorisation and fairness)
    thresholds: { auc: { max: 0.60 }, tpr_at_fpr_0.001: { max: 0.01 } }
  fairness:
    dataset: eval
    sensitive: [sex, race]               # dataset columns; several = intersectional groups
    positive-label: 1
    decision-threshold: 0.5              # on the positive class's probability; default argmax
    reference-group: { sex: Male }       # optional: disparate impact against it
    min-group-size: 30
    gate-on: point
    thresholds: { demographic_parity_difference: { max: 0.10 }, equalized_odds_difference: { max: 0.10 } }
  model-card:
    claims:                              # card metric (model-index type) -> measured metric
      accuracy: { measured: accuracy, tolerance: 0.01 }
      robust_accuracy: { measured: robust_accuracy, tolerance: 0.02 }
    on-mismatch: warn                    # warn | fail
`;
  const { policy } = parsePolicy(text, 'design.yml');
  assert.equal(policy.gates.memorisation?.['reference-models']?.[0].path, 'models/ref-1.onnx');
  assert.deepEqual(policy.signature.keyless, { identity: 'https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main', issuer: 'https://token.actions.githubusercontent.com' });
  assert.deepEqual(policy.datasets.eval['label-map'], { '>50K.': 1, '<=50K.': 0 });
});

test('policies/README.md carries the current generated reference', async () => {
  const { withReference } = await import('../../src/policy/write-reference.ts');
  const readme = readFileSync(path.join(root, 'policies/README.md'), 'utf8');
  assert.equal(withReference(readme), readme, 'run: node src/policy/write-reference.ts');
});
