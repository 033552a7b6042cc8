/**
 * onnxruntime's outputs for a row do not depend on the batch it is in (issue 18: a shard's rows meet other
 * neighbours than in an unsharded run). For each fixture model, on the gate's session settings (src/model/load.ts
 * sessionOptions, 2 threads), 64 rows are run one at a time, in batches of 7, in one batch of 64 and in one batch of
 * 64 in a shuffled order (other neighbours, other positions): every row's scores, and every row's loss and gradient
 * from the gradient models model-gate builds (losses ce and dlr-targeted, or margin for 2 classes), are the same
 * bytes each time.
 *
 * Where it does not hold for a bare session (measured, docs/design.md §7 "Random streams and batches"): the ViT
 * fixture (batches of fewer than max(2, threads) rows against larger ones: its ReduceMean over the tokens, up to
 * 4.8e-7 on the logits, 1.4e-6 on the gradient); tree ensembles on 2 or more threads, whose scores take one of two
 * summation orders, batches of at most 50 rows and larger ones (up to 7.6e-6 on trees-16d's scores; each order is
 * position-free, checked below). The gate's own runs remove both (src/model/batch-rule.ts: small runs padded to
 * max(2, threads) rows, tree ensembles on one thread): the tests at the end check them through the shared
 * predictions, the robustness oracle's logits (through the engine's gate model) and its lossAndGrad.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { prepareGradient, type GradientLoss } from '../../src/model/gradient/index.ts';
import { loadModel, sessionOptions, type LoadedModel } from '../../src/model/load.ts';
import { predict } from '../../src/model/predict.ts';
import { minBatchRows, runAtLeast } from '../../src/model/batch-rule.ts';
import { gateModelOf } from '../../src/engine/gate-model.ts';
import { forwardOracle, whiteBoxOracle } from '../../src/gates/robustness/oracle.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { Policy } from '../../src/policy/types.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { fixedBatchInsideModel } from '../helpers/models.ts';
import { rng } from '../../src/util/random.ts';
import { readNpy } from './helpers.ts';

const ROOT = new URL('../../', import.meta.url);
const N = 64;
const THREADS = 2;
const R = rng(1, 'batch-invariance');

/** N rows: the fixture's rows, then copies of them with a little noise (distinct rows). */
function rowsOf(path: string, D: number): Float32Array {
  const a = readNpy(new URL(path, ROOT).pathname).data as Float32Array;
  const k = Math.min(N, a.length / D);
  return Float32Array.from({ length: N * D }, (_, i) => {
    const r = Math.floor(i / D);
    return a[(r % k) * D + (i % D)] + (r >= k ? 0.01 * R.normal() : 0);
  });
}

/** Per row, the bytes of every output for the rows `order` run in batches of `batch`. */
async function perRow(run: (x: Float32Array, idx: number[]) => Promise<Float32Array[]>, x: Float32Array, D: number, batch: number, order: number[]): Promise<string[]> {
  const out: string[] = new Array(N);
  for (let s = 0; s < order.length; s += batch) {
    const idx = order.slice(s, s + batch);
    const xb = new Float32Array(idx.length * D);
    idx.forEach((p, r) => xb.set(x.subarray(p * D, p * D + D), r * D));
    const outs = await run(xb, idx);
    idx.forEach((p, r) => {
      out[p] = outs.map((o) => {
        const w = o.length / idx.length;
        return Buffer.from(o.buffer, o.byteOffset + r * w * 4, w * 4).toString('base64');
      }).join('|');
    });
  }
  return out;
}

const natural = Array.from({ length: N }, (_, i) => i);
const shuffled = natural.slice();
rng(5, 'batch-invariance/order').shuffle(shuffled);

async function assertInvariant(label: string, run: (x: Float32Array, idx: number[]) => Promise<Float32Array[]>, x: Float32Array, D: number, groupings: [string, number, number[]][]): Promise<void> {
  const [[, b0, o0], ...rest] = groupings;
  const ref = await perRow(run, x, D, b0, o0);
  for (const [name, b, order] of rest) {
    const got = await perRow(run, x, D, b, order);
    const differ = natural.filter((p) => got[p] !== ref[p]);
    assert.deepEqual(differ, [], `${label}: rows that differ between ${groupings[0][0]} and ${name}`);
  }
}

const ALL: [string, number, number[]][] = [['batch 1', 1, natural], ['batches of 7', 7, natural], ['one batch of 64', 64, natural], ['one shuffled batch of 64', 64, shuffled]];

interface Fixture { name: string; file: string; rowShape: number[]; x: () => Float32Array; output?: string; kind?: 'logits' | 'probabilities'; gradient: boolean }

const T = 'test/fixtures/torch/';
const FIXTURES: Fixture[] = [
  { name: 'mnist-8 (CNN)', file: 'test/fixtures/robustness/mnist-8/mnist-8.onnx', rowShape: [1, 28, 28], x: () => rowsOf('test/fixtures/robustness/mnist-8/mnist-1000-x.npy', 784), gradient: true },
  ...['cnn', 'mobilenetv3', 'gru', 'lstm', 'unet'].map((m): Fixture => ({
    name: `torch ${m}`, file: `${T}${m}-op13.onnx`, rowShape: m === 'gru' || m === 'lstm' ? [8, 6] : m === 'mobilenetv3' ? [3, 16, 16] : [1, 16, 16],
    x: () => rowsOf(`${T}${m}-x.npy`, m === 'gru' || m === 'lstm' ? 48 : m === 'mobilenetv3' ? 768 : 256), gradient: true,
  })),
  {
    name: 'credit MLP', file: 'examples/credit/model/model.onnx', rowShape: [6], output: 'logits', gradient: true,
    x: () => Float32Array.from(readFileSync(new URL('examples/credit/data/eval.csv', ROOT), 'utf8').trim().split('\n').slice(1, N + 1).flatMap((l) => l.split(',').slice(1, 7).map(Number))),
  },
];

for (const f of FIXTURES) {
  test(`${f.name}: a row's scores, loss and gradient are the same bytes alone, in batches of 7, of 64, and among other neighbours`, async () => {
    const bytes = new Uint8Array(readFileSync(new URL(f.file, ROOT)));
    const so = sessionOptions(THREADS);
    const session = await ort.InferenceSession.create(bytes, so);
    const input = session.inputNames[0], output = f.output ?? session.outputNames[0];
    const D = f.rowShape.reduce((a, b) => a * b, 1);
    const x = f.x();
    assert.equal(x.length, N * D);
    const tensor = (xb: Float32Array, n: number) => new ort.Tensor('float32', xb.slice(), [n, ...f.rowShape]);
    const fixedOne = (session.inputMetadata as unknown as { shape?: unknown[] }[])[0].shape?.[0] === 1;
    if (!fixedOne) {
      await assertInvariant(`${f.name} scores`, async (xb, idx) => [Float32Array.from((await session.run({ [input]: tensor(xb, idx.length) }, [output]))[output].data as Float32Array)], x, D, ALL);
    }
    const g = await prepareGradient({ bytes, wrt: [input], output, outputKind: f.kind ?? 'logits', sessionOptions: so, probeFeeds: (n) => ({ [input]: tensor(x.subarray(0, n * D), n) }) });
    assert.ok(g.batchable, `${f.name}: the gradient model runs batched`);
    const losses: GradientLoss[] = g.classes >= 4 ? ['ce', 'dlr-targeted'] : ['ce', 'margin'];
    for (const loss of losses) {
      const gs = await ort.InferenceSession.create(g.model(loss), so);
      const outs = ['mg_scores', 'mg_loss', 'mg_grad_0'];
      await assertInvariant(`${f.name} gradient (${loss})`, async (xb, idx) => {
        const feeds: Record<string, ort.Tensor> = {
          [input]: tensor(xb, idx.length),
          mg_label: new ort.Tensor('int64', BigInt64Array.from(idx, (p) => BigInt(p % g.classes)), [idx.length]),
        };
        if (loss === 'dlr-targeted') feeds.mg_target = new ort.Tensor('int64', BigInt64Array.from(idx, (p) => BigInt((p + 1) % g.classes)), [idx.length]);
        const r = await gs.run(feeds, outs);
        return outs.map((k) => Float32Array.from(r[k].data as Float32Array));
      }, x, D, ALL);
      await gs.release();
    }
    await session.release();
  });
}

test('tree ensembles: one thread, every batch alike; two threads, batches of ≤ 50 rows alike and larger batches alike (two summation orders, each position-free)', async () => {
  for (const [file, D, output] of [['test/fixtures/robustness-blackbox/trees-16d.onnx', 16, 'scores'], ['test/fixtures/onnx/skl_tree_ensemble_classifier.onnx', 20, 'proba_0']] as const) {
    const x = Float32Array.from({ length: N * D }, () => R.normal());
    for (const threads of [1, 2]) {
      const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(new URL(file, ROOT))), sessionOptions(threads));
      const run = async (xb: Float32Array, idx: number[]) => [Float32Array.from((await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', xb.slice(), [idx.length, D]) }, [output]))[output].data as Float32Array)];
      const small: [string, number, number[]][] = [['batch 1', 1, natural], ['batches of 7', 7, natural], ['shuffled batches of 50', 50, shuffled]];
      const large: [string, number, number[]][] = [['one batch of 64', 64, natural], ['one shuffled batch of 64', 64, shuffled], ['batches of 51', 51, natural.slice(13).concat(natural.slice(0, 13))]];
      if (threads === 1) await assertInvariant(`${file} 1 thread`, run, x, D, [...small, ...large]);
      else {
        await assertInvariant(`${file} ${threads} threads, small batches`, run, x, D, small);
        // rows 13..63 form the batch of 51; the remaining 13 rows run as a small batch: compare only the large ones
        const ref = await perRow(run, x, D, 64, natural);
        const got = await perRow(run, x, D, 64, shuffled);
        assert.deepEqual(got, ref, `${file} ${threads} threads: shuffled batch of 64`);
        const part = await perRow(run, x, D, 51, natural.slice(13));
        for (let p = 13; p < N; p++) assert.equal(part[p], ref[p], `${file} ${threads} threads: row ${p} in a batch of 51`);
      }
      await session.release();
    }
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The gate's own runs (src/model/batch-rule.ts): the ViT and a tree ensemble too give a row the same bytes in every
// batch, through the shared predictions (src/model/predict.ts on `rows` subsets), the robustness oracle's logits
// (through the engine's gate model) and its lossAndGrad. Without the batch rule these differ: the ViT's rows alone
// (and, on 4 threads, in batches of 2 or 3) take another ReduceMean kernel; the trees' rows in batches of > 50
// another summation order.

const SUBSETS: [string, number[]][] = [
  ['one at a time', natural],
  ['batches of 3', natural],
  ['batches of 7', natural],
  ['50 rows, then 14', natural],
  ['51 shuffled rows, then 13', shuffled],
  ['one batch of 64', natural],
  ['one shuffled batch of 64', shuffled],
];
const sizeOf: Record<string, number[]> = {
  'one at a time': [1], 'batches of 3': [3], 'batches of 7': [7], '50 rows, then 14': [50, 14], '51 shuffled rows, then 13': [51, 13],
  'one batch of 64': [64], 'one shuffled batch of 64': [64],
};

/** The row sets run one after the other for a subset plan: consecutive slices of `order` of the listed sizes (repeated). */
function slices(name: string, order: number[]): number[][] {
  const sizes = sizeOf[name];
  const out: number[][] = [];
  for (let s = 0, k = 0; s < order.length; k++) {
    const n = sizes[Math.min(k, sizes.length - 1)];
    out.push(order.slice(s, s + n));
    s += n;
  }
  return out;
}

/** Per row, the bytes of every output of `run` over the row sets of each plan; asserts they are the same in all. */
async function assertSameBytes(label: string, run: (rows: number[]) => Promise<Float32Array[] | Float64Array[]>): Promise<void> {
  let ref: string[] | null = null;
  for (const [name, order] of SUBSETS) {
    const got: string[] = new Array(N);
    for (const rows of slices(name, order)) {
      const outs = await run(rows);
      rows.forEach((p, r) => {
        got[p] = outs.map((o) => {
          const w = o.length / rows.length;
          return Buffer.from(o.buffer, o.byteOffset + r * w * o.BYTES_PER_ELEMENT, w * o.BYTES_PER_ELEMENT).toString('base64');
        }).join('|');
      });
    }
    if (!ref) ref = got;
    else assert.deepEqual(natural.filter((p) => got[p] !== ref![p]), [], `${label}: rows that differ between ${SUBSETS[0][0]} and ${name}`);
  }
}

async function loaded(file: string, threads: number) {
  const abs = new URL(file, ROOT).pathname;
  const bytes = readFileSync(abs);
  return loadModel({ abs, rel: file, bytes, sha256: sha256Hex(bytes), verified: null, threads, policy: { path: file }, subjectAbs: abs, workspace: ROOT.pathname, position: () => undefined });
}

function tensorDataset(x: Float32Array, rowShape: number[]): Dataset {
  return { name: 'eval', path: 'eval.npy', format: 'npy', sha256: '0'.repeat(64), extraFiles: [], rows: N, columns: new Map(), features: [], tensor: { data: x, shape: [N, ...rowShape] } };
}

async function assertGateRunsInvariant(label: string, model: LoadedModel, ds: Dataset, gradient: boolean): Promise<void> {
  // Shared predictions on row subsets.
  await assertSameBytes(`${label} predictions`, async (rows) => {
    const { predictions } = await predict(model, ds, { checkBudget: () => undefined, rows: Int32Array.from(rows) });
    return [predictions.scores!];
  });
  // The robustness oracle's forward runs, through the engine's gate model (what src/gates/robustness uses).
  const view = model.featureView(ds);
  const gm = gateModelOf(model, { 'memory-budget-mb': 1024, datasets: {} } as unknown as Policy, () => ds);
  const x = view.features(Int32Array.from(natural));
  const D = view.dim;
  const C = (await predict(model, ds, { checkBudget: () => undefined, rows: Int32Array.of(0) })).predictions.classes;
  const setup = {
    classes: C, D, batch: view.batchSize,
    feeds: (xb: Float32Array, points: Int32Array) => view.feeds(xb, points),
    forward: async (feeds: Record<string, ort.Tensor>) => Float32Array.from((await gm.run(feeds, [model.output.name]))[model.output.name].data as Float32Array),
  };
  const pick = (rows: number[]) => {
    const xb = new Float32Array(rows.length * D);
    rows.forEach((p, r) => xb.set(x.subarray(p * D, p * D + D), r * D));
    return xb;
  };
  const plain = forwardOracle(setup);
  await assertSameBytes(`${label} oracle logits`, async (rows) => [await plain.logits(pick(rows), Int32Array.from(rows))]);
  if (!gradient) return;
  const g = await prepareGradient({ bytes: model.bytes, wrt: [model.inputs[0].name], output: model.output.name, outputKind: 'logits', sessionOptions: { intraOpNumThreads: model.threads, interOpNumThreads: 1 }, probeFeeds: (n) => view.feeds(x.slice(0, n * D), new Int32Array(n)) });
  assert.ok(g.batchable);
  for (const gradBatch of [128, 3]) {
    const wb = whiteBoxOracle({ ...setup, gradient: g, wrt: [{ name: model.inputs[0].name, offset: 0, width: D }], gradBatch, sessionOptions: { intraOpNumThreads: model.threads, interOpNumThreads: 1 } });
    for (const loss of ['ce', 'dlr-targeted'] as const) {
      await assertSameBytes(`${label} oracle lossAndGrad (${loss}, ${gradBatch} rows per run)`, async (rows) => {
        const r = await wb.lossAndGrad!(pick(rows), Int32Array.from(rows), Int32Array.from(rows, (p) => p % g.classes), loss, Int32Array.from(rows, (p) => (p + 1) % g.classes));
        return [r.logits, r.loss, r.grad];
      });
    }
    await wb.release();
  }
}

for (const threads of [2, 4]) {
  test(`ViT (torch, opset 13) on ${threads} threads: the gate's predictions, oracle logits and gradients give a row the same bytes alone, in batches of 3, 7, 50, 51, 64 and among shuffled neighbours`, async () => {
    const model = await loaded(`${T}vit-op13.onnx`, threads);
    try {
      assert.equal(model.threads, threads);
      assert.equal(model.minBatch, Math.max(2, threads));
      await assertGateRunsInvariant(`vit ${threads} threads`, model, tensorDataset(rowsOf(`${T}vit-x.npy`, 256), [1, 16, 16]), true);
    } finally {
      await model.session.release();
    }
  });
}

test('tree ensembles asked for 2 threads run on one: the gate\'s predictions and oracle logits give a row the same bytes alone, in batches of 3, 7, 50, 51, 64 and among shuffled neighbours', async () => {
  for (const [file, D] of [['test/fixtures/robustness-blackbox/trees-16d.onnx', 16], ['test/fixtures/onnx/skl_tree_ensemble_classifier.onnx', 20]] as const) {
    const model = await loaded(file, 2);
    try {
      assert.equal(model.threads, 1, `${file}: a tree ensemble's session runs on one thread`);
      const x = Float32Array.from({ length: N * D }, () => R.normal());
      await assertGateRunsInvariant(file, model, tensorDataset(x, [D]), false);
    } finally {
      await model.session.release();
    }
  }
});

test('the batch rule: a model with a fixed batch of 1 is never padded; one that takes any batch runs at least max(2, threads) rows', async () => {
  const mnist = await loaded('test/fixtures/robustness/mnist-8/mnist-8.onnx', 4);
  const cnn = await loaded(`${T}cnn-op13.onnx`, 4);
  try {
    assert.equal(mnist.minBatch, 1);
    assert.equal(mnist.threads, 4);
    assert.equal(cnn.minBatch, 4);
    // A run of 1 row: padded to 4 rows, cut back to 1; the bytes are those of the row in a batch of 4.
    const a = readNpy(new URL(`${T}cnn-x.npy`, ROOT).pathname).data as Float32Array;
    const one = new ort.Tensor('float32', a.slice(0, 256), [1, 1, 16, 16]);
    const out = cnn.output.name;
    const padded = (await runAtLeast(cnn.session, { [cnn.inputs[0].name]: one }, [out], cnn.minBatch))[out];
    assert.deepEqual(padded.dims, [1, (await cnn.session.run({ [cnn.inputs[0].name]: one }, [out]))[out].dims[1]]);
    const four = new Float32Array(4 * 256);
    for (let r = 0; r < 4; r++) four.set(a.subarray(0, 256), r * 256);
    const full = (await cnn.session.run({ [cnn.inputs[0].name]: new ort.Tensor('float32', four, [4, 1, 16, 16]) }, [out]))[out].data as Float32Array;
    assert.deepEqual([...(padded.data as Float32Array)], [...full.subarray(0, padded.data.length)]);
    // An input with a fixed first dimension: no padding; an unknown one takes any batch.
    assert.equal(minBatchRows([{ shape: ['N', 3] }, { shape: [1] }], 2), 1);
    assert.equal(minBatchRows([{ shape: ['', 3] }], 1), 2);
  } finally {
    await mnist.session.release();
    await cnn.session.release();
  }
});

test('runAtLeast runs as given what it could not cut back exactly: an output without the batch axis, a model that cannot take the padded rows, feeds of different first dimensions', async () => {
  const x = new ort.Tensor('float32', Float32Array.from([1.5, -2]), [1, 2]);
  // sum over everything: a padded run would add the copies (3 × -0.5)
  const g = new GraphBuilder('total');
  g.output(g.node('ReduceSum', [g.input('x', 'float32', ['N', 2])], { keepdims: 0 }, { outputs: ['total'] }), 'float32', []);
  const total = await ort.InferenceSession.create(g.toModel({ opset: 13 }), sessionOptions(1));
  const t = (await runAtLeast(total, { x }, ['total'], 3)).total;
  assert.deepEqual([...(t.data as Float32Array)], [-0.5]);
  // a Reshape to [1, 2] inside: 3 rows fail in onnxruntime, 1 row runs
  const fixed = await ort.InferenceSession.create(fixedBatchInsideModel(1), sessionOptions(1));
  const f = (await runAtLeast(fixed, { x }, ['logits'], 3)).logits;
  assert.deepEqual(f.dims, [1, 2]);
  assert.deepEqual([...(f.data as Float32Array)], [1.5 + 2, -1.5 - 2]);
  // two inputs of different first dimensions: run as they are
  const h = new GraphBuilder('two');
  h.output(h.node('Add', [h.input('a', 'float32', ['N', 2]), h.input('b', 'float32', ['M', 2])], {}, { outputs: ['s'] }), 'float32', ['N', 2]);
  const two = await ort.InferenceSession.create(h.toModel({ opset: 13 }), sessionOptions(1));
  const b = new ort.Tensor('float32', Float32Array.from([1, 1, 2, 2]), [2, 2]);
  const sum = (await runAtLeast(two, { a: x, b }, ['s'], 4)).s;
  assert.deepEqual(sum.dims, [2, 2]);
  assert.deepEqual([...(sum.data as Float32Array)], [2.5, -1, 3.5, 0]);
  for (const s of [total, fixed, two]) await s.release();
});

test('with the batch rule the ViT\'s and a tree ensemble\'s predictions are the same bytes on 1, 2 and 4 threads (shards may run on machines with other cores)', async () => {
  for (const [file, rowShape, x] of [
    [`${T}vit-op13.onnx`, [1, 16, 16], rowsOf(`${T}vit-x.npy`, 256)],
    ['test/fixtures/robustness-blackbox/trees-16d.onnx', [16], Float32Array.from({ length: N * 16 }, () => R.normal())],
  ] as const) {
    const ds = tensorDataset(x, [...rowShape]);
    const bytes: string[] = [];
    for (const threads of [1, 2, 4]) {
      const model = await loaded(file, threads);
      try {
        // 64 rows in one batch, and the last 13 alone in a batch of their own
        const all = (await predict(model, ds, { checkBudget: () => undefined })).predictions.scores!;
        const tail = (await predict(model, ds, { checkBudget: () => undefined, rows: Int32Array.from(natural.slice(51)) })).predictions.scores!;
        const C = all.length / N;
        assert.deepEqual([...tail], [...all.subarray(51 * C)], `${file} ${threads} threads: the last 13 rows alone`);
        bytes.push(Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('base64'));
      } finally {
        await model.session.release();
      }
    }
    assert.equal(bytes[1], bytes[0], `${file}: 2 threads against 1`);
    assert.equal(bytes[2], bytes[0], `${file}: 4 threads against 1`);
  }
});
