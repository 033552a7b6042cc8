/**
 * Membership scores against closed forms, and the reference-model attacks (LiRA, RMIA) on synthetic data whose
 * answer is known.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GateError } from '../../src/errors.ts';
import type { Predictions } from '../../src/gates/types.ts';
import { allScores, membershipScores } from '../../src/gates/memorisation/scores.ts';
import { liraOffline } from '../../src/gates/memorisation/lira.ts';
import { logLikelihoodRatios, rmiaOffline } from '../../src/gates/memorisation/rmia.ts';
import { attackMetrics } from '../../src/gates/memorisation/roc.ts';
import { rng } from '../../src/util/random.ts';

const close = (a: number, b: number, tol = 1e-12, msg = '') => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`);

function preds(kind: 'logits' | 'probabilities', rows: number[][], labels: number[]): Predictions {
  const classes = rows[0].length;
  const predicted = Int32Array.from(rows, (r) => r.indexOf(Math.max(...r)));
  return { dataset: 't', rows: rows.length, classes, kind, scores: Float64Array.from(rows.flat()), predicted, labels: Int32Array.from(labels), classLabels: [...Array(classes).keys()] };
}

test('closed forms from logits: binary 50/50, 3:1 odds, and a 3-class row', () => {
  // logits [0,0]: p = 1/2; loss = log 1/2; logit-scaled 0; Mentr = -(1/2)log(1/2) - (1/2)log(1/2) = log 2
  let s = allScores(preds('logits', [[0, 0]], [1]), 't');
  close(s.loss[0], -Math.LN2); close(s.confidence[0], 0.5); close(s.logitScaled[0], 0); close(s.negMentr[0], -Math.LN2);
  // logits [log 3, 0]: p = (3/4, 1/4)
  s = allScores(preds('logits', [[Math.log(3), 0], [Math.log(3), 0]], [0, 1]), 't');
  close(s.loss[0], Math.log(0.75)); close(s.logitScaled[0], Math.log(3));
  close(s.negMentr[0], -(-0.25 * Math.log(0.75) - 0.25 * Math.log(0.75))); // -(1-py)log py - p1 log(1-p1)
  close(s.loss[1], Math.log(0.25)); close(s.logitScaled[1], -Math.log(3));
  close(s.negMentr[1], -(-0.75 * Math.log(0.25) - 0.75 * Math.log(0.25)));
  assert.deepEqual([...s.correct], [1, 0]);
  // logits log[1,2,5]: p = [1/8, 2/8, 5/8], label 0
  s = allScores(preds('logits', [[0, Math.log(2), Math.log(5)]], [0]), 't');
  close(s.loss[0], Math.log(1 / 8));
  close(s.logitScaled[0], Math.log((1 / 8) / (7 / 8)));
  close(s.negMentr[0], -(-(7 / 8) * Math.log(1 / 8) - (2 / 8) * Math.log(6 / 8) - (5 / 8) * Math.log(3 / 8)));
  // adding a constant to every logit changes nothing
  const t = allScores(preds('logits', [[100, 100 + Math.log(2), 100 + Math.log(5)]], [0]), 't');
  close(t.loss[0], s.loss[0], 1e-12); close(t.logitScaled[0], s.logitScaled[0], 1e-12); close(t.negMentr[0], s.negMentr[0], 1e-12);
});

test('confident rows keep distinct scores in float64 (no softmax-then-log ties)', () => {
  // p_y = 1/(1+e^-40) and 1/(1+e^-50): both round to 1 in float32 and float64 probabilities, but not in log space
  const s = allScores(preds('logits', [[40, 0], [50, 0]], [0, 0]), 't');
  close(s.loss[0], -Math.log1p(Math.exp(-40)), 1e-12, 'loss 40');
  close(s.loss[1], -Math.log1p(Math.exp(-50)), 1e-12, 'loss 50');
  assert.ok(s.loss[1] > s.loss[0]);
  assert.equal(s.logitScaled[0], 40); assert.equal(s.logitScaled[1], 50);
  // Mentr = -(1-p)log p - q log(1-q) with q = 1-p = e^-40/(1+e^-40): ≈ q² + 40q
  const q = Math.exp(-40) / (1 + Math.exp(-40));
  close(s.negMentr[0], -(q * Math.log1p(Math.exp(-40)) - q * Math.log(q)), 1e-9, 'mentr');
  assert.ok(s.negMentr[1] > s.negMentr[0]);
  // a wrong, confident row: label 1 with logits [50, 0]: log p_y = -50 - log(1+e^-50)
  const w = allScores(preds('logits', [[50, 0]], [1]), 't');
  close(w.loss[0], -50, 1e-12); assert.equal(w.logitScaled[0], -50);
});

test('probabilities: clamped to [1e-12, 1] and counted', () => {
  const s = allScores(preds('probabilities', [[1, 0], [0.25, 0.75]], [0, 1]), 't');
  assert.equal(s.clamped, 1); // the 0 raised to 1e-12
  assert.equal(s.loss[0], 0);
  close(s.logitScaled[0], -Math.log(1e-12));
  close(s.loss[1], Math.log(0.75)); close(s.logitScaled[1], Math.log(3));
  assert.ok(Number.isFinite(s.negMentr[0]));
});

test('errors: label-only models, missing labels, out-of-range labels, non-finite outputs', () => {
  const isErr = (code: string) => (e: unknown) => e instanceof GateError && e.code === code;
  const lab: Predictions = { dataset: 'm', rows: 1, classes: 2, kind: 'label', predicted: Int32Array.of(0), labels: Int32Array.of(0), classLabels: [0, 1] };
  assert.throws(() => membershipScores(lab, 'loss', 'members'), isErr('memorisation.label-only'));
  assert.throws(() => membershipScores({ ...preds('logits', [[0, 1]], [0]), labels: undefined }, 'loss', 'members'), isErr('memorisation.no-labels'));
  assert.throws(() => membershipScores(preds('logits', [[0, 1], [1, 0]], [0, -1]), 'loss', 'members'), (e: unknown) => e instanceof GateError && e.code === 'memorisation.missing-label' && /row 1 of dataset 'members'/.test(e.message));
  assert.throws(() => membershipScores(preds('logits', [[0, 1]], [2]), 'loss', 'members'), isErr('memorisation.missing-label'));
  assert.throws(() => membershipScores(preds('logits', [[NaN, 1]], [0]), 'loss', 'members'), isErr('memorisation.non-finite'));
  assert.throws(() => membershipScores(preds('logits', [[Infinity, 1]], [0]), 'loss', 'members'), isErr('memorisation.non-finite'));
});

test('LiRA: per-record calibration recovers a shift hidden by record difficulty (known AUC)', () => {
  // Record difficulty μ_i ~ N(0, 10²); reference (OUT) confidences μ_i + N(0,1); the target gives μ_i + N(0,1) for
  // non-members and μ_i + δ + N(0,1) for members. With K references and one global σ, the LiRA score
  // (φ − mean_k φ_k)/σ is N(δ, 1 + 1/K)/σ vs N(0, 1 + 1/K)/σ, so AUC = Φ(δ / sqrt(2(1 + 1/K))).
  const r = rng(1, 'lira-test');
  const n = 4000, K = 8, delta = 2;
  const target = new Float64Array(2 * n);
  const refs = Array.from({ length: K }, () => new Float64Array(2 * n));
  for (let i = 0; i < 2 * n; i++) {
    const mu = 10 * r.normal();
    for (let k = 0; k < K; k++) refs[k][i] = mu + r.normal();
    target[i] = mu + r.normal() + (i < n ? delta : 0);
  }
  const lira = liraOffline(target, refs);
  assert.equal(lira.variance, 'global');
  close(lira.sigma!, 1, 0.03, 'pooled sigma');
  const auc = attackMetrics(lira.scores.subarray(0, n), lira.scores.subarray(n)).auc;
  const want = 0.9088; // Φ(2 / sqrt(2 · 1.125)) = Φ(1.3333)
  assert.ok(Math.abs(auc - want) < 0.015, `LiRA auc ${auc}, want ≈ ${want}`);
  // the raw confidence alone barely separates them: Φ(2 / sqrt(2 · 101)) ≈ 0.556
  const raw = attackMetrics(target.subarray(0, n), target.subarray(n)).auc;
  assert.ok(Math.abs(raw - 0.556) < 0.02, `raw auc ${raw}`);
  // per-record variances from enough models: same ranking quality here
  const many = Array.from({ length: 64 }, () => new Float64Array(2 * n));
  const r2 = rng(2, 'lira-test');
  for (let i = 0; i < 2 * n; i++) {
    const mu = target[i] - (i < n ? delta : 0);
    for (let k = 0; k < 64; k++) many[k][i] = mu + r2.normal();
  }
  assert.equal(liraOffline(target, many).variance, 'per-record');
});

test('RMIA: hand-computed scores, the offline a correction, and a synthetic known answer', () => {
  // a = 1: Pr(x) = mean reference probability. x1: 0.8 / 0.4 = LR 2; x2: 0.3 / 0.6 = 0.5.
  // population LRs: 0.5/0.5 = 1, 0.2/0.8 = 0.25, 0.8/0.2 = 4, 0.8/0.4 = 2 (the same numbers as x1: an exact tie).
  // score(x1) = #{z: LR(z) ≤ 2} / 4 = 3/4 (the tie counts: LR(x)/LR(z) = 1 ≥ γ); score(x2) = #{≤ 0.5}/4 = 1/4
  const L = (a: number[]) => Float64Array.from(a, Math.log);
  const res = rmiaOffline({ targetX: L([0.8, 0.3]), refsX: [L([0.4, 0.6])], targetZ: L([0.5, 0.2, 0.8, 0.8]), refsZ: [L([0.5, 0.8, 0.2, 0.4])], a: 1 });
  assert.deepEqual([...res.scores], [0.75, 0.25]);
  // a = 0.3: Pr(x) = 0.65 · mean + 0.35
  const lr = logLikelihoodRatios(L([0.8]), [L([0.4]), L([0.2])], 0.3);
  close(lr[0], Math.log(0.8 / (0.65 * 0.3 + 0.35)));
  // γ = 2 needs LR(x)/LR(z) ≥ 2: x1 (LR 2) vs z LRs ≤ 1 -> {1, 0.25} -> 2/4
  const g2 = rmiaOffline({ targetX: L([0.8, 0.3]), refsX: [L([0.4, 0.6])], targetZ: L([0.5, 0.2, 0.8, 0.8]), refsZ: [L([0.5, 0.8, 0.2, 0.4])], a: 1, gamma: 2 });
  assert.equal(g2.scores[0], 0.5);

  // Synthetic: record difficulty d_i sets the reference probability p_ref = σ(d_i); the target gives σ(d_i + noise)
  // to non-members and σ(d_i + 2 + noise) to members. Calibrating by Pr(x) removes the difficulty, so RMIA must
  // beat the raw probability (loss attack) by a wide margin.
  const r = rng(3, 'rmia-test');
  const n = 2000, m = 2000, K = 4;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const mk = (count: number, shift: (i: number) => number) => {
    const t = new Float64Array(count), refs = Array.from({ length: K }, () => new Float64Array(count));
    for (let i = 0; i < count; i++) {
      const d = 3 * r.normal();
      for (let k = 0; k < K; k++) refs[k][i] = Math.log(sig(d + 0.3 * r.normal()));
      t[i] = Math.log(sig(d + shift(i) + 0.3 * r.normal()));
    }
    return { t, refs };
  };
  const x = mk(2 * n, (i) => (i < n ? 2 : 0));
  const z = mk(m, () => 0);
  const scores = rmiaOffline({ targetX: x.t, refsX: x.refs, targetZ: z.t, refsZ: z.refs }).scores;
  const rm = attackMetrics(scores.subarray(0, n), scores.subarray(n)).auc;
  const loss = attackMetrics(x.t.subarray(0, n), x.t.subarray(n)).auc;
  // Oracle: knowing each record's difficulty exactly, the best score is the target's logit minus d_i:
  // N(2, 0.3²) vs N(0, 0.3²) -> AUC Φ(2 / (0.3·√2)) ≈ 1. RMIA only sees probabilities (which saturate for easy
  // records, where members and non-members both give p ≈ 1), so it is below the oracle but far above the loss attack.
  // (measured: rmia 0.854, loss 0.672)
  assert.ok(rm > 0.8, `rmia auc ${rm}`);
  assert.ok(rm > loss + 0.15, `rmia ${rm} vs loss ${loss}`);
  // without the calibration (every reference probability equal) RMIA ranks like the target probability alone
  const flat = [new Float64Array(2 * n).fill(Math.log(0.5))];
  const plain = rmiaOffline({ targetX: x.t, refsX: flat, targetZ: z.t, refsZ: [new Float64Array(m).fill(Math.log(0.5))] }).scores;
  assert.ok(Math.abs(attackMetrics(plain.subarray(0, n), plain.subarray(n)).auc - loss) < 0.01);
});
