/** The accuracy gate's policy section (`gates.accuracy`, policies/model-gate.schema.json `$defs.accuracy`). */
import type { Thresholds } from '../../types/policy-parts.ts';

export const ACCURACY_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const;
export type AccuracyMetric = (typeof ACCURACY_METRICS)[number];

export interface AccuracyGatePolicy {
  dataset: string;
  thresholds?: Thresholds<AccuracyMetric>;
}
