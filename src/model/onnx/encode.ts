/**
 * Encoder: the typed ONNX messages of schema.ts -> protobuf wire bytes, driven by the field tables. Known fields in
 * ascending field-number order, repeated scalars packed as onnx.proto declares (or as they were read, see
 * `FLIPPED_PACKING`), unknown fields appended after the known ones.
 */
import { FUNCTION, GRAPH, MODEL, TENSOR, TRAINING, FLIPPED_PACKING } from './schema.ts';
import type { FieldSpec, FunctionProto, GraphProto, ModelProto, MsgSpec, Obj, TensorProto, TrainingInfoProto } from './schema.ts';
import { LITTLE_ENDIAN, Writer } from './wire.ts';

const utf8enc = new TextEncoder();

function typedBytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

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
