/**
 * "Inconclusive" detection (docs/design.md §5): a black-box attack that made no progress at all (the model's scores never
 * moved for any attacked point, and no point was broken or certified) says nothing about robustness; the gate turns
 * it into an error, because a stalled attack must never read as robustness.
 */
import { GateError } from '../../../errors.ts';
import type { Attack, AttackResult } from '../types.ts';

/** True when `result` attacked at least one point and none of them progressed, broke, or was certified. */
export function isInconclusive(result: AttackResult & { certified?: Uint8Array }, active: Uint8Array): boolean {
  if (!result.progressed) return false; // white-box attacks do not report progress: never inconclusive here
  let attacked = 0;
  for (let p = 0; p < active.length; p++) {
    if (!active[p]) continue;
    attacked++;
    if (result.progressed[p] || result.success[p] || result.certified?.[p]) return false;
  }
  return attacked > 0;
}

/** Throws the gate's error for an inconclusive attack (kind `error`, exit 2). */
export function assertConclusive(attack: Pick<Attack, 'name'>, result: AttackResult & { certified?: Uint8Array }, active: Uint8Array): void {
  if (!isInconclusive(result, active)) return;
  let n = 0;
  for (const a of active) n += a;
  const hint = attack.name === 'square'
    ? 'for tree ensembles use attacks: [tree] (or auto); otherwise check that the model scores depend on the perturbed features and that epsilon is not too small'
    : 'check that the model output depends on the perturbed features and that epsilon and the query budget are not too small';
  throw new GateError(
    'robustness.inconclusive',
    `the ${attack.name} attack is inconclusive: the model's scores never changed on any of the ${n} attacked points, so the result says nothing about robustness; ${hint}`,
  );
}
