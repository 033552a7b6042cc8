/**
 * What a new user reads on the shipped example (examples/credit, unsigned, fast gates only), through the CLI: a
 * pinned data file that changed is tampering (verdict fail, exit 1), listed as such and not as an error that kept
 * the gate from evaluating; the heading of a policy called model-gate.yml does not read "model-gate model-gate"; the
 * model-card section shows the claims first and says in words that there was no base version to compare with.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { annotationsFor } from '../../src/report/annotations.ts';
import { renderComment } from '../../src/report/comment.ts';
import { copyExample } from '../helpers/example.ts';

async function check(mutate: (ws: string) => void) {
  const ws = copyExample();
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8')
      .replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n')
      .replace(/  robustness:[\s\S]*?(?=  model-card:)/, ''));
    mutate(ws);
    let stdout = '';
    const sink = { write: () => true };
    const out = { write: (s: string) => ((stdout += s), true) };
    const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'r.json'), '--markdown', path.join(ws, 'r.md')], { stdout: out, stderr: sink });
    return { code, stdout, report: JSON.parse(readFileSync(path.join(ws, 'r.json'), 'utf8')), md: readFileSync(path.join(ws, 'r.md'), 'utf8') };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

test('a changed pinned dataset is tampering: verdict fail, listed as evidence, not under errors', async () => {
  const o = await check((ws) => appendFileSync(path.join(ws, 'data/eval.csv'), readFileSync(path.join(ws, 'data/eval.csv'), 'utf8').split('\n')[1] + '\n'));
  assert.equal(o.code, 1);
  assert.equal(o.report.verdict, 'fail');
  assert.deepEqual(o.report.failed_gates, ['datasets']);
  assert.equal(o.report.errors.length, 1);
  assert.equal(o.report.errors[0].code, 'data.pin-mismatch');
  assert.equal(o.report.errors[0].kind, 'fail');
  assert.ok(o.md.startsWith('# ❌ model-gate: FAIL\n\n**A pinned data file changed (tampering?).**\n'), o.md.slice(0, 200));
  assert.ok(o.md.includes('## ❌ Tampering or failed verification (1)\n\nThis is evidence against the model, not a failure to evaluate it: the verdict is **fail**.\n\n- ❌ '));
  assert.ok(!o.md.includes('## Errors'));
  assert.ok(o.stdout.startsWith('model-gate: FAIL\nA pinned data file changed (tampering?).\n'));
  assert.ok(o.stdout.includes('\nTampering or failed verification (1): evidence against the model, verdict fail\n  - model-gate.yml:'));
  assert.ok(!/\nErrors\n/.test(o.stdout));
  assert.deepEqual(annotationsFor(o.report).filter((a) => a.level === 'error').map((a) => a.title), ['model-gate: tampering or failed verification']);
  const comment = renderComment(o.report, { id: 'model-gate' });
  assert.ok(comment.includes('### ❌ model-gate: FAIL') && comment.includes('#### ❌ Tampering or failed verification (1)'));
  assert.ok(comment.trimEnd().endsWith('<sub>model-gate: full report in the job summary of this run</sub>'));
});

test('an error that is not evidence stays under Errors, verdict error', async () => {
  const card = (ws: string) => path.join(ws, 'model/README.md');
  const o = await check((ws) => writeFileSync(card(ws), readFileSync(card(ws), 'utf8').replace('value: 0.855', 'value: high')));
  assert.equal(o.code, 2);
  assert.equal(o.report.verdict, 'error');
  assert.ok(o.report.errors.every((e: { kind?: string }) => e.kind === undefined));
  assert.ok(o.md.includes('## Errors') && !o.md.includes('Tampering'));
});

test('pass: the heading names the tool once; the model card shows its claims, then the base comparison in words', async () => {
  const o = await check(() => undefined);
  assert.equal(o.code, 0);
  assert.ok(o.md.startsWith('# ✅ model-gate: PASS\n'));
  assert.ok(o.stdout.startsWith('model-gate: PASS\n'));
  const card = o.md.slice(o.md.indexOf('## Model card'));
  assert.ok(!card.includes('not-compared'));
  const claims = card.indexOf('**Claimed vs measured**');
  const status = card.indexOf('`model/README.md`: not compared with a base version (this run has no base commit, e.g. outside a pull request).');
  assert.ok(claims > 0 && status > claims, card.slice(0, 600));
  assert.ok(card.includes('| accuracy | model-gate/synthetic-credit-applicants / eval | 0.855 | 0.855 | ±0.01 | ✅ match |'));
});
