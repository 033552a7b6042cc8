/** Numerically stable helpers over row-major [rows, classes] float64 score matrices, and scores from a model output. */
import type * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';

/** log Σ exp(z) of one row. */
export function logSumExp(z: Float64Array, off: number, c: number): number {
  let m = -Infinity;
  for (let k = 0; k < c; k++) if (z[off + k] > m) m = z[off + k];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < c; k++) s += Math.exp(z[off + k] - m);
  return m + Math.log(s);
}

/** Softmax of one row into `out` (length c). */
export function softmaxRow(z: Float64Array, off: number, c: number, out: Float64Array): void {
  const lse = logSumExp(z, off, c);
  for (let k = 0; k < c; k++) out[k] = Math.exp(z[off + k] - lse);
}

/**
 * Index of the largest value of a row (first on ties, like numpy's argmax): the one argmax of the code base. A NaN
 * never wins a comparison, so a NaN is picked only at index 0 (and then kept); numpy would pick the first NaN.
 */
export function argmaxRow(z: Float64Array | Float32Array, off: number, c: number): number {
  let best = 0;
  for (let k = 1; k < c; k++) if (z[off + k] > z[off + best]) best = k;
  return best;
}

/** Scores [n, C] from a model output, binary single columns expanded like the shared predictions. */
export function scoresOf(t: ort.Tensor, n: number, C: number, kind: string, classLabels: (string | number)[] = []): Float32Array {
  const out = new Float32Array(n * C);
  if (kind === 'label') {
    // label-only models: one-hot rows of the predicted class (decision-based attacks read only the argmax)
    const d = t.data as ArrayLike<number | bigint | string>;
    const index = new Map(classLabels.map((v, i) => [String(v), i]));
    for (let i = 0; i < n; i++) {
      const k = index.get(String(d[i]));
      if (k === undefined) throw new GateError('model.output', `the model predicted label ${String(d[i])}, which is not one of the dataset's classes`);
      out[i * C + k] = 1;
    }
    return out;
  }
  const d = t.data as ArrayLike<number>;
  const per = t.size / n;
  if (per === C) {
    for (let i = 0; i < n * C; i++) out[i] = d[i];
    return out;
  }
  if (per === 1 && C === 2) {
    for (let i = 0; i < n; i++) {
      if (kind === 'probabilities') { out[2 * i] = 1 - d[i]; out[2 * i + 1] = d[i]; }
      else { out[2 * i] = 0; out[2 * i + 1] = d[i]; }
    }
    return out;
  }
  throw new GateError('model.output', `the model output has ${per} values per row but the predictions have ${C} classes`);
}
