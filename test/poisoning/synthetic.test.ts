/**
 * The representation screens on seeded synthetic classes whose answer is known by construction: the whitening of
 * space.ts by hand (W_c from the other classes' covariances, written out again here), a single normal population
 * (Ashman's D ≈ 2.65, silhouette low: never flagged), a class with a planted cluster (flagged, the cluster as the
 * suspects, at 10 % and at 45 % of the class), and the paper's 0.35 size rule missing the 45 % case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../src/util/random.ts';
import { prepareClasses } from '../../src/gates/poisoning/space.ts';
import { ashmanD, spectralSignatures } from '../../src/gates/poisoning/spectral.ts';
import { activationClustering } from '../../src/gates/poisoning/clustering.ts';

/** Classes of n rows in dim dimensions: class mean + anisotropic normal noise; class 0 gets `planted` rows shifted by `shift` along one direction. */
function classes(o: { k: number; n: number; dim: number; planted: number; shift: number; seed: number }) {
  const r = rng(o.seed, 'test/poisoning/synthetic');
  const reps = new Float32Array(o.k * o.n * o.dim);
  const rows: Int32Array[] = [];
  const planted = new Set<number>();
  const dir = Array.from({ length: o.dim }, () => r.normal());
  const norm = Math.hypot(...dir);
  for (let c = 0; c < o.k; c++) {
    rows.push(Int32Array.from({ length: o.n }, (_, i) => c * o.n + i));
    for (let i = 0; i < o.n; i++) {
      const at = (c * o.n + i) * o.dim;
      const p = c === 0 && i < o.planted;
      if (p) planted.add(c * o.n + i);
      for (let j = 0; j < o.dim; j++) reps[at + j] = c + r.normal() * (1 + 2 / (j + 1)) + (p ? (o.shift * dir[j]) / norm : 0);
    }
  }
  return { reps, rows, planted };
}

test('ashmanD by hand', () => {
  // {0, 2} against {10, 12}: means 1 and 11, variances 1 and 1 → D = √2·10/√2 = 10
  assert.equal(ashmanD(Float64Array.of(0, 2, 10, 12), 5), 10);
  assert.equal(ashmanD(Float64Array.of(0, 2), 5), 0, 'one side empty');
  assert.equal(ashmanD(Float64Array.of(1, 1, 3, 3), 2), Infinity, 'two points masses');
});

test('prepareClasses.whitened: W_c from the other classes, shrunk, written out again', () => {
  const { reps, rows } = classes({ k: 3, n: 40, dim: 4, planted: 0, shift: 0, seed: 1 });
  const dim = 4, s = 0.25;
  const prep = prepareClasses(reps, dim, rows);
  const cov = (c: number) => {
    const m = new Array(dim).fill(0);
    for (const i of rows[c]) for (let j = 0; j < dim; j++) m[j] += reps[i * dim + j] / rows[c].length;
    const out = new Array(dim * dim).fill(0);
    for (const i of rows[c]) for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) out[a * dim + b] += ((reps[i * dim + a] - m[a]) * (reps[i * dim + b] - m[b])) / (rows[c].length - 1);
    return out;
  };
  const w = (cov(1).map((v, i) => (v + cov(2)[i]) / 2));
  const tr = w[0] + w[5] + w[10] + w[15];
  const shrunk = w.map((v, i) => (1 - s) * v + (i % (dim + 1) === 0 ? (s * tr) / dim : 0));
  const got = prep.whitened(0, s)!;
  // the whitened covariance Z satisfies L Z Lᵀ = C_0 with L Lᵀ = W_0; check through the back map: for directions
  // e_a, e_b, (L⁻ᵀe_a)ᵀ C_0 (L⁻ᵀe_b) = Z[a][b]
  const e = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) e[a * dim + a] = 1;
  const u = got.back(e, dim);
  const c0 = cov(0);
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) {
      let q = 0, qw = 0;
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) { q += u[a * dim + i] * c0[i * dim + j] * u[b * dim + j]; qw += u[a * dim + i] * shrunk[i * dim + j] * u[b * dim + j]; }
      assert.ok(Math.abs(q - got.covariance[a * dim + b]) < 1e-10, `Z[${a}][${b}]`);
      assert.ok(Math.abs(qw - (a === b ? 1 : 0)) < 1e-10, `uᵀWu = I at [${a}][${b}]`);
    }
  }
  // one class only: nothing to whiten by
  assert.equal(prepareClasses(reps, dim, [rows[0]]).whitened(0, s), undefined);
});

test('a single normal population per class: D ≈ 2.65, low silhouette, nothing flagged', () => {
  const { reps, rows } = classes({ k: 4, n: 3000, dim: 16, planted: 0, shift: 0, seed: 2 });
  const sp = spectralSignatures(reps, 16, rows, { expectedRate: 0.1, seed: 0, minClassSize: 20 });
  const ac = activationClustering(reps, 16, rows, { seed: 0, minClassSize: 20 });
  for (const s of sp) {
    assert.ok(!s.poisoned && s.suspects.length === 0);
    // the best split of one normal sample: D = √2·2φ(0)/(1 − 2/π)^½·… ≈ 2.65 (means ±0.798σ, within sd 0.603σ)
    assert.ok(Math.abs(s.statistic - 2.65) < 0.2, `class ${s.class}: D ${s.statistic}`);
    assert.equal(s.flagged.length, 450, 'the classic list still has ⌊1.5 · 0.1 · 3000⌋ rows');
  }
  for (const k of ac) assert.ok(!k.poisoned && k.silhouette < 0.3, `class ${k.class}: silhouette ${k.silhouette}`);
});

for (const planted of [300, 1350]) {
  test(`a planted cluster of ${planted} rows in 3000 (${planted / 30} %): class 0 flagged, the cluster as suspects`, () => {
    const { reps, rows, planted: set } = classes({ k: 4, n: 3000, dim: 16, planted, shift: 12, seed: 3 });
    const sp = spectralSignatures(reps, 16, rows, { expectedRate: 0.1, seed: 0, minClassSize: 20 });
    const ac = activationClustering(reps, 16, rows, { seed: 0, minClassSize: 20 });
    assert.deepEqual(sp.filter((s) => s.poisoned).map((s) => s.class), [0]);
    assert.deepEqual(ac.filter((k) => k.poisoned).map((k) => k.class), [0]);
    assert.deepEqual([...sp[0].suspects], [...set]);
    assert.deepEqual([...ac[0].smaller], [...set]);
    // the classic fixed share caps recall at ⌊1.5 · 0.1 · 3000⌋ = 450 rows (and at 45 % the clean side of the class
    // scores as high as the planted side: centred on the class mean, both lie far from it)
    const classicHits = [...sp[0].flagged].filter((i) => set.has(i)).length;
    if (planted <= 450) assert.equal(classicHits, planted);
    else assert.ok(classicHits < 450 * 0.9, `classic hits ${classicHits}`);
    // the paper's size rule (0.35) misses the 45 % cluster
    const paper = activationClustering(reps, 16, rows, { seed: 0, minClassSize: 20, maxRelativeSize: 0.35 });
    assert.equal(paper[0].poisoned, planted / 3000 <= 0.35);
  });
}
