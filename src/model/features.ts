import * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';
import type { Column, Dataset } from '../data/types.ts';

/** A model input as the session reports it. */
export interface InputInfo {
  name: string;
  type: ort.Tensor.Type;
  /** Full shape including the batch dimension; strings/-1 are symbolic. */
  shape: (number | string)[];
}

export type InputDType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool';
/** The policy's `model.inputs` mapping: input name -> columns. */
export type InputMapping = Record<string, { from: string | string[]; dtype?: InputDType }>;

/**
 * How one dataset is fed to the model. The numeric features that feed float inputs form a flat float32 "feature
 * space" of `dim` values per row (for images: the pixels, with `rowShape`); attacks perturb that space and call
 * `feeds` to turn it back into model inputs. Everything else (string and integer inputs) is taken unchanged from the
 * dataset rows given to `feeds`.
 */
export interface FeatureView {
  dataset: string;
  /** Values per row in the feature space. */
  dim: number;
  /** Per-row shape of the feature space (e.g. [1, 28, 28] or [dim]). */
  rowShape: number[];
  /** Column names of the feature space (tabular), else null. */
  featureNames: string[] | null;
  /** 1 where the feature may be perturbed (feeds a float input), 0 where it is fixed. */
  perturbable: Uint8Array;
  /** Rows per model run. Depends only on the model and its inputs (1 for a model with a fixed batch of 1); load.ts raises it to the batch rule's minimum (batch-rule.ts). */
  batchSize: number;
  /** The feature-space values of the given dataset rows, row-major [rows.length, dim] (a copy the caller owns). */
  features(rows: Int32Array): Float32Array;
  /** The same values without a copy where possible (contiguous rows): the caller must not modify the result. */
  featuresView(rows: Int32Array): Float32Array;
  /** Model feeds for `x` ([rows.length, dim]) on the given dataset rows. */
  feeds(x: Float32Array, rows: Int32Array): Record<string, ort.Tensor>;
  /** The float model inputs fed from the feature space: where each sits in it and the per-row shape fed. */
  floatInputs: { name: string; offset: number; width: number; rowShape: number[] }[];
  /** The other model inputs (integer, bool, string): fed unchanged from the dataset rows, never perturbed. */
  fixedInputs: { name: string; type: string; shape: (number | string)[] }[];
}

interface Part {
  input: InputInfo;
  /** Columns (tabular) feeding this input, or null for the dataset tensor. */
  columns: string[] | null;
  dtype: InputDType;
  /** Offset of this input's values in the feature space, or -1 when not in it. */
  offset: number;
  width: number;
  /** Shape of one row of this input (without the batch dim), as fed to the model. */
  rowShape: number[];
}

const FLOATS = new Set<string>(['float32', 'float64', 'float16']);

export function buildFeatureView(
  ds: Dataset,
  inputs: InputInfo[],
  mapping: InputMapping | undefined,
  where: { policyFile: string },
): FeatureView {
  const parts: Part[] = [];
  const err = (msg: string): never => {
    throw new GateError('model.inputs', msg, { where: { file: where.policyFile } });
  };
  if (inputs.length === 0) err('the model has no inputs');
  if (!mapping) {
    if (inputs.length !== 1) {
      err(`the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}) but the policy has no model.inputs mapping: map each input to its dataset columns`);
    }
    const input = inputs[0];
    if (ds.tensor) {
      parts.push({ input, columns: null, dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    } else {
      parts.push({ input, columns: ds.features.slice(), dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    }
  } else {
    const names = new Set(inputs.map((i) => i.name));
    for (const key of Object.keys(mapping)) {
      if (!names.has(key)) err(`model.inputs.${key}: the model has no input "${key}" (inputs: ${[...names].join(', ')})`);
    }
    for (const input of inputs) {
      const m = mapping[input.name];
      if (!m) err(`model.inputs: the model input "${input.name}" is not mapped (add model.inputs.${input.name}: { from: <column> })`);
      const columns = Array.isArray(m.from) ? m.from : [m.from];
      if (ds.tensor) err(`model.inputs.${input.name}: dataset "${ds.name}" is a tensor (.npy) file without columns; drop model.inputs or use a tabular dataset`);
      const dtype = m.dtype ?? dtypeOf(input);
      if (dtype !== dtypeOf(input) && !(FLOATS.has(dtype) && FLOATS.has(dtypeOf(input)))) {
        err(`model.inputs.${input.name}.dtype is ${dtype} but the model input is ${input.type}`);
      }
      parts.push({ input, columns, dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    }
  }

  // Check columns and element counts, assign feature-space offsets.
  let dim = 0;
  const featureNames: string[] = [];
  const perturb: number[] = [];
  let rowShapeOfSpace: number[] | null = null;
  for (const p of parts) {
    if (p.columns === null) {
      const t = ds.tensor!;
      const perRow = t.shape.slice(1).reduce((a, b) => a * b, 1);
      p.rowShape = resolveRowShape(p.input, perRow, t.shape.slice(1), ds.name);
      if (p.dtype === 'string') err(`model input "${p.input.name}" takes strings; a .npy dataset holds numbers: use a CSV or Parquet dataset for text inputs`);
      p.offset = 0;
      p.width = perRow;
      dim = perRow;
      rowShapeOfSpace = t.shape.slice(1);
      // Integer / bool inputs (token ids, category codes) sit in the feature space but are fixed (never perturbed).
      const perturbable = FLOATS.has(p.dtype) ? 1 : 0;
      for (let i = 0; i < perRow; i++) perturb.push(perturbable);
      continue;
    }
    for (const c of p.columns) {
      const col = ds.columns.get(c);
      if (!col) err(`model.inputs.${p.input.name}: dataset "${ds.name}" has no column "${c}" (columns: ${[...ds.columns.keys()].slice(0, 30).join(', ')})`);
      if (p.dtype !== 'string' && col!.kind === 'string') {
        err(`dataset "${ds.name}" column "${c}" holds text but feeds the ${p.input.type} input "${p.input.name}": exclude it, encode it, or map it to a string input with model.inputs`);
      }
    }
    p.rowShape = resolveRowShape(p.input, p.columns.length, [p.columns.length], ds.name);
    if (FLOATS.has(p.dtype)) {
      p.offset = dim;
      p.width = p.columns.length;
      dim += p.width;
      for (const c of p.columns) {
        featureNames.push(c);
        perturb.push(1);
      }
    } else if (p.dtype !== 'string') {
      // Integer / bool inputs sit in the feature space too (fixed: integral values are not perturbed by default).
      p.offset = dim;
      p.width = p.columns.length;
      dim += p.width;
      for (const c of p.columns) {
        featureNames.push(c);
        perturb.push(0);
      }
    } else {
      p.offset = -1;
    }
  }

  const fixedBatchOne = parts.some((p) => p.input.shape.length > 0 && p.input.shape[0] === 1);
  const perRowElements = parts.reduce((a, p) => a + p.rowShape.reduce((x, y) => x * y, 1), 0);
  const batchSize = fixedBatchOne ? 1 : Math.max(1, Math.min(1024, Math.floor(262144 / Math.max(1, perRowElements))));

  const tabular = parts.every((p) => p.columns !== null);
  // Feature columns resolved once (monomorphic loops).
  const colParts = parts
    .filter((p) => p.offset >= 0 && p.columns !== null)
    .flatMap((p) => p.columns!.map((c, j) => ({ values: (ds.columns.get(c) as Extract<Column, { kind: 'number' }>).values, at: p.offset + j })));
  const gatherRows = (rows: Int32Array): Float32Array => {
    const out = new Float32Array(rows.length * dim);
    if (ds.tensor) {
      const t = ds.tensor.data;
      for (let r = 0; r < rows.length; r++) out.set(t.subarray(rows[r] * dim, rows[r] * dim + dim), r * dim);
      return out;
    }
    for (const { values, at } of colParts) for (let r = 0; r < rows.length; r++) out[r * dim + at] = values[rows[r]];
    return out;
  };
  // Tabular data: a row-major float32 copy of the feature space, built on first use when it fits in 256 MB.
  let cached: Float32Array | null | undefined;
  const matrix = (): Float32Array | null => {
    if (cached !== undefined) return cached;
    if (ds.tensor) return (cached = ds.tensor.data.length === ds.rows * dim ? ds.tensor.data : null);
    if (ds.rows * dim > 64 * 1024 * 1024) return (cached = null);
    return (cached = gatherRows(Int32Array.from({ length: ds.rows }, (_, i) => i)));
  };
  const view: FeatureView = {
    dataset: ds.name,
    dim,
    rowShape: rowShapeOfSpace ?? [dim],
    featureNames: tabular ? featureNames : null,
    perturbable: Uint8Array.from(perturb),
    batchSize,
    floatInputs: parts
      .filter((p) => p.offset >= 0 && FLOATS.has(p.dtype))
      .map((p) => ({ name: p.input.name, offset: p.offset, width: p.width, rowShape: p.rowShape })),
    fixedInputs: parts.filter((p) => !FLOATS.has(p.dtype)).map((p) => ({ name: p.input.name, type: p.input.type, shape: p.input.shape.slice() })),
    features(rows) {
      const v = this.featuresView(rows);
      return v.buffer === cached?.buffer ? v.slice() : v;
    },
    featuresView(rows) {
      // Contiguous rows (the shared inference path reads the dataset in order) come straight from the row-major
      // float32 matrix; other row sets are gathered.
      const first = rows.length > 0 ? rows[0] : 0;
      if (rows.length > 0 && rows[rows.length - 1] - first === rows.length - 1 && isAscending(rows)) {
        const m = matrix();
        if (m) return m.subarray(first * dim, (first + rows.length) * dim);
      }
      return gatherRows(rows);
    },
    feeds(x, rows) {
      const n = rows.length;
      const feeds: Record<string, ort.Tensor> = {};
      for (const p of parts) {
        const dims = [n, ...p.rowShape];
        if (p.offset >= 0) {
          const count = n * p.width;
          const vals = p.width === dim && p.offset === 0 ? x : gather(x, n, dim, p.offset, p.width);
          feeds[p.input.name] = makeTensor(p, vals, count, dims, ds, rows);
        } else {
          const out: string[] = new Array(n * p.columns!.length);
          for (let j = 0; j < p.columns!.length; j++) {
            const col = ds.columns.get(p.columns![j])!;
            for (let r = 0; r < n; r++) {
              const v = col.kind === 'string' ? col.values[rows[r]] : numToString(col.values[rows[r]]);
              out[r * p.columns!.length + j] = v ?? '';
            }
          }
          feeds[p.input.name] = new ort.Tensor('string', out, dims);
        }
      }
      return feeds;
    },
  };
  return view;
}

function isAscending(rows: Int32Array): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i] !== rows[i - 1] + 1) return false;
  return true;
}

function gather(x: Float32Array, n: number, dim: number, offset: number, width: number): Float32Array {
  const out = new Float32Array(n * width);
  for (let r = 0; r < n; r++) out.set(x.subarray(r * dim + offset, r * dim + offset + width), r * width);
  return out;
}

function makeTensor(p: Part, vals: Float32Array, count: number, dims: number[], ds: Dataset, rows: Int32Array): ort.Tensor {
  switch (p.input.type) {
    case 'float32':
      return new ort.Tensor('float32', vals, dims);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(vals), dims);
    case 'int64':
    case 'int32':
    case 'bool': {
      // Integer inputs: take the exact dataset values (float32 would round large integers).
      const out = p.input.type === 'int64' ? new BigInt64Array(count) : p.input.type === 'int32' ? new Int32Array(count) : new Uint8Array(count);
      if (!p.columns) {
        // A .npy tensor: its exact values when it holds integers, else its (integral) float32 values.
        const t = ds.tensor!;
        const src: Float64Array | Float32Array = t.exact ?? t.data;
        const w = p.width;
        for (let r = 0; r < rows.length; r++) {
          for (let j = 0, at = rows[r] * w; j < w; j++) {
            const v = src[at + j];
            if (!Number.isInteger(v)) {
              throw new GateError(
                'data.not-integer',
                `dataset "${ds.name}" (${ds.path}) row ${rows[r] + 1} element ${j} is ${v} but feeds the ${p.input.type} input "${p.input.name}": save the array as integers (numpy.save(path, arr.astype(numpy.int64)))${t.exact ? '' : ', without scale/mean/std transforms'}`,
              );
            }
            if (out instanceof BigInt64Array) out[r * w + j] = BigInt(v);
            else out[r * w + j] = v;
          }
        }
        return new ort.Tensor(p.input.type, out as never, dims);
      }
      const w = p.columns.length;
      for (let j = 0; j < w; j++) {
        const col = ds.columns.get(p.columns![j]) as Extract<Column, { kind: 'number' }>;
        for (let r = 0; r < rows.length; r++) {
          const v = col.values[rows[r]];
          if (!Number.isInteger(v)) {
            throw new GateError(
              'data.not-integer',
              `dataset "${ds.name}" column "${p.columns![j]}" row ${rows[r] + 1} is ${Number.isNaN(v) ? 'missing' : v} but feeds the ${p.input.type} input "${p.input.name}": fill or drop missing values`,
            );
          }
          const idx = r * w + j;
          if (out instanceof BigInt64Array) out[idx] = BigInt(v);
          else out[idx] = v;
        }
      }
      return new ort.Tensor(p.input.type, out as never, dims);
    }
    default:
      throw new GateError('model.input-type', `model input "${p.input.name}" has type ${p.input.type}, which model-gate cannot feed (supported: float32, float64, int64, int32, bool, string)`);
  }
}

function numToString(v: number): string | null {
  return Number.isNaN(v) ? null : String(v);
}

function dtypeOf(i: InputInfo): InputDType {
  switch (i.type) {
    case 'float32':
    case 'float16':
      return 'float32';
    case 'float64':
      return 'float64';
    case 'int64':
      return 'int64';
    case 'int32':
      return 'int32';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    default:
      return 'float32';
  }
}

/**
 * The per-row shape to feed: the model's static dims where known, with symbolic dims resolved from the data.
 * Errors when the element counts cannot match ("wrong feature count").
 */
function resolveRowShape(input: InputInfo, perRow: number, dataRowShape: number[], dsName: string): number[] {
  const dims = input.shape.slice(1);
  if (input.shape.length === 0) return dataRowShape;
  if (input.shape.length === 1) {
    if (perRow !== 1) {
      throw new GateError('model.feature-count', `model input "${input.name}" takes one value per row (shape ${fmtShape(input.shape)}) but dataset "${dsName}" gives ${perRow}: map one column to it with model.inputs`);
    }
    return [];
  }
  const known = dims.map((d) => (typeof d === 'number' && d > 0 ? d : -1));
  const unknown = known.filter((d) => d < 0).length;
  const product = known.filter((d) => d > 0).reduce((a, b) => a * b, 1);
  if (unknown === 0) {
    if (product !== perRow) {
      throw new GateError(
        'model.feature-count',
        `model input "${input.name}" expects ${product} values per row (shape ${fmtShape(input.shape)}) but dataset "${dsName}" gives ${perRow}${dataRowShape.length > 1 ? ` (shape [${dataRowShape.join(', ')}])` : ''}: check the dataset's columns, exclude, or transform.reshape`,
      );
    }
    return known;
  }
  if (unknown === dims.length && dims.length === dataRowShape.length) return dataRowShape;
  if (unknown === 1 && perRow % product === 0) return known.map((d) => (d < 0 ? perRow / product : d));
  throw new GateError('model.feature-count', `cannot fit dataset "${dsName}" rows of ${perRow} values into model input "${input.name}" of shape ${fmtShape(input.shape)}: use transform.reshape`);
}

export function fmtShape(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d ? d : 'N')).join(', ')}]`;
}
