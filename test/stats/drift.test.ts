/**
 * src/stats/drift.ts against Evidently's formulas evaluated with scipy 1.10.1 / numpy 1.24
 * (scripts/make-stats-references.py → test/fixtures/stats/drift.json), and against hand-worked small cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  autoMethod, binnedShares, chiSquareFromCounts, DEFAULT_THRESHOLDS, driftTest, isDrift, jensenShannon, psi, sturgesEdges,
  wasserstein1, wassersteinNorm, zTestFromCounts, type DriftColumn, type DriftMethod,
} from '../../src/stats/drift.ts';
import { normalSf } from '../../src/stats/special.ts';
import { rel, sample } from './sample.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/stats/drift.json', import.meta.url), 'utf8'));

function columns(c: any): [DriftColumn, DriftColumn] {
  if (c.kind === 'numeric') {
    return [{ kind: 'numeric', values: sample(c.nr, c.seed1, c.r) }, { kind: 'numeric', values: sample(c.nc, c.seed2, c.c) }];
  }
  const codes = (n: number, seed: number, o: any): Int32Array => {
    const u = sample(n, seed, { power: o.power ?? 1 });
    return Int32Array.from(u, (x) => Math.floor(o.levels * x));
  };
  return [
    { kind: 'categorical', codes: codes(c.nr, c.seed1, c.r), categories: c.categories },
    { kind: 'categorical', codes: codes(c.nc, c.seed2, c.c), categories: c.categories },
  ];
}

test('every drift score matches Evidently-on-scipy, and autoMethod matches _get_default_stattest', (t) => {
  const worst: Record<string, { e: number; at: string }> = {};
  const autos = new Set<string>();
  for (const [idx, c] of ref.cases.entries()) {
    const [r, cur] = columns(c);
    const auto = autoMethod(r, cur);
    assert.equal(auto, c.auto, `case ${idx}`);
    autos.add(auto);
    if (c.edges) {
      const combined = new Float64Array(c.nr + c.nc);
      combined.set((r as any).values); combined.set((cur as any).values, c.nr);
      assert.deepEqual([...sturgesEdges(combined)], c.edges, `case ${idx}: sturges edges`);
    }
    const methods: DriftMethod[] = ['psi', 'jensenshannon', 'z'];
    if (c.chisquare !== undefined) methods.push('chisquare');
    if (c.kind === 'numeric') methods.push('wasserstein', 'ks');
    for (const m of methods) {
      const got = driftTest(m, r, cur);
      // z: we compute the tail as Φ(−|z|); the reference keeps both Evidently's 2(1 − Φ(|z|)) and 2·Φ(−|z|)
      const want = m === 'z' ? c.z_sf : c[m];
      const e = rel(got.score, want);
      const w = (worst[m] ??= { e: 0, at: 'every case bit-identical' });
      if (e > w.e) { w.e = e; w.at = `case ${idx} (${want})`; }
      if (m === 'z') assert.ok(Math.abs(got.score - c.z) < 1e-15, `z vs Evidently's own formula, case ${idx}`);
      assert.equal(got.threshold, DEFAULT_THRESHOLDS[m]);
      assert.equal(got.drifted, isDrift(m, want, DEFAULT_THRESHOLDS[m]), `${m} decision, case ${idx}`);
    }
  }
  t.diagnostic(Object.entries(worst).map(([m, w]) => `${m} max rel ${w.e.toExponential(2)} at ${w.at}`).join('; '));
  for (const [m, w] of Object.entries(worst)) assert.ok(w.e < 1e-12, `${m}: ${w.e} at ${w.at}`);
  assert.deepEqual([...autos].sort(), ['chisquare', 'jensenshannon', 'ks', 'wasserstein', 'z']);
});

test('wasserstein1 by hand: the area between two step CDFs', () => {
  // u = {0, 1, 3}, v = {5, 6, 8}: every mass moves 5 → W = 5
  assert.equal(wasserstein1(Float64Array.from([0, 1, 3]), Float64Array.from([5, 6, 8])), 5);
  // u = {0, 1}, v = {0, 3}: F_u − F_v = 0 on [0,1), ½ on [1,3) → W = 1
  assert.equal(wasserstein1(Float64Array.from([1, 0]), Float64Array.from([0, 3])), 1);
  // u = {0}, v = {0, 2, 4}: |1 − ⅓| on [0,2) + |1 − ⅔| on [2,4) = 4/3 + 2/3 = 2
  assert.ok(Math.abs(wasserstein1(Float64Array.from([0]), Float64Array.from([4, 0, 2])) - 2) < 1e-15);
  // normed by the reference's population std: u = {0, 2} has std 1; a constant reference uses 0.001
  assert.ok(Math.abs(wassersteinNorm(Float64Array.from([0, 2]), Float64Array.from([1, 3])) - 1) < 1e-15);
  assert.ok(Math.abs(wassersteinNorm(Float64Array.from([1, 1]), Float64Array.from([1, 2])) - 0.5 / 0.001) < 1e-9);
});

test('psi and jensenShannon by hand on small histograms', () => {
  const r = Float64Array.from([0.5, 0.5]), c = Float64Array.from([0.25, 0.75]);
  assert.ok(Math.abs(psi(r, c) - (0.25 * Math.log(2) - 0.25 * Math.log(2 / 3))) < 1e-16);
  // identical shares: 0 for both
  assert.equal(psi(r, r), 0);
  assert.equal(jensenShannon(r, r), 0);
  // disjoint supports: JS² = ln 2 (natural log)
  assert.ok(Math.abs(jensenShannon(Float64Array.from([1, 0]), Float64Array.from([0, 1])) - Math.sqrt(Math.LN2)) < 1e-15);
  // p = (½, ½), q = (1, 0): m = (¾, ¼); KL(p‖m) = ½ln(⅔) + ½ln2, KL(q‖m) = ln(4/3)
  const js2 = (0.5 * Math.log(2 / 3) + 0.5 * Math.log(2) + Math.log(4 / 3)) / 2;
  assert.ok(Math.abs(jensenShannon(r, Float64Array.from([1, 0])) - Math.sqrt(js2)) < 1e-15);
  // unnormalised counts are normalised first
  assert.ok(Math.abs(jensenShannon(Float64Array.from([2, 2]), Float64Array.from([3, 0])) - Math.sqrt(js2)) < 1e-15);
});

test('feel_zeroes: zero shares become min/10^6 (min ≤ 1e-4) or 1e-4', () => {
  const col = (codes: number[]): DriftColumn => ({ kind: 'categorical', codes: Int32Array.from(codes), categories: 3 });
  // reference has no code 2; current has all three: reference shares (½, ½, 0) → 0 becomes 1e-4
  const b = binnedShares(col([0, 1, 0, 1]), col([0, 1, 2, 2]), true);
  assert.deepEqual([...b.reference], [0.5, 0.5, 0.0001]);
  assert.deepEqual([...b.current], [0.25, 0.25, 0.5]);
  const nb = binnedShares(col([0, 1, 0, 1]), col([0, 1, 2, 2]), false);
  assert.deepEqual([...nb.reference], [0.5, 0.5, 0]);
  // a tiny non-zero share (1/20000 ≤ 1e-4) sets the fill to min/10^6
  const codes = new Array(20000).fill(0); codes[0] = 1;
  const t = binnedShares(col(codes), col([0, 1, 2]), true);
  assert.equal(t.reference[2], 1 / 20000 / 1e6);
});

test('chi-square and z by hand', () => {
  // reference 50/50, current 30/70 of 100: f_exp = 50, 50; χ² = (20² + 20²)/50 = 16, 1 df: p = 2·Φ(−4)
  assert.ok(rel(chiSquareFromCounts(Float64Array.from([10, 10]), Float64Array.from([30, 70])), 2 * normalSf(4)) < 1e-13);
  // a key unseen in the reference: χ² = ∞, p = 0 (scipy's answer)
  assert.equal(chiSquareFromCounts(Float64Array.from([10, 0]), Float64Array.from([5, 5])), 0);
  // z: p1 = 0.5 (n 100), p2 = 0.7 (n 100): P = 0.6, z = −0.2/√(0.24·0.02), p = 2Φ(−|z|)
  const z = 0.2 / Math.sqrt(0.6 * 0.4 * (2 / 100));
  assert.ok(rel(zTestFromCounts(Float64Array.from([50, 50]), Float64Array.from([30, 70])), 2 * normalSf(z)) < 1e-14);
  // one and the same value on both sides: p = 1
  assert.equal(zTestFromCounts(Float64Array.from([0, 7]), Float64Array.from([0, 3])), 1);
});

test('drift rules: ks p ≤ thr, chisquare / z p < thr, distances ≥ thr; column checks', () => {
  assert.equal(isDrift('ks', 0.05, 0.05), true);
  assert.equal(isDrift('chisquare', 0.05, 0.05), false);
  assert.equal(isDrift('z', 0.05, 0.05), false);
  for (const m of ['wasserstein', 'jensenshannon', 'psi'] as const) { assert.equal(isDrift(m, 0.1, 0.1), true); assert.equal(isDrift(m, 0.0999, 0.1), false); }
  const cat: DriftColumn = { kind: 'categorical', codes: Int32Array.from([0, 1]), categories: 2 };
  assert.throws(() => driftTest('ks', cat, cat), /numeric/);
  assert.throws(() => driftTest('psi', cat, { kind: 'numeric', values: Float64Array.from([1]) }), /same kind/);
  assert.throws(() => driftTest('psi', cat, { kind: 'categorical', codes: Int32Array.from([0, 2]), categories: 2 }), /code 2 outside 0\.\.1/);
});

test('drift functions scale: 10^6 reference and current rows in a few seconds', () => {
  const n = 1_000_000;
  const r: DriftColumn = { kind: 'numeric', values: sample(n, 1, {}) };
  const c: DriftColumn = { kind: 'numeric', values: sample(n, 2, { shift: 0.001 }) };
  const t0 = performance.now();
  const m = autoMethod(r, c);
  const w = driftTest(m, r, c);
  const j = driftTest('jensenshannon', r, c);
  const p = driftTest('psi', r, c);
  const ms = performance.now() - t0;
  assert.equal(m, 'wasserstein');
  assert.ok(w.score > 0 && j.score > 0 && p.score > 0);
  assert.ok(ms < 10000, `${ms} ms`);
});
