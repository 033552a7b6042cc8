/**
 * examples/model-card: a signed model whose card claims six metrics in its model-index (one as a percentage), and a
 * policy that checks every claim with on-mismatch: fail. As shipped, `check` passes with every claim compared and
 * each measured value as the accuracy and fairness gates report it; a card whose claim no longer holds fails the
 * run (model-card gate), and editing the signed card breaks the signature.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { ROOT } from '../helpers/workspace.ts';

async function check(mutate: (ws: string) => void = () => undefined) {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-card-example-')));
  try {
    cpSync(path.join(ROOT, 'examples/model-card'), ws, { recursive: true });
    mutate(ws);
    const sink = { write: () => true };
    const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'r.json')], { stdout: sink, stderr: sink });
    return { code, report: JSON.parse(readFileSync(path.join(ws, 'r.json'), 'utf8')) };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const cardOf = (ws: string) => path.join(ws, 'model/README.md');

test('examples/model-card passes: six claims compared with the measured metrics of this run', async () => {
  const { code, report } = await check();
  assert.equal(code, 0, JSON.stringify(report.errors));
  assert.equal(report.signature.status, 'verified');
  assert.equal(report.signature.covers_card, true);
  const mc = report.gates['model-card'];
  assert.equal(mc.status, 'pass');
  assert.deepEqual(mc.metrics, { claims_checked: 6, mismatches: 0 });
  const measured = { ...report.gates.accuracy.metrics, ...report.gates.fairness.metrics };
  const claims = report.model_card.claims as { claim: string; claimed: number; measured: number; pass: boolean; note?: string }[];
  assert.deepEqual(claims.map((c) => c.claim), ['accuracy', 'roc_auc', 'precision', 'recall', 'f1', 'demographic_parity_difference']);
  for (const c of claims) {
    assert.equal(c.pass, true, c.claim);
    assert.equal(c.measured, measured[c.claim], c.claim);
    const claimed = c.note === 'claim read as a percentage' ? c.claimed / 100 : c.claimed;
    assert.ok(Math.abs(claimed - c.measured) <= (c.claim === 'demographic_parity_difference' ? 0.01 : 0.005), c.claim);
  }
  assert.equal(claims[0].claimed, 85.5);
  assert.equal(claims[0].note, 'claim read as a percentage');
  // the example's accuracy, by hand from the confusion counts the gate reports
  const cm = report.gates.accuracy.details.confusion;
  assert.equal(measured.accuracy, (cm.tp + cm.tn) / (cm.tp + cm.tn + cm.fp + cm.fn));
});

test('a claim that no longer holds fails the run; editing the signed card breaks the signature', async () => {
  const unsigned = await check((ws) => {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n'));
    writeFileSync(cardOf(ws), readFileSync(cardOf(ws), 'utf8').replace('value: 0.87\n', 'value: 0.95\n'));
  });
  assert.equal(unsigned.code, 1);
  assert.deepEqual(unsigned.report.failed_gates, ['model-card']);
  const roc = unsigned.report.gates['model-card'].checks.find((c: { metric: string }) => c.metric === 'claim:roc_auc');
  assert.equal(roc.pass, false);
  assert.equal(roc.file, 'model/README.md');
  assert.equal(readFileSync(path.join(ROOT, 'examples/model-card/model/README.md'), 'utf8').split('\n')[roc.line - 1].trim(), 'value: 0.87');

  const signed = await check((ws) => writeFileSync(cardOf(ws), readFileSync(cardOf(ws), 'utf8').replace('value: 0.87\n', 'value: 0.95\n')));
  assert.equal(signed.code, 1);
  assert.deepEqual(signed.report.failed_gates, ['signature']);
});
