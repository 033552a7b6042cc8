/**
 * The report for a terminal (CLI): plain text, aligned columns, no ANSI colours unless asked. Every untrusted
 * value goes through `plainValue` (control characters and escape sequences made visible, no line breaks) and the
 * whole text through `neutraliseLog`, because the CLI often runs inside a workflow step whose log the runner
 * parses for `::commands::`.
 */
import { neutraliseLog, plainValue } from '../util/escape.ts';
import type { Report } from './types.ts';
import {
  GROUP_RATE_COLUMNS,
  ciText,
  compactJson,
  loosenedTitle,
  loosenedWhere,
  epsilonColumns,
  evaluationErrors,
  evidenceErrors,
  gateEntries,
  gateTitleId,
  orderedGroups,
  orderedDrift,
  driftStatisticText,
  located,
  metricRows,
  num,
  position,
  readClaims,
  readMembershipAttacks,
  readPerEpsilon,
  readRobustnessAttacks,
  regressionSentences,
  poisoningView,
  shortSha,
  thresholdText,
  verdictView,
} from './view.ts';

export interface TerminalOptions {
  color?: boolean;
  id?: string;
  /** Rows per table. */
  maxRows?: number;
}

const ANSI = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Columns padded to the widest cell; the header underlined with dashes. */
export function columns(headers: string[], rows: string[][], indent = '  '): string[] {
  const len = (s: string) => [...s.replace(/\u200b/g, '')].length;
  const w = headers.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - len(s)));
  const line = (cells: string[]) => (indent + cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, w[i]))).join('  ')).trimEnd();
  return [line(headers), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)];
}

export function renderTerminal(report: Report, opts: TerminalOptions = {}): string {
  const c = (color: keyof typeof ANSI, s: string) => (opts.color ? `${ANSI[color]}${s}${ANSI.reset}` : s);
  const maxRows = opts.maxRows ?? 50;
  const v = verdictView(report);
  const out: string[] = [];
  const verdictColor = report.verdict === 'pass' ? 'green' : report.verdict === 'fail' ? 'red' : 'yellow';
  const shownId = gateTitleId(opts.id);
  out.push(c('bold', `model-gate${shownId ? ` ${plainValue(shownId)}` : ''}: `) + c(verdictColor, v.word));
  out.push(plainValue(v.firstError ? `${v.sentence}: ${v.firstError}` : v.sentence));

  const loosened = report.policy?.loosened ?? [];
  if (loosened.length) {
    out.push('', c('yellow', `${loosenedTitle(loosened)} (${loosened.length})${report.failed_gates.includes('policy') ? ': the model or its data changed too, so the gate fails' : ''}`));
    out.push(
      ...columns(
        ['setting', 'base', 'head', 'where'],
        loosened.map((l) => [plainValue(l.path), plainValue(compactJson(l.from, 60)), plainValue(compactJson(l.to, 60)), plainValue(loosenedWhere(report, l))]),
      ),
    );
  }
  const evidence = evidenceErrors(report), errors = evaluationErrors(report);
  if (evidence.length) {
    out.push('', c('red', `Tampering or failed verification (${evidence.length}): evidence against the model, verdict fail`));
    for (const e of evidence) out.push(`  - ${plainValue(located(e))}`);
  }
  if (errors.length) {
    out.push('', c('red', 'Errors'));
    for (const e of errors) out.push(`  - ${plainValue(located(e))}`);
  }

  const s = report.signature;
  out.push('', 'Signature');
  const sig: string[][] = [['status', s.status]];
  for (const [k, val] of [
    ['method', s.method],
    ['identity', s.identity],
    ['issuer', s.issuer],
    ['key', s.key_fingerprint],
    ['transparency', s.transparency],
    ['log index', s.log_index],
    ['card signed', s.covers_card],
    ['message', s.message],
  ] as const) {
    if (val !== undefined && val !== null && val !== '') sig.push([k, typeof val === 'boolean' ? (val ? 'yes' : 'no') : String(val)]);
  }
  const kw = Math.max(...sig.map((r) => r[0].length));
  for (const [k, val] of sig) out.push(`  ${k.padEnd(kw)}  ${plainValue(val)}`);

  for (const entry of gateEntries(report)) {
    const { name, result: g } = entry;
    const st = g.status === 'pass' ? c('green', 'pass') : g.status === 'fail' ? c('red', 'fail') : g.status === 'error' ? c('yellow', 'error') : g.status;
    out.push('', `Gate ${plainValue(name)}: ${st}${g.message ? ` (${plainValue(g.message)})` : ''}`);
    const rows = metricRows(g).map((m) => [
      plainValue(m.metric),
      typeof m.value === 'number' || m.value === null ? num(m.value) : plainValue(compactJson(m.value, 40)),
      m.check ? thresholdText(m.check) : '',
      m.check ? (m.check.pass ? 'pass' : 'FAIL') : '',
      ciText(m.ci),
    ]);
    if (rows.length) out.push(...columns(['metric', 'value', 'threshold', 'result', '95% CI'], rows));
    for (const ch of g.checks) if (!ch.pass && ch.message) out.push(`  ! ${plainValue(ch.message)}${ch.file ? ` (${plainValue(position(ch.file, ch.line, ch.col))})` : ''}`);
    if (entry.name === 'regression') {
      const b = entry.result.details?.baseline;
      if (b) out.push(`  baseline: ${plainValue(b.path)} (${b.source === 'pinned' ? `pinned, sha256 ${shortSha(b.sha256)}` : `base commit, sha256 ${shortSha(b.sha256)}, signature ${b.signature}`})`);
      for (const s of regressionSentences(entry.result)) out.push(`  ${plainValue(s)}`);
    }
    if (entry.name === 'robustness') {
      const g = entry.result;
      const per = readPerEpsilon(g);
      if (per.length) {
        const cols = epsilonColumns(per);
        out.push('  per epsilon:', ...columns(['epsilon', ...cols.map(plainValue)], per.map((p) => [num(p.epsilon), ...cols.map((k) => num(p.values[k]))]), '    '));
      }
      const att = readRobustnessAttacks(g);
      if (att.length)
        out.push('  attacks:', ...columns(['attack', 'method', 'queries', 'points broken'], att.map((a) => [plainValue(a.name), plainValue(a.cells.method ?? ''), num(a.cells.queries), num(a.cells.points_broken ?? a.cells.broken)]), '    '));
    } else if (entry.name === 'memorisation') {
      const g = entry.result;
      const att = readMembershipAttacks(g);
      if (att.length)
        out.push('  attacks:', ...columns(['attack', 'auc', 'advantage', 'tpr@fpr 0.01', 'tpr@fpr 0.001'], att.map((a) => [plainValue(a.name), num(a.cells.auc), num(a.cells.advantage), num(a.cells['tpr_at_fpr_0.01']), num(a.cells['tpr_at_fpr_0.001'])]), '    '));
    } else if (entry.name === 'fairness') {
      const g = entry.result;
      const { rows: groups, sortedBy } = orderedGroups(g);
      if (groups.length) {
        const cols = GROUP_RATE_COLUMNS.filter((k) => groups.some((r) => r.cells[k] !== undefined));
        out.push(`  groups (sorted by ${plainValue(sortedBy)}):`, ...columns(['group', ...cols], groups.slice(0, maxRows).map((r) => [plainValue(r.name) + (r.cells.included === false ? ' (left out)' : ''), ...cols.map((k) => num(r.cells[k]))]), '    '));
        if (groups.length > maxRows) out.push(`    ... ${groups.length - maxRows} more groups in the report file`);
      }
    } else if (entry.name === 'poisoning') {
      const v = poisoningView(entry.result);
      if (v) {
        out.push('  classes (flagged first; ⚑ = the screen flags the class):', ...columns(v.header, v.classes.slice(0, maxRows).map((c) => [plainValue(c.name), ...c.cells.map(plainValue)]), '    '));
        if (v.suspects.length) {
          out.push(`  top suspects (${v.total} in all):`, ...columns(['row (0-based)', 'given label', 'named by'], v.suspects.slice(0, 10).map((s) => [plainValue(s.row), plainValue(s.label), plainValue(s.screens)]), '    '));
          if (v.total > 10) out.push(`    ... ${v.total - 10} more in the report file`);
        }
        if (v.grid) out.push(`  suspect images: ${plainValue(v.grid)}`);
      }
    } else if (entry.name === 'drift' && Array.isArray(entry.result.details.features)) {
      const { drifted, undrifted } = orderedDrift(entry.result);
      const total = drifted.length + undrifted.length;
      if (drifted.length) {
        out.push(`  drifted features (${drifted.length} of ${total}):`, ...columns(['feature', 'method', 'statistic', 'threshold', 'rows (ref / cur)'], drifted.slice(0, maxRows).map((r) => [plainValue(r.feature), plainValue(r.method), driftStatisticText(r), num(r.threshold), `${num(r.n_reference)} / ${num(r.n_current)}`]), '    '));
        if (drifted.length > maxRows) out.push(`    ... ${drifted.length - maxRows} more in the report file`);
      } else {
        out.push(`  no feature drifted (${total} tested)`);
      }
      if (undrifted.length) out.push(`  not drifted (${undrifted.length}): ${undrifted.slice(0, 50).map((r) => `${plainValue(r.feature)} (${plainValue(r.method)}, ${driftStatisticText(r)})`).join(', ')}${undrifted.length > 50 ? `, ... ${undrifted.length - 50} more` : ''}`);
    }
  }

  const ds = Object.entries(report.datasets);
  if (ds.length) {
    out.push('', 'Datasets');
    out.push(
      ...columns(
        ['dataset', 'path', 'rows', 'sha256', 'pinned', 'changed in PR'],
        ds.map(([n, d]) => [plainValue(n), plainValue(d.path), num(d.rows), shortSha(d.sha256), d.pinned ? 'yes' : 'no', d.changed_in_pr === null ? '-' : d.changed_in_pr ? 'CHANGED' : 'no']),
      ),
    );
  }
  const claims = readClaims(report.model_card);
  if (claims.length) {
    out.push('', 'Model card: claimed vs measured');
    out.push(...columns(['claim', 'claimed', 'measured', 'tolerance', 'result'], claims.map((cl) => [plainValue(cl.claim), num(cl.claimed), num(cl.measured), num(cl.tolerance), cl.pass === null ? '-' : cl.pass ? 'match' : 'MISMATCH'])));
  }
  if (report.warnings.length) {
    out.push('', `Warnings (${report.warnings.length})`);
    for (const w of report.warnings.slice(0, maxRows)) out.push(`  - ${plainValue(located(w))}`);
    if (report.warnings.length > maxRows) out.push(`  ... ${report.warnings.length - maxRows} more in the report file`);
  }
  return neutraliseLog(out.join('\n')) + '\n';
}
