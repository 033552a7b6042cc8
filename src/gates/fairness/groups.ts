/**
 * Groups = the intersections of the sensitive columns that occur in the data (no empty intersections).
 * Values may be strings or numbers; a missing value (null string, NaN number) is its own value `(missing)`.
 * Order is deterministic: by the first column's values, then the second's, ... where each column's values are
 * sorted (numbers numerically, strings by UTF-16 code units) and `(missing)` comes last.
 */
import type { Column } from '../../data/types.ts';

export const MISSING = '(missing)';

export interface SensitiveColumn {
  name: string;
  column: Column;
}

export interface GroupInfo {
  /** e.g. `sex=Male, race=White` */
  key: string;
  /** column -> value (null = missing) */
  values: Record<string, string | number | null>;
}

export interface Grouping {
  /** Group index per row. */
  index: Int32Array;
  groups: GroupInfo[];
  /** Per column, its distinct values in order (null = missing). */
  levels: { name: string; values: (string | number | null)[] }[];
}

interface Encoded {
  codes: Int32Array;
  values: (string | number | null)[];
}

function encodeColumn(col: Column, rows: number): Encoded {
  const codes = new Int32Array(rows);
  if (col.kind === 'string') {
    const seen = new Map<string, number>();
    const firstSeen: string[] = [];
    let hasMissing = false;
    for (let i = 0; i < rows; i++) {
      const v = col.values[i];
      if (v === null || v === undefined) { codes[i] = -1; hasMissing = true; continue; }
      let c = seen.get(v);
      if (c === undefined) { c = firstSeen.length; seen.set(v, c); firstSeen.push(v); }
      codes[i] = c;
    }
    const order = firstSeen.map((_, i) => i).sort((a, b) => (firstSeen[a] < firstSeen[b] ? -1 : firstSeen[a] > firstSeen[b] ? 1 : 0));
    return remap(codes, order, firstSeen, hasMissing);
  }
  const seen = new Map<number, number>();
  const firstSeen: number[] = [];
  let hasMissing = false;
  for (let i = 0; i < rows; i++) {
    let v = col.values[i];
    if (Number.isNaN(v)) { codes[i] = -1; hasMissing = true; continue; }
    if (v === 0) v = 0; // -0 and 0 are one value
    let c = seen.get(v);
    if (c === undefined) { c = firstSeen.length; seen.set(v, c); firstSeen.push(v); }
    codes[i] = c;
  }
  const order = firstSeen.map((_, i) => i).sort((a, b) => firstSeen[a] - firstSeen[b]);
  return remap(codes, order, firstSeen, hasMissing);
}

function remap<T extends string | number>(codes: Int32Array, order: number[], firstSeen: T[], hasMissing: boolean): Encoded {
  const rank = new Int32Array(firstSeen.length);
  order.forEach((orig, r) => { rank[orig] = r; });
  const missingCode = firstSeen.length;
  for (let i = 0; i < codes.length; i++) codes[i] = codes[i] < 0 ? missingCode : rank[codes[i]];
  const values: (string | number | null)[] = order.map((o) => firstSeen[o]);
  if (hasMissing) values.push(null);
  return { codes, values };
}

export function formatValue(v: string | number | null): string {
  return v === null ? MISSING : String(v);
}

/** Encodes the rows' groups. `rows` must equal every column's length. */
export function encodeGroups(columns: SensitiveColumn[], rows: number): Grouping {
  const enc = columns.map((c) => encodeColumn(c.column, rows));
  // Mixed-radix code of the intersection (first column most significant: numeric order = tuple order).
  let product = 1;
  for (const e of enc) product *= Math.max(1, e.values.length);
  const combo = new Float64Array(rows);
  const strides: number[] = [];
  let s = 1;
  for (let c = enc.length - 1; c >= 0; c--) { strides[c] = s; s *= Math.max(1, enc[c].values.length); }
  if (product > Number.MAX_SAFE_INTEGER) throw new RangeError('too many combinations of sensitive values');
  for (let i = 0; i < rows; i++) {
    let k = 0;
    for (let c = 0; c < enc.length; c++) k += enc[c].codes[i] * strides[c];
    combo[i] = k;
  }
  const index = new Int32Array(rows);
  let present: number[];
  if (product <= 1 << 22) {
    const slot = new Int32Array(product).fill(-1);
    for (let i = 0; i < rows; i++) slot[combo[i]] = 0;
    present = [];
    for (let k = 0; k < product; k++) if (slot[k] === 0) { slot[k] = present.length; present.push(k); }
    for (let i = 0; i < rows; i++) index[i] = slot[combo[i]];
  } else {
    const slot = new Map<number, number>();
    for (let i = 0; i < rows; i++) slot.set(combo[i], 0);
    present = [...slot.keys()].sort((a, b) => a - b);
    present.forEach((k, g) => slot.set(k, g));
    for (let i = 0; i < rows; i++) index[i] = slot.get(combo[i])!;
  }
  const groups: GroupInfo[] = present.map((k) => {
    const values: Record<string, string | number | null> = {};
    const parts: string[] = [];
    columns.forEach((col, c) => {
      const code = Math.floor(k / strides[c]) % Math.max(1, enc[c].values.length);
      const v = enc[c].values[code];
      values[col.name] = v;
      parts.push(`${col.name}=${formatValue(v)}`);
    });
    return { key: parts.join(', '), values };
  });
  return { index, groups, levels: columns.map((c, i) => ({ name: c.name, values: enc[i].values })) };
}
