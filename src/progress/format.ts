/**
 * Progress events (src/types/progress.ts) as text. Pure apart from the clock it is given, so tests drive it with a
 * fake one. Two modes, chosen by the entry point (the engine never knows):
 * - log (CI logs, pipes, files): whole lines. A task that takes longer than `quietMs` (1 s) gets a first line at
 *   its first update after that, then an update line only when at least 5 s passed since the last
 *   line printed; every task gets its final line (`end`). So a long stage writes at most one line every 5 s, and a
 *   short one (most attacks on tabular models, bootstraps, inference on small datasets) just its final line;
 * - live (a terminal): one line rewritten in place (at most every 250 ms), the final line of each task kept.
 *
 * Lines: `robustness: apgd-ce eps=0.03 — 120/200 points, 37 broken, 1523 queries/s, ETA ≤ 41s`. ETA: with
 * `remainingQueries` (robustness), the remaining budget at the task's mean query rate so far, an upper bound since
 * broken points stop costing queries (hence `≤`); otherwise the remaining count at the mean rate so far.
 */
import type { ProgressEvent } from '../types/progress.ts';

export interface FormatterOptions {
  /** Milliseconds (performance.now() in the entry points; a fake clock in tests). */
  now(): number;
  /** A terminal: one live line rewritten in place. Otherwise whole lines, throttled. */
  live: boolean;
  /** Log mode: a task shorter than this prints only its final line. Default 1000 ms. */
  quietMs?: number;
}

/** Text to write: `live` text replaces the current terminal line (no newline); otherwise it is a whole line. */
export interface ProgressText {
  text: string;
  live: boolean;
}

export interface ProgressFormatter {
  /** The text for this event, or null when it is throttled away. */
  push(event: ProgressEvent): ProgressText | null;
}

/** Log mode: at least this long between an update line and the line before it. */
const LOG_INTERVAL_MS = 5000;
/** Log mode: a task shorter than this prints only its final line (unless `quietMs` says otherwise). */
const QUIET_MS = 1000;
/** Live mode: at least this long between two redraws of the live line. */
const REDRAW_MS = 250;

export function progressFormatter(opts: FormatterOptions): ProgressFormatter {
  const interval = LOG_INTERVAL_MS;
  const quiet = opts.quietMs ?? QUIET_MS;
  const redraw = REDRAW_MS;
  /** Per task: when it started, and whether it printed a line yet (log mode). */
  const tasks = new Map<string, { at: number; shown: boolean }>();
  let lastLine = -Infinity;
  let lastDraw = -Infinity;
  return {
    push(e) {
      const now = opts.now();
      if (e.phase === 'start' || !tasks.has(e.task)) tasks.set(e.task, { at: now, shown: false });
      const task = tasks.get(e.task)!;
      const elapsed = now - task.at;
      if (e.phase === 'end') tasks.delete(e.task);
      if (!opts.live && e.phase !== 'end') {
        // log mode: a task's first line once it has run `quiet` ms, then at most one line per `interval`
        if (task.shown ? now - lastLine < interval : elapsed < quiet || (e.phase === 'start' && quiet > 0)) return null;
        task.shown = true;
      }
      if (opts.live && e.phase === 'update' && now - lastDraw < redraw) return null;
      const text = e.phase === 'start' ? startLine(e) : e.phase === 'update' ? updateLine(e, elapsed) : endLine(e, elapsed);
      if (opts.live && e.phase !== 'end') {
        lastDraw = now;
        return { text, live: true };
      }
      lastLine = now;
      lastDraw = -Infinity;
      return { text, live: false };
    },
  };
}

function head(e: ProgressEvent): string {
  return `${e.task} — ${e.done}/${e.total} ${e.unit}`;
}

function startLine(e: ProgressEvent): string {
  return head(e);
}

function updateLine(e: ProgressEvent, elapsedMs: number): string {
  const parts = [head(e)];
  if (e.broken !== undefined) parts.push(`${e.broken} broken`);
  const secs = elapsedMs / 1000;
  if (secs > 0) {
    if (e.queries !== undefined) parts.push(`${rate(e.queries / secs)} queries/s`);
    else parts.push(`${rate(e.done / secs)} ${e.unit}/s`);
    const eta = etaMs(e, elapsedMs);
    if (eta !== null) parts.push(`ETA ${e.remainingQueries !== undefined ? '≤ ' : ''}${duration(eta)}`);
  }
  return parts.join(', ');
}

function endLine(e: ProgressEvent, elapsedMs: number): string {
  const secs = elapsedMs / 1000;
  const took = `${secs.toFixed(1)} s`;
  const per = (count: number, what: string) => (secs > 0 ? ` (${rate(count / secs)} ${what}/s)` : '');
  const broken = e.broken !== undefined ? `, ${e.broken} broken` : '';
  if (e.queries !== undefined) return `${head(e)}${broken}, ${e.queries} queries in ${took}${per(e.queries, 'queries')}`;
  return `${head(e)}${broken} in ${took}${per(e.done, e.unit)}`;
}

/**
 * Milliseconds still to go, or null when the rate is not known yet: with `remainingQueries`, that many queries at
 * the task's mean rate (queries / elapsed); otherwise the remaining count at the mean rate (done / elapsed).
 */
export function etaMs(e: ProgressEvent, elapsedMs: number): number | null {
  if (!(elapsedMs > 0)) return null;
  if (e.remainingQueries !== undefined) {
    if (!(e.queries! > 0)) return null;
    return (e.remainingQueries * elapsedMs) / e.queries!;
  }
  if (!(e.done > 0)) return null;
  return (Math.max(0, e.total - e.done) * elapsedMs) / e.done;
}

/** A rate: one decimal below 10, else a whole number. */
function rate(x: number): string {
  return x < 10 ? x.toFixed(1) : String(Math.round(x));
}

/** `41s`, `3m05s`, `2h07m` (rounded up to the second: an ETA is never shown as less than what is left). */
export function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
