/** Small model helpers shared by the builder's stages. */
import { decodeModel } from '../onnx/proto.ts';
import type { GraphProto, ModelProto, TensorProto } from '../onnx/proto.ts';
import { tensorToArray, TensorDataType } from '../onnx/tensor.ts';
import { UnsupportedOpError } from './errors.ts';

export function cloneModel(bytes: Uint8Array): ModelProto {
  return decodeModel(bytes.slice());
}

export function graphOf(m: ModelProto): GraphProto {
  if (!m.graph) throw new UnsupportedOpError('model', '', 'the model has no graph');
  return m.graph;
}

/** Values of an initializer as plain numbers. */
export function tensorNumbers(t: TensorProto): number[] {
  const a = tensorToArray(t);
  if (Array.isArray(a)) throw new Error('string tensor');
  return Array.from(a as ArrayLike<number | bigint>, (v) => Number(v));
}

export function tensorI64(vals: number[]): TensorProto {
  return { dims: [vals.length], dataType: TensorDataType.INT64, int64Data: BigInt64Array.from(vals.map((x) => BigInt(x))), stringData: [], externalData: [], metadataProps: [] };
}
