/** The one error the gradient builder throws for anything it cannot differentiate (the caller falls back to black-box attacks). */

/** An op (or model feature) on the input-to-output path that the gradient builder does not handle. */
export class UnsupportedOpError extends Error {
  readonly op: string;
  readonly nodeName: string;
  readonly reason: string;
  constructor(op: string, nodeName: string, reason: string) {
    super(`cannot differentiate ${op}${nodeName ? ` (node "${nodeName}")` : ''}: ${reason}`);
    this.name = 'UnsupportedOpError';
    this.op = op;
    this.nodeName = nodeName;
    this.reason = reason;
  }
}
