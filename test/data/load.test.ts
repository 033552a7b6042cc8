import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdirSync, symlinkSync, readFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadDataset, type DatasetSpec } from '../../src/data/load.ts';
import { GateError } from '../../src/errors.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import type { Dataset } from '../../src/data/types.ts';
import { accurateSum, npyBytes, tempWorkspace, writeFile } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'data');

const CSV = 'age,income,sex,label\n30,1000,Male,>50K.\n40,2000,Female,<=50K.\n50,,Male,<=50K.\n';

function ws(files: Record<string, string | Uint8Array>): string {
  const dir = tempWorkspace();
  for (const [rel, content] of Object.entries(files)) writeFile(dir, rel, content);
  return dir;
}

async function load(dir: string, spec: DatasetSpec, name = 'eval'): Promise<Dataset> {
  return loadDataset(name, spec, { workspace: dir, workingDirectory: dir });
}

async function loadError(dir: string, spec: DatasetSpec, opts: Partial<Parameters<typeof loadDataset>[2]> = {}): Promise<GateError> {
  try {
    await loadDataset('eval', spec, { workspace: dir, workingDirectory: dir, ...opts });
  } catch (e) {
    assert.ok(e instanceof GateError, String(e));
    return e;
  }
  return assert.fail('expected an error');
}

function nums(c: { kind: string; values: unknown } | undefined): number[] {
  assert.ok(c);
  assert.equal(c.kind, 'number');
  return Array.from(c.values as Float64Array);
}

test('CSV: label, exclude, features in file order, sha256 recorded', async () => {
  const dir = ws({ 'data/eval.csv': CSV });
  const ds = await load(dir, { path: 'data/eval.csv', label: 'label', exclude: ['sex'] });
  assert.equal(ds.name, 'eval');
  assert.equal(ds.path, 'data/eval.csv');
  assert.equal(ds.format, 'csv');
  assert.equal(ds.rows, 3);
  assert.equal(ds.sha256, sha256Hex(CSV));
  assert.deepEqual(ds.features, ['age', 'income']);
  assert.deepEqual([...ds.columns.keys()], ['age', 'income', 'sex', 'label']);
  assert.equal(ds.labelColumn, 'label');
  assert.deepEqual(ds.labels, { kind: 'string', values: ['>50K.', '<=50K.', '<=50K.'] });
  assert.deepEqual(nums(ds.columns.get('income')), [1000, 2000, NaN]);
  assert.equal(ds.tensor, undefined);
  // No label: no labels; every column is a feature.
  const ds2 = await load(dir, { path: 'data/eval.csv' });
  assert.equal(ds2.labels, undefined);
  assert.deepEqual(ds2.features, ['age', 'income', 'sex', 'label']);
});

test('working directory: paths resolve against it, inside the workspace', async () => {
  const dir = ws({ 'ml/data/eval.csv': CSV });
  const ds = await loadDataset('eval', { path: 'data/eval.csv', label: 'label' }, { workspace: dir, workingDirectory: path.join(dir, 'ml') });
  assert.equal(ds.path, 'ml/data/eval.csv');
});

test('sha256 pin: a match loads; a mismatch is tampering (kind fail) and is checked before parsing', async () => {
  const dir = ws({ 'data/eval.csv': CSV, 'data/broken.csv': 'a,b\n1,2,3\n' });
  const pin = sha256Hex(CSV);
  assert.equal((await load(dir, { path: 'data/eval.csv', label: 'label', sha256: pin })).sha256, pin);
  assert.equal((await load(dir, { path: 'data/eval.csv', label: 'label', sha256: `sha256:${pin.toUpperCase()}` })).sha256, pin);
  const wrong = '0'.repeat(64);
  const e = await loadError(dir, { path: 'data/eval.csv', label: 'label', sha256: wrong });
  assert.equal(e.code, 'data.pin-mismatch');
  assert.equal(e.kind, 'fail');
  assert.equal(e.message, `dataset "eval": data/eval.csv has sha256 ${pin} but the policy pins ${wrong}: the data changed (tampering?); if the change is intended, update the pin`);
  // A ragged (unparseable) file with a wrong pin: the pin decides (fail), not the parse error.
  const e2 = await loadError(dir, { path: 'data/broken.csv', sha256: wrong });
  assert.equal(e2.code, 'data.pin-mismatch');
  assert.equal(e2.kind, 'fail');
  // A malformed pin is a policy error.
  const e3 = await loadError(dir, { path: 'data/eval.csv', sha256: 'abc' });
  assert.equal(e3.kind, 'error');
  assert.match(e3.message, /is not 64 hex digits/);
});

test('error positions come from positionOf (key path inside the dataset entry)', async () => {
  const dir = ws({ 'data/eval.csv': CSV });
  const seen: (string | number)[][] = [];
  const positionOf = (p: (string | number)[]) => {
    seen.push(p);
    return { file: '.github/model-gate.yml', line: 10 + p.length, col: 5 };
  };
  const e = await loadError(dir, { path: 'data/eval.csv', sha256: 'f'.repeat(64) }, { positionOf });
  assert.deepEqual(e.where, { file: '.github/model-gate.yml', line: 11, col: 5 });
  assert.ok(seen.some((p) => p.join('.') === 'sha256'));
  const e2 = await loadError(dir, { path: 'data/eval.csv', exclude: ['age', 'nope'] }, { positionOf });
  assert.deepEqual(e2.where, { file: '.github/model-gate.yml', line: 12, col: 5 });
  assert.ok(seen.some((p) => p.join('.') === 'exclude.1'));
});

test('path escapes are refused: .., absolute, symlink out of the workspace', async () => {
  const outside = ws({ 'secret.csv': CSV });
  const dir = ws({ 'data/eval.csv': CSV });
  mkdirSync(path.join(dir, 'links'));
  symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'links', 'out.csv'));
  symlinkSync(outside, path.join(dir, 'links', 'outdir'));
  for (const p of ['../x.csv', '../' + path.basename(outside) + '/secret.csv', path.join(outside, 'secret.csv'), 'links/out.csv', 'links/outdir/secret.csv']) {
    const e = await loadError(dir, { path: p });
    assert.equal(e.code, 'path.escape', p);
    assert.match(e.message, /^dataset "eval" path ".*" (leaves the workspace|is absolute|resolves through a symlink to a place outside the workspace)/, p);
  }
  // A symlink that stays inside is fine.
  symlinkSync(path.join(dir, 'data', 'eval.csv'), path.join(dir, 'links', 'in.csv'));
  assert.equal((await load(dir, { path: 'links/in.csv' })).rows, 3);
  // The labels file of a .npy dataset is checked too.
  writeFile(dir, 'x.npy', npyBytes('<f4', [1, 2], new Uint8Array(8)));
  assert.equal((await loadError(dir, { path: 'x.npy', labels: '../y.npy' })).code, 'path.escape');
});

test('unsupported extension, missing file, directory, Git LFS pointer', async () => {
  const dir = ws({
    'data/eval.tsv': 'a\tb\n',
    'data/lfs.csv': 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n',
  });
  mkdirSync(path.join(dir, 'data', 'dir.csv'));
  const e = await loadError(dir, { path: 'data/eval.tsv' });
  assert.equal(e.message, 'dataset "eval": data/eval.tsv: unsupported file type ".tsv" (supported: .csv, .npy, .parquet)');
  assert.equal((await loadError(dir, { path: 'data/none.csv' })).message, 'dataset "eval": data/none.csv does not exist: commit the file or fix the path');
  assert.match((await loadError(dir, { path: 'data/dir.csv' })).message, /is not a regular file/);
  const lfs = await loadError(dir, { path: 'data/lfs.csv' });
  assert.equal(lfs.code, 'data.lfs');
  assert.match(lfs.message, /is a Git LFS pointer, not the data: check out with lfs: true/);
});

test('label and exclude columns must exist (the error lists the columns)', async () => {
  const dir = ws({ 'data/eval.csv': CSV });
  const e = await loadError(dir, { path: 'data/eval.csv', label: 'target' });
  assert.equal(e.message, 'dataset "eval": label column "target" is not in data/eval.csv (columns: "age", "income", "sex", "label")');
  const e2 = await loadError(dir, { path: 'data/eval.csv', label: 'label', exclude: ['race'] });
  assert.equal(e2.message, 'dataset "eval": excluded column "race" is not in data/eval.csv (columns: "age", "income", "sex", "label")');
  const e3 = await loadError(dir, { path: 'data/eval.csv', label: 'label', exclude: ['age', 'income', 'sex'] });
  assert.match(e3.message, /no feature columns left/);
  const e4 = await loadError(dir, { path: 'data/eval.csv', labels: 'y.npy' });
  assert.match(e4.message, /"labels" \(a separate labels file\) applies to \.npy datasets/);
});

test('label-map: text labels, numeric labels matched by number (YAML keys are strings), unmapped value names the row', async () => {
  const dir = ws({ 'data/eval.csv': CSV, 'data/num.csv': 'x,y\n1,1\n2,0\n3,\n4,2.0\n' });
  const ds = await load(dir, { path: 'data/eval.csv', label: 'label', 'label-map': { '>50K.': 1, '<=50K.': 0 } });
  assert.deepEqual(ds.labels, { kind: 'number', values: new Float64Array([1, 0, 0]) });
  // The raw column stays as it was.
  assert.deepEqual(ds.columns.get('label')!.values, ['>50K.', '<=50K.', '<=50K.']);
  const dn = await load(dir, { path: 'data/num.csv', label: 'y', 'label-map': { '1.0': 'yes', '0': 'no', '2': 'maybe' } });
  assert.deepEqual(dn.labels, { kind: 'string', values: ['yes', 'no', null, 'maybe'] });
  const e = await loadError(dir, { path: 'data/eval.csv', label: 'label', 'label-map': { '>50K.': 1 } });
  assert.equal(e.message, 'dataset "eval": label value "<=50K." (row 2 of data/eval.csv column "label") is not in label-map (keys: ">50K."): add it to label-map');
  const e2 = await loadError(dir, { path: 'data/num.csv', label: 'y', 'label-map': { '1': 1, '0': 0 } });
  assert.match(e2.message, /label value 2 \(row 4 of data\/num\.csv column "y"\) is not in label-map/);
  assert.match((await loadError(dir, { path: 'data/num.csv', label: 'y', 'label-map': { '1': 1, '1.0': 0 } })).message, /label-map keys "1" and "1\.0" are the same number 1/);
  assert.match((await loadError(dir, { path: 'data/num.csv', label: 'y', 'label-map': { '1': 1, '0': 'a' } })).message, /all numbers or all strings/);
  assert.match((await loadError(dir, { path: 'data/num.csv', 'label-map': { '1': 1 } })).message, /"label-map" needs labels/);
});

test('the real Adult test file loads: 16,281 rows, 47 features, label 0/1, sensitive columns excluded', async () => {
  const dir = tempWorkspace();
  mkdirSync(path.join(dir, 'data'));
  copyFileSync(path.join(fixtures, 'adult', 'adult-test-encoded.csv'), path.join(dir, 'data', 'adult.csv'));
  const pin = sha256Hex(readFileSync(path.join(dir, 'data', 'adult.csv')));
  const ds = await load(dir, { path: 'data/adult.csv', label: 'label', exclude: ['sex', 'race'], sha256: pin });
  assert.equal(ds.rows, 16281);
  assert.equal(ds.columns.size, 50);
  assert.equal(ds.features.length, 47);
  assert.ok(!ds.features.includes('sex') && !ds.features.includes('label'));
  const y = nums(ds.labels);
  assert.deepEqual([...new Set(y)].sort(), [0, 1]);
  assert.equal(y.filter((v) => v === 1).length, 3846);
  assert.equal(ds.columns.get('sex')!.kind, 'string');
});

test('.npy with labels file: MNIST 1000 digits, labels hashed in extraFiles, transform (scale, mean, std, reshape)', async () => {
  const dir = tempWorkspace();
  mkdirSync(path.join(dir, 'mnist'));
  for (const f of ['mnist-1000-x.npy', 'mnist-1000-y.npy']) copyFileSync(path.join(fixtures, 'mnist', f), path.join(dir, 'mnist', f));
  const ds = await load(dir, { path: 'mnist/mnist-1000-x.npy', labels: 'mnist/mnist-1000-y.npy' });
  assert.equal(ds.format, 'npy');
  assert.equal(ds.rows, 1000);
  assert.deepEqual(ds.tensor!.shape, [1000, 1, 28, 28]);
  assert.equal(ds.columns.size, 0);
  assert.deepEqual(ds.features, []);
  assert.equal(ds.labelColumn, 'mnist/mnist-1000-y.npy');
  assert.deepEqual(ds.extraFiles, [{ path: 'mnist/mnist-1000-y.npy', sha256: sha256Hex(readFileSync(path.join(dir, 'mnist', 'mnist-1000-y.npy'))) }]);
  const y = nums(ds.labels);
  for (let c = 0; c < 10; c++) assert.equal(y.filter((v) => v === c).length, 100);
  assert.equal(y[0], 0);
  assert.equal(y[999], 9);

  // Normalise like torchvision (x/1 - 0.1307) / 0.3081 and flatten to 784: reference sum from NumPy (float64).
  const t = await load(dir, { path: 'mnist/mnist-1000-x.npy', labels: 'mnist/mnist-1000-y.npy', transform: { scale: 1, mean: [0.1307], std: [0.3081], reshape: [784] } });
  assert.deepEqual(t.tensor!.shape, [1000, 784]);
  assert.ok(Math.abs(accurateSum(t.tensor!.data) - -4360.99526898667) < 0.05, String(accurateSum(t.tensor!.data)));
  const raw = ds.tensor!.data;
  // Every element computed in float64 and rounded once to float32.
  for (let i = 0; i < raw.length; i++) {
    if (t.tensor!.data[i] !== Math.fround((raw[i] - 0.1307) / 0.3081)) assert.fail(`element ${i}`);
  }
});

test('.npy labels file pin (labels-sha256): checked before parsing; a mismatch is tampering', async () => {
  const x = npyBytes('<f4', [2, 1], new Uint8Array(8));
  const y = npyBytes('<i8', [2], new Uint8Array(16));
  const dir = ws({ 'x.npy': x, 'y.npy': y, 'bad.npy': new Uint8Array([1, 2, 3]) });
  const ok = await load(dir, { path: 'x.npy', labels: 'y.npy', sha256: sha256Hex(x), 'labels-sha256': sha256Hex(y) });
  assert.deepEqual(ok.extraFiles, [{ path: 'y.npy', sha256: sha256Hex(y) }]);
  const e = await loadError(dir, { path: 'x.npy', labels: 'y.npy', 'labels-sha256': 'a'.repeat(64) });
  assert.equal(e.code, 'data.pin-mismatch');
  assert.equal(e.kind, 'fail');
  assert.match(e.message, /^dataset "eval": y\.npy has sha256 [0-9a-f]{64} but the policy pins a{64}/);
  // An unparseable labels file with a wrong pin: the pin decides.
  assert.equal((await loadError(dir, { path: 'x.npy', labels: 'bad.npy', 'labels-sha256': 'a'.repeat(64) })).kind, 'fail');
  assert.match((await loadError(dir, { path: 'x.npy', 'labels-sha256': 'a'.repeat(64) })).message, /"labels-sha256" pins a labels file, but there is no "labels"/);
});

test('.npy labels: length and shape are checked; label on a .npy is refused', async () => {
  const x = npyBytes('<f4', [3, 2], new Uint8Array(24));
  const y2 = npyBytes('<i8', [2], new Uint8Array(16));
  const y2d = npyBytes('<i8', [3, 2], new Uint8Array(48));
  const dir = ws({ 'x.npy': x, 'y2.npy': y2, 'y2d.npy': y2d, 'empty.npy': npyBytes('<f4', [0, 3], new Uint8Array(0)) });
  assert.equal((await loadError(dir, { path: 'x.npy', labels: 'y2.npy' })).message, 'dataset "eval": labels y2.npy has 2 entries but x.npy has 3 rows: they must match');
  assert.match((await loadError(dir, { path: 'x.npy', labels: 'y2d.npy' })).message, /expected one label per row, shape \[3\]/);
  assert.match((await loadError(dir, { path: 'x.npy', label: 'y' })).message, /give the labels as a second \.npy file with "labels: y\.npy"/);
  assert.match((await loadError(dir, { path: 'empty.npy' })).message, /no rows/);
});

test('tensor transform by hand: scale, per-channel mean/std, reshape with -1; element counts checked', async () => {
  // 2 rows x 2 channels x 2 values: row0 = [2,4 | 6,8], row1 = [10,12 | 14,16]
  const vals = [2, 4, 6, 8, 10, 12, 14, 16];
  const data = new Uint8Array(32);
  vals.forEach((v, i) => new DataView(data.buffer).setFloat32(i * 4, v, true));
  const dir = ws({ 'x.npy': npyBytes('<f4', [2, 2, 2], data) });
  const ds = await load(dir, { path: 'x.npy', transform: { scale: 2, mean: [1, 2], std: [0.5, 4], reshape: [-1] } });
  // x/2 = [1,2,3,4,5,6,7,8]; channel 0 (pos 0,1 of each row): (v-1)/0.5; channel 1: (v-2)/4
  assert.deepEqual(Array.from(ds.tensor!.data), [0, 2, 0.25, 0.5, 8, 10, 1.25, 1.5]);
  assert.deepEqual(ds.tensor!.shape, [2, 4]);
  // Per-element lists (length 4) and scalars.
  const d2 = await load(dir, { path: 'x.npy', transform: { mean: [1, 2, 3, 4], std: 2 } });
  assert.deepEqual(Array.from(d2.tensor!.data), [0.5, 1, 1.5, 2, 4.5, 5, 5.5, 6]);
  assert.deepEqual(d2.tensor!.shape, [2, 2, 2]);
  const bad = async (transform: DatasetSpec['transform']) => (await loadError(dir, { path: 'x.npy', transform })).message;
  assert.match(await bad({ reshape: [3] }), /transform\.reshape: \[3\] holds 3 values but a row has 4: the element counts must match/);
  assert.match(await bad({ reshape: [3, -1] }), /cannot hold the 4 values of a row/);
  assert.match(await bad({ mean: [1, 2, 3] }), /transform\.mean: has 3 values; expected 1, 2 \(one per channel.*\) or 4 \(one per element of a row\)/);
  assert.match(await bad({ std: 0 }), /transform\.std: must not be 0/);
  assert.match(await bad({ scale: [0] }), /transform\.scale: must not be 0/);
});

test('tabular transform: per-feature scale/mean/std; reshape builds the tensor; text features refused', async () => {
  const dir = ws({ 'd.csv': 'a,b,s,y\n2,10,u,0\n4,30,v,1\n' });
  const ds = await load(dir, { path: 'd.csv', label: 'y', exclude: ['s'], transform: { scale: [2, 10], mean: [1, 2], std: [1, 0.5] } });
  assert.deepEqual(nums(ds.columns.get('a')), [0, 1]);
  assert.deepEqual(nums(ds.columns.get('b')), [-2, 2]);
  assert.deepEqual(nums(ds.columns.get('y')), [0, 1]);
  const dt = await load(dir, { path: 'd.csv', label: 'y', exclude: ['s'], transform: { reshape: [1, 2] } });
  assert.deepEqual(dt.tensor!.shape, [2, 1, 2]);
  assert.deepEqual(Array.from(dt.tensor!.data), [2, 10, 4, 30]);
  assert.match((await loadError(dir, { path: 'd.csv', label: 'y', transform: { scale: 2 } })).message, /feature column "s" holds text; transform needs numeric features/);
  assert.match((await loadError(dir, { path: 'd.csv', label: 'y', exclude: ['s'], transform: { mean: [1, 2, 3] } })).message, /has 3 values; expected 1 or 2 \(one per feature column: "a", "b"\)/);
});

test('Parquet dataset through loadDataset, and a corrupt Parquet file', async () => {
  const buf = new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'f1', data: [0.5, 1.5, null], type: 'DOUBLE' },
      { name: 'sex', data: ['M', 'F', 'M'], type: 'STRING' },
      { name: 'label', data: [1n, 0n, 1n], type: 'INT64' },
    ],
  }));
  const dir = ws({ 'd.parquet': buf, 'bad.parquet': buf.subarray(0, buf.length - 10) });
  const ds = await load(dir, { path: 'd.parquet', label: 'label', exclude: ['sex'], sha256: sha256Hex(buf) });
  assert.equal(ds.format, 'parquet');
  assert.deepEqual(ds.features, ['f1']);
  assert.deepEqual(nums(ds.labels), [1, 0, 1]);
  const e = await loadError(dir, { path: 'bad.parquet', label: 'label' });
  assert.equal(e.code, 'data.parquet');
  assert.match(e.message, /^bad\.parquet: not a readable Parquet file/);
});

test('empty CSV and header-only CSV are errors', async () => {
  const dir = ws({ 'e.csv': '', 'h.csv': 'a,b\n' });
  assert.match((await loadError(dir, { path: 'e.csv' })).message, /^e\.csv: no rows/);
  assert.match((await loadError(dir, { path: 'h.csv' })).message, /^h\.csv: no rows/);
});
