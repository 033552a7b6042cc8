/**
 * The drift section of the job summary / PR comment (Markdown) and the terminal: the drifted features first (a table,
 * highest drift score first), then the Mermaid chart of the top 10 by drift score, then the others in one line.
 * Driven by a real gate run (credit train_sample vs eval with income × 1.5).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateThresholds } from '../../src/gates/thresholds.ts';
import { driftScore, type FeatureResult } from '../../src/gates/drift/compute.ts';
import type { DriftDetails } from '../../src/gates/drift/index.ts';
import { gateSection } from '../../src/report/markdown.ts';
import { renderTerminal } from '../../src/report/terminal.ts';
import { num } from '../../src/report/view.ts';
import type { GateEntry } from '../../src/report/types.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { passReport, HOSTILE } from '../report/fixtures.ts';
import { fencesBalanced, interpretedProblems } from '../report/helpers.ts';
import { CREDIT, NUMERIC, creditDataset, runDrift } from './helpers.ts';

async function shiftedRun() {
  const lines = readFileSync(path.join(CREDIT, 'data/eval.csv'), 'utf8').trim().split('\n');
  const i = lines[0].split(',').indexOf('income');
  const shifted = [lines[0], ...lines.slice(1).map((l) => { const c = l.split(','); c[i] = String(Number(c[i]) * 1.5); return c.join(','); })].join('\n') + '\n';
  const ws = makeWorkspace({ 'data/train.csv': readFileSync(path.join(CREDIT, 'data/train_sample.csv'), 'utf8'), 'data/shifted.csv': shifted });
  try {
    const R = await creditDataset('train', ws.dir, 'data/train.csv');
    const C = await creditDataset('shifted', ws.dir, 'data/shifted.csv');
    const thresholds = { share_drifted: { max: 0.2 } };
    const out = await runDrift({ reference: 'train', current: 'shifted', features: [...NUMERIC, 'sex'], thresholds }, [R, C]);
    const checks = evaluateThresholds('drift', thresholds, out.metrics, undefined, 'point', () => undefined);
    const entry = { name: 'drift', result: { status: checks.every((c) => c.pass) ? 'pass' : 'fail', metrics: out.metrics, checks, details: out.details } } as GateEntry;
    return { entry, details: out.details };
  } finally {
    ws.cleanup();
  }
}

test('drift score: 1 at the threshold; -log10 p / -log10 threshold for p-values, distance / threshold otherwise; capped', () => {
  assert.equal(driftScore({ statistic: 0.05, statistic_kind: 'p_value', threshold: 0.05 }), 1);
  assert.equal(driftScore({ statistic: 0.0025, statistic_kind: 'p_value', threshold: 0.05 }), 2); // 0.05²
  assert.equal(driftScore({ statistic: 0.3, statistic_kind: 'distance', threshold: 0.1 }), 0.3 / 0.1);
  assert.equal(driftScore({ statistic: 0, statistic_kind: 'p_value', threshold: 0.05 }), 10);
  assert.equal(driftScore({ statistic: null, statistic_kind: 'p_value', threshold: 0.05 }), null);
});

test('Markdown: drifted table first (by drift score), then the chart, then the undrifted in one line', async () => {
  const { entry, details } = await shiftedRun();
  const text = gateSection(entry, { charts: true });
  const f = (name: string) => details.features.find((x) => x.feature === name)!;
  const inc = f('income'), late = f('late_payments');
  assert.deepEqual(details.drifted, ['income', 'late_payments']);
  assert.ok(driftScore(inc)! > driftScore(late)!);
  const table = [
    '**Drifted features** (2 of 7)',
    '',
    '| feature | method | statistic | drift when | rows (reference / current) |',
    '|---|---|---|---|---|',
    `| \`income\` | ks _(auto)_ | p ${num(inc.statistic)} | ≤ 0.05 | 200 / 600 |`,
    `| \`late_payments\` | chi2 _(auto)_ | p ${num(late.statistic)} | &lt; 0.05 | 200 / 600 |`,
  ].join('\n');
  const at = text.indexOf(table);
  assert.ok(at > 0, text);
  const chart = text.indexOf('```mermaid\nxychart-beta horizontal');
  const rest = text.indexOf('Not drifted (5): ');
  assert.ok(at < chart && chart < rest, 'table, chart, then the rest');
  // The chart: every feature (7 ≤ 10), highest score first, the scores as bars.
  const lines = text.slice(chart, text.indexOf('\n```', chart + 5)).split('\n');
  const byScore = [...details.features].sort((a, b) => driftScore(b)! - driftScore(a)!);
  assert.equal(lines[2], '    title "drift score, top 7 of 7 (1 = threshold, p-values as -log10 p / -log10 threshold)"');
  assert.equal(lines[3], `    x-axis "feature" [${byScore.map((r) => `"${r.feature}"`).join(', ')}]`);
  assert.equal(lines[4], '    y-axis "drift score" 0 --> 10'); // income's p < 1e-20: capped at 10
  assert.equal(lines[5], `    bar [${byScore.map((r) => String(Number(driftScore(r)!.toFixed(4)))).join(', ')}]`);
  // The undrifted ones, each with its method and statistic, in one line; no generic dump of the feature list.
  const undrifted = details.features.filter((r) => !r.drifted).sort((a, b) => driftScore(b)! - driftScore(a)!);
  const line = `Not drifted (5): ${undrifted.map((r) => `\`${r.feature}\` (${r.method}, p ${num(r.statistic)})`).join(', ')}`;
  assert.ok(text.split('\n').includes(line), line);
  assert.ok(!/\| `features` \|/.test(text), 'features are not repeated in the generic details');
  assert.ok(fencesBalanced(text));
});

test('Markdown and terminal: untrusted feature names are escaped; no drift gives one line', async () => {
  const { entry } = await shiftedRun();
  const d = structuredClone(entry.result.details) as DriftDetails;
  const evil = `${HOSTILE.table} ${HOSTILE.details} ${HOSTILE.fence} ${HOSTILE.mention} ${HOSTILE.link}`;
  d.features[1] = { ...(d.features[1] as FeatureResult), feature: evil };
  const md = gateSection({ name: 'drift', result: { ...entry.result, details: d } } as GateEntry, { charts: true });
  assert.deepEqual(interpretedProblems(md), []);
  assert.ok(fencesBalanced(md));
  const chartText = md.slice(md.indexOf('```mermaid'));
  assert.ok(!/"[^"]*[<>|`][^"]*"/.test(chartText.slice(0, chartText.indexOf('\n```', 5))), 'mermaid labels are sanitised');

  const report = passReport();
  (report.gates as Record<string, unknown>).drift = entry.result;
  const term = renderTerminal(report);
  const i = term.indexOf('Gate drift: fail');
  assert.ok(i >= 0, term);
  const block = term.slice(i, term.indexOf('\n\n', i));
  assert.match(block, /  drifted features \(2 of 7\):\n    feature\s+method\s+statistic\s+threshold\s+rows \(ref \/ cur\)\n    [- ]+\n    income\s+ks\s+p \S+\s+0\.05\s+200 \/ 600\n    late_payments\s+chi2/);
  assert.match(block, /  not drifted \(5\): /);

  const none = structuredClone(entry.result.details) as DriftDetails;
  none.features = none.features.map((r) => ({ ...r, drifted: false }));
  const quiet = gateSection({ name: 'drift', result: { ...entry.result, details: none } } as GateEntry, { charts: false });
  assert.ok(quiet.includes('**No feature drifted** (7 tested)'));
  assert.ok(!quiet.includes('```mermaid'));
});
