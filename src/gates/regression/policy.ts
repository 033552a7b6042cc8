/**
 * The regression gate's policy section (`gates.regression`, policies/model-gate.schema.json `$defs.regression`), as
 * `parsePolicy` returns it: every documented default applied (`datasets` defaults to the accuracy gate's dataset,
 * src/policy/load.ts; the `?` keys have none).
 */
import type { GateOn } from '../../types/policy-parts.ts';

/**
 * The other gates' metrics the regression gate can compare (`compare`): each is that gate's metric, measured by that
 * gate on the head and, run again with the same policy section and seed, on the baseline.
 */
export const COMPARED = {
  robust_accuracy: { gate: 'robustness', metric: 'robust_accuracy' },
  demographic_parity_difference: { gate: 'fairness', metric: 'demographic_parity_difference' },
  membership_auc: { gate: 'memorisation', metric: 'auc' },
} as const;
export type ComparedMetric = keyof typeof COMPARED;
const COMPARED_METRICS = Object.keys(COMPARED) as ComparedMetric[];

/** The deltas of the compared gates' metrics (one value per run, on that gate's own dataset), in COMPARED order. */
export const COMPARED_DELTAS = COMPARED_METRICS.map((m) => `${m}_delta` as const);

/** What `thresholds` may name: the deltas (head − base) and the paired statistics. */
export const REGRESSION_METRICS = [
  'accuracy_delta', 'roc_auc_delta', 'mcnemar_p', 'negative_flip_rate', 'positive_flip_rate', 'churn',
  'prediction_js_distance', 'mean_abs_true_class_change', ...COMPARED_DELTAS,
] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

/** The metrics that are a head − base delta: thresholds on them are `max-drop` / `max-rise`. */
export const DELTA_METRICS = ['accuracy_delta', 'roc_auc_delta', ...COMPARED_DELTAS] as const satisfies readonly RegressionMetric[];

/**
 * A threshold of the regression gate: on a delta, `max-drop` (delta ≥ −max-drop) and/or `max-rise`
 * (delta ≤ max-rise), in the metric's units; on the other metrics `min` and/or `max`.
 */
export interface RegressionThreshold {
  'max-drop'?: number;
  'max-rise'?: number;
  min?: number;
  max?: number;
}

/** `gates.regression.baseline`: a baseline model pinned by sha256 (else the base commit's model). */
export interface BaselinePin {
  path: string;
  sha256: string;
}

/** `gate-on` of the regression gate: `ci-bound` is the name the gate documents for `conservative`. */
export type RegressionGateOn = GateOn | 'ci-bound';

export interface RegressionGatePolicy {
  /** The datasets both models run on; default `[gates.accuracy.dataset]` (src/policy/load.ts). */
  datasets: string[];
  baseline?: BaselinePin;
  mcnemar: 'exact' | 'mid-p';
  'gate-on': RegressionGateOn;
  bootstrap: number;
  /**
   * Other gates' metrics to compare too (their gate must be in the policy; it runs again on the baseline). Those a
   * threshold names (`<metric>_delta`) are compared whether listed or not.
   */
  compare?: ComparedMetric[];
  thresholds?: Partial<Record<RegressionMetric, RegressionThreshold>>;
}

/** The compared metrics of a policy section: `compare`, then those named by a threshold, in COMPARED order. */
export function comparedMetrics(p: Pick<RegressionGatePolicy, 'compare' | 'thresholds'>): ComparedMetric[] {
  return COMPARED_METRICS.filter((m) => p.compare?.includes(m) || p.thresholds?.[`${m}_delta`] !== undefined);
}
