/**
 * The loss head appended after the scores: the score transform (Log of probabilities, two columns for a single
 * binary score), the per-sample loss to MAXIMISE (ce, margin, dlr, dlr-targeted) and its gradient with respect
 * to the score tensor in closed form (the stable cross-entropy seed: softmax − one-hot, with the label's entry
 * written as minus the sum of the other probabilities, not p_y − 1), taken back through the score transform.
 */
import { TensorDataType } from '../onnx/tensor.ts';
import { aInt, aInts, type Emitter } from './graph.ts';
import type { ScoreMode } from './score.ts';
import type { GradientLoss } from './types.ts';

/** Graph inputs the gradient model adds: the labels (int64 [N]) and, for dlr-targeted, the targets. */
export const LABEL = 'mg_label';
export const TARGET = 'mg_target';

export interface LossHead {
  /** The [N, C] scores the losses use (mg_scores). */
  z: string;
  /** The per-sample loss [N] (mg_loss). */
  lossOut: string;
  /** dLoss/d(score tensor), the seed of the reverse sweep. */
  dScore: string;
}

/** `opset`: the model's default-domain opset (from 18 on, ReduceMax takes its axes as an input, not an attribute). */
export function lossHead(e: Emitter, score: string, scoreMode: ScoreMode, dt: number, C: number, loss: GradientLoss, opset = 17): LossHead {
  let z = score;
  if (scoreMode === 'log') {
    z = e.op('Log', [e.op('Max', [score, e.scalar(dt, 1e-30)])]);
  } else if (scoreMode === 'binary-logit') {
    z = e.op('Concat', [e.op('Mul', [score, e.scalar(dt, 0)]), score], [aInt('axis', 1)]);
  } else if (scoreMode === 'binary-prob') {
    const pc = e.op('Max', [score, e.scalar(dt, 1e-30)]);
    const qc = e.op('Max', [e.op('Sub', [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    z = e.op('Concat', [e.op('Log', [qc]), e.op('Log', [pc])], [aInt('axis', 1)]);
  }
  const depth = e.ints([C]);
  // OneHot kernels exist for float values; other float types get a Cast
  const onOff = e.floats(TensorDataType.FLOAT, [0, 1], [2]);
  const oneHot = (idx: string): string => {
    const o = e.op('OneHot', [idx, depth, onOff], [aInt('axis', -1)]);
    return dt === TensorDataType.FLOAT ? o : e.op('Cast', [o], [aInt('to', dt)]);
  };
  const rsum = (x: string, keep: number): string => e.op('ReduceSum', [x, e.ints([-1])], [aInt('keepdims', keep)]);
  const oh = oneHot(LABEL);
  let dz: string;
  let lossOut: string;
  // max over the classes other than y: mask y with -inf
  const others = (): { j: string; zj: string } => {
    const isY = e.op('Cast', [oh], [aInt('to', TensorDataType.BOOL)]);
    const zm = e.op('Where', [isY, e.scalar(dt, -Infinity), z]);
    const j = e.op('ArgMax', [zm], [aInt('axis', -1), aInt('keepdims', 0)]);
    const zj = opset >= 18
      ? e.op('ReduceMax', [zm, e.ints([-1])], [aInt('keepdims', 0)])
      : e.op('ReduceMax', [zm], [aInts('axes', [-1]), aInt('keepdims', 0)]);
    return { j, zj };
  };
  const zy = rsum(e.op('Mul', [oh, z]), 0);
  const col = (idx: string, k: number): string => e.op('Gather', [idx, e.ints([k], [])], [aInt('axis', 1)]);
  if (loss === 'ce') {
    const pAll = e.op('Softmax', [z], [aInt('axis', -1)]);
    const pOff = e.op('Mul', [pAll, e.op('Sub', [e.scalar(dt, 1), oh])]);
    // Σ_{j≠y} p_j as a product with a column of ones: onnxruntime's ReduceSum over the last axis sums a row in an
    // order that depends on the row's position in the batch, so a row's gradient changed in the last bits with its
    // neighbours (measured: mnist-8, 7 of 64 rows, up to 4.8e-7); the matrix product sums every row alike.
    const otherMass = dt === TensorDataType.FLOAT || dt === TensorDataType.DOUBLE
      ? e.op('MatMul', [pOff, e.floats(dt, new Array<number>(C).fill(1), [C, 1])])
      : rsum(pOff, 1);
    dz = e.op('Sub', [pOff, e.op('Mul', [oh, otherMass])]);
    lossOut = e.op('Neg', [rsum(e.op('Mul', [oh, e.op('LogSoftmax', [z], [aInt('axis', -1)])]), 0)]);
  } else if (loss === 'margin') {
    const { j, zj } = others();
    lossOut = e.op('Sub', [zj, zy]);
    dz = e.op('Sub', [oneHot(j), oh]);
  } else if (loss === 'dlr') {
    const { j, zj } = others();
    const [vals, idx] = e.node('TopK', [z, e.ints([3])], [aInt('axis', -1)], 2);
    const num = e.op('Sub', [zy, zj]);
    const den = e.op('Add', [e.op('Sub', [col(vals, 0), col(vals, 2)]), e.scalar(dt, 1e-12)]);
    lossOut = e.op('Neg', [e.op('Div', [num, den])]);
    const a = e.op('Div', [e.op('Sub', [oneHot(j), oh]), e.op('Unsqueeze', [den, e.ints([-1])])]);
    const coef = e.op('Unsqueeze', [e.op('Div', [num, e.op('Mul', [den, den])]), e.ints([-1])]);
    const dd = e.op('Sub', [oneHot(col(idx, 0)), oneHot(col(idx, 2))]);
    dz = e.op('Add', [a, e.op('Mul', [coef, dd])]);
  } else {
    const ot = oneHot(TARGET);
    const zt = rsum(e.op('Mul', [ot, z]), 0);
    const [vals, idx] = e.node('TopK', [z, e.ints([4])], [aInt('axis', -1)], 2);
    const num = e.op('Sub', [zy, zt]);
    const half = e.scalar(dt, 0.5);
    const den = e.op('Add', [e.op('Sub', [col(vals, 0), e.op('Mul', [half, e.op('Add', [col(vals, 2), col(vals, 3)])])]), e.scalar(dt, 1e-12)]);
    lossOut = e.op('Neg', [e.op('Div', [num, den])]);
    const a = e.op('Div', [e.op('Sub', [ot, oh]), e.op('Unsqueeze', [den, e.ints([-1])])]);
    const coef = e.op('Unsqueeze', [e.op('Div', [num, e.op('Mul', [den, den])]), e.ints([-1])]);
    const dd = e.op('Sub', [oneHot(col(idx, 0)), e.op('Mul', [half, e.op('Add', [oneHot(col(idx, 2)), oneHot(col(idx, 3))])])]);
    dz = e.op('Add', [a, e.op('Mul', [coef, dd])]);
  }
  // back through the score transform
  let dScore: string;
  if (scoreMode === 'as-is') dScore = dz;
  else if (scoreMode === 'log') dScore = e.op('Div', [dz, e.op('Max', [score, e.scalar(dt, 1e-30)])]);
  else if (scoreMode === 'binary-logit') dScore = e.op('Slice', [dz, e.ints([1]), e.ints([2]), e.ints([1])]);
  else {
    const d0 = e.op('Slice', [dz, e.ints([0]), e.ints([1]), e.ints([1])]);
    const d1 = e.op('Slice', [dz, e.ints([1]), e.ints([2]), e.ints([1])]);
    const pc = e.op('Max', [score, e.scalar(dt, 1e-30)]);
    const qc = e.op('Max', [e.op('Sub', [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    dScore = e.op('Sub', [e.op('Div', [d1, pc]), e.op('Div', [d0, qc])]);
  }
  return { z, lossOut, dScore };
}
