/**
 * The files `model-gate check` writes (--json, --markdown) go through the same safe writer as the action's
 * outputs: never through a symlink, never outside the workspace / current directory / RUNNER_TEMP, no folder made
 * before the check, and a refusal is one line on stderr with exit status 2.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';

async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function dirs(): { ws: string; outside: string; done: () => void } {
  // An empty workspace: no policy, so the gate itself ends in an error report, which the CLI still writes.
  const ws = mkdtempSync(path.join(os.tmpdir(), 'mg-cli-ws-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'mg-cli-out-'));
  return { ws, outside, done: () => [ws, outside].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

for (const flag of ['--json', '--markdown']) {
  test(`check ${flag} at an existing symlink: refused in one line, exit 2, the target untouched`, async () => {
    const { ws, outside, done } = dirs();
    try {
      const target = path.join(outside, 'target.txt');
      writeFileSync(target, 'keep');
      const link = path.join(ws, 'report-link');
      symlinkSync(target, link);
      const r = await check(['--workspace', ws, flag, link]);
      assert.equal(r.code, 2);
      assert.equal(readFileSync(target, 'utf8'), 'keep');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], new RegExp(`^model-gate: ${flag} .*report-link is a symlink: model-gate never writes through symlinks`));
    } finally {
      done();
    }
  });
}

test('check --json through a symlinked folder that leads outside the workspace, into folders that do not exist: refused in one line, no folder made', async () => {
  const { ws, outside, done } = dirs();
  try {
    // What a pull request can plant: a folder in the workspace that is a symlink to somewhere else.
    symlinkSync(outside, path.join(ws, 'reports'));
    const file = path.join(ws, 'reports', 'new', 'deeper', 'report.json');
    const r = await check(['--workspace', ws, '--json', file]);
    assert.equal(r.code, 2);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^model-gate: --json .*report\.json is outside the workspace.* \(after resolving symlinks\)/);
    assert.equal(existsSync(path.join(outside, 'new')), false);
  } finally {
    done();
  }
});

test('check --json at a plain path outside the workspace (no symlink on the way): written where the user said', async () => {
  const { ws, outside, done } = dirs();
  try {
    const file = path.join(outside, 'new', 'report.json');
    const r = await check(['--workspace', ws, '--json', file]);
    assert.equal(r.code, 2, r.stderr); // the empty workspace has no policy: verdict error
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).verdict, 'error');
  } finally {
    done();
  }
});

test('check --json and --markdown inside the workspace: missing folders are made, both files written', async () => {
  const { ws, done } = dirs();
  try {
    const json = path.join(ws, 'out', 'r.json');
    const md = path.join(ws, 'out', 'md', 'r.md');
    const r = await check(['--workspace', ws, '--json', json, '--markdown', md]);
    assert.equal(r.code, 2, r.stderr); // the empty workspace has no policy: verdict error
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).verdict, 'error');
    assert.match(readFileSync(md, 'utf8'), /model-gate/);
  } finally {
    done();
  }
});
