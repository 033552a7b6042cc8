/**
 * ONNX TensorProto <-> JS typed arrays, data-type constants and external-data references.
 */
import { decodeFunction, decodeTrainingInfo } from './proto.ts';
import type { AttributeProto, GraphProto, ModelProto, NodeProto, SparseTensorProto, TensorProto } from './proto.ts';

/** TensorProto.DataType values (onnx.proto, ONNX 1.17 + FLOAT4E2M1). */
export const TensorDataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
} as const;

export type TensorDataTypeValue = (typeof TensorDataType)[keyof typeof TensorDataType];

/** Names as onnxruntime-node spells tensor types (`ort.Tensor.type`). */
const NAMES: Record<number, string> = {
  0: 'undefined',
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

const ALIASES: Record<string, number> = {
  float: 1,
  double: 11,
  float16: 10,
  half: 10,
};

/** `dataTypeName(1) === 'float32'`; unknown codes give `unknown(<code>)`. */
export function dataTypeName(code: number): string {
  return NAMES[code] ?? `unknown(${code})`;
}

/** Inverse of `dataTypeName` (also accepts 'float', 'double', 'half' and the ONNX upper-case names). */
export function dataTypeFromName(name: string): number {
  const lower = name.toLowerCase();
  for (const [code, n] of Object.entries(NAMES)) if (n === lower) return Number(code);
  if (lower in ALIASES) return ALIASES[lower];
  const upper = name.toUpperCase();
  if (upper in TensorDataType) return TensorDataType[upper as keyof typeof TensorDataType];
  throw new Error(`unknown ONNX tensor data type '${name}'`);
}

/** Bytes per element in raw_data (undefined for STRING and sub-byte types). */
export function dataTypeSize(code: number): number | undefined {
  switch (code) {
    case 1:
    case 6:
    case 12:
      return 4;
    case 2:
    case 3:
    case 9:
    case 17:
    case 18:
    case 19:
    case 20:
      return 1;
    case 4:
    case 5:
    case 10:
    case 16:
      return 2;
    case 7:
    case 11:
    case 13:
    case 14:
      return 8;
    case 15:
      return 16;
    default:
      return undefined;
  }
}

export type TensorArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** float16 bits -> number (exact). */
export function float16ToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** number -> float16 bits, round to nearest even. */
export function numberToFloat16(v: number): number {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h; // a carry into the exponent is the correct rounding (may give Inf)
}

function elementCount(dims: number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

function copyRaw(raw: Uint8Array, bytesPerElement: number, n: number, what: string): ArrayBuffer {
  if (raw.length !== n * bytesPerElement) {
    throw new Error(`${what}: raw_data has ${raw.length} bytes, expected ${n * bytesPerElement} (${n} elements of ${bytesPerElement} bytes)`);
  }
  const buf = new ArrayBuffer(raw.length);
  new Uint8Array(buf).set(raw);
  if (!LITTLE_ENDIAN && bytesPerElement > 1) {
    const b = new Uint8Array(buf);
    for (let i = 0; i < b.length; i += bytesPerElement) b.subarray(i, i + bytesPerElement).reverse();
  }
  return buf;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function tensorLabel(t: TensorProto): string {
  return `tensor '${t.name ?? ''}' (${dataTypeName(t.dataType ?? 0)} [${t.dims.join(',')}])`;
}

/**
 * The tensor's values as a typed array, in row-major order:
 * FLOAT, FLOAT16, BFLOAT16 -> Float32Array (half types converted); DOUBLE -> Float64Array; INT8/UINT8/INT16/UINT16/
 * INT32/UINT32 -> matching typed array; INT64 -> BigInt64Array; UINT64 -> BigUint64Array; BOOL -> Uint8Array of 0/1;
 * STRING -> string[] (UTF-8 decoded). Reads raw_data (little-endian) or the typed *_data field.
 * Throws for external data, unsupported types (complex, float8, 4-bit) and element-count mismatches.
 */
export function tensorToArray(t: TensorProto): TensorArray {
  const what = tensorLabel(t);
  if (t.dataLocation === 1) throw new Error(`${what}: data is stored in an external file; load it first`);
  const dt = t.dataType ?? 0;
  const n = elementCount(t.dims);
  const raw = t.rawData;
  const check = (len: number, field: string): void => {
    if (len !== n) throw new Error(`${what}: ${field} has ${len} values, expected ${n} from dims`);
  };
  switch (dt) {
    case TensorDataType.FLOAT:
      if (raw) return new Float32Array(copyRaw(raw, 4, n, what));
      check(t.floatData?.length ?? 0, 'float_data');
      return Float32Array.from(t.floatData ?? []);
    case TensorDataType.DOUBLE:
      if (raw) return new Float64Array(copyRaw(raw, 8, n, what));
      check(t.doubleData?.length ?? 0, 'double_data');
      return Float64Array.from(t.doubleData ?? []);
    case TensorDataType.INT32:
      if (raw) return new Int32Array(copyRaw(raw, 4, n, what));
      check(t.int32Data?.length ?? 0, 'int32_data');
      return Int32Array.from(t.int32Data ?? []);
    case TensorDataType.INT64:
      if (raw) return new BigInt64Array(copyRaw(raw, 8, n, what));
      check(t.int64Data?.length ?? 0, 'int64_data');
      return BigInt64Array.from(t.int64Data ?? []);
    case TensorDataType.UINT64:
      if (raw) return new BigUint64Array(copyRaw(raw, 8, n, what));
      check(t.uint64Data?.length ?? 0, 'uint64_data');
      return BigUint64Array.from(t.uint64Data ?? []);
    case TensorDataType.UINT32:
      if (raw) return new Uint32Array(copyRaw(raw, 4, n, what));
      check(t.uint64Data?.length ?? 0, 'uint64_data');
      return Uint32Array.from(t.uint64Data ?? [], (v) => Number(v));
    case TensorDataType.UINT8:
      if (raw) return new Uint8Array(copyRaw(raw, 1, n, what));
      check(t.int32Data?.length ?? 0, 'int32_data');
      return Uint8Array.from(t.int32Data ?? []);
    case TensorDataType.INT8:
      if (raw) return new Int8Array(copyRaw(raw, 1, n, what));
      check(t.int32Data?.length ?? 0, 'int32_data');
      return Int8Array.from(t.int32Data ?? []);
    case TensorDataType.INT16:
      if (raw) return new Int16Array(copyRaw(raw, 2, n, what));
      check(t.int32Data?.length ?? 0, 'int32_data');
      return Int16Array.from(t.int32Data ?? []);
    case TensorDataType.UINT16:
      if (raw) return new Uint16Array(copyRaw(raw, 2, n, what));
      check(t.int32Data?.length ?? 0, 'int32_data');
      return Uint16Array.from(t.int32Data ?? []);
    case TensorDataType.BOOL: {
      const out = raw ? new Uint8Array(copyRaw(raw, 1, n, what)) : Uint8Array.from(t.int32Data ?? []);
      if (!raw) check(t.int32Data?.length ?? 0, 'int32_data');
      for (let i = 0; i < out.length; i++) out[i] = out[i] ? 1 : 0;
      return out;
    }
    case TensorDataType.FLOAT16:
    case TensorDataType.BFLOAT16: {
      let bits: Uint16Array;
      if (raw) bits = new Uint16Array(copyRaw(raw, 2, n, what));
      else {
        check(t.int32Data?.length ?? 0, 'int32_data');
        bits = Uint16Array.from(t.int32Data ?? []);
      }
      const out = new Float32Array(n);
      if (dt === TensorDataType.FLOAT16) for (let i = 0; i < n; i++) out[i] = float16ToNumber(bits[i]);
      else {
        const u = new Uint32Array(out.buffer);
        for (let i = 0; i < n; i++) u[i] = bits[i] << 16;
      }
      return out;
    }
    case TensorDataType.STRING: {
      check(t.stringData.length, 'string_data');
      const dec = new TextDecoder('utf-8');
      return t.stringData.map((s) => dec.decode(s));
    }
    default:
      throw new Error(`${what}: data type ${dataTypeName(dt)} is not supported here`);
  }
}

export type TensorInput =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | number[]
  | bigint[]
  | boolean[]
  | string[];

function inferType(data: TensorInput): number {
  if (data instanceof Float32Array) return TensorDataType.FLOAT;
  if (data instanceof Float64Array) return TensorDataType.DOUBLE;
  if (data instanceof Int8Array) return TensorDataType.INT8;
  if (data instanceof Uint8Array) return TensorDataType.UINT8;
  if (data instanceof Int16Array) return TensorDataType.INT16;
  if (data instanceof Uint16Array) return TensorDataType.UINT16;
  if (data instanceof Int32Array) return TensorDataType.INT32;
  if (data instanceof Uint32Array) return TensorDataType.UINT32;
  if (data instanceof BigInt64Array) return TensorDataType.INT64;
  if (data instanceof BigUint64Array) return TensorDataType.UINT64;
  const first = (data as unknown[])[0];
  if (typeof first === 'string') return TensorDataType.STRING;
  if (typeof first === 'boolean') return TensorDataType.BOOL;
  if (typeof first === 'bigint') return TensorDataType.INT64;
  return TensorDataType.FLOAT;
}

/**
 * Makes a TensorProto. The data type is inferred from the array class (Float32Array -> FLOAT, BigInt64Array -> INT64,
 * Uint8Array -> UINT8, string[] -> STRING, boolean[] -> BOOL, plain number[] -> FLOAT) unless `dataType` is given;
 * with `dataType`, values are converted (e.g. number[] -> INT64, Float32Array -> FLOAT16). A Uint16Array given with
 * FLOAT16/BFLOAT16 is taken as the raw 16-bit patterns. Numeric data goes to raw_data (little-endian), strings to
 * string_data. `dims` must match the element count.
 */
export function arrayToTensor(name: string, data: TensorInput, dims: readonly number[], dataType?: number | string): TensorProto {
  const dt = dataType === undefined ? inferType(data) : typeof dataType === 'string' ? dataTypeFromName(dataType) : dataType;
  const n = elementCount([...dims]);
  if (data.length !== n) throw new Error(`tensor '${name}': ${data.length} values for dims [${dims.join(',')}] (${n} expected)`);
  const t: TensorProto = {
    dims: [...dims],
    dataType: dt,
    stringData: [],
    name,
    externalData: [],
    metadataProps: [],
  };
  const arr = data as ArrayLike<number | bigint | boolean | string>;
  const num = (i: number): number => Number(arr[i]);
  const fast = FAST_CTORS[dt];
  if (fast && (data instanceof fast || (Array.isArray(data) && typeof data[0] === 'number' && dt !== TensorDataType.BOOL))) {
    // same array class (copy) or plain numbers into a number-typed array
    const out = new fast(data as ArrayLike<number>);
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    t.rawData = LITTLE_ENDIAN ? bytes : swapBytes(bytes, fast.BYTES_PER_ELEMENT);
    return t;
  }
  let out: ArrayBufferView;
  switch (dt) {
    case TensorDataType.STRING: {
      const enc = new TextEncoder();
      t.stringData = Array.from(arr, (s) => (typeof s === 'string' ? enc.encode(s) : enc.encode(String(s))));
      return t;
    }
    case TensorDataType.FLOAT:
      out = Float32Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.DOUBLE:
      out = Float64Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.INT8:
      out = Int8Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.UINT8:
      out = Uint8Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.BOOL:
      out = Uint8Array.from({ length: n }, (_, i) => (arr[i] ? 1 : 0));
      break;
    case TensorDataType.INT16:
      out = Int16Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.UINT16:
      out = Uint16Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.INT32:
      out = Int32Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.UINT32:
      out = Uint32Array.from({ length: n }, (_, i) => num(i));
      break;
    case TensorDataType.INT64:
      out = BigInt64Array.from({ length: n }, (_, i) => toBig(arr[i], name));
      break;
    case TensorDataType.UINT64:
      out = BigUint64Array.from({ length: n }, (_, i) => toBig(arr[i], name));
      break;
    case TensorDataType.FLOAT16:
      out =
        data instanceof Uint16Array ? Uint16Array.from(data) : Uint16Array.from({ length: n }, (_, i) => numberToFloat16(num(i)));
      break;
    case TensorDataType.BFLOAT16: {
      if (data instanceof Uint16Array) out = Uint16Array.from(data);
      else {
        const f = Float32Array.from({ length: n }, (_, i) => num(i));
        const u = new Uint32Array(f.buffer);
        // round to nearest even on the upper 16 bits
        out = Uint16Array.from(u, (x, i) =>
          Number.isNaN(f[i]) ? (x >>> 16) | 0x40 : ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff,
        );
      }
      break;
    }
    default:
      throw new Error(`tensor '${name}': cannot build a tensor of type ${dataTypeName(dt)}`);
  }
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  t.rawData = LITTLE_ENDIAN ? bytes : swapBytes(bytes, (out as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT);
  return t;
}

type NumCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor;

const FAST_CTORS: Record<number, NumCtor | undefined> = {
  [TensorDataType.FLOAT]: Float32Array,
  [TensorDataType.DOUBLE]: Float64Array,
  [TensorDataType.INT8]: Int8Array,
  [TensorDataType.UINT8]: Uint8Array,
  [TensorDataType.INT16]: Int16Array,
  [TensorDataType.UINT16]: Uint16Array,
  [TensorDataType.INT32]: Int32Array,
  [TensorDataType.UINT32]: Uint32Array,
};

function toBig(v: unknown, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new Error(`tensor '${name}': ${String(v)} is not an integer`);
}

function swapBytes(b: Uint8Array, size: number): Uint8Array {
  const c = Uint8Array.from(b);
  for (let i = 0; i < c.length; i += size) c.subarray(i, i + size).reverse();
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// External data

export interface ExternalDataRef {
  /** Tensor name ('' when unnamed). */
  tensor: string;
  /** `location` as written in the model (relative POSIX path; NOT yet checked: the caller must confine it). */
  location: string;
  offset?: number;
  length?: number;
  /** Where the tensor sits, e.g. `graph.initializer[3]` or `graph.node[2].attribute[value].t`. */
  where: string;
}

/**
 * Every tensor in the model whose data lives in an external file (data_location = EXTERNAL, or any tensor carrying
 * an external_data `location` key): initializers, sparse initializers, tensor attributes, in all subgraphs, local
 * functions and training graphs. Throws when an EXTERNAL tensor has no `location`, or offset/length are not
 * non-negative integers. The returned paths are unchecked: the engine must keep them inside the signed folder.
 */
export function externalDataFiles(model: ModelProto): ExternalDataRef[] {
  const out: ExternalDataRef[] = [];
  if (model.graph) walkGraph(model.graph, 'graph', out);
  model.functions.forEach((raw, i) => {
    const f = decodeFunction(raw);
    f.node.forEach((n, j) => walkNode(n, `functions[${i}].node[${j}]`, out));
    f.attributeProto.forEach((a) => walkAttr(a, `functions[${i}].attribute_proto[${a.name ?? ''}]`, out));
  });
  model.trainingInfo.forEach((raw, i) => {
    const t = decodeTrainingInfo(raw);
    if (t.initialization) walkGraph(t.initialization, `training_info[${i}].initialization`, out);
    if (t.algorithm) walkGraph(t.algorithm, `training_info[${i}].algorithm`, out);
  });
  return out;
}

function walkGraph(g: GraphProto, where: string, out: ExternalDataRef[]): void {
  g.initializer.forEach((t, i) => checkTensor(t, `${where}.initializer[${i}]`, out));
  g.sparseInitializer.forEach((s, i) => checkSparse(s, `${where}.sparse_initializer[${i}]`, out));
  g.node.forEach((n, i) => walkNode(n, `${where}.node[${i}]`, out));
}

function walkNode(n: NodeProto, where: string, out: ExternalDataRef[]): void {
  for (const a of n.attribute) walkAttr(a, `${where}.attribute[${a.name ?? ''}]`, out);
}

function walkAttr(a: AttributeProto, where: string, out: ExternalDataRef[]): void {
  if (a.t) checkTensor(a.t, `${where}.t`, out);
  a.tensors.forEach((t, i) => checkTensor(t, `${where}.tensors[${i}]`, out));
  if (a.sparseTensor) checkSparse(a.sparseTensor, `${where}.sparse_tensor`, out);
  a.sparseTensors.forEach((s, i) => checkSparse(s, `${where}.sparse_tensors[${i}]`, out));
  if (a.g) walkGraph(a.g, `${where}.g`, out);
  a.graphs.forEach((g, i) => walkGraph(g, `${where}.graphs[${i}]`, out));
}

function checkSparse(s: SparseTensorProto, where: string, out: ExternalDataRef[]): void {
  if (s.values) checkTensor(s.values, `${where}.values`, out);
  if (s.indices) checkTensor(s.indices, `${where}.indices`, out);
}

function checkTensor(t: TensorProto, where: string, out: ExternalDataRef[]): void {
  const hasLocation = t.externalData.some((e) => e.key === 'location');
  if (t.dataLocation !== 1 && !hasLocation) return;
  const kv = new Map<string, string>();
  for (const e of t.externalData) kv.set(e.key ?? '', e.value ?? '');
  const location = kv.get('location');
  const name = t.name ?? '';
  if (location === undefined || location === '') {
    throw new Error(`tensor '${name}' at ${where} has data_location EXTERNAL but no external_data 'location'`);
  }
  const ref: ExternalDataRef = { tensor: name, location, where };
  for (const key of ['offset', 'length'] as const) {
    const v = kv.get(key);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
      throw new Error(`tensor '${name}' at ${where}: external_data ${key} '${v}' is not a non-negative integer`);
    }
    ref[key] = Number(v);
  }
  out.push(ref);
}
