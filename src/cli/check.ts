/**
 * `model-gate check`: the same engine as the action, over the working tree, for terminals and other CI systems.
 * Exit status: 0 pass, 1 fail, 2 error (docs/design.md §8).
 */
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { checkOutputPath, writeOutputFile } from '../util/safe-write.ts';
import { workingTreeFiles } from '../engine/working-tree.ts';
import { renderTerminal } from '../report/terminal.ts';
import { renderSummary } from '../report/summary.ts';
import { renderCycloneDx } from '../report/cyclonedx.ts';
import { neutraliseLog } from '../util/escape.ts';
import { asGateError, GateError } from '../errors.ts';
import { attestRunWith } from '../attest/statement.ts';
import { reportAttestationPath, uriResolver } from '../attest/paths.ts';
import { loadSigningKey } from '../signature/sign/dsse.ts';
import { keySigner, type DsseSigner } from '../signature/sign/signer.ts';
import { checkKeylessFlags, keylessSignerFromFlags, KEYLESS_OPTIONS, type KeylessFlags } from './keyless.ts';
import { DEFAULT_POLICY, defineCommand, workspaceFolder, parseCommand, readKeyFile, unknownOption, unsupportedPlatform, usageError, UsageError, type Command, type Io } from './args.ts';
import { CHECK_USAGE } from './help.ts';
import type { GateArtifact } from '../gates/types.ts';
import { progressIsLive, progressOutput } from '../progress/output.ts';
import { encodePartial, type ShardPartial } from '../shard/partial.ts';
import type { Report } from '../report/types.ts';
import type { RunInputs } from '../engine/run.ts';
import { dirCache, type DirCache } from '../cache/dir.ts';

const COMMAND = defineCommand({
  name: 'check',
  options: {
    policy: { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
    cyclonedx: { type: 'string' },
    seed: { type: 'string' },
    workspace: { type: 'string' },
    attestation: { type: 'string' },
    'signing-key': { type: 'string' },
    shard: { type: 'string' },
    partial: { type: 'string' },
    'cache-dir': { type: 'string' },
    ...KEYLESS_OPTIONS,
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

interface CheckArgs {
  policy: string;
  json?: string;
  markdown?: string;
  cyclonedx?: string;
  seed?: number;
  workspace: string;
  attestation?: string;
  signingKey?: string;
  keyless?: KeylessFlags;
  /** `--shard K/N --partial FILE`: shard mode (a partial result, no report). */
  shard?: { k: number; n: number; partial: string };
  /** `--cache-dir DIR`: the outcome cache (src/cache/dir.ts). */
  cacheDir?: string;
  debug: boolean;
}

function parseCheckArgs(args: string[]): CheckArgs | 'help' {
  const { values, positionals } = parseCommand(COMMAND, args);
  if (values.help) return 'help';
  if (positionals.length) throw new UsageError(unknownOption('check', positionals[0]));
  const out: CheckArgs = { policy: values.policy ?? DEFAULT_POLICY, workspace: process.cwd(), json: values.json, markdown: values.markdown, cyclonedx: values.cyclonedx, debug: values.debug === true };
  if (values.seed !== undefined) {
    const v = values.seed;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--seed must be a non-negative integer, got "${v}"`);
    out.seed = Number(v);
  }
  out.workspace = workspaceFolder(values.workspace);
  checkKeylessFlags(values, values['signing-key']);
  if (values.attestation !== undefined && values['signing-key'] === undefined && !values.keyless) {
    throw new UsageError('--attestation needs --signing-key PEM or --keyless (the OIDC identity of this CI job)');
  }
  if (values['signing-key'] !== undefined && values.attestation === undefined) throw new UsageError('--signing-key is for --attestation FILE: give both');
  if (values.keyless && values.attestation === undefined) throw new UsageError('--keyless is for --attestation FILE: give both');
  out.attestation = values.attestation;
  out.signingKey = values['signing-key'];
  if (values.keyless) out.keyless = values;
  if (values.shard !== undefined || values.partial !== undefined) out.shard = parseShardFlags(values);
  if (values['cache-dir'] !== undefined) {
    if (values['cache-dir'] === '') throw new UsageError('--cache-dir needs a folder (the outcome cache; made at the first write)');
    out.cacheDir = values['cache-dir'];
  }
  return out;
}

/** `--shard K/N --partial FILE`: both, K in 1..N; a shard writes no report (merge does). */
function parseShardFlags(values: Record<string, unknown>): { k: number; n: number; partial: string } {
  if (values.shard === undefined) throw new UsageError('--partial FILE is for --shard K/N: give both');
  if (values.partial === undefined) throw new UsageError('--shard K/N needs --partial FILE (where the shard\'s partial result goes)');
  const m = /^(\d+)\/(\d+)$/.exec(String(values.shard));
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1 && n <= 1000 && k >= 1 && k <= n)) throw new UsageError(`--shard must be K/N with 1 <= K <= N <= 1000 (e.g. 2/3), got "${values.shard}"`);
  for (const flag of ['json', 'markdown', 'cyclonedx', 'attestation']) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for a report, and a shard writes none: give it to model-gate merge`);
  }
  return { k, n, partial: String(values.partial) };
}

export async function runCheckCommand(args: string[], io: Io): Promise<number> {
  let a: CheckArgs | 'help';
  try {
    a = parseCheckArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CHECK_USAGE);
    throw e;
  }
  if (a === 'help') {
    io.stdout.write(CHECK_USAGE + '\n');
    return 0;
  }
  // Output files: the same safe writer as the action (never through a symlink; a path that a symlinked folder
  // redirects must resolve inside these roots), checked before the gate runs so that a bad path fails at once and
  // no folder is made anywhere first.
  const out = outputRoots(a.workspace);
  const outputs: { flag: string; file: string }[] = [];
  if (a.json) outputs.push({ flag: '--json', file: a.json });
  if (a.markdown) outputs.push({ flag: '--markdown', file: a.markdown });
  if (a.cyclonedx) outputs.push({ flag: '--cyclonedx', file: a.cyclonedx });
  if (a.attestation) outputs.push({ flag: '--attestation', file: a.attestation }, { flag: '--attestation (report statement)', file: reportAttestationPath(a.attestation) });
  if (a.shard) outputs.push({ flag: '--partial', file: a.shard.partial });
  let signer: DsseSigner | undefined;
  let cache: DirCache | undefined;
  // The store's warnings go through the engine's log once it runs (a live progress line is cleared first).
  let cacheWarn = (m: string) => io.stderr.write(`warning: ${neutraliseLog(m)}\n`);
  try {
    for (const o of outputs) checkOutputPath(o.file, out.roots, o.flag, out.where, { literalAnywhere: true });
    if (a.cacheDir !== undefined) cache = cliCache(a.cacheDir, (m) => cacheWarn(m), out);
    // The key (or the keyless token source) is read before the run: a bad one fails at once, not after minutes of
    // gates. The keyless token, certificate and log entries are asked for after the run, when there is a verdict.
    if (a.signingKey) signer = keySigner(loadSigningKey(readKeyFile(a.signingKey, '--signing-key'), a.signingKey));
    else if (a.keyless) signer = keylessSignerFromFlags(a.keyless);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CHECK_USAGE);
    io.stderr.write(`model-gate: ${(e as Error).message}\n`);
    return 2;
  }
  const artifacts: GateArtifact[] = [];
  let partial: ShardPartial | undefined;
  const report = await runEngine(io, {
    workspace: a.workspace,
    policyPath: a.policy,
    seed: a.seed,
    debug: a.debug,
    artifact: (_gate, art) => artifacts.push(art),
    ...(a.shard ? { shard: { k: a.shard.k, n: a.shard.n, partial: (p: ShardPartial) => (partial = p) } } : {}),
    ...(cache ? { cache, useLog: (log) => (cacheWarn = log.warn) } : {}),
  });
  if (cache) io.stderr.write(`${neutraliseLog(cache.summary())}\n`);
  if (typeof report === 'number') return report;
  if (a.shard) return finishShard(report, partial, a.shard, out, io);
  if (!writeReports(io, report, { policy: a.policy, json: a.json, markdown: a.markdown, cyclonedx: a.cyclonedx, artifacts }, out)) return 2;
  if (a.attestation && signer) {
    // Never on error: nothing was decided. Pass and fail are both attested (FAILED says so).
    if (report.verdict === 'error') {
      io.stderr.write(`model-gate: no attestation written to ${a.attestation}: the verdict is error\n`);
    } else {
      try {
        const uriOf = uriResolver(a.workspace);
        const att = await attestRunWith(report, { timeVerified: new Date().toISOString(), resourceUri: uriOf(report.signature.subject ?? report.model?.path ?? '.'), uriOf }, signer);
        writeOutputFile(a.attestation, JSON.stringify(att.vsa.bundle) + '\n', out.roots, '--attestation', out.where, { literalAnywhere: true });
        const reportFile = reportAttestationPath(a.attestation);
        writeOutputFile(reportFile, JSON.stringify(att.report.bundle) + '\n', out.roots, '--attestation (report statement)', out.where, { literalAnywhere: true });
        const who = signer.signerIdentity();
        const by = who ? `, signed keyless as ${who.identity} (issuer ${who.issuer})` : '';
        io.stderr.write(`attestation (verification summary ${report.verdict === 'pass' ? 'PASSED' : 'FAILED'}) written to ${a.attestation}, the report statement to ${reportFile}${by}\n`);
      } catch (e) {
        io.stderr.write(`model-gate: cannot write the attestation: ${asGateError(e).message}\n`);
        return 2;
      }
    }
  }
  return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2;
}

/**
 * Shard mode's end: the partial, written only when nothing went wrong (an error, or evidence against the model such
 * as a failed signature, writes none: the merge then misses this shard and refuses); what it holds, one line.
 */
function finishShard(report: Report, partial: ShardPartial | undefined, shard: { k: number; n: number; partial: string }, out: { roots: string[]; where: string }, io: Io): number {
  if (report.verdict !== 'pass' || !partial) {
    for (const e of report.errors) io.stderr.write(`model-gate: check --shard ${shard.k}/${shard.n}: ${neutraliseLog(e.message)}\n`);
    if (report.errors.length === 0) io.stderr.write(`model-gate: check --shard ${shard.k}/${shard.n}: failed (${report.failed_gates.join(', ')}): no partial written\n`);
    return report.verdict === 'fail' ? 1 : 2;
  }
  const bytes = encodePartial(partial);
  try {
    writeOutputFile(shard.partial, bytes, out.roots, '--partial', out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write --partial ${shard.partial}: ${(e as Error).message}`}\n`);
    return 2;
  }
  const rows = new Map<string, number>();
  for (const e of partial.entries) rows.set(e.dataset, e.rows.length);
  const held = [...rows].map(([d, r]) => `${d} ${r} rows`).join(', ') || 'no rows (no gate reads predictions)';
  const records = partial.records.length ? `, records of ${partial.records.map((r) => `${r.gate}${r.role === 'baseline' ? ' (baseline)' : ''}`).join(', ')}` : '';
  io.stdout.write(`shard ${shard.k}/${shard.n}: ${held}; ${partial.entries.length} (model, dataset) outputs${records} written to ${shard.partial} (${bytes.length} bytes)\n`);
  return 0;
}

/**
 * `--cache-dir DIR`: the folder under the rules of --json (a path typed here may lie anywhere unless a symlink
 * leads it elsewhere, which must then be inside the workspace, the current directory or RUNNER_TEMP).
 */
function cliCache(dir: string, warn: (m: string) => void, out: { roots: string[]; where: string }): DirCache {
  return dirCache(dir, warn, { roots: out.roots, where: out.where, what: '--cache-dir', literalAnywhere: true });
}

/**
 * The engine on the working tree as the CLI runs it (check, merge): the engine loaded (a platform without
 * onnxruntime's binaries is one line, exit 2), progress and log lines on stderr. Returns the report, or an exit code.
 */
export async function runEngine(io: Io, o: { workspace: string; policyPath: string; seed?: number; debug?: boolean } & Pick<RunInputs, 'artifact' | 'shard' | 'shards' | 'cache'> & { useLog?(log: RunInputs['log']): void }): Promise<Report | number> {
  const files = workingTreeFiles(o.workspace);
  let runGate: typeof import('../engine/run.ts').runGate;
  try {
    ({ runGate } = await import('../engine/run.ts'));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}\n`);
    return 2;
  }
  // Progress and log lines share stderr: one live line on a terminal, whole lines (one per 5 s at most) in CI logs.
  const err = io.stderr as Io['stderr'] & { isTTY?: boolean; columns?: number };
  const lines = progressOutput((s) => err.write(s), {
    now: () => performance.now(), live: progressIsLive(err.isTTY, process.env), columns: () => err.columns, escape: neutraliseLog,
  });
  const { workspace, policyPath, seed, debug, useLog, ...rest } = o;
  const log: RunInputs['log'] = {
    info: (m) => lines.line(neutraliseLog(m)),
    warn: (m) => lines.line('warning: ' + neutraliseLog(m)),
  };
  useLog?.(log);
  const report = await runGate({
    workspace,
    workingDirectory: workspace,
    policyPath,
    mode: 'enforce',
    seed,
    trusted: files,
    head: files,
    changedFiles: null,
    debug,
    log,
    progress: lines.progress,
    ...rest,
  });
  lines.finish();
  return report;
}

/**
 * The terminal report on stdout and the files asked for (--json, --markdown, --cyclonedx; gate artifacts beside
 * --json), through the safe writer. False (the message written) when a file cannot be written.
 */
export function writeReports(
  io: Io,
  report: Report,
  o: { policy: string; json?: string; markdown?: string; cyclonedx?: string; artifacts?: GateArtifact[] },
  out: { roots: string[]; where: string },
): boolean {
  const id = path.basename(o.policy).replace(/\.(ya?ml|json)$/i, '') || 'model-gate';
  io.stdout.write(renderTerminal(report, { id, color: false }) + '\n');
  try {
    if (o.json) writeOutputFile(o.json, JSON.stringify(report, null, 2) + '\n', out.roots, '--json', out.where, { literalAnywhere: true });
    if (o.markdown) writeOutputFile(o.markdown, renderSummary(report, { id }), out.roots, '--markdown', out.where, { literalAnywhere: true });
    if (o.cyclonedx) writeOutputFile(o.cyclonedx, renderCycloneDx(report), out.roots, '--cyclonedx', out.where, { literalAnywhere: true });
    // Files for reviewers (the poisoning gate's grid) go beside the JSON report.
    for (const art of o.artifacts ?? []) {
      if (!o.json) {
        io.stderr.write(`model-gate: ${art.name} (${art.description}) not written: pass --json FILE, and it is written beside the report\n`);
        continue;
      }
      const file = path.join(path.dirname(o.json), art.name);
      writeOutputFile(file, art.bytes, out.roots, `${art.name} (beside --json)`, out.where, { literalAnywhere: true });
      io.stderr.write(`${art.description}: ${file}\n`);
    }
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${(e as Error).message}: check that the folder of --json / --markdown / --cyclonedx exists and is writable`}\n`);
    return false;
  }
  return true;
}

/** Where a symlinked folder may lead `check`'s files: the workspace, the current directory and, in a GitHub job, RUNNER_TEMP. */
export function outputRoots(workspace: string): { roots: string[]; where: string } {
  const temp = process.env.RUNNER_TEMP;
  return temp
    ? { roots: [workspace, process.cwd(), temp], where: 'the workspace, the current directory and RUNNER_TEMP' }
    : { roots: [workspace, process.cwd()], where: 'the workspace and the current directory' };
}
