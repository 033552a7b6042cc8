/**
 * Parquet reader on top of `hyparquet` (pure JavaScript, no native code, no dependencies).
 *
 * The file is read through a file handle (random access, nothing loaded up front) one row group and one column at a
 * time, so memory stays at the size of the result plus one decoded column chunk.
 * Column types: numbers (INT32/INT64 incl. unsigned and decimals, FLOAT, DOUBLE, FLOAT16) -> Float64Array (int64 via
 * Number(): beyond 2^53 precision is lost); BOOLEAN -> 0/1; DATE and TIMESTAMP -> milliseconds since 1970-01-01 UTC;
 * text (BYTE_ARRAY: UTF8/STRING/ENUM/unannotated, UUID) -> strings. Nulls -> NaN / null.
 * Nested columns (lists, maps, structs), JSON/BSON, geometry and intervals are rejected with a clear message.
 * Compression: uncompressed and Snappy (hyparquet's built-ins), plus GZIP, BROTLI and ZSTD through Node's own zlib
 * (pandas/pyarrow default to Snappy, polars to ZSTD). LZO and LZ4 are rejected with the fix.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { brotliDecompressSync, unzipSync, zstdDecompressSync } from 'node:zlib';
import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer, type Compressors, type FileMetaData, type SchemaElement } from 'hyparquet';
import { GateError } from '../errors.ts';
import type { Column } from './types.ts';
import type { CsvTable } from './csv.ts';

export type ParquetTable = CsvTable;

const INTERN_LIMIT = 1 << 16;

const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (d: number) => d * 86400000,
};

function fileBuffer(fh: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const n = Math.max(0, stop - start);
      const out = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(out, got, n - got, start + got);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + got} (the file is truncated)`);
        got += bytesRead;
      }
      return out.buffer;
    },
  };
}

/**
 * Decompressors from node:zlib (no extra dependency). The output may not exceed the page's declared size
 * (no decompression bombs); hyparquet then checks the exact length.
 */
const COMPRESSORS: Compressors = {
  GZIP: (input, n) => unzipSync(input, { maxOutputLength: Math.max(1, n) }),
  BROTLI: (input, n) => brotliDecompressSync(input, { maxOutputLength: Math.max(1, n) }),
  ZSTD: (input, n) => zstdDecompressSync(input, { maxOutputLength: Math.max(1, n) }),
};

type Kind = 'number' | 'string';

/** Decides how a top-level column is loaded; throws for unsupported columns. */
function columnKind(el: SchemaElement, isGroup: boolean, name: string, shown: string): Kind {
  const unsupported = (what: string, fix: string): never => {
    throw new GateError('data.parquet', `${shown}: column ${JSON.stringify(name)} is ${what}, which cannot be fed to a model: ${fix}`, { where: { file: shown } });
  };
  if (isGroup) unsupported('nested (a list, map or struct)', 'flatten it into plain columns, or drop it from the file');
  if (el.repetition_type === 'REPEATED') unsupported('a repeated field', 'flatten it into plain columns');
  const lt = el.logical_type?.type;
  const ct = el.converted_type;
  if (ct === 'JSON' || lt === 'JSON' || ct === 'BSON' || lt === 'BSON') unsupported('JSON/BSON', 'store its fields as plain columns');
  if (lt === 'GEOMETRY' || lt === 'GEOGRAPHY') unsupported('a geometry', 'store coordinates as numeric columns');
  if (ct === 'INTERVAL') unsupported('an interval', 'store it as a number');
  if (lt === 'VARIANT') unsupported('a variant', 'store it as plain columns');
  switch (el.type) {
    case 'BOOLEAN': case 'INT32': case 'INT64': case 'INT96': case 'FLOAT': case 'DOUBLE':
      return 'number';
    case 'BYTE_ARRAY':
      if (ct === 'DECIMAL' || lt === 'DECIMAL') return 'number';
      return 'string';
    case 'FIXED_LEN_BYTE_ARRAY':
      if (ct === 'DECIMAL' || lt === 'DECIMAL' || lt === 'FLOAT16') return 'number';
      if (lt === 'UUID') return 'string';
      return unsupported('raw fixed-length binary', 'store it as text or numbers');
    default:
      return unsupported(`of type ${String(el.type)}`, 'store it as numbers or text');
  }
}

function wrap(e: unknown, shown: string): GateError {
  if (e instanceof GateError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const codec = /unsupported compression codec:?\s*(\w+)/i.exec(msg) ?? /compression(?: codec)?\s+(\w+)\s+(?:not|is not|unsupported)/i.exec(msg);
  if (codec) {
    return new GateError('data.parquet', `${shown}: Parquet compression ${codec[1]} is not supported (supported: uncompressed, SNAPPY, GZIP, BROTLI, ZSTD): write the file with snappy, e.g. df.to_parquet(path, compression="snappy") or pl.DataFrame.write_parquet(path, compression="snappy")`, { where: { file: shown }, cause: e });
  }
  return new GateError('data.parquet', `${shown}: not a readable Parquet file (${msg}): the file is corrupt or truncated; write it again (e.g. pandas DataFrame.to_parquet)`, { where: { file: shown }, cause: e });
}

/** The file's footer (its metadata), and the buffer the data pages are read through. */
async function readFooter(fh: FileHandle, shown: string): Promise<{ buffer: AsyncBuffer; metadata: FileMetaData }> {
  const size = (await fh.stat()).size;
  if (size < 12) throw new GateError('data.parquet', `${shown}: not a readable Parquet file (only ${size} bytes): the file is empty or truncated`, { where: { file: shown } });
  const buffer = fileBuffer(fh, size);
  try {
    return { buffer, metadata: await parquetMetadataAsync(buffer, { parsers: PARSERS, geoparquet: false }) };
  } catch (e) {
    throw wrap(e, shown);
  }
}

/** The top-level columns of the footer's schema: names unique, each of a type a model can be fed, at least one. */
function schemaColumns(metadata: FileMetaData, shown: string): { names: string[]; kinds: Kind[] } {
  const names: string[] = [];
  const kinds: Kind[] = [];
  const seen = new Set<string>();
  for (const child of parquetSchema(metadata).children) {
    const name = child.element.name;
    if (seen.has(name)) throw new GateError('data.parquet', `${shown}: duplicate column name ${JSON.stringify(name)}: column names must be unique`, { where: { file: shown } });
    seen.add(name);
    names.push(name);
    kinds.push(columnKind(child.element, child.children.length > 0 || (child.element.num_children ?? 0) > 0, name, shown));
  }
  if (names.length === 0) throw new GateError('data.parquet', `${shown}: the file has no columns`, { where: { file: shown } });
  return { names, kinds };
}

/**
 * Only the column names of a Parquet file, from its footer (the schema; no data page is read), checked as
 * `readParquet` checks them (unique, and of a type a model can be fed).
 */
export async function readParquetColumnNames(file: string, opts: { displayPath: string }): Promise<string[]> {
  const shown = opts.displayPath;
  const fh = await open(file, 'r');
  try {
    return schemaColumns((await readFooter(fh, shown)).metadata, shown).names;
  } finally {
    await fh.close();
  }
}

/** Reads every top-level column of a Parquet file. */
export async function readParquet(file: string, opts: { displayPath: string }): Promise<ParquetTable> {
  const shown = opts.displayPath;
  const fh = await open(file, 'r');
  try {
    const { buffer, metadata } = await readFooter(fh, shown);
    const rows = Number(metadata.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) throw wrap(new Error(`bad row count ${String(metadata.num_rows)}`), shown);
    let sumGroups = 0;
    for (const g of metadata.row_groups) sumGroups += Number(g.num_rows);
    if (sumGroups !== rows) throw wrap(new Error(`row groups hold ${sumGroups} rows but the footer says ${rows}`), shown);

    const { names, kinds } = schemaColumns(metadata, shown);
    if (rows === 0) throw new GateError('data.parquet', `${shown}: no rows: the dataset is empty`, { where: { file: shown } });

    const nums: (Float64Array | null)[] = kinds.map((k) => (k === 'number' ? new Float64Array(rows) : null));
    const strs: ((string | null)[] | null)[] = kinds.map((k) => (k === 'string' ? new Array<string | null>(rows).fill(null) : null));
    const dicts = kinds.map((k) => (k === 'string' ? new Map<string, string>() : null));

    // Row groups in file order; a fresh one-group scan per group so that no decoded chunk outlives its group
    // (a scan caches the last chunk of every column).
    const groups: { rowStart: number; rowEnd: number }[] = [];
    {
      let start = 0;
      for (const g of metadata.row_groups) {
        const n = Number(g.num_rows);
        if (n > 0) groups.push({ rowStart: start, rowEnd: start + n });
        start += n;
      }
    }
    let covered = 0;
    for (const range of groups) {
      if (range.rowStart !== covered) throw wrap(new Error(`row range starts at ${range.rowStart}, expected ${covered}`), shown);
      for (let j = 0; j < names.length; j++) {
        let data: ArrayLike<unknown>;
        try {
          const scan = await parquetScan({ file: buffer, metadata, parsers: PARSERS, compressors: COMPRESSORS, geoparquet: false, useOffsetIndex: false, columns: [names[j]], rowStart: range.rowStart, rowEnd: range.rowEnd });
          data = (await scan.readColumn({ column: names[j], rowStart: range.rowStart, rowEnd: range.rowEnd })) as ArrayLike<unknown>;
        } catch (e) {
          throw wrap(e, shown);
        }
        const n = range.rowEnd - range.rowStart;
        if (data.length !== n) throw wrap(new Error(`column ${JSON.stringify(names[j])} has ${data.length} values in rows ${range.rowStart}..${range.rowEnd - 1}, expected ${n}`), shown);
        const num = nums[j];
        if (num) {
          if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array || data instanceof Uint32Array) {
            num.set(data, range.rowStart);
          } else {
            for (let i = 0; i < n; i++) num[range.rowStart + i] = toNumber(data[i], names[j], range.rowStart + i, shown);
          }
        } else {
          const out = strs[j]!;
          const dict = dicts[j]!;
          for (let i = 0; i < n; i++) {
            const v = data[i];
            if (v === null || v === undefined) continue;
            if (typeof v !== 'string') throw new GateError('data.parquet', `${shown}: column ${JSON.stringify(names[j])} row ${range.rowStart + i + 1} holds ${typeof v}, not text`, { where: { file: shown } });
            let s = dict.get(v);
            if (s === undefined) {
              s = v;
              if (dict.size < INTERN_LIMIT) dict.set(v, v);
            }
            out[range.rowStart + i] = s;
          }
        }
      }
      covered = range.rowEnd;
    }
    if (covered !== rows) throw wrap(new Error(`read ${covered} rows but the footer says ${rows}`), shown);
    const columns = new Map<string, Column>();
    names.forEach((n, j) => {
      columns.set(n, nums[j] ? { kind: 'number', values: nums[j]! } : { kind: 'string', values: strs[j]! });
    });
    return { names, columns, rows };
  } finally {
    await fh.close();
  }
}

function toNumber(v: unknown, col: string, row: number, shown: string): number {
  switch (typeof v) {
    case 'number': return v;
    case 'bigint': return Number(v);
    case 'boolean': return v ? 1 : 0;
    case 'undefined': return NaN;
    case 'object':
      if (v === null) return NaN;
      if (v instanceof Date) return v.getTime();
      break;
    default:
      break;
  }
  throw new GateError('data.parquet', `${shown}: column ${JSON.stringify(col)} row ${row + 1} holds a value of type ${typeof v} that is not a number`, { where: { file: shown } });
}
