/**
 * Loads one dataset of the policy (docs/design.md §4 `datasets:`): resolve the path inside the workspace, hash the file and
 * check its pin BEFORE parsing (a mismatch is tampering: kind `fail`), parse CSV / .npy / Parquet, then apply
 * `label`/`labels`, `exclude`, `label-map` and `transform`.
 */
import { lstatSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { GateError, type Where } from '../errors.ts';
import { resolveInside } from '../util/paths.ts';
import { pinHex, sha256File } from '../util/hash.ts';
import { isLfsPointer } from '../util/lfs.ts';
import type { PositionOf } from '../types/position.ts';
import type { Column, Dataset } from './types.ts';
import { readCsv, type CsvTable } from './csv.ts';
import { readNpy, readNpyHeader } from './npy.ts';
import { readParquet } from './parquet.ts';

export interface DatasetTransform {
  /** Divides every value: x / scale (scalar, or per channel / per feature). */
  scale?: number | number[];
  /** Subtracted after scaling (scalar, per channel or per feature). */
  mean?: number | number[];
  /** Divides after the mean: (x - mean) / std (scalar, per channel or per feature). */
  std?: number | number[];
  /** Per-row shape of the result (one entry may be -1). */
  reshape?: number[];
}

/** One entry of the policy's `datasets:` map. */
export interface DatasetSpec {
  path: string;
  /** Tabular: the label column. */
  label?: string;
  /** `.npy`: a second `.npy` file with one label per row. */
  labels?: string;
  sha256?: string;
  /** `.npy`: pin of the labels file. */
  'labels-sha256'?: string;
  exclude?: string[];
  transform?: DatasetTransform;
  'label-map'?: Record<string, string | number>;
  sample?: 'first' | 'stratified';
}

export interface LoadOptions {
  workspace: string;
  workingDirectory: string;
  /**
   * Position of a policy key for error locations. Called with the key path INSIDE this dataset's entry (e.g.
   * `['sha256']`, `['exclude', 1]`, `['transform', 'mean']`): the caller prefixes `datasets.<name>`.
   */
  positionOf?: PositionOf;
}

export const SUPPORTED_FORMATS = ['.csv', '.npy', '.parquet'] as const;


export async function loadDataset(name: string, spec: DatasetSpec, opts: LoadOptions): Promise<Dataset> {
  const at = (...key: (string | number)[]): Where | undefined => {
    const p = opts.positionOf?.(key);
    return p ? { file: p.file, line: p.line, col: p.col } : undefined;
  };
  const fail = (code: string, msg: string, where: Where | undefined): never => {
    throw new GateError(code, `dataset "${name}": ${msg}`, { where });
  };
  const ds = `dataset "${name}"`;

  const file = resolveInside(opts.workspace, opts.workingDirectory, spec.path, `${ds} path`, at('path'));
  const format = formatOf(file.rel);
  if (format === null) {
    return fail('data.format', `${file.rel}: unsupported file type "${path.extname(file.rel) || '(none)'}" (supported: ${SUPPORTED_FORMATS.join(', ')})`, at('path'));
  }
  checkReadable(file.abs, file.rel, name, at('path'));
  const sha256 = await sha256File(file.abs);
  if (spec.sha256 !== undefined) checkPin(name, file.rel, spec.sha256, sha256, at('sha256') ?? at('path'));
  // The labels file (.npy datasets): resolved, hashed and pin-checked before anything is parsed.
  let labelsFile: { abs: string; rel: string; sha256: string } | undefined;
  if (spec['labels-sha256'] !== undefined && spec.labels === undefined) {
    fail('data.spec', '"labels-sha256" pins a labels file, but there is no "labels"', at('labels-sha256'));
  }
  if (spec.labels !== undefined && format === 'npy') {
    const lf = resolveInside(opts.workspace, opts.workingDirectory, spec.labels, `${ds} labels`, at('labels'));
    if (!lf.rel.toLowerCase().endsWith('.npy')) fail('data.format', `labels ${lf.rel}: must be a .npy file`, at('labels'));
    checkReadable(lf.abs, lf.rel, name, at('labels'));
    labelsFile = { ...lf, sha256: await sha256File(lf.abs) };
    if (spec['labels-sha256'] !== undefined) checkPin(name, lf.rel, spec['labels-sha256'], labelsFile.sha256, at('labels-sha256') ?? at('labels'));
  }

  if (spec.sample !== undefined && spec.sample !== 'first' && spec.sample !== 'stratified') {
    fail('data.spec', `sample must be "first" or "stratified", not ${JSON.stringify(spec.sample)}`, at('sample'));
  }

  let result: Dataset;
  if (format === 'npy') {
    if (spec.label !== undefined) fail('data.spec', `${file.rel} is a .npy tensor without columns: give the labels as a second .npy file with "labels: y.npy" instead of "label"`, at('label'));
    if (spec.exclude !== undefined && spec.exclude.length > 0) fail('data.spec', `${file.rel} is a .npy tensor without columns: "exclude" applies to CSV and Parquet datasets`, at('exclude'));
    // Integer and bool arrays (token ids, category codes) keep their exact values for integer model inputs, unless
    // a scale/mean/std transform replaces them (it drops `exact`): then they are read as float32 at once, the same
    // values as float64 rounded to float32.
    const t = spec.transform;
    const rescaled = t !== undefined && (t.scale !== undefined || t.mean !== undefined || t.std !== undefined);
    const integral = !rescaled && (await readNpyHeader(file.abs, { displayPath: file.rel })).kind !== 'f';
    const x = integral
      ? await readNpy(file.abs, 'float64', { displayPath: file.rel, expectSha256: sha256 })
      : await readNpy(file.abs, 'float32', { displayPath: file.rel, expectSha256: sha256 });
    if (x.shape.length === 0) fail('data.npy', `${file.rel} holds a single scalar: the first axis must be the rows`, at('path'));
    const rows = x.shape[0];
    if (rows === 0) fail('data.empty', `${file.rel}: no rows (shape ${JSON.stringify(x.shape)}): the dataset is empty`, at('path'));
    result = {
      name, path: file.rel, format, sha256, extraFiles: [], rows,
      columns: new Map(), features: [],
      tensor: x.data instanceof Float64Array
        ? { data: new Float32Array(x.data), shape: x.shape, exact: x.data, dtype: x.header.descr }
        : { data: x.data, shape: x.shape, dtype: x.header.descr },
    };
    if (labelsFile !== undefined) {
      const lf = labelsFile;
      const lsha = lf.sha256;
      const y = await readNpy(lf.abs, 'float64', { displayPath: lf.rel, expectSha256: lsha });
      const ok = y.shape.length === 1 || (y.shape.length === 2 && y.shape[1] === 1);
      if (!ok) fail('data.labels', `labels ${lf.rel} has shape ${JSON.stringify(y.shape)}: expected one label per row, shape [${rows}]`, at('labels'));
      if (y.shape[0] !== rows) fail('data.labels', `labels ${lf.rel} has ${y.shape[0]} entries but ${file.rel} has ${rows} rows: they must match`, at('labels'));
      result.extraFiles.push({ path: lf.rel, sha256: lsha });
      result.labelColumn = lf.rel;
      result.labels = { kind: 'number', values: y.data };
    }
  } else {
    if (spec.labels !== undefined) fail('data.spec', `"labels" (a separate labels file) applies to .npy datasets: name the label column of ${file.rel} with "label"`, at('labels'));
    const table: CsvTable = format === 'csv'
      ? await readCsv(file.abs, { displayPath: file.rel, expectSha256: sha256 })
      : await readParquet(file.abs, { displayPath: file.rel });
    if (table.rows === 0) fail('data.empty', `${file.rel}: no rows: the dataset is empty`, at('path'));
    const available = (): string => listNames(table.names);
    if (spec.label !== undefined && !table.columns.has(spec.label)) {
      fail('data.label', `label column ${JSON.stringify(spec.label)} is not in ${file.rel} (columns: ${available()})`, at('label'));
    }
    const excluded = new Set<string>();
    (spec.exclude ?? []).forEach((c, i) => {
      if (!table.columns.has(c)) fail('data.exclude', `excluded column ${JSON.stringify(c)} is not in ${file.rel} (columns: ${available()})`, at('exclude', i));
      excluded.add(c);
    });
    const features = table.names.filter((c) => c !== spec.label && !excluded.has(c));
    if (features.length === 0) fail('data.features', `${file.rel} has no feature columns left after removing the label and "exclude"`, at('exclude') ?? at('path'));
    result = {
      name, path: file.rel, format, sha256, extraFiles: [], rows: table.rows,
      columns: table.columns, features,
    };
    if (table.lineBreaks) result.lineBreaks = table.lineBreaks;
    if (spec.label !== undefined) {
      result.labelColumn = spec.label;
      result.labels = table.columns.get(spec.label)!;
    }
  }

  if (spec['label-map'] !== undefined) {
    if (!result.labels) fail('data.label-map', `"label-map" needs labels: add ${format === 'npy' ? '"labels: <file>.npy"' : '"label: <column>"'}`, at('label-map'));
    const src = format === 'npy' ? result.labelColumn! : `${file.rel} column ${JSON.stringify(result.labelColumn)}`;
    result.labels = applyLabelMap(result.labels!, spec['label-map'], src, (msg) => fail('data.label-map', msg, at('label-map')));
  }
  if (spec.transform !== undefined) applyTransform(result, spec.transform, (key, msg) => fail('data.transform', `transform.${key}: ${msg}`, at('transform', key) ?? at('transform')));
  return result;
}

export function formatOf(rel: string): Dataset['format'] | null {
  const ext = path.extname(rel).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.npy') return 'npy';
  if (ext === '.parquet') return 'parquet';
  return null;
}

/** Column names for messages: quoted, the first 40. */
export function listNames(names: string[]): string {
  const shown = names.slice(0, 40).map((n) => JSON.stringify(n)).join(', ');
  return names.length > 40 ? `${shown}, ... ${names.length - 40} more` : shown;
}

/** The file exists, is a regular file (or a symlink to one) and is not a Git LFS pointer. */
export function checkReadable(abs: string, rel: string, name: string, where: Where | undefined): void {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    throw new GateError('data.missing', `dataset "${name}": ${rel} does not exist: commit the file or fix the path`, { where });
  }
  if (st.isSymbolicLink()) st = statSync(abs);
  if (!st.isFile()) throw new GateError('data.missing', `dataset "${name}": ${rel} is not a regular file`, { where });
  if (st.size > 0 && st.size <= 1024) {
    const fd = openSync(abs, 'r');
    try {
      const head = Buffer.alloc(st.size);
      const n = readSync(fd, head, 0, head.length, 0);
      if (isLfsPointer(head.subarray(0, n))) {
        throw new GateError('data.lfs', `dataset "${name}": ${rel} is a Git LFS pointer, not the data: check out with lfs: true (actions/checkout) or run git lfs pull`, { where });
      }
    } finally {
      closeSync(fd);
    }
  }
}

function checkPin(name: string, rel: string, pinned: string, actual: string, where: Where | undefined): void {
  const want = pinHex(pinned);
  if (!/^[0-9a-f]{64}$/.test(want)) {
    throw new GateError('data.pin', `dataset "${name}": sha256 pin ${JSON.stringify(pinned)} is not 64 hex digits: pin the output of sha256sum ${rel}`, { where });
  }
  if (want !== actual) {
    throw new GateError('data.pin-mismatch', `dataset "${name}": ${rel} has sha256 ${actual} but the policy pins ${want}: the data changed (tampering?); if the change is intended, update the pin`, { kind: 'fail', where });
  }
}

/** Canonical text of a label value, to match label-map keys (YAML keys are strings). */
function canonicalNumberKey(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * Maps raw label values through `map`. Numeric labels match keys that parse to the same number (`1`, `1.0`);
 * string labels match keys exactly. Missing labels stay missing. The result is numeric when every target is a number,
 * text when every target is text.
 */
export function applyLabelMap(labels: Column, map: Record<string, string | number>, source: string, bad: (msg: string) => never): Column {
  const badMap = bad;
  const keys = (): string => Object.keys(map).map((k) => JSON.stringify(k)).join(', ');
  const badValue = (value: string, row: number): never => bad(`label value ${value} (row ${row + 1} of ${source}) is not in label-map (keys: ${keys()}): add it to label-map`);
  const entries = Object.entries(map);
  if (entries.length === 0) badMap('label-map is empty');
  const targets = entries.map(([, v]) => v);
  const allNum = targets.every((v) => typeof v === 'number' && Number.isFinite(v));
  const allStr = targets.every((v) => typeof v === 'string');
  if (!allNum && !allStr) badMap('label-map values must be all numbers or all strings');
  if (labels.kind === 'number') {
    const lookup = new Map<string, string | number>();
    const origin = new Map<string, string>();
    for (const [k, v] of entries) {
      const t = k.trim();
      const n = t === '' ? NaN : Number(t);
      if (!Number.isFinite(n)) badMap(`label-map key ${JSON.stringify(k)} is not a number, but the labels are numbers`);
      const key = canonicalNumberKey(n);
      if (lookup.has(key)) badMap(`label-map keys ${JSON.stringify(origin.get(key))} and ${JSON.stringify(k)} are the same number ${key}`);
      lookup.set(key, v);
      origin.set(key, k);
    }
    return mapValues(labels.values.length, (i) => {
      const x = labels.values[i];
      if (Number.isNaN(x)) return null;
      const v = lookup.get(canonicalNumberKey(x));
      if (v === undefined) badValue(canonicalNumberKey(x), i);
      return v!;
    }, allNum);
  }
  const lookup = new Map<string, string | number>(entries);
  return mapValues(labels.values.length, (i) => {
    const x = labels.values[i];
    if (x === null) return null;
    const v = lookup.get(x);
    if (v === undefined) badValue(JSON.stringify(x), i);
    return v!;
  }, allNum);
}

function mapValues(n: number, f: (i: number) => string | number | null, numeric: boolean): Column {
  if (numeric) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = f(i);
      out[i] = v === null ? NaN : (v as number);
    }
    return { kind: 'number', values: out };
  }
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) out[i] = f(i) as string | null;
  return { kind: 'string', values: out };
}

/**
 * Applies `transform` in order: x / scale, then (x - mean) / std, then reshape.
 * Tensors (.npy): a list of length 1 is a scalar, of the per-row element count is per element, of the first per-row
 * axis (NCHW channels) is per channel. Tabular: a scalar or one value per feature column (features must be numeric);
 * with `reshape`, the numeric features also become the dataset tensor [rows, ...reshape].
 */
export function applyTransform(ds: Dataset, t: DatasetTransform, bad: (key: string, msg: string) => never): void {
  const known = new Set(['scale', 'mean', 'std', 'reshape']);
  for (const k of Object.keys(t)) if (!known.has(k)) bad(k, `unknown key (allowed: scale, mean, std, reshape)`);
  const asList = (key: 'scale' | 'mean' | 'std'): number[] | undefined => {
    const v = t[key];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0) bad(key, 'is an empty list');
    for (const x of list) {
      if (typeof x !== 'number' || !Number.isFinite(x)) bad(key, `${JSON.stringify(x)} is not a finite number`);
      if ((key === 'scale' || key === 'std') && x === 0) bad(key, 'must not be 0 (it divides)');
    }
    return list;
  };
  const scale = asList('scale');
  const mean = asList('mean');
  const std = asList('std');

  if (ds.tensor) {
    const { data, shape } = ds.tensor;
    const rowShape = shape.slice(1);
    const per = rowShape.reduce((a, b) => a * b, 1);
    const channels = rowShape.length > 0 ? rowShape[0] : 1;
    const inner = rowShape.length > 0 ? per / (channels || 1) : 1;
    // index -> parameter index for a list
    const mode = (key: string, list: number[]): 'scalar' | 'element' | 'channel' => {
      if (list.length === 1) return 'scalar';
      if (list.length === per) return 'element';
      if (rowShape.length > 1 && list.length === channels) return 'channel';
      return bad(key, `has ${list.length} values; expected 1, ${rowShape.length > 1 ? `${channels} (one per channel, axis 1 of shape ${JSON.stringify(shape)}) or ` : ''}${per} (one per element of a row)`);
    };
    // Parameter index of element `within` (position inside a row) for each list; -1 = step absent.
    const pick = (key: string, list: number[] | undefined): ((within: number) => number) => {
      if (!list) return () => NaN;
      const m = mode(key, list);
      return m === 'scalar' ? () => list[0] : m === 'element' ? (w) => list[w] : (w) => list[Math.floor(w / inner)];
    };
    const ps = pick('scale', scale), pm = pick('mean', mean), pd = pick('std', std);
    if (scale || mean || std) {
      // The transformed values are no longer the file's integers.
      delete ds.tensor.exact;
      // Per position in a row, the combined affine map x -> (x / s - m) / d, evaluated in float64, stored once
      // (an absent step is s = 1, m = 0 or d = 1: exact). Scalars only: the same map with constants.
      const scalar = [scale, mean, std].every((l) => !l || l.length === 1);
      if (scalar) {
        const s = scale ? scale[0] : 1, m = mean ? mean[0] : 0, d = std ? std[0] : 1;
        for (let i = 0; i < data.length; i++) data[i] = (data[i] / s - m) / d;
      } else {
        const sc = new Float64Array(per), mu = new Float64Array(per), sd = new Float64Array(per);
        for (let w = 0; w < per; w++) {
          sc[w] = scale ? ps(w) : 1;
          mu[w] = mean ? pm(w) : 0;
          sd[w] = std ? pd(w) : 1;
        }
        for (let i = 0, w = 0; i < data.length; i++) {
          data[i] = (data[i] / sc[w] - mu[w]) / sd[w];
          if (++w === per) w = 0;
        }
      }
    }
    if (t.reshape !== undefined) ds.tensor.shape = [shape[0], ...resolveReshape(t.reshape, per, bad)];
    return;
  }

  // Tabular
  const nf = ds.features.length;
  const perFeature = (key: string, list: number[] | undefined): ((j: number) => number) | undefined => {
    if (!list) return undefined;
    if (list.length === 1) return () => list[0];
    if (list.length === nf) return (j) => list[j];
    return bad(key, `has ${list.length} values; expected 1 or ${nf} (one per feature column: ${listNames(ds.features)})`);
  };
  const fs = perFeature('scale', scale), fm = perFeature('mean', mean), fd = perFeature('std', std);
  const cols: Float64Array[] = [];
  const numericNeeded = fs || fm || fd || t.reshape !== undefined;
  ds.features.forEach((c, j) => {
    const col = ds.columns.get(c)!;
    if (col.kind !== 'number') {
      if (numericNeeded) bad(Object.keys(t)[0], `feature column ${JSON.stringify(c)} holds text; transform needs numeric features (exclude or encode it)`);
      return;
    }
    if (fs || fm || fd) {
      const src = col.values;
      const out = new Float64Array(src.length);
      const sc = fs ? fs(j) : 1, mu = fm ? fm(j) : 0, sd = fd ? fd(j) : 1;
      for (let i = 0; i < src.length; i++) out[i] = (src[i] / sc - mu) / sd;
      ds.columns.set(c, { kind: 'number', values: out });
      cols.push(out);
    } else cols.push(col.values);
  });
  if (t.reshape !== undefined) {
    const rowShape = resolveReshape(t.reshape, nf, bad);
    const data = new Float32Array(ds.rows * nf);
    // Column-major to row-major in blocks of rows (so that the rows written stay in cache).
    const block = 64;
    for (let r0 = 0; r0 < ds.rows; r0 += block) {
      const r1 = Math.min(ds.rows, r0 + block);
      for (let j = 0; j < nf; j++) {
        const v = cols[j];
        for (let i = r0; i < r1; i++) data[i * nf + j] = v[i];
      }
    }
    ds.tensor = { data, shape: [ds.rows, ...rowShape] };
  }
}

function resolveReshape(shape: number[], per: number, bad: (key: string, msg: string) => never): number[] {
  if (!Array.isArray(shape) || shape.length === 0) bad('reshape', 'must be a non-empty list of dimensions, e.g. [1, 28, 28]');
  let known = 1;
  let free = -1;
  shape.forEach((d, i) => {
    if (d === -1) {
      if (free >= 0) bad('reshape', 'may contain -1 only once');
      free = i;
    } else if (!Number.isSafeInteger(d) || d <= 0) bad('reshape', `${JSON.stringify(d)} is not a positive integer (or -1)`);
    else known *= d;
  });
  const out = shape.slice();
  if (free >= 0) {
    if (per % known !== 0) bad('reshape', `${JSON.stringify(shape)} cannot hold the ${per} values of a row`);
    out[free] = per / known;
  } else if (known !== per) {
    bad('reshape', `${JSON.stringify(shape)} holds ${known} values but a row has ${per}: the element counts must match`);
  }
  return out;
}
