/**
 * Seeded, stratified bootstrap for the memorisation metrics.
 *
 * Each resample draws P members with replacement from the P members and N non-members from the N non-members
 * (class sizes fixed, as the evaluation design fixes them), expressed as multinomial COUNTS per record. The scores of
 * every attack are sorted once (roc.ts); a resample is one linear sweep over that order with the counts as weights,
 * so 1,000 resamples never re-sort. Every attack is evaluated on the SAME resample (record-level resampling), so the
 * worst case over attacks is bootstrapped as a statistic of its own.
 *
 * Random draws: a xoshiro128** stream seeded from `rng(seed, 'memorisation/bootstrap')` (util/random.ts), inlined
 * here because 2·10^8 draws per run must cost nanoseconds each; indices are unbiased (Lemire's multiply-shift with
 * rejection). Counts live in a Uint8Array (cache-resident) and switch to Uint32 if a count ever exceeds 255.
 *
 * Interval: 95 % percentile interval, quantiles 0.025 and 0.975 with linear interpolation between order statistics
 * (numpy's default `percentile` method).
 */
import { rng } from '../../util/random.ts';
import { ATTACK_METRICS, sweep, type AttackMetrics, type SortedScores, type SweepOut } from './roc.ts';

export type Interval = [number, number];

export interface BootstrapInput {
  /** Sorted scores per attack, all over the same P members and N non-members. */
  attacks: Record<string, SortedScores>;
  /** 1 where the model's prediction is right, per member / non-member. */
  memberCorrect: Uint8Array;
  nonMemberCorrect: Uint8Array;
  resamples: number;
  seed: number;
  /** Called every few resamples (the run's budget check). */
  onProgress?: () => void;
}

export interface BootstrapResult {
  /** Per attack: interval of each attack metric. */
  attacks: Record<string, Record<keyof AttackMetrics, Interval>>;
  /** Worst case over the attacks (max of each metric within a resample). */
  worst: Record<keyof AttackMetrics, Interval>;
  accuracy: { train_accuracy: Interval; holdout_accuracy: Interval; generalization_gap: Interval };
}

export const BOOTSTRAP_LABEL = 'memorisation/bootstrap';

export function bootstrap(input: BootstrapInput): BootstrapResult {
  const names = Object.keys(input.attacks);
  const first = input.attacks[names[0]];
  const P = first.members, N = first.nonMembers, B = input.resamples;
  const st = streamState(input.seed);
  const w8 = new Uint8Array(P + N);
  let w32: Uint32Array | null = null;
  const per: Record<string, Float64Array[]> = {};
  for (const a of names) per[a] = ATTACK_METRICS.map(() => new Float64Array(B));
  const worst = ATTACK_METRICS.map(() => new Float64Array(B));
  const train = new Float64Array(B), holdout = new Float64Array(B), gap = new Float64Array(B);
  const out: SweepOut = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  const mc = input.memberCorrect, nc = input.nonMemberCorrect;
  for (let b = 0; b < B; b++) {
    if (input.onProgress && (b & 63) === 0) input.onProgress();
    let w: Uint8Array | Uint32Array = w8;
    let m = -1, h = -1;
    if (w32 === null) {
      const saved = st.slice();
      w8.fill(0);
      m = drawCounts(w8, 0, P, st, 255, mc);
      if (m >= 0) h = drawCounts(w8, P, N, st, 255, nc);
      if (m < 0 || h < 0) { st.set(saved); w32 = new Uint32Array(P + N); }
    }
    if (w32 !== null) {
      w32.fill(0);
      m = drawCounts(w32, 0, P, st, Infinity, mc);
      h = drawCounts(w32, P, N, st, Infinity, nc);
      w = w32;
    }
    train[b] = m / P; holdout[b] = h / N; gap[b] = train[b] - holdout[b];
    for (let a = 0; a < names.length; a++) {
      sweep(input.attacks[names[a]], w, out);
      const arr = per[names[a]];
      arr[0][b] = out.auc; arr[1][b] = out.advantage; arr[2][b] = out.tpr001; arr[3][b] = out.tpr0001;
      if (a === 0 || out.auc > worst[0][b]) worst[0][b] = out.auc;
      if (a === 0 || out.advantage > worst[1][b]) worst[1][b] = out.advantage;
      if (a === 0 || out.tpr001 > worst[2][b]) worst[2][b] = out.tpr001;
      if (a === 0 || out.tpr0001 > worst[3][b]) worst[3][b] = out.tpr0001;
    }
  }
  const toRec = (arrs: Float64Array[]): Record<keyof AttackMetrics, Interval> => {
    const o = {} as Record<keyof AttackMetrics, Interval>;
    ATTACK_METRICS.forEach((k, i) => { o[k] = percentileInterval(arrs[i]); });
    return o;
  };
  const attacks: BootstrapResult['attacks'] = {};
  for (const a of names) attacks[a] = toRec(per[a]);
  return {
    attacks,
    worst: toRec(worst),
    accuracy: { train_accuracy: percentileInterval(train), holdout_accuracy: percentileInterval(holdout), generalization_gap: percentileInterval(gap) },
  };
}

/** The draw stream's state: four 32-bit words from `rng(seed, BOOTSTRAP_LABEL)`. */
export function streamState(seed: number): Uint32Array {
  const r = rng(seed, BOOTSTRAP_LABEL);
  const st = new Uint32Array(4);
  for (let i = 0; i < 4; i++) st[i] = Math.floor(r.next() * 4294967296);
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  return st;
}

const INV32 = 2.3283064365386963e-10; // 2^-32

/**
 * Adds n uniform draws from [0, n) to w[off ..]: one multinomial(n; 1/n, ..., 1/n) sample as counts.
 * Returns the number of draws whose record is correct (`correct[idx] = 1`; 0 without `correct`), or −1 (w partly
 * filled) if a count would exceed `limit`. xoshiro128** on `st`, which it advances.
 */
export function drawCounts(w: Uint8Array | Uint32Array, off: number, n: number, st: Uint32Array, limit: number, correct?: Uint8Array): number {
  let a = st[0] | 0, b = st[1] | 0, c = st[2] | 0, d = st[3] | 0;
  const thr = 4294967296 % n; // reject the low products that would bias small indices
  const cor = correct ?? null;
  let hits = 0, ok = true;
  for (let i = 0; i < n; i++) {
    for (;;) {
      const b5 = Math.imul(b, 5);
      const r = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
      const prod = r * n; // < 2^53: exact
      const idx = (prod * INV32) | 0;
      if (prod - idx * 4294967296 >= thr) {
        const v = w[off + idx] + 1;
        if (v > limit) { ok = false; break; }
        w[off + idx] = v;
        if (cor !== null) hits += cor[idx];
        break;
      }
    }
    if (!ok) break;
  }
  st[0] = a; st[1] = b; st[2] = c; st[3] = d;
  return ok ? hits : -1;
}

/** 95 % percentile interval (linear interpolation, numpy's default). Sorts `v` in place. */
export function percentileInterval(v: Float64Array, level = 0.95): Interval {
  v.sort();
  const a = (1 - level) / 2;
  return [quantileSorted(v, a), quantileSorted(v, 1 - a)];
}

/** Quantile q of sorted values, numpy `linear`: position q·(n−1), interpolated. */
export function quantileSorted(v: Float64Array, q: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos), hi = Math.min(n - 1, lo + 1);
  const f = pos - lo;
  return f === 0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * f;
}
