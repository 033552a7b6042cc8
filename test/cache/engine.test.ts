/**
 * The cache of per-row outcomes, engine side (issue 18, src/engine/cache.ts): predictions and the row-work gates'
 * records (robustness, also on the regression baseline through `compare`) go into the cache when computed and come
 * out of it when their inputs are the same. A run with the cache equals a run without it, apart from timings; a
 * second run of the same inputs runs no inference and no attack; a pull request that changes only a threshold or the
 * model card finds every entry; a changed model finds none; an entry that is not what its key says is ignored with
 * a warning and recomputed.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEngine } from '../../src/cli/check.ts';
import type { Report } from '../../src/report/types.ts';
import type { OutcomeCache } from '../../src/types/cache.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES } from '../helpers/workspace.ts';

const BASELINE = path.join(FIXTURES, 'regression/baseline.onnx');
const PIN = createHash('sha256').update(readFileSync(BASELINE)).digest('hex');

/** The example, unsigned (so that its card can change: the signature covers it), with robustness compared on a pinned baseline. */
function workspace(): string {
  const ws = copyExample();
  mkdirSync(path.join(ws, 'baseline'));
  copyFileSync(BASELINE, path.join(ws, 'baseline/model.onnx'));
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  regression:\n(    .*\n)+/, `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${PIN}" }
    bootstrap: 200
    compare: [robust_accuracy]
    thresholds:
      accuracy_delta: { max-drop: 0.05 }
`).replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n').replace('    limit: 200\n', '    limit: 20\n').replace('    epsilon: [0.1, 0.25]\n', '    epsilon: [0.25, 0.4]\n'));
  return ws;
}

/** An in-memory cache that counts what it served and stored. */
function memoryCache(): OutcomeCache & { map: Map<string, Uint8Array>; hits: number; puts: number } {
  const map = new Map<string, Uint8Array>();
  const c = {
    map, hits: 0, puts: 0,
    get(key: string) {
      const v = map.get(key);
      if (v) c.hits++;
      return v;
    },
    put(key: string, bytes: Uint8Array) {
      c.puts++;
      map.set(key, bytes);
    },
  };
  return c;
}

async function check(ws: string, cache?: OutcomeCache): Promise<{ report: Report; log: string }> {
  let log = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((log += s), true) } };
  const report = await runEngine(io, { workspace: ws, policyPath: 'model-gate.yml', ...(cache ? { cache } : {}) });
  assert.equal(typeof report, 'object');
  return { report: report as Report, log };
}

function withoutTimings(r: Report): string {
  const { timings: _t, ...rest } = r;
  void _t;
  return JSON.stringify(rest, null, 2);
}

test('with the cache = without it; a second run serves every prediction and the attacks from the cache', async () => {
  const ws = workspace();
  try {
    const plain = await check(ws);
    assert.deepEqual(plain.report.errors, []);
    assert.equal(typeof plain.report.gates.regression!.details.compared!.robust_accuracy.base, 'number');
    const cache = memoryCache();
    const first = await check(ws, cache);
    assert.equal(withoutTimings(first.report), withoutTimings(plain.report));
    assert.equal(cache.hits, 0);
    // every (model, dataset) pair read (head on eval, members, non-members; the baseline on eval) and both gate runs
    // of robustness (head, baseline)
    assert.equal(cache.puts, 6, [...first.log.matchAll(/cache: .*/g)].join('\n'));
    assert.ok(Object.keys(first.report.timings).some((t) => t.startsWith('inference.')));

    const second = await check(ws, cache);
    assert.equal(withoutTimings(second.report), withoutTimings(plain.report));
    assert.equal(cache.hits, 6);
    assert.equal(cache.puts, 6, 'nothing recomputed');
    assert.deepEqual(Object.keys(second.report.timings).filter((t) => t.startsWith('inference.')), []);
    assert.doesNotMatch(second.log, /robustness: apgd|on dataset \w+ \(batch \d+\)/);
    assert.match(second.log, /cache: gate robustness on model model\/model\.onnx: from the cache/);
    assert.match(second.log, /cache: gate robustness on model baseline\/model\.onnx: from the cache/);

    // A pull request that changes only a threshold and the card: every entry is found.
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('robust_accuracy: { min: 0.6 }', 'robust_accuracy: { min: 0.99 }'));
    writeFileSync(path.join(ws, 'model/README.md'), readFileSync(path.join(ws, 'model/README.md'), 'utf8') + '\nA sentence.\n');
    const changed = await check(ws);
    const cachedChanged = await check(ws, cache);
    assert.equal(cache.puts, 6, 'a threshold and the card change no entry');
    assert.equal(withoutTimings(cachedChanged.report), withoutTimings(changed.report));
    assert.equal(cachedChanged.report.gates.robustness!.status, 'fail');

    // A changed model: its entries are new (the baseline's are found).
    const m = path.join(ws, 'model/model.onnx');
    const bytes = readFileSync(m);
    copyFileSync(BASELINE, m);
    const other = await check(ws, cache);
    assert.ok(cache.puts > 6);
    assert.equal(withoutTimings(other.report), withoutTimings((await check(ws)).report));
    writeFileSync(m, bytes);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('an entry that is not what its key says (another pair\'s predictions, or records swapped in) is ignored with a warning', async () => {
  const ws = workspace();
  try {
    const plain = await check(ws);
    const cache = memoryCache();
    await check(ws, cache);
    // Every entry replaced by another's: a store that verified its digest still hands over the wrong content.
    const keys = [...cache.map.keys()];
    const values = keys.map((k) => cache.map.get(k)!);
    keys.forEach((k, i) => cache.map.set(k, values[(i + 1) % values.length]));
    const r = await check(ws, cache);
    assert.equal(withoutTimings(r.report), withoutTimings(plain.report));
    assert.match(r.log, /warning: cache: the entry [0-9a-f]{12} for (model .* on dataset .*|gate robustness on model .*) (does not hold its predictions|is not this gate's records)/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
