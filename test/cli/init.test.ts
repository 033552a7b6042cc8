/**
 * `model-gate init` on the shipped example (examples/credit: a real ONNX model and real CSVs) and on the sklearn
 * fixtures: the starter policy is loaded by the real policy loader and run by `check` (the engine) to a verdict
 * that is not error; the pins and bounds are recomputed here from the files (sha256 of the bytes; min and max of the
 * CSV text parsed by hand); the comments are YAML comments; existing files and symlinks are refused.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { main } from '../../src/cli.ts';
import { DEFAULT_POLICY } from '../../src/cli/args.ts';
import { INIT_USAGE } from '../../src/cli/init.ts';
import { boundDecimal } from '../../src/policy/starter.ts';
import { parsePolicy } from '../../src/policy/load.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The CSV parsed by hand (the example's files are plain: no quotes, no missing values). */
function csv(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const CREDIT_FLAGS = ['--model', 'model/model.onnx', '--data', 'data/eval.csv', '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--members', 'data/train_sample.csv', '--non-members', 'data/holdout.csv'];

async function checkReport(ws: string, policy: string): Promise<{ code: number; report: any; stderr: string }> {
  const json = path.join(ws, 'report.json');
  const r = await run(['check', '--workspace', ws, '--policy', policy, '--json', json]);
  return { code: r.code, report: JSON.parse(readFileSync(json, 'utf8')), stderr: r.stderr };
}

test('init on the credit example: a policy the loader accepts, with every gate, pins and bounds computed from the files, that check runs to a verdict (not error)', async () => {
  const ws = copyExample();
  try {
    rmSync(path.join(ws, 'model-gate.yml'));
    const r = await run(['init', '--workspace', ws, ...CREDIT_FLAGS.map((a) => (a.includes('/') ? path.join(ws, a) : a))]);
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(ws, DEFAULT_POLICY);
    assert.ok(existsSync(file), 'written where check reads by default');
    assert.match(r.stdout, /^wrote /);
    assert.match(r.stdout, /next: model-gate check --workspace/);
    const text = readFileSync(file, 'utf8');
    const { policy } = parsePolicy(text, DEFAULT_POLICY);

    assert.equal(policy.model.path, 'model/model.onnx');
    const eval_ = csv(path.join(ws, 'data/eval.csv'));
    const features = eval_.header.filter((c) => !['applicant_id', 'sex', 'default'].includes(c));
    assert.deepEqual(features, ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years']);
    assert.deepEqual(policy.model.inputs, { features: { from: features } });
    assert.deepEqual(policy.model.output, { name: 'logits', kind: 'logits' });
    for (const [name, f] of [['eval', 'data/eval.csv'], ['members', 'data/train_sample.csv'], ['non-members', 'data/holdout.csv']]) {
      const d = policy.datasets[name];
      assert.equal(d.path, f);
      assert.equal(d.sha256, sha(path.join(ws, f)));
      assert.equal(d.label, 'default');
      assert.deepEqual(d.exclude, ['applicant_id', 'sex']);
    }
    assert.equal(policy.signature.required, false);
    assert.deepEqual(Object.keys(policy.gates).sort(), ['accuracy', 'fairness', 'memorisation', 'regression', 'robustness']);
    // regression: every eval row has a label; against the base commit's model (no pin), the placeholder thresholds
    assert.deepEqual(policy.gates.regression!.thresholds, { accuracy_delta: { 'max-drop': 0.01 }, negative_flip_rate: { max: 0.05 } });
    assert.equal(policy.gates.regression!.baseline, undefined);
    assert.deepEqual(policy.gates.regression!.datasets, ['eval']);
    assert.equal(policy.gates.drift, undefined, 'no drift gate without --reference');

    // bounds: each feature's min and max over the CSV, as the float32 values the model reads
    const rob = policy.gates.robustness!;
    const [lo, hi] = rob.bounds as [number[], number[]];
    features.forEach((c, j) => {
      const k = eval_.header.indexOf(c);
      const vals = eval_.rows.map((row) => Math.fround(Number(row[k])));
      const min = Math.min(...vals);
      const max = Math.max(...vals);
      assert.ok(lo[j] <= min && Math.fround(lo[j]) === min, `${c}: lower bound ${lo[j]} vs min ${min}`);
      assert.ok(hi[j] >= max && Math.fround(hi[j]) === max, `${c}: upper bound ${hi[j]} vs max ${max}`);
    });
    assert.deepEqual(lo.slice(0, 2), [21, 12]); // age and income minima of eval.csv (whole numbers stay exact)
    // integer: the features whose every value is whole in the CSV
    const whole = features.filter((c) => eval_.rows.every((row) => Number.isInteger(Number(row[eval_.header.indexOf(c)]))));
    assert.deepEqual(rob.integer, whole);
    assert.equal(rob.epsilon, 0.1);
    assert.equal(rob['epsilon-scale'], 'std');
    assert.deepEqual(policy.gates.fairness!.sensitive, ['sex']);

    // real YAML comments: the header, the signature's how-to, the placeholders
    const doc = parseDocument(text);
    assert.match(doc.commentBefore ?? '', /starter written by `model-gate init`/);
    const pairs = isMap(doc.contents) ? doc.contents.items : [];
    const sig = pairs.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'signature')!;
    assert.match((sig.key as { commentBefore?: string }).commentBefore ?? '', /model-gate sign model\/model\.onnx --signing-key gate\.key/);
    assert.match(text, /accuracy: \{ min: 0\.8 \} # placeholder/);
    const gatesPair = pairs.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'gates')!;
    const reg = (gatesPair.value as { items: { key: { value: string; commentBefore?: string } }[] }).items.find((p) => p.key.value === 'regression')!;
    assert.match(reg.key.commentBefore ?? '', /On pull requests the baseline\n is the model at the base commit/);
    assert.match(reg.key.commentBefore ?? '', /skipped with the reason, unless a\n baseline is pinned: +baseline: \{ path: released\/model\.onnx, sha256: /);
    assert.match(text, /accuracy_delta: \{ max-drop: 0\.01 \} # placeholder/);
    assert.match(text, /negative_flip_rate: \{ max: 0\.05 \} # placeholder/);

    const c = await checkReport(ws, DEFAULT_POLICY);
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    assert.equal(c.code, c.report.verdict === 'pass' ? 0 : 1);
    for (const g of ['accuracy', 'robustness', 'memorisation', 'fairness']) assert.ok(['pass', 'fail'].includes(c.report.gates[g].status), `${g}: ${c.report.gates[g].status}`);
    assert.equal(c.report.gates.regression.status, 'skipped');
    assert.match(c.report.gates.regression.message, /no base commit/);
    assert.equal(c.report.gates.robustness.details.gradient.available, true);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init --key: the signature is required from the start; check fails until model-gate sign, then runs', async () => {
  const ws = copyExample();
  try {
    const r = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', path.join(ws, 'data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id,sex', '--key', path.join(ws, 'keys/example-signing.pub'), '--output', path.join(ws, 'signed.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(path.join(ws, 'signed.yml')), 'signed.yml');
    assert.equal(policy.signature.required, true);
    assert.equal(policy.signature.bundle, 'model/model.onnx.sig');
    assert.equal(policy.signature.key, 'keys/example-signing.pub');
    const unsigned = await checkReport(ws, 'signed.yml');
    assert.equal(unsigned.report.verdict, 'fail');
    assert.equal(unsigned.code, 1);
    const s = await run(['sign', path.join(ws, 'model/model.onnx'), '--signing-key', path.join(ws, 'keys/example-signing.key')]);
    assert.equal(s.code, 0, s.stderr);
    const signed = await checkReport(ws, 'signed.yml');
    assert.equal(signed.report.signature.status, 'verified');
    assert.notEqual(signed.report.verdict, 'error', JSON.stringify(signed.report.errors));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init with Parquet data (the example eval set written as Parquet) gives the same pins-by-bytes and mapping, and runs', async () => {
  const ws = copyExample();
  try {
    const { header, rows } = csv(path.join(ws, 'data/eval.csv'));
    const col = (c: string) => rows.map((r) => r[header.indexOf(c)]);
    const buf = new Uint8Array(parquetWriteBuffer({
      columnData: header.map((c) => (c === 'sex'
        ? { name: c, data: col(c), type: 'STRING' as const }
        : { name: c, data: col(c).map(Number), type: 'DOUBLE' as const })),
    }));
    writeFileSync(path.join(ws, 'data/eval.parquet'), buf);
    const r = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', path.join(ws, 'data/eval.parquet'), '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--output', path.join(ws, 'pq.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(path.join(ws, 'pq.yml')), 'pq.yml');
    assert.equal(policy.datasets.eval.sha256, createHash('sha256').update(buf).digest('hex'));
    assert.deepEqual(policy.model.inputs, { features: { from: ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'] } });
    const c = await checkReport(ws, 'pq.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init on sklearn fixtures: inputs mapped by name (titanic pipeline); the ZipMap model left to output detection; a label guessed only from an exact header', async () => {
  const ws = makeWorkspace({
    'titanic.onnx': { copy: path.join(FIXTURES, 'onnx/skl_pipeline_titanic_nozipmap.onnx') },
    'titanic.csv': { copy: path.join(FIXTURES, 'onnx/small_titanic.csv') },
    'iris.onnx': { copy: path.join(FIXTURES, 'onnx/skl_logreg_iris.onnx') },
    'iris.csv': { copy: path.join(FIXTURES, 'onnx/iris-sample.csv') },
    'iris-label.csv': readFileSync(path.join(FIXTURES, 'onnx/iris-sample.csv'), 'utf8').replace('species', 'label'),
  });
  try {
    const at = (f: string) => path.join(ws.dir, f);
    const t = await run(['init', '--workspace', ws.dir, '--model', at('titanic.onnx'), '--data', at('titanic.csv'), '--label', 'survived', '--output', at('t.yml')]);
    assert.equal(t.code, 0, t.stderr);
    const tp = parsePolicy(readFileSync(at('t.yml')), 't.yml').policy;
    assert.deepEqual(tp.model.inputs, { pclass: { from: 'pclass' }, sex: { from: 'sex' }, age: { from: 'age' }, fare: { from: 'fare' }, embarked: { from: 'embarked' } });
    // "age" has missing values: no robustness gate, and the file says why
    assert.deepEqual(Object.keys(tp.gates), ['accuracy', 'regression']);
    assert.match(readFileSync(at('t.yml'), 'utf8'), /# No robustness gate: column "age" of titanic\.csv has missing values/);
    const tc = await checkReport(ws.dir, 't.yml');
    assert.notEqual(tc.report.verdict, 'error', JSON.stringify(tc.report.errors));

    // sex feeds the model (an input of that name) and is sensitive: not excluded; 19 male and 19 female rows
    // (counted in the CSV text: one ",male," or ",female," per row), fewer than 30 each: min-group-size 19, said so
    const csvText = readFileSync(at('titanic.csv'), 'utf8').trim().split('\n').slice(1);
    const males = csvText.filter((l) => l.includes(',male,')).length;
    const females = csvText.filter((l) => l.includes(',female,')).length;
    assert.deepEqual([males, females], [19, 19]);
    const f = await run(['init', '--workspace', ws.dir, '--model', at('titanic.onnx'), '--data', at('titanic.csv'), '--label', 'survived', '--sensitive', 'sex', '--output', at('f.yml')]);
    assert.equal(f.code, 0, f.stderr);
    const ftext = readFileSync(at('f.yml'), 'utf8');
    const fp = parsePolicy(ftext, 'f.yml').policy;
    assert.equal(fp.datasets.eval.exclude.length, 0);
    assert.deepEqual(fp.model.inputs?.sex, { from: 'sex' });
    assert.deepEqual(fp.gates.fairness!.sensitive, ['sex']);
    assert.equal(fp.gates.fairness!['min-group-size'], Math.min(males, females));
    assert.match(ftext, /groups in titanic\.csv: female 19, male 19\./);
    assert.match(ftext, /min-group-size: 19 # lowered from 30: fewer than two groups have 30 rows/);
    const fc = await checkReport(ws.dir, 'f.yml');
    assert.notEqual(fc.report.verdict, 'error', JSON.stringify(fc.report.errors));
    assert.ok(['pass', 'fail'].includes(fc.report.gates.fairness.status));

    const bad = await run(['init', '--workspace', ws.dir, '--model', at('iris.onnx'), '--data', at('iris.csv'), '--output', at('i.yml')]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'model-gate: init: cannot tell the label column of iris.csv: no column is named label, target, y, class (headers: sepal_length, sepal_width, species): give it with --label COL\n');
    assert.equal(existsSync(at('i.yml')), false);

    const i = await run(['init', '--workspace', ws.dir, '--model', at('iris.onnx'), '--data', at('iris-label.csv'), '--output', at('i.yml')]);
    assert.equal(i.code, 0, i.stderr);
    assert.match(i.stdout, /label column "label" \(guessed from the header\), 3 classes/);
    const ip = parsePolicy(readFileSync(at('i.yml')), 'i.yml').policy;
    assert.equal(ip.datasets.eval.label, 'label');
    // the gates read the tensor feeding the ZipMap, not a graph output: detection (the same at every run), no model.output
    assert.equal(ip.model.output, undefined);
    assert.match(readFileSync(at('i.yml'), 'utf8'), /# Output: detected at each run .*ZipMap "output_probability"/);
    const ic = await checkReport(ws.dir, 'i.yml');
    assert.notEqual(ic.report.verdict, 'error', JSON.stringify(ic.report.errors));
    assert.equal(ic.report.model.output_used.name, 'probabilities');
  } finally {
    ws.cleanup();
  }
});

test('init with text labels: a label-map to the class indices in sorted order, marked CHECK, and check runs', async () => {
  const ws = copyExample();
  try {
    const { header, rows } = csv(path.join(ws, 'data/eval.csv'));
    const k = header.indexOf('default');
    writeFileSync(path.join(ws, 'data/text.csv'), [header.join(','), ...rows.map((r) => r.map((v, j) => (j === k ? (v === '1' ? 'yes' : 'no') : v)).join(','))].join('\n') + '\n');
    const r = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', path.join(ws, 'data/text.csv'), '--label', 'default', '--exclude', 'applicant_id,sex', '--output', path.join(ws, 'text.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(path.join(ws, 'text.yml'), 'utf8');
    assert.deepEqual(parsePolicy(text, 'text.yml').policy.datasets.eval['label-map'], { no: 0, yes: 1 });
    assert.match(text, /label-map: \{ no: 0, yes: 1 \} # CHECK:/);
    const c = await checkReport(ws, 'text.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    // the same accuracy as on the numeric labels: "yes" is class 1
    const n = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', path.join(ws, 'data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id,sex', '--output', path.join(ws, 'num.yml')]);
    assert.equal(n.code, 0, n.stderr);
    const cn = await checkReport(ws, 'num.yml');
    assert.equal(c.report.gates.accuracy.metrics.accuracy, cn.report.gates.accuracy.metrics.accuracy);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init refuses to overwrite (exit 2, one line, the file unchanged) unless --force; never writes through a symlink, even with --force', async () => {
  const ws = copyExample();
  const outside = makeWorkspace({ 'target.yml': 'keep' });
  try {
    const args = ['init', '--workspace', ws, ...CREDIT_FLAGS.slice(0, 10).map((a) => (a.includes('/') ? path.join(ws, a) : a))];
    const existing = path.join(ws, 'model-gate.yml');
    const before = readFileSync(existing, 'utf8');
    const r = await run([...args, '--output', existing]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^model-gate: init: .*model-gate\.yml already exists: give --force to replace it, or --output FILE for another file$/);
    assert.equal(readFileSync(existing, 'utf8'), before);

    const forced = await run([...args, '--output', existing, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(readFileSync(existing, 'utf8'), before);
    parsePolicy(readFileSync(existing), 'model-gate.yml');

    const link = path.join(ws, 'link.yml');
    symlinkSync(path.join(outside.dir, 'target.yml'), link);
    for (const extra of [[], ['--force']]) {
      const s = await run([...args, '--output', link, ...extra]);
      assert.equal(s.code, 2);
      assert.match(s.stderr, /^model-gate: init: .*link\.yml is a symlink: model-gate never writes through symlinks/);
      assert.equal(s.stderr.split('\n').filter(Boolean).length, 1);
      assert.equal(readFileSync(path.join(outside.dir, 'target.yml'), 'utf8'), 'keep');
    }
    // a folder on the way that is a symlink out of the workspace
    symlinkSync(outside.dir, path.join(ws, 'out'));
    const via = await run([...args, '--output', path.join(ws, 'out', 'p.yml')]);
    assert.equal(via.code, 2);
    assert.match(via.stderr, /is outside the workspace and the current directory/);
    assert.equal(existsSync(path.join(outside.dir, 'p.yml')), false);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    outside.cleanup();
  }
});

test('init errors: one line naming the file or column and the fix, exit 2, nothing written', async () => {
  const ws = copyExample();
  const other = makeWorkspace({ 'm.onnx': { copy: path.join(ws, 'model/model.onnx') } });
  try {
    const at = (f: string) => path.join(ws, f);
    const base = ['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--output', at('x.yml')];
    const cases: [string[], RegExp][] = [
      [['--label', 'default'], /model input "features" takes 6 values per row \(shape \[N, 6\]\) but data\/eval\.csv has 8 feature columns \(applicant_id, .*sex\): leave the columns the model does not take out with --exclude COL$/],
      [['--label', 'nope'], /--label nope: data\/eval\.csv has no such column \(headers: applicant_id, age, .*default\)$/],
      [['--label', 'default', '--sensitive', 'gender'], /column "gender" is not in data\/eval\.csv \(headers: /],
      [['--label', 'default', '--exclude', 'applicant_id,sex', '--members', at('data/holdout.csv'), '--non-members', at('data/holdout.csv')], /--members and --non-members are the same file \(data\/holdout\.csv\)/],
      [['--label', 'default', '--members', at('data/holdout.csv')], /--members and --non-members go together/],
    ];
    for (const [extra, re] of cases) {
      const r = await run([...base, ...extra]);
      assert.equal(r.code, 2, extra.join(' '));
      assert.match(r.stderr.split('\n')[0], re);
      assert.equal(existsSync(at('x.yml')), false);
    }
    const outside = await run(['init', '--workspace', ws, '--model', path.join(other.dir, 'm.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--output', at('x.yml')]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^model-gate: init: --model .*m\.onnx is outside the workspace .*: the policy's paths are relative to the workspace/);
    const npy = makeWorkspace({ 'm.onnx': { copy: path.join(ws, 'model/model.onnx') }, 'x.npy': readFileSync(path.join(FIXTURES, 'torch/cnn-x.npy')) });
    try {
      const r = await run(['init', '--workspace', npy.dir, '--model', path.join(npy.dir, 'm.onnx'), '--data', path.join(npy.dir, 'x.npy')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /x\.npy: init writes policies for tabular data \(CSV, Parquet\); for \.npy tensors start from policies\/examples\/image-classifier\.yml/);
    } finally {
      npy.cleanup();
    }
    const outOut = await run(['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--output', path.join(other.dir, 'p.yml')]);
    assert.equal(outOut.code, 2);
    assert.match(outOut.stderr, /^model-gate: init: --output .*p\.yml is outside the workspace .*: check reads its policy from inside the workspace/);
    assert.equal(existsSync(path.join(other.dir, 'p.yml')), false);
    const noModel = await run(['init', '--workspace', ws, '--model', at('model/nope.onnx'), '--data', at('data/eval.csv')]);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /nope\.onnx does not exist: give the path of an \.onnx model file/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    other.cleanup();
  }
});

test('init --help prints its usage (exit 0); missing --model or --data is a usage error (exit 2)', async () => {
  const h = await run(['init', '--help']);
  assert.equal(h.code, 0);
  assert.equal(h.stdout, INIT_USAGE + '\n');
  assert.match(INIT_USAGE, new RegExp(`default ${DEFAULT_POLICY.replace('.', '\\.')}`));
  const noData = await run(['init', '--model', 'm.onnx']);
  assert.equal(noData.code, 2);
  assert.match(noData.stderr, /^model-gate: init needs --data D/);
  const top = await run(['--help']);
  assert.match(top.stdout, /^  init +write a commented starter policy/m);
});

test('boundDecimal: the shortest decimal on the right side of a float32 value that reads back as it', () => {
  for (const v of [0.01, 75.8, 0.91, 21, -3.3, 1e-7, 123456.789]) {
    const f = Math.fround(v);
    const lo = Number(boundDecimal(f, 'lo'));
    const hi = Number(boundDecimal(f, 'hi'));
    assert.ok(lo <= f && Math.fround(lo) === f, `lo ${lo} for ${f}`);
    assert.ok(hi >= f && Math.fround(hi) === f, `hi ${hi} for ${f}`);
  }
  assert.equal(boundDecimal(21, 'lo'), '21');
  // fround(75.8) = 75.80000305...: 75.8 itself is below it, so the upper bound needs more digits; the lower does not
  assert.equal(boundDecimal(Math.fround(75.8), 'lo'), '75.8');
  assert.equal(boundDecimal(Math.fround(75.8), 'hi'), '75.8000031');
});

test('init: a column constant in the data is immutable (bounds only wide enough to be valid), a 0/1 column gets [0, 1], and check runs', async () => {
  const ws = copyExample();
  try {
    rmSync(path.join(ws, 'model-gate.yml'));
    // late_payments set to 3 on every row (constant); credit_lines to 0/1 (a binary column without groups).
    const f = path.join(ws, 'data/eval.csv');
    const { header, rows } = csv(f);
    const lp = header.indexOf('late_payments'), cl = header.indexOf('credit_lines');
    for (const [i, r] of rows.entries()) {
      r[lp] = '3';
      r[cl] = String(i % 2);
    }
    writeFileSync(f, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const r = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', f, '--label', 'default', '--exclude', 'applicant_id,sex']);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(path.join(ws, DEFAULT_POLICY), 'utf8');
    const { policy } = parsePolicy(text, DEFAULT_POLICY);
    const rob = policy.gates.robustness!;
    assert.deepEqual(rob.immutable, ['late_payments']);
    assert.match(text, /immutable: \[ late_payments \] # not attacked: columns constant in data\/eval\.csv/);
    const features = ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'];
    const [lo, hi] = rob.bounds as [number[], number[]];
    assert.deepEqual([lo[features.indexOf('late_payments')], hi[features.indexOf('late_payments')]], [2, 4]);
    assert.deepEqual([lo[features.indexOf('credit_lines')], hi[features.indexOf('credit_lines')]], [0, 1]);
    assert.ok(!(rob.integer ?? []).includes('late_payments'));
    assert.deepEqual(rob['one-hot'] ?? [], [], 'one binary column is not a group');
    assert.doesNotMatch(text, /one-hot:/);
    const c = await checkReport(ws, DEFAULT_POLICY);
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init --reference: a drift gate of the evaluation data against the reference (own dataset, label excluded); validate and check run it', async () => {
  const ws = copyExample();
  try {
    const r = await run(['init', '--workspace', ws, '--model', path.join(ws, 'model/model.onnx'), '--data', path.join(ws, 'data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--reference', path.join(ws, 'data/train_sample.csv'), '--output', path.join(ws, 'drift.yml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /gates: accuracy, robustness, fairness, regression, drift\n/);
    const text = readFileSync(path.join(ws, 'drift.yml'), 'utf8');
    const { policy } = parsePolicy(text, 'drift.yml');
    const ref = policy.datasets.reference;
    assert.equal(ref.path, 'data/train_sample.csv');
    assert.equal(ref.sha256, sha(path.join(ws, 'data/train_sample.csv')));
    assert.equal(ref.label, undefined, 'the drift gate reads no label');
    assert.deepEqual(ref.exclude, ['applicant_id', 'sex', 'default']);
    assert.match(text, /\n {4}exclude: \[ applicant_id, sex, default \]\n/);
    assert.deepEqual(policy.gates.drift, { reference: 'reference', current: 'eval', method: 'auto', thresholds: { share_drifted: { max: 0.3 } } });
    assert.match(text, /# Data drift: each model input column of data\/eval\.csv \(eval\) against data\/train_sample\.csv \(reference\)/);
    assert.match(text, /share_drifted: \{ max: 0\.3 \} # placeholder/);

    const v = await run(['validate', '--workspace', ws, '--policy', 'drift.yml']);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^drift\.yml: valid/);

    const c = await checkReport(ws, 'drift.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    const d = c.report.gates.drift;
    // Both sides test the model's six input columns (the header, read here, minus the id, sex and label) and the
    // two prediction features, with the reference's 200 rows and the evaluation set's 600.
    const header = csv(path.join(ws, 'data/train_sample.csv')).header;
    const inputs = header.filter((h) => !['applicant_id', 'sex', 'default'].includes(h));
    assert.deepEqual(d.details.features.map((f: { feature: string }) => f.feature), [...inputs, 'prediction:class', 'prediction:confidence']);
    assert.equal(d.details.reference_rows, csv(path.join(ws, 'data/train_sample.csv')).rows.length);
    assert.equal(d.details.current_rows, csv(path.join(ws, 'data/eval.csv')).rows.length);
    assert.equal(d.metrics.share_drifted, d.details.drifted.length / 8);
    assert.equal(d.status, d.metrics.share_drifted <= 0.3 ? 'pass' : 'fail');
    assert.equal(c.report.gates.regression.status, 'skipped');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init --reference: the members file is reused as the reference; errors name the flag and the fix; unlabelled rows leave the regression gate out', async () => {
  const ws = copyExample();
  try {
    const at = (f: string) => path.join(ws, f);
    const r = await run(['init', '--workspace', ws, ...CREDIT_FLAGS.map((a) => (a.includes('/') ? at(a) : a)), '--reference', at('data/train_sample.csv'), '--output', at('m.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(at('m.yml')), 'm.yml');
    assert.deepEqual(Object.keys(policy.datasets), ['eval', 'members', 'non-members']);
    assert.equal(policy.gates.drift!.reference, 'members');

    const base = ['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id,sex', '--output', at('x.yml')];
    writeFileSync(at('data/no-income.csv'), readFileSync(at('data/train_sample.csv'), 'utf8').replace(/,income,/, ',salary,'));
    for (const [extra, re] of [
      [['--reference', at('data/eval.csv')], /--reference is the evaluation data itself \(data\/eval\.csv\): give the data the model was trained on/],
      [['--reference', at('data/no-income.csv')], /data\/no-income\.csv has no column "income" \(headers: applicant_id, age, salary, .*\): the reference needs the model's input columns of data\/eval\.csv$/],
    ] as [string[], RegExp][]) {
      const e = await run([...base, ...extra]);
      assert.equal(e.code, 2, extra.join(' '));
      assert.match(e.stderr.split('\n')[0], re);
      assert.equal(existsSync(at('x.yml')), false);
    }

    // One evaluation row without a label: no regression gate (it compares correctness row by row), said in the file.
    const lines = readFileSync(at('data/eval.csv'), 'utf8').split('\n');
    lines[3] = lines[3].replace(/,[^,]*$/, ',');
    writeFileSync(at('data/eval.csv'), lines.join('\n'));
    const u = await run([...base]);
    assert.equal(u.code, 0, u.stderr);
    assert.match(u.stdout, /\(no regression gate: 1 rows of data\/eval\.csv have no label\)/);
    const text = readFileSync(at('x.yml'), 'utf8');
    assert.equal(parsePolicy(text, 'x.yml').policy.gates.regression, undefined);
    assert.match(text, /# No regression gate: 1 rows of data\/eval\.csv have no label/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init --reference: a reference column the evaluation data does not have is excluded, so check tests the same features on both sides', async () => {
  const ws = copyExample();
  try {
    const at = (f: string) => path.join(ws, f);
    const lines = readFileSync(at('data/train_sample.csv'), 'utf8').trim().split('\n');
    writeFileSync(at('data/ref.csv'), lines.map((l, i) => `${l},${i === 0 ? 'split' : 'train'}`).join('\n') + '\n');
    const r = await run(['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--reference', at('data/ref.csv'), '--output', at('drift.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(at('drift.yml'), 'utf8'), 'drift.yml');
    assert.deepEqual(policy.datasets.reference.exclude, ['applicant_id', 'sex', 'default', 'split']);
    const c = await checkReport(ws, 'drift.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    assert.ok(['pass', 'fail'].includes(c.report.gates.drift.status), c.report.gates.drift.message);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init --reference: the members file as the reference, with a column the evaluation data does not have: excluded there too', async () => {
  const ws = copyExample();
  try {
    const at = (f: string) => path.join(ws, f);
    const lines = readFileSync(at('data/train_sample.csv'), 'utf8').trim().split('\n');
    writeFileSync(at('data/train-split.csv'), lines.map((l, i) => `${l},${i === 0 ? 'split' : 'train'}`).join('\n') + '\n');
    const r = await run(['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--members', at('data/train-split.csv'), '--non-members', at('data/holdout.csv'), '--reference', at('data/train-split.csv'), '--output', at('m.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(at('m.yml'), 'utf8'), 'm.yml');
    assert.equal(policy.gates.drift!.reference, 'members');
    assert.deepEqual(policy.datasets.members.exclude, ['applicant_id', 'sex', 'split']);
    assert.deepEqual(policy.datasets['non-members'].exclude, ['applicant_id', 'sex']);
    const c = await checkReport(ws, 'm.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    assert.ok(['pass', 'fail'].includes(c.report.gates.drift.status), c.report.gates.drift.message);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('init: a members file without a column the evaluation data excludes (an id) gets no exclude of it, so check loads it', async () => {
  const ws = copyExample();
  try {
    const at = (f: string) => path.join(ws, f);
    const rows = readFileSync(at('data/train_sample.csv'), 'utf8').trim().split('\n').map((l) => l.split(',').slice(1).join(','));
    writeFileSync(at('data/train-no-id.csv'), rows.join('\n') + '\n');
    const r = await run(['init', '--workspace', ws, '--model', at('model/model.onnx'), '--data', at('data/eval.csv'), '--label', 'default', '--exclude', 'applicant_id', '--sensitive', 'sex', '--members', at('data/train-no-id.csv'), '--non-members', at('data/holdout.csv'), '--output', at('m.yml')]);
    assert.equal(r.code, 0, r.stderr);
    const { policy } = parsePolicy(readFileSync(at('m.yml'), 'utf8'), 'm.yml');
    assert.deepEqual(policy.datasets.members.exclude, ['sex']);
    assert.deepEqual(policy.datasets['non-members'].exclude, ['applicant_id', 'sex']);
    const c = await checkReport(ws, 'm.yml');
    assert.notEqual(c.report.verdict, 'error', JSON.stringify(c.report.errors));
    assert.ok(['pass', 'fail'].includes(c.report.gates.memorisation.status), c.report.gates.memorisation.message);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
