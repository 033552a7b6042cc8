import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/errors.ts
var GateError = class extends Error {
  kind;
  where;
  /** Short code for tests and the report, e.g. `policy.schema`, `data.pin-mismatch`. */
  code;
  /** What a gate found out before it stopped (kept in the gate's report `details`). */
  details;
  constructor(code, message, opts = {}) {
    super(oneLine(message), opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "GateError";
    this.code = code;
    this.kind = opts.kind ?? "error";
    this.where = opts.where;
    if (opts.details) this.details = opts.details;
  }
  /** `file:line:col: message` (the position prefix only when known and not already in the message). */
  get located() {
    return this.locatedAs("");
  }
  /**
   * `file:line:col: <prefix>message`: a context such as `gate accuracy: ` goes between the position and the message,
   * so that a renderer that puts the position first does not repeat it (`file:line: gate x: file:line: ...`).
   */
  locatedAs(prefix) {
    if (!this.where) return `${prefix}${this.message}`;
    const pos = [this.where.file, this.where.line, this.where.col].filter((p) => p !== void 0).join(":");
    if (!this.message.startsWith(pos)) return `${pos}: ${prefix}${this.message}`;
    const own = /^(?::\d+)*: /.exec(this.message.slice(pos.length));
    if (!own) return `${prefix}${this.message}`;
    const at = pos.length + own[0].length;
    return `${this.message.slice(0, at)}${prefix}${this.message.slice(at)}`;
  }
};
function oneLine(text) {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
var INTERNAL_HINT = "this is a bug in model-gate: rerun with --debug (CLI) or RUNNER_DEBUG=1 (action) for the stack trace, and report it";
function asGateError(e, code = "internal") {
  if (e instanceof GateError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const type = e instanceof Error && e.name && e.name !== "Error" ? ` (${e.name})` : "";
  return new GateError(code, `internal error: ${oneLine(msg).slice(0, 500)}${type}: ${INTERNAL_HINT}`, { cause: e });
}
function debugStack(e) {
  const parts = [];
  for (let x = e, depth = 0; x !== void 0 && x !== null && depth < 5; x = x.cause, depth++) {
    parts.push(x instanceof Error ? x.stack ?? `${x.name}: ${x.message}` : String(x));
    if (!(x instanceof Error)) break;
  }
  return parts.join("\ncaused by: ");
}

export {
  GateError,
  INTERNAL_HINT,
  asGateError,
  debugStack
};
