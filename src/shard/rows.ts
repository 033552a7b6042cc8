/**
 * Predictions of a shard's rows (docs/design.md §7 "Shards"), in the two shapes a shard uses: full-length with holes
 * for the gates that do row work on the shard (their rows filled, the others' `predicted` -1 and scores NaN; the
 * labels, which need no model, of every row), and compact (only the shard's rows, in order) for the partial.
 */
import type { Dataset } from '../data/types.ts';
import type { Predictions } from '../types/predictions.ts';
import { mapLabels } from '../model/predict.ts';

/** `p` holds the outputs of `rows` (in that order); the result is indexed by dataset row. */
export function withHoles(p: Predictions, rows: Int32Array, ds: Dataset): Predictions {
  const total = ds.rows;
  const predicted = new Int32Array(total).fill(-1);
  const scores = p.scores ? new Float64Array(total * p.classes).fill(NaN) : undefined;
  for (let i = 0; i < rows.length; i++) {
    predicted[rows[i]] = p.predicted[i];
    if (scores) scores.set(p.scores!.subarray(i * p.classes, (i + 1) * p.classes), rows[i] * p.classes);
  }
  const out: Predictions = { dataset: p.dataset, rows: total, classes: p.classes, kind: p.kind, predicted, classLabels: p.classLabels };
  if (scores) out.scores = scores;
  if (ds.labels) out.labels = mapLabels(ds, Int32Array.from({ length: total }, (_, i) => i), p.classLabels);
  return out;
}

/** The outputs of `rows` only (in that order), from full-length predictions. */
export function compact(p: Predictions, rows: Int32Array): Predictions {
  const C = p.classes;
  const out: Predictions = { dataset: p.dataset, rows: rows.length, classes: C, kind: p.kind, predicted: Int32Array.from(rows, (r) => p.predicted[r]), classLabels: p.classLabels };
  if (p.scores) {
    const s = new Float64Array(rows.length * C);
    rows.forEach((r, i) => s.set(p.scores!.subarray(r * C, (r + 1) * C), i * C));
    out.scores = s;
  }
  if (p.labels) out.labels = Int32Array.from(rows, (r) => p.labels![r]);
  return out;
}
