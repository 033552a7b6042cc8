import { parseCard, type ModelCard } from './parse.ts';
import { diffCards, type CardDiff } from './diff.ts';
import { compareClaims, type ClaimCheck, type ClaimPolicyEntry } from './claims.ts';
import { cardConsiderations, type CardConsideration } from './considerations.ts';

export interface ModelCardReport extends CardDiff {
  /** Whether the card lies inside the signed subject (null when unknown: unsigned model). */
  covers_card: boolean | null;
  claims: ClaimCheck[];
  /** What the head card says about its users, uses and limits (its sections by heading); absent without a head card. */
  considerations?: CardConsideration[];
}

/**
 * The model card part of the report: what changed between the base and head versions of the card, and where the
 * card's claims disagree with what the gates measured in this run.
 */
export function modelCardReport(opts: {
  base: { path: string; text: string } | null;
  head: { path: string; text: string } | null;
  measured: Record<string, number>;
  policy?: { claims: Record<string, ClaimPolicyEntry>; 'on-mismatch': 'warn' | 'fail' };
  coversCard: boolean | null;
}): ModelCardReport {
  const base: ModelCard | null = opts.base ? parseCard(opts.base.text, opts.base.path) : null;
  const head: ModelCard | null = opts.head ? parseCard(opts.head.text, opts.head.path) : null;
  const diff = diffCards(base, head);
  const claims = head ? compareClaims(head, opts.measured, opts.policy) : [];
  return { ...diff, covers_card: opts.coversCard, claims, ...(head ? { considerations: cardConsiderations(head) } : {}) };
}

/** Numeric metrics measured by the gates in this run, by name (first gate in report order wins). */
export function measuredMetrics(gates: Record<string, { metrics: Record<string, unknown> }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of Object.values(gates)) {
    for (const [k, v] of Object.entries(g.metrics)) if (typeof v === 'number' && Number.isFinite(v) && !(k in out)) out[k] = v;
  }
  return out;
}

export { parseCard, diffCards, compareClaims, cardConsiderations };
export type { ClaimCheck, CardDiff, CardConsideration };
