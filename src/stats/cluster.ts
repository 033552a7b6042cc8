/**
 * k-means and the silhouette score, as scikit-learn 1.2 defines them (sklearn.cluster.KMeans with
 * `init="k-means++"`, `algorithm="lloyd"`; sklearn.metrics.silhouette_score, Euclidean), for the activation-
 * clustering screen (src/gates/poisoning/clustering.ts). Points are a row-major Float64Array [n × dim].
 *
 * - k-means++ (Arthur & Vassilvitskii 2007), greedy as scikit-learn does it: the first centre is a uniformly drawn
 *   point; each next one is the best, by the resulting potential Σ min-squared-distance, of 2 + ⌊ln k⌋ candidates
 *   drawn with probability ∝ D(x)² (the squared distance to the nearest centre so far).
 * - Lloyd iterations until no label changes, or the squared centre shift Σ‖cₜ − cₜ₋₁‖² is ≤ tol·mean(var(X, axis 0))
 *   (tol = 1e-4, scikit-learn's rule), at most maxIterations (300); the labels are then those of the final centres.
 *   A cluster left empty takes the point farthest from its current centre (scikit-learn relocates the same way).
 * - `inits` (default 10) seeded restarts from `rng(seed, label)`; the run with the smallest inertia (sum of squared
 *   distances to the assigned centre) wins, the first on a tie. Draws differ from scikit-learn's (another generator),
 *   so results agree with scikit-learn where the optimum is unique (tested on toy sets with a known answer).
 * - Silhouette (Rousseeuw 1987): for point i in cluster A, a = mean distance to the other points of A, b = the
 *   smallest mean distance to the points of another cluster, s = (b − a)/max(a, b), and s = 0 when A has one point;
 *   the score is the mean of s (sklearn.metrics.silhouette_samples / silhouette_score). Exact: O(n²·dim).
 *   `sampleSize` computes it on a seeded random subset of that many points, as silhouette_score's `sample_size` does
 *   (distances within the subset only).
 */
import { rng as makeRng, type Rng } from '../util/random.ts';

export interface KMeansResult {
  labels: Int32Array;
  /** [k × dim], row-major. */
  centres: Float64Array;
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) { const d = a[ai + j] - b[bi + j]; s += d * d; }
  return s;
}

/** Greedy k-means++ seeding (scikit-learn's `_kmeans_plusplus`). */
export function kmeansPlusPlus(points: Float64Array, n: number, dim: number, k: number, r: Rng): Float64Array {
  const centres = new Float64Array(k * dim);
  const trials = 2 + Math.floor(Math.log(k));
  const first = r.int(n);
  centres.set(points.subarray(first * dim, first * dim + dim), 0);
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) { closest[i] = sqDist(points, i * dim, centres, 0, dim); pot += closest[i]; }
  const cand = new Float64Array(n);
  const bestD = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity, bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      // draw with probability ∝ closest (a uniform point when every distance is 0)
      let idx: number;
      if (pot > 0) {
        const u = r.next() * pot;
        let acc = 0;
        idx = n - 1;
        for (let i = 0; i < n; i++) { acc += closest[i]; if (acc > u) { idx = i; break; } }
      } else idx = r.int(n);
      let p = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i], sqDist(points, i * dim, points, idx * dim, dim));
        cand[i] = d;
        p += d;
      }
      if (p < bestPot) { bestPot = p; bestIdx = idx; bestD.set(cand); }
    }
    centres.set(points.subarray(bestIdx * dim, bestIdx * dim + dim), c * dim);
    closest.set(bestD);
    pot = bestPot;
  }
  return centres;
}

function lloyd(points: Float64Array, n: number, dim: number, k: number, centres: Float64Array, maxIterations: number, tolAbs: number): KMeansResult {
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  let iterations = 0;
  const assign = (): boolean => {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = Infinity, at = 0;
      for (let c = 0; c < k; c++) {
        const d = sqDist(points, i * dim, centres, c * dim, dim);
        if (d < best) { best = d; at = c; }
      }
      dist[i] = best;
      if (labels[i] !== at) { labels[i] = at; changed = true; }
    }
    return changed;
  };
  assign();
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += points[i * dim + j];
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // relocate an empty cluster to the point farthest from its centre
        let far = 0, at = 0;
        for (let i = 0; i < n; i++) if (dist[i] > far) { far = dist[i]; at = i; }
        dist[at] = 0;
        for (let j = 0; j < dim; j++) { const v = points[at * dim + j]; shift += (v - centres[c * dim + j]) ** 2; centres[c * dim + j] = v; }
        continue;
      }
      for (let j = 0; j < dim; j++) {
        const v = sums[c * dim + j] / counts[c];
        shift += (v - centres[c * dim + j]) ** 2;
        centres[c * dim + j] = v;
      }
    }
    const changed = assign();
    if (!changed || shift <= tolAbs) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { labels, centres, inertia, iterations };
}

/**
 * k-means (Lloyd, greedy k-means++ seeding, `inits` restarts, best inertia). Needs n ≥ k ≥ 1.
 */
export function kmeans(points: Float64Array, n: number, dim: number, k: number, o: { seed: number; label?: string; inits?: number; maxIterations?: number; tol?: number }): KMeansResult {
  if (!(k >= 1 && n >= k)) throw new RangeError(`kmeans needs n ≥ k ≥ 1 (n ${n}, k ${k})`);
  const r = makeRng(o.seed, o.label ?? 'cluster/kmeans');
  const inits = o.inits ?? 10, maxIt = o.maxIterations ?? 300;
  // tolerance relative to the mean per-feature variance (scikit-learn's _tolerance)
  let meanVar = 0;
  for (let j = 0; j < dim; j++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const v = points[i * dim + j]; s += v; }
    const mu = s / n;
    for (let i = 0; i < n; i++) { const d = points[i * dim + j] - mu; s2 += d * d; }
    meanVar += s2 / n;
  }
  const tolAbs = (o.tol ?? 1e-4) * (meanVar / dim);
  let best: KMeansResult | undefined;
  for (let run = 0; run < inits; run++) {
    const centres = kmeansPlusPlus(points, n, dim, k, r);
    const res = lloyd(points, n, dim, k, centres, maxIt, tolAbs);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best!;
}

/**
 * Per-point silhouette values (sklearn.metrics.silhouette_samples, Euclidean). `labels` in [0, k); needs
 * 2 ≤ number of distinct labels ≤ n − 1 (as scikit-learn).
 */
export function silhouetteSamples(points: Float64Array, n: number, dim: number, labels: Int32Array, k: number): Float64Array {
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const used = sizes.reduce((a, s) => a + (s > 0 ? 1 : 0), 0);
  if (used < 2 || used > n - 1) throw new RangeError(`silhouette needs 2 ≤ clusters ≤ n − 1 (n ${n}, clusters ${used})`);
  // every pair once: sums[i·k + c] = Σ distances from i to the points of cluster c
  const sums = new Float64Array(n * k);
  const acc = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const li = labels[i], bi = i * dim;
    acc.fill(0);
    for (let j = i + 1; j < n; j++) {
      const bj = j * dim;
      let q = 0;
      for (let e = 0; e < dim; e++) { const d = points[bi + e] - points[bj + e]; q += d * d; }
      const d = Math.sqrt(q);
      acc[labels[j]] += d;
      sums[j * k + li] += d;
    }
    for (let c = 0; c < k; c++) sums[i * k + c] += acc[c];
  }
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = labels[i];
    if (sizes[li] <= 1) { s[i] = 0; continue; }
    const a = sums[i * k + li] / (sizes[li] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== li && sizes[c] > 0) b = Math.min(b, sums[i * k + c] / sizes[c]);
    const m = Math.max(a, b);
    s[i] = m > 0 ? (b - a) / m : 0;
  }
  return s;
}

/** Mean silhouette; with `sampleSize` < n, on a seeded random subset of that many points (silhouette_score's sample_size). */
export function silhouetteScore(points: Float64Array, n: number, dim: number, labels: Int32Array, k: number, o: { sampleSize?: number; seed?: number; label?: string } = {}): number {
  if (o.sampleSize !== undefined && o.sampleSize < n) {
    const r = makeRng(o.seed ?? 0, o.label ?? 'cluster/silhouette');
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    r.shuffle(idx);
    const m = o.sampleSize;
    const sub = new Float64Array(m * dim);
    const subLabels = new Int32Array(m);
    for (let t = 0; t < m; t++) {
      sub.set(points.subarray(idx[t] * dim, idx[t] * dim + dim), t * dim);
      subLabels[t] = labels[idx[t]];
    }
    return mean(silhouetteSamples(sub, m, dim, subLabels, k));
  }
  return mean(silhouetteSamples(points, n, dim, labels, k));
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

export interface Split1D {
  /** Values ≤ threshold form the lower group (threshold = the largest value of the lower group). */
  threshold: number;
  lowerCount: number;
  upperCount: number;
  lowerMean: number;
  upperMean: number;
  /**
   * Otsu's separability η = between-group sum of squares / total sum of squares of the best split, in [0, 1]
   * (1 − η = the 2-means inertia over the 1-means inertia). A normal sample gives η → 2/π ≈ 0.637.
   */
  separability: number;
}

/**
 * The exact optimal 2-means split of one-dimensional values (Otsu 1979 on the raw values; in one dimension the
 * optimal 2-means clusters are the two sides of a threshold, so every threshold between consecutive sorted values is
 * tried, O(n log n)). Needs at least 2 distinct values (else separability 0, everything in the lower group).
 */
export function twoMeans1D(values: Float64Array): Split1D {
  const n = values.length;
  const v = Float64Array.from(values).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += v[i];
  const mu = n > 0 ? total / n : 0;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (v[i] - mu) ** 2;
  let best = -1, at = n - 1, left = 0;
  // between-group SS for a split after position i: n_l·n_u/n·(mean_l − mean_u)²
  for (let i = 0; i < n - 1; i++) {
    left += v[i];
    if (v[i] === v[i + 1]) continue;
    const nl = i + 1, nu = n - nl;
    const ml = left / nl, mu2 = (total - left) / nu;
    const ssb = (nl * nu / n) * (ml - mu2) ** 2;
    if (ssb > best) { best = ssb; at = i; }
  }
  if (best < 0 || sst === 0) return { threshold: n ? v[n - 1] : NaN, lowerCount: n, upperCount: 0, lowerMean: mu, upperMean: NaN, separability: 0 };
  let sl = 0;
  for (let i = 0; i <= at; i++) sl += v[i];
  const nl = at + 1, nu = n - nl;
  return { threshold: v[at], lowerCount: nl, upperCount: nu, lowerMean: sl / nl, upperMean: (total - sl) / nu, separability: Math.min(1, best / sst) };
}
