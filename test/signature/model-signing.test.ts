import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GateError } from '../../src/errors.ts';
import { FsTrustedFiles } from '../../src/signature/fs-trusted.ts';
import { verifyModelSignature, type SignaturePolicy } from '../../src/signature/verify.ts';
import { CONFORMANCE, MODEL_SIGNING, tempDir } from './helpers.ts';
import { caCert, ecKey, pem } from './pki.ts';

// The 13 models signed by the upstream OpenSSF `model_signing` tool (sigstore/model-transparency test data), verified
// through the engine API. The 12 v0.3.1..v1.1.0 ones verify; v0.2.0 is rejected as legacy. Each is then tampered
// with (in a temp copy) and must be rejected with a message naming what is wrong.

const IDENTITY = 'stefanb@us.ibm.com';
const ISSUER = 'https://sigstore.verify.ibm.com/oauth2';

type Mode = 'sigstore' | 'elliptic-key' | 'certificate';
interface Fixture {
  name: string;
  mode: Mode;
  single: boolean;
  /** v1.0.1 and later folders hold `ignore-me`; only v1.1.0 records it in the signature. */
  ignoreMe: 'none' | 'policy' | 'recorded';
}

const FIXTURES: Fixture[] = [];
for (const v of ['v0.3.1', 'v1.0.0', 'v1.0.1', 'v1.1.0']) {
  for (const mode of ['sigstore', 'elliptic-key', 'certificate'] as Mode[]) {
    FIXTURES.push({
      name: `${v}-${mode}`,
      mode,
      single: mode === 'elliptic-key' && (v === 'v0.3.1' || v === 'v1.0.0'),
      ignoreMe: v === 'v1.1.0' ? 'recorded' : v === 'v1.0.1' ? 'policy' : 'none',
    });
  }
}

let ws: string;
let cleanup: () => void;

before(() => {
  ({ dir: ws, cleanup } = tempDir());
  cpSync(path.join(MODEL_SIGNING, 'keys'), path.join(ws, 'keys'), { recursive: true });
  // Wrong key: a fresh P-384 key. Wrong CA: a fresh self-signed CA (built with test/signature/pki.ts). Wrong trusted root: Sigstore staging's.
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  writeFileSync(path.join(ws, 'keys/other-pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(path.join(ws, 'keys/other-ca.pem'), pem(caCert(ecKey('P-384'), 'other-ca', new Date('2000-01-01T00:00:00Z'), new Date('2049-01-01T00:00:00Z'))));
  cpSync(path.join(CONFORMANCE, 'rekor2-happy-path/trusted_root.json'), path.join(ws, 'keys/staging-trusted-root.json'));
});
after(() => cleanup());

function policyFor(f: Fixture, over: Partial<SignaturePolicy> = {}): SignaturePolicy {
  const p: SignaturePolicy = {
    required: true,
    bundle: `${f.name}/model.sig`,
    format: 'auto',
    subject: f.single ? `${f.name}/signme-1` : f.name,
    'ignore-paths': f.ignoreMe === 'policy' ? ['ignore-me'] : [],
  };
  if (f.mode === 'sigstore') p.keyless = { identity: IDENTITY, issuer: ISSUER };
  if (f.mode === 'elliptic-key') p.key = 'keys/signing-key-pub.pem';
  if (f.mode === 'certificate') p['certificate-roots'] = 'keys/ca-cert.pem';
  return { ...p, ...over };
}

function run(f: Fixture, dir: string, policy: SignaturePolicy) {
  return verifyModelSignature({
    policy,
    workspace: ws,
    workingDirectory: ws,
    modelPath: path.join(ws, dir, 'signme-1'),
    cardPath: f.single ? undefined : path.join(ws, dir, 'signme-2'),
    trusted: new FsTrustedFiles(ws),
  });
}

/** Copies the fixture to a fresh folder of the workspace and applies `mutate` to it. */
function fresh(f: Fixture, tag: string, mutate?: (dir: string) => void): string {
  const dir = `${f.name}--${tag}`;
  rmSync(path.join(ws, dir), { recursive: true, force: true });
  cpSync(path.join(MODEL_SIGNING, f.name), path.join(ws, dir), { recursive: true });
  mutate?.(path.join(ws, dir));
  return dir;
}

async function rejects(p: Promise<unknown>, code: string, message: RegExp, kind: 'fail' | 'error' = 'fail') {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof GateError, `not a GateError: ${e}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

let verified = 0;
let negatives = 0;

for (const f of FIXTURES) {
  describe(f.name, () => {
    test('verifies', async () => {
      const dir = fresh(f, 'ok');
      const r = await run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir }));
      assert.equal(r.status, 'verified');
      assert.equal(r.format, 'oms');
      assert.equal(r.method, f.mode === 'sigstore' ? 'keyless' : f.mode === 'elliptic-key' ? 'key' : 'certificate');
      assert.match(r.root_digest ?? '', /^sha256:[0-9a-f]{64}$/);
      // The subject digest recorded by the upstream signer (read from its payload independently of our code).
      const bundle = JSON.parse(readFileSync(path.join(MODEL_SIGNING, f.name, 'model.sig'), 'utf8'));
      const st = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
      assert.equal(r.root_digest, `sha256:${st.subject[0].digest.sha256}`);
      if (f.mode === 'sigstore') {
        assert.equal(r.identity, IDENTITY);
        assert.equal(r.issuer, ISSUER);
        assert.equal(r.transparency, 'log');
        assert.equal(r.log_index, Number(bundle.verificationMaterial.tlogEntries[0].logIndex));
        assert.match(r.trusted_root_date ?? '', /^\d{4}-\d\d-\d\dT/);
      } else {
        assert.equal(r.transparency, 'none');
        assert.equal(r.log_index, null);
        assert.match(r.key_fingerprint ?? '', /^sha256:[0-9a-f]{64}$/);
      }
      assert.equal(r.covers_card, f.single ? null : true);
      verified++;
    });

    test('one changed byte in a signed file is rejected', async () => {
      const dir = fresh(f, 'byte', (d) => {
        const p = path.join(d, 'signme-1');
        const b = readFileSync(p);
        b[Math.floor(b.length / 2)] ^= 0x01;
        writeFileSync(p, b);
      });
      await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir })), 'signature.model-mismatch', /changed: "(signme-1|\.)"/);
      negatives++;
    });

    if (!f.single) {
      test('an extra file is rejected', async () => {
        const dir = fresh(f, 'extra', (d) => writeFileSync(path.join(d, 'extra.bin'), 'not signed'));
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir })), 'signature.model-mismatch', /extra \(not signed\): "extra\.bin"/);
        negatives++;
      });
      test('a missing file is rejected', async () => {
        const dir = fresh(f, 'missing', (d) => rmSync(path.join(d, 'signme-2')));
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir })), 'signature.model-mismatch', /missing: "signme-2"/);
        negatives++;
      });
    } else {
      test('a missing model file is rejected; a file beside a single-file model does not matter', async () => {
        const dir = fresh(f, 'missing', (d) => rmSync(path.join(d, 'signme-1')));
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: `${dir}/signme-1` })), 'signature.subject', /signme-1 cannot be read/, 'error');
        const dir2 = fresh(f, 'extra', (d) => writeFileSync(path.join(d, 'extra.bin'), 'x'));
        const r = await run(f, dir2, policyFor(f, { bundle: `${dir2}/model.sig`, subject: `${dir2}/signme-1` }));
        assert.equal(r.status, 'verified');
        negatives++;
      });
    }

    if (f.ignoreMe === 'policy') {
      test('without the ignore path the unsigned ignore-me is an extra file', async () => {
        const dir = fresh(f, 'noignore');
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir, 'ignore-paths': [] })), 'signature.model-mismatch', /extra \(not signed\): "ignore-me"/);
        negatives++;
      });
    }

    if (f.mode === 'sigstore') {
      test('a wrong identity is rejected (also a prefix of the real one: matching is exact)', async () => {
        const dir = fresh(f, 'id');
        const base = { bundle: `${dir}/model.sig`, subject: dir };
        await rejects(run(f, dir, policyFor(f, { ...base, keyless: { identity: 'mallory@us.ibm.com', issuer: ISSUER } })), 'signature.wrong-identity', /signed by "stefanb@us\.ibm\.com", but the policy expects identity "mallory@us\.ibm\.com"/);
        await rejects(run(f, dir, policyFor(f, { ...base, keyless: { identity: 'stefanb@us.ibm.co', issuer: ISSUER } })), 'signature.wrong-identity', /expects identity "stefanb@us\.ibm\.co"/);
        await rejects(run(f, dir, policyFor(f, { ...base, keyless: { 'identity-regex': 'stefanb', issuer: ISSUER } })), 'signature.wrong-identity', /matching/);
        const ok = await run(f, dir, policyFor(f, { ...base, keyless: { 'identity-regex': 'stefanb@us\\.ibm\\.com', issuer: ISSUER } }));
        assert.equal(ok.status, 'verified');
        const list = await run(f, dir, policyFor(f, { ...base, keyless: { identity: ['someone@else', IDENTITY], issuer: ISSUER } }));
        assert.equal(list.identity, IDENTITY);
        negatives++;
      });
      test('a wrong issuer is rejected', async () => {
        const dir = fresh(f, 'iss');
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir, keyless: { identity: IDENTITY, issuer: 'https://token.actions.githubusercontent.com' } })), 'signature.wrong-issuer', /issued by "https:\/\/sigstore\.verify\.ibm\.com\/oauth2", but the policy expects issuer "https:\/\/token\.actions\.githubusercontent\.com"/);
        negatives++;
      });
      test('a wrong trusted root (Sigstore staging) is rejected', async () => {
        const dir = fresh(f, 'root');
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir, 'trusted-root': 'keys/staging-trusted-root.json' })), 'signature.invalid', /certificate chain|timestamp could not be verified/i);
        negatives++;
      });
      test('a key instead of the keyless identity is rejected', async () => {
        const dir = fresh(f, 'key');
        await rejects(run(f, dir, { ...policyFor(f, { bundle: `${dir}/model.sig`, subject: dir }), keyless: undefined, key: 'keys/signing-key-pub.pem' }), 'signature.wrong-key', /does not verify with the policy's key/);
        negatives++;
      });
    }

    if (f.mode === 'elliptic-key') {
      test('a wrong key is rejected', async () => {
        const dir = fresh(f, 'key');
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir, key: 'keys/other-pub.pem' })), 'signature.wrong-key', /does not verify with the policy's key sha256:[0-9a-f]{64}/);
        negatives++;
      });
      test('a keyless identity instead of the key is rejected', async () => {
        const dir = fresh(f, 'keyless');
        await rejects(run(f, dir, { ...policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir }), key: undefined, keyless: { identity: IDENTITY, issuer: ISSUER } }), 'signature.wrong-method', /private key/);
      });
      test('a CA root instead of the key is rejected', async () => {
        const dir = fresh(f, 'root');
        await rejects(run(f, dir, { ...policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir }), key: undefined, 'certificate-roots': 'keys/ca-cert.pem' }), 'signature.wrong-method', /no X\.509 certificate chain/);
        negatives++;
      });
    }

    if (f.mode === 'certificate') {
      test('a wrong root CA is rejected', async () => {
        const dir = fresh(f, 'root');
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir, 'certificate-roots': 'keys/other-ca.pem' })), 'signature.untrusted-certificate', /does not chain to the policy's certificate roots/);
        negatives++;
      });
      test('a wrong key, or a keyless identity, is rejected', async () => {
        const dir = fresh(f, 'key');
        await rejects(run(f, dir, { ...policyFor(f, { bundle: `${dir}/model.sig`, subject: dir }), 'certificate-roots': undefined, key: 'keys/other-pub.pem' }), 'signature.wrong-key', /does not verify/);
        await rejects(run(f, dir, { ...policyFor(f, { bundle: `${dir}/model.sig`, subject: dir }), 'certificate-roots': undefined, keyless: { identity: IDENTITY, issuer: ISSUER } }), 'signature.wrong-method', /certificate mode/);
        negatives++;
      });
      test('a chain that carries its own root is rejected', async () => {
        const dir = fresh(f, 'withroot', (d) => {
          const b = JSON.parse(readFileSync(path.join(d, 'model.sig'), 'utf8'));
          const pem = readFileSync(path.join(MODEL_SIGNING, 'keys/ca-cert.pem'), 'utf8');
          const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
          b.verificationMaterial.x509CertificateChain.certificates.push({ rawBytes: der.toString('base64') });
          writeFileSync(path.join(d, 'model.sig'), JSON.stringify(b));
        });
        await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir })), 'signature.chain-includes-root', /includes a root/);
        negatives++;
      });
    }

    test('a signature altered after signing is rejected', async () => {
      const dir = fresh(f, 'sig', (d) => {
        const b = JSON.parse(readFileSync(path.join(d, 'model.sig'), 'utf8'));
        const st = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8'));
        st.predicate.resources[0].digest = '0'.repeat(64);
        b.dsseEnvelope.payload = Buffer.from(JSON.stringify(st)).toString('base64');
        writeFileSync(path.join(d, 'model.sig'), JSON.stringify(b));
      });
      await assert.rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: f.single ? `${dir}/signme-1` : dir })), (e: unknown) => e instanceof GateError && e.kind === 'fail');
      negatives++;
    });
  });
}

describe('v0.2.0-certificate (legacy)', () => {
  test('is rejected as the unsupported legacy format', async () => {
    const f: Fixture = { name: 'v0.2.0-certificate', mode: 'certificate', single: false, ignoreMe: 'none' };
    const dir = fresh(f, 'legacy');
    await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir })), 'signature.oms-legacy', /unsupported legacy pre-1\.0 model signing format/);
  });
});

describe('missing and optional signatures', () => {
  const f = FIXTURES.find((x) => x.name === 'v1.1.0-elliptic-key')!;
  test('required and absent: fail; optional and absent: skipped', async () => {
    const dir = fresh(f, 'absent', (d) => rmSync(path.join(d, 'model.sig')));
    await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir })), 'signature.missing', /does not exist/);
    const r = await run(f, dir, policyFor(f, { required: false, bundle: `${dir}/model.sig`, subject: dir }));
    assert.equal(r.status, 'skipped');
    const r2 = await run(f, dir, { required: false, format: 'auto' });
    assert.equal(r2.status, 'skipped');
    await rejects(run(f, dir, { required: true, format: 'auto' }), 'signature.missing', /no signature\.bundle/);
  });
  test('an explicit format must match the content', async () => {
    const dir = fresh(f, 'format');
    await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: dir, format: 'cosign' })), 'signature.format', /is a oms signature, but the policy says format: cosign/);
  });
  test('a model file outside the signed files is refused', async () => {
    const dir = fresh(f, 'cover');
    appendFileSync(path.join(ws, dir, 'ignore-me'), '');
    await rejects(
      verifyModelSignature({ policy: policyFor(f, { bundle: `${dir}/model.sig`, subject: dir }), workspace: ws, workingDirectory: ws, modelPath: path.join(ws, dir, 'ignore-me'), trusted: new FsTrustedFiles(ws) }),
      'signature.model-not-covered',
      /not among the files signed/,
    );
  });
});

test('counts', () => {
  assert.equal(verified, 12);
  assert.ok(negatives >= 12 * 5, `negatives: ${negatives}`);
  console.log(`model-signing: ${verified} verified, 1 legacy rejected, ${negatives} negative tests`);
});


describe('subject shape', () => {
  test('a folder signature checked against the model file alone says to set signature.subject', async () => {
    const f = FIXTURES.find((x) => x.name === 'v1.1.0-certificate')!;
    const dir = fresh(f, 'shape');
    await rejects(run(f, dir, policyFor(f, { bundle: `${dir}/model.sig`, subject: `${dir}/signme-1` })), 'signature.subject-mismatch', /signs a folder of 2 file\(s\).*set signature\.subject to the model's folder/);
    const g = FIXTURES.find((x) => x.name === 'v1.0.0-elliptic-key')!;
    const dir2 = fresh(g, 'shape');
    await rejects(run(g, dir2, policyFor(g, { bundle: `${dir2}/model.sig`, subject: dir2 })), 'signature.subject-mismatch', /signs a single file/);
  });
});
