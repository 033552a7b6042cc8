import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/model/onnx/schema.ts
var AttributeType = {
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
  TYPE_PROTOS: 14
};
function spec(name, defs) {
  const fields = defs.map(([no, fname, kind, rep, msg]) => ({
    no,
    name: fname,
    kind,
    repeated: rep !== void 0 || kind.endsWith("arr"),
    packed: rep === "packed",
    msg
  })).sort((a, b) => a.no - b.no);
  return { name, fields, byNo: new Map(fields.map((f) => [f.no, f])) };
}
var SSE = spec("StringStringEntryProto", [
  [1, "key", "string"],
  [2, "value", "string"]
]);
var OPSET = spec("OperatorSetIdProto", [
  [1, "domain", "string"],
  [2, "version", "int64n"]
]);
var SEGMENT = spec("TensorProto.Segment", [
  [1, "begin", "int64n"],
  [2, "end", "int64n"]
]);
var TENSOR = spec("TensorProto", [
  [1, "dims", "int64n", "rep"],
  [2, "dataType", "int32"],
  [3, "segment", "msg", void 0, () => SEGMENT],
  [4, "floatData", "f32arr", "packed"],
  [5, "int32Data", "i32arr", "packed"],
  [6, "stringData", "bytes", "rep"],
  [7, "int64Data", "i64arr", "packed"],
  [8, "name", "string"],
  [9, "rawData", "bytes"],
  [10, "doubleData", "f64arr", "packed"],
  [11, "uint64Data", "u64arr", "packed"],
  [12, "docString", "string"],
  [13, "externalData", "msg", "rep", () => SSE],
  [14, "dataLocation", "int32"],
  [16, "metadataProps", "msg", "rep", () => SSE]
]);
var SPARSE = spec("SparseTensorProto", [
  [1, "values", "msg", void 0, () => TENSOR],
  [2, "indices", "msg", void 0, () => TENSOR],
  [3, "dims", "int64n", "rep"]
]);
var DIM = spec("TensorShapeProto.Dimension", [
  [1, "dimValue", "int64n"],
  [2, "dimParam", "string"],
  [3, "denotation", "string"]
]);
var SHAPE = spec("TensorShapeProto", [[1, "dim", "msg", "rep", () => DIM]]);
var TT_TENSOR = spec("TypeProto.Tensor", [
  [1, "elemType", "int32"],
  [2, "shape", "msg", void 0, () => SHAPE]
]);
var TT_SPARSE = spec("TypeProto.SparseTensor", [
  [1, "elemType", "int32"],
  [2, "shape", "msg", void 0, () => SHAPE]
]);
var TT_SEQ = spec("TypeProto.Sequence", [[1, "elemType", "msg", void 0, () => TYPE]]);
var TT_MAP = spec("TypeProto.Map", [
  [1, "keyType", "int32"],
  [2, "valueType", "msg", void 0, () => TYPE]
]);
var TT_OPT = spec("TypeProto.Optional", [[1, "elemType", "msg", void 0, () => TYPE]]);
var TT_OPAQUE = spec("TypeProto.Opaque", [
  [1, "domain", "string"],
  [2, "name", "string"]
]);
var TYPE = spec("TypeProto", [
  [1, "tensorType", "msg", void 0, () => TT_TENSOR],
  [4, "sequenceType", "msg", void 0, () => TT_SEQ],
  [5, "mapType", "msg", void 0, () => TT_MAP],
  [6, "denotation", "string"],
  [7, "opaqueType", "msg", void 0, () => TT_OPAQUE],
  [8, "sparseTensorType", "msg", void 0, () => TT_SPARSE],
  [9, "optionalType", "msg", void 0, () => TT_OPT]
]);
var VALUE_INFO = spec("ValueInfoProto", [
  [1, "name", "string"],
  [2, "type", "msg", void 0, () => TYPE],
  [3, "docString", "string"],
  [4, "metadataProps", "msg", "rep", () => SSE]
]);
var ATTRIBUTE = spec("AttributeProto", [
  [1, "name", "string"],
  [2, "f", "float"],
  [3, "i", "int64"],
  [4, "s", "bytes"],
  [5, "t", "msg", void 0, () => TENSOR],
  [6, "g", "msg", void 0, () => GRAPH],
  [7, "floats", "float", "rep"],
  [8, "ints", "int64", "rep"],
  [9, "strings", "bytes", "rep"],
  [10, "tensors", "msg", "rep", () => TENSOR],
  [11, "graphs", "msg", "rep", () => GRAPH],
  [13, "docString", "string"],
  [14, "tp", "msg", void 0, () => TYPE],
  [15, "typeProtos", "msg", "rep", () => TYPE],
  [20, "type", "int32"],
  [21, "refAttrName", "string"],
  [22, "sparseTensor", "msg", void 0, () => SPARSE],
  [23, "sparseTensors", "msg", "rep", () => SPARSE]
]);
var NODE = spec("NodeProto", [
  [1, "input", "string", "rep"],
  [2, "output", "string", "rep"],
  [3, "name", "string"],
  [4, "opType", "string"],
  [5, "attribute", "msg", "rep", () => ATTRIBUTE],
  [6, "docString", "string"],
  [7, "domain", "string"],
  [8, "overload", "string"],
  [9, "metadataProps", "msg", "rep", () => SSE]
]);
var ANNOTATION = spec("TensorAnnotation", [
  [1, "tensorName", "string"],
  [2, "quantParameterTensorNames", "msg", "rep", () => SSE]
]);
var GRAPH = spec("GraphProto", [
  [1, "node", "msg", "rep", () => NODE],
  [2, "name", "string"],
  [5, "initializer", "msg", "rep", () => TENSOR],
  [10, "docString", "string"],
  [11, "input", "msg", "rep", () => VALUE_INFO],
  [12, "output", "msg", "rep", () => VALUE_INFO],
  [13, "valueInfo", "msg", "rep", () => VALUE_INFO],
  [14, "quantizationAnnotation", "msg", "rep", () => ANNOTATION],
  [15, "sparseInitializer", "msg", "rep", () => SPARSE],
  [16, "metadataProps", "msg", "rep", () => SSE]
]);
var MODEL = spec("ModelProto", [
  [1, "irVersion", "int64n"],
  [2, "producerName", "string"],
  [3, "producerVersion", "string"],
  [4, "domain", "string"],
  [5, "modelVersion", "int64n"],
  [6, "docString", "string"],
  [7, "graph", "msg", void 0, () => GRAPH],
  [8, "opsetImport", "msg", "rep", () => OPSET],
  [14, "metadataProps", "msg", "rep", () => SSE],
  [20, "trainingInfo", "raw", "rep"],
  [25, "functions", "raw", "rep"]
]);
var FUNCTION = spec("FunctionProto", [
  [1, "name", "string"],
  [4, "input", "string", "rep"],
  [5, "output", "string", "rep"],
  [6, "attribute", "string", "rep"],
  [7, "node", "msg", "rep", () => NODE],
  [8, "docString", "string"],
  [9, "opsetImport", "msg", "rep", () => OPSET],
  [10, "domain", "string"],
  [11, "attributeProto", "msg", "rep", () => ATTRIBUTE],
  [12, "valueInfo", "msg", "rep", () => VALUE_INFO],
  [13, "overload", "string"],
  [14, "metadataProps", "msg", "rep", () => SSE]
]);
var TRAINING = spec("TrainingInfoProto", [
  [1, "initialization", "msg", void 0, () => GRAPH],
  [2, "algorithm", "msg", void 0, () => GRAPH],
  [3, "initializationBinding", "msg", "rep", () => SSE],
  [4, "updateBinding", "msg", "rep", () => SSE]
]);
var FLIPPED_PACKING = /* @__PURE__ */ Symbol("onnxFlippedPacking");
function wireTypeOf(kind) {
  switch (kind) {
    case "int32":
    case "int64":
    case "int64n":
    case "i32arr":
    case "i64arr":
    case "u64arr":
      return 0;
    case "float":
    case "f32arr":
      return 5;
    case "f64arr":
      return 1;
    default:
      return 2;
  }
}

// src/model/onnx/wire.ts
var OnnxDecodeError = class extends Error {
  offset;
  constructor(message, offset) {
    super(message);
    this.name = "OnnxDecodeError";
    this.offset = offset;
  }
};
var TWO32 = 4294967296;
var LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
var Reader = class {
  buf;
  view;
  pos;
  lo = 0;
  hi = 0;
  constructor(buf) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = 0;
  }
  fail(what, at, path) {
    throw new OnnxDecodeError(`invalid ONNX protobuf at byte ${at} (${path}): ${what}`, at);
  }
  /** Reads a varint into lo/hi (unsigned 32-bit halves). */
  varint(end, path) {
    const buf = this.buf;
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let p = this.pos;
    for (let i = 0; ; i++) {
      if (p >= end) this.fail("truncated varint (the data ends in the middle of a number)", start, path);
      if (i === 10) this.fail("varint longer than 10 bytes", start, path);
      const b = buf[p++];
      if (i < 4) {
        lo |= (b & 127) << shift;
      } else if (i === 4) {
        lo |= (b & 15) << 28;
        hi = (b & 127) >> 4;
      } else {
        hi |= (b & 127) << 3 + 7 * (i - 5);
      }
      shift += 7;
      if (b < 128) break;
    }
    this.pos = p;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }
  /** Varint that must fit in 32 bits unsigned (tags, lengths). */
  uint32(end, path, what) {
    const at = this.pos;
    this.varint(end, path);
    if (this.hi !== 0) this.fail(`${what} is too large`, at, path);
    return this.lo;
  }
  int64() {
    const hs = this.hi | 0;
    if ((hs > -2097152 || hs === -2097152 && this.lo > 0) && hs < 2097152) return hs * TWO32 + this.lo;
    return BigInt.asIntN(64, BigInt(this.hi) << 32n | BigInt(this.lo));
  }
  int64n(at, path) {
    const v = this.int64();
    if (typeof v === "bigint") this.fail(`integer ${v} is outside the safe integer range`, at, path);
    return v;
  }
  /** Skips a field's payload; returns false for unsupported wire types. */
  skip(wt, end, path, at) {
    switch (wt) {
      case 0:
        this.varint(end, path);
        return;
      case 1:
        if (this.pos + 8 > end) this.fail("truncated 64-bit field", at, path);
        this.pos += 8;
        return;
      case 2: {
        const len = this.uint32(end, path, "length");
        if (this.pos + len > end) this.fail(`length ${len} runs past the end of the enclosing message`, at, path);
        this.pos += len;
        return;
      }
      case 5:
        if (this.pos + 4 > end) this.fail("truncated 32-bit field", at, path);
        this.pos += 4;
        return;
      case 3:
      case 4:
        this.fail("protobuf groups (wire type 3/4) are not used by ONNX; this is not an ONNX model", at, path);
      // falls through (fail never returns)
      default:
        this.fail(`invalid wire type ${wt}`, at, path);
    }
  }
};
var Writer = class {
  chunks = [];
  buf = new Uint8Array(64);
  pos = 0;
  flushed = 0;
  get length() {
    return this.flushed + this.pos;
  }
  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n, 256));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  flush() {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.buf = this.buf.subarray(this.pos);
    if (this.buf.length < 64) this.buf = new Uint8Array(4096);
    this.pos = 0;
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  /** Unsigned varint of a non-negative safe integer. */
  uvarint(n) {
    this.ensure(10);
    while (n >= 128) {
      this.buf[this.pos++] = n & 127 | 128;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
  /** Varint of a 64-bit value given as unsigned bigint. */
  bigvarint(v) {
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 128;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }
  /** Varint of a 64-bit value given as unsigned 32-bit halves. */
  varint64(lo, hi) {
    this.ensure(10);
    const buf = this.buf;
    let p = this.pos;
    while (hi !== 0 || lo > 127) {
      buf[p++] = lo & 127 | 128;
      lo = (lo >>> 7 | hi << 25) >>> 0;
      hi = hi >>> 7;
    }
    buf[p++] = lo;
    this.pos = p;
  }
  /** int64/int32 varint (negative values as 64-bit two's complement, 10 bytes). */
  svarint(v) {
    if (typeof v === "bigint") {
      if (v < -(1n << 63n) || v >= 1n << 64n) throw new Error(`integer ${v} does not fit in 64 bits`);
      if (v >= -9007199254740991n && v <= 9007199254740991n) v = Number(v);
      else return this.bigvarint(BigInt.asUintN(64, v));
    }
    if (!Number.isSafeInteger(v)) {
      if (!Number.isInteger(v)) throw new Error(`cannot encode non-integer ${v} as a protobuf integer`);
      return this.svarint(BigInt(v));
    }
    if (v >= 0) return v < 2147483648 ? this.varint64(v, 0) : this.uvarint(v);
    const hi = Math.floor(v / TWO32);
    const lo = v - hi * TWO32;
    this.varint64(lo >>> 0, hi >>> 0);
  }
  tag(no, wt) {
    this.uvarint(no * 8 + wt);
  }
  float32(v) {
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.pos, v, true);
    this.pos += 4;
  }
  bytes(b) {
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
  append(w) {
    if (w.chunks.length === 0 && w.pos <= 4096) {
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
  finish() {
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
};

// src/model/onnx/decode.ts
var utf8 = new TextDecoder("utf-8", { fatal: true });
var MAX_DEPTH = 100;
function decodeMessage(r, ms, end, path, depth = 0) {
  if (depth > MAX_DEPTH) r.fail(`messages nested more than ${MAX_DEPTH} levels deep`, r.pos, path);
  const out = {};
  for (const f of ms.fields) if (f.repeated && !f.kind.endsWith("arr")) out[f.name] = [];
  const acc = { nums: /* @__PURE__ */ new Map(), pairs: /* @__PURE__ */ new Map(), chunks: /* @__PURE__ */ new Map() };
  const buf = r.buf;
  let flipped;
  const seen = /* @__PURE__ */ new Set();
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.uint32(end, path, "field tag");
    const no = tag >>> 3;
    const wt = tag & 7;
    if (no === 0) r.fail("field number 0 is not valid protobuf (not an ONNX model?)", tagAt, path);
    const f = ms.byNo.get(no);
    if (!f) {
      r.skip(wt, end, path, tagAt);
      (out.unknownFields ??= []).push(buf.slice(tagAt, r.pos));
      continue;
    }
    const fpath = `${path}.${f.name}`;
    const expected = wireTypeOf(f.kind);
    if (f.repeated && expected !== 2 && wt === 2) {
      const len = r.uint32(end, fpath, "length");
      const stop = r.pos + len;
      if (stop > end) r.fail(`length ${len} runs past the end of the enclosing message`, tagAt, fpath);
      if (!f.packed && !seen.has(no)) (flipped ??= /* @__PURE__ */ new Set()).add(no);
      seen.add(no);
      if (f.kind === "f32arr" || f.kind === "f64arr") pushChunk(acc, f.no, buf.subarray(stop, stop));
      else if (f.kind === "i32arr" && !acc.nums.has(no)) acc.nums.set(no, []);
      else if ((f.kind === "i64arr" || f.kind === "u64arr") && !acc.pairs.has(no)) acc.pairs.set(no, []);
      readPacked(r, f, stop, fpath, out, acc);
      continue;
    }
    if (wt !== expected) {
      r.fail(`field ${no} (${f.name}) has wire type ${wt}, expected ${expected} (not an ONNX model?)`, tagAt, fpath);
    }
    if (f.repeated && expected !== 2 && f.packed && !seen.has(no)) (flipped ??= /* @__PURE__ */ new Set()).add(no);
    seen.add(no);
    switch (f.kind) {
      case "int32": {
        r.varint(end, fpath);
        const v = r.lo | 0;
        setOrPush(out, f, v);
        break;
      }
      case "int64": {
        r.varint(end, fpath);
        setOrPush(out, f, r.int64());
        break;
      }
      case "int64n": {
        r.varint(end, fpath);
        setOrPush(out, f, r.int64n(tagAt, fpath));
        break;
      }
      case "float": {
        if (r.pos + 4 > end) r.fail("truncated 32-bit float", tagAt, fpath);
        setOrPush(out, f, r.view.getFloat32(r.pos, true));
        r.pos += 4;
        break;
      }
      case "f32arr":
      case "f64arr":
      case "i32arr":
      case "i64arr":
      case "u64arr":
        readOne(r, f, end, fpath, tagAt, acc);
        break;
      default: {
        const len = r.uint32(end, fpath, "length");
        const start = r.pos;
        const stop = start + len;
        if (stop > end) {
          r.fail(`length ${len} runs past the end of the ${end === buf.length ? "file (truncated?)" : "enclosing message"}`, tagAt, fpath);
        }
        if (f.kind === "string") {
          let s;
          try {
            s = utf8.decode(buf.subarray(start, stop));
          } catch {
            if (f.name !== "docString") r.fail("string field is not valid UTF-8", start, fpath);
          }
          if (s === void 0) (out.unknownFields ??= []).push(buf.slice(tagAt, stop));
          else setOrPush(out, f, s);
          r.pos = stop;
        } else if (f.kind === "bytes" || f.kind === "raw") {
          setOrPush(out, f, buf.subarray(start, stop));
          r.pos = stop;
        } else {
          const sub = f.msg();
          const idx = f.repeated ? `[${out[f.name].length}]` : "";
          const child = decodeMessage(r, sub, stop, `${path}.${f.name}${idx}`, depth + 1);
          if (f.repeated) out[f.name].push(child);
          else if (out[f.name] !== void 0) mergeInto(sub, out[f.name], child);
          else out[f.name] = child;
          r.pos = stop;
        }
      }
    }
  }
  if (r.pos !== end) r.fail("message runs past its declared length", r.pos, path);
  finishArrays(ms, out, acc);
  if (flipped) Object.defineProperty(out, FLIPPED_PACKING, { value: flipped, enumerable: false, writable: true });
  return out;
}
function setOrPush(out, f, v) {
  if (f.repeated) out[f.name].push(v);
  else out[f.name] = v;
}
function readOne(r, f, end, path, at, acc) {
  switch (f.kind) {
    case "f32arr":
    case "f64arr": {
      const size = f.kind === "f32arr" ? 4 : 8;
      if (r.pos + size > end) r.fail(`truncated ${size * 8}-bit value`, at, path);
      pushChunk(acc, f.no, r.buf.subarray(r.pos, r.pos + size));
      r.pos += size;
      return;
    }
    case "i32arr":
      r.varint(end, path);
      pushNum(acc, f.no, r.lo | 0);
      return;
    case "i64arr":
    case "u64arr": {
      r.varint(end, path);
      let a = acc.pairs.get(f.no);
      if (!a) acc.pairs.set(f.no, a = []);
      a.push(r.lo, r.hi);
      return;
    }
    default:
      throw new Error(`internal: readOne(${f.kind})`);
  }
}
function readPacked(r, f, stop, path, out, acc) {
  const at = r.pos;
  if (f.kind === "f32arr" || f.kind === "f64arr" || f.kind === "float") {
    const size = f.kind === "f64arr" ? 8 : 4;
    if ((stop - at) % size !== 0) r.fail(`packed ${size * 8}-bit field length ${stop - at} is not a multiple of ${size}`, at, path);
    if (f.kind === "float") {
      for (let p = at; p < stop; p += 4) out[f.name].push(r.view.getFloat32(p, true));
    } else {
      pushChunk(acc, f.no, r.buf.subarray(at, stop));
    }
    r.pos = stop;
    return;
  }
  while (r.pos < stop) {
    const vAt = r.pos;
    switch (f.kind) {
      case "int32":
        r.varint(stop, path);
        out[f.name].push(r.lo | 0);
        break;
      case "int64":
        r.varint(stop, path);
        out[f.name].push(r.int64());
        break;
      case "int64n":
        r.varint(stop, path);
        out[f.name].push(r.int64n(vAt, path));
        break;
      case "i32arr":
      case "i64arr":
      case "u64arr":
        readOne(r, f, stop, path, vAt, acc);
        break;
      default:
        r.fail(`field ${f.name} cannot be packed`, vAt, path);
    }
  }
}
function pushNum(acc, no, v) {
  let a = acc.nums.get(no);
  if (!a) acc.nums.set(no, a = []);
  a.push(v);
}
function pushChunk(acc, no, v) {
  let a = acc.chunks.get(no);
  if (!a) acc.chunks.set(no, a = []);
  a.push(v);
}
function gather(chunks, size) {
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
function pairsToBuffer(pairs) {
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
function finishArrays(ms, out, acc) {
  for (const f of ms.fields) {
    switch (f.kind) {
      case "f32arr": {
        const a = acc.chunks.get(f.no);
        if (a) out[f.name] = new Float32Array(gather(a, 4));
        break;
      }
      case "f64arr": {
        const a = acc.chunks.get(f.no);
        if (a) out[f.name] = new Float64Array(gather(a, 8));
        break;
      }
      case "i32arr": {
        const a = acc.nums.get(f.no);
        if (a) out[f.name] = Int32Array.from(a);
        break;
      }
      case "i64arr": {
        const a = acc.pairs.get(f.no);
        if (a) out[f.name] = new BigInt64Array(pairsToBuffer(a));
        break;
      }
      case "u64arr": {
        const a = acc.pairs.get(f.no);
        if (a) out[f.name] = new BigUint64Array(pairsToBuffer(a));
        break;
      }
      default:
    }
  }
}
function mergeInto(ms, a, b) {
  for (const f of ms.fields) {
    const bv = b[f.name];
    if (bv === void 0) continue;
    const av = a[f.name];
    if (f.kind.endsWith("arr")) {
      if (av === void 0) a[f.name] = bv;
      else {
        const A = av;
        const B = bv;
        const C = new A.constructor(A.length + B.length);
        C.set(A);
        C.set(B, A.length);
        a[f.name] = C;
      }
    } else if (f.repeated) {
      av.push(...bv);
    } else if (f.kind === "msg" && av !== void 0) {
      mergeInto(f.msg(), av, bv);
    } else {
      a[f.name] = bv;
    }
  }
  if (b.unknownFields) (a.unknownFields ??= []).push(...b.unknownFields);
}
function asBytes(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("expected a Uint8Array");
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function decodeTop(ms, bytes) {
  const buf = asBytes(bytes);
  const r = new Reader(buf);
  return decodeMessage(r, ms, buf.length, ms.name);
}
function decodeModel(bytes, opts = {}) {
  if (bytes.length === 0) throw new OnnxDecodeError("invalid ONNX model at byte 0: the file is empty", 0);
  const m = decodeTop(MODEL, bytes);
  if (!opts.lenient) {
    if (m.irVersion === void 0 && m.graph === void 0) {
      throw new OnnxDecodeError(
        `invalid ONNX model at byte 0: no ModelProto fields found (no ir_version, no graph) in ${bytes.length} bytes; not an ONNX model`,
        0
      );
    }
    if (m.irVersion === void 0) throw new OnnxDecodeError("invalid ONNX model at byte 0: ModelProto.ir_version is missing", 0);
    if (m.graph === void 0) throw new OnnxDecodeError("invalid ONNX model at byte 0: ModelProto.graph is missing", 0);
    if (m.irVersion >= 3 && m.opsetImport.length === 0) {
      throw new OnnxDecodeError(
        `invalid ONNX model at byte ${bytes.length}: ModelProto.opset_import is empty (required from IR version 3; truncated file?)`,
        bytes.length
      );
    }
    if (m.irVersion >= 3 && m.functions.length === 0) {
      const imported = new Set(m.opsetImport.map((o) => o.domain === "ai.onnx" ? "" : o.domain ?? ""));
      const missing = usedDomains(m.graph).find((d) => !imported.has(d));
      if (missing !== void 0) {
        throw new OnnxDecodeError(
          `invalid ONNX model at byte ${bytes.length}: nodes use operator domain '${missing}' but opset_import has no entry for it (truncated file?)`,
          bytes.length
        );
      }
    }
  }
  return m;
}
function usedDomains(g, acc = /* @__PURE__ */ new Set()) {
  for (const n of g.node) {
    acc.add(n.domain === "ai.onnx" ? "" : n.domain ?? "");
    for (const a of n.attribute) {
      if (a.g) usedDomains(a.g, acc);
      for (const sg of a.graphs) usedDomains(sg, acc);
    }
  }
  return [...acc];
}
function decodeFunction(bytes) {
  return decodeTop(FUNCTION, bytes);
}
function decodeTrainingInfo(bytes) {
  return decodeTop(TRAINING, bytes);
}

// src/model/onnx/encode.ts
var utf8enc = new TextEncoder();
function typedBytes(a) {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
function encodeMessage(w, ms, obj, path) {
  if (obj === null || typeof obj !== "object") throw new Error(`cannot encode ${path}: expected an object`);
  const flipped = obj[FLIPPED_PACKING];
  for (const f of ms.fields) {
    const v = obj[f.name];
    if (v === void 0 || v === null) continue;
    const fpath = `${path}.${f.name}`;
    if (f.repeated) {
      const packed = flipped?.has(f.no) ? !f.packed : f.packed;
      encodeRepeated(w, f, v, packed, fpath);
    } else {
      encodeSingle(w, f, v, fpath);
    }
  }
  const unknown = obj.unknownFields;
  if (unknown) for (const chunk of unknown) w.bytes(chunk);
}
function encodeSingle(w, f, v, path) {
  switch (f.kind) {
    case "int32":
    case "int64":
    case "int64n":
      w.tag(f.no, 0);
      w.svarint(v);
      return;
    case "float":
      w.tag(f.no, 5);
      w.float32(v);
      return;
    case "string": {
      if (typeof v !== "string") throw new Error(`cannot encode ${path}: expected a string`);
      const b = utf8enc.encode(v);
      w.tag(f.no, 2);
      w.uvarint(b.length);
      w.bytes(b);
      return;
    }
    case "bytes":
    case "raw": {
      if (!(v instanceof Uint8Array)) throw new Error(`cannot encode ${path}: expected a Uint8Array`);
      w.tag(f.no, 2);
      w.uvarint(v.length);
      w.bytes(v);
      return;
    }
    case "msg": {
      const sub = new Writer();
      encodeMessage(sub, f.msg(), v, path);
      w.tag(f.no, 2);
      w.uvarint(sub.length);
      w.append(sub);
      return;
    }
    default:
      throw new Error(`internal: encodeSingle(${f.kind})`);
  }
}
function encodeRepeated(w, f, v, packed, path) {
  const n = v.length;
  if (typeof n !== "number") throw new Error(`cannot encode ${path}: expected an array`);
  if (n === 0) return;
  switch (f.kind) {
    case "string":
    case "bytes":
    case "raw":
    case "msg":
      for (let i = 0; i < n; i++) encodeSingle(w, f, v[i], `${path}[${i}]`);
      return;
    case "f32arr":
    case "f64arr":
    case "float": {
      const size = f.kind === "f64arr" ? 8 : 4;
      let data;
      const native = size === 4 ? v instanceof Float32Array : v instanceof Float64Array;
      if (f.kind === "float" || !LITTLE_ENDIAN || !native) {
        const dv = new DataView(new ArrayBuffer(n * size));
        for (let i = 0; i < n; i++) {
          const x = v[i];
          if (size === 4) dv.setFloat32(i * size, x, true);
          else dv.setFloat64(i * size, x, true);
        }
        data = new Uint8Array(dv.buffer);
      } else {
        data = typedBytes(v);
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
      const arr = v;
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
function encodeTop(ms, obj) {
  const w = new Writer();
  encodeMessage(w, ms, obj, ms.name);
  return w.finish();
}
function encodeModel(m) {
  return encodeTop(MODEL, m);
}

// src/model/onnx/attrs.ts
var utf8lenient = new TextDecoder("utf-8");
function findAttr(node, name) {
  return node.attribute.find((a) => a.name === name);
}
function toSafe(v, what) {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${what}: integer ${v} is outside the safe integer range`);
  return n;
}
function attrInt(node, name, dflt) {
  const a = findAttr(node, name);
  if (!a || a.i === void 0) return dflt;
  return toSafe(a.i, `${node.opType} attribute ${name}`);
}
function attrInts(node, name, dflt) {
  const a = findAttr(node, name);
  if (!a || a.ints.length === 0 && a.type !== AttributeType.INTS) return dflt;
  return a.ints.map((v) => toSafe(v, `${node.opType} attribute ${name}`));
}
function attrFloat(node, name, dflt) {
  const a = findAttr(node, name);
  return a && a.f !== void 0 ? a.f : dflt;
}
function attrFloats(node, name, dflt) {
  const a = findAttr(node, name);
  if (!a || a.floats.length === 0 && a.type !== AttributeType.FLOATS) return dflt;
  return a.floats;
}
function attrString(node, name, dflt) {
  const a = findAttr(node, name);
  return a && a.s !== void 0 ? utf8lenient.decode(a.s) : dflt;
}
function attrStrings(node, name, dflt) {
  const a = findAttr(node, name);
  if (!a || a.strings.length === 0 && a.type !== AttributeType.STRINGS) return dflt;
  return a.strings.map((s) => utf8lenient.decode(s));
}
function attrTensor(node, name) {
  return findAttr(node, name)?.t;
}
function tensorInfo(v) {
  const t = v.type?.tensorType;
  if (!t) return void 0;
  return {
    elemType: t.elemType ?? 0,
    shape: t.shape ? t.shape.dim.map((d) => d.dimValue ?? d.dimParam ?? null) : void 0
  };
}

// src/model/onnx/tensor.ts
var TensorDataType = {
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
  FLOAT4E2M1: 23
};
var NAMES = {
  0: "undefined",
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  14: "complex64",
  15: "complex128",
  16: "bfloat16",
  17: "float8e4m3fn",
  18: "float8e4m3fnuz",
  19: "float8e5m2",
  20: "float8e5m2fnuz",
  21: "uint4",
  22: "int4",
  23: "float4e2m1"
};
var ALIASES = {
  float: 1,
  double: 11,
  float16: 10,
  half: 10
};
function dataTypeName(code) {
  return NAMES[code] ?? `unknown(${code})`;
}
function dataTypeFromName(name) {
  const lower = name.toLowerCase();
  for (const [code, n] of Object.entries(NAMES)) if (n === lower) return Number(code);
  if (lower in ALIASES) return ALIASES[lower];
  const upper = name.toUpperCase();
  if (upper in TensorDataType) return TensorDataType[upper];
  throw new Error(`unknown ONNX tensor data type '${name}'`);
}
function dataTypeSize(code) {
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
      return void 0;
  }
}
function float16ToNumber(h) {
  const s = h & 32768 ? -1 : 1;
  const e = h >> 10 & 31;
  const m = h & 1023;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}
function numberToFloat16(v) {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  f32[0] = v;
  const x = u32[0];
  const sign = x >>> 16 & 32768;
  const exp = x >>> 23 & 255;
  let mant = x & 8388607;
  if (exp === 255) return sign | 31744 | (mant ? 512 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 31744;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 8388608;
    const shift = 14 - e;
    let h2 = mant >> shift;
    const rem2 = mant & (1 << shift) - 1;
    const half = 1 << shift - 1;
    if (rem2 > half || rem2 === half && h2 & 1) h2++;
    return sign | h2;
  }
  let h = e << 10 | mant >> 13;
  const rem = mant & 8191;
  if (rem > 4096 || rem === 4096 && h & 1) h++;
  return sign | h;
}
function elementCount(dims) {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}
function copyRaw(raw, bytesPerElement, n, what) {
  if (raw.length !== n * bytesPerElement) {
    throw new Error(`${what}: raw_data has ${raw.length} bytes, expected ${n * bytesPerElement} (${n} elements of ${bytesPerElement} bytes)`);
  }
  const buf = new ArrayBuffer(raw.length);
  new Uint8Array(buf).set(raw);
  if (!LITTLE_ENDIAN2 && bytesPerElement > 1) {
    const b = new Uint8Array(buf);
    for (let i = 0; i < b.length; i += bytesPerElement) b.subarray(i, i + bytesPerElement).reverse();
  }
  return buf;
}
var LITTLE_ENDIAN2 = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function tensorLabel(t) {
  return `tensor '${t.name ?? ""}' (${dataTypeName(t.dataType ?? 0)} [${t.dims.join(",")}])`;
}
function tensorToArray(t) {
  const what = tensorLabel(t);
  if (t.dataLocation === 1) throw new Error(`${what}: data is stored in an external file; load it first`);
  const dt = t.dataType ?? 0;
  const n = elementCount(t.dims);
  const raw = t.rawData;
  const check = (len, field) => {
    if (len !== n) throw new Error(`${what}: ${field} has ${len} values, expected ${n} from dims`);
  };
  switch (dt) {
    case TensorDataType.FLOAT:
      if (raw) return new Float32Array(copyRaw(raw, 4, n, what));
      check(t.floatData?.length ?? 0, "float_data");
      return Float32Array.from(t.floatData ?? []);
    case TensorDataType.DOUBLE:
      if (raw) return new Float64Array(copyRaw(raw, 8, n, what));
      check(t.doubleData?.length ?? 0, "double_data");
      return Float64Array.from(t.doubleData ?? []);
    case TensorDataType.INT32:
      if (raw) return new Int32Array(copyRaw(raw, 4, n, what));
      check(t.int32Data?.length ?? 0, "int32_data");
      return Int32Array.from(t.int32Data ?? []);
    case TensorDataType.INT64:
      if (raw) return new BigInt64Array(copyRaw(raw, 8, n, what));
      check(t.int64Data?.length ?? 0, "int64_data");
      return BigInt64Array.from(t.int64Data ?? []);
    case TensorDataType.UINT64:
      if (raw) return new BigUint64Array(copyRaw(raw, 8, n, what));
      check(t.uint64Data?.length ?? 0, "uint64_data");
      return BigUint64Array.from(t.uint64Data ?? []);
    case TensorDataType.UINT32:
      if (raw) return new Uint32Array(copyRaw(raw, 4, n, what));
      check(t.uint64Data?.length ?? 0, "uint64_data");
      return Uint32Array.from(t.uint64Data ?? [], (v) => Number(v));
    case TensorDataType.UINT8:
      if (raw) return new Uint8Array(copyRaw(raw, 1, n, what));
      check(t.int32Data?.length ?? 0, "int32_data");
      return Uint8Array.from(t.int32Data ?? []);
    case TensorDataType.INT8:
      if (raw) return new Int8Array(copyRaw(raw, 1, n, what));
      check(t.int32Data?.length ?? 0, "int32_data");
      return Int8Array.from(t.int32Data ?? []);
    case TensorDataType.INT16:
      if (raw) return new Int16Array(copyRaw(raw, 2, n, what));
      check(t.int32Data?.length ?? 0, "int32_data");
      return Int16Array.from(t.int32Data ?? []);
    case TensorDataType.UINT16:
      if (raw) return new Uint16Array(copyRaw(raw, 2, n, what));
      check(t.int32Data?.length ?? 0, "int32_data");
      return Uint16Array.from(t.int32Data ?? []);
    case TensorDataType.BOOL: {
      const out = raw ? new Uint8Array(copyRaw(raw, 1, n, what)) : Uint8Array.from(t.int32Data ?? []);
      if (!raw) check(t.int32Data?.length ?? 0, "int32_data");
      for (let i = 0; i < out.length; i++) out[i] = out[i] ? 1 : 0;
      return out;
    }
    case TensorDataType.FLOAT16:
    case TensorDataType.BFLOAT16: {
      let bits;
      if (raw) bits = new Uint16Array(copyRaw(raw, 2, n, what));
      else {
        check(t.int32Data?.length ?? 0, "int32_data");
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
      check(t.stringData.length, "string_data");
      const dec = new TextDecoder("utf-8");
      return t.stringData.map((s) => dec.decode(s));
    }
    default:
      throw new Error(`${what}: data type ${dataTypeName(dt)} is not supported here`);
  }
}
function inferType(data) {
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
  const first = data[0];
  if (typeof first === "string") return TensorDataType.STRING;
  if (typeof first === "boolean") return TensorDataType.BOOL;
  if (typeof first === "bigint") return TensorDataType.INT64;
  return TensorDataType.FLOAT;
}
function arrayToTensor(name, data, dims, dataType) {
  const dt = dataType === void 0 ? inferType(data) : typeof dataType === "string" ? dataTypeFromName(dataType) : dataType;
  const n = elementCount([...dims]);
  if (data.length !== n) throw new Error(`tensor '${name}': ${data.length} values for dims [${dims.join(",")}] (${n} expected)`);
  const t = {
    dims: [...dims],
    dataType: dt,
    stringData: [],
    name,
    externalData: [],
    metadataProps: []
  };
  const arr = data;
  const num = (i) => Number(arr[i]);
  const fast = FAST_CTORS[dt];
  if (fast && (data instanceof fast || Array.isArray(data) && typeof data[0] === "number" && dt !== TensorDataType.BOOL)) {
    const out2 = new fast(data);
    const bytes2 = new Uint8Array(out2.buffer, out2.byteOffset, out2.byteLength);
    t.rawData = LITTLE_ENDIAN2 ? bytes2 : swapBytes(bytes2, fast.BYTES_PER_ELEMENT);
    return t;
  }
  let out;
  switch (dt) {
    case TensorDataType.STRING: {
      const enc = new TextEncoder();
      t.stringData = Array.from(arr, (s) => typeof s === "string" ? enc.encode(s) : enc.encode(String(s)));
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
      out = Uint8Array.from({ length: n }, (_, i) => arr[i] ? 1 : 0);
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
      out = data instanceof Uint16Array ? Uint16Array.from(data) : Uint16Array.from({ length: n }, (_, i) => numberToFloat16(num(i)));
      break;
    case TensorDataType.BFLOAT16: {
      if (data instanceof Uint16Array) out = Uint16Array.from(data);
      else {
        const f = Float32Array.from({ length: n }, (_, i) => num(i));
        const u = new Uint32Array(f.buffer);
        out = Uint16Array.from(
          u,
          (x, i) => Number.isNaN(f[i]) ? x >>> 16 | 64 : x + 32767 + (x >>> 16 & 1) >>> 16 & 65535
        );
      }
      break;
    }
    default:
      throw new Error(`tensor '${name}': cannot build a tensor of type ${dataTypeName(dt)}`);
  }
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  t.rawData = LITTLE_ENDIAN2 ? bytes : swapBytes(bytes, out.BYTES_PER_ELEMENT);
  return t;
}
var FAST_CTORS = {
  [TensorDataType.FLOAT]: Float32Array,
  [TensorDataType.DOUBLE]: Float64Array,
  [TensorDataType.INT8]: Int8Array,
  [TensorDataType.UINT8]: Uint8Array,
  [TensorDataType.INT16]: Int16Array,
  [TensorDataType.UINT16]: Uint16Array,
  [TensorDataType.INT32]: Int32Array,
  [TensorDataType.UINT32]: Uint32Array
};
function toBig(v, name) {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "boolean") return v ? 1n : 0n;
  throw new Error(`tensor '${name}': ${String(v)} is not an integer`);
}
function swapBytes(b, size) {
  const c = Uint8Array.from(b);
  for (let i = 0; i < c.length; i += size) c.subarray(i, i + size).reverse();
  return c;
}
function externalDataFiles(model) {
  const out = [];
  if (model.graph) walkGraph(model.graph, "graph", out);
  model.functions.forEach((raw, i) => {
    const f = decodeFunction(raw);
    f.node.forEach((n, j) => walkNode(n, `functions[${i}].node[${j}]`, out));
    f.attributeProto.forEach((a) => walkAttr(a, `functions[${i}].attribute_proto[${a.name ?? ""}]`, out));
  });
  model.trainingInfo.forEach((raw, i) => {
    const t = decodeTrainingInfo(raw);
    if (t.initialization) walkGraph(t.initialization, `training_info[${i}].initialization`, out);
    if (t.algorithm) walkGraph(t.algorithm, `training_info[${i}].algorithm`, out);
  });
  return out;
}
function walkGraph(g, where, out) {
  g.initializer.forEach((t, i) => checkTensor(t, `${where}.initializer[${i}]`, out));
  g.sparseInitializer.forEach((s, i) => checkSparse(s, `${where}.sparse_initializer[${i}]`, out));
  g.node.forEach((n, i) => walkNode(n, `${where}.node[${i}]`, out));
}
function walkNode(n, where, out) {
  for (const a of n.attribute) walkAttr(a, `${where}.attribute[${a.name ?? ""}]`, out);
}
function walkAttr(a, where, out) {
  if (a.t) checkTensor(a.t, `${where}.t`, out);
  a.tensors.forEach((t, i) => checkTensor(t, `${where}.tensors[${i}]`, out));
  if (a.sparseTensor) checkSparse(a.sparseTensor, `${where}.sparse_tensor`, out);
  a.sparseTensors.forEach((s, i) => checkSparse(s, `${where}.sparse_tensors[${i}]`, out));
  if (a.g) walkGraph(a.g, `${where}.g`, out);
  a.graphs.forEach((g, i) => walkGraph(g, `${where}.graphs[${i}]`, out));
}
function checkSparse(s, where, out) {
  if (s.values) checkTensor(s.values, `${where}.values`, out);
  if (s.indices) checkTensor(s.indices, `${where}.indices`, out);
}
function checkTensor(t, where, out) {
  const hasLocation = t.externalData.some((e) => e.key === "location");
  if (t.dataLocation !== 1 && !hasLocation) return;
  const kv = /* @__PURE__ */ new Map();
  for (const e of t.externalData) kv.set(e.key ?? "", e.value ?? "");
  const location = kv.get("location");
  const name = t.name ?? "";
  if (location === void 0 || location === "") {
    throw new Error(`tensor '${name}' at ${where} has data_location EXTERNAL but no external_data 'location'`);
  }
  const ref = { tensor: name, location, where };
  for (const key of ["offset", "length"]) {
    const v = kv.get(key);
    if (v === void 0) continue;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
      throw new Error(`tensor '${name}' at ${where}: external_data ${key} '${v}' is not a non-negative integer`);
    }
    ref[key] = Number(v);
  }
  out.push(ref);
}

export {
  AttributeType,
  decodeModel,
  decodeFunction,
  encodeModel,
  findAttr,
  attrInt,
  attrInts,
  attrFloat,
  attrFloats,
  attrString,
  attrStrings,
  attrTensor,
  tensorInfo,
  TensorDataType,
  dataTypeName,
  dataTypeFromName,
  dataTypeSize,
  float16ToNumber,
  tensorToArray,
  arrayToTensor,
  externalDataFiles
};
