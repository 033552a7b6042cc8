/**
 * From the shared model outputs to 0/1 arrays: y_true = (label is the positive class), y_pred = (the model selects
 * the positive class).
 * - Binary: the positive class is `positive-label` matched against the class labels (default: the class at index 1).
 * - More than two classes: that class against the rest; `positive-label` is then required.
 * - `decision-threshold` t: selected when P(positive) >= t, P from the softmax of logits (or the probabilities as
 *   given); default: the model's argmax (`predicted`). Label-only models cannot take a threshold.
 */
import { GateError, type Where } from '../../errors.ts';
import type { Predictions } from '../types.ts';

export interface Binarised {
  yTrue: Uint8Array;
  yPred: Uint8Array;
  /** Rows whose label is missing or not a known class (left out). */
  unlabelled: Uint8Array;
  unlabelledCount: number;
  positiveIndex: number;
  positiveLabel: string | number;
  rule: string;
}

export interface BinariseOptions {
  positiveLabel?: string | number;
  decisionThreshold?: number;
  where?: (key: string) => Where | undefined;
}

const show = (v: string | number): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

export function findPositiveIndex(classLabels: (string | number)[], wanted: string | number | undefined, where?: Where): number {
  const list = classLabels.map(show).join(', ');
  if (wanted === undefined) {
    if (classLabels.length === 2) return 1;
    throw new GateError(
      'fairness.positive-label',
      `gates.fairness.positive-label is required for a model with ${classLabels.length} classes (${list}): name the class to evaluate against the rest`,
      { where },
    );
  }
  let idx = classLabels.findIndex((c) => c === wanted);
  if (idx < 0) idx = classLabels.findIndex((c) => String(c) === String(wanted));
  if (idx < 0 && typeof wanted === 'string' && wanted.trim() !== '' && Number.isFinite(Number(wanted))) {
    idx = classLabels.findIndex((c) => typeof c === 'number' && c === Number(wanted));
  }
  if (idx < 0) {
    throw new GateError(
      'fairness.positive-label',
      `gates.fairness.positive-label ${show(wanted)} is not one of the model's classes (${list}): use one of them`,
      { where },
    );
  }
  return idx;
}

function notFinite(dataset: string, row: number): never {
  throw new GateError('fairness.predictions', `the model's score for row ${row + 1} of dataset "${dataset}" is NaN: cannot apply decision-threshold; check the model and the input transform`);
}

export function binarise(pred: Predictions, opts: BinariseOptions): Binarised {
  const n = pred.rows;
  if (!pred.labels) {
    throw new GateError('fairness.labels', `dataset "${pred.dataset}" has no labels: the fairness gate needs them (set \`label\` on the dataset)`);
  }
  if (pred.classes < 2 || pred.classLabels.length < 2) {
    throw new GateError('fairness.classes', `the model has ${pred.classes} class(es) on dataset "${pred.dataset}": the fairness gate needs a classifier with at least two`);
  }
  const pos = findPositiveIndex(pred.classLabels, opts.positiveLabel, opts.where?.('positive-label'));
  const t = opts.decisionThreshold;
  const yTrue = new Uint8Array(n);
  const yPred = new Uint8Array(n);
  const unlabelled = new Uint8Array(n);
  let unlabelledCount = 0;
  for (let i = 0; i < n; i++) {
    const y = pred.labels[i];
    if (y < 0) { unlabelled[i] = 1; unlabelledCount++; continue; }
    yTrue[i] = y === pos ? 1 : 0;
  }
  let rule: string;
  if (t === undefined) {
    for (let i = 0; i < n; i++) yPred[i] = pred.predicted[i] === pos ? 1 : 0;
    rule = pred.kind === 'label' ? "the model's predicted label" : 'argmax of the model scores';
  } else {
    if (!(typeof t === 'number' && t >= 0 && t <= 1)) {
      throw new GateError('fairness.decision-threshold', `gates.fairness.decision-threshold must be a probability in [0, 1], got ${String(t)}`, { where: opts.where?.('decision-threshold') });
    }
    if (pred.kind === 'label' || !pred.scores) {
      throw new GateError(
        'fairness.decision-threshold',
        `gates.fairness.decision-threshold cannot apply: the model gives only labels (no scores) on dataset "${pred.dataset}"; remove decision-threshold or use a model output with probabilities or logits`,
        { where: opts.where?.('decision-threshold') },
      );
    }
    const C = pred.classes;
    const s = pred.scores;
    if (s.length !== n * C) throw new GateError('fairness.predictions', `model scores have ${s.length} values, expected ${n} rows × ${C} classes`);
    if (pred.kind === 'probabilities') {
      for (let i = 0; i < n; i++) {
        const v = s[i * C + pos];
        if (Number.isNaN(v)) notFinite(pred.dataset, i);
        yPred[i] = v >= t ? 1 : 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        // softmax in float64 with the max subtracted: P(pos) = exp(z_pos − max) / Σ exp(z_j − max)
        let mx = -Infinity;
        for (let j = 0; j < C; j++) if (s[i * C + j] > mx) mx = s[i * C + j];
        let den = 0;
        for (let j = 0; j < C; j++) den += Math.exp(s[i * C + j] - mx);
        const prob = Math.exp(s[i * C + pos] - mx) / den;
        if (Number.isNaN(prob)) notFinite(pred.dataset, i);
        yPred[i] = prob >= t ? 1 : 0;
      }
    }
    rule = `P(${show(pred.classLabels[pos])}) >= ${t}${pred.kind === 'logits' ? ' (softmax of the logits)' : ''}`;
  }
  return { yTrue, yPred, unlabelled, unlabelledCount, positiveIndex: pos, positiveLabel: pred.classLabels[pos], rule };
}
