import path from 'node:path';
import os from 'node:os';
import { GateError } from '../errors.ts';

/** The action's inputs (docs/design.md §2), read from INPUT_* variables. Absent or empty means the documented default. */
export interface ActionInputs {
  policy: string;
  id: string;
  mode: 'enforce' | 'advisory';
  token: string;
  comment: 'auto' | 'always' | 'never';
  reportPath: string;
  sarifPath: string | null;
  cyclonedxPath: string;
  workspace: string;
  workingDirectory: string;
  policySource: 'base' | 'head';
  allowPullRequestTarget: boolean;
  runnerTemp: string;
  /** `attest: true`: sign the run's attestation (src/action/attest.ts decides on which events). */
  attest: boolean;
  /** PEM text of the attestation signing key (a secret: masked, never logged); empty means keyless. */
  signingKey: string;
  /** Where the verification-summary bundle goes; the report statement goes next to it (`.report`). */
  attestationPath: string;
  /**
   * Keyless attestations also go to GitHub's attestations API: `auto` when the token can (a failure is a warning),
   * `true` must (a failure is an error), `false` never. Key-signed ones never do.
   */
  storeAttestation: 'auto' | 'true' | 'false';
  /**
   * `shard: K/N` (docs/design.md §7 "Shards"): the per-row model work of shard K of N only, written as a partial to
   * `partialPath` (output `partial-path`); no verdict, check run, comment or report. Null: not a shard.
   */
  shard: { k: number; n: number } | null;
  /** Where a shard's partial goes (default under RUNNER_TEMP); null when not a shard. */
  partialPath: string | null;
  /** `merge: <folder>`: every `*.partial` below it (src/action/shard.ts) makes the report. Null: no merge. */
  merge: string | null;
  /** `cache: true`: the outcome cache restored before the run and saved after it (src/action/cache.ts). */
  cache: boolean;
}

type Env = Record<string, string | undefined>;

/** The same lookup as @actions/core getInput: INPUT_<NAME upper-cased, spaces as _>, trimmed. */
export function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function choice<T extends string>(env: Env, name: string, allowed: readonly T[], dflt: T): T {
  const v = input(env, name);
  if (v === '') return dflt;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new GateError('input.invalid', `input ${name} is "${v}": use one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const v = input(env, name).toLowerCase();
  if (v === '') return dflt;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  throw new GateError('input.invalid', `input ${name} is "${v}": use true or false`);
}

/** `id` default: the policy file's name without extension (`.github/model-gate.yml` -> `model-gate`). */
export function deriveId(policy: string): string {
  const base = path.posix.basename(policy.replace(/\\/g, '/')).replace(/\.(ya?ml|json)$/i, '');
  return sanitizeId(base || 'model-gate');
}

export function sanitizeId(id: string): string {
  const s = id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return s || 'model-gate';
}

export function readInputs(env: Env): ActionInputs {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const runnerTemp = path.resolve(env.RUNNER_TEMP || os.tmpdir());
  const policy = input(env, 'policy') || '.github/model-gate.yml';
  const idRaw = input(env, 'id');
  const id = idRaw ? sanitizeId(idRaw) : deriveId(policy);
  const wdIn = input(env, 'working-directory') || '.';
  const workingDirectory = path.resolve(workspace, wdIn);
  const rel = path.relative(workspace, workingDirectory);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new GateError('input.working-directory', `input working-directory "${wdIn}" is outside GITHUB_WORKSPACE: use a folder inside the repository`);
  }
  const outPath = (name: string, dflt: string | null): string | null => {
    const v = input(env, name);
    if (v === '') return dflt;
    return path.resolve(workspace, v);
  };
  const shard = shardInput(env);
  const merge = input(env, 'merge');
  if (input(env, 'partial-path') !== '' && !shard) throw new GateError('input.invalid', 'input partial-path is for shard: K/N (where the shard\'s partial goes): give shard too, or remove partial-path');
  if (shard) refuseWithShard(env, merge);
  return {
    policy,
    id,
    mode: choice(env, 'mode', ['enforce', 'advisory'] as const, 'enforce'),
    token: input(env, 'token'),
    comment: choice(env, 'comment', ['auto', 'always', 'never'] as const, 'auto'),
    reportPath: outPath('report-path', path.join(runnerTemp, `model-gate-${id}.json`))!,
    sarifPath: outPath('sarif-path', path.join(runnerTemp, `model-gate-${id}.sarif`)),
    cyclonedxPath: outPath('cyclonedx-path', path.join(runnerTemp, `model-gate-${id}.cdx.json`))!,
    workspace,
    workingDirectory,
    policySource: choice(env, 'policy-source', ['base', 'head'] as const, 'base'),
    allowPullRequestTarget: bool(env, 'allow-pull-request-target', false),
    runnerTemp,
    attest: bool(env, 'attest', false),
    signingKey: input(env, 'signing-key'),
    attestationPath: outPath('attestation-path', path.join(runnerTemp, `model-gate-${id}.sigstore.json`))!,
    storeAttestation: choice(env, 'store-attestation', ['auto', 'true', 'false'] as const, 'auto'),
    shard,
    partialPath: shard ? outPath('partial-path', path.join(runnerTemp, `model-gate-${id}-shard-${shard.k}-of-${shard.n}.partial`)) : null,
    merge: merge === '' ? null : path.resolve(workspace, merge),
    cache: bool(env, 'cache', false),
  };
}

/** `shard: K/N`, as the CLI's --shard: 1 <= K <= N <= 1000. */
function shardInput(env: Env): { k: number; n: number } | null {
  const v = input(env, 'shard');
  if (v === '') return null;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1 && n <= 1000 && k >= 1 && k <= n)) throw new GateError('input.invalid', `input shard must be K/N with 1 <= K <= N <= 1000 (e.g. \${{ matrix.shard }}/3 with shard: [1, 2, 3]), got "${v}"`);
  return { k, n };
}

/** A shard makes no report: the inputs that are for one are refused with it (they belong to the merge job). */
function refuseWithShard(env: Env, merge: string): void {
  if (merge !== '') throw new GateError('input.invalid', 'inputs shard and merge are for two different jobs: shard: K/N in each matrix job, merge: <folder> in the one job that downloads their partials; give one of them');
  if (bool(env, 'attest', false)) throw new GateError('input.invalid', 'input attest is for the report, and a shard makes none (no verdict): give attest: true to the merge job (merge: <folder>)');
  const comment = input(env, 'comment');
  if (comment !== '' && comment !== 'never') throw new GateError('input.invalid', `input comment is "${comment}", but a shard posts no comment (no verdict): give comment to the merge job (merge: <folder>)`);
  for (const name of ['report-path', 'sarif-path', 'cyclonedx-path', 'attestation-path', 'signing-key']) {
    if (input(env, name) !== '') throw new GateError('input.invalid', `input ${name} is for the report, and a shard writes none (its output is partial-path): give ${name} to the merge job (merge: <folder>)`);
  }
}
