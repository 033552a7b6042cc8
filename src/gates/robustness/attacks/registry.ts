/**
 * Attack registry: name -> factory. The white-box attacks register here; black-box attacks (square, hsja, tree)
 * register themselves from their own modules with `registerAttack` and are then available to `attacks:` lists and
 * to `attacks: auto` (square runs last on the survivors, as in AutoAttack).
 */
import type { Attack } from '../types.ts';
import { apgd } from './apgd.ts';
import { fgsm, pgd } from './pgd.ts';

export interface AttackContext {
  classes: number;
  /** Per-point query budget for black-box attacks (policy `queries`). */
  queries: number;
}

export type AttackFactory = (ctx: AttackContext) => Attack;

const registry = new Map<string, AttackFactory>([
  ['apgd-ce', () => apgd({ loss: 'ce' })],
  ['apgd-dlr', () => apgd({ loss: 'dlr' })],
  ['apgd-t', (c) => apgd({ loss: 'dlr-targeted', targetClasses: Math.min(9, c.classes - 1) })],
  ['apgd-margin', () => apgd({ loss: 'margin' })],
  ['pgd', () => pgd()],
  ['fgsm', () => fgsm()],
]);

export function registerAttack(name: string, factory: AttackFactory): void {
  registry.set(name, factory);
}

export function attackFactory(name: string): AttackFactory | undefined {
  return registry.get(name);
}

/** Minimum class count of the gradient attacks (DLR needs 3, targeted DLR 4). */
export const MIN_CLASSES: Record<string, number> = { 'apgd-dlr': 3, 'apgd-t': 4 };
