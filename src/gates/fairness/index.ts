/**
 * The fairness gate (docs/design.md §4 `gates.fairness`, §5 Fairness): Fairlearn-style group metrics over one sensitive
 * column or the intersections of several, small-group safe, with seeded stratified bootstrap intervals.
 * The arithmetic lives in compute.ts (pure), groups in groups.ts, the positive class in predictions.ts.
 */
import { GateError } from '../../errors.ts';
import { rng } from '../../util/random.ts';
import { evaluateThresholds, type GateOn, type Threshold } from '../thresholds.ts';
import type { PairedMetric, GateContext, GateDefinition, GateOutcome } from '../types.ts';
import {
  REFERENCE_AGGREGATES,
  aggregate,
  bootstrap,
  confusionCells,
  ratesFromCells,
  type Exclusion,
  type ReferenceSpec,
  TP, FP, TN, FN,
} from './compute.ts';
import { encodeGroups, formatValue, type SensitiveColumn } from './groups.ts';
import { binarise } from './predictions.ts';
import { FAIRNESS_METRICS, type FairnessGatePolicy } from './policy.ts';

export { FAIRNESS_METRICS };
export type { FairnessGatePolicy };

export interface FairnessPolicy {
  dataset: string;
  sensitive: string[] | string;
  'positive-label'?: string | number;
  'decision-threshold'?: number;
  'reference-group'?: Record<string, string | number | boolean>;
  'min-group-size'?: number;
  'gate-on'?: GateOn;
  bootstrap?: number;
  thresholds?: Record<string, Threshold>;
}

const FOUR_FIFTHS = 0.8;

/** Which per-group column explains a failing metric, and in which direction the worst groups lie. */
const SORT_FOR: Record<string, { column: string; worstFirst: 'asc' | 'desc' }> = {
  demographic_parity_difference: { column: 'selection_rate', worstFirst: 'asc' },
  demographic_parity_ratio: { column: 'selection_rate', worstFirst: 'asc' },
  equal_opportunity_difference: { column: 'true_positive_rate', worstFirst: 'asc' },
  equal_opportunity_ratio: { column: 'true_positive_rate', worstFirst: 'asc' },
  disparate_impact: { column: 'disparate_impact', worstFirst: 'asc' },
  statistical_parity_difference: { column: 'selection_rate', worstFirst: 'asc' },
};

export interface GroupRow {
  group: string;
  values: Record<string, string | number | null>;
  count: number;
  positives: number;
  negatives: number;
  selected: number;
  selection_rate: number | null;
  true_positive_rate: number | null;
  false_positive_rate: number | null;
  false_negative_rate: number | null;
  accuracy: number | null;
  /** false when the group is below min-group-size (left out of every aggregate). */
  included: boolean;
  /** With a reference group: selection rate / the reference's (null for the reference itself or when undefined). */
  disparate_impact?: number | null;
  /** With a reference group: disparate_impact >= 0.8 (null when not compared). */
  four_fifths?: boolean | null;
  /** With a reference group: the group's rows are (part of) the reference. */
  reference?: boolean;
}

/** `details` of the fairness gate's result (gates/README.md). */
export type FairnessDetails = {
  dataset: string;
  sensitive: string[];
  positive_label: string | number;
  decision_rule: string;
  min_group_size: number;
  rows: number;
  /** Every group, in display order (named by `sorted_by`). */
  groups: GroupRow[];
  /** The order of `groups`: `group`, or `<column> (lowest|highest first; <metric> fails)`. */
  sorted_by: string;
  groups_total: number;
  groups_included: number;
  excluded: Exclusion[];
  /** The differences and ratios behind the aggregates, and the groups (by name) that give them. */
  components: Record<string, number | string | null>;
  conventions: string;
  bootstrap: Record<string, unknown>;
  null_metrics?: Record<string, string>;
  rows_without_label?: number;
  reference_group?: Record<string, unknown>;
};

export const fairnessGate: GateDefinition<FairnessGatePolicy, FairnessDetails, 'fairness'> = {
  name: 'fairness',
  metrics: FAIRNESS_METRICS,
  async run(ctx: GateContext<FairnessPolicy>): Promise<GateOutcome<FairnessDetails>> {
    const p = ctx.policy;
    const pos = (...path: (string | number)[]) => ctx.position(['gates', 'fairness', ...path]);
    const sensitive = typeof p.sensitive === 'string' ? [p.sensitive] : [...(p.sensitive ?? [])];
    if (sensitive.length === 0) {
      throw new GateError('fairness.sensitive', 'gates.fairness.sensitive names no column: list the sensitive columns of the dataset', { where: pos('sensitive') });
    }
    const dupe = sensitive.find((c, i) => sensitive.indexOf(c) !== i);
    if (dupe !== undefined) {
      throw new GateError('fairness.sensitive', `gates.fairness.sensitive lists "${dupe}" twice: list each column once`, { where: pos('sensitive') });
    }
    const minGroupSize = p['min-group-size'] ?? 30;
    const resamples = p.bootstrap ?? 1000;
    const gateOn: GateOn = p['gate-on'] ?? 'point';
    if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
      throw new GateError('fairness.min-group-size', `gates.fairness.min-group-size must be a positive integer, got ${String(minGroupSize)}`, { where: pos('min-group-size') });
    }
    if (!Number.isInteger(resamples) || resamples < 0) {
      throw new GateError('fairness.bootstrap', `gates.fairness.bootstrap must be a non-negative integer, got ${String(resamples)}`, { where: pos('bootstrap') });
    }
    const reference = p['reference-group'];
    for (const m of REFERENCE_AGGREGATES) {
      if (p.thresholds?.[m] && !reference) {
        throw new GateError('fairness.reference-group', `gates.fairness.thresholds.${m} needs gates.fairness.reference-group (the group to compare with), e.g. reference-group: { ${sensitive[0]}: <value> }`, { where: pos('thresholds', m) });
      }
    }

    const dataset = ctx.dataset(p.dataset);
    const available = [...dataset.columns.keys()];
    const cols: SensitiveColumn[] = sensitive.map((name, i) => {
      const column = dataset.columns.get(name);
      if (!column) {
        throw new GateError(
          'fairness.sensitive',
          `sensitive column "${name}" is not in dataset "${p.dataset}" (${dataset.path}); available columns: ${available.length ? available.join(', ') : '(none: the dataset is not tabular)'}`,
          { where: (Array.isArray(p.sensitive) ? pos('sensitive', i) : undefined) ?? pos('sensitive') },
        );
      }
      return { name, column };
    });

    const predictions = await ctx.predictions(p.dataset);
    if (predictions.rows !== dataset.rows) {
      throw new GateError('fairness.predictions', `predictions cover ${predictions.rows} rows but dataset "${p.dataset}" has ${dataset.rows}: the fairness gate needs every row`);
    }
    const bin = binarise(predictions, {
      positiveLabel: p['positive-label'],
      decisionThreshold: p['decision-threshold'],
      where: (key) => pos(key),
    });
    if (bin.unlabelledCount === dataset.rows) {
      throw new GateError('fairness.labels', `no row of dataset "${p.dataset}" has a known label: check \`label\` and \`label-map\``);
    }

    const grouping = encodeGroups(cols, dataset.rows);
    const G = grouping.groups.length;
    const names = grouping.groups.map((g) => g.key);
    const index = grouping.index;
    if (bin.unlabelledCount > 0) for (let i = 0; i < index.length; i++) if (bin.unlabelled[i]) index[i] = -1;
    const cells = confusionCells(bin.yTrue, bin.yPred, index, G);

    const include = new Uint8Array(G);
    const excluded: Exclusion[] = [];
    for (let g = 0; g < G; g++) {
      const n = cells[4 * g + TP] + cells[4 * g + FP] + cells[4 * g + TN] + cells[4 * g + FN];
      if (n >= minGroupSize) include[g] = 1;
      else excluded.push({ group: names[g], metric: 'all', reason: `${n} rows < min-group-size ${minGroupSize}: left out of every aggregate` });
    }
    const left = include.reduce((a, b) => a + b, 0);
    if (left < 2) {
      const sizes = names.map((k, g) => `${k}: ${cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3]}`).join('; ');
      throw new GateError(
        'fairness.groups',
        `fairness needs at least two groups with >= ${minGroupSize} rows (min-group-size) in dataset "${p.dataset}" by ${sensitive.join(' × ')}, found ${left} (${sizes || 'no rows'}): use more data, fewer sensitive columns or a smaller min-group-size`,
        { where: pos('sensitive') },
      );
    }

    let ref: ReferenceSpec | undefined;
    let referenceInfo: Record<string, unknown> | undefined;
    if (reference) ref = resolveReference(reference, grouping, cells, minGroupSize, sensitive, pos);

    const point = aggregate(cells, include, ref, names, excluded);
    const metrics: Record<string, number | null> = { ...point.metrics };
    const metricNames = Object.keys(metrics);

    const nullReasons: Record<string, string> = {};
    const tprGroups = countDefined(cells, include, 'tpr'), fprGroups = countDefined(cells, include, 'fpr');
    for (const m of metricNames) {
      if (metrics[m] !== null) continue;
      nullReasons[m] = explainNull(m, tprGroups, fprGroups, point.referenceSelectionRate);
    }

    let ci: Record<string, [number, number]> | undefined;
    let boot: Record<string, unknown> = { resamples: 0 };
    const warnings: string[] = [];
    if (resamples > 0) {
      const task = 'fairness: bootstrap', unit = 'resamples' as const, sink = ctx.progress;
      sink?.({ phase: 'start', task, unit, done: 0, total: resamples });
      const b = bootstrap(cells, include, ref, metricNames, metrics, resamples, rng(ctx.seed, 'fairness'), (done) => {
        ctx.checkBudget();
        sink?.({ phase: 'update', task, unit, done, total: resamples });
      });
      sink?.({ phase: 'end', task, unit, done: resamples, total: resamples });
      ci = b.ci;
      boot = {
        resamples,
        method: 'stratified by group: each group keeps its size; its confusion cells (TP, FP, TN, FN) are redrawn from a multinomial with the observed proportions',
        interval: '95 % percentile (2.5 % and 97.5 %, linear interpolation)',
        undefined_resamples: b.undefinedResamples,
        no_interval: b.noInterval,
      };
      if (b.noInterval.length) warnings.push(`fairness: no bootstrap interval for ${b.noInterval.join(', ')} (undefined in more than half of the resamples); gate-on uses the point value for them`);
    }

    if (ref && reference) {
      referenceInfo = {
        spec: reference,
        groups: ref.groups.map((g) => names[g]),
        count: ref.groups.reduce((a, g) => a + cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3], 0),
        selection_rate: point.referenceSelectionRate ?? null,
        compared: ref.self >= 0 ? 'every included group except the reference' : 'every included group (the reference pools all rows matching it)',
        statistical_parity_group: point.spdGroup !== undefined && point.spdGroup >= 0 ? names[point.spdGroup] : null,
        four_fifths_below: grouping.groups.map((_, g) => g).filter((g) => point.disparateImpact?.[g] !== null && point.disparateImpact![g]! < FOUR_FIFTHS).map((g) => names[g]),
      };
    }

    const rows: GroupRow[] = grouping.groups.map((info, g) => {
      const r = ratesFromCells(cells[4 * g + TP], cells[4 * g + FP], cells[4 * g + TN], cells[4 * g + FN]);
      const row: GroupRow = {
        group: info.key,
        values: info.values,
        count: r.count,
        positives: r.positives,
        negatives: r.negatives,
        selected: r.selected,
        selection_rate: r.selection_rate,
        true_positive_rate: r.true_positive_rate,
        false_positive_rate: r.false_positive_rate,
        false_negative_rate: r.false_negative_rate,
        accuracy: r.accuracy,
        included: include[g] === 1,
      };
      if (ref) {
        const di = point.disparateImpact?.[g] ?? null;
        row.disparate_impact = di;
        row.four_fifths = di === null ? null : di >= FOUR_FIFTHS;
        row.reference = ref.groups.includes(g);
      }
      return row;
    });

    // Sort the table by the first metric that fails its threshold (worst groups first), else by group key.
    const checks = evaluateThresholds('fairness', p.thresholds, metrics, ci, gateOn, () => undefined);
    const failing = checks.find((c) => !c.pass)?.metric;
    let sortedBy = 'group';
    if (failing) {
      let spec = SORT_FOR[failing];
      if (failing === 'equalized_odds_difference' || failing === 'equalized_odds_ratio') {
        const c = point.components;
        const tprWorse = failing === 'equalized_odds_difference'
          ? (c.true_positive_rate_difference ?? -1) >= (c.false_positive_rate_difference ?? -1)
          : (c.true_positive_rate_ratio ?? 2) <= (c.false_positive_rate_ratio ?? 2);
        spec = tprWorse ? { column: 'true_positive_rate', worstFirst: 'asc' } : { column: 'false_positive_rate', worstFirst: 'desc' };
      }
      if (spec) {
        sortedBy = `${spec.column} (${spec.worstFirst === 'asc' ? 'lowest' : 'highest'} first; ${failing} fails)`;
        const key = spec.column as keyof GroupRow;
        const order = rows.map((_, i) => i);
        order.sort((a, b) => {
          const va = rows[a][key] as number | null | undefined, vb = rows[b][key] as number | null | undefined;
          const na = va === null || va === undefined, nb = vb === null || vb === undefined;
          if (na || nb) return na === nb ? a - b : na ? 1 : -1;
          const d = spec.worstFirst === 'asc' ? va - vb : vb - va;
          return d !== 0 ? d : a - b;
        });
        const sorted = order.map((i) => rows[i]);
        rows.splice(0, rows.length, ...sorted);
      }
    }

    const componentNames: Record<string, number | string | null> = {};
    for (const [k, v] of Object.entries(point.components)) componentNames[k] = k.endsWith('_group') ? (v === null ? null : names[v]) : v;

    const details: FairnessDetails = {
      dataset: p.dataset,
      sensitive,
      positive_label: bin.positiveLabel,
      decision_rule: bin.rule,
      min_group_size: minGroupSize,
      rows: dataset.rows,
      groups: rows,
      sorted_by: sortedBy,
      groups_total: G,
      groups_included: left,
      excluded,
      components: componentNames,
      conventions:
        'Fairlearn between_groups: difference = max - min, ratio = min / max over included groups (0/0 -> null; Fairlearn gives NaN); equalized_odds_* = worst of TPR and FPR. ' +
        'A rate with a zero denominator is null and that group is left out of that aggregate (Fairlearn, through scikit-learn, would count it as 0).' +
        (ref ? ' disparate_impact = the lowest selection-rate ratio to the reference over the groups compared (four-fifths rule: < 0.8 flagged); statistical_parity_difference = the group − reference selection-rate difference with the largest absolute value, sign kept.' : ''),
      bootstrap: boot,
    };
    if (Object.keys(nullReasons).length) details.null_metrics = nullReasons;
    if (bin.unlabelledCount > 0) {
      details.rows_without_label = bin.unlabelledCount;
      warnings.push(`fairness: ${bin.unlabelledCount} row(s) of "${p.dataset}" have no known label and were left out`);
    }
    if (referenceInfo) details.reference_group = referenceInfo;
    const out: GateOutcome<FairnessDetails> = { metrics, details };
    if (ci) out.ci = ci;
    if (warnings.length) out.warnings = warnings;
    out.paired = { demographic_parity_difference: pairedParity(p.dataset, bin.yTrue, bin.yPred, index, include) };
    return out;
  },
};

/**
 * demographic_parity_difference with row weights, for the regression gate: the rows that count (labelled, in a group)
 * in dataset order, stratified by the true label; each resample's weighted confusion cells (confusionCells with the
 * weights spread back onto the dataset's rows) go through the same `aggregate` with the same included groups
 * (inclusion is by group size in the data, not by the model).
 */
function pairedParity(dataset: string, yTrue: Uint8Array, yPred: Uint8Array, group: Int32Array, include: Uint8Array): PairedMetric {
  const kept: number[] = [];
  for (let i = 0; i < group.length; i++) if (group[i] >= 0) kept.push(i);
  const rows = Int32Array.from(kept);
  const strata = Int32Array.from(rows, (i) => yTrue[i]);
  const cells = new Float64Array(include.length * 4);
  const perRow = new Float64Array(group.length);
  return {
    dataset,
    rows,
    strata,
    value(w) {
      for (let k = 0; k < rows.length; k++) perRow[rows[k]] = w[k];
      return aggregate(confusionCells(yTrue, yPred, group, include.length, perRow, cells), include).metrics.demographic_parity_difference;
    },
  };
}

function countDefined(cells: Float64Array, include: Uint8Array, which: 'tpr' | 'fpr'): number {
  let n = 0;
  for (let g = 0; g < include.length; g++) {
    if (!include[g]) continue;
    const den = which === 'tpr' ? cells[4 * g + TP] + cells[4 * g + FN] : cells[4 * g + FP] + cells[4 * g + TN];
    if (den > 0) n++;
  }
  return n;
}

function explainNull(metric: string, tprGroups: number, fprGroups: number, refRate: number | null | undefined): string {
  const few = (what: string, n: number) => `only ${n} included group(s) have a defined ${what}; at least two are needed`;
  if (metric.startsWith('demographic_parity_ratio')) return 'every included group has selection rate 0: min / max is 0/0';
  if (metric.startsWith('equal_opportunity')) return tprGroups < 2 ? few('true_positive_rate', tprGroups) : 'every included group has true_positive_rate 0: min / max is 0/0';
  if (metric.startsWith('equalized_odds')) {
    if (tprGroups < 2) return few('true_positive_rate', tprGroups);
    if (fprGroups < 2) return few('false_positive_rate', fprGroups);
    return 'a true/false positive rate is 0 in every included group: min / max is 0/0';
  }
  if (metric === 'disparate_impact') return refRate === 0 ? 'the reference group has selection rate 0: the ratio is undefined' : 'no group to compare with the reference';
  if (metric === 'statistical_parity_difference') return 'no group to compare with the reference';
  return 'undefined';
}

function resolveReference(
  spec: Record<string, string | number | boolean>,
  grouping: ReturnType<typeof encodeGroups>,
  cells: Float64Array,
  minGroupSize: number,
  sensitive: string[],
  pos: (...path: (string | number)[]) => ReturnType<GateContext['position']>,
): ReferenceSpec {
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new GateError('fairness.reference-group', 'gates.fairness.reference-group is empty: name a value for at least one sensitive column', { where: pos('reference-group') });
  const wanted: Record<string, string | number | null> = {};
  for (const k of keys) {
    if (!sensitive.includes(k)) {
      throw new GateError('fairness.reference-group', `gates.fairness.reference-group names "${k}", which is not a sensitive column (${sensitive.join(', ')})`, { where: pos('reference-group', k) });
    }
    const level = grouping.levels.find((l) => l.name === k)!;
    const v = spec[k];
    const match = level.values.find((x) => x !== null && (x === v || String(x) === String(v)));
    if (match === undefined) {
      throw new GateError(
        'fairness.reference-group',
        `gates.fairness.reference-group ${k}: ${JSON.stringify(v)} does not occur in the data; values present: ${level.values.map((x) => formatValue(x)).join(', ')}`,
        { where: pos('reference-group', k) },
      );
    }
    wanted[k] = match;
  }
  const groups: number[] = [];
  grouping.groups.forEach((g, i) => {
    if (keys.every((k) => g.values[k] === wanted[k])) groups.push(i);
  });
  const desc = keys.map((k) => `${k}=${formatValue(wanted[k])}`).join(', ');
  if (groups.length === 0) {
    throw new GateError('fairness.reference-group', `gates.fairness.reference-group (${desc}) matches no row: that combination does not occur in the data`, { where: pos('reference-group') });
  }
  const count = groups.reduce((a, g) => a + cells[4 * g] + cells[4 * g + 1] + cells[4 * g + 2] + cells[4 * g + 3], 0);
  if (count < minGroupSize) {
    throw new GateError('fairness.reference-group', `gates.fairness.reference-group (${desc}) has ${count} labelled rows < min-group-size ${minGroupSize}: choose a larger reference group`, { where: pos('reference-group') });
  }
  const self = keys.length === sensitive.length ? groups[0] : -1;
  return { groups, self };
}

export default fairnessGate;
