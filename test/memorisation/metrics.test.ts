/**
 * ROC metrics and bootstrap of the memorisation gate against hand-computed values and a brute-force second method.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GateError } from '../../src/errors.ts';
import { attackMetrics, rocCurve, sortScores, sweepMetrics } from '../../src/gates/memorisation/roc.ts';
import type { ProgressEvent } from '../../src/types/progress.ts';
import { bootstrap, bootstrapParallel, drawU32, drawU8, percentileInterval, streamState, workerStats } from '../../src/gates/memorisation/bootstrap.ts';
import { quantileSorted } from '../../src/stats/quantile.ts';
import { rng } from '../../src/util/random.ts';

const f = (a: number[]) => Float64Array.from(a);
const close = (a: number, b: number, tol = 1e-12, msg = '') => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b}`);

test('hand-computed: ties between a member and a non-member count 1/2', () => {
  // members 3,2,1 ; non-members 2,0. Pairs (m,n): (3,2)=1 (3,0)=1 (2,2)=½ (2,0)=1 (1,2)=0 (1,0)=1 -> 4.5/6
  const m = attackMetrics(f([3, 2, 1]), f([2, 0]));
  assert.equal(m.auc, 0.75);
  // ROC points (fpr,tpr): (0,0) (0,1/3) [t=3] (1/2,2/3) [t=2] (1/2,1) [t=1] (1,1) [t=0]; max tpr-fpr = 1 - 1/2
  assert.equal(m.advantage, 0.5);
  assert.equal(m['tpr_at_fpr_0.01'], 1 / 3);
  assert.equal(m['tpr_at_fpr_0.001'], 1 / 3);
  const roc = rocCurve(f([3, 2, 1]), f([2, 0]));
  assert.deepEqual(roc.thresholds, [Infinity, 3, 2, 1, 0]);
  assert.deepEqual(roc.fpr, [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(roc.tpr, [0, 1 / 3, 2 / 3, 1, 1]);
});

test('hand-computed: all-equal scores give auc 0.5, advantage 0, tpr 0', () => {
  const m = attackMetrics(f([1, 1]), f([1, 1, 1]));
  assert.deepEqual(m, { auc: 0.5, advantage: 0, 'tpr_at_fpr_0.01': 0, 'tpr_at_fpr_0.001': 0 });
});

test('hand-computed: a single member', () => {
  // member 5 vs 1,5,7,3: beats 1 and 3, ties 5, loses to 7 -> 2.5/4
  const m = attackMetrics(f([5]), f([1, 5, 7, 3]));
  assert.equal(m.auc, 0.625);
  // points: (0,0) (1/4,0)[7] (1/2,1)[5] (3/4,1)[3] (1,1)[1] -> advantage 1/2; no point with fpr 0 has tpr > 0
  assert.equal(m.advantage, 0.5);
  assert.equal(m['tpr_at_fpr_0.01'], 0);
});

test('hand-computed: perfect separation and perfect inversion', () => {
  assert.deepEqual(attackMetrics(f([5, 6]), f([1, 2, 3])), { auc: 1, advantage: 1, 'tpr_at_fpr_0.01': 1, 'tpr_at_fpr_0.001': 1 });
  assert.deepEqual(attackMetrics(f([1, 2]), f([5, 6, 7])), { auc: 0, advantage: 0, 'tpr_at_fpr_0.01': 0, 'tpr_at_fpr_0.001': 0 });
});

test('hand-computed: TPR at FPR bounds with 100 non-members, boundary point included', () => {
  const non = f(Array.from({ length: 100 }, (_, i) => i + 1)); // 1..100
  const mem = f([100.5, 99.5, 98.5, 50]);
  const m = attackMetrics(mem, non);
  // auc: 100.5 beats 100, 99.5 beats 99, 98.5 beats 98, 50 beats 49 and ties 1 -> 346.5/400
  assert.equal(m.auc, 346.5 / 400);
  // threshold 99.5: tp 2, fp 1 (the 100) -> fpr 0.01 <= 0.01, tpr 0.5; threshold 99 -> fpr 0.02
  assert.equal(m['tpr_at_fpr_0.01'], 0.5);
  // fpr 0 only above 100: tpr 1/4
  assert.equal(m['tpr_at_fpr_0.001'], 0.25);
  // advantage: at threshold 50: tp 4, fp 51 -> 1 - 0.51 = 0.49; at 98.5: 3/4 - 2/100 = 0.73
  close(m.advantage, 0.73, 1e-15);
  // a member tied with the 1 % non-member: 100 -> tie at the boundary: threshold 100 gives tp 1 fp 1 (fpr 0.01)
  const m2 = attackMetrics(f([100, 10]), non);
  assert.equal(m2['tpr_at_fpr_0.01'], 0.5);
  assert.equal(m2['tpr_at_fpr_0.001'], 0);
  assert.equal(m2.auc, (99.5 + 9.5) / 200); // 100 ties 100 and beats 99; 10 ties 10 and beats 9
});

test('NaN or infinite scores are an error, never a number', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => attackMetrics(f([1, bad]), f([0])), (e: unknown) => e instanceof GateError && e.code === 'memorisation.non-finite' && /member row 1/.test(e.message));
    assert.throws(() => attackMetrics(f([1]), f([0, 2, bad])), (e: unknown) => e instanceof GateError && /non-member row 2/.test(e.message));
  }
  assert.throws(() => attackMetrics(f([]), f([0])), (e: unknown) => e instanceof GateError && e.code === 'memorisation.empty');
});

/** Brute force: AUC over all pairs, every distinct score as a threshold. */
function brute(mem: number[], non: number[]) {
  let pairs = 0;
  for (const a of mem) for (const b of non) pairs += a > b ? 1 : a === b ? 0.5 : 0;
  const ths = [...new Set([...mem, ...non])].sort((a, b) => b - a);
  let adv = 0, t1 = 0, t2 = 0;
  for (const t of ths) {
    const tpr = mem.filter((s) => s >= t).length / mem.length;
    const fpr = non.filter((s) => s >= t).length / non.length;
    adv = Math.max(adv, tpr - fpr);
    if (fpr <= 0.01) t1 = Math.max(t1, tpr);
    if (fpr <= 0.001) t2 = Math.max(t2, tpr);
  }
  return { auc: pairs / (mem.length * non.length), advantage: adv, 'tpr_at_fpr_0.01': t1, 'tpr_at_fpr_0.001': t2 };
}

test('matches a brute-force second method on random data with many ties', () => {
  const r = rng(7, 'test');
  for (let trial = 0; trial < 30; trial++) {
    const P = 1 + r.int(300), N = 1 + r.int(1500), levels = 2 + r.int(40);
    // even trials: many ties; odd trials: continuous scores (the distinct-scores fast path)
    const mem = Array.from({ length: P }, () => (trial % 2 ? r.normal() + 0.5 : r.int(levels) + (r.next() < 0.5 ? 1 : 0)));
    const non = Array.from({ length: N }, () => (trial % 2 ? r.normal() : r.int(levels)));
    const got = attackMetrics(f(mem), f(non));
    const want = brute(mem, non);
    close(got.auc, want.auc, 1e-12, 'auc');
    close(got.advantage, want.advantage, 1e-12, 'advantage');
    assert.equal(got['tpr_at_fpr_0.01'], want['tpr_at_fpr_0.01']);
    assert.equal(got['tpr_at_fpr_0.001'], want['tpr_at_fpr_0.001']);
  }
});

test('weighted sweep, distinct scores: the int32 byte-weight loop equals the general loop and a brute-force pair count', () => {
  const r = rng(12, 'data');
  const P = 700, N = 900;
  const mem = f(Array.from({ length: P }, () => r.normal() + 0.3)), non = f(Array.from({ length: N }, () => r.normal()));
  const s = sortScores(mem, non, 'w');
  assert.equal(s.distinct, P + N);
  const st = streamState(1);
  for (let k = 0; k < 5; k++) {
    const w32 = new Uint32Array(P + N);
    drawU32(w32, 0, P, st); drawU32(w32, P, N, st);
    const w8 = Uint8Array.from(w32);
    const a = sweepMetrics(s, w8), b = sweepMetrics(s, w32);
    assert.deepEqual(a, b);
    // brute force: weighted Mann-Whitney count and the best TPR − FPR over thresholds at every score
    let pairs = 0;
    for (let i = 0; i < P; i++) for (let j = 0; j < N; j++) if (mem[i] > non[j]) pairs += w32[i] * w32[P + j];
    assert.equal(a.auc, pairs / (P * N));
    let adv = 0;
    for (const t of [...mem, ...non]) {
      let tp = 0, fp = 0;
      for (let i = 0; i < P; i++) if (mem[i] >= t) tp += w32[i];
      for (let j = 0; j < N; j++) if (non[j] >= t) fp += w32[P + j];
      adv = Math.max(adv, tp * N - fp * P);
    }
    assert.equal(a.advantage, adv / (P * N));
  }
});

test('quantiles follow numpy linear interpolation', () => {
  // numpy.percentile([1,2,3,4,5,6,7,8,9,10], [2.5, 97.5]) = [1.225, 9.775]
  const v = f([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  const [lo, hi] = percentileInterval(v);
  close(lo, 1.225, 1e-12); close(hi, 9.775, 1e-12);
  assert.equal(quantileSorted(f([1, 2, 3]), 0.5), 2);
});

for (const tied of [true, false]) test(`bootstrap: deterministic, seed-dependent, and equal to naive resample-and-resort (${tied ? 'ties' : 'distinct scores'})`, () => {
  const r = rng(3, 'data');
  const P = 60, N = 80;
  const q = (v: number) => (tied ? Math.round(v) : v);
  const mem = f(Array.from({ length: P }, () => q(r.normal() * 4 + 2)));
  const non = f(Array.from({ length: N }, () => q(r.normal() * 4)));
  const mc = Uint8Array.from({ length: P }, () => (r.next() < 0.9 ? 1 : 0));
  const nc = Uint8Array.from({ length: N }, () => (r.next() < 0.7 ? 1 : 0));
  const input = (seed: number) => ({ attacks: { loss: sortScores(mem, non, 'loss') }, memberCorrect: mc, nonMemberCorrect: nc, resamples: 200, seed });
  const a = bootstrap(input(5)), b = bootstrap(input(5)), c = bootstrap(input(6));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);

  // Second method: the same multinomial counts (two halves of 100 resamples, each with its own stream),
  // materialised as a resample with repeated records, re-sorted and recomputed from scratch.
  const streams = [streamState(5, 0), streamState(5, 1)];
  const aucs: number[] = [], gaps: number[] = [], t1: number[] = [];
  // Draw k of a class lands on that class's k-th record by descending score (ties: lower row first).
  const byRank = (v: Float64Array) => Array.from(v.keys()).sort((x, y) => (v[y] - v[x]) || (x - y));
  const memRank = byRank(mem), nonRank = byRank(non);
  const expand = (w: Uint32Array, off: number, n: number) => { const o: number[] = []; const rank = off === 0 ? memRank : nonRank; for (let i = 0; i < n; i++) for (let c = 0; c < w[off + i]; c++) o.push(rank[i]); return o; };
  for (let k = 0; k < 200; k++) {
    const st = streams[k < 100 ? 0 : 1];
    const w = new Uint32Array(P + N);
    drawU32(w, 0, P, st);
    drawU32(w, P, N, st);
    const mi = expand(w, 0, P), ni = expand(w, P, N);
    assert.equal(mi.length, P); assert.equal(ni.length, N);
    const m = attackMetrics(f(mi.map((i) => mem[i])), f(ni.map((i) => non[i])));
    aucs.push(m.auc); t1.push(m['tpr_at_fpr_0.01']);
    gaps.push(mi.reduce((s, i) => s + mc[i], 0) / P - ni.reduce((s, i) => s + nc[i], 0) / N);
  }
  const want = (v: number[]) => percentileInterval(f(v));
  assert.deepEqual(a.attacks.loss.auc, want(aucs));
  assert.deepEqual(a.attacks.loss['tpr_at_fpr_0.01'], want(t1));
  const g = want(gaps);
  close(a.accuracy.generalization_gap[0], g[0], 1e-12); close(a.accuracy.generalization_gap[1], g[1], 1e-12);
  // one attack: the worst case is that attack
  assert.deepEqual(a.worst, a.attacks.loss);
  // the interval brackets the point estimate here
  const point = sweepMetrics(sortScores(mem, non, 'loss')).auc;
  assert.ok(a.attacks.loss.auc[0] <= point && point <= a.attacks.loss.auc[1]);
});

test('bootstrap: the worker version equals the one-thread version (fixed halves of 1001 + 1000)', async () => {
  const r = rng(4, 'data');
  const P = 2600, N = 2400; // 2001 resamples × 5000 records × 2 passes: at the worker threshold
  const mem = f(Array.from({ length: P }, () => r.normal() + 0.4)), non = f(Array.from({ length: N }, () => Math.round(r.normal() * 8) / 8));
  const mc = Uint8Array.from({ length: P }, () => (r.next() < 0.8 ? 1 : 0)), nc = Uint8Array.from({ length: N }, () => (r.next() < 0.6 ? 1 : 0));
  const input = { attacks: { loss: sortScores(mem, non, 'loss') }, memberCorrect: mc, nonMemberCorrect: nc, resamples: 2001, seed: 2 };
  const before = workerStats.halves;
  const evTwo: ProgressEvent[] = [], evOne: ProgressEvent[] = [];
  const two = await bootstrapParallel({ ...input, progress: (e) => evTwo.push(e) }), one = bootstrap({ ...input, progress: (e) => evOne.push(e) });
  assert.equal(workerStats.halves, before + 1, 'the second half ran on the worker');
  assert.deepEqual(two, one);
  assert.deepEqual(await bootstrapParallel(input), one, 'progress changes no interval');
  // progress: every 64 resamples of a half (0, 64, ..., 960: 16 updates per half of 1001 or 1000)
  const updates = (ev: ProgressEvent[]) => ev.filter((e) => e.phase === 'update').map((e) => e.done);
  const steps = Array.from({ length: 16 }, (_, k) => 64 * k);
  // with the worker: this thread's half of 1001 only, and the task says so
  assert.deepEqual(evTwo.map((e) => [e.phase, e.total]).filter(([p]) => p !== 'update'), [['start', 1001], ['end', 1001]]);
  assert.match(evTwo[0].task, /^memorisation: bootstrap \(this thread's half; the other half on a worker thread\)$/);
  assert.deepEqual(updates(evTwo), steps);
  // one thread: both halves in one task of 2001, the second offset by 1001
  assert.equal(evOne[0].task, 'memorisation: bootstrap');
  assert.deepEqual(updates(evOne), [...steps, ...steps.map((b) => 1001 + b)]);
  assert.deepEqual(evOne[evOne.length - 1], { phase: 'end', task: 'memorisation: bootstrap', unit: 'resamples', done: 2001, total: 2001 });
});

test('bootstrap: worst case is the per-resample maximum over attacks', () => {
  const r = rng(9, 'data');
  const P = 50, N = 50;
  const m1 = f(Array.from({ length: P }, () => r.normal() + 0.5)), n1 = f(Array.from({ length: N }, () => r.normal()));
  const m2 = f(Array.from({ length: P }, () => r.normal() + 0.3)), n2 = f(Array.from({ length: N }, () => r.normal()));
  const res = bootstrap({ attacks: { a: sortScores(m1, n1, 'a'), b: sortScores(m2, n2, 'b') }, memberCorrect: new Uint8Array(P), nonMemberCorrect: new Uint8Array(N), resamples: 100, seed: 1 });
  assert.ok(res.worst.auc[0] >= Math.min(res.attacks.a.auc[0], res.attacks.b.auc[0]));
  assert.ok(res.worst.auc[1] >= Math.max(res.attacks.a.auc[1], res.attacks.b.auc[1]));
});

test('bootstrap draws: uniform indices (chi-square), Uint8 overflow falls back to exact counts', () => {
  const st = streamState(11);
  const n = 50, reps = 2000;
  const w = new Uint32Array(n);
  for (let k = 0; k < reps; k++) drawU32(w, 0, n, st);
  const e = reps; // each cell expects n·reps/n draws
  let chi = 0;
  for (let i = 0; i < n; i++) chi += (w[i] - e) ** 2 / e;
  // 49 degrees of freedom: the 0.999 quantile is 85.4
  assert.ok(chi < 85.4, `chi-square ${chi}`);
  // a single cell receives every draw: counts above 255 must not wrap
  const one = bootstrap({ attacks: { s: sortScores(f([1]), f(Array.from({ length: 300 }, (_, i) => i)), 's') }, memberCorrect: Uint8Array.of(1), nonMemberCorrect: new Uint8Array(300), resamples: 5, seed: 0 });
  assert.deepEqual(one.accuracy.train_accuracy, [1, 1]);
  const u8 = new Uint8Array(1);
  assert.equal(drawU8(u8, 0, 1, streamState(0)), true);
  assert.equal(u8[0], 1);
  const u8b = Uint8Array.of(255);
  assert.equal(drawU8(u8b, 0, 1, streamState(0)), false);
  // the Uint8 and Uint32 draws are the same stream
  const a8 = new Uint8Array(n), a32 = new Uint32Array(n), s8 = streamState(3), s32 = streamState(3);
  for (let k = 0; k < 3; k++) { assert.equal(drawU8(a8, 0, n, s8), true); drawU32(a32, 0, n, s32); }
  assert.deepEqual([...a8], [...a32]);
  assert.deepEqual(s8, s32);
});

test('agrees with a numpy re-implementation of scikit-learn roc_curve / roc_auc_score (fixture)', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const ref = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'memorisation', 'sklearn-reference.json'), 'utf8')) as {
    cases: { name: string; member: number[]; non_member: number[]; auc: number; advantage: number; 'tpr_at_fpr_0.01': number; 'tpr_at_fpr_0.001': number }[];
  };
  assert.equal(ref.cases.length, 6);
  for (const c of ref.cases) {
    const m = attackMetrics(f(c.member), f(c.non_member));
    // the trapezoid sum and our exact pair count may differ in the last bits
    close(m.auc, c.auc, 1e-12, `${c.name} auc`);
    close(m.advantage, c.advantage, 1e-12, `${c.name} advantage`);
    close(m['tpr_at_fpr_0.01'], c['tpr_at_fpr_0.01'], 1e-15, `${c.name} tpr@0.01`);
    close(m['tpr_at_fpr_0.001'], c['tpr_at_fpr_0.001'], 1e-15, `${c.name} tpr@0.001`);
  }
});
