/**
 * APGD (Croce & Hein, ICML 2020), following AutoAttack's `autopgd_base.py` (fra31/auto-attack):
 * - start: x0 + ε·t/(‖t‖ + 1e-12), t ~ U[-1,1]^d (linf) or N(0,1)^d (l2), clipped to the bounds;
 * - step size 2ε per point; momentum 0.75 (none on the first step):
 *   z = P(x + η·s(∇)), x' = P(x + 0.75·(z − x) + 0.25·(x − x_prev));
 * - checkpoints after k = max(⌊0.22·N_iter⌋,1) iterations, then k ← max(k − ⌊0.03·N_iter⌋, ⌊0.06·N_iter⌋):
 *   halve η (and restart from the best iterate and its gradient) where the loss rose in at most ρ·k (ρ = 0.75)
 *   of the last k steps, or where η was not halved at the previous checkpoint and the best loss did not improve;
 * - best-loss iterate tracking; a point is broken as soon as any iterate (start included) is misclassified;
 * - restarts and (for APGD-T) the target loop run only on the points not broken yet; APGD-T attacks the classes
 *   ranked 2nd..(n_target+1)th by the clean logits, one after the other.
 * Per-feature ε generalises by working in u = δ/ε (the ball is the unit ball there). Points are independent, so
 * broken points are dropped from the batch (the survivors' trajectories are unchanged).
 */
import type { Attack, AttackInput, AttackResult, LossKind } from '../types.ts';
import { argmaxRow } from '../../../model/scores.ts';
import { ascentDirection, gatherRows, needGradient, pointRng, randomStart } from './common.ts';

export interface ApgdOptions {
  loss: LossKind;
  /** Iterations per run (AutoAttack: 100). */
  steps?: number;
  restarts?: number;
  /** Step-size decrease threshold ρ (0.75). */
  rho?: number;
  /** APGD-T: how many target classes (AutoAttack: 9; capped at classes − 1). */
  targetClasses?: number;
  name?: string;
}

const NAMES: Record<LossKind, string> = { ce: 'apgd-ce', dlr: 'apgd-dlr', 'dlr-targeted': 'apgd-t', margin: 'apgd-margin' };

export function apgd(opts: ApgdOptions): Attack {
  const steps = opts.steps ?? 100;
  const restarts = opts.restarts ?? 1;
  const rho = opts.rho ?? 0.75;
  const name = opts.name ?? NAMES[opts.loss];
  const targeted = opts.loss === 'dlr-targeted';
  const parameters: Record<string, unknown> = { loss: opts.loss, steps, restarts, rho, momentum: 0.75, initial_step: '2·eps' };
  if (targeted) parameters.target_classes = opts.targetClasses ?? 9;
  return {
    name,
    method: 'white-box',
    parameters,
    needsGradient: true,
    async run(input: AttackInput): Promise<AttackResult> {
      const { n, constraints: c } = input;
      const D = c.D;
      const C = input.oracle.classes;
      const startQueries = input.oracle.queries;
      const xAdv = input.x0.slice();
      const success = new Uint8Array(n);
      const nTargets = targeted ? Math.max(1, Math.min(opts.targetClasses ?? 9, C - 1)) : 1;
      // Progress: a run costs a point at most 1 + steps evaluations (+1 for APGD-T's clean logits).
      const runs = nTargets * restarts, perRun = steps + 1 + (targeted ? 1 : 0);
      let run = 0, nActive = 0;
      for (let p = 0; p < n; p++) nActive += input.active[p];
      const tick = input.progress && ((live: number, itersLeft: number) => {
        let broken = 0;
        for (let p = 0; p < n; p++) if (input.active[p]) broken += success[p];
        const last = live === 0 || (itersLeft === 0 && run === runs - 1);
        input.progress!({ done: last ? nActive : broken, broken, remainingQueries: live * (itersLeft + (runs - run - 1) * perRun) });
      });
      // before anything runs: the whole budget of every active point
      tick?.(nActive, perRun);
      for (let t = 0; t < nTargets; t++) {
        for (let r = 0; r < restarts; r++) {
          run = t * restarts + r;
          const pts: number[] = [];
          for (let p = 0; p < n; p++) if (input.active[p] && !success[p]) pts.push(p);
          if (pts.length === 0) break;
          let targets: Int32Array | undefined;
          if (targeted) {
            // the (t+2)-th largest clean logit: torch `sort(dim=1)[1][:, -target_class]`
            const idx = Int32Array.from(pts);
            const z = await input.oracle.logits(gatherRows(input.x0, D, idx), idx);
            targets = new Int32Array(pts.length);
            const order = new Array<number>(C);
            for (let q = 0; q < pts.length; q++) {
              for (let j = 0; j < C; j++) order[j] = j;
              order.sort((a, b) => z[q * C + a] - z[q * C + b] || a - b);
              targets[q] = order[C - (t + 2)];
            }
          }
          const label = targeted ? `${name}:t${t}:r${r}` : `${name}:r${r}`;
          await singleRun(input, Int32Array.from(pts), targets, label, steps, rho, opts.loss, xAdv, success, tick);
        }
      }
      run = runs - 1;
      tick?.(0, 0);
      return { xAdv, success, queries: input.oracle.queries - startQueries };
    },
  };
}

async function singleRun(
  input: AttackInput, pts: Int32Array, targets: Int32Array | undefined, label: string,
  nIter: number, rho: number, loss: LossKind, xOut: Float32Array, success: Uint8Array,
  tick?: (live: number, itersLeft: number) => void,
): Promise<void> {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const m = pts.length;
  const lossAndGrad = needGradient(input, 'APGD');
  const x0 = gatherRows(input.x0, D, pts);
  const y = new Int32Array(m);
  for (let q = 0; q < m; q++) y[q] = input.labels[pts[q]];
  const x = new Float32Array(m * D);
  for (let q = 0; q < m; q++) randomStart(c, 'autoattack', x0, q, x, q, pointRng(input, label, pts[q]));
  c.project(x, x0, m);

  const nIter2 = Math.max(Math.floor(0.22 * nIter), 1);
  const nIterMin = Math.max(Math.floor(0.06 * nIter), 1);
  const sizeDecr = Math.max(Math.floor(0.03 * nIter), 1);

  const grad = new Float32Array(m * D);
  const xBest = new Float32Array(m * D);
  const gradBest = new Float32Array(m * D);
  const xOld = new Float32Array(m * D);
  const lossBest = new Float64Array(m);
  const lossSteps = new Float64Array(nIter * m);
  const stepSize = new Float64Array(m).fill(2);
  const broken = new Uint8Array(m);
  const lossBestLastCheck = new Float64Array(m);
  const reducedLastCheck = new Uint8Array(m).fill(1);

  // evaluate rows `rows` (local indices) at x; returns per-row loss
  const evaluate = async (rows: Int32Array): Promise<Float64Array> => {
    const xb = gatherRows(x, D, rows);
    const ids = new Int32Array(rows.length);
    const yb = new Int32Array(rows.length);
    const tb = targets ? new Int32Array(rows.length) : undefined;
    for (let q = 0; q < rows.length; q++) {
      ids[q] = pts[rows[q]];
      yb[q] = y[rows[q]];
      if (tb) tb[q] = targets![rows[q]];
    }
    const res = await lossAndGrad(xb, ids, yb, loss, tb);
    const out = new Float64Array(rows.length);
    for (let q = 0; q < rows.length; q++) {
      const l = rows[q];
      grad.set(res.grad.subarray(q * D, q * D + D), l * D);
      out[q] = res.loss[q];
      if (argmaxRow(res.logits, q * C, C) !== y[l]) {
        broken[l] = 1;
        xOut.set(x.subarray(l * D, l * D + D), pts[l] * D);
        success[pts[l]] = 1;
      }
    }
    return out;
  };

  let running = Int32Array.from({ length: m }, (_, q) => q);
  const live = (): number => running.reduce((k, q) => k + (broken[q] ? 0 : 1), 0);
  const l0 = await evaluate(running);
  tick?.(live(), nIter);
  for (let q = 0; q < m; q++) lossBest[q] = l0[q];
  xBest.set(x);
  gradBest.set(grad);
  xOld.set(x);
  lossBestLastCheck.set(lossBest);

  let k = nIter2;
  let counter3 = 0;
  const dir = new Float64Array(D);
  const z = new Float32Array(D);
  for (let i = 0; i < nIter; i++) {
    input.checkBudget?.();
    running = running.filter((q) => !broken[q]);
    if (running.length === 0) break;
    const a = i > 0 ? 0.75 : 1.0;
    for (const q of running) {
      const o = q * D;
      ascentDirection(c, grad, q, dir);
      for (let j = 0; j < D; j++) z[j] = x[o + j] + stepSize[q] * dir[j];
      c.project(z, x0.subarray(o, o + D), 1);
      for (let j = 0; j < D; j++) {
        const xi = x[o + j];
        const g2 = xi - xOld[o + j];
        xOld[o + j] = xi;
        z[j] = xi + (z[j] - xi) * a + g2 * (1 - a);
      }
      c.project(z, x0.subarray(o, o + D), 1);
      x.set(z, o);
    }
    const li = await evaluate(running);
    tick?.(live(), nIter - i - 1);
    for (let r = 0; r < running.length; r++) {
      const q = running[r];
      const v = li[r];
      lossSteps[i * m + q] = v;
      if (v > lossBest[q]) {
        xBest.set(x.subarray(q * D, q * D + D), q * D);
        gradBest.set(grad.subarray(q * D, q * D + D), q * D);
        lossBest[q] = v;
      }
    }
    counter3++;
    if (counter3 === k) {
      for (const q of running) {
        if (broken[q]) continue;
        let t = 0;
        for (let cc = 0; cc < k; cc++) {
          const cur = lossSteps[(i - cc) * m + q];
          // torch's loss_steps[-1] is the (still zero) last row
          const prev = i - cc - 1 >= 0 ? lossSteps[(i - cc - 1) * m + q] : 0;
          if (cur > prev) t++;
        }
        const osc = t <= k * rho;
        const noImpr = !reducedLastCheck[q] && lossBestLastCheck[q] >= lossBest[q];
        const fl = osc || noImpr;
        reducedLastCheck[q] = fl ? 1 : 0;
        lossBestLastCheck[q] = lossBest[q];
        if (fl) {
          stepSize[q] /= 2;
          x.set(xBest.subarray(q * D, q * D + D), q * D);
          grad.set(gradBest.subarray(q * D, q * D + D), q * D);
        }
      }
      k = Math.max(k - sizeDecr, nIterMin);
      counter3 = 0;
    }
  }
}
