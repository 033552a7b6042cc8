/**
 * The regression gate end to end through `model-gate check` (the CLI's code path): the credit example's signed model
 * as head, test/fixtures/regression/baseline.onnx (same architecture, other weights:
 * scripts/generate-regression-baseline.ts) as a pinned baseline. Every number is recomputed here from the two models'
 * raw outputs (onnxruntime-node run by the test, flips counted by hand, McNemar by an exact BigInt binomial sum, AUC by
 * counting pairs). Also: a pin mismatch fails before the bytes run, no baseline is skipped (never a pass), determinism.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES } from '../helpers/workspace.ts';
import { expected, readCredit, runModel } from './helpers.ts';

const BASELINE = path.join(FIXTURES, 'regression/baseline.onnx');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The example with accuracy + regression only (the signed head model stays verified). */
function workspace(regression: string): string {
  const ws = copyExample();
  mkdirSync(path.join(ws, 'baseline'));
  copyFileSync(BASELINE, path.join(ws, 'baseline/model.onnx'));
  const p = path.join(ws, 'model-gate.yml');
  const text = readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*$/, regression);
  writeFileSync(p, text);
  return ws;
}

async function check(ws: string, extra: string[] = []) {
  const json = path.join(ws, 'out-report.json');
  const md = path.join(ws, 'out-summary.md');
  const out: string[] = [];
  const sink = { write: (s: string) => (out.push(String(s)), true) };
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json, '--markdown', md, ...extra], { stdout: sink, stderr: { write: () => true } });
  return { code, report: JSON.parse(readFileSync(json, 'utf8')), terminal: out.join(''), markdown: readFileSync(md, 'utf8') };
}

const pinned = (pin: string, thresholds: string, more = '') => `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${pin}" }
    bootstrap: 400${more}
    thresholds:
${thresholds}
`;

test('pinned baseline: every number equals the independent recomputation from both models\' raw outputs', async () => {
  const ws = workspace(pinned(sha(readFileSync(BASELINE)), '      accuracy_delta: { max-drop: 0.05 }\n      negative_flip_rate: { max: 0.2 }'));
  try {
    const { code, report, terminal, markdown } = await check(ws);
    const g = report.gates.regression;
    assert.equal(g.status, 'pass', JSON.stringify(report.errors));
    assert.equal(code, 0);
    const data = readCredit(path.join(ws, 'data/eval.csv'));
    const head = await runModel(path.join(ws, 'model/model.onnx'), data);
    const base = await runModel(BASELINE, data);
    const want = expected(base, head);
    // The fixture is a real alternative: rows flip both ways.
    assert.ok(want.negative_flips > 5 && want.positive_flips > 5, JSON.stringify(want));
    const d = g.details.datasets.eval;
    assert.equal(d.rows, 600);
    assert.equal(d.negative_flips, want.negative_flips);
    assert.equal(d.positive_flips, want.positive_flips);
    assert.equal(d.changed, want.changed);
    for (const k of ['accuracy_base', 'accuracy_head', 'accuracy_delta', 'negative_flip_rate', 'positive_flip_rate', 'churn'] as const) {
      assert.equal(g.metrics[k], want[k], k);
    }
    for (const k of ['roc_auc_base', 'roc_auc_head', 'roc_auc_delta', 'prediction_js_distance', 'mean_abs_true_class_change'] as const) {
      assert.ok(Math.abs(g.metrics[k] - want[k]) < 1e-9, `${k}: ${g.metrics[k]} vs ${want[k]}`);
    }
    assert.ok(Math.abs(g.metrics.mcnemar_p - want.mcnemar_exact_p) < 1e-12 * Math.max(1, want.mcnemar_exact_p), `${g.metrics.mcnemar_p} vs ${want.mcnemar_exact_p}`);
    assert.ok(Math.abs(d.mcnemar_mid_p - want.mcnemar_mid_p) < 1e-12);
    // The head's accuracy is the accuracy gate's.
    assert.equal(g.metrics.accuracy_head, report.gates.accuracy.metrics.accuracy);
    // Paired intervals bracket the point deltas.
    const [lo, hi] = g.ci.accuracy_delta;
    assert.ok(lo <= want.accuracy_delta && want.accuracy_delta <= hi && hi - lo > 0, `${lo} ${hi}`);
    const [alo, ahi] = g.ci.roc_auc_delta;
    assert.ok(alo <= want.roc_auc_delta + 1e-12 && want.roc_auc_delta - 1e-12 <= ahi, `${alo} ${ahi}`);
    // The baseline that ran, as pinned.
    assert.deepEqual(g.details.baseline, { source: 'pinned', path: 'baseline/model.onnx', sha256: sha(readFileSync(BASELINE)), signature: 'pinned' });
    // Checks: max-drop as min −x on the delta.
    const c = g.checks.find((x: { metric: string }) => x.metric === 'accuracy_delta');
    assert.equal(c.min, -0.05);
    assert.equal(c.value, want.accuracy_delta);
    // The sentence of the issue, in the terminal and the summary.
    const arrow = `accuracy ${want.accuracy_base.toFixed(3)} → ${want.accuracy_head.toFixed(3)}`;
    assert.ok(terminal.includes(arrow), terminal);
    assert.ok(markdown.includes(arrow), markdown);
    assert.ok(terminal.includes(`${want.negative_flips} negative flips`), terminal);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('thresholds: max-drop with gate-on ci-bound fails on the worse 95 % bound; mcnemar mid-p option', async () => {
  const data = readCredit(path.join(FIXTURES, '../../examples/credit/data/eval.csv'));
  const head = await runModel(path.join(FIXTURES, '../../examples/credit/model/model.onnx'), data);
  const base = await runModel(BASELINE, data);
  const want = expected(base, head);
  const ws = workspace(pinned(sha(readFileSync(BASELINE)), '      accuracy_delta: { max-drop: 0 }', '\n    gate-on: ci-bound\n    mcnemar: mid-p'));
  try {
    const { code, report } = await check(ws);
    const g = report.gates.regression;
    assert.equal(g.status, 'fail');
    assert.equal(code, 1);
    const c = g.checks[0];
    // Compared with the low bound of the interval (worse for the head), which is below 0 whatever the point delta.
    assert.equal(c.compared, g.ci.accuracy_delta[0]);
    assert.ok(c.compared < 0);
    assert.match(c.message, /^regression\.accuracy_delta on eval: accuracy dropped by [0-9.e-]+, more than max-drop 0 \(gate-on ci-bound/);
    assert.ok(Math.abs(g.metrics.mcnemar_p - want.mcnemar_mid_p) < 1e-12);
    assert.ok(g.metrics.mcnemar_p < g.details.datasets.eval.mcnemar_exact_p);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a pinned baseline whose sha256 does not match fails BEFORE its bytes run (not valid ONNX: still the pin error)', async () => {
  const ws = workspace(pinned('0'.repeat(64), '      churn: { max: 0.5 }'));
  try {
    writeFileSync(path.join(ws, 'baseline/model.onnx'), 'this is not an ONNX model');
    const { code, report } = await check(ws);
    const g = report.gates.regression;
    assert.equal(g.status, 'fail');
    assert.equal(code, 1);
    assert.deepEqual(report.failed_gates, ['regression']);
    const err = report.errors.find((e: { code: string }) => e.code === 'baseline.pin-mismatch');
    assert.ok(err, JSON.stringify(report.errors));
    assert.equal(err.kind, 'fail');
    assert.match(err.message, /baseline model baseline\/model\.onnx has sha256 [0-9a-f]{64}, but the policy pins 0{64}/);
    assert.ok(!report.errors.some((e: { code: string }) => e.code === 'model.corrupt'));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('no base commit and no pin (the CLI): skipped with the reason, never a pass; alone, nothing measured is an error', async () => {
  const ws = workspace('  regression:\n    thresholds:\n      accuracy_delta: { max-drop: 0.01 }\n');
  try {
    const { code, report, terminal } = await check(ws);
    const g = report.gates.regression;
    assert.equal(g.status, 'skipped');
    assert.match(g.message, /^no baseline: this run has no base commit/);
    assert.deepEqual(g.checks, []);
    // The accuracy gate measured something: the run passes on it, and the skip is a warning.
    assert.equal(report.verdict, 'pass');
    assert.equal(code, 0);
    assert.ok(report.warnings.some((w: { message: string }) => /^regression: skipped: no baseline/.test(w.message)));
    assert.match(terminal, /The model passed its only gate \(accuracy\) and its signature was verified; skipped: regression\./);
    // Only the regression gate: nothing measured, an error.
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/  accuracy:\n(    .*\n)+/, '').replace('  regression:\n', '  regression:\n    datasets: [eval]\n'));
    const alone = await check(ws);
    assert.equal(alone.report.gates.regression.status, 'skipped');
    assert.equal(alone.report.verdict, 'error');
    assert.equal(alone.code, 2);
    assert.ok(alone.report.errors.some((e: { code: string; message: string }) => e.code === 'gate.nothing-measured' && /every gate was skipped \(regression\)/.test(e.message)));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('determinism: two runs give byte-identical regression results', async () => {
  const ws = workspace(pinned(sha(readFileSync(BASELINE)), '      roc_auc_delta: { max-drop: 0.05 }', '\n    gate-on: ci-bound'));
  try {
    const a = await check(ws);
    const b = await check(ws);
    assert.equal(JSON.stringify(a.report.gates.regression), JSON.stringify(b.report.gates.regression));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('several datasets: the first one\'s metrics unprefixed, the others as <dataset>.<metric>, thresholds on each', async () => {
  const ws = workspace(`  regression:
    datasets: [eval, non-members]
    baseline: { path: baseline/model.onnx, sha256: "${sha(readFileSync(BASELINE))}" }
    bootstrap: 200
    thresholds:
      churn: { max: 0.01 }
`);
  try {
    const { report } = await check(ws);
    const g = report.gates.regression;
    const holdout = readCredit(path.join(ws, 'data/holdout.csv'));
    const want = expected(await runModel(BASELINE, holdout), await runModel(path.join(ws, 'model/model.onnx'), holdout));
    assert.equal(g.details.datasets['non-members'].rows, 200);
    assert.equal(g.metrics['non-members.churn'], want.churn);
    assert.equal(g.metrics['non-members.negative_flip_rate'], want.negative_flip_rate);
    assert.deepEqual(g.ci['non-members.accuracy_delta'], g.details.datasets['non-members'].ci.accuracy_delta);
    assert.deepEqual(g.checks.map((c: { metric: string }) => c.metric), ['churn', 'non-members.churn']);
    const c = g.checks[1];
    assert.equal(c.value, want.churn);
    assert.equal(c.pass, want.churn <= 0.01);
    if (!c.pass) assert.match(c.message, /^regression\.churn on non-members: /);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
