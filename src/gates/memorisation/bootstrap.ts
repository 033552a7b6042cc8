/**
 * Seeded, stratified bootstrap for the memorisation metrics.
 *
 * Each resample draws P members with replacement from the P members and N non-members from the N non-members
 * (class sizes fixed, as the evaluation design fixes them), expressed as multinomial COUNTS per record. The scores of
 * every attack are sorted once (src/stats/roc.ts); a resample is one linear sweep over that order with the counts as weights,
 * so 1,000 resamples never re-sort. Every attack is evaluated on the SAME resample (record-level resampling), so the
 * worst case over attacks is bootstrapped as a statistic of its own.
 *
 * Random draws: xoshiro128** streams seeded from `rng(seed, 'memorisation/bootstrap#<half>')` (util/random.ts),
 * inlined here because 2·10^8 draws per run must cost nanoseconds each; indices are unbiased (Lemire's
 * multiply-shift with rejection). Counts live in a Uint8Array (cache-resident) and switch to Uint32 if a count ever
 * exceeds 255. The resamples run in two fixed halves with their own streams (see HALVES), the second on a worker
 * thread for large inputs (`bootstrapParallel`); the result is the same on one thread.
 *
 * Interval: 95 % percentile interval, quantiles 0.025 and 0.975 with linear interpolation between order statistics
 * (numpy's default `percentile` method; `quantileSorted`, src/stats/quantile.ts).
 */
import { rng } from '../../util/random.ts';
import { quantileSorted } from '../../stats/quantile.ts';
import { Worker } from 'node:worker_threads';
import { sweep, sweepDistinct, type SortedScores } from '../../stats/roc.ts';
import { ATTACK_METRICS, type AttackMetrics } from './roc.ts';
import type { ProgressSink } from '../../types/progress.ts';

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
  /** Progress lines: the resamples done on this thread (task `memorisation: bootstrap`). */
  progress?: ProgressSink;
}

const TASK = 'memorisation: bootstrap';

/**
 * runHalf's callback for `jobs` run one after the other on this thread: the budget check, and progress over
 * `total` resamples (offset by the halves already done).
 */
function tracker(input: BootstrapInput, task: string, total: number): { half(offset: number): (done: number) => void; end(): void } {
  const sink = input.progress;
  sink?.({ phase: 'start', task, unit: 'resamples', done: 0, total });
  return {
    half: (offset) => (done) => {
      input.onProgress?.();
      sink?.({ phase: 'update', task, unit: 'resamples', done: offset + done, total });
    },
    end: () => sink?.({ phase: 'end', task, unit: 'resamples', done: total, total }),
  };
}

export interface BootstrapResult {
  /** Per attack: interval of each attack metric. */
  attacks: Record<string, Record<keyof AttackMetrics, Interval>>;
  /** Worst case over the attacks (max of each metric within a resample). */
  worst: Record<keyof AttackMetrics, Interval>;
  accuracy: { train_accuracy: Interval; holdout_accuracy: Interval; generalization_gap: Interval };
}

export const BOOTSTRAP_LABEL = 'memorisation/bootstrap';

/**
 * The resamples are split in two FIXED halves (⌈B/2⌉ and ⌊B/2⌋), each with its own stream
 * (`rng(seed, 'memorisation/bootstrap#0')` and `#1`), so the halves can run on two threads and the result never
 * depends on the machine's core count or on whether a worker could start: `bootstrap` (one thread) and
 * `bootstrapParallel` (a worker for the second half) return identical results.
 */
export const HALVES = 2;

/** One thread's share of the work: self-contained data (it is posted to the worker). */
interface HalfJob {
  attacks: SortedScores[];
  memberCorrect: Uint8Array;
  nonMemberCorrect: Uint8Array;
  count: number;
  state: Uint32Array;
}
/** Per resample b: metrics[(b·attacks + a)·4 + k] = metric k of attack a; correct draws of members / non-members. */
interface HalfResult {
  metrics: Float64Array;
  memberHits: Float64Array;
  nonMemberHits: Float64Array;
}

function halfJobs(input: BootstrapInput): HalfJob[] {
  const { attacks, memberCorrect, nonMemberCorrect } = relabel(Object.values(input.attacks), input.memberCorrect, input.nonMemberCorrect);
  const B = input.resamples;
  const counts = [Math.ceil(B / 2), Math.floor(B / 2)];
  return counts.map((count, h) => ({ attacks, memberCorrect, nonMemberCorrect, count, state: streamState(input.seed, h) }));
}

/**
 * Draws are made in "rank space": draw k of the members lands on the k-th member of the FIRST attack's score order
 * (the same for non-members), so that attack's sweep reads the counts sequentially instead of gathering them; the
 * other attacks' orders and the correctness flags are relabelled to match. A fixed permutation of equally likely
 * records leaves the multinomial resample exactly as it was.
 */
export function relabel(attacks: SortedScores[], mc: Uint8Array, nc: Uint8Array): { attacks: SortedScores[]; memberCorrect: Uint8Array; nonMemberCorrect: Uint8Array; label: Int32Array } {
  const { positives: P, order } = attacks[0];
  const label = new Int32Array(order.length);
  let im = 0, inn = P;
  for (let j = 0; j < order.length; j++) label[order[j]] = order[j] < P ? im++ : inn++;
  const memberCorrect = new Uint8Array(P), nonMemberCorrect = new Uint8Array(order.length - P);
  for (let i = 0; i < P; i++) memberCorrect[label[i]] = mc[i];
  for (let i = P; i < order.length; i++) nonMemberCorrect[label[i] - P] = nc[i - P];
  const out = attacks.map((a) => ({ ...a, order: a.order.map((r) => label[r]) }));
  return { attacks: out, memberCorrect, nonMemberCorrect, label };
}

/** All resamples on the calling thread. */
export function bootstrap(input: BootstrapInput): BootstrapResult {
  const jobs = halfJobs(input);
  const t = tracker(input, TASK, input.resamples);
  let offset = 0;
  const halves = jobs.map((j) => {
    const r = runHalf(j, t.half(offset));
    offset += j.count;
    return r;
  });
  t.end();
  return combine(input, halves);
}

/** Below this much work (draws + sweep reads) a worker's start-up (~40 ms) costs more than it saves. */
const PARALLEL_MIN_WORK = 2e7;

/**
 * The same result as `bootstrap`, with the second half on a worker thread when the work is large enough (the
 * calling thread runs the first half meanwhile). If the worker cannot run, the calling thread runs that half too.
 */
export async function bootstrapParallel(input: BootstrapInput): Promise<BootstrapResult> {
  const names = Object.keys(input.attacks);
  const first = input.attacks[names[0]];
  const work = input.resamples * (first.positives + first.negatives) * (1 + names.length);
  if (work < PARALLEL_MIN_WORK || input.resamples < 2) return bootstrap(input);
  const [j0, j1] = halfJobs(input);
  let worker: Worker | null = null;
  let pending: Promise<HalfResult | null>;
  try {
    worker = new Worker(workerSource(), { eval: true });
    const w = worker;
    pending = new Promise<HalfResult | null>((resolve) => {
      w.once('message', (m: HalfResult | { error: string }) => resolve('error' in m ? null : m));
      w.once('error', () => resolve(null));
      w.once('exit', () => resolve(null));
    });
    w.postMessage(j1);
    // The worker's start-up needs the calling thread's event loop: let it come up before this thread is busy.
    await Promise.race([new Promise((resolve) => w.once('online', resolve)), pending]);
  } catch {
    pending = Promise.resolve(null);
  }
  try {
    // progress: this thread's half (the worker's runs meanwhile and reports nothing until it is done)
    const t0 = tracker(input, `${TASK} (this thread's half; the other half on a worker thread)`, j0.count);
    const r0 = runHalf(j0, t0.half(0));
    t0.end();
    let r1 = await pending;
    if (r1) workerStats.halves++;
    else {
      const t1 = tracker(input, `${TASK} (the second half, on this thread: the worker could not run)`, j1.count);
      r1 = runHalf(j1, t1.half(0));
      t1.end();
    }
    return combine(input, [r0, r1]);
  } finally {
    if (worker) void worker.terminate();
  }
}

/** How many halves a worker has computed (for tests: the worker path really ran). */
export const workerStats = { halves: 0 };

let source: string | null = null;
/** The worker: the kernel's functions as source text (self-contained, so it runs from src/ and from the bundle). */
function workerSource(): string {
  source ??= [
    "const { parentPort } = require('node:worker_threads');",
    ...[runHalf, drawU8, drawU32, hitsOf, sweep, sweepDistinct].map(String),
    `parentPort.once('message', (job) => {
      try {
        const r = ${runHalf.name}(job, undefined);
        parentPort.postMessage(r, [r.metrics.buffer, r.memberHits.buffer, r.nonMemberHits.buffer]);
      } catch (e) { parentPort.postMessage({ error: String(e) }); }
    });`,
  ].join('\n');
  return source;
}

function combine(input: BootstrapInput, halves: HalfResult[]): BootstrapResult {
  const names = Object.keys(input.attacks);
  const A = names.length, B = input.resamples;
  const first = input.attacks[names[0]];
  const P = first.positives, N = first.negatives;
  const per = names.map(() => ATTACK_METRICS.map(() => new Float64Array(B)));
  const worst = ATTACK_METRICS.map(() => new Float64Array(B));
  const train = new Float64Array(B), holdout = new Float64Array(B), gap = new Float64Array(B);
  let b = 0;
  for (const h of halves) {
    const cnt = h.memberHits.length;
    for (let i = 0; i < cnt; i++, b++) {
      train[b] = h.memberHits[i] / P; holdout[b] = h.nonMemberHits[i] / N; gap[b] = train[b] - holdout[b];
      for (let a = 0; a < A; a++) {
        for (let k = 0; k < 4; k++) {
          const v = h.metrics[(i * A + a) * 4 + k];
          per[a][k][b] = v;
          if (a === 0 || v > worst[k][b]) worst[k][b] = v;
        }
      }
    }
  }
  const toRec = (arrs: Float64Array[]): Record<keyof AttackMetrics, Interval> => {
    const o = {} as Record<keyof AttackMetrics, Interval>;
    ATTACK_METRICS.forEach((k, i) => { o[k] = percentileInterval(arrs[i]); });
    return o;
  };
  const attacks: BootstrapResult['attacks'] = {};
  names.forEach((a, i) => { attacks[a] = toRec(per[i]); });
  return {
    attacks,
    worst: toRec(worst),
    accuracy: { train_accuracy: percentileInterval(train), holdout_accuracy: percentileInterval(holdout), generalization_gap: percentileInterval(gap) },
  };
}

/**
 * The kernel: `job.count` resamples from `job.state`. Self-contained apart from the functions listed in
 * `workerSource` (it is shipped to the worker as source text): no module constants, no imports.
 */
function runHalf(job: HalfJob, onProgress: ((done: number) => void) | undefined): HalfResult {
  const atts = job.attacks, A = atts.length, cnt = job.count;
  const P = atts[0].positives, N = atts[0].negatives;
  const st = job.state, mc = job.memberCorrect, nc = job.nonMemberCorrect;
  const metrics = new Float64Array(cnt * A * 4), memberHits = new Float64Array(cnt), nonMemberHits = new Float64Array(cnt);
  const w8 = new Uint8Array(P + N);
  let w32: Uint32Array | null = null;
  const out = { auc: 0, advantage: 0, tpr001: 0, tpr0001: 0 };
  for (let b = 0; b < cnt; b++) {
    if (onProgress && (b & 63) === 0) onProgress(b);
    let w: Uint8Array | Uint32Array = w8;
    if (w32 === null) {
      const saved = st.slice();
      w8.fill(0);
      if (!drawU8(w8, 0, P, st) || !drawU8(w8, P, N, st)) { st.set(saved); w32 = new Uint32Array(P + N); }
    }
    if (w32 !== null) {
      w32.fill(0);
      drawU32(w32, 0, P, st);
      drawU32(w32, P, N, st);
      w = w32;
    }
    memberHits[b] = hitsOf(w, 0, P, mc);
    nonMemberHits[b] = hitsOf(w, P, N, nc);
    for (let a = 0; a < A; a++) {
      sweep(atts[a], w, out);
      const o = (b * A + a) * 4;
      metrics[o] = out.auc; metrics[o + 1] = out.advantage; metrics[o + 2] = out.tpr001; metrics[o + 3] = out.tpr0001;
    }
  }
  return { metrics, memberHits, nonMemberHits };
}

/** Σ w[off + i] · correct[i]: the number of correct records drawn. */
function hitsOf(w: Uint8Array | Uint32Array, off: number, n: number, correct: Uint8Array): number {
  let h = 0;
  for (let i = 0; i < n; i++) h += w[off + i] * correct[i];
  return h;
}

/** The draw stream's state of half `half`: four 32-bit words from `rng(seed, 'memorisation/bootstrap#<half>')`. */
export function streamState(seed: number, half = 0): Uint32Array {
  const r = rng(seed, `${BOOTSTRAP_LABEL}#${half}`);
  const st = new Uint32Array(4);
  for (let i = 0; i < 4; i++) st[i] = Math.floor(r.next() * 4294967296);
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  return st;
}

/**
 * Adds n uniform draws from [0, n) to w[off ..]: one multinomial(n; 1/n, ..., 1/n) sample as counts. Returns false
 * (w partly filled) if a count would exceed 255. xoshiro128** on `st`, which it advances. Index = high word of
 * r·n (r a 32-bit output; exact in a double for n < 2^21), rejecting the low words below 2^32 mod n (Lemire), so
 * every index has probability exactly 1/n. Separate Uint8 and Uint32 versions keep each loop monomorphic.
 */
export function drawU8(w: Uint8Array, off: number, n: number, st: Uint32Array): boolean {
  let a = st[0] | 0, b = st[1] | 0, c = st[2] | 0, d = st[3] | 0;
  const thr = 4294967296 % n;
  let ok = true;
  for (let i = 0; i < n; i++) {
    let prod = 0, idx = 0;
    do {
      const b5 = Math.imul(b, 5);
      const r = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
      prod = r * n;
      idx = (prod * 2.3283064365386963e-10) | 0;
    } while (prod - idx * 4294967296 < thr);
    const v = w[off + idx] + 1;
    if (v > 255) { ok = false; break; }
    w[off + idx] = v;
  }
  st[0] = a; st[1] = b; st[2] = c; st[3] = d;
  return ok;
}

/** `drawU8` without a count limit (the fallback when a Uint8 count would overflow). */
export function drawU32(w: Uint32Array, off: number, n: number, st: Uint32Array): void {
  let a = st[0] | 0, b = st[1] | 0, c = st[2] | 0, d = st[3] | 0;
  const thr = 4294967296 % n;
  for (let i = 0; i < n; i++) {
    let prod = 0, idx = 0;
    do {
      const b5 = Math.imul(b, 5);
      const r = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
      prod = r * n;
      idx = (prod * 2.3283064365386963e-10) | 0;
    } while (prod - idx * 4294967296 < thr);
    w[off + idx]++;
  }
  st[0] = a; st[1] = b; st[2] = c; st[3] = d;
}

/** 95 % percentile interval (linear interpolation, numpy's default). Sorts `v` in place. */
export function percentileInterval(v: Float64Array, level = 0.95): Interval {
  v.sort();
  const a = (1 - level) / 2;
  return [quantileSorted(v, a), quantileSorted(v, 1 - a)];
}
