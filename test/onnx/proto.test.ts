import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { GraphBuilder, attr } from '../../src/model/onnx/builder.ts';
import {
  decodeFunction,
  decodeModel,
  decodeTensor,
  encodeFunction,
  encodeGraph,
  encodeModel,
  encodeTensor,
  OnnxDecodeError,
  AttributeType,
} from '../../src/model/onnx/proto.ts';
import type { ModelProto, TypeProto } from '../../src/model/onnx/proto.ts';
import { rng } from '../../src/util/random.ts';

const dir = new URL('../fixtures/onnx/', import.meta.url);
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));
const cat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function negModel(): { bytes: Uint8Array; model: ModelProto } {
  const g = new GraphBuilder('neg');
  const x = g.input('x', 'float32', [3]);
  const w = g.initializer('w', new Float32Array([1, 2, 3]), [3]);
  const y = g.node('Mul', [g.node('Neg', [x]), w], {}, { outputs: ['y'] });
  g.output(y, 'float32', [3]);
  const model = g.toModelProto({ opset: 17 });
  return { bytes: encodeModel(model), model };
}

async function run(bytes: Uint8Array, x: number[]): Promise<number[]> {
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from(x), [x.length]) });
  await s.release();
  return Array.from(out.y.data as Float32Array);
}

test('unknown fields at every level survive decode -> encode, and onnxruntime still loads the model', async () => {
  const { model } = negModel();
  // ModelProto.configuration (field 26, ONNX 1.18): a DeviceConfigurationProto { name: "cfg" }
  model.unknownFields = [cat([0xd2, 0x01, 5, 0x0a, 3], new TextEncoder().encode('cfg'))];
  // GraphProto field 100, varint 5
  model.graph!.unknownFields = [cat([0xa0, 0x06, 0x05])];
  // NodeProto.device_configurations (field 10), empty message
  model.graph!.node[0].unknownFields = [cat([0x52, 0x00])];
  // TensorProto field 17, fixed32
  model.graph!.initializer[0].unknownFields = [cat([0x8d, 0x01, 1, 2, 3, 4])];
  // ValueInfoProto field 9, fixed64
  model.graph!.input[0].unknownFields = [cat([0x49, 1, 2, 3, 4, 5, 6, 7, 8])];
  const bytes = encodeModel(model);
  const back = decodeModel(bytes);
  assert.deepStrictEqual(back, model);
  assert.ok(Buffer.from(encodeModel(back)).equals(Buffer.from(bytes)));
  assert.deepEqual(await run(bytes, [1, -2, 0.5]), [-1, 4, -1.5]);
});

test('an unknown field appended to a real file is kept and written back byte-identically', () => {
  const orig = load('skl_logreg_iris.onnx');
  const extra = cat([0xb8, 0x3e, 0x2a]); // field 1000, varint 42
  const bytes = cat(orig, extra);
  const m = decodeModel(bytes);
  assert.deepEqual(m.unknownFields, [extra]);
  assert.ok(Buffer.from(encodeModel(m)).equals(Buffer.from(bytes)));
});

test('a singular message field given twice is merged (protobuf semantics), as onnxruntime does', async () => {
  // Graph split in two occurrences of ModelProto.graph: the second brings the second node and the output.
  const g1 = new GraphBuilder('split');
  const x = g1.input('x', 'float32', [3]);
  g1.node('Neg', [x], {}, { outputs: ['n'] });
  const g2 = new GraphBuilder('split');
  g2.node('Mul', ['n', 'n'], {}, { outputs: ['y'] });
  g2.output('y', 'float32', [3]);
  const part1 = encodeModel(g1.toModelProto({ opset: 17 }));
  const g2bytes = encodeGraph({ ...g2.graph, name: undefined });
  const lenVarint = (n: number): number[] => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
  const bytes = cat(part1, [0x3a, ...lenVarint(g2bytes.length)], g2bytes);
  const m = decodeModel(bytes);
  assert.deepEqual(
    m.graph!.node.map((n) => n.opType),
    ['Neg', 'Mul'],
  );
  assert.equal(m.graph!.output[0].name, 'y');
  const viaOrt = await run(bytes, [1, -2, 3]);
  assert.deepEqual(viaOrt, [1, 4, 9]);
  assert.deepEqual(await run(encodeModel(m), [1, -2, 3]), viaOrt);
});

test('repeated scalars: packed and unpacked are both read; the encoding read is the encoding written', () => {
  // TensorProto{dims packed [2,3], data_type 1, float_data unpacked x6}
  const floats = new Float32Array([1, 2, 3, 4, 5, 6]);
  const fb = new Uint8Array(floats.buffer);
  const unpackedFloats = Array.from({ length: 6 }, (_, i) => [0x25, ...fb.subarray(i * 4, i * 4 + 4)]).flat();
  const bytes = cat([0x0a, 2, 2, 3, 0x10, 1], unpackedFloats);
  const t = decodeTensor(bytes);
  assert.deepEqual(t.dims, [2, 3]);
  assert.deepEqual(t.floatData, floats);
  assert.ok(Buffer.from(encodeTensor(t)).equals(Buffer.from(bytes)));
  // a fresh object uses onnx.proto's declared encodings: dims unpacked, float_data packed
  const fresh = encodeTensor({ dims: [2, 3], dataType: 1, floatData: floats, stringData: [], externalData: [], metadataProps: [] });
  assert.deepEqual(Array.from(fresh.subarray(0, 8)), [0x08, 2, 0x08, 3, 0x10, 1, 0x22, 24]);
  // plain number arrays are accepted where typed arrays are declared
  const plain = { dims: [2, 3], dataType: 1, floatData: [1, 2, 3, 4, 5, 6] as unknown as Float32Array, stringData: [], externalData: [], metadataProps: [] };
  assert.ok(Buffer.from(encodeTensor(plain)).equals(Buffer.from(fresh)));
});

test('int64 values: numbers when safe, bigint beyond, negatives as 10-byte varints, typed int64_data exact', () => {
  const g = new GraphBuilder('ints');
  const x = g.input('x', 'float32', [1]);
  g.output(g.node('Identity', [x]), 'float32', [1]);
  g.graph.node[0].attribute.push(
    attr.ints([-1, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -(2n ** 53n)]).make('big'),
    attr.i(-5).make('neg'),
  );
  const t = g.graph.initializer;
  t.push({
    name: 'i64',
    dims: [3],
    dataType: 7,
    int64Data: BigInt64Array.from([-(2n ** 63n), -1n, 2n ** 63n - 1n]),
    stringData: [],
    externalData: [],
    metadataProps: [],
  });
  t.push({
    name: 'u64',
    dims: [2],
    dataType: 13,
    uint64Data: BigUint64Array.from([0n, 2n ** 64n - 1n]),
    stringData: [],
    externalData: [],
    metadataProps: [],
  });
  const bytes = g.toModel();
  const m = decodeModel(bytes);
  const a = m.graph!.node[0].attribute;
  assert.deepEqual(a[0].ints, [-1, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -(2n ** 53n)]);
  assert.equal(typeof a[0].ints[5], 'number');
  assert.equal(typeof a[0].ints[6], 'number');
  assert.equal(typeof a[0].ints[7], 'bigint'); // -2^53 is exact but not a safe integer
  assert.equal(a[0].type, AttributeType.INTS);
  assert.equal(a[1].i, -5);
  assert.deepEqual(m.graph!.initializer[0].int64Data, BigInt64Array.from([-(2n ** 63n), -1n, 2n ** 63n - 1n]));
  assert.deepEqual(m.graph!.initializer[1].uint64Data, BigUint64Array.from([0n, 2n ** 64n - 1n]));
  // -5 as an int64 varint: 10 bytes (tag 0x18 = field 3 varint)
  const neg = [0x18, 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
  assert.ok(Buffer.from(bytes).includes(Buffer.from(neg)));
  assert.ok(Buffer.from(encodeModel(m)).equals(Buffer.from(bytes)));
});

function expectDecodeError(bytes: Uint8Array, pattern: RegExp): OnnxDecodeError {
  try {
    decodeModel(bytes);
  } catch (e) {
    assert.ok(e instanceof OnnxDecodeError, `expected OnnxDecodeError, got ${String(e)}`);
    assert.match(e.message, pattern);
    assert.match(e.message, /at byte \d+/);
    assert.ok(e.offset >= 0 && e.offset <= bytes.length, `offset ${e.offset} within the input`);
    assert.ok(!e.message.includes('\n'));
    return e;
  }
  assert.fail(`no error for ${bytes.length} bytes`);
}

test('decode errors: empty input, truncated files (every prefix of two real models), with byte offsets', () => {
  expectDecodeError(new Uint8Array(0), /empty/);
  for (const name of ['skl_logreg_iris.onnx', 'skl_pipeline_titanic_nozipmap.onnx']) {
    const bytes = load(name);
    for (let k = 1; k < bytes.length; k++) expectDecodeError(bytes.subarray(0, k), /./);
  }
  const mnist = load('mnist-8.onnx');
  const e = expectDecodeError(mnist.subarray(0, 20000), /truncated|runs past/);
  assert.match(e.message, /ModelProto\.graph/);
  for (let k = 1; k < mnist.length; k += 613) expectDecodeError(mnist.subarray(0, k), /./);
});

test('decode errors: random bytes, text files, JSON', () => {
  const r = rng(5, 'onnx-random-bytes');
  for (let i = 0; i < 200; i++) {
    const n = 1 + r.int(2000);
    const bytes = Uint8Array.from({ length: n }, () => r.int(256));
    expectDecodeError(bytes, /./);
  }
  const text = new Uint8Array(readFileSync(new URL('SOURCE.md', dir)));
  expectDecodeError(text, /./);
  expectDecodeError(new TextEncoder().encode('{"irVersion": 8, "graph": {}}\n'), /./);
  expectDecodeError(new TextEncoder().encode('hello world, this is not a model'), /./);
  // valid protobuf that is not an ONNX model: a lone TensorProto
  const tensor = encodeTensor({ dims: [2], dataType: 1, floatData: new Float32Array([1, 2]), stringData: [], externalData: [], metadataProps: [] });
  expectDecodeError(tensor, /not an ONNX model|ir_version|graph/);
});

test('decode error names the wire-type clash and the field path', () => {
  // ModelProto field 7 (graph) as a varint
  const e = expectDecodeError(cat([0x08, 0x08, 0x38, 0x01]), /wire type 0, expected 2/);
  assert.match(e.message, /ModelProto\.graph/);
  assert.equal(e.offset, 2);
  // group wire type
  expectDecodeError(cat([0x08, 0x08, 0x7b]), /group/); // unknown field 15, wire type 3
  // invalid UTF-8 in a string field (producer_name)
  expectDecodeError(cat([0x08, 0x08, 0x12, 0x02, 0xc3, 0x28]), /UTF-8/);
  // ...but an invalid doc_string is kept as raw bytes (it has no meaning for inference) and written back
  const docBad = cat(negModel().bytes, [0x32, 0x02, 0xc3, 0x28]);
  const withDoc = decodeModel(docBad);
  assert.equal(withDoc.docString, undefined);
  assert.deepEqual(withDoc.unknownFields, [cat([0x32, 0x02, 0xc3, 0x28])]);
  assert.ok(Buffer.from(encodeModel(withDoc)).equals(Buffer.from(docBad)));
  // over-long varint
  expectDecodeError(cat([0x08], new Array(11).fill(0xff)), /varint longer than 10 bytes/);
  // absurd nesting (a sequence of sequences ... 200 deep) is rejected, not a stack overflow
  const g = new GraphBuilder('deep');
  let type: TypeProto = { tensorType: { elemType: 1 } };
  for (let i = 0; i < 200; i++) type = { sequenceType: { elemType: type } };
  g.input('x', type);
  g.output('x', type);
  expectDecodeError(g.toModel(), /nested more than 100 levels/);
});

test('every metadata/doc/denotation field, optional types and sparse initializers are understood by onnxruntime', async () => {
  const meta = (k: string) => [{ key: k, value: `${k}-value` }];
  const g = new GraphBuilder('everything');
  const x = g.input('x', 'float32', ['N', 3]);
  const opt = g.input('maybe', { optionalType: { elemType: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }] } } } } });
  const has = g.node('OptionalHasElement', [opt], {}, { outputs: ['has'] });
  // sparse initializer: dense [3] = [0, 2.5, 0]
  g.graph.sparseInitializer.push({
    values: { name: 'sp', dims: [1], dataType: 1, floatData: new Float32Array([2.5]), stringData: [], externalData: [], metadataProps: [] },
    indices: { dims: [1], dataType: 7, int64Data: BigInt64Array.from([1n]), stringData: [], externalData: [], metadataProps: [] },
    dims: [3],
  });
  const y = g.node('Add', [x, 'sp'], {}, { outputs: ['y'] });
  g.output(y, 'float32', ['N', 3]);
  g.output(has, 'bool', []);
  const m = g.toModelProto({ opset: 18, docString: 'model doc', domain: 'org.example', modelVersion: 3, producerVersion: '1.0', metadata: { a: 'b' } });
  const gr = m.graph!;
  gr.docString = 'graph doc';
  gr.metadataProps = meta('graph');
  gr.node[0].docString = 'node doc';
  gr.node[0].metadataProps = meta('node');
  gr.input[0].docString = 'input doc';
  gr.input[0].metadataProps = meta('input');
  gr.input[0].type!.denotation = 'TENSOR';
  gr.input[0].type!.tensorType!.shape!.dim[1].denotation = 'DATA_CHANNEL';
  gr.output[0].metadataProps = meta('output');
  gr.valueInfo.push({ name: 'has', type: { tensorType: { elemType: 9, shape: { dim: [] } } }, docString: 'vi doc', metadataProps: meta('vi') });
  gr.quantizationAnnotation.push({ tensorName: 'y', quantParameterTensorNames: meta('SCALE_TENSOR') });
  const bytes = encodeModel(m);
  const back = decodeModel(bytes);
  assert.deepStrictEqual(back, m);
  assert.equal(back.graph!.sparseInitializer[0].values!.floatData![0], 2.5);

  const s = await ort.InferenceSession.create(bytes);
  const xv = new ort.Tensor('float32', new Float32Array([1, 1, 1, 2, 2, 2]), [2, 3]);
  // an absent optional input: feed nothing for it
  const out = await s.run({ x: xv, maybe: new ort.Tensor('float32', new Float32Array([1]), [1]) });
  assert.deepEqual(Array.from(out.y.data as Float32Array), [1, 3.5, 1, 2, 4.5, 2]);
  assert.deepEqual(Array.from(out.has.data as Uint8Array, Boolean), [true]);
  await s.release();
});

test('model-local functions (FunctionProto, ref_attr_name) encoded by us run in onnxruntime', async () => {
  // function local.Scale(X) -> Y = X * alpha, alpha an attribute of the calling node
  const alphaRef = { ...attr.f(0).make('value_float'), f: undefined, refAttrName: 'alpha' };
  const fn = encodeFunction({
    name: 'Scale',
    domain: 'local',
    input: ['X'],
    output: ['Y'],
    attribute: ['alpha'],
    node: [
      { input: [], output: ['A'], opType: 'Constant', attribute: [alphaRef], metadataProps: [] },
      { input: ['X', 'A'], output: ['Y'], opType: 'Mul', attribute: [], metadataProps: [] },
    ],
    opsetImport: [{ domain: '', version: 17 }],
    attributeProto: [],
    valueInfo: [],
    metadataProps: [],
  });
  const g = new GraphBuilder('uses-function');
  const x = g.input('x', 'float32', [3]);
  g.output(g.node('Scale', [x], { alpha: attr.f(3) }, { domain: 'local', outputs: ['y'] }), 'float32', [3]);
  const m = g.toModelProto({ opset: 17, opsets: { local: 1 } });
  m.functions = [fn];
  const bytes = encodeModel(m);
  const back = decodeModel(bytes);
  assert.deepEqual(back.functions, [fn]);
  const f = decodeFunction(back.functions[0]);
  assert.equal(f.node[0].attribute[0].refAttrName, 'alpha');
  assert.deepEqual(f.attribute, ['alpha']);
  assert.ok(Buffer.from(encodeFunction(f)).equals(Buffer.from(fn)));
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({ x: new ort.Tensor('float32', new Float32Array([1, -2, 0.5]), [3]) });
  assert.deepEqual(Array.from(out.y.data as Float32Array), [3, -6, 1.5]);
  await s.release();
});
