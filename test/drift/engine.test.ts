/**
 * The drift gate through the whole engine (`model-gate check` on a copy of examples/credit): the shared predictions
 * reach it, the job summary has its section, and two runs give byte-identical drift results and summaries.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { driftTest } from '../../src/stats/drift.ts';
import { numbers, parseCsv } from './helpers.ts';

const POLICY = `version: 1
seed: 0
model: { path: model/model.onnx }
signature: { bundle: model/model.sig, subject: model, key: keys/example-signing.pub }
datasets:
  members: { path: data/train_sample.csv, label: default, exclude: [applicant_id, sex] }
  eval: { path: data/eval.csv, label: default, exclude: [applicant_id, sex] }
gates:
  drift:
    reference: members
    current: eval
    features: [age, income, late_payments, sex, prediction:class, prediction:confidence]
    per-feature:
      income: { method: psi, threshold: 0.05 }
    must-not-drift: [income]
    thresholds:
      share_drifted: { max: 0.5 }
`;

async function run(ws: string, name: string): Promise<{ code: number; drift: string; summary: string; out: string }> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) };
  const code = await main(['check', '--workspace', ws, '--policy', 'drift.yml', '--json', path.join(ws, `${name}.json`), '--markdown', path.join(ws, `${name}.md`)], { stdout: sink, stderr: { write: () => true } });
  const report = JSON.parse(readFileSync(path.join(ws, `${name}.json`), 'utf8'));
  return { code, drift: JSON.stringify(report.gates.drift), summary: readFileSync(path.join(ws, `${name}.md`), 'utf8'), out };
}

test('model-gate check with a drift gate: prediction features from the shared inference, must-not-drift fails, deterministic', async () => {
  const ws = copyExample();
  try {
    writeFileSync(path.join(ws, 'drift.yml'), POLICY);
    const a = await run(ws, 'a');
    const b = await run(ws, 'b');
    assert.equal(a.drift, b.drift);
    const noTimings = (md: string) => md.replace(/^\| [\w.-]+ \| \d+\.\d+ \|$/gm, '| (timing) |');
    assert.equal(noTimings(a.summary), noTimings(b.summary));
    const g = JSON.parse(a.drift);
    // income under psi (distance, default 0.1) — the rest auto at 200 reference rows.
    assert.deepEqual(g.details.features.map((f: any) => [f.feature, f.method]), [
      ['age', 'ks'], ['income', 'psi'], ['late_payments', 'chi2'], ['sex', 'z'], ['prediction:class', 'z'], ['prediction:confidence', 'ks'],
    ]);
    // income: PSI of the Sturges-binned shares, 0.0907 >= 0.05: drifted, so must-not-drift fails the gate.
    const col = (f: string) => numbers(parseCsv(readFileSync(path.join(ws, f), 'utf8')).income);
    const psi = driftTest('psi', { kind: 'numeric', values: col('data/train_sample.csv') }, { kind: 'numeric', values: col('data/eval.csv') }, 0.05);
    const income = g.details.features[1];
    assert.equal(income.statistic, psi.score);
    assert.equal(Number(psi.score.toFixed(4)), 0.0907);
    assert.equal(income.drifted, true);
    assert.equal(g.status, 'fail');
    assert.deepEqual(g.checks.map((c: any) => [c.metric, c.pass]), [['share_drifted', true], ['drifted:income', false]]);
    assert.equal(a.code, 1);
    assert.ok(a.summary.includes('drift'), 'the summary has the drift section');
    assert.ok(a.summary.includes('xychart-beta horizontal'), 'with its chart');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a drift gate without thresholds or must-not-drift checks nothing: an error, not a pass', async () => {
  const ws = copyExample();
  try {
    writeFileSync(path.join(ws, 'drift.yml'), POLICY.replace(/    must-not-drift: \[income\]\n    thresholds:\n      share_drifted: \{ max: 0.5 \}\n/, ''));
    const sink = { write: () => true };
    const code = await main(['check', '--workspace', ws, '--policy', 'drift.yml', '--json', path.join(ws, 'r.json')], { stdout: sink, stderr: sink });
    const report = JSON.parse(readFileSync(path.join(ws, 'r.json'), 'utf8'));
    assert.equal(code, 2);
    assert.equal(report.gates.drift.status, 'error');
    assert.equal(report.gates.drift.message, 'drift.yml:9:3: gates.drift has no thresholds, so it checks nothing: add thresholds (on share_drifted or drifted_features) or must-not-drift, or remove the gate');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
