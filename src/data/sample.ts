/**
 * Row selection for gates with a `limit` (docs/design.md §4 `sample: first | stratified`).
 */
import { createHash } from 'node:crypto';
import { GateError } from '../errors.ts';
import { rng } from '../util/random.ts';
import type { Dataset } from './types.ts';

/** Which rows a gate used (e.g. `details.sample` of the robustness gate): bounded in size, checkable by a reviewer. */
export interface SampleReport {
  /** `all`: no `limit`, or one at least the dataset's rows; otherwise how `limit` chose them. */
  mode: 'all' | 'first' | 'stratified';
  /** Rows used, of the dataset's `of`. */
  rows: number;
  of: number;
  /**
   * Rows used per label value (after `label-map`; `(missing)` for rows without one), when the dataset has labels:
   * the first MAX_LABELS values in label order (numbers ascending, then text, missing last), the others summed in
   * `other_labels`.
   */
  per_label?: Record<string, number>;
  other_labels?: { labels: number; rows: number };
  /** The first rows used, as 1-based data row numbers (as in the gates' messages), at most FIRST_ROWS of them. */
  first_rows: number[];
  /** sha256 of every row used: their 1-based numbers, ascending, in decimal, each followed by a newline ("\n"). */
  rows_sha256: string;
  /** Why the rows are what they are, when it is not the default one expects (no labels, or `sample: first`). */
  note?: string;
}

export const MAX_LABELS = 50;
export const FIRST_ROWS = 10;

/** The report of `rows` (ascending, 0-based, from `sampleRows(ds, limit, mode, ...)`). */
export function describeSample(ds: Dataset, rows: Int32Array, limit: number | undefined, mode: 'first' | 'stratified'): SampleReport {
  const all = limit === undefined || limit >= ds.rows;
  const out: SampleReport = { mode: all ? 'all' : mode, rows: rows.length, of: ds.rows, first_rows: [], rows_sha256: '' };
  const h = createHash('sha256');
  for (let i = 0; i < rows.length; i++) h.update(`${rows[i] + 1}\n`);
  out.rows_sha256 = h.digest('hex');
  out.first_rows = Array.from(rows.subarray(0, FIRST_ROWS), (r) => r + 1);
  if (ds.labels) {
    const counts = new Map<string, { order: [number, number | string]; rows: number }>();
    for (const r of rows) {
      const { key, order } = labelKey(ds.labels, r);
      const c = counts.get(key);
      if (c) c.rows++;
      else counts.set(key, { order, rows: 1 });
    }
    const sorted = [...counts.entries()].sort(([, a], [, b]) => byOrder(a.order, b.order));
    out.per_label = Object.fromEntries(sorted.slice(0, MAX_LABELS).map(([k, c]) => [k, c.rows]));
    if (sorted.length > MAX_LABELS) {
      const rest = sorted.slice(MAX_LABELS);
      out.other_labels = { labels: rest.length, rows: rest.reduce((a, [, c]) => a + c.rows, 0) };
    }
  }
  if (!all && mode === 'first') {
    out.note = ds.labels
      ? `sample: first: the first ${rows.length} rows, whatever their labels (sample: stratified keeps each label's share)`
      : `the dataset has no labels, so limit takes the first ${rows.length} rows (give it labels for a stratified sample)`;
  }
  return out;
}

function labelKey(labels: NonNullable<Dataset['labels']>, i: number): { key: string; order: [number, number | string] } {
  if (labels.kind === 'number') {
    const v = labels.values[i];
    return Number.isNaN(v) ? { key: '(missing)', order: [2, 0] } : { key: String(Object.is(v, -0) ? 0 : v), order: [0, v] };
  }
  const v = labels.values[i];
  return v === null ? { key: '(missing)', order: [2, 0] } : { key: v, order: [1, v] };
}

function byOrder(a: [number, number | string], b: [number, number | string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * Rows to evaluate, ascending.
 * - `limit` undefined or >= rows: every row.
 * - `first`: rows 0..limit-1.
 * - `stratified`: a seeded sample that keeps the label proportions. Each label value (missing labels form their
 *   own stratum) gets floor(limit * n_k / n) rows, and the rows still missing go to the strata with the largest
 *   remainders (ties: smaller label first; numbers before text, missing last). Inside a stratum the rows are the
 *   first draws of a Fisher-Yates shuffle seeded by `rng(seed, "sample:stratified:<label>")`, so a stratum's choice
 *   does not depend on the other strata. Same dataset + limit + seed -> same rows.
 */
export function sampleRows(ds: Dataset, limit: number | undefined, mode: 'first' | 'stratified', seed: number): Int32Array {
  const n = ds.rows;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit <= 0)) {
    throw new GateError('data.sample', `dataset "${ds.name}": limit must be a positive integer, not ${String(limit)}`);
  }
  if (mode !== 'first' && mode !== 'stratified') {
    throw new GateError('data.sample', `dataset "${ds.name}": sample must be "first" or "stratified", not ${JSON.stringify(mode)}`);
  }
  if (mode === 'stratified' && !ds.labels) {
    throw new GateError('data.sample', `dataset "${ds.name}": "sample: stratified" needs labels: add "label" (or "labels" for .npy), or use "sample: first"`);
  }
  const take = limit === undefined ? n : Math.min(limit, n);
  if (take === n || mode === 'first') {
    const out = new Int32Array(take);
    for (let i = 0; i < take; i++) out[i] = i;
    return out;
  }
  // Strata by label value.
  const labels = ds.labels!;
  const groups = new Map<string, { key: string; order: [number, number | string]; rows: number[] }>();
  for (let i = 0; i < n; i++) {
    const { key: shown, order } = labelKey(labels, i);
    // The stratum's key seeds its draw (`sample:stratified:<key>`): n:<number>, s:<text> or missing.
    const key = order[0] === 2 ? 'missing' : `${order[0] === 0 ? 'n' : 's'}:${shown}`;
    let g = groups.get(key);
    if (!g) { g = { key, order, rows: [] }; groups.set(key, g); }
    g.rows.push(i);
  }
  const strata = [...groups.values()].sort((a, b) => byOrder(a.order, b.order));
  const quota = strata.map((g) => Math.floor((take * g.rows.length) / n));
  const rem = strata.map((g) => (take * g.rows.length) % n);
  let left = take - quota.reduce((a, b) => a + b, 0);
  const byRem = strata.map((_, k) => k).sort((a, b) => rem[b] - rem[a] || a - b);
  for (const k of byRem) {
    if (left === 0) break;
    if (rem[k] > 0) { quota[k]++; left--; }
  }
  const chosen: number[] = [];
  strata.forEach((g, k) => {
    const q = quota[k];
    if (q === 0) return;
    const r = rng(seed, `sample:stratified:${g.key}`);
    const rows = g.rows;
    for (let i = 0; i < q; i++) {
      const j = i + r.int(rows.length - i);
      const t = rows[i]; rows[i] = rows[j]; rows[j] = t;
      chosen.push(rows[i]);
    }
  });
  const out = Int32Array.from(chosen);
  out.sort();
  return out;
}
