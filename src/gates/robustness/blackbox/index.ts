/**
 * Black-box attacks of the robustness gate: Square (score-based), the tree threshold-crossing attack (tree
 * ensembles), HopSkipJump (decision-based, label-only models), and the "inconclusive" check.
 *
 * Wiring (`attacks: auto`), in order: gradients when the graph allows it (white-box attacks); else `tree` when the
 * model is a tree ensemble whose thresholds map onto the features (`hasTreeEnsemble` + `treeSplits` not throwing);
 * else `square` when the model gives scores (logits or probabilities); else `hsja` (label only: the oracle returns
 * one-hot rows of the label). Square also runs last on the survivors of the white-box attacks, as in AutoAttack.
 * After every black-box attack call `assertConclusive(attack, result, active)`.
 */
import { decodeModel } from '../../../model/onnx/proto.ts';
import { containsTreeEnsemble } from '../../../model/batch-rule.ts';
import { registerAttack } from '../attacks/registry.ts';
import { makeSquare } from './square.ts';
import { makeHsja } from './hsja.ts';

export { makeSquare, pSelection, etaBlock, type SquareOptions } from './square.ts';
export { makeHsja, type HsjaOptions, type HsjaResult } from './hsja.ts';
export { makeTreeAttack, treeSplits, type TreeAttackOptions, type TreeResult, type TreeSplits } from './tree.ts';
export { isInconclusive, assertConclusive } from './inconclusive.ts';

registerAttack('square', (ctx) => makeSquare({ queries: ctx.queries }));
registerAttack('hsja', (ctx) => makeHsja({ queries: ctx.queries }));

/** True when the model (its graph, subgraphs or local functions) contains an ai.onnx.ml tree ensemble. */
export function hasTreeEnsemble(model: Uint8Array): boolean {
  return containsTreeEnsemble(decodeModel(model));
}

/** The black-box attack `attacks: auto` runs when gradients are not available. */
export function autoBlackbox(info: { treeEnsemble: boolean; outputKind: 'logits' | 'probabilities' | 'label' }): 'tree' | 'square' | 'hsja' {
  if (info.treeEnsemble) return 'tree';
  return info.outputKind === 'label' ? 'hsja' : 'square';
}
