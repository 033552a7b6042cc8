/** Public option/result types of the gradient builder, and the shape-probe record shared by its stages. */
import type * as ort from 'onnxruntime-node';
import { TensorDataType } from '../onnx/tensor.ts';

export type GradientLoss = 'ce' | 'margin' | 'dlr' | 'dlr-targeted';

export interface GradientOptions {
  /** The forward model file. */
  bytes: Uint8Array;
  /** Float graph inputs to differentiate with respect to. */
  wrt: string[];
  /** The output holding the scores, and what it holds. */
  output: string;
  outputKind: 'logits' | 'probabilities';
  /** Feeds for a batch of n rows (called with n = 1 and n = 2) for the shape probe. */
  probeFeeds(n: number): Record<string, ort.Tensor>;
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

export interface PreparedGradient {
  /** Number of classes of the score tensor the losses use. */
  classes: number;
  /** False when the model only runs with a batch of 1 (feed the gradient model one row at a time). */
  batchable: boolean;
  /** Opset of the gradient model, and the conversion done (e.g. "7 -> 17"). */
  opset: number;
  converted: string | null;
  /** Forward ops on the differentiated path (for the report). */
  ops: string[];
  /** The forward graph's memory per row and its weights (memory.ts), for the gradient batch. */
  memory: MemoryEstimate;
  /** The gradient model for one loss (built once per loss, cached). */
  model(loss: GradientLoss): Uint8Array;
}

/** Memory of the forward graph (memory.ts `forwardFootprint`). */
export interface MemoryEstimate {
  /** Bytes of the forward graph's batch-dependent values for one row (inputs and intermediates). */
  perRow: number;
  /** Bytes of the weights (initializers). */
  weights: number;
}

/** Element types we differentiate through. */
export const FLOAT_TYPES: ReadonlySet<number> = new Set<number>([TensorDataType.FLOAT, TensorDataType.DOUBLE, TensorDataType.FLOAT16]);

/** What the shape probe learnt about every tensor of the forward graph. */
export interface Probe {
  /** Dims with -1 where the size follows the batch. */
  shape: Map<string, number[]>;
  type: Map<string, number>;
  /** Values of small tensors that do not depend on the batch size (for constant inputs computed in-graph). */
  value: Map<string, number[]>;
}

/** Dims of a tensor, -1 where the size follows the batch. */
export type Shape = number[];
