/**
 * The drift gate's arithmetic (pure, no context): per feature, drop the missing values on each side, choose the
 * method (`auto`: src/stats/drift.ts autoMethod, Evidently's default), run the test (src/stats/drift.ts driftTest)
 * and compare it with its threshold. Every statistic is the library's; nothing here re-implements one.
 */
import { DEFAULT_THRESHOLDS, autoMethod, driftTest, type DriftColumn, type DriftMethod } from '../../stats/drift.ts';
import type { DriftPolicyMethod } from './policy.ts';
import { scratch } from './scratch.ts';

/** One side of a feature: numeric values (NaN and ±∞ are missing) or category codes (−1 is missing). */
export type FeatureSide = Float64Array | Int32Array;

export interface FeatureInput {
  name: string;
  kind: 'numeric' | 'categorical';
  /** numeric: Float64Array; categorical: Int32Array codes 0..categories−1 (sorted label order), −1 missing. */
  reference: FeatureSide;
  current: FeatureSide;
  /** categorical: the number of categories (both sides share one numbering). */
  categories?: number;
  method: DriftPolicyMethod;
  /** Default: the method's default threshold (DEFAULT_THRESHOLDS). */
  threshold?: number;
}

/** The policy's name of a library method (`chisquare` is written `chi2` in the policy and the report). */
export const POLICY_NAME: Readonly<Record<DriftMethod, Exclude<DriftPolicyMethod, 'auto'>>> = {
  ks: 'ks', chisquare: 'chi2', z: 'z', wasserstein: 'wasserstein', jensenshannon: 'jensenshannon', psi: 'psi',
};
export const LIBRARY_METHOD: Readonly<Record<Exclude<DriftPolicyMethod, 'auto'>, DriftMethod>> = {
  ks: 'ks', chi2: 'chisquare', z: 'z', wasserstein: 'wasserstein', jensenshannon: 'jensenshannon', psi: 'psi',
};
/** Methods that need a numeric feature. */
export const NUMERIC_ONLY: readonly DriftPolicyMethod[] = ['ks', 'wasserstein'];
/** Methods whose statistic is a p-value (drift when it is small); the others give a distance (drift when large). */
export const P_VALUE_METHODS: readonly DriftPolicyMethod[] = ['ks', 'chi2', 'z'];

export interface FeatureResult {
  feature: string;
  kind: 'numeric' | 'categorical';
  /** The method run (policy names: chi2 = Evidently's chisquare). */
  method: Exclude<DriftPolicyMethod, 'auto'>;
  /** True when `method` was chosen by auto (Evidently's default for the feature's kind, size and distinct values). */
  auto: boolean;
  /** The test's p-value (ks, chi2, z) or distance (wasserstein, jensenshannon, psi); null when undefined (NaN). */
  statistic: number | null;
  statistic_kind: 'p_value' | 'distance';
  threshold: number;
  drifted: boolean;
  n_reference: number;
  n_current: number;
  /** Values left out as missing (NaN, ±∞ or empty), per side. */
  dropped: { reference: number; current: number };
}

/** Why a feature cannot be tested (the caller turns it into a GateError naming the feature's policy position). */
export class FeatureProblem extends Error {
  readonly feature: string;
  readonly reason: 'empty' | 'method';
  constructor(feature: string, reason: 'empty' | 'method', message: string) {
    super(message);
    this.feature = feature;
    this.reason = reason;
  }
}

/**
 * Present values of one side, as a library column, and how many were dropped (no copy when none is missing).
 * With `into`, the copy is written there (scratch.ts: reused, valid until the next call with the same buffer).
 */
export function present(side: FeatureSide, kind: 'numeric' | 'categorical', categories = 0, into?: (bytes: number) => ArrayBuffer): { column: DriftColumn; dropped: number } {
  if (kind === 'numeric') {
    const v = side as Float64Array;
    let missing = 0;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) missing++;
    if (missing === 0) return { column: { kind: 'numeric', values: v }, dropped: 0 };
    const m = v.length - missing;
    const out = into ? new Float64Array(into(8 * m), 0, m) : new Float64Array(m);
    for (let i = 0, j = 0; i < v.length; i++) if (Number.isFinite(v[i])) out[j++] = v[i];
    return { column: { kind: 'numeric', values: out }, dropped: missing };
  }
  const c = side as Int32Array;
  let missing = 0;
  for (let i = 0; i < c.length; i++) if (c[i] < 0) missing++;
  if (missing === 0) return { column: { kind: 'categorical', codes: c, categories }, dropped: 0 };
  const m = c.length - missing;
  const out = into ? new Int32Array(into(4 * m), 0, m) : new Int32Array(m);
  for (let i = 0, j = 0; i < c.length; i++) if (c[i] >= 0) out[j++] = c[i];
  return { column: { kind: 'categorical', codes: out, categories }, dropped: missing };
}

/** Tests one feature. Throws FeatureProblem for a side with no value left, or a numeric-only method on categories. */
export function testFeature(f: FeatureInput): FeatureResult {
  if (f.kind === 'categorical' && NUMERIC_ONLY.includes(f.method)) {
    throw new FeatureProblem(f.name, 'method', `method ${f.method} needs a numeric feature, but "${f.name}" is categorical: use chi2, z, jensenshannon, psi or auto`);
  }
  // The copies live in the reused per-side buffers (scratch.ts): nothing of them outlives this call. A text
  // feature's codes are already there (features.ts): present() then compacts them in place, which is safe as it
  // writes index j ≤ i after reading index i.
  const r = present(f.reference, f.kind, f.categories, (bytes) => scratch('side:reference', bytes));
  const c = present(f.current, f.kind, f.categories, (bytes) => scratch('side:current', bytes));
  for (const [side, s] of [['reference', r], ['current', c]] as const) {
    const n = f.kind === 'numeric' ? (s.column as { values: Float64Array }).values.length : (s.column as { codes: Int32Array }).codes.length;
    if (n === 0) {
      throw new FeatureProblem(f.name, 'empty', `feature "${f.name}" has no value on the ${side} side (${s.dropped} missing): drop it from features or fix the data`);
    }
  }
  const auto = f.method === 'auto';
  const lib = auto ? autoMethod(r.column, c.column) : LIBRARY_METHOD[f.method as Exclude<DriftPolicyMethod, 'auto'>];
  const threshold = f.threshold ?? DEFAULT_THRESHOLDS[lib];
  const res = driftTest(lib, r.column, c.column, threshold);
  const method = POLICY_NAME[lib];
  const len = (col: DriftColumn): number => (col.kind === 'numeric' ? col.values.length : col.codes.length);
  return {
    feature: f.name,
    kind: f.kind,
    method,
    auto,
    statistic: Number.isNaN(res.score) ? null : res.score,
    statistic_kind: P_VALUE_METHODS.includes(method) ? 'p_value' : 'distance',
    threshold,
    drifted: res.drifted,
    n_reference: len(r.column),
    n_current: len(c.column),
    dropped: { reference: r.dropped, current: c.dropped },
  };
}

export interface DriftSummary {
  share_drifted: number;
  drifted_features: number;
  tested: number;
  results: FeatureResult[];
}

/**
 * The gate's compute function: every feature tested in order; share_drifted = drifted / tested. `each` is called
 * after every feature (the gate checks its budget there). `features` may be a generator that builds each feature
 * when it is reached (the gate does, so that one feature's encoded columns are alive at a time).
 */
export function computeDrift(features: Iterable<FeatureInput>, each: (done: number) => void = () => undefined): DriftSummary {
  const results: FeatureResult[] = [];
  for (const f of features) {
    results.push(testFeature(f));
    each(results.length);
  }
  const drifted = results.filter((r) => r.drifted).length;
  return { share_drifted: results.length ? drifted / results.length : 0, drifted_features: drifted, tested: results.length, results };
}

/**
 * A score on one scale for every method, for ordering and the chart: 1 is the feature's threshold, above 1 drifted.
 * p-value methods: −log10(p) / −log10(threshold); distances: distance / threshold. A p-value of 0 (or a statistic
 * past `cap`) is shown as `cap`. Null when the statistic is undefined.
 */
export function driftScore(r: Pick<FeatureResult, 'statistic' | 'statistic_kind' | 'threshold'>, cap = 10): number | null {
  if (r.statistic === null) return null;
  let s: number;
  if (r.statistic_kind === 'p_value') {
    const den = -Math.log10(r.threshold);
    s = r.statistic <= 0 ? Infinity : den > 0 ? -Math.log10(r.statistic) / den : Infinity;
  } else {
    s = r.threshold > 0 ? r.statistic / r.threshold : Infinity;
  }
  return Math.min(Math.max(s, 0), cap);
}
