import type { ModelCard } from './parse.ts';

export interface ClaimPolicyEntry {
  measured: string;
  tolerance: number;
}

export interface ClaimCheck {
  /** The card's metric type. */
  claim: string;
  measuredMetric: string;
  task: string;
  dataset: string;
  split: string;
  claimed: unknown;
  measured: number | null;
  tolerance: number;
  /** null: could not be compared (non-numeric claim, or not measured in this run). */
  pass: boolean | null;
  note?: string;
  onMismatch: 'warn' | 'fail';
  file: string;
  line?: number;
  col?: number;
}

/**
 * Claimed vs measured: each card metric named by the policy's claims (or, without a model-card gate, each card metric
 * whose type is the name of a measured metric, tolerance 0.01, warn) next to what the gates measured in this run.
 * A claim written as a percentage (e.g. 85.5 for 0.855) is read as one when that is the only way it matches.
 */
export function compareClaims(
  card: ModelCard,
  measured: Record<string, number>,
  policy: { claims: Record<string, ClaimPolicyEntry>; 'on-mismatch': 'warn' | 'fail' } | undefined,
): ClaimCheck[] {
  const onMismatch = policy?.['on-mismatch'] ?? 'warn';
  const wanted: Record<string, ClaimPolicyEntry> = policy
    ? policy.claims
    : Object.fromEntries(card.metrics.filter((m) => m.type in measured).map((m) => [m.type, { measured: m.type, tolerance: 0.01 }]));
  const out: ClaimCheck[] = [];
  for (const m of card.metrics) {
    const spec = wanted[m.type];
    if (!spec) continue;
    const value = measured[spec.measured];
    const base = {
      claim: m.type,
      measuredMetric: spec.measured,
      task: m.task,
      dataset: m.dataset,
      split: m.split,
      claimed: m.value,
      measured: typeof value === 'number' && Number.isFinite(value) ? value : null,
      tolerance: spec.tolerance,
      onMismatch,
      file: card.file,
      ...(m.line ? { line: m.line, col: m.col } : {}),
    };
    const claimed = typeof m.value === 'number' ? m.value : typeof m.value === 'string' && /^\s*-?\d+(\.\d+)?\s*%?\s*$/.test(m.value) ? parseFloat(m.value) : NaN;
    if (base.measured === null) {
      out.push({
        ...base,
        pass: null,
        note: policy
          ? `the card's ${m.type} claim cannot be compared: this run did not measure ${spec.measured} (it is null or missing in the report): remove gates.model-card.claims.${m.type}, or make the run measure it`
          : `${spec.measured} was not measured in this run`,
      });
      continue;
    }
    if (!Number.isFinite(claimed)) {
      out.push({
        ...base,
        pass: null,
        note: policy
          ? `the card's ${m.type} claim ${JSON.stringify(m.value) ?? 'null'} is not a number, so it cannot be compared: write the measured value as a number (e.g. 0.855)`
          : 'the claimed value is not a number',
      });
      continue;
    }
    const tol = spec.tolerance * (1 + 1e-9);
    if (Math.abs(claimed - base.measured) <= tol) {
      out.push({ ...base, pass: true });
    } else if (claimed > 1 && base.measured <= 1 && Math.abs(claimed / 100 - base.measured) <= tol) {
      out.push({ ...base, pass: true, note: 'claim read as a percentage' });
    } else {
      out.push({ ...base, pass: false, note: `claimed ${m.value}, measured ${round(base.measured)} (tolerance ${spec.tolerance})` });
    }
  }
  // A claim the policy names but the card does not make cannot be compared: say why (no or broken front matter,
  // or no such metric) and where.
  if (policy) {
    for (const name of Object.keys(policy.claims)) {
      if (!card.metrics.some((m) => m.type === name)) {
        const at = card.frontMatterError ? card.frontMatterErrorAt : undefined;
        out.push({
          claim: name, measuredMetric: policy.claims[name].measured, task: '', dataset: '', split: '', claimed: null,
          measured: measured[policy.claims[name].measured] ?? null, tolerance: policy.claims[name].tolerance, pass: null,
          note: missingClaimNote(card, name), onMismatch, file: card.file,
          ...(at ? { line: at.line, ...(at.col !== undefined ? { col: at.col } : {}) } : {}),
        });
      }
    }
  }
  return out;
}

/** Why the card makes no `name` claim, and the fix (one line, without the file: the caller locates it). */
function missingClaimNote(card: ModelCard, name: string): string {
  if (card.frontMatterError) {
    // frontMatterError reads `<file>: <problem>`.
    const problem = card.frontMatterError.startsWith(`${card.file}: `) ? card.frontMatterError.slice(card.file.length + 2) : card.frontMatterError;
    const invalid = /^the YAML front matter is not valid: (.*)$/.exec(problem);
    if (invalid) return `the YAML front matter is not valid (${invalid[1]}), so its ${name} claim cannot be read: fix the YAML`;
    if (/never closed/.test(problem)) return `${problem}, so its ${name} claim cannot be read: close the front matter with ---`;
    return `${problem}, so its ${name} claim cannot be read: fix the front matter`;
  }
  if (!card.hasFrontMatter) {
    return `the card has no YAML front matter, so it makes no ${name} claim: add a model-index metric of type ${name} to its front matter, or remove gates.model-card.claims.${name}`;
  }
  return `the card makes no ${name} claim (no model-index metric of type ${name}): add it to the card's model-index, or remove gates.model-card.claims.${name}`;
}

function round(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}
