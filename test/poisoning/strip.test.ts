/**
 * src/gates/poisoning/strip.ts with models whose outputs are known in closed form: the entropy against scipy, the
 * blend and clip checked row by row on what the model was given, the pairing (never a clean row with itself), the
 * mean-of-entropies and entropy-of-mean variants, the threshold as numpy's linear quantile of the clean entropies,
 * and a planted trigger found with no clean row rejected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { entropyBits, strip } from '../../src/gates/poisoning/strip.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/poisoning-stats/entropy.json', import.meta.url), 'utf8'));

test('entropyBits = scipy.stats.entropy(p, base=2)', () => {
  for (const c of ref.cases) assert.ok(Math.abs(entropyBits(Float64Array.from(c.p), 0, c.p.length) - c.bits) < 1e-14, JSON.stringify(c.p));
});

/** numpy.quantile(v, q) (linear), written out again. */
function npQuantile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  const h = (s.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

test('strip: blends, clipping, pairing, per-row mean entropy and the clean threshold', async () => {
  // rows of 3 values: [trigger, id, noise]; clean row i is [0, i, noise_i], screened row i is [trigger, 145 + i, ·]
  const nClean = 12, nScreened = 7, n = 5;
  const noise = (i: number) => Math.fround((i * 0.37) % 1);
  const clean = new Float32Array(nClean * 3), screened = new Float32Array(nScreened * 3);
  for (let i = 0; i < nClean; i++) clean.set([0, i, noise(i)], i * 3);
  for (let i = 0; i < nScreened; i++) screened.set([i < 3 ? 1 : 0, 145 + i, (i * 0.61) % 1], i * 3);
  const seen: number[][] = [];
  const q = (row: number[]) => (row[0] >= 0.5 ? 1 : 0.2 + 0.3 * row[2]);
  // the model: certain of class 0 when the trigger survives the blend, else probabilities from the noise value
  const model = async (b: Float32Array, count: number) => {
    const p = new Float64Array(count * 2);
    for (let r = 0; r < count; r++) {
      const row = [b[r * 3], b[r * 3 + 1], b[r * 3 + 2]];
      seen.push(row);
      p[r * 2] = q(row); p[r * 2 + 1] = 1 - q(row);
    }
    return p;
  };
  const res = await strip(screened, clean, 3, { n, seed: 4, frr: 0.1, clip: [0, 150], batch: 10 }, model);
  assert.equal(seen.length, (nClean + nScreened) * n);
  const h = (row: number[]) => entropyBits(Float64Array.of(q(row), 1 - q(row)), 0, 2);
  let clipped = 0;
  // clean pass first: clean row i's n blends are x_i + c_j, j ≠ i, decoded from the id column
  for (let i = 0; i < nClean; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const row = seen[i * n + j];
      const partner = row[1] - i;
      assert.ok(Number.isInteger(partner) && partner >= 0 && partner < nClean && partner !== i, `clean row ${i}: partner ${partner}`);
      assert.equal(row[0], 0);
      assert.equal(row[2], Math.fround(noise(i) + noise(partner)));
      s += h(row);
    }
    assert.ok(Math.abs(res.cleanEntropies[i] - s / n) < 1e-12, `clean entropy ${i}`);
  }
  for (let i = 0; i < nScreened; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const row = seen[(nClean + i) * n + j];
      assert.equal(row[0], i < 3 ? 1 : 0, 'x + c on the trigger column');
      // the clean noises are distinct, so the noise column names the partner
      const partner = [...Array(nClean).keys()].filter((k) => row[2] === Math.fround(Math.fround((i * 0.61) % 1) + noise(k)));
      assert.equal(partner.length, 1, `screened row ${i}: one clean partner`);
      const raw = 145 + i + partner[0];
      assert.equal(row[1], Math.min(raw, 150), 'clipped to the range');
      if (raw > 150) clipped++;
      s += h(row);
    }
    assert.ok(Math.abs(res.entropies[i] - s / n) < 1e-12, `screened entropy ${i}`);
  }
  assert.ok(clipped > 0, 'some blends were clipped');
  assert.ok(Math.abs(res.threshold - npQuantile([...res.cleanEntropies], 0.1)) < 1e-15);
  assert.deepEqual([...res.suspects], [...res.entropies].flatMap((e, i) => (e < res.threshold ? [i] : [])));
  assert.deepEqual([...res.suspects].slice(0, 3), [0, 1, 2], 'the triggered rows (entropy 0) are suspects');
  for (let i = 0; i < 3; i++) assert.equal(res.entropies[i], 0);
  // the same seed gives the same pairing whatever the batch size
  const again = await strip(screened, clean, 3, { n, seed: 4, frr: 0.1, clip: [0, 150], batch: 1000 }, async (b, c) => { const p = await model(b, c); return p; });
  assert.deepEqual(again.entropies, res.entropies);
});

test("strip: entropy 'of-mean' is the entropy of the averaged prediction", async () => {
  // the model says class 0 or class 1 by the parity of the clean partner's id; each single prediction is certain
  const nClean = 10, n = 8;
  const clean = Float32Array.from({ length: nClean }, (_, i) => i);
  const screened = Float32Array.of(0.25, 0.5);
  const parity = async (b: Float32Array, count: number) => {
    const p = new Float64Array(count * 2);
    for (let r = 0; r < count; r++) { const partner = Math.floor(b[r]); p[r * 2 + (partner % 2)] = 1; }
    return p;
  };
  const rows: number[] = [];
  const record = async (b: Float32Array, count: number) => { for (let r = 0; r < count; r++) rows.push(b[r]); return parity(b, count); };
  const mean = await strip(screened, clean, 1, { n, seed: 1 }, parity);
  assert.deepEqual([...mean.entropies], [0, 0]);
  const ofMean = await strip(screened, clean, 1, { n, seed: 1, entropy: 'of-mean' }, record);
  for (let i = 0; i < 2; i++) {
    const blends = rows.slice((nClean + i) * n, (nClean + i + 1) * n);
    const odd = blends.filter((v) => Math.floor(v) % 2 === 1).length / n;
    assert.ok(Math.abs(ofMean.entropies[i] - entropyBits(Float64Array.of(1 - odd, odd), 0, 2)) < 1e-12);
  }
  assert.ok(ofMean.entropies[0] > 0 || ofMean.entropies[1] > 0);
});

test('strip refuses fewer than 2 clean rows and ragged inputs', async () => {
  const m = async (_b: Float32Array, c: number) => new Float64Array(c * 2).fill(0.5);
  await assert.rejects(strip(Float32Array.of(1, 2), Float32Array.of(1, 2), 2, { seed: 0 }, m), /at least 2 clean rows/);
  await assert.rejects(strip(Float32Array.of(1, 2, 3), Float32Array.of(1, 2, 3, 4), 2, { seed: 0 }, m), /multiples of rowSize/);
});

test('strip: a row\'s entropy depends on its dataset row and the clean set only, not on which rows are screened with it, their order or the batch', async () => {
  const nClean = 30, n = 8, D = 4;
  const clean = Float32Array.from({ length: nClean * D }, (_, i) => Math.fround(((i * 0.731) % 1) * 0.5));
  const rowsAll = Int32Array.from({ length: 20 }, (_, i) => 100 + 3 * i);
  const x = (row: number) => Float32Array.from({ length: D }, (_, e) => Math.fround(((row * 0.377 + e * 0.113) % 1)));
  const model = async (b: Float32Array, count: number) => {
    const p = new Float64Array(count * 3);
    for (let r = 0; r < count; r++) {
      const s = b[r * D] + 2 * b[r * D + 1] + 3 * b[r * D + 2] - b[r * D + 3];
      const z = [s, 1 - s, 0.5 * s * s], m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), t = e[0] + e[1] + e[2];
      for (let c = 0; c < 3; c++) p[r * 3 + c] = e[c] / t;
    }
    return p;
  };
  const run = async (rows: Int32Array, batch: number) => {
    const screened = new Float32Array(rows.length * D);
    rows.forEach((r, k) => screened.set(x(r), k * D));
    const out = await strip(screened, clean, D, { n, seed: 7, ids: rows, batch }, model);
    return new Map(Array.from(rows, (r, k) => [r, out.entropies[k]]));
  };
  const all = await run(rowsAll, 256);
  const reversed = await run(Int32Array.from([...rowsAll].reverse()), 16);
  const half = await run(rowsAll.subarray(0, 7), 8);
  for (const [r, h] of all) assert.equal(reversed.get(r), h, `row ${r} reversed`);
  for (const [r, h] of half) assert.equal(all.get(r), h, `row ${r} in a subset`);
  // and the streams are per row: two rows with the same values but different ids get different blends
  const twins = new Float32Array(2 * D);
  twins.set(x(100), 0); twins.set(x(100), D);
  const t = await strip(twins, clean, D, { n, seed: 7, ids: Int32Array.from([100, 101]) }, model);
  assert.notEqual(t.entropies[0], t.entropies[1]);
  assert.equal(t.entropies[0], all.get(100));
});
