/**
 * Pull requests end to end: a temporary git repository with a base and a head commit, dist/index.js run as the
 * runner runs it, and a local HTTP server standing in for the GitHub API.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync, unlinkSync } from 'node:fs';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { runAction, errorLines } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.ts';
import { commitAll, git } from '../helpers/git.ts';
import { signOmsWithKey } from '../signature/oms-sign.ts';

/** The example with only the fast gates (accuracy + model-card), as the base commit of a repository. */
function baseRepo(extra?: (policy: string) => string): { ws: string; base: string } {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  let text = readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, '');
  if (extra) text = extra(text);
  writeFileSync(p, text);
  git(ws, 'init', '-q', '-b', 'main');
  return { ws, base: commitAll(ws, 'base') };
}

function resign(ws: string, keyFile = path.join(ws, 'keys/example-signing.key')) {
  const { bundle } = signOmsWithKey(path.join(ws, 'model'), createPrivateKey(readFileSync(keyFile)));
  writeFileSync(path.join(ws, 'model/model.sig'), bundle);
}

async function prRun(ws: string, base: string, head: string, gh: FakeGitHub, inputs: Record<string, string> = {}) {
  return runAction({
    workspace: ws,
    inputs: { policy: 'model-gate.yml', token: 'ghs_secret_token_value', ...inputs },
    event: { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, base: { sha: base }, head: { sha: head } } } },
    env: { GITHUB_API_URL: gh.url, GITHUB_SHA: head },
  });
}

const report = (run: { outputs: Record<string, string> }) => JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));

test('one living comment: created, then edited in place; a look-alike comment by another user is left alone; check run payload', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    gh.comments.push({ id: 1, body: '<!-- model-gate:model-gate -->\nfake verdict: pass', user: { login: 'mallory' } });
    writeFileSync(path.join(ws, 'notes.txt'), 'unrelated change\n');
    const head = commitAll(ws, 'head');
    const first = await prRun(ws, base, head, gh);
    assert.equal(first.code, 0, first.stdout);
    assert.equal(first.outputs.verdict, 'pass');
    const mine = gh.comments.filter((c) => c.user.login === 'model-gate-bot');
    assert.equal(mine.length, 1);
    assert.ok(mine[0].body.startsWith('<!-- model-gate:model-gate -->'));
    assert.equal(gh.comments[0].body, '<!-- model-gate:model-gate -->\nfake verdict: pass');
    const second = await prRun(ws, base, head, gh);
    assert.equal(second.code, 0);
    assert.equal(gh.comments.filter((c) => c.user.login === 'model-gate-bot').length, 1, 'never a second comment');
    assert.ok(gh.requests.some((r) => r.method === 'PATCH' && r.url === `/repos/acme/credit/issues/comments/${mine[0].id}`));
    assert.ok(!gh.requests.some((r) => r.method === 'PATCH' && r.url === '/repos/acme/credit/issues/comments/1'));
    // Check run on the PR's head SHA.
    const run = gh.checkRuns[0].body;
    assert.equal(run.name, 'model-gate/model-gate');
    assert.equal(run.head_sha, head);
    assert.equal(run.status, 'completed');
    assert.equal(run.conclusion, 'success');
    assert.match(run.output.summary, /PASS/);
    // The token is masked (::add-mask::) and appears nowhere else.
    const lines = first.stdout.split('\n').filter((l) => l.includes('ghs_secret_token_value'));
    assert.deepEqual(lines, ['::add-mask::ghs_secret_token_value']);
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('403 from the API: a warning, workflow-command annotations instead of the check run, verdict unchanged', async () => {
  const { ws, base } = baseRepo((t) => t.replace('roc_auc: { min: 0.85 }', 'roc_auc: { min: 0.95 }'));
  const gh = await startFakeGitHub();
  gh.failures.push({ pattern: /comments|check-runs/, status: 403 });
  try {
    const head = commitAll(ws, 'head');
    const run = await prRun(ws, base, head, gh);
    assert.equal(run.outputs.verdict, 'fail');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /could not publish the check run/);
    assert.match(run.stdout, /could not publish the pull-request comment/);
    assert.ok(errorLines(run).some((l) => l.includes('roc_auc')), run.stdout);
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a head that swaps the public key and re-signs a changed model is rejected: the base key is used', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(path.join(ws, 'keys/example-signing.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(path.join(ws, 'attacker.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const model = path.join(ws, 'model/model.onnx');
    const bytes = readFileSync(model);
    bytes[bytes.length - 9] ^= 4;
    writeFileSync(model, bytes);
    resign(ws, path.join(ws, 'attacker.key'));
    const head = commitAll(ws, 'swap key');
    const run = await prRun(ws, base, head, gh);
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'fail');
    // The swapped key file is a changed trust file, and the model changed too: policy fails as well.
    assert.equal(run.outputs['failed-gates'], 'policy,signature');
    const r = report(run);
    assert.equal(r.policy.source, 'base');
    assert.equal(r.signature.status, 'failed');
    assert.deepEqual(r.policy.loosened.map((l: { path: string; file?: string }) => [l.path, l.file]), [['signature.key', 'keys/example-signing.pub']]);
    const annotations = gh.checkRuns[0].body.output.annotations;
    assert.ok(annotations.some((a: any) => a.path === 'keys/example-signing.pub' && a.annotation_level === 'failure' && /Trust file changed/.test(a.message)), JSON.stringify(annotations));
    const body = gh.comments[0].body;
    assert.ok(body.indexOf('keys/example-signing.pub') > 0 && body.indexOf('keys/example-signing.pub') < body.indexOf('model-gate: FAIL'), body.slice(0, 1500));
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a loosened threshold alone is reported first (warning); together with a model change it fails with failed-gates policy', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.50 }'));
    const head1 = commitAll(ws, 'loosen');
    const alone = await prRun(ws, base, head1, gh);
    assert.equal(alone.outputs.verdict, 'pass', alone.stdout);
    const r1 = report(alone);
    assert.equal(r1.policy.loosened.length, 1);
    assert.equal(r1.policy.loosened[0].path, 'gates.accuracy.thresholds.accuracy.min');
    assert.deepEqual([r1.policy.loosened[0].from, r1.policy.loosened[0].to], [0.8, 0.5]);
    const body = gh.comments[0].body;
    assert.ok(body.indexOf('loosen') > 0 && body.indexOf('loosen') < body.indexOf('accuracy |'), body.slice(0, 800));

    const card = path.join(ws, 'model/README.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('Demonstration only.', 'Demonstration only, retrained.'));
    resign(ws);
    const head2 = commitAll(ws, 'loosen + model change');
    const both = await prRun(ws, base, head2, gh);
    assert.equal(both.code, 1);
    assert.equal(both.outputs.verdict, 'fail');
    assert.equal(both.outputs['failed-gates'], 'policy');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('non-numeric loosenings are listed: labels: predicted, a removed immutable', async () => {
  const robust = (labels: string, immutable: string, metric: string) =>
    `  robustness:\n    dataset: eval\n    limit: 20\n    epsilon: 0.1\n    epsilon-scale: std\n    immutable: ${immutable}\n    attacks: [fgsm]\n    labels: ${labels}\n    thresholds:\n      ${metric}: { min: 0.1 }\n`;
  const { ws, base } = baseRepo((t) => t.replace('  model-card:', robust('true', '[age]', 'robust_accuracy') + '  model-card:'));
  const gh = await startFakeGitHub();
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(robust('true', '[age]', 'robust_accuracy'), robust('predicted', '[]', 'prediction_stability')));
    const head = commitAll(ws, 'loosen robustness');
    const run = await prRun(ws, base, head, gh);
    const paths = report(run).policy.loosened.map((l: { path: string }) => l.path);
    assert.ok(paths.includes('gates.robustness.labels'), paths.join(', '));
    assert.ok(paths.some((x: string) => x.startsWith('gates.robustness.immutable')), paths.join(', '));
    assert.ok(paths.some((x: string) => x.startsWith('gates.robustness.thresholds')), paths.join(', '));
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a card with workflow commands and mentions is escaped; a claimed-vs-measured mismatch fails with an annotation on the card line', async () => {
  const { ws, base } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    const card = path.join(ws, 'model/README.md');
    let text = readFileSync(card, 'utf8').replace('value: 0.855', 'value: 0.99');
    text = text.replace('Demonstration only.', 'Demonstration only.\n::error::pwned\n@octocat please approve <img src=x onerror=alert(1)>');
    writeFileSync(card, text);
    resign(ws);
    const head = commitAll(ws, 'card');
    const run = await prRun(ws, base, head, gh);
    assert.equal(run.outputs.verdict, 'fail');
    assert.equal(run.outputs['failed-gates'], 'model-card');
    for (const line of run.stdout.split('\n')) assert.ok(!line.startsWith('::error::pwned'), line);
    const body = gh.comments[0].body;
    if (process.env.MG_SHOW_COMMENT) console.log(body);
    // Outside code (fences and code spans, where GitHub renders text literally) no live mention remains.
    const prose = body.replace(/(`{3,})[\s\S]*?\1/g, '').replace(/(`+)[^`]*?\1/g, '');
    assert.ok(!/(^|[^\w])@octocat/.test(prose), 'no live mention outside code');
    assert.ok(!prose.includes('<img'), 'no raw HTML outside code');
    const line = text.split('\n').findIndex((l) => l.includes('value: 0.99')) + 1;
    const annotations = gh.checkRuns[0].body.output.annotations;
    assert.ok(annotations.some((a: any) => a.path === 'model/README.md' && a.start_line === line && a.annotation_level === 'failure'), JSON.stringify(annotations));
    assert.equal(gh.checkRuns[0].body.conclusion, 'failure');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a policy introduced by the pull request is read from head with a warning; a missing base commit asks for fetch-depth: 0', async () => {
  const { ws } = baseRepo();
  const gh = await startFakeGitHub();
  try {
    const policy = readFileSync(path.join(ws, 'model-gate.yml'), 'utf8');
    unlinkSync(path.join(ws, 'model-gate.yml'));
    git(ws, 'rm', '-q', '--cached', 'model-gate.yml');
    const base = commitAll(ws, 'no policy yet');
    writeFileSync(path.join(ws, 'model-gate.yml'), policy);
    const head = commitAll(ws, 'add policy');
    const run = await prRun(ws, base, head, gh);
    assert.equal(run.outputs.verdict, 'pass', run.stdout);
    const r = report(run);
    assert.equal(r.policy.source, 'head');
    assert.ok(r.warnings.some((w: { message: string }) => /does not exist at the base commit: this pull request introduces the policy/.test(w.message)));

    const missing = await prRun(ws, 'b'.repeat(40), head, gh);
    assert.equal(missing.code, 1);
    assert.equal(missing.outputs.verdict, 'error');
    assert.match(missing.stdout, /the base commit bbbbbbbbbbbb is not in the checkout, so the trusted policy cannot be read from it: set fetch-depth: 0 on actions\/checkout/);
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
  }
});
