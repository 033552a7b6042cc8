/**
 * The report as annotations: one list, ordered by importance, used for workflow-command annotations, the check
 * run and SARIF. Positions are repository-relative paths with 1-based line/column, as written in the report.
 *
 * Where each annotation points:
 * - failing threshold checks: the threshold's line in the policy (`Check.file/line/col`);
 * - policy problems and other errors/warnings: their own position (`Message.file/line/col`), if any;
 * - policy loosenings: the loosened key's line in the head policy (`PolicyLoosening.line`, file = policy path);
 * - changed trust files (loosenings with `file`): the trust file itself;
 * - model-card claim mismatches: the claim's line in the card (a check of the `model-card` gate, or
 *   `model_card.claims[]` with file/line);
 * - the poisoning gate's suspect rows of a CSV dataset: the line where each row starts (warnings when the gate
 *   failed, notices otherwise; the first 50).
 */
import { escapeCommandData, truncate, workflowCommand } from '../util/escape.ts';
import type { Report } from './types.ts';
import { checkLevel, checkMessage, compactJson, located, num, readClaims } from './view.ts';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Plain text (escaped only when written out). One line. */
  message: string;
  title: string;
  file?: string;
  line?: number;
  col?: number;
  /** Stable rule id (SARIF `ruleId`): `threshold/<gate>/<metric>`, `policy/loosened`, `signature`, `error/<code>`... */
  rule: string;
  /** Lower = more important (within a level). */
  priority: number;
}

const LEVEL_ORDER: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** All annotations of a report, most important first (errors, then warnings, then notices). Deterministic. */
export function annotationsFor(report: Report): Annotation[] {
  const out: Annotation[] = [];
  const add = (a: Annotation) => out.push({ ...a, message: oneLine(a.message), title: oneLine(a.title) });

  for (const e of report.errors) {
    add({
      level: 'error',
      message: located(e),
      title: e.kind === 'fail' ? 'model-gate: tampering or failed verification' : 'model-gate: cannot evaluate',
      file: e.file,
      line: e.line,
      col: e.col,
      rule: `error/${e.code ?? 'general'}`,
      priority: 0,
    });
  }

  const sig = report.signature;
  if (sig.status === 'failed' || sig.status === 'error') {
    add({
      level: 'error',
      message: `Signature ${sig.status === 'failed' ? 'verification failed' : 'could not be checked'}: ${sig.message ?? 'no details'}`,
      title: 'model-gate: signature',
      file: report.model?.path,
      rule: 'signature',
      priority: 1,
    });
  } else if (sig.status === 'verified' && sig.transparency === 'none') {
    add({
      level: 'notice',
      message: `Signature verified with ${sig.method ?? 'a key'}; there is no transparency log entry for this signing mode.`,
      title: 'model-gate: signature',
      rule: 'signature/no-transparency-log',
      priority: 30,
    });
  }

  const policy = report.policy;
  if (policy) {
    const failing = report.failed_gates.includes('policy');
    for (const l of policy.loosened) {
      if (l.file !== undefined) {
        add({
          level: failing ? 'error' : 'warning',
          message:
            `Trust file changed: ${l.file} (${l.path}): ${compactJson(l.from, 120)} → ${compactJson(l.to, 120)}` +
            (l.reason ? ` (${l.reason})` : '') +
            (failing
              ? '. This pull request also changes the model or its data, so the gate fails.'
              : '. Review it with the code owners of the trust files.'),
          title: 'model-gate: trust file changed',
          file: l.file,
          rule: 'policy/trust-changed',
          priority: failing ? 2 : 10,
        });
        continue;
      }
      add({
        level: failing ? 'error' : 'warning',
        message:
          `Policy loosened: ${l.path}: ${compactJson(l.from, 120)} → ${compactJson(l.to, 120)}` +
          (l.reason ? ` (${l.reason})` : '') +
          (failing
            ? '. This pull request also changes the model or its data, so the gate fails.'
            : '. A policy-only change: review it with the policy\'s code owners.'),
        title: 'model-gate: policy loosened',
        file: policy.path,
        line: l.line,
        rule: 'policy/loosened',
        priority: failing ? 2 : 10,
      });
    }
  }

  for (const [name, g] of Object.entries(report.gates)) {
    for (const c of g.checks) {
      if (c.pass) continue;
      const level = checkLevel(g.status, c);
      add({
        level,
        message: checkMessage(name, c),
        title: `model-gate: ${name} ${c.metric}`,
        file: c.file,
        line: c.line,
        col: c.col,
        rule: `threshold/${name}/${c.metric}`,
        priority: level === 'error' ? 3 : 11,
      });
    }
    if (g.status === 'error') {
      add({
        level: 'error',
        message: `Gate ${name} could not be evaluated: ${g.message ?? 'no details'}`,
        title: `model-gate: ${name}`,
        rule: `gate-error/${name}`,
        priority: 4,
      });
    }
  }

  // The poisoning gate's suspect rows of a CSV dataset, at their lines (the first 50; the report lists them all).
  const poisoning = report.gates.poisoning;
  if (poisoning?.details?.suspects && poisoning.details.format === 'csv') {
    const d = poisoning.details;
    const level: AnnotationLevel = poisoning.status === 'fail' ? 'warning' : 'notice';
    for (const s of (d.suspects ?? []).slice(0, 50)) {
      if (s.line === undefined) continue;
      add({
        level,
        message: `Suspected poisoned or mislabelled row ${s.row} (0-based; line ${s.line}) with given label ${String(s.label)}, named by ${s.screens.join(', ')}`,
        title: 'model-gate: poisoning suspect',
        file: d.path,
        line: s.line,
        rule: 'poisoning/suspect',
        priority: 15,
      });
    }
  }

  // Claims reported by the card diff that no `model-card` gate check, warning or error already points at.
  const checked = new Set([
    ...Object.entries(report.gates)
      .filter(([n]) => n === 'model-card')
      .flatMap(([, g]) => g.checks.filter((c) => !c.pass).map((c) => `${c.file}:${c.line}`)),
    ...[...report.warnings, ...report.errors].filter((m) => m.file).map((m) => `${m.file}:${m.line}`),
  ]);
  for (const cl of readClaims(report.model_card)) {
    if (cl.pass !== false || checked.has(`${cl.file}:${cl.line}`)) continue;
    const level: AnnotationLevel = cl.onMismatch === 'fail' ? 'error' : 'warning';
    add({
      level,
      message: `Model card claims ${cl.claim} = ${num(cl.claimed)}, measured ${num(cl.measured)}${cl.tolerance !== undefined ? ` (tolerance ${num(cl.tolerance)})` : ''}`,
      title: 'model-gate: model card claim',
      file: cl.file,
      line: cl.line,
      col: cl.col,
      rule: `card/claim/${cl.claim}`,
      priority: level === 'error' ? 5 : 12,
    });
  }

  for (const w of report.warnings) {
    add({
      level: 'warning',
      message: located(w),
      title: 'model-gate',
      file: w.file,
      line: w.line,
      col: w.col,
      rule: `warning/${w.code ?? 'general'}`,
      priority: 20,
    });
  }

  // Drop exact duplicates (e.g. a gate error that is also in report.errors), keep the first.
  const seen = new Set<string>();
  const unique = out.filter((a) => {
    const k = `${a.level}\u0000${a.file}\u0000${a.line}\u0000${a.message.replace(/^Gate \S+ could not be evaluated: /, '')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique
    .map((a, i) => ({ a, i }))
    .sort((x, y) => LEVEL_ORDER[x.a.level] - LEVEL_ORDER[y.a.level] || x.a.priority - y.a.priority || x.i - y.i)
    .map(({ a }) => a);
}

function oneLine(s: string): string {
  return truncate(String(s).replace(/\s*[\r\n]+\s*/g, ' ').trim(), 4000);
}

/**
 * Workflow-command lines (`::error file=...,line=...,col=...,title=...::message`), properly escaped. The runner
 * shows at most `limit` (10) annotations per type per step: when a type has more, the `limit - 1` most important
 * are written and the last slot is ONE summary line for the rest (so the summary itself is never dropped).
 */
export function workflowCommandLines(
  annotations: Annotation[],
  opts: { limit?: number; seeAlso?: string } = {},
): string[] {
  const limit = opts.limit ?? 10;
  const seeAlso = opts.seeAlso ?? 'see the job summary / check run';
  const lines: string[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const of = annotations.filter((a) => a.level === level);
    const shown = of.length > limit ? of.slice(0, limit - 1) : of;
    for (const a of shown) {
      lines.push(
        workflowCommand(
          level,
          { file: a.file, line: a.file ? a.line : undefined, col: a.file && a.line ? a.col : undefined, title: truncate(a.title, 255) },
          a.message,
        ),
      );
    }
    if (of.length > shown.length) {
      const more = of.length - shown.length;
      const noun = level === 'error' ? 'errors' : level === 'warning' ? 'warnings' : 'notices';
      lines.push(`::${level} title=model-gate::${escapeCommandData(`${more} more ${noun}: ${seeAlso}`)}`);
    }
  }
  return lines;
}
