/**
 * The drift gate on the credit example's data (examples/credit/data): train_sample.csv (reference) against eval.csv
 * (current), a copy with income × 1.5, a reference of > 1000 rows, missing values. Each statistic is recomputed here
 * by calling the library (src/stats/drift.ts, checked against scipy in test/stats) on columns parsed by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { autoMethod, driftTest, type DriftColumn, type DriftMethod } from '../../src/stats/drift.ts';
import { GateError } from '../../src/errors.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { CREDIT, NUMERIC, creditDataset, creditPredictions, numbers, parseCsv, runDrift } from './helpers.ts';

const trainText = readFileSync(path.join(CREDIT, 'data/train_sample.csv'), 'utf8');
const evalText = readFileSync(path.join(CREDIT, 'data/eval.csv'), 'utf8');
const train = parseCsv(trainText), evalCols = parseCsv(evalText);

/** The categorical column as codes over the sorted labels of both sides. */
function codes(a: string[], b: string[]): [DriftColumn, DriftColumn] {
  const labels = [...new Set([...a, ...b].filter((x) => x !== ''))].sort();
  const enc = (xs: string[]): DriftColumn => ({ kind: 'categorical', codes: Int32Array.from(xs.filter((x) => x !== '').map((x) => labels.indexOf(x))), categories: labels.length });
  return [enc(a), enc(b)];
}
const num = (cells: string[]): DriftColumn => ({ kind: 'numeric', values: numbers(cells) });
const expectStat = (method: DriftMethod, r: DriftColumn, c: DriftColumn): number => driftTest(method, r, c).score;

/** A workspace with the credit data and extra CSVs. */
function workspace(files: Record<string, string>) {
  return makeWorkspace({
    'data/train_sample.csv': trainText,
    'data/eval.csv': evalText,
    ...files,
  });
}

/** eval.csv with one column rewritten. */
function rewrite(text: string, column: string, f: (v: string, row: number) => string): string {
  const lines = text.trim().split('\n');
  const i = lines[0].split(',').indexOf(column);
  return [lines[0], ...lines.slice(1).map((l, row) => { const c = l.split(','); c[i] = f(c[i], row); return c.join(','); })].join('\n') + '\n';
}

test('credit train_sample vs eval, default features: model inputs then predictions, each statistic as the library computes it', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  const pr = await creditPredictions(R), pc = await creditPredictions(C);
  const out = await runDrift({ reference: 'train', current: 'eval', thresholds: { share_drifted: { max: 0.5 } } }, [R, C], [pr, pc]);
  const d = out.details;
  assert.deepEqual(d.features.map((f) => f.feature), [...NUMERIC, 'prediction:class', 'prediction:confidence']);
  assert.equal(d.features_from, 'default');
  // 200 reference rows (≤ 1000): ks for > 5 distinct values; late_payments has 3..5 distinct values -> chi2.
  const expected: Record<string, DriftMethod> = { age: 'ks', income: 'ks', debt_ratio: 'ks', credit_lines: 'ks', late_payments: 'chisquare', employment_years: 'ks' };
  for (const f of NUMERIC) {
    const r = d.features.find((x) => x.feature === f)!;
    const ref = num(train[f]), cur = num(evalCols[f]);
    assert.equal(autoMethod(ref, cur), expected[f], f);
    assert.equal(r.method, expected[f] === 'chisquare' ? 'chi2' : expected[f], f);
    assert.equal(r.auto, true);
    assert.equal(r.statistic, expectStat(expected[f], ref, cur), f);
    assert.equal(r.statistic_kind, 'p_value');
    assert.equal(r.threshold, 0.05);
    assert.equal(r.drifted, r.statistic! < 0.05, f);
    assert.deepEqual([r.n_reference, r.n_current, r.dropped], [200, 600, { reference: 0, current: 0 }]);
  }
  // The prediction features from the model's outputs: the predicted class (2 classes -> z) and the softmax top score.
  const cls = d.features.find((x) => x.feature === 'prediction:class')!;
  assert.equal(cls.method, 'z');
  assert.equal(cls.statistic, expectStat('z', { kind: 'categorical', codes: pr.predicted, categories: 2 }, { kind: 'categorical', codes: pc.predicted, categories: 2 }));
  const conf = (p: typeof pr) => Float64Array.from({ length: p.rows }, (_, i) => {
    const a = p.scores![2 * i], b = p.scores![2 * i + 1];
    return 1 / (1 + Math.exp(-Math.abs(a - b))); // the larger of the two softmax probabilities
  });
  const confR = conf(pr), confC = conf(pc);
  const cf = d.features.find((x) => x.feature === 'prediction:confidence')!;
  assert.equal(cf.method, 'ks');
  assert.ok(Math.abs(cf.statistic! - expectStat('ks', { kind: 'numeric', values: confR }, { kind: 'numeric', values: confC })) < 1e-12);
  // Little drift: at the default 0.05, income (p 0.0456) and late_payments (p 0.0079) of 8 features.
  assert.deepEqual(d.drifted, ['income', 'late_payments']);
  assert.deepEqual(out.metrics, { share_drifted: 2 / 8, drifted_features: 2 });
  assert.equal(out.extraChecks, undefined);
  assert.equal(out.warnings, undefined);
});

test('income × 1.5 on the current side: income drifts, every other feature gives the same statistic as before', async () => {
  const shifted = rewrite(evalText, 'income', (v) => String(Number(v) * 1.5));
  const ws = workspace({ 'data/shifted.csv': shifted });
  try {
    const R = await creditDataset('train', ws.dir, 'data/train_sample.csv');
    const C0 = await creditDataset('eval', ws.dir, 'data/eval.csv');
    const C1 = await creditDataset('shifted', ws.dir, 'data/shifted.csv');
    const features = [...NUMERIC, 'sex'];
    const before = await runDrift({ reference: 'train', current: 'eval', features }, [R, C0]);
    const after = await runDrift({ reference: 'train', current: 'shifted', features }, [R, C1]);
    const inc = after.details.features.find((f) => f.feature === 'income')!;
    assert.equal(inc.statistic, expectStat('ks', num(train.income), num(parseCsv(shifted).income)));
    assert.ok(inc.statistic! < 1e-20, String(inc.statistic));
    assert.equal(inc.drifted, true);
    for (const f of features.filter((x) => x !== 'income')) {
      assert.deepEqual(after.details.features.find((x) => x.feature === f), before.details.features.find((x) => x.feature === f), f);
    }
    // sex: a text column -> categorical, 2 labels at 200 rows -> z, codes in sorted label order (female, male).
    const sex = after.details.features.find((f) => f.feature === 'sex')!;
    assert.deepEqual([sex.kind, sex.method], ['categorical', 'z']);
    assert.equal(sex.statistic, expectStat('z', ...codes(train.sex, evalCols.sex)));
    assert.deepEqual(after.details.categories, { sex: ['female', 'male'] });
    assert.deepEqual(after.details.drifted, ['income', 'late_payments']);
    assert.equal(after.metrics.share_drifted, 2 / 7);
  } finally {
    ws.cleanup();
  }
});

test('auto by reference size: > 1000 reference rows -> wasserstein (numeric) and jensenshannon (few values, text)', async () => {
  const lines = trainText.trim().split('\n');
  const big = [lines[0], ...Array.from({ length: 6 }, () => lines.slice(1)).flat()].join('\n') + '\n'; // 1200 rows
  const ws = workspace({ 'data/big.csv': big });
  try {
    const R = await creditDataset('big', ws.dir, 'data/big.csv');
    const C = await creditDataset('eval', ws.dir, 'data/eval.csv');
    assert.equal(R.rows, 1200);
    const out = await runDrift({ reference: 'big', current: 'eval', features: ['income', 'late_payments', 'sex'] }, [R, C]);
    const rep = (cells: string[]) => Array.from({ length: 6 }, () => cells).flat();
    const want: [string, DriftMethod, DriftColumn, DriftColumn][] = [
      ['income', 'wasserstein', num(rep(train.income)), num(evalCols.income)],
      ['late_payments', 'jensenshannon', num(rep(train.late_payments)), num(evalCols.late_payments)],
      ['sex', 'jensenshannon', ...codes(rep(train.sex), evalCols.sex)],
    ];
    for (const [f, m, r, c] of want) {
      const got = out.details.features.find((x) => x.feature === f)!;
      assert.equal(got.method, m, f);
      assert.equal(got.statistic_kind, 'distance');
      assert.equal(got.threshold, 0.1);
      assert.equal(got.statistic, expectStat(m, r, c), f);
      assert.equal(got.drifted, got.statistic! >= 0.1);
      assert.equal(got.n_reference, 1200);
    }
  } finally {
    ws.cleanup();
  }
});

test('method and thresholds from the policy: for all, per feature, and a threshold given for all', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  const out = await runDrift({
    reference: 'train', current: 'eval', features: ['age', 'income', 'sex'], method: 'psi', threshold: 0.05,
    'per-feature': { income: { method: 'ks', threshold: 0.01 }, sex: { method: 'chi2' } },
  }, [R, C]);
  const [age, income, sex] = out.details.features;
  assert.deepEqual([age.method, age.auto, age.threshold, age.statistic], ['psi', false, 0.05, expectStat('psi', num(train.age), num(evalCols.age))]);
  assert.deepEqual([income.method, income.threshold, income.statistic, income.drifted], ['ks', 0.01, expectStat('ks', num(train.income), num(evalCols.income)), false]);
  // sex overrides the method: the section's threshold (a psi distance) does not apply, chi2's default 0.05 does.
  assert.deepEqual([sex.method, sex.threshold, sex.statistic], ['chi2', 0.05, expectStat('chisquare', ...codes(train.sex, evalCols.sex))]);
});

test('missing values are dropped per feature and counted; a feature with nothing left is an error naming it', async () => {
  const holes = rewrite(rewrite(evalText, 'income', (v, i) => (i % 10 === 0 ? '' : v)), 'sex', (v, i) => (i < 7 ? '' : v));
  const empty = rewrite(evalText, 'debt_ratio', () => '');
  const ws = workspace({ 'data/holes.csv': holes, 'data/empty.csv': empty });
  try {
    const R = await creditDataset('train', ws.dir, 'data/train_sample.csv');
    const C = await creditDataset('holes', ws.dir, 'data/holes.csv');
    const out = await runDrift({ reference: 'train', current: 'holes', features: ['income', 'sex', 'age'], thresholds: { share_drifted: { max: 0.5 } } }, [R, C]);
    const [income, sex, age] = out.details.features;
    assert.deepEqual([income.n_current, income.dropped], [540, { reference: 0, current: 60 }]);
    assert.equal(income.statistic, expectStat('ks', num(train.income), num(parseCsv(holes).income)));
    assert.deepEqual([sex.n_current, sex.dropped], [593, { reference: 0, current: 7 }]);
    assert.equal(sex.statistic, expectStat('z', ...codes(train.sex, parseCsv(holes).sex)));
    assert.deepEqual(age.dropped, { reference: 0, current: 0 });
    assert.deepEqual(out.warnings, ['missing values dropped: income (0 reference, 60 current), sex (0 reference, 7 current)']);

    const E = await creditDataset('empty', ws.dir, 'data/empty.csv');
    await assert.rejects(runDrift({ reference: 'train', current: 'empty', features: ['age', 'debt_ratio'] }, [R, E]), (e: GateError) => {
      assert.equal(e.message, 'gates.drift: feature "debt_ratio" has no value on the current side (600 missing): drop it from features or fix the data');
      assert.deepEqual(e.where, { file: 'model-gate.yml', line: 4, col: 1 }); // gates.drift.features[1]
      return true;
    });
  } finally {
    ws.cleanup();
  }
});

test('errors name the feature and the policy position: unknown column, numeric-only method on text, must-not-drift', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  await assert.rejects(runDrift({ reference: 'train', current: 'eval', features: ['age', 'salary'] }, [R, C]), {
    message: 'gates.drift feature "salary" is not a column of dataset "train" (columns: applicant_id, age, income, debt_ratio, credit_lines, late_payments, employment_years, sex, default)',
  });
  await assert.rejects(runDrift({ reference: 'train', current: 'eval', features: ['sex'], 'per-feature': { sex: { method: 'wasserstein' } } }, [R, C]), (e: GateError) => {
    assert.equal(e.message, 'gates.drift: method wasserstein needs a numeric feature, but "sex" is categorical: use chi2, z, jensenshannon, psi or auto');
    assert.equal(e.where?.line, 5); // gates.drift.per-feature.sex.method
    return true;
  });
  await assert.rejects(runDrift({ reference: 'train', current: 'eval', features: ['sex'], method: 'ks' }, [R, C]), { message: /method ks needs a numeric feature, but "sex" is categorical/ });
  await assert.rejects(runDrift({ reference: 'train', current: 'eval', 'must-not-drift': ['sex'] }, [R, C], [await creditPredictions(R), await creditPredictions(C)]), {
    message: 'gates.drift.must-not-drift[0] "sex" names no tested feature (features: age, income, debt_ratio, credit_lines, late_payments, employment_years, prediction:class, prediction:confidence)',
  });
});

test('must-not-drift: one check per feature, failing for a drifted one', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  const out = await runDrift({ reference: 'train', current: 'eval', features: ['age', 'income'], 'must-not-drift': ['age', 'income'] }, [R, C]);
  const ks = (f: string) => expectStat('ks', num(train[f]), num(evalCols[f]));
  assert.deepEqual(out.extraChecks, [
    { metric: 'drifted:age', value: ks('age'), pass: true, file: 'model-gate.yml', line: 4, col: 1 },
    { metric: 'drifted:income', value: ks('income'), pass: false, message: `drift: feature income drifted (ks p-value ${ks('income')}, threshold 0.05) and is listed in must-not-drift`, file: 'model-gate.yml', line: 4, col: 1 },
  ]);
});

test('deterministic: two runs give byte-identical JSON', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  const pr = await creditPredictions(R), pc = await creditPredictions(C);
  const a = JSON.stringify(await runDrift({ reference: 'train', current: 'eval', features: [...NUMERIC, 'sex', 'prediction:class', 'prediction:confidence'] }, [R, C], [pr, pc]));
  const b = JSON.stringify(await runDrift({ reference: 'train', current: 'eval', features: [...NUMERIC, 'sex', 'prediction:class', 'prediction:confidence'] }, [R, C], [await creditPredictions(R), await creditPredictions(C)]));
  assert.equal(a, b);
});

test('a model that outputs only labels: no confidence by default (a note), an error when listed', async () => {
  const R = await creditDataset('train', CREDIT, 'data/train_sample.csv');
  const C = await creditDataset('eval', CREDIT, 'data/eval.csv');
  // the credit model's own predicted classes, as a label-only model would give them
  const labelsOnly = async (d: typeof R) => { const p = await creditPredictions(d); return { ...p, kind: 'label' as const, scores: undefined }; };
  const pr = await labelsOnly(R), pc = await labelsOnly(C);
  const out = await runDrift({ reference: 'train', current: 'eval', thresholds: { share_drifted: { max: 0.5 } } }, [R, C], [pr, pc]);
  assert.deepEqual(out.details.features.map((f) => f.feature), [...NUMERIC, 'prediction:class']);
  assert.deepEqual(out.details.notes, ['prediction:confidence not tested: the model outputs only labels']);
  assert.equal(out.metrics.drifted_features, 2);
  await assert.rejects(runDrift({ reference: 'train', current: 'eval', features: ['age', 'prediction:confidence'] }, [R, C], [pr, pc]), {
    message: 'gates.drift feature "prediction:confidence" needs class scores, but the model outputs only labels: drop it from features',
  });
});
