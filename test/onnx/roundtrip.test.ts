import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import {
  attrInts,
  attrString,
  attrStrings,
  decodeModel,
  encodeModel,
  opsetVersion,
  AttributeType,
  tensorInfo,
} from '../../src/model/onnx/proto.ts';
import type { ModelProto } from '../../src/model/onnx/proto.ts';
import { dataTypeName, tensorToArray, TensorDataType } from '../../src/model/onnx/tensor.ts';
import { rng } from '../../src/util/random.ts';
import { stripZipMap } from '../../src/model/onnx/builder.ts';

const dir = new URL('../fixtures/onnx/', import.meta.url);
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));

const FIXTURES = ['mnist-8.onnx', 'skl_logreg_iris.onnx', 'skl_pipeline_titanic_nozipmap.onnx', 'skl_tree_ensemble_classifier.onnx'];

function dimsOf(m: ModelProto, which: 'input' | 'output', i: number): (number | string | null)[] {
  const v = m.graph![which][i];
  return v.type!.tensorType!.shape!.dim.map((d) => d.dimValue ?? d.dimParam ?? null);
}

async function runBoth(
  original: Uint8Array,
  reencoded: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  fetches?: string[],
): Promise<void> {
  const a = await ort.InferenceSession.create(original);
  const b = await ort.InferenceSession.create(reencoded);
  const ra = fetches ? await a.run(feeds, fetches) : await a.run(feeds);
  const rb = fetches ? await b.run(feeds, fetches) : await b.run(feeds);
  assert.deepEqual(Object.keys(rb).sort(), Object.keys(ra).sort());
  for (const k of Object.keys(ra)) {
    assert.deepEqual(rb[k].dims, ra[k].dims, k);
    const da = ra[k].data;
    const db = rb[k].data;
    if (da instanceof Float32Array) {
      // bit-identical, not just close
      const fb = db as Float32Array;
      assert.deepEqual(new Uint32Array(fb.buffer, fb.byteOffset, fb.length), new Uint32Array(da.buffer, da.byteOffset, da.length), k);
    } else {
      assert.deepEqual(Array.from(db as ArrayLike<unknown>), Array.from(da as ArrayLike<unknown>), k);
    }
  }
  await a.release();
  await b.release();
}

for (const name of FIXTURES) {
  test(`${name}: decode -> encode is byte-identical (the file uses canonical field order) and stable`, () => {
    const bytes = load(name);
    const m = decodeModel(bytes);
    const re = encodeModel(m);
    assert.equal(re.length, bytes.length);
    assert.ok(Buffer.from(re).equals(Buffer.from(bytes)), 'byte-identical re-encoding');
    assert.deepStrictEqual(decodeModel(re), m);
    assert.equal(m.unknownFields, undefined);
  });
}

test('mnist-8: known facts', () => {
  const m = decodeModel(load('mnist-8.onnx'));
  assert.equal(m.irVersion, 3);
  assert.equal(m.producerName, 'CNTK');
  assert.equal(m.producerVersion, '2.5.1');
  // the model zoo calls it "mnist-8" but it imports the default opset 7
  assert.deepEqual(
    m.opsetImport.map((o) => [o.domain, o.version]),
    [['', 7]],
  );
  assert.equal(opsetVersion(m), 7);
  const g = m.graph!;
  assert.equal(g.name, 'CNTKGraph');
  assert.equal(g.input[0].name, 'Input3');
  assert.equal(g.input[0].type!.tensorType!.elemType, TensorDataType.FLOAT);
  assert.deepEqual(dimsOf(m, 'input', 0), [1, 1, 28, 28]);
  assert.deepEqual(tensorInfo(g.input[0]), { elemType: TensorDataType.FLOAT, shape: [1, 1, 28, 28] });
  assert.equal(g.output.length, 1);
  assert.equal(g.output[0].name, 'Plus214_Output_0');
  assert.deepEqual(dimsOf(m, 'output', 0), [1, 10]);
  assert.deepEqual(
    g.node.map((n) => n.opType),
    ['Reshape', 'Conv', 'Add', 'Relu', 'MaxPool', 'Conv', 'Add', 'Relu', 'MaxPool', 'Reshape', 'MatMul', 'Add'],
  );
  // IR 3: initializers are also listed as graph inputs
  assert.equal(g.input.length, 9);
  assert.equal(g.initializer.length, 8);
  const conv = g.node[1];
  assert.deepEqual(attrInts(conv, 'kernel_shape'), [5, 5]);
  assert.equal(attrString(conv, 'auto_pad'), 'SAME_UPPER');
  const w = g.initializer.find((t) => t.name === 'Parameter5')!;
  assert.equal(dataTypeName(w.dataType!), 'float32');
  assert.deepEqual(w.dims, [8, 1, 5, 5]);
  assert.equal(w.floatData!.length, 200); // typed float_data, not raw_data
  const shape = g.initializer.find((t) => t.name === 'Pooling160_Output_0_reshape0_shape')!;
  assert.deepEqual(tensorToArray(shape), BigInt64Array.from([1n, 256n]));
});

test('mnist-8: original and re-encoded models give bit-identical logits in onnxruntime', async () => {
  const bytes = load('mnist-8.onnx');
  const m = decodeModel(bytes);
  // Re-encode a copy whose initializer float_data went through Float32Array, doc strings changed: must not matter
  const re = encodeModel({ ...m, docString: 're-encoded by model-gate' });
  assert.notDeepEqual(Buffer.from(re), Buffer.from(bytes));
  const r = rng(7, 'onnx-roundtrip-mnist');
  for (let k = 0; k < 3; k++) {
    const x = Float32Array.from({ length: 784 }, () => r.next());
    await runBoth(bytes, re, { Input3: new ort.Tensor('float32', x, [1, 1, 28, 28]) });
  }
});

test('skl_logreg_iris: ZipMap, ai.onnx.ml domain, LinearClassifier attributes', async () => {
  const bytes = load('skl_logreg_iris.onnx');
  const m = decodeModel(bytes);
  assert.deepEqual(
    m.opsetImport.map((o) => [o.domain, o.version]),
    [
      ['', 9],
      ['ai.onnx.ml', 1],
    ],
  );
  assert.equal(m.producerName, 'skl2onnx');
  const ops = m.graph!.node.map((n) => `${n.domain ?? ''}:${n.opType}`);
  assert.deepEqual(ops, ['ai.onnx.ml:LinearClassifier', ':Cast', 'ai.onnx.ml:Normalizer', 'ai.onnx.ml:ZipMap']);
  const lc = m.graph!.node[0];
  assert.deepEqual(attrInts(lc, 'classlabels_ints'), [0, 1, 2]);
  assert.equal(attrString(lc, 'post_transform'), 'SOFTMAX');
  const coef = lc.attribute.find((a) => a.name === 'coefficients')!;
  assert.equal(coef.type, AttributeType.FLOATS);
  assert.equal(coef.floats.length, 6); // 3 classes x 2 features (the model takes 2 iris features)
  assert.deepEqual(dimsOf(m, 'input', 0), [null, 2]);
  assert.deepEqual(tensorInfo(m.graph!.input[0]), { elemType: TensorDataType.FLOAT, shape: [null, 2] });
  assert.equal(tensorInfo(m.graph!.output[1]), undefined); // not a tensor
  // the ZipMap output is a sequence of maps int64 -> float
  const zip = m.graph!.output[1];
  assert.equal(zip.name, 'output_probability');
  const mt = zip.type!.sequenceType!.elemType!.mapType!;
  assert.equal(mt.keyType, TensorDataType.INT64);
  assert.equal(mt.valueType!.tensorType!.elemType, TensorDataType.FLOAT);

  // ORT cannot return the ZipMap output: fetch the label from both versions...
  const x = new ort.Tensor('float32', new Float32Array([5.1, 3.5, 6.2, 2.9, 7.7, 2.6, 4.9, 3.1]), [4, 2]);
  await runBoth(bytes, encodeModel(m), { X: x }, ['output_label']);
  // ...and expose the probabilities tensor by removing the ZipMap (its input becomes the output)
  const { model: edited, replaced } = stripZipMap(m);
  assert.deepEqual(replaced, [{ output: 'output_probability', tensor: 'probabilities', labels: [0, 1, 2] }]);
  assert.equal(m.graph!.node.length, 4); // the input model is unchanged
  assert.deepEqual(
    edited.graph!.output.map((o) => o.name),
    ['output_label', 'probabilities'],
  );
  const s = await ort.InferenceSession.create(encodeModel(edited));
  const out = await s.run({ X: x });
  const p = out.probabilities.data as Float32Array;
  const labels = out.output_label.data as BigInt64Array;
  // independent: softmax(coef . x + intercept) in float64, then L1 normalisation (a no-op up to rounding)
  const w = coef.floats;
  const b = lc.attribute.find((a) => a.name === 'intercepts')!.floats;
  const xs = x.data as Float32Array;
  for (let i = 0; i < 4; i++) {
    const z = [0, 1, 2].map((c) => w[c * 2] * xs[i * 2] + w[c * 2 + 1] * xs[i * 2 + 1] + b[c]);
    const mx = Math.max(...z);
    const e = z.map((v) => Math.exp(v - mx));
    const sum = e.reduce((a2, v) => a2 + v, 0);
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(p[i * 3 + c] - e[c] / sum) < 1e-6, `p[${i},${c}]`);
    assert.equal(Number(labels[i]), z.indexOf(mx));
  }
  await s.release();
});

test('skl_pipeline_titanic_nozipmap: string inputs, bit-identical outputs after re-encoding', async () => {
  const bytes = load('skl_pipeline_titanic_nozipmap.onnx');
  const m = decodeModel(bytes);
  assert.deepEqual(
    m.graph!.input.map((v) => [v.name, dataTypeName(v.type!.tensorType!.elemType!)]),
    [
      ['pclass', 'int64'],
      ['sex', 'string'],
      ['age', 'float32'],
      ['fare', 'float32'],
      ['embarked', 'string'],
    ],
  );
  const ohe = m.graph!.node.find((n) => n.opType === 'OneHotEncoder' && n.input[0] === 'embarked')!;
  assert.deepEqual(attrStrings(ohe, 'cats_strings'), ['C', 'Q', 'S', 'missing']);
  const n = 4;
  const feeds = {
    pclass: new ort.Tensor('int64', BigInt64Array.from([1n, 2n, 3n, 3n]), [n, 1]),
    sex: new ort.Tensor('string', ['female', 'male', 'male', 'female'], [n, 1]),
    age: new ort.Tensor('float32', new Float32Array([29, 40, 2, 35]), [n, 1]),
    fare: new ort.Tensor('float32', new Float32Array([211.3, 13, 21.075, 7.25]), [n, 1]),
    embarked: new ort.Tensor('string', ['S', 'C', 'Q', 'S'], [n, 1]),
  };
  await runBoth(bytes, encodeModel(structuredClone(m)), feeds);
});

test('skl_tree_ensemble_classifier: TreeEnsembleClassifier with 30 trees, bit-identical outputs', async () => {
  const bytes = load('skl_tree_ensemble_classifier.onnx');
  const m = decodeModel(bytes);
  assert.equal(m.irVersion, 8);
  assert.equal(opsetVersion(m, 'ai.onnx.ml'), 1);
  assert.equal(m.graph!.node.length, 1);
  const t = m.graph!.node[0];
  assert.equal(t.opType, 'TreeEnsembleClassifier');
  assert.equal(t.domain, 'ai.onnx.ml');
  const treeIds = attrInts(t, 'nodes_treeids')!;
  assert.equal(new Set(treeIds).size, 30);
  assert.equal(treeIds.length, 406);
  assert.deepEqual(attrInts(t, 'classlabels_int64s'), [0, 1, 2]);
  assert.equal(attrString(t, 'post_transform'), 'SOFTMAX');
  const modes = attrStrings(t, 'nodes_modes')!;
  assert.deepEqual(new Set(modes), new Set(['BRANCH_LEQ', 'LEAF']));
  // a tree with k leaves has k-1 branches: 30 trees -> leaves = branches + 30
  const leaves = modes.filter((x) => x === 'LEAF').length;
  assert.equal(leaves, modes.length - leaves + 30);
  const r = rng(11, 'onnx-roundtrip-tree');
  const x = Float32Array.from({ length: 5 * 20 }, () => r.normal());
  await runBoth(bytes, encodeModel(m), { input: new ort.Tensor('float32', x, [5, 20]) });
});
