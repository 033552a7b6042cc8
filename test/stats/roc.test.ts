/**
 * One ROC AUC (src/stats/roc.ts). `rocAuc` used to be a mid-rank implementation of its own
 * (accuracy's `roc_auc`) next to the memorisation gate's integer sweep; it now runs the sweep. The mid-rank version
 * is kept here, frozen, as the reference: the two agree bit for bit on random inputs with ties, ±Infinity and ±0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from '../../src/stats/roc.ts';
import { rng } from '../../src/util/random.ts';

/** The former src/stats/roc.ts `rocAuc`, verbatim: Σ mid-ranks of the positives − P(P+1)/2, over P·N. */
function midRankAuc(score: Float64Array, positive: Uint8Array): number | null {
  const n = score.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score ${i} is NaN`);
    order[i] = i;
  }
  order.sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i];
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[order[k]]) rankSum += midRank;
    i = j + 1;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

test('rocAuc equals the former mid-rank implementation bit for bit (random inputs, ties, infinities, signed zeros)', () => {
  const r = rng(2024, 'stats/roc');
  const special = [Infinity, -Infinity, 0, -0];
  for (let trial = 0; trial < 1500; trial++) {
    const n = trial < 50 ? trial : 1 + r.int(trial % 10 === 0 ? 5000 : 300);
    const levels = 1 + r.int(12);
    const mode = trial % 4; // 0: continuous, 1: few levels (many ties), 2: levels + specials, 3: tiny/huge magnitudes
    const score = new Float64Array(n), positive = new Uint8Array(n);
    const pPos = r.next();
    for (let i = 0; i < n; i++) {
      positive[i] = r.next() < pPos ? 1 : 0;
      const shift = positive[i] ? r.next() : 0;
      score[i] = mode === 0 ? r.normal() + shift
        : mode === 1 ? r.int(levels) + (positive[i] && r.next() < 0.3 ? 1 : 0)
          : mode === 2 ? (r.next() < 0.2 ? special[r.int(4)] : r.int(levels) / 4)
            : (r.normal() + shift) * 10 ** (r.int(600) - 300);
    }
    const got = rocAuc(score, positive), want = midRankAuc(score, positive);
    assert.ok(Object.is(got, want), `trial ${trial} (n ${n}, mode ${mode}): ${got} vs ${want}`);
  }
});

test('rocAuc: hand-computed ties, single class, NaN', () => {
  // positives 3,2,1 ; negatives 2,0 -> 4.5/6
  assert.equal(rocAuc(Float64Array.of(3, 2, 2, 1, 0), Uint8Array.of(1, 1, 0, 1, 0)), 0.75);
  assert.equal(rocAuc(Float64Array.of(1, 1, 1), Uint8Array.of(1, 0, 1)), 0.5);
  assert.equal(rocAuc(Float64Array.of(0.1, 0.9), Uint8Array.of(1, 1)), null);
  assert.equal(rocAuc(new Float64Array(0), new Uint8Array(0)), null);
  assert.throws(() => rocAuc(Float64Array.of(0.1, NaN), Uint8Array.of(1, 0)), /score 1 is NaN/);
  // NaN is reported even when one class is absent, as before
  assert.throws(() => rocAuc(Float64Array.of(NaN), Uint8Array.of(1)), /score 0 is NaN/);
});
