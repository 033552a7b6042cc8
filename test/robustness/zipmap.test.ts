/**
 * sklearn classifiers end in a ZipMap (a sequence of maps, which onnxruntime-node cannot return): the robustness gate
 * attacks the probability tensor feeding it, as the shared predictions read it, and never fetches the ZipMap.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';

const POLICY = `version: 1
seed: 0
model:
  path: model/model.onnx
signature:
  required: false
datasets:
  eval:
    path: data/iris.csv
    label: species
gates:
  accuracy:
    dataset: eval
    thresholds:
      accuracy: { min: 0.5 }
  robustness:
    dataset: eval
    norm: linf
    epsilon: 0.1
    thresholds:
      robust_accuracy: { min: 0.0 }
`;

test('robustness on an sklearn model with a ZipMap output: attacks the probabilities feeding the ZipMap (no onnxruntime error)', async () => {
  const ws = makeWorkspace({
    'model/model.onnx': { copy: path.join(FIXTURES, 'onnx/skl_logreg_iris.onnx') },
    'data/iris.csv': { copy: path.join(FIXTURES, 'onnx/iris-sample.csv') },
    'model-gate.yml': POLICY,
  });
  try {
    let err = '';
    const code = await main(['check', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', path.join(ws.dir, 'r.json')], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => { err += s; return true; } },
    });
    const r = JSON.parse(readFileSync(path.join(ws.dir, 'r.json'), 'utf8'));
    assert.deepEqual(r.errors, [], JSON.stringify(r.errors));
    assert.equal(code, 0);
    assert.doesNotMatch(err, /Non tensor type|backend\.js/);
    const rob = r.gates.robustness;
    assert.equal(rob.status, 'pass');
    // the same model, the same rows: the gate's clean accuracy is the accuracy gate's
    assert.equal(rob.metrics.clean_accuracy, r.gates.accuracy.metrics.accuracy);
    assert.equal(typeof rob.metrics.robust_accuracy, 'number');
    // LinearClassifier (ai.onnx.ml) has no gradient rule: the black-box attack ran, and the report says why
    assert.equal(rob.details.gradient.available, false);
    assert.equal(rob.details.method, 'score-based');
    assert.ok(rob.details.queries > 0);
  } finally {
    ws.cleanup();
  }
});
