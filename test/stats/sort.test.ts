/** src/stats/sort.ts: the radix sort gives the built-in TypedArray sort's order, element for element. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortBuffer, sortedCopy, sortInto } from '../../src/stats/sort.ts';
import { rng } from '../../src/util/random.ts';

test('sortedCopy equals Float64Array.prototype.sort (negatives, ±0, ±Infinity, subnormals, ties, sizes)', () => {
  const r = rng(5, 'test/stats/sort');
  for (const n of [0, 1, 5, 2047, 2048, 3000, 70000]) {
    for (const kind of [0, 1, 2, 3]) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = r.next();
        v[i] = kind === 0 ? r.normal() * 10 ** (r.int(40) - 20)
          : kind === 1 ? r.int(7) - 3
          : kind === 2 ? (u < 0.05 ? -0 : u < 0.1 ? 0 : u < 0.12 ? Infinity : u < 0.14 ? -Infinity : u < 0.2 ? 5e-324 * r.int(100) * (r.next() < 0.5 ? -1 : 1) : r.normal())
          : 1000 + r.int(3); // one exponent for all values: some radix passes are skipped
      }
      const want = Float64Array.from(v).sort();
      const got = sortedCopy(v);
      assert.equal(got.length, n);
      for (let i = 0; i < n; i++) assert.ok(Object.is(got[i], want[i]), `n ${n}, kind ${kind}, index ${i}: ${got[i]} vs ${want[i]}`);
      // The same into the reused buffers (both slots, after a larger sort left other values in them).
      for (const slot of [0, 1] as const) {
        const into = sortInto(v, sortBuffer(slot, n));
        for (let i = 0; i < n; i++) assert.ok(Object.is(into[i], want[i]), `sortInto slot ${slot}, n ${n}, kind ${kind}, index ${i}`);
      }
    }
  }
  const v = Float64Array.from([3, 1, 2]);
  sortedCopy(v);
  assert.deepEqual([...v], [3, 1, 2], 'the input is left alone');
  assert.throws(() => sortInto(v, new Float64Array(2)), /holds 2 values, not 3/);
});
