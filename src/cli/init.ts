/**
 * `model-gate init --model M --data D ...`: writes a commented starter policy that validates and runs with `check`
 * (src/policy/starter.ts builds it). Refuses an existing file without --force, never writes through a symlink.
 * Exit 0 written, 2 unusable input (nothing written).
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { GateError } from '../errors.ts';
import { neutraliseLog } from '../util/escape.ts';
import { writeOutputFile } from '../util/safe-write.ts';
import { DEFAULT_POLICY, defineCommand, listFlag, parseCommand, unknownOption, unsupportedPlatform, usageError, UsageError, type Command, type Io } from './args.ts';
import { COMMON_OPTIONS } from './help.ts';

export const INIT_USAGE = `usage: model-gate init --model M --data D [--label COL] [--exclude COL ...] [--sensitive COL ...] [--members F --non-members F] [--reference F] [--key PUB] [--output FILE] [--force] [--workspace DIR]
  writes a commented starter policy that model-gate check runs as it is: the model's inputs mapped to the data's
  columns, sha256 pins of every data file, an accuracy gate, a robustness gate (bounds = each feature's min and max in
  D, epsilon 0.1 standard deviation), a fairness gate with the sensitive columns, a memorisation gate with the
  members and non-members files, a regression gate (on pull requests against the base commit's model; skipped
  by check), a drift gate of D against the --reference data; thresholds are placeholders to set after the first check. The signature is off
  (required: false) so that the first check runs before the model is signed (the file says how to sign it and turn
  it on); with a key it is required from the start (check fails until model-gate sign has signed the model).
options:
  --model M               the ONNX model (see model-gate inspect M)
  --data D                the evaluation data: .csv or .parquet with a header
  --label COL             the label column (default: the column named exactly label, target, y or class)
  --exclude COL,...       columns the model does not take (ids, ...); repeatable
  --sensitive COL,...     columns for the fairness gate (not fed to the model unless its input width needs them); repeatable
  --members F             training records (same columns as D) for the memorisation gate; needs --non-members
  --non-members F         held-out records (same columns as D) for the memorisation gate; needs --members
  --reference F           reference data (e.g. the training sample; the model's input columns) for a drift gate of D against it
  --key PUB               the PEM public key the model must be signed with (signature required, bundle M.sig)
  --output FILE           default ${DEFAULT_POLICY} in the workspace (the file check reads by default)
  --force                 replace FILE when it exists (never through a symlink)
  --workspace DIR         the folder check runs in (default: the current directory); the policy's paths are relative to it
${COMMON_OPTIONS}
exit status: 0 written, 2 unusable input (nothing written)`;

const COMMAND = defineCommand({
  name: 'init',
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    label: { type: 'string' },
    exclude: { type: 'string', multiple: true },
    sensitive: { type: 'string', multiple: true },
    members: { type: 'string' },
    'non-members': { type: 'string' },
    reference: { type: 'string' },
    key: { type: 'string' },
    output: { type: 'string' },
    force: { type: 'boolean' },
    workspace: { type: 'string' },
  },
  valueNames: { model: 'file', data: 'file', label: 'column', exclude: 'column', sensitive: 'column', members: 'file', 'non-members': 'file', reference: 'file', key: 'file', output: 'file', workspace: 'folder' },
} as const satisfies Command<ParseArgsOptionsConfig>);

export async function runInitCommand(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommand<typeof COMMAND.options>>;
  try {
    parsed = parseCommand(COMMAND, argv);
    const v = parsed.values;
    if (!v.help) {
      if (parsed.positionals.length) throw new UsageError(unknownOption('init', parsed.positionals[0]));
      if (!v.model) throw new UsageError('init needs --model M (the ONNX model)');
      if (!v.data) throw new UsageError('init needs --data D (a CSV or Parquet file with a header)');
      if ((v.members === undefined) !== (v['non-members'] === undefined)) throw new UsageError('--members and --non-members go together (training and held-out records)');
    }
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, INIT_USAGE);
    throw e;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(INIT_USAGE + '\n');
    return 0;
  }
  const cwd = process.cwd();
  const workspace = path.resolve(v.workspace ?? cwd);
  const output = path.resolve(v.workspace !== undefined && v.output === undefined ? workspace : cwd, v.output ?? DEFAULT_POLICY);
  const shown = path.relative(cwd, output) || output;
  const rel = path.relative(workspace, output).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    throw new GateError('init.path', `--output ${shown} is outside the workspace ${workspace}: check reads its policy from inside the workspace; write it there (default ${DEFAULT_POLICY})`);
  }
  // Refused before any work: an existing file (without --force) or a symlink (even with --force).
  let exists = false;
  try {
    const st = lstatSync(output);
    exists = true;
    if (st.isSymbolicLink()) throw new GateError('init.symlink', `${shown} is a symlink: model-gate never writes through symlinks; remove it or choose another --output`);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  if (exists && !v.force) throw new GateError('init.exists', `${shown} already exists: give --force to replace it, or --output FILE for another file`);

  let mod: { build: typeof import('../policy/starter.ts').buildStarterPolicy; describe: typeof import('../model/inspect.ts').describeModel };
  try {
    mod = { build: (await import('../policy/starter.ts')).buildStarterPolicy, describe: (await import('../model/inspect.ts')).describeModel };
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}\n`);
    return 2;
  }
  const starter = await mod.build({
    workspace, cwd, model: v.model!, data: v.data!, label: v.label, exclude: listFlag(v.exclude), sensitive: listFlag(v.sensitive),
    members: v.members, nonMembers: v['non-members'], reference: v.reference, key: v.key, policyFile: rel,
  }, async (file) => mod.describe(file));
  writeOutputFile(output, starter.text, [workspace, cwd], '--output', 'the workspace and the current directory', { literalAnywhere: true });
  const runIt = rel === DEFAULT_POLICY ? 'model-gate check' : `model-gate check --policy ${rel}`;
  io.stdout.write(neutraliseLog([`wrote ${shown}`, ...starter.summary.map((s) => `  ${s}`), `next: ${runIt}${workspace === cwd ? '' : ` --workspace ${path.relative(cwd, workspace) || '.'}`}, then set the placeholder thresholds`].join('\n')) + '\n');
  return 0;
}
