/**
 * Keyless signing end to end against loopback stand-ins of the Actions OIDC token endpoint, Fulcio and Rekor
 * (test/signature/sigstore-servers.ts, on the private Sigstore instance of pki.ts), through the real CLI:
 * sign --keyless -> verify, check --attestation --keyless -> verify-attestation --identity/--issuer, then the probes
 * (another identity, issuer, root; a payload edited after signing; a Rekor entry for another payload) and the
 * client's own refusals. No network: every URL is 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { loadSigningKey, signDsse } from '../../src/signature/sign/dsse.ts';
import { keylessSigner } from '../../src/signature/sign/keyless.ts';
import { copyExample } from '../helpers/example.ts';
import { captureIO } from '../signature/helpers.ts';
import { GITHUB_ISSUER, otherTrustedRoot, startPrivateSigstore, type PrivateSigstore } from '../signature/sigstore-servers.ts';

const WORKFLOW = 'https://github.com/acme/ml/.github/workflows/gate.yml@refs/heads/main';

let ws: string;
let sig: PrivateSigstore;
let att: string;
let root: string;
const saved = { url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL, token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN };

async function cli(args: string[]) {
  const { io, out } = captureIO();
  const code = await main(args, io);
  return { code, ...out };
}
const services = () => ['--fulcio-url', sig.fulcioUrl, '--rekor-url', sig.rekorUrl];
function inActions(on: boolean) {
  if (on) {
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = sig.oidcUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = sig.requestToken;
  } else {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  }
}
async function verifyAtt(file: string, extra: string[]) {
  return cli(['verify-attestation', path.join(ws, 'model'), '--attestation', file, ...extra]);
}
const who = (id = WORKFLOW, iss = GITHUB_ISSUER, trusted = root) => ['--identity', id, '--issuer', iss, '--trusted-root', trusted];
function edited(name: string, change: (b: any) => void): string {
  const b = JSON.parse(readFileSync(att, 'utf8'));
  change(b);
  const file = path.join(ws, 'out', name);
  writeFileSync(file, JSON.stringify(b));
  return file;
}

before(async () => {
  sig = await startPrivateSigstore();
  ws = copyExample();
  root = path.join(ws, 'test-root.json');
  writeFileSync(root, JSON.stringify(sig.trustedRoot));
  writeFileSync(path.join(ws, 'other-root.json'), JSON.stringify(otherTrustedRoot()));
  att = path.join(ws, 'out/gate.sigstore.json');
  inActions(true);
  const r = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--attestation', att, '--keyless', ...services(), '--trusted-root', root]);
  inActions(false);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`signed keyless as ${WORKFLOW.replace(/[.]/g, '\\.')} \\(issuer ${GITHUB_ISSUER.replace(/[.]/g, '\\.')}\\)`));
});
after(async () => {
  inActions(false);
  if (saved.url !== undefined) process.env.ACTIONS_ID_TOKEN_REQUEST_URL = saved.url;
  if (saved.token !== undefined) process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = saved.token;
  await sig.close();
  rmSync(ws, { recursive: true, force: true });
});

test('check --attestation --keyless: a bundle v0.3 with the Fulcio leaf and a Rekor dsse entry (SET + inclusion proof), one entry per statement', () => {
  const b = JSON.parse(readFileSync(att, 'utf8'));
  assert.equal(b.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
  assert.ok(b.verificationMaterial.certificate.rawBytes);
  assert.equal(b.verificationMaterial.publicKey, undefined);
  const [e] = b.verificationMaterial.tlogEntries;
  assert.deepEqual(e.kindVersion, { kind: 'dsse', version: '0.0.1' });
  assert.ok(e.inclusionPromise.signedEntryTimestamp && e.inclusionProof.checkpoint.envelope && e.canonicalizedBody);
  const body = JSON.parse(Buffer.from(e.canonicalizedBody, 'base64').toString('utf8'));
  assert.equal(body.spec.signatures[0].signature, b.dsseEnvelope.signatures[0].sig);
  const rep = JSON.parse(readFileSync(path.join(ws, 'out/gate.report.sigstore.json'), 'utf8'));
  assert.notEqual(rep.verificationMaterial.tlogEntries[0].logIndex, e.logIndex);
  assert.equal(rep.verificationMaterial.certificate.rawBytes, b.verificationMaterial.certificate.rawBytes, 'one certificate per run');
});

test('verify-attestation --identity --issuer --trusted-root holds (exit 0), and with an anchored --identity-regex', async () => {
  const r = await verifyAtt(att, [...who(), '--require-gates', 'robustness,signature', '--max-age', '1h']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^OK: .*model \\(2 file\\(s\\)\\) passed model-gate at .* attested by ${WORKFLOW.replace(/[.]/g, '\\.')} \\(issuer ${GITHUB_ISSUER.replace(/[.]/g, '\\.')}, transparency log index \\d+, trusted root .*test-root\\.json\\)`));
  const re = await verifyAtt(att, ['--identity-regex', 'https://github\\.com/acme/ml/\\.github/workflows/gate\\.yml@refs/heads/.+', '--issuer', GITHUB_ISSUER, '--trusted-root', root]);
  assert.equal(re.code, 0, re.stderr);
});

test('probes: another identity, a prefix regex, another issuer, an untrusted root, the shipped public-good root -> exit 1, one line each', async () => {
  const cases: [string[], RegExp][] = [
    [who('https://github.com/acme/ml/.github/workflows/other.yml@refs/heads/main'), /failed: .*signed by "https:\/\/github\.com\/acme\/ml\/\.github\/workflows\/gate\.yml@refs\/heads\/main", but the policy expects identity "https:\/\/github\.com\/acme\/ml\/\.github\/workflows\/other\.yml/],
    [['--identity-regex', 'https://github\\.com/acme/ml', '--issuer', GITHUB_ISSUER, '--trusted-root', root], /but the policy expects identity matching \/\^\(\?:https:\/\/github\\\.com\/acme\/ml\)\$\/: the model was not signed by the expected signer/],
    [who(WORKFLOW, 'https://accounts.google.com'), /was issued by "https:\/\/token\.actions\.githubusercontent\.com", but the policy expects issuer "https:\/\/accounts\.google\.com"/],
    [who(WORKFLOW, GITHUB_ISSUER, path.join(ws, 'other-root.json')), /gate\.sigstore\.json: signature verification failed: .*: the attestation was not signed under the trusted root/],
    [['--identity', WORKFLOW, '--issuer', GITHUB_ISSUER], /signature verification failed/],
  ];
  for (const [args, re] of cases) {
    const r = await verifyAtt(att, args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('probe: a payload edited after signing -> exit 1', async () => {
  const file = edited('edited.json', (b) => {
    const st = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8'));
    st.predicate.timeVerified = new Date().toISOString();
    b.dsseEnvelope.payload = Buffer.from(JSON.stringify(st, null, 2)).toString('base64');
  });
  const r = await verifyAtt(file, who());
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /edited\.json: signature verification failed: .*(signature|digest|hash)/i);
});

test('probe: a Rekor entry for another payload (the .report statement\'s entry) -> exit 1', async () => {
  const rep = JSON.parse(readFileSync(path.join(ws, 'out/gate.report.sigstore.json'), 'utf8'));
  const file = edited('swapped-entry.json', (b) => {
    b.verificationMaterial.tlogEntries = rep.verificationMaterial.tlogEntries;
  });
  const r = await verifyAtt(file, who());
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /swapped-entry\.json: signature verification failed: .*tlog entry signature mismatch/);
});

test('a keyless attestation given --key, a key attestation given --identity: exit 1 naming the method; usage errors exit 2', async () => {
  const k = await verifyAtt(att, ['--key', path.join(ws, 'keys/example-signing.pub')]);
  assert.equal(k.code, 1);
  assert.match(k.stderr, /is signed keyless \(a certificate, not a key\): verify it with --identity/);
  const b = JSON.parse(readFileSync(att, 'utf8'));
  const key = loadSigningKey(readFileSync(path.join(ws, 'keys/example-signing.key')), 'example-signing.key');
  const keyAtt = path.join(ws, 'out/key.sigstore.json');
  writeFileSync(keyAtt, JSON.stringify(signDsse(Buffer.from(b.dsseEnvelope.payload, 'base64'), b.dsseEnvelope.payloadType, key)));
  const i = await verifyAtt(keyAtt, who());
  assert.equal(i.code, 1);
  assert.match(i.stderr, /key\.sigstore\.json is signed with a key \(no certificate\): verify it with --key/);
  assert.equal((await verifyAtt(keyAtt, ['--key', path.join(ws, 'keys/example-signing.pub')])).code, 0);
  const usage: [string[], RegExp][] = [
    [['--identity', WORKFLOW], /--issuer is required with --identity/],
    [['--issuer', GITHUB_ISSUER], /--identity or --identity-regex is required with --issuer/],
    [['--key', 'k.pub', '--identity', WORKFLOW, '--issuer', GITHUB_ISSUER], /give either --key PEM or --identity/],
    [['--identity', WORKFLOW, '--identity-regex', '.*', '--issuer', GITHUB_ISSUER], /exclusive/],
    [['--identity-regex', '(', '--issuer', GITHUB_ISSUER], /is not a valid regular expression/],
    [[...who(WORKFLOW, GITHUB_ISSUER, path.join(ws, 'missing-root.json'))], /--trusted-root .*missing-root\.json cannot be read/],
  ];
  for (const [args, re] of usage) {
    const r = await verifyAtt(att, args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], re);
  }
});

test('sign --keyless --oidc-token-file -> verify --identity --issuer --trusted-root (the existing OMS verifier): exit 0; another identity: 1', async () => {
  const model = path.join(ws, 'signed-model');
  cpSync(path.join(ws, 'model'), model, { recursive: true });
  rmSync(path.join(model, 'model.sig'), { force: true });
  const tokenFile = path.join(ws, 'token.jwt');
  writeFileSync(tokenFile, sig.mintToken({ ...sig.claims, aud: 'sigstore' }) + '\n');
  const before = sig.logged();
  const s = await cli(['sign', model, '--keyless', '--oidc-token-file', tokenFile, ...services(), '--trusted-root', root]);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, new RegExp(`keyless as ${WORKFLOW.replace(/[.]/g, '\\.')} \\(issuer .*\\), transparency log index \\d+`));
  assert.equal(sig.logged(), before + 1);
  const v = await cli(['verify', model, '--signature', path.join(model, 'model.sig'), ...who()]);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^OK: /);
  const bad = await cli(['verify', model, '--signature', path.join(model, 'model.sig'), ...who('https://github.com/evil/ml/.github/workflows/gate.yml@refs/heads/main')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /but the policy expects identity/);
});

test('an email-based issuer: the proof of possession is over the verified email claim (as Fulcio checks); verify by the email', async () => {
  const model = path.join(ws, 'email-model.onnx');
  cpSync(path.join(ws, 'model/model.onnx'), model);
  const tokenFile = path.join(ws, 'email.jwt');
  writeFileSync(tokenFile, sig.mintToken({ iss: 'https://oauth2.sigstore.dev/auth', sub: 'CgQxMjM0EgZnaXRodWI', email: 'ml-release@acme.example', email_verified: true, aud: 'sigstore' }));
  const s = await cli(['sign', model, '--keyless', '--oidc-token-file', tokenFile, ...services()]);
  assert.equal(s.code, 0, s.stderr);
  const v = await cli(['verify', model, '--signature', `${model}.sig`, ...who('ml-release@acme.example', 'https://oauth2.sigstore.dev/auth')]);
  assert.equal(v.code, 0, v.stderr);
});

test('--trusted-root with --keyless: a bundle that does not verify against it is not written (exit 2, one line)', async () => {
  const model = path.join(ws, 'model/model.onnx');
  const out = path.join(ws, 'out/self-check.sig');
  const tokenFile = path.join(ws, 'token2.jwt');
  writeFileSync(tokenFile, sig.mintToken({ ...sig.claims, aud: 'sigstore' }));
  const r = await cli(['sign', model, '--keyless', '--oidc-token-file', tokenFile, ...services(), '--trusted-root', path.join(ws, 'other-root.json'), '--output', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^model-gate: sign: signed, but the new bundle: signature verification failed: .* \(against the trusted root given\): not written\n$/);
  assert.equal(existsSync(out), false);
});

test('--keyless without an OIDC token (outside Actions, no --oidc-token-file): one-line usage error, exit 2, nothing written', async () => {
  inActions(false);
  const out = path.join(ws, 'out/none.sigstore.json');
  const c = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--attestation', out, '--keyless']);
  assert.equal(c.code, 2);
  assert.match(c.stderr.split('\n')[0], /^model-gate: keyless signing needs an OIDC token: run inside GitHub Actions with `permissions: id-token: write`.*or give --oidc-token-file FILE$/);
  assert.equal(existsSync(out), false);
  const s = await cli(['sign', path.join(ws, 'model'), '--keyless', '--output', path.join(ws, 'out/x.sig')]);
  assert.equal(s.code, 2);
  assert.match(s.stderr.split('\n')[0], /keyless signing needs an OIDC token/);
  const both = await cli(['sign', path.join(ws, 'model'), '--keyless', '--signing-key', 'k.pem']);
  assert.match(both.stderr.split('\n')[0], /--keyless and --signing-key are exclusive/);
  const stray = await cli(['sign', path.join(ws, 'model'), '--signing-key', 'k.pem', '--fulcio-url', sig.fulcioUrl]);
  assert.match(stray.stderr.split('\n')[0], /--fulcio-url is for --keyless/);
});

test('the client fails closed: wrong bearer, a certificate for another key, a Rekor entry about another envelope or without proof, clear-text URLs', async () => {
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const type = 'application/vnd.in-toto+json';
  const run = async (opts: Parameters<typeof keylessSigner>[0]) => {
    try {
      await keylessSigner(opts).sign(payload, type);
      return 'signed';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const base = { fulcioUrl: sig.fulcioUrl, rekorUrl: sig.rekorUrl };
  const wrong = await run({ ...base, token: { tokenRequest: { url: sig.oidcUrl, token: 'not-the-bearer' } } });
  assert.match(wrong, /the GitHub Actions OIDC token endpoint \(http:\/\/127\.0\.0\.1:\d+\) answered HTTP 401/);
  assert.doesNotMatch(wrong, /not-the-bearer/);
  const good = { ...base, token: { tokenRequest: { url: sig.oidcUrl, token: sig.requestToken } } };
  assert.equal(await run(good), 'signed');
  sig.faults.fulcioUnavailable = 1;
  assert.equal(await run(good), 'signed', 'a transient 503 from Fulcio is asked again');
  sig.faults.fulcioUnavailable = 3;
  assert.match(await run(good), /Fulcio \(http:\/\/127\.0\.0\.1:\d+\) answered HTTP 503: unavailable/);
  sig.faults.fulcioUnavailable = 0;
  const aud = await run({ ...good, audience: 'other' });
  assert.match(aud, /Fulcio .* answered HTTP 401: audience other is not sigstore/);
  for (const [fault, re] of [
    ['fulcioOtherKey', /Fulcio .* returned a certificate for another public key/],
    ['rekorOtherEntry', /Rekor .* returned an entry that is not about this signature/],
    ['rekorNoProof', /Rekor .* returned an entry without an inclusion proof/],
  ] as const) {
    sig.faults[fault] = true;
    try {
      assert.match(await run(good), re);
    } finally {
      sig.faults[fault] = false;
    }
  }
  assert.throws(() => keylessSigner({ ...good, fulcioUrl: 'http://fulcio.example.com' }), /the Fulcio URL http:\/\/fulcio\.example\.com must be https/);
  const unverified = await run({ ...base, token: { oidcToken: sig.mintToken({ iss: 'https://oauth2.sigstore.dev/auth', sub: 'x', email: 'a@b.example', email_verified: false, aud: 'sigstore' }) } });
  assert.match(unverified, /the OIDC token: the token's email "a@b\.example" is not verified by the issuer/);
  const garbage = await run({ ...base, token: { oidcToken: 'not-a-jwt' } });
  assert.match(garbage, /the OIDC token is not a JWT/);
});
