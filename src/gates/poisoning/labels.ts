/**
 * Label issues by confident learning (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
 * Dataset Labels", JAIR 2021), as cleanlab 2.x's `cleanlab.filter.find_label_issues` computes it with its defaults
 * (`filter_by="prune_by_noise_rate"`, `frac_noise=1`, `min_examples_per_class=1`, multi-class, no
 * `num_to_remove_per_class`) and `return_indices_ranked_by="self_confidence"`. Checked against cleanlab's own code
 * (scripts/make-poisoning-references.py).
 *
 * The probabilities MUST be out-of-sample (cross-validated, or from a model that never saw the row): a model's
 * in-sample probabilities agree with the labels it memorised, relabelled rows included, and the screen then finds
 * nothing. The function cannot tell; the gate only runs it on probabilities the policy supplies.
 *
 * With n rows, K classes, given labels s and probabilities p ([n × K]):
 * 1. thresholds t_k = mean of p[i][k] over the rows with s_i = k (2 for a class with no row), clipped below at 2e-6
 *    (count.get_confident_thresholds).
 * 2. confident joint C[given][true] (count.compute_confident_joint): row i is confidently of class k when
 *    p[i][k] ≥ t_k − 1e-6; with one such k, true = k; with several, true = argmax_k p[i][k] (over all k, first
 *    maximum); with none, the row is not counted. Then the diagonal is raised to at least 1, and calibrated
 *    (calibrate_confident_joint): each row rescaled to the count of its given label, the whole to n, and every row
 *    rounded to integers preserving its total (internal.util.round_preserving_sum: round half to even, then the
 *    entries with the largest (smallest) rounding residual move up (down) by one until the total holds).
 * 3. prune counts (filter._keep_at_least_n_per_class with n = 1 on Cᵀ): M = Cᵀ (M[true][given]); each column keeps a
 *    diagonal of at least 1 by spreading the difference over its non-zero off-diagonal entries; negatives become 0;
 *    entries truncated to integers.
 * 4. for each given class k with more than 1 row and each j ≠ k: the M[j][k] rows of class k with the largest margin
 *    p[i][j] − p[i][k] are issues (filter._prune_by_count; ties broken by row order here, numpy's sort order there).
 * 5. a row whose argmax, with p[i][s_i] raised by 1e-6, is its given label is not an issue (count._reduce_issues).
 * 6. issues ranked by self-confidence p[i][s_i], ascending (ties by row order).
 */
import { GateError } from '../../errors.ts';

export interface LabelIssues {
  /** Per-class confident thresholds t_k. */
  thresholds: Float64Array;
  /** Calibrated confident joint C[given][true] (integer counts summing to n). */
  confidentJoint: number[][];
  /** Row indices of the label issues, lowest self-confidence first. */
  issues: Int32Array;
}

/** cleanlab's round_preserving_sum on one row (the row length ≤ 16 keeps numpy's argsort stable, as here). */
function roundPreservingSum(floats: number[]): number[] {
  const ints = floats.map(roundHalfEven);
  const origSum = roundHalfEven(floats.reduce((a, b) => a + b, 0));
  let intSum = ints.reduce((a, b) => a + b, 0);
  for (let guard = 0; Math.abs(intSum - origSum) > 1e-6 && guard < 1000; guard++) {
    const diff = roundHalfEven(origSum - intSum);
    const inc = diff < 0 ? -1 : 1;
    const changes = Math.min(Math.abs(diff), floats.length);
    const asc = floats.map((_, i) => i).sort((a, b) => (floats[a] - ints[a]) - (floats[b] - ints[b]) || a - b);
    const idx = (inc === 1 ? asc.reverse() : asc).slice(0, changes);
    for (const i of idx) ints[i] += inc;
    intSum = ints.reduce((a, b) => a + b, 0);
  }
  return ints;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x), d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function labelIssues(labels: Int32Array, probs: Float64Array, classes: number): LabelIssues {
  const n = labels.length, K = classes;
  if (probs.length !== n * K) throw new GateError('poisoning.labels', `label issues: ${probs.length} probabilities for ${n} rows × ${K} classes: supply one probability per row and class`);
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const s = labels[i];
    if (!(s >= 0 && s < K)) throw new GateError('poisoning.labels', `label issues: row ${i} has label ${s}, outside 0..${K - 1}: map the labels to class indices first`);
    counts[s]++;
  }
  // 1. thresholds
  const thresholds = new Float64Array(K);
  for (let i = 0; i < n; i++) thresholds[labels[i]] += probs[i * K + labels[i]];
  for (let k = 0; k < K; k++) thresholds[k] = Math.max(2e-6, counts[k] > 0 ? thresholds[k] / counts[k] : 2);
  // 2. confident joint
  const cj: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < n; i++) {
    let confident = 0, firstConfident = -1, argmax = 0;
    for (let k = 0; k < K; k++) {
      const v = probs[i * K + k];
      if (v >= thresholds[k] - 1e-6) { confident++; if (firstConfident < 0) firstConfident = k; }
      if (v > probs[i * K + argmax]) argmax = k;
    }
    if (confident === 0) continue;
    cj[labels[i]][confident > 1 ? argmax : firstConfident]++;
  }
  for (let k = 0; k < K; k++) cj[k][k] = Math.max(1, cj[k][k]);
  const scaled = cj.map((row, r) => {
    const sum = Math.max(1e-100, row.reduce((a, b) => a + b, 0));
    return row.map((v) => (v / sum) * counts[r]);
  });
  const total = Math.max(1e-100, scaled.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0));
  const confidentJoint = scaled.map((row) => roundPreservingSum(row.map((v) => (v / total) * n)));
  // 3. prune counts: M = Cᵀ, at least 1 on the diagonal per column (given label)
  const M: number[][] = Array.from({ length: K }, (_, t) => Array.from({ length: K }, (_, g) => confidentJoint[g][t]));
  const prune: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let g = 0; g < K; g++) {
    const d = M[g][g], nd = Math.max(d, 1), diff = nd - d;
    let nonzero = 0;
    for (let t = 0; t < K; t++) if (M[t][g] !== 0) nonzero++;
    const per = Math.max(nonzero - 1, 1);
    for (let t = 0; t < K; t++) prune[t][g] = t === g ? nd : Math.trunc(Math.max(0, M[t][g] - diff / per));
  }
  // 4. prune by count, per given class
  const issue = new Uint8Array(n);
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < n; i++) byClass[labels[i]].push(i);
  for (let k = 0; k < K; k++) {
    const rows = byClass[k];
    if (rows.length <= 1) continue;
    for (let j = 0; j < K; j++) {
      const take = prune[j][k];
      if (j === k || take <= 0) continue;
      const order = rows.slice().sort((a, b) => (probs[b * K + j] - probs[b * K + k]) - (probs[a * K + j] - probs[a * K + k]) || a - b);
      for (const i of order.slice(0, take)) issue[i] = 1;
    }
  }
  // 5. not an issue when the (nudged) prediction is the given label
  for (let i = 0; i < n; i++) {
    if (!issue[i]) continue;
    const s = labels[i];
    let best = 0, bestV = -Infinity;
    for (let k = 0; k < K; k++) { const v = probs[i * K + k] + (k === s ? 1e-6 : 0); if (v > bestV) { bestV = v; best = k; } }
    if (best === s) issue[i] = 0;
  }
  // 6. rank by self-confidence
  const found: number[] = [];
  for (let i = 0; i < n; i++) if (issue[i]) found.push(i);
  found.sort((a, b) => probs[a * K + labels[a]] - probs[b * K + labels[b]] || a - b);
  return { thresholds, confidentJoint, issues: Int32Array.from(found) };
}
