/**
 * The column names a policy writes, against the datasets' headers (`model-gate validate`): `datasets.<n>.label` and
 * `exclude`, `gates.fairness.sensitive`, the robustness gate's `immutable`, `integer` and `one-hot` columns, and the
 * drift gate's `features`, `per-feature` and `must-not-drift` (tabular datasets; `prediction:*` are not columns), each
 * with the closest column name. The same rules the loader (src/data/load.ts) and the gates apply when they run, found
 * before anything runs. Works on a policy the schema may have rejected: a value of the wrong shape is skipped (the
 * schema reported it).
 */
import { listNames } from '../data/load.ts';
import type { DataHeader } from '../data/headers.ts';
import type { PolicyIssue } from './checks.ts';
import { closest } from './suggest.ts';
import { formatPath, type PolicyPath } from './types.ts';

/** A dataset's file (workspace-relative, for messages) and its header. */
export interface DatasetHeader {
  rel: string;
  header: DataHeader;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const strings = (v: unknown): [string, number | undefined][] =>
  typeof v === 'string' ? [[v, undefined]] : Array.isArray(v) ? v.flatMap((x, i): [string, number][] => (typeof x === 'string' ? [[x, i]] : [])) : [];

/** Problems of the policy's column names; `headerOf` gives a dataset's header, undefined when it could not be read. */
export function checkColumns(data: unknown, headerOf: (dataset: string) => DatasetHeader | undefined): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const policy = obj(data) ?? {};
  const datasets = obj(policy.datasets) ?? {};
  const mean = (name: string, candidates: string[]): string => {
    const guess = closest(name, candidates);
    return guess ? `; did you mean ${JSON.stringify(guess)}?` : '';
  };
  const at = (path: PolicyPath, i: number | undefined): PolicyPath => (i === undefined ? path : [...path, i]);

  for (const [name, entry] of Object.entries(datasets)) {
    const ds = obj(entry);
    const h = headerOf(name);
    if (!ds || !h) continue;
    const here = (key: string): PolicyPath => ['datasets', name, key];
    if (h.header.format === 'npy') {
      if (ds.label !== undefined) {
        issues.push({ path: here('label'), where: 'key', message: `datasets.${name}.label: ${h.rel} is a .npy tensor without columns: give the labels as a second .npy file with labels: y.npy instead` });
      }
      if (Array.isArray(ds.exclude) && ds.exclude.length > 0) {
        issues.push({ path: here('exclude'), where: 'key', message: `datasets.${name}.exclude: ${h.rel} is a .npy tensor without columns: exclude applies to CSV and Parquet datasets` });
      }
      continue;
    }
    const names = h.header.names;
    const label = ds.label;
    if (typeof label === 'string' && !names.includes(label)) {
      issues.push({ path: here('label'), where: 'value', message: `datasets.${name}.label ${JSON.stringify(label)} is not a column of ${h.rel} (columns: ${listNames(names)})${mean(label, names)}` });
    }
    if (Array.isArray(ds.exclude)) {
      for (const [col, i] of strings(ds.exclude)) {
        const path = at(here('exclude'), i);
        if (!names.includes(col)) issues.push({ path, where: 'value', message: `${formatPath(path)} ${JSON.stringify(col)} is not a column of ${h.rel} (columns: ${listNames(names)})${mean(col, names)}` });
      }
    }
  }

  const gates = obj(policy.gates) ?? {};
  // A tabular dataset a gate names: its header, its entry, and its feature columns (every column but the label and
  // the excluded ones).
  const tabular = (dataset: unknown): { h: DatasetHeader & { header: { names: string[] } }; ds: Obj; label?: string; excluded: string[]; features: string[] } | undefined => {
    if (typeof dataset !== 'string') return undefined;
    const h = headerOf(dataset);
    const ds = obj(datasets[dataset]);
    if (!h || !ds || h.header.format === 'npy') return undefined;
    const names = h.header.names;
    const label = typeof ds.label === 'string' ? ds.label : undefined;
    const excluded = Array.isArray(ds.exclude) ? ds.exclude.filter((c): c is string => typeof c === 'string') : [];
    return { h: h as DatasetHeader & { header: { names: string[] } }, ds, label, excluded, features: names.filter((c) => c !== label && !excluded.includes(c)) };
  };

  const fairness = obj(gates.fairness);
  const fair = fairness && tabular(fairness.dataset);
  if (fairness && fair) {
    const names = fair.h.header.names;
    for (const [col, i] of strings(fairness.sensitive)) {
      const path = at(['gates', 'fairness', 'sensitive'], i);
      if (!names.includes(col)) {
        issues.push({ path, where: 'value', message: `${formatPath(path)} ${JSON.stringify(col)} is not a column of dataset ${JSON.stringify(fairness.dataset)} (${fair.h.rel}; columns: ${listNames(names)})${mean(col, names)}` });
      }
    }
  }

  const drift = obj(gates.drift);
  const dRef = drift && tabular(drift.reference), dCur = drift && tabular(drift.current);
  if (drift && dRef) {
    const prediction = (f: string) => f === 'prediction:class' || f === 'prediction:confidence';
    const { label, excluded } = dRef;
    const listed = strings(drift.features);
    const sides: [unknown, NonNullable<typeof dRef>][] = [[drift.reference, dRef], ...(dCur ? [[drift.current, dCur] as [unknown, NonNullable<typeof dRef>]] : [])];
    for (const [col, i] of listed) {
      if (prediction(col)) continue;
      const path = at(['gates', 'drift', 'features'], i);
      for (const [name, side] of sides) {
        const names = side.h.header.names;
        if (!names.includes(col)) {
          issues.push({ path, where: 'value', message: `${formatPath(path)} ${JSON.stringify(col)} is not a column of dataset ${JSON.stringify(name)} (${side.h.rel}; columns: ${listNames(names)})${mean(col, names)}` });
          break;
        }
      }
    }
    if (drift.features === undefined) {
      // the default features: the reference's model input columns and the two prediction features
      const features = dRef.features;
      const check = (path: PolicyPath, col: string, where: 'key' | 'value'): void => {
        if (prediction(col) || features.includes(col)) return;
        const why = col === label ? 'the label column' : excluded.includes(col) ? `excluded by datasets.${String(drift.reference)}.exclude` : 'not a column';
        issues.push({ path, where, message: `${formatPath(path)} ${JSON.stringify(col)} is not a default drift feature of dataset ${JSON.stringify(drift.reference)} (${why}; features: ${listNames(features)}, prediction:class, prediction:confidence): list it under gates.drift.features${mean(col, features)}` });
      };
      for (const col of Object.keys(obj(drift['per-feature']) ?? {})) check(['gates', 'drift', 'per-feature', col], col, 'key');
      for (const [col, i] of strings(drift['must-not-drift'])) check(at(['gates', 'drift', 'must-not-drift'], i), col, 'value');
    }
  }

  const robustness = obj(gates.robustness);
  const rob = robustness && tabular(robustness.dataset);
  if (robustness && rob) {
    const names = rob.h.header.names;
    const { label, excluded, features } = rob;
    const feature = (path: PolicyPath, col: string): void => {
      const which = `dataset ${JSON.stringify(robustness.dataset)}`;
      const what = `${formatPath(path)} ${JSON.stringify(col)}`;
      if (col === label) issues.push({ path, where: 'value', message: `${what} is the label column of ${which} (${rob.h.rel}), not a feature` });
      else if (excluded.includes(col)) issues.push({ path, where: 'value', message: `${what} is excluded from the features of ${which} (${rob.h.rel}) by datasets.${String(robustness.dataset)}.exclude` });
      else if (!names.includes(col)) issues.push({ path, where: 'value', message: `${what} is not a feature of ${which} (${rob.h.rel}; features: ${listNames(features)})${mean(col, features)}` });
    };
    for (const key of ['immutable', 'integer'] as const) {
      if (!Array.isArray(robustness[key])) continue;
      for (const [col, i] of strings(robustness[key])) feature(at(['gates', 'robustness', key], i), col);
    }
    const groups = robustness['one-hot'];
    if (Array.isArray(groups)) {
      groups.forEach((g, gi) => {
        if (!Array.isArray(g)) return; // another form of group: not a list of columns
        for (const [col, i] of strings(g)) feature(at(['gates', 'robustness', 'one-hot', gi], i), col);
      });
    }
  }
  return issues;
}
