import type { ModelCard } from './parse.ts';

/**
 * What a model card says about its use and its limits, by kind (the kinds of CycloneDX's `modelCard.considerations`),
 * read from the card's prose sections by their headings (the Hugging Face model-card template and its usual variants).
 */
export type ConsiderationKind = 'users' | 'use_cases' | 'technical_limitations' | 'performance_tradeoffs' | 'ethical_considerations';

export interface CardConsideration {
  kind: ConsiderationKind;
  /** The section's heading path, e.g. `Uses > Out-of-Scope Use`. */
  section: string;
  /** 1-based line of the heading in the card. */
  line: number;
  /** The section's text as written (Markdown). */
  text: string;
}

/** First match wins, on the innermost heading: "Out-of-Scope Use" is a limitation, not a use case. */
const RULES: [RegExp, ConsiderationKind][] = [
  [/out[- ]of[- ]scope|misuse/i, 'technical_limitations'],
  [/\b(bias|biases|risks?|ethic(s|al)?|fairness)\b/i, 'ethical_considerations'],
  [/\blimitations?\b/i, 'technical_limitations'],
  [/\btrade-?offs?\b/i, 'performance_tradeoffs'],
  [/\b(intended )?users\b/i, 'users'],
  [/\b(intended uses?|direct use|downstream use|uses|use cases?|intended use)\b/i, 'use_cases'],
];

/** The card's sections that say how it may be used and where it falls short, in card order; empty sections are left out. */
export function cardConsiderations(card: ModelCard): CardConsideration[] {
  const out: CardConsideration[] = [];
  for (const s of card.sections) {
    if (s.title === '(preamble)' || s.body.trim() === '') continue;
    const heading = s.title.split(' > ').at(-1) ?? s.title;
    const rule = RULES.find(([re]) => re.test(heading));
    if (rule) out.push({ kind: rule[1], section: s.title, line: s.line, text: s.body.trim() });
  }
  return out;
}
