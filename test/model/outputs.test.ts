import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { detectOutput } from '../../src/model/outputs.ts';
import { GateError } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { linearModel } from '../helpers/models.ts';

const ctx = { file: 'policy.yml', position: () => undefined };
const detect = (bytes: Uint8Array, policy?: any) => detectOutput(decodeModel(bytes), policy, ctx);
const W = [[1, 0], [0, 1], [1, 1]];

test('one float output [N, C] is read as logits', () => {
  const c = detect(linearModel(W, [0, 0]));
  assert.equal(c.name, 'logits');
  assert.equal(c.kind, 'logits');
  assert.deepEqual(c.addOutputs, []);
});

test('a graph ending in Softmax: the Softmax input is exposed and read as logits', () => {
  const c = detect(linearModel(W, [0, 0], { final: 'Softmax' }));
  assert.equal(c.name, 'logits');
  assert.equal(c.kind, 'logits');
  assert.deepEqual(c.addOutputs, ['logits']);
});

test('logits and their Softmax both exposed: the logits, nothing added', () => {
  const c = detect(linearModel(W, [0, 0], { final: 'Softmax', exposeLogits: true }));
  assert.equal(c.name, 'logits');
  assert.deepEqual(c.addOutputs, []);
});

test('a final Sigmoid is looked through to its logit; LogSoftmax is read as logits', () => {
  assert.equal(detect(linearModel([[1], [2], [3]], [0], { final: 'Sigmoid' })).name, 'logits');
  const l = detect(linearModel(W, [0, 0], { final: 'LogSoftmax' }));
  assert.equal(l.name, 'probs');
  assert.equal(l.kind, 'logits');
});

test('sklearn ZipMap: the probability tensor feeding it is read, with the class labels', () => {
  const c = detect(readFileSync(new URL('../fixtures/onnx/skl_logreg_iris.onnx', import.meta.url)));
  assert.equal(c.kind, 'probabilities');
  assert.deepEqual(c.classLabels, [0, 1, 2]);
  assert.equal(c.addOutputs.length, 1);
  assert.match(c.warnings[0], /ZipMap/);
});

test('sklearn pipeline with label + probabilities: probabilities', () => {
  const c = detect(readFileSync(new URL('../fixtures/onnx/skl_pipeline_titanic_nozipmap.onnx', import.meta.url)));
  assert.equal(c.name, 'probabilities');
  assert.equal(c.kind, 'probabilities');
});

test('two unrelated float outputs are ambiguous: an error that names them and the fix', () => {
  const g = new GraphBuilder('two');
  const x = g.input('x', 'float32', ['N', 2]);
  g.output(g.node('Relu', [x], {}, { outputs: ['a'] }), 'float32', ['N', 2]);
  g.output(g.node('Neg', [x], {}, { outputs: ['b'] }), 'float32', ['N', 2]);
  assert.throws(() => detect(g.toModel()), (e: unknown) => {
    assert.ok(e instanceof GateError);
    assert.equal(e.code, 'model.output');
    assert.match(e.message, /cannot tell which model output to read: several candidates \(outputs: a \(float32 rank 2\), b \(float32 rank 2\)\): set model.output/);
    return true;
  });
});

test('label-only models, and explicit output names (unknown name is an error)', () => {
  const g = new GraphBuilder('labels');
  const x = g.input('x', 'float32', ['N', 2]);
  g.output(g.node('ArgMax', [x], { axis: 1, keepdims: 0 }, { outputs: ['label'] }), 'int64', ['N']);
  const bytes = g.toModel();
  assert.equal(detect(bytes).kind, 'label');
  assert.throws(() => detect(bytes, { name: 'nope' }), /model.output.name "nope" is not an output of the model \(outputs: label \(int64 rank 1\)\)/);
  assert.throws(() => detect(bytes, { name: 'label', kind: 'logits' }), /holds int64 rank 1, not logits/);
});
