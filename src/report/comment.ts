/**
 * The pull-request comment: ONE living comment per pull request and gate id, found again by the hidden marker on
 * its first line (and by its author, see github.ts). Loosenings (and changed trust files) and changed unpinned
 * data first, then the verdict, compact gate tables, failed checks, signature, changed datasets, model-card
 * claims, and a link to the run. Under GitHub's 65,536 character limit: sections are dropped from the end, and
 * the link to the run is always kept.
 */
import { code, md, safeUrl } from '../util/escape.ts';
import { errorsSection, failedChecksSection, loosenedSection, modelCardSection, table, unpinnedDataSection, verdictSection } from './markdown.ts';
import { assemble, renderSummary } from './summary.ts';
import type { Report } from './types.ts';
import { STATUS_EMOJI, gateEntries, gateTitleId, num, poisoningView, regressionSentences, thresholdText, verdictView } from './view.ts';

/** GitHub rejects comment bodies over 65,536 characters; stay below with a margin (counted in UTF-8 bytes). */
export const COMMENT_MAX_CHARS = 65_000;

/** The gate id as it may appear in the marker and the check name: `[A-Za-z0-9._/-]`, at most 100 characters. */
export function sanitizeId(id: string): string {
  const s = String(id).replace(/[^A-Za-z0-9._/-]/g, '_').slice(0, 100);
  return s || 'default';
}

/** The hidden marker on the comment's first line. */
export function commentMarker(id: string): string {
  return `<!-- model-gate:${sanitizeId(id)} -->`;
}

export interface CommentOptions {
  id: string;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}` */
  runUrl?: string;
  maxChars?: number;
}

export function renderComment(report: Report, opts: CommentOptions): string {
  const id = sanitizeId(opts.id);
  const url = safeUrl(opts.runUrl);
  const tag = gateTitleId(id) ? `model-gate ${code(id)}` : 'model-gate';
  const footer = url
    ? `[Full report: job summary of this run](${url}) · <sub>${tag}</sub>`
    : `<sub>${tag}: full report in the job summary of this run</sub>`;
  const head = commentMarker(id);
  const sections = [
    loosenedSection(report, 3),
    unpinnedDataSection(report, 3),
    verdictSection(report, id, 3),
    errorsSection(report, 4),
    gatesTable(report),
    failedChecksSection(report, 4),
    signatureLine(report),
    changedDatasets(report),
    modelCardSection(report, 4),
  ];
  // Measured in UTF-8 bytes, which is never less than the character count GitHub limits: safe either way.
  const max = (opts.maxChars ?? COMMENT_MAX_CHARS) - Buffer.byteLength(head) - Buffer.byteLength(footer) - 8;
  const body = assemble(
    sections,
    max,
    (n) => `> ⚠️ Comment cut to stay under GitHub's size limit (${n} section${n === 1 ? '' : 's'} left out): see the full report${url ? ` in the [job summary](${url})` : ' in the job summary'}.`,
    Buffer.byteLength,
  );
  return `${head}\n${body.trimEnd()}\n\n${footer}\n`;
}

function gatesTable(r: Report): string {
  const entries = gateEntries(r);
  if (!entries.length) return '';
  const rows = entries.map(({ name: n, result: g }) => {
    const checks = g.checks
      .slice(0, 6)
      .map((c) => `${c.pass ? '✅' : '❌'} ${code(c.metric, { inTable: true })} ${num(c.value)} (${thresholdText(c)})`)
      .join('<br>');
    const more = g.checks.length > 6 ? `<br>… ${g.checks.length - 6} more` : '';
    return [md(n), `${STATUS_EMOJI[g.status] ?? ''} ${md(g.status)}`, (checks + more) || (g.message ? md(g.message) : '—')];
  });
  const regression = entries.flatMap((e) => (e.name === 'regression' ? regressionSentences(e.result) : []));
  const sentences = regression.length ? `\n\n**Regression against the baseline**\n${regression.slice(0, 10).map((x) => `- ${md(x)}`).join('\n')}` : '';
  return table(['gate', 'status', 'checks'], rows, { maxRows: 50 }) + sentences + poisoningLines(entries);
}

/** The poisoning gate's flagged classes and top five suspects, in a few lines. */
function poisoningLines(entries: ReturnType<typeof gateEntries>): string {
  const e = entries.find((x) => x.name === 'poisoning');
  const v = e && e.name === 'poisoning' ? poisoningView(e.result) : null;
  if (!e || !v) return '';
  const flagged = (e.result.details.flagged ?? []).map((c) => md(String(c)));
  const lines = [`**Poisoning screen:** ${flagged.length ? `flagged class${flagged.length > 1 ? 'es' : ''} ${flagged.join(', ')}` : 'no class flagged'}; ${v.total} suspected row${v.total === 1 ? '' : 's'}`];
  for (const s of v.suspects.slice(0, 5)) lines.push(`- row ${md(s.row)} (label ${md(s.label)}): ${md(s.screens)}`);
  if (v.grid) lines.push(`- suspect images: ${md(v.grid)}`);
  return `\n\n${lines.join('\n')}`;
}

function signatureLine(r: Report): string {
  const s = r.signature;
  const emoji = s.status === 'verified' ? '✅' : s.status === 'skipped' ? '⏭️' : '❌';
  const who = s.identity ? ` by ${code(s.identity)}` : s.key_fingerprint ? ` with key ${code(s.key_fingerprint)}` : '';
  const how = s.method ? ` (${md(s.method)}${s.transparency === 'none' ? ', no transparency log' : ''})` : '';
  const card = s.covers_card === false && (r.model_card === undefined || r.model_card === null) ? ' **The model card is not covered by the signature.**' : '';
  const msg = s.status !== 'verified' && s.message ? `: ${md(s.message)}` : '';
  return `**Signature:** ${emoji} ${md(s.status)}${who}${how}${msg}.${card}`;
}

function changedDatasets(r: Report): string {
  const changed = Object.entries(r.datasets).filter(([, d]) => d.changed_in_pr);
  if (!changed.length) return '';
  return `**Data changed in this pull request:** ${changed.map(([n, d]) => `${md(n)} (${code(d.path)})`).join(', ')}`;
}

/** Title, summary and text for the check run `model-gate/<id>` (each under the Checks API's 65,535 characters). */
export function renderCheckRun(report: Report, opts: CommentOptions): { title: string; summary: string; text: string } {
  const id = sanitizeId(opts.id);
  const v = verdictView(report);
  const title = `${v.word}: ${v.sentence}`.replace(/\s+/g, ' ').slice(0, 200);
  const summary = assemble(
    [verdictSection(report, id, 3), loosenedSection(report, 3), unpinnedDataSection(report, 3), errorsSection(report, 4), gatesTable(report), failedChecksSection(report, 4), signatureLine(report)],
    60_000,
    (n) => `> ${n} section${n === 1 ? '' : 's'} left out: see the job summary.`,
    Buffer.byteLength,
  );
  const text = renderSummary(report, { id, runUrl: opts.runUrl, maxBytes: 60_000 });
  return { title, summary, text };
}
