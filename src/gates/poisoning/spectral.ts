/**
 * Spectral signatures (Tran, Li & Madry, "Spectral Signatures in Backdoor Attacks", NeurIPS 2018), per class by the
 * GIVEN label, with a per-class decision. README.md in this folder states the method, the defaults, the measured
 * margins and why the decision is what it is.
 *
 * For the rows R of class c (representations x_i): centre on the class mean μ; whiten by the other classes'
 * within-class covariance (space.ts; `whiten: false` skips it and gives the paper's recipe exactly); v = the top
 * right singular vector of the (whitened) centred class matrix, i.e. the top eigenvector of its covariance
 * (src/stats/linalg.ts); p_i = the projection of the (whitened) x_i − μ on v; score_i = p_i² (the paper's outlier
 * score). Classic output (`flagged`): the ⌊factor·expectedRate·n⌋ highest scores (factor 1.5 as in the paper),
 * whether or not the class is poisoned.
 *
 * Decision (`statistic`, `threshold`, `poisoned`): the p_i are split in two by the exact 1-D 2-means (Otsu) split
 * (src/stats/cluster.ts twoMeans1D), and the statistic is Ashman's D of the two sides,
 *   D = √2·|m₁ − m₂| / √(s₁² + s₂²)   (m, s² the mean and variance, divisor n, of each side),
 * the separation of the two groups in units of their own spread, whatever their sizes. One population split at its
 * best threshold gives D ≈ 2.65 for a normal sample (and up to ~4 on the clean fixtures' classes, where n/dim is
 * small and the top direction is picked from noise); planted rows in a cluster of their own give more.
 * poisoned ⇔ D ≥ `minSeparation` (default 4.5) and the smaller side holds at least `minShare` (default 0.05) of the
 * class. `suspects`: the rows of the smaller side when poisoned (recall is not capped by a fixed share; a clean class
 * has none).
 */
import { project, topEigen, trace } from '../../stats/linalg.ts';
import { twoMeans1D } from '../../stats/cluster.ts';
import { prepareClasses, type PreparedClasses } from './space.ts';

export interface SpectralOptions {
  /** Expected share of poisoned rows in a poisoned class (ε of the paper); sizes the classic `flagged` list. */
  expectedRate: number;
  /** The paper's 1.5. */
  factor?: number;
  seed: number;
  /** Classes with fewer rows are skipped (reported, never passed silently). */
  minClassSize: number;
  /** Threshold on Ashman's D of the split of the top-direction projections (default 4.5, README.md). */
  minSeparation?: number;
  /** The smaller side of the split must hold at least this share of the class (default 0.05). */
  minShare?: number;
  /** Shrinkage of the whitening by the other classes (default 0.1), or false for none (space.ts). */
  whiten?: number | false;
  /** Class means and covariances already computed (shared with activation clustering). */
  prepared?: PreparedClasses;
}

export interface SpectralClass {
  class: number;
  rows: number;
  skipped?: string;
  /** Outlier score per row of the class, in the order of classRows[class]. */
  scores: Float64Array;
  /** The classic recipe: the top ⌊factor·expectedRate·rows⌋ rows by score (dataset row indices, highest first). */
  flagged: Int32Array;
  /** Ashman's D of the 2-means split of the projections on the top singular vector. */
  statistic: number;
  /** Otsu's separability η of the same split (between-group share of the sum of squares). */
  separability: number;
  /** Whether the class was whitened by the other classes (false with `whiten: false`, or with no other class). */
  whitened: boolean;
  threshold: number;
  poisoned: boolean;
  /** The rows of the smaller side of the split when poisoned, else empty (dataset row indices, ascending). */
  suspects: Int32Array;
  /** Share of the class on the smaller side of the split. */
  smallerShare: number;
  /** Top eigenvalue of the (whitened) class covariance and its share of the trace. */
  topEigenvalue: number;
  topShare: number;
}

export const SPECTRAL_DEFAULTS = { factor: 1.5, minSeparation: 4.5, minShare: 0.05, whiten: 0.1 } as const;

export function spectralSignatures(reps: Float32Array, dim: number, classRows: Int32Array[], o: SpectralOptions): SpectralClass[] {
  const factor = o.factor ?? SPECTRAL_DEFAULTS.factor;
  const threshold = o.minSeparation ?? SPECTRAL_DEFAULTS.minSeparation;
  const minShare = o.minShare ?? SPECTRAL_DEFAULTS.minShare;
  const shrink = o.whiten ?? SPECTRAL_DEFAULTS.whiten;
  const prep = o.prepared ?? prepareClasses(reps, dim, classRows);
  return classRows.map((rows, c): SpectralClass => {
    const n = rows.length;
    const empty = { class: c, rows: n, scores: new Float64Array(0), flagged: new Int32Array(0), statistic: NaN, separability: NaN, threshold, poisoned: false, suspects: new Int32Array(0), smallerShare: NaN, topEigenvalue: NaN, topShare: NaN, whitened: false };
    if (n < Math.max(2, o.minClassSize)) return { ...empty, skipped: `${n} rows, fewer than min-class-size ${o.minClassSize}` };
    const g = prep.geometry(c);
    if (!(trace(g.covariance, dim) > 0)) return { ...empty, skipped: 'every row of the class has the same representation' };
    const wh = shrink === false ? undefined : prep.whitened(c, shrink);
    const cov = wh ? wh.covariance : g.covariance;
    const top = topEigen(cov, dim, 1, { seed: o.seed, label: `poisoning/spectral/${c}` });
    const direction = wh ? wh.back(top.vectors, 1) : top.vectors;
    const proj = project(reps, dim, rows, g.mean, direction, 1);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = proj[i] * proj[i];
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
    const nFlag = Math.min(n, Math.floor(factor * o.expectedRate * n));
    const flagged = Int32Array.from(order.subarray(0, nFlag), (i) => rows[i]);
    const split = twoMeans1D(proj);
    const d = ashmanD(proj, split.threshold);
    const lowerSmaller = split.lowerCount < split.upperCount;
    const smallerShare = Math.min(split.lowerCount, split.upperCount) / n;
    const poisoned = d >= threshold && smallerShare >= minShare;
    let suspects = new Int32Array(0);
    if (poisoned) {
      const picked: number[] = [];
      for (let i = 0; i < n; i++) if ((proj[i] <= split.threshold) === lowerSmaller) picked.push(rows[i]);
      suspects = Int32Array.from(picked).sort();
    }
    return { class: c, rows: n, scores, flagged, statistic: d, separability: split.separability, threshold, poisoned, suspects, smallerShare, topEigenvalue: top.values[0], topShare: top.values[0] / trace(cov, dim), whitened: wh !== undefined };
  });
}


/** Ashman's D of the values ≤ threshold against those above (variances with divisor n); 0 when a side is empty. */
export function ashmanD(values: Float64Array, threshold: number): number {
  let n1 = 0, n2 = 0, s1 = 0, s2 = 0;
  for (const v of values) { if (v <= threshold) { n1++; s1 += v; } else { n2++; s2 += v; } }
  if (n1 === 0 || n2 === 0) return 0;
  const m1 = s1 / n1, m2 = s2 / n2;
  let q1 = 0, q2 = 0;
  for (const v of values) { if (v <= threshold) q1 += (v - m1) ** 2; else q2 += (v - m2) ** 2; }
  const spread = q1 / n1 + q2 / n2;
  return spread > 0 ? (Math.SQRT2 * Math.abs(m1 - m2)) / Math.sqrt(spread) : Infinity;
}
