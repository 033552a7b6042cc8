/**
 * The action writes the CycloneDX ML-BOM to `cyclonedx-path` (default under RUNNER_TEMP) and sets the output of the
 * same name, with the same safe writer as report-path and sarif-path. Runs src/action/run.ts in this process (the
 * end-to-end tests run dist/index.js, which is rebuilt separately).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../../src/action/run.ts';
import { renderCycloneDx } from '../../src/report/cyclonedx.ts';
import { parseOutputFile } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';

/** The example with the fast gates only (accuracy, model-card). */
function fastExample(): string {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, ''));
  return ws;
}

async function run(ws: string, inputs: Record<string, string>): Promise<{ code: number; outputs: Record<string, string>; temp: string }> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'mg-runner-'));
  const outputFile = path.join(temp, 'output.txt');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { GITHUB_WORKSPACE: ws, RUNNER_TEMP: temp, GITHUB_EVENT_NAME: 'workflow_dispatch', 'INPUT_POLICY': 'model-gate.yml', INPUT_COMMENT: 'never' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  // @actions/core writes outputs to process.env.GITHUB_OUTPUT.
  // core.setFailed sets process.exitCode: restored, or this test file would count as failed.
  const saved = process.env.GITHUB_OUTPUT;
  const savedExit = process.exitCode;
  process.env.GITHUB_OUTPUT = outputFile;
  try {
    const code = await runAction(env);
    return { code, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), temp };
  } finally {
    if (saved === undefined) delete process.env.GITHUB_OUTPUT;
    else process.env.GITHUB_OUTPUT = saved;
    process.exitCode = savedExit;
  }
}

test('action: the BOM at the default cyclonedx-path, named by the output, is the one the report gives', async () => {
  const ws = fastExample();
  const r = await run(ws, {});
  assert.equal(r.code, 0);
  assert.equal(r.outputs.verdict, 'pass');
  assert.equal(r.outputs['cyclonedx-path'], path.join(r.temp, 'model-gate-model-gate.cdx.json'));
  const report = JSON.parse(readFileSync(r.outputs['report-path'], 'utf8'));
  assert.equal(readFileSync(r.outputs['cyclonedx-path'], 'utf8'), renderCycloneDx(report));
});

test('action: cyclonedx-path through a symlink is refused: verdict error, the target untouched, no output', async () => {
  const ws = fastExample();
  const target = path.join(ws, 'target.json');
  writeFileSync(target, 'keep\n');
  symlinkSync(target, path.join(ws, 'bom.json'));
  const r = await run(ws, { 'cyclonedx-path': 'bom.json' });
  assert.equal(r.code, 1);
  assert.equal(readFileSync(target, 'utf8'), 'keep\n');
  assert.equal(r.outputs['cyclonedx-path'], undefined);
  const report = JSON.parse(readFileSync(r.outputs['report-path'], 'utf8'));
  assert.equal(report.verdict, 'pass', 'the report file was written before the BOM');
});
