/**
 * Paired comparisons of a base and a head model on the same rows, for the `regression` gate.
 *
 * - `mcnemar(b, c)`: the exact McNemar test on the discordant pairs, b = rows the base gets right and the head
 *   wrong, c = the reverse. Under H0 each discordant row goes either way with probability ½, so with
 *   k = min(b, c) and X ~ Binomial(b + c, ½): p = min(1, 2·P(X ≤ k)) (the two-sided exact binomial test of
 *   scipy.stats.binomtest(k, b + c, 0.5), which equals this doubling for p = ½). Mid-p (Fagerland, Lydersen & Laake,
 *   "The McNemar test for binary matched-pairs data", BMC Med. Res. Methodol. 13:91, 2013):
 *   2·P(X ≤ k) − P(X = k), which is p − P(X = k) whenever b ≠ c and 1 when b = c (we do not clip before
 *   subtracting). b + c = 0 gives p = mid-p = 1. P(X ≤ k) is summed downward from the pmf at k (Loader's form,
 *   special.ts) by the ratio pmf(j − 1) = pmf(j)·j/(n − j + 1) until the terms stop counting.
 * - `flipRates`: over all n rows, negative flips = base right & head wrong, positive flips = base wrong & head
 *   right, churn = the predictions differ (right or wrong), each / n.
 * - `pairedBootstrap`: a seeded percentile bootstrap of a paired statistic. Each resample draws, within every
 *   stratum (the label), as many rows as the stratum holds, with replacement, as integer weights per row; base and
 *   head see the same rows (the pair is resampled jointly). The statistic takes those weights. Interval: the
 *   (α/2, 1 − α/2) quantiles of the finite resampled values with numpy's default linear interpolation
 *   (stats/quantile.ts), as the fairness and memorisation bootstraps report them. Draws: `rng(seed, label)`
 *   (util/random.ts), unbiased integers by rejection. `meanDeltaCI` is the common case: the weighted mean of a
 *   per-row difference (e.g. head correct − base correct, the accuracy delta).
 * - `predictedClassJS`: the Jensen-Shannon distance (natural log, drift.ts `jensenShannon`) between the base's and
 *   the head's predicted-class histograms.
 * - `meanAbsTrueClassChange`: mean over rows of |p_head(y) − p_base(y)|, the change in the probability given to
 *   the true class.
 */
import { binomPmf } from './special.ts';
import { jensenShannon } from './drift.ts';
import { quantileSorted } from './quantile.ts';
import { rng } from '../util/random.ts';

export interface McNemarResult {
  /** Discordant pairs: base right & head wrong (b), base wrong & head right (c). */
  b: number;
  c: number;
  pvalue: number;
  midp: number;
}

/** P(X ≤ k) for X ~ Binomial(n, ½), 0 ≤ k ≤ n. */
export function binomCdfHalf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let term = binomPmf(k, n, 0.5);
  let s = 0, comp = 0;
  for (let j = k; j >= 0 && term > 0; j--) {
    const t = s + term;
    comp += s >= term ? (s - t) + term : (term - t) + s;
    s = t;
    if (term < 1e-18 * s) break;
    term = (term * j) / (n - j + 1);
  }
  return s + comp;
}

/** Exact McNemar test (two-sided) and its mid-p on the discordant counts b and c (non-negative integers). */
export function mcnemar(b: number, c: number): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError('mcnemar: b and c must be non-negative integers');
  const n = b + c;
  if (n === 0) return { b, c, pvalue: 1, midp: 1 };
  if (b === c) return { b, c, pvalue: 1, midp: 1 }; // 2·P(X ≤ n/2) = 1 + P(X = n/2): p clips to 1, mid-p is exactly 1
  const k = Math.min(b, c);
  const cdf = binomCdfHalf(k, n);
  const pmf = binomPmf(k, n, 0.5);
  return { b, c, pvalue: Math.min(1, 2 * cdf), midp: Math.min(1, 2 * cdf - pmf) };
}

export interface FlipRates {
  rows: number;
  /** Rows the base gets right and the head wrong (McNemar's b). */
  negative: number;
  /** Rows the base gets wrong and the head right (McNemar's c). */
  positive: number;
  /** Rows whose prediction changed. */
  changed: number;
  negative_flip_rate: number;
  positive_flip_rate: number;
  churn: number;
}

/** Flip counts and rates of head against base on the same rows (labels and predicted classes as integers). */
export function flipRates(labels: Int32Array, base: Int32Array, head: Int32Array): FlipRates {
  const n = labels.length;
  if (base.length !== n || head.length !== n) throw new RangeError('flipRates: labels, base and head must have the same length');
  if (n === 0) throw new RangeError('flipRates: no rows');
  let negative = 0, positive = 0, changed = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i], bp = base[i], hp = head[i];
    if (bp !== hp) changed++;
    if (bp === y && hp !== y) negative++;
    else if (bp !== y && hp === y) positive++;
  }
  return { rows: n, negative, positive, changed, negative_flip_rate: negative / n, positive_flip_rate: positive / n, churn: changed / n };
}

export interface BootstrapOptions {
  /** Stratum per row (the label): each resample keeps every stratum's size. */
  strata: Int32Array;
  resamples: number;
  seed: number;
  /** The rng stream label (util/random.ts); distinct per use so that draws never shift between gates. */
  label?: string;
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  interval: [number, number] | null;
  /** Resamples whose statistic was not finite (left out of the quantiles). */
  undefinedResamples: number;
}

/**
 * Percentile bootstrap of `statistic(weights)` with rows resampled jointly within strata: `weights[i]` is how many
 * times row i was drawn in the resample. No interval when more than half of the resamples are undefined.
 */
export function pairedBootstrap(statistic: (weights: Uint32Array) => number, o: BootstrapOptions): BootstrapInterval {
  const n = o.strata.length;
  const confidence = o.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('pairedBootstrap: confidence must be in (0, 1)');
  if (!(Number.isInteger(o.resamples) && o.resamples > 0)) throw new RangeError('pairedBootstrap: resamples must be a positive integer');
  // rows grouped by stratum (counting sort over the stratum values)
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { if (o.strata[i] < min) min = o.strata[i]; if (o.strata[i] > max) max = o.strata[i]; }
  const K = n ? max - min + 1 : 0;
  const start = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) start[o.strata[i] - min + 1]++;
  for (let k = 0; k < K; k++) start[k + 1] += start[k];
  const rows = new Int32Array(n), fill = start.slice(0, K);
  for (let i = 0; i < n; i++) rows[fill[o.strata[i] - min]++] = i;
  const r = rng(o.seed, o.label ?? 'paired/bootstrap');
  const weights = new Uint32Array(n);
  const values = new Float64Array(o.resamples);
  for (let b = 0; b < o.resamples; b++) {
    weights.fill(0);
    for (let k = 0; k < K; k++) {
      const s = start[k], size = start[k + 1] - s;
      for (let d = 0; d < size; d++) weights[rows[s + r.int(size)]]++;
    }
    values[b] = statistic(weights);
  }
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  const undefinedResamples = o.resamples - finite.length;
  if (finite.length === 0 || undefinedResamples * 2 > o.resamples) return { interval: null, undefinedResamples };
  const alpha = 1 - confidence;
  return { interval: [quantileSorted(finite, alpha / 2), quantileSorted(finite, 1 - alpha / 2)], undefinedResamples };
}

/** Weighted mean of a per-row paired difference `delta` (head − base), and its paired bootstrap interval. */
export function meanDeltaCI(delta: Float64Array, o: BootstrapOptions): { delta: number; ci: BootstrapInterval } {
  const n = delta.length;
  if (o.strata.length !== n) throw new RangeError('meanDeltaCI: strata and delta must have the same length');
  let s = 0;
  for (let i = 0; i < n; i++) s += delta[i];
  const ci = pairedBootstrap((w) => {
    let num = 0, den = 0;
    for (let i = 0; i < n; i++) { const wi = w[i]; if (wi) { num += wi * delta[i]; den += wi; } }
    return num / den;
  }, o);
  return { delta: s / n, ci };
}

/** Jensen-Shannon distance (natural log) between the predicted-class histograms of base and head. */
export function predictedClassJS(base: Int32Array, head: Int32Array, classes: number): number {
  const hb = new Float64Array(classes), hh = new Float64Array(classes);
  for (let i = 0; i < base.length; i++) hb[base[i]]++;
  for (let i = 0; i < head.length; i++) hh[head[i]]++;
  return jensenShannon(hb, hh);
}

/**
 * Mean over rows of |p_head(y_i) − p_base(y_i)|: `baseProbs` and `headProbs` are row-major n × classes
 * probability matrices, `labels` the true classes.
 */
export function meanAbsTrueClassChange(labels: Int32Array, baseProbs: Float64Array, headProbs: Float64Array, classes: number): number {
  const n = labels.length;
  if (baseProbs.length !== n * classes || headProbs.length !== n * classes) {
    throw new RangeError('meanAbsTrueClassChange: probability matrices must be rows × classes');
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = i * classes + labels[i];
    s += Math.abs(headProbs[j] - baseProbs[j]);
  }
  return s / n;
}
