/**
 * The robustness gate end to end (model from an ONNX file through onnxruntime-node, as src/model provides it):
 * white-box method on mnist-8, the CNN and the residual block (so a black-box fallback cannot hide a gradient gap),
 * metric definitions (docs/design.md §5), per-epsilon results, attack selection by class count, fail-closed errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { robustnessGate } from '../../src/gates/robustness/index.ts';
import { GateError } from '../../src/errors.ts';
import { rng } from '../../src/util/random.ts';
import { harness } from './gate-harness.ts';
import { cnn, linear, residual, UNSUPPORTED_OP, withUnsupportedOp } from './models.ts';
import { FIX, npyInts, readNpy } from './helpers.ts';

type Outcome = Awaited<ReturnType<typeof robustnessGate.run>>;
const attacksOf = (o: Outcome): { name: string; method: string; points_broken: number; queries: number }[] => o.details.attacks as never;

function mnistPoints(perClass: number): { x: Float32Array; y: Int32Array; idx: Int32Array } {
  const X = readNpy(`${FIX}mnist-8/mnist-1000-x.npy`).data as Float32Array;
  const Y = readNpy(`${FIX}mnist-8/mnist-1000-y.npy`).data as BigInt64Array;
  const sub = npyInts(`${FIX}reference/mnist-8/subset200-indices.npy`);
  const idx = sub.filter((_, i) => i % 20 < perClass);
  const x = new Float32Array(idx.length * 784);
  idx.forEach((r, i) => x.set(X.subarray(r * 784, (r + 1) * 784), i * 784));
  return { x, y: Int32Array.from(idx, (r) => Number(Y[r])), idx };
}

test('mnist-8 through the gate: white-box, auto = apgd-ce, apgd-t, apgd-dlr, square; metrics per docs/design.md §5', async () => {
  const { x, y } = mnistPoints(1);
  // a small Square budget keeps the test fast (the full reference run uses 5,000 queries)
  const h = await harness(readFileSync(`${FIX}mnist-8/mnist-8.onnx`), x, [1, 28, 28], y, { epsilon: [0.05, 0.1], bounds: [0, 1], queries: 200 });
  const out = await robustnessGate.run(h.ctx);
  assert.equal(out.details.method, 'white-box');
  assert.deepEqual((out.details.gradient as { converted: string }).converted, '7 -> 17');
  assert.deepEqual(attacksOf(out).map((a) => [a.name, a.method]), [['apgd-ce', 'white-box'], ['apgd-t', 'white-box'], ['apgd-dlr', 'white-box'], ['square', 'score-based']]);
  const m = out.metrics as Record<string, number>;
  const n = y.length;
  const per = out.details.per_epsilon as { epsilon: number; robust_accuracy: number; points_broken: number; clean_accuracy: number }[];
  assert.deepEqual(per.map((p) => p.epsilon), [0.05, 0.1]);
  assert.ok(per[1].robust_accuracy <= per[0].robust_accuracy);
  // robust_accuracy over ALL points; attack_success_rate over clean-correct points
  const correct = Math.round(m.clean_accuracy * n);
  assert.equal(m.robust_accuracy, (correct - per[1].points_broken) / n);
  assert.equal(m.attack_success_rate, per[1].points_broken / correct);
  assert.ok(m.max_perturbation > 0 && m.max_perturbation <= 0.1 * (1 + 1e-6), `max_perturbation ${m.max_perturbation}`);
  assert.ok(m.max_perturbation_ratio <= 1 + 1e-6);
  assert.equal(m.prediction_stability, undefined);
  assert.ok(per[1].points_broken > 0 && per[1].points_broken < correct, 'eps 0.1 breaks some but not all points of mnist-8');
});

test('the CNN and the residual block run white-box through the gate (labels: predicted → prediction_stability)', async () => {
  for (const [make, shape] of [[cnn, [1, 28, 28]], [residual, [1, 12, 12]]] as const) {
    const D = (shape as readonly number[]).reduce((a, b) => a * b, 1);
    const R = rng(1, 'gate-x');
    const x = Float32Array.from({ length: 12 * D }, () => R.next());
    const h = await harness(make(), x, [...shape], null, { epsilon: 0.05, bounds: [0, 1], labels: 'predicted', queries: 100 });
    const out = await robustnessGate.run(h.ctx);
    assert.equal(out.details.method, 'white-box');
    assert.deepEqual(attacksOf(out).map((a) => a.method), ['white-box', 'white-box', 'white-box', 'score-based']);
    const m = out.metrics as Record<string, unknown>;
    assert.equal(m.robust_accuracy, undefined);
    assert.equal(typeof m.prediction_stability, 'number');
  }
});

test('auto picks apgd-margin for 2 classes and apgd-dlr for 3', async () => {
  for (const C of [2, 3]) {
    const R = rng(C, 'cls');
    const W = Array.from({ length: C }, () => Array.from({ length: 4 }, () => R.normal()));
    const x = Float32Array.from({ length: 40 }, () => R.normal());
    const h = await harness(linear(W, W.map(() => 0)), x, [4], null, { epsilon: 0.2, labels: 'predicted', queries: 100 });
    const out = await robustnessGate.run(h.ctx);
    assert.deepEqual(attacksOf(out).map((a) => a.name), ['apgd-ce', C === 2 ? 'apgd-margin' : 'apgd-dlr', 'square']);
  }
});

test('an op without a gradient rule: the gate falls back to the black-box attack and says which op and why', async () => {
  const x = Float32Array.from({ length: 20 }, (_, i) => Math.sin(i));
  const h = await harness(withUnsupportedOp(), x, [4], null, { epsilon: 0.1, labels: 'predicted', queries: 200 });
  const out = await robustnessGate.run(h.ctx);
  assert.equal(out.details.method, 'score-based');
  assert.deepEqual(out.details.gradient, { available: false, op: UNSUPPORTED_OP, node: (out.details.gradient as { node: string }).node, reason: 'no gradient rule for this op', missing: [{ op: UNSUPPORTED_OP, count: 1 }] });
  assert.ok((out.warnings ?? []).some((w) => w.includes(UNSUPPORTED_OP) && /black-box/.test(w)));
  assert.deepEqual(attacksOf(out).map((a) => a.name), ['square']);
  // an explicit list of gradient attacks cannot silently pass either
  const h2 = await harness(withUnsupportedOp(), x, [4], null, { epsilon: 0.1, labels: 'predicted', attacks: ['apgd-ce'] });
  await assert.rejects(robustnessGate.run(h2.ctx), (e: unknown) => e instanceof GateError && /no listed attack can run/.test(e.message));
});

test('policy errors fail closed with one-line messages', async () => {
  const x = Float32Array.from({ length: 20 }, (_, i) => Math.cos(i));
  const W = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
  const bad = async (p: Record<string, unknown>, re: RegExp) => {
    const h = await harness(linear(W, [0, 0, 0, 0]), x, [4], null, { epsilon: 0.1, labels: 'predicted', ...p });
    await assert.rejects(robustnessGate.run(h.ctx), (e: unknown) => e instanceof GateError && re.test(e.message) && !e.message.includes('\n'));
  };
  await bad({ immutable: [7] }, /feature index 7 is outside 0\.\.3/);
  await bad({ bounds: [[0, 0], 1] }, /has 2 values but the model takes 4 features/);
  await bad({ labels: true }, /has no labels/);
  const h = await harness(linear([[1, 0, 0, 0], [0, 1, 0, 0]], [0, 0]), x, [4], null, { epsilon: 0.1, labels: 'predicted', attacks: ['apgd-t'] });
  await assert.rejects(robustnessGate.run(h.ctx), (e: unknown) => e instanceof GateError && /apgd-t needs at least 4 classes/.test(e.message));
});

test('probabilities output (Softmax), epsilon-scale std, immutable/integer features and per-feature bounds', async () => {
  const R = rng(4, 'tab');
  const n = 40;
  const x = Float32Array.from({ length: n * 20 }, (_, i) => (i % 20 === 3 ? Math.round(R.next() * 5) : Math.max(-2.9, Math.min(2.9, R.normal()))));
  const { mlp } = await import('./models.ts');
  const lo = Array.from({ length: 20 }, () => -3);
  const hi = Array.from({ length: 20 }, () => 3);
  lo[3] = 0;
  hi[3] = 5;
  const h = await harness(mlp(1), x, [20], null, {
    epsilon: [0.1, 0.5], 'epsilon-scale': 'std', immutable: [0, 1], integer: [3], bounds: [lo, hi], labels: 'predicted', queries: 100,
  }, { kind: 'probabilities' });
  const out = await robustnessGate.run(h.ctx);
  assert.equal(out.details.method, 'white-box');
  const m = out.metrics as Record<string, number>;
  assert.ok(m.prediction_stability < 1 && m.prediction_stability >= 0);
  assert.ok(m.max_perturbation_ratio <= 1 + 1e-6);
  const per = out.details.per_epsilon as { prediction_stability: number }[];
  assert.ok(per[1].prediction_stability <= per[0].prediction_stability);
  // Clean data outside the declared bounds is an error, not a silently empty threat model.
  x[9 * 20 + 10] = 3.5;
  const outside = await harness(mlp(1), x, [20], null, { epsilon: 0.1, bounds: [lo, hi], labels: 'predicted', queries: 100 }, { kind: 'probabilities' });
  await assert.rejects(robustnessGate.run(outside.ctx), /dataset "eval" row 10: feature 10 is 3.5, outside the bounds \[-3, 3\]: widen the bounds or fix the data/);
});
