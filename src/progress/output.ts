/**
 * Progress lines and log lines on one stream (the CLI's stderr). On a terminal the live progress line is cleared
 * before a log line is written, and cut to the terminal's width (a wrapped line could not be rewritten in place).
 */
import type { ProgressSink } from '../types/progress.ts';
import { progressFormatter, type FormatterOptions } from './format.ts';

/** Live (one rewritten line) on a terminal outside CI; whole throttled lines in CI logs, pipes and files. */
export function progressIsLive(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return isTTY === true && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

/** ESC [ K after a carriage return: back to the line start and clear it. */
const CLEAR = '\r\u001b[K';

export interface ProgressOutput {
  progress: ProgressSink;
  /** Writes a whole line (a log message) without mangling the live line. */
  line(text: string): void;
  /** Clears a live line still showing (a task that ended without its final line, e.g. on an error). */
  finish(): void;
}

export function progressOutput(
  write: (s: string) => void,
  opts: FormatterOptions & { columns?: () => number | undefined; escape?: (s: string) => string },
): ProgressOutput {
  const fmt = progressFormatter(opts);
  const escape = opts.escape ?? ((s: string) => s);
  let showing = false;
  const fit = (s: string): string => {
    const w = opts.columns?.();
    // one column kept free: some terminals wrap when the last column is written
    return w && w > 1 && s.length > w - 1 ? s.slice(0, w - 2) + '…' : s;
  };
  return {
    progress(e) {
      const out = fmt.push(e);
      if (!out) return;
      const text = escape(out.text);
      if (out.live) {
        write(CLEAR + fit(text));
        showing = true;
      } else {
        write((showing ? CLEAR : '') + text + '\n');
        showing = false;
      }
    },
    line(text) {
      write((showing ? CLEAR : '') + text + '\n');
      showing = false;
    },
    finish() {
      if (showing) write(CLEAR);
      showing = false;
    },
  };
}
