import type { Constraints, Norm } from './types.ts';

/** Relative tolerance on the epsilon ball (docs/design.md §5). */
export const BALL_TOLERANCE = 1e-6;

export interface ConstraintSpec {
  D: number;
  norm: Norm;
  /** Absolute radius per feature (scalar: the same for all). 0 = the feature never moves. */
  eps: number | Float64Array;
  lo?: number | Float64Array;
  hi?: number | Float64Array;
  /** 1 where the feature may move (default: all). */
  mutable?: Uint8Array;
  integer?: Uint8Array;
  oneHotGroups?: Int32Array[];
  maxCategoricalChanges?: number;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to `v` (a float32 value) in the direction of `toward`. */
export function nextFloat32Toward(v: number, toward: number): number {
  if (v === toward) return v;
  f32[0] = v;
  if (v === 0) {
    u32[0] = 1;
    return toward > 0 ? f32[0] : -f32[0];
  }
  if (v < toward === v > 0) u32[0] += 1;
  else u32[0] -= 1;
  return f32[0];
}

function perFeature(v: number | Float64Array | undefined, D: number, dflt: number, what: string): Float64Array {
  if (v === undefined) return new Float64Array(D).fill(dflt);
  if (typeof v === 'number') return new Float64Array(D).fill(v);
  if (v.length !== D) throw new RangeError(`${what} has ${v.length} values for ${D} features`);
  return Float64Array.from(v);
}

/** Builds the feasible set; see `Constraints` for the semantics. */
export function makeConstraints(spec: ConstraintSpec): Constraints {
  const D = spec.D;
  const norm = spec.norm;
  const eps = perFeature(spec.eps, D, 0, 'epsilon');
  const lo = perFeature(spec.lo, D, -Infinity, 'lower bounds');
  const hi = perFeature(spec.hi, D, Infinity, 'upper bounds');
  const mutable = spec.mutable ? Uint8Array.from(spec.mutable) : new Uint8Array(D).fill(1);
  const integer = spec.integer ? Uint8Array.from(spec.integer) : new Uint8Array(D);
  const groups = (spec.oneHotGroups ?? []).map((g) => Int32Array.from(g));
  const maxCat = spec.maxCategoricalChanges ?? 1;
  const inOneHot = new Uint8Array(D);
  for (const g of groups) for (const i of g) inOneHot[i] = 1;
  for (let i = 0; i < D; i++) {
    if (!(eps[i] >= 0) || !Number.isFinite(eps[i])) throw new RangeError(`epsilon of feature ${i} is ${eps[i]}`);
    if (inOneHot[i]) {
      // one-hot features move on their own budget; their relaxation lives in [0, 1]
      eps[i] = mutable[i] ? 1 : 0;
      lo[i] = Math.max(lo[i], 0);
      hi[i] = Math.min(hi[i], 1);
    }
    if (!mutable[i]) eps[i] = 0;
    if (eps[i] === 0) mutable[i] = 0;
  }
  // Ball features: mutable and not in a one-hot group.
  const ball = new Uint8Array(D);
  for (let i = 0; i < D; i++) ball[i] = mutable[i] && !inOneHot[i] ? 1 : 0;

  /** The float32 nearest to x inside [c − e, c + e] ∩ [l, h] (exactly, in float64 arithmetic); c if none. */
  const clampF32 = (x: number, c: number, e: number, l: number, h: number): number => {
    const a = Math.max(c - e, l), b = Math.min(c + e, h);
    if (!(a <= b) || Number.isNaN(x)) return c;
    let r = Math.fround(x < a ? a : x > b ? b : x);
    while (r > b) r = nextFloat32Toward(r, -Infinity);
    while (r < a) r = nextFloat32Toward(r, Infinity);
    return r <= b ? r : c;
  };

  const simple = !integer.some((v) => v) && groups.length === 0;
  const projectRow = (x: Float32Array, xo: number, x0: Float32Array, co: number): void => {
    if (norm === 'linf' && simple) {
      // fast path: the float32 nearest to the clipped value, nudged one ulp inward when rounding left the box
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        const e = eps[i];
        if (e === 0) { x[xo + i] = c; continue; }
        const a = c - e > lo[i] ? c - e : lo[i];
        const b = c + e < hi[i] ? c + e : hi[i];
        const v = x[xo + i];
        if (!(a <= b) || v !== v) { x[xo + i] = c; continue; }
        const r = Math.fround(v < a ? a : v > b ? b : v);
        x[xo + i] = r > b || r < a ? clampF32(v, c, e, lo[i], hi[i]) : r;
      }
      return;
    }
    // 1) ball and bounds on continuous features. One-hot coordinates keep their relaxed values until step 3, which
    //    sets every one of them: clipping them to [0, 1] first would tie all the categories a step pushed past 1, and
    //    the first in the group, not the one the step favours most, would win.
    if (norm === 'linf') {
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        if (!mutable[i]) { x[xo + i] = c; continue; }
        if (inOneHot[i]) continue;
        x[xo + i] = clampF32(x[xo + i], c, eps[i], lo[i], hi[i]);
      }
    } else {
      let s = 0;
      for (let i = 0; i < D; i++) {
        if (!ball[i]) continue;
        const d = (x[xo + i] - x0[co + i]) / eps[i];
        s += d * d;
      }
      const nrm = Math.sqrt(s);
      // AutoAttack's projection: x0 + d·min(eps, ‖d‖)/(‖d‖ + 1e-12), then clip to the bounds
      const scale = nrm > 1 ? 1 / (nrm + 1e-12) : 1;
      for (let i = 0; i < D; i++) {
        const c = x0[co + i];
        if (!mutable[i]) { x[xo + i] = c; continue; }
        if (inOneHot[i]) continue;
        let v = c + (x[xo + i] - c) * scale;
        if (v > hi[i]) v = hi[i];
        if (v < lo[i]) v = lo[i];
        x[xo + i] = clampF32(v, c, Infinity, lo[i], hi[i]);
      }
      // float32 rounding may leave the ball by a hair: shrink until it is inside (computed in float64)
      for (let guard = 0; guard < 60 && ballRatio(x, xo, x0, co) > 1; guard++) {
        const k = 1 - 2 ** -(22 - Math.min(guard, 20));
        for (let i = 0; i < D; i++) {
          if (!ball[i]) continue;
          const c = x0[co + i];
          let r = Math.fround(c + (x[xo + i] - c) * k);
          if (Math.abs(r - c) >= Math.abs(x[xo + i] - c) && r !== c) r = nextFloat32Toward(r, c);
          x[xo + i] = r;
        }
      }
    }
    // 2) integer features: nearest integer inside the ball and bounds, else toward the clean value
    let anyInt = false;
    for (let i = 0; i < D; i++) {
      if (!integer[i] || !mutable[i] || inOneHot[i]) continue;
      anyInt = true;
      const c = x0[co + i];
      let v = Math.round(x[xo + i]);
      if (!(v >= lo[i] && v <= hi[i] && Math.abs(v - c) <= eps[i])) v = x[xo + i] > c ? Math.floor(x[xo + i]) : Math.ceil(x[xo + i]);
      if (!(v >= lo[i] && v <= hi[i] && Math.abs(v - c) <= eps[i])) v = c;
      x[xo + i] = v;
    }
    if (anyInt && norm === 'l2' && ballRatio(x, xo, x0, co) > 1) {
      for (let i = 0; i < D; i++) {
        if (!integer[i] || !mutable[i] || inOneHot[i]) continue;
        const c = x0[co + i];
        const v = x[xo + i];
        x[xo + i] = v > c ? Math.max(c, Math.floor(v)) : Math.min(c, Math.ceil(v));
      }
      if (ballRatio(x, xo, x0, co) > 1) for (let i = 0; i < D; i++) if (integer[i] && !inOneHot[i]) x[xo + i] = x0[co + i];
    }
    // 3) one-hot groups: argmax wins; at most maxCat groups may differ from the clean category
    if (groups.length > 0) {
      const changes: { g: number; k: number; score: number }[] = [];
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi];
        let k = -1, best = -Infinity, orig = -1;
        for (const i of g) {
          if (x0[co + i] > 0.5 && orig < 0) orig = i;
          if (x[xo + i] > best) { best = x[xo + i]; k = i; }
        }
        if (!mutable[g[0]] || k === orig || orig < 0 || !(best > x[xo + orig])) {
          for (const i of g) x[xo + i] = x0[co + i];
          continue;
        }
        changes.push({ g: gi, k, score: best - x[xo + orig] });
      }
      changes.sort((a, b) => b.score - a.score || a.g - b.g);
      for (let c = 0; c < changes.length; c++) {
        const g = groups[changes[c].g];
        for (const i of g) x[xo + i] = c < maxCat ? (i === changes[c].k ? 1 : 0) : x0[co + i];
      }
    }
  };

  const ballRatio = (x: Float32Array, xo: number, x0: Float32Array, co: number): number => {
    if (norm === 'linf') {
      let m = 0;
      for (let i = 0; i < D; i++) {
        if (!ball[i]) continue;
        const r = Math.abs(x[xo + i] - x0[co + i]) / eps[i];
        if (r > m) m = r;
      }
      return m;
    }
    let s = 0;
    for (let i = 0; i < D; i++) {
      if (!ball[i]) continue;
      const d = (x[xo + i] - x0[co + i]) / eps[i];
      s += d * d;
    }
    return Math.sqrt(s);
  };

  const self: Constraints = {
    D, norm, eps, lo, hi, mutable, integer, oneHotGroups: groups, maxCategoricalChanges: maxCat, inOneHot,
    project(xAdv, x0, n, rows) {
      for (let r = 0; r < n; r++) projectRow(xAdv, r * D, x0, (rows ? rows[r] : r) * D);
    },
    perturbation(x, xo, x0, co) {
      let abs = 0;
      if (norm === 'linf') {
        for (let i = 0; i < D; i++) if (!inOneHot[i]) abs = Math.max(abs, Math.abs(x[xo + i] - x0[co + i]));
      } else {
        let s = 0;
        for (let i = 0; i < D; i++) if (!inOneHot[i]) s += (x[xo + i] - x0[co + i]) ** 2;
        abs = Math.sqrt(s);
      }
      let immovable = 0;
      for (let i = 0; i < D; i++) if (!inOneHot[i] && !ball[i] && x[xo + i] !== x0[co + i]) immovable = Infinity;
      let categorical = 0;
      for (const g of groups) {
        let diff = false;
        for (const i of g) if (x[xo + i] !== x0[co + i]) diff = true;
        if (diff) categorical++;
      }
      return { abs, ratio: Math.max(ballRatio(x, xo, x0, co), immovable), categorical };
    },
    feasible(x, xo, x0, co) {
      const p = self.perturbation(x, xo, x0, co);
      if (!(p.ratio <= 1 + BALL_TOLERANCE) || p.categorical > maxCat) return false;
      for (let i = 0; i < D; i++) {
        const v = x[xo + i];
        if (!(v >= lo[i] && v <= hi[i])) {
          // a clean value outside the bounds is allowed to stay where it is
          if (v !== x0[co + i]) return false;
        }
        if (integer[i] && !Number.isInteger(v) && v !== x0[co + i]) return false;
      }
      for (const g of groups) {
        let ones = 0, zeros = 0;
        for (const i of g) { if (x[xo + i] === 1) ones++; else if (x[xo + i] === 0) zeros++; }
        const same = g.every((i) => x[xo + i] === x0[co + i]);
        if (!same && (ones !== 1 || ones + zeros !== g.length)) return false;
      }
      return true;
    },
  };
  return self;
}
