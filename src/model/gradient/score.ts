/**
 * The score tensor the losses use: the model's output, or the logits before a final Softmax/LogSoftmax (through
 * Identity), or the logit before a Sigmoid single score; how to turn it into [N, classes] scores (ScoreMode); and
 * the forward nodes the loss head replaces (skipped by the sweep).
 */
import { attrInt } from '../onnx/proto.ts';
import type { GraphProto, NodeProto } from '../onnx/proto.ts';
import { TensorDataType } from '../onnx/tensor.ts';
import { UnsupportedOpError } from './errors.ts';
import { FLOAT_TYPES, type GradientOptions, type Probe } from './types.ts';

/** as-is: [N, C] logits; log: Log of [N, C] probabilities; binary-*: one [N, 1] logit or probability of class 1. */
export type ScoreMode = 'as-is' | 'log' | 'binary-logit' | 'binary-prob';

export interface Score {
  score: string;
  scoreMode: ScoreMode;
  /** Forward nodes between the score tensor and the output (Identity, the final Softmax, Sigmoid). */
  skip: Set<NodeProto>;
  classes: number;
  scoreType: number;
}

export function findScore(g0: GraphProto, pr: Probe, opts: Pick<GradientOptions, 'output' | 'outputKind'>): Score {
  // Score tensor: logits before a final Softmax/LogSoftmax (through Identity), or Log of probabilities.
  const producer = new Map<string, NodeProto>();
  for (const n of g0.node) for (const o of n.output) producer.set(o, n);
  let score = opts.output;
  let scoreMode: ScoreMode = 'as-is';
  const skip = new Set<NodeProto>();
  let p = producer.get(score);
  while (p && p.opType === 'Identity') { skip.add(p); score = p.input[0]; p = producer.get(score); }
  const rank = (name: string): number => pr.shape.get(name)?.length ?? -1;
  const lastAxis = (n: NodeProto, dflt: number): boolean => {
    const a = attrInt(n, 'axis', dflt)!;
    const r = rank(n.input[0]);
    return a === -1 || a === r - 1;
  };
  if (p && (p.opType === 'Softmax' || p.opType === 'LogSoftmax') && lastAxis(p, -1)) {
    skip.add(p);
    score = p.input[0];
  } else if (p && p.opType === 'Reshape' && producer.get(p.input[0])?.opType === 'Softmax' && rank(score) === 2) {
    // opset-raised Softmax: Flatten -> Softmax(axis=1) -> Reshape(Shape(x)) on a rank-2 input
    const sm = producer.get(p.input[0])!;
    const fl = producer.get(sm.input[0]);
    if (fl && fl.opType === 'Flatten' && rank(fl.input[0]) === 2 && attrInt(fl, 'axis', 1) === 1) {
      skip.add(p); skip.add(sm); skip.add(fl);
      score = fl.input[0];
    }
  }
  const scoreShape = pr.shape.get(score);
  if (!scoreShape) throw new UnsupportedOpError('output', score, 'the score tensor was not found by the shape probe');
  if (scoreShape.length !== 2) throw new UnsupportedOpError('output', score, `scores have shape [${scoreShape.join(', ')}]; expected [N, classes]`);
  let classes = scoreShape[1];
  if (classes === 1) {
    classes = 2;
    const sp = producer.get(score);
    if (sp && sp.opType === 'Sigmoid') { skip.add(sp); score = sp.input[0]; scoreMode = 'binary-logit'; }
    else scoreMode = opts.outputKind === 'probabilities' ? 'binary-prob' : 'binary-logit';
  } else if (opts.outputKind === 'probabilities' && score === opts.output) {
    scoreMode = 'log';
  }
  if (!(classes >= 2)) throw new UnsupportedOpError('output', score, `cannot tell the number of classes from shape [${scoreShape.join(', ')}]`);
  const scoreType = pr.type.get(score) ?? TensorDataType.FLOAT;
  if (!FLOAT_TYPES.has(scoreType)) throw new UnsupportedOpError('output', score, 'the scores are not a float tensor');

  return { score, scoreMode, skip, classes, scoreType };
}
