/**
 * Quantile q (0 ≤ q ≤ 1) of values sorted ascending, by linear interpolation between order statistics: position
 * h = q·(n − 1), result v[⌊h⌋] + (v[⌊h⌋ + 1] − v[⌊h⌋])·(h − ⌊h⌋), and exactly v[h] when h is an integer. This is
 * numpy's default `percentile` / `quantile` method `"linear"` (Hyndman & Fan type 7); numpy evaluates the upper half
 * of each interval as v[⌊h⌋ + 1] − (v[⌊h⌋ + 1] − v[⌊h⌋])·(1 − f), so the two can differ in the last bit. NaN for
 * no values. The one quantile of the code base (bootstrap intervals of the memorisation and fairness gates).
 */
export function quantileSorted(v: Float64Array, q: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos), hi = Math.min(n - 1, lo + 1);
  const f = pos - lo;
  return f === 0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * f;
}
