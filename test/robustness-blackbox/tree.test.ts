import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeModel, attrFloats, attrInts, attrStrings } from '../../src/model/onnx/proto.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { makeTreeAttack, treeSplits } from '../../src/gates/robustness/blackbox/tree.ts';
import { makeSquare } from '../../src/gates/robustness/blackbox/square.ts';
import { rng } from '../../src/util/random.ts';
import { FIX, ONNX, argmax, recheck, sessionModel } from './helpers.ts';

/** Thresholds read straight from the node attributes (independent of treeSplits); all splits are BRANCH_LEQ. */
function thresholdsOf(bytes: Uint8Array, D: number): number[][] {
  const node = decodeModel(bytes).graph!.node.find((n) => n.opType === 'TreeEnsembleClassifier')!;
  const f = attrInts(node, 'nodes_featureids')!, v = attrFloats(node, 'nodes_values')!, m = attrStrings(node, 'nodes_modes')!;
  const out: Set<number>[] = Array.from({ length: D }, () => new Set());
  f.forEach((fi, k) => { if (m[k] !== 'LEAF') { assert.equal(m[k], 'BRANCH_LEQ'); out[fi].add(v[k]); } });
  return out.map((s) => [...s].sort((a, b) => a - b));
}

const bytes2d = readFileSync(FIX + 'trees-2d.onnx');

async function exactMinimum(x0: Float32Array, N: number, labels: Int32Array): Promise<Float64Array> {
  // every cell (t_{k-1}, t_k] × (s_{j-1}, s_j] of the split grid, classified once by onnxruntime at an interior point
  const th = thresholdsOf(bytes2d, 2);
  const iv = th.map((t) => {
    const cuts = [-Infinity, ...t, Infinity];
    return cuts.slice(0, -1).map((a, k) => ({ a, b: cuts[k + 1] }));
  });
  const mid = ({ a, b }: { a: number; b: number }): number => (a === -Infinity ? b - 1 : b === Infinity ? a + 1 : (a + b) / 2);
  const cells: { i0: { a: number; b: number }; i1: { a: number; b: number } }[] = [];
  for (const i0 of iv[0]) for (const i1 of iv[1]) cells.push({ i0, i1 });
  const rows = new Float32Array(cells.length * 2);
  cells.forEach((c, k) => { rows[2 * k] = mid(c.i0); rows[2 * k + 1] = mid(c.i1); });
  const m = await sessionModel(bytes2d, [2], { classes: 3, output: 'scores' });
  const cls = argmax(await m.forward(rows, cells.length), 3);
  // distance from v to the interval (a, b]: its infimum
  const d1 = (v: number, { a, b }: { a: number; b: number }): number => (v <= a ? a - v : v > b ? v - b : 0);
  const out = new Float64Array(N).fill(Infinity);
  for (let p = 0; p < N; p++) {
    cells.forEach((c, k) => {
      if (cls[k] === labels[p]) return;
      const d = Math.max(d1(x0[2 * p], c.i0), d1(x0[2 * p + 1], c.i1));
      if (d < out[p]) out[p] = d;
    });
  }
  return out;
}

for (const [mode, exhaustive] of [['grid enumeration', undefined], ['beam search', 0]] as const) {
  test(`tree attack (${mode}): minimal Linf perturbation within 5 % of the exact grid minimum for ≥ 95 % of points`, async () => {
    const N = 120;
    const g = rng(3, 'tree-2d-points');
    const x0 = Float32Array.from({ length: 2 * N }, () => Math.fround(g.next()));
    const m = await sessionModel(bytes2d, [2], { classes: 3, output: 'scores' });
    const labels = argmax(await m.forward(x0, N), 3); // labels: predicted
    const exact = await exactMinimum(x0, N, labels);
    const eps = 1.0;
    const input = {
      x0, n: N, shape: [2], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
      constraints: makeConstraints({ D: 2, norm: 'linf', eps }), oracle: m.oracle(),
    };
    const attack = makeTreeAttack({ splits: treeSplits(bytes2d, 2), queries: 5000, exhaustive });
    const res = await attack.run(input);
    const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 3);
    let within = 0, finite = 0;
    for (let p = 0; p < N; p++) {
      if (!Number.isFinite(exact[p])) { assert.equal(res.success[p], 0); continue; }
      finite++;
      assert.ok(res.distance[p] >= exact[p] - 1e-6, `point ${p}: attack ${res.distance[p]} below the exact minimum ${exact[p]}`);
      if (res.success[p] && res.distance[p] <= exact[p] * 1.05 + 1e-6) within++;
    }
    console.log(`tree ${mode}: ${within}/${finite} within 5 % of the exact minimum, ${confirmed} successes re-checked, ${res.queries} queries`);
    assert.ok(finite >= N * 0.9);
    assert.ok(within >= 0.95 * finite, `${within}/${finite}`);
    assert.equal(res.progressed!.reduce((a, b) => a + b, 0) > 0, true);
  });
}

test('tree attack flips points of the sklearn tree ensemble (20 features, 3 classes) at Linf eps 1.0', async () => {
  const bytes = readFileSync(ONNX + 'skl_tree_ensemble_classifier.onnx');
  const D = 20, N = 40;
  const th = thresholdsOf(bytes, D);
  const g = rng(5, 'skl-tree-points');
  const x0 = new Float32Array(N * D);
  for (let p = 0; p < N; p++) {
    for (let f = 0; f < D; f++) {
      const t = th[f];
      const lo = t.length ? t[0] - 0.5 : -1, hi = t.length ? t[t.length - 1] + 0.5 : 1;
      x0[p * D + f] = Math.fround(lo + (hi - lo) * g.next());
    }
  }
  const m = await sessionModel(bytes, [D], { classes: 3, output: 'proba_0' });
  const labels = argmax(await m.forward(x0, N), 3);
  const input = {
    x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
    constraints: makeConstraints({ D, norm: 'linf', eps: 1.0 }), oracle: m.oracle(),
  };
  const res = await makeTreeAttack({ splits: treeSplits(bytes, D), queries: 2000 }).run(input);
  const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 3);
  console.log(`skl tree ensemble: ${confirmed}/${N} flipped at Linf 1.0, ${res.queries} queries`);
  assert.ok(confirmed >= N / 2, `${confirmed}/${N}`);
  for (let p = 0; p < N; p++) if (res.success[p]) assert.ok(res.distance[p] <= 1 + 1e-6);
});

test('Square on a tree ensemble: every success re-checks; the tree attack breaks at least as many points', async () => {
  const N = 60;
  const g = rng(7, 'tree-square');
  const x0 = Float32Array.from({ length: 2 * N }, () => Math.fround(g.next()));
  const m = await sessionModel(bytes2d, [2], { classes: 3, output: 'scores' });
  const labels = argmax(await m.forward(x0, N), 3);
  const mk = () => ({
    x0, n: N, shape: [2], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
    constraints: makeConstraints({ D: 2, norm: 'linf', eps: 0.05, lo: 0, hi: 1 }), oracle: m.oracle(),
  });
  const i1 = mk();
  const sq = await makeSquare({ queries: 300 }).run(i1);
  const a = await recheck(i1, sq.xAdv, sq.success, m.forward, 3);
  const i2 = mk();
  const tr = await makeTreeAttack({ splits: treeSplits(bytes2d, 2), queries: 300 }).run(i2);
  const b = await recheck(i2, tr.xAdv, tr.success, m.forward, 3);
  console.log(`eps 0.05: square broke ${a}, tree broke ${b} of ${N}`);
  for (let p = 0; p < N; p++) if (sq.success[p]) assert.equal(tr.success[p], 1, `square broke point ${p}, the tree attack did not`);
});

test('treeSplits refuses models without a tree ensemble', () => {
  const mnist = readFileSync(ONNX + 'mnist-8.onnx');
  assert.throws(() => treeSplits(mnist, 784), /TreeEnsembleClassifier/);
});
