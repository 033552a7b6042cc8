import test from 'node:test';
import assert from 'node:assert/strict';
import { parseCard } from '../../src/modelcard/parse.ts';
import { diffCards, unifiedDiff } from '../../src/modelcard/diff.ts';
import { compareClaims } from '../../src/modelcard/claims.ts';
import { modelCardReport } from '../../src/modelcard/index.ts';
import { cardDiffMarkdown } from '../../src/modelcard/render.ts';
import { runCardDiffCommand } from '../../src/cli/card-diff.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

const BASE = `---
license: apache-2.0
datasets:
  - acme/loans-2024
tags: [tabular]
model-index:
  - name: credit
    results:
      - task: { type: tabular-classification }
        dataset: { type: acme/loans-2024, name: Loans, split: test }
        metrics:
          - type: accuracy
            value: 0.91
          - type: roc_auc
            value: 0.95
---

# Credit model

Predicts default.

## Limitations

Only for adults.
Trained on 2024 data.
`;

const HEAD = `---
license: other
datasets:
  - acme/loans-2025
tags: [tabular]
model-index:
  - name: credit
    results:
      - task: { type: tabular-classification }
        dataset: { type: acme/loans-2024, name: Loans, split: test }
        metrics:
          - type: accuracy
            value: 0.93
          - type: robust_accuracy
            value: "n/a"
---

# Credit model

Predicts default.

## Limitations

Only for adults.
Trained on 2025 data.
`;

test('parses front matter, model-index metrics with their lines, and heading sections', () => {
  const c = parseCard(HEAD, 'model/README.md');
  assert.equal(c.frontMatter.license, 'other');
  assert.deepEqual(c.metrics.map((m) => [m.type, m.value, m.line]), [['accuracy', 0.93, 13], ['robust_accuracy', 'n/a', 15]]);
  assert.equal(c.metrics[0].dataset, 'acme/loans-2024');
  assert.equal(c.metrics[0].split, 'test');
  assert.deepEqual(c.sections.map((s) => [s.title, s.line]), [['Credit model', 18], ['Credit model > Limitations', 22]]);
  assert.equal(c.keyLines.license, 2);
});

test('diff: licence change is loud, datasets added/removed, metrics keyed by task/dataset/split/metric with delta, prose as unified diff', () => {
  const d = diffCards(parseCard(BASE, 'README.md'), parseCard(HEAD, 'README.md'));
  assert.equal(d.status, 'changed');
  assert.deepEqual(d.metadata, [{ key: 'license', from: 'apache-2.0', to: 'other', loud: true, line: 2 }]);
  assert.deepEqual(d.datasets, { added: ['acme/loans-2025'], removed: ['acme/loans-2024'] });
  const byMetric = Object.fromEntries(d.metrics.map((m) => [m.metric, m]));
  assert.equal(byMetric.accuracy.change, 'changed');
  assert.ok(Math.abs(byMetric.accuracy.delta! - 0.02) < 1e-12);
  assert.equal(byMetric.roc_auc.change, 'removed');
  assert.equal(byMetric.robust_accuracy.change, 'added');
  assert.equal(byMetric.robust_accuracy.delta, null);
  assert.equal(d.sections.length, 1);
  assert.equal(d.sections[0].title, 'Credit model > Limitations');
  assert.equal(d.sections[0].diff, '@@ -1,2 +1,2 @@\n Only for adults.\n-Trained on 2024 data.\n+Trained on 2025 data.');
});

test('a new, deleted and renamed card', () => {
  assert.equal(diffCards(null, parseCard(HEAD, 'a.md')).status, 'added');
  assert.equal(diffCards(parseCard(BASE, 'a.md'), null).status, 'deleted');
  assert.equal(diffCards(parseCard(BASE, 'a.md'), parseCard(BASE, 'b.md')).status, 'renamed');
  assert.equal(diffCards(parseCard(BASE, 'a.md'), parseCard(BASE, 'a.md')).status, 'unchanged');
});

test('unified diff hunks: context lines and separate hunks', () => {
  const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n');
  const b = ['1', 'two', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'twelve'].join('\n');
  assert.equal(unifiedDiff(a, b), ['@@ -1,5 +1,5 @@', ' 1', '-2', '+two', ' 3', ' 4', ' 5', '@@ -9,4 +9,4 @@', ' 9', ' 10', ' 11', '-12', '+twelve'].join('\n'));
  assert.equal(unifiedDiff('', 'x'), '@@ -0,0 +1,1 @@\n+x');
});

test('claimed vs measured: tolerance, percentages, non-numeric claims, unmeasured metrics, missing claims', () => {
  const card = parseCard(HEAD, 'model/README.md');
  const claims = compareClaims(card, { accuracy: 0.915 }, { claims: { accuracy: { measured: 'accuracy', tolerance: 0.01 }, robust_accuracy: { measured: 'robust_accuracy', tolerance: 0.02 }, f1: { measured: 'f1', tolerance: 0.01 } }, 'on-mismatch': 'fail' });
  const acc = claims.find((c) => c.claim === 'accuracy')!;
  assert.equal(acc.pass, false);
  assert.equal(acc.line, 13);
  assert.equal(acc.note, 'claimed 0.93, measured 0.915 (tolerance 0.01)');
  assert.equal(claims.find((c) => c.claim === 'robust_accuracy')!.pass, null);
  assert.match(claims.find((c) => c.claim === 'f1')!.note!, /the card makes no f1 claim/);
  // Within tolerance, and a percentage claim.
  assert.equal(compareClaims(card, { accuracy: 0.925 }, undefined)[0].pass, true);
  const pct = parseCard(HEAD.replace('value: 0.93', 'value: 93.0'), 'c.md');
  const p = compareClaims(pct, { accuracy: 0.932 }, undefined)[0];
  assert.equal(p.pass, true);
  assert.equal(p.note, 'claim read as a percentage');
  // Without a model-card gate only metrics with a measured name are compared, tolerance 0.01, warn.
  const dflt = compareClaims(card, { accuracy: 0.8 }, undefined);
  assert.equal(dflt.length, 1);
  assert.equal(dflt[0].onMismatch, 'warn');
  assert.equal(dflt[0].tolerance, 0.01);
});

test('hostile card text is escaped in Markdown: no workflow commands, no mentions, no fence break-out', () => {
  const evil = BASE.replace('Only for adults.', 'Only for adults. ::error::pwned @octocat <script>x</script> ```` </details>');
  const r = modelCardReport({ base: { path: 'a.md', text: BASE }, head: { path: 'a.md', text: evil }, measured: {}, coversCard: false });
  const out = cardDiffMarkdown(r);
  // The card text only appears inside a fence longer than any backtick run in it (where it renders as text).
  const fence = /(`{5,})diff\n([\s\S]*?)\n\1\n/.exec(out);
  assert.ok(fence, out);
  assert.ok(fence[2].includes('::error::pwned @octocat <script>'));
  const outside = out.replace(fence[0], '');
  assert.ok(!outside.includes('@octocat') && !outside.includes('<script>') && !outside.includes('::error'), outside);
  assert.ok(!/^::/m.test(out));
  assert.match(out, /not\*\* covered by the signature/);
});

test('card-diff CLI prints the diff and claims against a report', async () => {
  const { dir, cleanup } = makeWorkspace({
    'base.md': BASE,
    'head.md': HEAD,
    'report.json': JSON.stringify({ gates: { accuracy: { metrics: { accuracy: 0.8 } } }, signature: { covers_card: true } }),
  });
  try {
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
    assert.equal(await runCardDiffCommand([`${dir}/base.md`, `${dir}/head.md`, '--report', `${dir}/report.json`], io), 0);
    assert.match(out, /LICENCE CHANGED: license: "apache-2.0" -> "other"/);
    assert.match(out, /dataset added: acme\/loans-2025/);
    assert.match(out, /tabular-classification \| acme\/loans-2024 \| test \| accuracy: 0.91 -> 0.93 \+0.02/);
    assert.match(out, /accuracy \[acme\/loans-2024\/test\]: claimed 0.93, measured 0.8 \(±0.01\): MISMATCH \(warning\)/);
    assert.match(out, /the card is inside the signed subject/);
    assert.equal(await runCardDiffCommand([`${dir}/base.md`], io), 2);
  } finally {
    cleanup();
  }
});
