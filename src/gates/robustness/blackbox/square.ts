/**
 * Square Attack (Andriushchenko, Croce, Flammarion, Hein, ECCV 2020), score-based, following AutoAttack's
 * `autoattack/square.py` (fra31/auto-attack) with loss 'margin', untargeted, one restart:
 * - margin loss z_y − max_{j≠y} z_j; a candidate replaces the current best when its margin is strictly lower or when
 *   it is misclassified; a point stops as soon as it is misclassified (per-point query counting);
 * - p schedule: p_init halved after iterations 10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000 (the iteration index
 *   is rescaled to a 10,000-query budget only with `rescaleSchedule`, AutoAttack's `resc_schedule`; the
 *   AutoAttack-standard reference runs without it); the window side s = round(√(p·n/c)) is the same for every point
 *   of an iteration (L∞: s ≥ 1; L2: s ≥ 3 and odd);
 * - L∞: init x0 + ε·(±1 per channel and column: vertical stripes); each step sets one s×s window of every channel
 *   to x0 ± ε (one sign per channel), by adding ±2ε to the current best and projecting;
 * - L2: init = the sum of the "meta pseudo-gaussian" blocks η(h/5) with a random sign per block and channel,
 *   normalised to ‖δ‖ = ε; each step moves the mass of a second window into a first one and redraws the first
 *   window as η(s)·sign + old window direction, rescaled so that ‖δ‖ stays ε; η(s) is AutoAttack's `eta`
 *   (two opposite rectangles of 1/(k+1)² rings, transposed with probability 1/2).
 * Differences, on purpose: window positions and signs are drawn per point from (seed, attack, point id) rather than
 * once for the whole batch, so a point's result does not depend on the batch it is in; the budget counts every
 * model evaluation (1 clean + 1 initial + `queries` − 2 iterations ≤ `queries` per point; AutoAttack runs
 * `n_queries` iterations after its initial query and a clean pass outside the count).
 * Per-feature ε works in u = δ/ε (the ball is the unit ball there); every candidate goes through
 * `constraints.project` before it is evaluated.
 * Tabular inputs (no image layout): the window is a random subset of k = round(p·n_units) units, a unit being a
 * ball feature or a one-hot group (a group unit switches to a random other category, within
 * `max-categorical-changes`); L2 uses random ±1 directions on the subset in place of η.
 */
import type { Attack, AttackInput, AttackResult, Constraints } from '../types.ts';
import type { Rng } from '../../../util/random.ts';
import { gatherRows } from '../attacks/common.ts';
import { ballFeatures, blackboxRng, boxProjector, imageLayout, marginOf, misclassified, mutableGroups, rowsDiffer } from './common.ts';
import { roundHalfEven } from '../../../util/round.ts';

export interface SquareOptions {
  /** Model evaluations per point (policy `queries`, default 5,000), the clean and initial evaluations included. */
  queries?: number;
  /** Initial fraction of the input changed per step (AutoAttack: 0.8). */
  pInit?: number;
  /** AutoAttack's `resc_schedule`: stretch the schedule to the budget (default false, as the reference run). */
  rescaleSchedule?: boolean;
  name?: string;
}

/** AutoAttack's `p_selection`. */
export function pSelection(pInit: number, iter: number, nQueries: number, rescale: boolean): number {
  const it = rescale ? Math.trunc((iter / nQueries) * 10000) : iter;
  if (10 < it && it <= 50) return pInit / 2;
  if (50 < it && it <= 200) return pInit / 4;
  if (200 < it && it <= 500) return pInit / 8;
  if (500 < it && it <= 1000) return pInit / 16;
  if (1000 < it && it <= 2000) return pInit / 32;
  if (2000 < it && it <= 4000) return pInit / 64;
  if (4000 < it && it <= 6000) return pInit / 128;
  if (6000 < it && it <= 8000) return pInit / 256;
  if (8000 < it) return pInit / 512;
  return pInit;
}

/** AutoAttack's `eta_rectangles(x, y)`: rings of weight 1/(k+1)², normalised (row-major [x, y]). */
function etaRectangles(x: number, y: number): Float64Array {
  const d = new Float64Array(x * y);
  const xc = Math.floor(x / 2) + 1, yc = Math.floor(y / 2) + 1;
  let c0 = xc - 1, c1 = yc - 1;
  for (let k = 0; k < Math.max(xc, yc); k++) {
    const r0 = Math.max(c0, 0), r1 = Math.min(c0 + 2 * k + 1, x);
    const q0 = Math.max(0, c1), q1 = Math.min(c1 + 2 * k + 1, y);
    for (let i = r0; i < r1; i++) for (let j = q0; j < q1; j++) d[i * y + j] += 1 / ((k + 1) * (k + 1));
    c0--; c1--;
  }
  let s = 0;
  for (const v of d) s += v * v;
  s = Math.sqrt(s);
  for (let i = 0; i < d.length; i++) d[i] /= s;
  return d;
}

/** AutoAttack's `eta(s)` without the random transpose: [s, s], unit Frobenius norm. */
export function etaBlock(s: number): Float64Array {
  const d = new Float64Array(s * s);
  const top = Math.floor(s / 2);
  if (top > 0) d.set(etaRectangles(top, s), 0);
  const bottom = etaRectangles(s - top, s);
  for (let i = 0; i < bottom.length; i++) d[top * s + i] = -bottom[i];
  let n = 0;
  for (const v of d) n += v * v;
  n = Math.sqrt(n);
  for (let i = 0; i < d.length; i++) d[i] /= n;
  return d;
}

function transpose(a: Float64Array, s: number): Float64Array {
  const t = new Float64Array(s * s);
  for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) t[j * s + i] = a[i * s + j];
  return t;
}

const sign = (g: Rng): number => (2 * g.next() - 1 > 0 ? 1 : -1);

export function makeSquare(opts: SquareOptions = {}): Attack {
  const budget = opts.queries ?? 5000;
  const pInit = opts.pInit ?? 0.8;
  const rescale = opts.rescaleSchedule ?? false;
  const name = opts.name ?? 'square';
  if (!(Number.isInteger(budget) && budget >= 2)) throw new RangeError(`square needs at least 2 queries per point, got ${budget}`);
  if (!(pInit > 0 && pInit <= 1)) throw new RangeError(`square p_init must be in (0, 1], got ${pInit}`);
  return {
    name,
    method: 'score-based',
    parameters: { queries: budget, p_init: pInit, loss: 'margin', restarts: 1, rescale_schedule: rescale },
    needsGradient: false,
    run: (input) => runSquare(input, budget, pInit, rescale, name),
  };
}

async function runSquare(input: AttackInput, budget: number, pInit: number, rescale: boolean, name: string): Promise<AttackResult> {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const { n } = input;
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const act: number[] = [];
  for (let p = 0; p < n; p++) if (input.active[p]) act.push(p);
  const m = act.length;
  if (m === 0) return { xAdv, success, queries: 0, progressed };
  // the whole budget of every point, before the clean pass
  input.progress?.({ done: 0, broken: 0, remainingQueries: m * budget });
  const pts = Int32Array.from(act);
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const rngs = act.map((p) => blackboxRng(input, name, p));
  const done = new Uint8Array(m);

  // clean pass (progress reference; points the model already gets wrong are reported as they are)
  const zc = await input.oracle.logits(x0, pts);
  for (let q = 0; q < m; q++) if (misclassified(zc, q, C, y[q])) { done[q] = 1; success[pts[q]] = 1; }

  const layout = imageLayout(input.shape, D);
  const sq = layout ? imageSteps(c, layout) : tabularSteps(c);
  const xBest = x0.slice();
  for (let q = 0; q < m; q++) if (!done[q]) sq.init(xBest, q * D, x0, q * D, rngs[q]);
  c.project(xBest, x0, m);
  const marginMin = new Float64Array(m);
  {
    const live = liveRows(done);
    const z = await input.oracle.logits(gatherRows(xBest, D, live), idxOf(pts, live));
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      if (rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
      marginMin[q] = marginOf(z, r, C, y[q]);
      if (misclassified(z, r, C, y[q])) { done[q] = 1; success[pts[q]] = 1; }
    }
  }

  // a pure L∞ box: the same projection with precomputed per-point bounds (see boxProjector)
  const box = boxProjector(c, x0, m);
  const iterations = budget - 2;
  // Progress: every live point costs one evaluation per iteration.
  const tick = input.progress && ((itersLeft: number) => {
    let broken = 0;
    for (let q = 0; q < m; q++) broken += done[q];
    input.progress!({ done: itersLeft === 0 ? m : broken, broken, remainingQueries: (m - broken) * itersLeft });
  });
  tick?.(iterations);
  for (let it = 0; it < iterations; it++) {
    input.checkBudget?.();
    const live = liveRows(done);
    if (live.length === 0) break;
    const p = pSelection(pInit, it, budget - 1, rescale);
    const xNew = new Float32Array(live.length * D);
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      // rows are copied by hand: no per-row view objects in the hot loop
      for (let i = 0, a = r * D, b = q * D; i < D; i++) xNew[a + i] = xBest[b + i];
      sq.step(xNew, r * D, x0, q * D, p, rngs[q]);
    }
    if (box) for (let r = 0; r < live.length; r++) box(xNew, r * D, live[r]);
    else c.project(xNew, x0, live.length, live);
    const z = await input.oracle.logits(xNew, idxOf(pts, live));
    for (let r = 0; r < live.length; r++) {
      const q = live[r];
      if (!progressed[pts[q]] && rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
      const margin = marginOf(z, r, C, y[q]);
      const mis = misclassified(z, r, C, y[q]);
      if (margin < marginMin[q] || mis) {
        marginMin[q] = margin;
        for (let i = 0, a = q * D, b = r * D; i < D; i++) xBest[a + i] = xNew[b + i];
      }
      if (mis) { done[q] = 1; success[pts[q]] = 1; }
    }
    tick?.(iterations - it - 1);
  }
  tick?.(0);
  for (let q = 0; q < m; q++) if (success[pts[q]]) xAdv.set(xBest.subarray(q * D, q * D + D), pts[q] * D);
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed };
}

function liveRows(done: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let q = 0; q < done.length; q++) if (!done[q]) out.push(q);
  return Int32Array.from(out);
}

function idxOf(pts: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = pts[rows[r]];
  return out;
}

interface Steps {
  /** Writes the initial point of x0's row into x's row (before projection). */
  init(x: Float32Array, xo: number, x0: Float32Array, co: number, g: Rng): void;
  /** Turns the row of x (a copy of the current best) into the next candidate (before projection). */
  step(x: Float32Array, xo: number, x0: Float32Array, co: number, p: number, g: Rng): void;
}

function imageSteps(cons: Constraints, L: { c: number; h: number; w: number }): Steps {
  const { c, h, w } = L;
  const nf = c * h * w;
  const eps = cons.eps;
  const hw = h * w;
  const etaCache = new Map<number, [Float64Array, Float64Array]>();
  const eta = (s: number, g: Rng): Float64Array => {
    let e = etaCache.get(s);
    if (!e) { const b = etaBlock(s); e = [b, transpose(b, s)]; etaCache.set(s, e); }
    return g.next() > 0.5 ? e[1] : e[0];
  };
  const randInt = (hi: number, g: Rng): number => Math.floor(g.next() * hi); // torch: low + (high-low)·rand, .long()
  if (cons.norm === 'linf') {
    return {
      init(x, xo, x0, co, g) {
        for (let ch = 0; ch < c; ch++) {
          for (let col = 0; col < w; col++) {
            const sgn = sign(g);
            for (let row = 0; row < h; row++) {
              const i = ch * hw + row * w + col;
              x[xo + i] = x0[co + i] + eps[i] * sgn;
            }
          }
        }
      },
      step(x, xo, _x0, _co, p, g) {
        const s = Math.min(Math.max(roundHalfEven(Math.sqrt((p * nf) / c)), 1), h, w);
        const vh = randInt(h - s, g), vw = randInt(w - s, g);
        for (let ch = 0; ch < c; ch++) {
          const sgn = sign(g);
          for (let row = vh; row < vh + s; row++) {
            for (let col = vw; col < vw + s; col++) {
              const i = ch * hw + row * w + col;
              x[xo + i] += 2 * eps[i] * sgn;
            }
          }
        }
      },
    };
  }
  // L2, in u = δ/ε
  const delta = new Float64Array(nf);
  const toU = (x: Float32Array, xo: number, x0: Float32Array, co: number): void => {
    for (let i = 0; i < nf; i++) delta[i] = eps[i] > 0 ? (x[xo + i] - x0[co + i]) / eps[i] : 0;
  };
  const fromU = (x: Float32Array, xo: number, x0: Float32Array, co: number): void => {
    let s = 0;
    for (let i = 0; i < nf; i++) s += delta[i] * delta[i];
    const k = 1 / (Math.sqrt(s) + 1e-12);
    for (let i = 0; i < nf; i++) x[xo + i] = x0[co + i] + eps[i] * delta[i] * k;
  };
  return {
    init(x, xo, x0, co, g) {
      delta.fill(0);
      const s = Math.max(1, Math.floor(h / 5));
      const sp = Math.floor((h - s * 5) / 2);
      let vh = sp;
      for (let a = 0; a < Math.floor(h / s); a++) {
        let vw = sp;
        for (let b = 0; b < Math.floor(w / s); b++) {
          const e = eta(s, g);
          for (let ch = 0; ch < c; ch++) {
            const sgn = sign(g);
            for (let i = 0; i < s; i++) {
              const row = vh + i;
              if (row < 0 || row >= h) continue;
              for (let j = 0; j < s; j++) {
                const col = vw + j;
                if (col < 0 || col >= w) continue;
                delta[ch * hw + row * w + col] += e[i * s + j] * sgn;
              }
            }
          }
          vw += s;
        }
        vh += s;
      }
      for (let i = 0; i < nf; i++) if (!(eps[i] > 0)) delta[i] = 0;
      fromU(x, xo, x0, co);
    },
    step(x, xo, x0, co, p, g) {
      toU(x, xo, x0, co);
      let s = Math.max(roundHalfEven(Math.sqrt((p * nf) / c)), 3);
      if (s % 2 === 0) s += 1;
      s = Math.min(s, h, w);
      const vh = randInt(h - s, g), vw = randInt(w - s, g);
      const vh2 = randInt(h - s, g), vw2 = randInt(w - s, g);
      const in1 = (r: number, q: number): boolean => r >= vh && r < vh + s && q >= vw && q < vw + s;
      const in2 = (r: number, q: number): boolean => r >= vh2 && r < vh2 + s && q >= vw2 && q < vw2 + s;
      let normImage = 0, normWindows = 0;
      for (let ch = 0; ch < c; ch++) {
        for (let r = 0; r < h; r++) {
          for (let q = 0; q < w; q++) {
            const v = delta[ch * hw + r * w + q];
            normImage += v * v;
            if (in1(r, q) || in2(r, q)) normWindows += v * v;
          }
        }
      }
      normImage = Math.sqrt(normImage);
      normWindows = Math.sqrt(normWindows);
      const e = eta(s, g);
      const scale = Math.sqrt(Math.max(1 - normImage * normImage, 0) / c + normWindows * normWindows);
      const nd = new Float64Array(s * s);
      const newWin: Float64Array[] = [];
      for (let ch = 0; ch < c; ch++) {
        const sgn = sign(g);
        let nw1 = 0;
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) { const v = delta[ch * hw + (vh + i) * w + vw + j]; nw1 += v * v; }
        nw1 = Math.sqrt(nw1);
        let nn = 0;
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < s; j++) {
            const v = e[i * s + j] * sgn + delta[ch * hw + (vh + i) * w + vw + j] / (1e-12 + nw1);
            nd[i * s + j] = v;
            nn += v * v;
          }
        }
        nn = Math.sqrt(nn);
        const win = new Float64Array(s * s);
        for (let k = 0; k < s * s; k++) win[k] = (nd[k] / (1e-12 + nn)) * scale;
        newWin.push(win);
      }
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) delta[ch * hw + (vh2 + i) * w + vw2 + j] = 0;
      }
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) delta[ch * hw + (vh + i) * w + vw + j] = newWin[ch][i * s + j];
      }
      for (let i = 0; i < nf; i++) if (!(eps[i] > 0)) delta[i] = 0;
      fromU(x, xo, x0, co);
    },
  };
}

function tabularSteps(cons: Constraints): Steps {
  const D = cons.D;
  const eps = cons.eps;
  const ball = ballFeatures(cons);
  const groups = mutableGroups(cons);
  const nB = ball.length;
  const nU = nB + groups.length;
  const maxCat = cons.maxCategoricalChanges;
  const units = new Int32Array(nU);
  /** k distinct random units (partial Fisher-Yates). */
  const pick = (k: number, g: Rng): Int32Array => {
    for (let i = 0; i < nU; i++) units[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + g.int(nU - i);
      const t = units[i]; units[i] = units[j]; units[j] = t;
    }
    return units.slice(0, k);
  };
  const pickBall = (k: number, g: Rng): Int32Array => {
    const idx = Int32Array.from(ball);
    for (let i = 0; i < k; i++) {
      const j = i + g.int(nB - i);
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    return idx.slice(0, k);
  };
  const categoryOf = (x: Float32Array, xo: number, grp: Int32Array): number => {
    let k = 0;
    for (let a = 1; a < grp.length; a++) if (x[xo + grp[a]] > x[xo + grp[k]]) k = a;
    return k;
  };
  const changed = (x: Float32Array, xo: number, x0: Float32Array, co: number, grp: Int32Array): boolean => {
    for (const i of grp) if (x[xo + i] !== x0[co + i]) return true;
    return false;
  };
  /** Switches the selected groups to random other categories, then keeps at most maxCat changed groups. */
  const moveGroups = (x: Float32Array, xo: number, x0: Float32Array, co: number, sel: number[], g: Rng): void => {
    for (const gi of sel) {
      const grp = groups[gi];
      if (grp.length < 2) continue;
      const cur = categoryOf(x, xo, grp);
      let k = g.int(grp.length - 1);
      if (k >= cur) k++;
      for (let a = 0; a < grp.length; a++) x[xo + grp[a]] = a === k ? 1 : 0;
    }
    const changedOld: number[] = [], changedNew: number[] = [];
    for (let gi = 0; gi < groups.length; gi++) {
      if (!changed(x, xo, x0, co, groups[gi])) continue;
      (sel.includes(gi) ? changedNew : changedOld).push(gi);
    }
    while (changedOld.length + changedNew.length > maxCat) {
      const from = changedOld.length > 0 ? changedOld : changedNew;
      const gi = from.splice(g.int(from.length), 1)[0];
      for (const i of groups[gi]) x[xo + i] = x0[co + i];
    }
  };
  const kOf = (p: number, count: number): number => Math.min(Math.max(roundHalfEven(p * count), 1), count);
  if (cons.norm === 'linf') {
    return {
      init(x, xo, x0, co, g) {
        for (const i of ball) x[xo + i] = x0[co + i] + eps[i] * sign(g);
      },
      step(x, xo, x0, co, p, g) {
        if (nU === 0) return;
        const sel = pick(kOf(p, nU), g);
        const gs: number[] = [];
        for (const u of sel) {
          if (u < nB) { const i = ball[u]; x[xo + i] += 2 * eps[i] * sign(g); } else gs.push(u - nB);
        }
        if (gs.length > 0) moveGroups(x, xo, x0, co, gs, g);
      },
    };
  }
  const u = new Float64Array(D);
  const normalise = (x: Float32Array, xo: number, x0: Float32Array, co: number): void => {
    let s = 0;
    for (const i of ball) s += u[i] * u[i];
    const k = s > 0 ? 1 / (Math.sqrt(s) + 1e-12) : 0;
    for (const i of ball) x[xo + i] = x0[co + i] + eps[i] * u[i] * k;
  };
  return {
    init(x, xo, x0, co, g) {
      u.fill(0);
      for (const i of ball) u[i] = sign(g);
      normalise(x, xo, x0, co);
    },
    step(x, xo, x0, co, p, g) {
      if (nU === 0) return;
      const sel = pick(kOf(p, nU), g);
      const w1: number[] = [], gs: number[] = [];
      for (const s of sel) { if (s < nB) w1.push(ball[s]); else gs.push(s - nB); }
      if (w1.length > 0) {
        u.fill(0);
        for (const i of ball) u[i] = (x[xo + i] - x0[co + i]) / eps[i];
        const w2 = pickBall(w1.length, g);
        const inW = new Uint8Array(D);
        for (const i of w1) inW[i] = 1;
        for (const i of w2) inW[i] = 1;
        let nImg = 0, nWin = 0, n1 = 0;
        for (const i of ball) { nImg += u[i] * u[i]; if (inW[i]) nWin += u[i] * u[i]; }
        for (const i of w1) n1 += u[i] * u[i];
        nImg = Math.sqrt(nImg); nWin = Math.sqrt(nWin); n1 = Math.sqrt(n1);
        const scale = Math.sqrt(Math.max(1 - nImg * nImg, 0) + nWin * nWin);
        const r = 1 / Math.sqrt(w1.length);
        const nd = w1.map((i) => sign(g) * r + u[i] / (1e-12 + n1));
        let nn = 0;
        for (const v of nd) nn += v * v;
        nn = Math.sqrt(nn);
        for (const i of w2) u[i] = 0;
        w1.forEach((i, k) => { u[i] = (nd[k] / (1e-12 + nn)) * scale; });
        normalise(x, xo, x0, co);
      }
      if (gs.length > 0) moveGroups(x, xo, x0, co, gs, g);
    },
  };
}
