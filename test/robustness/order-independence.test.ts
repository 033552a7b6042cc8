/**
 * A point's attack outcome depends on the point alone (issue 18's prerequisite for sharding): every random stream of
 * an attack is keyed by (seed, attack, dataset row id), every decision is per point, and onnxruntime's scores and
 * gradients of a row do not depend on the other rows of its batch for these models (batch-invariance.test.ts).
 * So the same points attacked in another order, in chunks of 3 (`runInChunks`, the memory budget's path), or as two
 * disjoint halves give, for every point: the same broken flag, the same adversarial example (bytes), the same number
 * of model evaluations (counted per point by the oracle) and, for the minimum-distance attacks, the same distance.
 * Real models: the credit example's MLP, mnist-8, the torch CNN and GRU fixtures, the tree ensemble fixture; the
 * sessions run with the gate's settings (src/model/load.ts sessionOptions) on 2 threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { apgd } from '../../src/gates/robustness/attacks/apgd.ts';
import { fgsm, pgd } from '../../src/gates/robustness/attacks/pgd.ts';
import { makeHsja, makeSquare, makeTreeAttack, treeSplits } from '../../src/gates/robustness/blackbox/index.ts';
import { runInChunks } from '../../src/gates/robustness/chunks.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import { forwardOracle, whiteBoxOracle, type ClosableOracle } from '../../src/gates/robustness/oracle.ts';
import type { Attack, Constraints, ModelOracle } from '../../src/gates/robustness/types.ts';
import { prepareGradient } from '../../src/model/gradient/index.ts';
import { sessionOptions } from '../../src/model/load.ts';
import { argmaxRow } from '../../src/model/scores.ts';
import { rng } from '../../src/util/random.ts';
import { readNpy } from './helpers.ts';

const ROOT = new URL('../../', import.meta.url);
const file = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(p, ROOT)));
const THREADS = 2;
const SEED = 11;

interface Subject {
  D: number;
  rowShape: number[];
  classes: number;
  /** A fresh oracle (white-box when the model has a gradient). */
  oracle(): ClosableOracle;
}

async function subject(bytes: Uint8Array, rowShape: number[], o: { output?: string; kind?: 'logits' | 'probabilities'; gradient: boolean; x: Float32Array }): Promise<Subject> {
  const so = sessionOptions(THREADS);
  const session = await ort.InferenceSession.create(bytes, so);
  const input = session.inputNames[0];
  const output = o.output ?? session.outputNames[0];
  const D = rowShape.reduce((a, b) => a * b, 1);
  const fixedOne = (session.inputMetadata as unknown as { shape?: unknown[] }[])[0].shape?.[0] === 1;
  const tensor = (x: Float32Array, n: number) => new ort.Tensor('float32', x.slice(), [n, ...rowShape]);
  const run = async (x: Float32Array, n: number): Promise<Float32Array> => Float32Array.from((await session.run({ [input]: tensor(x, n) }, [output]))[output].data as Float32Array);
  const gradient = o.gradient
    ? await prepareGradient({ bytes, wrt: [input], output, outputKind: o.kind ?? 'logits', sessionOptions: so, probeFeeds: (n) => ({ [input]: tensor(o.x.subarray(0, n * D), n) }) })
    : null;
  const classes = gradient?.classes ?? (await run(o.x.subarray(0, D), 1)).length;
  const setup = {
    classes, D, batch: fixedOne ? 1 : 64,
    feeds: (x: Float32Array) => ({ [input]: tensor(x, x.length / D) }),
    forward: (f: Record<string, ort.Tensor>, n: number) => run(f[input].data as Float32Array, n),
  };
  return {
    D, rowShape, classes,
    oracle: () => (gradient ? whiteBoxOracle({ ...setup, gradBatch: 64, gradient, wrt: [{ name: input, offset: 0, width: D }], sessionOptions: so }) : forwardOracle(setup)),
  };
}

/** The oracle with per-point evaluation counts (by point id). */
function counting(base: ModelOracle, ids: Int32Array, counts: Map<number, number>): ModelOracle {
  const add = (points: Int32Array) => { for (const p of points) counts.set(ids[p], (counts.get(ids[p]) ?? 0) + 1); };
  const o: ModelOracle = {
    classes: base.classes,
    get queries() { return base.queries; },
    set queries(v: number) { base.queries = v; },
    logits: (x, points) => { add(points); return base.logits(x, points); },
  };
  if (base.lossAndGrad) {
    const lg = base.lossAndGrad.bind(base);
    o.lossAndGrad = (x, points, labels, loss, targets) => { add(points); return lg(x, points, labels, loss, targets); };
  }
  return o;
}

interface Outcome { broken: number; x: string; queries: number; distance?: number }

/** Attacks the points `order` (indices into x / ids) in that order, `perCall` points per attack call. */
async function attackPoints(s: Subject, atk: Attack, c: Constraints, x: Float32Array, y: Int32Array, ids: Int32Array, order: number[], perCall: number): Promise<Map<number, Outcome>> {
  const D = s.D, n = order.length;
  const x0 = new Float32Array(n * D);
  order.forEach((p, r) => x0.set(x.subarray(p * D, p * D + D), r * D));
  const pid = Int32Array.from(order, (p) => ids[p]);
  const counts = new Map<number, number>();
  const base = s.oracle();
  try {
    const res = await runInChunks(atk, {
      x0, n, shape: s.rowShape, labels: Int32Array.from(order, (p) => y[p]), active: new Uint8Array(n).fill(1),
      constraints: c, oracle: counting(base, pid, counts), ids: pid, seed: SEED,
    }, perCall);
    const dist = (res as { distance?: Float64Array }).distance;
    const out = new Map<number, Outcome>();
    for (let r = 0; r < n; r++) {
      const row = res.xAdv.subarray(r * D, r * D + D);
      out.set(pid[r], {
        broken: res.success[r], x: Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('base64'), queries: counts.get(pid[r]) ?? 0,
        ...(dist ? { distance: dist[r] } : {}),
      });
    }
    return out;
  } finally {
    await base.release();
  }
}

/** The four groupings of the same points; every point's outcome must be the same in each. Returns the broken count. */
async function assertGroupingFree(s: Subject, atk: Attack, c: Constraints, x: Float32Array, y: Int32Array, ids: Int32Array): Promise<number> {
  const n = ids.length;
  const natural = Array.from({ length: n }, (_, i) => i);
  const shuffled = natural.slice();
  rng(3, 'order-independence').shuffle(shuffled);
  const whole = await attackPoints(s, atk, c, x, y, ids, natural, n);
  const groupings: [string, Promise<Map<number, Outcome>>[]][] = [
    ['shuffled', [attackPoints(s, atk, c, x, y, ids, shuffled, n)]],
    ['reversed, 3 points per call', [attackPoints(s, atk, c, x, y, ids, natural.slice().reverse(), 3)]],
    ['two disjoint halves', [attackPoints(s, atk, c, x, y, ids, shuffled.slice(0, n >> 1), n), attackPoints(s, atk, c, x, y, ids, shuffled.slice(n >> 1), n)]],
  ];
  for (const [label, parts] of groupings) {
    const got = new Map<number, Outcome>();
    for (const part of parts) for (const [id, o] of await part) got.set(id, o);
    assert.equal(got.size, n, label);
    for (const [id, o] of whole) assert.deepEqual(got.get(id), o, `${atk.name}, ${label}: point ${id}`);
  }
  let broken = 0;
  for (const o of whole.values()) broken += o.broken;
  // not a trivial run: some points broken, some not, and the attack evaluated the model
  assert.ok(broken > 0 && broken < n, `${atk.name}: ${broken} of ${n} broken`);
  return broken;
}

/** Labels the points with the model's own predictions (labels: predicted), so that every point is attacked. */
async function predicted(s: Subject, x: Float32Array, n: number): Promise<Int32Array> {
  const o = s.oracle();
  const z = await o.logits(x.slice(0, n * s.D), Int32Array.from({ length: n }, (_, i) => i));
  await o.release();
  return Int32Array.from({ length: n }, (_, i) => argmaxRow(z, i * s.classes, s.classes));
}

/** Dataset row ids that are not 0..n-1 (the streams are keyed by them, not by positions). */
const rowIds = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => 1000 + 7 * i);

test('credit MLP (tabular, 2 classes): APGD-CE, APGD-margin, PGD, FGSM, Square and HSJA outcomes do not depend on how the points are grouped', async () => {
  const lines = readFileSync(new URL('examples/credit/data/eval.csv', ROOT), 'utf8').trim().split('\n').slice(1, 25);
  const x = Float32Array.from(lines.flatMap((l) => l.split(',').slice(1, 7).map(Number)));
  const n = lines.length, D = 6;
  const s = await subject(file('examples/credit/model/model.onnx'), [D], { output: 'logits', gradient: true, x });
  const y = await predicted(s, x, n);
  // epsilon: a share of each feature's standard deviation (the example's epsilon-scale: std)
  const std = Float64Array.from({ length: D }, (_, j) => {
    let m = 0, q = 0;
    for (let i = 0; i < n; i++) m += x[i * D + j] / n;
    for (let i = 0; i < n; i++) q += (x[i * D + j] - m) ** 2 / n;
    return Math.sqrt(q);
  });
  const c = makeConstraints({ D, norm: 'linf', eps: Float64Array.from(std, (v) => 0.3 * v) });
  const c2 = makeConstraints({ D, norm: 'l2', eps: Float64Array.from(std, (v) => 0.3 * v) });
  const ids = rowIds(n);
  for (const atk of [apgd({ loss: 'ce', steps: 20 }), apgd({ loss: 'margin', steps: 20, restarts: 2 }), pgd({ steps: 10, restarts: 2 }), fgsm(), makeSquare({ queries: 200 })]) {
    await assertGroupingFree(s, atk, c, x, y, ids);
  }
  await assertGroupingFree(s, apgd({ loss: 'ce', steps: 20 }), c2, x, y, ids);
  await assertGroupingFree(s, makeHsja({ queries: 300 }), c2, x, y, ids);
});

test('mnist-8 (fixed batch 1; gradient re-batched): APGD-CE, APGD-T, APGD-DLR and Square outcomes do not depend on how the points are grouped', async () => {
  const all = readNpy(new URL('test/fixtures/robustness/mnist-8/mnist-1000-x.npy', ROOT).pathname).data as Float32Array;
  const n = 12, D = 784;
  const x = all.slice(0, n * D);
  const s = await subject(file('test/fixtures/robustness/mnist-8/mnist-8.onnx'), [1, 28, 28], { gradient: true, x });
  const y = await predicted(s, x, n);
  const c = makeConstraints({ D, norm: 'linf', eps: 0.1, lo: 0, hi: 1 });
  const ids = rowIds(n);
  for (const atk of [apgd({ loss: 'ce', steps: 10 }), apgd({ loss: 'dlr-targeted', steps: 5, targetClasses: 3 }), apgd({ loss: 'dlr', steps: 10 })]) {
    await assertGroupingFree(s, atk, c, x, y, ids);
  }
  await assertGroupingFree(s, makeSquare({ queries: 150 }), makeConstraints({ D, norm: 'linf', eps: 0.25, lo: 0, hi: 1 }), x, y, ids);
  // L2 steps follow the gradient's direction, not its sign: a last-bit change of one gradient would show in the bytes
  await assertGroupingFree(s, apgd({ loss: 'ce', steps: 10 }), makeConstraints({ D, norm: 'l2', eps: 1.5, lo: 0, hi: 1 }), x, y, ids);
});

test('torch CNN and GRU fixtures: APGD-CE, APGD-T, PGD, Square (L2) and HSJA outcomes do not depend on how the points are grouped', async () => {
  const T = 'test/fixtures/torch/';
  {
    const x = readNpy(new URL(`${T}cnn-x.npy`, ROOT).pathname).data as Float32Array;
    const n = 16, D = 256;
    const s = await subject(file(`${T}cnn-op13.onnx`), [1, 16, 16], { gradient: true, x });
    const y = await predicted(s, x, n);
    const ids = rowIds(n);
    const c = makeConstraints({ D, norm: 'linf', eps: 0.1 });
    for (const atk of [apgd({ loss: 'ce', steps: 10 }), apgd({ loss: 'dlr-targeted', steps: 5, targetClasses: 2 }), pgd({ steps: 5, restarts: 2 })]) {
      await assertGroupingFree(s, atk, c, x, y, ids);
    }
    const c2 = makeConstraints({ D, norm: 'l2', eps: 4 });
    await assertGroupingFree(s, apgd({ loss: 'ce', steps: 10 }), makeConstraints({ D, norm: 'l2', eps: 3 }), x, y, ids);
    await assertGroupingFree(s, makeSquare({ queries: 150 }), c2, x, y, ids);
    await assertGroupingFree(s, makeHsja({ queries: 200 }), c2, x, y, ids);
  }
  {
    const x = readNpy(new URL(`${T}gru-x.npy`, ROOT).pathname).data as Float32Array;
    const n = 16, D = 48;
    const s = await subject(file(`${T}gru-op13.onnx`), [8, 6], { gradient: true, x });
    const y = await predicted(s, x, n);
    const c = makeConstraints({ D, norm: 'linf', eps: 0.1 });
    for (const atk of [apgd({ loss: 'ce', steps: 10 }), makeSquare({ queries: 100 })]) await assertGroupingFree(s, atk, c, x, y, rowIds(n));
  }
});

test('tree ensemble (16 features): the tree attack’s outcomes and distances do not depend on how the points are grouped', async () => {
  const bytes = file('test/fixtures/robustness-blackbox/trees-16d.onnx');
  const n = 16, D = 16;
  const R = rng(5, 'order-independence/trees');
  const x = Float32Array.from({ length: n * D }, () => R.next());
  const s = await subject(bytes, [D], { output: 'scores', gradient: false, x });
  const y = await predicted(s, x, n);
  const c = makeConstraints({ D, norm: 'linf', eps: 0.05, lo: 0, hi: 1 });
  await assertGroupingFree(s, makeTreeAttack({ splits: treeSplits(bytes, D), queries: 300 }), c, x, y, rowIds(n));
});
