/**
 * The regression gate's policy section (`gates.regression`, policies/model-gate.schema.json `$defs.regression`), as
 * `parsePolicy` returns it: every documented default applied (`datasets` defaults to the accuracy gate's dataset,
 * src/policy/load.ts; the `?` keys have none).
 */
import type { GateOn } from '../../types/policy-parts.ts';

/** What `thresholds` may name: the deltas (head − base) and the paired statistics. */
export const REGRESSION_METRICS = [
  'accuracy_delta', 'roc_auc_delta', 'mcnemar_p', 'negative_flip_rate', 'positive_flip_rate', 'churn',
  'prediction_js_distance', 'mean_abs_true_class_change',
] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

/** The metrics that are a head − base delta: thresholds on them are `max-drop` / `max-rise`. */
export const DELTA_METRICS = ['accuracy_delta', 'roc_auc_delta'] as const satisfies readonly RegressionMetric[];

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
  thresholds?: Partial<Record<RegressionMetric, RegressionThreshold>>;
}
