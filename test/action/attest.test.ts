/**
 * The action's `attest` input, run as the runner runs it (INPUT_*, GITHUB_OUTPUT, GITHUB_EVENT_PATH, RUNNER_TEMP)
 * from the sources (src/main.ts): which events attest, key handling, and what is written.
 */
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { commitAll, git } from '../helpers/git.ts';
import { attestDecision, actionVerifierId, resolveSigner, secretParts } from '../../src/action/attest.ts';
import { readInputs } from '../../src/action/inputs.ts';
import { verifyAttestation } from '../../src/attest/verify.ts';
import { GateError } from '../../src/errors.ts';

const SHA = 'c'.repeat(40);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The example with only the fast gates (accuracy + model-card); `edit` changes the policy text. */
function workspace(edit: (policy: string) => string = (t) => t): string {
  const ws = copyExample();
  dirs.push(ws);
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, edit(readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, '')));
  return ws;
}
const keyPem = (ws: string) => readFileSync(path.join(ws, 'keys/example-signing.key'), 'utf8');
const decode = (file: string) => JSON.parse(Buffer.from(JSON.parse(readFileSync(file, 'utf8')).dsseEnvelope.payload, 'base64').toString('utf8'));

async function gate(ws: string, event: { name: string; payload?: unknown }, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({ workspace: ws, entry: 'src/main.ts', inputs: { policy: 'model-gate.yml', attest: 'true', 'signing-key': keyPem(ws), ...inputs }, event, env: { GITHUB_SHA: SHA, ...env } });
  dirs.push(run.runnerTemp);
  return run;
}
const notices = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::notice::'));

test('push, attest: true: both statements signed into RUNNER_TEMP, outputs set, the key never printed (only masked)', async () => {
  const ws = workspace();
  const run = await gate(ws, { name: 'push', payload: { before: '0'.repeat(40), after: SHA } }, {}, { GITHUB_ACTION_REPOSITORY: 'acme/model-gate', GITHUB_ACTION_REF: 'v1' });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.verdict, 'pass');
  assert.equal(run.outputs['attestation-path'], path.join(run.runnerTemp, 'model-gate-model-gate.sigstore.json'));
  assert.equal(run.outputs['attestation-report-path'], path.join(run.runnerTemp, 'model-gate-model-gate.report.sigstore.json'));
  const vsa = decode(run.outputs['attestation-path']);
  assert.equal(vsa.predicateType, 'https://slsa.dev/verification_summary/v1');
  assert.equal(vsa.predicate.verificationResult, 'PASSED');
  assert.equal(vsa.predicate.verifier.id, 'https://github.com/acme/model-gate@v1');
  assert.equal(vsa.predicate.resourceUri, `git+https://github.com/acme/credit@${SHA}#model`);
  assert.equal(`sha256:${vsa.subject.find((s: any) => s.annotations).digest.sha256}`, run.outputs['model-digest']);
  assert.equal(decode(run.outputs['attestation-report-path']).predicateType, 'https://model-gate.dev/report/v1');
  // It verifies with the public key (the deploy side).
  const pub = createPublicKey(readFileSync(path.join(ws, 'keys/example-signing.pub')));
  const res = await verifyAttestation({ json: JSON.parse(readFileSync(run.outputs['attestation-path'], 'utf8')), name: 'a', modelPath: path.join(ws, 'model'), key: pub, requireGates: ['accuracy', 'signature'], now: new Date() });
  assert.deepEqual(res.verifiedLevels, ['MODEL_GATE_SIGNATURE_PASSED', 'MODEL_GATE_ACCURACY_PASSED', 'MODEL_GATE_MODEL_CARD_PASSED']);
  // Every line of key material appears only in ::add-mask:: commands.
  const material = keyPem(ws).split('\n').filter((l) => l && !l.startsWith('-----'));
  for (const line of (run.stdout + run.stderr + run.summary).split('\n')) {
    if (line.startsWith('::add-mask::')) continue;
    for (const m of material) assert.ok(!line.includes(m), `key material printed: ${line}`);
  }
  for (const m of material) assert.ok(run.stdout.includes(`::add-mask::${m}\n`), 'each key line is masked');
  assert.deepEqual(errorLines(run), []);
  // The job summary: the verdict first, the attestation after the report.
  assert.match(run.summary.split('\n').find((l) => l.trim() !== '')!, /PASS/);
  assert.match(run.summary, new RegExp(`\\*\\*Attestation:\\*\\* verification summary \`PASSED\` signed by key \`${run.outputs.signer}\`: \`${run.outputs['attestation-path']}\``));
});

test('a failing run is attested FAILED (and the step fails); workflow_dispatch, schedule and release attest', async () => {
  const ws = workspace((t) => t.replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.99 }'));
  const run = await gate(ws, { name: 'workflow_dispatch', payload: {} });
  assert.equal(run.code, 1);
  assert.equal(run.outputs.verdict, 'fail');
  const vsa = decode(run.outputs['attestation-path']);
  assert.equal(vsa.predicate.verificationResult, 'FAILED');
  assert.ok(!vsa.predicate.verifiedLevels.includes('MODEL_GATE_ACCURACY_PASSED'));
  for (const name of ['schedule', 'release']) {
    const r = await gate(workspace(), { name, payload: {} });
    assert.equal(r.code, 0, r.stdout);
    assert.ok(existsSync(r.outputs['attestation-path']), name);
  }
});

/** A repository with a base commit and a head commit, for pull requests (the policy comes from base). */
function prRepo(): { ws: string; base: string; head: string } {
  const ws = workspace();
  git(ws, 'init', '-q', '-b', 'main');
  const base = commitAll(ws, 'base');
  writeFileSync(path.join(ws, 'notes.txt'), 'change\n');
  return { ws, base, head: commitAll(ws, 'head') };
}
const prPayload = (base: string, head: string, headRepo: string | null) => ({
  number: 3,
  pull_request: { number: 3, base: { sha: base, repo: { id: 1, full_name: 'acme/credit' } }, head: { sha: head, repo: headRepo === null ? null : { id: headRepo === 'acme/credit' ? 1 : 2, full_name: headRepo } } },
});

test('pull_request from this repository is attested; from a fork it is not (a notice says why, no output), even with no key', async () => {
  const { ws, base, head } = prRepo();
  const same = await gate(ws, { name: 'pull_request', payload: prPayload(base, head, 'acme/credit') }, { comment: 'never' });
  assert.equal(same.code, 0, same.stdout);
  assert.ok(existsSync(same.outputs['attestation-path']));

  // A fork's pull request gets no secrets: the signing-key input is empty there.
  const fork = await gate(ws, { name: 'pull_request', payload: prPayload(base, head, 'mallory/credit') }, { comment: 'never', 'signing-key': '' });
  assert.equal(fork.code, 0, fork.stdout);
  assert.equal(fork.outputs.verdict, 'pass');
  assert.equal(fork.outputs['attestation-path'], undefined);
  assert.equal(fork.outputs['attestation-report-path'], undefined);
  assert.ok(!existsSync(path.join(fork.runnerTemp, 'model-gate-model-gate.sigstore.json')));
  assert.deepEqual(notices(fork), ['::notice::model-gate: no attestation: this pull request comes from mallory/credit, a fork: pull requests from forks are never attested']);

  // With the key given anyway (a misconfigured workflow): still none.
  const forkKey = await gate(ws, { name: 'pull_request', payload: prPayload(base, head, 'mallory/credit') }, { comment: 'never' });
  assert.equal(forkKey.outputs['attestation-path'], undefined);
  // A deleted fork (head.repo null) counts as a fork.
  const gone = await gate(ws, { name: 'pull_request', payload: prPayload(base, head, null) }, { comment: 'never' });
  assert.equal(gone.outputs['attestation-path'], undefined);
  assert.match(notices(gone)[0], /head repository is unknown, so it counts as a fork: pull requests from forks are never attested$/);
});

test('pull_request_target never attests, even when allowed', async () => {
  const { ws, base, head } = prRepo();
  const run = await gate(ws, { name: 'pull_request_target', payload: prPayload(base, head, 'acme/credit') }, { comment: 'never', 'allow-pull-request-target': 'true' });
  assert.equal(run.code, 0, run.stdout);
  assert.equal(run.outputs['attestation-path'], undefined);
  assert.match(notices(run)[0], /^::notice::model-gate: no attestation: pull_request_target runs are never attested/);
});

test('attest: true without signing-key and without an OIDC token: error verdict before the gates, one line naming both ways out; a bad key too', async () => {
  const ws = workspace();
  const run = await gate(ws, { name: 'push', payload: {} }, { 'signing-key': '' });
  assert.equal(run.code, 1);
  assert.equal(run.outputs.verdict, 'error');
  assert.deepEqual(errorLines(run), ["::error::attest: true signs keyless with the workflow's OIDC identity, but this job has no OIDC token: add `permissions: id-token: write` to the job, or pass the signing-key input (a PEM private key, e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }})"]);
  assert.doesNotMatch(run.stdout, /gate accuracy/, 'no gate ran');
  assert.equal(run.outputs['attestation-path'], undefined);

  const pub = await gate(ws, { name: 'push', payload: {} }, { 'signing-key': readFileSync(path.join(ws, 'keys/example-signing.pub'), 'utf8') });
  assert.equal(pub.outputs.verdict, 'error');
  assert.match(errorLines(pub)[0], /^::error::signing key from the signing-key input holds a public key: give the PEM private key/);
  const notPem = await gate(ws, { name: 'push', payload: {} }, { 'signing-key': 'keys/example-signing.key' });
  assert.match(errorLines(notPem)[0], /signing-key holds no PEM block: pass the PEM text of the private key/);
  assert.doesNotMatch(run.stdout + pub.stdout + notPem.stdout, /at .*\.ts:\d+/, 'no stack trace');
});

test('verdict error: no attestation; an attestation-path that is a symlink makes the run an error', async () => {
  const ws = workspace((t) => t.replace('version: 1', 'version: 7'));
  const run = await gate(ws, { name: 'push', payload: {} });
  assert.equal(run.outputs.verdict, 'error');
  assert.equal(run.outputs['attestation-path'], undefined);

  const ok = workspace();
  const target = path.join(ok, 'elsewhere.json');
  writeFileSync(target, 'keep');
  const { symlinkSync } = await import('node:fs');
  symlinkSync(target, path.join(ok, 'att.json'));
  const link = await gate(ok, { name: 'push', payload: {} }, { 'attestation-path': 'att.json' });
  assert.equal(link.code, 1);
  assert.equal(link.outputs.verdict, 'error');
  assert.equal(readFileSync(target, 'utf8'), 'keep');
  assert.equal(link.outputs['attestation-path'], undefined);
  assert.match(link.stdout, /::error::model-gate: error: cannot write the attestation: attestation-path .*att\.json is a symlink/);
});

test('units: inputs defaults, the event decision, the signer, the masked parts, the verifier id', () => {
  const i = readInputs({ GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt' });
  assert.deepEqual([i.attest, i.signingKey, i.attestationPath], [false, '', '/rt/model-gate-model-gate.sigstore.json']);
  assert.throws(() => readInputs({ GITHUB_WORKSPACE: '/ws', INPUT_ATTEST: 'sometimes' }), /input attest is "sometimes": use true or false/);
  for (const name of ['push', 'release', 'workflow_dispatch', 'schedule']) assert.deepEqual(attestDecision(name, {}), { attest: true });
  for (const name of ['merge_group', 'pull_request_review', '']) assert.equal(attestDecision(name, {}).attest, false);
  assert.equal(attestDecision('pull_request', {}).attest, false, 'no repository information: treated as a fork');
  // Same full name but another id (a renamed-and-recreated repository): ids decide.
  assert.equal(attestDecision('pull_request', { pull_request: { head: { repo: { id: 2, full_name: 'a/b' } }, base: { repo: { id: 1, full_name: 'a/b' } } } }).attest, false);
  assert.equal(attestDecision('pull_request', { pull_request: { head: { repo: { full_name: 'A/b' } }, base: { repo: { full_name: 'a/B' } } } }).attest, true);
  assert.throws(() => resolveSigner('', {}), (e: unknown) => e instanceof GateError && /no OIDC token: add `permissions: id-token: write` to the job, or pass the signing-key input/.test(e.message));
  assert.throws(() => resolveSigner('', { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t.example/x' }), /no OIDC token/, 'the URL without the request token is not enough');
  const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' };
  const kl = resolveSigner('', oidc);
  assert.equal(kl.kind, 'keyless');
  assert.deepEqual(kl.kind === 'keyless' && [kl.fulcioUrl, kl.rekorUrl], ['https://fulcio.sigstore.dev', 'https://rekor.sigstore.dev']);
  const local = resolveSigner('', { ...oidc, MODEL_GATE_FULCIO_URL: 'http://127.0.0.1:1', MODEL_GATE_REKOR_URL: 'http://127.0.0.1:2' });
  assert.deepEqual(local.kind === 'keyless' && [local.fulcioUrl, local.rekorUrl], ['http://127.0.0.1:1', 'http://127.0.0.1:2']);
  assert.throws(() => resolveSigner('', { ...oidc, MODEL_GATE_REKOR_URL: 'http://rekor.example' }), /MODEL_GATE_REKOR_URL http:\/\/rekor\.example must be https/);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyed = resolveSigner(pem);
  assert.equal(keyed.kind === 'key' && keyed.key.hash, 'sha384');
  const parts = secretParts(pem);
  assert.equal(parts[0], pem);
  assert.ok(parts.slice(1).every((p) => !p.startsWith('-----') && pem.includes(p)));
  assert.deepEqual(secretParts(''), []);
  assert.equal(actionVerifierId({ GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_ACTION_REPOSITORY: 'o/model-gate', GITHUB_ACTION_REF: 'v1' }), 'https://ghe.example/o/model-gate@v1');
  assert.equal(actionVerifierId({ GITHUB_REPOSITORY: 'acme/credit', GITHUB_SHA: SHA }), `https://github.com/acme/credit@${SHA}`);
});
