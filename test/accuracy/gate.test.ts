/** The accuracy gate measures over labelled rows only: with none, or with a row whose label is unknown, it is an error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyMetrics } from '../../src/gates/accuracy/index.ts';
import { GateError } from '../../src/errors.ts';
import type { Predictions } from '../../src/gates/types.ts';

const preds = (predicted: number[], labels: number[]): Predictions => ({
  dataset: 'eval', rows: predicted.length, classes: 2, kind: 'label', predicted: Int32Array.from(predicted),
  labels: Int32Array.from(labels), classLabels: [0, 1],
});

test('control: accuracy, precision and recall on four labelled rows', () => {
  const out = accuracyMetrics(preds([0, 1, 1, 0], [0, 1, 0, 0]));
  assert.equal(out.metrics.accuracy, 0.75);
  assert.equal(out.metrics.precision, 0.5);
  assert.equal(out.metrics.recall, 1);
});

test('no rows: nothing to measure accuracy on is an error, not NaN', () => {
  assert.throws(() => accuracyMetrics(preds([], [])), (e: unknown) => {
    assert.ok(e instanceof GateError);
    assert.equal(e.message, 'dataset "eval" has no labelled rows: the accuracy gate has nothing to measure; check the dataset and its label column');
    return true;
  });
});

test('a row whose label is missing or unknown is an error, not a wrong prediction', () => {
  assert.throws(() => accuracyMetrics(preds([0, 1, 1], [0, -1, 1])), (e: unknown) => {
    assert.ok(e instanceof GateError);
    assert.equal(e.message, 'dataset "eval" row 2 has a missing or unknown label: the accuracy gate counts labelled rows only; fix the data (label, label-map)');
    return true;
  });
});
