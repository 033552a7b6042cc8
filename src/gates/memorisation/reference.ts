/**
 * What the memorisation gate needs from the engine to run the reference-model attacks (offline LiRA, RMIA).
 *
 * The engine exposes it on the gate context as `ctx.referenceModels` (see `getReferenceRunner`). Contract:
 * - `modelPath` is the policy's `reference-models[i].path` as written (workspace-relative); the engine resolves it
 *   like `model.path` (inside the workspace, no symlinks out, Git LFS pointers explained), checks the file's sha256
 *   against `sha256` BEFORE executing it (mismatch: GateError kind `fail`, it is tampering), loads it with the same
 *   input mapping and output selection as the target model (`model.inputs`, `model.output`), and returns its
 *   outputs on the named policy dataset exactly as `ctx.predictions(dataset)` does for the target model (same rows in
 *   the same order, same class order, `kind` logits or probabilities).
 * - The engine may cache results and should release each reference model after use; it should call the budget check.
 */
import { GateError } from '../../errors.ts';
import type { GateContext, Predictions } from '../types.ts';

export interface ReferenceRunner {
  predictions(modelPath: string, sha256: string, dataset: string): Promise<Predictions>;
}

/** The runner the engine put on the context, or an error explaining that this engine cannot run reference models. */
export function getReferenceRunner(ctx: GateContext<unknown>): ReferenceRunner {
  const r = (ctx as unknown as { referenceModels?: ReferenceRunner }).referenceModels;
  if (!r || typeof r.predictions !== 'function') {
    throw new GateError('memorisation.reference-runner',
      'memorisation: the policy lists reference-models but this engine provides no way to run them (ctx.referenceModels); this is an internal error: remove reference-models or report it');
  }
  return r;
}
