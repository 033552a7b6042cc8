/**
 * One argmax (src/model/scores.ts `argmaxRow`). The robustness attacks (attacks/common.ts `argmaxRow`), the
 * black-box `misclassified` and predict.ts's two-class fast path each had their own; the frozen copies below agree
 * with the survivor on random rows full of ties, signed zeros, infinities and NaN: first index wins everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argmaxRow } from '../../src/model/scores.ts';
import { misclassified } from '../../src/gates/robustness/blackbox/common.ts';
import { rng } from '../../src/util/random.ts';

/** The former src/gates/robustness/attacks/common.ts `argmaxRow`, verbatim. */
function attacksArgmax(z: Float32Array, off: number, C: number): number {
  let k = 0, best = z[off];
  for (let j = 1; j < C; j++) if (z[off + j] > best) { best = z[off + j]; k = j; }
  return k;
}
/** The former src/model/predict.ts `argmaxRows` fast path for two classes. */
const binaryArgmax = (z: Float64Array, i: number): number => (z[2 * i + 1] > z[2 * i] ? 1 : 0);

test('argmaxRow equals every former copy (random rows: ties, ±0, ±Infinity, NaN)', () => {
  const r = rng(5, 'model/argmax');
  const special = [NaN, Infinity, -Infinity, 0, -0, 1, 1];
  for (let trial = 0; trial < 20000; trial++) {
    const C = 1 + r.int(trial % 2 ? 2 : 12), rows = 3;
    const z32 = new Float32Array(rows * C);
    for (let i = 0; i < z32.length; i++) z32[i] = r.next() < 0.4 ? special[r.int(special.length)] : r.int(4) - 1 + (trial % 3 ? 0 : r.normal());
    const z64 = Float64Array.from(z32);
    for (let row = 0; row < rows; row++) {
      const k = argmaxRow(z32, row * C, C);
      assert.equal(argmaxRow(z64, row * C, C), k);
      assert.equal(attacksArgmax(z32, row * C, C), k);
      for (let y = 0; y < C; y++) assert.equal(misclassified(z32, row, C, y), k !== y);
      if (C === 2) assert.equal(binaryArgmax(z64, row), k);
    }
  }
});

test('argmaxRow: the first maximum wins', () => {
  assert.equal(argmaxRow(Float64Array.of(1, 3, 3, 2), 0, 4), 1);
  assert.equal(argmaxRow(Float64Array.of(0, -0), 0, 2), 0);
  assert.equal(argmaxRow(Float64Array.of(-0, 0), 0, 2), 0);
  assert.equal(argmaxRow(Float32Array.of(9, 2, 5, 5), 1, 3), 1);
});
