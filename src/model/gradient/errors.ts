/** The one error the gradient builder throws for anything it cannot differentiate (the caller falls back to black-box attacks). */

/** An op without a gradient rule and how many nodes on the input-to-output path use it. */
export interface MissingOp {
  op: string;
  count: number;
}

/** An op (or model feature) on the input-to-output path that the gradient builder does not handle. */
export class UnsupportedOpError extends Error {
  readonly op: string;
  readonly nodeName: string;
  readonly reason: string;
  /** Every op on the path without a gradient rule, with its node count (empty when the error is about something else). */
  readonly missing: readonly MissingOp[];
  constructor(op: string, nodeName: string, reason: string, missing: readonly MissingOp[] = []) {
    super(`cannot differentiate ${op}${nodeName ? ` (node "${nodeName}")` : ''}: ${reason}`);
    this.name = 'UnsupportedOpError';
    this.op = op;
    this.nodeName = nodeName;
    this.reason = reason;
    this.missing = missing;
  }
}
