/**
 * The robustness framework's interfaces. Attacks work in a flat float32 "feature space": `x0` is row-major
 * [n, D], one row per point, with a per-row shape (e.g. [1, 28, 28]) for attacks that care about locality.
 * Every attack calls `constraints.project` after every step, so every candidate it evaluates respects the
 * epsilon ball, the bounds, the immutable features, the integer features and the one-hot groups.
 */
import type * as ort from 'onnxruntime-node';
import type { Rng } from '../../util/random.ts';

export type Norm = 'linf' | 'l2';
export type LossKind = 'ce' | 'margin' | 'dlr' | 'dlr-targeted';
export type AttackMethod = 'white-box' | 'score-based' | 'decision-based';

/**
 * The model as the attacks see it. `points` names the rows of `x` (indices into the attack's point set, i.e.
 * rows of `AttackInput.x0`): the oracle needs them to fill the model inputs that are not in the feature space
 * (string or integer columns). `x` is [points.length, D].
 */
export interface ModelOracle {
  readonly classes: number;
  /** Float32 scores [points.length, classes] that the loss is computed on (logits, or log-probabilities). */
  logits(x: Float32Array, points: Int32Array): Promise<Float32Array>;
  /**
   * Only for white-box oracles: the scores, the per-point loss (to be MAXIMISED by an attack) and its exact
   * gradient with respect to x ([points.length, D]). `labels` and `targets` are class indices per row of x.
   */
  lossAndGrad?(
    x: Float32Array,
    points: Int32Array,
    labels: Int32Array,
    loss: LossKind,
    targets?: Int32Array,
  ): Promise<{ logits: Float32Array; loss: Float32Array; grad: Float32Array }>;
  /** Model evaluations so far (one per row of x per call). */
  queries: number;
}

/** The threat model in feature space. Build it with `makeConstraints` (constraints.ts). */
export interface Constraints {
  readonly D: number;
  readonly norm: Norm;
  /** Absolute radius per feature (0 where the feature may not move). One-hot features have their own budget. */
  readonly eps: Float64Array;
  /** Bounds per feature (-Infinity / Infinity when none). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** 1 where the feature may move at all. */
  readonly mutable: Uint8Array;
  /** 1 for integer features (rounded after every step). */
  readonly integer: Uint8Array;
  /** Feature indices of each one-hot group (continuous relaxation during the attack, one-hot after projection). */
  readonly oneHotGroups: readonly Int32Array[];
  readonly maxCategoricalChanges: number;
  /** 1 for features that belong to a one-hot group (outside the epsilon ball, budget = maxCategoricalChanges). */
  readonly inOneHot: Uint8Array;
  /**
   * Projects rows of `xAdv` ([rows.length, D] when `rows` is given, else [n, D]) in place onto the feasible set
   * around the matching rows of `x0` ([*, D], indexed by `rows[r]`, or r when `rows` is absent). After it,
   * every row is within the ball (exactly, in float32), the bounds, integral where required, and one-hot.
   */
  project(xAdv: Float32Array, x0: Float32Array, n: number, rows?: Int32Array): void;
  /** Perturbation of one row: max |δᵢ| (linf) or ‖δ‖₂ (l2), and the same relative to the per-feature epsilon. */
  perturbation(x: Float32Array, xOff: number, x0: Float32Array, x0Off: number): { abs: number; ratio: number; categorical: number };
  /** True when the row is feasible (ratio ≤ 1 + 1e-6, bounds, integers, one-hot budget). */
  feasible(x: Float32Array, xOff: number, x0: Float32Array, x0Off: number): boolean;
}

export interface AttackInput {
  /** Clean points [n, D]. */
  x0: Float32Array;
  n: number;
  /** Per-row shape of the feature space. */
  shape: readonly number[];
  /** The class each point must keep (true labels, or clean predictions with `labels: predicted`). */
  labels: Int32Array;
  /** Which points to attack (the others are left alone: clean errors, or broken by an earlier attack). */
  active: Uint8Array;
  constraints: Constraints;
  oracle: ModelOracle;
  /** Stable identifiers of the points (e.g. dataset rows): random draws derive from (seed, attack, id), so a
   * point's result does not depend on the batch it was attacked in. */
  ids: Int32Array;
  seed: number;
  /** Called in long loops; throws when the run's budget is exhausted. */
  checkBudget?: () => void;
  /** Called while the attack runs (progress lines only: it never changes a result). */
  progress?: (p: AttackProgress) => void;
}

/** How far an attack is, over its active points. */
export interface AttackProgress {
  /** Active points the attack is finished with: broken, or their budget spent. */
  done: number;
  /**
   * Active points it has broken so far (claimed; the gate re-checks them afterwards). Absent while an attack that
   * decides only at its end (hsja) runs.
   */
  broken?: number;
  /** At most this many more model evaluations before the attack ends (the live points' remaining budget). */
  remainingQueries: number;
}

export interface AttackResult {
  /** Adversarial points [n, D] (rows of points not broken: the clean point). */
  xAdv: Float32Array;
  /** 1 where the attack found a feasible misclassified point (before the gate's re-check). */
  success: Uint8Array;
  /** Model evaluations used. */
  queries: number;
  /** 1 where the attack changed the loss or the scores at all (for black-box "no progress" detection). */
  progressed?: Uint8Array;
}

export interface Attack {
  readonly name: string;
  readonly method: AttackMethod;
  /** The effective parameters, reported as they are. */
  readonly parameters: Record<string, unknown>;
  /** White-box attacks need `oracle.lossAndGrad`. */
  readonly needsGradient: boolean;
  run(input: AttackInput): Promise<AttackResult>;
}

/** What the robustness gate uses of `ctx.model` and its feature views (declared on the gate context). */
export type { GateModel as RobustnessModel, GateFeatureView as RobustnessFeatureView } from '../types.ts';
