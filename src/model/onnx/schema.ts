/**
 * ONNX schema for the codec: the TypeScript shapes of the decoded messages (the public types), and the field
 * tables (`MsgSpec`s: field number, camelCase name, wire kind, repeated/packed) that drive `decode.ts` and
 * `encode.ts`. Field tables mirror onnx.proto of ONNX 1.17; only the tables' top-level messages are exported.
 * See proto.ts for the codec's conventions (presence, int64, typed arrays, unknown fields, packing).
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

// ---------------------------------------------------------------------------------------------------------------
// Field tables (onnx.proto field numbers; `spec` sorts each table by field number)

export type Kind =
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

export interface FieldSpec {
  no: number;
  name: string;
  kind: Kind;
  repeated: boolean;
  /** Default encoding for repeated scalars (onnx.proto: only the *_data fields are [packed = true]). */
  packed: boolean;
  msg?: () => MsgSpec;
}

export interface MsgSpec {
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
export const TENSOR: MsgSpec = spec('TensorProto', [
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
export const GRAPH: MsgSpec = spec('GraphProto', [
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
export const MODEL: MsgSpec = spec('ModelProto', [
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
export const FUNCTION: MsgSpec = spec('FunctionProto', [
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
export const TRAINING: MsgSpec = spec('TrainingInfoProto', [
  [1, 'initialization', 'msg', undefined, () => GRAPH],
  [2, 'algorithm', 'msg', undefined, () => GRAPH],
  [3, 'initializationBinding', 'msg', 'rep', () => SSE],
  [4, 'updateBinding', 'msg', 'rep', () => SSE],
]);

/** Non-enumerable marker: field numbers whose repeated encoding (packed or not) differs from the schema default. */
export const FLIPPED_PACKING = Symbol('onnxFlippedPacking');

export function wireTypeOf(kind: Kind): number {
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

/** A message as the decoder builds it and the encoder walks it: field name -> value (plus the packing marker). */
export type Obj = Record<string | symbol, unknown>;
