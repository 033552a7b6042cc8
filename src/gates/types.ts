import type { Dataset } from '../data/types.ts';
import type { Check, GateResult } from '../report/types.ts';

/**
 * The model's outputs on one dataset, computed once and shared by every gate.
 * Binary models with a single logit z are expanded to logits [0, z]; a single sigmoid probability p to [1-p, p].
 */
export interface Predictions {
  dataset: string;
  rows: number;
  classes: number;
  /** What `scores` holds. `label`: the model gives only a predicted class; `scores` is then absent. */
  kind: 'logits' | 'probabilities' | 'label';
  /** Row-major [rows, classes]; logits or probabilities as the model gave them (float32 widened to float64). */
  scores?: Float64Array;
  /** Predicted class index per row (argmax of scores, or the model's label mapped to an index). */
  predicted: Int32Array;
  /** True class index per row (-1 where the label is missing or unknown); undefined if the dataset has no labels. */
  labels?: Int32Array;
  /** The class values, index -> label as written in the data (e.g. [0, 1] or ['<=50K', '>50K']). */
  classLabels: (string | number)[];
}

/** Positions of the policy's keys, for annotations (1-based). */
export type PositionOf = (path: (string | number)[]) => { file: string; line: number; col: number } | undefined;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a gate receives. A gate must not read files or the clock; everything comes through here. */
export interface GateContext<P = Record<string, unknown>> {
  /** The gate's own section of the policy (already validated by the schema). */
  policy: P;
  /** The policy's seed (every random choice derives from it). */
  seed: number;
  dataset(name: string): Dataset;
  predictions(name: string): Promise<Predictions>;
  /** The model, for gates that must query it again (robustness). Typed as unknown here; see model/. */
  model: unknown;
  log: Logger;
  position: PositionOf;
  /** Throws a GateError('budget') when the run's budget-minutes are used up; call it in long loops. */
  checkBudget(): void;
}

/** What a gate returns; thresholds are evaluated centrally (gates/thresholds.ts). */
export interface GateOutcome {
  metrics: Record<string, unknown>;
  ci?: Record<string, [number, number]>;
  details: Record<string, unknown>;
  warnings?: string[];
  /** Checks the gate evaluates itself (e.g. max-duplicates, claims); merged with the threshold checks. */
  extraChecks?: Check[];
}

export interface GateDefinition<P = Record<string, unknown>> {
  name: string;
  /** Metric names that `thresholds` may name (anything else is a policy error). */
  metrics: readonly string[];
  /** Policy keys besides `thresholds` that make the gate check something (e.g. memorisation's max-duplicates). */
  checkKeys?: readonly string[];
  run(ctx: GateContext<P>): Promise<GateOutcome>;
}

export type { GateResult };
