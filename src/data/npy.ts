/**
 * NumPy `.npy` reader (format versions 1.0, 2.0 and 3.0; https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 *
 * Supported: C-ordered arrays of `f2 f4 f8 i1 u1 i2 u2 i4 u4 i8 u8 b1`, little (`<`) or big (`>`) endian (`|` for
 * one-byte types). The values are converted while reading into a Float32Array or Float64Array (int64 values beyond
 * 2^53 lose precision, as any conversion to a JS number does).
 * Rejected with a message that says how to fix it: Fortran order, object arrays (`|O`, pickled Python objects),
 * structured dtypes, strings, complex numbers, datetimes; a file whose data is shorter or longer than the header
 * says (truncated or corrupt).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { GateError } from '../errors.ts';

export interface NpyHeader {
  /** The `descr` string, e.g. `<f4`. */
  descr: string;
  kind: 'f' | 'i' | 'u' | 'b';
  itemSize: number;
  littleEndian: boolean;
  shape: number[];
  /** Offset of the first data byte. */
  dataOffset: number;
  /** Number of elements (product of the shape). */
  count: number;
}

export interface NpyArray<T extends Float32Array | Float64Array> {
  header: NpyHeader;
  shape: number[];
  data: T;
  /** sha256 hex of all the bytes read (the whole file). */
  sha256: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function npyError(shown: string, problem: string): GateError {
  return new GateError('data.npy', `${shown}: ${problem}`, { where: { file: shown } });
}

/** Parses the header from the first bytes of the file (`head` must hold at least the whole header). */
export function parseNpyHeader(head: Uint8Array, shown: string): NpyHeader | { needBytes: number } {
  if (head.length < 10) {
    if (head.length < MAGIC.length || MAGIC.some((b, i) => head[i] !== b)) throw npyError(shown, 'not a NumPy .npy file (bad magic bytes): save the array with numpy.save');
    return { needBytes: 10 };
  }
  if (MAGIC.some((b, i) => head[i] !== b)) throw npyError(shown, 'not a NumPy .npy file (bad magic bytes): save the array with numpy.save');
  const major = head[6];
  const minor = head[7];
  if (major < 1 || major > 3 || minor !== 0) throw npyError(shown, `unsupported .npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (head.length < 8 + lenBytes) return { needBytes: 8 + lenBytes };
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const hlen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const dataOffset = 8 + lenBytes + hlen;
  if (hlen > 1 << 20) throw npyError(shown, `corrupt .npy header (claims ${hlen} bytes)`);
  if (head.length < dataOffset) return { needBytes: dataOffset };
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(head.subarray(8 + lenBytes, dataOffset));
  return { ...parseHeaderDict(text, shown), dataOffset };
}

function parseHeaderDict(text: string, shown: string): Omit<NpyHeader, 'dataOffset'> {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw npyError(shown, 'corrupt .npy header (not a Python dict literal)');
  const descrM = /['"]descr['"]\s*:\s*/.exec(t);
  const fortranM = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(t);
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(t);
  if (!descrM || !fortranM || !shapeM) throw npyError(shown, 'corrupt .npy header (descr, fortran_order or shape missing)');
  const after = t.slice(descrM.index + descrM[0].length);
  if (after.startsWith('[')) {
    throw npyError(shown, 'holds a structured (record) array, which cannot be fed to a model: save a plain numeric array, e.g. numpy.save(path, structured_to_unstructured(arr).astype(numpy.float32))');
  }
  const dm = /^['"]([^'"]*)['"]/.exec(after);
  if (!dm) throw npyError(shown, 'corrupt .npy header (descr is not a string)');
  const descr = dm[1];
  const shapeText = shapeM[1].trim();
  const shape = shapeText === '' ? [] : shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const n = /^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN;
    if (!Number.isSafeInteger(n)) throw npyError(shown, `corrupt .npy header (shape entry ${JSON.stringify(s)})`);
    return n;
  });
  const dt = /^([<>|=])([a-zA-Z])(\d*)$/.exec(descr);
  const what = dt ? dt[2] : '';
  if (what === 'O') {
    throw npyError(shown, `is an object array (dtype ${descr}: pickled Python objects, which are never loaded): convert it to numbers, e.g. numpy.save(path, arr.astype(numpy.float32))`);
  }
  if (what === 'U' || what === 'S' || what === 'a') {
    throw npyError(shown, `holds strings (dtype ${descr}): .npy datasets must be numeric; encode the values as numbers, or use CSV/Parquet for text`);
  }
  if (what === 'c') throw npyError(shown, `holds complex numbers (dtype ${descr}): save the real part, e.g. numpy.save(path, arr.real)`);
  if (what === 'M' || what === 'm') throw npyError(shown, `holds datetimes (dtype ${descr}): convert them to numbers first, e.g. arr.astype("int64")`);
  const sizes: Record<string, number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  const itemSize = dt ? Number(dt[3]) : NaN;
  if (!dt || !(what in sizes) || !sizes[what].includes(itemSize)) {
    throw npyError(shown, `unsupported dtype ${JSON.stringify(descr)} (supported: f2 f4 f8 i1 u1 i2 u2 i4 u4 i8 u8 b1, either byte order): save a numeric array, e.g. arr.astype(numpy.float32)`);
  }
  if (dt[1] === '=') throw npyError(shown, `dtype ${descr} has native byte order, which a .npy file never records: save it with numpy.save`);
  if (fortranM[1] === 'True') {
    throw npyError(shown, 'is stored in Fortran (column-major) order: save a C-ordered copy, numpy.save(path, numpy.ascontiguousarray(arr))');
  }
  let count = 1;
  for (const d of shape) count *= d;
  if (!Number.isSafeInteger(count)) throw npyError(shown, `corrupt .npy header (shape ${JSON.stringify(shape)} is too large)`);
  return {
    descr,
    kind: what as NpyHeader['kind'],
    itemSize,
    littleEndian: dt[1] !== '>',
    shape,
    count,
  };
}

/** IEEE 754 half -> number. */
export function halfToNumber(h: number): number {
  const sign = (h & 0x8000) !== 0 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

type Decoder = (dv: DataView, byteOffset: number) => number;

function decoderFor(h: NpyHeader): Decoder {
  const le = h.littleEndian;
  switch (`${h.kind}${h.itemSize}`) {
    case 'f2': return (dv, o) => halfToNumber(dv.getUint16(o, le));
    case 'f4': return (dv, o) => dv.getFloat32(o, le);
    case 'f8': return (dv, o) => dv.getFloat64(o, le);
    case 'i1': return (dv, o) => dv.getInt8(o);
    case 'u1': return (dv, o) => dv.getUint8(o);
    case 'b1': return (dv, o) => (dv.getUint8(o) !== 0 ? 1 : 0);
    case 'i2': return (dv, o) => dv.getInt16(o, le);
    case 'u2': return (dv, o) => dv.getUint16(o, le);
    case 'i4': return (dv, o) => dv.getInt32(o, le);
    case 'u4': return (dv, o) => dv.getUint32(o, le);
    case 'i8': return (dv, o) => Number(dv.getBigInt64(o, le));
    case 'u8': return (dv, o) => Number(dv.getBigUint64(o, le));
    default: throw new Error(`no decoder for ${h.descr}`);
  }
}

const NATIVE_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type View = (buffer: ArrayBuffer, items: number) => ArrayLike<number>;

/** A typed-array reader of `items` values at the start of `buffer`, when the type allows one (not f2, b1, i8, u8). */
function typedView(h: NpyHeader): View | null {
  if (h.itemSize > 1 && h.littleEndian !== NATIVE_LE) return null;
  switch (`${h.kind}${h.itemSize}`) {
    case 'f4': return (b, n) => new Float32Array(b, 0, n);
    case 'f8': return (b, n) => new Float64Array(b, 0, n);
    case 'i1': return (b, n) => new Int8Array(b, 0, n);
    case 'u1': return (b, n) => new Uint8Array(b, 0, n);
    case 'i2': return (b, n) => new Int16Array(b, 0, n);
    case 'u2': return (b, n) => new Uint16Array(b, 0, n);
    case 'i4': return (b, n) => new Int32Array(b, 0, n);
    case 'u4': return (b, n) => new Uint32Array(b, 0, n);
    default: return null;
  }
}

/**
 * Reads a whole `.npy` file, converting the values to `target` (`float32` or `float64`).
 * `expectSha256`: the bytes read must hash to it (the file must not change between the pin check and parsing).
 */
export async function readNpy(file: string, target: 'float32', opts: { displayPath: string; expectSha256?: string }): Promise<NpyArray<Float32Array>>;
export async function readNpy(file: string, target: 'float64', opts: { displayPath: string; expectSha256?: string }): Promise<NpyArray<Float64Array>>;
export async function readNpy(file: string, target: 'float32' | 'float64', opts: { displayPath: string; expectSha256?: string }): Promise<NpyArray<Float32Array | Float64Array>> {
  const shown = opts.displayPath;
  const fh = await open(file, 'r');
  const hash = createHash('sha256');
  try {
    const size = (await fh.stat()).size;
    const { head, header: h } = await readHeader(fh, size, shown);
    const dataBytes = h.count * h.itemSize;
    const actual = size - h.dataOffset;
    if (actual < dataBytes) {
      throw npyError(shown, `is truncated: shape ${fmtShape(h.shape)} of ${h.descr} needs ${dataBytes} data bytes but the file has ${actual}: copy or save the file again`);
    }
    if (actual > dataBytes) {
      throw npyError(shown, `has ${actual - dataBytes} unexpected bytes after the data of shape ${fmtShape(h.shape)} (${h.descr}): the file is corrupt, or several arrays were appended; save one array per file`);
    }
    hash.update(head.subarray(0, Math.min(head.length, h.dataOffset)));
    const out = target === 'float32' ? new Float32Array(h.count) : new Float64Array(h.count);
    // Read the data in chunks (a multiple of the item size), converting as we go.
    const chunkItems = Math.max(1, Math.floor((1 << 20) / h.itemSize));
    const chunk = new Uint8Array(chunkItems * h.itemSize);
    const dv = new DataView(chunk.buffer);
    // Types whose bytes a typed array reads as they are (one-byte types, or little-endian on a little-endian
    // machine): converted by one typed-array copy per chunk, the same values as the element-wise decoder gives.
    const view = typedView(h);
    const dec = decoderFor(h);
    let done = 0;
    let filePos = h.dataOffset;
    // Bytes of the data already in `head` are read again (simpler; the header is small).
    while (done < h.count) {
      const items = Math.min(chunkItems, h.count - done);
      const bytes = items * h.itemSize;
      let got = 0;
      while (got < bytes) {
        const { bytesRead } = await fh.read(chunk, got, bytes - got, filePos + got);
        if (bytesRead === 0) throw npyError(shown, 'is truncated (the file shrank while it was being read)');
        got += bytesRead;
      }
      hash.update(chunk.subarray(0, bytes));
      filePos += bytes;
      if (view) out.set(view(chunk.buffer, items), done);
      else for (let i = 0; i < items; i++) out[done + i] = dec(dv, i * h.itemSize);
      done += items;
    }
    const sha256 = hash.digest('hex');
    if (opts.expectSha256 !== undefined && sha256 !== opts.expectSha256.toLowerCase()) {
      throw new GateError('data.changed', `${shown}: the file changed while it was being read (sha256 ${sha256}, expected ${opts.expectSha256})`, { kind: 'fail', where: { file: shown } });
    }
    return { header: h, shape: h.shape.slice(), data: out, sha256 };
  } finally {
    await fh.close();
  }
}

/** Header: grow the prefix read until it is complete. */
async function readHeader(fh: FileHandle, size: number, shown: string): Promise<{ head: Uint8Array; header: NpyHeader }> {
  let head = new Uint8Array(0);
  let want = 128;
  for (;;) {
    const n = Math.min(want, size);
    if (n <= head.length) throw npyError(shown, `truncated .npy header (the file has only ${size} bytes)`);
    const next = new Uint8Array(n);
    next.set(head);
    const { bytesRead } = await fh.read(next, head.length, n - head.length, head.length);
    if (bytesRead !== n - head.length) throw npyError(shown, 'the file changed size while it was being read');
    head = next;
    const r = parseNpyHeader(head, shown);
    if ('needBytes' in r) want = Math.max(r.needBytes, want * 2);
    else return { head, header: r };
  }
}

/** Only the header of a `.npy` file (dtype and shape), e.g. to pick how to read the values. */
export async function readNpyHeader(file: string, opts: { displayPath: string }): Promise<NpyHeader> {
  const fh = await open(file, 'r');
  try {
    return (await readHeader(fh, (await fh.stat()).size, opts.displayPath)).header;
  } finally {
    await fh.close();
  }
}

function fmtShape(shape: number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
