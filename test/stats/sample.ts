/**
 * The 32-bit integer hash samples of scripts/make-stats-references.py, bit for bit, so that the scipy references of
 * large samples need not be stored: u(i, seed) = (h + 0.5)/2^32, h the mix of i·0x9E3779B1 + seed.
 */
export function hash32(i: number, seed: number): number {
  let h = (Math.imul(i, 0x9e3779b1) + seed) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** u^power + shift, or ⌊levels·u⌋ when levels is set (the script's `sample`). */
export function sample(n: number, seed: number, o: { shift?: number; power?: number; levels?: number }): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (hash32(i, seed) + 0.5) / 2 ** 32;
    out[i] = o.levels ? Math.floor(o.levels * u) : u ** (o.power ?? 1) + (o.shift ?? 0);
  }
  return out;
}

/** |got − want| / |want|, 0 when equal. */
export function rel(got: number, want: number): number {
  if (got === want) return 0;
  return Math.abs(got - want) / Math.abs(want);
}
