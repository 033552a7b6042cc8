import { GateError } from '../errors.ts';

/** Evidence against the model: invalid signature, wrong signer, tampered files (verdict fail, exit 1). */
export function sigFail(code: string, message: string, cause?: unknown): GateError {
  return new GateError(`signature.${code}`, message, { kind: 'fail', cause });
}

/** The signature could not be evaluated: unreadable or malformed inputs, bad options (verdict error, exit 2). */
export function sigError(code: string, message: string, cause?: unknown): GateError {
  return new GateError(`signature.${code}`, message, { kind: 'error', cause });
}

/** Message of any thrown value, one line, including the library's cause chain when it adds information. */
export function describe(e: unknown): string {
  if (e instanceof GateError) return e.message;
  if (e instanceof Error) {
    let msg = e.message || e.name;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && !msg.includes(code)) msg = `${code}: ${msg}`;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message && !msg.includes(cause.message)) msg += ` (${cause.message})`;
    return msg.replace(/\s*[\r\n]+\s*/g, ' ');
  }
  return String(e);
}
