import type { Dataset } from '../data/types.ts';
import type { Check, GateResult } from '../types/report-parts.ts';
import type { Predictions } from '../types/predictions.ts';
import type { Logger } from '../types/log.ts';
import type { PositionOf } from '../types/position.ts';

export type { Predictions, Logger, PositionOf };

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
