/**
 * The action as the runner runs it: `node dist/index.js` with INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_EVENT_PATH and RUNNER_TEMP. (CI builds dist/ before the tests; locally: npm run build.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAction, errorLines } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';

const SHA_A = 'a'.repeat(40);

test('push event, passing policy: verdict pass, outputs, summary verdict first, report file', async () => {
  const ws = copyExample();
  try {
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml' }, event: { name: 'workflow_dispatch', payload: {} } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.verdict, 'pass');
    assert.equal(run.outputs['failed-gates'], '');
    assert.match(run.outputs['model-digest'], /^sha256:[0-9a-f]{64}$/);
    assert.match(run.outputs['model-sha256'], /^[0-9a-f]{64}$/);
    assert.match(run.outputs.signer, /^sha256:[0-9a-f]{64}$/);
    assert.equal(run.outputs['report-path'], path.join(run.runnerTemp, 'model-gate-model-gate.json'));
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
    assert.equal(report.schema, 'model-gate/report/v1');
    assert.equal(report.verdict, 'pass');
    // The example's regression gate has no base commit on workflow_dispatch: skipped, with the reason.
    assert.deepEqual(Object.keys(report.gates), ['accuracy', 'robustness', 'memorisation', 'fairness', 'regression', 'model-card']);
    assert.equal(report.gates.regression.status, 'skipped');
    assert.match(report.gates.regression.message, /^no baseline: this run has no base commit/);
    assert.equal(report.signature.status, 'verified');
    // The summary starts with the verdict.
    const firstLine = run.summary.split('\n').find((l) => l.trim() !== '')!;
    assert.match(firstLine, /PASS/);
    assert.match(run.summary, /robust_accuracy/);
    assert.match(run.summary, /```mermaid/);
    // The SARIF log is written too.
    const sarif = JSON.parse(readFileSync(path.join(run.runnerTemp, 'model-gate-model-gate.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(errorLines(run), []);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a missed threshold fails the step with an annotation on the threshold line; advisory mode reports without failing', async () => {
  const ws = copyExample();
  try {
    const policyFile = path.join(ws, 'model-gate.yml');
    const text = readFileSync(policyFile, 'utf8').replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.95 }');
    writeFileSync(policyFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('accuracy: { min: 0.95 }')) + 1;
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml' }, event: { name: 'push', payload: { before: '0'.repeat(40), after: SHA_A } } });
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'fail');
    assert.equal(run.outputs['failed-gates'], 'accuracy');
    const errs = errorLines(run);
    assert.ok(errs.some((l) => l.startsWith(`::error file=model-gate.yml,line=${line},col=`) && l.includes('accuracy 0.855 < min 0.95')), errs.join('\n'));
    assert.match(run.stdout, /::error::model-gate: fail \(accuracy\)/);

    const advisory = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml', mode: 'advisory' }, event: { name: 'workflow_dispatch' } });
    assert.equal(advisory.code, 0);
    assert.equal(advisory.outputs.verdict, 'fail');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a tampered model fails the step even in advisory mode, and the model is never executed', async () => {
  const ws = copyExample();
  try {
    const model = path.join(ws, 'model/model.onnx');
    const bytes = readFileSync(model);
    bytes[bytes.length - 5] ^= 1;
    writeFileSync(model, bytes);
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml', mode: 'advisory' }, event: { name: 'workflow_dispatch' } });
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'fail');
    assert.equal(run.outputs['failed-gates'], 'signature');
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
    assert.equal(report.signature.status, 'failed');
    assert.match(report.signature.message, /model\.onnx/);
    assert.deepEqual(report.gates, {});
    assert.equal(report.model, null);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('pull_request_target is refused unless allowed; a report path that is a symlink is refused', async () => {
  const ws = copyExample();
  try {
    const refused = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml' }, event: { name: 'pull_request_target', payload: { pull_request: { number: 1, base: { sha: SHA_A }, head: { sha: SHA_A } } } } });
    assert.equal(refused.code, 1);
    assert.equal(refused.outputs.verdict, 'error');
    assert.match(refused.stdout, /::error::refusing to run on pull_request_target/);

    const target = path.join(ws, 'elsewhere.json');
    writeFileSync(target, 'keep');
    const link = path.join(ws, 'report-link.json');
    symlinkSync(target, link);
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml', 'report-path': 'report-link.json' }, event: { name: 'workflow_dispatch' } });
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'error');
    assert.equal(readFileSync(target, 'utf8'), 'keep');
    assert.match(run.stdout, /report-path .*report-link\.json is a symlink: model-gate never writes through symlinks/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a report path outside the workspace and RUNNER_TEMP, in folders that do not exist, is refused and no folder made', async () => {
  // An empty workspace (no policy): the gate ends in an error report, which the action then tries to write.
  const ws = mkdtempSync(path.join(os.tmpdir(), 'mg-ws-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'mg-outside-'));
  try {
    const file = path.join(outside, 'new', 'deeper', 'report.json');
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml', 'report-path': file }, event: { name: 'workflow_dispatch' } });
    assert.equal(run.code, 1);
    assert.equal(run.outputs.verdict, 'error');
    assert.equal(run.outputs['report-path'], undefined);
    assert.match(run.summary, /report-path .*report\.json is outside the workspace and RUNNER(_|&#95;)TEMP/); // md() encodes _
    assert.equal(existsSync(path.join(outside, 'new')), false, 'no folder made outside the roots');
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('hostile group values and file names never become workflow commands or markup', async () => {
  const ws = copyExample();
  try {
    const data = path.join(ws, 'data/eval.csv');
    // 40 applicants get a group value that is a workflow command, with a mention and markup.
    let n = 0;
    writeFileSync(data, readFileSync(data, 'utf8').replace(/,female,/g, (m) => (n++ < 40 ? ',"::error::pwned @octocat <b>x</b>\n::set-output name=verdict::pass",' : m)));
    const policyFile = path.join(ws, 'model-gate.yml');
    writeFileSync(policyFile, readFileSync(policyFile, 'utf8').replace(/    sha256: b207\w+\n/, '').replace('demographic_parity_difference: { max: 0.1 }', 'demographic_parity_difference: { max: 0.0001 }'));
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml' }, event: { name: 'workflow_dispatch' } });
    assert.equal(run.outputs.verdict, 'fail', run.stdout);
    for (const line of run.stdout.split('\n')) {
      assert.ok(!/^::(error|set-output|warning)::pwned/.test(line) && !line.startsWith('::set-output'), line);
    }
    assert.ok(!run.summary.includes('@octocat'), 'mention neutralised in the summary');
    assert.ok(!run.summary.includes('<b>x</b>'), 'markup escaped in the summary');
    assert.match(run.summary, /pwned/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('an unsupported runner gets a clear error naming the supported ones', async () => {
  const { spawnSync } = await import('node:child_process');
  const { ROOT } = await import('../helpers/workspace.ts');
  const fake = 'data:text/javascript,' + encodeURIComponent("Object.defineProperty(process, 'platform', { value: 'darwin' }); Object.defineProperty(process, 'arch', { value: 'arm64' });");
  const r = spawnSync(process.execPath, ['--import', fake, path.join(ROOT, 'dist/index.js')], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.equal(r.status, 1);
  assert.equal(r.stdout.trim(), '::error::model-gate runs on linux-x64 and linux-arm64 runners (dist/ ships onnxruntime for those); this runner is darwin-arm64: use runs-on: ubuntu-latest or ubuntu-24.04-arm');
});

test('working-directory: policy paths resolve inside it, annotations carry repository-relative paths', async () => {
  const { cpSync, mkdtempSync, realpathSync } = await import('node:fs');
  const os = await import('node:os');
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-wd-')));
  try {
    const example = copyExample();
    cpSync(example, path.join(ws, 'ml'), { recursive: true });
    rmSync(example, { recursive: true, force: true });
    const policyFile = path.join(ws, 'ml/model-gate.yml');
    const text = readFileSync(policyFile, 'utf8').replace('roc_auc: { min: 0.85 }', 'roc_auc: { min: 0.95 }');
    writeFileSync(policyFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('roc_auc: { min: 0.95 }')) + 1;
    const run = await runAction({ workspace: ws, inputs: { policy: 'model-gate.yml', 'working-directory': 'ml' }, event: { name: 'workflow_dispatch' } });
    assert.equal(run.outputs.verdict, 'fail', run.stdout);
    assert.ok(errorLines(run).some((l) => l.startsWith(`::error file=ml/model-gate.yml,line=${line},`)), errorLines(run).join('\n'));
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
    assert.equal(report.policy.path, 'ml/model-gate.yml');
    assert.equal(report.datasets.eval.path, 'ml/data/eval.csv');
    assert.equal(report.signature.status, 'verified');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
