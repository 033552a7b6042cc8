/**
 * The per-class geometry both representation screens share (spectral.ts, clustering.ts): each class's mean and
 * covariance, and the whitening of a class by the pooled within-class covariance of the OTHER classes.
 *
 * Why whiten (README.md "Which signal decides"): a penultimate layer's clean classes vary along directions they share
 * (stroke width, brightness, pose), and on small models those directions carry more variance than a trigger does, so
 * the top singular vector of a poisoned class is often NOT the poison's direction (on the trigger-10 fixture the
 * planted rows are best separated by the second component). Whitening class c by
 *   W_c = (1 − s)·P_c + s·(tr P_c / dim)·I,   P_c = Σ_{k≠c} (n_k − 1)·C_k / Σ_{k≠c} (n_k − 1)
 * (C_k the sample covariance of class k, s the shrinkage, default 0.1, which keeps W_c well conditioned when a class
 * has few rows per dimension) divides out what is ordinary within-class variation elsewhere, and leaves in front
 * what is peculiar to class c: planted rows from other classes carrying one trigger. With W_c = L Lᵀ (Cholesky),
 * the whitened class covariance is L⁻¹ C_c L⁻ᵀ; a direction v found there is used in the original space as
 * u = L⁻ᵀ v (x·u = (L⁻¹x)·v), so no whitened copy of the rows is ever made.
 *
 * Assumes the other classes are mostly clean (a poison that targets every class at once, or a model with one
 * class, has no clean reference: the class is then screened unwhitened and `whitened` says so).
 */
import { cholesky, covariance, rowMean, trace, unwhitenDirections, whitenSymmetric } from '../../stats/linalg.ts';

export interface ClassGeometry {
  mean: Float64Array;
  covariance: Float64Array;
}

export interface PreparedClasses {
  dim: number;
  classRows: Int32Array[];
  /** Mean and covariance of class c (computed once, or again on each call when they would not fit in memory). */
  geometry(c: number): ClassGeometry;
  /**
   * The covariance of class c whitened by the other classes (shrinkage s) and the map of its directions back to the
   * original space; undefined when no other class has 2 rows or their covariance is zero.
   */
  whitened(c: number, shrinkage: number): { covariance: Float64Array; back: (vectors: Float64Array, k: number) => Float64Array } | undefined;
}

/** Above this many bytes of covariances the classes' covariances are recomputed on demand instead of kept. */
const KEEP_BYTES = 128 * 2 ** 20; // × 3 with the whitened covariances and their factors

export function prepareClasses(reps: Float32Array, dim: number, classRows: Int32Array[]): PreparedClasses {
  const keep = classRows.length * dim * dim * 8 <= KEEP_BYTES;
  const cache = new Map<number, ClassGeometry>();
  const compute = (c: number): ClassGeometry => {
    const mean = rowMean(reps, dim, classRows[c]);
    return { mean, covariance: covariance(reps, dim, classRows[c], mean) };
  };
  const geometry = (c: number): ClassGeometry => {
    const hit = cache.get(c);
    if (hit) return hit;
    const g = compute(c);
    if (keep) cache.set(c, g);
    return g;
  };
  // Σ_k (n_k − 1)·C_k over classes with ≥ 2 rows, once
  let scatter: Float64Array | undefined;
  let dof = 0;
  const total = (): Float64Array => {
    if (scatter) return scatter;
    scatter = new Float64Array(dim * dim);
    for (let k = 0; k < classRows.length; k++) {
      const nk = classRows[k].length;
      if (nk < 2) continue;
      const ck = geometry(k).covariance;
      for (let i = 0; i < ck.length; i++) scatter[i] += (nk - 1) * ck[i];
      dof += nk - 1;
    }
    return scatter;
  };
  const whiteCache = new Map<string, ReturnType<PreparedClasses['whitened']>>();
  return {
    dim,
    classRows,
    geometry,
    whitened(c, shrinkage) {
      const key = `${c}:${shrinkage}`;
      if (whiteCache.has(key)) return whiteCache.get(key);
      const out = whiten(c, shrinkage);
      if (keep) whiteCache.set(key, out);
      return out;
    },
  };
  function whiten(c: number, shrinkage: number): ReturnType<PreparedClasses['whitened']> {
    const all = total();
    const nc = classRows[c].length;
    const own = geometry(c).covariance;
    const otherDof = dof - (nc >= 2 ? nc - 1 : 0);
    if (otherDof <= 0) return undefined;
    const w = new Float64Array(dim * dim);
    for (let i = 0; i < w.length; i++) w[i] = (all[i] - (nc >= 2 ? (nc - 1) * own[i] : 0)) / otherDof;
    const tr = trace(w, dim);
    if (!(tr > 0)) return undefined;
    for (let i = 0; i < w.length; i++) w[i] *= 1 - shrinkage;
    for (let j = 0; j < dim; j++) w[j * dim + j] += (shrinkage * tr) / dim;
    const l = cholesky(w, dim);
    if (!l) return undefined;
    return { covariance: whitenSymmetric(own, l, dim), back: (vectors: Float64Array, k: number) => unwhitenDirections(vectors, l, dim, k) };
  }
}
