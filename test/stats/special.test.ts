/**
 * src/stats/special.ts against scipy 1.10.1 and mpmath (50 digits), both computed by
 * scripts/make-stats-references.py into test/fixtures/stats/special.json, and against closed forms.
 * Each test reports the largest relative difference it saw (node --test prints the diagnostics).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binomPmf, chiSquareSf, erf, erfc, gammaP, gammaQ, logChoose, logGamma, normalCdf, normalSf } from '../../src/stats/special.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/stats/special.json', import.meta.url), 'utf8'));
const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

/** |got − want| / |want| (0 when both are 0; absolute when want is 0). */
function rel(got: number, want: number): number {
  if (got === want) return 0;
  if (want === 0) return Math.abs(got);
  return Math.abs(got - want) / Math.abs(want);
}

class Worst {
  max = 0;
  at = '';
  see(r: number, at: string): void { if (r > this.max || Number.isNaN(r)) { this.max = r; this.at = at; } }
}

test('gammaQ and gammaP match scipy gammaincc / gammainc and mpmath on a grid including both tails', (t) => {
  const vsScipy = new Worst(), vsMp = new Worst(), scipyVsMp = new Worst();
  for (const c of ref.gamma) {
    const q = gammaQ(c.a, c.x), p = gammaP(c.a, c.x);
    for (const [got, sc, mp, name] of [[q, num(c.Q), num(c.Q_mp), 'Q'], [p, num(c.P), num(c.P_mp), 'P']] as const) {
      if (mp < 1e-300) { assert.ok(got < 1e-290, `${name}(${c.a}, ${c.x}) = ${got}, mpmath ${mp}`); continue; }
      vsScipy.see(rel(got, sc), `${name}(${c.a}, ${c.x})`);
      vsMp.see(rel(got, mp), `${name}(${c.a}, ${c.x})`);
      scipyVsMp.see(rel(sc, mp), `${name}(${c.a}, ${c.x})`);
    }
  }
  t.diagnostic(`gamma: max rel vs scipy ${vsScipy.max.toExponential(2)} at ${vsScipy.at}; vs mpmath ${vsMp.max.toExponential(2)} at ${vsMp.at}; scipy vs mpmath ${scipyVsMp.max.toExponential(2)} at ${scipyVsMp.at}`);
  assert.ok(vsMp.max < 2e-13, `vs mpmath ${vsMp.max} at ${vsMp.at}`);
  assert.ok(vsScipy.max < 5e-13, `vs scipy ${vsScipy.max} at ${vsScipy.at}`);
});

test('gammaQ closed forms: Q(1, x) = e^−x, Q(½, x) = erfc(√x), Q(n, x) = e^−x Σ_{k<n} x^k/k!', () => {
  for (const x of [1e-9, 0.01, 0.3, 1, 2.5, 10, 40, 200, 700]) {
    // e^−x itself is only defined to ~x ulps by the rounding of x: allow (1 + x)·4 ulps
    const tol = (1 + x) * 1e-15;
    assert.ok(rel(gammaQ(1, x), Math.exp(-x)) < tol, `Q(1, ${x}): ${rel(gammaQ(1, x), Math.exp(-x))}`);
    assert.ok(rel(gammaP(1, x), -Math.expm1(-x)) < 1e-14, `P(1, ${x})`);
    if (x < 600) assert.ok(rel(gammaQ(0.5, x), erfc(Math.sqrt(x))) < tol, `Q(1/2, ${x}) ${gammaQ(0.5, x)} vs ${erfc(Math.sqrt(x))}`);
    for (const n of [2, 3, 7]) {
      let s = 0, term = 1;
      for (let k = 0; k < n; k++) { s += term; term *= x / (k + 1); }
      assert.ok(rel(gammaQ(n, x), Math.exp(-x) * s) < tol, `Q(${n}, ${x}): ${rel(gammaQ(n, x), Math.exp(-x) * s)}`);
    }
  }
});

test('logGamma matches scipy gammaln and mpmath loggamma; closed forms at integers and ½', (t) => {
  // Relative to mpmath everywhere (also next to the zeros at 1 and 2); relative to scipy only where |log Γ| ≥ 0.1:
  // scipy's gammaln loses relative accuracy next to the zeros (2e-10 at x = 1.999999, 4e-14 at 1.99, where
  // mpmath agrees with us).
  const vs = new Worst(), vsMp = new Worst(), vsNearZero = new Worst();
  for (const c of ref.gammaln) {
    const got = logGamma(c.x), mp = num(c.mp), sc = num(c.gammaln);
    vsMp.see(rel(got, mp), `x=${c.x}`);
    if (Math.abs(mp) >= 0.1) vs.see(rel(got, sc), `x=${c.x}`);
    else vsNearZero.see(Math.abs(got - sc), `x=${c.x}`);
  }
  t.diagnostic(`gammaln: max rel vs mpmath ${vsMp.max.toExponential(2)} at ${vsMp.at}; vs scipy ${vs.max.toExponential(2)} at ${vs.at} (|value| ≥ 0.1), max abs vs scipy next to the zeros ${vsNearZero.max.toExponential(2)} at ${vsNearZero.at}`);
  assert.ok(vsMp.max < 1e-14, `vs mpmath ${vsMp.max} at ${vsMp.at}`);
  assert.ok(vs.max < 1e-14, `vs scipy ${vs.max} at ${vs.at}`);
  assert.ok(vsNearZero.max < 1e-15, `vs scipy near the zeros ${vsNearZero.max} at ${vsNearZero.at}`);
  let fact = 1;
  for (let n = 1; n < 25; n++) { assert.ok(rel(logGamma(n + 1), Math.log((fact *= n))) < 2e-15, `log ${n}!`); }
  assert.equal(logGamma(1), 0);
  assert.equal(logGamma(2), 0);
  assert.ok(rel(logGamma(0.5), 0.5 * Math.log(Math.PI)) < 1e-15);
});

test('normalCdf matches mpmath ncdf to a few ulps down to 1e-300, and scipy ndtr within its own error', (t) => {
  const vsMp = new Worst(), vsScipy = new Worst(), scipyMp = new Worst();
  for (const c of ref.ndtr) {
    const got = normalCdf(c.x), mp = num(c.mp), sc = num(c.ndtr);
    if (mp < 1e-300) continue;
    vsMp.see(rel(got, mp), `x=${c.x}`);
    vsScipy.see(rel(got, sc), `x=${c.x}`);
    scipyMp.see(rel(sc, mp), `x=${c.x}`);
    assert.ok(rel(normalSf(-c.x), got) === 0, 'sf(−x) = cdf(x)');
  }
  t.diagnostic(`ndtr: max rel vs mpmath ${vsMp.max.toExponential(2)} at ${vsMp.at}; vs scipy ${vsScipy.max.toExponential(2)} at ${vsScipy.at}; scipy vs mpmath ${scipyMp.max.toExponential(2)} at ${scipyMp.at}`);
  assert.ok(vsMp.max < 5e-15, `vs mpmath ${vsMp.max} at ${vsMp.at}`);
  assert.ok(vsScipy.max <= scipyMp.max + 5e-15, 'no further from scipy than scipy is from the truth');
});

test('erfc and erf match scipy and mpmath', (t) => {
  const vsMp = new Worst(), vsScipy = new Worst(), erfW = new Worst();
  for (const c of ref.erfc) {
    const mp = num(c.mp);
    if (mp < 1e-300) { assert.ok(erfc(c.x) < 1e-290); continue; }
    vsMp.see(rel(erfc(c.x), mp), `x=${c.x}`);
    vsScipy.see(rel(erfc(c.x), num(c.erfc)), `x=${c.x}`);
    erfW.see(Math.abs(erf(c.x) - num(c.erf)), `x=${c.x}`);
  }
  t.diagnostic(`erfc: max rel vs mpmath ${vsMp.max.toExponential(2)} at ${vsMp.at}; vs scipy ${vsScipy.max.toExponential(2)} at ${vsScipy.at}; erf max abs vs scipy ${erfW.max.toExponential(2)}`);
  assert.ok(vsMp.max < 5e-15, `erfc vs mpmath ${vsMp.max} at ${vsMp.at}`);
  assert.ok(vsScipy.max < 1e-13, `erfc vs scipy ${vsScipy.max} at ${vsScipy.at}`);
  assert.ok(erfW.max < 4e-16, `erf vs scipy ${erfW.max} at ${erfW.at}`);
});

test('chiSquareSf matches scipy chi2.sf; 1 df equals 2·normalSf(√x), 2 df equals e^(−x/2)', (t) => {
  const w = new Worst();
  for (const c of ref.chi2) w.see(rel(chiSquareSf(c.x, c.df), num(c.sf)), `x=${c.x} df=${c.df}`);
  t.diagnostic(`chi2.sf: max rel vs scipy ${w.max.toExponential(2)} at ${w.at}`);
  assert.ok(w.max < 1e-13);
  for (const x of [1e-8, 0.1, 1, 3.841458820694124, 10, 100, 1000]) {
    // the rounding of √x alone moves 2Φ(−√x) by up to x/2 ulps
    assert.ok(rel(chiSquareSf(x, 1), 2 * normalSf(Math.sqrt(x))) < 2e-15 + x * 2.3e-16, `1 df at ${x}: ${chiSquareSf(x, 1)} vs ${2 * normalSf(Math.sqrt(x))}`);
    assert.ok(rel(chiSquareSf(x, 2), Math.exp(-x / 2)) < (1 + x) * 1e-15, `2 df at ${x}: ${rel(chiSquareSf(x, 2), Math.exp(-x / 2))}`);
  }
  assert.ok(Math.abs(chiSquareSf(3.841458820694124, 1) - 0.05) < 1e-15, 'the 5 % critical value of 1 df');
  // mpmath: erfc(√500) = 1.7958327848007261946e-219 = Q(½, 500)
  assert.ok(rel(chiSquareSf(1000, 1), 1.7958327848007261946e-219) < 1e-15);
});

test('binomPmf matches mpmath (and scipy) for n up to 10^6; logChoose matches mpmath', (t) => {
  const vsMp = new Worst(), vsScipy = new Worst(), lc = new Worst();
  for (const c of ref.binom) {
    const got = binomPmf(c.k, c.n, c.p), mp = num(c.mp);
    if (mp > 1e-300) { vsMp.see(rel(got, mp), `n=${c.n} k=${c.k} p=${c.p}`); vsScipy.see(rel(got, num(c.pmf)), `n=${c.n} k=${c.k} p=${c.p}`); }
    const l = num(c.logChoose_mp);
    lc.see(l === 0 ? Math.abs(logChoose(c.n, c.k)) : rel(logChoose(c.n, c.k), l), `C(${c.n}, ${c.k})`);
  }
  t.diagnostic(`binom pmf: max rel vs mpmath ${vsMp.max.toExponential(2)} at ${vsMp.at}; vs scipy ${vsScipy.max.toExponential(2)} at ${vsScipy.at}; logChoose vs mpmath ${lc.max.toExponential(2)} at ${lc.at}`);
  // x·log(x/m) in Loader's bd0 carries one rounding of a term of size ~|log pmf|: ~1e-13 at n = 10^6, p = 0.001
  assert.ok(vsMp.max < 3e-13, `pmf vs mpmath ${vsMp.max} at ${vsMp.at}`);
  assert.ok(lc.max < 1e-15, `logChoose ${lc.max} at ${lc.at}`);
  // Σ_k pmf = 1 and C(10, 3) = 120 by hand
  let s = 0;
  for (let k = 0; k <= 40; k++) s += binomPmf(k, 40, 0.3);
  assert.ok(Math.abs(s - 1) < 1e-14);
  assert.ok(rel(binomPmf(3, 10, 0.5), 120 / 1024) < 1e-14);
  assert.equal(logChoose(10, 3), Math.log(120));
});
