/**
 * What every renderer (summary, comment, terminal, annotations, SARIF) derives from the report in the same way:
 * number formatting, thresholds, the verdict sentence, per-gate metric rows, and tolerant readers for the gate
 * details that have special renderers (robustness per-epsilon and attacks, memorisation attacks, fairness groups,
 * model-card claims), each typed by its gate's details type (the report's gates are a union keyed by gate name).
 */
import type { Check, GateEntry, GateResult, PolicyLoosening, Report } from './types.ts';
import type { RobustnessDetails } from '../gates/robustness/index.ts';
import type { MemorisationDetails } from '../gates/memorisation/index.ts';
import type { FairnessDetails } from '../gates/fairness/index.ts';
import type { DriftDetails, FeatureResult } from '../gates/drift/index.ts';
import { driftScore } from '../gates/drift/compute.ts';
import type { RegressionDetails } from '../gates/regression/index.ts';
import type { PoisoningDetails } from '../gates/poisoning/index.ts';
import type { ClaimCheck, ModelCardReport } from '../modelcard/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** A number for people: integers as they are, others with 4 significant digits, tiny/huge ones in exponent form. */
export function num(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e7) return String(Number(v.toPrecision(4)));
  return v.toExponential(3).replace(/\.?0+e/, 'e');
}

export function ciText(ci: [number, number] | undefined): string {
  return ci ? `[${num(ci[0])}, ${num(ci[1])}]` : '';
}

/** `≥ 0.85`, `≤ 0.1`, `0.1 … 0.9` */
export function thresholdText(c: { min?: number; max?: number }): string {
  if (c.min !== undefined && c.max !== undefined) return `${num(c.min)} … ${num(c.max)}`;
  if (c.min !== undefined) return `≥ ${num(c.min)}`;
  if (c.max !== undefined) return `≤ ${num(c.max)}`;
  return '';
}

export function shortSha(hex: string | undefined | null, n = 12): string {
  if (!hex) return '—';
  const h = hex.replace(/^sha256:/, '');
  return h.length > n ? h.slice(0, n) : h;
}

export function bytes(n: number | undefined | null): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export function position(file?: string, line?: number, col?: number): string {
  if (!file) return '';
  return [file, line, line !== undefined ? col : undefined].filter((p) => p !== undefined).join(':');
}

/** Where a loosening is: the trust file for trust-file entries, else the key's line in the policy. */
export function loosenedWhere(r: Report, l: PolicyLoosening): string {
  return l.file !== undefined ? l.file : r.policy ? position(r.policy.path, l.line) : '';
}

/** `Policy loosened`, `Trust files changed`, or both, for the heading of the loosenings. */
export function loosenedTitle(l: PolicyLoosening[]): string {
  const trust = l.some((x) => x.file !== undefined), policy = l.some((x) => x.file === undefined);
  return policy && trust ? 'Policy loosened, trust files changed' : trust ? 'Trust files changed' : 'Policy loosened';
}

/**
 * `model-gate <id>` for headings, or just `model-gate` when the id is the tool's own name (the default id of a
 * policy file called model-gate.yml), so a heading never reads `model-gate model-gate`.
 */
export function gateTitleId(id: string | undefined): string | undefined {
  return id && id !== 'model-gate' ? id : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Verdict

export interface VerdictView {
  emoji: string;
  word: 'PASS' | 'FAIL' | 'ERROR';
  /** One sentence (contains untrusted text only through `firstError`; renderers escape it). */
  sentence: string;
  firstError?: string;
}

export function verdictView(r: Report): VerdictView {
  const measured = gateEntries(r).filter((e) => e.result.status !== 'skipped').map((e) => e.name);
  const skipped = gateEntries(r).filter((e) => e.result.status === 'skipped').map((e) => e.name);
  const advisory = r.mode === 'advisory' ? ' (advisory mode: gate thresholds do not fail the step)' : '';
  if (r.verdict === 'pass') {
    const sig =
      r.signature.status === 'verified'
        ? ' and its signature was verified'
        : r.signature.status === 'skipped'
          ? ' (signature not required, not checked)'
          : '';
    const n = measured.length;
    return {
      emoji: '✅',
      word: 'PASS',
      sentence: n
        ? `The model passed ${n === 1 ? 'its only gate' : `all ${n} gates`} (${measured.join(', ')})${sig}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}.`
        : `No gate ran${sig ? `; ${sig.replace(/^ and | \(|\)$/g, '')}` : ''}.`,
    };
  }
  if (r.verdict === 'fail') {
    const reasons: string[] = [];
    const failedGates = r.failed_gates.filter((g) => g in r.gates);
    if (failedGates.length)
      reasons.push(`the model failed ${failedGates.length} of ${measured.length} gate${measured.length === 1 ? '' : 's'}: ${failedGates.join(', ')}`);
    if (r.failed_gates.includes('policy'))
      reasons.push(`this pull request ${(r.policy?.loosened ?? []).some((l) => l.file === undefined) ? 'loosens the policy' : 'changes a trust file'} and also changes the model or its data`);
    if (r.signature.status === 'failed' || r.failed_gates.includes('signature')) reasons.push('the model signature did not verify');
    if (r.failed_gates.includes('datasets')) reasons.push('a pinned data file changed (tampering?)');
    const other = r.failed_gates.filter((g) => !(g in r.gates) && g !== 'policy' && g !== 'signature' && g !== 'datasets');
    if (other.length) reasons.push(`failed: ${other.join(', ')}`);
    if (!reasons.length) reasons.push('the model failed');
    const text = reasons.join('; ');
    return { emoji: '❌', word: 'FAIL', sentence: `${text[0].toUpperCase()}${text.slice(1)}${advisory}.` };
  }
  const first = evaluationErrors(r)[0] ?? r.errors[0];
  return {
    emoji: '⚠️',
    word: 'ERROR',
    sentence: 'model-gate could not evaluate the model',
    firstError: first ? withPos(first.message, first.file, first.line, first.col) : undefined,
  };
}

/** Errors that are evidence against the model (`kind: fail`: a changed pinned file, a failed verification): verdict fail. */
export function evidenceErrors(r: Report): Report['errors'] {
  return r.errors.filter((e) => e.kind === 'fail');
}

/** Errors that stopped something from being evaluated (verdict error). */
export function evaluationErrors(r: Report): Report['errors'] {
  return r.errors.filter((e) => e.kind !== 'fail');
}

function withPos(message: string, file?: string, line?: number, col?: number): string {
  const pos = position(file, line, col);
  return pos && !message.startsWith(pos) ? `${pos}: ${message}` : message;
}

export function located(m: { message: string; file?: string; line?: number; col?: number }): string {
  return withPos(m.message, m.file, m.line, m.col);
}

// ---------------------------------------------------------------------------------------------------------------
// Gates

export interface MetricRow {
  metric: string;
  value: unknown;
  check?: Check;
  ci?: [number, number];
}

/** Scalar metrics of a gate, checked ones first (in policy order), then the rest in report order. */
export function metricRows(g: GateResult): MetricRow[] {
  const rows: MetricRow[] = [];
  const seen = new Set<string>();
  for (const c of g.checks) {
    rows.push({ metric: c.metric, value: c.value, check: c, ci: g.ci?.[c.metric] });
    seen.add(c.metric);
  }
  for (const [k, v] of Object.entries(g.metrics ?? {})) {
    if (seen.has(k)) continue;
    if (v !== null && typeof v === 'object') continue; // structured metrics are rendered with the details
    rows.push({ metric: k, value: v, ci: g.ci?.[k] });
  }
  return rows;
}

/** A failing check only warns when the check says so, or when its gate still passed (e.g. on-mismatch: warn). */
export function checkLevel(gateStatus: GateResult['status'], c: Check): 'error' | 'warning' {
  if (c.severity === 'warning') return 'warning';
  if (c.severity === 'error') return 'error';
  return gateStatus === 'fail' || gateStatus === 'error' ? 'error' : 'warning';
}

export function checkMessage(gate: string, c: Check): string {
  if (c.message) return c.message;
  const need = thresholdText(c);
  return `${gate}.${c.metric} = ${num(c.value)}${c.compared !== undefined && c.compared !== c.value ? ` (compared: ${num(c.compared)})` : ''}, required ${need}`;
}

export const STATUS_EMOJI: Record<string, string> = { pass: '✅', fail: '❌', error: '⚠️', skipped: '⏭️' };

// ---------------------------------------------------------------------------------------------------------------
// Readers for the gate details that have special renderers, each on its gate's own details type (gates/*/index.ts).
// A gate that stopped with an error has only part of its details (often none): a reader then returns nothing.

/** The report's gates in report order, each tagged with its name: switch on `name` to get its details type. */
export function gateEntries(r: Report): GateEntry[] {
  // Object.entries loses the tie between a key and its value's type; the Report type guarantees it.
  return Object.entries(r.gates).map(([name, result]) => ({ name, result }) as GateEntry);
}

/** Robustness per epsilon: each epsilon's numeric results (null where not measured), ascending. */
export interface EpsilonRow {
  epsilon: number;
  values: Record<string, number | null>;
}

export function readPerEpsilon(g: GateResult<RobustnessDetails>): EpsilonRow[] {
  const rows = (g.details.per_epsilon ?? []).map((e): EpsilonRow => {
    const values: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(e)) if (k !== 'epsilon' && (typeof v === 'number' || v === null)) values[k] = v;
    return { epsilon: e.epsilon, values };
  });
  return rows.sort((a, b) => a.epsilon - b.epsilon);
}

/** The per-epsilon columns that hold a value at some epsilon (e.g. no prediction_stability column when labels are true). */
export function epsilonColumns(per: EpsilonRow[]): string[] {
  return [...new Set(per.flatMap((p) => Object.keys(p.values)))].filter((k) => per.some((p) => p.values[k] !== null && p.values[k] !== undefined));
}

export interface Row {
  name: string;
  cells: Record<string, unknown>;
}

/** Robustness attacks (at the largest epsilon): name, method, parameters, queries, points broken. */
export function readRobustnessAttacks(g: GateResult<RobustnessDetails>): Row[] {
  return (g.details.attacks ?? []).map(({ name, ...cells }) => ({ name, cells }));
}

/** Memorisation attacks (per score / reference attack), their metrics (auc, advantage, tpr_at_fpr_*) lifted into the row. */
export function readMembershipAttacks(g: GateResult<MemorisationDetails>): Row[] {
  return Object.entries(g.details.attacks ?? {}).map(([name, a]) => {
    const { metrics, ci: _ci, ...rest } = a;
    return { name, cells: { ...rest, ...metrics } };
  });
}

/** Fairness groups, in the gate's display order (cached: big reports read them more than once). */
const groupRows = new WeakMap<object, Row[]>();

export function readGroups(g: GateResult<FairnessDetails>): Row[] {
  const src = g.details.groups;
  if (!src) return [];
  let rows = groupRows.get(src);
  if (!rows) {
    rows = src.map(({ group, ...cells }) => ({ name: group, cells }));
    groupRows.set(src, rows);
  }
  return rows;
}

/** Fairness groups left out (below min-group-size, or of one aggregate). */
export function readExcluded(g: GateResult<FairnessDetails>): Row[] {
  return (g.details.excluded ?? []).map(({ group, ...cells }) => ({ name: group, cells }));
}

export const GROUP_RATE_COLUMNS = [
  'count',
  'selection_rate',
  'true_positive_rate',
  'false_positive_rate',
  'false_negative_rate',
  'accuracy',
  'disparate_impact',
] as const;

/** The fairness table as the gate ordered it, the order's name (`details.sorted_by`), and the column it sorts by. */
export function orderedGroups(g: GateResult<FairnessDetails>): { rows: Row[]; sortedBy: string; key: string } {
  const by = g.details.sorted_by ?? 'group';
  return { rows: readGroups(g), sortedBy: by, key: by.split(' ')[0] };
}

/** One drift feature with its score on the common scale (compute.ts driftScore: 1 = its threshold, capped at 10). */
export type DriftRow = FeatureResult & { score: number | null };

/**
 * The drift gate's features for display: the drifted ones first, each group by drift score (highest first; ties and
 * undefined scores in feature order), and the undrifted ones.
 */
export function orderedDrift(g: GateResult<DriftDetails>): { drifted: DriftRow[]; undrifted: DriftRow[] } {
  const rows: DriftRow[] = (g.details.features ?? []).map((f) => ({ ...f, score: driftScore(f) }));
  const order = (a: DriftRow, b: DriftRow): number => (b.score ?? -1) - (a.score ?? -1);
  // Array sort is stable: equal scores keep the feature order.
  return { drifted: rows.filter((r) => r.drifted).sort(order), undrifted: rows.filter((r) => !r.drifted).sort(order) };
}

/** `p = 0.0012` or `distance 0.31`, as the method gives it. */
export function driftStatisticText(r: Pick<FeatureResult, 'statistic' | 'statistic_kind'>): string {
  return `${r.statistic_kind === 'p_value' ? 'p' : 'distance'} ${num(r.statistic)}`;
}

/** Model-card claims (`report.model_card.claims`): claimed vs measured, with where the claim is written. */
export type ClaimRow = ClaimCheck;

export function readClaims(card: ModelCardReport | undefined): ClaimRow[] {
  return card?.claims ?? [];
}

/** A compact one-line JSON of any value (for generic key/value tables), cut at `max` characters. */
export function compactJson(v: unknown, max = 200): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** `s` cut to at most `max` characters at a word boundary (a space, comma or semicolon), ending in `…`; never mid-word. */
export function cutAtWord(s: string, max: number): string {
  if ([...s].length <= max) return s;
  const head = [...s].slice(0, Math.max(1, max - 1)).join('');
  const at = Math.max(head.lastIndexOf(' '), head.lastIndexOf(','), head.lastIndexOf(';'));
  return `${(at > 0 ? head.slice(0, at) : head).replace(/[\s,;]+$/, '')}…`;
}

export function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/**
 * The regression gate in one sentence per dataset (the renderings share it): `eval: accuracy 0.842 → 0.855 (+0.013,
 * 95 % CI [−0.003, +0.028]); roc_auc 0.865 → 0.870 (+0.005, 95 % CI [−0.004, +0.016]); 10 negative flips, 18
 * positive flips (churn 0.047); McNemar p 0.185` — three decimals, a true minus sign, the interval when there is one.
 * Empty for a gate that measured nothing (skipped, error).
 */
export function regressionSentences(g: GateResult<RegressionDetails>): string[] {
  const out: string[] = [];
  const sgn = (v: number) => `${v < 0 ? '−' : v > 0 ? '+' : '±'}${Math.abs(v).toFixed(3)}`;
  for (const [name, d] of Object.entries(g.details?.datasets ?? {})) {
    const m = d.metrics;
    const parts: string[] = [];
    for (const metric of ['accuracy', 'roc_auc']) {
      const b = m[`${metric}_base`], h = m[`${metric}_head`], delta = m[`${metric}_delta`];
      if (typeof b !== 'number' || typeof h !== 'number' || typeof delta !== 'number') continue;
      const ci = d.ci?.[`${metric}_delta`];
      parts.push(`${metric} ${b.toFixed(3)} → ${h.toFixed(3)} (${sgn(delta)}${ci ? `, 95 % CI [${sgn(ci[0])}, ${sgn(ci[1])}]` : ''})`);
    }
    const flips = `${d.negative_flips} negative flip${d.negative_flips === 1 ? '' : 's'}, ${d.positive_flips} positive flip${d.positive_flips === 1 ? '' : 's'}`;
    const churn = typeof m.churn === 'number' ? ` (churn ${m.churn.toFixed(3)})` : '';
    const p = typeof m.mcnemar_p === 'number' ? `; McNemar p ${num(m.mcnemar_p)}${g.details.mcnemar === 'mid-p' ? ' (mid-p)' : ''}` : '';
    out.push(`${name}: ${[...parts, flips + churn].join('; ')}${p}`);
  }
  for (const [name, c] of Object.entries(g.details?.compared ?? {})) {
    const what = `${name} (${c.gate} on ${c.dataset})`;
    if (c.base === null || c.head === null || c.delta === null) out.push(`${what}: not compared${c.note ? `: ${c.note}` : ''}`);
    else out.push(`${what}: ${c.base.toFixed(3)} → ${c.head.toFixed(3)} (${sgn(c.delta)}${c.ci ? `, 95 % CI [${sgn(c.ci[0])}, ${sgn(c.ci[1])}]` : ''})`);
  }
  return out;
}

/** The poisoning gate's class table (flagged classes first, then by class order) and top suspects, shared by the renderings. */
export function poisoningView(g: GateResult<PoisoningDetails>): {
  classes: { name: string; cells: string[] }[];
  header: string[];
  suspects: { row: string; label: string; screens: string }[];
  total: number;
  grid?: string;
} | null {
  const d = g.details;
  if (!d || !Array.isArray(d.classes)) return null;
  const hasS = d.classes.some((c) => c.spectral), hasC = d.classes.some((c) => c.clustering);
  const hasStrip = d.classes.some((c) => c.strip_suspects !== undefined), hasL = d.classes.some((c) => c.label_issues !== undefined);
  const header = ['class', 'rows', ...(hasS ? ['spectral D (smaller share)'] : []), ...(hasC ? ['clustering silhouette (smaller cluster)'] : []), ...(hasStrip ? ['STRIP suspects'] : []), ...(hasL ? ['label issues'] : []), 'flagged'];
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const ordered = [...d.classes].sort((a, b) => Number(b.flagged) - Number(a.flagged));
  const classes = ordered.map((c) => ({
    name: String(c.class),
    cells: [
      String(c.rows),
      ...(hasS ? [c.spectral ? `${num(c.spectral.separation)} (${pct(c.spectral.smaller_share)})${c.spectral.poisoned ? ' ⚑' : ''}` : c.skipped ? 'not screened' : '—'] : []),
      ...(hasC ? [c.clustering ? `${num(c.clustering.silhouette)} (${pct(c.clustering.relative_size)})${c.clustering.poisoned ? ' ⚑' : ''}` : c.skipped ? 'not screened' : '—'] : []),
      ...(hasStrip ? [String(c.strip_suspects ?? '—')] : []),
      ...(hasL ? [String(c.label_issues ?? '—')] : []),
      c.skipped ? `not screened: ${c.skipped}` : c.flagged ? 'yes' : 'no',
    ],
  }));
  const suspects = (d.suspects ?? []).map((s) => ({ row: s.line !== undefined ? `${s.row} (${d.path}:${s.line})` : String(s.row), label: String(s.label), screens: s.screens.join(', ') }));
  const out: NonNullable<ReturnType<typeof poisoningView>> = { classes, header, suspects, total: d.suspects_total ?? suspects.length };
  if (d.grid) out.grid = `${d.grid.file} (the ${d.grid.rows.length} most suspicious images, beside the report)`;
  return out;
}
