/**
 * Offline LiRA (Carlini et al., "Membership Inference Attacks From First Principles", IEEE S&P 2022, §IV-C/§VI).
 *
 * Every reference model was trained WITHOUT the target records (OUT models). For each record x, the reference
 * models' logit-scaled confidences φ_k(x) = log(p_y / (1 − p_y)) are modelled as N(μ_out(x), σ²_out). The attack
 * asks how far above that OUT distribution the target model's φ(x) lies: the one-sided test
 * Λ(x) = Pr[Z < φ(x)] = Φ((φ(x) − μ_out(x)) / σ_out). We report the score z(x) = (φ(x) − μ_out(x)) / σ_out, which
 * ranks records exactly like Φ(z) (Φ is strictly increasing) but keeps resolution in the tail where Φ(z) rounds to
 * 1 in float64 and would create false ties at low false-positive rates.
 *
 * Variance: with few reference models the paper recommends one global variance (per-record variances from a handful
 * of samples are noisy); we use the pooled within-record variance, and per-record variances from
 * `PER_RECORD_MIN_MODELS` reference models on. With a global σ the ranking is that of φ(x) − μ_out(x).
 */
export const PER_RECORD_MIN_MODELS = 64;

export interface LiraResult {
  scores: Float64Array;
  variance: 'global' | 'per-record';
  /** The global σ_out (pooled within-record standard deviation), or null with per-record variances. */
  sigma: number | null;
}

/**
 * @param target φ of the target model per record.
 * @param refs φ of each reference model per record (refs[k][i]).
 */
export function liraOffline(target: Float64Array, refs: Float64Array[], perRecordMinModels = PER_RECORD_MIN_MODELS): LiraResult {
  const n = target.length, K = refs.length;
  if (K === 0) throw new RangeError('liraOffline needs at least one reference model');
  const mu = new Float64Array(n), varI = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += refs[k][i];
    const m = s / K;
    let ss = 0;
    for (let k = 0; k < K; k++) { const d = refs[k][i] - m; ss += d * d; }
    mu[i] = m;
    varI[i] = K > 1 ? ss / (K - 1) : 0;
  }
  const scores = new Float64Array(n);
  if (K >= perRecordMinModels) {
    for (let i = 0; i < n; i++) scores[i] = (target[i] - mu[i]) / Math.max(Math.sqrt(varI[i]), 1e-30);
    return { scores, variance: 'per-record', sigma: null };
  }
  let pooled = 0;
  for (let i = 0; i < n; i++) pooled += varI[i];
  let sigma = Math.sqrt(pooled / n);
  if (!(sigma > 0)) sigma = 1; // one reference model, or identical reference outputs: any σ ranks the same
  for (let i = 0; i < n; i++) scores[i] = (target[i] - mu[i]) / sigma;
  return { scores, variance: 'global', sigma };
}
