/**
 * src/stats/ks.ts against scipy 1.10.1 (scripts/make-stats-references.py → test/fixtures/stats/ks.json) and
 * against p-values enumerated by hand in this file. The samples of the scipy cases are regenerated here from the
 * same 32-bit integer hash the script uses, so large samples need not be stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kolmogn, ks2samp, kstwoSf, smirnovSf } from '../../src/stats/ks.ts';
import { rel, sample } from './sample.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/stats/ks.json', import.meta.url), 'utf8'));

test('ks2samp matches scipy.stats.ks_2samp (two-sided, auto) on exact and asymptotic cases', (t) => {
  let worstD = 0, worstExact = 0, worstAsymp = 0, at = 'every case bit-identical', atA = 'every case bit-identical';
  const methods = new Set<string>();
  for (const c of ref.cases) {
    const x = sample(c.n1, c.seed1, c.x), y = sample(c.n2, c.seed2, c.y);
    const r = ks2samp(x, y);
    methods.add(r.method);
    assert.equal(r.method, Math.max(c.n1, c.n2) <= 10000 ? 'exact' : 'asymp', `${c.n1}x${c.n2}`);
    worstD = Math.max(worstD, rel(r.statistic, c.statistic));
    assert.equal(r.location, c.location, `${c.n1}x${c.n2}: location`);
    assert.equal(r.sign, c.sign, `${c.n1}x${c.n2}: sign`);
    const e = rel(r.pvalue, c.pvalue);
    if (r.method === 'exact' && e > worstExact) { worstExact = e; at = `${c.n1}x${c.n2} p=${c.pvalue}`; }
    if (r.method === 'asymp' && e > worstAsymp) { worstAsymp = e; atA = `${c.n1}x${c.n2} p=${c.pvalue}`; }
  }
  t.diagnostic(`ks_2samp: D max rel ${worstD.toExponential(2)}; exact p max rel ${worstExact.toExponential(2)} (${at}); asymp p max rel ${worstAsymp.toExponential(2)} (${atA})`);
  assert.equal(worstD, 0, 'D is the same double');
  assert.ok(worstExact < 1e-12, `exact ${worstExact} at ${at}`);
  assert.ok(worstAsymp < 1e-12, `asymp ${worstAsymp} at ${atA}`);
  assert.deepEqual([...methods].sort(), ['asymp', 'exact']);
});

test('ks2samp on explicit samples, including the exact branch failing (p = 1.0000000000000002) and scipy falling back', () => {
  let fallbacks = 0;
  for (const c of ref.explicit) {
    const r = ks2samp(Float64Array.from(c.x), Float64Array.from(c.y));
    assert.equal(r.statistic, c.statistic, `${c.x} | ${c.y}`);
    assert.ok(Object.is(r.location, c.location) || r.location === c.location, `${c.x} | ${c.y}: location ${r.location} vs ${c.location}`);
    assert.equal(r.sign, c.sign, `${c.x} | ${c.y}: sign`);
    assert.ok(rel(r.pvalue, c.pvalue) < 1e-14, `${c.x} | ${c.y}: ${r.pvalue} vs ${c.pvalue}`);
    assert.equal(r.method, c.fallback ? 'asymp' : 'exact', `${c.x} | ${c.y}`);
    if (c.fallback) fallbacks++;
  }
  assert.ok(fallbacks > 0, 'the fixture has a case where the exact computation fails');
});

test('kstwoSf matches scipy.stats.kstwo.sf over every branch of kolmogn', (t) => {
  // Where kolmogn computes the SF as 1 − CDF (DMTW, Pomeranz, Pelz-Good), scipy and we both carry an absolute
  // error of a few ulps of 1: below sf = 1e-3 a case passes on relative ≤ 1e-12 OR absolute ≤ 2e-15.
  let worst = 0, at = '', worstAbs = 0, atAbs = '';
  for (const c of ref.kstwo) {
    const got = kstwoSf(c.d, c.n);
    if (c.sf < 1e-300) { assert.ok(got < 1e-290, `n=${c.n} d=${c.d}: ${got} vs ${c.sf}`); continue; }
    const e = rel(got, c.sf), a = Math.abs(got - c.sf);
    if (c.sf < 1e-3 && e > 1e-12) {
      assert.ok(a <= 2e-15, `n=${c.n} d=${c.d}: ${got} vs ${c.sf}`);
      if (a > worstAbs) { worstAbs = a; atAbs = `n=${c.n} d=${c.d} sf=${c.sf}`; }
      continue;
    }
    if (e > worst) { worst = e; at = `n=${c.n} d=${c.d} sf=${c.sf}`; }
  }
  t.diagnostic(`kstwo.sf: max rel ${worst.toExponential(2)} at ${at}; cases passing on the absolute bound: max abs ${worstAbs.toExponential(2)} ${atAbs}`);
  assert.ok(worst < 1e-12, `${worst} at ${at}`);
});

test('smirnovSf matches scipy.special.smirnov', (t) => {
  let worst = 0, at = '';
  for (const c of ref.smirnov) {
    const got = smirnovSf(c.n, c.x);
    if (c.sf < 1e-300) { assert.ok(got < 1e-290, `n=${c.n} x=${c.x}: ${got} vs ${c.sf}`); continue; }
    const e = rel(got, c.sf);
    if (e > worst) { worst = e; at = `n=${c.n} x=${c.x} sf=${c.sf}`; }
  }
  t.diagnostic(`smirnov: max rel ${worst.toExponential(2)} at ${at}`);
  assert.ok(worst < 1e-12, `${worst} at ${at}`);
});

/**
 * The exact two-sided p by enumeration: under H0 every choice of which n1 of the n1 + n2 pooled (distinct) ranks
 * belong to sample 1 is equally likely; p = #{arrangements with D ≥ D_observed} / C(n1 + n2, n1).
 */
function enumeratedP(x: number[], y: number[]): { d: number; p: number } {
  const n1 = x.length, n2 = y.length, N = n1 + n2;
  const dOf = (isX: boolean[]): number => {
    let i = 0, j = 0, best = 0;
    for (let k = 0; k < N; k++) {
      if (isX[k]) i++; else j++;
      best = Math.max(best, Math.abs(i * n2 - j * n1)); // D·n1·n2, in integers
    }
    return best;
  };
  const pooled = [...x.map((v) => ({ v, isX: true })), ...y.map((v) => ({ v, isX: false }))].sort((a, b) => a.v - b.v);
  const observed = dOf(pooled.map((e) => e.isX));
  let hits = 0, total = 0;
  for (let mask = 0; mask < 1 << N; mask++) {
    let bits = 0;
    for (let k = 0; k < N; k++) if (mask & (1 << k)) bits++;
    if (bits !== n1) continue;
    total++;
    const isX = Array.from({ length: N }, (_, k) => (mask & (1 << k)) !== 0);
    if (dOf(isX) >= observed) hits++;
  }
  return { d: observed / (n1 * n2), p: hits / total };
}

test('ks2samp exact p equals the enumeration of all arrangements (n1 = n2 = 3, and unequal sizes)', () => {
  const cases: [number[], number[]][] = [
    [[1, 2, 3], [4, 5, 6]], // D = 1: only 2 of the C(6,3) = 20 arrangements are as extreme → p = 0.1
    [[1, 3, 5], [2, 4, 6]],
    [[1, 2, 4], [3, 5, 6]],
    [[0.1, 0.7, 0.3], [0.2, 0.9, 1.5, 2.2]],
    [[1, 2, 3, 4, 5], [6, 7, 8]],
    [[5, 1, 9, 3], [2, 8, 4, 7, 6, 10]],
    [[1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12]],
  ];
  for (const [x, y] of cases) {
    const want = enumeratedP(x, y);
    const got = ks2samp(Float64Array.from(x), Float64Array.from(y));
    assert.equal(got.method, 'exact');
    assert.ok(Math.abs(got.statistic - want.d) < 1e-15, `D ${got.statistic} vs ${want.d}`);
    assert.ok(Math.abs(got.pvalue - want.p) < 1e-14, `${x} | ${y}: p ${got.pvalue} vs enumerated ${want.p}`);
  }
  assert.ok(Math.abs(ks2samp(Float64Array.from([1, 2, 3]), Float64Array.from([4, 5, 6])).pvalue - 0.1) < 1e-15);
});

test('ks2samp: identical samples give D = 0, p = 1; empty samples are refused', () => {
  const a = Float64Array.from([3, 1, 2, 2]);
  assert.deepEqual(ks2samp(a, a), { statistic: 0, pvalue: 1, method: 'exact', location: 1, sign: 1 });
  assert.throws(() => ks2samp(new Float64Array(0), a), /non-empty/);
});

test('kstwoSf closed forms: Ruben-Gambino ends; smirnovSf for n = 2 by hand', () => {
  // 1/(2n) < d ≤ 1/n: Pr(Dn ≤ d) = n!·(2d − 1/n)^n; d ≥ 1 − 1/n: Pr(Dn ≥ d) = 2(1 − d)^n
  for (const n of [3, 10]) {
    const d = 0.8 / n;
    let f = 1;
    for (let i = 2; i <= n; i++) f *= i;
    assert.ok(rel(kolmogn(n, d, true), f * (2 * d - 1 / n) ** n) < 1e-13);
    assert.ok(rel(kstwoSf(1 - 0.5 / n, n), 2 * (0.5 / n) ** n) < 1e-13);
  }
  // Smirnov n = 2, x < ½ by hand: the Birnbaum-Tingey sum x·[(1 − x)²/x + 2·(1 − x − ½)] (terms j = 0, 1)
  for (const x of [0.1, 0.3, 0.45]) {
    const byHand = x * ((1 - x) ** 2 / x + 2 * (1 - x - 0.5));
    assert.ok(rel(smirnovSf(2, x), byHand) < 1e-14, `smirnov(2, ${x})`);
  }
});
