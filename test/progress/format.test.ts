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

test('log mode: first line, at most one update per 5 s, a final line; queries/s and the ETA bound by hand', () => {
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false });
  const lines: (string | null)[] = [];
  const at = (t: number, e: ProgressEvent) => { c.t = t; const o = f.push(e); assert.equal(o?.live ?? false, false); lines.push(o?.text ?? null); };
  at(0, pts('start', 0, { broken: 0, queries: 0 }));
  at(1000, pts('update', 10, { broken: 10, queries: 2000, remainingQueries: 38000 }));
  at(4999, pts('update', 30, { broken: 30, queries: 9000, remainingQueries: 17000 }));
  // 5 s after the first line: 10000 queries in 5 s = 2000/s; 16000 left at that rate = 8 s (a bound: "≤")
  at(5000, pts('update', 40, { broken: 40, queries: 10000, remainingQueries: 16000 }));
  at(6000, pts('update', 41, { broken: 41, queries: 12000, remainingQueries: 14000 }));
  at(9999, pts('update', 42, { broken: 42, queries: 19000, remainingQueries: 7000 }));
  // 25000 queries in 12.5 s = 2000/s
  at(12500, pts('end', 200, { broken: 55, queries: 25000 }));
  assert.deepEqual(lines, [
    'robustness: apgd-ce eps=0.03 — 0/200 points',
    null,
    null,
    'robustness: apgd-ce eps=0.03 — 40/200 points, 40 broken, 2000 queries/s, ETA ≤ 8s',
    null,
    null,
    'robustness: apgd-ce eps=0.03 — 200/200 points, 55 broken, 25000 queries in 12.5 s (2000 queries/s)',
  ]);
});

test('log mode: the 5 s spacing holds across tasks; rows without a query count use the mean row rate', () => {
  const c = clock();
  const f = progressFormatter({ now: c.now, live: false });
  const row = (phase: ProgressEvent['phase'], done: number): ProgressEvent => ({ phase, task: 'model m.onnx on dataset test (batch 64)', unit: 'rows', done, total: 10000 });
  c.t = 100_000;
  assert.equal(f.push(row('start', 0))?.text, 'model m.onnx on dataset test (batch 64) — 0/10000 rows');
  c.t = 102_000;
  assert.equal(f.push(row('update', 1000)), null);
  // 2500 rows in 5 s = 500 rows/s; 7500 rows left at 500/s = 15 s
  c.t = 105_000;
  assert.equal(f.push(row('update', 2500))?.text, 'model m.onnx on dataset test (batch 64) — 2500/10000 rows, 500 rows/s, ETA 15s');
  // 10000 rows in 8 s = 1250 rows/s
  c.t = 108_000;
  assert.equal(f.push(row('end', 10000))?.text, 'model m.onnx on dataset test (batch 64) — 10000/10000 rows in 8.0 s (1250 rows/s)');
  // the next task's update 3 s after that final line is held back; its start line is not
  c.t = 109_000;
  assert.equal(f.push({ phase: 'start', task: 'fairness: bootstrap', unit: 'resamples', done: 0, total: 1000 })?.text, 'fairness: bootstrap — 0/1000 resamples');
  c.t = 111_000;
  assert.equal(f.push({ phase: 'update', task: 'fairness: bootstrap', unit: 'resamples', done: 64, total: 1000 }), null);
  // 5 s after the start line: 640 resamples in 5 s = 128/s; 360 left = 2.8125 s, shown rounded up as 3s
  c.t = 114_000;
  assert.equal(f.push({ phase: 'update', task: 'fairness: bootstrap', unit: 'resamples', done: 640, total: 1000 })?.text, 'fairness: bootstrap — 640/1000 resamples, 128 resamples/s, ETA 3s');
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
  o.progress(pts('update', 1, { queries: 10, remainingQueries: 10 }));
  o.line('log');
  o.progress(pts('end', 200, { broken: 0, queries: 20 }));
  o.finish();
  assert.deepEqual(out, ['ROBUSTNESS: APGD-CE EPS=0.03 — 0/200 POINTS\n', 'log\n', 'ROBUSTNESS: APGD-CE EPS=0.03 — 200/200 POINTS, 0 BROKEN, 20 QUERIES IN 1.0 S (20 QUERIES/S)\n']);
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
