/**
 * `model-gate sign` (key mode): the bundles it writes verify with our verifier (`verify --key`, verifyOms) AND with an
 * independent DSSE PAE + ECDSA check written here; their statement equals the independent test signer's
 * (oms-sign.ts, which mirrors upstream model_signing) for the same model; one changed byte fails verification.
 */
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { verifyOms } from '../../src/signature/oms/verify.ts';
import { loadPublicKey } from '../../src/signature/keys.ts';
import { captureIO, MODEL_SIGNING, tempDir, writeOrderingModel } from './helpers.ts';
import { buildStatement } from './oms-sign.ts';

let ws: string;
let cleanup: () => void;
let p256: { priv: string; pub: string; key: KeyObject };
before(() => {
  ({ dir: ws, cleanup } = tempDir('mg-sign-'));
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  p256 = { priv: path.join(ws, 'p256.key'), pub: path.join(ws, 'p256.pub'), key: publicKey };
  writeFileSync(p256.priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(p256.pub, publicKey.export({ type: 'spki', format: 'pem' }));
});
after(() => cleanup());

function makeModel(name: string): string {
  const dir = path.join(ws, name);
  writeOrderingModel(dir, { 'ignore-me': 'not part of the model' });
  return dir;
}

async function cli(args: string[]) {
  const { io, out } = captureIO();
  const code = await main(args, io);
  return { code, ...out };
}

/** The DSSE check, written from the spec (not src/): PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body. */
function independentDsseVerify(bundleText: string, pub: KeyObject): { ok: boolean; statement: any } {
  const b = JSON.parse(bundleText);
  const payload = Buffer.from(b.dsseEnvelope.payload, 'base64');
  const type = b.dsseEnvelope.payloadType as string;
  const pae = Buffer.concat([Buffer.from('DSSEv1 '), Buffer.from(String(Buffer.byteLength(type))), Buffer.from(' '), Buffer.from(type), Buffer.from(' '), Buffer.from(String(payload.length)), Buffer.from(' '), payload]);
  const hash = pub.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'sha384' : 'sha256';
  const ok = cryptoVerify(hash, pae, pub, Buffer.from(b.dsseEnvelope.signatures[0].sig, 'base64'));
  return { ok, statement: JSON.parse(payload.toString('utf8')) };
}

/** Statements equal, with ignore_paths compared as sets (the order of that list carries no meaning). */
function assertSameStatement(ours: any, theirs: any) {
  const norm = (s: any) => ({ ...s, predicate: { ...s.predicate, serialization: { ...s.predicate.serialization, ignore_paths: [...s.predicate.serialization.ignore_paths].sort() } } });
  assert.deepEqual(norm(ours), norm(theirs));
}

test('sign a folder with --ignore-paths: our verifier, an independent DSSE check and the independent signer agree', async () => {
  const dir = makeModel('folder');
  const r = await cli(['sign', dir, '--signing-key', p256.priv, '--ignore-paths', 'ignore-me']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /signed 5 file\(s\) .*root digest sha256:[0-9a-f]{64}/);
  const sigFile = path.join(dir, 'model.sig');
  const text = readFileSync(sigFile, 'utf8');
  const bundle = JSON.parse(text);
  // Upstream key-mode layout.
  assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
  assert.deepEqual(bundle.verificationMaterial, { publicKey: { hint: createHash('sha256').update(readFileSync(p256.pub)).digest('hex') }, tlogEntries: [] });
  assert.equal(bundle.dsseEnvelope.payloadType, 'application/vnd.in-toto+json');
  assert.equal(bundle.dsseEnvelope.signatures.length, 1);
  assert.equal(bundle.dsseEnvelope.signatures[0].keyid, '');

  const ind = independentDsseVerify(text, p256.key);
  assert.equal(ind.ok, true);
  assertSameStatement(ind.statement, buildStatement(dir, { ignorePaths: ['ignore-me'] }).statement);
  assert.deepEqual(ind.statement.predicate.resources.map((x: any) => x.name), ['a/b', 'a-b', 'a.txt', 'empty', 'model.onnx']);

  const res = await verifyOms({ json: bundle, name: 'model.sig', modelPath: dir, signaturePath: sigFile, method: { kind: 'key', key: p256.key } });
  assert.equal(res.rootDigest, ind.statement.subject[0].digest.sha256);
  assert.equal((await cli(['verify', dir, '--signature', sigFile, '--key', p256.pub])).code, 0);

  // One changed byte: rejected by the verifier (exit 1, naming the file).
  const onnx = path.join(dir, 'model.onnx');
  const bytes = readFileSync(onnx);
  bytes[1000] ^= 1;
  writeFileSync(onnx, bytes);
  const bad = await cli(['verify', dir, '--signature', sigFile, '--key', p256.pub]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /changed: "model\.onnx"/);
});

test('sign one file with upstream\'s P-384 test key (an EC PRIVATE KEY after a text dump); the fixture public key verifies it', async () => {
  const file = path.join(ws, 'single.bin');
  writeFileSync(file, 'single-file model');
  const out = path.join(ws, 'single.sig');
  const keyFile = path.join(MODEL_SIGNING, 'keys/signing-key.pem');
  const r = await cli(['sign', file, '--signing-key', keyFile, '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const pub = loadPublicKey(readFileSync(path.join(MODEL_SIGNING, 'keys/signing-key-pub.pem')), 'signing-key-pub.pem');
  const text = readFileSync(out, 'utf8');
  const ind = independentDsseVerify(text, pub);
  assert.equal(ind.ok, true);
  const theirs = buildStatement(file).statement as any;
  // The independent signer always lists model.sig; a one-file model's signature is not inside it.
  theirs.predicate.serialization.ignore_paths = theirs.predicate.serialization.ignore_paths.filter((p: string) => p !== 'model.sig');
  assertSameStatement(ind.statement, theirs);
  assert.equal(ind.statement.predicate.resources[0].name, '.');
  // The hint upstream's own P-384 key-mode fixture (v1.1.0) carries for this key.
  const upstream = JSON.parse(readFileSync(path.join(MODEL_SIGNING, 'v1.1.0-elliptic-key/model.sig'), 'utf8'));
  assert.equal(JSON.parse(text).verificationMaterial.publicKey.hint, upstream.verificationMaterial.publicKey.hint);
  assert.equal((await cli(['verify', file, '--signature', out, '--key', path.join(MODEL_SIGNING, 'keys/signing-key-pub.pem')])).code, 0);
});

test('sign the upstream v1.1.0 fixture folder: the same statement as upstream\'s own signature', async () => {
  const { cpSync } = await import('node:fs');
  const dir = path.join(ws, 'v1.1.0-elliptic-key');
  cpSync(path.join(MODEL_SIGNING, 'v1.1.0-elliptic-key'), dir, { recursive: true });
  const upstream = JSON.parse(readFileSync(path.join(dir, 'model.sig'), 'utf8'));
  // Written where upstream wrote its own (model.sig in the folder, replaced with --force), so both ignore it.
  const r = await cli(['sign', dir, '--signing-key', path.join(MODEL_SIGNING, 'keys/signing-key.pem'), '--ignore-paths', 'ignore-me', '--force']);
  assert.equal(r.code, 0, r.stderr);
  const ours = JSON.parse(Buffer.from(JSON.parse(readFileSync(path.join(dir, 'model.sig'), 'utf8')).dsseEnvelope.payload, 'base64').toString());
  const theirs = JSON.parse(Buffer.from(upstream.dsseEnvelope.payload, 'base64').toString());
  assertSameStatement(ours, theirs);
});

test('--method shards: verified by our verifier, statement equal to the independent signer\'s', async () => {
  const dir = makeModel('sharded');
  const out = path.join(ws, 'sharded.sig');
  const r = await cli(['sign', dir, '--signing-key', p256.priv, '--method', 'shards', '--shard-size', '1000', '--ignore-paths', 'ignore-me', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(out, 'utf8');
  const ind = independentDsseVerify(text, p256.key);
  assert.equal(ind.ok, true);
  const theirs = buildStatement(dir, { method: 'shards', shardSize: 1000, ignorePaths: ['ignore-me'] }).statement as any;
  theirs.predicate.serialization.ignore_paths = theirs.predicate.serialization.ignore_paths.filter((p: string) => p !== 'model.sig');
  assertSameStatement(ind.statement, theirs);
  assert.ok(ind.statement.predicate.resources.some((x: any) => x.name === 'model.onnx:2000:2500'));
  assert.equal((await cli(['verify', dir, '--signature', out, '--key', p256.pub, '--ignore-paths', 'ignore-me'])).code, 0);
});

test('sign refuses bad input in one line, exit 2, writing nothing', async () => {
  const dir = makeModel('refusals');
  const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  const edFile = path.join(ws, 'ed.key');
  writeFileSync(edFile, ed);
  const rsaFile = path.join(ws, 'rsa.key');
  writeFileSync(rsaFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const p521File = path.join(ws, 'p521.key');
  writeFileSync(p521File, generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const cases: [string[], RegExp][] = [
    [['sign', dir, '--signing-key', edFile], /signing key .*ed\.key is a ed25519 key: model-gate signs with ECDSA P-256 or P-384/],
    [['sign', dir, '--signing-key', rsaFile], /rsa\.key is a rsa key/],
    [['sign', dir, '--signing-key', p521File], /p521\.key is on curve secp521r1/],
    [['sign', dir, '--signing-key', p256.pub], /p256\.pub holds a public key: give the PEM private key/],
    [['sign', dir, '--signing-key', path.join(ws, 'nope.key')], /--signing-key .*nope\.key cannot be read \(ENOENT\)/],
    [['sign', dir], /give --signing-key PEM \(key mode\) or --keyless/],
    [['sign', dir, '--signing-key', p256.priv, '--ignore-paths', '../outside'], /ignore path "\.\.\/outside" leaves the model folder/],
    [['sign', dir, '--signing-key', p256.priv, '--method', 'blocks'], /--method must be files or shards/],
    [['sign', path.join(ws, 'missing-model'), '--signing-key', p256.priv], /model path .*missing-model cannot be read \(ENOENT\)/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], re);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
  }
  assert.equal(existsSync(path.join(dir, 'model.sig')), false);
  // An existing output is refused unless --force.
  assert.equal((await cli(['sign', dir, '--signing-key', p256.priv])).code, 0);
  const again = await cli(['sign', dir, '--signing-key', p256.priv]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /model\.sig exists: give --force/);
  assert.equal((await cli(['sign', dir, '--signing-key', p256.priv, '--force'])).code, 0);
  const help = await cli(['sign', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /usage: model-gate sign MODEL_PATH \(--signing-key PEM \| --keyless/);
});
