// The lists that name each gate or its metrics outside the registry agree with it (gates/README.md): the schema's.
// (The policy's gate names, metrics and section types are derived from the registry: src/policy/types.ts.)
import test from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../policies/model-gate.schema.json' with { type: 'json' };
import { GATES } from '../../src/gates/registry.ts';

const defs = (schema as { $defs: Record<string, any> }).$defs;

test('the schema has a section per registered gate, and its threshold enums are the gate\'s metrics', () => {
  assert.deepEqual(Object.keys(defs.gates.properties), GATES.map((g) => g.name));
  for (const g of GATES) {
    const sec = defs[g.name];
    assert.ok(sec, `schema $defs.${g.name}`);
    const thresholds = sec.properties?.thresholds;
    if (g.metrics.length === 0) {
      assert.equal(thresholds, undefined, `${g.name} has no metrics, so no thresholds`);
      continue;
    }
    assert.deepEqual(thresholds.propertyNames.enum, [...g.metrics], g.name);
    assert.deepEqual(Object.keys(thresholds.properties), [...g.metrics], g.name);
  }
});

test('model-card claims may name every metric a measuring gate can threshold', () => {
  const measured = defs['model-card'].properties.claims.additionalProperties.properties.measured.enum;
  assert.deepEqual(measured, GATES.flatMap((g) => [...g.metrics]));
});

test('gates that read the others\' metrics run last', () => {
  const stages = GATES.map((g) => g.stage ?? 'measuring');
  const first = stages.indexOf('after-measuring');
  if (first >= 0) assert.ok(stages.slice(first).every((s) => s === 'after-measuring'), stages.join(', '));
});
