/**
 * `limit` on a class-sorted file (the example's eval.csv with its rows sorted by label: 481 label-0 rows, then 119
 * label-1 rows) through `model-gate check` on the example's real model: by default the attacked rows are a
 * stratified sample with both classes in their shares (counted by hand below); `sample: first` gives one class, and
 * the report says so; without labels the rows are the first ones and `details.sample.note` says why.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';

function sortedWorkspace(): string {
  const ws = copyExample();
  const [header, ...rows] = readFileSync(path.join(ws, 'data/eval.csv'), 'utf8').trimEnd().split('\n');
  const label = (r: string) => Number(r.split(',')[8]);
  assert.equal(header.split(',')[8], 'default');
  const sorted = [...rows.filter((r) => label(r) === 0), ...rows.filter((r) => label(r) === 1)];
  assert.deepEqual([rows.length, sorted.filter((r) => label(r) === 0).length], [600, 481]);
  writeFileSync(path.join(ws, 'data/sorted.csv'), [header, ...sorted].join('\n') + '\n');
  // the same rows without the label column
  const drop = (r: string) => r.split(',').slice(0, 8).join(',');
  writeFileSync(path.join(ws, 'data/unlabelled.csv'), [drop(header), ...sorted.map(drop)].join('\n') + '\n');
  return ws;
}

async function robustness(ws: string, dataset: string, labels: 'true' | 'predicted'): Promise<any> {
  const policy = [
    'version: 1',
    'model: { path: model/model.onnx }',
    'signature: { required: false }',
    'datasets:',
    '  sorted: { path: data/sorted.csv, label: default, exclude: [applicant_id, sex] }',
    '  sorted-first: { path: data/sorted.csv, label: default, exclude: [applicant_id, sex], sample: first }',
    '  unlabelled: { path: data/unlabelled.csv, exclude: [applicant_id, sex] }',
    'gates:',
    `  robustness: { dataset: ${dataset}, limit: 40, epsilon: 0.1, epsilon-scale: std, attacks: [fgsm], labels: ${labels}, thresholds: { attack_success_rate: { max: 1 } } }`,
  ].join('\n') + '\n';
  writeFileSync(path.join(ws, 'policy.yml'), policy);
  const sink = { write: () => true };
  const out = path.join(ws, `${dataset}.json`);
  const code = await main(['check', '--workspace', ws, '--policy', 'policy.yml', '--json', out], { stdout: sink, stderr: sink });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(code, 0, JSON.stringify(report.errors));
  return report.gates.robustness.details;
}

/** sha256 of the 1-based row numbers from..to, each followed by a newline (the digest details.sample documents). */
const digest = (from: number, to: number): string => {
  const h = createHash('sha256');
  for (let r = from; r <= to; r++) h.update(`${r}\n`);
  return h.digest('hex');
};

test('limit on a class-sorted file: stratified by default (both classes, in their shares); first only when asked, and said', async () => {
  const ws = sortedWorkspace();
  try {
    // 40 of 600 rows: label 0 gets floor(40·481/600) = 32 (remainder 40), label 1 floor(40·119/600) = 7 (remainder
    // 560); the one row left goes to the larger remainder, label 1: 32 + 8 = 40
    const d = await robustness(ws, 'sorted', 'true');
    assert.equal(d.points, 40);
    assert.equal(d.sample.mode, 'stratified');
    assert.deepEqual(d.sample.per_label, { 0: 32, 1: 8 });
    assert.equal(d.sample.rows, 40);
    assert.equal(d.sample.of, 600);
    assert.equal(d.sample.note, undefined);
    // ascending; the smallest ten are label-0 rows (rows 1..481 of the sorted file), not simply rows 1..10
    assert.equal(d.sample.first_rows.length, 10);
    assert.ok(d.sample.first_rows.every((r: number, k: number) => r >= 1 && r <= 481 && (k === 0 || r > d.sample.first_rows[k - 1])));
    assert.notDeepEqual(d.sample.first_rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.match(d.sample.rows_sha256, /^[0-9a-f]{64}$/);
    assert.notEqual(d.sample.rows_sha256, digest(1, 40));

    // sample: first takes rows 1..40: label 0 only, and the report says so
    const f = await robustness(ws, 'sorted-first', 'true');
    assert.equal(f.sample.mode, 'first');
    assert.deepEqual(f.sample.per_label, { 0: 40 });
    assert.deepEqual(f.sample.first_rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(f.sample.rows_sha256, digest(1, 40));
    assert.match(f.sample.note, /^sample: first: the first 40 rows, whatever their labels/);

    // no labels: the first rows, and why
    const u = await robustness(ws, 'unlabelled', 'predicted');
    assert.equal(u.sample.mode, 'first');
    assert.equal(u.sample.per_label, undefined);
    assert.equal(u.sample.rows_sha256, digest(1, 40));
    assert.equal(u.sample.note, 'the dataset has no labels, so limit takes the first 40 rows (give it labels for a stratified sample)');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
