/**
 * Representations from the graph (src/model/representations.ts) on real models: the poisoning fixtures (torch CNN and
 * MLP; torch's own activations at the input of the final Linear are the reference, test/fixtures/poisoning/SOURCE.md),
 * mnist-8 (a CNTK export) and an sklearn tree ensemble (no layer: the error). The model and datasets are loaded the
 * way the engine loads them (loadModel, loadDataset) and wrapped into the GateModel the engine gives gates.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { loadModel, type LoadedModel } from '../../src/model/load.ts';
import { loadDataset, type DatasetSpec } from '../../src/data/load.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { GateModel } from '../../src/gates/types.ts';
import { predict } from '../../src/model/predict.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';
import { tensorToArray } from '../../src/model/onnx/tensor.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { GateError } from '../../src/errors.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { extractRepresentations, findRepresentationLayer, type RepresentationModel } from '../../src/model/representations.ts';
import type { ProgressEvent } from '../../src/types/progress.ts';
import { FIXTURES, ROOT, makeWorkspace } from '../helpers/workspace.ts';
import { readNpy, npyInts } from '../robustness/helpers.ts';

const POISON = path.join(FIXTURES, 'poisoning');
const budget = { checkBudget() {} };
const allRows = (ds: Dataset) => Int32Array.from({ length: ds.rows }, (_, i) => i);

/** The model and datasets as the engine loads them, and the GateModel it builds for gates (src/engine/run.ts). */
async function engineModel(ws: string, modelRel: string, specs: Record<string, DatasetSpec>): Promise<{ loaded: LoadedModel; model: GateModel; datasets: Map<string, Dataset> }> {
  const abs = path.join(ws, modelRel);
  const bytes = readFileSync(abs);
  const loaded = await loadModel({ abs, rel: modelRel, bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: modelRel }, subjectAbs: abs, workspace: ws, position: () => undefined });
  const datasets = new Map<string, Dataset>();
  for (const [name, spec] of Object.entries(specs)) datasets.set(name, await loadDataset(name, spec, { workspace: ws, workingDirectory: ws }));
  const model: GateModel = {
    bytes: loaded.bytes,
    externalData: loaded.externalData,
    output: { name: loaded.output.name, kind: loaded.output.kind },
    classes: loaded.output.classes ?? 0,
    threads: loaded.threads,
    featureView: (name: string) => loaded.featureView(datasets.get(name)!),
    run: (feeds, outputs) => loaded.session.run(feeds, outputs),
  };
  return { loaded, model, datasets };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function throwsGate(f: () => unknown, code: string, ...parts: string[]): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof GateError, String(e));
    assert.equal(e.code, code);
    assert.ok(!e.message.includes('\n'), 'one line');
    for (const p of parts) assert.ok(e.message.includes(p), `${JSON.stringify(p)} in: ${e.message}`);
    return true;
  });
}

const imageSpec = (c: string): DatasetSpec => ({ path: `poisoning/${c}-x.npy`, labels: `poisoning/${c}-y.npy`, transform: { scale: 255 } });

test('clean CNN: the penultimate tensor is the input of the final Gemm and equals torch\'s activations on all 2,000 rows', async () => {
  const { loaded, model, datasets } = await engineModel(FIXTURES, 'poisoning/clean.onnx', { train: imageSpec('clean') });
  try {
    const events: ProgressEvent[] = [];
    let budgetCalls = 0;
    const r = await extractRepresentations(model, 'train', allRows(datasets.get('train')!), { checkBudget: () => { budgetCalls++; }, progress: (e) => events.push(e) });
    assert.deepEqual(r.layer, { tensor: '/Relu_2_output_0', dim: 64, how: 'penultimate', via: 'input of Gemm "/fc2/Gemm"' });
    assert.equal(r.rows, 2000);
    assert.equal(r.dim, 64);
    const ref = readNpy(path.join(POISON, 'clean-penultimate.npy'));
    assert.deepEqual(ref.shape, [2000, 64]);
    const d = maxAbsDiff(r.data, ref.data as Float32Array);
    assert.ok(d < 1e-4, `max abs diff ${d}`);
    // batched like predictions: one budget check per batch; a start and an end event over all rows
    const bs = model.featureView('train').batchSize;
    assert.equal(budgetCalls, Math.ceil(2000 / bs));
    assert.deepEqual([events[0].phase, events[0].total, events.at(-1)!.phase, events.at(-1)!.done], ['start', 2000, 'end', 2000]);
  } finally {
    await loaded.session.release();
  }
});

test('trigger-45 CNN: the planted rows only (a gathered row set) give torch\'s activations of those rows, in the order asked', async () => {
  const { loaded, model } = await engineModel(FIXTURES, 'poisoning/trigger-45.onnx', { train: imageSpec('trigger-45') });
  try {
    const planted = npyInts(path.join(POISON, 'trigger-45-planted.npy'));
    assert.equal(planted.length, 159);
    const rows = planted.slice().reverse(); // descending: not the dataset's order
    const r = await extractRepresentations(model, 'train', rows, budget);
    assert.equal(r.rows, 159);
    const ref = readNpy(path.join(POISON, 'trigger-45-penultimate.npy')).data as Float32Array;
    const want = new Float32Array(159 * 64);
    rows.forEach((row, i) => want.set(ref.subarray(row * 64, row * 64 + 64), i * 64));
    const d = maxAbsDiff(r.data, want);
    assert.ok(d < 1e-4, `max abs diff ${d}`);
  } finally {
    await loaded.session.release();
  }
});

test('adult-flip MLP on the CSV: the 32 activations before the last Linear equal torch\'s on all 3,000 rows', async () => {
  const { loaded, model, datasets } = await engineModel(FIXTURES, 'poisoning/adult-flip.onnx', { train: { path: 'poisoning/adult-flip.csv', label: 'label' } });
  try {
    const r = await extractRepresentations(model, 'train', allRows(datasets.get('train')!), budget);
    assert.deepEqual(r.layer, { tensor: '/Relu_1_output_0', dim: 32, how: 'penultimate', via: 'input of Gemm "/fc3/Gemm"' });
    const ref = readNpy(path.join(POISON, 'adult-flip-penultimate.npy'));
    assert.deepEqual(ref.shape, [3000, 32]);
    const d = maxAbsDiff(r.data, ref.data as Float32Array);
    assert.ok(d < 1e-4, `max abs diff ${d}`);
  } finally {
    await loaded.session.release();
  }
});

test('mnist-8 (CNTK, opset 7, batch fixed at 1): the input of its one MatMul; times the weight plus the bias gives the model\'s logits', async () => {
  const { loaded, model, datasets } = await engineModel(FIXTURES, 'onnx/mnist-8.onnx', { eval: { path: 'data/mnist/mnist-1000-x.npy', labels: 'data/mnist/mnist-1000-y.npy' } });
  try {
    // Read the graph another way: the one MatMul node, and the initializers its weight is reshaped from / the bias Add uses.
    const g = decodeModel(readFileSync(path.join(FIXTURES, 'onnx/mnist-8.onnx'))).graph!;
    const matmuls = g.node.filter((n) => n.opType === 'MatMul');
    assert.equal(matmuls.length, 1);
    const layer = findRepresentationLayer(model.bytes, model.output.name);
    assert.equal(model.output.name, 'Plus214_Output_0');
    assert.deepEqual(layer, { tensor: matmuls[0].input[0], dim: 256, how: 'penultimate', via: `input of MatMul ${JSON.stringify(matmuls[0].name)}` });
    assert.equal(layer.tensor, 'Pooling160_Output_0_reshape0');

    const rows = Int32Array.from({ length: 20 }, (_, i) => i * 50);
    const r = await extractRepresentations(model, 'eval', rows, budget);
    assert.equal(r.dim, 256);
    const init = (name: string) => Float32Array.from(tensorToArray(g.initializer.find((t) => t.name === name)!) as Float32Array);
    const W = init('Parameter193'); // [16, 4, 4, 10] reshaped to [256, 10]
    const b = init('Parameter194'); // [1, 10]
    assert.equal(W.length, 2560);
    const { predictions } = await predict(loaded, datasets.get('eval')!, { checkBudget() {}, rows });
    let worst = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let c = 0; c < 10; c++) {
        let z = b[c];
        for (let k = 0; k < 256; k++) z += r.data[i * 256 + k] * W[k * 10 + c];
        worst = Math.max(worst, Math.abs(z - predictions.scores![i * 10 + c]));
      }
    }
    assert.ok(worst < 1e-3, `logits differ by ${worst}`);
  } finally {
    await loaded.session.release();
  }
});

test('a tree ensemble (sklearn) has no penultimate layer: one line naming what was looked for and gates.poisoning.layer', async () => {
  const { loaded, model } = await engineModel(FIXTURES, 'onnx/skl_tree_ensemble_classifier.onnx', {});
  try {
    assert.equal(model.output.name, 'proba_0');
    throwsGate(
      () => findRepresentationLayer(model.bytes, model.output.name),
      'poisoning.no-representation',
      'the input of the last Gemm/MatMul on the path back from output "proba_0"',
      'ai.onnx.ml.TreeEnsembleClassifier',
      'gates.poisoning.layer',
    );
    await assert.rejects(extractRepresentations(model, 'x', Int32Array.of(0), budget), (e: unknown) => e instanceof GateError && e.code === 'poisoning.no-representation');
  } finally {
    await loaded.session.release();
  }
});

test('a named tensor: one that does not exist and a weight are errors naming them; a named one is extracted', async () => {
  const bytes = readFileSync(path.join(POISON, 'clean.onnx'));
  throwsGate(() => findRepresentationLayer(bytes, 'logits', '/fc9/Gemm_output_0'), 'poisoning.layer', '"/fc9/Gemm_output_0"', 'is not a tensor of the model', 'gates.poisoning.layer');
  throwsGate(() => findRepresentationLayer(bytes, 'logits', 'fc2.weight'), 'poisoning.layer', '"fc2.weight"', 'a constant of the model');
  // The flattened features read by fc1: the size comes from fc1's weight [64, 400] (transB), not from a declared shape.
  assert.deepEqual(findRepresentationLayer(bytes, 'logits', '/Flatten_output_0'), { tensor: '/Flatten_output_0', dim: 400, how: 'named', via: 'output of Flatten "/Flatten"' });
  // The pooled map before Flatten: nothing in the graph gives its size (0); onnxruntime's shape inference does.
  assert.equal(findRepresentationLayer(bytes, 'logits', '/MaxPool_1_output_0').dim, 0);

  const { loaded, model } = await engineModel(FIXTURES, 'poisoning/clean.onnx', { train: imageSpec('clean') });
  try {
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 20);
    const flat = await extractRepresentations(model, 'train', rows, { ...budget, layer: '/Flatten_output_0' });
    const pooled = await extractRepresentations(model, 'train', rows, { ...budget, layer: '/MaxPool_1_output_0' });
    assert.equal(pooled.dim, 400);
    assert.equal(pooled.layer.dim, 400);
    assert.deepEqual(pooled.data, flat.data, 'Flatten only reshapes');
    // relu(fc1(flat)) computed here from the weights must give torch's penultimate activations of those rows.
    const g = decodeModel(bytes).graph!;
    const W1 = tensorToArray(g.initializer.find((t) => t.name === 'fc1.weight')!) as Float32Array; // [64, 400]
    const b1 = tensorToArray(g.initializer.find((t) => t.name === 'fc1.bias')!) as Float32Array;
    const ref = readNpy(path.join(POISON, 'clean-penultimate.npy')).data as Float32Array;
    let worst = 0;
    rows.forEach((row, i) => {
      for (let j = 0; j < 64; j++) {
        let z = b1[j];
        for (let k = 0; k < 400; k++) z += W1[j * 400 + k] * flat.data[i * 400 + k];
        worst = Math.max(worst, Math.abs(Math.max(0, z) - ref[row * 64 + j]));
      }
    });
    assert.ok(worst < 1e-4, `max abs diff ${worst}`);
  } finally {
    await loaded.session.release();
  }
});

test('MatMul + bias + Softmax built here: the search walks back through Softmax and the bias Add; values by hand', async () => {
  const g = new GraphBuilder('mlp');
  const x = g.input('x', 'float32', ['N', 2]);
  const W1 = g.initializer('W1', Float32Array.from([1, -1, 2, 0]), [2, 2]);
  const b1 = g.initializer('b1', Float32Array.from([0.5, -1]), [2]);
  const W2 = g.initializer('W2', Float32Array.from([1, 0, -1, 0, 1, 2]), [2, 3]);
  const b2 = g.initializer('b2', Float32Array.from([0, 0, 0]), [3]);
  const h = g.node('Relu', [g.node('Add', [g.node('MatMul', [x, W1]), b1])], {}, { outputs: ['hidden'] });
  const z = g.node('Add', [g.node('MatMul', [h, W2], {}, { name: 'head' }), b2]);
  g.output(g.node('Softmax', [z], { axis: -1 }, { outputs: ['probs'] }), 'float32', ['N', 3]);
  const bytes = g.toModel({ opset: 17 });
  const layer = findRepresentationLayer(bytes, 'probs');
  assert.deepEqual(layer, { tensor: 'hidden', dim: 0, how: 'penultimate', via: 'input of MatMul "head"' });

  const ws = makeWorkspace({ 'm.onnx': bytes, 'd.csv': 'a,b\n1,2\n-1,0.5\n0,-3\n' });
  try {
    const { loaded, model, datasets } = await engineModel(ws.dir, 'm.onnx', { d: { path: 'd.csv' } });
    try {
      // the engine reads the logits before the Softmax; the walk starts there
      assert.notEqual(model.output.name, 'probs');
      const r = await extractRepresentations(model, 'd', allRows(datasets.get('d')!), budget);
      // relu(x·W1 + b1): (1,2) -> (5.5, -2) -> (5.5, 0); (-1,0.5) -> (0.5, 0) -> (0.5, 0); (0,-3) -> (-5.5, -1) -> (0, 0)
      assert.deepEqual([...r.data], [5.5, 0, 0.5, 0, 0, 0]);
      assert.deepEqual({ rows: r.rows, dim: r.dim, layerDim: r.layer.dim }, { rows: 3, dim: 2, layerDim: 2 });
    } finally {
      await loaded.session.release();
    }
  } finally {
    ws.cleanup();
  }
});

test('a tensor whose size per row is not fixed is an error naming it and its shape', async () => {
  // x [N, T, 3] -> Relu "h" [N, T, 3] -> ReduceMean over T "m" [N, 3] -> MatMul -> logits [N, 2]
  const g = new GraphBuilder('seq');
  const x = g.input('x', 'float32', ['N', 'T', 3]);
  const h = g.node('Relu', [x], {}, { outputs: ['h'] });
  const m = g.node('ReduceMean', [h], { axes: [1], keepdims: 0 }, { outputs: ['m'] });
  const W = g.initializer('W', Float32Array.from([1, 0, 0, 1, 1, 1]), [3, 2]);
  g.output(g.node('MatMul', [m, W], {}, { outputs: ['logits'] }), 'float32', ['N', 2]);
  const bytes = g.toModel({ opset: 17 });
  const T = 4;
  const X = Float32Array.from({ length: 2 * T * 3 }, (_, i) => (i % 5) - 2); // 2 rows
  const model: RepresentationModel = {
    bytes, output: { name: 'logits' }, threads: 1,
    featureView: () => ({
      batchSize: 64,
      features: (rows: Int32Array) => { const o = new Float32Array(rows.length * T * 3); rows.forEach((r, i) => o.set(X.subarray(r * T * 3, (r + 1) * T * 3), i * T * 3)); return o; },
      feeds: (v: Float32Array, rows: Int32Array) => ({ x: new ort.Tensor('float32', v, [rows.length, T, 3]) }),
    }),
  };
  await assert.rejects(extractRepresentations(model, 'd', Int32Array.of(0, 1), { ...budget, layer: 'h' }), (e: unknown) => {
    assert.ok(e instanceof GateError && e.code === 'poisoning.layer', String(e));
    assert.ok(e.message.includes('"h"') && e.message.includes('[N, T, 3]'), e.message);
    return true;
  });
  // The default (the MatMul's input, a mean over T): fixed size 3 per row, from onnxruntime's shape inference; by hand.
  const r = await extractRepresentations(model, 'd', Int32Array.of(0, 1), budget);
  assert.equal(r.layer.tensor, 'm');
  assert.equal(r.dim, 3);
  const want: number[] = [];
  for (let row = 0; row < 2; row++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += Math.max(0, X[row * T * 3 + t * 3 + c]);
      want.push(s / T);
    }
  }
  assert.ok(maxAbsDiff(r.data, want) < 1e-6);
  // declared in the graph: the search itself refuses it
  g.valueInfo('h', 'float32', ['N', 'T', 3]);
  throwsGate(() => findRepresentationLayer(g.toModel({ opset: 17 }), 'logits', 'h'), 'poisoning.layer', '"h"', '[N, T, 3]');
});

test('a flatten by Reshape to a computed shape (torch\'s x.view(x.size(0), -1)): onnxruntime infers the rank only, the size comes from the weight or the first batch', async () => {
  // x [N, 2, 3] -> Reshape(x, Concat(Shape(x)[0], [-1])) "flat" [N, ?] -> Gemm (W [6, 2]) or MatMul -> logits [N, 2]
  for (const op of ['Gemm', 'MatMul']) {
    const g = new GraphBuilder('flat');
    const x = g.input('x', 'float32', ['N', 2, 3]);
    const batch = g.node('Gather', [g.node('Shape', [x]), g.initializer('i0', BigInt64Array.of(0n), [1])], { axis: 0 });
    const shape = g.node('Concat', [batch, g.initializer('m1', BigInt64Array.of(-1n), [1])], { axis: 0 });
    const flat = g.node('Reshape', [x, shape], {}, { outputs: ['flat'] });
    const W = g.initializer('W', Float32Array.from({ length: 12 }, (_, i) => i / 10), [6, 2]);
    g.output(g.node(op, [flat, W], {}, { outputs: ['logits'] }), 'float32', ['N', 2]);
    const X = Float32Array.from({ length: 18 }, (_, i) => i - 4); // 3 rows
    const model: RepresentationModel = {
      bytes: g.toModel({ opset: 17 }), output: { name: 'logits' }, threads: 1,
      featureView: () => ({
        batchSize: 2, // two batches: the second must agree with the size the first gave
        features: (rows: Int32Array) => { const o = new Float32Array(rows.length * 6); rows.forEach((r, i) => o.set(X.subarray(r * 6, (r + 1) * 6), i * 6)); return o; },
        feeds: (v: Float32Array, rows: Int32Array) => ({ x: new ort.Tensor('float32', v, [rows.length, 2, 3]) }),
      }),
    };
    const r = await extractRepresentations(model, 'd', Int32Array.of(2, 0, 1), budget);
    assert.deepEqual({ tensor: r.layer.tensor, dim: r.dim, layerDim: r.layer.dim, rows: r.rows }, { tensor: 'flat', dim: 6, layerDim: 6, rows: 3 }, op);
    assert.deepEqual([...r.data], [...X.subarray(12, 18), ...X.subarray(0, 12)], op);
  }
});

test('external data: the session gets the verified weights from memory (the file changed on disk afterwards is never read)', async () => {
  const m = decodeModel(readFileSync(path.join(POISON, 'adult-flip.onnx')));
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const t of m.graph!.initializer) {
    const bytes = Buffer.from(Float32Array.from(tensorToArray(t) as Float32Array).buffer);
    chunks.push(bytes);
    t.rawData = undefined;
    t.floatData = undefined;
    t.dataLocation = 1;
    t.externalData = [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(bytes.length) }];
    offset += bytes.length;
  }
  const weights = Buffer.concat(chunks);
  const ws = makeWorkspace({ 'model/model.onnx': encodeModel(m), 'model/weights.bin': weights, 'd.csv': { copy: path.join(POISON, 'adult-flip.csv') } });
  try {
    const abs = path.join(ws.dir, 'model/model.onnx');
    const bytes = readFileSync(abs);
    const loaded = await loadModel({ abs, rel: 'model/model.onnx', bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: 'model/model.onnx' }, subjectAbs: path.join(ws.dir, 'model'), workspace: ws.dir, position: () => undefined });
    try {
      assert.equal(loaded.externalData.length, 1);
      const ds = await loadDataset('d', { path: 'd.csv', label: 'label' }, { workspace: ws.dir, workingDirectory: ws.dir });
      writeFileSync(path.join(ws.dir, 'model/weights.bin'), Buffer.alloc(weights.length)); // all zeros on disk now
      const model: RepresentationModel = { bytes: loaded.bytes, externalData: loaded.externalData, output: loaded.output, threads: 1, featureView: () => loaded.featureView(ds) };
      const r = await extractRepresentations(model, ds.name, Int32Array.from({ length: 300 }, (_, i) => i * 10), budget);
      assert.equal(r.dim, 32);
      const ref = readNpy(path.join(POISON, 'adult-flip-penultimate.npy')).data as Float32Array;
      const want = Float32Array.from({ length: 300 * 32 }, (_, k) => ref[Math.floor(k / 32) * 10 * 32 + (k % 32)]);
      assert.ok(maxAbsDiff(r.data, want) < 1e-4);
    } finally {
      await loaded.session.release();
    }
  } finally {
    ws.cleanup();
  }
});

test('a linear model (the example logistic regression): the representation is the model input itself', async () => {
  const { loaded, model, datasets } = await engineModel(path.join(ROOT, 'examples/adult'), 'model.onnx', { d: { path: 'adult.csv', label: 'label', exclude: ['sex', 'race'] } });
  try {
    const rows = Int32Array.of(0, 5, 2035);
    const r = await extractRepresentations(model, 'd', rows, budget);
    assert.deepEqual(r.layer, { tensor: 'features', dim: 47, how: 'penultimate', via: 'input of Gemm "Gemm_node"' });
    assert.deepEqual(r.data, loaded.featureView(datasets.get('d')!).features(rows));
  } finally {
    await loaded.session.release();
  }
});
