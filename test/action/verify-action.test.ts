/**
 * The deploy-side action (verify/action.yml), run as the runner runs it (INPUT_*, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY): from the sources (src/verify-action.ts) against attestations the gate action wrote, every
 * probe with its own check named in one `::error::` line; then the whole loop through the built bundles,
 * dist/index.js then dist/verify.js, as two separate processes (CI builds dist/ before the tests, .ci/run).
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { ROOT } from '../helpers/workspace.ts';

const SHA = 'd'.repeat(40);
const dirs: string[] = [];
let ws: string;
let passed: ActionRun;
let failed: ActionRun;
const PUB = () => path.join(ws, 'keys/example-signing.pub');

function gate(dir: string, policy: string, entry = 'src/main.ts'): Promise<ActionRun> {
  return runAction({
    workspace: dir,
    entry,
    inputs: { policy, attest: 'true', 'signing-key': readFileSync(path.join(dir, 'keys/example-signing.key'), 'utf8') },
    event: { name: 'push', payload: {} },
    env: { GITHUB_SHA: SHA },
  }).then((r) => (dirs.push(r.runnerTemp), r));
}
function verify(inputs: Record<string, string>, entry = 'src/verify-action.ts', dir = ws): Promise<ActionRun> {
  return runAction({ workspace: dir, entry, inputs, env: { GITHUB_SHA: SHA } }).then((r) => (dirs.push(r.runnerTemp), r));
}

before(async () => {
  ws = copyExample();
  dirs.push(ws);
  const p = path.join(ws, 'model-gate.yml');
  const fast = readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, '');
  writeFileSync(p, fast);
  writeFileSync(path.join(ws, 'strict.yml'), fast.replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.99 }'));
  passed = await gate(ws, 'model-gate.yml');
  assert.equal(passed.code, 0, passed.stdout);
  failed = await gate(ws, 'strict.yml');
  assert.equal(failed.outputs.verdict, 'fail', failed.stdout);
});
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('the attestation holds: exit 0, outputs, a summary with the subjects, verdict, gates and age; key as a path or as PEM text', async () => {
  const policyDigest = `sha256:${JSON.parse(readFileSync(passed.outputs['report-path'], 'utf8')).policy.sha256}`;
  const run = await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-path'], key: 'keys/example-signing.pub', 'require-gates': 'accuracy, model-card,signature', 'max-age': '1h', 'policy-digest': policyDigest });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(errorLines(run), []);
  assert.equal(run.outputs.verified, 'true');
  assert.equal(run.outputs['policy-digest'], policyDigest);
  assert.equal(run.outputs['verified-levels'], 'MODEL_GATE_SIGNATURE_PASSED,MODEL_GATE_ACCURACY_PASSED,MODEL_GATE_MODEL_CARD_PASSED');
  assert.equal(run.outputs.signer, passed.outputs.signer);
  assert.ok(Math.abs(Date.parse(run.outputs['time-verified']) - Date.now()) < 10 * 60_000);
  assert.match(run.stdout, /^model-gate verify: OK: model \(2 file\(s\)\) passed model-gate at /m);
  assert.match(run.summary, /^### model-gate verify: ✅ the attestation holds$/m);
  assert.match(run.summary, /\| model \| `model`: 2 file\(s\), all match the subjects \|/);
  assert.match(run.summary, /\| verdict \| `PASSED` \|/);
  assert.match(run.summary, /\| required gates \| `accuracy` `model-card` `signature` \|/);
  assert.match(run.summary, /\| age \| \d+ min \(timeVerified `[^`]+`, max-age `1h`\) \|/);

  const inline = await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-path'], key: readFileSync(PUB(), 'utf8') });
  assert.equal(inline.code, 0, inline.stdout);
});

/** The one ::error:: line of a run that must fail. */
function refused(run: ActionRun): string {
  assert.equal(run.code, 1, run.stdout);
  assert.equal(run.outputs.verified, 'false');
  const errs = errorLines(run);
  assert.equal(errs.length, 1, errs.join('\n'));
  assert.match(run.summary, /^### model-gate verify: ❌/m);
  assert.doesNotMatch(run.stdout, /at .*\.ts:\d+/, 'no stack trace');
  return errs[0];
}

test('probe: one changed model byte -> check: subject', async () => {
  const copy = path.join(ws, 'model-changed');
  cpSync(path.join(ws, 'model'), copy, { recursive: true });
  const b = readFileSync(path.join(copy, 'model.onnx'));
  b[b.length - 1] ^= 1;
  writeFileSync(path.join(copy, 'model.onnx'), b);
  const line = refused(await verify({ 'model-path': 'model-changed', attestation: passed.outputs['attestation-path'], key: 'keys/example-signing.pub' }));
  assert.match(line, /^::error::model-gate verify: the attestation does not hold \(check: subject\): model-changed is not the model the attestation .* is about: changed: "model\.onnx"$/);
});

test("probe: a FAILED run's attestation, with require-gates -> check: result", async () => {
  const line = refused(await verify({ 'model-path': 'model', attestation: failed.outputs['attestation-path'], key: 'keys/example-signing.pub', 'require-gates': 'accuracy' }));
  assert.match(line, /\(check: result\): .*verificationResult is "FAILED", not "PASSED"/);
});

test('probe: another key -> check: signature; a required gate that did not run -> check: gates; another policy -> check: policy', async () => {
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let line = refused(await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-path'], key: other }));
  assert.match(line, /\(check: signature\): .*the signature does not verify with key sha256:[0-9a-f]{64}/);
  line = refused(await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-path'], key: 'keys/example-signing.pub', 'require-gates': 'robustness' }));
  assert.match(line, /\(check: gates\): .*required gate\(s\) robustness not among verifiedLevels/);
  line = refused(await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-path'], key: 'keys/example-signing.pub', 'policy-digest': `sha256:${'0'.repeat(64)}` }));
  assert.match(line, /\(check: policy\): .*not the required sha256:0{64}/);
  line = refused(await verify({ 'model-path': 'model', attestation: passed.outputs['attestation-report-path'], key: 'keys/example-signing.pub' }));
  assert.match(line, /\(check: predicate-type\)/);
});

test('unusable inputs fail the step too, in one line each', async () => {
  const att = passed.outputs['attestation-path'];
  assert.match(refused(await verify({ attestation: att, key: 'keys/example-signing.pub' })), /^::error::model-gate verify: error \(input\.invalid\): input model-path is required/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att })), /input key, identity or identity-regex is required: .*; no identity is assumed$/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, issuer: 'https://token.actions.githubusercontent.com' })), /input key, identity or identity-regex is required/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, key: 'keys/example-signing.pub', identity: 'x' })), /inputs key and identity are exclusive/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, identity: 'x', 'identity-regex': 'y' })), /inputs identity and identity-regex are exclusive/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, key: 'keys/example-signing.pub', 'trusted-root': 'r.json' })), /input trusted-root is for keyless verification/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, 'identity-regex': '(' })), /input identity-regex: .*is not a valid regular expression/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, identity: 'x', 'trusted-root': 'nope.json' })), /input trusted-root nope\.json cannot be read \(ENOENT\)/);
  // A key-signed attestation checked keyless: refused at the signature, naming the way to verify it.
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, identity: 'https://github.com/acme/credit/.github/workflows/gate.yml@refs/heads/main' })), /\(check: signature\): .*is signed with a key/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, key: 'keys/nope.pub' })), /input key keys\/nope\.pub is neither PEM text nor a readable file \(ENOENT\)/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: att, key: 'keys/example-signing.pub', 'max-age': '7 days' })), /input max-age must be a positive integer with a unit/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: 'missing.json', key: 'keys/example-signing.pub' })), /attestation missing\.json cannot be read \(ENOENT\)/);
  assert.match(refused(await verify({ 'model-path': 'model', attestation: 'model-gate.yml', key: 'keys/example-signing.pub' })), /attestation model-gate\.yml is not JSON/);
});

test('verify/action.yml: node24, main ../dist/verify.js, the inputs the code reads; the build has the entry', () => {
  const meta = parse(readFileSync(path.join(ROOT, 'verify/action.yml'), 'utf8'));
  assert.deepEqual(meta.runs, { using: 'node24', main: '../dist/verify.js' });
  assert.deepEqual(Object.keys(meta.inputs).sort(), ['attestation', 'identity', 'identity-regex', 'ignore-paths', 'issuer', 'key', 'max-age', 'model-path', 'policy-digest', 'repository', 'require-gates', 'source', 'token', 'trusted-root']);
  assert.deepEqual(Object.keys(meta.outputs).sort(), ['policy-digest', 'signer', 'time-verified', 'verified', 'verified-levels']);
  assert.match(readFileSync(path.join(ROOT, 'scripts/build.mjs'), 'utf8'), /verify: path\.join\(root, 'src\/verify-action\.ts'\)/);
  const gateMeta = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  for (const k of ['attest', 'signing-key', 'attestation-path']) assert.ok(gateMeta.inputs[k], k);
  assert.equal(gateMeta.inputs.attest.default, 'false');
  for (const k of ['attestation-path', 'attestation-report-path']) assert.ok(gateMeta.outputs[k], k);
});

test('the whole loop through the built bundles: dist/index.js (attest) then dist/verify.js, separate processes; the tampered copy is refused', async () => {
  // Not skippable: a missing dist/verify.js fails here with "run `npm run build` first" (CI builds before testing).
  const dir = copyExample();
  dirs.push(dir);
  const g = await gate(dir, 'model-gate.yml', 'dist/index.js');
  assert.equal(g.code, 0, g.stdout);
  assert.equal(g.outputs.verdict, 'pass');
  const ok = await verify({ 'model-path': 'model', attestation: g.outputs['attestation-path'], key: 'keys/example-signing.pub', 'require-gates': 'robustness,memorisation,fairness,model-card,signature', 'max-age': '1h' }, 'dist/verify.js', dir);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(ok.outputs.verified, 'true');
  assert.match(ok.summary, /the attestation holds/);
  const model = path.join(dir, 'model/model.onnx');
  const b = readFileSync(model);
  b[10] ^= 1;
  writeFileSync(model, b);
  const bad = await verify({ 'model-path': 'model', attestation: g.outputs['attestation-path'], key: 'keys/example-signing.pub' }, 'dist/verify.js', dir);
  assert.match(refused(bad), /\(check: subject\): .*changed: "model\.onnx"/);
});

test("the README's workflow uses only inputs the two actions declare, and gives the verify action its required ones", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/model\.yml\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, 'the workflow block');
  const wf = parse(block[1]);
  const steps = Object.values(wf.jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>).flatMap((j) => j.steps);
  const declared = (file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8')).inputs as Record<string, { required?: boolean }>;
  const checks: [string, Record<string, { required?: boolean }>][] = [['acme/model-gate@v1', declared('action.yml')], ['acme/model-gate/verify@v1', declared('verify/action.yml')]];
  for (const [uses, inputs] of checks) {
    const step = steps.find((s) => s.uses === uses);
    assert.ok(step, uses);
    for (const k of Object.keys(step.with ?? {})) assert.ok(k in inputs, `${uses}: input ${k} is not declared`);
    for (const [k, v] of Object.entries(inputs)) if (v.required) assert.ok(k in (step.with ?? {}), `${uses}: required input ${k} missing`);
  }
  const gateStep = steps.find((s) => s.uses === 'acme/model-gate@v1')!;
  assert.equal(gateStep.with?.attest, true);
});
