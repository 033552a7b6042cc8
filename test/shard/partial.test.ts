/**
 * The partial file and the merge of per-row outputs, on hand-made partials whose merged values are worked out by
 * hand: rows put back at their dataset index, a label-output model's classes (each shard's: the dataset's labels and
 * the ones it predicted) united and re-indexed, the file round trip and its determinism.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decodePartial, encodePartial, type ShardDigests, type ShardPartial } from '../../src/shard/partial.ts';
import { mergePartials } from '../../src/shard/merge.ts';
import type { Predictions } from '../../src/types/predictions.ts';

const DIGESTS: ShardDigests = {
  tool: '1.0.0', onnxruntime: '1.30.0', platform: 'linux-x64', seed: 3,
  policy: { path: 'p.yml', sha256: 'a'.repeat(64) },
  model: { path: 'm.onnx', sha256: 'b'.repeat(64), external: [] },
  datasets: { d: { path: 'd.csv', sha256: 'c'.repeat(64), extra: [], spec: { path: 'd.csv', label: 'y' } } },
};

function part(k: number, rows: number[], p: Omit<Predictions, 'dataset' | 'rows'>, model = 'b'.repeat(64)): ShardPartial {
  return { shard: { k, n: 2 }, digests: DIGESTS, entries: [{ role: 'head', model, path: 'm.onnx', dataset: 'd', rows: Int32Array.from(rows), predictions: { dataset: 'd', rows: rows.length, ...p } }], records: [] };
}

test('scores and classes go back to their dataset rows; the file round-trips, the same bytes each time', () => {
  const a = part(1, [0, 2], { classes: 2, kind: 'logits', scores: Float64Array.from([1, 2, 3, 4.5]), predicted: Int32Array.from([1, 1]), labels: Int32Array.from([0, -1]), classLabels: [0, 1] });
  const b = part(2, [1, 3], { classes: 2, kind: 'logits', scores: Float64Array.from([6, 5, 7, 0.1 + 0.2]), predicted: Int32Array.from([0, 0]), labels: Int32Array.from([1, 0]), classLabels: [0, 1] });
  const bytes = encodePartial(a);
  assert.deepEqual(encodePartial(a), bytes);
  assert.deepEqual(decodePartial(bytes, 'a.bin'), a);
  const m = mergePartials([{ file: 'b.bin', partial: decodePartial(encodePartial(b), 'b.bin') }, { file: 'a.bin', partial: decodePartial(bytes, 'a.bin') }]);
  assert.deepEqual(m.files, ['a.bin', 'b.bin']);
  assert.equal(m.seed, 3);
  const p = m.predictions('b'.repeat(64), 'd')!;
  assert.deepEqual([...p.scores!], [1, 2, 6, 5, 3, 4.5, 7, 0.30000000000000004]);
  assert.deepEqual([...p.predicted], [1, 0, 1, 0]);
  assert.deepEqual([...p.labels!], [0, 1, -1, 0]);
  assert.equal(p.rows, 4);
  assert.equal(m.predictions('e'.repeat(64), 'd'), undefined);
  assert.deepEqual(m.contributions, [{ k: 1, file: 'a.bin', rows: { d: 2 }, records: {} }, { k: 2, file: 'b.bin', rows: { d: 2 }, records: {} }]);
  // The assignment check: shard 1 holds rows 0 and 2.
  m.checkAssignment('d', Int32Array.from([1, 2, 1, 2]));
  assert.throws(() => m.checkAssignment('d', Int32Array.from([1, 2, 2, 1])), /^GateError: a\.bin: its rows of dataset d are not shard 1's \(row 2 belongs to shard 2\)/);
  // A changed byte anywhere after the checksum.
  const bad = Buffer.from(bytes);
  bad[bad.length - 1] ^= 0x80;
  assert.throws(() => decodePartial(bad, 'a.bin'), /a\.bin is not a readable shard partial \(its checksum does not match: the file is damaged\)/);
  assert.throws(() => decodePartial(Buffer.from('hello'), 'x.bin'), /x\.bin is not a readable shard partial \(no partial header\)/);
});

test('a model that outputs labels: the shards\' classes united (as unsharded), each shard\'s indices re-mapped', () => {
  // Shard 1 saw the dataset's labels a, b; shard 2 also predicted c.
  const a = part(1, [0, 2], { classes: 2, kind: 'label', predicted: Int32Array.from([1, 0]), labels: Int32Array.from([0, -1]), classLabels: ['a', 'b'] });
  const b = part(2, [1, 3], { classes: 3, kind: 'label', predicted: Int32Array.from([2, 0]), labels: Int32Array.from([1, 0]), classLabels: ['a', 'b', 'c'] });
  const p = mergePartials([{ file: 'a.bin', partial: a }, { file: 'b.bin', partial: b }]).predictions('b'.repeat(64), 'd')!;
  assert.deepEqual(p.classLabels, ['a', 'b', 'c']);
  assert.equal(p.classes, 3);
  assert.deepEqual([...p.predicted], [1, 2, 0, 0]); // b, c, a, a
  assert.deepEqual([...p.labels!], [0, 1, -1, 0]); // a, b, missing, a
  // Scores with other class labels per shard: two different models, refused.
  const s1 = part(1, [0], { classes: 2, kind: 'logits', scores: Float64Array.from([0, 1]), predicted: Int32Array.from([1]), classLabels: ['x', 'y'] });
  const s2 = part(2, [1], { classes: 2, kind: 'logits', scores: Float64Array.from([0, 1]), predicted: Int32Array.from([1]), classLabels: ['x', 'z'] });
  assert.throws(() => mergePartials([{ file: 'a.bin', partial: s1 }, { file: 'b.bin', partial: s2 }]).predictions('b'.repeat(64), 'd'), /the shards' class labels differ \(a\.bin: x, y; b\.bin: x, z\)/);
  // Overlapping rows do not partition the dataset.
  const o1 = part(1, [0, 1], { classes: 2, kind: 'logits', scores: Float64Array.from([0, 1, 1, 0]), predicted: Int32Array.from([1, 0]), classLabels: [0, 1] });
  const o2 = part(2, [1], { classes: 2, kind: 'logits', scores: Float64Array.from([0, 1]), predicted: Int32Array.from([1]), classLabels: [0, 1] });
  assert.throws(() => mergePartials([{ file: 'a.bin', partial: o1 }, { file: 'b.bin', partial: o2 }]).predictions('b'.repeat(64), 'd'), /b\.bin: model m\.onnx on dataset d has row 1 that another shard has too/);
  // Different digests between shards name the field.
  const other = { ...o2, digests: { ...DIGESTS, seed: 4 } };
  assert.throws(() => mergePartials([{ file: 'a.bin', partial: o1 }, { file: 'b.bin', partial: other }]), /b\.bin and a\.bin differ in the seed \(4 vs 3\)/);
});
