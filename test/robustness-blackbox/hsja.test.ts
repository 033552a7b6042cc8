import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder, attr } from '../../src/model/onnx/builder.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { makeHsja } from '../../src/gates/robustness/blackbox/hsja.ts';
import { rng } from '../../src/util/random.ts';
import { recheck, sessionModel } from './helpers.ts';

/** Binary logistic regression whose only output is the label: ArgMax over [0, w·x + b]. */
function logregLabelOnly(w: Float32Array, b: number): Uint8Array {
  const D = w.length;
  const W = new Float32Array(D * 2);
  for (let i = 0; i < D; i++) W[i * 2 + 1] = w[i];
  const g = new GraphBuilder('logreg');
  const x = g.input('X', 'float32', ['N', D]);
  const z = g.node('Add', [g.node('MatMul', [x, g.initializer('W', W, [D, 2])]), g.initializer('B', new Float32Array([0, b]), [2])]);
  const label = g.node('ArgMax', [z], { axis: 1, keepdims: 0 }, { outputs: ['label'] });
  g.output(label, 'int64', ['N']);
  void attr;
  return g.toModel({ opset: 17 });
}

/** Label tensor -> one-hot scores (what the caller builds for a label-only model). */
const oneHot = (t: ort.Tensor, n: number): Float32Array => {
  const out = new Float32Array(n * 2);
  const d = t.data as BigInt64Array;
  for (let r = 0; r < n; r++) out[r * 2 + Number(d[r])] = 1;
  return out;
};

async function setup(seed: number, D: number, N: number) {
  const g = rng(seed, 'hsja-logreg');
  const w = Float32Array.from({ length: D }, () => Math.fround(g.normal()));
  const b = Math.fround(0.3 * g.normal());
  const m = await sessionModel(logregLabelOnly(w, b), [D], { classes: 2, output: 'label', transform: oneHot });
  const x0 = Float32Array.from({ length: N * D }, () => Math.fround(g.normal()));
  const labels = new Int32Array(N);
  const margin = new Float64Array(N);
  for (let p = 0; p < N; p++) {
    let s = b;
    for (let i = 0; i < D; i++) s += w[i] * x0[p * D + i];
    margin[p] = Math.abs(s);
    labels[p] = s > 0 ? 1 : 0;
  }
  let l2 = 0, l1 = 0;
  for (const v of w) { l2 += v * v; l1 += Math.abs(v); }
  return { m, x0, labels, margin, w2: Math.sqrt(l2), w1: l1 };
}

test('HopSkipJump L2 on a label-only logistic regression: distance within 10 % of |w·x+b|/‖w‖ for ≥ 90 % of points', async () => {
  const D = 10, N = 40;
  const { m, x0, labels, margin, w2 } = await setup(1, D, N);
  const eps = 0.5;
  const input = {
    x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
    constraints: makeConstraints({ D, norm: 'l2', eps }), oracle: m.oracle(),
  };
  const res = await makeHsja({ queries: 1500 }).run(input);
  const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 2);
  let within = 0, broken = 0;
  for (let p = 0; p < N; p++) {
    const exact = margin[p] / w2;
    assert.ok(res.distanceAbs[p] >= exact * (1 - 1e-4), `point ${p}: ${res.distanceAbs[p]} below the closed form ${exact}`);
    if (res.distanceAbs[p] <= exact * 1.1) within++;
    // robust accuracy at eps: broken exactly when the closed-form distance is within eps (and the attack got close)
    if (exact > eps) assert.equal(res.success[p], 0, `point ${p} at distance ${exact} > eps reported broken`);
    if (exact < eps * 0.9) { assert.equal(res.success[p], 1, `point ${p} at distance ${exact} < eps not broken`); broken++; }
  }
  console.log(`hsja l2: ${within}/${N} within 10 % of the closed form; ${confirmed} successes re-checked (${broken} with distance < 0.9 eps); ${res.queries} queries`);
  assert.ok(within >= 0.9 * N, `${within}/${N}`);
  assert.ok(res.queries <= N * 1500);
});

test('HopSkipJump Linf on a label-only logistic regression: distance close to |w·x+b|/‖w‖₁', async () => {
  const D = 10, N = 30;
  const { m, x0, labels, margin, w1 } = await setup(2, D, N);
  const input = {
    x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0,
    constraints: makeConstraints({ D, norm: 'linf', eps: 0.2 }), oracle: m.oracle(),
  };
  const res = await makeHsja({ queries: 1500 }).run(input);
  await recheck(input, res.xAdv, res.success, m.forward, 2);
  let within = 0;
  for (let p = 0; p < N; p++) {
    const exact = margin[p] / w1;
    assert.ok(res.distanceAbs[p] >= exact * (1 - 1e-4));
    if (res.distanceAbs[p] <= exact * 1.1) within++;
  }
  console.log(`hsja linf: ${within}/${N} within 10 % of the closed form`);
  assert.ok(within >= 0.8 * N, `${within}/${N}`);
});
