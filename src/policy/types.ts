/**
 * The policy (docs/design.md §4), typed with the YAML keys exactly as written so that error paths, annotations and the
 * policy text agree. `policies/model-gate.schema.json` is the source of truth; `parsePolicy` (load.ts) returns
 * a `Policy` with every documented default applied (the `?` keys below have no default: absent means "none",
 * "all rows", "detected" or "argmax" as documented on each).
 */

import type { Thresholds, GateOn, OutputKind, InputDType, ModelInputPolicy, ModelPolicy, Threshold } from '../types/policy-parts.ts';
import { ACCURACY_METRICS, type AccuracyGatePolicy, type AccuracyMetric } from '../gates/accuracy/policy.ts';
import {
  ATTACK_NAMES, ROBUSTNESS_METRICS, type AttackName, type ColumnRef, type EpsilonScale, type Norm, type RobustnessGatePolicy,
  type RobustnessLabels, type RobustnessMetric,
} from '../gates/robustness/policy.ts';
import {
  MEMORISATION_METRICS, type MembershipScore, type MemorisationGatePolicy, type MemorisationMetric, type ReferenceModelPolicy,
} from '../gates/memorisation/policy.ts';
import { FAIRNESS_METRICS, type FairnessGatePolicy, type FairnessMetric } from '../gates/fairness/policy.ts';
import type { ClaimPolicy, ModelCardGatePolicy } from '../gates/model-card/policy.ts';

export type { Threshold, Thresholds, GateOn, OutputKind, InputDType, ModelInputPolicy, ModelPolicy };
export type { AccuracyGatePolicy, AccuracyMetric, AttackName, ColumnRef, EpsilonScale, Norm, RobustnessGatePolicy, RobustnessLabels, RobustnessMetric };
export type { MembershipScore, MemorisationGatePolicy, MemorisationMetric, ReferenceModelPolicy, FairnessGatePolicy, FairnessMetric };
export type { ClaimPolicy, ModelCardGatePolicy };
export { ATTACK_NAMES };

export type SignatureFormat = 'auto' | 'oms' | 'sigstore-bundle' | 'cosign';
export type SampleMode = 'first' | 'stratified';

/** Metric names a gate's `thresholds` may use (anything else is a policy error). */
export const GATE_METRICS = {
  accuracy: ACCURACY_METRICS,
  robustness: ROBUSTNESS_METRICS,
  memorisation: MEMORISATION_METRICS,
  fairness: FAIRNESS_METRICS,
} as const;

export type GateName = 'accuracy' | 'robustness' | 'memorisation' | 'fairness' | 'model-card';
export const GATE_NAMES: readonly GateName[] = ['accuracy', 'robustness', 'memorisation', 'fairness', 'model-card'];

export type MetricName = AccuracyMetric | RobustnessMetric | MemorisationMetric | FairnessMetric;

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
