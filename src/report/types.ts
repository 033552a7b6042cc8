/**
 * The typed report (docs/design.md §6, `schema: "model-gate/report/v1"`). The engine returns it; `report/` renders it.
 * Everything except `timings` must be byte-identical between two runs with the same inputs and seed.
 */
export type Verdict = 'pass' | 'fail' | 'error';
export type { Check, GateResult, GateStatus, Message, ModelReport, PolicyLoosening } from '../types/report-parts.ts';
import type { Message, ModelReport, PolicyLoosening } from '../types/report-parts.ts';
import type { GateResults } from '../gates/registry.ts';
import type { ModelCardReport } from '../modelcard/index.ts';
export type { GateEntry, GateName, GateResults } from '../gates/registry.ts';


export interface PolicyReport {
  path: string;
  sha256: string;
  source: 'base' | 'head' | 'working-tree';
  loosened: PolicyLoosening[];
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
  /** The signed subject (model file or folder), workspace-relative. */
  subject?: string;
  /**
   * Every verified file of the subject: subject-relative POSIX name (`.` for a one-file subject) and sha256 (hex),
   * sorted as the signature lists them. Absent for an OMS `shards` signature (no whole-file digests).
   */
  files?: { name: string; sha256: string }[];
  /** The signature file, workspace-relative, and the sha256 (hex) of its bytes. */
  bundle?: string;
  bundle_sha256?: string;
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
  /** By gate name, in registry order (gates/registry.ts); each with its gate's own details type. */
  gates: GateResults;
  datasets: Record<string, DatasetReport>;
  model_card?: ModelCardReport;
  environment: EnvironmentReport | null;
  warnings: Message[];
  errors: Message[];
  /** Wall-clock time per step in whole milliseconds (the job summary shows seconds). */
  timings: Record<string, number>;
  /** `model-gate merge`: the report was computed from these N shard partials (in shard order); absent otherwise. */
  shards?: { n: number; files: string[] };
}
