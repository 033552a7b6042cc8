/**
 * PGD (Madry et al. 2018) and FGSM (Goodfellow et al. 2015) on the cross-entropy loss.
 * PGD: per restart a uniform random start in the ball (linf: U[-ε,ε]^d; l2: uniform in the ball), `steps` steps of
 * size 2.5·ε/steps (linf: sign of the gradient; l2: normalised gradient; per-feature ε in u = δ/ε), each followed
 * by the projection; a point is broken as soon as the start or any iterate of any restart is misclassified.
 * FGSM: one step of size ε from the clean point (l2: the normalised gradient, i.e. FGM).
 */
import type { Attack, AttackInput, AttackResult } from '../types.ts';
import { argmaxRow } from '../../../model/scores.ts';
import { ascentDirection, gatherRows, needGradient, pointRng, randomStart } from './common.ts';

export interface PgdOptions {
  steps?: number;
  restarts?: number;
  /** Step as a multiple of ε (default 2.5 / steps). */
  stepSize?: number;
}

export function pgd(opts: PgdOptions = {}): Attack {
  const steps = opts.steps ?? 50;
  const restarts = opts.restarts ?? 10;
  const rel = opts.stepSize ?? 2.5 / steps;
  return {
    name: 'pgd',
    method: 'white-box',
    parameters: { loss: 'ce', steps, restarts, step: `${rel}·eps`, random_start: true },
    needsGradient: true,
    run: (input) => descend(input, 'pgd', steps, restarts, rel, true),
  };
}

export function fgsm(): Attack {
  return {
    name: 'fgsm',
    method: 'white-box',
    parameters: { loss: 'ce', steps: 1, step: 'eps', random_start: false },
    needsGradient: true,
    run: (input) => descend(input, 'fgsm', 1, 1, 1, false),
  };
}

async function descend(
  input: AttackInput, name: string, steps: number, restarts: number, rel: number, start: boolean,
): Promise<AttackResult> {
  const { n, constraints: c } = input;
  const D = c.D;
  const C = input.oracle.classes;
  const lossAndGrad = needGradient(input, name);
  const q0 = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const dir = new Float64Array(D);
  let nActive = 0;
  for (let p = 0; p < n; p++) nActive += input.active[p];
  // Progress: a restart costs a point at most steps + 1 evaluations.
  const tick = input.progress && ((live: number, r: number, evalsLeft: number) => {
    let broken = 0;
    for (let p = 0; p < n; p++) broken += input.active[p] & success[p];
    const last = live === 0 || (evalsLeft === 0 && r === restarts - 1);
    input.progress!({ done: last ? nActive : broken, broken, remainingQueries: live * (evalsLeft + (restarts - r - 1) * (steps + 1)) });
  });
  tick?.(nActive, 0, steps + 1);
  for (let r = 0; r < restarts; r++) {
    let pts = Int32Array.from({ length: n }, (_, p) => p).filter((p) => input.active[p] && !success[p]);
    if (pts.length === 0) break;
    const x = gatherRows(input.x0, D, pts);
    if (start) {
      for (let q = 0; q < pts.length; q++) randomStart(c, 'uniform-ball', input.x0, pts[q], x, q, pointRng(input, `${name}:r${r}`, pts[q]));
      c.project(x, input.x0, pts.length, pts);
    }
    // pos[q] = row of x holding point pts[q]
    let rows = Int32Array.from({ length: pts.length }, (_, q) => q);
    for (let s = 0; s <= steps; s++) {
      input.checkBudget?.();
      const xb = gatherRows(x, D, rows);
      const yb = new Int32Array(rows.length);
      for (let q = 0; q < rows.length; q++) yb[q] = input.labels[pts[q]];
      const res = s < steps
        ? await lossAndGrad(xb, pts, yb, 'ce')
        : { logits: await input.oracle.logits(xb, pts), grad: new Float32Array(0), loss: new Float32Array(0) };
      const keep: number[] = [];
      for (let q = 0; q < rows.length; q++) {
        const row = rows[q];
        if (argmaxRow(res.logits, q * C, C) !== yb[q]) {
          success[pts[q]] = 1;
          xAdv.set(x.subarray(row * D, row * D + D), pts[q] * D);
          continue;
        }
        keep.push(q);
        if (s === steps) continue;
        ascentDirection(c, res.grad, q, dir);
        const o = row * D;
        for (let j = 0; j < D; j++) x[o + j] += rel * dir[j];
        c.project(x.subarray(o, o + D), input.x0, 1, Int32Array.of(pts[q]));
      }
      pts = Int32Array.from(keep, (q) => pts[q]);
      rows = Int32Array.from(keep, (q) => rows[q]);
      tick?.(pts.length, r, steps - s);
      if (pts.length === 0) break;
    }
  }
  tick?.(0, restarts - 1, 0);
  return { xAdv, success, queries: input.oracle.queries - q0 };
}
