/**
 * Sharding with memorisation's reference models (LiRA/RMIA, issue 18): the fixture Fashion-MNIST target and two of
 * its reference models (test/fixtures/memorisation), .npy datasets with labels files. `check` vs 2 shards + merge:
 * the same report apart from timings and shards; each partial holds the target's and both reference models' rows.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../helpers/workspace.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { decodePartial } from '../../src/shard/partial.ts';
import { cli } from '../helpers/shard.ts';

test('memorisation with reference models: check = 2 shards + merge; the partials hold the reference models\' rows', async () => {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-shard-ref-')));
  try {
    cpSync(path.join(FIXTURES, 'memorisation'), ws, { recursive: true });
    const refs = [0, 1].map((k) => `ref-overfit-${k}.onnx`);
    const pin = (f: string) => sha256Hex(readFileSync(path.join(ws, f)));
    const ds = (n: string) => `  ${n}:\n    path: ${n}-x.npy\n    labels: ${n}-y.npy\n`;
    writeFileSync(path.join(ws, 'policy.yml'), `version: 1
seed: 7
model:
  path: target-overfit.onnx
signature:
  required: false
datasets:
${ds('members')}${ds('non-members')}${ds('population')}gates:
  accuracy:
    dataset: non-members
    thresholds:
      accuracy: { min: 0.1 }
  memorisation:
    members: members
    non-members: non-members
    population: population
    bootstrap: 200
    reference-models:
${refs.map((r) => `      - { path: ${r}, sha256: "${pin(r)}" }\n`).join('')}    thresholds:
      auc: { max: 0.99 }
`);
    const full = await cli(['check', '--workspace', ws, '--policy', 'policy.yml', '--json', path.join(ws, 'full.json')]);
    const fullReport = JSON.parse(readFileSync(path.join(ws, 'full.json'), 'utf8'));
    assert.deepEqual(fullReport.errors, [], full.stderr);
    assert.equal(fullReport.gates.memorisation.details.reference_models.length, 2);
    const parts = [1, 2].map((k) => path.join(ws, `part-${k}.bin`));
    for (const [i, file] of parts.entries()) {
      const r = await cli(['check', '--workspace', ws, '--policy', 'policy.yml', '--shard', `${i + 1}/2`, '--partial', file]);
      assert.equal(r.code, 0, r.stderr);
      const p = decodePartial(readFileSync(file), file);
      // The target on members, non-members, population; each reference model on the same three.
      assert.deepEqual(p.entries.map((e) => `${e.role}:${e.path}:${e.dataset}`), [
        'head:target-overfit.onnx:non-members', 'head:target-overfit.onnx:members', 'head:target-overfit.onnx:population',
        ...refs.flatMap((r) => ['members', 'non-members', 'population'].map((d) => `reference:${r}:${d}`)),
      ]);
      for (const e of p.entries.filter((x) => x.role === 'reference')) assert.equal(e.model, pin(e.path));
    }
    const merged = await cli(['merge', ...parts, '--workspace', ws, '--policy', 'policy.yml', '--json', path.join(ws, 'merged.json')]);
    assert.equal(merged.code, full.code, merged.stderr);
    const strip = (f: string) => {
      const r = JSON.parse(readFileSync(path.join(ws, f), 'utf8'));
      delete r.timings;
      delete r.shards;
      return JSON.stringify(r, null, 2);
    };
    assert.equal(strip('merged.json'), strip('full.json'));
    // The merge loaded the reference models (their pins checked) but ran none of them.
    assert.match(merged.stderr, /reference model ref-overfit-0\.onnx: loading/);
    assert.match(full.stderr, /model ref-overfit-0\.onnx on dataset members/);
    assert.doesNotMatch(merged.stderr, /model ref-overfit-0\.onnx on dataset/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
