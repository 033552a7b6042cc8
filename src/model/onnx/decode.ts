/**
 * Decoder: protobuf wire bytes -> the typed ONNX messages of schema.ts, driven by the field tables. Keeps proto2
 * presence, unknown fields (as raw tag+payload chunks) and non-default packing (the `FLIPPED_PACKING` marker) so
 * that encode.ts writes the same bytes back. `decodeModel` adds the "looks like an ONNX model" checks.
 */
import { FUNCTION, GRAPH, MODEL, TENSOR, TRAINING, FLIPPED_PACKING, wireTypeOf } from './schema.ts';
import type { FieldSpec, FunctionProto, GraphProto, Int64, ModelProto, MsgSpec, Obj, TensorProto, TrainingInfoProto } from './schema.ts';
import { LITTLE_ENDIAN, OnnxDecodeError, Reader } from './wire.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
