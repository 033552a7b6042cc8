/**
 * ROC metrics of a membership attack (docs/design.md §5): the ROC sweep of src/stats/roc.ts with the members as the
 * positives and FPR_BOUNDS as the bounds of the TPR at FPR ≤ b.
 *
 * - `auc`: the Mann-Whitney statistic with ties counted ½ (scikit-learn's `roc_auc_score`), counted exactly.
 * - `advantage`: max over ROC points of TPR − FPR (≥ 0, the (0, 0) point counts).
 * - `tpr_at_fpr_b`: the largest TPR among ROC points whose FPR ≤ b (with fewer than 1/b non-members only the
 *   points with zero false positives qualify).
 *
 * The sweep takes optional integer weights per record (bootstrap counts), so point estimates and resamples share
 * one code path over one pre-sorted order.
 */
import { GateError } from '../../errors.ts';
import { sortRoc, sweep, type SortedScores, type SweepOut } from '../../stats/roc.ts';

export const FPR_BOUNDS = [0.01, 0.001] as const;

export interface AttackMetrics {
  auc: number;
  advantage: number;
  'tpr_at_fpr_0.01': number;
  'tpr_at_fpr_0.001': number;
}
export const ATTACK_METRICS = ['auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001'] as const;

/**
 * Sorts the scores once (members are the positives: records 0..P−1). `what` names the attack in error messages.
 * NaN or infinite scores are an error: a membership score that is not a number cannot be ranked, and a silent rank
 * would pass or fail at random.
 */
export function sortScores(member: Float64Array, nonMember: Float64Array, what: string): SortedScores {
  const P = member.length, N = nonMember.length;
  if (P === 0 || N === 0) {
    throw new GateError('memorisation.empty',
      `the ${P === 0 ? 'members' : 'non-members'} dataset has no rows; the attack needs at least one member and one non-member`);
  }
  const all = new Float64Array(P + N);
  all.set(member, 0);
  all.set(nonMember, P);
  for (let i = 0; i < all.length; i++) {
    if (!Number.isFinite(all[i])) {
      const which = i < P ? `member row ${i}` : `non-member row ${i - P}`;
      throw new GateError('memorisation.non-finite',
        `the ${what} score of ${which} is ${all[i]}; membership scores must be finite numbers: check the model's outputs for that row`);
    }
  }
  return sortRoc(all, P, FPR_BOUNDS);
}

const onesCache = new Map<number, Uint8Array>();
function ones(n: number): Uint8Array {
  let o = onesCache.get(n);
  if (!o) { o = new Uint8Array(n).fill(1); if (onesCache.size > 8) onesCache.clear(); onesCache.set(n, o); }
  return o;
}

/** Point metrics of an attack from member and non-member scores. */
export function attackMetrics(member: Float64Array, nonMember: Float64Array, what = 'membership'): AttackMetrics {
  return sweepMetrics(sortScores(member, nonMember, what));
}

export function sweepMetrics(s: SortedScores, w: Uint8Array | Uint32Array | null = null): AttackMetrics {
  const o: SweepOut = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  sweep(s, w ?? ones(s.positives + s.negatives), o);
  return { auc: o.auc, advantage: o.advantage, 'tpr_at_fpr_0.01': o.tpr001, 'tpr_at_fpr_0.001': o.tpr0001 };
}

/** The full ROC (for tests and plots): fpr, tpr and the threshold of every point, (0, 0) at +Infinity first. */
export function rocCurve(member: Float64Array, nonMember: Float64Array): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  const s = sortScores(member, nonMember, 'membership');
  const all = new Float64Array(member.length + nonMember.length);
  all.set(member, 0);
  all.set(nonMember, member.length);
  const fpr = [0], tpr = [0], thresholds = [Infinity];
  let tp = 0, fp = 0;
  for (let j = 0; j < s.order.length; j++) {
    if (s.order[j] < s.positives) tp++; else fp++;
    if (s.groupEnd[j] === 1) { tpr.push(tp / s.positives); fpr.push(fp / s.negatives); thresholds.push(all[s.order[j]]); }
  }
  return { fpr, tpr, thresholds };
}
