import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { readNpy, halfToNumber } from '../../src/data/npy.ts';
import { GateError } from '../../src/errors.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { accurateSum, npyBytes, tempWorkspace, writeFile } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'data');

async function load(bytes: Uint8Array, target: 'float32' | 'float64' = 'float64') {
  const dir = tempWorkspace();
  const f = writeFile(dir, 'a.npy', bytes);
  return target === 'float32' ? readNpy(f, 'float32', { displayPath: 'a.npy' }) : readNpy(f, 'float64', { displayPath: 'a.npy' });
}

async function loadError(bytes: Uint8Array): Promise<GateError> {
  try {
    await load(bytes);
  } catch (e) {
    assert.ok(e instanceof GateError, String(e));
    return e;
  }
  assert.fail('expected an error');
}

type Setter = (dv: DataView, off: number, v: number, le: boolean) => void;
const SETTERS: Record<string, [number, Setter]> = {
  f4: [4, (dv, o, v, le) => dv.setFloat32(o, v, le)],
  f8: [8, (dv, o, v, le) => dv.setFloat64(o, v, le)],
  i1: [1, (dv, o, v) => dv.setInt8(o, v)],
  u1: [1, (dv, o, v) => dv.setUint8(o, v)],
  b1: [1, (dv, o, v) => dv.setUint8(o, v)],
  i2: [2, (dv, o, v, le) => dv.setInt16(o, v, le)],
  u2: [2, (dv, o, v, le) => dv.setUint16(o, v, le)],
  i4: [4, (dv, o, v, le) => dv.setInt32(o, v, le)],
  u4: [4, (dv, o, v, le) => dv.setUint32(o, v, le)],
  i8: [8, (dv, o, v, le) => dv.setBigInt64(o, BigInt(v), le)],
  u8: [8, (dv, o, v, le) => dv.setBigUint64(o, BigInt(v), le)],
};
const SAMPLES: Record<string, number[]> = {
  f4: [0, 1.5, -2.25, 3.4028234663852886e38, 1e-45],
  f8: [0, 0.1, -1e300, 5e-324, Math.PI],
  i1: [-128, -1, 0, 1, 127],
  u1: [0, 1, 128, 255],
  b1: [1, 0, 1],
  i2: [-32768, -2, 0, 300, 32767],
  u2: [0, 1, 65535],
  i4: [-2147483648, -7, 0, 2147483647],
  u4: [0, 1, 4294967295],
  i8: [-(2 ** 53), -1, 0, 2 ** 40, 2 ** 53],
  u8: [0, 1, 2 ** 53],
};

function encode(kind: string, values: number[], le: boolean): Uint8Array {
  const [size, set] = SETTERS[kind];
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => set(dv, i * size, v, le));
  return out;
}

test('every numeric dtype, both byte orders, hand-built files', async () => {
  for (const kind of Object.keys(SETTERS)) {
    const orders = kind.endsWith('1') ? ['|'] : ['<', '>'];
    for (const order of orders) {
      const values = SAMPLES[kind];
      const bytes = npyBytes(`${order}${kind}`, [values.length], encode(kind, values, order !== '>'));
      const a = await load(bytes);
      assert.deepEqual(a.shape, [values.length], `${order}${kind}`);
      const want = kind === 'f4' ? values.map((v) => Math.fround(v)) : values;
      assert.deepEqual(Array.from(a.data), want, `${order}${kind}`);
      assert.equal(a.sha256, sha256Hex(bytes));
    }
  }
});

test('float16 (both byte orders): bit patterns decode to the IEEE half values', async () => {
  const bits = [0x0000, 0x8000, 0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x0400, 0x7c00, 0xfc00, 0x7e00];
  const want = [0, -0, 1, -2, 0.333251953125, 65504, 2 ** -24, 2 ** -14, Infinity, -Infinity, NaN];
  for (const le of [true, false]) {
    const data = new Uint8Array(bits.length * 2);
    const dv = new DataView(data.buffer);
    bits.forEach((b, i) => dv.setUint16(i * 2, b, le));
    const a = await load(npyBytes(le ? '<f2' : '>f2', [bits.length], data));
    want.forEach((w, i) => assert.ok(Object.is(a.data[i], w), `0x${bits[i].toString(16)}: ${a.data[i]} vs ${w}`));
  }
  assert.equal(halfToNumber(0x3c01), 1 + 2 ** -10);
});

test('multi-dimensional shape and float32 target; format versions 2.0 and 3.0', async () => {
  const values = [1, 2, 3, 4, 5, 6];
  for (const version of [1, 2, 3] as const) {
    const a = await load(npyBytes('<f8', [2, 3], encode('f8', values, true), { version }), 'float32');
    assert.ok(a.data instanceof Float32Array);
    assert.deepEqual(a.shape, [2, 3]);
    assert.deepEqual(Array.from(a.data), values);
  }
});

test('files written by NumPy itself (float16, big-endian, bool, v2/v3) read to the values NumPy wrote', async () => {
  const dir = path.join(fixtures, 'npy');
  const r = (f: string) => readNpy(path.join(dir, f), 'float64', { displayPath: f });
  const f2 = [0, 1, -2, 3.5, 65504, 0.00010001659393310547];
  assert.deepEqual(Array.from((await r('f2-le.npy')).data), f2);
  assert.deepEqual(Array.from((await r('f2-be.npy')).data), f2);
  const f8 = await r('f8-be-2x3.npy');
  assert.deepEqual(f8.shape, [2, 3]);
  assert.deepEqual(Array.from(f8.data), [0, 0.25, 0.5, 0.75, 1, 1.25]);
  assert.deepEqual(Array.from((await r('i8-be.npy')).data), [-(2 ** 40), -1, 0, 7, 2 ** 40]);
  assert.deepEqual(Array.from((await r('u8-le.npy')).data), [0, 1, 2 ** 53]);
  assert.deepEqual(Array.from((await r('b1.npy')).data), [1, 0, 1]);
  assert.deepEqual(Array.from((await r('u4-be.npy')).data), [0, 1, 4294967295]);
  const v2 = await r('v2-f4.npy');
  assert.deepEqual(v2.shape, [1, 2]);
  assert.deepEqual(Array.from(v2.data), [1.5, -2.5]);
  assert.deepEqual(Array.from((await r('v3-i2.npy')).data), [-32768, 32767, 5]);
});

test('rejected with a fix: Fortran order, object, structured, strings (NumPy-written files)', async () => {
  const dir = path.join(fixtures, 'npy');
  const err = async (f: string): Promise<string> => {
    try {
      await readNpy(path.join(dir, f), 'float32', { displayPath: f });
    } catch (e) {
      assert.ok(e instanceof GateError);
      assert.equal(e.code, 'data.npy');
      return e.message;
    }
    return assert.fail(`${f} should be rejected`);
  };
  assert.equal(await err('fortran.npy'), 'fortran.npy: is stored in Fortran (column-major) order: save a C-ordered copy, numpy.save(path, numpy.ascontiguousarray(arr))');
  assert.match(await err('object.npy'), /^object\.npy: is an object array \(dtype \|O: pickled Python objects, which are never loaded\): convert it to numbers/);
  assert.match(await err('structured.npy'), /structured \(record\) array.*save a plain numeric array/);
  assert.match(await err('unicode.npy'), /holds strings \(dtype <U2\)/);
});

test('hand-built rejections: Fortran, |O, complex, unknown dtype, bad magic, bad version', async () => {
  assert.match((await loadError(npyBytes('<f4', [2, 2], new Uint8Array(16), { fortran: true }))).message, /ascontiguousarray/);
  assert.match((await loadError(npyBytes('|O', [1], new Uint8Array(8)))).message, /object array/);
  assert.match((await loadError(npyBytes('<c8', [1], new Uint8Array(8)))).message, /complex numbers/);
  assert.match((await loadError(npyBytes('<f3', [1], new Uint8Array(3)))).message, /unsupported dtype "<f3"/);
  assert.match((await loadError(new TextEncoder().encode('x,y\n1,2\n'))).message, /^a\.npy: not a NumPy \.npy file \(bad magic bytes\)/);
  const v9 = npyBytes('<f4', [1], new Uint8Array(4));
  v9[6] = 9;
  assert.match((await loadError(v9)).message, /unsupported \.npy format version 9\.0/);
});

test('truncated data, truncated header and trailing bytes are errors', async () => {
  const good = npyBytes('<f4', [3, 2], encode('f4', [1, 2, 3, 4, 5, 6], true));
  const e = await loadError(good.subarray(0, good.length - 1));
  assert.equal(e.message, 'a.npy: is truncated: shape (3, 2) of <f4 needs 24 data bytes but the file has 23: copy or save the file again');
  assert.match((await loadError(good.subarray(0, 40))).message, /truncated \.npy header/);
  assert.match((await loadError(good.subarray(0, 4))).message, /not a NumPy \.npy file/);
  const longer = new Uint8Array(good.length + 4);
  longer.set(good);
  assert.match((await loadError(longer)).message, /4 unexpected bytes after the data/);
});

test('real MNIST digits: 1000x1x28x28 float32 in [0,1], labels 100 per class', async () => {
  const x = await readNpy(path.join(fixtures, 'mnist', 'mnist-1000-x.npy'), 'float32', { displayPath: 'x' });
  assert.deepEqual(x.shape, [1000, 1, 28, 28]);
  assert.equal(x.data.length, 784000);
  // Reference sums computed with NumPy + math.fsum on the same file.
  assert.ok(Math.abs(accurateSum(x.data) - 101125.17735762522) < 1e-7);
  assert.ok(Math.abs(accurateSum(x.data.subarray(0, 784)) - 121.94117757305503) < 1e-9);
  assert.equal(x.data[999 * 784 + 14 * 28 + 14], Math.fround(0.99215686));
  let lo = Infinity, hi = -Infinity;
  for (const v of x.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  assert.ok(lo >= 0 && hi <= 1);
  const y = await readNpy(path.join(fixtures, 'mnist', 'mnist-1000-y.npy'), 'float64', { displayPath: 'y' });
  assert.deepEqual(y.shape, [1000]);
  const counts = new Array(10).fill(0);
  for (const v of y.data) counts[v]++;
  assert.deepEqual(counts, new Array(10).fill(100));
  assert.equal(x.sha256, sha256Hex(readFileSync(path.join(fixtures, 'mnist', 'mnist-1000-x.npy'))));
});

test('the bytes parsed must be the bytes hashed (expectSha256)', async () => {
  const bytes = npyBytes('<f4', [1], new Uint8Array(4));
  const dir = tempWorkspace();
  const f = writeFile(dir, 'a.npy', bytes);
  assert.equal((await readNpy(f, 'float32', { displayPath: 'a.npy', expectSha256: sha256Hex(bytes) })).data.length, 1);
  await assert.rejects(readNpy(f, 'float32', { displayPath: 'a.npy', expectSha256: '00'.repeat(32) }), (e: unknown) => e instanceof GateError && e.code === 'data.changed' && e.kind === 'fail');
});
