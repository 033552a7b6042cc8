/**
 * The CSV reader's one-scan path for plain records (src/data/csv.ts `plainRecord`) against an oracle written here:
 * a seeded file mixing plain records with every case that must leave that path (quoted numbers and text, spaces,
 * missing tokens, exponents, more than 15 significant digits, more than 22 fraction digits, signs, `.5` and `5.`,
 * `-0`, CRLF and LF, blank lines, a column that turns to text after 300 rows of numbers), read with several buffer
 * sizes (records cut at every place). Every value must be `Number()` of the trimmed text (NaN when missing), text
 * exactly as written, and every row's line as generated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOfRow, readCsv } from '../../src/data/csv.ts';
import { rng } from '../../src/util/random.ts';
import { tempWorkspace, writeFile } from './helpers.ts';

const r = rng(18, 'csv-plain');
const pick = <T>(a: T[]): T => a[r.int(a.length)];

function numberText(): string {
  const u = r.next();
  if (u < 0.55) return String(r.int(1000));
  if (u < 0.7) return (r.next() * 200 - 100).toFixed(r.int(7));
  return pick(['-0', '+7', '.5', '5.', '007', '0.000', '-12.250', '1e3', '-2.5E-4', ' 42', '42 ', '\t3', '12345678901234567', '0.12345678901234567',
    '0.00000000000000000000000123', '123456789012345', '9007199254740993', 'NA', '', 'nan', '?', 'null', '"17"', '" 18 "', '+.5']);
}

function textValue(): string {
  return pick(['north', 'south', ' east', 'west ', 'NA', '', 'a"b', '"q,uoted"', '"two ""quotes"""', 'x y', '?', 'multi\nline'].map((t) => (t === 'multi\nline' ? '"multi\nline"' : t)));
}

const unquote = (t: string) => (t.startsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t);
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']);

test('plain records and every other kind, at several buffer sizes: the values Number() gives, text as written, lines as generated', async () => {
  const rows = 1200;
  const expected = { a: [] as number[], x: [] as number[], s: [] as (string | null)[], t: [] as (string | null)[], line: [] as number[] };
  let text = 'a,x,s,t\n';
  let line = 2;
  for (let i = 0; i < rows; i++) {
    if (r.next() < 0.03) {
      text += r.next() < 0.5 ? '\n' : '\r\n';
      line++;
    }
    const a = String(r.int(256));
    // mostly plain numbers, so that most records take the one-scan path
    const x = r.next() < 0.6 ? String(r.int(100000) / 100) : numberText();
    const s = r.next() < 0.6 ? pick(['north', 'south', 'east']) : textValue();
    const t = i === 300 ? 'late text' : String(i);
    const eol = r.next() < 0.2 ? '\r\n' : '\n';
    text += `${a},${x},${s},${t}${eol}`;
    expected.line.push(line);
    line += 1 + (s.includes('\n') ? 1 : 0);
    expected.a.push(Number(a));
    const xt = unquote(x).trim();
    expected.x.push(MISSING.has(xt) ? NaN : Number(xt));
    const st = unquote(s);
    expected.s.push(MISSING.has(st.trim()) ? null : st);
    expected.t.push(t);
  }
  const dir = tempWorkspace();
  const file = writeFile(dir, 'd.csv', text);
  for (const chunkSize of [16, 97, 4096, undefined]) {
    const t = await readCsv(file, { displayPath: 'data/d.csv', chunkSize });
    assert.equal(t.rows, rows);
    assert.deepEqual(Array.from(t.columns.get('a')!.values as Float64Array), expected.a, `a, chunk ${chunkSize}`);
    const x = t.columns.get('x')!;
    assert.equal(x.kind, 'number');
    // Object.is: -0 and NaN compared exactly.
    Array.from(x.values as Float64Array).forEach((v, i) => assert.ok(Object.is(v, expected.x[i]), `x row ${i}: ${v} vs ${expected.x[i]}, chunk ${chunkSize}`));
    assert.deepEqual(t.columns.get('s')!.values, expected.s, `s, chunk ${chunkSize}`);
    // Numbers for 300 rows, then text: read again as text, exactly as written.
    assert.equal(t.columns.get('t')!.kind, 'string');
    assert.deepEqual(t.columns.get('t')!.values, expected.t);
    for (let i = 0; i < rows; i++) assert.equal(lineOfRow(t.lineBreaks!, i), expected.line[i], `row ${i}'s line, chunk ${chunkSize}`);
  }
});

test('a numeric column: -0, signs, .5, 5., leading zeros, 15 and 16 significant digits, exponents, quoted numbers', async () => {
  const values = ['-0', '+7', '.5', '5.', '007', '0.000', '-12.250', '1e3', '-2.5E-4', ' 42', '42 ', '"17"', '" 18 "', '12345678901234567', '0.12345678901234567',
    '0.00000000000000000000000123', '123456789012345', '9007199254740993', '0.1', '0.3', '123.456', 'NA', '', '255', '0'];
  for (const eol of ['\n', '\r\n']) {
    const dir = tempWorkspace();
    const file = writeFile(dir, 'n.csv', 'v,k' + eol + values.map((v, i) => `${v},${i}`).join(eol) + eol);
    const t = await readCsv(file, { displayPath: 'data/n.csv' });
    const got = Array.from(t.columns.get('v')!.values as Float64Array);
    values.forEach((v, i) => {
      const x = unquote(v).trim();
      const want = MISSING.has(x) ? NaN : Number(x);
      assert.ok(Object.is(got[i], want), `${JSON.stringify(v)}: ${got[i]} vs ${want}`);
    });
    assert.deepEqual(Array.from(t.columns.get('k')!.values as Float64Array), values.map((_, i) => i));
  }
});
