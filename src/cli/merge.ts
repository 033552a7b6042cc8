/**
 * `model-gate merge PARTS...`: the report of a sharded run (docs/design.md §7 "Shards"). The partials written by
 * `check --shard K/N --partial FILE` are checked as a set (src/shard/merge.ts), then the same engine as `check` runs on
 * this workspace with every prediction served from them: the report equals an unsharded `check`'s on the same commit
 * and seed, apart from `timings` and `shards`. A broken set (missing, duplicated, foreign, stale or corrupt shard) is
 * refused in one line, exit status 2, and no report is written.
 */
import { readFileSync } from 'node:fs';
import type { ParseArgsOptionsConfig } from 'node:util';
import { checkOutputPath } from '../util/safe-write.ts';
import { neutraliseLog } from '../util/escape.ts';
import { asGateError, GateError } from '../errors.ts';
import { DEFAULT_POLICY, defineCommand, parseCommand, usageError, UsageError, workspaceFolder, type Command, type Io } from './args.ts';
import { MERGE_USAGE } from './help.ts';
import { outputRoots, runEngine, writeReports } from './check.ts';
import { decodePartial } from '../shard/partial.ts';
import { mergePartials, type MergedShards } from '../shard/merge.ts';
import type { GateArtifact } from '../gates/types.ts';

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
    const rows = [...Object.entries(c.rows).map(([d, r]) => `${d} ${r} rows`), ...Object.entries(c.records).map(([g, b]) => `${g} records ${b} bytes`)].join(', ') || 'no rows';
    io.stderr.write(`merge: shard ${c.k}/${merged.n} (${neutraliseLog(c.file)}): ${neutraliseLog(rows)}\n`);
  }
  // Gate artifacts (the poisoning grid) beside the report, as check writes them.
  const artifacts: GateArtifact[] = [];
  const report = await runEngine(io, { workspace, policyPath: policy, seed: merged.seed, debug: values.debug === true, shards: merged, artifact: (_gate, art) => artifacts.push(art) });
  if (typeof report === 'number') return report;
  // The shards do not match this workspace: refused, as a broken set is.
  const refusal = report.errors.find((e) => e.code?.startsWith('shard.'));
  if (refusal) {
    io.stderr.write(`model-gate: merge: ${neutraliseLog(refusal.message)}\n`);
    return 2;
  }
  if (!writeReports(io, report, { policy, json: values.json, markdown: values.markdown, artifacts }, out)) return 2;
  return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2;
}

function readPart(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new GateError('shard.missing', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): pass the files written by check --shard K/N --partial FILE`);
  }
}
