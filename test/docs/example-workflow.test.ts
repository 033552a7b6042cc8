/**
 * The shipped example's workflow (examples/credit/workflow.yml) and its policy's regression gate: the workflow is
 * read here (its trigger, the checkout depth, the action's inputs against action.yml), then the action runs as that
 * workflow runs it on a pull request (src/main.ts, a real git repository with a base and a head commit, a fake
 * GitHub API) whose head commit replaces the model: the regression gate of the example policy, as shipped, compares
 * the head model with the base commit's, and its numbers are those the accuracy gate measures on each commit.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { runAction } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeGitHub } from '../helpers/github-server.ts';
import { commitAll, git } from '../helpers/git.ts';
import { FIXTURES, ROOT } from '../helpers/workspace.ts';
import { signOmsWithKey } from '../signature/oms-sign.ts';

const EXAMPLE = path.join(ROOT, 'examples/credit');
const workflow = parse(readFileSync(path.join(EXAMPLE, 'workflow.yml'), 'utf8'));
const steps: { uses?: string; with?: Record<string, unknown> }[] = workflow.jobs['model-gate'].steps;
const gateStep = steps.find((s) => s.uses?.startsWith('acme/model-gate@'))!;

test('examples/credit/workflow.yml: runs on pull requests, checks out the history, passes only inputs the action declares', () => {
  assert.ok('pull_request' in workflow.on, 'triggered by pull requests');
  const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
  assert.equal(checkout.with?.['fetch-depth'], 0, 'the base commit is fetched');
  assert.ok(steps.indexOf(checkout) < steps.indexOf(gateStep), 'checked out before the gate runs');
  const declared = Object.keys(parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).inputs);
  for (const k of Object.keys(gateStep.with ?? {})) assert.ok(declared.includes(k), `input ${k} is declared in action.yml`);
  // The policy it names is the example's, with a regression gate that pins no baseline: the base commit's model.
  const policy = parse(readFileSync(path.join(EXAMPLE, String(gateStep.with!.policy)), 'utf8'));
  assert.ok(policy.gates.regression, 'the example policy has a regression gate');
  assert.equal(policy.gates.regression.baseline, undefined);
  // The README's workflow fetches the history too.
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /## Use it in a workflow\n\n```yaml\n([\s\S]*?)```/.exec(readme)![1];
  const rw = parse(block);
  assert.ok('pull_request' in rw.on);
  assert.equal(rw.jobs['model-gate'].steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/checkout@')).with['fetch-depth'], 0);
});

test('the example on a pull request that replaces the model: the regression gate compares it with the base commit\'s model', async () => {
  const ws = copyExample();
  const gh = await startFakeGitHub();
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const event = (name: string, payload: unknown, head: string) => runAction({
    workspace: ws,
    entry: 'src/main.ts',
    inputs: { ...(gateStep.with as Record<string, string>), token: 'ghs_secret_token_value' },
    event: { name, payload },
    env: { GITHUB_API_URL: gh.url, GITHUB_SHA: head },
  });
  const reportOf = (run: { outputs: Record<string, string> }) => JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
  try {
    git(ws, 'init', '-q', '-b', 'main');
    const base = commitAll(ws, 'base');
    const original = readFileSync(path.join(ws, 'model/model.onnx'));
    // The base commit measured on its own (a run with no base: the regression gate is skipped, with the reason).
    const before = reportOf(await event('workflow_dispatch', {}, base));
    assert.equal(before.verdict, 'pass');
    assert.equal(before.gates.regression.status, 'skipped');
    assert.match(before.gates.regression.message, /^no baseline: this run has no base commit/);

    // The pull request: another model (same network, other weights), signed with the example's key.
    copyFileSync(path.join(FIXTURES, 'regression/baseline.onnx'), path.join(ws, 'model/model.onnx'));
    writeFileSync(path.join(ws, 'model/model.sig'), signOmsWithKey(path.join(ws, 'model'), createPrivateKey(readFileSync(path.join(ws, 'keys/example-signing.key')))).bundle);
    const head = commitAll(ws, 'new model');
    const run = await event('pull_request', { number: 7, pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }, head);
    const report = reportOf(run);
    const g = report.gates.regression;
    assert.ok(g && g.status !== 'skipped', run.stdout);
    assert.deepEqual(g.details.baseline, { source: 'base-commit', path: 'model/model.onnx', sha256: sha(original), signature: 'verified' });
    // base = what the accuracy gate measured on the base commit; head = what it measures on this pull request.
    assert.equal(g.metrics.accuracy_base, before.gates.accuracy.metrics.accuracy);
    assert.equal(g.metrics.accuracy_head, report.gates.accuracy.metrics.accuracy);
    assert.equal(g.metrics.roc_auc_base, before.gates.accuracy.metrics.roc_auc);
    assert.equal(g.metrics.roc_auc_head, report.gates.accuracy.metrics.roc_auc);
    assert.ok(Math.abs(g.metrics.accuracy_delta - (g.metrics.accuracy_head - g.metrics.accuracy_base)) < 1e-15);
    // The example's thresholds: accuracy may drop by 0.01 at most; this model loses more.
    const dropCheck = g.checks.find((c: { metric: string }) => c.metric === 'accuracy_delta');
    assert.equal(dropCheck.pass, g.metrics.accuracy_delta >= -0.01);
    assert.ok(g.metrics.accuracy_delta < -0.01, `the pull request's model is worse: ${g.metrics.accuracy_delta}`);
    assert.equal(g.status, 'fail');
    assert.ok(report.failed_gates.includes('regression'));
    assert.equal(run.code, 1);
    const body = gh.comments.find((c) => c.user.login === 'model-gate-bot')!.body.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    assert.ok(body.includes(`eval: accuracy ${g.metrics.accuracy_base.toFixed(3)} → ${g.metrics.accuracy_head.toFixed(3)}`), body);
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});
