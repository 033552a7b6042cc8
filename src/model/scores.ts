/** Numerically stable helpers over row-major [rows, classes] float64 score matrices. */

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
