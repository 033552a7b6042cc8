/**
 * One Markdown table-cell escaper for trusted Markdown (src/report/escape.ts `cell`). markdown.ts `table()` and the
 * policy reference generator (src/policy/reference.ts) each had a copy; the frozen copies below are compared with
 * `cell` on random strings. The table copy is the same expression; the reference copy escaped every `|` (also an
 * already escaped `\|`) and flattened only `\n`: the two agree on text without `\` and `\r`, which is all the
 * schema's descriptions and types contain (the generated reference stays byte-identical, see schema.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell } from '../../src/util/escape.ts';
import { table } from '../../src/report/markdown.ts';
import { rng } from '../../src/util/random.ts';

/** The former markdown.ts `table()` cell cleaner, verbatim. */
const tableClean = (c: string) => (c === '' ? ' ' : c.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|'));
/** The former src/policy/reference.ts `cell`, verbatim. */
const referenceCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function randomText(r: ReturnType<typeof rng>, alphabet: string[]): string {
  let s = '';
  const n = r.int(12);
  for (let i = 0; i < n; i++) s += alphabet[r.int(alphabet.length)];
  return s;
}

test('cell equals the former table() cleaner on any text, and the former reference copy on text without \\ and \\r', () => {
  const r = rng(9, 'report/cell');
  const all = ['a', ' ', '|', '\\', '\n', '\r', '`', '&#124;', '<br>', 'é'];
  const plain = all.filter((c) => c !== '\\' && c !== '\r');
  for (let i = 0; i < 20000; i++) {
    const s = randomText(r, all);
    assert.equal(s === '' ? ' ' : cell(s), tableClean(s), JSON.stringify(s));
    const t = randomText(r, plain);
    assert.equal(cell(t), referenceCell(t), JSON.stringify(t));
  }
  // where the reference copy differed: an escaped pipe was escaped again (breaking the cell), \r\n left a \r
  assert.equal(cell('a \\| b'), 'a \\| b');
  assert.equal(referenceCell('a \\| b'), 'a \\\\| b');
  assert.equal(cell('a\r\nb'), 'a b');
  assert.equal(referenceCell('a\r\nb'), 'a\r b');
});

test('table() cells go through cell (empty cells become one space)', () => {
  assert.equal(table(['a|b', ''], [['x\ny', 'p \\| q']]), '| a\\|b |   |\n|---|---|\n| x y | p \\| q |');
});
