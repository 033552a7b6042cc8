/**
 * The drift gate's policy section (`gates.drift`, policies/model-gate.schema.json `$defs.drift`), as `parsePolicy`
 * returns it: every documented default applied (the `?` keys have none).
 */
import type { Thresholds } from '../../types/policy-parts.ts';

export const DRIFT_METRICS = ['share_drifted', 'drifted_features'] as const;
export type DriftMetric = (typeof DRIFT_METRICS)[number];

/** The policy's method names (`chi2` is Evidently's `chisquare`); `auto`: Evidently's default choice per feature. */
export const DRIFT_POLICY_METHODS = ['auto', 'ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;
export type DriftPolicyMethod = (typeof DRIFT_POLICY_METHODS)[number];

/** One feature's override (`per-feature.<feature>`). */
export interface DriftFeatureOverride {
  /** Default: the section's `method`. */
  method?: DriftPolicyMethod;
  /** The test's threshold (a p-value or a distance, by method). Default: the section's `threshold`, else the method's default. */
  threshold?: number;
}

export interface DriftGatePolicy {
  /** The reference dataset (e.g. the training sample). */
  reference: string;
  /** The dataset compared with it. */
  current: string;
  /** Default: every model input column of the reference (tabular) or every channel (tensor), plus the prediction features. */
  features?: string[];
  /** Default auto. */
  method: DriftPolicyMethod;
  /** Threshold of every feature's test; only with a `method` other than auto. Default: the method's default. */
  threshold?: number;
  /** Per-feature method and threshold. */
  'per-feature'?: Record<string, DriftFeatureOverride>;
  /** Features that fail the gate when they drift (one check each). */
  'must-not-drift'?: string[];
  thresholds?: Thresholds<DriftMetric>;
}

/**
 * The threshold `p` sets for `feature` (undefined: the method's default): the feature's own, else the section's while
 * the feature keeps the section's method (the section's threshold belongs to its method). The gate tests with it;
 * the loosening check compares it.
 */
export function featureThreshold(p: DriftGatePolicy, feature: string): number | undefined {
  const o = p['per-feature']?.[feature];
  return o?.threshold ?? (o?.method === undefined || o.method === p.method ? p.threshold : undefined);
}
