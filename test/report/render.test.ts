import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMENT_MAX_CHARS, commentMarker, renderCheckRun, renderComment, sanitizeId } from '../../src/report/comment.ts';
import { SUMMARY_MAX_BYTES, renderSummary } from '../../src/report/summary.ts';
import { renderTerminal } from '../../src/report/terminal.ts';
import type { GateResult } from '../../src/report/types.ts';
import { errorReport, failReport, hugeReport, passReport, HOSTILE } from './fixtures.ts';
import { fencesBalanced, interpretedProblems, runnerCommands } from './helpers.ts';

const RUN = 'https://github.com/acme/ml/actions/runs/42';
const opts = { id: 'credit', runUrl: RUN };

function balancedDetails(md: string): boolean {
  const open = (md.match(/<details( open)?>/g) ?? []).length;
  return open === (md.match(/<\/details>/g) ?? []).length && open === (md.match(/<summary>/g) ?? []).length;
}

/** Index of a heading/line in the text (must exist). */
function at(text: string, needle: string | RegExp): number {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  assert.ok(i >= 0, `missing: ${needle}`);
  return i;
}

test('summary: verdict first, then loosenings, failed checks, signature, gates, datasets', () => {
  const s = renderSummary(failReport(), opts);
  assert.ok(s.startsWith('# ❌ model-gate `credit`: FAIL\n\n**The model failed 3 of 4 gates: robustness, memorisation, fairness; this pull request loosens the policy'));
  const order = ['## ⚠️ Policy loosened (3)', '## Failed checks', '## Signature', '## Gates', '### ❌ robustness: fail', '### ❌ memorisation: fail', '### ❌ fairness: fail', '## Datasets', '## Model card', '<details><summary>Warnings (3)', '<details><summary>Environment'];
  const pos = order.map((h) => at(s, h));
  assert.deepEqual(pos, [...pos].sort((a, b) => a - b));
  // per-gate table with threshold, result and CI
  assert.ok(s.includes('| `auc` | 0.71 | ≤ 0.6 | 0.73 | ❌ fail | [0.69, 0.73] |'));
  assert.ok(s.includes('| `robust_accuracy` | 0.71 | ≥ 0.85 | ❌ fail |   |'));
  // robustness chart: robust accuracy against epsilon, epsilons sorted numerically
  assert.ok(s.includes('```mermaid\nxychart-beta\n    title "robust accuracy vs epsilon"\n    x-axis "epsilon" ["0.05", "0.1"]\n    y-axis "robust accuracy" 0 --> 1\n    line [0.9, 0.71]\n```'));
  // fairness: the gate's order (worst first for the failing metric) is kept and named; bold sort column; bar chart
  const groups = s.slice(at(s, '**Groups** (sorted by selection&#95;rate (lowest first; demographic&#95;parity&#95;difference fails))'));
  assert.ok(groups.indexOf('| sex=Female | 400 | **0.2**') < groups.indexOf('| sex=Male | 500 | **0.4**'));
  assert.ok(groups.includes('    bar [0.2, 0.3, 0.4]'));
  assert.ok(!groups.slice(0, groups.indexOf('```mermaid')).includes('values'), 'the group values object is not a column');
  // attacks tables (memorisation: the gate's map name → {info, metrics}, metrics lifted into columns)
  assert.ok(s.includes('| `square` | score-based | 5000 | 2 | true | p&#95;init: 0.8 |'));
  assert.ok(s.includes('| attack | kind | score | auc | advantage | tpr_at_fpr_0.01 | tpr_at_fpr_0.001 | method | reference_models | source |'));
  assert.ok(s.includes('| `lira-offline` | reference-model |   | 0.78 | 0.41 | 0.22 | 0.09 | offline LiRA | 4 |   |'));
  // datasets: short sha, pinned, changed in PR
  assert.ok(s.includes('| `222222222222` | 📌 yes | ✏️ **changed** |'));
  assert.ok(fencesBalanced(s) && balancedDetails(s));
});

test('summary of a pass and of an error', () => {
  const p = renderSummary(passReport(), opts);
  assert.ok(p.startsWith('# ✅ model-gate `credit`: PASS\n\n**The model passed all 2 gates (accuracy, robustness) and its signature was verified.**'));
  assert.ok(!p.includes('Failed checks') && !p.includes('Policy loosened'));
  assert.ok(p.includes('line [0.91, 0.89, 0.87]'));
  const e = renderSummary(errorReport(), opts);
  assert.ok(e.startsWith('# ⚠️ model-gate `credit`: ERROR\n\n**model-gate could not evaluate the model: .github/model-gate.yml:12:5: gates.robustnes'));
  assert.ok(at(e, '## Errors') < at(e, '## Signature'));
  assert.ok(!e.includes('## Gates'), 'gates absent from the report are absent from the summary');
});

test('unknown gates are rendered generically (metrics table + key/value details)', () => {
  const r = passReport();
  // not a registered gate (e.g. a newer model-gate's report): outside the Report type, rendered generically
  (r.gates as Record<string, GateResult>)['my-gate'] = { status: 'pass', metrics: { score: 0.5, nested: { a: 1 } }, checks: [], details: { note: HOSTILE.mention, list: [1, 2, 3] } };
  const s = renderSummary(r, opts);
  const sec = s.slice(at(s, '### ✅ my-gate: pass'));
  assert.ok(sec.includes('| `score` | 0.5 |'));
  assert.ok(sec.includes('| `list` | 1, 2, 3 |'));
  assert.deepEqual(interpretedProblems(sec.slice(0, sec.indexOf('## Datasets'))), []);
});

test('details tables: no raw JSON, nothing cut mid-word, long values end at an item boundary', () => {
  const r = passReport();
  const long = 'word '.repeat(200).trim(); // 999 characters
  (r.gates as Record<string, GateResult>)['my-gate'] = {
    status: 'pass', metrics: { score: 0.5 }, checks: [],
    details: {
      confusion: { tp: 59, fp: 27 }, empty: [], nothing: {}, nested: { memory_mb: { per_row: 0, budget: 1024 }, ops: ['Gemm', 'Relu'] },
      long, many: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i / 3])),
    },
  };
  const s = renderSummary(r, opts);
  const sec = s.slice(at(s, '### ✅ my-gate: pass'), at(s, '## Datasets'));
  assert.ok(sec.includes('| `confusion` | tp: 59<br>fp: 27 |'));
  assert.ok(sec.includes('| `empty` | none |') && sec.includes('| `nothing` | none |'));
  assert.ok(sec.includes('| `nested` | memory&#95;mb: (per&#95;row: 0, budget: 1024)<br>ops: (Gemm, Relu) |'));
  // 600 characters at most: 119 whole words and the ellipsis
  assert.ok(sec.includes(`| \`long\` | ${'word '.repeat(119).trim()}… |`));
  // k0: 0<br>k1: 0.3333<br>... each entry is whole; the rest is counted
  const many = sec.split('\n').find((l) => l.startsWith('| `many` |'))!;
  const shown = many.split('<br>').filter((x) => /k\d+: /.test(x));
  assert.ok(shown.length > 10 && shown.length < 100);
  assert.ok(many.endsWith(`<br>… ${100 - shown.length} more: see the report file |`));
  for (const x of shown) assert.match(x, /k(\d+): (0|\d+(\.\d+)?)( \|)?$/);
  assert.ok(!/[{}"]/.test(sec.replace(/<details>|<\/details>|<summary>[^<]*<\/summary>/g, '')), 'no JSON braces or quotes');
});

test('hostile text is escaped in the summary, the comment and the check run', () => {
  for (const r of [failReport(), errorReport(), hugeReport(200, 20)]) {
    const texts = [renderSummary(r, opts), renderComment(r, opts), renderCheckRun(r, opts).summary, renderCheckRun(r, opts).text];
    for (const t of texts) {
      assert.deepEqual(interpretedProblems(t, [RUN]), []);
      assert.ok(fencesBalanced(t), 'fences balanced');
      assert.ok(balancedDetails(t), 'details balanced');
      assert.ok(!t.includes('\u202e') && !t.includes('\u001b'));
    }
  }
});

test('comment: marker on the first line (and only there), loosenings first, link to the run', () => {
  const c = renderComment(failReport(), opts);
  const lines = c.split('\n');
  assert.equal(lines[0], '<!-- model-gate:credit -->');
  assert.equal(c.split('<!-- model-gate:').length, 2, 'a spoofed marker in the report text is escaped');
  assert.ok(at(c, '### ⚠️ Policy loosened (3)') < at(c, '### ❌ model-gate `credit`: FAIL'));
  assert.ok(c.includes('| memorisation | ❌ fail | ❌ `auc` 0.71 (≤ 0.6)<br>❌ `tpr_at_fpr_0.001` 0.05 (≤ 0.01) |'));
  assert.ok(c.trimEnd().endsWith(`[Full report: job summary of this run](${RUN}) · <sub>model-gate \`credit\`</sub>`));
  assert.equal(commentMarker('a b-->c'), '<!-- model-gate:a_b--_c -->');
  assert.equal(sanitizeId(''), 'default');
});

test('size caps: summary < 1 MiB, comment < 65,536 characters, both cut cleanly with a note', () => {
  const r = hugeReport(20000, 400);
  const s = renderSummary(r, opts);
  assert.ok(Buffer.byteLength(s) <= SUMMARY_MAX_BYTES, `summary ${Buffer.byteLength(s)} bytes`);
  assert.ok(s.startsWith('# ❌ model-gate'));
  assert.ok(s.includes('more rows not shown'), 'group table capped');
  assert.ok(fencesBalanced(s) && balancedDetails(s));
  const small = renderSummary(r, { ...opts, maxBytes: 20_000 });
  assert.ok(Buffer.byteLength(small) <= 20_000);
  assert.match(small, /This summary was cut to stay under GitHub's 1 MiB limit: \d+ sections? left out\./);
  assert.ok(fencesBalanced(small) && balancedDetails(small));
  r.warnings = [];
  r.gates.fairness!.checks = r.gates.fairness!.checks.map((c) => ({ ...c, message: 'z'.repeat(3000) }));
  const c = renderComment(r, opts);
  assert.ok(Buffer.byteLength(c) <= COMMENT_MAX_CHARS, `comment ${Buffer.byteLength(c)} bytes`);
  assert.ok(c.startsWith('<!-- model-gate:credit -->\n'));
  assert.match(c, /Comment cut to stay under GitHub's size limit \(\d+ sections? left out\)/);
  assert.ok(c.includes(`](${RUN})`), 'the link to the run survives truncation');
  assert.ok(fencesBalanced(c) && balancedDetails(c));
  const cr = renderCheckRun(r, opts);
  assert.ok(cr.summary.length <= 65_535 && cr.text.length <= 65_535 && cr.title.length <= 255);
  // non-ASCII group names: still under the limit counted in bytes
  const wide = hugeReport(3000, 10);
  wide.gates.fairness!.details.groups = wide.gates.fairness!.details.groups!.map((g, i) => ({ ...g, group: `地域=東京${i}${'語'.repeat(200)}` }));
  wide.gates.fairness!.checks[0].message = '語'.repeat(30000);
  const cw = renderComment(wide, opts);
  assert.ok(Buffer.byteLength(cw) <= COMMENT_MAX_CHARS, `comment ${Buffer.byteLength(cw)} bytes`);
});

test('terminal: plain aligned columns, no ANSI unless asked, nothing the runner parses', () => {
  const t = renderTerminal(failReport(), { id: 'credit' });
  assert.ok(t.startsWith('model-gate credit: FAIL\nThe model failed 3 of 4 gates'));
  assert.ok(!t.includes('\u001b'), 'no escape characters');
  assert.deepEqual(runnerCommands(t), []);
  // aligned: in each table, every row starts its columns where the dashes do
  const lines = t.split('\n');
  const i = lines.findIndex((l) => l.startsWith('  metric              value'));
  const dashes = lines[i + 1];
  const starts = [...dashes.matchAll(/-+/g)].map((m) => m.index);
  for (const row of lines.slice(i + 2, i + 6)) for (const s of starts.slice(1)) if (row.length > s) assert.equal(row[s - 1], ' ', row);
  assert.ok(t.includes('  auc                 0.71   ≤ 0.6      FAIL    [0.69, 0.73]'));
  const colored = renderTerminal(failReport(), { id: 'credit', color: true });
  assert.ok(colored.includes('\u001b[31mFAIL\u001b[0m'));
  assert.deepEqual(runnerCommands(renderTerminal(errorReport())), []);
  assert.ok(renderTerminal(errorReport()).includes('gates.robustnes is not a known gate :\u200b:error:\u200b:pwned'));
});

test('rendering is deterministic', () => {
  assert.equal(renderSummary(failReport(), opts), renderSummary(failReport(), opts));
  assert.equal(renderComment(failReport(), opts), renderComment(failReport(), opts));
});

test('verdict sentences', async () => {
  const { verdictView } = await import('../../src/report/view.ts');
  const r = passReport();
  r.gates = {};
  assert.equal(verdictView(r).sentence, 'No gate ran; its signature was verified.');
  const one = passReport();
  delete one.gates.robustness;
  assert.equal(verdictView(one).sentence, 'The model passed its only gate (accuracy) and its signature was verified.');
  const sig = errorReport();
  sig.verdict = 'fail';
  sig.errors = [];
  sig.signature = { status: 'failed', message: 'wrong signer' };
  sig.failed_gates = ['signature'];
  assert.equal(verdictView(sig).sentence, 'The model signature did not verify.');
});

test('gates that stopped with an error have partial details: no per-epsilon, attack or group tables', () => {
  const r = failReport();
  r.gates.robustness = { status: 'error', metrics: {}, checks: [], details: { dataset: 'eval' }, message: 'robustness stopped' };
  r.gates.fairness = { status: 'error', metrics: {}, checks: [], details: {}, message: 'fairness stopped' };
  const s = renderSummary(r, opts);
  assert.ok(!s.includes('xychart-beta') && !s.includes('**Attacks**') && !s.includes('**Groups**'));
  assert.ok(s.includes('**Membership-inference attacks**'), 'the gates that ran keep theirs');
  const t = renderTerminal(r);
  assert.ok(!t.includes('per epsilon:') && !t.includes('groups (sorted by'));
});

test('timings: the engine records milliseconds, the summary shows them as seconds', () => {
  const r = passReport();
  // As src/engine/run.ts writes them: Math.round(performance.now() - since), i.e. whole milliseconds.
  r.timings = { policy: 42, inference: 1500, total: 61234, long: 612345 };
  const s = renderSummary(r, opts);
  const block = s.slice(at(s, '<details><summary>Timings</summary>'));
  assert.ok(block.includes('| step | seconds |'), block);
  assert.ok(block.includes('| policy | 0.042 |'), block);
  assert.ok(block.includes('| inference | 1.50 |'), block);
  assert.ok(block.includes('| total | 61.23 |'), block);
  assert.ok(block.includes('| long | 612.3 |'), block);
});
