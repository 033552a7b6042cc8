import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GateError } from '../../src/errors.ts';
import { FsTrustedFiles } from '../../src/signature/fs-trusted.ts';
import { verifyModelSignature, type SignaturePolicy } from '../../src/signature/verify.ts';
import { tempDir } from './helpers.ts';
import { signOmsWithKey } from './oms-sign.ts';
import { caCert, ecKey, issueCert, pem, type KeyPair } from './pki.ts';

// Certificate mode with a CA hierarchy made here: root (policy) -> intermediate (bundle) -> leaf (bundle).

let ws: string;
let cleanup: () => void;
let root: KeyPair, inter: KeyPair;
let rootDer: Buffer, interDer: Buffer;
const T0 = new Date('2024-06-01T00:00:00Z');
const T1 = new Date('2024-06-02T00:00:00Z'); // the leaf has long expired: verification happens at its notBefore

before(() => {
  ({ dir: ws, cleanup } = tempDir());
  root = ecKey('P-384');
  inter = ecKey('P-256');
  rootDer = caCert(root, 'test-root', new Date('2020-01-01T00:00:00Z'), new Date('2040-01-01T00:00:00Z'));
  interDer = issueCert({ issuerKey: root, issuerCn: 'test-root', subjectCn: 'test-intermediate', key: inter, notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: new Date('2039-01-01T00:00:00Z'), ca: true });
  writeFileSync(path.join(ws, 'root.pem'), pem(rootDer));
});
after(() => cleanup());

function signed(name: string, leafOpts: { digitalSignature?: boolean; codeSigning?: boolean; notBefore?: Date; interNotAfter?: Date; withRoot?: boolean }, curve = 'P-384'): string {
  const dir = path.join(ws, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), 'weights of ' + name);
  const leaf = ecKey(curve);
  const leafDer = issueCert({ issuerKey: inter, issuerCn: 'test-intermediate', subjectCn: 'release-signer', key: leaf, notBefore: leafOpts.notBefore ?? T0, notAfter: T1, ...leafOpts });
  let interCert = interDer;
  if (leafOpts.interNotAfter) interCert = issueCert({ issuerKey: root, issuerCn: 'test-root', subjectCn: 'test-intermediate', key: inter, notBefore: new Date('2021-01-01T00:00:00Z'), notAfter: leafOpts.interNotAfter, ca: true });
  const chain = [leafDer, interCert, ...(leafOpts.withRoot ? [rootDer] : [])].map((d) => ({ rawBytes: d.toString('base64') }));
  writeFileSync(path.join(dir, 'model.sig'), signOmsWithKey(dir, leaf.privateKey, { verificationMaterial: { x509CertificateChain: { certificates: chain } } }).bundle);
  return name;
}

const policy = (name: string): SignaturePolicy => ({ required: true, bundle: `${name}/model.sig`, format: 'auto', subject: name, 'certificate-roots': 'root.pem' });
const run = (name: string) => verifyModelSignature({ policy: policy(name), workspace: ws, workingDirectory: ws, modelPath: path.join(ws, name, 'model.onnx'), trusted: new FsTrustedFiles(ws) });
async function rejects(p: Promise<unknown>, code: string, re: RegExp) {
  await assert.rejects(p, (e: unknown) => (e instanceof GateError && e.code === code && e.kind === 'fail' && re.test(e.message) ? true : assert.fail(`${(e as GateError).code}: ${(e as Error).message}`)));
}

test('verifies at the leaf notBefore (the leaf expired long ago), with digitalSignature or code-signing EKU', async () => {
  for (const [n, o, curve] of [
    ['ds', { digitalSignature: true }, 'P-384'],
    ['cs', { codeSigning: true }, 'P-256'],
    ['ds521', { digitalSignature: true }, 'P-521'],
  ] as const) {
    const r = await run(signed(n, o, curve));
    assert.equal(r.status, 'verified');
    assert.equal(r.method, 'certificate');
    assert.equal(r.transparency, 'none');
    assert.match(r.identity ?? '', /CN=release-signer/);
  }
});

test('a leaf that may not sign, an intermediate expired at signing time, and a chain carrying the root are rejected', async () => {
  await rejects(run(signed('nosign', {})), 'signature.certificate-usage', /may not be used for signing/);
  await rejects(run(signed('interexp', { digitalSignature: true, interNotAfter: new Date('2024-01-01T00:00:00Z') })), 'signature.untrusted-certificate', /certificate 1 of the chain is not valid at the signing time 2024-06-01/);
  await rejects(run(signed('withroot', { digitalSignature: true, withRoot: true })), 'signature.chain-includes-root', /includes a root/);
});

test('several root files: the chain may end at any of them', async () => {
  writeFileSync(path.join(ws, 'other.pem'), pem(caCert(ecKey(), 'other-root')));
  const n = signed('multi', { digitalSignature: true });
  const p = { ...policy(n), 'certificate-roots': ['other.pem', 'root.pem'] };
  const r = await verifyModelSignature({ policy: p, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, n, 'model.onnx'), trusted: new FsTrustedFiles(ws) });
  assert.equal(r.status, 'verified');
  await rejects(verifyModelSignature({ policy: { ...p, 'certificate-roots': ['other.pem'] }, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, n, 'model.onnx'), trusted: new FsTrustedFiles(ws) }), 'signature.untrusted-certificate', /does not chain/);
});
