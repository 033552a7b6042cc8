import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describeSample, MAX_LABELS, sampleRows } from '../../src/data/sample.ts';
import { GateError } from '../../src/errors.ts';
import type { Column, Dataset } from '../../src/data/types.ts';

function dataset(labels: Column | undefined, rows: number): Dataset {
  return { name: 'eval', path: 'd.csv', format: 'csv', sha256: '', extraFiles: [], rows, columns: new Map(), features: [], labels };
}

/** 70 x "A", 20 x "B", 10 x "C", interleaved. */
function abc(): Dataset {
  const v: string[] = [];
  for (let i = 0; i < 100; i++) v.push(i % 10 === 0 ? 'C' : i % 10 < 3 ? 'B' : 'A');
  return dataset({ kind: 'string', values: v }, 100);
}

test('first: rows 0..limit-1; no limit or a limit above the row count: every row', () => {
  const ds = abc();
  assert.deepEqual(Array.from(sampleRows(ds, 5, 'first', 0)), [0, 1, 2, 3, 4]);
  assert.equal(sampleRows(ds, undefined, 'first', 0).length, 100);
  assert.equal(sampleRows(ds, 1000, 'stratified', 0).length, 100);
  assert.ok(sampleRows(ds, 5, 'first', 0) instanceof Int32Array);
});

test('stratified: proportional counts, ascending, unique, deterministic for a seed', () => {
  const ds = abc();
  const labels = ds.labels!.values as string[];
  const s = sampleRows(ds, 10, 'stratified', 42);
  const count = (rows: Int32Array, l: string) => Array.from(rows).filter((r) => labels[r] === l).length;
  assert.deepEqual([count(s, 'A'), count(s, 'B'), count(s, 'C')], [7, 2, 1]);
  for (let i = 1; i < s.length; i++) assert.ok(s[i] > s[i - 1]);
  assert.deepEqual(Array.from(sampleRows(ds, 10, 'stratified', 42)), Array.from(s));
  // A different seed gives a different sample with the same proportions.
  const other = sampleRows(ds, 10, 'stratified', 43);
  assert.notDeepEqual(Array.from(other), Array.from(s));
  assert.deepEqual([count(other, 'A'), count(other, 'B'), count(other, 'C')], [7, 2, 1]);
  // Over many seeds every row of a stratum gets picked sometimes (not always the same ones).
  const hit = new Set<number>();
  for (let seed = 0; seed < 200; seed++) for (const r of sampleRows(ds, 10, 'stratified', seed)) hit.add(r);
  assert.equal(hit.size, 100);
});

test('stratified: largest remainder (by hand), numeric labels, missing labels form their own stratum', () => {
  // counts 5 / 3 / 2 of 10, limit 4: exact shares 2.0 / 1.2 / 0.8 -> floors 2 / 1 / 0, one row left -> the 0.8 stratum.
  const v = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
  const ds = dataset({ kind: 'number', values: new Float64Array(v) }, 10);
  const s = Array.from(sampleRows(ds, 4, 'stratified', 1));
  assert.deepEqual([0, 1, 2].map((c) => s.filter((r) => v[r] === c).length), [2, 1, 1]);
  // Ties in the remainder go to the smaller label: counts 1/1/1/1, limit 2 -> labels 0 and 1.
  const t = dataset({ kind: 'number', values: new Float64Array([3, 1, 0, 2]) }, 4);
  assert.deepEqual(Array.from(sampleRows(t, 2, 'stratified', 9)), [1, 2]);
  // Missing labels (NaN) are a stratum of their own.
  const m = dataset({ kind: 'number', values: new Float64Array([NaN, NaN, 1, 1, 1, 1, 0, 0, 0, 0]) }, 10);
  const sm = Array.from(sampleRows(m, 5, 'stratified', 3));
  assert.equal(sm.filter((r) => r < 2).length, 1);
});

test('errors: stratified without labels, bad limit', () => {
  assert.throws(() => sampleRows(dataset(undefined, 10), 5, 'stratified', 0), (e: unknown) => e instanceof GateError && /needs labels/.test(e.message));
  for (const bad of [0, -1, 2.5, NaN]) assert.throws(() => sampleRows(abc(), bad, 'first', 0), /limit must be a positive integer/);
});

test('describeSample: per label in label order (numbers, missing last), the first rows 1-based, the digest of all rows', () => {
  // labels 2, 0, NaN, 0, 10, 2, 0 on rows 0..6; rows 0, 1, 2, 4, 6 used
  const ds = dataset({ kind: 'number', values: Float64Array.from([2, 0, NaN, 0, 10, 2, 0]) }, 7);
  const rows = Int32Array.from([0, 1, 2, 4, 6]);
  const r = describeSample(ds, rows, 5, 'stratified');
  assert.equal(r.mode, 'stratified');
  assert.deepEqual([r.rows, r.of], [5, 7]);
  assert.deepEqual(Object.entries(r.per_label!), [['0', 2], ['2', 1], ['10', 1], ['(missing)', 1]]);
  assert.deepEqual(r.first_rows, [1, 2, 3, 5, 7]);
  assert.equal(r.rows_sha256, createHash('sha256').update('1\n2\n3\n5\n7\n').digest('hex'));
  assert.equal(r.note, undefined);
  // no limit (or one at least the rows): every row, mode all
  assert.equal(describeSample(ds, Int32Array.from([0, 1, 2, 3, 4, 5, 6]), undefined, 'stratified').mode, 'all');
  assert.equal(describeSample(ds, Int32Array.from([0, 1, 2, 3, 4, 5, 6]), 7, 'first').mode, 'all');
});

test('describeSample: text labels, at most MAX_LABELS listed, first rows capped at 10; the notes of first', () => {
  const n = 60;
  const values = Array.from({ length: n }, (_, i) => `L${String(i).padStart(2, '0')}`);
  const ds = dataset({ kind: 'string', values }, n);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const r = describeSample(ds, all, 60, 'first');
  assert.equal(Object.keys(r.per_label!).length, MAX_LABELS);
  assert.equal(Object.keys(r.per_label!)[0], 'L00');
  assert.deepEqual(r.other_labels, { labels: 10, rows: 10 });
  assert.deepEqual(r.first_rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const first = describeSample(ds, all.subarray(0, 20), 20, 'first');
  assert.match(first.note!, /^sample: first: the first 20 rows, whatever their labels/);
  const unlabelled = describeSample(dataset(undefined, n), all.subarray(0, 20), 20, 'first');
  assert.equal(unlabelled.per_label, undefined);
  assert.equal(unlabelled.note, 'the dataset has no labels, so limit takes the first 20 rows (give it labels for a stratified sample)');
});
