/**
 * "Nothing is reported as passed that was not measured" (docs/design.md §5, §8): a gate whose checks are empty, or a
 * model-card claim that the policy lists but that cannot be compared, is an error (exit 2, verdict error) with one
 * message naming the file, the field or claim, and the fix.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { linearModel } from '../helpers/models.ts';

interface Outcome { code: number; verdict: string; errors: string[]; failed: string[]; report: any }

async function check(ws: string): Promise<Outcome> {
  const json = path.join(ws, 'out-report.json');
  const sink = { write: () => true };
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json], { stdout: sink, stderr: sink });
  const r = JSON.parse(readFileSync(json, 'utf8'));
  return { code, verdict: r.verdict, errors: r.errors.map((e: { message: string }) => e.message), failed: r.failed_gates, report: r };
}

/**
 * The example, unsigned, with only the fast gates (accuracy + model-card); `mutate` edits the workspace and may
 * return a new policy text.
 */
async function run(mutate: (ws: string, policy: string) => string | void = () => undefined): Promise<Outcome> {
  const ws = copyExample();
  try {
    const p = path.join(ws, 'model-gate.yml');
    const text = readFileSync(p, 'utf8')
      .replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n')
      .replace(/  robustness:[\s\S]*?(?=  model-card:)/, '');
    writeFileSync(p, text);
    const out = mutate(ws, text);
    if (typeof out === 'string') writeFileSync(p, out);
    return await check(ws);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const editCard = (ws: string, f: (card: string) => string) => {
  const card = path.join(ws, 'model/README.md');
  writeFileSync(card, f(readFileSync(card, 'utf8')));
};

function error(o: Outcome, messages: string[]) {
  assert.equal(o.code, 2, JSON.stringify(o.errors));
  assert.equal(o.verdict, 'error');
  assert.deepEqual(o.errors, messages);
}

test('control: the trimmed example passes, every listed claim compared', async () => {
  const o = await run();
  assert.equal(o.code, 0, JSON.stringify(o.errors));
  assert.equal(o.report.gates['model-card'].status, 'pass');
  assert.equal(o.report.gates['model-card'].metrics.claims_checked, 2);
});

test('model card: a missing card named by model.card is an error for the model-card gate', async () => {
  const o = await run((ws) => unlinkSync(path.join(ws, 'model/README.md')));
  error(o, ['model-gate.yml:8:3: gate model-card: model.card model/README.md does not exist, so none of its claims can be compared: commit the model card, or fix model.card in the policy']);
  assert.equal(o.report.gates['model-card'].status, 'error');
});

test('model card: a missing card named by model.card is an error even without a model-card gate', async () => {
  const o = await run((ws, t) => {
    unlinkSync(path.join(ws, 'model/README.md'));
    return t.replace(/  model-card:\n(    .*\n)+/, '');
  });
  error(o, ['model-gate.yml:8:3: model.card model/README.md does not exist: commit the model card, or fix model.card in the policy']);
});

test('model card: a card without YAML front matter makes no claim: each listed claim is an error', async () => {
  const o = await run((ws) => editCard(ws, (c) => c.slice(c.indexOf('---', 3) + 4)));
  error(o, [
    'model/README.md: gate model-card: the card has no YAML front matter, so it makes no accuracy claim: add a model-index metric of type accuracy to its front matter, or remove gates.model-card.claims.accuracy',
    'model/README.md: gate model-card: the card has no YAML front matter, so it makes no roc_auc claim: add a model-index metric of type roc_auc to its front matter, or remove gates.model-card.claims.roc_auc',
  ]);
  assert.equal(o.report.gates['model-card'].status, 'error');
});

test('model card: front matter that is never closed is not read as prose silently', async () => {
  const o = await run((ws) => editCard(ws, (c) => c.replace('\n---\n', '\n')));
  error(o, [
    'model/README.md:1: gate model-card: the YAML front matter opened on line 1 is never closed by a --- line, so its accuracy claim cannot be read: close the front matter with ---',
    'model/README.md:1: gate model-card: the YAML front matter opened on line 1 is never closed by a --- line, so its roc_auc claim cannot be read: close the front matter with ---',
  ]);
});

test('model card: broken YAML in the front matter is an error naming the line and each claim', async () => {
  const o = await run((ws) => editCard(ws, (c) => c.replace('          split: eval', '          split: [eval')));
  // yaml notices the unclosed flow sequence at the next key (line 19).
  error(o, [
    'model/README.md:19:9: gate model-card: the YAML front matter is not valid (Flow sequence in block collection must be sufficiently indented and end with a ]), so its accuracy claim cannot be read: fix the YAML',
    'model/README.md:19:9: gate model-card: the YAML front matter is not valid (Flow sequence in block collection must be sufficiently indented and end with a ]), so its roc_auc claim cannot be read: fix the YAML',
  ]);
});

test('model card: a claim the policy lists but the card does not make is an error', async () => {
  const o = await run((ws) => editCard(ws, (c) => c.replace('          - type: roc_auc\n            value: 0.87\n            name: ROC AUC\n', '')));
  error(o, ['model/README.md: gate model-card: the card makes no roc_auc claim (no model-index metric of type roc_auc): add it to the card\'s model-index, or remove gates.model-card.claims.roc_auc']);
  assert.equal(o.report.gates['model-card'].metrics.claims_checked, 1);
});

test('model card: a claimed value that is not a number is an error at its line', async () => {
  const o = await run((ws) => editCard(ws, (c) => c.replace('value: 0.855', 'value: high')));
  error(o, ['model/README.md:21:20: gate model-card: the card\'s accuracy claim "high" is not a number, so it cannot be compared: write the measured value as a number (e.g. 0.855)']);
});

test('model card: a claim whose metric this run did not measure is an error', async () => {
  // A model that always predicts class 0: precision = tp / (tp + fp) is 0/0, not measured.
  const o = await run((ws, t) => {
    writeFileSync(path.join(ws, 'model/model.onnx'), linearModel(Array.from({ length: 6 }, () => [0, 0]), [1, 0], { outputName: 'logits' }));
    editCard(ws, (c) => c.replace('          - type: roc_auc\n', '          - type: precision\n            value: 0.8\n          - type: roc_auc\n'));
    return t
      .replace('      accuracy: { min: 0.80 }\n', '      accuracy: { min: 0 }\n')
      .replace('      roc_auc: { min: 0.85 }\n', '')
      .replace(/  model-card:\n(    .*\n)+/, '  model-card:\n    claims:\n      precision: { measured: precision }\n');
  });
  error(o, ['model/README.md:24:20: gate model-card: the card\'s precision claim cannot be compared: this run did not measure precision (it is null or missing in the report): remove gates.model-card.claims.precision, or make the run measure it']);
});

test('model card: a model-card gate that lists no claims compares nothing and is an error', async () => {
  const o = await run((_ws, t) => t.replace(/  model-card:\n(    .*\n)+/, '  model-card:\n    on-mismatch: fail\n'));
  error(o, ['model-gate.yml:36:3: gate model-card: gates.model-card lists no claims, so it compares nothing: list the card metrics to compare under claims (e.g. accuracy: { measured: accuracy }), or remove the gate']);
});

const noCardGate = (t: string) => t.replace(/  model-card:\n(    .*\n)+/, '');

test('a gate configured without thresholds checks nothing: an error, not a pass', async () => {
  const o = await run((_ws, t) => noCardGate(t).replace('    thresholds:\n      accuracy: { min: 0.80 }\n      roc_auc: { min: 0.85 }\n', ''));
  error(o, ['model-gate.yml:31:3: gate accuracy: gates.accuracy has no thresholds, so it checks nothing: add thresholds (on accuracy, precision, recall, f1 or roc_auc), or remove the gate']);
  assert.equal(o.report.gates.accuracy.status, 'error');
});

test('a gate with an empty thresholds map checks nothing: an error, not a pass', async () => {
  const o = await run((_ws, t) => noCardGate(t).replace('    thresholds:\n      accuracy: { min: 0.80 }\n      roc_auc: { min: 0.85 }\n', '    thresholds: {}\n'));
  error(o, ['model-gate.yml:33:5: gate accuracy: gates.accuracy has no thresholds, so it checks nothing: add thresholds (on accuracy, precision, recall, f1 or roc_auc), or remove the gate']);
});

test('memorisation with max-duplicates and no thresholds still checks something: it runs', async () => {
  const o = await run((_ws, t) => noCardGate(t) + '  memorisation:\n    members: members\n    non-members: non-members\n    bootstrap: 0\n    max-duplicates: 0\n');
  assert.equal(o.code, 0, JSON.stringify(o.errors));
  assert.deepEqual(o.report.gates.memorisation.checks.map((c: { metric: string }) => c.metric), ['duplicates']);
});

test('memorisation with neither thresholds nor max-duplicates checks nothing: an error', async () => {
  const o = await run((_ws, t) => noCardGate(t) + '  memorisation:\n    members: members\n    non-members: non-members\n    bootstrap: 0\n');
  error(o, ['model-gate.yml:36:3: gate memorisation: gates.memorisation has no thresholds, so it checks nothing: add thresholds (on auc, advantage, tpr_at_fpr_0.01, tpr_at_fpr_0.001, train_accuracy, holdout_accuracy or generalization_gap) or max-duplicates, or remove the gate']);
});
