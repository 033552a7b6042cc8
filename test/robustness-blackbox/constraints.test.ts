/** Tree attack and HopSkipJump under the tabular threat model: every evaluated candidate and every success checked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { makeTreeAttack, treeSplits } from '../../src/gates/robustness/blackbox/tree.ts';
import { makeHsja } from '../../src/gates/robustness/blackbox/hsja.ts';
import { rng } from '../../src/util/random.ts';
import type { AttackInput } from '../../src/gates/robustness/types.ts';
import { FIX, argmax, checkFeasible, recheck, recordingOracle, sessionModel } from './helpers.ts';

const D = 16, N = 40;
const bytes = readFileSync(FIX + 'trees-16d.onnx');

async function setup(norm: 'linf' | 'l2') {
  const m = await sessionModel(bytes, [D], { classes: 3, output: 'scores' });
  const g = rng(31, 'trees16-constraints');
  const x0 = new Float32Array(N * D);
  for (let p = 0; p < N; p++) {
    for (let i = 0; i < D; i++) x0[p * D + i] = Math.fround(g.next());
    x0[p * D + 3] = g.int(2); // integer feature: 0 or 1
    x0[p * D + 5] = Math.fround(0.7 * g.next()); // inside its bound [0, 0.7]
  }
  const labels = argmax(await m.forward(x0, N), 3);
  const mutable = new Uint8Array(D).fill(1);
  mutable[0] = 0; mutable[7] = 0; // immutable
  const integer = new Uint8Array(D);
  integer[3] = 1;
  const eps = new Float64Array(D).fill(norm === 'linf' ? 0.15 : 0.4);
  eps[3] = 1;
  const c = makeConstraints({ D, norm, eps, mutable, integer, lo: 0, hi: Float64Array.from({ length: D }, (_, i) => (i === 5 ? 0.7 : 1)) });
  return { m, x0, labels, c };
}

for (const norm of ['linf', 'l2'] as const) {
  test(`tree attack (${norm}) respects immutables, integers and bounds on every candidate`, async () => {
    const { m, x0, labels, c } = await setup(norm);
    let checked = 0;
    const oracle = recordingOracle(m.oracle(), D, (x, pts) => { for (let r = 0; r < pts.length; r++) { checkFeasible(c, x, r * D, x0, pts[r] * D, `candidate of ${pts[r]}`); checked++; } });
    const input: AttackInput = { x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0, constraints: c, oracle };
    const res = await makeTreeAttack({ splits: treeSplits(bytes, D), queries: 1500 }).run(input);
    const ok = await recheck(input, res.xAdv, res.success, m.forward, 3);
    console.log(`tree ${norm} with constraints: ${ok}/${N} broken, ${checked} candidates checked`);
    assert.ok(ok >= 5);
    for (let p = 0; p < N; p++) if (res.success[p]) assert.ok(res.distance[p] <= 1 + 1e-6);
  });
}

test('HopSkipJump keeps immutables, integers and bounds on every candidate; successes are inside the ball', async () => {
  const { m, x0, labels, c } = await setup('l2');
  let checked = 0;
  const big = Float64Array.from(c.eps, (e) => e * 1e6);
  const oracle = recordingOracle(m.oracle(), D, (x, pts) => { for (let r = 0; r < pts.length; r++) { checkFeasible(c, x, r * D, x0, pts[r] * D, `candidate of ${pts[r]}`, big); checked++; } });
  const input: AttackInput = { x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0, constraints: c, oracle };
  const res = await makeHsja({ queries: 800 }).run(input);
  const ok = await recheck(input, res.xAdv, res.success, m.forward, 3);
  console.log(`hsja l2 with constraints: ${ok}/${N} broken, ${checked} candidates checked`);
  assert.ok(checked > N * 100);
  for (let p = 0; p < N; p++) if (res.success[p]) assert.ok(c.feasible(res.xAdv, p * D, x0, p * D));
});
