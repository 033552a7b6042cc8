/**
 * ROC metrics of a membership attack (DESIGN §5). Members are the positives; a record is predicted "member" when
 * its score is ≥ the threshold. The ROC has one point per distinct score (scikit-learn's
 * `roc_curve(drop_intermediate=False)`), plus the (0, 0) point of a threshold above every score.
 *
 * - `auc`: the Mann-Whitney statistic with ties counted ½ — the area under the full ROC with ties averaged, which is
 *   what scikit-learn's `roc_auc_score` computes (by the trapezoid rule over the same points). We count it in
 *   integers (2 · #pairs ordered right + #tied pairs) and divide once, so the result is the correctly rounded value.
 * - `advantage`: max over ROC points of TPR − FPR (≥ 0, the (0, 0) point counts).
 * - `tpr_at_fpr_b`: the largest TPR among ROC points whose FPR ≤ b (with fewer than 1/b non-members only the
 *   points with zero false positives qualify).
 *
 * The sweep takes optional integer weights per record (bootstrap counts), so point estimates and resamples share
 * one code path over one pre-sorted order.
 */
import { GateError } from '../../errors.ts';

export const FPR_BOUNDS = [0.01, 0.001] as const;

export interface AttackMetrics {
  auc: number;
  advantage: number;
  'tpr_at_fpr_0.01': number;
  'tpr_at_fpr_0.001': number;
}
export const ATTACK_METRICS = ['auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001'] as const;

/** Scores of members (records 0..P−1) and non-members (records P..P+N−1), sorted once by descending score. */
export interface SortedScores {
  members: number;
  nonMembers: number;
  /** Record indices in descending score order. */
  order: Int32Array;
  /** 1 where order[j] is a member. */
  isMember: Uint8Array;
  /** 1 at the last position of each group of equal scores. */
  groupEnd: Uint8Array;
  /** Number of distinct scores. */
  distinct: number;
  /** Largest false-positive count whose FPR (fp / N) is ≤ each bound of FPR_BOUNDS. */
  maxFp: [number, number];
}

/**
 * Sorts the scores once. `what` names the attack in error messages. NaN or infinite scores are an error: a
 * membership score that is not a number cannot be ranked, and a silent rank would pass or fail at random.
 */
export function sortScores(member: Float64Array, nonMember: Float64Array, what: string): SortedScores {
  const P = member.length, N = nonMember.length;
  if (P === 0 || N === 0) {
    throw new GateError('memorisation.empty',
      `memorisation: the ${P === 0 ? 'members' : 'non-members'} dataset has no rows; the attack needs at least one member and one non-member`);
  }
  const all = new Float64Array(P + N);
  all.set(member, 0);
  all.set(nonMember, P);
  for (let i = 0; i < all.length; i++) {
    if (!Number.isFinite(all[i])) {
      const which = i < P ? `member row ${i}` : `non-member row ${i - P}`;
      throw new GateError('memorisation.non-finite',
        `memorisation: the ${what} score of ${which} is ${all[i]}; membership scores must be finite numbers: check the model's outputs for that row`);
    }
  }
  const order = sortDescending(all);
  const groupEnd = new Uint8Array(P + N), isMember = new Uint8Array(P + N);
  let distinct = 0;
  for (let j = 0; j < order.length; j++) {
    if (order[j] < P) isMember[j] = 1;
    if (j === order.length - 1 || all[order[j + 1]] !== all[order[j]]) { groupEnd[j] = 1; distinct++; }
  }
  const maxFp = FPR_BOUNDS.map((b) => {
    let fp = 0;
    while (fp < N && (fp + 1) / N <= b) fp++;
    return fp;
  }) as [number, number];
  return { members: P, nonMembers: N, order, isMember, groupEnd, distinct, maxFp };
}

/** Indices of `v` by descending value (ties by ascending index, so the order is deterministic). */
function sortDescending(v: Float64Array): Int32Array {
  const n = v.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (v[b] - v[a]) || (a - b));
  return idx;
}

/** Scratch output of one sweep. */
export interface SweepOut {
  auc: number;
  advantage: number;
  tpr001: number; // tpr_at_fpr_0.01
  tpr0001: number; // tpr_at_fpr_0.001
}

/**
 * One pass over the sorted order. `w` = integer weight per record (bootstrap counts; total member weight must be P
 * and non-member weight N). Everything is counted in integers (exact below 2^53) and divided once at the end:
 * advantage = max (tp·N − fp·P) / (P·N); a ROC point qualifies for the TPR at FPR ≤ b when fp ≤ maxFp.
 */
export function sweep(s: SortedScores, w: Uint8Array | Uint32Array, out: SweepOut): void {
  if (s.distinct === s.order.length) { sweepDistinct(s, w, out); return; }
  const P = s.members, N = s.nonMembers, order = s.order, groupEnd = s.groupEnd, isMember = s.isMember, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, tpG = 0, fpG = 0, num2 = 0, adv = 0, t1 = 0, t2 = 0;
  for (let j = 0; j < n; j++) {
    const wk = w[order[j]];
    const mk = isMember[j] * wk;
    tpG += mk;
    fpG += wk - mk;
    if (groupEnd[j] === 1) {
      // members in this group beat every non-member below it (not yet seen) and tie with the group's non-members
      num2 += tpG * (2 * (N - fp - fpG) + fpG);
      tp += tpG; fp += fpG; tpG = 0; fpG = 0;
      const a = tp * N - fp * P;
      if (a > adv) adv = a;
      if (fp <= f1) t1 = tp;
      if (fp <= f2) t2 = tp;
    }
  }
  out.auc = num2 / (2 * P * N);
  out.advantage = adv / (P * N);
  out.tpr001 = t1 / P;
  out.tpr0001 = t2 / P;
}

/** The same when every score is distinct (the usual case with float64 scores): one ROC point per record. */
export function sweepDistinct(s: SortedScores, w: Uint8Array | Uint32Array, out: SweepOut): void {
  const P = s.members, N = s.nonMembers, order = s.order, isMember = s.isMember, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, num = 0, adv = 0, t1 = 0, t2 = 0, j = 0;
  // Head: while the false positives are within the FPR bounds, track the TPR at those bounds.
  for (; j < n; j++) {
    const wk = w[order[j]];
    if (isMember[j] === 1) {
      num += wk * (N - fp); // beats every non-member below
      tp += wk;
      const a = tp * N - fp * P;
      if (a > adv) adv = a;
      if (fp <= f1) t1 = tp;
      if (fp <= f2) t2 = tp;
    } else {
      fp += wk;
      if (fp > f1) {
        j++;
        break;
      }
    }
  }
  // Rest: t1 and t2 are final (fp only grows); branch-free accumulation (members and non-members interleave at
  // random, so a branch per record would mispredict half the time).
  if (w instanceof Uint8Array && P + N < 8_000_000) {
    // Byte weights: every product below fits in an int32 (≤ 255 · (P + N) < 2^31), so the loop runs on int32
    // arithmetic (about twice as fast) and adds into exact doubles; the same integers as the general loop.
    const NP = N + P;
    let a = tp * N - fp * P;
    for (; j < n; j++) {
      const wk = w[order[j]];
      const mw = (wk * isMember[j]) | 0;
      num += (mw * ((N - fp) | 0)) | 0;
      fp = (fp + wk - mw) | 0;
      a += ((mw * NP) | 0) - wk * P;
      adv = a > adv ? a : adv;
    }
  }
  for (; j < n; j++) {
    const wk = w[order[j]];
    const mw = wk * isMember[j];
    num += mw * (N - fp);
    tp += mw;
    fp += wk - mw;
    const a = tp * N - fp * P;
    adv = a > adv ? a : adv;
  }
  out.auc = num / (P * N);
  out.advantage = adv / (P * N);
  out.tpr001 = t1 / P;
  out.tpr0001 = t2 / P;
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
  sweep(s, w ?? ones(s.members + s.nonMembers), o);
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
    if (s.order[j] < s.members) tp++; else fp++;
    if (s.groupEnd[j] === 1) { tpr.push(tp / s.members); fpr.push(fp / s.nonMembers); thresholds.push(all[s.order[j]]); }
  }
  return { fpr, tpr, thresholds };
}
