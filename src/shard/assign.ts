/**
 * Which shard a dataset row belongs to (docs/design.md §7 "Shards"): sha256 over (the row's dataset index as a
 * little-endian uint32, the row's feature-space values as the model sees them, float32 little-endian), its first
 * 8 bytes as a big-endian integer, mod N, plus 1. A function of the row alone: a row's shard never depends on which
 * other shards run, nor on the other rows.
 */
import { createHash } from 'node:crypto';

/** The feature-space values of rows (row-major, `dim` per row): src/model/features.ts `featuresView`. */
export interface RowFeatures {
  rows: number;
  dim: number;
  /** [rows.length, dim] for the given rows. */
  featuresView(rows: Int32Array): Float32Array;
}

/** The 1-based shard of every row of a dataset, for N shards. */
export function shardOfRows(view: RowFeatures, n: number): Int32Array {
  const all = new Int32Array(view.rows);
  for (let i = 0; i < view.rows; i++) all[i] = i;
  const x = view.featuresView(all);
  const out = new Int32Array(view.rows);
  const index = Buffer.alloc(4);
  const big = BigInt(n);
  for (let i = 0; i < view.rows; i++) {
    index.writeUInt32LE(i, 0);
    const values = new Uint8Array(x.buffer, x.byteOffset + i * view.dim * 4, view.dim * 4);
    const h = createHash('sha256').update(index).update(littleEndian(values)).digest();
    out[i] = Number(h.readBigUInt64BE(0) % big) + 1;
  }
  return out;
}

/** The rows of shard k (ascending). */
export function rowsOfShard(shards: Int32Array, k: number): Int32Array {
  let count = 0;
  for (const s of shards) if (s === k) count++;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < shards.length; i++) if (shards[i] === k) out[j++] = i;
  return out;
}

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float32 bytes in little-endian order whatever the machine's (every supported platform is little-endian). */
function littleEndian(b: Uint8Array): Uint8Array {
  if (LITTLE) return b;
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i += 4) for (let j = 0; j < 4; j++) out[i + j] = b[i + 3 - j];
  return out;
}
