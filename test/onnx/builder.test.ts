import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { GraphBuilder, attr, mapType, sequenceType, tensorType } from '../../src/model/onnx/builder.ts';
import { decodeModel, encodeModel, attrFloat, attrInt, attrFloats, AttributeType } from '../../src/model/onnx/proto.ts';
import { TensorDataType } from '../../src/model/onnx/tensor.ts';
import { rng } from '../../src/util/random.ts';

function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(d <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]} (|d| = ${d})`);
  }
}

const f32 = (n: number, r: ReturnType<typeof rng>): Float32Array => Float32Array.from({ length: n }, () => r.uniform(-1, 1));

test('Gemm (transB, alpha, beta, broadcast C) matches a hand computation', async () => {
  const r = rng(1, 'builder-gemm');
  const A = f32(2 * 3, r);
  const B = f32(4 * 3, r); // [4,3], used transposed
  const C = f32(4, r);
  const g = new GraphBuilder('gemm');
  const a = g.input('a', 'float32', ['N', 3]);
  const b = g.initializer('B', B, [4, 3]);
  const c = g.initializer('C', C, [4]);
  const y = g.node('Gemm', [a, b, c], { transB: 1, alpha: attr.f(0.5), beta: attr.f(2) });
  g.output(y, 'float32', ['N', 4]);
  const bytes = g.toModel({ opset: 17, irVersion: 8, producer: 'model-gate-test' });

  // the attributes are typed as asked
  const node = decodeModel(bytes).graph!.node[0];
  assert.equal(node.attribute.find((x) => x.name === 'alpha')!.type, AttributeType.FLOAT);
  assert.equal(node.attribute.find((x) => x.name === 'transB')!.type, AttributeType.INT);
  assert.equal(attrFloat(node, 'beta'), 2);
  assert.equal(attrInt(node, 'transB'), 1);

  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({ a: new ort.Tensor('float32', A, [2, 3]) });
  const expected: number[] = [];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 4; j++) {
      let acc = 0;
      for (let k = 0; k < 3; k++) acc += A[i * 3 + k] * B[j * 3 + k];
      expected.push(0.5 * acc + 2 * C[j]);
    }
  }
  assert.deepEqual(out[y].dims, [2, 4]);
  closeTo(out[y].data as Float32Array, expected, 1e-6, 'Gemm');
  await s.release();
});

test('Conv + Relu + MaxPool matches a hand computation', async () => {
  const r = rng(2, 'builder-conv');
  const H = 5;
  const X = f32(H * H, r);
  const W = f32(2 * 9, r);
  const Bc = new Float32Array([0.1, -0.2]);
  const g = new GraphBuilder('convnet');
  const x = g.input('x', 'float32', [1, 1, H, H]);
  const w = g.initializer('W', W, [2, 1, 3, 3]);
  const bb = g.initializer('B', Bc, [2]);
  const conv = g.node('Conv', [x, w, bb], { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] });
  const relu = g.node('Relu', [conv]);
  const pool = g.node('MaxPool', [relu], { kernel_shape: [2, 2], strides: [2, 2] });
  g.output(pool, 'float32', [1, 2, 2, 2]);
  const s = await ort.InferenceSession.create(g.toModel());
  const out = await s.run({ x: new ort.Tensor('float32', X, [1, 1, H, H]) });

  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= H || j >= H ? 0 : X[i * H + j]);
  const act: number[][][] = [];
  for (let m = 0; m < 2; m++) {
    act.push([]);
    for (let i = 0; i < H; i++) {
      act[m].push([]);
      for (let j = 0; j < H; j++) {
        let acc = Bc[m];
        for (let di = 0; di < 3; di++) for (let dj = 0; dj < 3; dj++) acc += W[m * 9 + di * 3 + dj] * at(i + di - 1, j + dj - 1);
        act[m][i].push(Math.max(0, acc));
      }
    }
  }
  const expected: number[] = [];
  for (let m = 0; m < 2; m++) {
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        expected.push(Math.max(act[m][2 * i][2 * j], act[m][2 * i][2 * j + 1], act[m][2 * i + 1][2 * j], act[m][2 * i + 1][2 * j + 1]));
      }
    }
  }
  assert.deepEqual(out[pool].dims, [1, 2, 2, 2]);
  closeTo(out[pool].data as Float32Array, expected, 1e-6, 'Conv+Relu+MaxPool');
  await s.release();
});

test('MatMul + Add + Softmax matches a hand computation', async () => {
  const r = rng(3, 'builder-softmax');
  const X = f32(3 * 3, r);
  const W = f32(3 * 4, r);
  const b = f32(4, r);
  const g = new GraphBuilder('mlp');
  const x = g.input('x', 'float32', ['batch', 3]);
  const mm = g.node('MatMul', [x, g.initializer('W', W, [3, 4])]);
  const logits = g.node('Add', [mm, g.constant('b', b, [4])]);
  const probs = g.node('Softmax', [logits], { axis: -1 }, { outputs: ['probs'] });
  g.output(probs, 'float32', ['batch', 4]);
  g.output(logits, 'float32', ['batch', 4]);
  const s = await ort.InferenceSession.create(g.toModel({ opset: 13 }));
  const out = await s.run({ x: new ort.Tensor('float32', X, [3, 3]) });
  const expP: number[] = [];
  const expZ: number[] = [];
  for (let i = 0; i < 3; i++) {
    const z = [0, 1, 2, 3].map((j) => b[j] + X[i * 3] * W[j] + X[i * 3 + 1] * W[4 + j] + X[i * 3 + 2] * W[8 + j]);
    const mx = Math.max(...z);
    const e = z.map((v) => Math.exp(v - mx));
    const sum = e.reduce((p, v) => p + v, 0);
    expZ.push(...z);
    expP.push(...e.map((v) => v / sum));
  }
  closeTo(out.probs.data as Float32Array, expP, 1e-6, 'softmax');
  closeTo(out[logits].data as Float32Array, expZ, 1e-6, 'logits');
  await s.release();
});

test('ai.onnx.ml LinearClassifier (+ ZipMap output type) matches a hand computation', async () => {
  const coef = [0.5, -1.25, 2, 0.75, -0.5, 1.5]; // 3 classes x 2 features
  const intercepts = [0.1, -0.3, 0.25];
  const g = new GraphBuilder('linear-classifier');
  const x = g.input('X', 'float32', ['N', 2]);
  const [label, scores] = g.nodeMulti(
    'LinearClassifier',
    [x],
    {
      coefficients: attr.floats(coef),
      intercepts: attr.floats(intercepts),
      classlabels_ints: [0, 1, 2],
      post_transform: 'NONE',
    },
    { domain: 'ai.onnx.ml', outputs: ['label', 'scores'] },
  );
  const zip = g.node('ZipMap', [scores], { classlabels_int64s: [0, 1, 2] }, { domain: 'ai.onnx.ml', outputs: ['probability_map'] });
  g.output(label, 'int64', ['N']);
  g.output(scores, 'float32', ['N', 3]);
  g.output(zip, sequenceType(mapType('int64', tensorType('float32'))));
  const bytes = g.toModel({ opset: 17, metadata: { purpose: 'test', owner: 'model-gate' } });

  const m = decodeModel(bytes);
  assert.deepEqual(
    m.opsetImport.map((o) => [o.domain, o.version]),
    [
      ['', 17],
      ['ai.onnx.ml', 3],
    ],
  );
  assert.deepEqual(m.metadataProps, [
    { key: 'purpose', value: 'test' },
    { key: 'owner', value: 'model-gate' },
  ]);
  assert.deepEqual(attrFloats(m.graph!.node[0], 'coefficients'), coef);

  const s = await ort.InferenceSession.create(bytes);
  const X = new Float32Array([1, 2, -1, 0.5, 3, -2, 0, 0]);
  const out = await s.run({ X: new ort.Tensor('float32', X, [4, 2]) }, ['label', 'scores']);
  const expScores: number[] = [];
  const expLabels: number[] = [];
  for (let i = 0; i < 4; i++) {
    const z = [0, 1, 2].map((c) => coef[c * 2] * X[i * 2] + coef[c * 2 + 1] * X[i * 2 + 1] + intercepts[c]);
    expScores.push(...z);
    expLabels.push(z.indexOf(Math.max(...z)));
  }
  closeTo(out.scores.data as Float32Array, expScores, 1e-6, 'scores');
  assert.deepEqual(Array.from(out.label.data as BigInt64Array, Number), expLabels);
  await s.release();
});

test('ai.onnx.ml TreeEnsembleClassifier built by hand follows its splits', async () => {
  // 3 class labels (class 30 gets no weight): with exactly 2 labels onnxruntime switches to its binary special case,
  // which rewrites scores and labels (measured on ORT 1.30: row [0,0] gave scores [-1.25, 1.25] and label 1).
  // tree 0: x0 <= 0.5 ? leaf(class 0 += 1) : leaf(class 1 += 1)
  // tree 1: x1 <= -1 ? leaf(class 1 += 0.5) : (x0 <= 2 ? leaf(class 0 += 0.25) : leaf(class 1 += 2))
  const g = new GraphBuilder('trees');
  const x = g.input('X', 'float32', ['N', 2]);
  const [label, proba] = g.nodeMulti(
    'TreeEnsembleClassifier',
    [x],
    {
      nodes_treeids: [0, 0, 0, 1, 1, 1, 1, 1],
      nodes_nodeids: [0, 1, 2, 0, 1, 2, 3, 4],
      nodes_featureids: [0, 0, 0, 1, 0, 0, 0, 0],
      nodes_modes: ['BRANCH_LEQ', 'LEAF', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'BRANCH_LEQ', 'LEAF', 'LEAF'],
      nodes_values: attr.floats([0.5, 0, 0, -1, 0, 2, 0, 0]),
      nodes_truenodeids: [1, 0, 0, 1, 0, 3, 0, 0],
      nodes_falsenodeids: [2, 0, 0, 2, 0, 4, 0, 0],
      class_treeids: [0, 0, 1, 1, 1],
      class_nodeids: [1, 2, 1, 3, 4],
      class_ids: [0, 1, 1, 0, 1],
      class_weights: attr.floats([1, 1, 0.5, 0.25, 2]),
      classlabels_int64s: [10, 20, 30],
      post_transform: 'NONE',
    },
    { domain: 'ai.onnx.ml', outputs: 2 },
  );
  g.output(label, 'int64', ['N']);
  g.output(proba, "float32", ["N", 3]);
  const s = await ort.InferenceSession.create(g.toModel({ opset: 17, opsets: { 'ai.onnx.ml': 3 } }));
  const rows = [
    [0, 0],
    [1, 0],
    [1, -2],
    [3, 5],
    [0.5, -1],
  ];
  const out = await s.run({ X: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 2]) });
  const exp: number[] = [];
  const expLabel: number[] = [];
  for (const [a, b] of rows) {
    const sc = [0, 0, 0];
    sc[a <= 0.5 ? 0 : 1] += 1;
    if (b <= -1) sc[1] += 0.5;
    else if (a <= 2) sc[0] += 0.25;
    else sc[1] += 2;
    exp.push(...sc);
    expLabel.push([10, 20, 30][sc.indexOf(Math.max(...sc))]);
  }
  closeTo(out[proba].data as Float32Array, exp, 1e-7, 'tree scores');
  assert.deepEqual(Array.from(out[label].data as BigInt64Array, Number), expLabel);
  await s.release();
});

test('If with subgraph attributes (outer-scope references) runs both branches', async () => {
  const g = new GraphBuilder('cond');
  const c = g.input('c', 'bool', []);
  const x = g.input('x', 'float32', [3]);
  const thenG = g.subgraph('then');
  thenG.output(thenG.node('Mul', [x, thenG.constant('two', new Float32Array([2]), [1])]), 'float32', [3]);
  const elseG = g.subgraph('else');
  elseG.output(elseG.node('Add', [x, elseG.constant('one', new Float32Array([1]), [1])]), 'float32', [3]);
  const y = g.node('If', [c], { then_branch: thenG, else_branch: elseG }, { outputs: ['y'] });
  g.output(y, 'float32', [3]);
  const bytes = g.toModel({ opset: 17 });
  const node = decodeModel(bytes).graph!.node[0];
  assert.equal(node.attribute[0].type, AttributeType.GRAPH);
  const s = await ort.InferenceSession.create(bytes);
  const xv = new ort.Tensor('float32', new Float32Array([1, -2, 0.5]), [3]);
  const t = await s.run({ c: new ort.Tensor('bool', [true], []), x: xv });
  assert.deepEqual(Array.from(t.y.data as Float32Array), [2, -4, 1]);
  const e = await s.run({ c: new ort.Tensor('bool', [false], []), x: xv });
  assert.deepEqual(Array.from(e.y.data as Float32Array), [2, -1, 1.5]);
  await s.release();
});

test('builder names: generated names are unique, clashing initializer names are renamed, duplicates rejected', () => {
  const g = new GraphBuilder('names');
  const x = g.input('x', 'float32', [2]);
  const a = g.node('Relu', [x]);
  const b = g.node('Relu', [a]);
  assert.notEqual(a, b);
  const w1 = g.initializer('w', new Float32Array([1, 2]), [2]);
  const w2 = g.initializer('w', new Float32Array([3, 4]), [2]);
  assert.equal(w1, 'w');
  assert.notEqual(w2, 'w');
  assert.throws(() => g.input('x', 'float32', [2]), /already used/);
  assert.throws(() => g.node('Relu', [x], {}, { outputs: [a] }), /already used/);
  const names = g.graph.node.map((n) => n.name);
  assert.equal(new Set(names).size, names.length);
  assert.throws(() => g.node('Foo', [x], { empty: [] }), /ambiguous/);
  // dangling references are caught before serialising
  g.node('Add', [x, 'typo']);
  assert.throws(() => g.toModel(), /uses 'typo' before it is produced/);
  const h = new GraphBuilder('h');
  h.input('x', 'float32', [1]);
  h.output('nothing', 'float32', [1]);
  assert.throws(() => h.toModel(), /output 'nothing' is not produced/);
});

test('extending a decoded real model in place: mnist-8 + Softmax output, names do not clash', async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../fixtures/onnx/mnist-8.onnx', import.meta.url)));
  const m = decodeModel(bytes);
  const g = new GraphBuilder(m.graph!);
  // a generated name never reuses an existing one
  assert.ok(!['Plus214_Output_0', 'Input3', 'Parameter5'].includes(g.uniqueName('Plus214_Output_0')));
  assert.throws(() => g.node('Relu', ['Input3'], {}, { outputs: ['Plus214_Output_0'] }), /already used/);
  const probs = g.node('Softmax', ['Plus214_Output_0'], { axis: 1 }, { outputs: ['probs'] });
  g.output(probs, 'float32', [1, 10]);
  g.check();
  const extended = encodeModel(m);
  const r = rng(4, 'builder-mnist-extend');
  const x = new ort.Tensor('float32', Float32Array.from({ length: 784 }, () => r.next()), [1, 1, 28, 28]);
  const orig = await ort.InferenceSession.create(bytes);
  const ext = await ort.InferenceSession.create(extended);
  const a = await orig.run({ Input3: x });
  const b = await ext.run({ Input3: x });
  const z = Array.from(a.Plus214_Output_0.data as Float32Array);
  assert.deepEqual(Array.from(b.Plus214_Output_0.data as Float32Array), z); // logits unchanged
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const sum = e.reduce((p, v) => p + v, 0);
  closeTo(b.probs.data as Float32Array, e.map((v) => v / sum), 1e-6, 'softmax(mnist logits)');
  await orig.release();
  await ext.release();
});
