import type { ModelCardReport } from './index.ts';
import { code, fenced, md } from '../util/escape.ts';

const fmt = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : JSON.stringify(v));
/** What the base/head comparison found, as a sentence part (never the bare status word). */
function cardStatusText(r: ModelCardReport): string {
  switch (r.status) {
    case 'unchanged': return 'unchanged since the base commit';
    case 'changed': return 'changed since the base commit';
    case 'added': return 'added (no card at the base commit)';
    case 'deleted': return 'deleted (the base commit has a card, this one has none)';
    case 'renamed': return `renamed from ${r.base ?? '?'}`;
    case 'not-compared': return 'not compared with a base version (this run has no base commit, e.g. outside a pull request)';
  }
}

const delta = (d: number | null): string => (d === null ? '' : `${d >= 0 ? '+' : ''}${Math.round(d * 1e6) / 1e6}`);

/** The card diff for a terminal (plain text). */
export function cardDiffText(r: ModelCardReport): string {
  const out: string[] = [];
  out.push(`model card ${r.head ?? r.base ?? ''}: ${cardStatusText(r)}`);
  if (r.covers_card !== null) out.push(r.covers_card ? '  the card is inside the signed subject' : '  WARNING: the card is NOT covered by the signature');
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  for (const m of r.metadata) out.push(`  ${m.loud ? 'LICENCE CHANGED' : 'metadata'}: ${m.key}: ${fmt(m.from)} -> ${fmt(m.to)}`);
  for (const d of r.datasets.added) out.push(`  dataset added: ${d}`);
  for (const d of r.datasets.removed) out.push(`  dataset removed: ${d}`);
  if (r.metrics.length) {
    out.push('  metrics (task | dataset | split | metric: base -> head, delta):');
    for (const m of r.metrics) out.push(`    ${[m.task, m.dataset, m.split, m.metric].join(' | ')}: ${fmt(m.base)} -> ${fmt(m.head)} ${delta(m.delta)}`.trimEnd());
  }
  for (const s of r.sections) {
    out.push(`  section ${s.change}: ${s.title}`);
    for (const l of s.diff.split('\n')) if (l) out.push(`    ${l}`);
  }
  if (r.claims.length) {
    out.push('  claimed vs measured:');
    for (const c of r.claims) {
      const verdict = c.pass === null ? 'not compared' : c.pass ? 'ok' : c.onMismatch === 'fail' ? 'MISMATCH (fails)' : 'MISMATCH (warning)';
      out.push(`    ${c.claim}${c.dataset ? ` [${c.dataset}${c.split ? `/${c.split}` : ''}]` : ''}: claimed ${fmt(c.claimed)}, measured ${fmt(c.measured)} (±${c.tolerance}): ${verdict}${c.note ? `: ${c.note}` : ''}${c.line ? ` (${c.file}:${c.line})` : ''}`);
    }
  }
  if (out.length === 1) out.push('  no changes');
  return out.join('\n');
}

/** The card diff as Markdown for the job summary and the PR comment (all card text escaped). */
export function cardDiffMarkdown(r: ModelCardReport, level = 2): string {
  const h = '#'.repeat(level);
  const parts: string[] = [`${h} Model card`];
  const where = r.head ?? r.base;
  const status = r.status === 'renamed' ? `renamed from ${code(r.base ?? '')}` : md(cardStatusText(r));
  if (r.covers_card !== null) parts.push(r.covers_card ? 'The card is inside the signed subject.' : '> [!WARNING]\n> The model card is **not** covered by the signature.');
  if (r.claims.length) {
    const rows = r.claims.map((c) => `| ${md(c.claim)} | ${md(c.dataset)}${c.split ? ` / ${md(c.split)}` : ''} | ${md(fmt(c.claimed))} | ${md(fmt(c.measured))} | ±${c.tolerance} | ${c.pass === null ? '⚠️ cannot compare' : c.pass ? '✅ match' : c.onMismatch === 'fail' ? '❌ mismatch' : '⚠️ mismatch'} | ${c.note ? md(c.note) : ''} |`);
    parts.push(['**Claimed vs measured**', '', '| claim | dataset | claimed | measured | tolerance | result | note |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
  }
  parts.push(`${code(where ?? '')}: ${status}.`);
  for (const m of r.metadata.filter((x) => x.loud)) parts.push(`> [!CAUTION]\n> **Licence changed**: ${code(fmt(m.from))} → ${code(fmt(m.to))}`);
  for (const w of r.warnings) parts.push(`> [!WARNING]\n> ${md(w)}`);
  const other = r.metadata.filter((x) => !x.loud);
  if (other.length || r.datasets.added.length || r.datasets.removed.length) {
    const rows = other.map((m) => `| ${md(m.key)} | ${md(fmt(m.from))} | ${md(fmt(m.to))} |`);
    for (const d of r.datasets.added) rows.push(`| datasets | — | ${md(d)} (added) |`);
    for (const d of r.datasets.removed) rows.push(`| datasets | ${md(d)} (removed) | — |`);
    parts.push(['**Metadata**', '', '| key | base | head |', '|---|---|---|', ...rows].join('\n'));
  }
  if (r.metrics.length) {
    const rows = r.metrics.map((m) => `| ${md(m.task)} | ${md(m.dataset)} | ${md(m.split)} | ${md(m.metric)} | ${md(fmt(m.base))} | ${md(fmt(m.head))} | ${delta(m.delta)} |`);
    parts.push(['**Card metrics, base → head**', '', '| task | dataset | split | metric | base | head | Δ |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
  }
  for (const s of r.sections) {
    parts.push(`<details><summary>Section ${s.change}: ${md(s.title)}</summary>\n\n${fenced(s.diff, 'diff')}\n\n</details>`);
  }
  return parts.join('\n\n');
}
