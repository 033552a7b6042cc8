/**
 * Full robustness reference comparison (not run in CI; about 10-20 minutes on 2 cores).
 *
 *   node --test test/reference/robustness.ref.ts        (or: npm run test:reference)
 *
 * References (AutoAttack from its public source, fra31/auto-attack a3922004, run outside this project; numbers and
 * per-point flags in test/fixtures/robustness/reference/*, see the READMEs there):
 * - mnist-8 (third-party CNTK export): AutoAttack standard (APGD-CE, APGD-T, FAB-T, Square) at linf 0.05 / 0.1 /
 *   0.15 and l2 1.0 / 1.5 on 200 points; APGD-CE alone at linf 0.1 and l2 1.5 on 500 points.
 * - digits-MLP: AutoAttack standard and PGD (50 steps × 10 restarts) at linf 0.05 / 0.1 / 0.2 and l2 0.5 / 1.0 on
 *   300 points.
 * Ours: `attacks: auto` through the gate (APGD-CE then APGD-T; Square is not part of this build), our APGD-CE
 * alone, and our PGD with the reference's budget. Criterion: robust accuracy ≤ reference + 1 percentage
 * point at every setting. The per-setting numbers are printed as test diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { robustnessGate } from '../../src/gates/robustness/index.ts';
import { apgd } from '../../src/gates/robustness/attacks/apgd.ts';
import { pgd } from '../../src/gates/robustness/attacks/pgd.ts';
import { makeConstraints } from '../../src/gates/robustness/constraints.ts';
import type { Attack } from '../../src/gates/robustness/types.ts';
import { harness } from '../robustness/gate-harness.ts';
import { FIX, loadModel, npyInts, readNpy } from '../robustness/helpers.ts';

const REF = `${FIX}reference/`;
const X = readNpy(`${FIX}mnist-8/mnist-1000-x.npy`).data as Float32Array;
const Y = readNpy(`${FIX}mnist-8/mnist-1000-y.npy`).data as BigInt64Array;
const MNIST = readFileSync(`${FIX}mnist-8/mnist-8.onnx`);

function mnistRows(idx: Int32Array): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(idx.length * 784);
  idx.forEach((r, i) => x.set(X.subarray(r * 784, (r + 1) * 784), i * 784));
  return { x, y: Int32Array.from(idx, (r) => Number(Y[r])) };
}

const count = (f: Uint8Array): number => f.reduce((a, v) => a + v, 0);

for (const [norm, eps, key] of [
  ['linf', 0.05, 'linf-0.05'], ['linf', 0.1, 'linf-0.1'], ['linf', 0.15, 'linf-0.15'], ['l2', 1.0, 'l2-1.0'], ['l2', 1.5, 'l2-1.5'],
] as const) {
  test(`mnist-8 ${norm} ${eps}, 200 points: attacks auto vs AutoAttack standard`, async (t) => {
    const idx = npyInts(`${REF}mnist-8/subset200-indices.npy`);
    const { x, y } = mnistRows(idx);
    const h = await harness(MNIST, x, [1, 28, 28], y, { epsilon: eps, norm, bounds: [0, 1] });
    const t0 = performance.now();
    const out = await robustnessGate.run(h.ctx);
    const secs = (performance.now() - t0) / 1000;
    const ref = count(readNpy(`${REF}mnist-8/aa-standard-${key}-robust.npy`).data as Uint8Array) / 200;
    const ours = (out.metrics as { robust_accuracy: number }).robust_accuracy;
    t.diagnostic(`mnist-8 ${norm} ${eps}: ours ${ours.toFixed(3)} (${JSON.stringify((out.details.attacks as { name: string; points_broken: number }[]).map((a) => [a.name, a.points_broken]))}), AutoAttack ${ref.toFixed(3)}, ${secs.toFixed(1)} s`);
    assert.equal(out.details.method, 'white-box');
    assert.ok(ours <= ref + 0.01 + 1e-9, `ours ${ours} > AutoAttack ${ref} + 1 pp`);
  });
}

for (const [norm, eps, key] of [['linf', 0.1, 'linf-0.1'], ['l2', 1.5, 'l2-1.5']] as const) {
  test(`mnist-8 ${norm} ${eps}, 500 points: our APGD-CE vs AutoAttack's APGD-CE`, async (t) => {
    const idx = npyInts(`${REF}mnist-8/subset-indices.npy`);
    const { x, y } = mnistRows(idx);
    const ours = await robustCount(x, y, idx, [1, 28, 28], MNIST, [apgd({ loss: 'ce' })], norm, eps);
    const ref = count(readNpy(`${REF}mnist-8/apgd-ce-${key}-robust.npy`).data as Uint8Array);
    t.diagnostic(`mnist-8 APGD-CE ${norm} ${eps} (500): ours ${ours} robust (${(ours / 5).toFixed(1)} %), AutoAttack ${ref} (${(ref / 5).toFixed(1)} %)`);
    assert.ok(ours <= ref + 5, `ours ${ours} > ${ref} + 1 pp`);
  });
}

const DIGITS = readFileSync(`${REF}digits-mlp/model.onnx`);
const DX = readNpy(`${REF}digits-mlp/eval_x.npy`).data as Float32Array;
const DY = Int32Array.from(readNpy(`${REF}digits-mlp/eval_y.npy`).data as BigInt64Array, Number);

for (const [norm, eps, key] of [['linf', 0.05, 'linf_0.05'], ['linf', 0.1, 'linf_0.1'], ['linf', 0.2, 'linf_0.2'], ['l2', 0.5, 'l2_0.5'], ['l2', 1.0, 'l2_1']] as const) {
  test(`digits-MLP ${norm} ${eps}: attacks auto vs AutoAttack standard, PGD 50×10 vs reference PGD`, async (t) => {
    const h = await harness(DIGITS, DX, [64], DY, { epsilon: eps, norm, bounds: [0, 1] });
    const out = await robustnessGate.run(h.ctx);
    const ours = (out.metrics as { robust_accuracy: number }).robust_accuracy;
    const refAA = count(readNpy(`${REF}digits-mlp/robust_aa_${key}.npy`).data as Uint8Array) / 300;
    const refPGD = count(readNpy(`${REF}digits-mlp/robust_pgd_${key}.npy`).data as Uint8Array) / 300;
    const oursPGD = (await robustCount(DX, DY, Int32Array.from({ length: 300 }, (_, i) => i), [64], DIGITS, [pgd({ steps: 50, restarts: 10 })], norm, eps)) / 300;
    t.diagnostic(`digits-MLP ${norm} ${eps}: auto ${ours.toFixed(4)} vs AutoAttack ${refAA.toFixed(4)}; PGD ${oursPGD.toFixed(4)} vs reference PGD ${refPGD.toFixed(4)}`);
    assert.ok(ours <= refAA + 0.01 + 1e-9);
    assert.ok(oursPGD <= refPGD + 0.01 + 1e-9);
  });
}

async function robustCount(x: Float32Array, y: Int32Array, ids: Int32Array, shape: number[], bytes: Uint8Array, attacks: Attack[], norm: 'linf' | 'l2', eps: number): Promise<number> {
  const D = shape.reduce((a, b) => a * b, 1);
  const n = y.length;
  const m = await loadModel(bytes, shape);
  const C = m.classes;
  const am = (z: Float32Array, i: number): number => {
    let k = 0;
    for (let j = 1; j < C; j++) if (z[i * C + j] > z[i * C + k]) k = j;
    return k;
  };
  const z = await m.forward(x, n);
  const alive = Uint8Array.from({ length: n }, (_, i) => (am(z, i) === y[i] ? 1 : 0));
  const cons = makeConstraints({ D, norm, eps, lo: 0, hi: 1 });
  const oracle = m.oracle(x);
  for (const a of attacks) {
    const r = await a.run({ x0: x, n, shape, labels: y, active: alive.slice(), constraints: cons, oracle, ids, seed: 0 });
    const z2 = await m.forward(r.xAdv, n);
    for (let i = 0; i < n; i++) {
      if (alive[i] && r.success[i] && am(z2, i) !== y[i] && cons.feasible(r.xAdv, i * D, x, i * D)) alive[i] = 0;
    }
  }
  await oracle.release();
  return alive.reduce((a, v) => a + v, 0);
}
