/**
 * src/stats/cluster.ts: k-means, the silhouette and the exact 1-D 2-means split, against hand-worked answers and
 * scikit-learn 1.2 (KMeans on toy sets whose optimum is unique, silhouette_samples / silhouette_score) and a numpy
 * brute force over every split (test/fixtures/poisoning-stats/cluster.json, scripts/make-poisoning-references.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kmeans, silhouetteSamples, silhouetteScore, twoMeans1D } from '../../src/stats/cluster.ts';
import { rng } from '../../src/util/random.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/poisoning-stats/cluster.json', import.meta.url), 'utf8'));
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('kmeans by hand: {0, 1, 10, 11} in two clusters', () => {
  const r = kmeans(Float64Array.of(0, 1, 10, 11), 4, 1, 2, { seed: 0 });
  const c = [...r.centres].sort((a, b) => a - b);
  assert.deepEqual(c, [0.5, 10.5]);
  assert.equal(r.inertia, 1); // 4 × 0.5²
  assert.equal(r.labels[0], r.labels[1]);
  assert.equal(r.labels[2], r.labels[3]);
  assert.notEqual(r.labels[0], r.labels[2]);
});

for (const [i, c] of (ref.kmeans as any[]).entries()) {
  test(`kmeans = scikit-learn KMeans (case ${i}: ${c.n} points, ${c.dim}-d, k ${c.k})`, () => {
    const x = Float64Array.from(c.x as number[]);
    const r = kmeans(x, c.n, c.dim, c.k, { seed: 11 });
    close(r.inertia, c.inertia, 1e-9, 'inertia');
    // labels equal up to a permutation
    const map = new Map<number, number>();
    for (let p = 0; p < c.n; p++) {
      const ours = r.labels[p], theirs = c.labels[p];
      if (!map.has(ours)) map.set(ours, theirs);
      assert.equal(map.get(ours), theirs, `point ${p}`);
    }
    assert.equal(new Set(map.values()).size, c.k);
    for (const [ours, theirs] of map) for (let j = 0; j < c.dim; j++) close(r.centres[ours * c.dim + j], c.centres[theirs][j], 1e-9, `centre ${theirs}[${j}]`);
    close(silhouetteScore(x, c.n, c.dim, r.labels, c.k), c.silhouette, 1e-12, 'silhouette');
  });
}

test('kmeans: restarts keep the best inertia, and a seed gives the same answer', () => {
  const r = rng(5, 'test/kmeans');
  const n = 400, x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) { x[2 * i] = r.normal() + (i % 4) * 3; x[2 * i + 1] = r.normal(); }
  const one = kmeans(x, n, 2, 4, { seed: 1, inits: 1 });
  const ten = kmeans(x, n, 2, 4, { seed: 1, inits: 10 });
  assert.ok(ten.inertia <= one.inertia);
  assert.deepEqual(kmeans(x, n, 2, 4, { seed: 1, inits: 10 }).labels, ten.labels);
  // inertia = Σ squared distance to the assigned centre, recomputed
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) s += (x[2 * i + j] - ten.centres[ten.labels[i] * 2 + j]) ** 2;
  close(ten.inertia, s, 1e-12, 'inertia recomputed');
});

test('silhouette by hand: {0, 1} and {5} on a line', () => {
  const s = silhouetteSamples(Float64Array.of(0, 1, 5), 3, 1, Int32Array.of(0, 0, 1), 2);
  // point 0: a = 1, b = 5 → 0.8; point 1: a = 1, b = 4 → 0.75; point 2 is alone in its cluster → 0
  assert.deepEqual([...s], [0.8, 0.75, 0]);
  close(silhouetteScore(Float64Array.of(0, 1, 5), 3, 1, Int32Array.of(0, 0, 1), 2), 1.55 / 3, 1e-15, 'score');
  assert.throws(() => silhouetteSamples(Float64Array.of(0, 1), 2, 1, Int32Array.of(0, 0), 2), /2 ≤ clusters/);
});

for (const [i, c] of (ref.silhouette as any[]).entries()) {
  test(`silhouette = scikit-learn silhouette_samples / silhouette_score (case ${i}: ${c.n} points, ${c.k} clusters)`, () => {
    const x = Float64Array.from(c.x as number[]);
    const labels = Int32Array.from(c.labels as number[]);
    const s = silhouetteSamples(x, c.n, c.dim, labels, c.k);
    for (let p = 0; p < c.n; p++) close(s[p], c.samples[p], 1e-12, `point ${p}`);
    close(silhouetteScore(x, c.n, c.dim, labels, c.k), c.score, 1e-12, 'score');
  });
}

test('silhouette with sampleSize: the exact score at sampleSize ≥ n, close to it on a seeded subset', () => {
  const r = rng(9, 'test/silhouette');
  const n = 3000, x = new Float64Array(n * 3), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) { labels[i] = i % 3 === 0 ? 1 : 0; for (let j = 0; j < 3; j++) x[i * 3 + j] = r.normal() + (labels[i] ? 4 : 0); }
  const exact = silhouetteScore(x, n, 3, labels, 2);
  assert.equal(silhouetteScore(x, n, 3, labels, 2, { sampleSize: n }), exact);
  const a = silhouetteScore(x, n, 3, labels, 2, { sampleSize: 600, seed: 1 });
  assert.equal(silhouetteScore(x, n, 3, labels, 2, { sampleSize: 600, seed: 1 }), a);
  assert.notEqual(a, exact);
  assert.ok(Math.abs(a - exact) < 0.03, `${a} vs ${exact}`);
});

for (const [i, c] of (ref.split1d as any[]).entries()) {
  test(`twoMeans1D = the numpy brute force over every split (case ${i}: ${c.values.length} values)`, () => {
    const s = twoMeans1D(Float64Array.from(c.values as number[]));
    assert.equal(s.lowerCount, c.lowerCount);
    assert.equal(s.upperCount, c.values.length - c.lowerCount);
    assert.equal(s.threshold, c.threshold);
    close(s.separability, c.separability, 1e-12, 'separability');
  });
}

test('twoMeans1D: a normal sample gives separability 2/π; constant values give 0', () => {
  const r = rng(2, 'test/split');
  const v = new Float64Array(200_000);
  for (let i = 0; i < v.length; i++) v[i] = r.normal();
  const s = twoMeans1D(v);
  assert.ok(Math.abs(s.separability - 2 / Math.PI) < 0.005, `${s.separability}`);
  assert.ok(Math.abs(s.threshold) < 0.02, `split near the median: ${s.threshold}`);
  const flat = twoMeans1D(new Float64Array(10).fill(3));
  assert.equal(flat.separability, 0);
  assert.equal(flat.lowerCount, 10);
});
