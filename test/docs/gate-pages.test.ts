/**
 * docs/gates/*.md: every ```yaml policy block is a complete policy that the real policy loader (parsePolicy, the
 * schema and the cross-field checks) accepts, and each gate's page has at least one that configures that gate.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../../src/policy/load.ts';
import { ROOT } from '../helpers/workspace.ts';
import { GATES } from '../../src/gates/registry.ts';

const dir = path.join(ROOT, 'docs/gates');
const pages = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();

/** The ```yaml policy blocks of a Markdown text, with the line each starts on. */
function policyBlocks(text: string): { line: number; yaml: string }[] {
  const out: { line: number; yaml: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```yaml\s+policy\s*$/.test(lines[i])) continue;
    const end = lines.indexOf('```', i + 1);
    assert.ok(end > i, `unclosed block at line ${i + 1}`);
    out.push({ line: i + 2, yaml: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return out;
}

test('there is a page per gate and for the signature check', () => {
  assert.deepEqual(pages, [...GATES.map((g) => g.name), 'signature'].sort().map((n) => `${n}.md`));
});

for (const page of pages) {
  test(`docs/gates/${page}: every policy block loads with the real policy loader`, () => {
    const blocks = policyBlocks(readFileSync(path.join(dir, page), 'utf8'));
    assert.ok(blocks.length >= 1, 'at least one worked policy');
    const gate = page.replace(/\.md$/, '');
    let configures = false;
    for (const b of blocks) {
      const { policy } = parsePolicy(b.yaml, `docs/gates/${page}:${b.line}`);
      assert.equal(policy.version, 1);
      if (gate === 'signature' ? policy.signature.required && policy.signature.bundle !== undefined : gate in policy.gates) configures = true;
    }
    assert.ok(configures, `a policy block configures ${gate}`);
  });
}

test('the block reader finds marked blocks only, and the loader rejects a broken one', () => {
  const text = '```yaml\nnot: a policy\n```\n\n```yaml policy\nversion: 1\nmodel: { path: m.onnx }\nsignature: { required: false }\ngates: { accuracy: { dataset: nope, thresholds: { accuracy: { min: 0.9 } } } }\n```\n';
  const blocks = policyBlocks(text);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].line, 6);
  assert.throws(() => parsePolicy(blocks[0].yaml, 'x.md'), /nope/);
});

/** The first worked policy of these pages runs on the shipped example named, with the outcome the page states. */
const RUNS: { page: string; example: string; exit: number; checks: Record<string, boolean> }[] = [
  { page: 'accuracy.md', example: 'credit', exit: 1, checks: { 'accuracy.accuracy': true, 'accuracy.roc_auc': true, 'accuracy.recall': false } },
  { page: 'robustness.md', example: 'credit', exit: 0, checks: { 'robustness.robust_accuracy': true } },
  { page: 'memorisation.md', example: 'credit', exit: 1, checks: { 'memorisation.auc': true, 'memorisation.generalization_gap': false, 'memorisation.duplicates': true } },
  { page: 'fairness.md', example: 'credit', exit: 0, checks: { 'fairness.demographic_parity_difference': true } },
  // The CLI has no base commit: regression is skipped, the accuracy gate decides.
  { page: 'regression.md', example: 'credit', exit: 0, checks: { 'accuracy.accuracy': true } },
  { page: 'drift.md', example: 'credit', exit: 0, checks: { 'drift.share_drifted': true, 'drift.drifted_features': true, 'drift.drifted:prediction:class': true } },
  { page: 'model-card.md', example: 'model-card', exit: 0, checks: { 'model-card.claim:accuracy': true, 'model-card.claim:demographic_parity_difference': true } },
];

for (const r of RUNS) {
  test(`docs/gates/${r.page}: the worked policy gives the stated outcome on examples/${r.example}`, async () => {
    const { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const { main } = await import('../../src/cli.ts');
    const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-docs-')));
    try {
      cpSync(path.join(ROOT, 'examples', r.example), ws, { recursive: true });
      writeFileSync(path.join(ws, 'docs-policy.yml'), policyBlocks(readFileSync(path.join(dir, r.page), 'utf8'))[0].yaml);
      const sink = { write: () => true };
      const code = await main(['check', '--workspace', ws, '--policy', 'docs-policy.yml', '--json', path.join(ws, 'r.json')], { stdout: sink, stderr: sink });
      const report = JSON.parse(readFileSync(path.join(ws, 'r.json'), 'utf8'));
      assert.equal(code, r.exit, JSON.stringify(report.errors));
      const got: Record<string, boolean> = {};
      for (const [g, res] of Object.entries(report.gates) as [string, { checks: { metric: string; pass: boolean }[] }][]) for (const c of res.checks) got[`${g}.${c.metric}`] = c.pass;
      for (const [k, v] of Object.entries(r.checks)) assert.equal(got[k], v, k);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
}
