/**
 * The drift gate (docs/gates/drift.md, README.md here): does the current data still look like the reference data?
 * Per feature, Evidently's column drift test (src/stats/drift.ts) between `reference` and `current`; the share of
 * features that drifted is gated. Features come from features.ts, the arithmetic from compute.ts.
 */
import { GateError } from '../../errors.ts';
import type { Check } from '../../types/report-parts.ts';
import type { Dataset } from '../../data/types.ts';
import type { GateContext, GateDefinition, GateOutcome } from '../types.ts';
import { FeatureProblem, computeDrift, type FeatureInput, type FeatureResult } from './compute.ts';
import { channelLayout } from '../../data/layout.ts';
import {
  PREDICTION_CLASS,
  PREDICTION_CONFIDENCE,
  PREDICTION_FEATURES,
  channelMeans,
  channelName,
  columnPair,
  confidence,
  type LazyPair,
  type SidePair,
} from './features.ts';
import { DRIFT_METRICS, featureThreshold, type DriftGatePolicy } from './policy.ts';
import { releaseScratch } from './scratch.ts';
import { releaseSortBuffers } from '../../stats/sort.ts';

export { DRIFT_METRICS };
export type { DriftGatePolicy, FeatureResult };

/** `details` of the drift gate's result (gates/README.md). */
export type DriftDetails = {
  reference: string;
  current: string;
  reference_rows: number;
  current_rows: number;
  /** `policy` (gates.drift.features) or `default` (every model input column or channel, and the prediction features). */
  features_from: 'policy' | 'default';
  tested: number;
  /** Names of the features that drifted, in feature order. */
  drifted: string[];
  /** One result per feature, in feature order (the policy's, else the dataset's, then the prediction features). */
  features: FeatureResult[];
  /** Categorical features: the label of each code (the order chi2/z/jensenshannon/psi iterate). */
  categories?: Record<string, string[]>;
  /** What was not tested, and why (e.g. no confidence for a model that outputs labels). */
  notes?: string[];
  conventions: string;
};

type Pos = (...path: (string | number)[]) => ReturnType<GateContext['position']>;

export const driftGate: GateDefinition<DriftGatePolicy, DriftDetails, 'drift'> = {
  name: 'drift',
  metrics: DRIFT_METRICS,
  checkKeys: ['must-not-drift'],
  async run(ctx: GateContext<DriftGatePolicy>): Promise<GateOutcome<DriftDetails>> {
    const p = ctx.policy;
    const pos: Pos = (...path) => ctx.position(['gates', 'drift', ...path]);
    if (p.reference === p.current) {
      throw new GateError('drift.datasets', `gates.drift.current is the same dataset as reference (${JSON.stringify(p.reference)}): compare two different datasets`, { where: pos('current') });
    }
    const R = ctx.dataset(p.reference), C = ctx.dataset(p.current);
    const tensor = (d: Dataset) => d.format === 'npy';
    if (tensor(R) !== tensor(C)) {
      throw new GateError('drift.datasets', `gates.drift compares a ${tensor(R) ? '.npy tensor' : 'table'} (reference "${p.reference}") with a ${tensor(C) ? '.npy tensor' : 'table'} (current "${p.current}"): both must be tables or both tensors`, { where: pos('current') });
    }

    const explicit = p.features !== undefined;
    const notes: string[] = [];
    const pairs = new Map<string, LazyPair>();
    const where = (name: string): ReturnType<Pos> => {
      const i = p.features?.indexOf(name) ?? -1;
      return (i >= 0 ? pos('features', i) : undefined) ?? pos(explicit ? 'features' : 'reference');
    };
    const problem = (name: string, why: string): never => {
      throw new GateError('drift.features', `gates.drift feature ${why}`, { where: where(name) });
    };

    // Data features.
    let dataNames: string[];
    if (tensor(R)) {
      const rs = R.tensor!.shape.slice(1), cs = C.tensor!.shape.slice(1);
      if (rs.join('x') !== cs.join('x')) {
        throw new GateError('drift.datasets', `gates.drift: rows of reference "${p.reference}" have shape [${rs.join(', ')}] but rows of current "${p.current}" [${cs.join(', ')}]: compare tensors of one shape`, { where: pos('current') });
      }
      const { channels } = channelLayout(rs);
      const all = Array.from({ length: channels }, (_, c) => channelName(c));
      dataNames = explicit ? p.features!.filter((f) => !isPrediction(f)) : all;
      for (const f of dataNames) if (!all.includes(f)) problem(f, `"${f}" is not a feature of the tensor dataset "${p.reference}" (features: ${[...all, ...PREDICTION_FEATURES].join(', ')})`);
      if (dataNames.length) {
        const rm = channelMeans(R), cm = channelMeans(C);
        for (const f of dataNames) {
          const c = all.indexOf(f);
          pairs.set(f, { kind: 'numeric', reference: rm[c], current: cm[c] });
        }
      }
    } else {
      dataNames = explicit ? p.features!.filter((f) => !isPrediction(f)) : [...R.features];
      for (const f of dataNames) {
        const pair = columnPair(f, R.columns.get(f), C.columns.get(f), p.reference, p.current, { reference: [...R.columns.keys()], current: [...C.columns.keys()] });
        if (typeof pair === 'string') problem(f, pair);
        else pairs.set(f, pair as LazyPair);
      }
    }

    // Prediction features: listed, or by default.
    const wanted = explicit ? p.features!.filter(isPrediction) : [...PREDICTION_FEATURES];
    if (wanted.length) {
      const [pr, pc] = [await ctx.predictions(p.reference), await ctx.predictions(p.current)];
      for (const f of wanted) {
        if (f === PREDICTION_CLASS) {
          pairs.set(f, { kind: 'categorical', reference: pr.predicted, current: pc.predicted, categories: Math.max(pr.classes, pc.classes), labels: pr.classLabels.map(String) });
        } else {
          const a = confidence(pr), b = confidence(pc);
          if (!a || !b) {
            if (explicit) problem(f, `"${f}" needs class scores, but the model outputs only labels: drop it from features`);
            notes.push(`${PREDICTION_CONFIDENCE} not tested: the model outputs only labels`);
            continue;
          }
          pairs.set(f, { kind: 'numeric', reference: a, current: b });
        }
      }
    }
    const order = explicit ? p.features!.filter((f) => pairs.has(f)) : [...dataNames, ...wanted.filter((f) => pairs.has(f))];
    if (order.length === 0) {
      throw new GateError('drift.features', `gates.drift has no feature to test: dataset "${p.reference}" has no model input column${explicit ? '' : ' and the model gives no prediction feature'}`, { where: pos(explicit ? 'features' : 'reference') });
    }

    // Overrides and must-not-drift name tested features (checked against the data here; against `features` by the loader).
    for (const f of Object.keys(p['per-feature'] ?? {})) {
      if (!pairs.has(f)) throw new GateError('drift.per-feature', `gates.drift.per-feature.${f} names no tested feature (features: ${order.join(', ')})`, { where: pos('per-feature', f) });
    }
    (p['must-not-drift'] ?? []).forEach((f, i) => {
      if (!pairs.has(f)) throw new GateError('drift.must-not-drift', `gates.drift.must-not-drift[${i}] "${f}" names no tested feature (features: ${order.join(', ')})`, { where: pos('must-not-drift', i) });
    });

    // Built one at a time as computeDrift asks for them: a text feature's codes exist only while it is tested.
    const categories: Record<string, string[]> = {};
    function* inputs(): Generator<FeatureInput> {
      for (const name of order) {
        const lazy = pairs.get(name)!;
        const pair: SidePair = 'encode' in lazy ? lazy.encode() : lazy;
        if (pair.labels) categories[name] = pair.labels;
        const o = p['per-feature']?.[name];
        const input: FeatureInput = { name, kind: pair.kind, reference: pair.reference, current: pair.current, method: o?.method ?? p.method ?? 'auto' };
        if (pair.categories !== undefined) input.categories = pair.categories;
        const threshold = featureThreshold(p, name);
        if (threshold !== undefined) input.threshold = threshold;
        yield input;
      }
    }

    let summary;
    try {
      summary = computeDrift(inputs(), () => ctx.checkBudget());
    } catch (e) {
      if (!(e instanceof FeatureProblem)) throw e;
      const methodWhere = p['per-feature']?.[e.feature]?.method !== undefined ? pos('per-feature', e.feature, 'method') : pos('method');
      throw new GateError('drift.features', `gates.drift: ${e.message}`, { where: (e.reason === 'method' ? methodWhere : where(e.feature)) ?? pos() });
    } finally {
      // The reused per-feature buffers (codes, present values, sorted copies): not carried into the next gate.
      releaseScratch();
      releaseSortBuffers();
    }

    const extraChecks: Check[] = [];
    (p['must-not-drift'] ?? []).forEach((f, i) => {
      const r = summary.results.find((x) => x.feature === f)!;
      const check: Check = { metric: `drifted:${f}`, value: r.statistic, pass: !r.drifted };
      if (r.drifted) check.message = `drift: feature ${f} drifted (${r.method} ${r.statistic_kind === 'p_value' ? 'p-value' : 'distance'} ${r.statistic ?? 'undefined'}, threshold ${r.threshold}) and is listed in must-not-drift`;
      const at = pos('must-not-drift', i);
      if (at) Object.assign(check, { file: at.file, line: at.line, col: at.col });
      extraChecks.push(check);
    });

    const details: DriftDetails = {
      reference: p.reference,
      current: p.current,
      reference_rows: R.rows,
      current_rows: C.rows,
      features_from: explicit ? 'policy' : 'default',
      tested: summary.tested,
      drifted: summary.results.filter((r) => r.drifted).map((r) => r.feature),
      features: summary.results,
      conventions:
        'Evidently legacy stattests (src/stats/drift.ts). ks, chi2, z: p-values, drift when p < threshold (ks: p <= threshold); ' +
        'wasserstein (W1 / std of the reference), jensenshannon, psi: distances, drift when >= threshold. ' +
        'auto: n_reference <= 1000: ks (numeric, > 5 distinct values), chi2 (> 2), z; n_reference > 1000: wasserstein (numeric, > 5 distinct), jensenshannon. ' +
        'Missing values (NaN, ±∞, empty) are dropped per feature and side. share_drifted = drifted / tested.',
    };
    if (Object.keys(categories).length) details.categories = categories;
    if (notes.length) details.notes = notes;
    const out: GateOutcome<DriftDetails> = { metrics: { share_drifted: summary.share_drifted, drifted_features: summary.drifted_features }, details };
    if (extraChecks.length) out.extraChecks = extraChecks;
    const dropped = summary.results.filter((r) => r.dropped.reference + r.dropped.current > 0);
    if (dropped.length) out.warnings = [`missing values dropped: ${dropped.map((r) => `${r.feature} (${r.dropped.reference} reference, ${r.dropped.current} current)`).join(', ')}`];
    return out;
  },
};

function isPrediction(f: string): boolean {
  return (PREDICTION_FEATURES as readonly string[]).includes(f);
}

export default driftGate;
