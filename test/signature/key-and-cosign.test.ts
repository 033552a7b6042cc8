import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GateError } from '../../src/errors.ts';
import { FsTrustedFiles } from '../../src/signature/fs-trusted.ts';
import { verifyModelSignature, type SignaturePolicy } from '../../src/signature/verify.ts';
import { runVerifyCommand } from '../../src/cli/verify.ts';
import { captureIO, tempDir, writeOrderingModel } from './helpers.ts';
import { signOmsWithKey } from './oms-sign.ts';

// Bundles made by the tests themselves (keys generated here): OMS key mode on P-256, P-384 and P-521 with both
// `files` and `shards` serialization, and cosign key-based blob signatures.

let ws: string;
let cleanup: () => void;
before(() => ({ dir: ws, cleanup } = tempDir()));
after(() => cleanup());

/** A model folder whose names sort differently component-wise than as plain strings, with an empty file. */
function makeModel(dir: string): void {
  writeOrderingModel(dir, { 'README.md': '# card' });
}

function policy(name: string, over: Partial<SignaturePolicy> = {}): SignaturePolicy {
  return { required: true, bundle: `${name}/model.sig`, format: 'auto', subject: name, key: `${name}.pub`, ...over };
}
function run(name: string, p: SignaturePolicy) {
  return verifyModelSignature({ policy: p, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, name, 'model.onnx'), cardPath: path.join(ws, name, 'README.md'), trusted: new FsTrustedFiles(ws) });
}
async function rejects(p: Promise<unknown>, code: string, re: RegExp) {
  await assert.rejects(p, (e: unknown) => e instanceof GateError && e.code === code && e.kind === 'fail' && re.test(e.message) ? true : assert.fail(`${(e as Error).message} (${(e as GateError).code})`));
}

for (const curve of ['P-256', 'P-384', 'P-521']) {
  for (const method of ['files', 'shards'] as const) {
    describe(`OMS key mode, ${curve}, ${method}`, () => {
      const name = `m-${curve}-${method}`;
      let root = '';
      before(() => {
        const dir = path.join(ws, name);
        makeModel(dir);
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
        writeFileSync(path.join(ws, `${name}.pub`), publicKey.export({ type: 'spki', format: 'pem' }));
        const other = generateKeyPairSync('ec', { namedCurve: curve });
        writeFileSync(path.join(ws, `${name}-other.pub`), other.publicKey.export({ type: 'spki', format: 'pem' }));
        const signed = signOmsWithKey(dir, privateKey, { method, shardSize: 1000 });
        writeFileSync(path.join(dir, 'model.sig'), signed.bundle);
        root = signed.rootDigest;
      });
      test('verifies, with the signer-computed root digest', async () => {
        const r = await run(name, policy(name));
        assert.equal(r.status, 'verified');
        assert.equal(r.method, 'key');
        assert.equal(r.root_digest, `sha256:${root}`);
        assert.equal(r.transparency, 'none');
        assert.equal(r.covers_card, true);
        const der = (await import('node:crypto')).createPublicKey(readFileSync(path.join(ws, `${name}.pub`))).export({ type: 'spki', format: 'der' });
        assert.equal(r.key_fingerprint, 'sha256:' + createHash('sha256').update(der).digest('hex'));
      });
      test('wrong key, changed byte (in the third shard), extra and missing files are rejected', async () => {
        await rejects(run(name, policy(name, { key: `${name}-other.pub` })), 'signature.wrong-key', /does not verify with the policy's key/);
        const p = path.join(ws, name, 'model.onnx');
        const orig = readFileSync(p);
        const b = Buffer.from(orig);
        b[2100] ^= 0xff;
        writeFileSync(p, b);
        await rejects(run(name, policy(name)), 'signature.model-mismatch', /changed: "model\.onnx"/);
        writeFileSync(p, orig);
        writeFileSync(path.join(ws, name, 'a', 'new'), 'x');
        await rejects(run(name, policy(name)), 'signature.model-mismatch', /extra \(not signed\): "a\/new"/);
        rmSync(path.join(ws, name, 'a', 'new'));
        const ab = readFileSync(path.join(ws, name, 'a-b'));
        rmSync(path.join(ws, name, 'a-b'));
        await rejects(run(name, policy(name)), 'signature.model-mismatch', /missing: "a-b"/);
        writeFileSync(path.join(ws, name, 'a-b'), ab);
        const ok = await run(name, policy(name));
        assert.equal(ok.status, 'verified');
      });
    });
  }
}

test('an OMS key signature verifies from the CLI and a symlink in the model is refused', async () => {
  const name = 'cli-model';
  const dir = path.join(ws, name);
  makeModel(dir);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(path.join(ws, 'cli.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(path.join(dir, 'model.sig'), signOmsWithKey(dir, privateKey).bundle);
  const { io, out } = captureIO();
  assert.equal(await runVerifyCommand([dir, '--signature', path.join(dir, 'model.sig'), '--key', path.join(ws, 'cli.pub')], io), 0, out.stderr);
  assert.match(out.stdout, /^OK: verified key signature over 6 file\(s\)/);
  symlinkSync('a.txt', path.join(dir, 'link'));
  const c2 = captureIO();
  assert.equal(await runVerifyCommand([dir, '--signature', path.join(dir, 'model.sig'), '--key', path.join(ws, 'cli.pub')], c2.io), 1);
  assert.match(c2.out.stderr, /link is a symbolic link, and the signature does not allow symlinks/);
  // With allow_symlinks recorded in the signature, a symlink inside the model is followed and hashed...
  writeFileSync(path.join(dir, 'model.sig'), signOmsWithKey(dir, privateKey, { allowSymlinks: true }).bundle);
  const c4 = captureIO();
  assert.equal(await runVerifyCommand([dir, '--signature', path.join(dir, 'model.sig'), '--key', path.join(ws, 'cli.pub')], c4.io), 0, c4.out.stderr);
  assert.match(c4.out.stdout, /over 7 file\(s\)/);
  // ...but one that points outside the model is refused.
  rmSync(path.join(dir, 'link'));
  writeFileSync(path.join(ws, 'outside.txt'), 'outside');
  symlinkSync(path.join(ws, 'outside.txt'), path.join(dir, 'link'));
  const c5 = captureIO();
  assert.equal(await runVerifyCommand([dir, '--signature', path.join(dir, 'model.sig'), '--key', path.join(ws, 'cli.pub')], c5.io), 1);
  assert.match(c5.out.stderr, /link is a symbolic link that points outside the model/);
  rmSync(path.join(dir, 'link'));
  symlinkSync('..', path.join(dir, 'a', 'up'));
  const c6 = captureIO();
  assert.equal(await runVerifyCommand([dir, '--signature', path.join(dir, 'model.sig'), '--key', path.join(ws, 'cli.pub')], c6.io), 1);
  assert.match(c6.out.stderr, /a\/up is a symbolic link to one of its own parent folders/);
  const c3 = captureIO();
  assert.equal(await runVerifyCommand([dir, '--key', 'x'], c3.io), 2);
  assert.match(c3.out.stderr, /--signature FILE is required/);
});

describe('cosign key-based blob signature', () => {
  test('verifies; a tampered blob, a wrong key and an altered signature are rejected', async () => {
    const dir = path.join(ws, 'cosign');
    mkdirSync(dir);
    const blob = Buffer.alloc(3 << 20, 1);
    blob.write('model bytes');
    writeFileSync(path.join(dir, 'model.onnx'), blob);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(path.join(ws, 'cosign.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    // cosign sign-blob: base64 of an ASN.1 ECDSA signature over SHA-256 of the blob.
    writeFileSync(path.join(dir, 'model.onnx.sig'), sign('sha256', blob, privateKey).toString('base64'));
    const p: SignaturePolicy = { required: true, bundle: 'cosign/model.onnx.sig', format: 'auto', subject: 'cosign/model.onnx', key: 'cosign.pub' };
    const r = await verifyModelSignature({ policy: p, workspace: ws, workingDirectory: ws, modelPath: path.join(dir, 'model.onnx'), trusted: new FsTrustedFiles(ws) });
    assert.equal(r.status, 'verified');
    assert.equal(r.format, 'cosign');
    assert.equal(r.method, 'cosign-key');
    assert.equal(r.transparency, 'none');
    assert.equal(r.root_digest, 'sha256:' + createHash('sha256').update(blob).digest('hex'));
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(path.join(ws, 'cosign-other.pub'), other.publicKey.export({ type: 'spki', format: 'pem' }));
    const verify = (pp: SignaturePolicy) => verifyModelSignature({ policy: pp, workspace: ws, workingDirectory: ws, modelPath: path.join(dir, 'model.onnx'), trusted: new FsTrustedFiles(ws) });
    await rejects(verify({ ...p, key: 'cosign-other.pub' }), 'signature.invalid', /does not verify over the model/);
    await rejects(verify({ ...p, format: 'sigstore-bundle' }), 'signature.format', /is a cosign signature/);
    const t = Buffer.from(blob);
    t[t.length - 1] ^= 1;
    writeFileSync(path.join(dir, 'model.onnx'), t);
    await rejects(verify(p), 'signature.invalid', /does not verify over the model/);
    writeFileSync(path.join(dir, 'model.onnx'), blob);
    const sig = Buffer.from(readFileSync(path.join(dir, 'model.onnx.sig'), 'utf8'), 'base64');
    sig[sig.length - 2] ^= 1;
    writeFileSync(path.join(dir, 'model.onnx.sig'), sig.toString('base64'));
    await rejects(verify(p), 'signature.invalid', /does not verify/);
  });
});

test('policy defaults are fail-closed: required unless required is false, format auto', async () => {
  const p = { bundle: 'nowhere/model.sig', key: 'x.pub' } as unknown as SignaturePolicy;
  await assert.rejects(
    verifyModelSignature({ policy: p, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, 'nowhere'), trusted: new FsTrustedFiles(ws) }),
    (e: unknown) => e instanceof GateError && e.code === 'signature.missing' && e.kind === 'fail',
  );
  const r = await verifyModelSignature({ policy: { ...p, required: false }, workspace: ws, workingDirectory: ws, modelPath: path.join(ws, 'nowhere'), trusted: new FsTrustedFiles(ws) });
  assert.equal(r.status, 'skipped');
});
