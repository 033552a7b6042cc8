/**
 * src/stats/paired.ts: McNemar against scipy.stats.binomtest (test/fixtures/stats/paired.json, made by
 * scripts/make-stats-references.py) and against a second, log-space computation here; flip rates and the other
 * paired measures by hand; the bootstrap interval by its coverage on synthetic pairs with a known difference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binomCdfHalf, flipRates, mcnemar, meanAbsTrueClassChange, meanDeltaCI, pairedBootstrap, predictedClassJS } from '../../src/stats/paired.ts';
import { logChoose } from '../../src/stats/special.ts';
import { rng } from '../../src/util/random.ts';
import { rel } from './sample.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/stats/paired.json', import.meta.url), 'utf8'));

test('mcnemar matches the exact integer sum, scipy binomtest (p) and 2·cdf − pmf (mid-p)', (t) => {
  let worstP = 0, worstMid = 0, worstExact = 0, at = '', atX = '';
  for (const c of ref.mcnemar) {
    const r = mcnemar(c.b, c.c);
    if (c.exact > 1e-300) { // subnormal p-values carry fewer bits
      const ex = rel(r.pvalue, c.exact);
      if (ex > worstExact) { worstExact = ex; atX = `b=${c.b} c=${c.c}`; }
    }
    if (c.p < 1e-300) { assert.ok(r.pvalue < 1e-300 && r.midp <= r.pvalue, `b=${c.b} c=${c.c}: scipy underflows to ${c.p}, we give ${r.pvalue}`); continue; }
    const e = rel(r.pvalue, c.p), em = rel(r.midp, c.midp);
    if (e > worstP) { worstP = e; at = `b=${c.b} c=${c.c}`; }
    worstMid = Math.max(worstMid, em);
  }
  t.diagnostic(`mcnemar: p max rel vs exact ${worstExact.toExponential(2)} (${atX}); vs scipy ${worstP.toExponential(2)} (${at}); mid-p vs scipy max rel ${worstMid.toExponential(2)}`);
  // scipy (Boost's binomial CDF) is itself ~1e-13 off at n = 5·10^5, where we agree with the integer sum to ~1e-15
  assert.ok(worstExact < 1e-14, `vs exact ${worstExact} at ${atX}`);
  assert.ok(worstP < 5e-13 && worstMid < 5e-13);
});

/** P(X ≤ k), X ~ Bin(n, ½), as a log-sum-exp of log C(n, j) − n·log 2 (a different computation from the module's). */
function cdfLogSpace(k: number, n: number): number {
  const logs: number[] = [];
  for (let j = 0; j <= k; j++) logs.push(logChoose(n, j) - n * Math.LN2);
  const m = Math.max(...logs);
  let s = 0;
  for (let j = logs.length - 1; j >= 0; j--) s += Math.exp(logs[j] - m);
  return Math.exp(m) * s;
}

test('mcnemar by a second method: log-space sum of binomial terms; small cases by hand', () => {
  for (const [k, n] of [[0, 1], [1, 10], [3, 7], [20, 50], [130, 300], [900, 2000], [4900, 10000]]) {
    const a = binomCdfHalf(k, n), b = cdfLogSpace(k, n);
    assert.ok(rel(a, b) < 1e-12, `P(X ≤ ${k}), n = ${n}: ${a} vs ${b}`);
  }
  // b = 0, c = 5: p = 2·(½)^5 = 1/16; mid-p = 2/32 − 1/32 = 1/32
  assert.deepEqual(mcnemar(0, 5), { b: 0, c: 5, pvalue: 1 / 16, midp: 1 / 32 });
  // b = 1, c = 4: P(X ≤ 1) = 6/32 → p = 12/32; mid-p = 12/32 − 5/32
  const r = mcnemar(1, 4);
  assert.ok(Math.abs(r.pvalue - 12 / 32) < 1e-15 && Math.abs(r.midp - 7 / 32) < 1e-15);
  assert.deepEqual(mcnemar(0, 0), { b: 0, c: 0, pvalue: 1, midp: 1 });
  assert.equal(mcnemar(6, 6).pvalue, 1);
  assert.equal(mcnemar(6, 6).midp, 1);
  assert.deepEqual(mcnemar(4, 1).pvalue, mcnemar(1, 4).pvalue);
  assert.throws(() => mcnemar(-1, 2), /non-negative/);
});

test('flipRates, predictedClassJS and meanAbsTrueClassChange by hand', () => {
  const y = Int32Array.from([0, 1, 2, 1, 0, 2]);
  const base = Int32Array.from([0, 1, 1, 1, 2, 2]); // right on rows 0, 1, 3, 5
  const head = Int32Array.from([0, 2, 2, 1, 1, 2]); // right on rows 0, 2, 3, 5
  const f = flipRates(y, base, head);
  assert.deepEqual(f, { rows: 6, negative: 1, positive: 1, changed: 3, negative_flip_rate: 1 / 6, positive_flip_rate: 1 / 6, churn: 0.5 });
  // histograms base (1, 3, 2), head (1, 2, 3): JS² = Σ over both of ½·KL(·‖m)
  const p = [1 / 6, 3 / 6, 2 / 6], q = [1 / 6, 2 / 6, 3 / 6];
  let js2 = 0;
  for (let k = 0; k < 3; k++) { const m = (p[k] + q[k]) / 2; js2 += (p[k] * Math.log(p[k] / m) + q[k] * Math.log(q[k] / m)) / 2; }
  assert.ok(Math.abs(predictedClassJS(base, head, 3) - Math.sqrt(js2)) < 1e-15);
  assert.equal(predictedClassJS(base, base, 3), 0);
  const bp = Float64Array.from([0.9, 0.1, 0.2, 0.8]), hp = Float64Array.from([0.6, 0.4, 0.5, 0.5]);
  assert.ok(Math.abs(meanAbsTrueClassChange(Int32Array.from([0, 1]), bp, hp, 2) - (0.3 + 0.3) / 2) < 1e-15);
});

test('pairedBootstrap: resamples rows jointly within strata (every stratum keeps its size), reproducibly', () => {
  const strata = Int32Array.from([0, 0, 0, 1, 1, 5, 5, 5, 5, 5]);
  const seen: number[][] = [];
  pairedBootstrap((w) => {
    const sizes = [0, 0, 0];
    for (let i = 0; i < w.length; i++) sizes[strata[i] === 0 ? 0 : strata[i] === 1 ? 1 : 2] += w[i];
    seen.push(sizes);
    return 0;
  }, { strata, resamples: 50, seed: 3 });
  for (const s of seen) assert.deepEqual(s, [3, 2, 5]);
  const delta = Float64Array.from([1, 0, -1, 1, 1, 0, 0, 1, -1, 1]);
  const a = meanDeltaCI(delta, { strata, resamples: 200, seed: 9 });
  const b = meanDeltaCI(delta, { strata, resamples: 200, seed: 9 });
  assert.deepEqual(a, b);
  assert.equal(a.delta, 0.3);
  assert.ok(a.ci.interval![0] <= 0.3 && 0.3 <= a.ci.interval![1]);
  const c = meanDeltaCI(delta, { strata, resamples: 200, seed: 10 });
  assert.notDeepEqual(a.ci.interval, c.ci.interval);
});

test('pairedBootstrap coverage: ≥ 90 of 100 seeded 95 % intervals cover the true accuracy delta', () => {
  // Population: label ~ Bernoulli(0.4); the base is right with probability 0.70, the head with 0.78 (correlated:
  // the head is right whenever the base is, plus on 8/30 of the base's errors). True delta = 0.08.
  const trueDelta = 0.08;
  const n = 400;
  const gen = rng(2026, 'test/paired/coverage');
  let covered = 0;
  for (let rep = 0; rep < 100; rep++) {
    const strata = new Int32Array(n), delta = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      strata[i] = gen.next() < 0.4 ? 1 : 0;
      const baseRight = gen.next() < 0.7;
      const headRight = baseRight || gen.next() < 0.08 / 0.3;
      delta[i] = (headRight ? 1 : 0) - (baseRight ? 1 : 0);
    }
    const { ci } = meanDeltaCI(delta, { strata, resamples: 300, seed: rep });
    if (ci.interval![0] <= trueDelta && trueDelta <= ci.interval![1]) covered++;
  }
  assert.ok(covered >= 90, `${covered} of 100 intervals cover the true delta`);
});
