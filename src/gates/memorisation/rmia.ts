/**
 * Offline RMIA (Zarifzadeh, Liu, Oh & Shokri, "Low-Cost High-Power Membership Inference Attacks", ICML 2024).
 *
 *   LR(x) = Pr(x | θ) / Pr(x)        Pr(x | θ) = the target model's probability of x's true label
 *   Pr(x) = average over reference models of Pr(x | θ_ref)
 *   score(x) = Pr_{z ~ population}[ LR(x) / LR(z) ≥ γ ]      (γ = 1)
 *
 * Offline (every reference model is OUT for every record), the paper approximates the missing IN models linearly,
 * Pr(x | θ_in) ≈ a · Pr(x)_out + (1 − a), hence Pr(x) = ½ (Pr_out + Pr_in) = ((1 + a)/2) · Pr(x)_out + (1 − a)/2.
 * The same correction is applied to the population records z (they are OUT for the reference models too), as in the
 * authors' reference implementation (privacy_meter). `a` = 0.3 by default (the value the authors' code defaults to;
 * tuning it needs a paired reference model with known members, which offline auditing does not have).
 *
 * Ratios are compared in log space: log LR = log p_y − log Pr(·), with log p_y taken from the logits by
 * log-sum-exp. The score is the fraction of population records whose log LR is ≤ log LR(x) − log γ.
 */
export const DEFAULT_OFFLINE_A = 0.3;
export const DEFAULT_GAMMA = 1;

export interface RmiaInput {
  /** log Pr(x|θ) of the target model per target record. */
  targetX: Float64Array;
  /** log Pr(x|θ_k) per reference model k, per target record. */
  refsX: Float64Array[];
  /** log Pr(z|θ) of the target model per population record. */
  targetZ: Float64Array;
  /** log Pr(z|θ_k) per reference model, per population record. */
  refsZ: Float64Array[];
  a?: number;
  gamma?: number;
}

/** log LR per record: log p − log( ((1+a)/2) · mean_k p_k + (1−a)/2 ). */
export function logLikelihoodRatios(target: Float64Array, refs: Float64Array[], a: number): Float64Array {
  const n = target.length, K = refs.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(refs[k][i]);
    const prOut = s / K;
    const pr = ((1 + a) / 2) * prOut + (1 - a) / 2;
    out[i] = target[i] - Math.log(pr);
  }
  return out;
}

export function rmiaOffline(input: RmiaInput): { scores: Float64Array; a: number; gamma: number; population: number } {
  const a = input.a ?? DEFAULT_OFFLINE_A, gamma = input.gamma ?? DEFAULT_GAMMA;
  if (input.refsX.length === 0) throw new RangeError('rmiaOffline needs at least one reference model');
  if (input.targetZ.length === 0) throw new RangeError('rmiaOffline needs at least one population record');
  const lx = logLikelihoodRatios(input.targetX, input.refsX, a);
  const lz = logLikelihoodRatios(input.targetZ, input.refsZ, a);
  lz.sort();
  const logGamma = Math.log(gamma), m = lz.length;
  const scores = new Float64Array(lx.length);
  for (let i = 0; i < lx.length; i++) {
    // count z with lz ≤ lx − log γ (upper bound by binary search)
    const t = lx[i] - logGamma;
    let lo = 0, hi = m;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (lz[mid] <= t) lo = mid + 1; else hi = mid; }
    scores[i] = lo / m;
  }
  return { scores, a, gamma, population: m };
}
