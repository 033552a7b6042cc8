/**
 * One error type for everything that stops a run. `kind` decides the verdict (docs/design.md §8):
 * - `error`: the run could not evaluate (bad policy, missing or corrupt input, unsupported model...) -> exit 2;
 * - `fail`: evidence against the model (tampered pinned file, invalid or missing signature, wrong signer) -> exit 1.
 * The message is ONE line: what went wrong, where (file:line:col when known), and what to do.
 */
export type ErrorKind = 'error' | 'fail';

export interface Where {
  file: string;
  line?: number;
  col?: number;
}

export class GateError extends Error {
  readonly kind: ErrorKind;
  readonly where?: Where;
  /** Short code for tests and the report, e.g. `policy.schema`, `data.pin-mismatch`. */
  readonly code: string;
  /** What a gate found out before it stopped (kept in the gate's report `details`). */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, opts: { kind?: ErrorKind; where?: Where; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(oneLine(message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GateError';
    this.code = code;
    this.kind = opts.kind ?? 'error';
    this.where = opts.where;
    if (opts.details) this.details = opts.details;
  }

  /** `file:line:col: message` (the position prefix only when known and not already in the message). */
  get located(): string {
    return this.locatedAs('');
  }

  /**
   * `file:line:col: <prefix>message`: a context such as `gate accuracy: ` goes between the position and the message,
   * so that a renderer that puts the position first does not repeat it (`file:line: gate x: file:line: ...`).
   */
  locatedAs(prefix: string): string {
    if (!this.where) return `${prefix}${this.message}`;
    const pos = [this.where.file, this.where.line, this.where.col].filter((p) => p !== undefined).join(':');
    if (!this.message.startsWith(pos)) return `${pos}: ${prefix}${this.message}`;
    // The message names its own position (perhaps a finer one, `file:line:` for `file`): keep it first.
    const own = /^(?::\d+)*: /.exec(this.message.slice(pos.length));
    if (!own) return `${prefix}${this.message}`;
    const at = pos.length + own[0].length;
    return `${this.message.slice(0, at)}${prefix}${this.message.slice(at)}`;
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** What to do about an internal error (a bug): where the stack trace is, and to report it. */
export const INTERNAL_HINT = 'this is a bug in model-gate: rerun with --debug (CLI) or RUNNER_DEBUG=1 (action) for the stack trace, and report it';

/**
 * Any thrown value as a GateError (unknown exceptions become internal errors, never a pass). The message is one
 * line; the original exception is the cause, whose stack only debug output shows (`--debug`, `RUNNER_DEBUG=1`).
 */
export function asGateError(e: unknown, code = 'internal'): GateError {
  if (e instanceof GateError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const type = e instanceof Error && e.name && e.name !== 'Error' ? ` (${e.name})` : '';
  return new GateError(code, `internal error: ${oneLine(msg).slice(0, 500)}${type}: ${INTERNAL_HINT}`, { cause: e });
}

/** The stack traces of an error and its causes, for debug output. */
export function debugStack(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x !== undefined && x !== null && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    parts.push(x instanceof Error ? (x.stack ?? `${x.name}: ${x.message}`) : String(x));
    if (!(x instanceof Error)) break;
  }
  return parts.join('\ncaused by: ');
}
