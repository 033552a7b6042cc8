import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotationsFor, workflowCommandLines, type Annotation } from '../../src/report/annotations.ts';
import { errorReport, failReport, passReport, HOSTILE } from './fixtures.ts';
import { runnerCommands } from './helpers.ts';

test('a passing report has no error or warning annotations', () => {
  const a = annotationsFor(passReport());
  assert.deepEqual(a.filter((x) => x.level !== 'notice'), []);
});

test('failing checks point at the threshold line, loosenings at the head line, claims at the card line', () => {
  const a = annotationsFor(failReport());
  const rob = a.find((x) => x.rule === 'threshold/robustness/robust_accuracy')!;
  assert.deepEqual([rob.level, rob.file, rob.line, rob.col], ['error', '.github/model-gate.yml', 31, 35]);
  assert.equal(rob.message, 'robustness.robust_accuracy 0.71 < min 0.85');
  // a check without its own message gets one with value and threshold
  const tpr = a.find((x) => x.rule === 'threshold/memorisation/tpr_at_fpr_0.001')!;
  assert.equal(tpr.message, 'memorisation.tpr_at_fpr_0.001 = 0.05, required ≤ 0.01');
  assert.equal(tpr.col, 40);
  // loosening together with a model change: error on the head policy's line
  const loose = a.filter((x) => x.rule === 'policy/loosened');
  assert.deepEqual(loose.map((x) => [x.level, x.file, x.line]), [
    ['error', '.github/model-gate.yml', 29],
    ['error', '.github/model-gate.yml', 33],
    ['error', '.github/model-gate.yml', 40],
  ]);
  assert.match(loose[0].message, /^Policy loosened: gates\.robustness\.epsilon: 0\.03 → 0\.01 \(smaller epsilon\)/);
  // card claim (on-mismatch warn: severity warning, gate passes) at the card line
  const card = a.filter((x) => x.file === 'models/credit/README.md');
  assert.equal(card.length, 1, 'the gate check and the model_card claim are the same finding');
  assert.deepEqual([card[0].level, card[0].line, card[0].col], ['warning', 12, 9]);
  // errors first, then warnings, then notices; within a level by importance
  const levels = a.map((x) => x.level);
  assert.deepEqual(levels, [...levels].sort((p, q) => ['error', 'warning', 'notice'].indexOf(p) - ['error', 'warning', 'notice'].indexOf(q)));
  assert.equal(a[0].rule, 'policy/loosened');
  // a key-signed model: a notice that there is no transparency log
  assert.ok(a.some((x) => x.level === 'notice' && x.rule === 'signature/no-transparency-log'));
  // every message is one line
  for (const x of a) assert.ok(!/[\r\n]/.test(x.message + x.title));
});

test('loosening without a model change is a warning, not an error', () => {
  const r = failReport();
  r.failed_gates = r.failed_gates.filter((g) => g !== 'policy');
  const loose = annotationsFor(r).filter((x) => x.rule === 'policy/loosened');
  assert.ok(loose.length === 3 && loose.every((x) => x.level === 'warning'));
  assert.match(loose[0].message, /policy-only change/);
});

test('an error report: errors with positions, the signature error, and warnings', () => {
  const a = annotationsFor(errorReport());
  assert.deepEqual(a.slice(0, 3).map((x) => [x.level, x.file, x.line, x.col]), [
    ['error', '.github/model-gate.yml', 12, 5],
    ['error', undefined, undefined, undefined],
    ['error', undefined, undefined, undefined],
  ]);
  // the position prefix is not repeated
  assert.ok(a[0].message.startsWith('.github/model-gate.yml:12:5: gates.robustnes'));
  assert.ok(!a[0].message.startsWith('.github/model-gate.yml:12:5: .github'));
  assert.ok(a.some((x) => x.rule === 'signature' && x.level === 'error'));
  assert.ok(a.some((x) => x.level === 'warning' && x.rule === 'warning/policy.from-head'));
});

function many(n: number, level: Annotation['level']): Annotation[] {
  return Array.from({ length: n }, (_, i) => ({ level, message: `m${i}`, title: 't', file: 'p.yml', line: i + 1, rule: 'r', priority: i }));
}

test('workflow commands: at most 10 per type, the 9 most important plus ONE summary line', () => {
  const lines = workflowCommandLines([...many(25, 'error'), ...many(10, 'warning'), ...many(11, 'notice')]);
  const parsed = runnerCommands(lines.join('\n'));
  assert.equal(parsed.length, lines.length);
  const errs = parsed.filter((p) => p.command === 'error');
  assert.equal(errs.length, 10);
  assert.deepEqual(errs.slice(0, 9).map((p) => p.data), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
  assert.equal(errs[9].data, '16 more errors: see the job summary / check run');
  const warns = parsed.filter((p) => p.command === 'warning');
  assert.equal(warns.length, 10);
  assert.ok(warns.every((w) => /^m\d+$/.test(w.data)), 'exactly 10: no summary needed');
  const notes = parsed.filter((p) => p.command === 'notice');
  assert.equal(notes.length, 10);
  assert.equal(notes[9].data, '2 more notices: see the job summary / check run');
  assert.deepEqual(errs[0].properties, { file: 'p.yml', line: '1', title: 't' });
});

test('hostile text in annotations never becomes another command', () => {
  const r = failReport();
  r.errors = [{ message: `${HOSTILE.newlineCommand} ${HOSTILE.setOutput} ${HOSTILE.legacy}`, file: `x,line=1::${HOSTILE.command}`, line: 2 }];
  const lines = workflowCommandLines(annotationsFor(r));
  const parsed = runnerCommands(lines.join('\n'));
  assert.equal(parsed.length, lines.length, 'one command per line');
  assert.ok(parsed.every((p) => ['error', 'warning', 'notice'].includes(p.command) && p.form === 'v2'));
  const first = parsed[0];
  assert.equal(first.properties.file, `x,line=1::${HOSTILE.command}`);
  assert.equal(first.properties.line, '2');
  assert.match(first.data, /::set-output name=verdict::pass/); // shown as text, inside the data
});
