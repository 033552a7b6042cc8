/**
 * The regression gate's compared metrics end to end (the CLI's code path): the credit example's signed model as head
 * with its robustness, memorisation and fairness gates, test/fixtures/regression/baseline.onnx as a pinned baseline,
 * `compare: [robust_accuracy, demographic_parity_difference, membership_auc]`. Independent check of the baseline's
 * numbers: a second `check` whose MODEL is the baseline (no regression gate) measures robust_accuracy,
 * demographic_parity_difference and auc with the same gates, seed and data; the head's are the head gates' own.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli.ts';
import { md } from '../../src/util/escape.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES } from '../helpers/workspace.ts';

const BASELINE = path.join(FIXTURES, 'regression/baseline.onnx');
const PIN = createHash('sha256').update(readFileSync(BASELINE)).digest('hex');

/** The example (its own regression section removed) with `edit` applied to the policy text. */
function workspace(edit: (policy: string) => string): string {
  const ws = copyExample();
  mkdirSync(path.join(ws, 'baseline'));
  copyFileSync(BASELINE, path.join(ws, 'baseline/model.onnx'));
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, edit(readFileSync(p, 'utf8').replace(/  regression:\n(    .*\n)+/, '')));
  return ws;
}

async function check(ws: string) {
  const json = path.join(ws, 'out-report.json');
  const md = path.join(ws, 'out-summary.md');
  const out: string[] = [];
  const sink = { write: (s: string) => (out.push(String(s)), true) };
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json, '--markdown', md], { stdout: sink, stderr: { write: () => true } });
  return { code, report: JSON.parse(readFileSync(json, 'utf8')), terminal: out.join(''), markdown: readFileSync(md, 'utf8') };
}

const REGRESSION = `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${PIN}" }
    bootstrap: 300
    compare: [robust_accuracy, demographic_parity_difference]
    thresholds:
      accuracy_delta: { max-drop: 0.05 }
      membership_auc_delta: { max-rise: 0.0001 }
`;

test('compare: the baseline\'s robust_accuracy, demographic_parity_difference and membership auc are what those gates measure with the baseline as the model', async () => {
  const ws = workspace((p) => p + REGRESSION);
  // The same gates with the baseline as the model (unsigned: signature not required), no regression, no card claims.
  const solo = workspace((p) => p.replace('path: model/model.onnx', 'path: baseline/model.onnx').replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n').replace(/  model-card:\n(    .*\n)+/, '').replace('  card: model/README.md\n', ''));
  try {
    const { report, terminal, markdown } = await check(ws);
    const g = report.gates.regression;
    const alone = (await check(solo)).report;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(alone.errors, []);
    const pairs = [
      ['robust_accuracy', 'robustness', 'robust_accuracy'],
      ['demographic_parity_difference', 'fairness', 'demographic_parity_difference'],
      ['membership_auc', 'memorisation', 'auc'],
    ] as const;
    for (const [name, gate, metric] of pairs) {
      assert.equal(g.metrics[`${name}_head`], report.gates[gate].metrics[metric], `${name} head`);
      assert.equal(g.metrics[`${name}_base`], alone.gates[gate].metrics[metric], `${name} base`);
      assert.equal(g.metrics[`${name}_delta`], report.gates[gate].metrics[metric] - alone.gates[gate].metrics[metric], `${name} delta`);
      const c = g.details.compared[name];
      assert.equal(c.gate, gate);
      const [lo, hi] = g.ci[`${name}_delta`];
      assert.deepEqual(c.ci, [lo, hi]);
      assert.ok(lo <= c.delta + 1e-12 && c.delta - 1e-12 <= hi && lo < hi, `${name}: [${lo}, ${hi}] around ${c.delta}`);
    }
    // A real alternative model: the numbers differ (robust accuracy happens to be 149/200 on both, but on other rows:
    // its paired interval has width).
    assert.notEqual(g.metrics.demographic_parity_difference_delta, 0);
    assert.notEqual(g.metrics.membership_auc_delta, 0);
    assert.equal(g.details.compared.robust_accuracy.rows, 200);
    assert.equal(g.details.compared.robust_accuracy.dataset, 'eval');
    assert.equal(g.details.compared.membership_auc.dataset, 'members + non-members');
    assert.equal(g.details.compared.membership_auc.rows, report.gates.memorisation.metrics.members + report.gates.memorisation.metrics.non_members);
    // The compared delta is checked once (not per dataset), max-rise as the max.
    const checks = g.checks.filter((c: { metric: string }) => c.metric === 'membership_auc_delta');
    assert.equal(checks.length, 1);
    assert.equal(checks[0].max, 0.0001);
    assert.equal(checks[0].value, g.metrics.membership_auc_delta);
    assert.equal(checks[0].pass, g.metrics.membership_auc_delta <= 0.0001);
    if (!checks[0].pass) assert.match(checks[0].message, /^regression\.membership_auc_delta on memorisation's members \+ non-members: membership_auc rose by [0-9.]+, more than max-rise 0\.0001$/);
    // The sentences.
    const ra = g.details.compared.robust_accuracy;
    const sentence = `robust_accuracy (robustness on eval): ${ra.base.toFixed(3)} → ${ra.head.toFixed(3)}`;
    assert.ok(terminal.includes(sentence), terminal);
    assert.ok(markdown.includes(md(sentence)), markdown);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(solo, { recursive: true, force: true });
  }
});

test('compare: a gate that cannot measure the baseline makes the regression gate an error, never a pass', async () => {
  // The head's fairness gate errors (its sensitive column is missing): the comparison has no head value.
  const ws = workspace((p) => p.replace('sensitive: [sex]', 'sensitive: [gender]') + REGRESSION);
  try {
    const { report } = await check(ws);
    const g = report.gates.regression;
    assert.equal(report.gates.fairness.status, 'error');
    assert.equal(g.status, 'error');
    assert.equal(report.verdict, 'error');
    assert.match(g.message, /demographic_parity_difference: the fairness gate did not measure the head model \(see its error\), so demographic_parity_difference_delta cannot be compared/);
    assert.equal(g.metrics.demographic_parity_difference_delta, null);
    // The others were still compared.
    assert.equal(typeof g.metrics.robust_accuracy_delta, 'number');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
