/**
 * src/shard/assign.ts against its definition, computed here independently the slow way (a streaming sha256 per row
 * over the index and the row's bytes, the first 8 bytes as a BigInt mod N): on real rows (the MNIST fixture, 1,000
 * images × 784 float32, repeated five times so that the same content sits at several indices and the rows cross the
 * assignment's blocks of 4,096), for small and large N (the BigInt path beyond 2^20), through a view that returns
 * slices of one matrix and one that gathers copies; NaN payloads and -0 are hashed as their bytes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rowsOfShard, shardOfRows, type RowFeatures } from '../../src/shard/assign.ts';
import { FIXTURES } from '../helpers/workspace.ts';

function mnistRows(): { x: Float32Array; rows: number; dim: number } {
  const b = readFileSync(path.join(FIXTURES, 'robustness/mnist-8/mnist-1000-x.npy'));
  const hl = b.readUInt16LE(8);
  assert.match(b.subarray(10, 10 + hl).toString('latin1'), /'descr': '<f4'.*'shape': \(1000, 1, 28, 28\)/);
  const one = new Float32Array(b.buffer.slice(b.byteOffset + 10 + hl, b.byteOffset + b.length));
  const x = new Float32Array(one.length * 5);
  for (let c = 0; c < 5; c++) x.set(one, c * one.length);
  return { x, rows: 5000, dim: 784 };
}

/** The definition, the slow way. */
function byDefinition(x: Float32Array, rows: number, dim: number, n: number): number[] {
  return Array.from({ length: rows }, (_, i) => {
    const idx = Buffer.alloc(4);
    idx.writeUInt32LE(i);
    const h = createHash('sha256').update(idx).update(new Uint8Array(x.buffer, x.byteOffset + i * dim * 4, dim * 4)).digest();
    return Number(h.readBigUInt64BE(0) % BigInt(n)) + 1;
  });
}

const sliced = (x: Float32Array, rows: number, dim: number): RowFeatures => ({
  rows,
  dim,
  featuresView: (r) => x.subarray(r[0] * dim, (r[r.length - 1] + 1) * dim),
});

const gathered = (x: Float32Array, rows: number, dim: number): RowFeatures => ({
  rows,
  dim,
  featuresView: (r) => {
    const out = new Float32Array(r.length * dim);
    r.forEach((row, i) => out.set(x.subarray(row * dim, (row + 1) * dim), i * dim));
    return out;
  },
});

test('shardOfRows = sha256(uint32 LE index ‖ float32 LE features), first 8 bytes BE mod N, + 1, on 5,000 real rows', () => {
  const { x, rows, dim } = mnistRows();
  for (const n of [1, 2, 3, 4, 7, 1000, 2 ** 20 + 7, 2 ** 31 - 1]) {
    const want = byDefinition(x, rows, dim, n);
    assert.deepEqual([...shardOfRows(sliced(x, rows, dim), n)], want, `N = ${n}`);
    if (n === 4 || n === 2 ** 31 - 1) assert.deepEqual([...shardOfRows(gathered(x, rows, dim), n)], want, `N = ${n}, gathered`);
  }
  // The same image at five indices: the index is part of the key (not every copy lands in one shard).
  const four = shardOfRows(sliced(x, rows, dim), 4);
  const spread = new Set([0, 1, 2, 3, 4].map((c) => four[c * 1000]));
  assert.ok(spread.size > 1, 'the copies of row 0 all got one shard');
  // Every row in exactly one shard, each shard near a quarter.
  const parts = [1, 2, 3, 4].map((k) => rowsOfShard(four, k));
  assert.equal(parts.reduce((s, p) => s + p.length, 0), rows);
  for (const p of parts) assert.ok(p.length > 1100 && p.length < 1400, `${p.length} rows`);
});

test('shardOfRows hashes the bytes: NaN payloads and -0 are not canonicalised; a row does not depend on the others', () => {
  const dim = 3;
  const x = new Float32Array(4 * dim);
  const u = new Uint32Array(x.buffer);
  u[0] = 0x7fc00000; // NaN
  u[3] = 0x7fc00001; // another NaN
  x[6] = -0;
  x[9] = 0;
  for (const n of [2, 5, 1000]) assert.deepEqual([...shardOfRows(sliced(x, 4, dim), n)], byDefinition(x, 4, dim, n));
  // The first two rows of a longer dataset keep their shards.
  const longer = new Float32Array(10 * dim);
  longer.set(x.subarray(0, 2 * dim));
  assert.deepEqual([...shardOfRows(sliced(longer, 10, dim), 5)].slice(0, 2), [...shardOfRows(sliced(x, 4, dim), 5)].slice(0, 2));
  assert.throws(() => shardOfRows(sliced(x, 4, dim), 0), /N must be a positive integer/);
});
