/**
 * Pieces of the report (report/types.ts) that producers below `report/` write: gates (checks, results), model/
 * (the model section), policy/ and engine/ (loosenings). Here, so that those producers need not import `report/`.
 */
export type GateStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** A message with an optional position (repository-relative file path, 1-based line/col). */
export interface Message {
  message: string;
  code?: string;
  /**
   * Errors only: `fail` when the error is evidence against the model (a pinned file that changed, a signature that
   * does not verify, a file changed after verification: verdict fail), not a failure to evaluate. Absent otherwise.
   */
  kind?: 'fail';
  file?: string;
  line?: number;
  col?: number;
}

/** One threshold from the policy, evaluated. `value` null = not measurable: the check fails, never passes. */
export interface Check {
  metric: string;
  min?: number;
  max?: number;
  value: number | null;
  /** The number the threshold was compared against (differs from `value` with gate-on conservative/lenient). */
  compared?: number | null;
  pass: boolean;
  message?: string;
  /**
   * How a failing check is shown (annotations, SARIF): `warning` for checks that do not fail their gate (e.g.
   * model-card claims with `on-mismatch: warn`). Default: `error` when the gate failed or errored, else `warning`.
   */
  severity?: 'error' | 'warning';
  /** Where the threshold is written in the policy. */
  file?: string;
  line?: number;
  col?: number;
}

/**
 * One gate's result in the report. `D` is the gate's own details type (exported by the gate, see gates/README.md).
 * When the gate stopped with an error (`message` set, `checks` empty), `details` holds what the error carried
 * (often `{}`): so every details key may be absent, and readers say what they do then.
 */
export interface GateResult<D extends object = Record<string, unknown>> {
  status: GateStatus;
  metrics: Record<string, unknown>;
  ci?: Record<string, [number, number]>;
  checks: Check[];
  details: D | Partial<D>;
  /** For status error: the one-line reason. */
  message?: string;
}

/**
 * One change of the pull request that is not provably stricter: a policy key (`path`, its head `line`), or, with
 * `file` set, a trust file's content (key, certificate root, trusted root, reference model) that the policy names
 * at `path`: then `from`/`to` are `sha256:<hex>` of the base and head bytes (null when absent on that side).
 */
export interface PolicyLoosening {
  path: string;
  /** The changed trust file (workspace-relative), for trust-file entries only. */
  file?: string;
  line?: number;
  from: unknown;
  to: unknown;
  reason?: string;
}

export interface ModelReport {
  path: string;
  sha256: string;
  digest: string;
  size: number;
  opset: number | null;
  inputs: { name: string; type: string; shape: (number | string)[] }[];
  outputs: { name: string; type: string; shape: (number | string)[] }[];
  output_used?: { name: string; kind: 'logits' | 'probabilities' | 'label'; detected: boolean };
  classes?: number;
}
