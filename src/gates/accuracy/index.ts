import { GateError } from '../../errors.ts';
import type { GateDefinition, GateOutcome, Predictions } from '../types.ts';
import { softmaxRow } from '../../model/scores.ts';
import { rocAuc } from '../../stats/roc.ts';
import { ACCURACY_METRICS, type AccuracyGatePolicy } from './policy.ts';

export { ACCURACY_METRICS };
export type { AccuracyGatePolicy };

export interface AccuracyPolicy {
  dataset: string;
  limit?: number;
  'positive-label'?: string | number;
  thresholds?: Record<string, { min?: number; max?: number }>;
}

/** `details` of the accuracy gate's result (gates/README.md). */
export type AccuracyDetails = {
  /** Labelled rows measured. */
  rows: number;
  /** The class values, in the model's class order. */
  classes: (string | number)[];
  /** Binary only, when the model outputs labels only: why roc_auc is null. */
  roc_auc?: string;
  /** Binary only: the confusion counts on the positive class. */
  confusion?: { tp: number; fp: number; fn: number; tn: number };
  /** Binary only: the positive class's value. */
  positive_class?: string | number;
};

/**
 * Accuracy on a labelled dataset; for binary tasks also precision, recall, F1 (positive class = the class at index 1,
 * or `positive-label`) and ROC AUC (on the positive class's score; equal to scikit-learn's `roc_auc_score`).
 */
export const accuracyGate: GateDefinition<AccuracyGatePolicy, AccuracyDetails, 'accuracy'> = {
  name: 'accuracy',
  metrics: ACCURACY_METRICS,
  async run(ctx) {
    const policy: AccuracyPolicy = ctx.policy;
    const pred = await ctx.predictions(policy.dataset);
    return accuracyMetrics(pred, policy['positive-label']);
  },
};

export function accuracyMetrics(pred: Predictions, positiveLabel?: string | number): GateOutcome<AccuracyDetails> {
  const labels = pred.labels;
  if (!labels) {
    throw new GateError('accuracy.labels', `dataset "${pred.dataset}" has no labels: the accuracy gate needs a label column (datasets.${pred.dataset}.label)`);
  }
  const n = pred.rows;
  // Measured over labelled rows only: none is nothing measured, and an unknown label is not a wrong prediction.
  if (n === 0) {
    throw new GateError('accuracy.no-rows', `dataset "${pred.dataset}" has no labelled rows: the accuracy gate has nothing to measure; check the dataset and its label column`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) {
      throw new GateError('accuracy.labels', `dataset "${pred.dataset}" row ${i + 1} has a missing or unknown label: the accuracy gate counts labelled rows only; fix the data (label, label-map)`);
    }
  }
  let correct = 0;
  for (let i = 0; i < n; i++) if (pred.predicted[i] === labels[i]) correct++;
  const metrics: Record<string, number | null> = { accuracy: correct / n };
  const details: AccuracyDetails = { rows: n, classes: pred.classLabels };
  if (pred.classes === 2) {
    const pos = positiveIndex(pred, positiveLabel);
    let tp = 0, fp = 0, fn = 0, tn = 0;
    for (let i = 0; i < n; i++) {
      const y = labels[i] === pos, p = pred.predicted[i] === pos;
      if (y && p) tp++;
      else if (!y && p) fp++;
      else if (y && !p) fn++;
      else tn++;
    }
    // sklearn's zero_division default would warn and give 0; we report null (not measurable) instead.
    metrics.precision = tp + fp > 0 ? tp / (tp + fp) : null;
    metrics.recall = tp + fn > 0 ? tp / (tp + fn) : null;
    metrics.f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
    if (pred.scores) {
      const score = new Float64Array(n);
      const row = new Float64Array(2);
      for (let i = 0; i < n; i++) {
        if (pred.kind === 'logits') {
          softmaxRow(pred.scores, i * 2, 2, row);
          score[i] = row[pos];
        } else score[i] = pred.scores[i * 2 + pos];
      }
      const isPos = new Uint8Array(n);
      for (let i = 0; i < n; i++) isPos[i] = labels[i] === pos ? 1 : 0;
      metrics.roc_auc = rocAuc(score, isPos);
    } else {
      metrics.roc_auc = null;
      details.roc_auc = 'the model outputs only labels: no scores to rank, so roc_auc is not measured';
    }
    details.confusion = { tp, fp, fn, tn };
    details.positive_class = pred.classLabels[pos];
  }
  return { metrics, details };
}

function positiveIndex(pred: Predictions, positiveLabel?: string | number): number {
  if (positiveLabel === undefined) return 1;
  const idx = pred.classLabels.findIndex((c) => String(c) === String(positiveLabel));
  if (idx < 0) {
    throw new GateError('accuracy.positive-label', `positive-label ${JSON.stringify(positiveLabel)} is not one of the model's classes (${pred.classLabels.map((c) => JSON.stringify(c)).join(', ')})`);
  }
  return idx;
}
