import type { AttackInput, Constraints, LossKind } from '../types.ts';
import { rng, type Rng } from '../../../util/random.ts';

/** Copies rows `idx` of a [*, D] matrix into a new [idx.length, D] matrix. */
export function gatherRows(src: Float32Array, D: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * D);
  for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * D, idx[r] * D + D), r * D);
  return out;
}

/** The per-point random stream: derived from (seed, attack label, point id), independent of batching. */
export function pointRng(input: AttackInput, label: string, point: number): Rng {
  return rng(input.seed, `${label}#${input.ids[point]}`);
}

/** Random start in the ball around row `p` of x0, written to x at row r (then projected by the caller). */
export function randomStart(
  c: Constraints,
  kind: 'autoattack' | 'uniform-ball',
  x0: Float32Array, x0Row: number, x: Float32Array, r: number, g: Rng,
): void {
  const D = c.D;
  const t = new Float64Array(D);
  if (c.norm === 'linf') {
    for (let i = 0; i < D; i++) if (c.mutable[i]) t[i] = 2 * g.next() - 1;
    if (kind === 'autoattack') {
      // AutoAttack: eps · t / (max|t| + 1e-12)
      let m = 0;
      for (let i = 0; i < D; i++) m = Math.max(m, Math.abs(t[i]));
      for (let i = 0; i < D; i++) t[i] /= m + 1e-12;
    }
  } else {
    let s = 0, d = 0;
    for (let i = 0; i < D; i++) if (c.mutable[i]) { t[i] = g.normal(); s += t[i] * t[i]; d++; }
    const nrm = Math.sqrt(s) + 1e-12;
    // autoattack: on the sphere; uniform-ball (Madry PGD): radius eps·U^(1/d)
    const radius = kind === 'autoattack' ? 1 : Math.pow(g.next(), 1 / Math.max(1, d));
    for (let i = 0; i < D; i++) t[i] = (t[i] / nrm) * radius;
  }
  for (let i = 0; i < D; i++) x[r * D + i] = x0[x0Row * D + i] + c.eps[i] * t[i];
}

/**
 * Steepest-ascent direction in the scaled space u = δ/ε: linf → ε·sign(g); l2 → ε·(ε⊙g)/(‖ε⊙g‖ + 1e-12).
 * Written to `out` (row r) in feature units.
 *
 * One-hot groups are not in the linf ball (they have their own change budget): their coordinates step by g / max|g|
 * over the group. sign(g) would give every category with a positive gradient the same +1 step, so the projection
 * (the largest relaxed value wins) could not tell the steepest category from the first one in the group.
 */
export function ascentDirection(c: Constraints, grad: Float32Array, r: number, out: Float64Array): void {
  const D = c.D;
  const o = r * D;
  if (c.norm === 'linf') {
    for (let i = 0; i < D; i++) out[i] = c.eps[i] * Math.sign(grad[o + i]);
    for (const g of c.oneHotGroups) {
      let m = 0;
      for (const i of g) m = Math.max(m, Math.abs(grad[o + i]));
      for (const i of g) out[i] = m > 0 ? (c.eps[i] * grad[o + i]) / m : 0;
    }
    return;
  }
  let s = 0;
  for (let i = 0; i < D; i++) { const v = c.eps[i] * grad[o + i]; s += v * v; }
  const nrm = Math.sqrt(s) + 1e-12;
  for (let i = 0; i < D; i++) out[i] = (c.eps[i] * c.eps[i] * grad[o + i]) / nrm;
}

export function needGradient(input: AttackInput, name: string): NonNullable<AttackInput['oracle']['lossAndGrad']> {
  const f = input.oracle.lossAndGrad;
  if (!f) throw new Error(`${name} needs the model's gradient, which this oracle does not provide`);
  return f.bind(input.oracle);
}

/** The loss AutoAttack uses for each APGD variant. */
export function minClassesFor(loss: LossKind): number {
  return loss === 'dlr' ? 3 : loss === 'dlr-targeted' ? 4 : 2;
}
