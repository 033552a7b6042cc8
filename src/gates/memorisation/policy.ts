/**
 * The memorisation gate's policy section (`gates.memorisation`, policies/model-gate.schema.json `$defs.memorisation`),
 * as `parsePolicy` returns it: every documented default applied (the `?` keys have none).
 */
import type { GateOn, Thresholds } from '../../types/policy-parts.ts';

export type MembershipScore = 'loss' | 'confidence' | 'entropy' | 'logit-scaled';

export const MEMORISATION_METRICS = [
  'auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001', 'train_accuracy', 'holdout_accuracy', 'generalization_gap',
] as const;
export type MemorisationMetric = (typeof MEMORISATION_METRICS)[number];

export interface ReferenceModelPolicy {
  path: string;
  sha256: string;
}

export interface MemorisationGatePolicy {
  members: string;
  'non-members': string;
  score: MembershipScore;
  'reference-models'?: ReferenceModelPolicy[];
  population?: string;
  /** Default: none (reported only). */
  'max-duplicates'?: number;
  'gate-on': GateOn;
  bootstrap: number;
  thresholds?: Thresholds<MemorisationMetric>;
}
