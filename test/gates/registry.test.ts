// The lists that name each gate or its metrics outside the registry agree with it (gates/README.md).
import test from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../policies/model-gate.schema.json' with { type: 'json' };
import { GATES } from '../../src/gates/registry.ts';
import { GATE_METRICS, GATE_NAMES } from '../../src/policy/types.ts';

const defs = (schema as { $defs: Record<string, any> }).$defs;

test('policy/types.ts GATE_NAMES and GATE_METRICS are the registry\'s names and metrics, in order', () => {
  assert.deepEqual([...GATE_NAMES], GATES.map((g) => g.name));
  const measuring = GATES.filter((g) => g.metrics.length > 0);
  assert.deepEqual(Object.keys(GATE_METRICS), measuring.map((g) => g.name));
  for (const g of measuring) assert.deepEqual([...GATE_METRICS[g.name as keyof typeof GATE_METRICS]], [...g.metrics], g.name);
});

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
