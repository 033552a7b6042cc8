/**
 * Which shard a dataset row belongs to (docs/design.md §7 "Shards"): sha256 over (the row's dataset index as a
 * little-endian uint32, the row's feature-space values as the model sees them, float32 little-endian), its first
 * 8 bytes as a big-endian integer, mod N, plus 1. A function of the row alone: a row's shard never depends on which
 * other shards run, nor on the other rows.
 *
 * Cost: one sha256 per row over 4 + 4 × dim bytes (a shard and the merge both compute every row's shard, since a row's
 * shard needs its content). The rows are read through the feature view in blocks of rows (no full copy of a tabular
 * dataset's feature space), each row hashed in one call from one reused buffer, and the mod taken on two 32-bit halves
 * (exact in float64 for N < 2^20) instead of a BigInt per row.
 */
import { hash } from 'node:crypto';

/** The feature-space values of rows (row-major, `dim` per row): src/model/features.ts `featuresView`. */
export interface RowFeatures {
  rows: number;
  dim: number;
  /** [rows.length, dim] for the given rows. */
  featuresView(rows: Int32Array): Float32Array;
}

/** Rows read through the feature view at once. */
const BLOCK = 4096;

/** The 1-based shard of every row of a dataset, for N shards. */
export function shardOfRows(view: RowFeatures, n: number): Int32Array {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`shardOfRows: N must be a positive integer, got ${n}`);
  const out = new Int32Array(view.rows);
  const width = view.dim * 4;
  // One buffer per row: the index (uint32 LE), then the row's float32 values (LE).
  const row = new Uint8Array(4 + width);
  const index = new DataView(row.buffer);
  // 2^32 mod n, for (hi · 2^32 + lo) mod n = ((hi mod n) · (2^32 mod n) + lo mod n) mod n.
  const small = n < 2 ** 20;
  const high = small ? 2 ** 32 % n : 0;
  const big = BigInt(n);
  const rowsBlock = new Int32Array(BLOCK);
  for (let start = 0; start < view.rows; start += BLOCK) {
    const count = Math.min(BLOCK, view.rows - start);
    const ids = count === BLOCK ? rowsBlock : rowsBlock.subarray(0, count);
    for (let i = 0; i < count; i++) ids[i] = start + i;
    const x = view.featuresView(ids);
    const xb = new Uint8Array(x.buffer, x.byteOffset, count * width);
    for (let i = 0; i < count; i++) {
      const r = start + i;
      index.setUint32(0, r, true);
      row.set(littleEndian(xb.subarray(i * width, (i + 1) * width)), 4);
      const h = hash('sha256', row, 'buffer');
      out[r] = (small ? ((h.readUInt32BE(0) % n) * high + (h.readUInt32BE(4) % n)) % n : Number(h.readBigUInt64BE(0) % big)) + 1;
    }
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
