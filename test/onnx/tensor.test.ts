import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { decodeModel, decodeTensor, encodeFunction, encodeModel, encodeTensor } from '../../src/model/onnx/proto.ts';
import type { TensorProto } from '../../src/model/onnx/proto.ts';
import {
  arrayToTensor,
  dataTypeFromName,
  dataTypeName,
  externalDataFiles,
  float16ToNumber,
  numberToFloat16,
  tensorToArray,
  TensorDataType,
} from '../../src/model/onnx/tensor.ts';
import type { TensorInput } from '../../src/model/onnx/tensor.ts';

const base = (t: Partial<TensorProto>): TensorProto => ({ dims: [], stringData: [], externalData: [], metadataProps: [], ...t });

test('data type constants and names (as onnxruntime spells them)', () => {
  assert.equal(TensorDataType.FLOAT, 1);
  assert.equal(TensorDataType.INT64, 7);
  assert.equal(TensorDataType.STRING, 8);
  assert.equal(TensorDataType.BOOL, 9);
  assert.equal(TensorDataType.FLOAT16, 10);
  assert.equal(TensorDataType.DOUBLE, 11);
  assert.equal(TensorDataType.BFLOAT16, 16);
  assert.equal(dataTypeName(1), 'float32');
  assert.equal(dataTypeName(11), 'float64');
  assert.equal(dataTypeName(99), 'unknown(99)');
  assert.equal(dataTypeFromName('float32'), 1);
  assert.equal(dataTypeFromName('float'), 1);
  assert.equal(dataTypeFromName('DOUBLE'), 11);
  assert.throws(() => dataTypeFromName('quaternion'), /unknown ONNX tensor data type/);
});

test('float16 conversion: known bit patterns and round to nearest even', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -14, 0x0400], // smallest normal
    [0.5, 0x3800],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [65520, 0x7c00], // rounds up to Inf
    [1e-9, 0x0000], // underflow
    [1 + 2 ** -11, 0x3c00], // tie -> even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // tie -> even (up)
  ];
  for (const [v, bits] of cases) {
    assert.equal(numberToFloat16(v), bits, `numberToFloat16(${v})`);
    if (v !== 65520 && v !== 1e-9 && v !== 1 + 2 ** -11 && v !== 1 + 3 * 2 ** -11) {
      assert.ok(Object.is(float16ToNumber(bits), v), `float16ToNumber(0x${bits.toString(16)})`);
    }
  }
  assert.ok(Number.isNaN(float16ToNumber(numberToFloat16(NaN))));
  // 0.1 -> 0x2e66 (0.0999755859375)
  assert.equal(numberToFloat16(0.1), 0x2e66);
  assert.equal(float16ToNumber(0x2e66), 0.0999755859375);
});

test('arrayToTensor -> Identity in onnxruntime -> same values, for every numeric type, string and bool', async () => {
  const cases: [string, TensorInput, ort.Tensor.Type][] = [
    ['f32', new Float32Array([1.5, -2.25, 3e-8, 1e30]), 'float32'],
    ['f64', new Float64Array([Math.PI, -1e-300, 2 ** 60, 0.1]), 'float64'],
    ['i8', new Int8Array([-128, 127, 0, -1]), 'int8'],
    ['u8', new Uint8Array([0, 255, 7, 128]), 'uint8'],
    ['i16', new Int16Array([-32768, 32767, 1, -2]), 'int16'],
    ['u16', new Uint16Array([0, 65535, 3, 40000]), 'uint16'],
    ['i32', new Int32Array([-(2 ** 31), 2 ** 31 - 1, 5, -6]), 'int32'],
    ['u32', new Uint32Array([0, 2 ** 32 - 1, 9, 2 ** 31]), 'uint32'],
    ['i64', BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, 0n, -42n]), 'int64'],
    ['u64', BigUint64Array.from([0n, 2n ** 64n - 1n, 1n, 2n ** 63n]), 'uint64'],
    ['bool', [true, false, false, true], 'bool'],
    ['str', ['a', 'ünïcödé', '', 'x y'], 'string'],
  ];
  const g = new GraphBuilder('identity');
  for (const [name, data, type] of cases) {
    const init = g.initializer(`${name}_init`, data, [2, 2]);
    g.output(g.node('Identity', [init], {}, { outputs: [name] }), type, [2, 2]);
  }
  const bytes = g.toModel({ opset: 17 });
  const m = decodeModel(bytes);
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({});
  for (const [i, [name, data, type]] of cases.entries()) {
    const t = m.graph!.initializer[i];
    assert.equal(dataTypeName(t.dataType!), type, name);
    const ours = tensorToArray(t);
    const theirs = out[name].data;
    const expected = Array.from(data as ArrayLike<unknown>, (v) => (typeof v === 'boolean' ? Number(v) : v));
    assert.deepEqual(Array.from(ours as ArrayLike<unknown>), expected, `tensorToArray ${name}`);
    assert.deepEqual(Array.from(theirs as ArrayLike<unknown>, (v) => (typeof v === 'boolean' ? Number(v) : v)), expected, `ORT ${name}`);
  }
  await s.release();
});

test('float16 / bfloat16 initializers: our conversion equals onnxruntime Cast to float32', async () => {
  const vals = [0, 1, -2.5, 0.1, 65504, 2 ** -24, 3.14159, -1e-5, 1000.5];
  const g = new GraphBuilder('half');
  const h = g.initializer('h', vals, [vals.length], 'float16');
  const bf = g.initializer('bf', vals, [vals.length], 'bfloat16');
  g.output(g.node('Cast', [h], { to: TensorDataType.FLOAT }, { outputs: ['h32'] }), 'float32', [vals.length]);
  g.output(g.node('Cast', [bf], { to: TensorDataType.FLOAT }, { outputs: ['bf32'] }), 'float32', [vals.length]);
  const bytes = g.toModel({ opset: 17 });
  const m = decodeModel(bytes);
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({});
  assert.deepEqual(tensorToArray(m.graph!.initializer[0]), out.h32.data);
  assert.deepEqual(tensorToArray(m.graph!.initializer[1]), out.bf32.data);
  // and the half values are the nearest representable ones (independent: |err| <= half an ulp)
  const h32 = out.h32.data as Float32Array;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    const ulp = Math.abs(v) < 2 ** -14 ? 2 ** -24 : 2 ** (Math.floor(Math.log2(Math.abs(v))) - 10);
    assert.ok(Math.abs(h32[i] - v) <= ulp / 2, `float16(${v}) = ${h32[i]}`);
  }
  await s.release();
});

test('typed *_data fields: float_data, int32_data (INT8/BOOL/FLOAT16/UINT8), int64_data, double_data, string_data', () => {
  const rt = (t: TensorProto): TensorProto => decodeTensor(encodeTensor(t));
  assert.deepEqual(tensorToArray(rt(base({ dims: [2], dataType: 1, floatData: new Float32Array([1, 2]) }))), new Float32Array([1, 2]));
  assert.deepEqual(tensorToArray(rt(base({ dims: [3], dataType: 3, int32Data: Int32Array.from([-5, 0, 127]) }))), Int8Array.from([-5, 0, 127]));
  assert.deepEqual(tensorToArray(rt(base({ dims: [3], dataType: 9, int32Data: Int32Array.from([1, 0, 1]) }))), Uint8Array.from([1, 0, 1]));
  assert.deepEqual(
    tensorToArray(rt(base({ dims: [2], dataType: 10, int32Data: Int32Array.from([0x3c00, 0xc000]) }))),
    Float32Array.from([1, -2]),
  );
  assert.deepEqual(tensorToArray(rt(base({ dims: [2], dataType: 2, int32Data: Int32Array.from([200, 3]) }))), Uint8Array.from([200, 3]));
  assert.deepEqual(
    tensorToArray(rt(base({ dims: [2], dataType: 7, int64Data: BigInt64Array.from([-1n, 2n ** 40n]) }))),
    BigInt64Array.from([-1n, 2n ** 40n]),
  );
  assert.deepEqual(tensorToArray(rt(base({ dims: [1], dataType: 11, doubleData: Float64Array.from([0.1]) }))), Float64Array.from([0.1]));
  const enc = new TextEncoder();
  assert.deepEqual(tensorToArray(rt(base({ dims: [2], dataType: 8, stringData: [enc.encode('a'), enc.encode('bc')] }))), ['a', 'bc']);
  // scalar (dims []) has one element
  assert.deepEqual(tensorToArray(base({ dims: [], dataType: 1, floatData: new Float32Array([7]) })), new Float32Array([7]));
});

test('tensorToArray errors: count mismatch, raw_data size, external data, unsupported type', () => {
  assert.throws(() => tensorToArray(base({ name: 'w', dims: [3], dataType: 1, floatData: new Float32Array(2) })), /float_data has 2 values, expected 3/);
  assert.throws(() => tensorToArray(base({ name: 'w', dims: [2], dataType: 1, rawData: new Uint8Array(7) })), /raw_data has 7 bytes, expected 8/);
  assert.throws(() => tensorToArray(base({ name: 'w', dims: [2], dataType: 1, dataLocation: 1 })), /external file/);
  assert.throws(() => tensorToArray(base({ name: 'c', dims: [1], dataType: 14, rawData: new Uint8Array(8) })), /complex64 is not supported/);
  assert.throws(() => arrayToTensor('x', new Float32Array(3), [2, 2]), /3 values for dims \[2,2\]/);
});

test('externalDataFiles lists every external reference (graph, subgraph, function); onnxruntime reads the same layout', async () => {
  const dirPath = mkdtempSync(join(tmpdir(), 'model-gate-onnx-'));
  try {
    const weights = new Float32Array([0.5, -1, 2, 4]);
    writeFileSync(join(dirPath, 'pad.bin'), new Uint8Array(16));
    writeFileSync(join(dirPath, 'weights.bin'), new Uint8Array([...new Uint8Array(8), ...new Uint8Array(weights.buffer)]));
    const g = new GraphBuilder('ext');
    const x = g.input('x', 'float32', [4]);
    const w = g.initializer('w', base({ dims: [4], dataType: 1 }));
    const init = g.graph.initializer[0];
    init.dataLocation = 1;
    init.externalData = [
      { key: 'location', value: 'weights.bin' },
      { key: 'offset', value: '8' },
      { key: 'length', value: '16' },
    ];
    g.output(g.node('Mul', [x, w], {}, { outputs: ['y'] }), 'float32', [4]);
    const m = g.toModelProto({ opset: 17 });
    const path = join(dirPath, 'model.onnx');
    writeFileSync(path, encodeModel(m));
    const s = await ort.InferenceSession.create(path);
    const out = await s.run({ x: new ort.Tensor('float32', new Float32Array([1, 1, 1, 2]), [4]) });
    assert.deepEqual(Array.from(out.y.data as Float32Array), [0.5, -1, 2, 8]);
    await s.release();

    // Add a reference inside an If subgraph and one inside a model-local function
    const sub = new GraphBuilder('then');
    sub.constant('c', base({ dims: [1], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: '../escape.bin' }] }));
    const fnNode = {
      input: [],
      output: ['k'],
      opType: 'Constant',
      attribute: [
        {
          name: 'value',
          type: 4,
          t: base({ name: 'k', dims: [1], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'fn.bin' }] }),
          floats: [],
          ints: [],
          strings: [],
          tensors: [],
          graphs: [],
          typeProtos: [],
          sparseTensors: [],
        },
      ],
      metadataProps: [],
    };
    const fn = encodeFunction({
      name: 'F',
      domain: 'local',
      input: [],
      output: ['k'],
      attribute: [],
      node: [fnNode],
      opsetImport: [{ domain: '', version: 17 }],
      attributeProto: [],
      valueInfo: [],
      metadataProps: [],
    });
    const m2 = decodeModel(encodeModel(m));
    m2.graph!.node.push({
      input: ['cond'],
      output: ['z'],
      opType: 'If',
      attribute: [{ name: 'then_branch', type: 5, g: sub.toGraph(), floats: [], ints: [], strings: [], tensors: [], graphs: [], typeProtos: [], sparseTensors: [] }],
      metadataProps: [],
    });
    m2.functions = [fn];
    const refs = externalDataFiles(decodeModel(encodeModel(m2)));
    assert.deepEqual(
      refs.map((r) => [r.tensor, r.location, r.offset, r.length]),
      [
        ['w', 'weights.bin', 8, 16],
        ['c', '../escape.bin', undefined, undefined],
        ['k', 'fn.bin', undefined, undefined],
      ],
    );
    assert.match(refs[1].where, /graph\.node\[1\]\.attribute\[then_branch\]\.g\.node\[0\]/);
    assert.match(refs[2].where, /^functions\[0\]/);

    // malformed references are errors
    const bad = decodeModel(encodeModel(m));
    bad.graph!.initializer[0].externalData = [{ key: 'offset', value: '0' }];
    assert.throws(() => externalDataFiles(bad), /EXTERNAL but no external_data 'location'/);
    bad.graph!.initializer[0].externalData = [
      { key: 'location', value: 'weights.bin' },
      { key: 'offset', value: '-8' },
    ];
    assert.throws(() => externalDataFiles(bad), /offset '-8' is not a non-negative integer/);
    // no external data -> empty list
    assert.deepEqual(externalDataFiles(decodeModel(new GraphBuilder('e').toModel())), []);
  } finally {
    rmSync(dirPath, { recursive: true, force: true });
  }
});
