/**
 * Membership scores from a model's outputs (docs/design.md §5, Memorisation). Higher score = more likely a member.
 *
 * All scores are computed in float64. From logits we never go through softmax-then-log: log p_y = z_y − LSE(z),
 * so confident members keep distinct scores instead of rounding to p = 1 and tying. From probabilities (models that
 * only expose a softmax) every probability is clamped to [1e-12, 1] before a log is taken, and the caller reports it.
 *
 * - `loss`:         −CE = log p_y
 * - `confidence`:   p_y
 * - `entropy`:      −Mentr, the modified entropy of Song & Mittal (USENIX Security 2021):
 *                   Mentr = −(1 − p_y) log p_y − Σ_{i≠y} p_i log(1 − p_i)
 * - `logit-scaled`: log p_y − log(1 − p_y) (LiRA's φ), from logits as z_y − LSE_{i≠y}(z_i)
 */
import { GateError } from '../../errors.ts';
import type { Predictions } from '../types.ts';

export type ScoreKind = 'loss' | 'confidence' | 'entropy' | 'logit-scaled';
export const SCORE_KINDS: readonly ScoreKind[] = ['loss', 'confidence', 'entropy', 'logit-scaled'];

/** Lower clamp for probabilities when the model gives probabilities instead of logits. */
export const PROB_EPS = 1e-12;

export interface ScoreResult {
  /** One score per row, higher = more likely member. */
  scores: Float64Array;
  /** 1 where the model's prediction equals the true label. */
  correct: Uint8Array;
  /** Number of probability entries that were raised to 1e-12 or lowered to 1 (probabilities input only). */
  clamped: number;
}

/**
 * log Σ exp(v[off + i]) for i in [0, n) except `skip` (−Infinity for an empty sum), as m + log1p(Σ_{i≠argmax}
 * exp(v_i − m)): the log1p keeps the tiny terms that `log(1 + tiny)` would round away, so a confident row's
 * log p_y = −(e^{z_other − z_y} + ...) stays distinct from 0 down to the float64 range.
 */
function lse(v: Float64Array, off: number, n: number, skip = -1): number {
  let m = -Infinity, at = -1;
  for (let i = 0; i < n; i++) if (i !== skip && v[off + i] > m) { m = v[off + i]; at = i; }
  if (m === -Infinity) return -Infinity;
  if (m === Infinity) return Infinity;
  let rest = 0;
  for (let i = 0; i < n; i++) if (i !== skip && i !== at) rest += Math.exp(v[off + i] - m);
  return m + Math.log1p(rest);
}

/**
 * Per-row scores for one row of logits. `out` receives [log p_y, logit-scaled, −Mentr].
 * Exported for tests; `membershipScores` is the API.
 */
export function rowFromLogits(z: Float64Array, off: number, c: number, y: number, out: Float64Array): void {
  // log softmax_k = (z_k − max) − log1p(Σ_{i≠argmax} exp(z_i − max)); when k is the argmax the first term is 0
  let m = -Infinity, at = 0;
  for (let i = 0; i < c; i++) if (z[off + i] > m) { m = z[off + i]; at = i; }
  let rest = 0;
  for (let i = 0; i < c; i++) if (i !== at) rest += Math.exp(z[off + i] - m);
  const logZ = Math.log1p(rest); // lse = m + logZ
  const logPy = (z[off + y] - m) - logZ;
  const othersLse = lse(z, off, c, y); // log Σ_{i≠y} exp z_i
  const log1mPy = othersLse - (m + logZ); // log(1 − p_y), accurate even when p_y ≈ 1
  out[0] = logPy;
  out[1] = z[off + y] - othersLse;
  // Modified entropy. log(1 − p_i) for i ≠ y: log1p(−p_i) is accurate while p_i ≤ 1/2; at most one class can have
  // p_i > 1/2, and for it we take log Σ_{j≠i} p_j via log-sum-exp.
  const oneMinusPy = Math.exp(log1mPy);
  let mentr = -oneMinusPy * logPy;
  for (let i = 0; i < c; i++) {
    if (i === y) continue;
    const pi = Math.exp((z[off + i] - m) - logZ);
    if (pi === 0) continue; // 0 · log 1
    const log1mPi = pi <= 0.5 ? Math.log1p(-pi) : lse(z, off, c, i) - (m + logZ);
    mentr -= pi * log1mPi;
  }
  out[2] = -mentr;
}

/** The same three scores from one row of probabilities, clamped to [1e-12, 1]. Returns how many were clamped. */
export function rowFromProbabilities(p: Float64Array, off: number, c: number, y: number, out: Float64Array): number {
  let clamped = 0;
  const cl = (v: number): number => {
    if (v < PROB_EPS) { clamped++; return PROB_EPS; }
    if (v > 1) { clamped++; return 1; }
    return v;
  };
  const py = cl(p[off + y]);
  let others = 0;
  for (let i = 0; i < c; i++) if (i !== y) others += Math.min(1, Math.max(PROB_EPS, p[off + i]));
  // 1 − p_y from the other classes (float32 p_y of a confident row is exactly 1 while the others are not 0).
  const oneMinusPy = Math.min(1, Math.max(PROB_EPS, others));
  const logPy = Math.log(py);
  out[0] = logPy;
  out[1] = logPy - Math.log(oneMinusPy);
  let mentr = -oneMinusPy * logPy;
  for (let i = 0; i < c; i++) {
    if (i === y) continue;
    const pi = cl(p[off + i]);
    mentr -= pi * Math.log(Math.max(PROB_EPS, 1 - pi));
  }
  out[2] = -mentr;
  return clamped;
}

/**
 * Membership scores of every row of `pred`. `what` names the dataset in error messages.
 * Errors (GateError, kind error): label-only models, missing labels, labels out of range, non-finite scores.
 */
export function membershipScores(pred: Predictions, kind: ScoreKind, what: string): ScoreResult {
  const all = allScores(pred, what);
  const pick = kind === 'loss' ? all.loss : kind === 'logit-scaled' ? all.logitScaled : kind === 'entropy' ? all.negMentr : all.confidence;
  return { scores: pick, correct: all.correct, clamped: all.clamped };
}

export interface AllScores {
  loss: Float64Array;
  confidence: Float64Array;
  negMentr: Float64Array;
  logitScaled: Float64Array;
  correct: Uint8Array;
  clamped: number;
}

/** Every score kind at once (the reference-model attacks need log p_y and logit-scaled of the same rows). */
export function allScores(pred: Predictions, what: string): AllScores {
  if (pred.kind === 'label' || !pred.scores) {
    throw new GateError('memorisation.label-only',
      `memorisation: the model gives only predicted labels on dataset '${what}'; membership scores need logits or probabilities: configure model.output to a logits or probabilities output`);
  }
  if (!pred.labels) {
    throw new GateError('memorisation.no-labels',
      `memorisation: dataset '${what}' has no labels; membership scores need the true label of every record: set its 'label' in the policy`);
  }
  const n = pred.rows, c = pred.classes;
  if (c < 2) {
    throw new GateError('memorisation.classes', `memorisation: the model has ${c} output class(es) on dataset '${what}'; membership scores need at least 2`);
  }
  if (pred.scores.length !== n * c || pred.labels.length !== n) {
    throw new GateError('memorisation.shape', `memorisation: predictions for dataset '${what}' have inconsistent sizes (rows ${n}, classes ${c}, scores ${pred.scores.length}, labels ${pred.labels.length}); this is an internal error`);
  }
  const loss = new Float64Array(n), confidence = new Float64Array(n), negMentr = new Float64Array(n), logitScaled = new Float64Array(n);
  const correct = new Uint8Array(n);
  const out = new Float64Array(3);
  let clamped = 0;
  const fromLogits = pred.kind === 'logits';
  for (let r = 0; r < n; r++) {
    const y = pred.labels[r];
    if (!(y >= 0 && y < c)) {
      throw new GateError('memorisation.missing-label',
        `memorisation: row ${r} of dataset '${what}' has ${y < 0 ? 'a missing or unknown label' : `label index ${y} outside the model's ${c} classes`}; every member and non-member needs a valid label: fix or drop that row`);
    }
    if (fromLogits) rowFromLogits(pred.scores, r * c, c, y, out);
    else clamped += rowFromProbabilities(pred.scores, r * c, c, y, out);
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || !Number.isFinite(out[2])) {
      throw new GateError('memorisation.non-finite',
        `memorisation: the model's ${pred.kind} for row ${r} of dataset '${what}' give a non-finite membership score (NaN or infinite outputs); the gate cannot rank records: check the model and that row's features`);
    }
    loss[r] = out[0];
    confidence[r] = Math.exp(out[0]);
    logitScaled[r] = out[1];
    negMentr[r] = out[2];
    correct[r] = pred.predicted[r] === y ? 1 : 0;
  }
  return { loss, confidence, negMentr, logitScaled, correct, clamped };
}
