/**
 * Sharding the poisoning gate (issue 18, docs/design.md §7 "Shards"): each shard extracts the representations of its
 * own screened rows and computes STRIP's entropies of its screened rows and of its clean rows (each row's blends from
 * its own stream); the merge puts every shard's records back in row order and runs the unchanged screens (class
 * covariances, whitening, spectral signatures, clustering, STRIP's threshold, label issues, the PNG grid). `check`
 * vs `check --shard K/N` + `merge`: the same report byte for byte apart from `timings` and `shards`, and the same
 * grid PNG, on examples/poisoning (spectral, clustering, STRIP with 10 blends on the first 1,200 screened rows) and on the adult
 * label flips (spectral, clustering, confident learning on the out-of-fold probabilities, a stratified sample of
 * 2,000 of the 3,000 rows: sample positions are not dataset rows). Forged records (a row moved to another shard, a
 * clean row moved, a row dropped, arrays of the wrong size, another STRIP setup, a row twice) are refused in one line, exit 2.
 * And STRIP's per-row part on some rows equals the whole computation at those rows, value for value.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readNpy } from '../../src/data/npy.ts';
import { FIXTURES, ROOT, makeWorkspace } from '../helpers/workspace.ts';
import { decodePartial, encodePartial } from '../../src/shard/partial.ts';
import { decodeRecords, encodeRecords, type RecordArray } from '../../src/util/records.ts';
import { strip, stripDecision, stripEntropies } from '../../src/gates/poisoning/strip.ts';
import { checkAndMerge as both, cli, withoutRunFields } from '../helpers/shard.ts';

/** The poisoning records of a partial file: its shard's sample positions, representations and STRIP entropies. */
function recordsOf(file: string) {
  const p = decodePartial(readFileSync(file), file);
  assert.deepEqual(p.records.map((r) => [r.gate, r.role]), [['poisoning', 'head']]);
  return decodeRecords<{ layer: { tensor: string; dim: number }; strip: { rows: number; clean_rows: number; n: number } | null }>(p.records[0].bytes);
}

/** Merges parts with shard `k`'s poisoning records replaced by `edit` of them: refused in one line, exit 2, no report. */
async function refused(ws: string, parts: string[], k: number, edit: (a: Record<string, RecordArray>, meta: any) => { arrays: Record<string, RecordArray>; meta?: unknown }, message: RegExp) {
  const p = decodePartial(readFileSync(parts[k - 1]), parts[k - 1]);
  const rec = decodeRecords<unknown>(p.records[0].bytes);
  const e = edit({ ...rec.arrays }, structuredClone(rec.meta));
  p.records[0] = { ...p.records[0], bytes: encodeRecords({ meta: e.meta ?? rec.meta, arrays: e.arrays }) };
  const forged = path.join(ws, 'forged.bin');
  writeFileSync(forged, encodePartial(p));
  const files = parts.map((f, i) => (i === k - 1 ? forged : f));
  const r = await cli(['merge', ...files, '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'forged', 'report.json')]);
  assert.equal(r.code, 2, r.stderr);
  const errs = r.stderr.split('\n').filter((l) => l.startsWith('model-gate:'));
  assert.equal(errs.length, 1, r.stderr);
  assert.match(errs[0], message);
  assert.throws(() => readFileSync(path.join(ws, 'forged', 'report.json')), /ENOENT/);
}

/** examples/poisoning in a temporary folder, STRIP with 10 blends per row on the first `stripLimit` screened rows (fast). */
function poisoningExample(stripLimit: number): string {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-poisoning-shard-')));
  cpSync(path.join(ROOT, 'examples/poisoning'), ws, { recursive: true });
  const p = path.join(ws, 'model-gate.yml');
  const text = readFileSync(p, 'utf8');
  const edited = text.replace('strip: { clean: heldout, n: 20, clip: [0, 1] }', `strip: { clean: heldout, n: 10, clip: [0, 1], limit: ${stripLimit} }`);
  assert.notEqual(edited, text, 'the example policy has its STRIP line');
  writeFileSync(p, edited);
  return ws;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('poisoning on examples/poisoning (spectral, clustering, STRIP): check = 3 shards + merge, report and grid PNG byte for byte; forged records refused', async () => {
  const ws = poisoningExample(1200);
  try {
    const { code, full, merged, parts, shardOut, mergeErr } = await both(ws, 3);
    assert.equal(code, 1, 'the example fails: class 0 is flagged');
    const report = JSON.parse(full);
    assert.deepEqual(report.errors, []);
    const g = report.gates.poisoning;
    // What the comparison covers: both representation screens flag class 0, STRIP names suspects, a grid is drawn.
    assert.deepEqual(g.details.flagged, [0]);
    assert.deepEqual(g.details.screens, ['spectral', 'clustering', 'strip']);
    assert.equal(g.details.strip.rows, 1200);
    assert.equal(g.details.strip.clean_rows, 1000);
    assert.ok(g.details.strip.suspects > 0 && g.details.suspects.some((s: { screens: string[] }) => s.screens.includes('strip')), JSON.stringify(g.details.strip));
    assert.equal(g.details.grid.rows.length, 25);
    assert.equal(withoutRunFields(merged), withoutRunFields(full));
    // The grid: the same bytes beside both reports, the sha256 the report names.
    const png = readFileSync(path.join(ws, 'full', 'poisoning-suspects.png'));
    assert.ok(png.equals(readFileSync(path.join(ws, 'merged', 'poisoning-suspects.png'))));
    assert.equal(sha256(png), g.details.grid.sha256);
    assert.match(mergeErr, /the 25 most suspicious images of dataset "train" .*merged\/poisoning-suspects\.png/);

    // Each shard's records: its own rows (together every screened row once, every clean row once), their
    // representations those the fixture recorded from torch for those rows, STRIP's entropies of those below 1200.
    const penultimate = await readNpy(path.join(FIXTURES, 'poisoning/trigger-45-penultimate.npy'), 'float32', { displayPath: 'p' });
    assert.deepEqual(penultimate.shape, [2000, 64]);
    const positions = new Uint8Array(2000), cleanRows = new Uint8Array(1000);
    let maxDiff = 0;
    for (const [k, file] of parts.entries()) {
      const r = recordsOf(file);
      assert.deepEqual(r.meta.layer, { tensor: '/Relu_2_output_0', dim: 64, how: 'penultimate', via: 'input of Gemm "/fc2/Gemm"' });
      assert.deepEqual(r.meta.strip, { rows: 1200, clean_rows: 1000, n: 10 });
      const pts = r.arrays.points as Int32Array, reps = r.arrays.reps as Float32Array;
      assert.ok(pts.length > 500 && pts.length < 850, `shard ${k + 1}: ${pts.length} rows`);
      assert.equal(reps.length, pts.length * 64);
      // The whole dataset is screened (no limit): sample position = dataset row.
      pts.forEach((p, j) => {
        assert.equal(positions[p], 0, `row ${p} twice`);
        positions[p] = 1;
        for (let d = 0; d < 64; d++) maxDiff = Math.max(maxDiff, Math.abs(reps[j * 64 + d] - penultimate.data[p * 64 + d]));
      });
      assert.equal((r.arrays.entropies as Float64Array).length, pts.filter((p) => p < 1200).length);
      for (const c of r.arrays.cleanRows as Int32Array) { assert.equal(cleanRows[c], 0); cleanRows[c] = 1; }
      assert.match(shardOut[k], /records of poisoning/);
    }
    assert.ok(positions.every((x) => x === 1) && cleanRows.every((x) => x === 1), 'the shards partition the screened and the clean rows');
    assert.ok(maxDiff < 1e-4, `representations vs torch's: ${maxDiff}`);

    // Forged records.
    const first = recordsOf(parts[0]).arrays.points as Int32Array;
    const firstClean = recordsOf(parts[0]).arrays.cleanRows as Int32Array;
    // A row of shard 1 in shard 2's records instead of one of its own (the same count: only the assignment shows it).
    await refused(ws, parts, 2, (a) => ({ arrays: { ...a, points: Int32Array.from(a.points as Int32Array, (x, i) => (i === 0 ? first[0] : x)) } }),
      new RegExp(`^model-gate: merge: gate poisoning: shard 2's poisoning records name dataset row ${first[0]}, which is shard 1's: re-run every shard on the same commit$`));
    // A clean row of shard 1 in shard 3's records.
    await refused(ws, parts, 3, (a) => ({ arrays: { ...a, cleanRows: Int32Array.from(a.cleanRows as Int32Array, (x, i) => (i === 0 ? firstClean[0] : x)) } }),
      new RegExp(`^model-gate: merge: gate poisoning: shard 3's poisoning records name clean row ${firstClean[0]}, which is shard 1's: re-run every shard on the same commit$`));
    // A row dropped with its representation and entropy (the arrays agree): the row is missing.
    const dropped = (recordsOf(parts[1]).arrays.points as Int32Array)[0];
    assert.ok(dropped < 1200);
    await refused(ws, parts, 2, (a) => ({ arrays: { ...a, points: a.points.subarray(1), reps: a.reps.subarray(64), entropies: a.entropies.subarray(1) } }),
      new RegExp(`^model-gate: merge: gate poisoning: no shard's poisoning records hold dataset row ${dropped} \\(sample position ${dropped}\\): re-run every shard on the same commit$`));
    // A row dropped from the rows alone: the representations no longer fit.
    const m2 = (recordsOf(parts[1]).arrays.points as Int32Array).length;
    await refused(ws, parts, 2, (a) => ({ arrays: { ...a, points: a.points.subarray(1) } }),
      new RegExp(`^model-gate: merge: gate poisoning: shard 2's poisoning records have ${m2 * 64} representation values for ${m2 - 1} rows of 64: re-run every shard on the same commit$`));
    // Another STRIP setup (blends per row).
    await refused(ws, parts, 1, (a, meta) => ({ arrays: a, meta: { ...meta, strip: { ...meta.strip, n: 20 } } }),
      /^model-gate: merge: gate poisoning: shard 1's poisoning records ran another STRIP setup \(\{"rows":1200,"clean_rows":1000,"n":20\}\) than this run's \(\{"rows":1200,"clean_rows":1000,"n":10\}\): re-run every shard on the same commit$/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('poisoning with label issues (out-of-fold probabilities) on a stratified sample of a CSV: check = 2 shards + merge', async () => {
  const copy = (f: string) => ({ copy: path.join(FIXTURES, 'poisoning', f) });
  const { dir, cleanup } = makeWorkspace({
    'model.onnx': copy('adult-flip.onnx'),
    'train.csv': copy('adult-flip.csv'),
    'oof.npy': copy('adult-flip-oof.npy'),
    'model-gate.yml': `version: 1
model: { path: model.onnx }
signature: { required: false }
datasets:
  train: { path: train.csv, label: label }
  oof: { path: oof.npy }
gates:
  poisoning:
    dataset: train
    limit: 2000
    screens: [spectral, clustering, labels]
    labels: { probabilities: { dataset: oof } }
    thresholds:
      label_issue_fraction: { max: 0.05 }
`,
  });
  try {
    const { code, full, merged, parts } = await both(dir, 2);
    assert.equal(code, 1);
    const g = JSON.parse(full).gates.poisoning;
    assert.deepEqual([g.details.sample.mode, g.details.sample.rows, g.details.sample.of], ['stratified', 2000, 3000]);
    assert.ok(g.details.labels.issues > 50, JSON.stringify(g.details.labels));
    assert.ok(g.details.suspects.every((s: { line: number; row: number }) => s.line === s.row + 2), 'CSV lines');
    assert.equal(withoutRunFields(merged), withoutRunFields(full));
    // A stratified sample: the shards' sample positions (0..1999) are not their dataset rows (0..2999).
    const pts = parts.map((f) => recordsOf(f).arrays.points as Int32Array);
    assert.equal(pts[0].length + pts[1].length, 2000);
    assert.equal(recordsOf(parts[0]).meta.strip, null);
    assert.ok(!('entropies' in recordsOf(parts[0]).arrays));
    // A row twice in one shard's records (in place of another of its rows: the sizes agree).
    await refused(dir, parts, 2, (a) => ({ arrays: { ...a, points: Int32Array.from(a.points as Int32Array, (x, i) => (i === 1 ? a.points[0] : x)) } }),
      /^model-gate: merge: gate poisoning: shard 2's poisoning records name dataset row \d+ twice: re-run every shard on the same commit$/);
  } finally {
    cleanup();
  }
});

test('stripEntropies on some rows = strip on all of them, at those rows (a shard\'s part); stripDecision = strip\'s threshold and suspects', async () => {
  // Rows of 2 values [trigger, noise]; the model: certain of class 0 when the trigger survives, else a split by noise.
  const nClean = 9, nScreened = 6, n = 4;
  const clean = Float32Array.from({ length: nClean * 2 }, (_, i) => (i % 2 ? ((i * 0.29) % 1) : 0));
  const screened = Float32Array.from({ length: nScreened * 2 }, (_, i) => (i % 2 ? ((i * 0.53) % 1) : i < 4 ? 1 : 0));
  const model = async (b: Float32Array, count: number) => {
    const p = new Float64Array(count * 2);
    for (let r = 0; r < count; r++) { const q = b[r * 2] >= 0.5 ? 1 : 0.1 + 0.4 * (b[r * 2 + 1] % 1); p[r * 2] = q; p[r * 2 + 1] = 1 - q; }
    return p;
  };
  const ids = Int32Array.of(40, 41, 42, 43, 44, 45), cleanIds = Int32Array.from({ length: nClean }, (_, i) => 100 + i);
  const o = { n, seed: 3, frr: 0.2, clip: [0, 1] as [number, number], batch: 8, ids, cleanIds };
  const all = await strip(screened, clean, 2, o, model);
  // A part: screened rows 1 and 4, clean rows 2, 5 and 8.
  const mine = [1, 4], cleanRows = Int32Array.of(2, 5, 8);
  const part = await stripEntropies(Float32Array.from(mine.flatMap((k) => [screened[k * 2], screened[k * 2 + 1]])), clean, 2, { ...o, ids: Int32Array.from(mine, (k) => ids[k]), cleanRows }, model);
  assert.deepEqual(Array.from(part.entropies), mine.map((k) => all.entropies[k]));
  assert.deepEqual(Array.from(part.cleanEntropies), Array.from(cleanRows, (c) => all.cleanEntropies[c]));
  const d = stripDecision(all.entropies, all.cleanEntropies, 0.2);
  assert.equal(d.threshold, all.threshold);
  assert.deepEqual(d.suspects, all.suspects);
  assert.ok(all.suspects.length > 0 && all.suspects.length < nScreened, JSON.stringify(Array.from(all.suspects)));
});
