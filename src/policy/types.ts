/**
 * The policy (docs/design.md §4), typed with the YAML keys exactly as written so that error paths, annotations and the
 * policy text agree. `policies/model-gate.schema.json` is the source of truth; `parsePolicy` (load.ts) returns
 * a `Policy` with every documented default applied (the `?` keys below have no default: absent means "none",
 * "all rows", "detected" or "argmax" as documented on each).
 */

export type Norm = 'linf' | 'l2';
export type EpsilonScale = 'absolute' | 'std';
export type AttackName = 'apgd-ce' | 'apgd-dlr' | 'apgd-t' | 'apgd-margin' | 'pgd' | 'fgsm' | 'square' | 'hsja' | 'tree';
export type RobustnessLabels = true | 'predicted';
export type MembershipScore = 'loss' | 'confidence' | 'entropy' | 'logit-scaled';
export type GateOn = 'point' | 'conservative' | 'lenient';
export type SignatureFormat = 'auto' | 'oms' | 'sigstore-bundle' | 'cosign';
export type SampleMode = 'first' | 'stratified';
export type OutputKind = 'logits' | 'probabilities' | 'label';
export type InputDType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool';
/** A column name (tabular) or a 0-based feature index in the flattened tensor (`.npy`). */
export type ColumnRef = string | number;

export const ATTACK_NAMES: readonly AttackName[] = ['apgd-ce', 'apgd-dlr', 'apgd-t', 'apgd-margin', 'pgd', 'fgsm', 'square', 'hsja', 'tree'];

/** Metric names a gate's `thresholds` may use (anything else is a policy error). */
export const GATE_METRICS = {
  accuracy: ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'],
  robustness: ['clean_accuracy', 'robust_accuracy', 'attack_success_rate', 'prediction_stability', 'max_perturbation', 'max_perturbation_ratio'],
  memorisation: ['auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001', 'train_accuracy', 'holdout_accuracy', 'generalization_gap'],
  fairness: [
    'demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio',
    'equal_opportunity_difference', 'equal_opportunity_ratio', 'disparate_impact', 'statistical_parity_difference',
  ],
} as const;

export type GateName = 'accuracy' | 'robustness' | 'memorisation' | 'fairness' | 'model-card';
export const GATE_NAMES: readonly GateName[] = ['accuracy', 'robustness', 'memorisation', 'fairness', 'model-card'];

export type AccuracyMetric = (typeof GATE_METRICS.accuracy)[number];
export type RobustnessMetric = (typeof GATE_METRICS.robustness)[number];
export type MemorisationMetric = (typeof GATE_METRICS.memorisation)[number];
export type FairnessMetric = (typeof GATE_METRICS.fairness)[number];
export type MetricName = AccuracyMetric | RobustnessMetric | MemorisationMetric | FairnessMetric;

/** `{min?, max?}`, at least one of them. */
export interface Threshold {
  min?: number;
  max?: number;
}
export type Thresholds<M extends string> = Partial<Record<M, Threshold>>;

export interface ModelInputPolicy {
  from: string | string[];
  /** Default: the model input's own element type. */
  dtype?: InputDType;
}

export interface ModelPolicy {
  path: string;
  card?: string;
  /** Default: one float input fed with all features. */
  inputs?: Record<string, ModelInputPolicy>;
  /** Default: detected (ambiguous models are an error). */
  output?: { name?: string; kind?: OutputKind };
}

export interface KeylessPolicy {
  identity?: string | string[];
  'identity-regex'?: string;
  issuer: string;
}

export interface SignaturePolicy {
  /** Default true. */
  required: boolean;
  /** Present whenever `required` is true. */
  bundle?: string;
  /** Default auto. */
  format: SignatureFormat;
  /** Default: `model.path` (applied by the loader). */
  subject: string;
  keyless?: KeylessPolicy;
  key?: string;
  'certificate-roots'?: string | string[];
  /** Default: the public-good root shipped in dist. */
  'trusted-root'?: string;
  /** Default []. */
  'ignore-paths': string[];
}

export interface DatasetTransform {
  scale?: number;
  mean?: number | number[];
  std?: number | number[];
  reshape?: number[];
}

export interface DatasetPolicy {
  path: string;
  label?: string;
  /** `.npy` labels file. */
  labels?: string;
  sha256?: string;
  /** Pin of the `labels` file. */
  'labels-sha256'?: string;
  /** Default []. */
  exclude: string[];
  transform?: DatasetTransform;
  'label-map'?: Record<string, string | number>;
  /** Default first. */
  sample: SampleMode;
}

export interface AccuracyGatePolicy {
  dataset: string;
  thresholds?: Thresholds<AccuracyMetric>;
}

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
  'one-hot': ColumnRef[][];
  'max-categorical-changes': number;
  attacks: 'auto' | AttackName[];
  queries: number;
  labels: RobustnessLabels;
  thresholds?: Thresholds<RobustnessMetric>;
}

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

export interface FairnessGatePolicy {
  dataset: string;
  sensitive: string[];
  'positive-label'?: string | number;
  /** Default: argmax. */
  'decision-threshold'?: number;
  'reference-group'?: Record<string, string | number | boolean>;
  'min-group-size': number;
  'gate-on': GateOn;
  bootstrap: number;
  thresholds?: Thresholds<FairnessMetric>;
}

export interface ClaimPolicy {
  measured: MetricName;
  /** Default 0.01. */
  tolerance: number;
}

export interface ModelCardGatePolicy {
  /** Default {}. */
  claims: Record<string, ClaimPolicy>;
  /** Default warn. */
  'on-mismatch': 'warn' | 'fail';
}

export interface GatesPolicy {
  accuracy?: AccuracyGatePolicy;
  robustness?: RobustnessGatePolicy;
  memorisation?: MemorisationGatePolicy;
  fairness?: FairnessGatePolicy;
  'model-card'?: ModelCardGatePolicy;
}

export interface Policy {
  version: 1;
  /** Default 0. */
  seed: number;
  /** Default 60. */
  'budget-minutes': number;
  model: ModelPolicy;
  signature: SignaturePolicy;
  /** Default {}. */
  datasets: Record<string, DatasetPolicy>;
  /** Default {}. */
  gates: GatesPolicy;
}

import type { PolicyPath } from '../types/position.ts';
export type { PolicyPath, PolicyPosition, PositionOf } from '../types/position.ts';

/** `gates.robustness.attacks[1]` style rendering of a policy path. */
export function formatPath(path: PolicyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(the policy)' : out;
}
