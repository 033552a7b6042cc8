/**
 * Exact Binomial(n, p) draws that cost O(1) expected time for any n, for the fairness bootstrap (which draws
 * the confusion cells of every group in every resample: 1,000 resamples of groups with 10^5 rows must not cost
 * O(n·p) each, which is what the waiting-time method in `util/random.ts` costs).
 *
 * - n·min(p, 1−p) < 10: inversion by sequential search over the pmf (exact; a handful of steps on average).
 * - otherwise: BTRS, W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46
 *   (1993), transformed rejection with squeeze (exact: the acceptance test uses the true log pmf ratio).
 */
import type { Rng } from '../../util/random.ts';

const TABLE_SIZE = 1024;
const LOG_FACT = new Float64Array(TABLE_SIZE);
for (let k = 1; k < TABLE_SIZE; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(k!) for a non-negative integer k: a table below 1024, Stirling's series (error < 1e-20 relative) above. */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return LOG_FACT[k];
  const inv = 1 / k;
  const inv2 = inv * inv;
  return (k + 0.5) * Math.log(k) - k + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** One exact Binomial(n, p) draw; n a non-negative integer, p in [0, 1]. */
export function binomial(r: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(r, n, 1 - p);
  if (n * p < 10) return inversion(r, n, p);
  return btrs(r, n, p);
}

function inversion(r: Rng, n: number, p: number): number {
  const s = p / (1 - p);
  const a = (n + 1) * s;
  for (;;) {
    let f = Math.exp(n * Math.log1p(-p)); // P(X = 0) = q^n; n·p < 10 keeps it above ~e^-20
    let u = r.next();
    let k = 0;
    while (u > f) {
      u -= f;
      k++;
      if (k > n) break; // rounding residue: start again (the probability mass left is ~1e-16)
      f *= a / k - s;
    }
    if (k <= n) return k;
  }
}

function btrs(r: Rng, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = r.next() - 0.5;
    let v = r.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log(v * alpha / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}
