import * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';
import type { Dataset } from '../data/types.ts';
import type { ProgressSink } from '../types/progress.ts';
import type { Predictions } from '../types/predictions.ts';
import type { LoadedModel } from './load.ts';
import { argmaxRow } from './scores.ts';
import { float16ToNumber } from './onnx/tensor.ts';
import { modelRunError } from './run-error.ts';
import { runAtLeast } from './batch-rule.ts';

export interface PredictOptions {
  checkBudget: () => void;
  /** Progress of the rows through the model (a first line, throttled updates, a final line with the rate). */
  progress?: ProgressSink;
  /** Only these rows (default: all). */
  rows?: Int32Array;
}

/**
 * Raw model scores for feature-space inputs: the shared inference path used by predictions. A run of fewer rows
 * than the model's minimum is padded (src/model/batch-rule.ts), so a row's scores do not depend on its batch.
 */
export async function runScores(model: LoadedModel, ds: Dataset, x: Float32Array, rows: Int32Array): Promise<ort.Tensor> {
  const view = model.featureView(ds);
  const feeds = view.feeds(x, rows);
  let out: ort.InferenceSession.ReturnType;
  try {
    out = await runAtLeast(model.session, feeds, model.fetch, model.minBatch);
  } catch (e) {
    throw modelRunError(model.rel, feeds, e, `dataset "${ds.name}"`);
  }
  return out[model.output.name];
}

/**
 * Runs every row of a dataset through the model once, in batches whose size depends only on the model and its
 * inputs, and returns the outputs every gate shares.
 */
export async function predict(model: LoadedModel, ds: Dataset, opts: PredictOptions): Promise<{ predictions: Predictions; batchSize: number }> {
  const view = model.featureView(ds);
  const n = opts.rows ? opts.rows.length : ds.rows;
  const all = opts.rows ?? iota(n);
  const bs = view.batchSize;
  const kind = model.output.kind;
  let classes = -1;
  let binary = false;
  let scores: Float64Array | undefined;
  const rawLabels: (string | number)[] = kind === 'label' ? new Array(n) : [];
  const task = `model ${model.rel} on dataset ${ds.name} (batch ${bs})`;
  opts.progress?.({ phase: 'start', task, unit: 'rows', done: 0, total: n });
  for (let start = 0; start < n; start += bs) {
    if (start > 0) opts.progress?.({ phase: 'update', task, unit: 'rows', done: start, total: n });
    opts.checkBudget();
    const rows = all.subarray(start, Math.min(n, start + bs));
    const x = view.featuresView(rows);
    const t = await runScores(model, ds, x, rows);
    const m = rows.length;
    if (kind === 'label') {
      const d = t.data as ArrayLike<unknown>;
      if (d.length !== m) throw shapeError(model, ds, t.dims, m);
      for (let i = 0; i < m; i++) rawLabels[start + i] = typeof d[i] === 'bigint' ? Number(d[i]) : (d[i] as string | number);
      continue;
    }
    if (t.type !== 'float32' && t.type !== 'float64' && t.type !== 'float16') {
      throw new GateError('model.output', `model output "${model.output.name}" is ${t.type}, not scores: set model.output.kind: label or name a float output`);
    }
    const data = t.type === 'float16' ? Float32Array.from(t.data as Uint16Array, float16ToNumber) : (t.data as Float32Array | Float64Array);
    const width = data.length / m;
    if (classes < 0) {
      const last = t.dims.length >= 2 ? Number(t.dims[t.dims.length - 1]) : 1;
      if (!Number.isInteger(width) || (t.dims.length > 2 && width !== last)) throw shapeError(model, ds, t.dims, m);
      binary = width === 1;
      classes = binary ? 2 : width;
      scores = new Float64Array(n * classes);
    } else if (width !== (binary ? 1 : classes)) {
      throw shapeError(model, ds, t.dims, m);
    }
    const bad = binary ? copyBinary(data, m, kind === 'logits', scores!, start * 2) : copyScores(data, m * classes, scores!, start * classes);
    if (bad >= 0) {
      const row = Math.floor(bad / width);
      throw new GateError(
        'model.nan',
        `model output "${model.output.name}" is ${data[bad]} on dataset "${ds.name}" row ${all[start + row] + 1}: the model produced non-finite scores (check the inputs for missing values, the transform, and the exported model)`,
      );
    }
  }
  opts.progress?.({ phase: 'end', task, unit: 'rows', done: n, total: n });

  // Classes and their labels.
  let classLabels: (string | number)[];
  let predicted: Int32Array;
  if (kind === 'label') {
    classLabels = model.output.classLabels ?? distinctSorted([...rawLabels, ...labelValues(ds)]);
    const index = indexOf(classLabels);
    predicted = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = index.get(canon(rawLabels[i]));
      if (k === undefined) throw new GateError('model.output', `the model predicted ${JSON.stringify(rawLabels[i])}, which is not one of its classes (${classLabels.join(', ')})`);
      predicted[i] = k;
    }
    classes = classLabels.length;
  } else {
    const cl = model.output.classLabels;
    if (cl && cl.length !== classes) {
      throw new GateError('model.output', `model output "${model.output.name}" has ${classes} columns but the model declares ${cl.length} classes`);
    }
    classLabels = cl ?? Array.from({ length: classes }, (_, i) => i);
    predicted = argmaxRows(scores!, n, classes);
  }

  const predictions: Predictions = { dataset: ds.name, rows: n, classes, kind, predicted, classLabels };
  if (scores) predictions.scores = scores;
  if (ds.labels) predictions.labels = mapLabels(ds, all, classLabels);
  return { predictions, batchSize: bs };
}

/**
 * Copies scores into float64; returns the index of the first non-finite value, or -1 (then nothing is copied).
 * The check is one read-only pass over the model's output; the widening float32 -> float64 (exact) is a single
 * native TypedArray.set, several times faster than an element-wise JavaScript copy.
 */
function copyScores(src: Float32Array | Float64Array, count: number, dst: Float64Array, at: number): number {
  for (let i = 0; i < count; i++) {
    const v = src[i];
    if (v - v !== 0) return i; // NaN or ±Infinity
  }
  dst.set(src.length === count ? src : src.subarray(0, count), at);
  return -1;
}

/** A single binary score per row, expanded to [0, z] (logit) or [1 - p, p] (probability). */
function copyBinary(src: Float32Array | Float64Array, m: number, logit: boolean, dst: Float64Array, at: number): number {
  for (let i = 0; i < m; i++) {
    const v = src[i];
    if (v - v !== 0) return i;
    dst[at + 2 * i] = logit ? 0 : 1 - v;
    dst[at + 2 * i + 1] = v;
  }
  return -1;
}

function iota(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Index of the largest score of each row (first on ties, like numpy's argmax). */
function argmaxRows(scores: Float64Array, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  if (classes === 2) {
    // Binary models (the common tabular case): a branch-free compare, the same answer as argmaxRow on finite
    // scores (1 only when the second is strictly larger), ~2x faster on unpredictable rows.
    for (let i = 0; i < n; i++) out[i] = +(scores[2 * i + 1] > scores[2 * i]);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = argmaxRow(scores, i * classes, classes);
  return out;
}

function shapeError(model: LoadedModel, ds: Dataset, dims: readonly number[], rows: number): GateError {
  return new GateError('model.output-shape', `model output "${model.output.name}" has shape [${dims.join(', ')}] for a batch of ${rows} rows of dataset "${ds.name}": expected [${rows}, classes] (or [${rows}] for a binary score): set model.output to the classifier's scores`);
}

export function canon(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v).trim();
  // "1.0" in a CSV is the class 1.
  if (/^[+-]?\d+(\.0+)?$/.test(s)) return String(Number(s));
  return s;
}

function indexOf(classLabels: (string | number)[]): Map<string, number> {
  const m = new Map<string, number>();
  classLabels.forEach((c, i) => m.set(canon(c), i));
  return m;
}

function labelValues(ds: Dataset): (string | number)[] {
  const col = ds.labels;
  if (!col) return [];
  const out: (string | number)[] = [];
  if (col.kind === 'number') for (const v of col.values) { if (!Number.isNaN(v)) out.push(v); }
  else for (const v of col.values) if (v !== null) out.push(v);
  return out;
}

export function distinctSorted(values: (string | number)[]): (string | number)[] {
  const byKey = new Map<string, string | number>();
  for (const v of values) if (!byKey.has(canon(v))) byKey.set(canon(v), typeof v === 'string' && /^[+-]?\d+(\.0+)?$/.test(v.trim()) ? Number(v) : v);
  const vals = [...byKey.values()];
  const numeric = vals.every((v) => typeof v === 'number');
  return numeric ? (vals as number[]).sort((a, b) => a - b) : vals.map(String).sort();
}

/** True labels as class indices; a label that is not a class is an error that suggests label-map. */
export function mapLabels(ds: Dataset, rows: Int32Array, classLabels: (string | number)[]): Int32Array {
  const col = ds.labels!;
  const index = indexOf(classLabels);
  const out = new Int32Array(rows.length);
  // Numeric labels: one lookup per distinct value (most label columns hold a handful).
  const byNumber = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const v = col.values[r];
    let k: number | undefined;
    if (typeof v === 'number') {
      k = byNumber.get(v);
      if (k === undefined && !Number.isNaN(v)) {
        k = index.get(canon(v));
        if (k !== undefined) byNumber.set(v, k);
      }
    } else if (v !== null) {
      k = index.get(canon(v));
    }
    if (k === undefined) {
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
        throw new GateError('data.label-missing', `dataset "${ds.name}" row ${r + 1} has no label (${ds.labelColumn ?? 'label'}): fill it or drop the row`);
      }
      throw new GateError(
        'data.label-unknown',
        `dataset "${ds.name}" row ${r + 1}: label ${JSON.stringify(v)} is not one of the model's classes (${classLabels.slice(0, 20).map((c) => JSON.stringify(c)).join(', ')}): add a label-map to the dataset`,
      );
    }
    out[i] = k;
  }
  return out;
}
