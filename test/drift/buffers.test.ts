/**
 * The drift gate's memory work (scratch.ts, the flat wasserstein merge, binning without a concatenated copy) must
 * not change a number: each is checked against the straightforward computation it replaced.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { computeDrift, present, type FeatureInput } from '../../src/gates/drift/compute.ts';
import { encodeCategorical } from '../../src/gates/drift/features.ts';
import { binnedShares, histogramCounts, sturgesEdges, wasserstein1 } from '../../src/stats/drift.ts';
import { rng } from '../../src/util/random.ts';

/** W₁ as it was written before (a merge with inner tie loops), the reference for the flat loop. */
function wassersteinMerge(u: Float64Array, v: Float64Array): number {
  const a = Float64Array.from(u).sort(), b = Float64Array.from(v).sort();
  const nu = a.length, nv = b.length;
  let i = 0, j = 0, s = 0, comp = 0, prev = NaN;
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && a[i] <= b[j]) ? a[i] : b[j];
    if (i + j > 0) {
      const term = Math.abs(i / nu - j / nv) * (x - prev);
      const t = s + term;
      comp += Math.abs(s) >= Math.abs(term) ? (s - t) + term : (term - t) + s;
      s = t;
    }
    while (i < nu && a[i] === x) i++;
    while (j < nv && b[j] === x) j++;
    prev = x;
  }
  return s + comp;
}

test('wasserstein1 (flat merge) is bit for bit the tie-loop merge: continuous, rounded (ties), ±0, sizes past the radix cut-off', () => {
  for (let t = 0; t < 120; t++) {
    const r = rng(t, 'w1-flat');
    const big = t % 10 === 0;
    const n1 = 1 + r.int(big ? 6000 : 40), n2 = 1 + r.int(big ? 6000 : 40);
    const q = [0, 1, 4, 100][t % 4];
    const draw = (shift: number): number => {
      if (t % 3 === 0 && r.next() < 0.2) return r.next() < 0.5 ? -0 : 0;
      const z = r.normal() + shift;
      return q ? Math.round(z * q) / q : z;
    };
    const a = Float64Array.from({ length: n1 }, () => draw(0)), b = Float64Array.from({ length: n2 }, () => draw(0.3));
    const got = wasserstein1(a, b), want = wassersteinMerge(a, b);
    assert.ok(Object.is(got, want), `case ${t} (n ${n1}/${n2}, q ${q}): ${got} vs ${want}`);
  }
  // by hand: [0, 0, 1] vs [1, 2]: |F_r − F_c| is 2/3 on [0, 1) and 1/2 on [1, 2)
  assert.equal(wasserstein1(Float64Array.from([0, 0, 1]), Float64Array.from([1, 2])), 2 / 3 + 1 / 2);
});

test('binning: the edges of reference ∪ current without the concatenated copy equal sturgesEdges of the copy', () => {
  const r = rng(3, 'bins');
  const ref = Float64Array.from({ length: 5000 }, () => r.normal());
  const cur = Float64Array.from({ length: 3000 }, () => r.normal() * 1.5 + 0.2);
  const both = new Float64Array(8000);
  both.set(ref);
  both.set(cur, 5000);
  const edges = sturgesEdges(both);
  const nr = ref.length, nc = cur.length;
  const want = { reference: Array.from(histogramCounts(ref, edges), (c) => c / nr), current: Array.from(histogramCounts(cur, edges), (c) => c / nc) };
  const got = binnedShares({ kind: 'numeric', values: ref }, { kind: 'numeric', values: cur }, false);
  assert.deepEqual([...got.reference], want.reference);
  assert.deepEqual([...got.current], want.current);
  assert.equal(edges.length, Math.ceil(Math.log2(8000) + 1) + 1); // 14 Sturges bins
});

test('encodeCategorical into given buffers: the same codes, as views of those buffers', () => {
  const a = ['b', null, 'a', 'c', '', 'b'], b = ['c', 'c', null, 'd'];
  const fresh = encodeCategorical(a, b);
  const into = { reference: new ArrayBuffer(64), current: new ArrayBuffer(64) };
  const got = encodeCategorical(a, b, into);
  assert.deepEqual(fresh.labels, ['a', 'b', 'c', 'd']);
  assert.deepEqual([...fresh.reference], [1, -1, 0, 2, -1, 1]);
  assert.deepEqual([...fresh.current], [2, 2, -1, 3]);
  assert.deepEqual([...got.reference], [...fresh.reference]);
  assert.deepEqual([...got.current], [...fresh.current]);
  assert.equal(got.reference.buffer, into.reference);
  assert.equal(got.current.buffer, into.current);
});

test('present() compacting codes in their own buffer (the gate does) keeps every present code in order', () => {
  const buf = new ArrayBuffer(4 * 7);
  const codes = new Int32Array(buf, 0, 7);
  codes.set([-1, 2, -1, -1, 0, 1, -1]);
  const { column, dropped } = present(codes, 'categorical', 3, () => buf);
  assert.equal(dropped, 4);
  assert.ok(column.kind === 'categorical');
  assert.deepEqual([...column.codes], [2, 0, 1]);
  const nums = Float64Array.from([NaN, 1.5, Infinity, -2, -Infinity]);
  const p = present(nums, 'numeric', 0, (bytes) => new ArrayBuffer(bytes));
  assert.ok(p.column.kind === 'numeric');
  assert.deepEqual([...p.column.values], [1.5, -2]);
  assert.equal(p.dropped, 3);
});

test('features tested one after another through the reused buffers give the results each gives alone', () => {
  const r = rng(11, 'reuse');
  const n = 4000;
  const text = (shift: number) => Array.from({ length: n }, () => (r.next() < 0.05 ? null : ['x', 'y', 'z'][Math.min(2, Math.floor((r.next() + shift) * 3))]));
  const e = encodeCategorical(text(0), text(0.1));
  const num = (shift: number) => Float64Array.from({ length: n }, () => (r.next() < 0.02 ? NaN : r.normal() + shift));
  const inputs: FeatureInput[] = [
    { name: 'cat', kind: 'categorical', reference: e.reference, current: e.current, categories: 3, method: 'auto' },
    { name: 'num', kind: 'numeric', reference: num(0), current: num(0.2), method: 'auto' },
    { name: 'num-psi', kind: 'numeric', reference: num(0), current: num(0), method: 'psi' },
  ];
  const together = computeDrift([...inputs, inputs[0], inputs[1]]).results;
  const alone = inputs.map((f) => computeDrift([f]).results[0]);
  assert.deepEqual(together, [...alone, alone[0], alone[1]]);
  assert.equal(together[0].dropped.reference + together[0].dropped.current > 0, true);
  assert.equal(together[1].method, 'wasserstein');
});
