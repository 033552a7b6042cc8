/**
 * The model-card gate (docs/design.md §4 `gates.model-card`): the card's claims (model-index metrics) against what the
 * measuring gates measured in this run. It runs after them (stage `after-measuring`): the engine reads the card and
 * compares its claims with their metrics (src/modelcard/), and hands the claims over as `ctx.card`; this gate turns
 * the claims into checks. Nothing measured is never a pass: a missing card, no claims listed, or a listed claim that
 * cannot be compared makes the gate an error (`problems`), while the claims that could be compared stay in it.
 */
import { GateError, INTERNAL_HINT } from '../../errors.ts';
import type { ModelCardGatePolicy } from './policy.ts';
import type { Check } from '../../types/report-parts.ts';
import type { GateContext, GateDefinition, GateOutcome } from '../types.ts';

export type { ModelCardGatePolicy };

/** `details` of the model-card gate's result (gates/README.md). The claims themselves are in `report.model_card`. */
export type ModelCardDetails = {
  on_mismatch: ModelCardGatePolicy['on-mismatch'];
};

export const modelCardGate: GateDefinition<ModelCardGatePolicy, ModelCardDetails, 'model-card'> = {
  name: 'model-card',
  /** No thresholds: the claims are the checks. */
  metrics: [],
  checkKeys: ['claims'],
  stage: 'after-measuring',
  run: async (ctx) => runModelCard(ctx),
};

function runModelCard(ctx: GateContext<ModelCardGatePolicy>): GateOutcome<ModelCardDetails> {
  const policy = ctx.policy;
  const card = ctx.card;
  if (!card) {
    // policy/checks.ts requires model.card with gates.model-card, and the engine then always reads it.
    throw new GateError('model-card.card', `internal error: the model-card gate did not receive the model card (ctx.card): ${INTERNAL_HINT}`);
  }
  const claims = card.claims;
  const extraChecks: Check[] = [];
  for (const c of claims) {
    const claimed = typeof c.claimed === 'number' ? (c.note === 'claim read as a percentage' ? c.claimed / 100 : c.claimed) : Number.NaN;
    extraChecks.push({
      metric: `claim:${c.claim}`,
      value: c.measured,
      ...(Number.isFinite(claimed) ? { min: claimed - c.tolerance, max: claimed + c.tolerance } : {}),
      // A claim the policy lists that could not be compared is not a pass (it makes the gate an error below).
      pass: c.pass === true || (c.pass === false && c.onMismatch === 'warn'),
      ...(c.pass === false ? { message: `model card claims ${c.claim} = ${JSON.stringify(c.claimed)}${c.dataset ? ` on ${c.dataset}` : ''}, measured ${c.measured} (tolerance ${c.tolerance})` } : c.note ? { message: c.note } : {}),
      file: c.file,
      ...(c.line ? { line: c.line, col: c.col } : {}),
    });
  }
  // Nothing measured is never a pass: a missing card, no claims listed, or a listed claim that cannot be compared.
  const problems: GateError[] = [];
  if (!card.exists) {
    problems.push(new GateError('model-card.missing', `model.card ${card.path} does not exist, so none of its claims can be compared: commit the model card, or fix model.card in the policy`, { where: card.where }));
  } else if (Object.keys(policy.claims).length === 0) {
    problems.push(new GateError('model-card.no-claims', 'gates.model-card lists no claims, so it compares nothing: list the card metrics to compare under claims (e.g. accuracy: { measured: accuracy }), or remove the gate', { where: ctx.position(['gates', 'model-card']) }));
  }
  for (const c of claims) {
    if (c.pass !== null) continue;
    problems.push(new GateError('model-card.not-compared', c.note ?? `the card's ${c.claim} claim cannot be compared`, { where: { file: c.file, ...(c.line ? { line: c.line, col: c.col } : {}) } }));
  }
  return {
    metrics: { claims_checked: claims.filter((c) => c.pass !== null).length, mismatches: claims.filter((c) => c.pass === false).length },
    details: { on_mismatch: policy['on-mismatch'] },
    extraChecks,
    ...(problems.length ? { problems } : {}),
  };
}
