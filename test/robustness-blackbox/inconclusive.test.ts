import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { GateError } from '../../src/errors.ts';
import { assertConclusive, autoBlackbox, hasTreeEnsemble, isInconclusive, makeHsja, makeSquare, makeTreeAttack, treeSplits } from '../../src/gates/robustness/blackbox/index.ts';
import { attackFactory } from '../../src/gates/robustness/attacks/registry.ts';
import { rng } from '../../src/util/random.ts';
import type { AttackInput } from '../../src/gates/robustness/types.ts';
import { FIX, ONNX, argmax, sessionModel } from './helpers.ts';

/** scores = X·0 + [0.2, 0.5, 0.3]: the input never matters. */
function constantModel(D: number): Uint8Array {
  const b = new GraphBuilder('constant');
  const x = b.input('X', 'float32', ['N', D]);
  const z = b.node('Add', [b.node('MatMul', [x, b.initializer('W', new Float32Array(D * 3), [D, 3])]), b.initializer('B', new Float32Array([0.2, 0.5, 0.3]), [3])]);
  b.output(z, 'float32', ['N', 3]);
  return b.toModel({ opset: 17 });
}

function input(x0: Float32Array, D: number, labels: Int32Array, oracle: AttackInput['oracle'], eps: number, norm: 'linf' | 'l2' = 'linf'): AttackInput {
  const n = labels.length;
  return { x0, n, shape: [D], labels, active: new Uint8Array(n).fill(1), ids: Int32Array.from({ length: n }, (_, i) => i), seed: 0, constraints: makeConstraints({ D, norm, eps }), oracle };
}

test('a model whose scores never move: Square and HopSkipJump are inconclusive, and the gate error says so', async () => {
  const D = 5, N = 8;
  const m = await sessionModel(constantModel(D), [D], { classes: 3 });
  const g = rng(1, 'const');
  const x0 = Float32Array.from({ length: N * D }, () => g.normal());
  const labels = new Int32Array(N).fill(1);
  const sq = makeSquare({ queries: 50 });
  const i1 = input(x0, D, labels, m.oracle(), 10);
  const r1 = await sq.run(i1);
  assert.equal(r1.success.reduce((a, b) => a + b, 0), 0);
  assert.equal(isInconclusive(r1, i1.active), true);
  assert.throws(() => assertConclusive(sq, r1, i1.active), (e: unknown) => e instanceof GateError && e.code === 'robustness.inconclusive' && e.kind === 'error' && /square attack is inconclusive/.test(e.message) && !e.message.includes('\n'));
  const hs = makeHsja({ queries: 60 });
  const i2 = input(x0, D, labels, m.oracle(), 10, 'l2');
  const r2 = await hs.run(i2);
  assert.equal(isInconclusive(r2, i2.active), true);
  // nothing attacked: not inconclusive
  assert.equal(isInconclusive(r1, new Uint8Array(N)), false);
});

test('a normal model is conclusive; white-box results (no progress field) are never inconclusive', async () => {
  const D = 2, N = 10;
  const bytes = readFileSync(FIX + 'trees-2d.onnx');
  const m = await sessionModel(bytes, [D], { classes: 3, output: 'scores' });
  const g = rng(2, 'conclusive');
  const x0 = Float32Array.from({ length: N * D }, () => g.next());
  const labels = argmax(await m.forward(x0, N), 3);
  const i = input(x0, D, labels, m.oracle(), 0.3);
  const r = await makeSquare({ queries: 100 }).run(i);
  assert.equal(isInconclusive(r, i.active), false);
  assert.doesNotThrow(() => assertConclusive({ name: 'square' }, r, i.active));
  assert.equal(isInconclusive({ xAdv: x0, success: new Uint8Array(N), queries: 0 }, i.active), false);
});

test('a tree ensemble under a tiny epsilon: Square stalls (inconclusive), the tree attack certifies the points', async () => {
  const D = 2, N = 10;
  const bytes = readFileSync(FIX + 'trees-2d.onnx');
  const m = await sessionModel(bytes, [D], { classes: 3, output: 'scores' });
  const splits = treeSplits(bytes, D);
  // points at least 1e-3 away from every threshold, eps 1e-4: no split can be crossed
  const g = rng(3, 'tiny');
  const x0 = new Float32Array(N * D);
  for (let k = 0; k < N * D; k++) {
    let v: number;
    do v = Math.fround(g.next()); while (splits.thresholds[k % D].some((t) => Math.abs(t - v) < 1e-3));
    x0[k] = v;
  }
  const labels = argmax(await m.forward(x0, N), 3);
  const i1 = input(x0, D, labels, m.oracle(), 1e-4);
  const r1 = await makeSquare({ queries: 100 }).run(i1);
  assert.equal(isInconclusive(r1, i1.active), true);
  const i2 = input(x0, D, labels, m.oracle(), 1e-4);
  const r2 = await makeTreeAttack({ splits }).run(i2);
  assert.equal(r2.certified.reduce((a, b) => a + b, 0), N);
  assert.equal(isInconclusive(r2, i2.active), false);
  assert.equal(splits.complete, true);
});

test('auto selection helpers and registry entries', () => {
  assert.equal(hasTreeEnsemble(readFileSync(FIX + 'trees-2d.onnx')), true);
  assert.equal(hasTreeEnsemble(readFileSync(ONNX + 'skl_tree_ensemble_classifier.onnx')), true);
  assert.equal(hasTreeEnsemble(readFileSync(ONNX + 'mnist-8.onnx')), false);
  assert.equal(autoBlackbox({ treeEnsemble: true, outputKind: 'probabilities' }), 'tree');
  assert.equal(autoBlackbox({ treeEnsemble: false, outputKind: 'logits' }), 'square');
  assert.equal(autoBlackbox({ treeEnsemble: false, outputKind: 'label' }), 'hsja');
  const sq = attackFactory('square')!({ classes: 10, queries: 1234 });
  assert.equal(sq.name, 'square');
  assert.equal(sq.method, 'score-based');
  assert.equal(sq.parameters.queries, 1234);
  assert.equal(attackFactory('hsja')!({ classes: 2, queries: 100 }).method, 'decision-based');
});
