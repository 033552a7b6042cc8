/**
 * Attestations through GitHub's artifact attestations API, run as the runner runs both actions (src/main.ts, then
 * src/verify-action.ts with `source: github`), against a loopback stand-in of the API (test/helpers/github-server.ts)
 * and of the Actions OIDC endpoint, Fulcio and Rekor (test/signature/sigstore-servers.ts). No network.
 *   gate: a keyless attestation is stored (both statements), `attestation-id`/`attestation-url` set; key-signed
 *         ones are not; a refused store is a warning (auto) or an error (true).
 *   verify: fetched by the model's digest; every candidate verified offline; the newest by the expected signer
 *         about this model decides (a later FAILED run blocks; a policy digest selects); others' bundles, other
 *         predicate types and other models are set aside; inline bundles and Snappy `bundle_url` downloads (the
 *         token never goes there); pages beyond the first are read.
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.ts';
import { startPrivateSigstore, type PrivateSigstore } from '../signature/sigstore-servers.ts';
import { decodeBundleBytes } from '../../src/attest/github.ts';
import { nextLink } from '../../src/util/github-api.ts';
import { runVerifyAttestationCommand } from '../../src/cli/verify-attestation.ts';
import { captureIO } from '../signature/helpers.ts';

const SHA = 'f'.repeat(40);
const WORKFLOW = 'https://github.com/acme/credit/.github/workflows/gate.yml@refs/heads/main';
const GATE_CLAIMS = { sub: 'repo:acme/credit:ref:refs/heads/main', job_workflow_ref: 'acme/credit/.github/workflows/gate.yml@refs/heads/main' };
const dirs: string[] = [];
let sig: PrivateSigstore;
let gh: FakeGitHub;
let ws: string;
let gated: ActionRun;

const services = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: sig.oidcUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: sig.requestToken,
  MODEL_GATE_FULCIO_URL: sig.fulcioUrl,
  MODEL_GATE_REKOR_URL: sig.rekorUrl,
  GITHUB_API_URL: gh.url,
});

/** A workspace of the example with only the fast gates (the attestation is what is tested). */
function workspace(edit: (policy: string) => string = (p) => p): string {
  const dir = copyExample();
  dirs.push(dir);
  const p = path.join(dir, 'model-gate.yml');
  writeFileSync(p, edit(readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, '')));
  writeFileSync(path.join(dir, 'test-root.json'), JSON.stringify(sig.trustedRoot));
  return dir;
}

function gate(dir: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ workspace: dir, entry: 'src/main.ts', inputs: { policy: 'model-gate.yml', attest: 'true', token: 'ghs_gate_token', ...inputs }, event: { name: 'push', payload: {} }, env: { GITHUB_SHA: SHA, ...services(), ...env } })
    .then((r) => (dirs.push(r.runnerTemp), r));
}
function verify(inputs: Record<string, string>, dir = ws): Promise<ActionRun> {
  return runAction({ workspace: dir, entry: 'src/verify-action.ts', inputs: { 'model-path': 'model', source: 'github', token: 'ghs_deploy_token', identity: WORKFLOW, 'trusted-root': 'test-root.json', ...inputs }, env: { GITHUB_SHA: SHA, GITHUB_API_URL: gh.url } })
    .then((r) => (dirs.push(r.runnerTemp), r));
}
function refusedWith(run: ActionRun, re: RegExp): void {
  assert.equal(run.code, 1, run.stdout);
  assert.equal(run.outputs.verified, 'false');
  const lines = errorLines(run);
  assert.equal(lines.length, 1, run.stdout);
  assert.match(lines[0], re);
}

before(async () => {
  sig = await startPrivateSigstore();
  sig.claims = { ...sig.claims, ...GATE_CLAIMS };
  gh = await startFakeGitHub();
  ws = workspace();
  gated = await gate(ws);
});
after(async () => {
  await sig.close();
  await gh.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('gate, keyless on push: both statements stored through POST /repos/acme/credit/attestations with the token; outputs and summary say where', () => {
  assert.equal(gated.code, 0, gated.stdout + gated.stderr);
  assert.deepEqual(errorLines(gated), []);
  const posts = gh.requests.filter((r) => r.method === 'POST' && r.url === '/repos/acme/credit/attestations');
  assert.equal(posts.length, 2);
  for (const p of posts) assert.equal(p.authorization, 'Bearer ghs_gate_token');
  // Exactly the bundles written to the files: the verification summary first, the report statement second.
  assert.deepEqual(posts[0].body.bundle, JSON.parse(readFileSync(gated.outputs['attestation-path'], 'utf8')));
  assert.deepEqual(posts[1].body.bundle, JSON.parse(readFileSync(gated.outputs['attestation-report-path'], 'utf8')));
  const id = gh.attestations[0].id;
  assert.equal(gated.outputs['attestation-id'], String(id));
  assert.equal(gated.outputs['attestation-url'], `https://github.com/acme/credit/attestations/${id}`);
  assert.match(gated.summary, new RegExp(`; stored on GitHub: \`https://github\\.com/acme/credit/attestations/${id}\``));
  assert.deepEqual(gated.stdout.split('\n').filter((l) => l.includes('ghs_gate_token')), ['::add-mask::ghs_gate_token'], 'masked, never printed');
});

test('verify, source: github: fetched by the digest of the model folder\'s first file, the report statement set aside, the verification summary holds', async () => {
  const before = gh.requests.length;
  // model/ holds README.md, model.onnx and model.sig (never a subject): README.md comes first.
  const first = createHash('sha256').update(readFileSync(path.join(ws, 'model/README.md'))).digest('hex');
  const run = await verify({ 'require-gates': 'accuracy,signature', 'max-age': '1h' });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.verified, 'true');
  assert.equal(run.outputs.signer, WORKFLOW);
  const lists = gh.requests.slice(before).filter((r) => r.method === 'GET');
  assert.equal(lists.length, 1);
  assert.equal(lists[0].url, `/repos/acme/credit/attestations/sha256:${first}?per_page=100`);
  assert.equal(lists[0].authorization, 'Bearer ghs_deploy_token');
  assert.match(run.stdout, new RegExp(`2 attestation\\(s\\) of sha256:${first} in acme/credit`));
  assert.match(run.stdout, /GitHub attestation 2 of 2 \(acme\/credit\) decides \(the newest by the expected signer\); set aside: 1 another predicate type/);
  assert.match(run.summary, /\| attestation \| GitHub attestation 2 of 2 \(acme\/credit\), fetched from the attestations API/);
});

test('bundle_url answers (Snappy, another origin): downloaded without the token, verified the same', async () => {
  gh.attestationsVia = 'bundle_url';
  try {
    const run = await verify({ 'require-gates': 'accuracy' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(gh.blobRequests.length, 2);
    for (const r of gh.blobRequests) assert.equal(r.authorization, undefined, 'the token never goes to a download link');
    // A download larger than any bundle (17 MiB) is not read whole and not trusted: set aside, so nothing holds.
    gh.blobOverride = Buffer.alloc(17 * 1024 * 1024, 0x7b);
    refusedWith(await verify({}), /\(check: none\): .* \(2 found: 2 bundle could not be downloaded or decoded\)$/);
  } finally {
    gh.attestationsVia = 'inline';
    gh.blobOverride = null;
  }
});

test('probe: one changed byte of the weights -> the attestations of the folder are about another model; of its first file -> none found (check: none)', async () => {
  const dir = workspace();
  const flip = (f: string) => {
    const b = readFileSync(path.join(dir, f));
    b[b.length - 1] ^= 1;
    writeFileSync(path.join(dir, f), b);
  };
  flip('model/model.onnx');
  refusedWith(await verify({}, dir), /^::error::model-gate verify: the attestation does not hold \(check: none\): no attestation of this model in acme\/credit \(attestations of sha256:[0-9a-f]{64}\) is a verification summary signed by the expected signer \(2 found: 1 another predicate type, 1 about another model\)$/);
  flip('model/README.md');
  refusedWith(await verify({}, dir), /^::error::model-gate verify: the attestation does not hold \(check: none\): no attestation of this model in acme\/credit \(attestations of sha256:[0-9a-f]{64}\): the gate run did not store one/);
});

test('probe: another identity stores a newer attestation of the same model: set aside, the expected signer\'s still decides; with only that one: check none', async () => {
  const dir = workspace();
  sig.claims = { ...sig.claims, sub: 'repo:acme/credit:ref:refs/heads/evil', job_workflow_ref: 'acme/credit/.github/workflows/evil.yml@refs/heads/evil' };
  try {
    const other = await gate(dir);
    assert.equal(other.code, 0, other.stdout);
  } finally {
    sig.claims = { ...sig.claims, ...GATE_CLAIMS };
  }
  const run = await verify({});
  assert.equal(run.code, 0, run.stdout);
  assert.match(run.stdout, /set aside: 2 signed by another identity, 1 another predicate type/);
  refusedWith(await verify({ identity: 'https://github.com/acme/credit/.github/workflows/nobody.yml@refs/heads/main' }), /\(check: none\): no attestation of this model in acme\/credit .* is a verification summary signed by the expected signer \(4 found: 4 signed by another identity\)/);
});

test('probe: a later run of the same model FAILED: the newest decides (check: result); a policy digest selects the passing one', async () => {
  const passedPolicy = `sha256:${JSON.parse(readFileSync(gated.outputs['report-path'], 'utf8')).policy.sha256}`;
  const dir = workspace((p) => p.replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.999 }'));
  const failed = await gate(dir);
  assert.equal(failed.outputs.verdict, 'fail', failed.stdout);
  refusedWith(await verify({}), /\(check: result\): GitHub attestation \d+ of \d+ \(acme\/credit\): verificationResult is "FAILED", not "PASSED".*\(the newest of 2 attestation\(s\) of this model by the expected signer; 6 found/);
  const held = await verify({ 'policy-digest': passedPolicy });
  assert.equal(held.code, 0, held.stdout);
  assert.equal(held.outputs['policy-digest'], passedPolicy);
  refusedWith(await verify({ 'policy-digest': `sha256:${'0'.repeat(64)}` }), /\(check: policy\): none of the 2 attestation\(s\) of this model by the expected signer .* is under policy sha256:0{64}/);
  // Back to one passing run for the tests after this one.
  gh.attestations.splice(gh.attestations.length - 2, 2);
});

test('more than one page: the listing is followed along its Link header (same origin only)', async () => {
  // 150 of the report statement (another predicate type) stored after the verification summary: it is on page 2.
  const rep = gh.attestations[1].bundle;
  const added = Array.from({ length: 150 }, (_, i) => ({ id: 900000 + i, bundle: rep }));
  gh.attestations.push(...added);
  try {
    const before = gh.requests.length;
    const run = await verify({});
    assert.equal(run.code, 0, run.stdout);
    const gets = gh.requests.slice(before).filter((r) => r.method === 'GET').map((r) => r.url);
    assert.equal(gets.length, 2);
    assert.match(gets[1], /per_page=100&after=100$/);
  } finally {
    gh.attestations.splice(gh.attestations.length - added.length, added.length);
  }
  assert.equal(nextLink('<https://api.github.com/repos/a/b/attestations/sha256:1?after=2>; rel="next"', 'https://api.github.com'), 'https://api.github.com/repos/a/b/attestations/sha256:1?after=2');
  assert.equal(nextLink('<https://evil.example/steal>; rel="next"', 'https://api.github.com'), null, 'the token never follows a link off the API origin');
  assert.equal(nextLink('<https://api.github.com/x>; rel="prev"', 'https://api.github.com'), null);
  assert.equal(decodeBundleBytes(Buffer.from('not json, not snappy')), null);
});

test('gate: key-signed attestations are not stored; a refused store is a warning (auto) or an error (true); true with a key is refused before the gates', async () => {
  const dir = workspace();
  const key = readFileSync(path.join(dir, 'keys/example-signing.key'), 'utf8');
  const n = gh.attestations.length;
  const keyed = await gate(dir, { 'signing-key': key });
  assert.equal(keyed.code, 0, keyed.stdout);
  assert.equal(gh.attestations.length, n);
  assert.match(keyed.stdout, /the attestation is key-signed, so it is not stored on GitHub/);
  assert.equal(keyed.outputs['attestation-id'], undefined);

  gh.failures.push({ pattern: /^POST \/repos\/acme\/credit\/attestations$/, status: 403 });
  try {
    const auto = await gate(dir);
    assert.equal(auto.code, 0, auto.stdout);
    assert.equal(auto.outputs.verdict, 'pass');
    assert.ok(auto.outputs['attestation-path']);
    assert.match(auto.stdout, /warning: cannot store the attestation through http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/credit\/attestations: HTTP 403 Resource not accessible by integration: give the job `permissions: attestations: write`.*; the attestation files are written all the same/);
    const must = await gate(dir, { 'store-attestation': 'true' });
    assert.equal(must.code, 1);
    assert.equal(must.outputs.verdict, 'error');
    assert.match(errorLines(must).at(-1)!, /^::error::model-gate: error: cannot write the attestation: cannot store the attestation .*HTTP 403/);
  } finally {
    gh.failures.length = 0;
  }
  const keyTrue = await gate(dir, { 'signing-key': key, 'store-attestation': 'true' });
  assert.equal(keyTrue.code, 1);
  assert.deepEqual(errorLines(keyTrue), ['::error::store-attestation: true needs keyless signing (no signing-key): GitHub stores and `gh attestation verify` checks bundles with a Fulcio certificate of the workflow, not key-signed ones']);
  assert.doesNotMatch(keyTrue.stdout, /gate accuracy/);
});

test('verify inputs: source github with an attestation file, an unknown source, a bad repository: one line each', async () => {
  const bad = async (inputs: Record<string, string>, re: RegExp) => {
    const run = await verify(inputs);
    assert.equal(run.code, 1, run.stdout);
    assert.match(errorLines(run)[0], re);
  };
  await bad({ attestation: 'x.json' }, /inputs attestation and source: github are exclusive/);
  await bad({ source: 'registry' }, /input source is "registry": use file \(the attestation input\) or github/);
  await bad({ repository: 'not a repo' }, /input repository must be OWNER\/NAME, got "not a repo"/);
});

test('CLI: verify-attestation --from-github acme/credit (GITHUB_API_URL, GH_TOKEN) fetches and decides the same way', async () => {
  const { io, out } = captureIO();
  const env = { GITHUB_API_URL: gh.url, GH_TOKEN: 'ghp_cli_token' };
  const before = gh.requests.length;
  const args = [path.join(ws, 'model'), '--from-github', 'acme/credit', '--identity', WORKFLOW, '--issuer', 'https://token.actions.githubusercontent.com', '--trusted-root', path.join(ws, 'test-root.json'), '--require-gates', 'accuracy'];
  const code = await runVerifyAttestationCommand(args, io, () => new Date(), env);
  assert.equal(code, 0, out.stderr);
  assert.match(out.stdout, /^OK: .*model \(2 file\(s\)\) passed model-gate at /);
  assert.match(out.stdout, /\nfrom: GitHub attestation \d+ of \d+ \(acme\/credit\), the newest of \d+ attestation\(s\) of sha256:[0-9a-f]{64} by the expected signer \(set aside: /);
  assert.equal(gh.requests.slice(before).find((r) => r.method === 'GET')?.authorization, 'Bearer ghp_cli_token');
  const both = captureIO();
  assert.equal(await runVerifyAttestationCommand([...args, '--attestation', 'x.json'], both.io, () => new Date(), env), 2);
  assert.match(both.out.stderr, /--attestation FILE and --from-github OWNER\/REPO are exclusive/);
});

test('the same loop through the built bundles: dist/index.js stores keyless, dist/verify.js fetches by digest (separate processes)', async () => {
  // Not skippable: a missing dist/ fails here with "run `npm run build` first" (CI builds before testing).
  const dir = workspace();
  const n = gh.attestations.length;
  const g = await runAction({ workspace: dir, entry: 'dist/index.js', inputs: { policy: 'model-gate.yml', attest: 'true', token: 'ghs_gate_token' }, event: { name: 'push', payload: {} }, env: { GITHUB_SHA: SHA, ...services() } });
  dirs.push(g.runnerTemp);
  assert.equal(g.code, 0, g.stdout + g.stderr);
  assert.equal(gh.attestations.length, n + 2);
  const v = await runAction({ workspace: dir, entry: 'dist/verify.js', inputs: { 'model-path': 'model', source: 'github', token: 'ghs_deploy_token', identity: WORKFLOW, 'trusted-root': 'test-root.json', 'require-gates': 'accuracy,model-card' }, env: { GITHUB_API_URL: gh.url } });
  dirs.push(v.runnerTemp);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.equal(v.outputs.verified, 'true');
  assert.match(v.stdout, /GitHub attestation 2 of 6 \(acme\/credit\) decides \(the newest by the expected signer\); set aside: 2 another predicate type, 2 signed by another identity/);
});
