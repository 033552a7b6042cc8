import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { GateError } from '../../src/errors.ts';
import { FsTrustedFiles } from '../../src/signature/fs-trusted.ts';
import { verifyModelSignature, type SignaturePolicy } from '../../src/signature/verify.ts';
import { runVerifyBundleCommand } from '../../src/cli/verify.ts';
import { captureIO, tempDir } from './helpers.ts';
import { buildStatement, pae } from './oms-sign.ts';
import { caCert, ecKey, leafCert, tlogEntry, trustedRoot, type KeyPair } from './pki.ts';

// Keyless signing against a PRIVATE Sigstore instance built here (test CA + CT log + Rekor key + trusted root), so
// that the keyless path is covered by inputs we control: OMS (DSSE) and plain message-signature bundles, the
// identity traps, SET/time checks, and the trust-root rules.

const ISSUER = 'https://token.actions.githubusercontent.com';
const WORKFLOW = 'https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main';
const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const NOT_AFTER = new Date('2025-01-01T00:10:00Z');
const INTEGRATED = Math.floor(new Date('2025-01-01T00:05:00Z').getTime() / 1000);

let ws: string;
let cleanup: () => void;
let ca: KeyPair, ct: KeyPair, rekor: KeyPair, caDer: Buffer;

before(() => {
  ({ dir: ws, cleanup } = tempDir());
  ca = ecKey();
  ct = ecKey();
  rekor = ecKey();
  caDer = caCert(ca);
  writeFileSync(path.join(ws, 'trusted_root.json'), JSON.stringify(trustedRoot({ ca: caDer, rekor, ct })));
  writeFileSync(path.join(ws, 'trusted_root_nostart.json'), JSON.stringify(trustedRoot({ ca: caDer, rekor, ct, tlogStart: null })));
  writeFileSync(path.join(ws, 'client_trust_config.json'), JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.clienttrustconfig.v0.1+json', trustedRoot: trustedRoot({ ca: caDer, rekor, ct }), signingConfig: {} }));
});
after(() => cleanup());

interface SignOpts {
  identity?: string;
  issuer?: string;
  integratedTime?: number;
  setKey?: KeyPair;
  chainWithRoot?: boolean;
}

/** Keyless OMS signing of a model folder: leaf cert, DSSE over the statement, Rekor `dsse` entry. */
function signOmsKeyless(model: string, o: SignOpts = {}): string {
  return signDsseKeyless(buildStatement(model).statement, o);
}

/** Keyless DSSE bundle over any in-toto statement. */
function signDsseKeyless(statement: object, o: SignOpts = {}): string {
  const leafKey = ecKey();
  const leaf = leafCert({ ca, ct, leafKey, identity: o.identity ?? WORKFLOW, issuer: o.issuer ?? ISSUER, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
  const payload = Buffer.from(JSON.stringify(statement));
  const payloadType = 'application/vnd.in-toto+json';
  const sig = sign('sha256', pae(payloadType, payload), leafKey.privateKey);
  const leafPem = Buffer.from(`-----BEGIN CERTIFICATE-----\n${leaf.toString('base64')}\n-----END CERTIFICATE-----\n`);
  const body = {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
      signatures: [{ signature: sig.toString('base64'), verifier: leafPem.toString('base64') }],
    },
  };
  const entry = tlogEntry({ rekor, body, kind: 'dsse', integratedTime: o.integratedTime ?? INTEGRATED, setKey: o.setKey });
  const material = o.chainWithRoot
    ? { x509CertificateChain: { certificates: [{ rawBytes: leaf.toString('base64') }, { rawBytes: caDer.toString('base64') }] } }
    : { certificate: { rawBytes: leaf.toString('base64') } };
  return JSON.stringify({
    mediaType: o.chainWithRoot ? 'application/vnd.dev.sigstore.bundle+json;version=0.2' : 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { ...material, tlogEntries: [entry] },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
  });
}

/** Keyless message-signature bundle over a file (what `cosign sign-blob --bundle` / `sigstore sign` produce). */
function signBlobKeyless(file: string, o: SignOpts = {}): string {
  const leafKey = ecKey();
  const leaf = leafCert({ ca, ct, leafKey, identity: o.identity ?? WORKFLOW, issuer: o.issuer ?? ISSUER, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
  const data = readFileSync(file);
  const digest = createHash('sha256').update(data).digest();
  const sig = sign('sha256', data, leafKey.privateKey);
  const leafPem = Buffer.from(`-----BEGIN CERTIFICATE-----\n${leaf.toString('base64')}\n-----END CERTIFICATE-----\n`);
  const body = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: { data: { hash: { algorithm: 'sha256', value: digest.toString('hex') } }, signature: { content: sig.toString('base64'), publicKey: { content: leafPem.toString('base64') } } },
  };
  const entry = tlogEntry({ rekor, body, kind: 'hashedrekord', integratedTime: o.integratedTime ?? INTEGRATED, setKey: o.setKey });
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { certificate: { rawBytes: leaf.toString('base64') }, tlogEntries: [entry] },
    messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest: digest.toString('base64') }, signature: sig.toString('base64') },
  });
}

function makeModel(name: string): string {
  const dir = path.join(ws, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), Buffer.from('onnx bytes for ' + name));
  writeFileSync(path.join(dir, 'README.md'), '# card');
  return dir;
}

function policy(name: string, over: Partial<SignaturePolicy> = {}): SignaturePolicy {
  return { required: true, bundle: `${name}/model.sig`, format: 'auto', subject: name, keyless: { identity: WORKFLOW, issuer: ISSUER }, 'trusted-root': 'trusted_root.json', ...over };
}
function run(name: string, p: SignaturePolicy, modelFile = 'model.onnx') {
  return verifyModelSignature({ policy: p, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, name, modelFile), cardPath: path.join(ws, name, 'README.md'), trusted: new FsTrustedFiles(ws) });
}
async function rejects(p: Promise<unknown>, code: string, re: RegExp, kind: 'fail' | 'error' = 'fail') {
  await assert.rejects(p, (e: unknown) => (e instanceof GateError && e.code === code && e.kind === kind && re.test(e.message) ? true : assert.fail(`${(e as GateError).code}/${(e as GateError).kind}: ${(e as Error).message}`)));
}

describe('keyless OMS with a private root', () => {
  test('verifies, reporting the identity, issuer, log index and trusted root date', async () => {
    const dir = makeModel('oms-ok');
    writeFileSync(path.join(dir, 'model.sig'), signOmsKeyless(dir));
    const r = await run('oms-ok', policy('oms-ok'));
    assert.equal(r.status, 'verified');
    assert.equal(r.method, 'keyless');
    assert.equal(r.identity, WORKFLOW);
    assert.equal(r.issuer, ISSUER);
    assert.equal(r.log_index, 7);
    assert.equal(r.transparency, 'log');
    assert.equal(r.trusted_root_date, '2024-01-01T00:00:00.000Z');
    assert.equal(r.covers_card, true);
    // A ClientTrustConfig carrying the same root works too.
    const r2 = await run('oms-ok', policy('oms-ok', { 'trusted-root': 'client_trust_config.json' }));
    assert.equal(r2.status, 'verified');
    // The public-good root does not trust the private CA.
    await rejects(run('oms-ok', policy('oms-ok', { 'trusted-root': undefined })), 'signature.invalid', /verification failed/);
  });

  test('identity matching is exact or anchored: a URL prefix and a longer name do not match', async () => {
    const dir = makeModel('oms-evil');
    writeFileSync(path.join(dir, 'model.sig'), signOmsKeyless(dir, { identity: WORKFLOW + '-evil' }));
    await rejects(run('oms-evil', policy('oms-evil')), 'signature.wrong-identity', /signed by ".*main-evil", but the policy expects identity/);
    const dir2 = makeModel('oms-evil2');
    writeFileSync(path.join(dir2, 'model.sig'), signOmsKeyless(dir2, { identity: 'ml-release-evil@x.example' }));
    await rejects(run('oms-evil2', policy('oms-evil2', { keyless: { 'identity-regex': 'ml-release', issuer: ISSUER } })), 'signature.wrong-identity', /matching \/\^\(\?:ml-release\)\$\//);
    await rejects(run('oms-evil2', policy('oms-evil2', { keyless: { 'identity-regex': 'ml-release@x\\.example', issuer: ISSUER } })), 'signature.wrong-identity', /ml-release-evil@x\.example/);
    const ok = await run('oms-evil2', policy('oms-evil2', { keyless: { 'identity-regex': 'ml-release-[a-z]+@x\\.example', issuer: ISSUER } }));
    assert.equal(ok.identity, 'ml-release-evil@x.example');
    // The trap is real: sigstore-js's own policy check treats the identity as an unanchored regex and accepts it.
    const bundle = bundleFromJSON(JSON.parse(readFileSync(path.join(dir2, 'model.sig'), 'utf8')));
    const tm = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(readFileSync(path.join(ws, 'trusted_root.json'), 'utf8'))));
    const signer = new Verifier(tm).verify(toSignedEntity(bundle), { subjectAlternativeName: 'ml-release', extensions: { issuer: ISSUER } });
    assert.equal(signer.identity?.subjectAlternativeName, 'ml-release-evil@x.example');
  });

  test('a wrong issuer, a forged SET, a log time outside the certificate and a tampered model are rejected', async () => {
    const dir = makeModel('oms-iss');
    writeFileSync(path.join(dir, 'model.sig'), signOmsKeyless(dir, { issuer: 'https://accounts.example.com' }));
    await rejects(run('oms-iss', policy('oms-iss')), 'signature.wrong-issuer', /issued by "https:\/\/accounts\.example\.com"/);
    const dir2 = makeModel('oms-set');
    writeFileSync(path.join(dir2, 'model.sig'), signOmsKeyless(dir2, { setKey: ecKey() }));
    await rejects(run('oms-set', policy('oms-set')), 'signature.invalid', /inclusion promise/);
    const dir3 = makeModel('oms-late');
    writeFileSync(path.join(dir3, 'model.sig'), signOmsKeyless(dir3, { integratedTime: INTEGRATED + 3600 }));
    await rejects(run('oms-late', policy('oms-late')), 'signature.invalid', /certificate/);
    const dir4 = makeModel('oms-tamper');
    writeFileSync(path.join(dir4, 'model.sig'), signOmsKeyless(dir4));
    writeFileSync(path.join(dir4, 'model.onnx'), 'swapped');
    await rejects(run('oms-tamper', policy('oms-tamper')), 'signature.model-mismatch', /changed: "model\.onnx"/);
  });

  test('trust-root traps: a tlog key without validFor.start, and a bundle chain that includes the root', async () => {
    const dir = makeModel('oms-trap');
    writeFileSync(path.join(dir, 'model.sig'), signOmsKeyless(dir));
    await rejects(run('oms-trap', policy('oms-trap', { 'trusted-root': 'trusted_root_nostart.json' })), 'signature.trusted-root', /has no validFor\.start/, 'error');
    const dir2 = makeModel('oms-rootchain');
    writeFileSync(path.join(dir2, 'model.sig'), signOmsKeyless(dir2, { chainWithRoot: true }));
    await rejects(run('oms-rootchain', policy('oms-rootchain')), 'signature.chain-includes-root', /includes a root/);
  });
});

describe('keyless message-signature bundle with a private root', () => {
  test('verifies over the model file, and by digest through verify-bundle; a changed file is rejected', async () => {
    const dir = makeModel('blob');
    const file = path.join(dir, 'model.onnx');
    writeFileSync(path.join(dir, 'model.onnx.sigstore.json'), signBlobKeyless(file));
    const p = policy('blob', { bundle: 'blob/model.onnx.sigstore.json', subject: 'blob/model.onnx' });
    const r = await run('blob', p);
    assert.equal(r.status, 'verified');
    assert.equal(r.format, 'sigstore-bundle');
    assert.equal(r.root_digest, 'sha256:' + createHash('sha256').update(readFileSync(file)).digest('hex'));
    assert.equal(r.covers_card, false);
    const digest = 'sha256:' + createHash('sha256').update(readFileSync(file)).digest('hex');
    const args = ['--bundle', path.join(dir, 'model.onnx.sigstore.json'), '--certificate-identity', WORKFLOW, '--certificate-oidc-issuer', ISSUER, '--trusted-root', path.join(ws, 'trusted_root.json')];
    for (const input of [file, digest]) {
      const { io, out } = captureIO();
      assert.equal(await runVerifyBundleCommand([...args, input], io), 0, out.stderr);
    }
    const { io, out } = captureIO();
    assert.equal(await runVerifyBundleCommand([...args.slice(0, 2), '--certificate-identity', 'https://github.com/acme/ml/.github/workflows/train.yml', ...args.slice(4), file], io), 1);
    assert.match(out.stderr, /expects identity/);
    writeFileSync(file, 'changed');
    await rejects(run('blob', p), 'signature.artifact-mismatch', /does not match the artifact/);
    await rejects(run('blob', { ...p, subject: 'blob' }), 'signature.subject', /covers one file/, 'error');
  });
});

describe('keyless DSSE (npm-provenance style) bundle with a private root', () => {
  test('binds through a sha512 subject digest; another file is rejected', async () => {
    const dir = makeModel('prov');
    const file = path.join(dir, 'model.onnx');
    const statement = {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'pkg:npm/model@1.0.0', digest: { sha512: createHash('sha512').update(readFileSync(file)).digest('hex') } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: { buildDefinition: { buildType: 'test' } },
    };
    writeFileSync(path.join(dir, 'provenance.json'), signDsseKeyless(statement));
    const p = policy('prov', { bundle: 'prov/provenance.json', subject: 'prov/model.onnx', format: 'sigstore-bundle' });
    const r = await run('prov', p);
    assert.equal(r.status, 'verified');
    assert.equal(r.format, 'sigstore-bundle');
    assert.equal(r.identity, WORKFLOW);
    await rejects(run('prov', { ...p, subject: 'prov/README.md' }, 'README.md'), 'signature.artifact-mismatch', /no subject of the signed in-toto statement/);
  });
});
