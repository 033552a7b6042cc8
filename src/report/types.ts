/**
 * The typed report (DESIGN §6, `schema: "model-gate/report/v1"`). The engine returns it; `report/` renders it.
 * Everything except `timings` must be byte-identical between two runs with the same inputs and seed.
 */
export type Verdict = 'pass' | 'fail' | 'error';
export type GateStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** A message with an optional position (repository-relative file path, 1-based line/col). */
export interface Message {
  message: string;
  code?: string;
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

export interface GateResult {
  status: GateStatus;
  metrics: Record<string, unknown>;
  ci?: Record<string, [number, number]>;
  checks: Check[];
  details: Record<string, unknown>;
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

export interface PolicyReport {
  path: string;
  sha256: string;
  source: 'base' | 'head' | 'working-tree';
  loosened: PolicyLoosening[];
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

export interface SignatureReport {
  status: 'verified' | 'failed' | 'skipped' | 'error';
  method?: 'keyless' | 'key' | 'certificate' | 'cosign-key';
  format?: 'oms' | 'sigstore-bundle' | 'cosign';
  identity?: string;
  issuer?: string;
  key_fingerprint?: string;
  root_digest?: string;
  log_index?: number | null;
  transparency?: 'log' | 'none';
  trusted_root_date?: string | null;
  covers_card?: boolean | null;
  message?: string;
}

export interface DatasetReport {
  path: string;
  rows: number;
  sha256: string;
  format: 'csv' | 'npy' | 'parquet';
  changed_in_pr: boolean | null;
  pinned: boolean;
}

export interface EnvironmentReport {
  onnxruntime: string;
  node: string;
  platform: string;
  threads: number;
  batch_sizes: Record<string, number>;
}

export interface Report {
  schema: 'model-gate/report/v1';
  verdict: Verdict;
  failed_gates: string[];
  mode: 'enforce' | 'advisory';
  seed: number;
  policy: PolicyReport | null;
  model: ModelReport | null;
  signature: SignatureReport;
  gates: Record<string, GateResult>;
  datasets: Record<string, DatasetReport>;
  model_card?: unknown;
  environment: EnvironmentReport | null;
  warnings: Message[];
  errors: Message[];
  /** Wall-clock time per step in whole milliseconds (the job summary shows seconds). */
  timings: Record<string, number>;
}
