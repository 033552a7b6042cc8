/**
 * Hand-written protobuf codec for the ONNX model format (onnx.proto of ONNX 1.17, proto2 syntax).
 *
 * - `decodeModel(bytes)` / `encodeModel(model)` turn a `.onnx` file into plain JS objects and back.
 * - Field names are the camelCase forms of the onnx.proto names (`graph.node[i].opType`, `tensor.rawData`, ...).
 * - Optional scalar fields are present on the object only when present on the wire (proto2 presence is kept, so a
 *   field explicitly set to its default value is written back). Repeated fields are always arrays.
 * - int64 scalars: `number` when |v| < 2^53, else `bigint` (type `Int64`) for attribute `i`/`ints`. Fields that are
 *   always small in practice (dims, dim_value, ir_version, opset versions, model_version, segment) are `number`, and a
 *   value outside the safe integer range there is a decode error rather than a silent rounding.
 * - Tensor payloads: `floatData` Float32Array, `int32Data` Int32Array, `int64Data` BigInt64Array (exact, typed),
 *   `doubleData` Float64Array, `uint64Data` BigUint64Array, `stringData` Uint8Array[], `rawData` Uint8Array.
 *   These typed-array fields are present only when present on the wire. `rawData` (and other bytes fields) are
 *   zero-copy views into the decoded buffer: copy them before mutating the input buffer.
 * - Unknown fields (newer ONNX versions, vendor extensions) are kept per message in `unknownFields` (each chunk is
 *   the exact tag + payload bytes) and written back after the known fields, so nothing is silently dropped.
 * - FunctionProto (`model.functions`) and TrainingInfoProto (`model.trainingInfo`) are kept as raw message bytes;
 *   `decodeFunction` / `decodeTrainingInfo` decode them on demand.
 * - Known fields are written in ascending field-number order (what protobuf's C++/Python serializers do), repeated
 *   fields packed as declared in onnx.proto (only the TensorProto `*_data` fields are packed). A repeated field read
 *   in the other encoding (e.g. `dims` packed by a proto3 writer) is written back the way it was read.
 * - Groups (wire types 3/4) are not part of ONNX and are rejected.
 *
 * Errors: malformed input throws `OnnxDecodeError` with the absolute byte offset and the message path.
 */

export type Int64 = number | bigint;

/** Raw tag+payload byte chunks of fields this codec does not know. */
export interface WithUnknown {
  unknownFields?: Uint8Array[];
}

export interface StringStringEntryProto extends WithUnknown {
  key?: string;
  value?: string;
}

export interface OperatorSetIdProto extends WithUnknown {
  domain?: string;
  version?: number;
}

export interface TensorAnnotation extends WithUnknown {
  tensorName?: string;
  quantParameterTensorNames: StringStringEntryProto[];
}

export interface TensorSegment extends WithUnknown {
  begin?: number;
  end?: number;
}

export interface TensorProto extends WithUnknown {
  dims: number[];
  dataType?: number;
  segment?: TensorSegment;
  floatData?: Float32Array;
  int32Data?: Int32Array;
  stringData: Uint8Array[];
  int64Data?: BigInt64Array;
  name?: string;
  rawData?: Uint8Array;
  doubleData?: Float64Array;
  uint64Data?: BigUint64Array;
  docString?: string;
  externalData: StringStringEntryProto[];
  /** 0 = DEFAULT, 1 = EXTERNAL. */
  dataLocation?: number;
  metadataProps: StringStringEntryProto[];
}

export interface SparseTensorProto extends WithUnknown {
  values?: TensorProto;
  indices?: TensorProto;
  dims: number[];
}

export interface TensorShapeDimension extends WithUnknown {
  dimValue?: number;
  dimParam?: string;
  denotation?: string;
}

export interface TensorShapeProto extends WithUnknown {
  dim: TensorShapeDimension[];
}

export interface TypeProtoTensor extends WithUnknown {
  elemType?: number;
  shape?: TensorShapeProto;
}

export interface TypeProtoSequence extends WithUnknown {
  elemType?: TypeProto;
}

export interface TypeProtoMap extends WithUnknown {
  keyType?: number;
  valueType?: TypeProto;
}

export interface TypeProtoOptional extends WithUnknown {
  elemType?: TypeProto;
}

export interface TypeProtoOpaque extends WithUnknown {
  domain?: string;
  name?: string;
}

export interface TypeProto extends WithUnknown {
  tensorType?: TypeProtoTensor;
  sequenceType?: TypeProtoSequence;
  mapType?: TypeProtoMap;
  denotation?: string;
  opaqueType?: TypeProtoOpaque;
  sparseTensorType?: TypeProtoTensor;
  optionalType?: TypeProtoOptional;
}

export interface ValueInfoProto extends WithUnknown {
  name?: string;
  type?: TypeProto;
  docString?: string;
  metadataProps: StringStringEntryProto[];
}

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
} as const;

export interface AttributeProto extends WithUnknown {
  name?: string;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  floats: number[];
  ints: Int64[];
  strings: Uint8Array[];
  tensors: TensorProto[];
  graphs: GraphProto[];
  docString?: string;
  tp?: TypeProto;
  typeProtos: TypeProto[];
  /** One of `AttributeType`. */
  type?: number;
  refAttrName?: string;
  sparseTensor?: SparseTensorProto;
  sparseTensors: SparseTensorProto[];
}

export interface NodeProto extends WithUnknown {
  input: string[];
  output: string[];
  name?: string;
  opType?: string;
  attribute: AttributeProto[];
  docString?: string;
  domain?: string;
  overload?: string;
  metadataProps: StringStringEntryProto[];
}

export interface GraphProto extends WithUnknown {
  node: NodeProto[];
  name?: string;
  initializer: TensorProto[];
  docString?: string;
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
  quantizationAnnotation: TensorAnnotation[];
  sparseInitializer: SparseTensorProto[];
  metadataProps: StringStringEntryProto[];
}

export interface ModelProto extends WithUnknown {
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graph?: GraphProto;
  opsetImport: OperatorSetIdProto[];
  metadataProps: StringStringEntryProto[];
  /** Raw TrainingInfoProto messages (see `decodeTrainingInfo`). */
  trainingInfo: Uint8Array[];
  /** Raw FunctionProto messages (see `decodeFunction`). */
  functions: Uint8Array[];
}

export interface FunctionProto extends WithUnknown {
  name?: string;
  input: string[];
  output: string[];
  attribute: string[];
  node: NodeProto[];
  docString?: string;
  opsetImport: OperatorSetIdProto[];
  domain?: string;
  attributeProto: AttributeProto[];
  valueInfo: ValueInfoProto[];
  overload?: string;
  metadataProps: StringStringEntryProto[];
}

export interface TrainingInfoProto extends WithUnknown {
  initialization?: GraphProto;
  algorithm?: GraphProto;
  initializationBinding: StringStringEntryProto[];
  updateBinding: StringStringEntryProto[];
}

/** A malformed protobuf/ONNX input. `offset` is the absolute byte offset of the problem in the decoded buffer. */
export class OnnxDecodeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'OnnxDecodeError';
    this.offset = offset;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

type Kind =
  | 'int32' // varint, int32 / enum (negative values sign-extended to 10 bytes)
  | 'int64' // varint, number when safe else bigint
  | 'int64n' // varint, number; unsafe values are a decode error
  | 'float' // fixed32
  | 'string' // length-delimited UTF-8
  | 'bytes' // length-delimited
  | 'msg' // length-delimited sub-message
  | 'raw' // length-delimited sub-message kept as bytes
  | 'f32arr' // repeated float -> Float32Array
  | 'f64arr' // repeated double -> Float64Array
  | 'i32arr' // repeated int32 -> Int32Array
  | 'i64arr' // repeated int64 -> BigInt64Array
  | 'u64arr'; // repeated uint64 -> BigUint64Array

interface FieldSpec {
  no: number;
  name: string;
  kind: Kind;
  repeated: boolean;
  /** Default encoding for repeated scalars (onnx.proto: only the *_data fields are [packed = true]). */
  packed: boolean;
  msg?: () => MsgSpec;
}

interface MsgSpec {
  name: string;
  fields: FieldSpec[];
  byNo: Map<number, FieldSpec>;
}

function spec(name: string, defs: [number, string, Kind, ('rep' | 'packed')?, (() => MsgSpec)?][]): MsgSpec {
  const fields = defs
    .map(([no, fname, kind, rep, msg]) => ({
      no,
      name: fname,
      kind,
      repeated: rep !== undefined || kind.endsWith('arr'),
      packed: rep === 'packed',
      msg,
    }))
    .sort((a, b) => a.no - b.no);
  return { name, fields, byNo: new Map(fields.map((f) => [f.no, f])) };
}

const SSE: MsgSpec = spec('StringStringEntryProto', [
  [1, 'key', 'string'],
  [2, 'value', 'string'],
]);
const OPSET: MsgSpec = spec('OperatorSetIdProto', [
  [1, 'domain', 'string'],
  [2, 'version', 'int64n'],
]);
const SEGMENT: MsgSpec = spec('TensorProto.Segment', [
  [1, 'begin', 'int64n'],
  [2, 'end', 'int64n'],
]);
const TENSOR: MsgSpec = spec('TensorProto', [
  [1, 'dims', 'int64n', 'rep'],
  [2, 'dataType', 'int32'],
  [3, 'segment', 'msg', undefined, () => SEGMENT],
  [4, 'floatData', 'f32arr', 'packed'],
  [5, 'int32Data', 'i32arr', 'packed'],
  [6, 'stringData', 'bytes', 'rep'],
  [7, 'int64Data', 'i64arr', 'packed'],
  [8, 'name', 'string'],
  [9, 'rawData', 'bytes'],
  [10, 'doubleData', 'f64arr', 'packed'],
  [11, 'uint64Data', 'u64arr', 'packed'],
  [12, 'docString', 'string'],
  [13, 'externalData', 'msg', 'rep', () => SSE],
  [14, 'dataLocation', 'int32'],
  [16, 'metadataProps', 'msg', 'rep', () => SSE],
]);
const SPARSE: MsgSpec = spec('SparseTensorProto', [
  [1, 'values', 'msg', undefined, () => TENSOR],
  [2, 'indices', 'msg', undefined, () => TENSOR],
  [3, 'dims', 'int64n', 'rep'],
]);
const DIM: MsgSpec = spec('TensorShapeProto.Dimension', [
  [1, 'dimValue', 'int64n'],
  [2, 'dimParam', 'string'],
  [3, 'denotation', 'string'],
]);
const SHAPE: MsgSpec = spec('TensorShapeProto', [[1, 'dim', 'msg', 'rep', () => DIM]]);
const TT_TENSOR: MsgSpec = spec('TypeProto.Tensor', [
  [1, 'elemType', 'int32'],
  [2, 'shape', 'msg', undefined, () => SHAPE],
]);
const TT_SPARSE: MsgSpec = spec('TypeProto.SparseTensor', [
  [1, 'elemType', 'int32'],
  [2, 'shape', 'msg', undefined, () => SHAPE],
]);
const TT_SEQ: MsgSpec = spec('TypeProto.Sequence', [[1, 'elemType', 'msg', undefined, () => TYPE]]);
const TT_MAP: MsgSpec = spec('TypeProto.Map', [
  [1, 'keyType', 'int32'],
  [2, 'valueType', 'msg', undefined, () => TYPE],
]);
const TT_OPT: MsgSpec = spec('TypeProto.Optional', [[1, 'elemType', 'msg', undefined, () => TYPE]]);
const TT_OPAQUE: MsgSpec = spec('TypeProto.Opaque', [
  [1, 'domain', 'string'],
  [2, 'name', 'string'],
]);
const TYPE: MsgSpec = spec('TypeProto', [
  [1, 'tensorType', 'msg', undefined, () => TT_TENSOR],
  [4, 'sequenceType', 'msg', undefined, () => TT_SEQ],
  [5, 'mapType', 'msg', undefined, () => TT_MAP],
  [6, 'denotation', 'string'],
  [7, 'opaqueType', 'msg', undefined, () => TT_OPAQUE],
  [8, 'sparseTensorType', 'msg', undefined, () => TT_SPARSE],
  [9, 'optionalType', 'msg', undefined, () => TT_OPT],
]);
const VALUE_INFO: MsgSpec = spec('ValueInfoProto', [
  [1, 'name', 'string'],
  [2, 'type', 'msg', undefined, () => TYPE],
  [3, 'docString', 'string'],
  [4, 'metadataProps', 'msg', 'rep', () => SSE],
]);
const ATTRIBUTE: MsgSpec = spec('AttributeProto', [
  [1, 'name', 'string'],
  [2, 'f', 'float'],
  [3, 'i', 'int64'],
  [4, 's', 'bytes'],
  [5, 't', 'msg', undefined, () => TENSOR],
  [6, 'g', 'msg', undefined, () => GRAPH],
  [7, 'floats', 'float', 'rep'],
  [8, 'ints', 'int64', 'rep'],
  [9, 'strings', 'bytes', 'rep'],
  [10, 'tensors', 'msg', 'rep', () => TENSOR],
  [11, 'graphs', 'msg', 'rep', () => GRAPH],
  [13, 'docString', 'string'],
  [14, 'tp', 'msg', undefined, () => TYPE],
  [15, 'typeProtos', 'msg', 'rep', () => TYPE],
  [20, 'type', 'int32'],
  [21, 'refAttrName', 'string'],
  [22, 'sparseTensor', 'msg', undefined, () => SPARSE],
  [23, 'sparseTensors', 'msg', 'rep', () => SPARSE],
]);
const NODE: MsgSpec = spec('NodeProto', [
  [1, 'input', 'string', 'rep'],
  [2, 'output', 'string', 'rep'],
  [3, 'name', 'string'],
  [4, 'opType', 'string'],
  [5, 'attribute', 'msg', 'rep', () => ATTRIBUTE],
  [6, 'docString', 'string'],
  [7, 'domain', 'string'],
  [8, 'overload', 'string'],
  [9, 'metadataProps', 'msg', 'rep', () => SSE],
]);
const ANNOTATION: MsgSpec = spec('TensorAnnotation', [
  [1, 'tensorName', 'string'],
  [2, 'quantParameterTensorNames', 'msg', 'rep', () => SSE],
]);
const GRAPH: MsgSpec = spec('GraphProto', [
  [1, 'node', 'msg', 'rep', () => NODE],
  [2, 'name', 'string'],
  [5, 'initializer', 'msg', 'rep', () => TENSOR],
  [10, 'docString', 'string'],
  [11, 'input', 'msg', 'rep', () => VALUE_INFO],
  [12, 'output', 'msg', 'rep', () => VALUE_INFO],
  [13, 'valueInfo', 'msg', 'rep', () => VALUE_INFO],
  [14, 'quantizationAnnotation', 'msg', 'rep', () => ANNOTATION],
  [15, 'sparseInitializer', 'msg', 'rep', () => SPARSE],
  [16, 'metadataProps', 'msg', 'rep', () => SSE],
]);
const MODEL: MsgSpec = spec('ModelProto', [
  [1, 'irVersion', 'int64n'],
  [2, 'producerName', 'string'],
  [3, 'producerVersion', 'string'],
  [4, 'domain', 'string'],
  [5, 'modelVersion', 'int64n'],
  [6, 'docString', 'string'],
  [7, 'graph', 'msg', undefined, () => GRAPH],
  [8, 'opsetImport', 'msg', 'rep', () => OPSET],
  [14, 'metadataProps', 'msg', 'rep', () => SSE],
  [20, 'trainingInfo', 'raw', 'rep'],
  [25, 'functions', 'raw', 'rep'],
]);
const FUNCTION: MsgSpec = spec('FunctionProto', [
  [1, 'name', 'string'],
  [4, 'input', 'string', 'rep'],
  [5, 'output', 'string', 'rep'],
  [6, 'attribute', 'string', 'rep'],
  [7, 'node', 'msg', 'rep', () => NODE],
  [8, 'docString', 'string'],
  [9, 'opsetImport', 'msg', 'rep', () => OPSET],
  [10, 'domain', 'string'],
  [11, 'attributeProto', 'msg', 'rep', () => ATTRIBUTE],
  [12, 'valueInfo', 'msg', 'rep', () => VALUE_INFO],
  [13, 'overload', 'string'],
  [14, 'metadataProps', 'msg', 'rep', () => SSE],
]);
const TRAINING: MsgSpec = spec('TrainingInfoProto', [
  [1, 'initialization', 'msg', undefined, () => GRAPH],
  [2, 'algorithm', 'msg', undefined, () => GRAPH],
  [3, 'initializationBinding', 'msg', 'rep', () => SSE],
  [4, 'updateBinding', 'msg', 'rep', () => SSE],
]);

/** Non-enumerable marker: field numbers whose repeated encoding (packed or not) differs from the schema default. */
const FLIPPED_PACKING = Symbol('onnxFlippedPacking');

function wireTypeOf(kind: Kind): number {
  switch (kind) {
    case 'int32':
    case 'int64':
    case 'int64n':
    case 'i32arr':
    case 'i64arr':
    case 'u64arr':
      return 0;
    case 'float':
    case 'f32arr':
      return 5;
    case 'f64arr':
      return 1;
    default:
      return 2;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TWO32 = 4294967296;

class Reader {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos: number;
  lo = 0;
  hi = 0;
  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = 0;
  }

  fail(what: string, at: number, path: string): never {
    throw new OnnxDecodeError(`invalid ONNX protobuf at byte ${at} (${path}): ${what}`, at);
  }

  /** Reads a varint into lo/hi (unsigned 32-bit halves). */
  varint(end: number, path: string): void {
    const buf = this.buf;
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let p = this.pos;
    for (let i = 0; ; i++) {
      if (p >= end) this.fail('truncated varint (the data ends in the middle of a number)', start, path);
      if (i === 10) this.fail('varint longer than 10 bytes', start, path);
      const b = buf[p++];
      if (i < 4) {
        lo |= (b & 0x7f) << shift;
      } else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >> 4;
      } else {
        hi |= (b & 0x7f) << (3 + 7 * (i - 5));
      }
      shift += 7;
      if (b < 0x80) break;
    }
    this.pos = p;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** Varint that must fit in 32 bits unsigned (tags, lengths). */
  uint32(end: number, path: string, what: string): number {
    const at = this.pos;
    this.varint(end, path);
    if (this.hi !== 0) this.fail(`${what} is too large`, at, path);
    return this.lo;
  }

  int64(): Int64 {
    const hs = this.hi | 0;
    if ((hs > -0x200000 || (hs === -0x200000 && this.lo > 0)) && hs < 0x200000) return hs * TWO32 + this.lo;
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo));
  }

  int64n(at: number, path: string): number {
    const v = this.int64();
    if (typeof v === 'bigint') this.fail(`integer ${v} is outside the safe integer range`, at, path);
    return v;
  }

  /** Skips a field's payload; returns false for unsupported wire types. */
  skip(wt: number, end: number, path: string, at: number): void {
    switch (wt) {
      case 0:
        this.varint(end, path);
        return;
      case 1:
        if (this.pos + 8 > end) this.fail('truncated 64-bit field', at, path);
        this.pos += 8;
        return;
      case 2: {
        const len = this.uint32(end, path, 'length');
        if (this.pos + len > end) this.fail(`length ${len} runs past the end of the enclosing message`, at, path);
        this.pos += len;
        return;
      }
      case 5:
        if (this.pos + 4 > end) this.fail('truncated 32-bit field', at, path);
        this.pos += 4;
        return;
      case 3:
      case 4:
        this.fail('protobuf groups (wire type 3/4) are not used by ONNX; this is not an ONNX model', at, path);
      // falls through (fail never returns)
      default:
        this.fail(`invalid wire type ${wt}`, at, path);
    }
  }
}

type Obj = Record<string | symbol, unknown>;

interface Accum {
  // repeated typed-array fields are collected here, then turned into typed arrays:
  nums: Map<number, number[]>; // int32 values
  pairs: Map<number, number[]>; // int64/uint64 values as lo, hi (uint32) pairs
  chunks: Map<number, Uint8Array[]>; // float/double little-endian bytes, in wire order
}

/** Same limit as protobuf's default recursion limit: deeper nesting is rejected instead of overflowing the stack. */
const MAX_DEPTH = 100;

function decodeMessage(r: Reader, ms: MsgSpec, end: number, path: string, depth = 0): Obj {
  if (depth > MAX_DEPTH) r.fail(`messages nested more than ${MAX_DEPTH} levels deep`, r.pos, path);
  const out: Obj = {};
  for (const f of ms.fields) if (f.repeated && !f.kind.endsWith('arr')) out[f.name] = [];
  const acc: Accum = { nums: new Map(), pairs: new Map(), chunks: new Map() };
  const buf = r.buf;
  let flipped: Set<number> | undefined;
  const seen = new Set<number>();
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.uint32(end, path, 'field tag');
    const no = tag >>> 3;
    const wt = tag & 7;
    if (no === 0) r.fail('field number 0 is not valid protobuf (not an ONNX model?)', tagAt, path);
    const f = ms.byNo.get(no);
    if (!f) {
      r.skip(wt, end, path, tagAt);
      ((out.unknownFields as Uint8Array[] | undefined) ??= []).push(buf.slice(tagAt, r.pos));
      continue;
    }
    const fpath = `${path}.${f.name}`;
    const expected = wireTypeOf(f.kind);
    if (f.repeated && expected !== 2 && wt === 2) {
      // packed repeated scalars
      const len = r.uint32(end, fpath, 'length');
      const stop = r.pos + len;
      if (stop > end) r.fail(`length ${len} runs past the end of the enclosing message`, tagAt, fpath);
      if (!f.packed && !seen.has(no)) (flipped ??= new Set()).add(no);
      seen.add(no);
      if (f.kind === 'f32arr' || f.kind === 'f64arr') pushChunk(acc, f.no, buf.subarray(stop, stop));
      else if (f.kind === 'i32arr' && !acc.nums.has(no)) acc.nums.set(no, []);
      else if ((f.kind === 'i64arr' || f.kind === 'u64arr') && !acc.pairs.has(no)) acc.pairs.set(no, []);
      readPacked(r, f, stop, fpath, out, acc);
      continue;
    }
    if (wt !== expected) {
      r.fail(`field ${no} (${f.name}) has wire type ${wt}, expected ${expected} (not an ONNX model?)`, tagAt, fpath);
    }
    if (f.repeated && expected !== 2 && f.packed && !seen.has(no)) (flipped ??= new Set()).add(no);
    seen.add(no);
    switch (f.kind) {
      case 'int32': {
        r.varint(end, fpath);
        const v = r.lo | 0;
        setOrPush(out, f, v);
        break;
      }
      case 'int64': {
        r.varint(end, fpath);
        setOrPush(out, f, r.int64());
        break;
      }
      case 'int64n': {
        r.varint(end, fpath);
        setOrPush(out, f, r.int64n(tagAt, fpath));
        break;
      }
      case 'float': {
        if (r.pos + 4 > end) r.fail('truncated 32-bit float', tagAt, fpath);
        setOrPush(out, f, r.view.getFloat32(r.pos, true));
        r.pos += 4;
        break;
      }
      case 'f32arr':
      case 'f64arr':
      case 'i32arr':
      case 'i64arr':
      case 'u64arr':
        readOne(r, f, end, fpath, tagAt, acc);
        break;
      default: {
        // length-delimited
        const len = r.uint32(end, fpath, 'length');
        const start = r.pos;
        const stop = start + len;
        if (stop > end) {
          r.fail(`length ${len} runs past the end of the ${end === buf.length ? 'file (truncated?)' : 'enclosing message'}`, tagAt, fpath);
        }
        if (f.kind === 'string') {
          let s: string | undefined;
          try {
            s = utf8.decode(buf.subarray(start, stop));
          } catch {
            // A doc string is free text that carries no meaning for inference: keep its bytes as an unknown field
            // (written back unchanged) rather than rejecting the model. Any other string must be valid UTF-8.
            if (f.name !== 'docString') r.fail('string field is not valid UTF-8', start, fpath);
          }
          if (s === undefined) ((out.unknownFields as Uint8Array[] | undefined) ??= []).push(buf.slice(tagAt, stop));
          else setOrPush(out, f, s);
          r.pos = stop;
        } else if (f.kind === 'bytes' || f.kind === 'raw') {
          setOrPush(out, f, buf.subarray(start, stop));
          r.pos = stop;
        } else {
          const sub = f.msg!();
          const idx = f.repeated ? `[${(out[f.name] as unknown[]).length}]` : '';
          const child = decodeMessage(r, sub, stop, `${path}.${f.name}${idx}`, depth + 1);
          if (f.repeated) (out[f.name] as unknown[]).push(child);
          else if (out[f.name] !== undefined) mergeInto(sub, out[f.name] as Obj, child);
          else out[f.name] = child;
          r.pos = stop;
        }
      }
    }
  }
  if (r.pos !== end) r.fail('message runs past its declared length', r.pos, path);
  finishArrays(ms, out, acc);
  if (flipped) Object.defineProperty(out, FLIPPED_PACKING, { value: flipped, enumerable: false, writable: true });
  return out;
}

function setOrPush(out: Obj, f: FieldSpec, v: unknown): void {
  if (f.repeated) (out[f.name] as unknown[]).push(v);
  else out[f.name] = v;
}

function readOne(r: Reader, f: FieldSpec, end: number, path: string, at: number, acc: Accum): void {
  switch (f.kind) {
    case 'f32arr':
    case 'f64arr': {
      const size = f.kind === 'f32arr' ? 4 : 8;
      if (r.pos + size > end) r.fail(`truncated ${size * 8}-bit value`, at, path);
      pushChunk(acc, f.no, r.buf.subarray(r.pos, r.pos + size));
      r.pos += size;
      return;
    }
    case 'i32arr':
      r.varint(end, path);
      pushNum(acc, f.no, r.lo | 0);
      return;
    case 'i64arr':
    case 'u64arr': {
      r.varint(end, path);
      let a = acc.pairs.get(f.no);
      if (!a) acc.pairs.set(f.no, (a = []));
      a.push(r.lo, r.hi);
      return;
    }
    default:
      throw new Error(`internal: readOne(${f.kind})`);
  }
}

function readPacked(r: Reader, f: FieldSpec, stop: number, path: string, out: Obj, acc: Accum): void {
  const at = r.pos;
  if (f.kind === 'f32arr' || f.kind === 'f64arr' || f.kind === 'float') {
    const size = f.kind === 'f64arr' ? 8 : 4;
    if ((stop - at) % size !== 0) r.fail(`packed ${size * 8}-bit field length ${stop - at} is not a multiple of ${size}`, at, path);
    if (f.kind === 'float') {
      for (let p = at; p < stop; p += 4) (out[f.name] as number[]).push(r.view.getFloat32(p, true));
    } else {
      pushChunk(acc, f.no, r.buf.subarray(at, stop));
    }
    r.pos = stop;
    return;
  }
  while (r.pos < stop) {
    const vAt = r.pos;
    switch (f.kind) {
      case 'int32':
        r.varint(stop, path);
        (out[f.name] as number[]).push(r.lo | 0);
        break;
      case 'int64':
        r.varint(stop, path);
        (out[f.name] as Int64[]).push(r.int64());
        break;
      case 'int64n':
        r.varint(stop, path);
        (out[f.name] as number[]).push(r.int64n(vAt, path));
        break;
      case 'i32arr':
      case 'i64arr':
      case 'u64arr':
        readOne(r, f, stop, path, vAt, acc);
        break;
      default:
        r.fail(`field ${f.name} cannot be packed`, vAt, path);
    }
  }
}

function pushNum(acc: Accum, no: number, v: number): void {
  let a = acc.nums.get(no);
  if (!a) acc.nums.set(no, (a = []));
  a.push(v);
}

function pushChunk(acc: Accum, no: number, v: Uint8Array): void {
  let a = acc.chunks.get(no);
  if (!a) acc.chunks.set(no, (a = []));
  a.push(v);
}

/** Little-endian element bytes -> a fresh, aligned buffer in native order. */
function gather(chunks: Uint8Array[], size: number): ArrayBuffer {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  if (!LITTLE_ENDIAN) for (let i = 0; i < n; i += size) out.subarray(i, i + size).reverse();
  return out.buffer;
}

/** lo/hi pairs -> 64-bit elements in native order. */
function pairsToBuffer(pairs: number[]): ArrayBuffer {
  const u = Uint32Array.from(pairs);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < u.length; i += 2) {
      const t = u[i];
      u[i] = u[i + 1];
      u[i + 1] = t;
    }
  }
  return u.buffer;
}

function finishArrays(ms: MsgSpec, out: Obj, acc: Accum): void {
  for (const f of ms.fields) {
    switch (f.kind) {
      case 'f32arr': {
        const a = acc.chunks.get(f.no);
        if (a) out[f.name] = new Float32Array(gather(a, 4));
        break;
      }
      case 'f64arr': {
        const a = acc.chunks.get(f.no);
        if (a) out[f.name] = new Float64Array(gather(a, 8));
        break;
      }
      case 'i32arr': {
        const a = acc.nums.get(f.no);
        if (a) out[f.name] = Int32Array.from(a);
        break;
      }
      case 'i64arr': {
        const a = acc.pairs.get(f.no);
        if (a) out[f.name] = new BigInt64Array(pairsToBuffer(a));
        break;
      }
      case 'u64arr': {
        const a = acc.pairs.get(f.no);
        if (a) out[f.name] = new BigUint64Array(pairsToBuffer(a));
        break;
      }
      default:
    }
  }
}

/** Protobuf merge semantics for a singular message field seen twice: scalars override, repeated concatenate. */
function mergeInto(ms: MsgSpec, a: Obj, b: Obj): void {
  for (const f of ms.fields) {
    const bv = b[f.name];
    if (bv === undefined) continue;
    const av = a[f.name];
    if (f.kind.endsWith('arr')) {
      if (av === undefined) a[f.name] = bv;
      else {
        const A = av as Float32Array;
        const B = bv as Float32Array;
        const C = new (A.constructor as Float32ArrayConstructor)(A.length + B.length);
        C.set(A);
        C.set(B, A.length);
        a[f.name] = C;
      }
    } else if (f.repeated) {
      (av as unknown[]).push(...(bv as unknown[]));
    } else if (f.kind === 'msg' && av !== undefined) {
      mergeInto(f.msg!(), av as Obj, bv as Obj);
    } else {
      a[f.name] = bv;
    }
  }
  if (b.unknownFields) ((a.unknownFields as Uint8Array[] | undefined) ??= []).push(...(b.unknownFields as Uint8Array[]));
}

function asBytes(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Uint8Array');
  // Normalise Buffers (a Uint8Array subclass) so decoded byte fields are plain Uint8Array views.
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeTop<T>(ms: MsgSpec, bytes: Uint8Array): T {
  const buf = asBytes(bytes);
  const r = new Reader(buf);
  return decodeMessage(r, ms, buf.length, ms.name) as T;
}

export interface DecodeOptions {
  /** Skip the "looks like an ONNX model" checks (ir_version and graph present). Default false. */
  lenient?: boolean;
}

/** Decodes a serialized ONNX ModelProto. Throws `OnnxDecodeError` (with byte offset) on malformed input. */
export function decodeModel(bytes: Uint8Array, opts: DecodeOptions = {}): ModelProto {
  if (bytes.length === 0) throw new OnnxDecodeError('invalid ONNX model at byte 0: the file is empty', 0);
  const m = decodeTop<ModelProto>(MODEL, bytes);
  if (!opts.lenient) {
    if (m.irVersion === undefined && m.graph === undefined) {
      throw new OnnxDecodeError(
        `invalid ONNX model at byte 0: no ModelProto fields found (no ir_version, no graph) in ${bytes.length} bytes; not an ONNX model`,
        0,
      );
    }
    if (m.irVersion === undefined) throw new OnnxDecodeError('invalid ONNX model at byte 0: ModelProto.ir_version is missing', 0);
    if (m.graph === undefined) throw new OnnxDecodeError('invalid ONNX model at byte 0: ModelProto.graph is missing', 0);
    // Protobuf has no end marker: a file cut at a field boundary still parses. These checks catch the usual cuts
    // (opset_import follows the graph in canonical order).
    if (m.irVersion >= 3 && m.opsetImport.length === 0) {
      throw new OnnxDecodeError(
        `invalid ONNX model at byte ${bytes.length}: ModelProto.opset_import is empty (required from IR version 3; truncated file?)`,
        bytes.length,
      );
    }
    if (m.irVersion >= 3 && m.functions.length === 0) {
      const imported = new Set(m.opsetImport.map((o) => (o.domain === 'ai.onnx' ? '' : (o.domain ?? ''))));
      const missing = usedDomains(m.graph).find((d) => !imported.has(d));
      if (missing !== undefined) {
        throw new OnnxDecodeError(
          `invalid ONNX model at byte ${bytes.length}: nodes use operator domain '${missing}' but opset_import has no entry for it (truncated file?)`,
          bytes.length,
        );
      }
    }
  }
  return m;
}

function usedDomains(g: GraphProto, acc = new Set<string>()): string[] {
  for (const n of g.node) {
    acc.add(n.domain === 'ai.onnx' ? '' : (n.domain ?? ''));
    for (const a of n.attribute) {
      if (a.g) usedDomains(a.g, acc);
      for (const sg of a.graphs) usedDomains(sg, acc);
    }
  }
  return [...acc];
}

export function decodeGraph(bytes: Uint8Array): GraphProto {
  return decodeTop<GraphProto>(GRAPH, bytes);
}
export function decodeTensor(bytes: Uint8Array): TensorProto {
  return decodeTop<TensorProto>(TENSOR, bytes);
}
export function decodeFunction(bytes: Uint8Array): FunctionProto {
  return decodeTop<FunctionProto>(FUNCTION, bytes);
}
export function decodeTrainingInfo(bytes: Uint8Array): TrainingInfoProto {
  return decodeTop<TrainingInfoProto>(TRAINING, bytes);
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding

const utf8enc = new TextEncoder();

/** Chunked writer: small writes go to a scratch buffer, large byte fields are kept by reference until `finish`. */
class Writer {
  chunks: Uint8Array[] = [];
  buf = new Uint8Array(64);
  pos = 0;
  flushed = 0;

  get length(): number {
    return this.flushed + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n, 256));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.buf = this.buf.subarray(this.pos);
    if (this.buf.length < 64) this.buf = new Uint8Array(4096);
    this.pos = 0;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned varint of a non-negative safe integer. */
  uvarint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  /** Varint of a 64-bit value given as unsigned bigint. */
  bigvarint(v: bigint): void {
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  /** Varint of a 64-bit value given as unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let p = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[p++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
    }
    buf[p++] = lo;
    this.pos = p;
  }

  /** int64/int32 varint (negative values as 64-bit two's complement, 10 bytes). */
  svarint(v: number | bigint): void {
    if (typeof v === 'bigint') {
      if (v < -(1n << 63n) || v >= 1n << 64n) throw new Error(`integer ${v} does not fit in 64 bits`);
      if (v >= -9007199254740991n && v <= 9007199254740991n) v = Number(v);
      else return this.bigvarint(BigInt.asUintN(64, v));
    }
    if (!Number.isSafeInteger(v)) {
      if (!Number.isInteger(v)) throw new Error(`cannot encode non-integer ${v} as a protobuf integer`);
      return this.svarint(BigInt(v));
    }
    if (v >= 0) return v < 0x80000000 ? this.varint64(v, 0) : this.uvarint(v);
    // negative safe integer: two's complement halves
    const hi = Math.floor(v / TWO32);
    const lo = v - hi * TWO32;
    this.varint64(lo >>> 0, hi >>> 0);
  }

  tag(no: number, wt: number): void {
    this.uvarint(no * 8 + wt);
  }

  float32(v: number): void {
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    if (b.length > 1024) {
      this.flush();
      this.chunks.push(b);
      this.flushed += b.length;
    } else {
      this.ensure(b.length);
      this.buf.set(b, this.pos);
      this.pos += b.length;
    }
  }

  append(w: Writer): void {
    if (w.chunks.length === 0 && w.pos <= 4096) {
      // small child: copy (keeps the chunk list short)
      this.ensure(w.pos);
      this.buf.set(w.buf.subarray(0, w.pos), this.pos);
      this.pos += w.pos;
      return;
    }
    w.flush();
    this.flush();
    for (const c of w.chunks) this.chunks.push(c);
    this.flushed += w.flushed;
  }

  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.flushed);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}

function typedBytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encodeMessage(w: Writer, ms: MsgSpec, obj: Obj, path: string): void {
  if (obj === null || typeof obj !== 'object') throw new Error(`cannot encode ${path}: expected an object`);
  const flipped = obj[FLIPPED_PACKING] as Set<number> | undefined;
  for (const f of ms.fields) {
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    const fpath = `${path}.${f.name}`;
    if (f.repeated) {
      const packed = flipped?.has(f.no) ? !f.packed : f.packed;
      encodeRepeated(w, f, v, packed, fpath);
    } else {
      encodeSingle(w, f, v, fpath);
    }
  }
  const unknown = obj.unknownFields as Uint8Array[] | undefined;
  if (unknown) for (const chunk of unknown) w.bytes(chunk);
}

function encodeSingle(w: Writer, f: FieldSpec, v: unknown, path: string): void {
  switch (f.kind) {
    case 'int32':
    case 'int64':
    case 'int64n':
      w.tag(f.no, 0);
      w.svarint(v as number | bigint);
      return;
    case 'float':
      w.tag(f.no, 5);
      w.float32(v as number);
      return;
    case 'string': {
      if (typeof v !== 'string') throw new Error(`cannot encode ${path}: expected a string`);
      const b = utf8enc.encode(v);
      w.tag(f.no, 2);
      w.uvarint(b.length);
      w.bytes(b);
      return;
    }
    case 'bytes':
    case 'raw': {
      if (!(v instanceof Uint8Array)) throw new Error(`cannot encode ${path}: expected a Uint8Array`);
      w.tag(f.no, 2);
      w.uvarint(v.length);
      w.bytes(v);
      return;
    }
    case 'msg': {
      const sub = new Writer();
      encodeMessage(sub, f.msg!(), v as Obj, path);
      w.tag(f.no, 2);
      w.uvarint(sub.length);
      w.append(sub);
      return;
    }
    default:
      throw new Error(`internal: encodeSingle(${f.kind})`);
  }
}

function encodeRepeated(w: Writer, f: FieldSpec, v: unknown, packed: boolean, path: string): void {
  const n = (v as ArrayLike<unknown>).length;
  if (typeof n !== 'number') throw new Error(`cannot encode ${path}: expected an array`);
  if (n === 0) return;
  switch (f.kind) {
    case 'string':
    case 'bytes':
    case 'raw':
    case 'msg':
      for (let i = 0; i < n; i++) encodeSingle(w, f, (v as unknown[])[i], `${path}[${i}]`);
      return;
    case 'f32arr':
    case 'f64arr':
    case 'float': {
      const size = f.kind === 'f64arr' ? 8 : 4;
      let data: Uint8Array;
      const native = size === 4 ? v instanceof Float32Array : v instanceof Float64Array;
      if (f.kind === 'float' || !LITTLE_ENDIAN || !native) {
        const dv = new DataView(new ArrayBuffer(n * size));
        for (let i = 0; i < n; i++) {
          const x = (v as ArrayLike<number>)[i];
          if (size === 4) dv.setFloat32(i * size, x, true);
          else dv.setFloat64(i * size, x, true);
        }
        data = new Uint8Array(dv.buffer);
      } else {
        data = typedBytes(v as Float32Array | Float64Array);
      }
      if (packed) {
        w.tag(f.no, 2);
        w.uvarint(data.length);
        w.bytes(data);
      } else {
        for (let i = 0; i < n; i++) {
          w.tag(f.no, size === 4 ? 5 : 1);
          w.bytes(data.subarray(i * size, (i + 1) * size));
        }
      }
      return;
    }
    default: {
      // varint kinds
      const arr = v as ArrayLike<number | bigint>;
      if (packed) {
        const sub = new Writer();
        if (LITTLE_ENDIAN && (arr instanceof BigInt64Array || arr instanceof BigUint64Array)) {
          const u = new Uint32Array(arr.buffer, arr.byteOffset, n * 2);
          for (let i = 0; i < n; i++) sub.varint64(u[2 * i], u[2 * i + 1]);
        } else {
          for (let i = 0; i < n; i++) sub.svarint(arr[i]);
        }
        w.tag(f.no, 2);
        w.uvarint(sub.length);
        w.append(sub);
      } else {
        for (let i = 0; i < n; i++) {
          w.tag(f.no, 0);
          w.svarint(arr[i]);
        }
      }
    }
  }
}

function encodeTop(ms: MsgSpec, obj: object): Uint8Array {
  const w = new Writer();
  encodeMessage(w, ms, obj as Obj, ms.name);
  return w.finish();
}

/** Serializes a ModelProto (fields in ascending field-number order, unknown fields after the known ones). */
export function encodeModel(m: ModelProto): Uint8Array {
  return encodeTop(MODEL, m);
}
export function encodeGraph(g: GraphProto): Uint8Array {
  return encodeTop(GRAPH, g);
}
export function encodeTensor(t: TensorProto): Uint8Array {
  return encodeTop(TENSOR, t);
}
export function encodeFunction(f: FunctionProto): Uint8Array {
  return encodeTop(FUNCTION, f);
}
export function encodeTrainingInfo(t: TrainingInfoProto): Uint8Array {
  return encodeTop(TRAINING, t);
}

// ---------------------------------------------------------------------------------------------------------------
// Small read helpers for attributes

const utf8lenient = new TextDecoder('utf-8');

export function findAttr(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

function toSafe(v: Int64, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${what}: integer ${v} is outside the safe integer range`);
  return n;
}

/** Integer attribute as a number (bigint values must be safe integers), or `dflt` when absent. */
export function attrInt(node: NodeProto, name: string, dflt?: number): number | undefined {
  const a = findAttr(node, name);
  if (!a || a.i === undefined) return dflt;
  return toSafe(a.i, `${node.opType} attribute ${name}`);
}

/** Integer list attribute as numbers. Values outside the safe range throw (use `.ints` for raw access). */
export function attrInts(node: NodeProto, name: string, dflt?: number[]): number[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.ints.length === 0 && a.type !== AttributeType.INTS)) return dflt;
  return a.ints.map((v) => toSafe(v, `${node.opType} attribute ${name}`));
}

export function attrFloat(node: NodeProto, name: string, dflt?: number): number | undefined {
  const a = findAttr(node, name);
  return a && a.f !== undefined ? a.f : dflt;
}

export function attrFloats(node: NodeProto, name: string, dflt?: number[]): number[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.floats.length === 0 && a.type !== AttributeType.FLOATS)) return dflt;
  return a.floats;
}

export function attrString(node: NodeProto, name: string, dflt?: string): string | undefined {
  const a = findAttr(node, name);
  return a && a.s !== undefined ? utf8lenient.decode(a.s) : dflt;
}

export function attrStrings(node: NodeProto, name: string, dflt?: string[]): string[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.strings.length === 0 && a.type !== AttributeType.STRINGS)) return dflt;
  return a.strings.map((s) => utf8lenient.decode(s));
}

export function attrTensor(node: NodeProto, name: string): TensorProto | undefined {
  return findAttr(node, name)?.t;
}

export function attrGraph(node: NodeProto, name: string): GraphProto | undefined {
  return findAttr(node, name)?.g;
}

/** The opset version imported for `domain` ('' and 'ai.onnx' are the same domain), or undefined. */
export function opsetVersion(model: ModelProto, domain = ''): number | undefined {
  const d = domain === 'ai.onnx' ? '' : domain;
  const found = model.opsetImport.find((o) => (o.domain ?? '') === d || (d === '' && o.domain === 'ai.onnx'));
  return found?.version;
}

/** Element type and shape of a tensor-typed value (`null` dims are unknown, strings symbolic); undefined if not a tensor. */
export function tensorInfo(v: ValueInfoProto): { elemType: number; shape: (number | string | null)[] | undefined } | undefined {
  const t = v.type?.tensorType;
  if (!t) return undefined;
  return {
    elemType: t.elemType ?? 0,
    shape: t.shape ? t.shape.dim.map((d) => d.dimValue ?? d.dimParam ?? null) : undefined,
  };
}
