/**
 * ROC AUC exactly as scikit-learn's `roc_auc_score` for binary labels: the Mann-Whitney U statistic with tied
 * scores counted as one half (mid-ranks). `positive[i]` is 1 for the positive class. Returns null when either class
 * is absent (sklearn raises: AUC is undefined) and throws on NaN scores.
 */
export function rocAuc(score: Float64Array, positive: Uint8Array): number | null {
  const n = score.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score ${i} is NaN`);
    order[i] = i;
  }
  order.sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i];
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  // Sum of mid-ranks of the positives.
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[order[k]]) rankSum += midRank;
    i = j + 1;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
