import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/policy/load.ts';
import { GATE_METRICS, ATTACK_NAMES } from '../../src/policy/types.ts';

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
