import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sha256File, sha256FileRange, sha256Files, sha256Ranges } from '../../src/util/hash.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => void;
const data: Buffer[] = [];
before(() => {
  ({ dir, cleanup } = tempDir());
  // Sizes around the 4 MiB read chunk (and empty) to catch off-by-one errors in the pipelined reads.
  for (const [i, size] of [0, 1, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, 9 << 20].entries()) {
    const b = randomFillSync(Buffer.alloc(size));
    data.push(b);
    writeFileSync(path.join(dir, `f${i}`), b);
  }
});
after(() => cleanup());

const ref = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('sha256File and ranges agree with node:crypto over whole buffers', async () => {
  for (const [i, b] of data.entries()) {
    assert.equal(await sha256File(path.join(dir, `f${i}`)), ref(b));
    const s = Math.floor(b.length / 3);
    const e = Math.floor((2 * b.length) / 3);
    assert.equal((await sha256FileRange(path.join(dir, `f${i}`), s, e)).toString('hex'), ref(b.subarray(s, e)));
  }
});

test('parallel worker hashing returns digests in input order, and reports errors', async () => {
  const files = data.map((_b, i) => path.join(dir, `f${i}`));
  for (const threads of [1, 2, 3]) {
    assert.deepEqual(await sha256Files(files, { threads }), data.map(ref));
  }
  const last = data[5];
  const ranges = [0, 1 << 20, 5 << 20].map((start) => ({ file: files[5], start, end: Math.min(start + (3 << 20), last.length) }));
  const got = await sha256Ranges(ranges, { threads: 2 });
  assert.deepEqual(got.map((d) => d.toString('hex')), ranges.map((r) => ref(last.subarray(r.start, r.end))));
  await assert.rejects(sha256Ranges([{ file: files[1], start: 0 }, { file: path.join(dir, 'nope'), start: 0 }], { threads: 2 }), /ENOENT|no such file/);
  await assert.rejects(sha256Ranges([{ file: files[1], start: 0, end: 10 }], { threads: 1 }), /shorter than expected/);
});

test('hashFileMulti streams once through several hashes', async () => {
  const { hashFileMulti } = await import('../../src/util/hash.ts');
  for (const [i, b] of data.entries()) {
    const d = await hashFileMulti(path.join(dir, `f${i}`), ['sha256', 'sha512']);
    assert.equal(d.sha256.toString('hex'), ref(b));
    assert.equal(d.sha512.toString('hex'), createHash('sha512').update(b).digest('hex'));
  }
});
