/**
 * The fairness chart on real intersectional groups: UCI Adult (the logistic regression of test/fixtures/fairness on
 * adult-test-encoded.csv), sensitive [sex, race] = 10 groups. The chart is a horizontal Mermaid bar chart whose
 * labels are the groups' values as written in the CSV (commas kept, nothing cut for these lengths), in the table's
 * order, with the selection rates counted here from the raw CSV and the model's outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { loadDataset } from '../../src/data/load.ts';
import { fairnessGate } from '../../src/gates/fairness/index.ts';
import type { Predictions } from '../../src/gates/types.ts';
import { gateSection, selectionRateChart } from '../../src/report/markdown.ts';
import type { GateEntry } from '../../src/report/types.ts';
import { makeContext } from '../fairness/helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelPath = path.join(here, '..', 'fixtures', 'fairness', 'adult-logreg.onnx');
const csvDir = path.join(here, '..', 'fixtures', 'data', 'adult');

function chartLines(text: string): string[] {
  const start = text.indexOf('```mermaid\nxychart-beta horizontal');
  assert.ok(start >= 0, 'a horizontal xychart');
  return text.slice(start, text.indexOf('\n```', start + 10)).split('\n');
}

test('Adult sex × race: one readable bar per group, values as labels, rates as counted from the CSV', async () => {
  const lines = readFileSync(path.join(csvDir, 'adult-test-encoded.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(',');
  const iSex = header.indexOf('sex'), iRace = header.indexOf('race'), iLabel = header.indexOf('label');
  const feat = header.map((_, i) => i).filter((i) => i !== iSex && i !== iRace && i !== iLabel);
  const rows = lines.length - 1;
  const x = new Float32Array(rows * feat.length);
  for (let r = 0; r < rows; r++) {
    const c = lines[r + 1].split(',');
    feat.forEach((j, k) => (x[r * feat.length + k] = Number(c[j])));
  }
  const session = await ort.InferenceSession.create(modelPath);
  const logits = (await session.run({ features: new ort.Tensor('float32', x, [rows, feat.length]) })).logits.data as Float32Array;
  await session.release();
  const predicted = Int32Array.from({ length: rows }, (_, i) => (logits[2 * i + 1] > logits[2 * i] ? 1 : 0));

  // independent: selection rate per "sex, race" from the raw text
  const counts = new Map<string, { n: number; sel: number }>();
  for (let r = 0; r < rows; r++) {
    const c = lines[r + 1].split(',');
    const key = `${c[iSex]}, ${c[iRace]}`;
    const s = counts.get(key) ?? { n: 0, sel: 0 };
    s.n++;
    s.sel += predicted[r];
    counts.set(key, s);
  }
  assert.equal(counts.size, 10);

  const ds = await loadDataset('adult', { path: 'adult-test-encoded.csv', label: 'label', exclude: ['sex', 'race'] }, { workspace: csvDir, workingDirectory: csvDir });
  const labels = ds.labels!;
  const predictions: Predictions = {
    dataset: 'adult', rows, classes: 2, kind: 'logits', scores: Float64Array.from(logits), predicted,
    labels: Int32Array.from({ length: rows }, (_, i) => Number(labels.values[i])), classLabels: [0, 1],
  };
  const out = await fairnessGate.run(makeContext({ dataset: 'adult', sensitive: ['sex', 'race'], 'min-group-size': 30, bootstrap: 0 }, ds, predictions, 0));
  const entry = { name: 'fairness', result: { status: 'pass', metrics: out.metrics, checks: [], details: out.details } } as unknown as GateEntry;
  const chart = chartLines(gateSection(entry, { charts: true }));

  assert.equal(chart[3], '    x-axis "sex × race" [' + out.details.groups.filter((g) => g.included).map((g) => `"${g.values.sex}, ${g.values.race}"`).join(', ') + ']');
  const labelsDrawn = [...chart[3].matchAll(/"([^"]*)"/g)].map((m) => m[1]).slice(1);
  assert.deepEqual([...labelsDrawn].sort(), [...counts].filter(([, c]) => c.n >= 30).map(([k]) => k).sort(), 'every group drawn, by its values, nothing mangled or cut');
  const bars = chart[5].replace(/^ {4}bar \[|\]$/g, '').split(', ').map(Number);
  labelsDrawn.forEach((l, i) => {
    const c = counts.get(l)!;
    assert.ok(Math.abs(bars[i] - c.sel / c.n) <= 5e-5, `${l}: bar ${bars[i]}, counted ${c.sel / c.n}`);
  });
  // Adult has intersections below 30 rows? They are left out of the drawing and the title says so.
  const small = [...counts.values()].filter((c) => c.n < 30).length;
  assert.equal(chart[2], `    title "selection rate per group${small ? ` (${small} small group${small === 1 ? '' : 's'} not drawn)` : ''}"`);
});

test('more than 20 groups: the first 20 in table order are drawn and the title says so; long labels end in …', () => {
  const groups = Array.from({ length: 25 }, (_, i) => ({ name: `g${i}`, cells: { values: { region: `region number ${i} with a very long name indeed` }, selection_rate: i / 50, included: true } }));
  groups.splice(3, 0, { name: 'tiny', cells: { values: { region: 'tiny' }, selection_rate: 0.99, included: false } });
  const chart = selectionRateChart(groups, ['region']).split('\n');
  assert.equal(chart[2], '    title "selection rate per group (first 20 of 25, 1 small group not drawn)"');
  const labels = [...chart[3].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  assert.equal(labels.length, 21); // the axis title and 20 groups
  assert.equal(labels[1], 'region number 0 with a very long name i…');
  assert.equal([...labels[1]].length, 40);
  assert.equal(chart[5], `    bar [${Array.from({ length: 20 }, (_, i) => String(i / 50)).join(', ')}]`);
});
