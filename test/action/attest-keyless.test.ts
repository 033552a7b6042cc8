/**
 * The gate action attesting keyless, run as the runner runs it (src/main.ts: INPUT_*, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH) against the loopback stand-ins of the Actions OIDC token endpoint, Fulcio
 * and Rekor (test/signature/sigstore-servers.ts): `attest: true` with no signing-key on push, the job given
 * `id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN point at the stand-in), then the deploy-side action
 * (src/verify-action.ts) with identity/issuer/trusted-root (the test root); probes: another identity, no id-token.
 * No network: every URL is 127.0.0.1.
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { GITHUB_ISSUER, startPrivateSigstore, type PrivateSigstore } from '../signature/sigstore-servers.ts';

const SHA = 'e'.repeat(40);
const WORKFLOW = 'https://github.com/acme/credit/.github/workflows/gate.yml@refs/heads/main';
const dirs: string[] = [];
let sig: PrivateSigstore;
let ws: string;
let gated: ActionRun;

/** The runner's environment for a job with `permissions: id-token: write`, services on the stand-ins. */
const idToken = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: sig.oidcUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: sig.requestToken,
  MODEL_GATE_FULCIO_URL: sig.fulcioUrl,
  MODEL_GATE_REKOR_URL: sig.rekorUrl,
});

function gate(env: Record<string, string>): Promise<ActionRun> {
  return runAction({ workspace: ws, entry: 'src/main.ts', inputs: { policy: 'model-gate.yml', attest: 'true' }, event: { name: 'push', payload: {} }, env: { GITHUB_SHA: SHA, ...env } })
    .then((r) => (dirs.push(r.runnerTemp), r));
}
function verify(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ workspace: ws, entry: 'src/verify-action.ts', inputs: { 'model-path': 'model', attestation: gated.outputs['attestation-path'], ...inputs }, env: { GITHUB_SHA: SHA } })
    .then((r) => (dirs.push(r.runnerTemp), r));
}

before(async () => {
  sig = await startPrivateSigstore();
  sig.claims = { ...sig.claims, sub: 'repo:acme/credit:ref:refs/heads/main', job_workflow_ref: 'acme/credit/.github/workflows/gate.yml@refs/heads/main' };
  ws = copyExample();
  dirs.push(ws);
  const p = path.join(ws, 'model-gate.yml');
  // Only the fast gates (accuracy + model-card): the attestation is what is tested here.
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, ''));
  writeFileSync(path.join(ws, 'test-root.json'), JSON.stringify(sig.trustedRoot));
  gated = await gate(idToken());
});
after(async () => {
  await sig.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('push, attest: true, no signing-key, id-token: write: both statements signed keyless (Fulcio leaf, one Rekor entry each), the summary names the identity', () => {
  assert.equal(gated.code, 0, gated.stdout + gated.stderr);
  assert.deepEqual(errorLines(gated), []);
  assert.equal(gated.outputs.verdict, 'pass');
  const b = JSON.parse(readFileSync(gated.outputs['attestation-path'], 'utf8'));
  const rep = JSON.parse(readFileSync(gated.outputs['attestation-report-path'], 'utf8'));
  assert.equal(b.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
  assert.ok(b.verificationMaterial.certificate.rawBytes);
  assert.equal(b.verificationMaterial.publicKey, undefined);
  assert.equal(rep.verificationMaterial.certificate.rawBytes, b.verificationMaterial.certificate.rawBytes, 'one certificate per run');
  assert.notEqual(rep.verificationMaterial.tlogEntries[0].logIndex, b.verificationMaterial.tlogEntries[0].logIndex);
  assert.equal(sig.logged(), 2);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  assert.match(gated.summary, new RegExp(`\\*\\*Attestation:\\*\\* verification summary \`PASSED\` signed by keyless as \`${esc(WORKFLOW)}\` \\(issuer \`${esc(GITHUB_ISSUER)}\`\\): \`${esc(gated.outputs['attestation-path'])}\``));
  assert.match(gated.stdout, new RegExp(`signed by keyless as ${esc(WORKFLOW)} \\(issuer ${esc(GITHUB_ISSUER)}; logged in http://127\\.0\\.0\\.1:\\d+\\)`));
  assert.ok(!gated.stdout.includes(sig.requestToken), 'the request token is never printed');
});

test('verify action: identity + trusted-root (issuer defaults to GitHub Actions\') holds; identity-regex too', async () => {
  const run = await verify({ identity: WORKFLOW, 'trusted-root': 'test-root.json', 'require-gates': 'accuracy,signature', 'max-age': '1h' });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(errorLines(run), []);
  assert.equal(run.outputs.verified, 'true');
  assert.equal(run.outputs.signer, WORKFLOW);
  assert.match(run.stdout, /attested by https:\/\/github\.com\/acme\/credit\/\.github\/workflows\/gate\.yml@refs\/heads\/main \(issuer https:\/\/token\.actions\.githubusercontent\.com, transparency log index \d+, trusted root test-root\.json\)/);
  assert.match(run.summary, /\| signer \| keyless `https:\/\/github\.com\/acme\/credit\/\.github\/workflows\/gate\.yml@refs\/heads\/main` \(issuer `https:\/\/token\.actions\.githubusercontent\.com`, log index \d+\) \|/);
  const re = await verify({ 'identity-regex': 'https://github\\.com/acme/credit/\\.github/workflows/gate\\.yml@refs/heads/.+', issuer: GITHUB_ISSUER, 'trusted-root': 'test-root.json' });
  assert.equal(re.code, 0, re.stdout);
});

test('probes: another identity, another issuer, the public-good root, a key -> exit 1, one ::error:: line naming the check', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ identity: 'https://github.com/acme/credit/.github/workflows/other.yml@refs/heads/main', 'trusted-root': 'test-root.json' }, /^::error::model-gate verify: the attestation does not hold \(check: identity\): .*but the policy expects identity "https:\/\/github\.com\/acme\/credit\/\.github\/workflows\/other\.yml@refs\/heads\/main"/],
    [{ 'identity-regex': 'https://github\\.com/acme/credit', 'trusted-root': 'test-root.json' }, /\(check: identity\): .*identity matching/],
    [{ identity: WORKFLOW, issuer: 'https://accounts.google.com', 'trusted-root': 'test-root.json' }, /\(check: identity\): .*but the policy expects issuer "https:\/\/accounts\.google\.com"/],
    [{ identity: WORKFLOW }, /\(check: signature\)/],
    [{ key: 'keys/example-signing.pub' }, /\(check: signature\): .*is signed keyless/],
  ];
  for (const [inputs, re] of cases) {
    const run = await verify(inputs);
    assert.equal(run.code, 1, JSON.stringify(inputs) + run.stdout);
    assert.equal(run.outputs.verified, 'false');
    const lines = errorLines(run);
    assert.equal(lines.length, 1, run.stdout);
    assert.match(lines[0], re);
  }
});

test('no id-token: write (no ACTIONS_ID_TOKEN_REQUEST_* in the job): error verdict before the gates, one line saying what to add', async () => {
  const before = sig.logged();
  const { ACTIONS_ID_TOKEN_REQUEST_URL: _u, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _t, ...services } = idToken();
  const run = await gate(services);
  assert.equal(run.code, 1);
  assert.equal(run.outputs.verdict, 'error');
  assert.equal(run.outputs['attestation-path'], undefined);
  assert.deepEqual(errorLines(run), ["::error::attest: true signs keyless with the workflow's OIDC identity, but this job has no OIDC token: add `permissions: id-token: write` to the job, or pass the signing-key input (a PEM private key, e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }})"]);
  assert.doesNotMatch(run.stdout, /gate accuracy/, 'no gate ran');
  assert.equal(sig.logged(), before, 'nothing logged');
});

test('a Rekor answer about another signature: the verdict becomes error, the step fails, no attestation is written', async () => {
  sig.faults.rekorOtherEntry = true;
  try {
    const run = await gate(idToken());
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'error');
    assert.equal(run.outputs['attestation-path'], undefined);
    assert.match(errorLines(run).at(-1)!, /^::error::model-gate: error: cannot write the attestation: Rekor \(http:\/\/127\.0\.0\.1:\d+\) returned an entry that is not about this signature/);
    assert.ok(!run.stdout.includes(sig.requestToken));
  } finally {
    sig.faults.rekorOtherEntry = false;
  }
});
