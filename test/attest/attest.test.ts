/**
 * The whole loop on the shipped example through the real CLI: sign -> check --attestation -> verify-attestation,
 * then the mutation probes, each rejected with its own message (exit 1), and unusable inputs (exit 2).
 */
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { runVerifyAttestationCommand } from '../../src/cli/verify-attestation.ts';
import { attestRun, REPORT_PREDICATE, VSA_PREDICATE } from '../../src/attest/statement.ts';
import { reportAttestationPath } from '../../src/attest/paths.ts';
import { parseDuration } from '../../src/attest/duration.ts';
import { loadSigningKey, signDsse } from '../../src/signature/sign/dsse.ts';
import { copyExample } from '../helpers/example.ts';
import { captureIO } from '../signature/helpers.ts';

let ws: string;
let att: string;
let reportJson: any;
const KEY = () => path.join(ws, 'keys/example-signing.key');
const PUB = () => path.join(ws, 'keys/example-signing.pub');

async function cli(args: string[]) {
  const { io, out } = captureIO();
  const code = await main(args, io);
  return { code, ...out };
}
async function verify(model: string, file: string, extra: string[] = []) {
  return cli(['verify-attestation', model, '--attestation', file, '--key', PUB(), ...extra]);
}
function decode(file: string): { bundle: any; statement: any } {
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  return { bundle, statement: JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) };
}
/** A copy of the example's model folder to mutate. */
function modelCopy(name: string): string {
  const dir = path.join(ws, name);
  cpSync(path.join(ws, 'model'), dir, { recursive: true });
  return dir;
}
/** A statement signed with the example key (what a run with that outcome would have written). */
function resign(statement: unknown, name: string): string {
  const key = loadSigningKey(readFileSync(KEY()), 'example-signing.key');
  const file = path.join(ws, name);
  writeFileSync(file, JSON.stringify(signDsse(Buffer.from(JSON.stringify(statement)), 'application/vnd.in-toto+json', key)));
  return file;
}

before(async () => {
  ws = copyExample();
  // Re-sign the example with `model-gate sign` (the shipped model.sig was made by the test signer).
  const s = await cli(['sign', path.join(ws, 'model'), '--signing-key', KEY(), '--force']);
  assert.equal(s.code, 0, s.stderr);
  att = path.join(ws, 'out/gate.sigstore.json');
  const r = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'out/report.json'), '--attestation', att, '--signing-key', KEY()]);
  assert.equal(r.code, 0, r.stderr);
  reportJson = JSON.parse(readFileSync(path.join(ws, 'out/report.json'), 'utf8'));
});
after(() => rmSync(ws, { recursive: true, force: true }));

test('round trip: sign -> check --attestation -> verify-attestation holds (exit 0)', async () => {
  const r = await verify(path.join(ws, 'model'), att, ['--require-gates', 'robustness,model-card,signature', '--max-age', '1h', '--policy-digest', `sha256:${reportJson.policy.sha256}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^OK: .*model \(2 file\(s\)\) passed model-gate at .* under policy sha256:[0-9a-f]{64}, attested by key sha256:8b8cba34/);
  assert.match(r.stdout, /verified levels: MODEL_GATE_SIGNATURE_PASSED, MODEL_GATE_ACCURACY_PASSED, MODEL_GATE_ROBUSTNESS_PASSED, MODEL_GATE_MEMORISATION_PASSED, MODEL_GATE_FAIRNESS_PASSED, MODEL_GATE_MODEL_CARD_PASSED/);
});

test('the VSA statement, checked independently: DSSE PAE + ECDSA by hand, subjects = the files hashed here', () => {
  const { bundle, statement } = decode(att);
  const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
  const type = bundle.dsseEnvelope.payloadType;
  assert.equal(type, 'application/vnd.in-toto+json');
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  const pub = createPublicKey(readFileSync(PUB()));
  assert.equal(cryptoVerify('sha256', pae, pub, Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64')), true);
  assert.equal(bundle.verificationMaterial.publicKey.hint, createHash('sha256').update(readFileSync(PUB())).digest('hex'));

  assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
  assert.equal(statement.predicateType, VSA_PREDICATE);
  const sha = (f: string) => createHash('sha256').update(readFileSync(path.join(ws, 'model', f))).digest('hex');
  const files = statement.subject.filter((s: any) => !s.annotations);
  assert.deepEqual(files, [
    { name: 'README.md', digest: { sha256: sha('README.md') } },
    { name: 'model.onnx', digest: { sha256: sha('model.onnx') } },
  ]);
  const root = statement.subject.find((s: any) => s.annotations);
  assert.equal(`sha256:${root.digest.sha256}`, reportJson.signature.root_digest);
  assert.equal(`sha256:${root.digest.sha256}`, reportJson.model.digest);
  const p = statement.predicate;
  assert.equal(p.verificationResult, 'PASSED');
  assert.deepEqual(p.policy.digest, { sha256: createHash('sha256').update(readFileSync(path.join(ws, 'model-gate.yml'))).digest('hex') });
  assert.deepEqual(p.inputAttestations[0].digest, { sha256: createHash('sha256').update(readFileSync(path.join(ws, 'model/model.sig'))).digest('hex') });
  assert.match(p.verifier.id, /^https:\/\//);
  assert.ok(Math.abs(Date.parse(p.timeVerified) - Date.now()) < 10 * 60_000);
});

test('the report statement: next to the attestation as .report, full report with numbers as decimal strings', () => {
  assert.equal(reportAttestationPath(att), path.join(ws, 'out/gate.report.sigstore.json'));
  assert.equal(reportAttestationPath('gate.json'), 'gate.report.json');
  assert.equal(reportAttestationPath('out/gate'), 'out/gate.report');
  const { statement } = decode(reportAttestationPath(att));
  assert.equal(statement.predicateType, REPORT_PREDICATE);
  assert.deepEqual(statement.subject, decode(att).statement.subject);
  const acc = statement.predicate.report.gates.accuracy;
  assert.equal(acc.metrics.accuracy, String(reportJson.gates.accuracy.metrics.accuracy));
  assert.equal(acc.checks[0].min, '0.8');
  assert.equal(acc.checks[0].line, 37, 'positions stay numbers');
  assert.deepEqual(statement.predicate.report.gates.memorisation.ci.auc, reportJson.gates.memorisation.ci.auc.map(String));
  assert.equal(statement.predicate.report.verdict, 'pass');
});

test('probe: another model (one byte changed, a file added, a file removed) -> attest.subject', async () => {
  const changed = modelCopy('m-changed');
  const b = readFileSync(path.join(changed, 'model.onnx'));
  b[b.length - 1] ^= 1;
  writeFileSync(path.join(changed, 'model.onnx'), b);
  let r = await verify(changed, att);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /verify-attestation failed: .*is not the model the attestation .* is about: changed: "model\.onnx"$/m);

  const added = modelCopy('m-added');
  writeFileSync(path.join(added, 'extra.bin'), 'x');
  r = await verify(added, att);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /extra \(not attested\): "extra\.bin"/);

  const removed = modelCopy('m-removed');
  unlinkSync(path.join(removed, 'README.md'));
  r = await verify(removed, att);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing: "README\.md"/);

  r = await verify(path.join(ws, 'model/model.onnx'), att);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /about a folder of 2 files, but .*model\.onnx is a single file/);
});

test('probe: a FAILED verdict is attested, and verify-attestation rejects it -> attest.result', async () => {
  const pol = readFileSync(path.join(ws, 'model-gate.yml'), 'utf8').replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.99 }');
  writeFileSync(path.join(ws, 'strict.yml'), pol);
  const failed = path.join(ws, 'out/failed.sigstore.json');
  const c = await cli(['check', '--workspace', ws, '--policy', 'strict.yml', '--attestation', failed, '--signing-key', KEY()]);
  assert.equal(c.code, 1);
  const { statement } = decode(failed);
  assert.equal(statement.predicate.verificationResult, 'FAILED');
  assert.ok(!statement.predicate.verifiedLevels.includes('MODEL_GATE_ACCURACY_PASSED'));
  assert.ok(statement.predicate.verifiedLevels.includes('MODEL_GATE_ROBUSTNESS_PASSED'));
  const r = await verify(path.join(ws, 'model'), failed);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /verificationResult is "FAILED", not "PASSED"/);
});

test('probe: an expired attestation (and one from the future) -> attest.expired', async () => {
  const { io, out } = captureIO();
  const later = () => new Date(Date.now() + 8 * 86_400_000);
  const code = await runVerifyAttestationCommand(['verify-attestation', path.join(ws, 'model'), '--attestation', att, '--key', PUB(), '--max-age', '7d'].slice(1), io, later);
  assert.equal(code, 1);
  assert.match(out.stderr, /the attestation is 19\d\.\d h old .*older than --max-age: run the gate again/);
  const { statement } = decode(att);
  statement.predicate.timeVerified = new Date(Date.now() + 86_400_000).toISOString();
  const r = await verify(path.join(ws, 'model'), resign(statement, 'future.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /lies in the future/);
  assert.equal(parseDuration('12h'), 43_200_000);
  assert.equal(parseDuration('7 days'), null);
});

test('probe: another signer key -> attest.signature', async () => {
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = path.join(ws, 'other.pub');
  writeFileSync(pub, other.publicKey.export({ type: 'spki', format: 'pem' }));
  const r = await cli(['verify-attestation', path.join(ws, 'model'), '--attestation', att, '--key', pub]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the signature does not verify with key sha256:[0-9a-f]{64} \(its key hint names another key\): the attestation was signed by another key, or altered after signing/);
  // And an attestation signed with another key, checked with the example key.
  const otherKey = path.join(ws, 'other.key');
  writeFileSync(otherKey, other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const bundle = signDsse(Buffer.from(JSON.stringify(decode(att).statement)), 'application/vnd.in-toto+json', loadSigningKey(readFileSync(otherKey), 'other.key'));
  writeFileSync(path.join(ws, 'by-other.json'), JSON.stringify(bundle));
  const r2 = await verify(path.join(ws, 'model'), path.join(ws, 'by-other.json'));
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /does not verify with key sha256:8b8cba34/);
});

test('probe: a swapped predicate type -> attest.predicate-type', async () => {
  let r = await verify(path.join(ws, 'model'), reportAttestationPath(att));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /predicate type "https:\/\/model-gate\.dev\/report\/v1" is not https:\/\/slsa\.dev\/verification_summary\/v1/);
  const { statement } = decode(att);
  statement.predicateType = 'https://slsa.dev/provenance/v1';
  r = await verify(path.join(ws, 'model'), resign(statement, 'swapped.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /predicate type "https:\/\/slsa\.dev\/provenance\/v1" is not/);
});

test('probe: a payload edited after signing (re-encoded base64, changed JSON) -> attest.signature', async () => {
  const failed = decode(path.join(ws, 'out/failed.sigstore.json'));
  const edited = { ...failed.statement, predicate: { ...failed.statement.predicate, verificationResult: 'PASSED' } };
  failed.bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(edited, null, 2)).toString('base64');
  const file = path.join(ws, 'edited.json');
  writeFileSync(file, JSON.stringify(failed.bundle));
  const r = await verify(path.join(ws, 'model'), file);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the signature does not verify with key sha256:8b8cba34[0-9a-f]+: the attestation was signed by another key, or altered after signing/);
});

test('probe: a policy-digest mismatch -> attest.policy', async () => {
  const r = await verify(path.join(ws, 'model'), att, ['--policy-digest', `sha256:${'0'.repeat(64)}`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the run used policy sha256:[0-9a-f]{64}, not the required sha256:0{64}: the model was gated under another policy/);
});

test('probe: a missing required gate -> attest.gates', async () => {
  // What a run without the fairness gate attests (the statement built from the report minus that gate).
  const report = structuredClone(reportJson);
  delete report.gates.fairness;
  const key = loadSigningKey(readFileSync(KEY()), 'example-signing.key');
  const a = attestRun(report, { timeVerified: new Date().toISOString(), resourceUri: 'file:///model', uriOf: (p) => `file:///${p}` }, key);
  const file = path.join(ws, 'no-fairness.json');
  writeFileSync(file, JSON.stringify(a.vsa.bundle));
  assert.equal((await verify(path.join(ws, 'model'), file, ['--require-gates', 'robustness'])).code, 0);
  const r = await verify(path.join(ws, 'model'), file, ['--require-gates', 'robustness,fairness,memorisation']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /required gate\(s\) fairness not among verifiedLevels \(MODEL_GATE_SIGNATURE_PASSED, .*MODEL_GATE_MEMORISATION_PASSED, MODEL_GATE_MODEL_CARD_PASSED\): the run did not pass them/);
});

test('an inconsistent OMS root-digest subject (signed) is rejected', async () => {
  const { statement } = decode(att);
  statement.subject.find((s: any) => s.annotations).digest.sha256 = 'f'.repeat(64);
  const r = await verify(path.join(ws, 'model'), resign(statement, 'bad-root.json'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the OMS root-digest subject is not the root of the file subjects/);
});

test('no attestation on verdict error; unusable inputs exit 2 in one line', async () => {
  writeFileSync(path.join(ws, 'broken.yml'), 'version: 1\nbogus: true\n');
  const errFile = path.join(ws, 'out/error.sigstore.json');
  const c = await cli(['check', '--workspace', ws, '--policy', 'broken.yml', '--attestation', errFile, '--signing-key', KEY()]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /no attestation written to .*error\.sigstore\.json: the verdict is error/);
  assert.equal(existsSync(errFile), false);
  assert.equal(existsSync(reportAttestationPath(errFile)), false);
  const { report } = { report: { ...reportJson, verdict: 'error' } };
  assert.throws(() => attestRun(report, { timeVerified: new Date().toISOString(), resourceUri: 'x:y', uriOf: (p) => p }, loadSigningKey(readFileSync(KEY()), 'k')), /no attestation for a run whose verdict is error/);

  const notJson = path.join(ws, 'not.json');
  writeFileSync(notJson, 'hello');
  const cases: [string[], RegExp][] = [
    [['check', '--workspace', ws, '--attestation', errFile], /--attestation needs --signing-key PEM or --keyless/],
    [['check', '--workspace', ws, '--attestation', errFile, '--signing-key', PUB()], /holds a public key: give the PEM private key/],
    [['verify-attestation', path.join(ws, 'model'), '--attestation', att], /give --key PEM \(key mode\) or --identity I \/ --identity-regex R with --issuer U/],
    [['verify-attestation', path.join(ws, 'model'), '--attestation', att, '--key', PUB(), '--max-age', '7 days'], /--max-age must be a positive integer with a unit/],
    [['verify-attestation', path.join(ws, 'model'), '--attestation', att, '--key', PUB(), '--policy-digest', 'abc'], /--policy-digest must be sha256:<64 hex digits>/],
    [['verify-attestation', path.join(ws, 'model'), '--attestation', notJson, '--key', PUB()], /not\.json is not JSON/],
    [['verify-attestation', path.join(ws, 'model'), '--attestation', path.join(ws, 'missing.json'), '--key', PUB()], /missing\.json cannot be read \(ENOENT\)/],
    [['verify-attestation', path.join(ws, 'nope'), '--attestation', att, '--key', PUB()], /model path .*nope cannot be read \(ENOENT\)/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], re);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  const help = await cli(['verify-attestation', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /usage: model-gate verify-attestation MODEL_PATH \(--attestation FILE \| --from-github OWNER\/REPO\) \(--key PEM \| --identity/);
  assert.ok(readdirSync(path.join(ws, 'out')).every((f) => !f.startsWith('error')));
});
