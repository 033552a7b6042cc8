import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { runVerifyBundleCommand } from '../../src/cli/verify.ts';
import { anchoredRegex, checkIdentity } from '../../src/signature/identity.ts';
import { comparePaths, compareResources } from '../../src/signature/oms/manifest.ts';
import { parseDerEcdsaSignature, verifyPrehashed } from '../../src/signature/prehash.ts';
import { parseTrustedRoot, publicGoodTrustedRoot } from '../../src/signature/trust.ts';
import { GateError } from '../../src/errors.ts';
import { captureIO, CONFORMANCE } from './helpers.ts';

const GH_ID = 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GH_ISS = 'https://token.actions.githubusercontent.com';

test('trap: a DSSE bundle is bound to the artifact through its in-toto subject digest', async () => {
  const dir = path.join(CONFORMANCE, 'happy-path-intoto-in-dsse-v3');
  const bundleJson = JSON.parse(readFileSync(path.join(dir, 'bundle.sigstore.json'), 'utf8'));
  const other = path.join(dir, 'README');
  const args = ['--bundle', path.join(dir, 'bundle.sigstore.json'), '--certificate-identity', GH_ID, '--certificate-oidc-issuer', GH_ISS];
  const { io, out } = captureIO();
  assert.equal(await runVerifyBundleCommand([...args, other], io), 1);
  assert.match(out.stderr, /no subject of the signed in-toto statement has the artifact's digest/);
  const d = captureIO();
  assert.equal(await runVerifyBundleCommand([...args, 'sha256:' + '0'.repeat(64)], d.io), 1);
  // The trap is real: @sigstore/verify alone accepts this bundle without ever looking at an artifact.
  const signer = new Verifier(toTrustMaterial(publicGoodTrustedRoot().root)).verify(toSignedEntity(bundleFromJSON(bundleJson)));
  assert.equal(signer.identity?.subjectAlternativeName, GH_ID);
});

test('trap: a trusted root whose tlog key has no validFor.start is rejected', () => {
  const bytes = readFileSync(path.join(CONFORMANCE, 'trust-root-tlog-missing-validity-start_fail/trusted_root.json'));
  assert.throws(() => parseTrustedRoot(bytes, 'tr.json'), (e: unknown) => e instanceof GateError && e.code === 'signature.trusted-root' && /transparency log 1 .* has no validFor\.start/.test(e.message));
  // ...whereas the library alone reads the missing start as "valid since the beginning of time".
  const lib = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(bytes.toString('utf8'))));
  assert.equal(lib.tlogs[1].validFor.start.getTime(), 0);
});

test('trap: a bundle whose certificate chain includes the root is rejected', async () => {
  const dir = path.join(CONFORMANCE, 'bundle-with-root-cert_fail');
  const { io, out } = captureIO();
  const code = await runVerifyBundleCommand(['--bundle', path.join(dir, 'bundle.sigstore.json'), '--certificate-identity', GH_ID, '--certificate-oidc-issuer', GH_ISS, path.join(dir, 'artifact')], io);
  assert.equal(code, 1);
  assert.match(out.stderr, /includes a root \(self-signed\) certificate/);
});

test('identity: exact list, anchored regex, exact issuer', () => {
  const pol = { identities: ['ml-release@acme.example'], issuer: 'https://issuer' };
  checkIdentity({ identity: 'ml-release@acme.example', issuer: 'https://issuer' }, pol);
  for (const bad of ['ml-release@acme.example.evil', 'xml-release@acme.example', 'ml-release@acme.exampl']) {
    assert.throws(() => checkIdentity({ identity: bad, issuer: 'https://issuer' }, pol), /wrong|expects identity/);
  }
  assert.throws(() => checkIdentity({ identity: 'ml-release@acme.example', issuer: 'https://issuer/' }, pol), /expects issuer/);
  const re = anchoredRegex('ml-release');
  assert.equal(re.test('ml-release'), true);
  assert.equal(re.test('ml-release-evil@x'), false);
  assert.equal(re.test('https://github.com/ml-release'), false);
  // Alternation cannot escape the anchors.
  assert.equal(anchoredRegex('a|b').test('xb'), false);
  assert.throws(() => anchoredRegex('('), /not a valid regular expression/);
});

test('manifest order is component-wise (Python PurePosixPath), not plain string order', () => {
  const names = ['a.txt', 'a/b', 'a-b', 'b', 'a/b/c', 'A'];
  // Hand-derived: tuples ('A',) < ('a','b') < ('a','b','c') < ('a-b',) < ('a.txt',) < ('b',)
  assert.deepEqual([...names].sort(comparePaths), ['A', 'a/b', 'a/b/c', 'a-b', 'a.txt', 'b']);
  assert.deepEqual([...names].sort(), ['A', 'a-b', 'a.txt', 'a/b', 'a/b/c', 'b']);
  const shards = ['f:10:20', 'f:0:10', 'f:20:25', 'e/x:0:5'];
  assert.deepEqual([...shards].sort((x, y) => compareResources('shards', x, y)), ['e/x:0:5', 'f:0:10', 'f:10:20', 'f:20:25']);
  // Numeric, not lexicographic, shard starts.
  assert.ok(compareResources('shards', 'f:9:10', 'f:10:11') < 0);
});

test('prehashed signature verification agrees with node:crypto on P-256, P-384, P-521 and RSA', () => {
  const msg = Buffer.from('the message');
  for (const [type, opt, hash] of [
    ['ec', { namedCurve: 'P-256' }, 'sha256'],
    ['ec', { namedCurve: 'P-384' }, 'sha384'],
    ['ec', { namedCurve: 'P-521' }, 'sha512'],
    ['ec', { namedCurve: 'P-256' }, 'sha512'],
    ['rsa', { modulusLength: 2048 }, 'sha256'],
  ] as const) {
    const { privateKey, publicKey } = generateKeyPairSync(type as 'ec', opt as { namedCurve: string });
    const digest = createHash(hash).update(msg).digest();
    for (let i = 0; i < 3; i++) {
      const sig = sign(hash, msg, privateKey);
      assert.equal(verifyPrehashed(publicKey, hash, digest, sig), true, `${type} ${JSON.stringify(opt)} ${hash}`);
      const bad = Buffer.from(digest);
      bad[0] ^= 1;
      assert.equal(verifyPrehashed(publicKey, hash, bad, sig), false);
      const badSig = Buffer.from(sig);
      badSig[badSig.length - 1] ^= 1;
      assert.equal(verifyPrehashed(publicKey, hash, digest, badSig), false);
    }
  }
  assert.equal(parseDerEcdsaSignature(Buffer.from('3006020101020101', 'hex'))?.r, 1n);
  assert.equal(parseDerEcdsaSignature(Buffer.from('300702010102010100', 'hex')), null); // trailing byte
  assert.equal(parseDerEcdsaSignature(Buffer.from('30060201ff020101', 'hex')), null); // negative r
});

test('prehashed ECDSA: the RFC 6979 A.2.5 vector (P-256, SHA-256, "sample"), both S halves, and why node:crypto cannot do it', () => {
  // Public key and signature from RFC 6979 appendix A.2.5: produced by neither node:crypto nor @noble/curves.
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from('60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6', 'hex').toString('base64url'),
      y: Buffer.from('7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299', 'hex').toString('base64url'),
    },
    format: 'jwk',
  });
  const r = 0xefd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716n;
  const s = 0xf7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8n;
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const der = (r: bigint, s: bigint) => {
    const int = (v: bigint) => {
      let h = v.toString(16);
      if (h.length % 2) h = '0' + h;
      if (parseInt(h.slice(0, 2), 16) & 0x80) h = '00' + h;
      return Buffer.concat([Buffer.from([0x02, h.length / 2]), Buffer.from(h, 'hex')]);
    };
    const body = Buffer.concat([int(r), int(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  };
  const msg = Buffer.from('sample');
  const digest = createHash('sha256').update(msg).digest();
  const high = der(r, s); // this s is above n/2: OpenSSL does not normalise, so neither may we reject it
  const low = der(r, n - s);
  for (const sig of [high, low]) {
    assert.equal(verify('sha256', msg, key, sig), true); // the vector is what it says
    assert.equal(verifyPrehashed(key, 'sha256', digest, sig), true);
    // node:crypto has no prehash mode for EC keys: a null algorithm hashes the input (with SHA-256).
    assert.equal(verify(null, digest, key, sig), false);
  }
  assert.equal(verifyPrehashed(key, 'sha256', createHash('sha256').update('samplf').digest(), high), false);
  assert.equal(verifyPrehashed(key, 'sha256', digest, der(r, 0n)), false);
  assert.equal(verifyPrehashed(key, 'sha256', digest, der(r, n)), false); // s out of range
  assert.equal(verifyPrehashed(key, 'sha256', digest, der(r + n, s)), false); // r out of range, even if r mod n matches
  assert.equal(verifyPrehashed(key, 'sha384', digest, high), false); // digest length must match the hash
});

test('format detection by content', async () => {
  const { detectFormat } = await import('../../src/signature/detect.ts');
  const oms = readFileSync(path.join(CONFORMANCE, '../../model-signing/v1.1.0-sigstore/model.sig'));
  assert.equal(detectFormat(oms).format, 'oms');
  assert.equal(detectFormat(readFileSync(path.join(CONFORMANCE, '../../model-signing/v0.2.0-certificate/model.sig'))).format, 'oms');
  assert.equal(detectFormat(readFileSync(path.join(CONFORMANCE, 'happy-path-v0.3/bundle.sigstore.json'))).format, 'sigstore-bundle');
  assert.equal(detectFormat(readFileSync(path.join(CONFORMANCE, 'happy-path-intoto-in-dsse-v3/bundle.sigstore.json'))).format, 'sigstore-bundle');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.equal(detectFormat(Buffer.from(sign('sha256', Buffer.from('x'), privateKey).toString('base64') + '\n')).format, 'cosign');
  assert.match(detectFormat(Buffer.from('{"base64Signature":"abc","cert":"x"}')).reason ?? '', /legacy cosign bundle/);
  assert.match(detectFormat(Buffer.from('-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n')).reason ?? '', /PEM file/);
  assert.equal(detectFormat(Buffer.from('{"mediaType": "application/vnd.dev.sigstore.bundle')).format, null);
});
