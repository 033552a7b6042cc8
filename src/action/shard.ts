/**
 * The action's side of sharding (docs/design.md §2, §7 "Shards"): `shard: K/N` writes the partial and says what it
 * holds; `merge: <folder>` reads every `*.partial` below the folder (actions/download-artifact puts each artifact in
 * its own sub-folder) and checks them as a set with the CLI's merge (src/shard/merge.ts), in the same one-line refusals.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../errors.ts';
import { code } from '../util/escape.ts';
import { decodePartial, type ShardPartial } from '../shard/partial.ts';
import { mergePartials, type MergedShards } from '../shard/merge.ts';

/** More files than any merge of at most 1000 shards needs: a folder that holds more is not a download of partials. */
const MAX_FILES = 10_000;

/**
 * Every `*.partial` file below `folder` (recursively, sorted), which must resolve inside one of `roots`; a symlink
 * anywhere below it (or the folder itself) is refused: nothing outside the download is read.
 */
export function findPartials(folder: string, roots: string[], shown: (abs: string) => string): string[] {
  const what = `merge folder ${shown(folder)}`;
  let st;
  try {
    st = lstatSync(folder);
  } catch (e) {
    throw new GateError('shard.missing', `${what} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): download the shards' artifacts into it first (actions/download-artifact with path: that folder)`);
  }
  if (st.isSymbolicLink()) throw new GateError('input.merge', `${what} is a symlink: model-gate reads no partial through a symlink; give the folder itself`);
  if (!st.isDirectory()) throw new GateError('input.merge', `${what} is not a folder: give the folder the shards' artifacts were downloaded into`);
  const real = realpathSync(folder);
  if (!roots.some((r) => inside(real, r))) throw new GateError('input.merge', `${what} is outside the workspace and RUNNER_TEMP (after resolving symlinks): download the artifacts under one of them`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new GateError('input.merge', `${shown(abs)} (in ${what}) is a symlink: model-gate reads no partial through a symlink; upload and download the partial files themselves`);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && entry.name.endsWith('.partial')) {
        out.push(abs);
        if (out.length > MAX_FILES) throw new GateError('input.merge', `${what} holds more than ${MAX_FILES} *.partial files: give the folder of one run's shards`);
      }
    }
  };
  walk(folder);
  if (out.length === 0) throw new GateError('shard.missing', `${what} holds no *.partial file: download the shards' artifacts into it (the files written by shard: K/N, output partial-path)`);
  return out;
}

/** The partials below `folder`, decoded and checked as a set (the CLI's merge: the same refusals). */
export function readMerge(folder: string, roots: string[], shown: (abs: string) => string): MergedShards {
  const parts = findPartials(folder, roots, shown).map((abs) => {
    const file = shown(abs);
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      throw new GateError('shard.missing', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): download the shards' artifacts again`);
    }
    return { file, partial: decodePartial(bytes, file) };
  });
  return mergePartials(parts);
}

/** Rows per dataset of a partial (its entries: one per (model, dataset) pair; a dataset's rows are the same in each). */
export function rowsPerDataset(p: ShardPartial): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const e of p.entries) rows[e.dataset] = e.rows.length;
  return rows;
}

function rowsText(rows: Record<string, number>): string {
  return Object.entries(rows).map(([d, r]) => `${d} ${r} rows`).join(', ') || 'no rows (no gate reads predictions)';
}

/** The log line of a written shard (as the CLI's `check --shard` prints it). */
export function shardLine(p: ShardPartial, file: string, bytes: number): string {
  return `model-gate: shard ${p.shard.k}/${p.shard.n}: ${rowsText(rowsPerDataset(p))}; ${p.entries.length} (model, dataset) outputs written to ${file} (${bytes} bytes)`;
}

/** The job summary of a shard: which shard, its rows per dataset, the file and its size, and that it is no verdict. */
export function shardSummary(p: ShardPartial, id: string, file: string, bytes: number): string {
  const rows = Object.entries(rowsPerDataset(p));
  const lines = [
    `## model-gate/${id}: shard ${p.shard.k} of ${p.shard.n}`,
    '',
    `A shard is not a verdict: it did the per-row model work of its rows and wrote them as a partial result; the merge job (input \`merge\`) checks all ${p.shard.n} partials and decides.`,
    '',
  ];
  if (rows.length) {
    lines.push('| dataset | rows in this shard |', '|---|---:|');
    for (const [d, r] of rows) lines.push(`| ${code(d)} | ${r} |`);
    lines.push('');
  } else lines.push('No gate of the policy reads predictions: the partial holds no rows.', '');
  lines.push(`**Partial:** ${code(file)} (${bytes} bytes; ${p.entries.length} (model, dataset) outputs), output \`partial-path\`: upload it with actions/upload-artifact.`);
  return lines.join('\n') + '\n';
}

/** The log lines of a merge: what each shard contributed (as the CLI's merge prints them). */
export function contributionLines(m: MergedShards): string[] {
  return m.contributions.map((c) => `merge: shard ${c.k}/${m.n} (${c.file}): ${rowsText(c.rows)}`);
}

/** The merge's part of the job summary (after the report's): what each shard contributed. */
export function mergeSummary(m: MergedShards): string {
  const datasets = [...new Set(m.contributions.flatMap((c) => Object.keys(c.rows)))];
  const lines = [
    '',
    `**Shards:** this report was merged from ${m.n} shard partial${m.n === 1 ? '' : 's'} (seed ${m.seed}); the rows each contributed:`,
    '',
    `| shard | file |${datasets.map((d) => ` ${code(d)} |`).join('')}`,
    `|---:|---|${datasets.map(() => '---:|').join('')}`,
  ];
  for (const c of m.contributions) lines.push(`| ${c.k} | ${code(c.file)} |${datasets.map((d) => ` ${c.rows[d] ?? 0} |`).join('')}`);
  return lines.join('\n') + '\n';
}

function inside(real: string, root: string): boolean {
  let r: string;
  try {
    r = realpathSync(root);
  } catch {
    return false;
  }
  const rel = path.relative(r, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
