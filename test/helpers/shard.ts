/** Running `check`, `check --shard K/N` and `merge` in process for the sharding tests (test/shard/). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';

/** The CLI with its output captured. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } });
  return { code, stdout, stderr };
}

/** A report without the fields a sharded run may differ in (`timings`, `shards`). */
export function withoutRunFields(json: string): string {
  const r = JSON.parse(json);
  delete r.timings;
  delete r.shards;
  return JSON.stringify(r, null, 2);
}

/** `check` (report in full/) and N shards + merge (given in reverse order; report in merged/) on the workspace. */
export async function checkAndMerge(ws: string, n: number): Promise<{ code: number; full: string; merged: string; parts: string[]; shardOut: string[]; mergeErr: string }> {
  const full = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'full', 'report.json')]);
  assert.ok(full.code === 0 || full.code === 1, full.stderr);
  const parts: string[] = [], shardOut: string[] = [];
  for (let k = 1; k <= n; k++) {
    const file = path.join(ws, `part-${k}.bin`);
    const r = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--shard', `${k}/${n}`, '--partial', file]);
    assert.equal(r.code, 0, r.stderr);
    parts.push(file);
    shardOut.push(r.stdout);
  }
  const merged = await cli(['merge', ...[...parts].reverse(), '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'merged', 'report.json')]);
  assert.equal(merged.code, full.code, merged.stderr);
  const read = (dir: string) => readFileSync(path.join(ws, dir, 'report.json'), 'utf8');
  return { code: full.code, full: read('full'), merged: read('merged'), parts, shardOut, mergeErr: merged.stderr };
}
