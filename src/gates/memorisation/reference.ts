/**
 * The memorisation gate's access to the engine's reference-model runner (`ctx.referenceModels`, contract on
 * `ReferenceRunner` in gates/types.ts).
 */
import { GateError } from '../../errors.ts';
import type { GateContext, ReferenceRunner } from '../types.ts';

export type { ReferenceRunner };

/** The runner the engine put on the context, or an error explaining that this engine cannot run reference models. */
export function getReferenceRunner(ctx: GateContext<unknown>): ReferenceRunner {
  const r = ctx.referenceModels;
  if (!r) {
    throw new GateError('memorisation.reference-runner',
      'memorisation: the policy lists reference-models but this engine provides no way to run them (ctx.referenceModels); this is an internal error: remove reference-models or report it');
  }
  return r;
}
