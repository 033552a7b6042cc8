/**
 * src/gates/poisoning/labels.ts against cleanlab's own code (filter.find_label_issues ranked by self-confidence,
 * count.compute_confident_joint, count.get_confident_thresholds; cleanlab 2.9.0 run by
 * scripts/make-poisoning-references.py into test/fixtures/poisoning-stats/labels.json), and a hand-worked case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { labelIssues } from '../../src/gates/poisoning/labels.ts';
import { GateError } from '../../src/errors.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/poisoning-stats/labels.json', import.meta.url), 'utf8'));

for (const c of ref.cases as any[]) {
  test(`labelIssues = cleanlab find_label_issues (${c.note})`, () => {
    const labels = Int32Array.from(c.labels as number[]);
    const r = labelIssues(labels, Float64Array.from(c.probs as number[]), c.classes);
    for (let k = 0; k < c.classes; k++) assert.ok(Math.abs(r.thresholds[k] - c.thresholds[k]) < 1e-12, `threshold ${k}`);
    assert.deepEqual(r.confidentJoint, c.confidentJoint);
    assert.deepEqual([...r.issues], c.issues);
    assert.ok(c.issues.length > 10, 'the case has issues to find');
  });
}

test('labelIssues by hand: one relabelled row among confident ones', () => {
  // 2 classes, 6 rows; row 5 is given label 0 but the model is sure it is class 1.
  const labels = Int32Array.of(0, 0, 0, 1, 1, 0);
  const p = Float64Array.of(0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.2, 0.8, 0.1, 0.9, 0.05, 0.95);
  const r = labelIssues(labels, p, 2);
  // t_0 = (0.9 + 0.8 + 0.7 + 0.05)/4 = 0.6125, t_1 = (0.8 + 0.9)/2 = 0.85
  assert.ok(Math.abs(r.thresholds[0] - 0.6125) < 1e-15 && Math.abs(r.thresholds[1] - 0.85) < 1e-15);
  // confident: rows 0, 1, 2 → class 0 (given 0); row 3: 0.8 < 0.85 − 1e-6 and 0.2 < t_0: not counted; row 4 → 1
  // (given 1); row 5 → 1 (given 0). Raw joint [[3, 1], [0, 1]]; calibrated rows to the label counts 4 and 2:
  // [[3, 1], [0, 2]] (total 6 = n already).
  assert.deepEqual(r.confidentJoint, [[3, 1], [0, 2]]);
  // prune: 1 row of given class 0 with the largest margin p1 − p0: row 5 (0.9); its argmax is 1 ≠ 0: an issue.
  assert.deepEqual([...r.issues], [5]);
});

test('labelIssues refuses a label outside the classes and a wrong probability count', () => {
  assert.throws(() => labelIssues(Int32Array.of(0, 2), Float64Array.of(1, 0, 0, 1), 2), (e: unknown) => e instanceof GateError && /row 1 has label 2/.test(e.message));
  assert.throws(() => labelIssues(Int32Array.of(0, 1), Float64Array.of(1, 0, 0), 2), (e: unknown) => e instanceof GateError && /3 probabilities for 2 rows/.test(e.message));
});
