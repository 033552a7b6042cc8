/**
 * UCI Adult end to end: the logistic regression made by scripts/generate-fairness-model.ts runs through
 * onnxruntime-node on adult-test-encoded.csv (16,281 rows); the gate's per-group table and aggregates by `sex`,
 * `race` and `sex × race` are checked against an independent computation with plain loops over the raw CSV text
 * (own parser, own grouping, own rates) and the model's outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { loadDataset } from '../../src/data/load.ts';
import { fairnessGate, type FairnessPolicy, type GroupRow } from '../../src/gates/fairness/index.ts';
import type { Predictions } from '../../src/gates/types.ts';
import { makeContext } from './helpers.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'fairness');
/** The encoded Adult test file is shared with the data tests (test/fixtures/data/adult, with its source note). */
const csvDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'data', 'adult');

interface Raw { sex: string[]; race: string[]; label: number[]; x: Float32Array; rows: number; F: number }

/** Own CSV reading (the file has no quoting): features, raw sex and race, label. */
function readRaw(): Raw {
  const lines = readFileSync(path.join(csvDir, 'adult-test-encoded.csv'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const iSex = header.indexOf('sex'), iRace = header.indexOf('race'), iLabel = header.indexOf('label');
  const featureIdx = header.map((_, i) => i).filter((i) => i !== iSex && i !== iRace && i !== iLabel);
  const rows = lines.length - 1;
  const F = featureIdx.length;
  const x = new Float32Array(rows * F);
  const sex: string[] = [], race: string[] = [], label: number[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    for (let j = 0; j < F; j++) x[r * F + j] = Number(cells[featureIdx[j]]);
    sex.push(cells[iSex]);
    race.push(cells[iRace]);
    label.push(Number(cells[iLabel]));
  }
  return { sex, race, label, x, rows, F };
}

interface Ref {
  count: number; selection_rate: number; tpr: number | null; fpr: number | null; fnr: number | null; accuracy: number;
}

/** Independent group statistics: plain loops, string keys. */
function independent(raw: Raw, selected: Uint8Array, cols: ('sex' | 'race')[], minSize: number, reference: Record<string, string>) {
  const stats = new Map<string, { n: number; sel: number; pos: number; tp: number; neg: number; fp: number; correct: number }>();
  for (let i = 0; i < raw.rows; i++) {
    const key = cols.map((c) => `${c}=${raw[c][i]}`).join(', ');
    let s = stats.get(key);
    if (!s) { s = { n: 0, sel: 0, pos: 0, tp: 0, neg: 0, fp: 0, correct: 0 }; stats.set(key, s); }
    s.n++;
    if (selected[i]) s.sel++;
    if (raw.label[i] === 1) { s.pos++; if (selected[i]) s.tp++; } else { s.neg++; if (selected[i]) s.fp++; }
    if (selected[i] === raw.label[i]) s.correct++;
  }
  const groups = new Map<string, Ref>();
  for (const [k, s] of stats) {
    groups.set(k, {
      count: s.n,
      selection_rate: s.sel / s.n,
      tpr: s.pos ? s.tp / s.pos : null,
      fpr: s.neg ? s.fp / s.neg : null,
      fnr: s.pos ? (s.pos - s.tp) / s.pos : null,
      accuracy: s.correct / s.n,
    });
  }
  const inc = [...groups].filter(([, g]) => g.count >= minSize);
  const diffRatio = (vals: number[]) => {
    let mn = Infinity, mx = -Infinity;
    for (const v of vals) { if (v < mn) mn = v; if (v > mx) mx = v; }
    return { diff: mx - mn, ratio: mx > 0 ? mn / mx : null };
  };
  const sel = diffRatio(inc.map(([, g]) => g.selection_rate));
  const tpr = diffRatio(inc.filter(([, g]) => g.tpr !== null).map(([, g]) => g.tpr!));
  const fpr = diffRatio(inc.filter(([, g]) => g.fpr !== null).map(([, g]) => g.fpr!));
  // reference: every row matching the spec
  let rn = 0, rs = 0;
  for (let i = 0; i < raw.rows; i++) {
    if (Object.entries(reference).every(([c, v]) => raw[c as 'sex' | 'race'][i] === v)) { rn++; if (selected[i]) rs++; }
  }
  const refRate = rs / rn;
  const refKey = Object.keys(reference).length === cols.length ? cols.map((c) => `${c}=${reference[c]}`).join(', ') : null;
  let di = Infinity, spd = 0;
  const perGroupDi = new Map<string, number>();
  for (const [k, g] of inc) {
    if (k === refKey) continue;
    perGroupDi.set(k, g.selection_rate / refRate);
    di = Math.min(di, g.selection_rate / refRate);
    const d = g.selection_rate - refRate;
    if (Math.abs(d) > Math.abs(spd)) spd = d;
  }
  return {
    groups,
    perGroupDi,
    metrics: {
      demographic_parity_difference: sel.diff,
      demographic_parity_ratio: sel.ratio,
      equalized_odds_difference: Math.max(tpr.diff, fpr.diff),
      equalized_odds_ratio: Math.min(tpr.ratio!, fpr.ratio!),
      equal_opportunity_difference: tpr.diff,
      equal_opportunity_ratio: tpr.ratio,
      disparate_impact: di,
      statistical_parity_difference: spd,
    } as Record<string, number | null>,
    refRate,
  };
}

const raw = readRaw();
let logits: Float32Array;

test('Adult: the ONNX logistic regression runs through onnxruntime-node and is a sensible model', async () => {
  const session = await ort.InferenceSession.create(path.join(dir, 'adult-logreg.onnx'));
  assert.deepEqual(session.inputNames, ['features']);
  const out = await session.run({ features: new ort.Tensor('float32', raw.x, [raw.rows, raw.F]) });
  logits = out.logits.data as Float32Array;
  assert.equal(logits.length, raw.rows * 2);
  let correct = 0;
  for (let i = 0; i < raw.rows; i++) if ((logits[2 * i + 1] > logits[2 * i] ? 1 : 0) === raw.label[i]) correct++;
  const acc = correct / raw.rows;
  assert.ok(acc > 0.84 && acc < 0.87, `test accuracy ${acc}`); // a plain logistic regression on Adult: ~0.85
  await session.release();
});

async function gateOn(policy: Omit<FairnessPolicy, 'dataset'>) {
  const ds = await loadDataset('adult', { path: 'adult-test-encoded.csv', label: 'label', exclude: ['sex', 'race'] }, { workspace: csvDir, workingDirectory: csvDir });
  assert.equal(ds.features.length, raw.F);
  const labels = ds.labels!;
  const predictions: Predictions = {
    dataset: 'adult',
    rows: raw.rows,
    classes: 2,
    kind: 'logits',
    scores: Float64Array.from(logits),
    predicted: Int32Array.from({ length: raw.rows }, (_, i) => (logits[2 * i + 1] > logits[2 * i] ? 1 : 0)),
    labels: Int32Array.from({ length: raw.rows }, (_, i) => (labels.kind === 'number' ? labels.values[i] : Number(labels.values[i]))),
    classLabels: [0, 1],
  };
  return fairnessGate.run(makeContext({ dataset: 'adult', ...policy }, ds, predictions, 0));
}

function selectedBy(threshold?: number): Uint8Array {
  const s = new Uint8Array(raw.rows);
  for (let i = 0; i < raw.rows; i++) {
    const z0 = logits[2 * i], z1 = logits[2 * i + 1];
    // P(1) = softmax(z)[1] = 1 / (1 + exp(z0 - z1))
    s[i] = threshold === undefined ? (z1 > z0 ? 1 : 0) : 1 / (1 + Math.exp(z0 - z1)) >= threshold ? 1 : 0;
  }
  return s;
}

const cases: { name: string; cols: ('sex' | 'race')[]; reference: Record<string, string>; threshold?: number; minSize?: number }[] = [
  { name: 'sex', cols: ['sex'], reference: { sex: 'Male' } },
  { name: 'race', cols: ['race'], reference: { race: 'White' } },
  { name: 'sex × race', cols: ['sex', 'race'], reference: { sex: 'Male', race: 'White' } },
  { name: 'sex × race, threshold 0.3, reference sex=Male only, min-group-size 100', cols: ['sex', 'race'], reference: { sex: 'Male' }, threshold: 0.3, minSize: 100 },
];

for (const c of cases) {
  test(`Adult by ${c.name}: every per-group and aggregate number equals the independent computation`, async (t) => {
    const minSize = c.minSize ?? 30;
    const out = await gateOn({
      sensitive: c.cols,
      'reference-group': c.reference,
      'positive-label': 1,
      'min-group-size': minSize,
      bootstrap: 1000,
      ...(c.threshold === undefined ? {} : { 'decision-threshold': c.threshold }),
    });
    const ref = independent(raw, selectedBy(c.threshold), c.cols, minSize, c.reference);
    const rows = out.details.groups as GroupRow[];
    assert.equal(rows.length, ref.groups.size, 'same groups');
    const eq = (a: number | null | undefined, b: number | null, what: string) => {
      if (b === null) assert.equal(a, null, what);
      else assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-12, `${what}: gate ${a}, independent ${b}`);
    };
    for (const row of rows) {
      const g = ref.groups.get(row.group);
      assert.ok(g, `group ${row.group} exists independently`);
      assert.equal(row.count, g.count, `${row.group} count`);
      eq(row.selection_rate, g.selection_rate, `${row.group} selection_rate`);
      eq(row.true_positive_rate, g.tpr, `${row.group} TPR`);
      eq(row.false_positive_rate, g.fpr, `${row.group} FPR`);
      eq(row.false_negative_rate, g.fnr, `${row.group} FNR`);
      eq(row.accuracy, g.accuracy, `${row.group} accuracy`);
      assert.equal(row.included, g.count >= minSize, `${row.group} included`);
      if (ref.perGroupDi.has(row.group)) eq(row.disparate_impact, ref.perGroupDi.get(row.group)!, `${row.group} DI`);
    }
    for (const [m, v] of Object.entries(ref.metrics)) eq(out.metrics[m] as number | null, v, m);
    eq((out.details.reference_group as { selection_rate: number }).selection_rate, ref.refRate, 'reference selection rate');
    for (const [m, v] of Object.entries(out.metrics)) {
      const ci = out.ci?.[m];
      assert.ok(ci && ci[0] <= (v as number) && (v as number) <= ci[1], `${m} = ${v} inside its 95 % interval ${ci}`);
    }
    if (c.minSize) assert.ok((out.details.excluded as { metric: string }[]).some((e) => e.metric === 'all'), 'some small intersections are excluded');
    t.diagnostic(`${c.name}: ` + rows.map((r) => `${r.group} n=${r.count} sel=${r.selection_rate!.toFixed(4)}`).join('; '));
    t.diagnostic(`${c.name}: ` + Object.entries(out.metrics).map(([m, v]) => `${m}=${(v as number).toFixed(4)} [${out.ci![m].map((x) => x.toFixed(4)).join(', ')}]`).join('; '));
  });
}
