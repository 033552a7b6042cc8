/**
 * Canonical keys of dataset records, so that the memorisation gate can count exact duplicates between datasets
 * (e.g. members that also appear among the non-members).
 */
import { hash } from 'node:crypto';
import { GateError } from '../errors.ts';
import type { Dataset } from './types.ts';

/**
 * One key per record (for `rows`, default all rows, in that order): a 128-bit hash (base64url, 22 characters) of a
 * canonical encoding of the record's feature values.
 * - Tabular: the columns `columns` (default `ds.features`) taken in sorted name order, so two files whose columns
 *   come in a different order give the same keys. Numbers are encoded as float64 (so `1`, `1.0` and a Parquet int64 1
 *   agree; -0 = 0; every NaN the same), text as UTF-8 with a length prefix, missing text as its own tag.
 *   A number and a text value never collide.
 * - Tensor (.npy, or a dataset with `tensor`): the row's float32 values (-0 = 0, one NaN).
 * The same record in two datasets gets the same key only when both are loaded the same way (same columns, same
 * transform).
 */
export function rowKeys(ds: Dataset, rows?: Int32Array | number[], columns?: string[]): string[] {
  const n = rows ? rows.length : ds.rows;
  const rowAt = (i: number): number => (rows ? rows[i] : i);
  const out = new Array<string>(n);
  if (ds.tensor && columns === undefined) {
    const { data, shape } = ds.tensor;
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    const tmp = new Float32Array(per);
    const bytes = new Uint8Array(tmp.buffer);
    for (let i = 0; i < n; i++) {
      const r = rowAt(i);
      checkRow(ds, r);
      for (let k = 0; k < per; k++) {
        const v = data[r * per + k];
        tmp[k] = v === 0 ? 0 : Number.isNaN(v) ? NaN : v;
      }
      out[i] = digest(bytes);
    }
    return out;
  }
  const names = (columns ?? ds.features).slice().sort();
  const cols = names.map((c) => {
    const col = ds.columns.get(c);
    if (!col) throw new GateError('data.columns', `dataset "${ds.name}" has no column ${JSON.stringify(c)}`);
    return col;
  });
  const enc = new TextEncoder();
  let buf = new Uint8Array(64);
  let dv = new DataView(buf.buffer);
  let len = 0;
  const ensure = (extra: number): void => {
    if (len + extra <= buf.length) return;
    const next = new Uint8Array(Math.max(buf.length * 2, len + extra));
    next.set(buf.subarray(0, len));
    buf = next;
    dv = new DataView(buf.buffer);
  };
  for (let i = 0; i < n; i++) {
    const r = rowAt(i);
    checkRow(ds, r);
    len = 0;
    for (const col of cols) {
      if (col.kind === 'number') {
        ensure(9);
        const v = col.values[r];
        buf[len] = 1;
        dv.setFloat64(len + 1, v === 0 ? 0 : Number.isNaN(v) ? NaN : v, true);
        len += 9;
      } else {
        const v = col.values[r];
        if (v === null) {
          ensure(1);
          buf[len++] = 2;
        } else {
          const b = enc.encode(v);
          ensure(5 + b.length);
          buf[len] = 3;
          dv.setUint32(len + 1, b.length, true);
          buf.set(b, len + 5);
          len += 5 + b.length;
        }
      }
    }
    out[i] = digest(buf.subarray(0, len));
  }
  return out;
}

function checkRow(ds: Dataset, r: number): void {
  if (!Number.isInteger(r) || r < 0 || r >= ds.rows) throw new GateError('data.rows', `dataset "${ds.name}": row ${r} is out of range (0..${ds.rows - 1})`);
}

function digest(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'buffer').subarray(0, 16).toString('base64url');
}

/** How many entries of `a` have a key that also occurs in `b` (each record of `a` counted once). */
export function countShared(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  let count = 0;
  for (const k of a) if (inB.has(k)) count++;
  return count;
}
