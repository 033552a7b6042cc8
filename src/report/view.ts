/**
 * What every renderer (summary, comment, terminal, annotations, SARIF) derives from the report in the same way:
 * number formatting, thresholds, the verdict sentence, per-gate metric rows, and tolerant readers for the gate
 * details that have special renderers (robustness per-epsilon and attacks, memorisation attacks, fairness groups,
 * model-card claims). Readers never throw on shapes they do not know: the caller falls back to a generic view.
 */
import type { Check, GateResult, PolicyLoosening, Report } from './types.ts';

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
  const names = Object.keys(r.gates);
  const measured = names.filter((g) => r.gates[g].status !== 'skipped');
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
        ? `The model passed ${n === 1 ? 'its only gate' : `all ${n} gates`} (${measured.join(', ')})${sig}.`
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
    const other = r.failed_gates.filter((g) => !(g in r.gates) && g !== 'policy' && g !== 'signature');
    if (other.length) reasons.push(`failed: ${other.join(', ')}`);
    if (!reasons.length) reasons.push('the model failed');
    const text = reasons.join('; ');
    return { emoji: '❌', word: 'FAIL', sentence: `${text[0].toUpperCase()}${text.slice(1)}${advisory}.` };
  }
  const first = r.errors[0];
  return {
    emoji: '⚠️',
    word: 'ERROR',
    sentence: 'model-gate could not evaluate the model',
    firstError: first ? withPos(first.message, first.file, first.line, first.col) : undefined,
  };
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
// Tolerant readers for gate details

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const numOrNull = (v: unknown): number | null | undefined =>
  typeof v === 'number' ? v : v === null ? null : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** Robustness per epsilon: `details.per_epsilon` (or `metrics.per_epsilon`) as a list with `epsilon`, or a map epsilon → metrics. */
export interface EpsilonRow {
  epsilon: number;
  values: Record<string, number | null>;
}

export function readPerEpsilon(g: GateResult): EpsilonRow[] {
  const src = g.details?.per_epsilon ?? g.metrics?.per_epsilon;
  const rows: EpsilonRow[] = [];
  const take = (eps: unknown, o: unknown) => {
    const e = numOrNull(eps);
    if (typeof e !== 'number' || !isObj(o)) return;
    const values: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'epsilon') continue;
      const n = numOrNull(v);
      if (n !== undefined) values[k] = n;
    }
    rows.push({ epsilon: e, values });
  };
  if (Array.isArray(src)) for (const o of src) take(isObj(o) ? o.epsilon : undefined, o);
  else if (isObj(src)) for (const [k, o] of Object.entries(src)) take(k, o);
  return rows.sort((a, b) => a.epsilon - b.epsilon);
}

export interface Row {
  name: string;
  cells: Record<string, unknown>;
}

/** A list of named records: an array of objects with `name` (or one of `keys`), or a map name → object. */
const rowCache = new WeakMap<object, Map<string, Row[]>>();

export function readNamedRows(src: unknown, keys: string[] = ['name']): Row[] {
  if (src === null || typeof src !== 'object') return [];
  const byKeys = rowCache.get(src) ?? new Map<string, Row[]>();
  rowCache.set(src, byKeys);
  const cached = byKeys.get(keys.join('\u0000'));
  if (cached) return cached;
  const rows = readNamedRowsUncached(src, keys);
  byKeys.set(keys.join('\u0000'), rows);
  return rows;
}

function readNamedRowsUncached(src: unknown, keys: string[]): Row[] {
  const rows: Row[] = [];
  if (Array.isArray(src)) {
    for (const o of src) {
      if (!isObj(o)) continue;
      const key = keys.find((k) => o[k] !== undefined && o[k] !== null);
      const raw = key ? o[key] : undefined;
      const name = isObj(raw)
        ? Object.entries(raw)
            .map(([k, v]) => `${k}=${v === null ? '(missing)' : String(v)}`)
            .join(', ')
        : raw === undefined
          ? '?'
          : String(raw);
      const cells: Obj = {};
      for (const [k, v] of Object.entries(o)) if (k !== key) cells[k] = v;
      rows.push({ name, cells });
    }
  } else if (isObj(src)) {
    for (const [k, o] of Object.entries(src)) if (isObj(o)) rows.push({ name: k, cells: o });
  }
  return rows;
}

/** Robustness attacks: name, method, parameters, queries, points broken. */
export function readRobustnessAttacks(g: GateResult): Row[] {
  return readNamedRows(g.details?.attacks ?? g.metrics?.attacks, ['name', 'attack']);
}

/** Memorisation attacks (per score / reference attack): auc, advantage, tpr_at_fpr_*. */
export function readMembershipAttacks(g: GateResult): Row[] {
  // the gate writes a map name → { kind, method, ..., metrics: { auc, ... }, ci }: lift the metrics up
  return readNamedRows(g.details?.attacks, ['name', 'attack', 'score']).map((r) => {
    const { metrics, ci: _ci, ...rest } = r.cells;
    return { name: r.name, cells: isObj(metrics) ? { ...rest, ...metrics } : r.cells };
  });
}

/** Fairness groups: `details.groups` (list with `group`/`key`/`name`, or a map key → rates). */
export function readGroups(g: GateResult): Row[] {
  return readNamedRows(g.details?.groups, ['group', 'key', 'name', 'values']);
}

/** Fairness groups left out (below min-group-size, or of one aggregate). */
export function readExcluded(g: GateResult): Row[] {
  return readNamedRows(g.details?.excluded ?? g.details?.exclusions, ['group', 'key', 'name']);
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

/** Which per-group rate a failing fairness metric is about (for sorting the table by it). */
export function groupSortKey(g: GateResult): string {
  const failing = g.checks.find((c) => !c.pass)?.metric ?? g.checks[0]?.metric ?? '';
  if (failing.startsWith('demographic_parity') || failing.startsWith('statistical_parity')) return 'selection_rate';
  if (failing.startsWith('disparate_impact')) return 'disparate_impact';
  if (failing.startsWith('equal_opportunity')) return 'true_positive_rate';
  if (failing.startsWith('equalized_odds')) {
    // the component that gives the difference, when the gate reported it
    const comp = g.details?.components;
    if (isObj(comp)) {
      const tpr = numOrNull(comp.true_positive_rate_difference ?? comp.tpr_difference);
      const fpr = numOrNull(comp.false_positive_rate_difference ?? comp.fpr_difference);
      if (typeof tpr === 'number' && typeof fpr === 'number') return fpr > tpr ? 'false_positive_rate' : 'true_positive_rate';
    }
    return 'true_positive_rate';
  }
  return 'selection_rate';
}

/**
 * The fairness table in display order: the gate's own order when it says how it sorted (`details.sorted_by`),
 * else sorted here by the rate behind the failing metric.
 */
export function orderedGroups(g: GateResult): { rows: Row[]; sortedBy: string; key: string } {
  const rows = readGroups(g);
  const key = groupSortKey(g);
  const by = g.details?.sorted_by;
  if (typeof by === 'string' && by) return { rows, sortedBy: by, key: by.split(' ')[0] };
  return { rows: sortRows(rows, key, key !== 'disparate_impact'), sortedBy: key, key };
}

/** Rows sorted by one numeric column, ascending (nulls last), ties by name — deterministic. */
export function sortRows(rows: Row[], key: string, desc = false): Row[] {
  return [...rows].sort((a, b) => {
    const x = numOrNull(a.cells[key]);
    const y = numOrNull(b.cells[key]);
    const xn = typeof x === 'number' ? x : null;
    const yn = typeof y === 'number' ? y : null;
    if (xn === null && yn !== null) return 1;
    if (yn === null && xn !== null) return -1;
    if (xn !== null && yn !== null && xn !== yn) return desc ? yn - xn : xn - yn;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** Model-card claims: `report.model_card.claims` (list with claim/metric, claimed, measured, tolerance, pass). */
export interface ClaimRow {
  claim: string;
  measuredMetric?: string;
  claimed: unknown;
  measured: unknown;
  tolerance: unknown;
  pass: boolean | null;
  file?: string;
  line?: number;
  col?: number;
  onMismatch?: string;
}

export function readClaims(card: unknown): ClaimRow[] {
  if (!isObj(card)) return [];
  const src = card.claims ?? (isObj(card.claimed_vs_measured) ? undefined : card.claimed_vs_measured);
  if (!Array.isArray(src)) return [];
  const out: ClaimRow[] = [];
  for (const o of src) {
    if (!isObj(o)) continue;
    const pass =
      typeof o.pass === 'boolean'
        ? o.pass
        : typeof o.mismatch === 'boolean'
          ? !o.mismatch
          : o.status === 'pass' || o.status === 'match'
            ? true
            : o.status === 'fail' || o.status === 'mismatch'
              ? false
              : null;
    out.push({
      claim: String(o.claim ?? o.metric ?? o.name ?? '?'),
      measuredMetric: (o.measured_metric ?? o.measuredMetric) !== undefined ? String(o.measured_metric ?? o.measuredMetric) : undefined,
      claimed: o.claimed ?? o.claimed_value,
      measured: o.measured ?? o.measured_value,
      tolerance: o.tolerance,
      pass,
      file: typeof o.file === 'string' ? o.file : undefined,
      line: typeof o.line === 'number' ? o.line : undefined,
      col: typeof o.col === 'number' ? o.col : undefined,
      onMismatch: typeof (o.on_mismatch ?? o.onMismatch) === 'string' ? String(o.on_mismatch ?? o.onMismatch) : undefined,
    });
  }
  return out;
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

export function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** Which special renderer applies: by gate name, or by the shape of its details. */
export function gateKindOf(name: string, g: GateResult): 'robustness' | 'memorisation' | 'fairness' | 'generic' {
  if (name === 'robustness' || g.details?.per_epsilon !== undefined) return 'robustness';
  if (name === 'memorisation' || name === 'memorization') return 'memorisation';
  if (name === 'fairness' || g.details?.groups !== undefined) return 'fairness';
  return 'generic';
}
