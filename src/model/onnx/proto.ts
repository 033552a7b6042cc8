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
 *
 * This module is the public entry point; the codec lives in the files next to it (see README.md):
 * schema.ts (types + field tables), wire.ts (varint/fixed reader and writer), decode.ts, encode.ts, attrs.ts
 * (attribute read helpers). Importers use this module only.
 */

export type {
  Int64,
  WithUnknown,
  StringStringEntryProto,
  OperatorSetIdProto,
  TensorAnnotation,
  TensorSegment,
  TensorProto,
  SparseTensorProto,
  TensorShapeDimension,
  TensorShapeProto,
  TypeProtoTensor,
  TypeProtoSequence,
  TypeProtoMap,
  TypeProtoOptional,
  TypeProtoOpaque,
  TypeProto,
  ValueInfoProto,
  AttributeProto,
  NodeProto,
  GraphProto,
  ModelProto,
  FunctionProto,
  TrainingInfoProto,
} from './schema.ts';
export { AttributeType } from './schema.ts';
export { OnnxDecodeError } from './wire.ts';
export type { DecodeOptions } from './decode.ts';
export { decodeModel, decodeGraph, decodeTensor, decodeFunction, decodeTrainingInfo } from './decode.ts';
export { encodeModel, encodeGraph, encodeTensor, encodeFunction, encodeTrainingInfo } from './encode.ts';
export {
  findAttr,
  attrInt,
  attrInts,
  attrFloat,
  attrFloats,
  attrString,
  attrStrings,
  attrTensor,
  attrGraph,
  opsetVersion,
  tensorInfo,
} from './attrs.ts';
