import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineOfRow, readCsv, MISSING_TOKENS } from '../../src/data/csv.ts';
import { GateError } from '../../src/errors.ts';
import { rng } from '../../src/util/random.ts';
import { tempWorkspace, writeFile } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'data');

async function csv(content: string | Uint8Array, chunkSize?: number) {
  const dir = tempWorkspace();
  const f = writeFile(dir, 'd.csv', content);
  return readCsv(f, { displayPath: 'data/d.csv', chunkSize });
}

async function csvError(content: string | Uint8Array, chunkSize?: number): Promise<GateError> {
  try {
    await csv(content, chunkSize);
  } catch (e) {
    assert.ok(e instanceof GateError, `expected GateError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

function num(t: Awaited<ReturnType<typeof csv>>, c: string): number[] {
  const col = t.columns.get(c)!;
  assert.equal(col.kind, 'number', `column ${c} should be numeric`);
  return Array.from(col.values as Float64Array);
}
function str(t: Awaited<ReturnType<typeof csv>>, c: string): (string | null)[] {
  const col = t.columns.get(c)!;
  assert.equal(col.kind, 'string', `column ${c} should be text`);
  return col.values as (string | null)[];
}

test('quoted fields: embedded commas, line breaks, doubled quotes; CRLF; BOM', async () => {
  const text = '\uFEFFid,name,note\r\n1,"Smith, J.","said ""hi""\r\nthen left"\r\n2,plain,"a,b"\r\n3,"",x\r\n';
  for (const chunk of [undefined, 16, 17, 23]) {
    const t = await csv(text, chunk);
    assert.deepEqual(t.names, ['id', 'name', 'note']);
    assert.equal(t.rows, 3);
    assert.deepEqual(num(t, 'id'), [1, 2, 3]);
    assert.deepEqual(str(t, 'name'), ['Smith, J.', 'plain', null]);
    assert.deepEqual(str(t, 'note'), ['said "hi"\r\nthen left', 'a,b', 'x']);
  }
});

test('LF, CR-only and missing final newline all work; a final empty line is not a row', async () => {
  for (const text of ['a,b\n1,x\n2,y', 'a,b\r1,x\r2,y\r', 'a,b\n1,x\n2,y\n\n\n']) {
    const t = await csv(text);
    assert.equal(t.rows, 2);
    assert.deepEqual(num(t, 'a'), [1, 2]);
    assert.deepEqual(str(t, 'b'), ['x', 'y']);
  }
});

test('missing values: empty, NA, N/A, NaN, nan, null, NULL, ? (quoted or not, spaces around)', async () => {
  assert.deepEqual([...MISSING_TOKENS], ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']);
  const t = await csv('x,s\n1.5,a\n,\nNA,NA\nN/A,"N/A"\nNaN,b\nnan, ? \nnull,null\nNULL,"NULL"\n?,c\n" 2 ",\n');
  const x = num(t, 'x');
  assert.equal(x.length, 10);
  assert.equal(x[0], 1.5);
  assert.equal(x[9], 2);
  for (let i = 1; i <= 8; i++) assert.ok(Number.isNaN(x[i]), `row ${i + 1} should be missing`);
  assert.deepEqual(str(t, 's'), ['a', null, null, null, 'b', null, null, null, 'c', null]);
});

test('a column with any text is a text column with the exact original text (second pass)', async () => {
  // The text value comes late (after many numbers and across chunk boundaries): numbers keep their spelling.
  const lines = ['code,v'];
  for (let i = 0; i < 500; i++) lines.push(`${i % 3 === 0 ? '007' : '1.50'},${i}`);
  lines.push('A12,500');
  const text = lines.join('\n') + '\n';
  for (const chunk of [undefined, 64]) {
    const t = await csv(text, chunk);
    const code = str(t, 'code');
    assert.equal(code.length, 501);
    assert.equal(code[0], '007');
    assert.equal(code[1], '1.50');
    assert.equal(code[500], 'A12');
    assert.deepEqual(num(t, 'v'), Array.from({ length: 501 }, (_, i) => i));
  }
});

test('missing values first, then text: text column with nulls; all-missing column is numeric NaN', async () => {
  const t = await csv('a,b,c\n,NA,1\n?,,2\nhello,,3\n');
  assert.deepEqual(str(t, 'a'), [null, null, 'hello']);
  assert.ok(num(t, 'b').every((v) => Number.isNaN(v)));
  assert.deepEqual(num(t, 'c'), [1, 2, 3]);
});

test('number parsing agrees exactly with Number() on 20,000 random decimal spellings', async () => {
  const r = rng(7, 'csv-numbers');
  const digits = (n: number) => Array.from({ length: n }, () => String(r.int(10))).join('');
  const values: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const sign = ['', '-', '+'][r.int(3)];
    const intPart = digits(r.int(19));
    const frac = r.int(2) === 0 ? '' : '.' + digits(r.int(25));
    const exp = r.int(3) === 0 ? `${['e', 'E'][r.int(2)]}${['', '-', '+'][r.int(3)]}${r.int(330)}` : '';
    let s = sign + intPart + frac + exp;
    if (!/\d/.test(intPart + frac)) s = sign + '0' + frac.replace('.', '.5') + exp;
    values.push(s);
  }
  values.push('0', '-0', '1e22', '1e23', '9007199254740993', '0.1', '123456789012345', '1234567890123456', '.5', '5.', 'inf', '-Infinity');
  const t = await csv('x\n' + values.join('\n') + '\n', 4096);
  const x = num(t, 'x');
  values.forEach((s, i) => {
    const want = /inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s);
    assert.ok(Object.is(x[i], want), `${s}: got ${x[i]}, want ${want}`);
  });
});

test('things that are not numbers make the column text: hex, 1e, ., +, 1,5 quoted, 1_000', async () => {
  for (const v of ['0x10', '1e', '.', '+', '"1,5"', '1_000', '12abc', 'Infinityx']) {
    const t = await csv(`x\n1\n${v}\n`);
    assert.equal(t.columns.get('x')!.kind, 'string', v);
  }
});

test('UTF-8 text split across chunk boundaries is decoded intact and interned', async () => {
  const words = ['Zürich', 'São Paulo', '東京', '😀 smile'];
  const lines = ['city,n'];
  for (let i = 0; i < 200; i++) lines.push(`${words[i % 4]},${i}`);
  const t = await csv(lines.join('\n'), 19);
  const city = str(t, 'city');
  city.forEach((c, i) => assert.equal(c, words[i % 4]));
  // interned: equal strings are the same value (cheap to check indirectly: distinct count)
  assert.equal(new Set(city).size, 4);
});

test('ragged row: error names file:line (counting line breaks inside quotes) and both field counts', async () => {
  const text = 'a,b,c\n1,2,3\n4,"multi\nline",6\n7,8\n9,10,11\n';
  const e = await csvError(text);
  assert.equal(e.code, 'data.csv');
  assert.equal(e.message, 'data/d.csv:5: row has 2 fields but the header has 3: every row needs one value per column (quote fields that contain commas)');
  assert.deepEqual(e.where, { file: 'data/d.csv', line: 5 });
  const e2 = await csvError('a,b\n1,2\n3,4,5\n', 5);
  assert.match(e2.message, /^data\/d\.csv:3: row has 3 fields but the header has 2/);
});

test('empty file, header only, blank file: "no rows"', async () => {
  assert.match((await csvError('')).message, /^data\/d\.csv: no rows \(the file is empty\)/);
  assert.match((await csvError('\n\n')).message, /^data\/d\.csv: no rows \(the file is empty\)/);
  assert.match((await csvError('\uFEFF')).message, /no rows \(the file is empty\)/);
  assert.match((await csvError('a,b,c\n')).message, /^data\/d\.csv: no rows \(only a header line\)/);
  assert.match((await csvError('a,b,c')).message, /no rows \(only a header line\)/);
});

test('header problems: duplicate names, empty name (pandas index hint)', async () => {
  const e = await csvError('a,b,a\n1,2,3\n');
  assert.equal(e.message, 'data/d.csv:1: duplicate column name "a" (columns 1 and 3): column names must be unique');
  const e2 = await csvError(',x\n0,1\n');
  assert.match(e2.message, /column 1 of the header has no name \(a pandas index\? save with index=False\)/);
});

test('broken quoting: unterminated quote and text after a closing quote, with line numbers', async () => {
  const e = await csvError('a,b\n1,2\n3,"open\nstill open\n');
  assert.equal(e.message, 'data/d.csv:3: a quoted field starting on this line is never closed: add the closing quote');
  const e2 = await csvError('a,b\n1,"x"y\n');
  assert.match(e2.message, /^data\/d\.csv:2: unexpected text after a closing quote/);
  // A bare quote inside an unquoted field is kept literally.
  const t = await csv('a\n5"6\n');
  assert.deepEqual(str(t, 'a'), ['5"6']);
});

test('UTF-16 files are refused with a fix', async () => {
  const e = await csvError(new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
  assert.match(e.message, /UTF-16 encoded: save it as UTF-8/);
});

/** Independent reference: a plain string-based RFC 4180 parser. */
function referenceParse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && !fieldStarted) { quoted = true; fieldStarted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; fieldStarted = false; i++; continue; }
    if (ch === '\n' || ch === '\r') {
      row.push(field); rows.push(row); row = []; field = ''; fieldStarted = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; fieldStarted = true; i++;
  }
  if (fieldStarted || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

test('random quoted CSV: same fields as an independent string parser, for any chunk size', async () => {
  const r = rng(11, 'csv-fuzz');
  const alphabet = ['a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '1', '2.5'];
  const rows: string[][] = [];
  const lines: string[] = ['c0,c1,c2'];
  for (let i = 0; i < 300; i++) {
    const row: string[] = [];
    for (let j = 0; j < 3; j++) {
      let v = '';
      const len = r.int(6);
      for (let k = 0; k < len; k++) v += alphabet[r.int(alphabet.length)];
      if (v === '') v = 'z';
      row.push(v);
    }
    rows.push(row);
    lines.push(row.map((v) => '"' + v.replaceAll('"', '""') + '"').join(','));
  }
  const text = lines.join('\r\n') + '\r\n';
  const ref = referenceParse(text).slice(1);
  assert.deepEqual(ref, rows);
  for (const chunk of [16, 31, 1000, undefined]) {
    const t = await csv(text, chunk);
    assert.equal(t.rows, 300);
    for (let j = 0; j < 3; j++) {
      const col = t.columns.get(`c${j}`)!;
      assert.equal(col.kind, 'string');
      // Missing rule: blank after trimming spaces/tabs (or a missing token) -> null.
      assert.deepEqual(col.values, ref.map((row) => (row[j].replace(/^[ \t]+|[ \t]+$/g, '') === '' ? null : row[j])));
    }
  }
});

test('the real Adult test file (CRLF, 16,281 rows, 50 columns)', async () => {
  const t = await readCsv(path.join(fixtures, 'adult', 'adult-test-encoded.csv'), { displayPath: 'adult-test-encoded.csv' });
  assert.equal(t.rows, 16281);
  assert.equal(t.names.length, 50);
  assert.deepEqual(t.names.slice(0, 3), ['age', 'education-num', 'capital-gain']);
  assert.deepEqual(t.names.slice(-3), ['sex', 'race', 'label']);
  // Reference values computed with Python's csv module and float() (sequential sums).
  let age = 0;
  for (const v of num(t, 'age')) age += v;
  assert.equal(age, 221.7825508750975);
  let hours = 0;
  for (const v of num(t, 'hours-per-week')) hours += v;
  assert.equal(hours, -59.62528047338128);
  const label = num(t, 'label');
  assert.equal(label.filter((v) => v === 1).length, 3846);
  assert.equal(label.filter((v) => v === 0).length, 12435);
  const sex = str(t, 'sex');
  assert.equal(sex.filter((v) => v === 'Male').length, 10860);
  assert.equal(sex.filter((v) => v === 'Female').length, 5421);
  const race = str(t, 'race');
  assert.equal(race.filter((v) => v === 'Amer-Indian-Eskimo').length, 159);
  assert.equal(num(t, 'age')[16280], -0.26257574558258057);
  let ones = 0;
  for (const n of t.names.slice(5, 47)) for (const v of num(t, n)) if (v === 1) ones++;
  assert.equal(ones, 95757);
});

test('the bytes parsed must be the bytes hashed: a different sha256 is "changed while being read" (fail)', async () => {
  const dir = tempWorkspace();
  const f = writeFile(dir, 'd.csv', 'a\n1\n');
  await assert.rejects(readCsv(f, { displayPath: 'd.csv', expectSha256: 'ab'.repeat(32) }), (e: unknown) => {
    assert.ok(e instanceof GateError);
    assert.equal(e.code, 'data.changed');
    assert.equal(e.kind, 'fail');
    return true;
  });
});

test('lineOfRow: the line where each row starts, across empty lines, CRLF, multi-line quoted fields and small chunks', async () => {
  const text = 'a,b\r\n1,x\r\n\r\n2,"two\nlines"\n3,y\n\n\n4,"x\r\nmore\r\nlines"\n5,z\n6,w';
  // Independent: walk the text by hand, a row starts at a line that is not empty and not inside quotes.
  const want: number[] = [];
  let line = 1, inQuotes = false, atStart = true, header = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atStart && !inQuotes && c !== '\n' && c !== '\r') {
      if (header) header = false;
      else want.push(line);
      atStart = false;
    }
    if (c === '"') inQuotes = !inQuotes;
    if (c === '\n') { line++; if (!inQuotes) atStart = true; }
  }
  assert.deepEqual(want, [2, 4, 6, 9, 12, 13]);
  for (const chunk of [undefined, 16, 5]) {
    const t = await csv(text, chunk);
    assert.equal(t.rows, 6);
    assert.deepEqual(Array.from({ length: t.rows }, (_, r) => lineOfRow(t.lineBreaks!, r)), want, `chunk ${chunk}`);
  }
  // A plain file: one break (row 0 on line 2), every row on the next line.
  const plain = await csv('a\n' + Array.from({ length: 1000 }, (_, i) => String(i)).join('\n'));
  assert.deepEqual([...plain.lineBreaks!], [0, 2]);
  assert.equal(lineOfRow(plain.lineBreaks!, 999), 1001);
});
