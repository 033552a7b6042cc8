/**
 * What the gradient model costs in memory, estimated from the shape probe (docs/design.md §5): the forward graph's
 * batch-dependent intermediate values per row (the backward pass keeps every activation it needs until its VJP ran,
 * and each active value gets a gradient of the same size), and the weights (held by the forward and the gradient
 * sessions). `gradientBatch` turns a memory budget into the rows per gradient run, so a large model runs in smaller
 * batches instead of exhausting the runner's memory. The factors are calibrated in bench/memory.ts (peak RSS of
 * onnxruntime-node running the gradient model, on ResNet-18, MobileNetV2, DenseNet-121 and the torch fixtures);
 * the estimate is an upper bound of the measured working set on all of them.
 */
import type { TensorProto } from '../onnx/proto.ts';
import { dataTypeSize } from '../onnx/tensor.ts';
import type { MemoryEstimate, Probe } from './types.ts';

/** The default budget (the policy's `memory-budget-mb` default, 1024): 1 GiB. */
export const DEFAULT_MEMORY_BUDGET = 1024 * 1024 * 1024;

/** Working set of the gradient model per row, as a multiple of the forward values per row (bench/memory.ts). */
export const ROW_FACTOR = 3;
/** Weight copies held while the gradient model runs (forward session, gradient session, prepacked kernels). */
export const WEIGHT_FACTOR = 3;

export function forwardFootprint(pr: Probe, initializers: readonly TensorProto[]): MemoryEstimate {
  const inits = new Set(initializers.map((t) => t.name ?? ''));
  let perRow = 0;
  for (const [name, dims] of pr.shape) {
    if (inits.has(name) || !dims.includes(-1)) continue;
    const size = dataTypeSize(pr.type.get(name) ?? 0) ?? 4;
    // -1 marks the dims that follow the batch: one row has 1 there
    perRow += dims.reduce((a, d) => a * (d < 0 ? 1 : d), 1) * size;
  }
  let weights = 0;
  for (const t of initializers) weights += t.dims.reduce((a, d) => a * Number(d), 1) * (dataTypeSize(t.dataType ?? 0) ?? 4);
  return { perRow, weights };
}

/**
 * Rows per gradient run for a memory budget (bytes): as many as fit after the weights, at most `cap`, at least 1
 * (a single row that does not fit still runs: there is nothing smaller to try). Deterministic: a function of the
 * model and the budget only, so the same inputs give the same batches and the same report.
 */
export function gradientBatch(est: MemoryEstimate, budget: number, cap: number): number {
  const room = budget - WEIGHT_FACTOR * est.weights;
  const rows = Math.floor(room / Math.max(1, ROW_FACTOR * est.perRow));
  return Math.max(1, Math.min(cap, rows));
}

/** Estimated bytes one gradient session holds after running `batch` rows (onnxruntime keeps its arena). */
export function gradientSessionBytes(est: MemoryEstimate, batch: number): number {
  return ROW_FACTOR * est.perRow * batch + WEIGHT_FACTOR * est.weights;
}

/**
 * How many gradient sessions (one per loss: CE, DLR, targeted DLR) may stay open together within the budget: at
 * least 1. The attacks of `attacks: auto` use two or three losses per epsilon; with room for only one session, the
 * oracle releases a session before it opens the next (src/gates/robustness/oracle.ts).
 */
export function gradientSessionsAtOnce(est: MemoryEstimate, batch: number, budget: number): number {
  return Math.max(1, Math.floor(budget / Math.max(1, gradientSessionBytes(est, batch))));
}
