import type * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/types.ts';
import type { FeatureView } from '../model/features.ts';
import type { GateError } from '../errors.ts';
import type { ClaimCheck } from '../modelcard/claims.ts';
import type { Check, GateResult } from '../types/report-parts.ts';
import type { Predictions } from '../types/predictions.ts';
import type { Logger } from '../types/log.ts';
import type { PositionOf } from '../types/position.ts';
import type { ProgressSink } from '../types/progress.ts';

export type { Predictions, Logger, PositionOf, ProgressSink };

/**
 * The subset of src/model/features.ts `FeatureView` a gate may use. `floatInputs` (where each float model input sits
 * in the feature space) may be absent in tests: a model with one float input is then assumed to take the whole space.
 */
export type GateFeatureView = Pick<FeatureView, 'dim' | 'rowShape' | 'featureNames' | 'perturbable' | 'batchSize' | 'features' | 'feeds'> &
  Partial<Pick<FeatureView, 'floatInputs' | 'fixedInputs'>>;

/**
 * The loaded, verified target model, for gates that query it again (robustness). `featureView(dataset)` is the same
 * object the shared predictions were computed with.
 */
export interface GateModel {
  /** The model file's bytes (for the gradient graph). */
  bytes: Uint8Array;
  /**
   * The model's verified external-data files (src/model/load.ts): every session built from `bytes` gets them in
   * memory, so onnxruntime never resolves a data file by path.
   */
  externalData?: { path: string; data: Uint8Array }[];
  /** Float outputs name used for scores, and what it holds. */
  output: { name: string; kind: 'logits' | 'probabilities' | 'label' };
  classes: number;
  /** Intra-op threads the forward session uses (the gradient session uses the same). */
  threads: number;
  /** Bytes the gradient model may use (the policy's `memory-budget-mb`); absent: 1 GiB. */
  memoryBudget?: number;
  /** The feature space of a dataset (see src/model/features.ts FeatureView). */
  featureView(dataset: string): GateFeatureView;
  /** Runs the forward model on feeds, returning the named outputs. */
  run(feeds: Record<string, ort.Tensor>, outputs: string[]): Promise<Record<string, ort.Tensor>>;
  /** How the policy samples the dataset (`datasets.<name>.sample`); absent: `stratified` when it has labels, else `first`. */
  sampleMode?(dataset: string): 'first' | 'stratified';
}

/**
 * Runs the policy's reference models (memorisation's offline LiRA and RMIA). Contract:
 * - `modelPath` is the policy's `reference-models[i].path` as written (workspace-relative); the engine resolves it
 *   like `model.path` (inside the workspace, no symlinks out, Git LFS pointers explained), checks the file's sha256
 *   against `sha256` BEFORE executing it (mismatch: GateError kind `fail`, it is tampering), loads it with the same
 *   input mapping and output selection as the target model (`model.inputs`, `model.output`), and returns its
 *   outputs on the named policy dataset exactly as `ctx.predictions(dataset)` does for the target model (same rows in
 *   the same order, same class order, `kind` logits or probabilities).
 * - The engine may cache results and releases each reference model after the gates; it calls the budget check.
 */
export interface ReferenceRunner {
  predictions(modelPath: string, sha256: string, dataset: string): Promise<Predictions>;
}

/** Which baseline model the regression gate compares the head with, as the engine resolved and verified it. */
export interface BaselineInfo {
  /** `base-commit`: the trusted policy's `model.path` at the event's base commit; `pinned`: `gates.regression.baseline`. */
  source: 'base-commit' | 'pinned';
  /** Workspace-relative path of the baseline model. */
  path: string;
  /** sha256 of the bytes that ran. */
  sha256: string;
  /** How those bytes were vouched for: `verified` (the base policy's signature), `pinned` (the sha256 pin), `unsigned` (signature.required false and no signature). */
  signature: 'verified' | 'pinned' | 'unsigned';
}

/**
 * The regression gate's baseline model. Contract:
 * - `resolve()` reads, verifies and loads the baseline ONCE (docs/design.md §7): a `gates.regression.baseline` pin of
 *   the trusted policy (resolved like `model.path`, sha256 checked BEFORE the bytes run: mismatch is a GateError of
 *   kind `fail`), else the trusted policy's `model.path` at the event's base commit (read from the base commit's
 *   files, its signature verified with the trusted policy's `signature` section and trust files; those bytes run).
 *   Returns `{ none: reason }` when there is no baseline (no base commit and no pin, or no model at the base commit):
 *   the gate is then skipped, never passed.
 * - `predictions(dataset)` are the baseline's outputs on the dataset exactly as `ctx.predictions` gives the head's
 *   (same input mapping and output selection, `model.inputs` / `model.output`; same rows, same class order), computed
 *   once per dataset.
 */
export interface BaselineRunner {
  resolve(): Promise<{ baseline: BaselineInfo } | { none: string }>;
  predictions(dataset: string): Promise<Predictions>;
  /**
   * The named measuring gate run on the baseline, exactly as the engine runs it on the head: the same gate definition,
   * the trusted policy's section of that gate, the same seed, datasets and reference models, with the baseline's
   * predictions and model in place of the head's. Computed once per gate. Throws what the gate throws.
   */
  outcome(gate: string): Promise<GateOutcome>;
}

/**
 * A metric as a function of per-row bootstrap weights, for the regression gate's paired comparison of the same
 * metric on two models (`GateOutcome.paired`). Two models' PairedMetrics of one gate are comparable row by row when
 * their `rows` and `strata` are equal (the same rows in the same order: a seeded sample that does not depend on the
 * model).
 */
export interface PairedMetric {
  /** The dataset(s) the rows are from, as the policy names them (`members + non-members` for two). */
  dataset: string;
  /** Which rows, in order (dataset row indices; for two datasets, a gate-defined numbering, e.g. members then non-members). */
  rows: Int32Array;
  /** The stratum of each row (the true label; member / non-member): resamples keep each stratum's size. */
  strata: Int32Array;
  /** The metric with row i counted `weights[i]` times; all ones give the reported value; null or NaN when undefined. */
  value(weights: Uint32Array): number | null;
}

/** The model card (`model.card`) as the engine read it, for the gates that run after the measuring ones (model-card). */
export interface GateCard {
  /** Workspace-relative path of the card the head policy names. */
  path: string;
  /** False when that file does not exist (then `report.head` is null and there are no claims). */
  exists: boolean;
  /** Where the policy names the card (`model.card`), for errors about it. */
  where: { file: string; line?: number; col?: number };
  /**
   * The card's claims (src/modelcard ClaimCheck, as in `report.model_card.claims`), compared, with the gate's policy,
   * against the metrics the measuring gates reported in this run: how those metrics reach the gate.
   */
  claims: readonly CardClaim[];
}

/** One claim of the card against a measured metric: the part of src/modelcard's ClaimCheck the model-card gate reads. */
export type CardClaim = Pick<ClaimCheck, 'claim' | 'dataset' | 'claimed' | 'measured' | 'tolerance' | 'pass' | 'note' | 'onMismatch' | 'file' | 'line' | 'col'>;

/**
 * What a gate receives. A gate must not read files or the clock; everything comes through here. Capabilities a gate
 * does not need may be absent (gate unit tests build contexts without them); the engine always provides `model`,
 * `referenceModels` and `baseline` to measuring gates, and `card` to gates of stage `after-measuring`.
 */
export interface GateContext<P = Record<string, unknown>> {
  /** The gate's own section of the policy (already validated by the schema). */
  policy: P;
  /** The policy's seed (every random choice derives from it). */
  seed: number;
  dataset(name: string): Dataset;
  predictions(name: string): Promise<Predictions>;
  /** The target model, for gates that must query it again (robustness). */
  model?: GateModel | null;
  /** The policy's reference models (memorisation). */
  referenceModels?: ReferenceRunner;
  /** The baseline model the head is compared with (regression). */
  baseline?: BaselineRunner;
  /**
   * What a measuring gate that ran before this one returned for the head model (registry order), or undefined when
   * it is not configured or did not return (it threw: its result is an error). The regression gate reads it.
   */
  measured?(gate: string): GateOutcome | undefined;
  /** The model card, when the policy names one (`model.card`). */
  card?: GateCard | null;
  log: Logger;
  /**
   * Where a gate reports the progress of long work (attacks, bootstraps): structured events, never printed by the
   * gate; absent when nobody listens. Events must not change any result.
   */
  progress?: ProgressSink;
  position: PositionOf;
  /** Throws a GateError('budget') when the run's budget-minutes are used up; call it in long loops. */
  checkBudget(): void;
  /**
   * A sharded run (docs/design.md §7 "Shards"), given only to gates that declare `rowWork`; absent in an unsharded
   * run. See GateWork.
   */
  work?: GateWork;
}

/**
 * Sharded runs of a gate whose per-row work is more than predictions (robustness's attacks, poisoning's
 * representations): per-row work is a function of the row alone (its seeded stream, its outputs), so shards can do
 * it apart and a merge can finish it.
 * - `shard`: the gate does the per-row work of `rows(dataset)` (this shard's rows, ascending; the other rows'
 *   predictions are absent: `predicted` -1, scores NaN) and hands its records to `emit`, once; what it returns is
 *   ignored. Everything else it computes (samples, validation) as unsharded, so a shard fails as the run would.
 * - `merge`: the gate does no per-row work; `records()` are the records every shard emitted (shard order) and it
 *   computes its outcome from them: the outcome must be byte-identical to an unsharded run's (tests/shard). It
 *   refuses records whose rows are not their shard's (`shardOf(dataset)[row]`: the row's 1-based shard).
 */
export type GateWork =
  | { mode: 'shard'; k: number; n: number; rows(dataset: string): Int32Array; emit(records: Uint8Array): void }
  | { mode: 'merge'; n: number; records(): Uint8Array[]; shardOf(dataset: string): Int32Array };

/** What a gate returns; thresholds are evaluated centrally (gates/thresholds.ts). `D`: the gate's details type. */
export interface GateOutcome<D extends object = Record<string, unknown>> {
  metrics: Record<string, unknown>;
  ci?: Record<string, [number, number]>;
  details: D;
  /** Warnings for the report (`{ code: 'gate.<name>', message: '<name>: <text>' }`). */
  warnings?: string[];
  /** Checks the gate evaluates itself (e.g. max-duplicates, claims); merged with the threshold checks. */
  extraChecks?: Check[];
  /**
   * What the gate was asked to check but could not, while it still measured the rest (model-card: a missing card, no
   * claims, a claim that cannot be compared): the gate's status is then `error`, its message the first problem's, and
   * each problem is a report error. Nothing measured is never a pass.
   */
  problems?: GateError[];
  /**
   * Why the gate could not run at all for a reason that is not an error of the inputs (regression: no baseline on a
   * push without a base commit): status `skipped` with this message. A run whose every gate is skipped is an error
   * (nothing measured), never a pass.
   */
  skipped?: string;
  /**
   * Per-row forms of some of `metrics` (robust_accuracy, demographic_parity_difference, the membership auc), for the
   * regression gate's paired bootstrap of head − base. Not reported.
   */
  paired?: Record<string, PairedMetric>;
  /** Files for people (the poisoning gate's PNG grid): the entry point writes them next to the report. */
  artifacts?: GateArtifact[];
}

/** A file a gate made for a reviewer (not part of the report; the gate's details name it and its sha256). */
export interface GateArtifact {
  /** File name (no folder), unique per run. */
  name: string;
  bytes: Uint8Array;
  description: string;
}

export interface GateDefinition<P = Record<string, unknown>, D extends object = Record<string, unknown>, N extends string = string> {
  name: N;
  /** Metric names that `thresholds` may name (anything else is a policy error). */
  metrics: readonly string[];
  /** Policy keys besides `thresholds` that make the gate check something (e.g. memorisation's max-duplicates). */
  checkKeys?: readonly string[];
  /**
   * `measuring` (default): measures the model, in registry order. `after-measuring`: runs once the measuring gates
   * are done and reads their metrics (through `ctx.card`): the model-card gate. The registry lists such gates last.
   */
  stage?: 'measuring' | 'after-measuring';
  /**
   * True when the gate evaluates its own `thresholds` (returned in `extraChecks`; regression: per dataset, and
   * `max-drop`/`max-rise` on deltas) instead of the engine's central `evaluateThresholds`.
   */
  ownThresholds?: boolean;
  /**
   * Present when the gate's per-row work is more than the shared predictions and it implements `ctx.work` (sharded
   * runs): the datasets whose shared predictions it reads, from its policy section (a shard predicts their rows, the
   * merge serves them). Other datasets it works on need no predictions: `work.rows` / `work.shardOf` assign any.
   * Gates without it (and not served by the shared predictions, src/shard/needs.ts) are refused in shard mode.
   */
  rowWork?: (policy: P) => string[];
  run(ctx: GateContext<P>): Promise<GateOutcome<D>>;
}

/** The details type a gate definition reports. */
export type DetailsOf<G> = G extends GateDefinition<any, infer D, any> ? D : never;

/** The policy section type a gate definition runs on (`gates.<name>` of the policy). */
export type PolicyOf<G> = G extends GateDefinition<infer P, any, any> ? P : never;

export type { GateResult };
