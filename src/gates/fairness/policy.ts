/**
 * The fairness gate's policy section (`gates.fairness`, policies/model-gate.schema.json `$defs.fairness`), as
 * `parsePolicy` returns it: every documented default applied (the `?` keys have none).
 */
import type { GateOn, Thresholds } from '../../types/policy-parts.ts';
import { AGGREGATES, REFERENCE_AGGREGATES } from './compute.ts';

export const FAIRNESS_METRICS = [...AGGREGATES, ...REFERENCE_AGGREGATES] as const;
export type FairnessMetric = (typeof FAIRNESS_METRICS)[number];

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
