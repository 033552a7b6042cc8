/**
 * Exact-duplicate records between members and the other datasets (docs/design.md §4 `max-duplicates`). A member that also
 * sits among the non-members is scored twice with opposite membership: the attack looks weaker and the hold-out
 * accuracy better than they are. Rows are compared by content: every feature value (data/duplicates.ts `rowKeys`,
 * canonical float encoding, column order independent) plus the label.
 */
import { rowKeys as featureKeys } from '../../data/duplicates.ts';
import type { Column, Dataset } from '../../data/types.ts';

/** A content key per row: the features' key and the label. */
export function rowKeys(ds: Dataset): string[] {
  const keys = featureKeys(ds);
  const labels = ds.labels;
  if (!labels) return keys;
  return keys.map((k, r) => `${k}|${cell(labels, r)}`);
}

function cell(c: Column, r: number): string {
  if (c.kind === 'number') {
    const v = c.values[r];
    return Number.isNaN(v) ? 'n:NaN' : `n:${v === 0 ? 0 : v}`;
  }
  return c.values[r] === null ? 'null' : `s:${JSON.stringify(c.values[r])}`;
}

/** Number of rows of `a` whose key occurs in `b` (each row of `a` counted once). */
export function countShared(a: readonly string[], b: readonly string[]): number {
  return countSharedAny(a, [b]);
}

/** Number of rows of `a` whose key occurs in any of `others`. */
export function countSharedAny(a: readonly string[], others: readonly (readonly string[])[]): number {
  const set = new Set<string>();
  for (const o of others) for (const k of o) set.add(k);
  let n = 0;
  for (const k of a) if (set.has(k)) n++;
  return n;
}
