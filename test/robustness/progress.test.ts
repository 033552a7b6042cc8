/**
 * What the attacks report while they run (AttackInput.progress), on real ONNX models (a 4-class linear model, the
 * trees-2d ensemble): the last report is every active point done with the attack's own success count; done and
 * broken never go back; and `remainingQueries` is a true bound: the queries the attack still used after a report
 * never exceed what it said was left. In chunks (runInChunks) the same, summed over the chunks. Progress changes no
 * result: the adversarial points and successes are those of a run without it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apgd } from '../../src/gates/robustness/attacks/apgd.ts';
import { fgsm, pgd } from '../../src/gates/robustness/attacks/pgd.ts';
import { makeSquare } from '../../src/gates/robustness/blackbox/square.ts';
import { makeHsja } from '../../src/gates/robustness/blackbox/hsja.ts';
import { makeTreeAttack, treeSplits } from '../../src/gates/robustness/blackbox/tree.ts';
import { runInChunks } from '../../src/gates/robustness/chunks.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import type { Attack, AttackInput, AttackProgress, ModelOracle } from '../../src/gates/robustness/types.ts';
import { rng } from '../../src/util/random.ts';
import { linear } from './models.ts';
import { loadModel } from './helpers.ts';
import { FIX, argmax as argmaxRows, sessionModel } from '../robustness-blackbox/helpers.ts';

const C = 4, D = 6, N = 40;

function linearCase() {
  const R = rng(11, 'progress-linear');
  const W = Array.from({ length: C }, () => Array.from({ length: D }, () => Math.fround(R.normal())));
  const b = Array.from({ length: C }, () => Math.fround(R.normal() * 0.3));
  const x0 = Float32Array.from({ length: N * D }, () => R.normal() * 0.8);
  const y = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const z = W.map((w, j) => w.reduce((a, v, k) => a + v * x0[i * D + k], b[j]));
    y[i] = z.indexOf(Math.max(...z));
  }
  return { W, b, x0, y };
}

interface Seen { p: AttackProgress; queries: number }

async function attackWith(atk: Attack, base: Omit<AttackInput, 'oracle' | 'progress'>, oracle: ModelOracle, perCall: number, watch: boolean) {
  const seen: Seen[] = [];
  const q0 = oracle.queries;
  const res = await runInChunks(atk, { ...base, oracle, ...(watch ? { progress: (p: AttackProgress) => seen.push({ p, queries: oracle.queries - q0 }) } : {}) }, perCall);
  return { res, seen, used: oracle.queries - q0 };
}

function checkReports(what: string, seen: Seen[], used: number, nActive: number, claimed: number, decidesAtEnd: boolean): void {
  assert.ok(seen.length >= 2, `${what}: reports while it runs (${seen.length})`);
  // the first report: nothing used yet, the whole budget left
  assert.equal(seen[0].queries, 0, `${what}: first report before any query`);
  const last = seen[seen.length - 1].p;
  assert.equal(last.done, nActive, `${what}: every active point done at the end`);
  assert.equal(last.broken, claimed, `${what}: broken = the successes it returns`);
  assert.equal(last.remainingQueries, 0, `${what}: nothing left at the end`);
  for (let k = 0; k < seen.length; k++) {
    const { p, queries } = seen[k];
    assert.ok(used - queries <= p.remainingQueries, `${what} report ${k}: ${used - queries} queries used after it, ${p.remainingQueries} said left`);
    assert.ok(p.done <= nActive && (p.broken ?? 0) <= p.done, `${what} report ${k}: done ${p.done}, broken ${p.broken}`);
    if (decidesAtEnd && k < seen.length - 1 && p.done === 0) assert.equal(p.broken, undefined, `${what}: no broken count before the end`);
    if (k > 0) {
      assert.ok(p.done >= seen[k - 1].p.done, `${what}: done goes back at report ${k}`);
      if (p.broken !== undefined && seen[k - 1].p.broken !== undefined) assert.ok(p.broken >= seen[k - 1].p.broken!, `${what}: broken goes back`);
    }
  }
}

test('white-box and score/decision-based attacks on a linear model: done, broken and the remaining-query bound', async () => {
  const c = linearCase();
  const m = await loadModel(linear(c.W, c.b), [D]);
  const active = new Uint8Array(N).fill(1);
  for (let i = 0; i < N; i += 5) active[i] = 0; // some points not attacked (as after an earlier attack)
  const nActive = active.reduce((a, v) => a + v, 0);
  const base = { x0: c.x0, n: N, shape: [D], labels: c.y, active, constraints: makeConstraints({ D, norm: 'linf', eps: 0.2 }), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0 };
  const attacks: [Attack, boolean, boolean][] = [
    [apgd({ loss: 'ce', steps: 20 }), true, false],
    [apgd({ loss: 'dlr-targeted', steps: 10, targetClasses: 3, restarts: 2 }), true, false],
    [pgd({ steps: 8, restarts: 3 }), true, false],
    [fgsm(), true, false],
    [makeSquare({ queries: 150 }), false, false],
    [makeHsja({ queries: 120 }) as Attack, false, true],
  ];
  for (const [atk, white, atEnd] of attacks) {
    const oracle = () => (white ? m.oracle(c.x0) : m.forwardOnly(c.x0));
    for (const perCall of [N, 7]) {
      const what = `${atk.name} (${perCall === N ? 'one call' : 'chunks of 7'})`;
      const o1 = oracle(), o2 = oracle();
      const plain = await attackWith(atk, base, o1, perCall, false);
      const watched = await attackWith(atk, base, o2, perCall, true);
      await o1.release(); await o2.release();
      assert.deepEqual(watched.res.success, plain.res.success, `${what}: progress changes no success`);
      assert.deepEqual(watched.res.xAdv, plain.res.xAdv, `${what}: progress changes no adversarial point`);
      assert.equal(watched.used, plain.used);
      let claimed = 0;
      for (let i = 0; i < N; i++) claimed += active[i] & watched.res.success[i];
      checkReports(what, watched.seen, watched.used, nActive, claimed, atEnd);
    }
  }
});

test('the tree attack (trees-2d ensemble): one point after the other, the same bound', async () => {
  const bytes = readFileSync(FIX + 'trees-2d.onnx');
  const m = await sessionModel(bytes, [2], { classes: 3, output: 'scores' });
  const g = rng(5, 'progress-tree');
  const n = 30;
  const x0 = Float32Array.from({ length: 2 * n }, () => Math.fround(g.next()));
  const labels = argmaxRows(await m.forward(x0, n), 3);
  const base = { x0, n, shape: [2], labels, active: new Uint8Array(n).fill(1), constraints: makeConstraints({ D: 2, norm: 'linf', eps: 0.05, lo: 0, hi: 1 }), ids: Int32Array.from({ length: n }, (_, i) => i), seed: 0 };
  const atk = makeTreeAttack({ splits: treeSplits(bytes, 2), queries: 300 }) as Attack;
  for (const perCall of [n, 4]) {
    const w = await attackWith(atk, base, m.oracle(), perCall, true);
    const claimed = w.res.success.reduce((a, v) => a + v, 0);
    checkReports(`tree (per call ${perCall})`, w.seen, w.used, n, claimed, false);
    // per call: one report per point plus the final one (30 points in calls of 4: 8 calls)
    assert.equal(w.seen.length, n + (perCall === n ? 1 : 8));
  }
});
