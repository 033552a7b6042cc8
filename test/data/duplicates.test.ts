import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowKeys, countShared } from '../../src/data/duplicates.ts';
import type { Column, Dataset } from '../../src/data/types.ts';

function tab(cols: Record<string, Column>, rows: number): Dataset {
  return { name: 'd', path: 'd.csv', format: 'csv', sha256: '', extraFiles: [], rows, columns: new Map(Object.entries(cols)), features: Object.keys(cols) };
}

test('tabular keys: equal records match regardless of column order; numbers and text never collide', () => {
  const a = tab({
    x: { kind: 'number', values: new Float64Array([1, 2, NaN, -0]) },
    s: { kind: 'string', values: ['u', 'v', null, 'w'] },
  }, 4);
  const b = tab({
    s: { kind: 'string', values: ['v', 'u', null, 'w', 'u'] },
    x: { kind: 'number', values: new Float64Array([2, 1.0, NaN, 0, 1.5]) },
  }, 5);
  const ka = rowKeys(a), kb = rowKeys(b);
  assert.equal(ka[0], kb[1]);
  assert.equal(ka[1], kb[0]);
  assert.equal(ka[2], kb[2]); // NaN / null match each other
  assert.equal(ka[3], kb[3]); // -0 == 0
  assert.notEqual(ka[0], kb[4]);
  assert.equal(new Set(ka).size, 4);
  assert.equal(countShared(ka, kb), 4);
  assert.equal(countShared(kb, ka), 4);
  // Number 1 vs text "1"
  const c = tab({ x: { kind: 'string', values: ['1'] }, s: { kind: 'string', values: ['u'] } }, 1);
  assert.notEqual(rowKeys(c)[0], ka[0]);
  // Text boundaries are length-prefixed: ("ab","c") != ("a","bc")
  const p = tab({ a: { kind: 'string', values: ['ab', 'a'] }, b: { kind: 'string', values: ['c', 'bc'] } }, 2);
  const kp = rowKeys(p);
  assert.notEqual(kp[0], kp[1]);
  // Row subsets and explicit columns
  assert.deepEqual(rowKeys(a, Int32Array.from([3, 0])), [ka[3], ka[0]]);
  const onlyX = rowKeys(a, undefined, ['x']);
  assert.equal(onlyX[0], rowKeys(tab({ x: { kind: 'number', values: new Float64Array([1]) } }, 1))[0]);
  assert.throws(() => rowKeys(a, [7]), /out of range/);
});

test('tensor keys: duplicated rows are found, near-duplicates are not', () => {
  const data = new Float32Array([0, 1, 2, 3, 4, 5, 0, 1, 2, -0, 1, 2, 0, 1, 2.0000002]);
  const ds: Dataset = { name: 't', path: 'x.npy', format: 'npy', sha256: '', extraFiles: [], rows: 5, columns: new Map(), features: [], tensor: { data, shape: [5, 3] } };
  const k = rowKeys(ds);
  assert.equal(k[0], k[2]);
  assert.equal(k[0], k[3]);
  assert.notEqual(k[0], k[4]);
  assert.notEqual(k[0], k[1]);
  assert.equal(k[0].length, 22);
  assert.equal(countShared(k, [k[0]]), 3);
});
