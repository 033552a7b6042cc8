/**
 * One quantile (src/stats/quantile.ts). The memorisation bootstrap (`quantileSorted`) and the fairness bootstrap
 * (`percentile`) each had one; both copies are kept here, frozen, and compared with the survivor on random sorted
 * inputs: equal bit for bit, except that the fairness copy turned a −0 order statistic at an integer position into
 * +0 (−0 + 0·0); fairness never has a −0 to interpolate (its values are rates and differences of non-negative counts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantileSorted } from '../../src/stats/quantile.ts';
import { rng } from '../../src/util/random.ts';

/** The former src/gates/memorisation/bootstrap.ts `quantileSorted`, verbatim. */
function memorisationQuantile(v: Float64Array, q: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos), hi = Math.min(n - 1, lo + 1);
  const f = pos - lo;
  return f === 0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * f;
}

/** The former src/gates/fairness/compute.ts `percentile`, verbatim. */
function fairnessPercentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

test('quantileSorted equals both former copies on random sorted inputs (ties, integer positions, every q)', () => {
  const r = rng(31, 'stats/quantile');
  let integerPositions = 0;
  for (let trial = 0; trial < 4000; trial++) {
    const n = 1 + (trial < 100 ? trial : r.int(trial % 7 === 0 ? 3000 : 60));
    const levels = 1 + r.int(8);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = r.next();
      v[i] = trial % 3 === 0 ? r.normal() * 10 ** (r.int(40) - 20) : trial % 3 === 1 ? r.int(levels) / levels : u < 0.1 ? -0 : u < 0.2 ? 0 : r.normal();
    }
    v.sort();
    const qs = [0, 1, 0.5, 0.025, 0.975, (1 - 0.95) / 2, 1 - (1 - 0.95) / 2, r.next(), n > 1 ? r.int(n) / (n - 1) : 0];
    for (const q of qs) {
      const got = quantileSorted(v, q);
      assert.ok(Object.is(got, memorisationQuantile(v, q)), `memorisation copy, trial ${trial}, q ${q}`);
      const fair = fairnessPercentile(v, q);
      const pos = q * (n - 1);
      if (Number.isInteger(pos)) integerPositions++;
      if (Object.is(got, -0) && Number.isInteger(pos)) assert.ok(Object.is(fair, 0), 'fairness copy: −0 became +0');
      else assert.ok(Object.is(got, fair), `fairness copy, trial ${trial}, q ${q}: ${got} vs ${fair}`);
    }
  }
  assert.ok(integerPositions > 1000);
  assert.ok(Number.isNaN(quantileSorted(new Float64Array(0), 0.5)));
});

test('quantileSorted: numpy linear interpolation', () => {
  // numpy.percentile([1, 2, 3, 4, 5], [2.5, 50, 97.5]) = [1.1, 3, 4.9]
  const s = Float64Array.of(1, 2, 3, 4, 5);
  assert.ok(Math.abs(quantileSorted(s, 0.025) - 1.1) < 1e-15);
  assert.equal(quantileSorted(s, 0.5), 3);
  assert.ok(Math.abs(quantileSorted(s, 0.975) - 4.9) < 1e-15);
  assert.equal(quantileSorted(Float64Array.of(7), 0.3), 7);
});
