/**
 * No internal error reaches a user: a model that fails inside onnxruntime ends in ONE typed line that names the model,
 * the input shapes and what to do, without a stack trace; the stack appears only behind --debug (CLI) or
 * RUNNER_DEBUG=1 (action). Unknown exceptions (bugs) say so in one line, stack behind the same switches.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { runGate } from '../../src/engine/run.ts';
import { workingTreeFiles } from '../../src/engine/working-tree.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { fixedBatchInsideModel } from '../helpers/models.ts';
import { runAction, errorLines } from '../helpers/action.ts';

const STACK = /\n\s+at [^\n]+[:(]/;

/** 12 rows: the shared predictions (one batch of 12) work; the robustness gate's smaller batches do not. */
function fixedBatchWorkspace() {
  const rows = ['a,b,y'];
  for (let i = 0; i < 12; i++) {
    const a = (i % 4) / 4, b = ((i * 3) % 5) / 5;
    rows.push(`${a},${b},${a > b ? 0 : 1}`);
  }
  return makeWorkspace({
    'model/m.onnx': fixedBatchInsideModel(12),
    'data/eval.csv': rows.join('\n') + '\n',
    'model-gate.yml': `version: 1
model:
  path: model/m.onnx
signature:
  required: false
datasets:
  eval:
    path: data/eval.csv
    label: y
gates:
  accuracy:
    dataset: eval
    thresholds:
      accuracy: { min: 0.5 }
  robustness:
    dataset: eval
    norm: linf
    epsilon: 0.1
    thresholds:
      robust_accuracy: { min: 0 }
`,
  });
}

async function cli(args: string[]) {
  let stdout = '', stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
  });
  return { code, stdout, stderr };
}

const MODEL_RUN = /^gate robustness: onnxruntime failed to run model\/m\.onnx on input x float32 \[\d+, 2\]: .*The input tensor cannot be reshaped to the requested shape.*: the model runs on some input shapes only \(e\.g\. a batch size fixed inside the graph\): export it with a dynamic batch dimension, or check model\.inputs against the dataset$/;

test('CLI: a model that fails at run time (batch size fixed inside the graph): one typed line, no stack trace; --debug shows it', async () => {
  const ws = fixedBatchWorkspace();
  try {
    const json = path.join(ws.dir, 'r.json');
    const r = await cli(['check', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', json]);
    assert.equal(r.code, 2);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(report.gates.accuracy.status, 'pass');
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].code, 'model.run');
    assert.match(report.errors[0].message, MODEL_RUN);
    assert.doesNotMatch(report.errors[0].message, /internal error|onnxruntime_src|\n/);
    assert.doesNotMatch(r.stderr + r.stdout, STACK);
    assert.doesNotMatch(r.stderr, /\[E:onnxruntime/);
    assert.match(r.stdout, /Gate robustness: error \(onnxruntime failed to run model\/m\.onnx/);

    const d = await cli(['check', '--debug', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', json]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, STACK);
    assert.match(d.stderr, /Reshape/);
  } finally {
    ws.cleanup();
  }
});

test('--debug is in the CLI help', async () => {
  const r = await cli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--debug/);
});

test('CLI: an unexpected exception in a command is one line naming the command, the stack only with --debug', async () => {
  const ws = makeWorkspace({ 'cards/head.md': '# card\n' });
  try {
    // a directory where a card file is expected: the read fails with EISDIR
    const r = await cli(['card-diff', ws.dir, path.join(ws.dir, 'cards/head.md')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^model-gate: card-diff: cannot read .*: EISDIR/);
    assert.doesNotMatch(r.stderr, STACK);
    const d = await cli(['card-diff', '--debug', ws.dir, path.join(ws.dir, 'cards/head.md')]);
    assert.equal(d.code, 2);
    assert.match(d.stderr, STACK);
  } finally {
    ws.cleanup();
  }
});

test('engine: an unknown exception is an internal error in one line that says what to do; its stack is logged only with debug', async () => {
  const ws = makeWorkspace({ 'model-gate.yml': 'version: 1\n' });
  try {
    const boom: ReturnType<typeof workingTreeFiles> = {
      source: 'base',
      exists: async () => { throw new TypeError('boom'); },
      read: async () => Buffer.from(''),
    };
    for (const debug of [false, true]) {
      const logged: string[] = [];
      const log = { info: (m: string) => { logged.push(m); }, warn: (m: string) => { logged.push(m); } };
      const report = await runGate({
        workspace: ws.dir, workingDirectory: ws.dir, policyPath: 'model-gate.yml', mode: 'enforce',
        trusted: boom, head: workingTreeFiles(ws.dir), changedFiles: null, log, debug,
      });
      assert.equal(report.verdict, 'error');
      assert.equal(report.errors[0].code, 'internal');
      assert.match(report.errors[0].message, /^internal error: boom \(TypeError\): this is a bug in model-gate: rerun with --debug \(CLI\) or RUNNER_DEBUG=1 \(action\) for the stack trace, and report it$/);
      if (debug) assert.ok(logged.some((m) => STACK.test(m) && m.includes('boom')), logged.join('\n'));
      else assert.ok(!logged.some((m) => STACK.test(m)), logged.join('\n'));
    }
  } finally {
    ws.cleanup();
  }
});

test('action: the same run-time failure is one ::error line without a stack trace; RUNNER_DEBUG=1 shows it', async () => {
  const ws = fixedBatchWorkspace();
  try {
    const run = await runAction({ workspace: ws.dir, inputs: { policy: 'model-gate.yml' }, event: { name: 'workflow_dispatch' } });
    try {
      assert.equal(run.code, 1);
      assert.equal(run.outputs.verdict, 'error');
      assert.ok(errorLines(run).some((l) => /onnxruntime failed to run model\/m\.onnx on input x float32 \[\d+, 2\]/.test(l)), errorLines(run).join('\n'));
      assert.ok(!errorLines(run).some((l) => /internal error/.test(l)), errorLines(run).join('\n'));
      assert.doesNotMatch(run.stdout + run.stderr, STACK);
      assert.doesNotMatch(run.stdout + run.stderr, /\[E:onnxruntime/);
    } finally {
      rmSync(run.runnerTemp, { recursive: true, force: true });
    }
    const dbg = await runAction({ workspace: ws.dir, inputs: { policy: 'model-gate.yml' }, event: { name: 'workflow_dispatch' }, env: { RUNNER_DEBUG: '1' } });
    try {
      assert.equal(dbg.code, 1);
      assert.match(dbg.stdout, STACK);
    } finally {
      rmSync(dbg.runnerTemp, { recursive: true, force: true });
    }
  } finally {
    ws.cleanup();
  }
});

test('JSON that cannot be parsed: the event payload and a card-diff report say which file and what to do, in one line', async () => {
  const { readEventPayload } = await import('../../src/action/event.ts');
  const ws = makeWorkspace({ 'event.json': '{"pull_request": ', 'report.json': 'not json', 'card.md': '# card\n' });
  try {
    assert.throws(() => readEventPayload(path.join(ws.dir, 'event.json')), (e: unknown) => {
      const err = e as { code: string; message: string };
      return err.code === 'event.payload' && /^the event payload .*event\.json \(GITHUB_EVENT_PATH\) is not valid JSON \(.*\): run model-gate as a step of a GitHub Actions job/.test(err.message) && !err.message.includes('\n');
    });
    assert.throws(() => readEventPayload(path.join(ws.dir, 'missing.json')), /event payload .*missing\.json \(GITHUB_EVENT_PATH\) cannot be read \(ENOENT\)/);
    const r = await cli(['card-diff', path.join(ws.dir, 'card.md'), path.join(ws.dir, 'card.md'), '--report', path.join(ws.dir, 'report.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^model-gate: cannot read the report .*report\.json: .*: give the JSON report written by model-gate check --json\n$/);
  } finally {
    ws.cleanup();
  }
});
