/**
 * The robustness gate's policy section (`gates.robustness`, policies/model-gate.schema.json `$defs.robustness`), as
 * `parsePolicy` returns it: every documented default applied (the `?` keys have none).
 */
import type { Thresholds } from '../../types/policy-parts.ts';
import type { Norm } from './types.ts';

export type { Norm };
export type EpsilonScale = 'absolute' | 'std';
export type AttackName = 'apgd-ce' | 'apgd-dlr' | 'apgd-t' | 'apgd-margin' | 'pgd' | 'fgsm' | 'square' | 'hsja' | 'tree';
export type RobustnessLabels = true | 'predicted';
/** A column name (tabular) or a 0-based feature index in the flattened tensor (`.npy`). */
export type ColumnRef = string | number;
/** One one-hot group: its columns, or every feature column whose name starts with `prefix` (resolved by one-hot.ts). */
export type OneHotGroup = ColumnRef[] | { prefix: string };

export const ATTACK_NAMES: readonly AttackName[] = ['apgd-ce', 'apgd-dlr', 'apgd-t', 'apgd-margin', 'pgd', 'fgsm', 'square', 'hsja', 'tree'];

export const ROBUSTNESS_METRICS = [
  'clean_accuracy', 'robust_accuracy', 'attack_success_rate', 'prediction_stability', 'max_perturbation', 'max_perturbation_ratio',
] as const;
export type RobustnessMetric = (typeof ROBUSTNESS_METRICS)[number];

export interface RobustnessGatePolicy {
  dataset: string;
  /** Default: all rows. */
  limit?: number;
  norm: Norm;
  epsilon: number | number[];
  'epsilon-scale': EpsilonScale;
  /** Default: none. Each side a scalar or one value per feature. */
  bounds?: [number | number[], number | number[]];
  immutable: ColumnRef[];
  integer: ColumnRef[];
  'one-hot': OneHotGroup[];
  'max-categorical-changes': number;
  attacks: 'auto' | AttackName[];
  queries: number;
  labels: RobustnessLabels;
  thresholds?: Thresholds<RobustnessMetric>;
}
