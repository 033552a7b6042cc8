/**
 * The drift gate's features, read from the datasets and the shared predictions:
 * - tabular (CSV, Parquet): a feature is a column (after the dataset's `exclude`: the default list is the
 *   reference's model input columns); numeric columns are numeric features, text columns categorical ones, coded in
 *   the sorted order of the labels found on either side (as src/stats/drift.ts expects); NaN / empty is missing;
 * - tensors (.npy): one numeric feature per channel, `channel<c>_mean`: the mean pixel value of each row's channel
 *   (after the dataset's `transform`). The channel axis: [N, C, H, W] when shape[1] is 1, 3 or 4, else [N, H, W, C]
 *   when the last axis is; any other shape ([N, D], [N, H, W], ...) is one channel (the mean of the whole row);
 * - the model's outputs (`ctx.predictions`): `prediction:class` (categorical, the predicted class index) and
 *   `prediction:confidence` (numeric, the top class's probability: the largest probability, or the softmax of the
 *   logits; a model that outputs only labels has none).
 */
import type { Column, Dataset } from '../../data/types.ts';
import { channelLayout } from '../../data/layout.ts';
import type { Predictions } from '../../types/predictions.ts';
import type { FeatureSide } from './compute.ts';
import { scratch } from './scratch.ts';

export const PREDICTION_CLASS = 'prediction:class';
export const PREDICTION_CONFIDENCE = 'prediction:confidence';
export const PREDICTION_FEATURES = [PREDICTION_CLASS, PREDICTION_CONFIDENCE] as const;

export interface SidePair {
  kind: 'numeric' | 'categorical';
  reference: FeatureSide;
  current: FeatureSide;
  categories?: number;
  /** categorical: the label of each code. */
  labels?: string[];
}

/** A feature's two sides, or (text columns) how to encode them: only when the feature is tested, so that one code array pair is alive at a time. */
export type LazyPair = SidePair | { kind: 'categorical'; encode: () => SidePair };

/**
 * Codes of two text columns over the sorted union of their labels (−1 for a missing value). With `into`, the codes
 * are written into those buffers (scratch.ts: reused, valid until the next call with the same buffers).
 */
export function encodeCategorical(a: (string | null)[], b: (string | null)[], into?: { reference: ArrayBuffer; current: ArrayBuffer }): { reference: Int32Array; current: Int32Array; labels: string[] } {
  const set = new Set<string>();
  // Indexed loops: for-of over a 10^6-row (holey) array allocates an iterator result per value.
  for (const vs of [a, b]) {
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i];
      if (v !== null && v !== '') set.add(v);
    }
  }
  const labels = [...set].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const index = new Map(labels.map((l, i) => [l, i]));
  const code = (vs: (string | null)[], buffer?: ArrayBuffer): Int32Array => {
    // a plain loop: Int32Array.from(vs, f) keeps a list of every mapped value
    const out = buffer ? new Int32Array(buffer, 0, vs.length) : new Int32Array(vs.length);
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i];
      out[i] = v === null || v === '' ? -1 : index.get(v)!;
    }
    return out;
  };
  return { reference: code(a, into?.reference), current: code(b, into?.current), labels };
}

/** A tabular feature from the two datasets' columns, or the reason it cannot be one. */
export function columnPair(name: string, r: Column | undefined, c: Column | undefined, rName: string, cName: string, columns: { reference: string[]; current: string[] }): LazyPair | string {
  if (!r) return `"${name}" is not a column of dataset "${rName}" (columns: ${columns.reference.join(', ')})`;
  if (!c) return `"${name}" is not a column of dataset "${cName}" (columns: ${columns.current.join(', ')})`;
  if (r.kind === 'number' && c.kind === 'number') return { kind: 'numeric', reference: r.values, current: c.values };
  if (r.kind === 'string' && c.kind === 'string') {
    const rv = r.values, cv = c.values;
    return {
      kind: 'categorical',
      encode: () => {
        // Reused buffers: the gate tests one feature at a time, and a feature's codes are dead once it is tested.
        const e = encodeCategorical(rv, cv, { reference: scratch('side:reference', 4 * rv.length), current: scratch('side:current', 4 * cv.length) });
        return { kind: 'categorical', reference: e.reference, current: e.current, categories: e.labels.length, labels: e.labels };
      },
    };
  }
  return `"${name}" is numeric in dataset "${r.kind === 'number' ? rName : cName}" but text in dataset "${r.kind === 'number' ? cName : rName}": fix the data so that both sides parse alike`;
}


/** Mean pixel value per row and channel: one Float64Array per channel. */
export function channelMeans(ds: Dataset): Float64Array[] {
  const t = ds.tensor!;
  const rows = t.shape[0];
  const rowShape = t.shape.slice(1);
  const { channels, per, layout } = channelLayout(rowShape);
  const size = channels * per;
  const out = Array.from({ length: channels }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const base = i * size;
    for (let ch = 0; ch < channels; ch++) {
      let s = 0;
      if (layout === 'last') for (let k = 0; k < per; k++) s += t.data[base + k * channels + ch];
      else for (let k = 0, o = base + ch * per; k < per; k++) s += t.data[o + k];
      out[ch][i] = s / per;
    }
  }
  return out;
}

export function channelName(c: number): string {
  return `channel${c}_mean`;
}

/** The top class's probability per row, or null when the model gives only labels. */
export function confidence(p: Predictions): Float64Array | null {
  if (p.kind === 'label' || !p.scores) return null;
  const k = p.classes, out = new Float64Array(p.rows);
  for (let i = 0; i < p.rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, p.scores[i * k + j]);
    if (p.kind === 'probabilities') {
      out[i] = max;
    } else {
      let z = 0;
      for (let j = 0; j < k; j++) z += Math.exp(p.scores[i * k + j] - max);
      out[i] = 1 / z;
    }
  }
  return out;
}
