/**
 * examples/poisoning runs as its README says (`node dist/cli.js check --workspace examples/poisoning --policy model-gate.yml --json ...`,
 * here the same CLI code from the sources): it fails with class 0 flagged by both representation screens, the
 * planted rows (the fixture's record, test/fixtures/poisoning/trigger-45-planted.npy) among the top suspects, the
 * grid beside the report. The example's files are the fixture's, byte for byte.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { readNpy } from '../../src/data/npy.ts';
import { FIXTURES, ROOT } from '../helpers/workspace.ts';

test('examples/poisoning: fails on class 0, the planted rows on top, the grid written beside the report', async () => {
  const ex = path.join(ROOT, 'examples/poisoning');
  for (const [a, b] of [['model/model.onnx', 'trigger-45.onnx'], ['data/train-x.npy', 'trigger-45-x.npy'], ['data/train-y.npy', 'trigger-45-y.npy'], ['data/heldout-x.npy', 'heldout-x.npy']]) {
    assert.ok(readFileSync(path.join(ex, a)).equals(readFileSync(path.join(FIXTURES, 'poisoning', b))), a);
  }
  const out = mkdtempSync(path.join(os.tmpdir(), 'mg-poisoning-'));
  try {
    const json = path.join(out, 'report.json');
    const code = await main(['check', '--workspace', ex, '--policy', 'model-gate.yml', '--json', json], { stdout: { write: () => true }, stderr: { write: () => true } });
    assert.equal(code, 1);
    const g = JSON.parse(readFileSync(json, 'utf8')).gates.poisoning;
    assert.deepEqual(g.details.flagged, [0]);
    assert.equal(g.details.classes[0].spectral.poisoned && g.details.classes[0].clustering.poisoned, true);
    const planted = new Set(Array.from((await readNpy(path.join(FIXTURES, 'poisoning/trigger-45-planted.npy'), 'float64', { displayPath: 'p' })).data));
    const top = g.details.suspects.slice(0, 25).map((s: { row: number }) => s.row);
    assert.ok(top.every((r: number) => planted.has(r)), JSON.stringify(top));
    assert.deepEqual(g.details.grid.rows, top);
    assert.ok(readFileSync(path.join(out, 'poisoning-suspects.png')).subarray(1, 4).toString() === 'PNG');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
