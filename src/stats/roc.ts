/**
 * The ROC of a binary score, computed once for the whole code base (accuracy's `roc_auc`, the memorisation gate's
 * attack metrics and their bootstrap). A record is predicted positive when its score is ≥ the threshold; the ROC
 * has one point per distinct score (scikit-learn's `roc_curve(drop_intermediate=False)`), plus the (0, 0) point of
 * a threshold above every score.
 *
 * - AUC: the Mann-Whitney statistic with ties counted ½ — the area under the full ROC with ties averaged, which is
 *   what scikit-learn's `roc_auc_score` computes (by the trapezoid rule over the same points). We count it in
 *   integers (2 · #pairs ordered right + #tied pairs) and divide once, so the result is the correctly rounded value.
 * - advantage: max over ROC points of TPR − FPR (≥ 0, the (0, 0) point counts).
 * - TPR at FPR ≤ b, for two bounds b: the largest TPR among ROC points whose FPR ≤ b (with fewer than 1/b negatives
 *   only the points with zero false positives qualify).
 *
 * The scores are sorted once (`sortRoc`); a `sweep` over that order takes integer weights per record (bootstrap
 * counts), so point estimates and resamples share one code path.
 */

/** Scores of positives (records 0..P−1) and negatives (records P..P+N−1), sorted once by descending score. */
export interface SortedScores {
  positives: number;
  negatives: number;
  /** Record indices in descending score order. */
  order: Int32Array;
  /** 1 where order[j] is a positive. */
  isPositive: Uint8Array;
  /** 1 at the last position of each group of equal scores. */
  groupEnd: Uint8Array;
  /** Number of distinct scores. */
  distinct: number;
  /** Largest false-positive count whose FPR (fp / N) is ≤ each of the two FPR bounds. */
  maxFp: [number, number];
}

/**
 * Sorts `scores` (positives first: records 0..positives−1, then the negatives) once. The caller checks the scores:
 * NaN cannot be ranked (±Infinity can). `fprBounds`: the two bounds of the sweep's TPR at FPR ≤ b.
 */
export function sortRoc(scores: Float64Array, positives: number, fprBounds: readonly [number, number]): SortedScores {
  const P = positives, N = scores.length - positives;
  const order = sortDescending(scores);
  const groupEnd = new Uint8Array(P + N), isPositive = new Uint8Array(P + N);
  let distinct = 0;
  for (let j = 0; j < order.length; j++) {
    if (order[j] < P) isPositive[j] = 1;
    if (j === order.length - 1 || scores[order[j + 1]] !== scores[order[j]]) { groupEnd[j] = 1; distinct++; }
  }
  const maxFp = fprBounds.map((b) => {
    let fp = 0;
    while (fp < N && (fp + 1) / N <= b) fp++;
    return fp;
  }) as [number, number];
  return { positives: P, negatives: N, order, isPositive, groupEnd, distinct, maxFp };
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
  /** TPR at FPR ≤ the first bound. */
  tpr001: number;
  /** TPR at FPR ≤ the second bound. */
  tpr0001: number;
}

/**
 * One pass over the sorted order. `w` = integer weight per record (bootstrap counts; total positive weight must be
 * P and negative weight N). Everything is counted in integers (exact below 2^53) and divided once at the end:
 * advantage = max (tp·N − fp·P) / (P·N); a ROC point qualifies for the TPR at FPR ≤ b when fp ≤ maxFp.
 * Self-contained apart from `sweepDistinct` (the bootstrap ships both to a worker as source text).
 */
export function sweep(s: SortedScores, w: Uint8Array | Uint32Array, out: SweepOut): void {
  if (s.distinct === s.order.length) { sweepDistinct(s, w, out); return; }
  const P = s.positives, N = s.negatives, order = s.order, groupEnd = s.groupEnd, isPositive = s.isPositive, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, tpG = 0, fpG = 0, num2 = 0, adv = 0, t1 = 0, t2 = 0;
  for (let j = 0; j < n; j++) {
    const wk = w[order[j]];
    const mk = isPositive[j] * wk;
    tpG += mk;
    fpG += wk - mk;
    if (groupEnd[j] === 1) {
      // positives in this group beat every negative below it (not yet seen) and tie with the group's negatives
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
  const P = s.positives, N = s.negatives, order = s.order, isPositive = s.isPositive, n = order.length;
  const f1 = s.maxFp[0], f2 = s.maxFp[1];
  let tp = 0, fp = 0, num = 0, adv = 0, t1 = 0, t2 = 0, j = 0;
  // Head: while the false positives are within the FPR bounds, track the TPR at those bounds.
  for (; j < n; j++) {
    const wk = w[order[j]];
    if (isPositive[j] === 1) {
      num += wk * (N - fp); // beats every negative below
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
  // Rest: t1 and t2 are final (fp only grows); branch-free accumulation (positives and negatives interleave at
  // random, so a branch per record would mispredict half the time).
  if (w instanceof Uint8Array && P + N < 8_000_000) {
    // Byte weights: every product below fits in an int32 (≤ 255 · (P + N) < 2^31), so the loop runs on int32
    // arithmetic (about twice as fast) and adds into exact doubles; the same integers as the general loop.
    const NP = N + P;
    let a = tp * N - fp * P;
    for (; j < n; j++) {
      const wk = w[order[j]];
      const mw = (wk * isPositive[j]) | 0;
      num += (mw * ((N - fp) | 0)) | 0;
      fp = (fp + wk - mw) | 0;
      a += ((mw * NP) | 0) - wk * P;
      adv = a > adv ? a : adv;
    }
  }
  for (; j < n; j++) {
    const wk = w[order[j]];
    const mw = wk * isPositive[j];
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

/**
 * ROC AUC exactly as scikit-learn's `roc_auc_score` for binary labels (the sweep's AUC above, unit weights).
 * `positive[i]` is 1 for the positive class, 0 otherwise. Returns null when either class is absent (sklearn raises:
 * AUC is undefined) and throws on NaN scores; ±Infinity ranks like any other score.
 */
export function rocAuc(score: Float64Array, positive: Uint8Array): number | null {
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score ${i} is NaN`);
    nPos += positive[i];
  }
  if (nPos === 0 || nPos === n) return null;
  // positives first, then negatives (each in record order)
  const all = new Float64Array(n);
  let p = 0, q = nPos;
  for (let i = 0; i < n; i++) all[positive[i] ? p++ : q++] = score[i];
  const out: SweepOut = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  sweep(sortRoc(all, nPos, [0, 0]), new Uint8Array(n).fill(1), out);
  return out.auc;
}
