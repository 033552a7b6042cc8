/** The attestation statements from typed reports (src/attest/statement.ts), and verification of a one-file model. */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { attestRun, buildReportStatement, buildVsaStatement, decimal, levelOf, subjectsOf } from '../../src/attest/statement.ts';
import { uriResolver } from '../../src/attest/paths.ts';
import { verifyAttestation } from '../../src/attest/verify.ts';
import { loadSigningKey } from '../../src/signature/sign/dsse.ts';
import type { Report } from '../../src/report/types.ts';
import { errorReport, failReport, passReport } from '../report/fixtures.ts';

const OPTS = { timeVerified: '2026-01-02T03:04:05.000Z', resourceUri: 'git+https://github.com/acme/ml@abc#models/credit', uriOf: (p: string) => `git+https://github.com/acme/ml@abc#${p}` };

function signed(r: Report): Report {
  r.signature = { ...r.signature, subject: 'models/credit', files: [{ name: 'README.md', sha256: '1'.repeat(64) }, { name: 'model.onnx', sha256: 'b'.repeat(64) }], bundle: 'models/credit/model.sig', bundle_sha256: 'e'.repeat(64) };
  return r;
}

test('level names: upper case, dashes as underscores', () => {
  assert.equal(levelOf('model-card'), 'MODEL_GATE_MODEL_CARD_PASSED');
  assert.equal(levelOf('robustness'), 'MODEL_GATE_ROBUSTNESS_PASSED');
});

test('VSA of a passing signed run: subjects, policy, input attestation, levels; pure (same inputs, same statement)', () => {
  const st = buildVsaStatement(signed(passReport()), OPTS) as any;
  assert.deepEqual(st.subject, [
    { name: 'README.md', digest: { sha256: '1'.repeat(64) } },
    { name: 'model.onnx', digest: { sha256: 'b'.repeat(64) } },
    { name: 'credit', digest: { sha256: 'c'.repeat(64) }, annotations: { 'model-gate.dev/subject': 'oms-root-digest' } },
  ]);
  assert.equal(st.predicateType, 'https://slsa.dev/verification_summary/v1');
  assert.deepEqual(st.predicate.policy, { uri: 'git+https://github.com/acme/ml@abc#.github/model-gate.yml', digest: { sha256: 'a'.repeat(64) } });
  assert.deepEqual(st.predicate.inputAttestations, [{ uri: 'git+https://github.com/acme/ml@abc#models/credit/model.sig', digest: { sha256: 'e'.repeat(64) } }]);
  assert.equal(st.predicate.verificationResult, 'PASSED');
  assert.deepEqual(st.predicate.verifiedLevels, ['MODEL_GATE_SIGNATURE_PASSED', 'MODEL_GATE_ACCURACY_PASSED', 'MODEL_GATE_ROBUSTNESS_PASSED']);
  assert.equal(st.predicate.timeVerified, OPTS.timeVerified);
  assert.deepEqual(buildVsaStatement(signed(passReport()), OPTS), st);
});

test('VSA of a failing run: FAILED, only the passed gates listed', () => {
  const r = signed(failReport());
  const st = buildVsaStatement(r, OPTS) as any;
  assert.equal(st.predicate.verificationResult, 'FAILED');
  const passed = Object.entries(r.gates).filter(([, g]) => g?.status === 'pass').map(([n]) => levelOf(n));
  assert.deepEqual(st.predicate.verifiedLevels.filter((l: string) => l !== 'MODEL_GATE_SIGNATURE_PASSED'), passed);
  for (const [n, g] of Object.entries(r.gates)) if (g?.status !== 'pass') assert.ok(!st.predicate.verifiedLevels.includes(levelOf(n)));
});

test('never on error; no whole-file digests (OMS shards) is refused with the fix', () => {
  assert.throws(() => buildVsaStatement(errorReport(), OPTS), /no attestation for a run whose verdict is error/);
  assert.throws(() => subjectsOf(passReport()), /shards serialization\): sign the model with --method files/);
});

test('report statement: numbers of metrics, CIs and thresholds as decimal strings; the rest as in the report', () => {
  const r = signed(passReport());
  r.gates.accuracy!.ci = { accuracy: [0.1 + 0.2, 0.95] };
  const st = buildReportStatement(r, OPTS) as any;
  assert.equal(st.predicateType, 'https://model-gate.dev/report/v1');
  const acc = st.predicate.report.gates.accuracy;
  assert.equal(acc.metrics.accuracy, '0.9123');
  assert.deepEqual(acc.ci.accuracy, ['0.30000000000000004', '0.95']);
  assert.deepEqual([acc.checks[0].min, acc.checks[0].value, acc.checks[0].line], ['0.9', '0.9123', 22]);
  assert.deepEqual(acc.details, r.gates.accuracy!.details);
  assert.equal(st.predicate.report.datasets.eval.rows, 100);
  assert.equal(st.predicate.timeVerified, OPTS.timeVerified);
});

test('decimal strings never use an exponent and read back as the same number', () => {
  const cases: [number, string][] = [[0.855, '0.855'], [1e-7, '0.0000001'], [-2.5e-10, '-0.00000000025'], [1.5e21, '1500000000000000000000'], [1.2345e-7, '0.00000012345'], [0, '0'], [42, '42'], [NaN, 'NaN']];
  for (const [n, want] of cases) {
    assert.equal(decimal(n), want);
    if (Number.isFinite(n)) assert.equal(Number(decimal(n)), n);
  }
  for (let i = 0; i < 2000; i++) {
    const n = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 60 - 30);
    assert.equal(Number(decimal(n)), n);
    assert.doesNotMatch(decimal(n), /e/);
  }
});

test('URIs: git+ URLs in a GitHub job, file:// elsewhere', () => {
  assert.equal(uriResolver('/ws', { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/ml', GITHUB_SHA: 'abc' })('models/m'), 'git+https://github.com/acme/ml@abc#models/m');
  assert.equal(uriResolver('/ws', {})('models/a b'), 'file:///ws/models/a%20b');
});

test('an unsigned one-file model: the file is the subject, matched by digest even when renamed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-attest-'));
  try {
    const bytes = Buffer.from('an onnx model, for the test');
    const r = passReport();
    r.signature = { status: 'skipped' };
    r.model!.sha256 = createHash('sha256').update(bytes).digest('hex');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const key = loadSigningKey(Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })), 'p384.key');
    const a = attestRun(r, { ...OPTS, timeVerified: new Date().toISOString() }, key);
    assert.deepEqual((a.vsa.statement as any).subject, [{ name: 'model.onnx', digest: { sha256: r.model!.sha256 } }]);
    assert.deepEqual((a.vsa.statement as any).predicate.inputAttestations, []);
    assert.ok(!(a.vsa.statement as any).predicate.verifiedLevels.includes('MODEL_GATE_SIGNATURE_PASSED'));
    const file = path.join(dir, 'deployed-v2.onnx');
    writeFileSync(file, bytes);
    const res = await verifyAttestation({ json: a.vsa.bundle, name: 'att', modelPath: file, key: publicKey, requireGates: ['accuracy'], now: new Date() });
    assert.equal(res.files, 1);
    await assert.rejects(verifyAttestation({ json: a.vsa.bundle, name: 'att', modelPath: file, key: publicKey, requireGates: ['signature'], now: new Date() }), /required gate\(s\) signature not among verifiedLevels/);
    writeFileSync(file, Buffer.concat([bytes, Buffer.from('!')]));
    await assert.rejects(verifyAttestation({ json: a.vsa.bundle, name: 'att', modelPath: file, key: publicKey, now: new Date() }), (e: any) => e.code === 'attest.subject' && e.kind === 'fail' && /changed: "model\.onnx"/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
