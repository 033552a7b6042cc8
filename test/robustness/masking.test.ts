/**
 * AutoAttack's "gradient masking" warning (a black-box attack breaks points that the gradient attacks could not):
 * it must not fire on a plain linear model with a one-hot group, whose gradient is exact and informative, and it
 * must still fire on a model whose gradient really is masked (zero where the scores are about to change).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { robustnessGate } from '../../src/gates/robustness/index.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { ascentDirection } from '../../src/gates/robustness/attacks/common.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { rng } from '../../src/util/random.ts';
import { harness } from './gate-harness.ts';
import { linear } from './models.ts';

type AttackRep = { name: string; method: string; points_broken: number };
const attacksOf = (out: { details: Record<string, unknown> }) => out.details.attacks as AttackRep[];
const masking = (ws: string[] | undefined) => (ws ?? []).filter((w) => /gradient masking/.test(w));

// Features: f0, f1 continuous; 2..4 one-hot category A, B, C. Class 1 margin = 0.1 f0 + 0.1 f1 - A + 0.2 B + 3 C - 0.5:
// A rows (-1.5) and B rows (-0.3) are class 0 and only switching to C flips them; C rows (2.5) flip to A or B.
const W = [[0, 0, 0, 0, 0], [0.1, 0.1, -1, 0.2, 3]];
const B = [0, -0.5];

function data(n: number): Float32Array {
  const R = rng(7, 'onehot');
  const x = new Float32Array(n * 5);
  for (let i = 0; i < n; i++) {
    x[i * 5] = R.next() - 0.5;
    x[i * 5 + 1] = R.next() - 0.5;
    x[i * 5 + 2 + (i < n / 2 ? 0 : i < (3 * n) / 4 ? 1 : 2)] = 1;
  }
  return x;
}

for (const norm of ['linf', 'l2'] as const) {
  test(`a linear model with a one-hot group (${norm}): the gradient attacks find the category change, no gradient-masking warning`, async () => {
    const n = 24;
    const h = await harness(linear(W, B), data(n), [5], null, { epsilon: 0.05, norm, labels: 'predicted', 'one-hot': [[2, 3, 4]], queries: 300 });
    const out = await robustnessGate.run(h.ctx);
    assert.equal(out.details.method, 'white-box');
    assert.deepEqual(masking(out.warnings), []);
    // every point needs (and gets) a category change; the gradient attacks find them all, Square has nothing left
    assert.equal((out.metrics as Record<string, number>).prediction_stability, 0);
    const atk = attacksOf(out);
    assert.equal(atk.filter((a) => a.method === 'white-box').reduce((s, a) => s + a.points_broken, 0), n);
    assert.equal(atk.find((a) => a.name === 'square')!.points_broken, 0);
  });
}

test('the steepest category in a one-hot group gets the largest step (linf sign steps would tie every positive category)', () => {
  const c = makeConstraints({ D: 5, norm: 'linf', eps: 0.05, oneHotGroups: [Int32Array.from([2, 3, 4])] });
  const dir = new Float64Array(5);
  ascentDirection(c, Float32Array.from([0.3, -0.01, -1, 0.2, 3]), 0, dir);
  assert.deepEqual([...dir.subarray(0, 2)], [0.05, -0.05]);
  assert.ok(dir[4] > dir[3] && dir[3] > 0 && dir[2] < 0, `${[...dir]}`);
  // the projection picks the category on the step itself, before clipping the relaxation to [0, 1]
  const x0 = Float32Array.from([0, 0, 1, 0, 0]);
  const x = Float32Array.from([0, 0, 0.2, 1.5, 2]);
  c.project(x, x0, 1);
  assert.deepEqual([...x], [0, 0, 0, 0, 1]);
});

/** Class 1 margin = 10·(Sigmoid(1e5·(x0 − 0.545)) − 0.5): a step whose gradient underflows to exactly 0 a hair away. */
function maskedStep(): Uint8Array {
  const g = new GraphBuilder('masked');
  const x = g.input('x', 'float32', ['N', 4]);
  const w = g.initializer('W', Float32Array.from([1e5, 0, 0, 0, 0, 0, 0, 0]), [4, 2]);
  const b = g.initializer('b', Float32Array.from([-0.545e5, 0]), [2]);
  const s = g.node('Sigmoid', [g.node('Gemm', [x, w, b])]);
  const k = g.initializer('k', Float32Array.from([10, 0]), [2]);
  const h = g.initializer('h', Float32Array.from([-5, 0]), [2]);
  const z = g.node('Add', [g.node('Mul', [s, k]), h]);
  // logits [margin, 0] with the class-0 score first: swap so that class 1 = margin > 0
  const t = g.node('Gemm', [z, g.initializer('P', Float32Array.from([0, 1, 1, 0]), [2, 2]), g.initializer('z0', Float32Array.from([0, 0]), [2])], {}, { outputs: ['logits'] });
  g.output(t, 'float32', ['N', 2]);
  return g.toModel({ opset: 17 });
}

test('a masked gradient (zero a hair before a step): Square breaks what APGD cannot, and the warning fires', async () => {
  const n = 16;
  const x = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) x[i * 4] = 0.45 + 0.001 * i;
  const h = await harness(maskedStep(), x, [4], null, { epsilon: 0.1, labels: 'predicted', queries: 300 });
  const out = await robustnessGate.run(h.ctx);
  assert.equal(out.details.method, 'white-box');
  const sq = attacksOf(out).find((a) => a.name === 'square')!;
  assert.ok(sq.points_broken > 0, JSON.stringify(attacksOf(out)));
  assert.equal(masking(out.warnings).length, 1);
});
