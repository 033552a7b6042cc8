import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, brotliCompressSync, zstdCompressSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readParquet } from '../../src/data/parquet.ts';
import { GateError } from '../../src/errors.ts';
import { tempWorkspace, writeFile } from './helpers.ts';

function write(buf: ArrayBuffer | Uint8Array): string {
  const dir = tempWorkspace();
  return writeFile(dir, 'd.parquet', buf instanceof Uint8Array ? buf : new Uint8Array(buf));
}

async function parquetError(bytes: Uint8Array): Promise<GateError> {
  try {
    await readParquet(write(bytes), { displayPath: 'data/d.parquet' });
  } catch (e) {
    assert.ok(e instanceof GateError, String(e));
    return e;
  }
  return assert.fail('expected an error');
}

const SAMPLE = () => parquetWriteBuffer({
  columnData: [
    { name: 'x', data: [1.5, null, -2, 4, 5], type: 'DOUBLE' },
    { name: 'i', data: [1, 2, 3, 4, 5], type: 'INT32' },
    { name: 'big', data: [1n, -2n, 2n ** 40n, null, 0n], type: 'INT64' },
    { name: 'b', data: [true, false, null, true, false], type: 'BOOLEAN' },
    { name: 's', data: ['a', null, 'b', 'a', 'é'], type: 'STRING' },
    { name: 't', data: [new Date(0), new Date(1000), null, new Date(86400000), new Date(-1)], type: 'TIMESTAMP' },
    { name: 'f', data: [0.5, 1, 2, 3, null], type: 'FLOAT' },
  ],
  rowGroupSize: 2, // three row groups: exercises the group-by-group read
});

test('numbers, int64, booleans, text, timestamps and nulls across several row groups', async () => {
  const t = await readParquet(write(SAMPLE()), { displayPath: 'data/d.parquet' });
  assert.equal(t.rows, 5);
  assert.deepEqual(t.names, ['x', 'i', 'big', 'b', 's', 't', 'f']);
  const n = (c: string) => {
    const col = t.columns.get(c)!;
    assert.equal(col.kind, 'number', c);
    return Array.from(col.values as Float64Array);
  };
  assert.deepEqual(n('x'), [1.5, NaN, -2, 4, 5]);
  assert.deepEqual(n('i'), [1, 2, 3, 4, 5]);
  assert.deepEqual(n('big'), [1, -2, 2 ** 40, NaN, 0]);
  assert.deepEqual(n('b'), [1, 0, NaN, 1, 0]);
  assert.deepEqual(n('t'), [0, 1000, NaN, 86400000, -1]);
  assert.deepEqual(n('f'), [0.5, 1, 2, 3, NaN]);
  const s = t.columns.get('s')!;
  assert.equal(s.kind, 'string');
  assert.deepEqual(s.values, ['a', null, 'b', 'a', 'é']);
});

test('DATE columns become milliseconds since 1970-01-01', async () => {
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'd', data: [new Date(0), new Date(86400000 * 3), null] }],
    schema: [{ name: 'root', num_children: 1 }, { name: 'd', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' }],
  });
  const t = await readParquet(write(buf), { displayPath: 'd.parquet' });
  assert.deepEqual(Array.from(t.columns.get('d')!.values as Float64Array), [0, 259200000, NaN]);
});

test('nested (list) columns are refused with a fix', async () => {
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'd', data: [1, 2] }, { name: 'l', data: [[1, 2], [3]] }],
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'd', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: 'l', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
    ],
  });
  const e = await parquetError(new Uint8Array(buf));
  assert.equal(e.message, 'data/d.parquet: column "l" is nested (a list, map or struct), which cannot be fed to a model: flatten it into plain columns, or drop it from the file');
});

test('corrupt and truncated files give a clear error, never garbage', async () => {
  const good = new Uint8Array(SAMPLE());
  // Truncated: the footer is gone.
  const e1 = await parquetError(good.subarray(0, Math.floor(good.length / 2)));
  assert.equal(e1.code, 'data.parquet');
  assert.match(e1.message, /^data\/d\.parquet: not a readable Parquet file \(.*\): the file is corrupt or truncated; write it again/);
  // Not Parquet at all.
  const e2 = await parquetError(new TextEncoder().encode('a,b\n1,2\nthis is a csv file, not parquet\n'));
  assert.match(e2.message, /^data\/d\.parquet: not a readable Parquet file/);
  // Tiny / empty.
  assert.match((await parquetError(new Uint8Array(0))).message, /only 0 bytes/);
  // Footer intact but the column data overwritten with junk.
  const junk = good.slice();
  for (let i = 4; i < 200; i++) junk[i] = 0xff;
  const e3 = await parquetError(junk);
  assert.equal(e3.code, 'data.parquet');
  assert.match(e3.message, /^data\/d\.parquet: /);
  // Metadata length pointing past the start of the file.
  const badLen = good.slice();
  new DataView(badLen.buffer).setUint32(badLen.length - 8, 0x7fffffff, true);
  assert.match((await parquetError(badLen)).message, /not a readable Parquet file \(parquet metadata length/);
});

test('a file with zero rows is "no rows"', async () => {
  const buf = parquetWriteBuffer({ columnData: [{ name: 'a', data: [], type: 'DOUBLE' }] });
  assert.match((await parquetError(new Uint8Array(buf))).message, /no rows/);
});

test('GZIP, BROTLI and ZSTD compressed files read through node:zlib', async () => {
  const values = Array.from({ length: 3000 }, (_, i) => (i % 7) * 0.5);
  const text = Array.from({ length: 3000 }, (_, i) => `cat${i % 5}`);
  const compressors = {
    GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
    BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
    ZSTD: (b: Uint8Array) => new Uint8Array(zstdCompressSync(b)),
  };
  for (const codec of ['GZIP', 'BROTLI', 'ZSTD'] as const) {
    const buf = parquetWriteBuffer({
      columnData: [{ name: 'x', data: values, type: 'DOUBLE' }, { name: 's', data: text, type: 'STRING' }],
      codec,
      compressors,
      rowGroupSize: 1000,
    });
    const t = await readParquet(write(buf), { displayPath: 'd.parquet' });
    assert.equal(t.rows, 3000, codec);
    assert.deepEqual(Array.from(t.columns.get('x')!.values as Float64Array), values, codec);
    assert.deepEqual(t.columns.get('s')!.values, text, codec);
  }
});

test('an unsupported codec (LZ4) is refused with the fix', async () => {
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'x', data: [1, 2, 3], type: 'DOUBLE' }],
    codec: 'LZ4_RAW',
    compressors: { LZ4_RAW: (b: Uint8Array) => b },
  });
  const e = await parquetError(new Uint8Array(buf));
  assert.match(e.message, /^data\/d\.parquet: Parquet compression LZ4_RAW is not supported \(supported: uncompressed, SNAPPY, GZIP, BROTLI, ZSTD\): write the file with snappy/);
});
