/**
 * Attacks against closed forms and invariants:
 * - on a linear model z = Wx + b (no bounds), the smallest perturbation that changes the prediction of x from y is
 *   min_{j≠y} (z_y − z_j) / ‖w_y − w_j‖_q, with q = 1 for linf (dual norm) and q = 2 for l2. A point is breakable
 *   at eps iff that is < eps; the attacks must break exactly those (points within ±3% of eps are left out);
 * - every claimed success is re-checked: inside the ball and bounds, and misclassified by a plain forward pass;
 * - the projection keeps every row exactly inside the ball in float32 arithmetic (max_perturbation ≤ eps·(1+1e-6));
 * - results are deterministic and do not depend on which other points share the batch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apgd } from '../../src/gates/robustness/attacks/apgd.ts';
import { fgsm, pgd } from '../../src/gates/robustness/attacks/pgd.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import type { Attack, Constraints, Norm } from '../../src/gates/robustness/types.ts';
import { rng } from '../../src/util/random.ts';
import { linear } from './models.ts';
import { loadModel, type LoadedModel } from './helpers.ts';

interface LinearCase { W: number[][]; b: number[]; x0: Float32Array; n: number; D: number; y: Int32Array }

function linearCase(seed: number, C: number, D: number, n: number): LinearCase {
  const R = rng(seed, 'linear');
  const W = Array.from({ length: C }, () => Array.from({ length: D }, () => Math.fround(R.normal())));
  const b = Array.from({ length: C }, () => Math.fround(R.normal() * 0.3));
  const x0 = Float32Array.from({ length: n * D }, () => R.normal() * 0.8);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = argmax(scores(W, b, x0, i, D));
  return { W, b, x0, n, D, y };
}

function scores(W: number[][], b: number[], x: Float32Array, i: number, D: number): number[] {
  return W.map((w, j) => w.reduce((a, v, k) => a + v * x[i * D + k], b[j]));
}
function argmax(v: number[]): number {
  let k = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[k]) k = j;
  return k;
}

function minimalPerturbation(c: LinearCase, i: number, norm: Norm): number {
  const z = scores(c.W, c.b, c.x0, i, c.D);
  const y = c.y[i];
  let best = Infinity;
  for (let j = 0; j < c.W.length; j++) {
    if (j === y) continue;
    const diff = c.W[y].map((v, k) => v - c.W[j][k]);
    const dual = norm === 'linf' ? diff.reduce((a, v) => a + Math.abs(v), 0) : Math.sqrt(diff.reduce((a, v) => a + v * v, 0));
    best = Math.min(best, (z[y] - z[j]) / dual);
  }
  return best;
}

async function runAttacks(m: LoadedModel, c: LinearCase, cons: Constraints, attacks: Attack[], seed = 0, active?: Uint8Array) {
  const oracle = m.oracle(c.x0);
  const act = active ? active.slice() : new Uint8Array(c.n).fill(1);
  const broken = new Uint8Array(c.n);
  const xAdv = c.x0.slice();
  for (const a of attacks) {
    const cur = Uint8Array.from(act, (v, i) => (v && !broken[i] ? 1 : 0));
    const r = await a.run({ x0: c.x0, n: c.n, shape: [c.D], labels: c.y, active: cur, constraints: cons, oracle, ids: Int32Array.from({ length: c.n }, (_, i) => i), seed });
    for (let i = 0; i < c.n; i++) if (cur[i] && r.success[i]) { broken[i] = 1; xAdv.set(r.xAdv.subarray(i * c.D, (i + 1) * c.D), i * c.D); }
  }
  // re-check every success with a plain forward pass and the constraints
  const z = await m.forward(xAdv, c.n);
  const C = c.W.length;
  for (let i = 0; i < c.n; i++) {
    if (!broken[i]) continue;
    assert.ok(cons.feasible(xAdv, i * c.D, c.x0, i * c.D), `point ${i}: adversarial input outside the constraints`);
    const p = cons.perturbation(xAdv, i * c.D, c.x0, i * c.D);
    assert.ok(p.ratio <= 1 + 1e-6, `point ${i}: perturbation ratio ${p.ratio}`);
    assert.notEqual(argmax(Array.from(z.subarray(i * C, (i + 1) * C))), c.y[i], `point ${i}: claimed success is classified correctly`);
  }
  await oracle.release();
  return { broken, xAdv };
}

for (const norm of ['linf', 'l2'] as const) {
  test(`APGD-CE + APGD-T on a 4-class linear model (${norm}) break exactly the points whose minimal perturbation is < eps`, async (t) => {
    const c = linearCase(norm === 'linf' ? 1 : 2, 4, 6, 120);
    const m = await loadModel(linear(c.W, c.b), [c.D]);
    const eps = norm === 'linf' ? 0.25 : 0.5;
    const cons = makeConstraints({ D: c.D, norm, eps });
    const { broken } = await runAttacks(m, c, cons, [apgd({ loss: 'ce' }), apgd({ loss: 'dlr-targeted', targetClasses: 3 })]);
    let checked = 0, breakable = 0;
    for (let i = 0; i < c.n; i++) {
      const d = minimalPerturbation(c, i, norm);
      if (Math.abs(d - eps) < 0.03 * eps) continue;
      checked++;
      if (d < eps) breakable++;
      assert.equal(broken[i] === 1, d < eps, `point ${i}: minimal perturbation ${d.toFixed(4)} vs eps ${eps}, broken=${broken[i]}`);
    }
    t.diagnostic(`${norm}: ${checked} points checked, ${breakable} breakable, all matched`);
    assert.ok(breakable > 10 && checked - breakable > 10, 'the case must have both kinds of points');
  });
}

test('FGSM and APGD-margin are exact on a binary linear model (linf)', async () => {
  const c = linearCase(3, 2, 5, 100);
  const m = await loadModel(linear(c.W, c.b), [c.D]);
  const eps = 0.3;
  const cons = makeConstraints({ D: c.D, norm: 'linf', eps });
  for (const atk of [fgsm(), apgd({ loss: 'margin' }), pgd({ steps: 10, restarts: 1 })]) {
    const { broken } = await runAttacks(m, c, cons, [atk]);
    let checked = 0;
    for (let i = 0; i < c.n; i++) {
      const d = minimalPerturbation(c, i, 'linf');
      if (Math.abs(d - eps) < 0.03 * eps) continue;
      checked++;
      assert.equal(broken[i] === 1, d < eps, `${atk.name} point ${i}: d=${d}`);
    }
    assert.ok(checked > 80);
  }
});

test('bounds, immutable features and per-feature eps are respected by every attack', async () => {
  const c = linearCase(4, 4, 6, 60);
  // pull x0 into [0,1]
  for (let i = 0; i < c.x0.length; i++) c.x0[i] = 1 / (1 + Math.exp(-c.x0[i]));
  for (let i = 0; i < c.n; i++) c.y[i] = argmax(scores(c.W, c.b, c.x0, i, c.D));
  const m = await loadModel(linear(c.W, c.b), [c.D]);
  const mutable = Uint8Array.from([1, 1, 0, 1, 1, 1]);
  const eps = Float64Array.from([0.3, 0.1, 0.5, 0.2, 0.4, 0.05]);
  for (const norm of ['linf', 'l2'] as const) {
    const cons = makeConstraints({ D: c.D, norm, eps, lo: 0, hi: 1, mutable });
    for (const atk of [apgd({ loss: 'ce' }), apgd({ loss: 'dlr' }), pgd({ steps: 20, restarts: 2 }), fgsm()]) {
      const { broken, xAdv } = await runAttacks(m, c, cons, [atk]);
      for (let i = 0; i < c.n; i++) {
        if (!broken[i]) continue;
        assert.equal(xAdv[i * c.D + 2], c.x0[i * c.D + 2], 'immutable feature moved');
        for (let k = 0; k < c.D; k++) assert.ok(xAdv[i * c.D + k] >= 0 && xAdv[i * c.D + k] <= 1);
      }
    }
  }
});

test('projection: float32 rows always inside the ball, bounds, integers and the one-hot budget', () => {
  const R = rng(5, 'proj');
  const D = 9;
  const integer = Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 0]);
  const groups = [Int32Array.from([3, 4, 5]), Int32Array.from([6, 7, 8])];
  for (const norm of ['linf', 'l2'] as const) {
    for (const eps of [1e-3, 0.03, 0.1, 0.7, 2.5]) {
      const cons = makeConstraints({ D, norm, eps, lo: -1, hi: 1, integer, oneHotGroups: groups, maxCategoricalChanges: 1 });
      for (let trial = 0; trial < 300; trial++) {
        const x0 = Float32Array.from({ length: D }, () => Math.fround(R.uniform(-1, 1)));
        x0[2] = 0;
        x0.set([1, 0, 0, 0, 1, 0], 3);
        const x = Float32Array.from(x0, (v) => v + R.normal() * eps * 3);
        cons.project(x, x0, 1);
        assert.ok(cons.feasible(x, 0, x0, 0), `${norm} eps ${eps}: infeasible after projection`);
        const p = cons.perturbation(x, 0, x0, 0);
        assert.ok(p.ratio <= 1 && p.categorical <= 1, `${norm} eps ${eps}: ratio ${p.ratio}, categorical ${p.categorical}`);
        assert.ok(Number.isInteger(x[2]));
      }
    }
  }
});

test('deterministic, and a point\'s result does not depend on the other points in the batch', async () => {
  const c = linearCase(6, 4, 6, 40);
  const m = await loadModel(linear(c.W, c.b), [c.D]);
  const cons = makeConstraints({ D: c.D, norm: 'linf', eps: 0.25 });
  const a = await runAttacks(m, c, cons, [apgd({ loss: 'ce', steps: 20 })], 7);
  const b = await runAttacks(m, c, cons, [apgd({ loss: 'ce', steps: 20 })], 7);
  assert.deepEqual(a.xAdv, b.xAdv);
  const half = Uint8Array.from({ length: c.n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const h = await runAttacks(m, c, cons, [apgd({ loss: 'ce', steps: 20 })], 7, half);
  for (let i = 0; i < c.n; i += 2) {
    assert.equal(h.broken[i], a.broken[i], `point ${i}`);
    for (let k = 0; k < c.D; k++) assert.ok(Math.abs(h.xAdv[i * c.D + k] - a.xAdv[i * c.D + k]) < 1e-5);
  }
});
