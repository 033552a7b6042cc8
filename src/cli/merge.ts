/**
 * `model-gate merge PARTS...`: the report of a sharded run (docs/design.md §7 "Shards"). The partials written by
 * `check --shard K/N --partial FILE` are checked as a set (src/shard/merge.ts), then the same engine as `check` runs on
 * this workspace with every prediction served from them: the report equals an unsharded `check`'s on the same commit
 * and seed, apart from `timings` and `shards`. A broken set (missing, duplicated, foreign, stale or corrupt shard) is
 * refused in one line, exit status 2, and no report is written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { writeOutputFile, checkOutputPath } from '../util/safe-write.ts';
import { workingTreeFiles } from '../engine/working-tree.ts';
import { renderTerminal } from '../report/terminal.ts';
import { renderSummary } from '../report/summary.ts';
import { neutraliseLog } from '../util/escape.ts';
import { asGateError, GateError } from '../errors.ts';
import { DEFAULT_POLICY, defineCommand, parseCommand, unsupportedPlatform, usageError, UsageError, workspaceFolder, type Command, type Io } from './args.ts';
import { MERGE_USAGE } from './help.ts';
import { outputRoots } from './check.ts';
import { progressIsLive, progressOutput } from '../progress/output.ts';
import { decodePartial } from '../shard/partial.ts';
import { mergePartials, type MergedShards } from '../shard/merge.ts';

const COMMAND = defineCommand({
  name: 'merge',
  options: {
    policy: { type: 'string' },
    workspace: { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

export async function runMergeCommand(args: string[], io: Io): Promise<number> {
  let values, positionals: string[];
  try {
    ({ values, positionals } = parseCommand(COMMAND, args));
    if (!values.help && positionals.length === 0) throw new UsageError('no shard partials given: pass the N files written by check --shard K/N --partial FILE');
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, MERGE_USAGE);
    throw e;
  }
  if (values.help) {
    io.stdout.write(MERGE_USAGE + '\n');
    return 0;
  }
  const workspace = workspaceFolder(values.workspace);
  const policy = values.policy ?? DEFAULT_POLICY;
  const out = outputRoots(workspace);
  let merged: MergedShards;
  try {
    if (values.json) checkOutputPath(values.json, out.roots, '--json', out.where, { literalAnywhere: true });
    if (values.markdown) checkOutputPath(values.markdown, out.roots, '--markdown', out.where, { literalAnywhere: true });
    merged = mergePartials(positionals.map((file) => ({ file, partial: decodePartial(readPart(file), file) })));
  } catch (e) {
    io.stderr.write(`model-gate: merge: ${neutraliseLog(asGateError(e).message)}\n`);
    return 2;
  }
  // What each shard contributed.
  for (const c of merged.contributions) {
    const rows = Object.entries(c.rows).map(([d, r]) => `${d} ${r} rows`).join(', ') || 'no rows';
    io.stderr.write(`merge: shard ${c.k}/${merged.n} (${neutraliseLog(c.file)}): ${neutraliseLog(rows)}\n`);
  }
  let runGate: typeof import('../engine/run.ts').runGate;
  try {
    ({ runGate } = await import('../engine/run.ts'));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}\n`);
    return 2;
  }
  const err = io.stderr as Io['stderr'] & { isTTY?: boolean; columns?: number };
  const lines = progressOutput((s) => err.write(s), {
    now: () => performance.now(), live: progressIsLive(err.isTTY, process.env), columns: () => err.columns, escape: neutraliseLog,
  });
  const files = workingTreeFiles(workspace);
  const report = await runGate({
    workspace,
    workingDirectory: workspace,
    policyPath: policy,
    mode: 'enforce',
    seed: merged.seed,
    trusted: files,
    head: files,
    changedFiles: null,
    debug: values.debug === true,
    log: {
      info: (m) => lines.line(neutraliseLog(m)),
      warn: (m) => lines.line('warning: ' + neutraliseLog(m)),
    },
    progress: lines.progress,
    shards: merged,
  });
  lines.finish();
  // The shards do not match this workspace: refused, as a broken set is.
  const refusal = report.errors.find((e) => e.code?.startsWith('shard.'));
  if (refusal) {
    io.stderr.write(`model-gate: merge: ${neutraliseLog(refusal.message)}\n`);
    return 2;
  }
  const id = path.basename(policy).replace(/\.(ya?ml|json)$/i, '') || 'model-gate';
  io.stdout.write(renderTerminal(report, { id, color: false }) + '\n');
  try {
    if (values.json) writeOutputFile(values.json, JSON.stringify(report, null, 2) + '\n', out.roots, '--json', out.where, { literalAnywhere: true });
    if (values.markdown) writeOutputFile(values.markdown, renderSummary(report, { id }), out.roots, '--markdown', out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${(e as Error).message}`}\n`);
    return 2;
  }
  return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2;
}

function readPart(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new GateError('shard.missing', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): pass the files written by check --shard K/N --partial FILE`);
  }
}
