/**
 * src/stats/linalg.ts: closed forms (a 2 × 2 eigenproblem; data whose covariance is diagonal in a known rotated basis,
 * both through Jacobi and through subspace iteration) and scikit-learn's PCA (components up to sign, explained
 * variance, the covariance) on float32 data (test/fixtures/poisoning-stats/linalg.json, scripts/make-poisoning-references.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cholesky, covariance, jacobiEigen, project, rowMean, topEigen, unwhitenDirections, whitenSymmetric } from '../../src/stats/linalg.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/poisoning-stats/linalg.json', import.meta.url), 'utf8'));
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('jacobiEigen: the 2 × 2 closed form', () => {
  const [a, b, c] = [4, 1.5, -2];
  const e = jacobiEigen(Float64Array.of(a, b, b, c), 2);
  const mid = (a + c) / 2, rad = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  close(e.values[0], mid + rad, 1e-14, 'λ1');
  close(e.values[1], mid - rad, 1e-14, 'λ2');
  // eigenvector of λ1: (b, λ1 − a), normalised, sign with the largest entry positive
  const v = [b, mid + rad - a], nv = Math.hypot(v[0], v[1]);
  close(e.vectors[0], v[0] / nv, 1e-14, 'v1[0]');
  close(e.vectors[1], v[1] / nv, 1e-14, 'v1[1]');
});

/** Rows ±s_k·e_k (k < spikes.length) in dim dimensions, rotated by the Householder reflection H = I − 2uuᵀ/uᵀu. */
function rotatedCross(dim: number, spikes: number[]): { x: Float32Array; n: number; u: number[] } {
  const u = Array.from({ length: dim }, (_, i) => (i % 3) - 1 + 0.25 * i);
  const uu = u.reduce((s, v) => s + v * v, 0);
  const n = 2 * spikes.length;
  const x = new Float32Array(n * dim);
  spikes.forEach((s, k) => {
    for (const sign of [1, -1]) {
      const r = 2 * k + (sign === 1 ? 0 : 1);
      for (let i = 0; i < dim; i++) x[r * dim + i] = sign * s * ((i === k ? 1 : 0) - (2 * u[i] * u[k]) / uu);
    }
  });
  return { x, n, u };
}

for (const dim of [3, 40]) {
  test(`topEigen: covariance eigenpairs of rotated ±s·e_k rows in closed form (dim ${dim}, ${dim > 12 ? 'subspace iteration' : 'Jacobi'})`, () => {
    const spikes = [3, 2, 1];
    const { x, n, u } = rotatedCross(dim, spikes);
    const rows = all(n);
    const mean = rowMean(x, dim, rows);
    for (const m of mean) assert.ok(Math.abs(m) < 1e-6);
    const cov = covariance(x, dim, rows, mean);
    const top = topEigen(cov, dim, 3, { seed: 1 });
    const uu = u.reduce((s, v) => s + v * v, 0);
    spikes.forEach((s, k) => {
      // variance along H e_k: 2 s² / (n − 1)
      close(top.values[k], (2 * s * s) / (n - 1), 1e-5, `λ${k + 1}`); // float32 rows
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += top.vectors[k * dim + i] * ((i === k ? 1 : 0) - (2 * u[i] * u[k]) / uu);
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-6, `vector ${k}: |⟨v, He_k⟩| = ${Math.abs(dot)}`);
    });
    if (dim > 12) assert.ok(top.iterations > 0 && top.residual <= 1e-6, `iterations ${top.iterations}, residual ${top.residual}`);
  });
}

for (const [i, c] of (ref.pca as any[]).entries()) {
  test(`covariance, topEigen, project = scikit-learn PCA (case ${i}: ${c.n} × ${c.dim}, k ${c.k})`, () => {
    const x = Float32Array.from(c.x as number[]);
    const rows = all(c.n);
    const mean = rowMean(x, c.dim, rows);
    for (let j = 0; j < c.dim; j++) close(mean[j], c.mean[j], 1e-12, `mean[${j}]`);
    const cov = covariance(x, c.dim, rows, mean);
    for (let j = 0; j < c.dim; j++) close(cov[j * c.dim + j], c.covariance_diag[j], 1e-11, `cov[${j}][${j}]`);
    close(cov[1], c.covariance_01, 1e-11, 'cov[0][1]');
    close(cov[c.dim], c.covariance_01, 1e-11, 'cov[1][0]');
    const top = topEigen(cov, c.dim, c.k, { seed: 7, tol: 1e-10 });
    for (let k = 0; k < c.k; k++) {
      close(top.values[k], c.explained_variance[k], 1e-9, `explained variance ${k}`);
      let dot = 0;
      for (let j = 0; j < c.dim; j++) dot += top.vectors[k * c.dim + j] * c.components[k][j];
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `component ${k}: |dot| ${Math.abs(dot)}`);
    }
    // projections on the first two components = (x − mean)·v by hand
    const p = project(x, c.dim, Int32Array.of(0, 5), mean, top.vectors, 2);
    for (const [r, row] of [0, 5].entries()) {
      for (let k = 0; k < 2; k++) {
        let s = 0;
        for (let j = 0; j < c.dim; j++) s += (c.x[row * c.dim + j] - c.mean[j]) * top.vectors[k * c.dim + j];
        close(p[r * 2 + k], s, 1e-12, `projection ${row}, ${k}`);
      }
    }
  });
}

test('topEigen is deterministic for a seed, and a row subset only reads its rows', () => {
  const c = ref.pca[1];
  const x = Float32Array.from(c.x as number[]);
  const rows = Int32Array.from({ length: 100 }, (_, i) => i + 20);
  const mean = rowMean(x, c.dim, rows);
  const a = topEigen(covariance(x, c.dim, rows, mean), c.dim, 2, { seed: 3 });
  const b = topEigen(covariance(x, c.dim, rows, mean), c.dim, 2, { seed: 3 });
  assert.deepEqual(a.vectors, b.vectors);
  const sub = x.slice(20 * c.dim, 120 * c.dim);
  const mean2 = rowMean(sub, c.dim, all(100));
  assert.deepEqual(mean2, mean);
  assert.deepEqual(covariance(sub, c.dim, all(100), mean2), covariance(x, c.dim, rows, mean));
});

test('cholesky, whitenSymmetric, unwhitenDirections: a hand-factored 3 × 3 matrix', () => {
  // A = L Lᵀ with L = [[2, 0, 0], [1, 3, 0], [−1, 1, √3]]
  const a = Float64Array.of(4, 2, -2, 2, 10, 2, -2, 2, 5);
  const l = cholesky(a, 3)!;
  const want = [2, 0, 0, 1, 3, 0, -1, 1, Math.sqrt(3)];
  for (let i = 0; i < 9; i++) close(l[i], want[i], 1e-15, `L[${i}]`);
  assert.equal(cholesky(Float64Array.of(1, 2, 2, 1), 2), undefined, 'not positive definite');
  // L⁻¹ A L⁻ᵀ = I
  const id = whitenSymmetric(a, l, 3);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) close(id[i * 3 + j], i === j ? 1 : 0, 1e-14, `I[${i}][${j}]`);
  // for another symmetric C: L Z Lᵀ = C
  const c = Float64Array.of(3, 1, 0.5, 1, 2, -1, 0.5, -1, 4);
  const z = whitenSymmetric(c, l, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) s += want[i * 3 + p] * z[p * 3 + q] * want[j * 3 + q];
      close(s, c[i * 3 + j], 1e-14, `LZLᵀ[${i}][${j}]`);
    }
  }
  // u = L⁻ᵀ v: Lᵀ u = v
  const v = Float64Array.of(1, -2, 0.5, 0, 1, 1);
  const u = unwhitenDirections(v, l, 3, 2);
  for (let r = 0; r < 2; r++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 3; i++) s += want[i * 3 + j] * u[r * 3 + i];
      close(s, v[r * 3 + j], 1e-14, `Lᵀu[${r}][${j}]`);
    }
  }
});

test('topEigen on A = H diag(λ) H with a Householder H: flat, spiky and clustered spectra (dim 150)', () => {
  const dim = 150;
  const u = Array.from({ length: dim }, (_, i) => Math.sin(i + 1) + 0.1);
  const uu = u.reduce((s, v) => s + v * v, 0);
  const h = (i: number, j: number) => (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
  const spectra: Record<string, number[]> = {
    flat: Array.from({ length: dim }, (_, i) => 2 - 0.004 * i), // 2, 1.996, ... : gaps 0.2 % of λ₁
    spiky: Array.from({ length: dim }, (_, i) => 1000 / 10 ** Math.min(i, 6) + 1e-3 * (dim - i)),
    clustered: Array.from({ length: dim }, (_, i) => (i < 3 ? 5 - 0.01 * i : 1 - i / (2 * dim))),
  };
  for (const [name, lambda] of Object.entries(spectra)) {
    const a = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) { let s = 0; for (let p = 0; p < dim; p++) s += h(i, p) * lambda[p] * h(p, j); a[i * dim + j] = s; }
    const k = 5;
    const top = topEigen(a, dim, k, { seed: 2, tol: 1e-9 });
    assert.ok(top.residual <= 1e-9, `${name}: residual ${top.residual}`);
    for (let c = 0; c < k; c++) {
      assert.ok(Math.abs(top.values[c] - lambda[c]) <= 1e-12 * lambda[0], `${name}: λ${c + 1} ${top.values[c]} vs ${lambda[c]}`); // rounding is relative to λ₁
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += top.vectors[c * dim + i] * h(i, c);
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-8, `${name}: vector ${c}: ${Math.abs(dot)}`);
    }
  }
});
