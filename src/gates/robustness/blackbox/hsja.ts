/**
 * HopSkipJumpAttack (Chen, Jordan, Wainwright, IEEE S&P 2020), decision-based (labels only), L2 and L∞,
 * following the authors' reference implementation (`hsja.py`, Jianbo-Lab/HSJA), untargeted, geometric step search:
 * - init: uniform noise that is misclassified (within the bounds; features without bounds are drawn in a box of
 *   growing radius 2^k·ε around the point), then a blend binary search (1−α)·x0 + α·noise down to α-gap 0.001;
 * - every iteration t = 1, 2, …: binary search to the boundary (L2: along the line to x0, stop when the α-gap is
 *   below θ = γ/d^{3/2}; L∞: clip into the box of radius α around x0, stop below min(θ·dist, θ), θ = γ/d²),
 *   gradient-direction estimate from n_t = min(100·√t, 10⁴) random unit directions at radius δ_t
 *   (δ_1 = 0.1 × the input range, then δ_t = √d·θ·dist (L2) or d·θ·dist (L∞)), with baseline subtraction;
 *   update = the estimate (L2) or its sign (L∞); step ξ = dist/√t halved until the step lands on the adversarial side;
 *   then binary search back to the boundary;
 * - the loop runs until the per-point query budget is spent (HSJA's iteration count is replaced by the budget).
 * Everything runs in u = δ/ε (distances are in units of the per-feature epsilon; d = number of ball features), all
 * points in lockstep so every phase is one batched oracle call. Every candidate is projected on the threat model
 * WITHOUT the epsilon ball (bounds, immutables, integers, one-hot groups); at the end the best adversarial point is
 * projected on the full constraints and re-evaluated: a point is broken only if that projection is still
 * misclassified. Reported per point: the smallest perturbation found (`distance`, ε units; `distanceAbs`, feature
 * units; Infinity when no adversarial point was found).
 * Label-only oracle: `oracle.logits` must return scores whose argmax is the model's label (e.g. one-hot rows).
 */
import type { Attack, AttackInput, AttackResult, Constraints } from '../types.ts';
import type { Rng } from '../../../util/random.ts';
import { gatherRows } from '../attacks/common.ts';
import { ballFeatures, blackboxRng, misclassified, rowsDiffer, scaledDistance, withoutBall } from './common.ts';

export interface HsjaOptions {
  /** Model evaluations per point (policy `queries`). */
  queries?: number;
  /** HSJA's γ (binary-search threshold θ = γ/d^{3/2} for L2, γ/d² for L∞). */
  gamma?: number;
  initEvals?: number;
  maxEvals?: number;
  /** Random draws for the initial adversarial point (each doubles the box for unbounded features). */
  initTries?: number;
  /** Stop a point once an adversarial point within ε is found (default false: keep minimising). */
  earlyStop?: boolean;
  name?: string;
}

export interface HsjaResult extends AttackResult {
  /** Smallest perturbation found per point, in units of ε (ratio); Infinity when none was found or not attacked. */
  distance: Float64Array;
  /** The same in feature units (max |δ| or ‖δ‖₂ over non-categorical features). */
  distanceAbs: Float64Array;
}

export function makeHsja(opts: HsjaOptions = {}): Omit<Attack, 'run'> & { run(input: AttackInput): Promise<HsjaResult> } {
  const budget = opts.queries ?? 5000;
  const gamma = opts.gamma ?? 1;
  const initEvals = opts.initEvals ?? 100;
  const maxEvals = opts.maxEvals ?? 10000;
  const initTries = opts.initTries ?? 40;
  const name = opts.name ?? 'hsja';
  if (!(Number.isInteger(budget) && budget >= 20)) throw new RangeError(`hsja needs at least 20 queries per point, got ${budget}`);
  return {
    name,
    method: 'decision-based',
    parameters: { queries: budget, gamma, init_evals: initEvals, max_evals: maxEvals, stepsize_search: 'geometric_progression', early_stop: opts.earlyStop ?? false },
    needsGradient: false,
    run: (input) => runHsja(input, { budget, gamma, initEvals, maxEvals, initTries, earlyStop: opts.earlyStop ?? false, name }),
  };
}

interface P { budget: number; gamma: number; initEvals: number; maxEvals: number; initTries: number; earlyStop: boolean; name: string }

async function runHsja(input: AttackInput, P: P): Promise<HsjaResult> {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const n = input.n;
  const linf = c.norm === 'linf';
  const free = withoutBall(c);
  const eps = c.eps;
  const ball = ballFeatures(c);
  const d = Math.max(1, ball.length);
  const theta = linf ? P.gamma / (d * d) : P.gamma / (Math.sqrt(d) * d);
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const distance = new Float64Array(n).fill(Infinity);
  const distanceAbs = new Float64Array(n).fill(Infinity);

  const act: number[] = [];
  for (let p = 0; p < n; p++) if (input.active[p]) act.push(p);
  const m = act.length;
  if (m === 0) return { xAdv, success, queries: 0, progressed, distance, distanceAbs };
  // the whole budget of every point, before the clean pass
  input.progress?.({ done: 0, remainingQueries: m * P.budget });
  const pts = Int32Array.from(act);
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const g: Rng[] = act.map((p) => blackboxRng(input, P.name, p));
  const used = new Float64Array(m);
  const zc = await input.oracle.logits(x0, pts);
  for (let q = 0; q < m; q++) used[q]++;
  const live = new Uint8Array(m);
  const best = x0.slice();
  const bestDist = new Float64Array(m).fill(Infinity);
  for (let q = 0; q < m; q++) {
    if (misclassified(zc, q, C, y[q])) { best.set(x0.subarray(q * D, q * D + D), q * D); bestDist[q] = 0; } else live[q] = 1;
  }

  /** Decisions (misclassified?) for candidate rows of points `qs` ([qs.length, D]), batched in chunks. */
  const decide = async (xs: Float32Array, qs: Int32Array): Promise<Uint8Array> => {
    input.checkBudget?.();
    const out = new Uint8Array(qs.length);
    const CH = Math.max(1, Math.floor(262144 / Math.max(1, D)));
    for (let s = 0; s < qs.length; s += CH) {
      const e = Math.min(qs.length, s + CH);
      const sub = qs.subarray(s, e);
      const ids = new Int32Array(sub.length);
      for (let r = 0; r < sub.length; r++) ids[r] = pts[sub[r]];
      const z = await input.oracle.logits(xs.subarray(s * D, e * D), ids);
      for (let r = 0; r < sub.length; r++) {
        const q = sub[r];
        used[q]++;
        if (!progressed[pts[q]] && rowsDiffer(z, r, zc, q, C)) progressed[pts[q]] = 1;
        out[s + r] = misclassified(z, r, C, y[q]) ? 1 : 0;
      }
    }
    if (input.progress) {
      // success is decided at the end: no broken count yet; the budget not yet spent bounds what is left
      let left = 0;
      for (let q = 0; q < m; q++) left += Math.max(0, P.budget - used[q]);
      input.progress({ done: 0, remainingQueries: left });
    }
    return out;
  };
  const left = (q: number): number => P.budget - 1 - used[q]; // one query kept for the final re-evaluation
  const dist = (x: Float32Array, xo: number, q: number): number => scaledDistance(c, x, xo, x0, q * D);
  const keepBest = (x: Float32Array, xo: number, q: number): void => {
    const dd = dist(x, xo, q);
    if (dd < bestDist[q]) { bestDist[q] = dd; best.set(x.subarray(xo, xo + D), q * D); }
  };

  // ---- initialisation: misclassified noise, then blend search
  const noise = new Float32Array(m * D);
  const found = new Uint8Array(m);
  for (let k = 0; k < P.initTries; k++) {
    const qs = [...range(m)].filter((q) => live[q] && !found[q] && left(q) > 0);
    if (qs.length === 0) break;
    const xs = new Float32Array(qs.length * D);
    qs.forEach((q, r) => randomPoint(c, x0, q * D, xs, r * D, 2 ** k, g[q]));
    const rows = Int32Array.from(qs);
    free.project(xs, x0, qs.length, rows);
    const dec = await decide(xs, rows);
    qs.forEach((q, r) => { if (dec[r]) { found[q] = 1; noise.set(xs.subarray(r * D, r * D + D), q * D); } });
  }
  for (let q = 0; q < m; q++) if (live[q] && !found[q]) live[q] = 0; // no adversarial point found: not broken
  const perturbed = new Float32Array(m * D);
  {
    const lo = new Float64Array(m), hi = new Float64Array(m).fill(1);
    for (;;) {
      const qs = [...range(m)].filter((q) => live[q] && hi[q] - lo[q] > 0.001 && left(q) > 0);
      if (qs.length === 0) break;
      const xs = new Float32Array(qs.length * D);
      qs.forEach((q, r) => blend(x0, q * D, noise, q * D, (lo[q] + hi[q]) / 2, xs, r * D, D));
      const rows = Int32Array.from(qs);
      free.project(xs, x0, qs.length, rows);
      const dec = await decide(xs, rows);
      qs.forEach((q, r) => { const mid = (lo[q] + hi[q]) / 2; if (dec[r]) hi[q] = mid; else lo[q] = mid; });
    }
    const cur = perturbed;
    for (let q = 0; q < m; q++) {
      if (!live[q]) continue;
      blend(x0, q * D, noise, q * D, hi[q], cur, q * D, D);
    }
    // the blend at `hi` was evaluated adversarial except when hi stayed 1 (the noise itself)
    const all = Int32Array.from([...range(m)].filter((q) => live[q]));
    const tmp = gatherRows(cur, D, all);
    free.project(tmp, x0, all.length, all);
    all.forEach((q, r) => cur.set(tmp.subarray(r * D, r * D + D), q * D));
  }

  // ---- boundary binary search (batched over the points in `qs`), returns the new boundary points in place
  const boundarySearch = async (qs: number[], xs: Float32Array): Promise<Float64Array> => {
    // xs: rows of `perturbed` for qs ([qs.length, D]); returns dist_post_update per row
    const k = qs.length;
    const distPost = new Float64Array(k);
    const lo = new Float64Array(k), hi = new Float64Array(k), thr = new Float64Array(k);
    for (let r = 0; r < k; r++) {
      distPost[r] = dist(xs, r * D, qs[r]);
      if (linf) { hi[r] = distPost[r]; thr[r] = Math.min(distPost[r] * theta, theta); } else { hi[r] = 1; thr[r] = theta; }
    }
    const proj = (r: number, a: number, out: Float32Array, oo: number): void => {
      const q = qs[r];
      if (linf) {
        for (let i = 0; i < D; i++) {
          const c0 = x0[q * D + i], v = xs[r * D + i], e = a * eps[i];
          out[oo + i] = c.inOneHot[i] || !c.mutable[i] ? v : Math.min(Math.max(v, c0 - e), c0 + e);
        }
      } else blend(x0, q * D, xs, r * D, a, out, oo, D);
    };
    for (;;) {
      const rs: number[] = [];
      for (let r = 0; r < k; r++) if ((hi[r] - lo[r]) / thr[r] > 1 && left(qs[r]) > 0 && thr[r] > 0) rs.push(r);
      if (rs.length === 0) break;
      const cand = new Float32Array(rs.length * D);
      rs.forEach((r, j) => proj(r, (hi[r] + lo[r]) / 2, cand, j * D));
      const rows = Int32Array.from(rs.map((r) => qs[r]));
      free.project(cand, x0, rs.length, rows);
      const dec = await decide(cand, rows);
      rs.forEach((r, j) => { const mid = (hi[r] + lo[r]) / 2; if (dec[j]) hi[r] = mid; else lo[r] = mid; });
    }
    const out = new Float32Array(k * D);
    for (let r = 0; r < k; r++) proj(r, hi[r], out, r * D);
    free.project(out, x0, k, Int32Array.from(qs));
    xs.set(out);
    return distPost;
  };

  let qsLive = [...range(m)].filter((q) => live[q]);
  let xsLive = gatherRows(perturbed, D, qsLive);
  let distPost = await boundarySearch(qsLive, xsLive);
  qsLive.forEach((q, r) => keepBest(xsLive, r * D, q));

  // the first δ: 0.1 × the input range (mean over ball features, in ε units) when all ball features are bounded
  let range01 = 0;
  let bounded = true;
  for (const i of ball) {
    const r = (c.hi[i] - c.lo[i]) / eps[i];
    if (!Number.isFinite(r)) bounded = false; else range01 += r;
  }
  range01 = bounded && ball.length > 0 ? range01 / ball.length : NaN;

  for (let t = 1; ; t++) {
    const keep: number[] = [];
    qsLive.forEach((q, r) => {
      if (left(q) < 3 || (P.earlyStop && bestDist[q] <= 1)) return;
      keep.push(r);
    });
    if (keep.length === 0) break;
    qsLive = keep.map((r) => qsLive[r]);
    xsLive = gatherRows(xsLive, D, keep);
    distPost = Float64Array.from(keep, (r) => distPost[r]);
    const k = qsLive.length;
    const nEvals = Math.min(Math.floor(P.initEvals * Math.sqrt(t)), P.maxEvals);
    // gradient-direction estimates, chunked over points
    const update = new Float64Array(k * D);
    const deltas = new Float64Array(k);
    // points per chunk: about 2^20 floats of candidates at a time (at least one point)
    const CH = Math.max(1, Math.floor(Math.max(nEvals, Math.floor(1048576 / Math.max(1, D))) / Math.max(1, nEvals)));
    for (let s = 0; s < k; s += CH) {
      const e = Math.min(k, s + CH);
      const counts: number[] = [];
      let total = 0;
      for (let r = s; r < e; r++) { const cnt = Math.max(0, Math.min(nEvals, left(qsLive[r]) - 2)); counts.push(cnt); total += cnt; }
      const cand = new Float32Array(total * D);
      const rvs = new Float64Array(D);
      const rows = new Int32Array(total);
      let o = 0;
      for (let r = s; r < e; r++) {
        const q = qsLive[r];
        const delta = t === 1 ? (Number.isFinite(range01) ? 0.1 * range01 : 0.1 * Math.max(distPost[r], 1e-6)) : (linf ? d * theta * distPost[r] : Math.sqrt(d) * theta * distPost[r]);
        for (let j = 0; j < counts[r - s]; j++, o++) {
          rows[o] = q;
          let nn = 0;
          for (const i of ball) { const v = linf ? 2 * g[q].next() - 1 : g[q].normal(); rvs[i] = v; nn += v * v; }
          nn = Math.sqrt(nn) || 1;
          for (const i of ball) cand[o * D + i] = xsLive[r * D + i] + delta * eps[i] * (rvs[i] / nn);
          for (let i = 0; i < D; i++) if (!(c.mutable[i] && !c.inOneHot[i])) cand[o * D + i] = xsLive[r * D + i];
        }
        deltas[r] = delta;
      }
      free.project(cand, x0, total, rows);
      const dec = total > 0 ? await decide(cand, rows) : new Uint8Array(0);
      o = 0;
      for (let r = s; r < e; r++) {
        const cnt = counts[r - s];
        if (cnt === 0) { o += cnt; continue; }
        let mean = 0;
        for (let j = 0; j < cnt; j++) mean += 2 * dec[o + j] - 1;
        mean /= cnt;
        const grad = new Float64Array(D);
        for (let j = 0; j < cnt; j++) {
          const f = mean === 1 || mean === -1 ? mean : 2 * dec[o + j] - 1 - mean;
          for (const i of ball) grad[i] += (f * (cand[(o + j) * D + i] - xsLive[r * D + i])) / (deltas[r] * eps[i]);
        }
        o += cnt;
        let gn = 0;
        for (const i of ball) gn += grad[i] * grad[i];
        gn = Math.sqrt(gn) || 1;
        for (const i of ball) update[r * D + i] = linf ? Math.sign(grad[i]) : grad[i] / gn;
      }
    }
    // geometric step-size search
    const xi = new Float64Array(k);
    const settled = new Uint8Array(k);
    for (let r = 0; r < k; r++) xi[r] = dist(xsLive, r * D, qsLive[r]) / Math.sqrt(t);
    const next = xsLive.slice();
    for (let halving = 0; halving < 40; halving++) {
      const rs: number[] = [];
      for (let r = 0; r < k; r++) if (!settled[r] && left(qsLive[r]) > 1) rs.push(r);
      if (rs.length === 0) break;
      const cand = new Float32Array(rs.length * D);
      rs.forEach((r, j) => {
        for (let i = 0; i < D; i++) cand[j * D + i] = xsLive[r * D + i] + xi[r] * eps[i] * update[r * D + i];
      });
      const rows = Int32Array.from(rs.map((r) => qsLive[r]));
      free.project(cand, x0, rs.length, rows);
      const dec = await decide(cand, rows);
      rs.forEach((r, j) => {
        if (dec[j]) { settled[r] = 1; next.set(cand.subarray(j * D, j * D + D), r * D); } else xi[r] /= 2;
      });
    }
    xsLive = next;
    distPost = await boundarySearch(qsLive, xsLive);
    qsLive.forEach((q, r) => keepBest(xsLive, r * D, q));
  }

  // ---- final: project the best adversarial point on the full constraints and re-evaluate it
  const cand: number[] = [];
  for (let q = 0; q < m; q++) if (Number.isFinite(bestDist[q])) cand.push(q);
  if (cand.length > 0) {
    const rows = Int32Array.from(cand);
    const xs = gatherRows(best, D, rows);
    c.project(xs, x0, cand.length, rows);
    const ids = Int32Array.from(cand, (q) => pts[q]);
    const z = await input.oracle.logits(xs, ids);
    cand.forEach((q, r) => {
      const p = pts[q];
      distance[p] = bestDist[q];
      distanceAbs[p] = c.perturbation(best, q * D, x0, q * D).abs;
      if (misclassified(z, r, C, y[q]) && c.feasible(xs, r * D, x0, q * D)) {
        success[p] = 1;
        xAdv.set(xs.subarray(r * D, r * D + D), p * D);
      }
    });
  }
  if (input.progress) {
    let broken = 0;
    for (let q = 0; q < m; q++) broken += success[pts[q]];
    input.progress({ done: m, broken, remainingQueries: 0 });
  }
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed, distance, distanceAbs };
}

function* range(n: number): Generator<number> { for (let i = 0; i < n; i++) yield i; }

function blend(a: Float32Array, ao: number, b: Float32Array, bo: number, t: number, out: Float32Array, oo: number, D: number): void {
  for (let i = 0; i < D; i++) out[oo + i] = (1 - t) * a[ao + i] + t * b[bo + i];
}

/** A random point: uniform within the bounds, or within ±scale·ε around x0 where a bound is missing. */
function randomPoint(c: Constraints, x0: Float32Array, co: number, out: Float32Array, oo: number, scale: number, g: Rng): void {
  for (let i = 0; i < c.D; i++) {
    const v0 = x0[co + i];
    if (!c.mutable[i]) { out[oo + i] = v0; continue; }
    if (c.inOneHot[i]) { out[oo + i] = g.next(); continue; }
    const lo = Number.isFinite(c.lo[i]) ? c.lo[i] : v0 - scale * c.eps[i];
    const hi = Number.isFinite(c.hi[i]) ? c.hi[i] : v0 + scale * c.eps[i];
    out[oo + i] = lo + (hi - lo) * g.next();
  }
}
