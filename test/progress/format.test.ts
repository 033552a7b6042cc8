/**
 * The progress formatter and writer with a fake clock: throttling (at most one update line per 5 s in logs), the
 * ETA and rate arithmetic (worked by hand in the comments), live terminal lines vs whole CI log lines.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { duration, etaMs, progressFormatter } from '../../src/progress/format.ts';
import { progressIsLive, progressOutput } from '../../src/progress/output.ts';
import type { ProgressEvent } from '../../src/types/progress.ts';

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

const ATTACK = 'robustness: apgd-ce eps=0.03';
const pts = (phase: ProgressEvent['phase'], done: number, more: Partial<ProgressEvent> = {}): ProgressEvent =>
  ({ phase, task: ATTACK, unit: 'points', done, total: 200, ...more });

test('log mode: a first line once the task has run 1 s, then at most one update per 5 s, a final line; rates and ETA by hand', () => {
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false });
  const lines: (string | null)[] = [];
  const at = (t: number, e: ProgressEvent) => { c.t = t; const o = f.push(e); assert.equal(o?.live ?? false, false); lines.push(o?.text ?? null); };
  at(0, pts('start', 0, { broken: 0, queries: 0 }));
  at(400, pts('update', 2, { broken: 2, queries: 800, remainingQueries: 39000 }));
  // 1 s in: 2000 queries in 1 s = 2000/s; 38000 left at that rate = 19 s (a bound: "≤")
  at(1000, pts('update', 10, { broken: 10, queries: 2000, remainingQueries: 38000 }));
  at(4999, pts('update', 30, { broken: 30, queries: 9000, remainingQueries: 17000 }));
  at(5000, pts('update', 40, { broken: 40, queries: 10000, remainingQueries: 16000 }));
  // 5 s after the first line: 12000 queries in 6 s = 2000/s; 14000 left = 7 s
  at(6000, pts('update', 41, { broken: 41, queries: 12000, remainingQueries: 14000 }));
  at(10999, pts('update', 42, { broken: 42, queries: 19000, remainingQueries: 7000 }));
  // 25000 queries in 12.5 s = 2000/s
  at(12500, pts('end', 200, { broken: 55, queries: 25000 }));
  assert.deepEqual(lines, [
    null,
    null,
    'robustness: apgd-ce eps=0.03 — 10/200 points, 10 broken, 2000 queries/s, ETA ≤ 19s',
    null,
    null,
    'robustness: apgd-ce eps=0.03 — 41/200 points, 41 broken, 2000 queries/s, ETA ≤ 7s',
    null,
    'robustness: apgd-ce eps=0.03 — 200/200 points, 55 broken, 25000 queries in 12.5 s (2000 queries/s)',
  ]);
});

test('log mode: a short task prints only its final line; the 5 s spacing of updates holds; the mean row rate', () => {
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false });
  const row = (phase: ProgressEvent['phase'], done: number): ProgressEvent => ({ phase, task: 'model m.onnx on dataset test (batch 64)', unit: 'rows', done, total: 10000 });
  const at = (t: number, e: ProgressEvent) => { c.t = t; return f.push(e)?.text ?? null; };
  assert.equal(at(100_000, row('start', 0)), null);
  // 1000 rows in 2 s = 500 rows/s; 9000 rows left at 500/s = 18 s
  assert.equal(at(102_000, row('update', 1000)), 'model m.onnx on dataset test (batch 64) — 1000/10000 rows, 500 rows/s, ETA 18s');
  assert.equal(at(105_000, row('update', 2500)), null);
  // 3500 rows in 7 s = 500 rows/s; 6500 left = 13 s
  assert.equal(at(107_000, row('update', 3500)), 'model m.onnx on dataset test (batch 64) — 3500/10000 rows, 500 rows/s, ETA 13s');
  // 10000 rows in 8 s = 1250 rows/s
  assert.equal(at(108_000, row('end', 10000)), 'model m.onnx on dataset test (batch 64) — 10000/10000 rows in 8.0 s (1250 rows/s)');
  // a task of 0.8 s: its final line only (1000 resamples in 0.8 s = 1250/s)
  const fair = (phase: ProgressEvent['phase'], done: number): ProgressEvent => ({ phase, task: 'fairness: bootstrap', unit: 'resamples', done, total: 1000 });
  assert.equal(at(109_000, fair('start', 0)), null);
  assert.equal(at(109_500, fair('update', 640)), null);
  assert.equal(at(109_800, fair('end', 1000)), 'fairness: bootstrap — 1000/1000 resamples in 0.8 s (1250 resamples/s)');
  // the next task's first line comes 1 s into it, even 1.7 s after the last line; then 5 s spacing again
  const mem = (phase: ProgressEvent['phase'], done: number): ProgressEvent => ({ phase, task: 'memorisation: bootstrap', unit: 'resamples', done, total: 500 });
  assert.equal(at(110_000, mem('start', 0)), null);
  // 300 in 1.5 s = 200/s; 200 left = 1 s
  assert.equal(at(111_500, mem('update', 300)), 'memorisation: bootstrap — 300/500 resamples, 200 resamples/s, ETA 1s');
  assert.equal(at(114_000, mem('update', 400)), null);
  // 450 in 6.5 s = 69.2/s -> 69; 50 left: 50 × 6500 / 450 = 722 ms, rounded up to 1 s
  assert.equal(at(116_500, mem('update', 450)), 'memorisation: bootstrap — 450/500 resamples, 69 resamples/s, ETA 1s');
});

test('log mode with quietMs 0: the first line at once', () => {
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false, quietMs: 0 });
  assert.equal(f.push(pts('start', 0, { broken: 0, queries: 0 }))?.text, 'robustness: apgd-ce eps=0.03 — 0/200 points');
  c.t = 4000;
  assert.equal(f.push(pts('update', 1, { broken: 1, queries: 1, remainingQueries: 1 })), null);
});

test('ETA arithmetic and durations', () => {
  // 3000 queries in 6 s; 4500 left: 4500 × 6000 / 3000 = 9000 ms
  assert.equal(etaMs(pts('update', 0, { queries: 3000, remainingQueries: 4500 }), 6000), 9000);
  // no query yet: no rate, no ETA
  assert.equal(etaMs(pts('update', 0, { queries: 0, remainingQueries: 4500 }), 6000), null);
  // 50 of 200 points in 10 s: 150 × 10000 / 50 = 30000 ms
  assert.equal(etaMs(pts('update', 50), 10_000), 30_000);
  assert.equal(etaMs(pts('update', 0), 10_000), null);
  assert.equal(etaMs(pts('update', 50), 0), null);
  assert.equal(duration(0), '0s');
  assert.equal(duration(400), '1s');
  assert.equal(duration(59_000), '59s');
  assert.equal(duration(61_000), '1m01s');
  assert.equal(duration(3_599_000), '59m59s');
  assert.equal(duration(3_600_000), '1h00m');
  assert.equal(duration(7_620_000), '2h07m');
  // a slow rate keeps one decimal: 3 rows in 2 s
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false });
  f.push({ phase: 'start', task: 't', unit: 'rows', done: 0, total: 10 });
  c.t = 6000;
  assert.equal(f.push({ phase: 'update', task: 't', unit: 'rows', done: 3, total: 10 })?.text, 't — 3/10 rows, 0.5 rows/s, ETA 14s');
});

test('live mode (a terminal): one rewritten line, redrawn at most every 250 ms; the final line stays', () => {
  const c = clock();
  const out: string[] = [];
  const o = progressOutput((s) => out.push(s), { now: c.now, live: true });
  o.progress(pts('start', 0, { broken: 0, queries: 0 }));
  c.t = 100;
  o.progress(pts('update', 5, { broken: 5, queries: 100, remainingQueries: 1900 }));
  // 500 queries in 0.25 s = 2000/s; 1500 left = 0.75 s -> 1s
  c.t = 250;
  o.progress(pts('update', 20, { broken: 20, queries: 500, remainingQueries: 1500 }));
  o.line('a log line');
  c.t = 1000;
  o.progress(pts('end', 200, { broken: 33, queries: 2000 }));
  o.finish();
  const CL = '\r\u001b[K';
  assert.deepEqual(out, [
    `${CL}robustness: apgd-ce eps=0.03 — 0/200 points`,
    `${CL}robustness: apgd-ce eps=0.03 — 20/200 points, 20 broken, 2000 queries/s, ETA ≤ 1s`,
    `${CL}a log line\n`,
    'robustness: apgd-ce eps=0.03 — 200/200 points, 33 broken, 2000 queries in 1.0 s (2000 queries/s)\n',
  ]);
});

test('live mode: the live line is cut to the terminal width and cleared by finish()', () => {
  const c = clock();
  const out: string[] = [];
  const o = progressOutput((s) => out.push(s), { now: c.now, live: true, columns: () => 20 });
  o.progress(pts('start', 0));
  o.finish();
  // 20 columns: 18 characters and an ellipsis (one column left free)
  assert.deepEqual(out, ['\r\u001b[Krobustness: apgd-c…', '\r\u001b[K']);
  assert.equal(out[0].length - 4, 19);
});

test('log mode writer: whole lines only, no carriage returns', () => {
  const c = clock();
  const out: string[] = [];
  const o = progressOutput((s) => out.push(s), { now: c.now, live: false, escape: (s) => s.toUpperCase() });
  o.progress(pts('start', 0));
  c.t = 1000;
  // 10 queries in 1 s = 10/s; 10 left = 1 s
  o.progress(pts('update', 1, { queries: 10, remainingQueries: 10 }));
  o.line('log');
  o.progress(pts('end', 200, { broken: 0, queries: 20 }));
  o.finish();
  assert.deepEqual(out, ['ROBUSTNESS: APGD-CE EPS=0.03 — 1/200 POINTS, 10 QUERIES/S, ETA ≤ 1S\n', 'log\n', 'ROBUSTNESS: APGD-CE EPS=0.03 — 200/200 POINTS, 0 BROKEN, 20 QUERIES IN 1.0 S (20 QUERIES/S)\n']);
  assert.ok(out.every((s) => !s.includes('\r')));
});

test('live only on a terminal outside CI', () => {
  assert.equal(progressIsLive(true, {}), true);
  assert.equal(progressIsLive(true, { CI: 'true' }), false);
  assert.equal(progressIsLive(true, { CI: '1' }), false);
  assert.equal(progressIsLive(true, { CI: 'false' }), true);
  assert.equal(progressIsLive(false, {}), false);
  assert.equal(progressIsLive(undefined, {}), false);
});
