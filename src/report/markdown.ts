/**
 * Markdown building blocks shared by the job summary, the PR comment and the check run. Every piece of report
 * text goes through `md()` / `code()` / `fenced()` (escape.ts): report values are untrusted.
 */
import type { ModelCardReport } from '../modelcard/index.ts';
import { cardDiffMarkdown } from '../modelcard/render.ts';
import { cell, code, fenced, md, mermaidLabel } from '../util/escape.ts';
import type { GateEntry, GateResult, Report } from './types.ts';
import type { PoisoningDetails } from '../gates/poisoning/index.ts';
import { formatValue } from '../gates/fairness/groups.ts';
import {
  GROUP_RATE_COLUMNS,
  cutAtWord,
  epsilonColumns,
  evaluationErrors,
  evidenceErrors,
  gateTitleId,
  STATUS_EMOJI,
  bytes,
  ciText,
  compactJson,
  orderedGroups,
  orderedDrift,
  driftStatisticText,
  readGroups,
  isScalar,
  located,
  metricRows,
  num,
  position,
  loosenedTitle,
  loosenedWhere,
  readClaims,
  readExcluded,
  readMembershipAttacks,
  readPerEpsilon,
  readRobustnessAttacks,
  regressionSentences,
  poisoningView,
  shortSha,
  thresholdText,
  verdictView,
  type Row,
  type DriftRow,
} from './view.ts';

export interface TableOptions {
  maxRows?: number;
  /** Shown after the table when rows were cut (trusted Markdown). */
  moreNote?: string;
}

/** A GFM table; cells are trusted Markdown (escape untrusted parts before). */
export function table(headers: string[], rows: string[][], opts: TableOptions & { total?: number } = {}): string {
  const max = opts.maxRows ?? Infinity;
  const shown = rows.slice(0, max);
  const total = Math.max(opts.total ?? rows.length, rows.length);
  const clean = (c: string) => (c === '' ? ' ' : cell(c));
  const lines = [
    `| ${headers.map(clean).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...shown.map((r) => `| ${r.map(clean).join(' | ')} |`),
  ];
  if (total > shown.length) {
    lines.push('', `_${total - shown.length} more rows not shown${opts.moreNote ? `: ${opts.moreNote}` : ''}._`);
  }
  return lines.join('\n');
}

/** A collapsible block. `summary` is trusted inline Markdown/HTML (escape untrusted parts). */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const passCell = (pass: boolean | undefined | null) => (pass === undefined ? '' : pass === null ? '—' : pass ? '✅ pass' : '❌ fail');

// ---------------------------------------------------------------------------------------------------------------
// Sections

export function verdictSection(r: Report, id: string, level: 1 | 2 | 3 = 1): string {
  const v = verdictView(r);
  const shown = gateTitleId(id);
  const head = `${'#'.repeat(level)} ${v.emoji} model-gate${shown ? ` ${code(shown)}` : ''}: ${v.word}`;
  const sentence = v.firstError ? `${md(v.sentence)}: ${md(v.firstError)}` : md(v.sentence);
  return `${head}\n\n**${sentence}**`;
}

export function loosenedSection(r: Report, level = 2): string {
  const l = r.policy?.loosened ?? [];
  if (!l.length) return '';
  const failing = r.failed_gates.includes('policy');
  const what = l.some((x) => x.file === undefined)
    ? l.some((x) => x.file !== undefined) ? 'loosens the policy and changes files it trusts' : 'loosens the policy'
    : 'changes files the policy trusts (keys, certificate roots, trusted roots, reference models)';
  const intro = failing
    ? `**This pull request ${what} AND changes the model or its data: the gate fails.**`
    : `This pull request ${what}. It does not change the model or its data, so the verdict is not affected: the policy's code owners should review it.`;
  const rows = l.map((x) => [
    code(x.path, { inTable: true }),
    code(compactJson(x.from, 80), { inTable: true }) || '—',
    code(compactJson(x.to, 80), { inTable: true }) || '—',
    code(loosenedWhere(r, x), { inTable: true }),
    x.reason ? md(x.reason) : '',
  ]);
  return `${'#'.repeat(level)} ⚠️ ${loosenedTitle(l)} (${l.length})\n\n${intro}\n\n${table(['setting', 'base', 'head', 'where', 'why'], rows, { maxRows: 100 })}`;
}

/** Datasets a gate uses that the pull request changed without a pin (`data.unpinned-change` warnings), with the pin to add. */
export function unpinnedDataSection(r: Report, level = 2): string {
  const w = r.warnings.filter((m) => m.code === 'data.unpinned-change');
  if (!w.length) return '';
  const items = w.slice(0, 50).map((m) => `- ${md(m.message)}${m.file ? ` (${code(position(m.file, m.line))})` : ''}`);
  if (w.length > 50) items.push(`- _${w.length - 50} more in the report file._`);
  return `${'#'.repeat(level)} ⚠️ Unpinned data changed (${w.length})\n\n${items.join('\n')}`;
}

export function errorsSection(r: Report, level = 2): string {
  return [tamperingSection(r, level), cannotEvaluateSection(r, level)].filter(Boolean).join('\n\n');
}

/** Errors of kind fail: a pinned file changed, a verified file changed or is not covered. Evidence: verdict fail. */
function tamperingSection(r: Report, level: number): string {
  const e = evidenceErrors(r);
  if (!e.length) return '';
  return `${'#'.repeat(level)} ❌ Tampering or failed verification (${e.length})\n\nThis is evidence against the model, not a failure to evaluate it: the verdict is **fail**.\n\n${errorItems(e, '❌ ', 'more')}`;
}

function cannotEvaluateSection(r: Report, level: number): string {
  const e = evaluationErrors(r);
  if (!e.length) return '';
  return `${'#'.repeat(level)} Errors\n\n${errorItems(e, '', 'more errors')}`;
}

/** The first 50 errors as a Markdown list (each item after `mark`), then `N <more> in the report file`. */
function errorItems(e: Report['errors'], mark: string, more: string): string {
  const items = e.slice(0, 50).map((x) => `- ${mark}${md(located(x))}${x.code ? ` (${code(x.code)})` : ''}`);
  if (e.length > 50) items.push(`- _${e.length - 50} ${more} in the report file._`);
  return items.join('\n');
}

export function failedChecksSection(r: Report, level = 2): string {
  const items: string[] = [];
  for (const [name, g] of Object.entries(r.gates)) {
    if (g.status === 'error') items.push(`- ⚠️ **${md(name)}** could not be evaluated: ${md(g.message ?? 'no details')}`);
    for (const c of g.checks) {
      if (c.pass) continue;
      const where = c.file ? ` — ${code(position(c.file, c.line, c.col))}` : '';
      const compared = c.compared !== undefined && c.compared !== null && c.compared !== c.value ? ` (compared: ${num(c.compared)})` : '';
      // the central threshold message repeats value and threshold: keep only what it adds (the gate-on basis)
      let extra = c.message ?? '';
      if (extra.startsWith(`${name}.${c.metric} `)) extra = extra.match(/\((gate-on [^)]*)\)\s*$/)?.[1] ?? '';
      items.push(`- ❌ **${md(name)}** ${code(c.metric)} = ${num(c.value)}${compared}, required ${thresholdText(c)}${extra ? `: ${md(extra)}` : ''}${where}`);
    }
  }
  if (!items.length) return '';
  return `${'#'.repeat(level)} Failed checks\n\n${items.slice(0, 100).join('\n')}${items.length > 100 ? `\n- _${items.length - 100} more in the report file._` : ''}`;
}

export function signatureSection(r: Report, level = 2): string {
  const s = r.signature;
  const emoji = s.status === 'verified' ? '✅' : s.status === 'skipped' ? '⏭️' : '❌';
  const rows: string[][] = [['status', `${emoji} ${md(s.status)}`]];
  const add = (k: string, v: unknown, asCode = false) => {
    if (v === undefined || v === null || v === '') return;
    rows.push([k, asCode ? code(String(v), { inTable: true }) : md(typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v))]);
  };
  add('method', s.method);
  add('format', s.format);
  add('identity', s.identity, true);
  add('issuer', s.issuer, true);
  add('key fingerprint', s.key_fingerprint, true);
  add('signed digest', s.root_digest, true);
  add('transparency log', s.transparency === 'none' ? 'none (this signing mode has no log entry)' : s.transparency);
  add('log index', s.log_index);
  add('trusted root date', s.trusted_root_date);
  add('model card inside the signed subject', s.covers_card);
  add('message', s.message);
  return `${'#'.repeat(level)} Signature\n\n${table(['field', 'value'], rows)}`;
}

export interface GateRenderOptions {
  level?: number;
  maxRows?: number;
  charts?: boolean;
  /** Generic key/value details in a collapsible block. */
  genericDetails?: boolean;
}

export function metricsTable(g: GateEntry['result']): string {
  const rows = metricRows(g).map((m) => [
    code(m.metric, { inTable: true }),
    typeof m.value === 'number' || m.value === null ? num(m.value) : readableValue(m.value, 120),
    m.check ? thresholdText(m.check) : '',
    m.check && m.check.compared !== undefined && m.check.compared !== m.value ? num(m.check.compared) : '',
    passCell(m.check?.pass),
    ciText(m.ci),
  ]);
  const showCompared = rows.some((r) => r[3] !== '');
  const headers = ['metric', 'value', 'threshold', 'compared', 'result', '95% CI'];
  const keep = headers.map((_, i) => i !== 3 || showCompared);
  return table(
    headers.filter((_, i) => keep[i]),
    rows.map((r) => r.filter((_, i) => keep[i])),
  );
}

export function gateSection(entry: GateEntry, opts: GateRenderOptions = {}): string {
  const { name, result: g } = entry;
  const level = opts.level ?? 3;
  const parts: string[] = [`${'#'.repeat(level)} ${STATUS_EMOJI[g.status] ?? ''} ${md(name)}: ${md(g.status)}`];
  if (g.message) parts.push(md(g.message));
  if (g.checks.length || Object.keys(g.metrics ?? {}).length) parts.push(metricsTable(g));
  const special = new Set<string>();
  if (entry.name === 'regression') {
    const b = entry.result.details?.baseline;
    const lines = regressionSentences(entry.result).map((x) => `- ${md(x)}`);
    if (b) lines.unshift(`Baseline: ${code(b.path)} (${b.source === 'pinned' ? `pinned, sha256 ${code(b.sha256.slice(0, 12))}` : `base commit, sha256 ${code(b.sha256.slice(0, 12))}, signature ${md(b.signature)}`})`);
    if (lines.length) parts.push(lines.join('\n'));
  }
  if (entry.name === 'robustness') {
    const g = entry.result;
    const per = readPerEpsilon(g);
    if (per.length) {
      special.add('per_epsilon');
      parts.push(perEpsilonTable(per));
      if (opts.charts && per.length >= 2) {
        const chart = robustnessChart(per);
        if (chart) parts.push(chart);
      }
    }
    const attacks = readRobustnessAttacks(g);
    if (attacks.length) {
      special.add('attacks');
      parts.push(`**Attacks**\n\n${attackTable(attacks, ['method', 'epsilon', 'queries', 'points_broken', 'broken', 'upper_bound', 'parameters'])}`);
    }
  } else if (entry.name === 'memorisation') {
    const g = entry.result;
    const attacks = readMembershipAttacks(g);
    if (attacks.length) {
      special.add('attacks');
      parts.push(`**Membership-inference attacks**\n\n${attackTable(attacks, ['kind', 'score', 'auc', 'advantage', 'tpr_at_fpr_0.01', 'tpr_at_fpr_0.001', 'members', 'non_members'])}`);
    }
  } else if (entry.name === 'fairness') {
    const g = entry.result;
    if (readGroups(g).length) {
      special.add('groups');
      special.add('sorted_by');
      const { rows: sorted, sortedBy, key } = orderedGroups(g);
      const maxRows = opts.maxRows ?? 200;
      const cols = GROUP_RATE_COLUMNS.filter((c) => sorted.some((r) => r.cells[c] !== undefined));
      const rows = sorted.slice(0, maxRows).map((r) => [
        md(r.name) + (r.cells.included === false ? ' _(left out)_' : ''),
        ...cols.map((c) => (c === key ? `**${num(r.cells[c])}**` : num(r.cells[c]))),
      ]);
      parts.push(
        `**Groups** (sorted by ${md(sortedBy)})\n\n${table(['group', ...cols.map((c) => (c === key ? `**${c}**` : c))], rows, { maxRows, total: sorted.length, moreNote: 'see the report file' })}`,
      );
      if (opts.charts) {
        const chart = selectionRateChart(sorted, g.details.sensitive ?? []);
        if (chart) parts.push(chart);
      }
    }
    const excluded = readExcluded(g);
    if (excluded.length) {
      special.add('excluded');
      special.add('exclusions');
      const maxRows = opts.maxRows ?? 200;
      const rows = excluded.slice(0, maxRows).map((r) => [md(r.name), readableValue(r.cells.metric ?? 'all', 60), readableValue(r.cells.reason ?? '', 300)]);
      parts.push(details(`Groups left out (${excluded.length})`, table(['group', 'left out of', 'why'], rows, { maxRows, total: excluded.length })));
    }
  }
  if (entry.name === 'drift' && Array.isArray(entry.result.details.features)) {
    special.add('features');
    special.add('drifted');
    parts.push(...driftParts(orderedDrift(entry.result), opts));
  }
  if (entry.name === 'poisoning') {
    const v = poisoningView(entry.result);
    if (v) {
      for (const k of ['classes', 'suspects', 'flagged', 'grid']) special.add(k);
      const maxRows = opts.maxRows ?? 200;
      parts.push(`**Classes** (flagged first; ⚑ = the screen flags the class)\n\n${table(v.header, v.classes.slice(0, maxRows).map((c) => [md(c.name), ...c.cells.map((x) => md(x))]), { maxRows, total: v.classes.length, moreNote: 'see the report file' })}`);
      if (v.suspects.length) {
        parts.push(`**Top suspects** (${v.total} in all, most suspicious first)\n\n${table(['row (0-based)', 'given label', 'named by'], v.suspects.slice(0, 20).map((s) => [md(s.row), md(s.label), md(s.screens)]), { maxRows: 20, total: v.total, moreNote: 'see the report file' })}`);
      }
      if (v.grid) parts.push(`Suspect images: ${md(v.grid)}`);
      if (opts.charts) {
        special.add('decision');
        const chart = poisoningChart(entry.result);
        if (chart) parts.push(chart);
      }
    }
  }
  if (opts.genericDetails !== false) {
    const rest = Object.entries(g.details ?? {}).filter(([k]) => !special.has(k));
    if (rest.length) parts.push(details('Details', keyValueTable(rest)));
  }
  return parts.join('\n\n');
}

export function keyValueTable(entries: [string, unknown][], maxRows = 100): string {
  const rows = entries.map(([k, v]) => [code(k, { inTable: true }), readableValue(v)]);
  return table(['key', 'value'], rows, { maxRows, moreNote: 'see the report file' });
}

/**
 * Any report value as readable Markdown for a table cell, never raw JSON: numbers as `num()`, lists joined with
 * commas, objects as `key: value` (one per line at the top level, in parentheses below), empty ones as `none`.
 * Past `max` characters the rest is left out at an item boundary (`… N more: see the report file`), and a long text
 * is cut at a word boundary: nothing is cut mid-word.
 */
function readableValue(v: unknown, max = 1000): string {
  const parts = readableParts(v, 0);
  if (!Array.isArray(v) && (v === null || typeof v !== 'object')) return parts[0] ?? '—';
  const out: string[] = [];
  let used = 0;
  for (const p of parts) {
    const len = plainLength(p);
    if (out.length && used + len > max) {
      out.push(`… ${parts.length - out.length} more: see the report file`);
      break;
    }
    out.push(p);
    used += len + 2;
  }
  if (!out.length) return 'none';
  return out.join(v !== null && typeof v === 'object' && !Array.isArray(v) ? '<br>' : ', ');
}

/** Visible length of a piece (entities and tags count as one character or none). */
function plainLength(s: string): number {
  return s.replace(/<br>/g, ' ').replace(/&#?\w+;/g, '_').replace(/`/g, '').length;
}

/** The items of a value: one string per list item or object entry (depth 0), or one string (deeper). */
function readableParts(v: unknown, depth: number): string[] {
  if (v === null || v === undefined) return ['—'];
  if (typeof v === 'number' || typeof v === 'boolean') return [num(v)];
  if (typeof v === 'bigint') return [String(v)];
  if (typeof v === 'string') return [md(cutAtWord(v, depth === 0 ? 600 : 300))];
  if (Array.isArray(v)) {
    if (!v.length) return ['none'];
    const items = v.map((x) => inline(x, depth + 1));
    return depth === 0 ? items : [items.join(', ')];
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return ['none'];
    const items = entries.map(([k, x]) => `${md(k)}: ${inline(x, depth + 1)}`);
    return depth === 0 ? items : [items.join(', ')];
  }
  return [md(String(v))];
}

function inline(v: unknown, depth: number): string {
  const s = readableParts(v, depth).join(', ');
  return depth > 0 && v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0) ? `(${s})` : s;
}

function perEpsilonTable(per: ReturnType<typeof readPerEpsilon>): string {
  const cols = epsilonColumns(per);
  return `**Per epsilon**\n\n${table(
    ['epsilon', ...cols.map((c) => code(c, { inTable: true }))],
    per.map((p) => [num(p.epsilon), ...cols.map((c) => num(p.values[c]))]),
  )}`;
}

function attackTable(rows: Row[], preferred: string[]): string {
  const present = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const cols = [...preferred.filter((c) => present.has(c)), ...[...present].filter((c) => !preferred.includes(c)).sort()].slice(0, 10);
  return table(
    ['attack', ...cols],
    rows.map((r) => [
      code(r.name, { inTable: true }),
      ...cols.map((c) => {
        const v = r.cells[c];
        return v === undefined ? '' : typeof v === 'number' || v === null ? num(v) : isScalar(v) ? md(String(v)) : readableValue(v, 160);
      }),
    ]),
    { maxRows: 50 },
  );
}

/** A plain decimal for Mermaid data (no exponent form). */
/** The drift section: a table of the drifted features, the chart of the top 10 by drift score, the rest in one line. */
function driftParts(v: { drifted: DriftRow[]; undrifted: DriftRow[] }, opts: GateRenderOptions): string[] {
  const out: string[] = [];
  const maxRows = opts.maxRows ?? 200;
  const total = v.drifted.length + v.undrifted.length;
  if (v.drifted.length) {
    const rows = v.drifted.slice(0, maxRows).map((r) => [
      code(r.feature, { inTable: true }),
      md(r.method) + (r.auto ? ' _(auto)_' : ''),
      driftStatisticText(r),
      md(`${r.method === 'ks' ? '≤' : r.statistic_kind === 'p_value' ? '<' : '≥'} ${num(r.threshold)}`),
      `${num(r.n_reference)} / ${num(r.n_current)}`,
    ]);
    out.push(`**Drifted features** (${v.drifted.length} of ${total})\n\n${table(['feature', 'method', 'statistic', 'drift when', 'rows (reference / current)'], rows, { maxRows, total: v.drifted.length, moreNote: 'see the report file' })}`);
  } else {
    out.push(`**No feature drifted** (${total} tested)`);
  }
  if (opts.charts) {
    const chart = driftChart([...v.drifted, ...v.undrifted]);
    if (chart) out.push(chart);
  }
  if (v.undrifted.length) {
    const names = v.undrifted.map((r) => `${code(r.feature)} (${md(r.method)}, ${driftStatisticText(r)})`);
    const shown = names.slice(0, 50);
    out.push(`Not drifted (${v.undrifted.length}): ${shown.join(', ')}${names.length > shown.length ? `, … ${names.length - shown.length} more: see the report file` : ''}`);
  }
  return out;
}

/**
 * The top features by drift score as a Mermaid `xychart-beta` bar chart. The score puts every method on one scale:
 * −log10(p) / −log10(threshold) for p-value methods, distance / threshold for distances; 1 is the threshold, and a
 * score is capped at 10.
 */
function driftChart(rows: DriftRow[], max = 10): string {
  const pts = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!).slice(0, max);
  if (pts.length === 0) return '';
  const top = Math.max(1, ...pts.map((p) => p.score!));
  return [
    '```mermaid',
    'xychart-beta horizontal',
    `    title ${mermaidLabel(`drift score, top ${pts.length} of ${rows.length} (1 = threshold, p-values as -log10 p / -log10 threshold)`, 100)}`,
    `    x-axis ${mermaidLabel('feature')} [${pts.map((p) => mermaidLabel(p.feature, 40)).join(', ')}]`,
    `    y-axis ${mermaidLabel('drift score')} 0 --> ${chartNum(Math.ceil(top))}`,
    `    bar [${pts.map((p) => chartNum(p.score!)).join(', ')}]`,
    '```',
  ].join('\n');
}

/**
 * Each screened class's spectral separation (Ashman's D) as a Mermaid `xychart-beta` bar chart, in units of the
 * flagging threshold (1 = min-separation): a poisoned class stands out above 1.
 */
function poisoningChart(g: GateResult<PoisoningDetails>): string {
  const d = g.details;
  const t = d?.decision?.min_separation;
  const pts = (d?.classes ?? []).filter((c) => c.spectral && Number.isFinite(c.spectral.separation));
  if (!t || pts.length < 2) return '';
  const score = (c: (typeof pts)[number]) => c.spectral!.separation / t;
  const top = Math.max(1, ...pts.map(score));
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${mermaidLabel(`spectral separation per class (Ashman D / min-separation ${chartNum(t)}, flagged at 1 or more)`, 100)}`,
    `    x-axis ${mermaidLabel('class')} [${pts.map((c) => mermaidLabel(String(c.class), 40)).join(', ')}]`,
    `    y-axis ${mermaidLabel('D / min-separation')} 0 --> ${chartNum(Math.ceil(top * 10) / 10)}`,
    `    bar [${pts.map((c) => chartNum(score(c))).join(', ')}]`,
    '```',
  ].join('\n');
}

function chartNum(v: number): string {
  return String(Number(v.toFixed(4)));
}

/** Robust accuracy (or prediction stability) against epsilon as a Mermaid `xychart-beta` line. */
export function robustnessChart(per: ReturnType<typeof readPerEpsilon>): string {
  const metric = per.some((p) => typeof p.values.robust_accuracy === 'number') ? 'robust_accuracy' : 'prediction_stability';
  const pts = per.filter((p) => typeof p.values[metric] === 'number' && Number.isFinite(p.values[metric]!));
  if (pts.length < 2) return '';
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${mermaidLabel(`${metric.replace(/_/g, ' ')} vs epsilon`)}`,
    `    x-axis ${mermaidLabel('epsilon')} [${pts.map((p) => mermaidLabel(chartNum(p.epsilon))).join(', ')}]`,
    `    y-axis ${mermaidLabel(metric.replace(/_/g, ' '))} 0 --> 1`,
    `    line [${pts.map((p) => chartNum(p.values[metric] as number)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** A group's label in the chart: its values (the axis title names the columns), e.g. `Female, Amer-Indian-Eskimo`. */
function groupChartLabel(g: Row): string {
  const values = g.cells.values;
  if (values && typeof values === 'object' && !Array.isArray(values)) {
    const vs = Object.values(values as Record<string, unknown>);
    if (vs.length) return vs.map((v) => formatValue(v as string | number | null)).join(', ');
  }
  return g.name;
}

/**
 * Selection rate per group as a horizontal Mermaid bar chart: one row per group, its values as the label (the axis
 * title names the sensitive columns), so intersections of several columns stay readable. The groups the gate left out
 * (below min-group-size) are not drawn, and at most `max` groups are, in the table's order (worst first when a
 * metric fails); the title says how many. The table above has every group.
 */
export function selectionRateChart(groups: Row[], sensitive: string[] = [], max = 20): string {
  const drawable = groups.filter((g) => g.cells.included !== false && typeof g.cells.selection_rate === 'number' && Number.isFinite(g.cells.selection_rate as number));
  const pts = drawable.slice(0, max);
  if (pts.length < 2) return '';
  const notes: string[] = [];
  if (drawable.length > pts.length) notes.push(`first ${pts.length} of ${drawable.length}`);
  const leftOut = groups.filter((g) => g.cells.included === false).length;
  if (leftOut) notes.push(`${leftOut} small group${leftOut === 1 ? '' : 's'} not drawn`);
  const axis = sensitive.length ? sensitive.join(' × ') : 'group';
  return [
    '```mermaid',
    'xychart-beta horizontal',
    `    title ${mermaidLabel(`selection rate per group${notes.length ? ` (${notes.join(', ')})` : ''}`, 80)}`,
    `    x-axis ${mermaidLabel(axis, 60)} [${pts.map((p) => mermaidLabel(groupChartLabel(p), 40)).join(', ')}]`,
    `    y-axis ${mermaidLabel('selection rate')} 0 --> 1`,
    `    bar [${pts.map((p) => chartNum(p.cells.selection_rate as number)).join(', ')}]`,
    '```',
  ].join('\n');
}

export function datasetsSection(r: Report, level = 2): string {
  const names = Object.keys(r.datasets);
  if (!names.length) return '';
  const rows = names.map((n) => {
    const d = r.datasets[n];
    return [
      md(n),
      code(d.path, { inTable: true }),
      md(d.format ?? ''),
      num(d.rows),
      code(shortSha(d.sha256), { inTable: true }),
      d.pinned ? '📌 yes' : 'no',
      d.changed_in_pr === null || d.changed_in_pr === undefined ? '—' : d.changed_in_pr ? '✏️ **changed**' : 'no',
    ];
  });
  return `${'#'.repeat(level)} Datasets\n\n${table(['dataset', 'path', 'format', 'rows', 'sha256', 'pinned', 'changed in PR'], rows, { maxRows: 100 })}`;
}

/** The engine's model-card report (src/modelcard): base/head diff plus claimed vs measured. */
export function isCardReport(x: unknown): x is ModelCardReport {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.status === 'string' &&
    ['claims', 'sections', 'metadata', 'metrics', 'warnings'].every((k) => Array.isArray(o[k])) &&
    !!o.datasets &&
    typeof o.datasets === 'object'
  );
}

export function modelCardSection(r: Report, level = 2): string {
  if (r.model_card === undefined || r.model_card === null) return '';
  if (isCardReport(r.model_card)) return cardDiffMarkdown(r.model_card, level);
  const claims = readClaims(r.model_card);
  const parts: string[] = [`${'#'.repeat(level)} Model card`];
  if (r.signature.covers_card !== undefined && r.signature.covers_card !== null)
    parts.push(r.signature.covers_card ? 'The model card is inside the signed subject.' : '**The model card is NOT covered by the signature.**');
  if (claims.length) {
    parts.push(
      `**Claimed vs measured**\n\n${table(
        ['claim', 'claimed', 'measured', 'tolerance', 'result', 'where'],
        claims.map((c) => [
          code(c.claim, { inTable: true }),
          num(c.claimed),
          num(c.measured),
          c.tolerance === undefined ? '' : num(c.tolerance),
          c.pass === null ? '—' : c.pass ? '✅ match' : c.onMismatch === 'fail' ? '❌ mismatch' : '⚠️ mismatch',
          c.file ? code(position(c.file, c.line, c.col), { inTable: true }) : '',
        ]),
        { maxRows: 100 },
      )}`,
    );
  }
  const card = r.model_card as Record<string, unknown>;
  if (card && typeof card === 'object' && !Array.isArray(card)) {
    const rest = Object.entries(card).filter(([k]) => k !== 'claims');
    if (rest.length) parts.push(details('Model card changes', keyValueTable(rest)));
  }
  return parts.join('\n\n');
}

export function messagesSection(title: string, msgs: Report['warnings'], max = 100): string {
  if (!msgs.length) return '';
  const items = msgs.slice(0, max).map((m) => `- ${md(located(m))}`);
  if (msgs.length > max) items.push(`- _${msgs.length - max} more in the report file._`);
  return details(`${title} (${msgs.length})`, items.join('\n'));
}

export function modelSection(r: Report): string {
  const m = r.model;
  if (!m) return '';
  const rows: [string, unknown][] = [
    ['path', m.path],
    ['sha256', m.sha256],
    ['digest', m.digest],
    ['size', bytes(m.size)],
    ['opset', m.opset],
  ];
  if (m.output_used) rows.push(['output used', `${m.output_used.name} (${m.output_used.kind}${m.output_used.detected ? ', detected' : ''})`]);
  if (m.classes !== undefined) rows.push(['classes', m.classes]);
  const io = (xs: typeof m.inputs) => xs.map((x) => `${x.name}: ${x.type} [${x.shape.join(', ')}]`).join('; ');
  rows.push(['inputs', io(m.inputs)], ['outputs', io(m.outputs)]);
  return details('Model', table(['property', 'value'], rows.map(([k, v]) => [k, k === 'sha256' || k === 'digest' || k === 'path' ? code(String(v), { inTable: true }) : typeof v === 'number' ? num(v) : md(String(v ?? '—'))])));
}

export function environmentSection(r: Report): string {
  const e = r.environment;
  const rows: string[][] = [];
  if (e) {
    rows.push(['onnxruntime', md(e.onnxruntime)], ['node', md(e.node)], ['platform', md(e.platform)], ['threads', num(e.threads)]);
    for (const [k, v] of Object.entries(e.batch_sizes ?? {})) rows.push([`batch size: ${md(k)}`, num(v)]);
  }
  rows.push(['seed', num(r.seed)], ['mode', md(r.mode)]);
  if (r.policy) rows.push(['policy', `${code(r.policy.path, { inTable: true })} (${md(r.policy.source)}, sha256 ${code(shortSha(r.policy.sha256), { inTable: true })})`]);
  return details('Environment', table(['setting', 'value'], rows));
}

/** Report timings are whole milliseconds (src/engine/run.ts); shown as seconds: ms precision below 1 s, then less. */
export function seconds(ms: number): string {
  if (!Number.isFinite(ms)) return md(String(ms));
  const s = ms / 1000;
  const a = Math.abs(s);
  return s.toFixed(a < 1 ? 3 : a < 100 ? 2 : 1);
}

export function timingsSection(r: Report): string {
  const t = Object.entries(r.timings ?? {});
  if (!t.length) return '';
  return details('Timings', table(['step', 'seconds'], t.map(([k, v]) => [md(k), typeof v === 'number' ? seconds(v) : md(String(v))])));
}

export { fenced };
