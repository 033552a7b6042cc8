/**
 * `one-hot: [{ prefix: "cat_" }]` through the CLI on a CSV whose columns are f0, f1, cat_A, cat_B, cat_C (the linear
 * model of masking.test.ts, whose class-1 margin is 0.1 f0 + 0.1 f1 - A + 0.2 B + 3 C - 0.5): the prefix names the
 * same group as the list [cat_A, cat_B, cat_C], so the report's robustness numbers are identical; a prefix that
 * matches no column, or one column, is an error naming the prefix at its line; a column in two groups is an error.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { resolveOneHotGroups } from '../../src/gates/robustness/one-hot.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { linear } from './models.ts';

const W = [[0, 0, 0, 0, 0], [0.1, 0.1, -1, 0.2, 3]];
const B = [0, -0.5];

function csv(n: number): string {
  const lines = ['f0,f1,cat_A,cat_B,cat_C,label'];
  for (let i = 0; i < n; i++) {
    const cat = i % 3;
    const f0 = ((i * 37) % 11) / 10 - 0.5, f1 = ((i * 17) % 7) / 7 - 0.5;
    const margin = 0.1 * f0 + 0.1 * f1 + [-1, 0.2, 3][cat] - 0.5;
    lines.push([f0, f1, cat === 0 ? 1 : 0, cat === 1 ? 1 : 0, cat === 2 ? 1 : 0, margin > 0 ? 1 : 0].join(','));
  }
  return lines.join('\n') + '\n';
}

const policy = (oneHot: string) => `version: 1
seed: 0
model: { path: model.onnx }
signature: { required: false }
datasets:
  eval: { path: eval.csv, label: label }
gates:
  robustness:
    dataset: eval
    epsilon: 0.05
    bounds: [0, 1]
    one-hot: ${oneHot}
    attacks: [apgd-ce]
    thresholds: { robust_accuracy: { min: 0 } }
`;

async function run(oneHot: string) {
  // f0/f1 must lie inside the bounds [0, 1]: shift them
  const data = csv(30).split('\n').map((l, i) => (i === 0 || !l ? l : l.split(',').map((v, j) => (j < 2 ? String(Number(v) + 0.5) : v)).join(','))).join('\n');
  const ws = makeWorkspace({ 'model.onnx': linear(W, B), 'eval.csv': data, 'model-gate.yml': policy(oneHot) });
  try {
    const sink = { write: () => true };
    const code = await main(['check', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', path.join(ws.dir, 'r.json')], { stdout: sink, stderr: sink });
    return { code, report: JSON.parse(readFileSync(path.join(ws.dir, 'r.json'), 'utf8')) };
  } finally {
    ws.cleanup();
  }
}

test('a prefix names the same group as the list of its columns: identical robustness results', async () => {
  const listed = await run('[[cat_A, cat_B, cat_C]]');
  const prefixed = await run('[{ prefix: "cat_" }]');
  assert.equal(listed.code, 0, JSON.stringify(listed.report.errors));
  assert.equal(prefixed.code, 0, JSON.stringify(prefixed.report.errors));
  assert.deepEqual(prefixed.report.gates.robustness.metrics, listed.report.gates.robustness.metrics);
  assert.deepEqual(prefixed.report.gates.robustness.details.attacks, listed.report.gates.robustness.details.attacks);
  // the group is in effect: A and B rows (class 0) flip only by switching to C; with the group every row that is
  // correct can be flipped by one category change, so robust accuracy is 0
  assert.equal(prefixed.report.gates.robustness.metrics.robust_accuracy, 0);
  const none = await run('[]');
  assert.ok(none.report.gates.robustness.metrics.robust_accuracy > 0, 'without the group the categories move only by epsilon');
});

test('a prefix that matches no column, or only one, is an error naming it at its line', async () => {
  const no = await run('[{ prefix: "dog_" }]');
  assert.equal(no.code, 2);
  assert.equal(no.report.errors.length, 1);
  assert.equal(no.report.errors[0].message, 'model-gate.yml:12:17: gate robustness: gates.robustness.one-hot[0].prefix "dog_" matches no feature column of dataset "eval" (features: f0, f1, cat_A, cat_B, cat_C): fix the prefix, or list the group\'s columns');
  const one = await run('[{ prefix: "cat_A" }]');
  assert.equal(one.code, 2);
  assert.match(one.report.errors[0].message, /one-hot\[0\]\.prefix "cat_A" matches only one feature column \("cat_A"\) of dataset "eval": a one-hot group needs at least two columns/);
  const bad = await run('[{ prefix: "" }]');
  assert.equal(bad.code, 2);
  assert.match(bad.report.errors[0].message, /one-hot/);
});

test('resolveOneHotGroups: prefixes in feature order, lists as written, a column in two groups is an error', () => {
  const names = ['age', 'job_a', 'x', 'job_b', 'job_c', 'sex_f', 'sex_m'];
  const featIndex = (r: string | number) => (typeof r === 'number' ? r : names.indexOf(r));
  const bad = (_p: (string | number)[], m: string): never => { throw new Error(m); };
  assert.deepEqual(resolveOneHotGroups([{ prefix: 'job_' }, ['sex_m', 'sex_f']], names, 'eval', featIndex, bad).map((g) => [...g]), [[1, 3, 4], [6, 5]]);
  assert.throws(() => resolveOneHotGroups([{ prefix: 'job_' }, ['job_c', 'x']], names, 'eval', featIndex, bad), /one-hot\[1\] and one-hot\[0\] both contain "job_c": a column belongs to one group/);
  assert.throws(() => resolveOneHotGroups([{ prefix: 'job_' }], null, 'eval', featIndex, bad), /is a tensor without column names: list the group's 0-based feature indices instead/);
});
