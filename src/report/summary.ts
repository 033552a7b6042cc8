/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): verdict first, then what needs attention (policy loosenings, errors,
 * failed checks), the signature, a table per gate with special renderers and Mermaid charts, datasets, the model
 * card, and collapsible warnings, model, environment and timings. Under GitHub's 1 MiB per-step limit: whole
 * sections are dropped from the end with a note (tables are capped in rows first), never cut mid-block.
 */
import { code, safeUrl } from '../util/escape.ts';
import {
  datasetsSection,
  environmentSection,
  errorsSection,
  failedChecksSection,
  gateSection,
  loosenedSection,
  unpinnedDataSection,
  messagesSection,
  modelCardSection,
  modelSection,
  signatureSection,
  timingsSection,
  verdictSection,
} from './markdown.ts';
import type { Report } from './types.ts';
import { gateEntries } from './view.ts';

/** GitHub's limit is 1 MiB per step summary; keep a margin for anything else written to the same file. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryOptions {
  /** The gate id (check run `model-gate/<id>`, comment marker). */
  id: string;
  /** Link to the run (trusted: built from GITHUB_SERVER_URL/REPOSITORY/RUN_ID). */
  runUrl?: string;
  /** Where the full JSON report was written (shown in the truncation note). */
  reportPath?: string;
  maxBytes?: number;
  /** Rows per table (fairness groups...). */
  maxRows?: number;
}

export function renderSummary(report: Report, opts: SummaryOptions): string {
  const sections: string[] = [
    verdictSection(report, opts.id, 1),
    loosenedSection(report),
    unpinnedDataSection(report),
    errorsSection(report),
    failedChecksSection(report),
    signatureSection(report),
  ];
  const gates = gateEntries(report);
  if (gates.length) {
    sections.push('## Gates');
    for (const entry of gates) sections.push(gateSection(entry, { level: 3, charts: true, maxRows: opts.maxRows ?? 200 }));
  }
  sections.push(
    datasetsSection(report),
    modelCardSection(report),
    messagesSection('Warnings', report.warnings),
    modelSection(report),
    environmentSection(report),
    timingsSection(report),
  );
  return assemble(sections, opts.maxBytes ?? SUMMARY_MAX_BYTES, (n) =>
    `> ⚠️ This summary was cut to stay under GitHub's 1 MiB limit: ${n} section${n === 1 ? '' : 's'} left out.` +
    ` The full report is in ${opts.reportPath ? code(opts.reportPath) : 'the report file'}${safeUrl(opts.runUrl) ? ` ([run](${safeUrl(opts.runUrl)}))` : ''}.`,
    Buffer.byteLength,
  );
}

/**
 * Joins non-empty sections with blank lines, keeping the total (measured with `size`) under `max`: when a
 * section does not fit, it and every later one are left out and `note(count)` ends the text. The first section
 * (the verdict) is always kept, cut hard if it alone is too long.
 */
export function assemble(sections: string[], max: number, note: (left: number) => string, size: (s: string) => number = (s) => s.length): string {
  const parts = sections.filter((s) => s && s.trim() !== '');
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const next = (out ? out + '\n\n' : '') + parts[i];
    const rest = parts.length - i - 1;
    // keep room for the note unless this is the last section
    const reserve = rest > 0 ? size('\n\n' + note(rest + 1)) : 0;
    if (size(next) + reserve <= max) {
      out = next;
      continue;
    }
    const n = note(parts.length - i);
    if (!out) {
      // the first section alone is too long: cut it by characters
      let cut = parts[i].slice(0, Math.max(0, max - size(n) - 4));
      while (cut && size(cut) + size(n) + 2 > max) cut = cut.slice(0, Math.floor(cut.length * 0.9));
      return `${cut}\n\n${n}`;
    }
    return `${out}\n\n${n}\n`;
  }
  return out + '\n';
}
