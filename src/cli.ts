/**
 * The model-gate CLI (DESIGN §3): the same engine as the action, for terminals and other CI systems.
 *   model-gate check   [--policy FILE] [--json FILE] [--markdown FILE] [--seed N] [--workspace DIR]
 *   model-gate verify  MODEL_PATH --signature FILE (...)
 *   model-gate verify-bundle --bundle FILE (...) FILE_OR_DIGEST
 *   model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
 * Exit status: 0 pass, 1 fail, 2 error (DESIGN §8).
 */
import path from 'node:path';
import { checkOutputPath, writeOutputFile } from './util/safe-write.ts';
import { workingTreeFiles } from './engine/working-tree.ts';
import { renderTerminal } from './report/terminal.ts';
import { renderSummary } from './report/summary.ts';
import { runVerifyCommand, runVerifyBundleCommand } from './signature/cli.ts';
import { runCardDiffCommand } from './modelcard/cli.ts';
import { neutraliseLog } from './report/escape.ts';
import { GateError, asGateError, debugStack } from './errors.ts';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = `usage:
  model-gate check [--policy FILE] [--json FILE] [--markdown FILE] [--seed N] [--workspace DIR] [--debug]
  model-gate verify MODEL_PATH --signature FILE (--identity I --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]
  model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
  --debug (any command): print the stack traces of errors (for bug reports)
exit status: 0 pass, 1 fail, 2 error`;

export async function main(argv: string[], io: Io): Promise<number> {
  // --debug applies to every command: stack traces of errors go to stderr (never without it).
  const debug = argv.includes('--debug');
  const [cmd, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    switch (cmd) {
      case 'check':
        return await check(rest, io, debug);
      case 'verify':
        return await runVerifyCommand(rest, io);
      case 'verify-bundle':
        return await runVerifyBundleCommand(rest, io);
      case 'card-diff':
        return await runCardDiffCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(USAGE + '\n');
        return 0;
      default:
        io.stderr.write(`model-gate: ${cmd ? `unknown command "${cmd}"` : 'no command given'}\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    const err = asGateError(e);
    io.stderr.write(`model-gate: ${cmd}: ${neutraliseLog(err.located)}\n`);
    if (debug) io.stderr.write(`${debugStack(err)}\n`);
    return 2;
  }
}

interface CheckArgs {
  policy: string;
  json?: string;
  markdown?: string;
  seed?: number;
  workspace: string;
}

function parseCheckArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { policy: '.github/model-gate.yml', workspace: process.cwd() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new GateError('cli.usage', `${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--policy':
        out.policy = value();
        break;
      case '--json':
        out.json = value();
        break;
      case '--markdown':
        out.markdown = value();
        break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new GateError('cli.usage', `--seed must be a non-negative integer, got "${v}"`);
        out.seed = Number(v);
        break;
      }
      case '--workspace':
        out.workspace = path.resolve(value());
        break;
      default:
        throw new GateError('cli.usage', `unknown option "${a}" for check`);
    }
  }
  return out;
}

async function check(args: string[], io: Io, debug: boolean): Promise<number> {
  let a: CheckArgs;
  try {
    a = parseCheckArgs(args);
  } catch (e) {
    io.stderr.write(`model-gate: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Output files: the same safe writer as the action (never through a symlink; a path that a symlinked folder
  // redirects must resolve inside these roots), checked before the gate runs so that a bad path fails at once and
  // no folder is made anywhere first.
  const out = outputRoots(a.workspace);
  const outputs: { flag: string; file: string }[] = [];
  if (a.json) outputs.push({ flag: '--json', file: a.json });
  if (a.markdown) outputs.push({ flag: '--markdown', file: a.markdown });
  try {
    for (const o of outputs) checkOutputPath(o.file, out.roots, o.flag, out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${(e as Error).message}\n`);
    return 2;
  }
  const files = workingTreeFiles(a.workspace);
  let runGate: typeof import('./engine/run.ts').runGate;
  try {
    ({ runGate } = await import('./engine/run.ts'));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}\n`);
    return 2;
  }
  const report = await runGate({
    workspace: a.workspace,
    workingDirectory: a.workspace,
    policyPath: a.policy,
    mode: 'enforce',
    seed: a.seed,
    trusted: files,
    head: files,
    changedFiles: null,
    debug,
    log: {
      info: (m) => io.stderr.write(neutraliseLog(m) + '\n'),
      warn: (m) => io.stderr.write('warning: ' + neutraliseLog(m) + '\n'),
    },
  });
  const id = path.basename(a.policy).replace(/\.(ya?ml|json)$/i, '') || 'model-gate';
  io.stdout.write(renderTerminal(report, { id, color: false }) + '\n');
  try {
    if (a.json) writeOutputFile(a.json, JSON.stringify(report, null, 2) + '\n', out.roots, '--json', out.where, { literalAnywhere: true });
    if (a.markdown) writeOutputFile(a.markdown, renderSummary(report, { id }), out.roots, '--markdown', out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${(e as Error).message}: check that the folder of --json / --markdown exists and is writable`}\n`);
    return 2;
  }
  return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2;
}

/** Where a symlinked folder may lead `check`'s files: the workspace, the current directory and, in a GitHub job, RUNNER_TEMP. */
function outputRoots(workspace: string): { roots: string[]; where: string } {
  const temp = process.env.RUNNER_TEMP;
  return temp
    ? { roots: [workspace, process.cwd(), temp], where: 'the workspace, the current directory and RUNNER_TEMP' }
    : { roots: [workspace, process.cwd()], where: 'the workspace and the current directory' };
}

/** Why onnxruntime could not load (the committed dist/ carries Linux x64 and arm64 binaries only). */
export function unsupportedPlatform(e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  if (/onnxruntime_binding|onnxruntime/.test(msg)) {
    return `onnxruntime-node cannot load on ${process.platform}-${process.arch} (${msg.split('\n')[0]}): the bundled dist/ supports linux-x64 and linux-arm64; elsewhere install the package with npm (npm install model-gate) so that onnxruntime-node brings its own binaries`;
  }
  return `cannot load the engine: ${msg.split('\n')[0]}`;
}

// Entry point (also when bundled as dist/cli.js).
const invoked = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invoked.endsWith(`${path.sep}cli.js`) || invoked.endsWith(`${path.sep}cli.ts`)) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // main catches what its commands throw; this is the last line of defence (e.g. a failing stdout).
      process.stderr.write(`model-gate: ${asGateError(e).message}\n`);
      if (process.argv.includes('--debug')) process.stderr.write(`${debugStack(e)}\n`);
      process.exitCode = 2;
    },
  );
}
