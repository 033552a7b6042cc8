import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';

async function reportOf(ws: string, name: string, extra: string[] = []): Promise<{ code: number; json: Record<string, unknown> }> {
  const file = path.join(ws, name);
  const sink = { write: () => true };
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', file, ...extra], { stdout: sink, stderr: sink });
  return { code, json: JSON.parse(readFileSync(file, 'utf8')) };
}

test('two runs with the same inputs and seed give byte-identical reports apart from timings; another seed changes the random parts', async () => {
  const ws = copyExample();
  try {
    const a = await reportOf(ws, 'a.json');
    const b = await reportOf(ws, 'b.json');
    assert.equal(a.code, 0);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, timings: undefined }, null, 2);
    assert.ok(Object.keys(a.json.timings as object).length > 3);
    assert.equal(strip(a.json), strip(b.json));
    // The seed matters (bootstrap intervals), so the equality above is not vacuous.
    const c = await reportOf(ws, 'c.json', ['--seed', '12345']);
    assert.equal(c.json.seed, 12345);
    assert.notEqual(JSON.stringify((c.json.gates as any).memorisation.ci), JSON.stringify((a.json.gates as any).memorisation.ci));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
