/**
 * The regression gate: the head model against a baseline model on the same rows (docs/gates/regression.md).
 * Per dataset: accuracy and (binary, with scores) roc_auc of both models and their delta (head − base) with a paired,
 * seeded, label-stratified bootstrap interval; McNemar's exact test (or its mid-p) on the discordant pairs; the flip
 * rates and churn; the prediction shift (Jensen-Shannon distance of the predicted-class histograms, mean |change| of
 * the true-class probability). All statistics are src/stats/paired.ts and src/stats/roc.ts.
 */
import { GateError, asGateError } from '../../errors.ts';
import type { Check } from '../../types/report-parts.ts';
import type { BaselineInfo, GateContext, GateDefinition, GateOutcome, Predictions } from '../types.ts';
import { softmaxRow } from '../../model/scores.ts';
import { flipRates, mcnemar, meanAbsTrueClassChange, meanDeltaCI, pairedBootstrap, predictedClassJS } from '../../stats/paired.ts';
import { rocAuc, sortRoc, sweep, type SortedScores, type SweepOut } from '../../stats/roc.ts';
import { evaluateThresholds } from '../thresholds.ts';
import { COMPARED, COMPARED_DELTAS, DELTA_METRICS, REGRESSION_METRICS, comparedMetrics, type ComparedMetric, type RegressionGatePolicy, type RegressionMetric, type RegressionThreshold } from './policy.ts';

export { REGRESSION_METRICS };
export type { RegressionGatePolicy };

/** One dataset's comparison (`details.datasets.<name>`). */
export type RegressionDatasetDetails = {
  /** Labelled rows both models ran on. */
  rows: number;
  /** The class values, in the models' class order. */
  classes: (string | number)[];
  /** Every metric of this dataset (the report's `metrics` hold the first dataset's). */
  metrics: Record<string, number | null>;
  /** 95 % paired bootstrap intervals of the deltas (absent with bootstrap: 0, or when too few resamples are defined). */
  ci: Record<string, [number, number]>;
  /** Discordant pairs: base right & head wrong (negative flips, McNemar's b), base wrong & head right (c); predictions that differ. */
  negative_flips: number;
  positive_flips: number;
  changed: number;
  /** Both McNemar p-values; `metrics.mcnemar_p` is the one `mcnemar` selects. */
  mcnemar_exact_p: number;
  mcnemar_mid_p: number;
  /** Why a metric is null (e.g. roc_auc of a multi-class or label-only model). */
  notes?: Record<string, string>;
};

/** `details` of the regression gate's result. */
export type RegressionDetails = {
  /** The baseline that ran (null when the gate was skipped: no baseline). */
  baseline: BaselineInfo | null;
  /** The McNemar variant `metrics.mcnemar_p` reports. */
  mcnemar: 'exact' | 'mid-p';
  /** Bootstrap resamples per interval. */
  bootstrap: number;
  /** Per dataset, in the policy's order. */
  datasets: Record<string, RegressionDatasetDetails>;
  /** The other gates' metrics compared (`compare`, and those a threshold names), in COMPARED order. */
  compared?: Record<string, ComparedDetails>;
};

/** One compared metric of another gate (`details.compared.<metric>`): that gate's value on each model. */
export type ComparedDetails = {
  /** The gate that measured it on both models, its metric name and its dataset(s). */
  gate: string;
  metric: string;
  dataset: string;
  base: number | null;
  head: number | null;
  delta: number | null;
  /** Rows behind the paired interval (the gate's sample), when there is one. */
  rows?: number;
  ci?: [number, number];
  /** Why there is no delta or no interval. */
  note?: string;
};

export const regressionGate: GateDefinition<RegressionGatePolicy, RegressionDetails, 'regression'> = {
  name: 'regression',
  metrics: REGRESSION_METRICS,
  ownThresholds: true,
  async run(ctx) {
    const policy = ctx.policy;
    const details: RegressionDetails = { baseline: null, mcnemar: policy.mcnemar, bootstrap: policy.bootstrap, datasets: {} };
    if (!ctx.baseline) throw new GateError('regression.no-runner', 'the regression gate needs the baseline capability of the engine');
    const resolved = await ctx.baseline.resolve();
    if ('none' in resolved) return { metrics: {}, details, skipped: resolved.none };
    details.baseline = resolved.baseline;
    const metrics: Record<string, number | null> = {};
    const ci: Record<string, [number, number]> = {};
    const checks: Check[] = [];
    for (const [i, name] of policy.datasets.entries()) {
      ctx.checkBudget();
      const [base, head] = [await ctx.baseline.predictions(name), await ctx.predictions(name)];
      const d = compareOnDataset(base, head, policy, ctx.seed, resolved.baseline.path);
      details.datasets[name] = d;
      const prefix = i === 0 ? '' : `${name}.`;
      for (const [k, v] of Object.entries(d.metrics)) metrics[prefix + k] = v;
      for (const [k, v] of Object.entries(d.ci)) ci[prefix + k] = v;
      checks.push(...datasetChecks(ctx, name, prefix, d));
    }
    const problems: GateError[] = [];
    const warnings: string[] = [];
    const compared = comparedMetrics(policy);
    if (compared.length) {
      details.compared = {};
      for (const name of compared) {
        ctx.checkBudget();
        const c = await compareGate(ctx, name, resolved.baseline.path, problems, warnings);
        details.compared[name] = c;
        metrics[`${name}_base`] = c.base;
        metrics[`${name}_head`] = c.head;
        metrics[`${name}_delta`] = c.delta;
        if (c.ci) ci[`${name}_delta`] = c.ci;
      }
      checks.push(...comparedChecks(ctx, details.compared));
    }
    const out: GateOutcome<RegressionDetails> = { metrics, details, extraChecks: checks };
    if (Object.keys(ci).length) out.ci = ci;
    if (problems.length) out.problems = problems;
    if (warnings.length) out.warnings = warnings;
    return out;
  },
};

/**
 * Another gate's metric on both models: the head's from that gate's run (`ctx.measured`), the baseline's from the
 * same gate run on the baseline (`ctx.baseline.outcome`), and the paired bootstrap interval of head − base when both
 * give the per-row form (`paired`) over the same rows. A gate that could not measure either model is a problem (the
 * regression gate's status is then error), never a pass.
 */
async function compareGate(ctx: GateContext<RegressionGatePolicy>, name: ComparedMetric, baselinePath: string, problems: GateError[], warnings: string[]): Promise<ComparedDetails> {
  const { gate, metric } = COMPARED[name];
  const head = ctx.measured?.(gate);
  const out: ComparedDetails = { gate, metric, dataset: head?.paired?.[metric]?.dataset ?? gate, base: null, head: null, delta: null };
  const where = ctx.position(['gates', 'regression', 'thresholds', `${name}_delta`]) ?? ctx.position(['gates', 'regression', 'compare']) ?? ctx.position(['gates', 'regression']);
  const problem = (code: string, message: string) => {
    problems.push(new GateError(`regression.${code}`, message, { where }));
    out.note = message;
    return out;
  };
  if (!head) return problem('compare', `${name}: the ${gate} gate did not measure the head model (see its error), so ${name}_delta cannot be compared`);
  let base: GateOutcome;
  try {
    base = await ctx.baseline!.outcome(gate);
  } catch (e) {
    const err = asGateError(e, 'regression.compare');
    if (err.code === 'budget') throw err;
    return problem('compare', `${name}: the ${gate} gate on the baseline ${baselinePath}: ${err.message}`);
  }
  for (const w of base.warnings ?? []) warnings.push(`on the baseline ${baselinePath}: ${w}`);
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  out.head = num(head.metrics[metric]);
  out.base = num(base.metrics[metric]);
  if (out.head === null || out.base === null) {
    return problem('compare', `${name}: the ${gate} gate measured no ${metric} on the ${out.head === null ? 'head' : 'baseline'} model, so ${name}_delta is undefined`);
  }
  out.delta = out.head - out.base;
  const ph = head.paired?.[metric], pb = base.paired?.[metric];
  if (ctx.policy.bootstrap > 0) {
    if (!ph || !pb || !sameInts(ph.rows, pb.rows) || !sameInts(ph.strata, pb.strata)) {
      out.note = `no paired interval: the ${gate} gate's rows differ between the two models`;
    } else {
      out.rows = ph.rows.length;
      const r = pairedBootstrap((w) => {
        const h = ph.value(w), b = pb.value(w);
        return h === null || b === null ? NaN : h - b;
      }, { strata: ph.strata, resamples: ctx.policy.bootstrap, seed: ctx.seed, label: `regression/${gate}/${name}_delta` });
      if (r.interval) out.ci = r.interval;
      else out.note = `no paired interval: ${metric} is undefined in more than half of the resamples`;
    }
  }
  return out;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The thresholds on the compared deltas: once per run (not per dataset), in COMPARED order. */
function comparedChecks(ctx: GateContext<RegressionGatePolicy>, compared: Record<string, ComparedDetails>): Check[] {
  const gated: RegressionMetric[] = [];
  const values: Record<string, number | null> = {}, ci: Record<string, [number, number]> = {}, on: Record<string, string> = {};
  for (const [name, c] of Object.entries(compared)) {
    const metric = `${name}_delta` as RegressionMetric;
    if (!ctx.policy.thresholds?.[metric]) continue;
    gated.push(metric);
    values[metric] = c.delta;
    if (c.ci) ci[metric] = c.ci;
    on[metric] = `${c.gate}'s ${c.dataset}`;
  }
  return thresholdChecks(ctx, gated, values, ci, (metric) => on[metric]);
}

/** The comparison of base and head on one dataset (both as the engine's shared predictions give them). */
export function compareOnDataset(base: Predictions, head: Predictions, policy: Pick<RegressionGatePolicy, 'mcnemar' | 'bootstrap'>, seed: number, baselinePath: string): RegressionDatasetDetails {
  const name = head.dataset;
  const labels = head.labels;
  if (!labels) throw new GateError('regression.labels', `dataset "${name}" has no labels: the regression gate compares correctness, so it needs a label column (datasets.${name}.label)`);
  const n = head.rows;
  if (n === 0) throw new GateError('regression.no-rows', `dataset "${name}" has no rows: the regression gate has nothing to compare`);
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) throw new GateError('regression.labels', `dataset "${name}" row ${i + 1} has a missing or unknown label: fix the data (label, label-map)`);
  }
  if (base.rows !== n) throw new GateError('regression.rows', `the baseline ${baselinePath} gave ${base.rows} rows on dataset "${name}" but the head model ${n}`);
  const sameClasses = base.classes === head.classes && base.classLabels.every((c, i) => String(c) === String(head.classLabels[i]));
  if (!sameClasses) {
    throw new GateError(
      'regression.classes',
      `the baseline ${baselinePath} has classes [${base.classLabels.join(', ')}] but the head model [${head.classLabels.join(', ')}]: the models cannot be compared row by row`,
    );
  }
  const classes = head.classes;
  const flips = flipRates(labels, base.predicted, head.predicted);
  const mc = mcnemar(flips.negative, flips.positive);
  const strata = labels;
  const boot = policy.bootstrap;
  const metrics: Record<string, number | null> = {};
  const ci: Record<string, [number, number]> = {};
  const notes: Record<string, string> = {};

  // Accuracy: the mean of the per-row difference of correctness, head − base.
  let baseCorrect = 0, headCorrect = 0;
  const delta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = base.predicted[i] === labels[i] ? 1 : 0, h = head.predicted[i] === labels[i] ? 1 : 0;
    baseCorrect += b;
    headCorrect += h;
    delta[i] = h - b;
  }
  metrics.accuracy_base = baseCorrect / n;
  metrics.accuracy_head = headCorrect / n;
  metrics.accuracy_delta = (headCorrect - baseCorrect) / n;
  if (boot > 0) {
    const r = meanDeltaCI(delta, { strata, resamples: boot, seed, label: `regression/${name}/accuracy_delta` });
    if (r.ci.interval) ci.accuracy_delta = r.ci.interval;
  }

  // ROC AUC (binary, both models with scores): positive class = index 1, as the accuracy gate's default.
  const baseProb = probabilities(base), headProb = probabilities(head);
  if (classes === 2 && baseProb && headProb) {
    const isPos = new Uint8Array(n);
    for (let i = 0; i < n; i++) isPos[i] = labels[i] === 1 ? 1 : 0;
    const sb = column(baseProb, 1, 2), sh = column(headProb, 1, 2);
    metrics.roc_auc_base = rocAuc(sb, isPos);
    metrics.roc_auc_head = rocAuc(sh, isPos);
    metrics.roc_auc_delta = metrics.roc_auc_base === null || metrics.roc_auc_head === null ? null : metrics.roc_auc_head - metrics.roc_auc_base;
    if (metrics.roc_auc_delta === null) notes.roc_auc = `dataset "${name}" has one class only: roc_auc is undefined`;
    else if (boot > 0) {
      const r = aucDeltaCI(sb, sh, isPos, strata, boot, seed, `regression/${name}/roc_auc_delta`);
      if (r) ci.roc_auc_delta = r;
    }
  } else {
    metrics.roc_auc_base = metrics.roc_auc_head = metrics.roc_auc_delta = null;
    notes.roc_auc = classes !== 2 ? `roc_auc is measured for binary models only (${classes} classes)` : 'a model outputs only labels: no scores to rank';
  }

  metrics.mcnemar_p = policy.mcnemar === 'mid-p' ? mc.midp : mc.pvalue;
  metrics.negative_flip_rate = flips.negative_flip_rate;
  metrics.positive_flip_rate = flips.positive_flip_rate;
  metrics.churn = flips.churn;
  metrics.prediction_js_distance = predictedClassJS(base.predicted, head.predicted, classes);
  if (baseProb && headProb) metrics.mean_abs_true_class_change = meanAbsTrueClassChange(labels, baseProb, headProb, classes);
  else {
    metrics.mean_abs_true_class_change = null;
    notes.mean_abs_true_class_change = 'a model outputs only labels: no class probabilities to compare';
  }
  const out: RegressionDatasetDetails = {
    rows: n,
    classes: head.classLabels,
    metrics,
    ci,
    negative_flips: flips.negative,
    positive_flips: flips.positive,
    changed: flips.changed,
    mcnemar_exact_p: mc.pvalue,
    mcnemar_mid_p: mc.midp,
  };
  if (Object.keys(notes).length) out.notes = notes;
  return out;
}

/** Row-major class probabilities (softmax of logits), or null for a label-only model. */
function probabilities(p: Predictions): Float64Array | null {
  if (!p.scores || p.kind === 'label') return null;
  if (p.kind === 'probabilities') return p.scores;
  const out = new Float64Array(p.scores.length);
  const row = new Float64Array(p.classes);
  for (let i = 0; i < p.rows; i++) {
    softmaxRow(p.scores, i * p.classes, p.classes, row);
    out.set(row, i * p.classes);
  }
  return out;
}

function column(m: Float64Array, j: number, k: number): Float64Array {
  const out = new Float64Array(m.length / k);
  for (let i = 0; i < out.length; i++) out[i] = m[i * k + j];
  return out;
}

/**
 * Paired bootstrap interval of roc_auc(head) − roc_auc(base): both ROCs sorted once (stats/roc.ts), each resample's
 * row weights (stratified by label, so the positive and negative totals stay P and N, as the sweep requires) applied
 * to both.
 */
function aucDeltaCI(sb: Float64Array, sh: Float64Array, isPos: Uint8Array, strata: Int32Array, resamples: number, seed: number, label: string): [number, number] | null {
  const n = isPos.length;
  let P = 0;
  for (let i = 0; i < n; i++) P += isPos[i];
  // positives first, then negatives (sortRoc's record order), and where each row went
  const at = new Int32Array(n);
  let p = 0, q = P;
  for (let i = 0; i < n; i++) at[i] = isPos[i] ? p++ : q++;
  const reorder = (s: Float64Array): SortedScores => {
    const all = new Float64Array(n);
    for (let i = 0; i < n; i++) all[at[i]] = s[i];
    return sortRoc(all, P, [0, 0]);
  };
  const rb = reorder(sb), rh = reorder(sh);
  const w2 = new Uint32Array(n);
  const ob: SweepOut = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 }, oh: SweepOut = { ...ob };
  const r = pairedBootstrap((w) => {
    for (let i = 0; i < n; i++) w2[at[i]] = w[i];
    sweep(rb, w2, ob);
    sweep(rh, w2, oh);
    return oh.auc - ob.auc;
  }, { strata, resamples, seed, label });
  return r.interval;
}

/**
 * The dataset's checks (every threshold but the compared deltas'). Metric names of datasets after the first are
 * prefixed `<dataset>.` as in the report's metrics.
 */
function datasetChecks(ctx: GateContext<RegressionGatePolicy>, dataset: string, prefix: string, d: RegressionDatasetDetails): Check[] {
  const metrics = (Object.keys(ctx.policy.thresholds ?? {}) as RegressionMetric[]).filter((m) => !(COMPARED_DELTAS as readonly string[]).includes(m));
  return thresholdChecks(ctx, metrics, d.metrics, d.ci, () => dataset, prefix);
}

/**
 * The thresholds on `metrics` through the shared evaluator (gate-on, CI bounds, unmeasured = fail), a delta's
 * `max-drop` x as `min: -x` and `max-rise` x as `max: x`; a failing check's message names what it was measured on.
 */
function thresholdChecks(
  ctx: GateContext<RegressionGatePolicy>,
  metrics: RegressionMetric[],
  values: Record<string, number | null>,
  ci: Record<string, [number, number]>,
  on: (metric: RegressionMetric) => string,
  prefix = '',
): Check[] {
  const thresholds: Record<string, { min?: number; max?: number }> = {};
  for (const metric of metrics) thresholds[metric] = toMinMax(metric, ctx.policy.thresholds![metric]!);
  const gateOn = ctx.policy['gate-on'] === 'ci-bound' ? 'conservative' : ctx.policy['gate-on'];
  const checks = evaluateThresholds('regression', thresholds, values, ci, gateOn, ctx.position);
  for (const c of checks) {
    const metric = c.metric as RegressionMetric;
    c.metric = prefix + metric;
    if (!c.pass) c.message = checkMessage(metric, ctx.policy.thresholds?.[metric] ?? {}, c, on(metric), ctx.policy['gate-on'], ci[metric] !== undefined);
  }
  return checks;
}

/** `max-drop` / `max-rise` of a delta as the evaluator's min / max; other metrics' min / max as written. */
export function toMinMax(metric: RegressionMetric, t: RegressionThreshold): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  if ((DELTA_METRICS as readonly string[]).includes(metric)) {
    if (t['max-drop'] !== undefined) out.min = -t['max-drop'];
    if (t['max-rise'] !== undefined) out.max = t['max-rise'];
  } else {
    if (t.min !== undefined) out.min = t.min;
    if (t.max !== undefined) out.max = t.max;
  }
  return out;
}

function checkMessage(metric: RegressionMetric, t: RegressionThreshold, c: Check, dataset: string, gateOn: string, hasCi: boolean): string {
  const on = `on ${dataset}`;
  if (c.value === null) return `regression.${metric} ${on} could not be measured, so its threshold fails`;
  const v = c.compared ?? c.value;
  const basis = gateOn === 'point' || !hasCi ? '' : ` (gate-on ${gateOn}: the 95 % bound ${gateOn === 'lenient' ? 'better' : 'worse'} for the head)`;
  const reasons: string[] = [];
  if ((DELTA_METRICS as readonly string[]).includes(metric)) {
    const base = metric.replace(/_delta$/, '');
    if (t['max-drop'] !== undefined && !(v >= -t['max-drop'])) reasons.push(`${base} dropped by ${fmt(-v)}, more than max-drop ${t['max-drop']}`);
    if (t['max-rise'] !== undefined && !(v <= t['max-rise'])) reasons.push(`${base} rose by ${fmt(v)}, more than max-rise ${t['max-rise']}`);
  } else {
    if (t.min !== undefined && !(v >= t.min)) reasons.push(`${fmt(v)} < min ${t.min}`);
    if (t.max !== undefined && !(v <= t.max)) reasons.push(`${fmt(v)} > max ${t.max}`);
  }
  return `regression.${metric} ${on}: ${reasons.join(' and ') || c.message}${basis}`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
}
