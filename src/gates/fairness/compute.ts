/**
 * Pure fairness computation (docs/design.md §5), independent of models and policies so that it can be unit-tested on
 * hand-made tables: arrays of y_true (0/1), y_pred (0/1) and group indices in, per-group table, aggregates and
 * bootstrap intervals out.
 *
 * Conventions (Fairlearn `MetricFrame`, `method="between_groups"`):
 * - difference = max − min over the groups; ratio = min / max. When max is 0 the ratio is 0/0: Fairlearn divides
 *   two pandas Series and gets NaN; we report `null` (which fails any threshold).
 * - equalized_odds_difference = max(TPR difference, FPR difference); equalized_odds_ratio = min(TPR ratio, FPR
 *   ratio) (Fairlearn's `agg="worst_case"`); equal_opportunity_* = the TPR difference / ratio.
 * - A rate whose denominator is 0 (no positives → no TPR/FNR; no negatives → no FPR) is `null` here, and the group
 *   is left out of that aggregate and listed in `excluded`. Fairlearn computes these rates through scikit-learn's
 *   `confusion_matrix(normalize="true")`, which turns 0/0 into 0: Fairlearn would count such a group as TPR 0.
 * - An aggregate with fewer than two groups that have the rate is `null`; so is a combination with a null part.
 * - With a reference group (AIF360 / Aequitas style): per group `disparate_impact` = selection rate / the
 *   reference's selection rate (four-fifths rule: flagged below 0.8). Headline `disparate_impact` = the minimum over
 *   the groups compared (every included group except the reference itself); `statistical_parity_difference` = the
 *   group selection rate − the reference's with the largest absolute value, sign kept (ties: the first group in
 *   sort order). When the reference names only some of the sensitive columns (e.g. `sex: Male` with `[sex, race]`),
 *   the reference is ALL rows that match it (pooled over the intersections it spans, small ones included) and every
 *   included intersection is compared with it.
 */
import type { Rng } from '../../util/random.ts';
import { binomial } from './binomial.ts';
import { quantileSorted } from '../../stats/quantile.ts';

export const AGGREGATES = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
export const REFERENCE_AGGREGATES = ['disparate_impact', 'statistical_parity_difference'] as const;
export type AggregateName = (typeof AGGREGATES)[number] | (typeof REFERENCE_AGGREGATES)[number];

/** Cell layout of the per-group confusion counts: `cells[4*g + TP]` etc. */
export const TP = 0, FP = 1, TN = 2, FN = 3;

export interface GroupRates {
  count: number;
  positives: number;
  negatives: number;
  selected: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  selection_rate: number | null;
  true_positive_rate: number | null;
  false_positive_rate: number | null;
  false_negative_rate: number | null;
  accuracy: number | null;
}

export interface Exclusion {
  group: string;
  /** `all` for groups below min-group-size; else the aggregate family (`true_positive_rate`, ...). */
  metric: string;
  reason: string;
}

export interface ReferenceSpec {
  /** Indices of the groups whose rows make up the reference (one group, or several for a partial reference). */
  groups: number[];
  /** The index of the group that IS the reference (a full intersection), else -1. */
  self: number;
}

export interface AggregateResult {
  metrics: Record<string, number | null>;
  /** Components: TPR/FPR/selection-rate differences and ratios, and which groups attain the extremes. */
  components: Record<string, number | null>;
  /** Per group disparate impact (null when not compared or undefined). Only with a reference. */
  disparateImpact?: (number | null)[];
  referenceSelectionRate?: number | null;
  /** Index of the group that gives statistical_parity_difference. */
  spdGroup?: number;
}

const ratioOrNull = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Rates of one group from its four confusion cells. */
export function ratesFromCells(tp: number, fp: number, tn: number, fn: number): GroupRates {
  const positives = tp + fn;
  const negatives = fp + tn;
  const count = positives + negatives;
  return {
    count,
    positives,
    negatives,
    selected: tp + fp,
    tp,
    fp,
    tn,
    fn,
    selection_rate: ratioOrNull(tp + fp, count),
    true_positive_rate: ratioOrNull(tp, positives),
    false_positive_rate: ratioOrNull(fp, negatives),
    false_negative_rate: ratioOrNull(fn, positives),
    accuracy: ratioOrNull(tp + tn, count),
  };
}

/**
 * Confusion cells per group ([G × 4]: TP, FP, TN, FN) from 0/1 arrays and group indices (rows with group < 0 are
 * skipped). With `weights` (the regression gate's paired bootstrap), row i counts `weights[i]` times, into `into`.
 */
export function confusionCells(yTrue: Uint8Array, yPred: Uint8Array, group: Int32Array, groups: number, weights?: ArrayLike<number>, into?: Float64Array): Float64Array {
  const n = yTrue.length;
  if (yPred.length !== n || group.length !== n) throw new RangeError('y_true, y_pred and groups differ in length');
  // Counting in a typed array: index 4g + (y_true ? (y_pred ? TP : FN) : (y_pred ? FP : TN)).
  const counts = into ? into.fill(0) : new Float64Array(groups * 4);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g < 0) continue;
    counts[4 * g + CELL_OF[(yTrue[i] << 1) | yPred[i]]] += weights ? weights[i] : 1;
  }
  return counts;
}
const CELL_OF = new Int32Array([TN, FP, FN, TP]); // index = 2*y_true + y_pred

interface Extremes {
  min: number;
  max: number;
  argmin: number;
  argmax: number;
  n: number;
}

/**
 * The aggregates from per-group cells. `include[g]` = the group is large enough to take part. When `excluded` is
 * given, groups left out of an aggregate because a rate is undefined are appended to it (point estimate only).
 */
export function aggregate(
  cells: Float64Array,
  include: Uint8Array,
  reference?: ReferenceSpec,
  names?: string[],
  excluded?: Exclusion[],
): AggregateResult {
  const G = include.length;
  const sel: Extremes = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const tpr: Extremes = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const fpr: Extremes = { min: Infinity, max: -Infinity, argmin: -1, argmax: -1, n: 0 };
  const push = (e: Extremes, v: number, g: number): void => {
    if (v < e.min) { e.min = v; e.argmin = g; }
    if (v > e.max) { e.max = v; e.argmax = g; }
    e.n++;
  };
  for (let g = 0; g < G; g++) {
    if (!include[g]) continue;
    const tp = cells[4 * g + TP], fp = cells[4 * g + FP], tn = cells[4 * g + TN], fn = cells[4 * g + FN];
    const count = tp + fp + tn + fn;
    if (count > 0) push(sel, (tp + fp) / count, g);
    if (tp + fn > 0) push(tpr, tp / (tp + fn), g);
    else if (excluded) excluded.push({ group: names?.[g] ?? String(g), metric: 'true_positive_rate', reason: 'no positive labels: true_positive_rate is undefined (null); left out of equal_opportunity_* and equalized_odds_* (Fairlearn would count it as 0)' });
    if (fp + tn > 0) push(fpr, fp / (fp + tn), g);
    else if (excluded) excluded.push({ group: names?.[g] ?? String(g), metric: 'false_positive_rate', reason: 'no negative labels: false_positive_rate is undefined (null); left out of equalized_odds_* (Fairlearn would count it as 0)' });
  }
  const diff = (e: Extremes): number | null => (e.n >= 2 ? e.max - e.min : null);
  const ratio = (e: Extremes): number | null => (e.n >= 2 && e.max > 0 ? e.min / e.max : null);
  const dpd = diff(sel), dpr = ratio(sel);
  const tprD = diff(tpr), tprR = ratio(tpr), fprD = diff(fpr), fprR = ratio(fpr);
  const metrics: Record<string, number | null> = {
    demographic_parity_difference: dpd,
    demographic_parity_ratio: dpr,
    equalized_odds_difference: tprD === null || fprD === null ? null : Math.max(tprD, fprD),
    equalized_odds_ratio: tprR === null || fprR === null ? null : Math.min(tprR, fprR),
    equal_opportunity_difference: tprD,
    equal_opportunity_ratio: tprR,
  };
  const components: Record<string, number | null> = {
    selection_rate_difference: dpd,
    selection_rate_ratio: dpr,
    true_positive_rate_difference: tprD,
    true_positive_rate_ratio: tprR,
    false_positive_rate_difference: fprD,
    false_positive_rate_ratio: fprR,
    selection_rate_min_group: sel.n ? sel.argmin : null,
    selection_rate_max_group: sel.n ? sel.argmax : null,
    true_positive_rate_min_group: tpr.n ? tpr.argmin : null,
    true_positive_rate_max_group: tpr.n ? tpr.argmax : null,
    false_positive_rate_min_group: fpr.n ? fpr.argmin : null,
    false_positive_rate_max_group: fpr.n ? fpr.argmax : null,
  };
  const result: AggregateResult = { metrics, components };
  if (reference) {
    let refSel = 0, refCount = 0;
    for (const g of reference.groups) {
      refSel += cells[4 * g + TP] + cells[4 * g + FP];
      refCount += cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
    }
    const refRate = refCount > 0 ? refSel / refCount : null;
    const di: (number | null)[] = new Array(G).fill(null);
    let diMin: number | null = null;
    let spd: number | null = null, spdGroup = -1;
    for (let g = 0; g < G; g++) {
      if (!include[g] || g === reference.self || refRate === null) continue;
      const count = cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
      const rate = (cells[4 * g + TP] + cells[4 * g + FP]) / count;
      const d = rate - refRate;
      if (spd === null || Math.abs(d) > Math.abs(spd)) { spd = d; spdGroup = g; }
      if (refRate > 0) {
        di[g] = rate / refRate;
        if (diMin === null || di[g]! < diMin) diMin = di[g];
      }
    }
    metrics.disparate_impact = diMin;
    metrics.statistical_parity_difference = spd;
    result.disparateImpact = di;
    result.referenceSelectionRate = refRate;
    result.spdGroup = spdGroup;
  }
  return result;
}

export interface BootstrapResult {
  /** 95 % percentile intervals (2.5 %, 97.5 %) for every aggregate whose point estimate is a number. */
  ci: Record<string, [number, number]>;
  /** Resamples in which an aggregate was undefined (e.g. a small group drew no positives), per metric. */
  undefinedResamples: Record<string, number>;
  /** Metrics without an interval because more than half of the resamples left them undefined. */
  noInterval: string[];
}

/**
 * Stratified parametric bootstrap on the confusion cells: in each resample every group keeps its size n_g and its
 * four cells are redrawn as Multinomial(n_g; TP/n_g, FP/n_g, TN/n_g, FN/n_g) — the exact distribution of the cell
 * counts of a row-level resample within the group, drawn in O(groups) instead of O(rows) (as conditional
 * binomials: TP, then FP among the rest, then TN among the rest). Each resample goes through the same `aggregate`
 * as the point estimate (same inclusion set: group sizes do not change).
 */
export function bootstrap(
  cells: Float64Array,
  include: Uint8Array,
  reference: ReferenceSpec | undefined,
  metricNames: string[],
  point: Record<string, number | null>,
  resamples: number,
  r: Rng,
  /** Called every 64 resamples with the number done (the run's budget check, progress lines). */
  checkBudget?: (done: number) => void,
): BootstrapResult {
  const G = include.length;
  const draws = new Float64Array(cells.length);
  // Only groups that matter for some aggregate need redrawing: included ones and the reference's.
  const needed = new Uint8Array(G);
  for (let g = 0; g < G; g++) needed[g] = include[g];
  for (const g of reference?.groups ?? []) needed[g] = 1;
  const values = metricNames.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    if (checkBudget && (b & 63) === 0) checkBudget(b);
    for (let g = 0; g < G; g++) {
      if (!needed[g]) continue;
      const tp = cells[4 * g + TP], fp = cells[4 * g + FP], tn = cells[4 * g + TN];
      const n = tp + fp + tn + cells[4 * g + FN];
      const dTP = binomial(r, n, tp / n);
      let rest = n - dTP, restMass = n - tp;
      const dFP = restMass > 0 ? binomial(r, rest, fp / restMass) : 0;
      rest -= dFP; restMass -= fp;
      const dTN = restMass > 0 ? binomial(r, rest, tn / restMass) : 0;
      draws[4 * g + TP] = dTP;
      draws[4 * g + FP] = dFP;
      draws[4 * g + TN] = dTN;
      draws[4 * g + FN] = rest - dTN;
    }
    const m = aggregate(draws, include, reference).metrics;
    for (let j = 0; j < metricNames.length; j++) {
      const v = m[metricNames[j]];
      values[j][b] = v === null || v === undefined ? NaN : v;
    }
  }
  const ci: Record<string, [number, number]> = {};
  const undefinedResamples: Record<string, number> = {};
  const noInterval: string[] = [];
  metricNames.forEach((name, j) => {
    if (point[name] === null || point[name] === undefined) return;
    const finite = values[j].filter((v) => Number.isFinite(v)).sort();
    const missing = resamples - finite.length;
    if (missing > 0) undefinedResamples[name] = missing;
    if (finite.length === 0 || missing * 2 > resamples) {
      noInterval.push(name);
      return;
    }
    ci[name] = [quantileSorted(finite, 0.025), quantileSorted(finite, 0.975)];
  });
  return { ci, undefinedResamples, noInterval };
}
