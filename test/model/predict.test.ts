import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../../src/model/load.ts';
import { predict } from '../../src/model/predict.ts';
import { loadDataset } from '../../src/data/load.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { GateError } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';
import { linearModel } from '../helpers/models.ts';

async function run(ws: string, modelRel: string, dsSpec: any, modelPolicy: any = {}) {
  const abs = path.join(ws, modelRel);
  const bytes = readFileSync(abs);
  const m = await loadModel({ abs, rel: modelRel, bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: modelRel, ...modelPolicy }, subjectAbs: abs, workspace: ws, position: () => undefined });
  try {
    const ds = await loadDataset('eval', dsSpec, { workspace: ws, workingDirectory: ws });
    return { ...(await predict(m, ds, { checkBudget: () => undefined })), model: m };
  } finally {
    await m.session.release();
  }
}

test('mnist-8 (fixed batch of 1, opset 7) reaches 99.4 % on its 1,000 digits', async () => {
  const { predictions, batchSize } = await run(FIXTURES, 'onnx/mnist-8.onnx', { path: 'data/mnist/mnist-1000-x.npy', labels: 'data/mnist/mnist-1000-y.npy' });
  assert.equal(batchSize, 1);
  assert.equal(predictions.rows, 1000);
  assert.equal(predictions.classes, 10);
  let correct = 0;
  for (let i = 0; i < 1000; i++) if (predictions.predicted[i] === predictions.labels![i]) correct++;
  assert.equal(correct, 994);
  // The six digits mnist-8 gets wrong (fixtures README: 350, 506, 556, 643, 909, 993).
  const wrong = [...predictions.predicted].flatMap((p, i) => (p !== predictions.labels![i] ? [i] : []));
  assert.deepEqual(wrong, [350, 506, 556, 643, 909, 993]);
});

test('sklearn iris (ZipMap output) runs: probabilities from the tensor feeding the ZipMap, rows sum to 1', async () => {
  const { predictions, model } = await run(FIXTURES, 'onnx/skl_logreg_iris.onnx', { path: 'onnx/iris-sample.csv', label: 'species' });
  assert.equal(model.output.kind, 'probabilities');
  assert.equal(predictions.classes, 3);
  for (let i = 0; i < predictions.rows; i++) {
    const s = predictions.scores![i * 3] + predictions.scores![i * 3 + 1] + predictions.scores![i * 3 + 2];
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  // The setosa rows are separated by sepal size alone.
  assert.deepEqual([...predictions.predicted.slice(0, 5)], [0, 0, 0, 0, 0]);
});

test('sklearn titanic pipeline: string and int64 inputs, missing ages, per-column mapping', async () => {
  const inputs = Object.fromEntries(['pclass', 'sex', 'age', 'fare', 'embarked'].map((c) => [c, { from: c }]));
  const { predictions } = await run(FIXTURES, 'onnx/skl_pipeline_titanic_nozipmap.onnx', { path: 'onnx/small_titanic.csv', label: 'survived' }, { inputs });
  assert.equal(predictions.rows, 38);
  assert.equal(predictions.kind, 'probabilities');
  let correct = 0;
  for (let i = 0; i < predictions.rows; i++) if (predictions.predicted[i] === predictions.labels![i]) correct++;
  assert.ok(correct / predictions.rows > 0.6, `accuracy ${correct / predictions.rows}`);
});

test('binary models: a single logit becomes [0, z]; a single sigmoid probability becomes [1-p, p]', async () => {
  const csv = 'a,b,y\n1,2,1\n-3,0.5,0\n0,0,1\n';
  const { dir, cleanup } = makeWorkspace({
    'logit.onnx': linearModel([[1], [-2]], [0.5]),
    'sigmoid.onnx': linearModel([[1], [-2]], [0.5], { final: 'Sigmoid', outputName: 'p' }),
    'd.csv': csv,
  });
  try {
    const z = [1 - 4 + 0.5, -3 - 1 + 0.5, 0.5];
    const a = await run(dir, 'logit.onnx', { path: 'd.csv', label: 'y' });
    assert.equal(a.predictions.classes, 2);
    for (let i = 0; i < 3; i++) {
      assert.equal(a.predictions.scores![2 * i], 0);
      assert.ok(Math.abs(a.predictions.scores![2 * i + 1] - z[i]) < 1e-6);
      assert.equal(a.predictions.predicted[i], z[i] > 0 ? 1 : 0);
    }
    // The Sigmoid's input is read as the logit (more precise than the probability).
    const b = await run(dir, 'sigmoid.onnx', { path: 'd.csv', label: 'y' });
    assert.equal(b.model.output.kind, 'logits');
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(b.predictions.scores![2 * i + 1] - z[i]) < 1e-6);
    const c = await run(dir, 'sigmoid.onnx', { path: 'd.csv', label: 'y' }, { output: { name: 'p', kind: 'probabilities' } });
    for (let i = 0; i < 3; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      assert.ok(Math.abs(c.predictions.scores![2 * i + 1] - p) < 1e-6);
      assert.ok(Math.abs(c.predictions.scores![2 * i] - (1 - p)) < 1e-6);
    }
  } finally {
    cleanup();
  }
});

test('NaN model outputs, wrong feature counts and text columns are errors that say what to do', async () => {
  const g = new GraphBuilder('nan');
  const x = g.input('x', 'float32', ['N', 2]);
  g.output(g.node('Log', [x], {}, { outputs: ['logits'] }), 'float32', ['N', 2]);
  const { dir, cleanup } = makeWorkspace({
    'nan.onnx': g.toModel(),
    'lin.onnx': linearModel([[1, 0], [0, 1], [1, 1]], [0, 0]),
    'd.csv': 'a,b,y\n1,2,1\n-1,3,0\n',
    't.csv': 'a,b,c,y\n1,x,2,1\n2,y,3,0\n',
  });
  try {
    await assert.rejects(run(dir, 'nan.onnx', { path: 'd.csv', label: 'y' }), (e: unknown) => {
      assert.ok(e instanceof GateError);
      assert.equal(e.message, 'model output "logits" is NaN on dataset "eval" row 2: the model produced non-finite scores (check the inputs for missing values, the transform, and the exported model)');
      return true;
    });
    await assert.rejects(run(dir, 'lin.onnx', { path: 'd.csv', label: 'y' }), /model input "x" expects 3 values per row \(shape \[N, 3\]\) but dataset "eval" gives 2: check the dataset's columns, exclude, or transform.reshape/);
    await assert.rejects(run(dir, 'lin.onnx', { path: 't.csv', label: 'y' }), /dataset "eval" column "b" holds text but feeds the float32 input "x": exclude it, encode it, or map it to a string input with model.inputs/);
  } finally {
    cleanup();
  }
});
