/**
 * The contract between the reverse sweep (backward.ts) and the per-op gradient rules (rules/*.ts).
 *
 * For each forward node on the differentiated path, in reverse topological order, the sweep looks the node's op
 * up in the registry (rules/index.ts) and calls `backward(ctx, node, gy)` with `gy`, the name of the tensor
 * holding dLoss/d(first output). The rule appends its vector-Jacobian product as ONNX nodes (through `ctx.e`) and
 * returns, for each input of the node (same index as `node.input`), the name of dLoss/d(input) or null. The sweep
 * accumulates what a rule returns for the inputs that are active (inactive ones are dropped), so a rule may
 * return a gradient for an input without checking; it checks `ctx.active` only to avoid emitting unused nodes.
 *
 * Only a node's first output is differentiated: every other output of a supported op (MaxPool Indices, Dropout
 * mask, BatchNormalization statistics) carries no gradient. A rule is not called when its first output has none,
 * except a rule marked `allOutputs` (Split), which is called when any output has one and reads them all with
 * ctx.gradOf.
 * A rule that meets a case it cannot handle calls `ctx.unsupported(node, why)`, which throws UnsupportedOpError
 * (the gate then falls back to black-box attacks).
 */
import type { GraphProto, NodeProto } from '../onnx/proto.ts';
import type { Emitter } from './graph.ts';
import type { Shape } from './types.ts';

export interface BackwardContext {
  /** Appends nodes and constants to the gradient graph. */
  readonly e: Emitter;
  /** The graph being extended (its initializers hold the forward weights). */
  readonly graph: GraphProto;
  /** True for float tensors that depend on a differentiated input and that the scores depend on. */
  active(name: string): boolean;
  /** The probed shape (-1 where the size follows the batch); throws UnsupportedOpError when unknown. */
  shapeOf(name: string): Shape;
  /** The probed element type (the scores' type when unknown). */
  typeOf(name: string): number;
  /** Values of an initializer, or of a small batch-independent tensor seen by the probe. */
  constValue(name: string): number[] | undefined;
  /** Emits Shape(x). */
  shapeNode(x: string): string;
  /** Emits zeros of x's shape and type. */
  zerosLike(x: string): string;
  /** Sums a gradient of (static) shape gShape back to the shape of x (undoes unidirectional broadcasting). */
  reduceTo(gr: string, gShape: Shape, x: string): string;
  /** Throws UnsupportedOpError(node.opType, node.name, why). */
  unsupported(node: NodeProto, why: string): never;
  /**
   * dLoss/d(name) accumulated so far (summed over consumers), or null. For another output of the node being
   * differentiated it is complete: its consumers come later in topological order, so they were swept already.
   */
  gradOf(name: string): string | null;
  /** Throws unless only the first input of the node is active. */
  onlyFirstActive(node: NodeProto): void;
  /** Relu -> MaxPool pairs whose Relu backward is folded into the pool's (fusion.ts): the Relus, and the pools. */
  readonly reluPassThrough: ReadonlySet<NodeProto>;
  readonly reluBeforePool: ReadonlySet<NodeProto>;
}

/** Gradient names for each input of a node (index as in node.input); null: none. */
export type InputGrads = (string | null)[];

export interface GradientRule {
  /** The (default-domain) op types this rule differentiates. */
  readonly ops: readonly string[];
  /**
   * For ops with several differentiable outputs (Split): the sweep also calls the rule when only outputs other
   * than the first have a gradient, with gy = '' (the rule reads every output's gradient with ctx.gradOf).
   */
  readonly allOutputs?: boolean;
  backward(ctx: BackwardContext, node: NodeProto, gy: string): InputGrads;
}
