/**
 * Shared pieces of the black-box attacks: margins, misclassification, row helpers, "no ball" constraints.
 */
import type { AttackInput, Constraints } from '../types.ts';
import { makeConstraints } from '../constraints.ts';
import { argmaxRow } from '../../../model/scores.ts';
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
  return argmaxRow(z, r * C, C) !== y;
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

/**
 * The same projection as `constraints.project` for a pure L∞ box (no integer features, no one-hot groups): each
 * feature is clamped to the float32 interval [max(x0−ε, lo), min(x0+ε, hi)] rounded inward (what `project` does
 * feature by feature), with the per-point bounds precomputed once so that a step costs two comparisons per feature.
 * Returns null when the constraints are not a box. Checked equal to `constraints.project` in the tests.
 */
export function boxProjector(c: Constraints, x0: Float32Array, m: number): ((x: Float32Array, xo: number, q: number) => void) | null {
  if (c.norm !== 'linf' || c.oneHotGroups.length > 0) return null;
  const D = c.D;
  for (let i = 0; i < D; i++) if (c.integer[i] && c.mutable[i]) return null;
  const A = new Float32Array(m * D), B = new Float32Array(m * D);
  for (let q = 0; q < m; q++) {
    for (let i = 0; i < D; i++) {
      const v0 = x0[q * D + i];
      if (!c.mutable[i]) { A[q * D + i] = v0; B[q * D + i] = v0; continue; }
      const a = Math.max(v0 - c.eps[i], c.lo[i]), b = Math.min(v0 + c.eps[i], c.hi[i]);
      let fa = Math.fround(a), fb = Math.fround(b);
      while (fa < a) fa = nextUp(fa);
      while (fb > b) fb = nextDown(fb);
      if (!(a <= b) || !(fa <= fb)) { A[q * D + i] = v0; B[q * D + i] = v0; continue; }
      A[q * D + i] = fa; B[q * D + i] = fb;
    }
  }
  return (x, xo, q) => {
    const o = q * D;
    for (let i = 0; i < D; i++) {
      const v = x[xo + i];
      if (v < A[o + i]) x[xo + i] = A[o + i];
      else if (v > B[o + i]) x[xo + i] = B[o + i];
      else if (v !== v) x[xo + i] = x0[o + i]; // NaN -> the clean value
    }
  };
}

const f32b = new Float32Array(1);
const u32b = new Uint32Array(f32b.buffer);
function nextUp(v: number): number { return step32(v, 1); }
function nextDown(v: number): number { return step32(v, -1); }
function step32(v: number, dir: 1 | -1): number {
  if (v === 0) { u32b[0] = 1; return dir > 0 ? f32b[0] : -f32b[0]; }
  f32b[0] = v;
  if ((v > 0) === (dir > 0)) u32b[0] += 1; else u32b[0] -= 1;
  return f32b[0];
}
