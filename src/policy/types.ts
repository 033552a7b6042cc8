/**
 * The policy (docs/design.md §4), typed with the YAML keys exactly as written so that error paths, annotations and the
 * policy text agree. `policies/model-gate.schema.json` is the source of truth; `parsePolicy` (load.ts) returns
 * a `Policy` with every documented default applied (the `?` keys below have no default: absent means "none",
 * "all rows", "detected" or "argmax" as documented on each). Each gate's section is its own type
 * (src/gates/<name>/policy.ts, the policy type of its GateDefinition): `gates`, the gate names and their metrics are
 * derived from the gate registry.
 */

import type { GateOn, InputDType, ModelInputPolicy, ModelPolicy, OutputKind, Threshold, Thresholds } from '../types/policy-parts.ts';
import { GATES, type GateName, type GatePolicies } from '../gates/registry.ts';

export type { GateOn, InputDType, ModelInputPolicy, ModelPolicy, OutputKind, Threshold, Thresholds };
export type { GateName };

export type SignatureFormat = 'auto' | 'oms' | 'sigstore-bundle' | 'cosign';
export type SampleMode = 'first' | 'stratified';

/** The registered gates' names, in registry order (src/gates/registry.ts). */
export const GATE_NAMES: readonly GateName[] = GATES.map((g) => g.name);

/**
 * Metric names a gate's `thresholds` may use (anything else is a policy error): each registered gate's `metrics`, by
 * gate name in registry order, for the gates that have metrics.
 */
export const GATE_METRICS: Readonly<Partial<Record<GateName, readonly string[]>>> = Object.fromEntries(
  GATES.filter((g) => g.metrics.length > 0).map((g) => [g.name, g.metrics]),
);

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
  /** Default (src/policy/load.ts): stratified when the dataset has labels (`label` or `labels`), else first. */
  sample: SampleMode;
}

/** The policy's `gates`: each registered gate's own policy section (src/gates/<name>/policy.ts), by name. */
export type GatesPolicy = GatePolicies;

export interface Policy {
  version: 1;
  /** Default 0. */
  seed: number;
  /** Default 60. */
  'budget-minutes': number;
  /** Default 1024: the gradient model's memory budget (src/model/gradient/memory.ts). */
  'memory-budget-mb': number;
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
