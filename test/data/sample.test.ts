import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleRows } from '../../src/data/sample.ts';
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
