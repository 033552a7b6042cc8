/**
 * `model-gate check --cache-dir DIR` (src/cli/check.ts, src/cache/dir.ts): the folder is checked as --json is before
 * the run; a second run of the same inputs takes every outcome from the folder and runs no inference; a damaged
 * entry is a warning on stderr and is recomputed; the report is the same each time apart from timings.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';

async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const withoutTimings = (file: string) => JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), timings: undefined }, null, 2);
const inference = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8')).timings).filter((k) => k.startsWith('inference.'));

test('check --cache-dir: a symlinked folder leading outside is refused before the run (exit 2, one line); an empty value is a usage error', async () => {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-cli-')));
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-cli-out-')));
  try {
    symlinkSync(outside, path.join(ws, 'cache'));
    const r = await check(['--workspace', ws, '--cache-dir', path.join(ws, 'cache')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.ok(r.stderr.startsWith(`model-gate: --cache-dir ${path.join(ws, 'cache')} is outside the workspace and the current directory`), r.stderr);
    assert.ok(r.stderr.endsWith(' (after resolving symlinks): write it under one of them\n'), r.stderr);
    assert.deepEqual(readdirSync(outside), []);
    const empty = await check(['--workspace', ws, '--cache-dir', '']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^model-gate: --cache-dir needs a folder/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('check --cache-dir: stored on the first run, every outcome from the folder on the second (no inference), a damaged entry recomputed with a warning; same report', async () => {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  memorisation:)/, ''));
  const dir = path.join(realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-cli-dir-'))), 'nested', 'cache');
  try {
    const plain = await check(['--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'plain.json')]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stderr, /cache/);
    assert.equal(existsSync(dir), false);

    const first = await check(['--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'first.json'), '--cache-dir', dir]);
    assert.equal(first.code, 0, first.stderr);
    const files = readdirSync(dir).filter((n) => /^[0-9a-f]{64}\.mgc$/.test(n));
    assert.ok(files.length >= inference(path.join(ws, 'plain.json')).length && files.length > 0, first.stderr);
    assert.deepEqual(readdirSync(dir).length, files.length, 'no temporary file left');
    assert.ok(first.stderr.includes(`cache ${dir}: 0 hits, ${files.length} misses, 0 ignored, ${files.length} written\n`), first.stderr);
    assert.equal(withoutTimings(path.join(ws, 'first.json')), withoutTimings(path.join(ws, 'plain.json')));

    const second = await check(['--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'second.json'), '--cache-dir', dir]);
    assert.equal(second.code, 0, second.stderr);
    assert.ok(second.stderr.includes(`cache ${dir}: ${files.length} hits, 0 misses, 0 ignored, 0 written\n`), second.stderr);
    assert.deepEqual(inference(path.join(ws, 'second.json')), []);
    assert.equal(withoutTimings(path.join(ws, 'second.json')), withoutTimings(path.join(ws, 'plain.json')));

    const victim = path.join(dir, files.sort()[0]);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(victim, bytes);
    const third = await check(['--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'third.json'), '--cache-dir', dir]);
    assert.equal(third.code, 0, third.stderr);
    assert.ok(third.stderr.includes(`warning: cache: ignored ${victim}: its payload does not match its sha256 (damaged): it will be recomputed\n`), third.stderr);
    assert.ok(third.stderr.includes(`cache ${dir}: ${files.length - 1} hits, 0 misses, 1 ignored, 1 written\n`), third.stderr);
    assert.equal(withoutTimings(path.join(ws, 'third.json')), withoutTimings(path.join(ws, 'plain.json')));
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
});
