/**
 * Shared pieces of the black-box attacks: margins, misclassification, row helpers, "no ball" constraints.
 */
import type { AttackInput, Constraints } from '../types.ts';
import { makeConstraints } from '../constraints.ts';
import { rng, type Rng } from '../../../util/random.ts';

/** Margin loss z_y − max_{j≠y} z_j of row r (AutoAttack's `margin_and_loss` with loss='margin'). */
export function marginOf(z: Float32Array, r: number, C: number, y: number): number {
  const o = r * C;
  let other = -Infinity;
  for (let j = 0; j < C; j++) if (j !== y && z[o + j] > other) other = z[o + j];
  return z[o + y] - other;
}

/**
 * Misclassified = the plain argmax (first maximum wins, as `argmax` everywhere in the gate) is not y.
 * A tie counts only when the argmax rule actually picks another class, so every success survives the re-check.
 */
export function misclassified(z: Float32Array, r: number, C: number, y: number): boolean {
  const o = r * C;
  let k = 0, best = z[o];
  for (let j = 1; j < C; j++) if (z[o + j] > best) { best = z[o + j]; k = j; }
  return k !== y;
}

/** True when rows r of a and b ([*, C]) hold different scores (any element, exact). */
export function rowsDiffer(a: Float32Array, ra: number, b: Float32Array, rb: number, C: number): boolean {
  for (let j = 0; j < C; j++) if (a[ra * C + j] !== b[rb * C + j] && !(Number.isNaN(a[ra * C + j]) && Number.isNaN(b[rb * C + j]))) return true;
  return false;
}

/** Per-point random stream for black-box attacks: (seed, attack label, point id), independent of batching. */
export function blackboxRng(input: AttackInput, label: string, point: number): Rng {
  return rng(input.seed, `${label}#${input.ids[point]}`);
}

/** Ball features: mutable and not one-hot (they move within the epsilon ball). */
export function ballFeatures(c: Constraints): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < c.D; i++) if (c.mutable[i] && !c.inOneHot[i]) out.push(i);
  return Int32Array.from(out);
}

/** One-hot groups that may move. */
export function mutableGroups(c: Constraints): Int32Array[] {
  return c.oneHotGroups.filter((g) => g.length > 0 && c.mutable[g[0]]);
}

/**
 * The same threat model without the epsilon ball (bounds, immutables, integers, one-hot groups kept): used by
 * the minimum-distance attacks (HopSkipJump, the tree search) for their intermediate candidates. Distances are then
 * measured in units of the per-feature epsilon.
 */
export function withoutBall(c: Constraints, scale = 1e6): Constraints {
  const eps = new Float64Array(c.D);
  for (let i = 0; i < c.D; i++) eps[i] = c.eps[i] * scale;
  return makeConstraints({
    D: c.D, norm: c.norm, eps, lo: c.lo, hi: c.hi, mutable: c.mutable, integer: c.integer,
    oneHotGroups: c.oneHotGroups.map((g) => Int32Array.from(g)), maxCategoricalChanges: c.maxCategoricalChanges,
  });
}

/** Distance of row x (offset xo) from x0 (offset co) in units of the per-feature epsilon (ball features only). */
export function scaledDistance(c: Constraints, x: Float32Array, xo: number, x0: Float32Array, co: number): number {
  let m = 0, s = 0;
  for (let i = 0; i < c.D; i++) {
    if (!c.mutable[i] || c.inOneHot[i]) continue;
    const d = Math.abs(x[xo + i] - x0[co + i]) / c.eps[i];
    if (d > m) m = d;
    s += d * d;
  }
  return c.norm === 'linf' ? m : Math.sqrt(s);
}

/**
 * Splits a per-row shape into an image layout [c, h, w] (leading dims folded into c) when the last two dims are
 * both at least 2; anything else is tabular (null).
 */
export function imageLayout(shape: readonly number[], D: number): { c: number; h: number; w: number } | null {
  if (shape.length < 2) return null;
  const h = shape[shape.length - 2], w = shape[shape.length - 1];
  if (!(h >= 2 && w >= 2)) return null;
  const c = D / (h * w);
  if (!Number.isInteger(c) || c < 1) return null;
  return { c, h, w };
}
