/**
 * `model-gate validate [--policy FILE] [--workspace DIR] [--json]`: every problem of a policy in one run, without
 * running a model or a gate: the loader's (YAML, schema, cross-field rules: src/policy/load.ts `diagnosePolicy`), the
 * files the policy names (inside the workspace, through the same path confinement as `check`), and the column names
 * against the datasets' headers (src/policy/columns.ts; only the CSV header line, the Parquet footer, the .npy header
 * are read). Each problem is one line `file:line:col: message`, sorted by line; then their count.
 * Exit status: 0 valid, 2 problems or unusable input.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ParseArgsOptionsConfig } from 'node:util';
import { checkReadable, formatOf } from '../data/load.ts';
import { readDataHeader } from '../data/headers.ts';
import { GateError } from '../errors.ts';
import { checkColumns, type DatasetHeader } from '../policy/columns.ts';
import { pathProblem, policyPaths } from '../policy/checks.ts';
import { diagnosePolicy, sortProblems, type PolicyDiagnosis, type PolicyProblem } from '../policy/load.ts';
import { formatPath, type Policy } from '../policy/types.ts';
import { neutraliseLog } from '../util/escape.ts';
import { resolveInside } from '../util/paths.ts';
import { DEFAULT_POLICY, defineCommand, parseCommand, unknownOption, usageError, UsageError, workspaceFolder, type Command, type Io } from './args.ts';
import { VALIDATE_USAGE } from './help.ts';

const COMMAND = defineCommand({
  name: 'validate',
  options: {
    policy: { type: 'string' },
    workspace: { type: 'string' },
    json: { type: 'boolean' },
  },
  valueNames: { policy: 'file', workspace: 'folder' },
} as const satisfies Command<ParseArgsOptionsConfig>);

/** What `validate` found: the policy file (workspace-relative) and every problem, sorted by line then column. */
export interface Validation {
  policy: string;
  problems: PolicyProblem[];
  /** Dataset headers read (for the summary line of a valid policy). */
  headers: number;
}

export async function runValidateCommand(argv: string[], io: Io): Promise<number> {
  let values: ReturnType<typeof parseCommand<typeof COMMAND.options>>['values'];
  try {
    const parsed = parseCommand(COMMAND, argv);
    values = parsed.values;
    if (!values.help && parsed.positionals.length) throw new UsageError(unknownOption('validate', parsed.positionals[0]));
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, VALIDATE_USAGE);
    throw e;
  }
  if (values.help) {
    io.stdout.write(VALIDATE_USAGE + '\n');
    return 0;
  }
  const workspace = workspaceFolder(values.workspace);
  const v = await validatePolicy(workspace, values.policy ?? DEFAULT_POLICY);
  if (values.json) {
    const problems = v.problems.map((p) => ({ file: p.file, line: p.line, col: p.col, message: p.message }));
    io.stdout.write(JSON.stringify({ policy: v.policy, valid: problems.length === 0, problems }, null, 2) + '\n');
  } else if (v.problems.length === 0) {
    io.stdout.write(`${neutraliseLog(v.policy)}: valid (${v.headers} dataset header${v.headers === 1 ? '' : 's'} checked)\n`);
  } else {
    for (const p of v.problems) io.stdout.write(neutraliseLog(p.message) + '\n');
    io.stdout.write(`${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} in ${neutraliseLog(v.policy)}\n`);
  }
  return v.problems.length === 0 ? 0 : 2;
}

/**
 * Validates the policy `policyPath` (relative to `workspace`, which is also the working directory, as for `check`).
 * Throws a GateError (one line) when the policy file itself cannot be read.
 */
export async function validatePolicy(workspace: string, policyPath: string): Promise<Validation> {
  const file = resolveInside(workspace, workspace, policyPath, '--policy');
  let text: Buffer;
  try {
    text = readFileSync(file.abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GateError('policy.missing', `${file.rel} does not exist in the workspace ${workspace}: write the policy there (see the README's policy reference) or give --policy FILE`);
    throw new GateError('policy.read', `cannot read ${file.rel}: ${code ?? (e as Error).message}`);
  }
  const d = diagnosePolicy(text, file.rel);
  const found = await fileProblems(d, workspace);
  return { policy: file.rel, problems: sortProblems([...d.problems, ...found.problems]), headers: found.headers };
}

/** The files the policy names: inside the workspace and present; the datasets' headers, and the column names. */
async function fileProblems(d: PolicyDiagnosis, workspace: string): Promise<{ problems: PolicyProblem[]; headers: number }> {
  const data = d.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { problems: [], headers: 0 };
  const policy = data as Policy;
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  const add = (p: PolicyProblem): void => {
    if (!seen.has(p.message)) problems.push(p);
    seen.add(p.message);
  };
  const datasetFiles = new Map<string, { abs: string; rel: string }>();
  for (const p of policyPaths(policy)) {
    // A path the loader already complained about (absolute, `..`, wrong type): nothing to look for.
    if (d.reported(p.path) || pathProblem(p.value) !== null || p.value === '') continue;
    // signature.subject defaults to model.path: the same file, looked for once.
    if (p.path[0] === 'signature' && p.path[1] === 'subject' && p.value === policy.model?.path) continue;
    const name = formatPath(p.path);
    let abs: string;
    let rel: string;
    try {
      ({ abs, rel } = resolveInside(workspace, workspace, p.value, name));
    } catch (e) {
      add(d.problemAt(p.path, 'value', (e as Error).message));
      continue;
    }
    if (p.path[0] === 'datasets') {
      try {
        checkReadable(abs, rel, String(p.path[1]), undefined);
      } catch (e) {
        add(d.problemAt(p.path, 'value', (e as Error).message));
        continue;
      }
      if (p.path[2] === 'path') datasetFiles.set(String(p.path[1]), { abs, rel });
      continue;
    }
    try {
      statSync(abs);
    } catch {
      add(d.problemAt(p.path, 'value', `${name} ${JSON.stringify(p.value)} does not exist in the workspace: commit the file or fix the path`));
    }
  }
  // The datasets' headers (only the header: CSV first line, Parquet footer, .npy header), then the column names.
  const headers = new Map<string, DatasetHeader>();
  for (const [name, f] of datasetFiles) {
    const format = formatOf(f.rel);
    if (format === null) continue; // "is not a .csv, .npy or .parquet file": a cross-field problem already
    try {
      headers.set(name, { rel: f.rel, header: await readDataHeader(f.abs, f.rel, format) });
    } catch (e) {
      const msg = e instanceof GateError ? e.message : `${f.rel} cannot be read: ${(e as Error).message}`;
      add(d.problemAt(['datasets', name, 'path'], 'value', `dataset "${name}": ${msg}`));
    }
  }
  for (const issue of checkColumns(data, (name) => headers.get(name))) {
    if (!d.reported(issue.path)) add(d.problemAt(issue.path, issue.where, issue.message));
  }
  return { problems, headers: headers.size };
}
