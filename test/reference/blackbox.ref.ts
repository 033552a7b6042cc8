/**
 * Reference comparison (slow, not in CI): Square alone, 5,000 queries, on mnist-8's 200 reference points, against
 * AutoAttack's Square-only run (test/fixtures/robustness-blackbox/reference/mnist-8: Linf 0.1 → 99/200 robust,
 * L2 1.5 → 83/200). Passes when our robust accuracy is within 2 percentage points of AutoAttack's (ours lower is
 * also accepted: a stronger attack is fine). Run: node --test test/reference/blackbox.ref.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { batchableMnist8, sessionModel, readNpy, npyInts, ONNX, DATA, FIX, recheck } from '../robustness-blackbox/helpers.ts';
import { makeSquare } from '../../src/gates/robustness/blackbox/square.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';

const ref = JSON.parse(readFileSync(FIX + 'reference/mnist-8/reference.json', 'utf8')) as { runs: { key: string; robust_count: number; n: number }[] };

for (const [norm, eps, key] of [['linf', 0.1, 'square-linf-0.1'], ['l2', 1.5, 'square-l2-1.5']] as const) {
  test(`Square alone on mnist-8, ${norm} ${eps}, 200 points, 5,000 queries: within 2 pp of AutoAttack`, { timeout: 3_600_000 }, async () => {
    // mnist-8 with a free batch dimension (same weights and ops; logits identical to the batch-1 file, see square.test.ts)
    const m = await sessionModel(batchableMnist8(readFileSync(ONNX + 'mnist-8.onnx')), [1, 28, 28], { classes: 10 });
    const X = readNpy(DATA + 'mnist/mnist-1000-x.npy').data as Float32Array;
    const Y = npyInts(DATA + 'mnist/mnist-1000-y.npy');
    const idx = npyInts(FIX + 'reference/mnist-8/subset200-indices.npy');
    const flags = readNpy(FIX + `reference/mnist-8/${key}-robust.npy`).data as Uint8Array;
    const D = 784, N = idx.length;
    const x0 = new Float32Array(N * D);
    const y = new Int32Array(N);
    for (let r = 0; r < N; r++) { x0.set(X.subarray(idx[r] * D, idx[r] * D + D), r * D); y[r] = Y[idx[r]]; }
    const clean = await m.forward(x0, N);
    const active = new Uint8Array(N);
    for (let r = 0; r < N; r++) {
      let k = 0;
      for (let j = 1; j < 10; j++) if (clean[r * 10 + j] > clean[r * 10 + k]) k = j;
      active[r] = k === y[r] ? 1 : 0;
    }
    const input = { x0, n: N, shape: [1, 28, 28], labels: y, active, constraints: makeConstraints({ D, norm, eps, lo: 0, hi: 1 }), oracle: m.oracle(), ids: Int32Array.from(idx), seed: 0 };
    const t0 = Date.now();
    const res = await makeSquare({ queries: 5000 }).run(input);
    const confirmed = await recheck(input, res.xAdv, res.success, m.forward, 10);
    let robust = 0, both = 0, refRobust = 0, oursOnly = 0, refOnly = 0;
    for (let r = 0; r < N; r++) {
      const ours = active[r] && !res.success[r] ? 1 : 0;
      robust += ours;
      refRobust += flags[r];
      if (ours && flags[r]) both++;
      if (ours && !flags[r]) oursOnly++;
      if (!ours && flags[r]) refOnly++;
    }
    const expected = ref.runs.find((r) => r.key === key)!;
    assert.equal(refRobust, expected.robust_count);
    console.log(JSON.stringify({ key, robust, reference: refRobust, accuracy: robust / N, reference_accuracy: refRobust / N, robust_in_both: both, robust_only_ours: oursOnly, robust_only_reference: refOnly, confirmed, queries: res.queries, seconds: (Date.now() - t0) / 1000 }));
    assert.ok(Math.abs(robust - refRobust) / N <= 0.02, `robust accuracy ${robust / N} vs AutoAttack ${refRobust / N}`);
  });
}
