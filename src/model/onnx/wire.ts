/**
 * Protobuf wire-format primitives shared by decode.ts and encode.ts: `Reader` (varints as 32-bit halves, int64
 * number/bigint split, tags, length checks, skipping unknown fields; throws `OnnxDecodeError`) and `Writer`
 * (chunked output buffer, unsigned/signed/64-bit varints, tags, fixed32 floats, byte runs). ONNX uses no
 * zigzag (sint*) fields, so there is no zigzag helper. Nothing here knows the ONNX message layout.
 */
import type { Int64 } from './schema.ts';

/** A malformed protobuf/ONNX input. `offset` is the absolute byte offset of the problem in the decoded buffer. */
export class OnnxDecodeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'OnnxDecodeError';
    this.offset = offset;
  }
}

export const TWO32 = 4294967296;
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class Reader {
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

/** Chunked writer: small writes go to a scratch buffer, large byte fields are kept by reference until `finish`. */
export class Writer {
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
