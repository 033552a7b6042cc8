/**
 * Activation clustering (Chen et al., "Detecting Backdoor Attacks on Deep Neural Networks by Activation Clustering",
 * SafeAI@AAAI 2019, arXiv 1811.03728), per class by the GIVEN label, with a per-class decision. README.md in this
 * folder states the method, the defaults and why the decision is what it is.
 *
 * For the rows of class c: whiten by the other classes' within-class covariance (space.ts; `whiten: false` skips it),
 * reduce to `components` (10) dimensions by PCA (the top eigenvectors of the (whitened) class covariance,
 * src/stats/linalg.ts; the paper used ICA, ART's ActivationDefence defaults to PCA, which is deterministic and needs
 * no iterative unmixing), run 2-means on the projections (k-means++, `inits` seeded restarts, best inertia,
 * src/stats/cluster.ts), and measure the silhouette of that 2-clustering on the same projections (exact up to
 * `silhouetteSample` rows, a seeded sample of that many beyond).
 *
 * Decision: poisoned ⇔ silhouette ≥ `minSilhouette` (default 0.42) AND the smaller cluster's relative size is
 * ≤ `maxRelativeSize` AND ≥ `minRelativeSize` (default 0.05). The silhouette decides: two well separated clusters
 * in the reduced space (planted rows whose representation carries the trigger) against a class that merely splits
 * along its largest spread. The size rule alone (the paper's 0.35) misses poison near half of the class and flags
 * clean classes whose activations split in two, so `maxRelativeSize` defaults to 0.5 (no size limit: the smaller
 * cluster is at most half).
 */
import { project, topEigen, trace } from '../../stats/linalg.ts';
import { kmeans, silhouetteScore } from '../../stats/cluster.ts';
import { prepareClasses, type PreparedClasses } from './space.ts';

export interface ClusteringOptions {
  /** PCA dimensions (default 10, the paper's). */
  components?: number;
  /** k-means restarts (default 10). */
  inits?: number;
  seed: number;
  /** Largest relative size of the smaller cluster that can be poison (default 0.5: any). */
  maxRelativeSize?: number;
  /** Smallest relative size of the smaller cluster that can be poison (default 0.05). */
  minRelativeSize?: number;
  /** Silhouette threshold (default 0.42, README.md). */
  minSilhouette?: number;
  minClassSize: number;
  /** Exact silhouette up to this many rows; a seeded sample of this many beyond (default 10,000). */
  silhouetteSample?: number;
  /** Shrinkage of the whitening by the other classes (default 0.1), or false for none (space.ts). */
  whiten?: number | false;
  /** Class means and covariances already computed (shared with spectral signatures). */
  prepared?: PreparedClasses;
}

export interface ClusterClass {
  class: number;
  rows: number;
  skipped?: string;
  /** Rows in the larger and in the smaller cluster. */
  sizes: [number, number];
  /** sizes[1] / rows. */
  relativeSize: number;
  silhouette: number;
  /** k-means inertia of the 2-clustering in the reduced space. */
  inertia: number;
  /** Dataset row indices of the smaller cluster (ascending), whether or not the class is poisoned. */
  smaller: Int32Array;
  poisoned: boolean;
  /** PCA dimensions used and the share of the (whitened) class's total variance they hold. */
  components: number;
  explainedShare: number;
  whitened: boolean;
}

export const CLUSTERING_DEFAULTS = { components: 10, inits: 10, maxRelativeSize: 0.5, minRelativeSize: 0.05, minSilhouette: 0.42, silhouetteSample: 10_000, whiten: 0.1 } as const;

export function activationClustering(reps: Float32Array, dim: number, classRows: Int32Array[], o: ClusteringOptions): ClusterClass[] {
  const components = Math.min(dim, o.components ?? CLUSTERING_DEFAULTS.components);
  const maxRel = o.maxRelativeSize ?? CLUSTERING_DEFAULTS.maxRelativeSize;
  const minRel = o.minRelativeSize ?? CLUSTERING_DEFAULTS.minRelativeSize;
  const minSil = o.minSilhouette ?? CLUSTERING_DEFAULTS.minSilhouette;
  const sample = o.silhouetteSample ?? CLUSTERING_DEFAULTS.silhouetteSample;
  const shrink = o.whiten ?? CLUSTERING_DEFAULTS.whiten;
  const prep = o.prepared ?? prepareClasses(reps, dim, classRows);
  return classRows.map((rows, c): ClusterClass => {
    const n = rows.length;
    const empty = { class: c, rows: n, sizes: [n, 0] as [number, number], relativeSize: NaN, silhouette: NaN, inertia: NaN, smaller: new Int32Array(0), poisoned: false, components, explainedShare: NaN, whitened: false };
    if (n < Math.max(3, o.minClassSize)) return { ...empty, skipped: `${n} rows, fewer than min-class-size ${o.minClassSize}` };
    const g = prep.geometry(c);
    if (!(trace(g.covariance, dim) > 0)) return { ...empty, skipped: 'every row of the class has the same representation' };
    const wh = shrink === false ? undefined : prep.whitened(c, shrink);
    const cov = wh ? wh.covariance : g.covariance;
    const total = trace(cov, dim);
    const top = topEigen(cov, dim, components, { seed: o.seed, label: `poisoning/clustering/pca/${c}` });
    let kept = 0;
    for (let i = 0; i < components; i++) kept += Math.max(0, top.values[i]);
    const pts = project(reps, dim, rows, g.mean, wh ? wh.back(top.vectors, components) : top.vectors, components);
    const km = kmeans(pts, n, components, 2, { seed: o.seed, label: `poisoning/clustering/kmeans/${c}`, inits: o.inits ?? CLUSTERING_DEFAULTS.inits });
    let ones = 0;
    for (let i = 0; i < n; i++) ones += km.labels[i];
    const small = ones <= n - ones ? 1 : 0;
    const smallerCount = small === 1 ? ones : n - ones;
    if (smallerCount === 0) return { ...empty, explainedShare: kept / total, silhouette: 0, relativeSize: 0, inertia: km.inertia, whitened: wh !== undefined };
    const silhouette = silhouetteScore(pts, n, components, km.labels, 2, n > sample ? { sampleSize: sample, seed: o.seed, label: `poisoning/clustering/silhouette/${c}` } : {});
    const picked: number[] = [];
    for (let i = 0; i < n; i++) if (km.labels[i] === small) picked.push(rows[i]);
    const relativeSize = smallerCount / n;
    const poisoned = silhouette >= minSil && relativeSize <= maxRel && relativeSize >= minRel;
    return { class: c, rows: n, sizes: [n - smallerCount, smallerCount], relativeSize, silhouette, inertia: km.inertia, smaller: Int32Array.from(picked).sort(), poisoned, components, explainedShare: kept / total, whitened: wh !== undefined };
  });
}

