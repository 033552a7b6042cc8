/**
 * `model-gate validate`: every problem of a policy in one run (schema, cross-field rules, files, column names against
 * the datasets' headers with the closest name), one line each `file:line:col: message` sorted by line, then the
 * count; exit 0 valid, 2 problems. Only headers are read, and never a file outside the workspace.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { main } from '../../src/cli.ts';
import { readCsv } from '../../src/data/csv.ts';
import { GateError } from '../../src/errors.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const EVAL_CSV = 'age,sex,default\n30,f,0\n41,m,1\n';

/** The policy's lines, numbered as the expectations below count them. */
const BROKEN = [
  'version: 1', //                          1
  'budget-minutes: ten', //                 2  schema: a number
  'model:', //                              3
  '  path: model/model.onnx', //            4  the file does not exist
  'signature:', //                          5
  '  required: false', //                   6
  'datasets:', //                           7
  '  eval:', //                             8
  '    path: data/eval.csv', //             9
  '    label: defualt', //                  10 not a column of the header: did you mean default?
  '  extra:', //                            11
  '    path: data/missing.csv', //          12 the dataset file does not exist
  'gates:', //                              13
  '  accuracy:', //                         14
  '    dataset: eval', //                   15
  '    thresholds:', //                     16
  '      accuracy: { min: 80 }', //         17 cross-field: outside [0, 1]
  '  fairness:', //                         18
  '    dataset: evl', //                    19 cross-field: no such dataset, did you mean eval?
  '    sensitive: [sex]', //                20
].join('\n') + '\n';

test('validate: a policy with six problems of five kinds reports all of them in one run, sorted by line, then the count; exit 2', async () => {
  const { dir, cleanup } = makeWorkspace({ 'p.yml': BROKEN, 'data/eval.csv': EVAL_CSV });
  try {
    const r = await run(['validate', '--workspace', dir, '--policy', 'p.yml']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.stdout.split('\n'), [
      'p.yml:2:17: budget-minutes must be a number (got "ten")',
      'p.yml:4:9: model.path "model/model.onnx" does not exist in the workspace: commit the file or fix the path',
      'p.yml:10:12: datasets.eval.label "defualt" is not a column of data/eval.csv (columns: "age", "sex", "default"); did you mean "default"?',
      'p.yml:12:11: dataset "extra": data/missing.csv does not exist: commit the file or fix the path',
      'p.yml:17:24: gates.accuracy.thresholds.accuracy.min 80 is outside the range of accuracy, which is between 0 and 1 (write 0.8 for 80 %)',
      'p.yml:19:14: gates.fairness.dataset names dataset "evl", which is not defined under datasets (datasets: eval, extra); did you mean eval?',
      '6 problems in p.yml',
      '',
    ]);
    // --json: the same problems with their positions.
    const j = await run(['validate', '--workspace', dir, '--policy', 'p.yml', '--json']);
    assert.equal(j.code, 2);
    const out = JSON.parse(j.stdout);
    assert.equal(out.policy, 'p.yml');
    assert.equal(out.valid, false);
    assert.deepEqual(out.problems.map((p: { line: number; col: number }) => [p.line, p.col]), [[2, 17], [4, 9], [10, 12], [12, 11], [17, 24], [19, 14]]);
    assert.equal(out.problems[2].message, 'p.yml:10:12: datasets.eval.label "defualt" is not a column of data/eval.csv (columns: "age", "sex", "default"); did you mean "default"?');
  } finally {
    cleanup();
  }
});

test('check on the same policy reports the loader\'s problems, schema and cross-field together (files and columns are validate\'s)', async () => {
  const { dir, cleanup } = makeWorkspace({ 'p.yml': BROKEN, 'data/eval.csv': EVAL_CSV });
  try {
    const json = path.join(dir, 'r.json');
    const r = await run(['check', '--workspace', dir, '--policy', 'p.yml', '--json', json]);
    assert.equal(r.code, 2);
    // The loader's three problems (schema and cross-field) are the report's errors; files and columns are validate's.
    const report = JSON.parse((await import('node:fs')).readFileSync(json, 'utf8'));
    assert.deepEqual(report.errors.map((e: { line: number }) => e.line), [2, 17, 19]);
  } finally {
    cleanup();
  }
});

test('validate: the shipped example is valid, exit 0, its three datasets\' headers checked', async () => {
  const ws = copyExample();
  try {
    const r = await run(['validate', '--workspace', ws, '--policy', 'model-gate.yml']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'model-gate.yml: valid (3 dataset headers checked)\n');
    const j = await run(['validate', '--workspace', ws, '--policy', 'model-gate.yml', '--json']);
    assert.equal(j.code, 0);
    assert.deepEqual(JSON.parse(j.stdout), { policy: 'model-gate.yml', valid: true, problems: [] });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('validate: wrong column names of every kind, with the closest name (example policy)', async () => {
  const ws = copyExample();
  try {
    const p = path.join(ws, 'model-gate.yml');
    const text = (await import('node:fs')).readFileSync(p, 'utf8');
    const lines = text.split('\n');
    const lineOf = (s: string): number => lines.findIndex((l) => l.includes(s)) + 1;
    const edited = text
      .replace('exclude: [applicant_id, sex]\n    sha256: b207', 'exclude: [applicant_id, sexx]\n    sha256: b207')
      .replace('immutable: [age]', 'immutable: [age, default, applicant_id, incme]')
      .replace('sensitive: [sex]', 'sensitive: [Sex]');
    writeFileSync(p, edited);
    const r = await run(['validate', '--workspace', ws, '--policy', 'model-gate.yml']);
    assert.equal(r.code, 2, r.stdout);
    const cols = '"applicant_id", "age", "income", "debt_ratio", "credit_lines", "late_payments", "employment_years", "sex", "default"';
    // eval's features: every column but the label (default) and exclude, which now lists applicant_id and sexx.
    const features = '"age", "income", "debt_ratio", "credit_lines", "late_payments", "employment_years", "sex"';
    const ex = lineOf('exclude: [applicant_id, sex]');
    const im = lineOf('immutable: [age]');
    const se = lineOf('sensitive: [sex]');
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `model-gate.yml:${ex}:29: datasets.eval.exclude[1] "sexx" is not a column of data/eval.csv (columns: ${cols}); did you mean "sex"?`,
      `model-gate.yml:${im}:22: gates.robustness.immutable[1] "default" is the label column of dataset "eval" (data/eval.csv), not a feature`,
      `model-gate.yml:${im}:31: gates.robustness.immutable[2] "applicant_id" is excluded from the features of dataset "eval" (data/eval.csv) by datasets.eval.exclude`,
      `model-gate.yml:${im}:45: gates.robustness.immutable[3] "incme" is not a feature of dataset "eval" (data/eval.csv; features: ${features}); did you mean "income"?`,
      `model-gate.yml:${se}:17: gates.fairness.sensitive[0] "Sex" is not a column of dataset "eval" (data/eval.csv; columns: ${cols}); did you mean "sex"?`,
      '5 problems in model-gate.yml',
    ]);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('validate: Parquet column names come from the footer, .npy datasets have no columns', async () => {
  const parquet = new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'x', data: [1.5, 2, 3], type: 'DOUBLE' },
      { name: 'label', data: [0, 1, 0], type: 'INT32' },
    ],
  }));
  const { dir, cleanup } = makeWorkspace({
    'd/t.parquet': parquet,
    'd/x.npy': { copy: path.join(FIXTURES, 'data/mnist/mnist-1000-x.npy') },
    'p.yml': [
      'version: 1', //                              1
      'model: { path: m.onnx }', //                 2
      'signature: { required: false }', //          3
      'datasets:', //                               4
      '  t: { path: d/t.parquet, label: labl }', // 5
      '  img: { path: d/x.npy, label: y }', //      6
    ].join('\n') + '\n',
    'm.onnx': 'not read by validate',
  });
  try {
    const r = await run(['validate', '--workspace', dir, '--policy', 'p.yml']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'p.yml:5:34: datasets.t.label "labl" is not a column of d/t.parquet (columns: "x", "label"); did you mean "label"?',
      'p.yml:6:25: datasets.img.label: d/x.npy is a .npy tensor without columns: give the labels as a second .npy file with labels: y.npy instead',
      '2 problems in p.yml',
    ]);
  } finally {
    cleanup();
  }
});

test('validate reads only the header: rows that check would refuse are not looked at', async () => {
  const csv = 'a,b,y\n1,2,0\n3,4\n'; // line 3 has 2 fields for 3 columns
  const { dir, cleanup } = makeWorkspace({
    'd.csv': csv,
    'm.onnx': 'x',
    'p.yml': 'version: 1\nmodel: { path: m.onnx }\nsignature: { required: false }\ndatasets:\n  e: { path: d.csv, label: y }\n',
  });
  try {
    const r = await run(['validate', '--workspace', dir, '--policy', 'p.yml']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'p.yml: valid (1 dataset header checked)\n');
    // The loader itself refuses that row: the file really is broken past its header.
    await assert.rejects(readCsv(path.join(dir, 'd.csv'), { displayPath: 'd.csv' }), (e: unknown) => e instanceof GateError && /^d\.csv:3: row has 2 fields but the header has 3/.test(e.message));
  } finally {
    cleanup();
  }
});

test('validate never opens a file outside the workspace: a dataset symlinked out is a problem, its header unread', async () => {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'mg-outside-'));
  const { dir, cleanup } = makeWorkspace({
    'm.onnx': 'x',
    'p.yml': 'version: 1\nmodel: { path: m.onnx }\nsignature: { required: false }\ndatasets:\n  e: { path: data/link.csv, label: nothere }\n  f: { path: ../up.csv }\n',
  });
  try {
    // The outside file's header has no "nothere" column: reading it would add a column problem.
    writeFileSync(path.join(outside, 'secret.csv'), 'a,b\n1,2\n');
    (await import('node:fs')).mkdirSync(path.join(dir, 'data'));
    symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'data/link.csv'));
    const r = await run(['validate', '--workspace', dir, '--policy', 'p.yml']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'p.yml:5:14: datasets.e.path "data/link.csv" resolves through a symlink to a place outside the workspace: use a path relative to the working directory, inside the workspace',
      'p.yml:6:14: datasets.f.path "../up.csv" leaves the working directory (..): use a path relative to the working directory, inside the workspace',
      '2 problems in p.yml',
    ]);
  } finally {
    cleanup();
    rmSync(outside, { recursive: true, force: true });
  }
});

test('validate: a broken YAML file is its YAML problems; a missing policy or workspace is one line, exit 2', async () => {
  const { dir, cleanup } = makeWorkspace({ 'p.yml': 'version: 1\nmodel: { path: m.onnx\n', 'q.yml': 'a: 1\na: 2\n' });
  try {
    const y = await run(['validate', '--workspace', dir, '--policy', 'q.yml']);
    assert.equal(y.code, 2);
    assert.deepEqual(y.stdout.trimEnd().split('\n'), ['q.yml:2:1: YAML duplicate key "a": keys must be unique (remove or merge one of them)', '1 problem in q.yml']);
    const m = await run(['validate', '--workspace', dir, '--policy', 'none.yml']);
    assert.equal(m.code, 2);
    assert.equal(m.stdout, '');
    assert.equal(m.stderr, `model-gate: validate: none.yml does not exist in the workspace ${dir}: write the policy there (see the README's policy reference) or give --policy FILE\n`);
    const w = await run(['validate', '--workspace', path.join(dir, 'nope')]);
    assert.equal(w.code, 2);
    assert.equal(w.stderr, `model-gate: validate: --workspace ${path.join(dir, 'nope')} does not exist: give the folder that the policy's paths are relative to\n`);
  } finally {
    cleanup();
  }
});
