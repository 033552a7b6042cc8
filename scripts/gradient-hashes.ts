/**
 * sha256 of the gradient models the builder (src/model/gradient) emits for the test models and every loss:
 *   node scripts/gradient-hashes.ts
 * A refactor of the builder that must not change its output keeps these lines identical (diff before/after).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { prepareGradient, type GradientLoss } from '../src/model/gradient/index.ts';
import { cnn, linear, mlp, residual } from '../test/robustness/models.ts';
import { FIX, readNpy } from '../test/robustness/helpers.ts';

const X = readNpy(`${FIX}mnist-8/mnist-1000-x.npy`).data as Float32Array;
const LOSSES: GradientLoss[] = ['ce', 'margin', 'dlr', 'dlr-targeted'];

function feeds(input: string, row: number[], dtype: 'float32' | 'float64'): (n: number) => Record<string, ort.Tensor> {
  const D = row.reduce((a, b) => a * b, 1);
  return (n) => {
    const v = Array.from({ length: n * D }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5);
    return { [input]: new ort.Tensor(dtype, dtype === 'float64' ? Float64Array.from(v) : Float32Array.from(v), [n, ...row]) };
  };
}

const models: [string, Uint8Array, string, string, 'logits' | 'probabilities', number[], 'float32' | 'float64', ((n: number) => Record<string, ort.Tensor>)?][] = [
  ['mnist-8', readFileSync(`${FIX}mnist-8/mnist-8.onnx`), 'Input3', 'Plus214_Output_0', 'logits', [1, 28, 28], 'float32',
    (n) => ({ Input3: new ort.Tensor('float32', X.slice(0, n * 784), [n, 1, 28, 28]) })],
  ['cnn', cnn(), 'x', 'logits', 'logits', [1, 28, 28], 'float32'],
  ['residual', residual(), 'x', 'logits', 'logits', [1, 12, 12], 'float32'],
  ['mlp-f32', mlp(1), 'x', 'probabilities', 'probabilities', [20], 'float32'],
  ['mlp-f64', mlp(1, true), 'x', 'probabilities', 'probabilities', [20], 'float64'],
  ['linear', linear([[1, -2, 0.5], [0.3, 1, -1], [-1, 0.2, 2], [0.7, 0.7, -0.4]], [0.1, -0.2, 0, 0.3]), 'x', 'logits', 'logits', [3], 'float32'],
];

for (const [name, bytes, input, output, kind, row, dtype, pf] of models) {
  const prep = await prepareGradient({ bytes, wrt: [input], output, outputKind: kind, probeFeeds: pf ?? feeds(input, row, dtype) });
  for (const loss of LOSSES) {
    let line: string;
    try {
      line = createHash('sha256').update(prep.model(loss)).digest('hex');
    } catch (e) {
      line = `error: ${(e as Error).message}`;
    }
    console.log(`${name.padEnd(9)} ${loss.padEnd(12)} ${line}`);
  }
}
