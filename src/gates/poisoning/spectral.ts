/**
 * Spectral signatures (Tran, Li & Madry, "Spectral Signatures in Backdoor Attacks", NeurIPS 2018), per class by the
 * GIVEN label, with a per-class decision. README.md in this folder states the method, the defaults and why the
 * decision is what it is.
 *
 * For the rows R of class c (representations x_i, [n × dim]): centre on the class mean μ; v = the top right singular
 * vector of the centred matrix (= the top eigenvector of the class covariance, src/stats/linalg.ts); score_i =
 * ((x_i − μ)·v)² (the paper's outlier score). Classic output (`flagged`): the ⌊factor·expectedRate·n⌋ highest scores
 * (factor 1.5 as in the paper), whether or not the class is poisoned.
 *
 * Decision (`statistic`, `threshold`, `poisoned`): the signed projections p_i = (x_i − μ)·v are split in two by the
 * exact 1-D 2-means (Otsu) split; statistic = Otsu's separability η = between-group SS / total SS of that split.
 * A class whose top direction is one population gives η near 2/π ≈ 0.64 (normal) or less (heavier tails); planted
 * rows that form their own cluster along v give η → 1. poisoned ⇔ η ≥ threshold (`minSeparability`) and the smaller
 * side holds at least `minShare` of the class. `suspects`: the rows of the smaller side when poisoned (so recall is
 * not capped by the fixed share, and a clean class has none).
 */
import { covariance, project, rowMean, topEigen } from '../../stats/linalg.ts';
import { twoMeans1D } from '../../stats/cluster.ts';

export interface SpectralOptions {
  /** Expected share of poisoned rows in a poisoned class (ε of the paper); sizes the classic `flagged` list. */
  expectedRate: number;
  /** The paper's 1.5. */
  factor?: number;
  seed: number;
  /** Classes with fewer rows are skipped (reported, never passed silently). */
  minClassSize: number;
  /** Threshold on Otsu's separability η of the top-direction projections (default 0.8, README.md). */
  minSeparability?: number;
  /** The smaller side of the split must hold at least this share of the class (default 0.02). */
  minShare?: number;
}

export interface SpectralClass {
  class: number;
  rows: number;
  skipped?: string;
  /** Outlier score per row of the class, in the order of classRows[class]. */
  scores: Float64Array;
  /** The classic recipe: the top ⌊factor·expectedRate·rows⌋ rows by score (dataset row indices, highest first). */
  flagged: Int32Array;
  /** Otsu's separability η of the projections on the top singular vector. */
  statistic: number;
  threshold: number;
  poisoned: boolean;
  /** The rows of the smaller side of the split when poisoned, else empty (dataset row indices, ascending). */
  suspects: Int32Array;
  /** Share of the class on the smaller side of the split. */
  smallerShare: number;
  /** Top eigenvalue of the class covariance and its share of the trace. */
  topEigenvalue: number;
  topShare: number;
}

export const SPECTRAL_DEFAULTS = { factor: 1.5, minSeparability: 0.8, minShare: 0.02 } as const;

export function spectralSignatures(reps: Float32Array, dim: number, classRows: Int32Array[], o: SpectralOptions): SpectralClass[] {
  const factor = o.factor ?? SPECTRAL_DEFAULTS.factor;
  const threshold = o.minSeparability ?? SPECTRAL_DEFAULTS.minSeparability;
  const minShare = o.minShare ?? SPECTRAL_DEFAULTS.minShare;
  return classRows.map((rows, c): SpectralClass => {
    const n = rows.length;
    const empty = { class: c, rows: n, scores: new Float64Array(0), flagged: new Int32Array(0), statistic: NaN, threshold, poisoned: false, suspects: new Int32Array(0), smallerShare: NaN, topEigenvalue: NaN, topShare: NaN };
    if (n < Math.max(2, o.minClassSize)) return { ...empty, skipped: `${n} rows, fewer than min-class-size ${o.minClassSize}` };
    const mean = rowMean(reps, dim, rows);
    const cov = covariance(reps, dim, rows, mean);
    let trace = 0;
    for (let j = 0; j < dim; j++) trace += cov[j * dim + j];
    if (!(trace > 0)) return { ...empty, skipped: 'every row of the class has the same representation' };
    const top = topEigen(cov, dim, 1, { seed: o.seed, label: `poisoning/spectral/${c}` });
    const proj = project(reps, dim, rows, mean, top.vectors, 1);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = proj[i] * proj[i];
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
    const nFlag = Math.min(n, Math.floor(factor * o.expectedRate * n));
    const flagged = Int32Array.from(order.subarray(0, nFlag), (i) => rows[i]);
    const split = twoMeans1D(proj);
    const lowerSmaller = split.lowerCount < split.upperCount;
    const smallerCount = Math.min(split.lowerCount, split.upperCount);
    const smallerShare = smallerCount / n;
    const poisoned = split.separability >= threshold && smallerShare >= minShare;
    let suspects = new Int32Array(0);
    if (poisoned) {
      const picked: number[] = [];
      for (let i = 0; i < n; i++) if ((proj[i] <= split.threshold) === lowerSmaller) picked.push(rows[i]);
      suspects = Int32Array.from(picked).sort();
    }
    return { class: c, rows: n, scores, flagged, statistic: split.separability, threshold, poisoned, suspects, smallerShare, topEigenvalue: top.values[0], topShare: top.values[0] / trace };
  });
}
