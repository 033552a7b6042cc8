/**
 * Streaming CSV reader (RFC 4180) producing typed columns with bounded memory.
 *
 * - First record = header (column names, must be non-empty and unique).
 * - Fields separated by `,`; records end with LF, CRLF or CR. A UTF-8 byte order mark is skipped.
 * - Quoted fields (`"..."`) may hold commas, line breaks and doubled quotes (`""` = one `"`). Text after a closing
 *   quote (`"ab"c`) and a quote that is never closed are errors. A bare `"` inside an unquoted field is kept as is.
 * - Completely empty lines are skipped (as pandas does); every other record must have exactly as many fields as
 *   the header, else an error names `file:line` (the line where the record starts) and both counts.
 * - Missing values: a field that is empty or (after trimming spaces and tabs) one of {@link MISSING_TOKENS}
 *   (quoted or not, like pandas).
 * - A column is numeric (Float64Array, missing -> NaN) when every non-missing value is a decimal number
 *   (`12`, `-3.5`, `.5`, `1e-3`, surrounding spaces allowed; also `inf`/`Infinity`); otherwise it is a string column
 *   (the field text exactly as written, missing -> null). Repeated strings are interned per column.
 *
 * Memory: the file is read in 1 MiB chunks; only the partial record at a chunk's end is carried over. Columns grow
 * by doubling. When a column turns out to be text after numbers were already seen in it, a second pass over the
 * file reads just those columns (so their text is exact, e.g. `007` stays `007`).
 */
import { open } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import { GateError } from '../errors.ts';
import type { Column } from './types.ts';

/** Field values (after trimming spaces/tabs) that mean "missing", besides the empty field. */
export const MISSING_TOKENS: readonly string[] = ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'];

export interface CsvTable {
  names: string[];
  columns: Map<string, Column>;
  rows: number;
  /** Where each row starts in the file, sparsely (`lineOfRow`): pairs [row, line] where rows stop being consecutive lines. */
  lineBreaks?: Int32Array;
}

/**
 * The 1-based line where data row `row` (0-based) starts, from `CsvTable.lineBreaks`: the last break at or before the
 * row, plus the rows since (rows are consecutive lines between breaks: a skipped empty line or a multi-line quoted
 * field starts a new break).
 */
export function lineOfRow(breaks: Int32Array, row: number): number {
  let lo = 0, hi = breaks.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (breaks[2 * mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return breaks[2 * lo + 1] + (row - breaks[2 * lo]);
}

export interface CsvOptions {
  /** Name of the file in messages (workspace-relative). */
  displayPath: string;
  /** When given, the bytes read are hashed and must match (the file must not change between hashing and parsing). */
  expectSha256?: string;
  /** Read chunk size in bytes (tests use small chunks to exercise records split across chunks). */
  chunkSize?: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const MODE_NUM = 0;
const MODE_STR = 1;
/** Pass 1: the column became text after numbers were seen; it is filled in pass 2. */
const MODE_DEFERRED = 2;
/** Pass 2: the column is already complete. */
const MODE_SKIP = 3;

/** Longest record accepted (a quote that is never closed would otherwise pull the whole file into memory). */
const MAX_RECORD_BYTES = 64 << 20;

/** Distinct strings kept in a column's intern dictionary; beyond it values are still stored, just not shared. */
const INTERN_LIMIT = 1 << 16;

class NumBuilder {
  values = new Float64Array(1024);
  length = 0;
  /** Room for `n` values in all (no copy later while they come). */
  reserve(n: number): void {
    if (n <= this.values.length) return;
    const next = new Float64Array(n);
    next.set(this.values.subarray(0, this.length));
    this.values = next;
  }
  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }
  finish(): Float64Array {
    // Little slack: a view (no second copy at peak); much slack: a trimmed copy.
    const spare = this.values.length - this.length;
    return spare === 0 ? this.values : spare <= this.length / 8 ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
  }
}

interface ColState {
  mode: number;
  num: NumBuilder | null;
  str: (string | null)[] | null;
  dict: Map<string, string> | null;
  /** A non-missing number was stored (pass 1). */
  sawNumber: boolean;
}

class Fields {
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** bit 1: quoted; bit 2: contains doubled quotes. */
  flags = new Uint8Array(64);
  count = 0;
  push(s: number, e: number, f: number): void {
    if (this.count === this.start.length) {
      const n = this.count * 2;
      const s2 = new Int32Array(n); s2.set(this.start); this.start = s2;
      const e2 = new Int32Array(n); e2.set(this.end); this.end = e2;
      const f2 = new Uint8Array(n); f2.set(this.flags); this.flags = f2;
    }
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.flags[this.count] = f;
    this.count++;
  }
}

/** Result of parsing one record from a buffer. */
interface RecordResult {
  /** Position after the record, or -1 when the buffer ends inside the record (more data needed). */
  next: number;
  /** Line breaks consumed (inside quoted fields and the terminator). */
  lines: number;
}

/**
 * Parses one record starting at `pos` into `fields`. At `eof`, a record may end at `end`.
 * Throws (with `lineOf` for the position) on text after a closing quote or an unterminated quote at EOF.
 */
function parseRecord(buf: Uint8Array, pos: number, end: number, eof: boolean, fields: Fields, out: RecordResult, onBad: (kind: 'after-quote' | 'unterminated', extraLines: number) => never): void {
  fields.count = 0;
  let p = pos;
  let lines = 0;
  for (;;) {
    if (p < end && buf[p] === QUOTE) {
      p++;
      const s = p;
      let flags = 1;
      let fe = -1;
      while (fe < 0) {
        if (p >= end) {
          if (!eof) { out.next = -1; return; }
          onBad('unterminated', lines);
        }
        const c = buf[p];
        if (c === QUOTE) {
          if (p + 1 >= end && !eof) { out.next = -1; return; }
          if (p + 1 < end && buf[p + 1] === QUOTE) { flags |= 2; p += 2; continue; }
          fe = p;
          p++;
          break;
        }
        if (c === LF) lines++;
        p++;
      }
      fields.push(s, fe, flags);
      if (p >= end) {
        if (!eof) { out.next = -1; return; }
        out.next = p; out.lines = lines; return;
      }
      const c = buf[p];
      if (c === COMMA) { p++; continue; }
      if (c === LF) { out.next = p + 1; out.lines = lines + 1; return; }
      if (c === CR) {
        if (p + 1 >= end && !eof) { out.next = -1; return; }
        p++;
        if (p < end && buf[p] === LF) p++;
        out.next = p; out.lines = lines + 1; return;
      }
      onBad('after-quote', lines);
    } else {
      const s = p;
      while (p < end) {
        const c = buf[p];
        if (c === COMMA || c === LF || c === CR) break;
        p++;
      }
      if (p >= end && !eof) { out.next = -1; return; }
      fields.push(s, p, 0);
      if (p >= end) { out.next = p; out.lines = lines; return; }
      const c = buf[p];
      if (c === COMMA) { p++; continue; }
      if (c === LF) { out.next = p + 1; out.lines = lines + 1; return; }
      // CR
      if (p + 1 >= end && !eof) { out.next = -1; return; }
      p++;
      if (p < end && buf[p] === LF) p++;
      out.next = p; out.lines = lines + 1; return;
    }
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Set by {@link parseNumber} when the field is neither missing nor a number. */
let notNumber = false;

function isMissingBytes(buf: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 0) return true;
  const c0 = buf[s];
  switch (n) {
    case 1: return c0 === 0x3f; // ?
    case 2: return c0 === 0x4e && buf[s + 1] === 0x41; // NA
    case 3: {
      const c1 = buf[s + 1], c2 = buf[s + 2];
      return (c0 === 0x4e && c1 === 0x61 && c2 === 0x4e) // NaN
        || (c0 === 0x6e && c1 === 0x61 && c2 === 0x6e) // nan
        || (c0 === 0x4e && c1 === 0x2f && c2 === 0x41); // N/A
    }
    case 4: {
      const c1 = buf[s + 1], c2 = buf[s + 2], c3 = buf[s + 3];
      return (c0 === 0x6e && c1 === 0x75 && c2 === 0x6c && c3 === 0x6c) // null
        || (c0 === 0x4e && c1 === 0x55 && c2 === 0x4c && c3 === 0x4c); // NULL
    }
    default: return false;
  }
}

const INF_RE = /^[+-]?(inf|infinity)$/i;
const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal number from text (already trimmed); NaN + notNumber when it is not one. */
function parseNumberText(t: string): number {
  if (DECIMAL_RE.test(t)) return Number(t);
  if (INF_RE.test(t)) return t.charCodeAt(0) === 0x2d ? -Infinity : Infinity;
  notNumber = true;
  return NaN;
}

/**
 * Field bytes [s, e) -> number; NaN for missing. Sets `notNumber` when the field is text.
 * Fast path (Clinger): at most 15 significant digits and a power of ten up to 1e22 give an exactly rounded result
 * with one IEEE operation; everything else goes through `Number()` after the same syntax check.
 */
function parseNumber(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  if (isMissingBytes(buf, s, e)) return NaN;
  let i = s;
  let neg = false;
  let c = buf[i];
  if (c === 0x2d || c === 0x2b) { neg = c === 0x2d; i++; }
  let mant = 0;
  let sig = 0;
  let digits = 0;
  let fracDigits = 0;
  while (i < e) {
    c = buf[i];
    if (c < 0x30 || c > 0x39) break;
    if (mant !== 0 || c !== 0x30) { mant = mant * 10 + (c - 0x30); sig++; }
    digits++;
    i++;
  }
  if (i < e && buf[i] === 0x2e) {
    i++;
    while (i < e) {
      c = buf[i];
      if (c < 0x30 || c > 0x39) break;
      if (mant !== 0 || c !== 0x30) { mant = mant * 10 + (c - 0x30); sig++; }
      digits++;
      fracDigits++;
      i++;
    }
  }
  if (digits > 0 && i === e && sig <= 15) {
    const v = fracDigits === 0 ? mant : fracDigits <= 22 ? mant / POW10[fracDigits] : NaN;
    if (!Number.isNaN(v)) return neg ? -v : v;
  }
  if (digits > 0 && i < e && (buf[i] === 0x65 || buf[i] === 0x45) && sig <= 15) {
    // exponent
    let j = i + 1;
    let eneg = false;
    if (j < e && (buf[j] === 0x2d || buf[j] === 0x2b)) { eneg = buf[j] === 0x2d; j++; }
    let ex = 0;
    let ed = 0;
    while (j < e && buf[j] >= 0x30 && buf[j] <= 0x39 && ed < 6) { ex = ex * 10 + (buf[j] - 0x30); j++; ed++; }
    if (ed > 0 && j === e) {
      const p10 = (eneg ? -ex : ex) - fracDigits;
      if (p10 >= -22 && p10 <= 22) {
        const v = p10 >= 0 ? mant * POW10[p10] : mant / POW10[-p10];
        return neg ? -v : v;
      }
    }
  }
  return parseNumberText(latin1(buf, s, e));
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

function fieldText(buf: Buffer, s: number, e: number, flags: number): string {
  const t = buf.toString('utf8', s, e);
  return (flags & 2) !== 0 ? t.replaceAll('""', '"') : t;
}

function isMissingText(t: string): boolean {
  const x = t.replace(/^[ \t]+|[ \t]+$/g, '');
  return x.length === 0 || MISSING_TOKENS.includes(x);
}

function intern(col: ColState, t: string): string {
  const d = col.dict!;
  const hit = d.get(t);
  if (hit !== undefined) return hit;
  if (d.size < INTERN_LIMIT) d.set(t, t);
  return t;
}

interface PassResult {
  rows: number;
  sha256: string;
  /** [row, line] pairs where a row does not start on the line after the previous row's start (lineOfRow). */
  breaks: number[];
}

/** Reads a CSV file into columns. Throws GateError('data.csv', ...) with `file:line` on malformed input. */
export async function readCsv(file: string, opts: CsvOptions): Promise<CsvTable> {
  const shown = opts.displayPath;
  let names: string[] | null = null;
  let states: ColState[] = [];

  const onHeader = (h: string[]): void => {
    checkHeader(h, shown);
    names = h;
    states = h.map(() => ({ mode: MODE_NUM, num: new NumBuilder(), str: null, dict: null, sawNumber: false }));
  };

  const pass1 = await csvPass(file, opts, onHeader, () => states);
  if (names === null) throw new GateError('data.csv', `${shown}: no rows (the file is empty): a CSV dataset needs a header line and at least one row`, { where: { file: shown } });
  if (pass1.rows === 0) throw new GateError('data.csv', `${shown}: no rows (only a header line): add data rows`, { where: { file: shown } });
  const deferred = states.map((s, i) => (s.mode === MODE_DEFERRED ? i : -1)).filter((i) => i >= 0);
  if (deferred.length > 0) {
    const states2: ColState[] = states.map((s) =>
      s.mode === MODE_DEFERRED
        ? { mode: MODE_STR, num: null, str: [], dict: new Map(), sawNumber: false }
        : { mode: MODE_SKIP, num: null, str: null, dict: null, sawNumber: false });
    const pass2 = await csvPass(file, { ...opts, expectSha256: pass1.sha256 }, () => undefined, () => states2);
    if (pass2.rows !== pass1.rows) throw new GateError('data.changed', `${shown}: the file changed while it was being read`, { kind: 'fail', where: { file: shown } });
    for (const i of deferred) states[i] = states2[i];
  }
  const columns = new Map<string, Column>();
  const hdr = names as string[];
  hdr.forEach((n, i) => {
    const st = states[i];
    if (st.mode === MODE_NUM) columns.set(n, { kind: 'number', values: st.num!.finish() });
    else columns.set(n, { kind: 'string', values: st.str! });
  });
  return { names: hdr, columns, rows: pass1.rows, lineBreaks: Int32Array.from(pass1.breaks) };
}

/** Column names must be non-empty and unique. */
function checkHeader(h: string[], shown: string): void {
  const seen = new Map<string, number>();
  h.forEach((n, i) => {
    if (n.trim().length === 0) {
      throw new GateError('data.csv', `${shown}:1: column ${i + 1} of the header has no name${i === 0 ? ' (a pandas index? save with index=False)' : ''}: give every column a name`, { where: { file: shown, line: 1 } });
    }
    const prev = seen.get(n);
    if (prev !== undefined) {
      throw new GateError('data.csv', `${shown}:1: duplicate column name ${JSON.stringify(n)} (columns ${prev + 1} and ${i + 1}): column names must be unique`, { where: { file: shown, line: 1 } });
    }
    seen.set(n, i);
  });
}

const HEADER_READ = Symbol('header read');

/**
 * Only the column names of a CSV file (the first record, checked as `readCsv` checks it): the file is read in small
 * chunks up to the end of that record, no row is parsed.
 */
export async function readCsvHeader(file: string, opts: { displayPath: string }): Promise<string[]> {
  let names: string[] | null = null;
  try {
    await csvPass(file, { displayPath: opts.displayPath, chunkSize: 64 << 10 }, (h) => {
      checkHeader(h, opts.displayPath);
      names = h;
      throw HEADER_READ;
    }, () => []);
  } catch (e) {
    if (e !== HEADER_READ) throw e;
  }
  if (names === null) throw new GateError('data.csv', `${opts.displayPath}: no rows (the file is empty): a CSV dataset needs a header line and at least one row`, { where: { file: opts.displayPath } });
  return names;
}

/**
 * One sequential pass over the file. `onHeader` gets the header's names; rows go into `getStates()` (looked up
 * after the header). Returns the number of data rows and the sha256 of the bytes read.
 */
async function csvPass(file: string, opts: CsvOptions, onHeader: (names: string[]) => void, getStates: () => ColState[]): Promise<PassResult> {
  const shown = opts.displayPath;
  const chunk = Math.max(16, opts.chunkSize ?? 1 << 20);
  const fh = await open(file, 'r');
  const size = (await fh.stat()).size;
  // Bytes read before the first data record, and how many records sized the number columns (see below).
  let dataStart = -1;
  let consumed = 0;
  const hash: Hash = createHash('sha256');
  let buf = Buffer.allocUnsafeSlow(chunk * 2);
  let len = 0; // bytes valid in buf
  let pos = 0; // parse position
  let eof = false;
  let line = 1; // line where the record at `pos` starts
  let first = true;
  let header = true;
  let states: ColState[] = [];
  let ncols = 0;
  let rows = 0;
  const breaks: number[] = [];
  let lineShift = NaN;
  const fields = new Fields();
  const plain = new PlainScratch();
  const rr: RecordResult = { next: 0, lines: 0 };
  const bad = (kind: 'after-quote' | 'unterminated', extra: number): never => {
    const at = line + extra;
    const msg = kind === 'after-quote'
      ? `${shown}:${at}: unexpected text after a closing quote: quote the whole field and double the quotes inside it ("a ""b"" c")`
      : `${shown}:${line}: a quoted field starting on this line is never closed: add the closing quote`;
    throw new GateError('data.csv', msg, { where: { file: shown, line: kind === 'after-quote' ? at : line } });
  };
  try {
    for (;;) {
      // Refill: move the unparsed tail to the front and read more.
      if (!eof) {
        if (pos > 0) {
          consumed += pos;
          buf.copyWithin(0, pos, len);
          len -= pos;
          pos = 0;
        }
        if (buf.length - len < chunk) {
          if (len > MAX_RECORD_BYTES) {
            throw new GateError('data.csv', `${shown}:${line}: a record starting on this line is longer than ${MAX_RECORD_BYTES >> 20} MB (an unclosed quote?): check the quoting`, { where: { file: shown, line } });
          }
          const bigger = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, len + chunk));
          buf.copy(bigger, 0, 0, len);
          buf = bigger;
        }
        const { bytesRead } = await fh.read(buf, len, buf.length - len, null);
        if (bytesRead === 0) eof = true;
        else {
          hash.update(buf.subarray(len, len + bytesRead));
          len += bytesRead;
        }
      }
      if (first && (len >= 3 || eof)) {
        first = false;
        if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
        else if (len >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
          throw new GateError('data.csv', `${shown}: the file is UTF-16 encoded: save it as UTF-8`, { where: { file: shown } });
        }
      }
      if (first) continue;
      // Parse every complete record in the buffer.
      while (pos < len) {
        if (!header) {
          // The common record (unquoted, LF or CRLF, plain decimal numbers): parsed and stored in one scan.
          const next = plainRecord(buf, pos, len, states, ncols, plain);
          if (next >= 0) {
            if (line - rows !== lineShift) {
              lineShift = line - rows;
              breaks.push(rows, line);
            }
            line++;
            pos = next;
            rows++;
            if (rows === SIZING_ROWS) reserveColumns(states, rows, consumed + pos - dataStart, size - dataStart);
            continue;
          }
        }
        parseRecord(buf, pos, len, eof, fields, rr, bad);
        if (rr.next < 0) break;
        const recLine = line;
        line += rr.lines;
        const start = pos;
        pos = rr.next;
        // Skip completely empty lines.
        if (fields.count === 1 && fields.flags[0] === 0 && fields.end[0] === fields.start[0] && fields.start[0] === start) continue;
        if (header) {
          header = false;
          const names: string[] = [];
          for (let i = 0; i < fields.count; i++) names.push(fieldText(buf, fields.start[i], fields.end[i], fields.flags[i]));
          onHeader(names);
          states = getStates();
          ncols = fields.count;
          dataStart = consumed + pos;
          continue;
        }
        if (fields.count !== ncols) {
          throw new GateError('data.csv', `${shown}:${recLine}: row has ${fields.count} field${fields.count === 1 ? '' : 's'} but the header has ${ncols}: every row needs one value per column (quote fields that contain commas)`, { where: { file: shown, line: recLine } });
        }
        if (recLine - rows !== lineShift) {
          lineShift = recLine - rows;
          breaks.push(rows, recLine);
        }
        storeRow(buf, fields, states, rows);
        rows++;
        if (rows === SIZING_ROWS) reserveColumns(states, rows, consumed + pos - dataStart, size - dataStart);
      }
      if (eof) break;
    }
  } finally {
    await fh.close();
  }
  const sha256 = hash.digest('hex');
  if (opts.expectSha256 !== undefined && sha256 !== opts.expectSha256.toLowerCase()) {
    throw new GateError('data.changed', `${shown}: the file changed while it was being read (sha256 ${sha256}, expected ${opts.expectSha256})`, { kind: 'fail', where: { file: shown } });
  }
  return { rows, sha256, breaks };
}

/** After this many data rows, the number columns are sized for the whole file (their bytes per row so far). */
const SIZING_ROWS = 256;

/**
 * Sizes every number column for the rows the file holds if its records are as long as the first `rows` (`bytes`
 * of `total` data bytes), plus 2 %: one allocation instead of doubling, and for files of alike records no trimmed
 * copy at the end (NumBuilder.finish). Only memory; no value depends on it.
 */
function reserveColumns(states: ColState[], rows: number, bytes: number, total: number): void {
  if (!(bytes > 0 && total > bytes)) return;
  const want = Math.ceil((total / bytes) * rows * 1.02) + 16;
  // Never more rows than the file can hold: a record has at least one byte per column (its commas and line end).
  const cap = Math.ceil(total / Math.max(1, states.length)) + 16;
  for (const col of states) if (col.mode === MODE_NUM && col.num) col.num.reserve(Math.min(want, cap));
}

/** What {@link plainRecord} holds for one record before it stores it. */
class PlainScratch {
  num = new Float64Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);
  fit(n: number): void {
    if (this.num.length >= n) return;
    this.num = new Float64Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
  }
}

/**
 * The fast path of {@link parseRecord} + {@link storeRow} for the common record: no quote at the start of a field,
 * ends with LF or CRLF inside [pos, end), exactly `ncols` fields, and every number column's field a plain decimal
 * (`[+-]?digits[.digits]`, at most 15 significant digits and 22 fraction digits: parseNumber's exact fast path, the
 * same value). Stores the record and returns the position after its LF; returns -1, having stored nothing, for
 * anything else (the general path then parses it, with its errors and its switch of a column to text).
 */
function plainRecord(buf: Buffer, pos: number, end: number, states: ColState[], ncols: number, sc: PlainScratch): number {
  sc.fit(ncols);
  const num = sc.num, fs = sc.start, fe = sc.end;
  let p = pos;
  if (p >= end || buf[p] === LF || buf[p] === CR) return -1;
  for (let j = 0; j < ncols; j++) {
    const mode = states[j].mode;
    if (mode === MODE_NUM) {
      let c = buf[p];
      let neg = false;
      if (c === 0x2d || c === 0x2b) { neg = c === 0x2d; p++; }
      let mant = 0, sig = 0, digits = 0, frac = 0;
      while (p < end) {
        c = buf[p];
        if (c < 0x30 || c > 0x39) break;
        if (mant !== 0 || c !== 0x30) { mant = mant * 10 + (c - 0x30); sig++; }
        digits++;
        p++;
      }
      if (p < end && buf[p] === 0x2e) {
        p++;
        while (p < end) {
          c = buf[p];
          if (c < 0x30 || c > 0x39) break;
          if (mant !== 0 || c !== 0x30) { mant = mant * 10 + (c - 0x30); sig++; }
          digits++;
          frac++;
          p++;
        }
      }
      if (digits === 0 || sig > 15 || frac > 22) return -1;
      const v = frac === 0 ? mant : mant / POW10[frac];
      num[j] = neg ? -v : v;
    } else {
      if (buf[p] === QUOTE) return -1;
      fs[j] = p;
      while (p < end) {
        const c = buf[p];
        if (c === COMMA || c === LF || c === CR) break;
        p++;
      }
      fe[j] = p;
    }
    if (p >= end) return -1;
    const c = buf[p];
    if (j < ncols - 1) {
      if (c !== COMMA) return -1;
    } else if (c === CR) {
      if (p + 1 >= end || buf[p + 1] !== LF) return -1;
      p++;
    } else if (c !== LF) return -1;
    p++;
  }
  for (let j = 0; j < ncols; j++) {
    const col = states[j];
    const mode = col.mode;
    if (mode === MODE_NUM) {
      col.num!.push(num[j]);
      col.sawNumber = true;
    } else if (mode === MODE_STR) {
      const s = fs[j], e = fe[j];
      let a = s, b = e;
      while (a < b && (buf[a] === SPACE || buf[a] === TAB)) a++;
      while (b > a && (buf[b - 1] === SPACE || buf[b - 1] === TAB)) b--;
      col.str!.push(isMissingBytes(buf, a, b) ? null : intern(col, buf.toString('utf8', s, e)));
    }
  }
  return p;
}

function storeRow(buf: Buffer, fields: Fields, states: ColState[], row: number): void {
  for (let j = 0; j < states.length; j++) {
    const col = states[j];
    const mode = col.mode;
    if (mode === MODE_SKIP || mode === MODE_DEFERRED) continue;
    const s = fields.start[j], e = fields.end[j], f = fields.flags[j];
    if (mode === MODE_NUM) {
      notNumber = false;
      const v = (f & 2) === 0 ? parseNumber(buf, s, e) : parseNumberText(fieldText(buf, s, e, f).replace(/^[ \t]+|[ \t]+$/g, ''));
      if (!notNumber) {
        col.num!.push(v);
        if (v === v) col.sawNumber = true;
        continue;
      }
      if (col.sawNumber) {
        // Text after numbers: the exact text of the earlier numbers is gone; read this column again in pass 2.
        col.mode = MODE_DEFERRED;
        col.num = null;
        continue;
      }
      // Only missing values so far: switch to text now.
      col.mode = MODE_STR;
      col.str = new Array<string | null>(row).fill(null);
      col.dict = new Map();
      col.num = null;
    }
    if ((f & 2) === 0) {
      let a = s, b = e;
      while (a < b && (buf[a] === SPACE || buf[a] === TAB)) a++;
      while (b > a && (buf[b - 1] === SPACE || buf[b - 1] === TAB)) b--;
      col.str!.push(isMissingBytes(buf, a, b) ? null : intern(col, buf.toString('utf8', s, e)));
    } else {
      const t = fieldText(buf, s, e, f);
      col.str!.push(isMissingText(t) ? null : intern(col, t));
    }
  }
}
