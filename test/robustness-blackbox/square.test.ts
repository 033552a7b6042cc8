import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { makeSquare, pSelection, etaBlock } from '../../src/gates/robustness/blackbox/square.ts';
import { forwardOracle } from '../../src/gates/robustness/oracle.ts';
import { rng } from '../../src/util/random.ts';
import type { AttackInput } from '../../src/gates/robustness/types.ts';
import { DATA, FIX, ONNX, argmax, batchableMnist8, checkFeasible, npyInts, readNpy, recheck, recordingOracle, sessionModel } from './helpers.ts';

test('p schedule: AutoAttack thresholds, halving after 10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000', () => {
  const cases: [number, number][] = [[0, 0.8], [10, 0.8], [11, 0.4], [50, 0.4], [51, 0.2], [200, 0.2], [201, 0.1], [500, 0.1], [501, 0.05],
    [1000, 0.05], [1001, 0.025], [2001, 0.0125], [4001, 0.00625], [6001, 0.003125], [8001, 0.0015625], [9999, 0.0015625]];
  for (const [it, p] of cases) assert.ok(Math.abs(pSelection(0.8, it, 5000, false) - p) < 1e-12, `iteration ${it}`);
  // rescaled: iteration 250 of 500 is 5000 of 10,000
  assert.ok(Math.abs(pSelection(0.8, 250, 500, true) - 0.8 / 128) < 1e-12);
});

test('eta(3) equals the hand-computed AutoAttack block', () => {
  // top row: eta_rectangles(1, 3) = [0.25, 1.25, 0.25]; bottom: eta_rectangles(2, 3) = [[.25,.25,.25],[.25,1.25,.25]]
  const top = [0.25, 1.25, 0.25], bot = [0.25, 0.25, 0.25, 0.25, 1.25, 0.25];
  const nt = Math.hypot(...top), nb = Math.hypot(...bot);
  const raw = [...top.map((v) => v / nt), ...bot.map((v) => -v / nb)];
  const n = Math.hypot(...raw);
  const e = etaBlock(3);
  raw.forEach((v, i) => assert.ok(Math.abs(e[i] - v / n) < 1e-12, `element ${i}`));
});

async function mnistSetup(N: number) {
  const model = batchableMnist8(readFileSync(ONNX + 'mnist-8.onnx'));
  const m = await sessionModel(model, [1, 28, 28], { classes: 10 });
  const X = readNpy(DATA + 'mnist/mnist-1000-x.npy').data as Float32Array;
  const Y = npyInts(DATA + 'mnist/mnist-1000-y.npy');
  const idx = npyInts(FIX + 'reference/mnist-8/subset200-indices.npy');
  const D = 784;
  // N points spread over the classes: rows k·(200/N) of the 200-point reference subset
  const rows = Array.from({ length: N }, (_, k) => Math.floor((k * 200) / N));
  const x0 = new Float32Array(N * D), y = new Int32Array(N);
  rows.forEach((j, r) => { x0.set(X.subarray(idx[j] * D, idx[j] * D + D), r * D); y[r] = Y[idx[j]]; });
  const logits = await m.forward(x0, N);
  // the batch-rewritten copy gives exactly the logits of the original batch-1 file
  const m1 = await sessionModel(ONNX + 'mnist-8.onnx', [1, 28, 28], { classes: 10, fixedBatch1: true });
  assert.deepEqual(await m1.forward(x0, N), logits);
  await m1.session.release();
  const clean = argmax(logits, 10);
  const active = Uint8Array.from(clean, (c, r) => (c === y[r] ? 1 : 0));
  return { m, x0, y, rows, active, D };
}

const CI_QUERIES = Number(process.env.SQUARE_CI_QUERIES ?? 5000);
for (const [norm, eps, key, margin] of [['linf', 0.1, 'square-linf-0.1', 2], ['l2', 1.5, 'square-l2-1.5', 2]] as const) {
  test(`Square ${norm} ${eps} on mnist-8 (reduced: 10 points, one per class, ${CI_QUERIES} queries) against AutoAttack's per-point flags`, async () => {
    const N = 10;
    const { m, x0, y, rows, active, D } = await mnistSetup(N);
    const flags = readNpy(FIX + `reference/mnist-8/${key}-robust.npy`).data as Uint8Array;
    const input: AttackInput = {
      x0, n: N, shape: [1, 28, 28], labels: y, active, ids: Int32Array.from(rows), seed: 0,
      constraints: makeConstraints({ D, norm, eps, lo: 0, hi: 1 }), oracle: m.oracle(),
    };
    const res = await makeSquare({ queries: CI_QUERIES }).run(input);
    const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 10);
    let robust = 0, refRobust = 0, agree = 0;
    for (let r = 0; r < N; r++) {
      const ours = active[r] && !res.success[r] ? 1 : 0;
      robust += ours; refRobust += flags[rows[r]]; agree += ours === flags[rows[r]] ? 1 : 0;
    }
    console.log(`square ${norm} ${eps}: ${robust}/${N} robust after ${CI_QUERIES} queries (AutoAttack, 5,000 queries: ${refRobust}/${N}); ${confirmed} re-checked; ${res.queries} queries`);
    // same budget as AutoAttack; different random draws: allow ±margin points, and most per-point flags agree
    assert.ok(Math.abs(robust - refRobust) <= margin, `${robust} robust vs AutoAttack ${refRobust}`);
    assert.ok(agree >= N - 2 * margin, `per-point agreement ${agree}/${N}`);
    assert.ok(res.queries <= N * CI_QUERIES);
    // broken points stop early: the budget is per point
    assert.ok(res.queries < N * CI_QUERIES);
  });
}

test('Square is deterministic and a point does not depend on its batch', async () => {
  const N = 6;
  const { m, x0, y, rows, active, D } = await mnistSetup(N);
  const mk = (sub: number[]): AttackInput => {
    const xs = new Float32Array(sub.length * D);
    sub.forEach((p, r) => xs.set(x0.subarray(p * D, p * D + D), r * D));
    return {
      x0: xs, n: sub.length, shape: [1, 28, 28], labels: Int32Array.from(sub, (p) => y[p]), active: Uint8Array.from(sub, (p) => active[p]),
      ids: Int32Array.from(sub, (p) => rows[p]), seed: 4, constraints: makeConstraints({ D, norm: 'linf', eps: 0.1, lo: 0, hi: 1 }), oracle: m.oracle(),
    };
  };
  const sq = makeSquare({ queries: 200 });
  const a = await sq.run(mk([0, 1, 2, 3, 4, 5]));
  const b = await sq.run(mk([0, 1, 2, 3, 4, 5]));
  const c = await sq.run(mk([4, 2]));
  assert.deepEqual(a.xAdv, b.xAdv);
  assert.deepEqual(a.success, b.success);
  assert.deepEqual(a.xAdv.subarray(4 * D, 5 * D), c.xAdv.subarray(0, D));
  assert.deepEqual(a.xAdv.subarray(2 * D, 3 * D), c.xAdv.subarray(D, 2 * D));
  assert.equal(a.success[4], c.success[0]);
});

/** A tabular MLP: 9 features -> 16 -> 3, random weights. */
function tabularMlp(D: number): Uint8Array {
  const g = rng(11, 'tabular-mlp');
  const H = 16;
  const b = new GraphBuilder('mlp');
  const x = b.input('X', 'float32', ['N', D]);
  const w1 = b.initializer('W1', Float32Array.from({ length: D * H }, () => g.normal()), [D, H]);
  const b1 = b.initializer('B1', Float32Array.from({ length: H }, () => 0.5 * g.normal()), [H]);
  const w2 = b.initializer('W2', Float32Array.from({ length: H * 3 }, () => g.normal()), [H, 3]);
  const h = b.node('Relu', [b.node('Add', [b.node('MatMul', [x, w1]), b1])]);
  const z = b.node('MatMul', [h, w2], {}, { outputs: ['logits'] });
  b.output(z, 'float32', ['N', 3]);
  return b.toModel({ opset: 17 });
}

for (const norm of ['linf', 'l2'] as const) {
  test(`Square (tabular ${norm}): every candidate respects immutables, integers, one-hot groups, bounds; successes re-check`, async () => {
    // features: 0,1 continuous [0, 10]; 2 immutable; 3 integer (per-feature eps 2); 4-6 one-hot; 7-8 one-hot
    const D = 9, N = 40;
    const m = await sessionModel(tabularMlp(D), [D], { classes: 3 });
    const g = rng(12, 'tabular-points');
    const x0 = new Float32Array(N * D);
    for (let p = 0; p < N; p++) {
      const o = p * D;
      x0[o] = Math.fround(10 * g.next()); x0[o + 1] = Math.fround(10 * g.next()); x0[o + 2] = Math.fround(g.normal());
      x0[o + 3] = g.int(5);
      x0[o + 4 + g.int(3)] = 1;
      x0[o + 7 + g.int(2)] = 1;
    }
    const labels = argmax(await m.forward(x0, N), 3);
    const mutable = Uint8Array.from([1, 1, 0, 1, 1, 1, 1, 1, 1]);
    const integer = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const c = makeConstraints({
      D, norm, eps: Float64Array.from([1.5, 1.5, 1, 2, 0, 0, 0, 0, 0]), mutable, integer,
      lo: Float64Array.from([0, 0, -Infinity, 0, 0, 0, 0, 0, 0]), hi: Float64Array.from([10, 10, Infinity, 4, 1, 1, 1, 1, 1]),
      oneHotGroups: [Int32Array.from([4, 5, 6]), Int32Array.from([7, 8])], maxCategoricalChanges: 1,
    });
    let checked = 0;
    const inner = m.oracle();
    const oracle = recordingOracle(inner, D, (x, points) => {
      for (let r = 0; r < points.length; r++) { checkFeasible(c, x, r * D, x0, points[r] * D, `candidate of point ${points[r]}`); checked++; }
    });
    const input: AttackInput = { x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: Int32Array.from({ length: N }, (_, i) => i), seed: 0, constraints: c, oracle };
    const res = await makeSquare({ queries: 300 }).run(input);
    const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 3);
    console.log(`tabular ${norm}: ${confirmed}/${N} broken, ${checked} candidates checked`);
    assert.ok(confirmed >= 5, `only ${confirmed} broken`);
    assert.ok(checked > N * 10);
    let catChanges = 0;
    for (let p = 0; p < N; p++) if (res.success[p]) for (const i of [4, 5, 6, 7, 8]) if (res.xAdv[p * D + i] !== x0[p * D + i]) catChanges++;
    assert.ok(catChanges > 0, 'some success uses a categorical change');
  });
}

test('Square on the titanic pipeline: string and int64 inputs are fed unchanged from the dataset rows', async () => {
  const text = readFileSync(ONNX + 'small_titanic.csv', 'utf8').trim().split('\n');
  const parse = (line: string): string[] => {
    const out: string[] = []; let cur = '', q = false;
    for (const ch of line) { if (ch === '"') q = !q; else if (ch === ',' && !q) { out.push(cur); cur = ''; } else cur += ch; }
    out.push(cur);
    return out;
  };
  const head = parse(text[0]);
  const col = (name: string): number => head.indexOf(name);
  const rowsAll = text.slice(1).map(parse).filter((r) => r[col('age')] !== '' && r[col('fare')] !== '');
  const N = rowsAll.length;
  const D = 2; // age, fare
  const x0 = new Float32Array(N * D);
  rowsAll.forEach((r, p) => { x0[p * D] = Number(r[col('age')]); x0[p * D + 1] = Number(r[col('fare')]); });
  const session = await ort.InferenceSession.create(ONNX + 'skl_pipeline_titanic_nozipmap.onnx');
  const fed: { sex: string[]; embarked: string[]; pclass: bigint[]; points: number[] }[] = [];
  const feeds = (x: Float32Array, points: Int32Array): Record<string, ort.Tensor> => {
    const n = points.length;
    const sex = Array.from(points, (p) => rowsAll[p][col('sex')]);
    const embarked = Array.from(points, (p) => rowsAll[p][col('embarked')]);
    const pclass = BigInt64Array.from(points, (p) => BigInt(rowsAll[p][col('pclass')]));
    fed.push({ sex, embarked, pclass: [...pclass], points: [...points] });
    const age = new Float32Array(n), fare = new Float32Array(n);
    for (let r = 0; r < n; r++) { age[r] = x[r * D]; fare[r] = x[r * D + 1]; }
    return {
      pclass: new ort.Tensor('int64', pclass, [n, 1]), sex: new ort.Tensor('string', sex, [n, 1]), embarked: new ort.Tensor('string', embarked, [n, 1]),
      age: new ort.Tensor('float32', age, [n, 1]), fare: new ort.Tensor('float32', fare, [n, 1]),
    };
  };
  const forward = async (f: Record<string, ort.Tensor>): Promise<Float32Array> => Float32Array.from((await session.run(f, ['probabilities'])).probabilities.data as Float32Array);
  const oracle = forwardOracle({ classes: 2, D, batch: 256, feeds, forward });
  const all = Int32Array.from({ length: N }, (_, i) => i);
  const labels = argmax(await forward(feeds(x0, all)), 2);
  const c = makeConstraints({ D, norm: 'linf', eps: Float64Array.from([5, 10]), lo: 0 });
  const input: AttackInput = { x0, n: N, shape: [D], labels, active: new Uint8Array(N).fill(1), ids: all, seed: 0, constraints: c, oracle };
  const res = await makeSquare({ queries: 200 }).run(input);
  // every call fed each point's own string and int64 values, exactly as in the dataset
  for (const f of fed) {
    f.points.forEach((p, r) => {
      assert.equal(f.sex[r], rowsAll[p][col('sex')]);
      assert.equal(f.embarked[r], rowsAll[p][col('embarked')]);
      assert.equal(f.pclass[r], BigInt(rowsAll[p][col('pclass')]));
    });
  }
  let broken = 0;
  for (let p = 0; p < N; p++) {
    if (!res.success[p]) continue;
    broken++;
    const z = await forward(feeds(res.xAdv.subarray(p * D, p * D + D), Int32Array.of(p)));
    assert.notEqual(argmax(z, 2)[0], labels[p]);
    checkFeasible(c, res.xAdv, p * D, x0, p * D, `point ${p}`);
  }
  console.log(`titanic: ${broken}/${N} broken with age ±5, fare ±10; ${fed.length} model calls checked`);
  assert.ok(res.progressed!.some((v) => v === 1));
});

test('the L∞ box fast path equals constraints.project bit for bit', async () => {
  const { boxProjector } = await import('../../src/gates/robustness/blackbox/common.ts');
  const D = 12, m = 50;
  const g = rng(21, 'box');
  const x0 = Float32Array.from({ length: m * D }, (_, k) => (k % 7 === 3 ? Math.fround(1.5) : Math.fround(g.next())));
  const c = makeConstraints({
    D, norm: 'linf', eps: Float64Array.from({ length: D }, (_, i) => (i === 5 ? 0 : 0.01 + 0.3 * ((i * 37) % 11) / 11)),
    lo: 0, hi: Float64Array.from({ length: D }, (_, i) => (i % 4 === 0 ? 0.9 : 1)), mutable: Uint8Array.from({ length: D }, (_, i) => (i === 2 ? 0 : 1)),
  });
  const box = boxProjector(c, x0, m)!;
  assert.ok(box);
  for (let trial = 0; trial < 20; trial++) {
    const x = new Float32Array(m * D);
    for (let k = 0; k < x.length; k++) x[k] = k % 97 === 0 ? NaN : Math.fround(x0[k] + 0.8 * g.normal());
    const a = x.slice(), b = x.slice();
    c.project(a, x0, m);
    for (let q = 0; q < m; q++) box(b, q * D, q);
    assert.deepEqual(b, a);
  }
  assert.equal(boxProjector(makeConstraints({ D: 2, norm: 'l2', eps: 1 }), x0, 1), null);
  assert.equal(boxProjector(makeConstraints({ D: 2, norm: 'linf', eps: 1, integer: Uint8Array.from([0, 1]) }), x0, 1), null);
});
