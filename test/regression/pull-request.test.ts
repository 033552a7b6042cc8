/**
 * The regression gate on pull requests through the action (src/main.ts as the runner runs it, a real git repository
 * with a base and a head commit, a fake GitHub API): the base commit's model is the baseline (read from the base
 * commit, its signature verified with the base policy's key), the head model is the pull request's; a pull request
 * that replaces the model AND pins a baseline of its choice is caught (the policy comes from base); a base commit
 * without the model skips the gate.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync, cpSync, mkdtempSync } from 'node:fs';
import { createHash, createPrivateKey } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.ts';
import { commitAll, git } from '../helpers/git.ts';
import { FIXTURES } from '../helpers/workspace.ts';
import { signOmsWithKey } from '../signature/oms-sign.ts';
import { expected, readCredit, runModel } from './helpers.ts';

const FIXTURE = path.join(FIXTURES, 'regression/baseline.onnx');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const REGRESSION = `  regression:
    bootstrap: 300
    thresholds:
      accuracy_delta: { max-drop: 0.005 }
      negative_flip_rate: { max: 0.05 }
`;

/** The example with accuracy + regression (no pin: the base commit's model is the baseline), as a repository. */
function baseRepo(): { ws: string; base: string } {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*$/, REGRESSION));
  git(ws, 'init', '-q', '-b', 'main');
  return { ws, base: commitAll(ws, 'base') };
}

/** The pull request's model: the fixture (other weights) in place of model/model.onnx, signed with the example key. */
function replaceModel(ws: string): void {
  copyFileSync(FIXTURE, path.join(ws, 'model/model.onnx'));
  const { bundle } = signOmsWithKey(path.join(ws, 'model'), createPrivateKey(readFileSync(path.join(ws, 'keys/example-signing.key'))));
  writeFileSync(path.join(ws, 'model/model.sig'), bundle);
}

async function prRun(ws: string, base: string, head: string, gh: FakeGitHub) {
  const run = await runAction({
    workspace: ws,
    entry: 'src/main.ts',
    inputs: { policy: 'model-gate.yml', token: 'ghs_secret_token_value' },
    event: { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, base: { sha: base }, head: { sha: head } } } },
    env: { GITHUB_API_URL: gh.url, GITHUB_SHA: head },
  });
  return { run, report: JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) };
}

test('pull request: the base commit\'s verified model is the baseline; the numbers are the two models\' by hand; the comment says it', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  const original = readFileSync(path.join(ws, 'model/model.onnx'));
  try {
    replaceModel(ws);
    const head = commitAll(ws, 'new model');
    const { run, report } = await prRun(ws, base, head, gh);
    const g = report.gates.regression;
    assert.ok(g, run.stdout);
    // The baseline is the base commit's file (not the working tree's), verified with the base policy's key.
    assert.deepEqual(g.details.baseline, { source: 'base-commit', path: 'model/model.onnx', sha256: sha(original), signature: 'verified' });
    assert.equal(report.signature.status, 'verified');
    // Recomputed here: base = the example's model, head = the fixture.
    const data = readCredit(path.join(ws, 'data/eval.csv'));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'mg-orig-'));
    writeFileSync(path.join(tmp, 'm.onnx'), original);
    const want = expected(await runModel(path.join(tmp, 'm.onnx'), data), await runModel(FIXTURE, data));
    rmSync(tmp, { recursive: true, force: true });
    const d = g.details.datasets.eval;
    assert.equal(d.negative_flips, want.negative_flips);
    assert.equal(d.positive_flips, want.positive_flips);
    assert.equal(g.metrics.accuracy_delta, want.accuracy_delta);
    assert.equal(g.metrics.churn, want.churn);
    assert.ok(Math.abs(g.metrics.mcnemar_p - want.mcnemar_exact_p) < 1e-12);
    assert.ok(want.accuracy_delta < -0.005, `the fixture is worse: ${want.accuracy_delta}`);
    // max-drop 0.005 fails; the run fails.
    assert.equal(g.status, 'fail');
    assert.equal(report.verdict, 'fail');
    assert.deepEqual(report.failed_gates, ['regression']);
    assert.equal(run.outputs.verdict, 'fail');
    assert.equal(run.code, 1);
    // The comment's sentence.
    // (Markdown-escaped: brackets and underscores as HTML entities, which GitHub renders as the characters.)
    const body = gh.comments.find((c) => c.user.login === 'model-gate-bot')!.body.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    const sentence = `eval: accuracy ${want.accuracy_base.toFixed(3)} → ${want.accuracy_head.toFixed(3)} (−${Math.abs(want.accuracy_delta).toFixed(3)}, 95 % CI [`;
    assert.ok(body.includes(sentence), body);
    assert.ok(body.includes(`${want.negative_flips} negative flips`), body);
    // The annotation of the failed check.
    assert.ok(gh.checkRuns[0].body.output.annotations.some((a: { message: string }) => /regression\.accuracy_delta on eval: accuracy dropped by/.test(a.message)));
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('pull request that replaces the model AND pins itself as the baseline: still compared with the base model, and the pin is a loosening', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    replaceModel(ws);
    // The attacker's pin: the new model as its own baseline (delta 0 would pass).
    const p = path.join(ws, 'model-gate.yml');
    const pin = sha(readFileSync(FIXTURE));
    writeFileSync(p, readFileSync(p, 'utf8').replace('  regression:\n', `  regression:\n    baseline: { path: model/model.onnx, sha256: "${pin}" }\n`));
    const head = commitAll(ws, 'new model, own baseline');
    const { report } = await prRun(ws, base, head, gh);
    const g = report.gates.regression;
    assert.equal(g.details.baseline.source, 'base-commit');
    assert.notEqual(g.details.baseline.sha256, pin);
    assert.equal(g.status, 'fail');
    const l = report.policy.loosened.find((x: { path: string }) => x.path === 'gates.regression.baseline');
    assert.ok(l, JSON.stringify(report.policy.loosened));
    assert.match(l.reason, /pull request would choose what the head is compared with/);
    assert.ok(report.failed_gates.includes('policy'));
    assert.equal(report.verdict, 'fail');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('pull request that adds the model: no model at the base commit, the gate is skipped with the reason', async () => {
  const ws = copyExample();
  const gh = await startFakeGitHub();
  const saved = mkdtempSync(path.join(os.tmpdir(), 'mg-model-'));
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*$/, REGRESSION));
    cpSync(path.join(ws, 'model'), saved, { recursive: true });
    rmSync(path.join(ws, 'model'), { recursive: true });
    git(ws, 'init', '-q', '-b', 'main');
    const base = commitAll(ws, 'policy first');
    cpSync(saved, path.join(ws, 'model'), { recursive: true });
    const head = commitAll(ws, 'add the model');
    const { report } = await prRun(ws, base, head, gh);
    const g = report.gates.regression;
    assert.equal(g.status, 'skipped');
    assert.equal(g.message, 'no baseline: the base commit has no model at model/model.onnx (the pull request adds it); pin one with gates.regression.baseline to compare');
    assert.equal(report.gates.accuracy.status, 'pass');
    assert.equal(report.verdict, 'pass');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(saved, { recursive: true, force: true });
  }
});

test('a base commit whose model does not match its signature: the baseline is not run, the gate fails as failed verification', async () => {
  const ws = copyExample();
  const gh = await startFakeGitHub();
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*$/, REGRESSION));
    // The base commit's model is not what its bundle signed (the fixture, not re-signed).
    copyFileSync(FIXTURE, path.join(ws, 'model/model.onnx'));
    git(ws, 'init', '-q', '-b', 'main');
    const base = commitAll(ws, 'base with a broken signature');
    replaceModel(ws); // the head: signed properly
    const head = commitAll(ws, 'head');
    const { report } = await prRun(ws, base, head, gh);
    assert.equal(report.signature.status, 'verified');
    const g = report.gates.regression;
    assert.equal(g.status, 'fail');
    const err = report.errors.find((e: { code: string }) => e.code.startsWith('baseline.signature'));
    assert.ok(err, JSON.stringify(report.errors));
    assert.equal(err.kind, 'fail');
    assert.match(err.message, /the base commit's model model\/model\.onnx \(the baseline\): /);
    assert.equal(report.verdict, 'fail');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('pinned baseline on a pull request: the pull request that swaps the pinned file fails on the base policy\'s pin and lists the trust-file change', async () => {
  const ws = copyExample();
  const gh = await startFakeGitHub();
  try {
    const p = path.join(ws, 'model-gate.yml');
    const pin = sha(readFileSync(FIXTURE));
    writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*$/, REGRESSION.replace('  regression:\n', `  regression:\n    baseline: { path: released/model.onnx, sha256: "${pin}" }\n`)));
    cpSync(FIXTURE, path.join(ws, 'released/model.onnx'));
    git(ws, 'init', '-q', '-b', 'main');
    const base = commitAll(ws, 'base with a pinned baseline');
    // The pull request makes the baseline its own model (a delta of 0 would pass), pin untouched.
    copyFileSync(path.join(ws, 'model/model.onnx'), path.join(ws, 'released/model.onnx'));
    const head = commitAll(ws, 'swap the baseline');
    const { report } = await prRun(ws, base, head, gh);
    const g = report.gates.regression;
    assert.equal(g.status, 'fail');
    const err = report.errors.find((e: { code: string }) => e.code === 'baseline.pin-mismatch');
    assert.ok(err && err.kind === 'fail', JSON.stringify(report.errors));
    const t = report.policy.loosened.find((l: { file?: string }) => l.file === 'released/model.onnx');
    assert.ok(t, JSON.stringify(report.policy.loosened));
    assert.equal(t.path, 'gates.regression.baseline.path');
    assert.equal(t.from, `sha256:${pin}`);
    assert.match(t.reason, /the pull request changes the baseline model released\/model\.onnx: it is still checked against the base policy's pin before it runs/);
    assert.ok(report.failed_gates.includes('policy'));
    assert.equal(report.verdict, 'fail');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});
