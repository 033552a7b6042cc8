/**
 * Snappy block decompression (src/util/snappy.ts): streams made by an independent encoder (libsnappy through
 * python3-snappy, scripts/make-snappy-fixtures.py) decode to bytes with the recorded sha256; every element kind,
 * written by hand from the format description, decodes as the description says; malformed input is refused.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { snappyUncompress } from '../../src/util/snappy.ts';
import { ROOT } from '../helpers/workspace.ts';

const dir = path.join(ROOT, 'test/fixtures/snappy');

test('libsnappy streams (a Sigstore bundle, 100 kB of text, incompressible bytes) decode to the recorded bytes', () => {
  for (const name of ['bundle', 'text', 'random']) {
    const out = snappyUncompress(readFileSync(path.join(dir, `${name}.sz`)));
    assert.equal(createHash('sha256').update(out).digest('hex'), readFileSync(path.join(dir, `${name}.sha256`), 'utf8').trim(), name);
  }
  const bundle = JSON.parse(snappyUncompress(readFileSync(path.join(dir, 'bundle.sz'))).toString('utf8'));
  assert.equal(bundle.mediaType.startsWith('application/vnd.dev.sigstore.bundle'), true);
});

test('hand-encoded elements: literals (short and with a length byte), copies with 1-, 2- and 4-byte offsets, overlapping runs', () => {
  const lit = (s: string) => {
    const b = Buffer.from(s);
    return b.length <= 60 ? Buffer.concat([Buffer.from([(b.length - 1) << 2]), b]) : Buffer.concat([Buffer.from([60 << 2, b.length - 1]), b]);
  };
  // "abcd" then copy-1 of 6 bytes at offset 4 -> "abcdabcdab": tag = 01 | (6-4)<<2 | (offset>>8)<<5, then offset&255.
  assert.equal(snappyUncompress(Buffer.concat([Buffer.from([10]), lit('abcd'), Buffer.from([0x01 | (2 << 2), 4])])).toString(), 'abcdabcdab');
  // Overlap: "x" then copy-2 of 9 bytes at offset 1 -> ten x. Copy-2 tag: 10 | (len-1)<<2, offset LE16.
  assert.equal(snappyUncompress(Buffer.from([10, 0x00, 0x78, 0x02 | (8 << 2), 1, 0])).toString(), 'x'.repeat(10));
  // Copy-4 (tag 11) of 3 bytes at offset 3 after "xyz" -> "xyzxyz".
  assert.equal(snappyUncompress(Buffer.concat([Buffer.from([6]), lit('xyz'), Buffer.from([0x03 | (2 << 2), 3, 0, 0, 0])])).toString(), 'xyzxyz');
  // A 100-byte literal (length in one extra byte: tag 60<<2, then length-1) and a two-byte varint preamble (100 = 0x64).
  const long = 'q'.repeat(50) + 'r'.repeat(50);
  assert.equal(snappyUncompress(Buffer.concat([Buffer.from([100]), lit(long)])).toString(), long);
  // Preamble 300 = 0xAC 0x02; literal of 300 with a two-byte length (tag 61<<2, 299 LE).
  const big = Buffer.alloc(300, 7);
  assert.deepEqual(snappyUncompress(Buffer.concat([Buffer.from([0xac, 0x02, 61 << 2, 299 & 255, 299 >> 8]), big])), big);
  // 11-bit offset: 300 literal bytes then copy-1 of 4 at offset 260 (offset>>8 = 1 in the tag's top three bits).
  const src = Buffer.from(Array.from({ length: 300 }, (_, i) => i & 255));
  const out = snappyUncompress(Buffer.concat([Buffer.from([0xb0, 0x02, 61 << 2, 299 & 255, 299 >> 8]), src, Buffer.from([0x01 | (0 << 2) | (1 << 5), 260 - 256])]));
  assert.deepEqual(out.subarray(300), src.subarray(40, 44));
  assert.equal(snappyUncompress(Buffer.from([0])).length, 0);
});

test('malformed streams are refused with what is wrong, never a partial result', () => {
  const bad: [number[], RegExp][] = [
    [[], /truncated length preamble/],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x01], /longer than 5 bytes/],
    [[4, 0x0c, 0x61], /truncated literal/],
    [[3, 0x08, 0x61, 0x62, 0x63, 0x05, 0x00], /copy offset 0/],
    [[8, 0x00, 0x61, 0x05, 0x02], /copy offset 2 outside the 1 bytes written/],
    [[2, 0x08, 0x61, 0x62, 0x63], /longer than the declared length/],
    [[5, 0x08, 0x61, 0x62, 0x63], /3 bytes decoded, the preamble declares 5/],
    [[5, 0x00, 0x61, 0x06], /truncated copy/],
  ];
  for (const [bytes, re] of bad) assert.throws(() => snappyUncompress(Buffer.from(bytes)), re, JSON.stringify(bytes));
  assert.throws(() => snappyUncompress(Buffer.from([0x80, 0x80, 0x80, 0x40])), /exceeds the limit/);
});
