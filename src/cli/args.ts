import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { GateError } from '../errors.ts';

/** The policy file `check` and `validate` read when --policy is not given, and the one `init` writes by default. */
export const DEFAULT_POLICY = '.github/model-gate.yml';

/** Where a command writes (process.stdout/stderr, or a capture in tests). */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** A mistake in the command line: reported in one line followed by the command's usage, exit status 2. */
export class UsageError extends Error {}

export interface Command<O extends ParseArgsOptionsConfig> {
  /** The command word, as in `model-gate check`. */
  name: string;
  /** Its own options; `--help`/`-h` and `--debug` are added to every command. */
  options: O;
  /** What a string option's value is called in "--flag needs a ..." (default: value). */
  valueNames?: { [K in keyof O]?: string };
}

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

const PARSERS = new Map<string, Command<ParseArgsOptionsConfig>>();

/** Declares a command's parser (kept by name, so that its options can be listed: `commandOptions`). */
export function defineCommand<O extends ParseArgsOptionsConfig>(cmd: Command<O>): Command<O> {
  PARSERS.set(cmd.name, cmd);
  return cmd;
}

/** Every option a command's parser accepts (its own and the common ones) as `--name` (with `short`), or undefined. */
export function commandOptions(name: string): { flag: string; short?: string }[] | undefined {
  const cmd = PARSERS.get(name);
  if (!cmd) return undefined;
  return Object.entries({ ...cmd.options, ...COMMON }).map(([k, o]) => {
    const short = (o as { short?: string }).short;
    return { flag: `--${k}`, ...(short ? { short: `-${short}` } : {}) };
  });
}

/**
 * The one argument parser of every command (`node:util` parseArgs, strict): `--flag value` and `--flag=value`,
 * positionals anywhere, `--` ends the options. Throws UsageError with a one-line message.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(cmd: Command<O>, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, ...COMMON }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(usageMessage(cmd, e));
  }
}

/** The message for an option (or stray argument) the command does not know, pointing at its --help. */
export function unknownOption(cmd: string, arg: string): string {
  return `unknown option "${arg}" for ${cmd}: see model-gate ${cmd} --help`;
}

function usageMessage<O extends ParseArgsOptionsConfig>(cmd: Command<O>, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const msg = String(err?.message ?? e);
  const flag = /'(?:-\w, )?(-[^' ]+)(?: <value>)?'/.exec(msg)?.[1];
  if (flag) {
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOption(cmd.name, flag);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag.replace(/^--?/, '');
      const what = cmd.valueNames?.[name as keyof O] ?? 'value';
      if (/does not take an argument/.test(msg)) return `${flag} takes no value`;
      if (/ambiguous/.test(msg)) return `${flag} needs a ${what} (for a ${what} that starts with "-", write ${flag}=-${what.toUpperCase()})`;
      return `${flag} needs a ${what}`;
    }
  }
  return msg.split('\n')[0];
}

/** Writes a usage error (one line, then the usage) and returns exit status 2. */
export function usageError(io: Io, e: UsageError, usage: string): number {
  io.stderr.write(`model-gate: ${e.message}\n${usage}\n`);
  return 2;
}

/** The value of a flag that may be given once (a `multiple` option's array, or a single value): usage error when repeated. */
export function once(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length !== 1) throw new UsageError(`${flag} may be given only once`);
    return String(v[0]);
  }
  return String(v);
}

/** Comma-separated (and repeatable) list flag. */
export function listFlag(v: string[] | undefined): string[] {
  return (v ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/** Reads a key file given on the command line: one line naming it when it cannot be read. */
export function readKeyFile(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new GateError('cli.key', `${flag} ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): check the path`);
  }
}

/**
 * The folder of `--workspace DIR` (default: the current directory), absolute: one line naming it when it does not
 * exist or is not a folder (before anything else looks inside it).
 */
export function workspaceFolder(dir: string | undefined): string {
  if (dir === undefined) return process.cwd();
  const abs = path.resolve(dir);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new GateError('cli.workspace', `--workspace ${dir} does not exist: give the folder that the policy's paths are relative to`);
    throw new GateError('cli.workspace', `--workspace ${dir} cannot be read (${code ?? (e as Error).message})`);
  }
  if (!isDir) throw new GateError('cli.workspace', `--workspace ${dir} is not a folder: give the folder that the policy's paths are relative to`);
  return abs;
}

/** Why onnxruntime could not load (the committed dist/ carries Linux x64 and arm64 binaries only). */
export function unsupportedPlatform(e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  if (/onnxruntime_binding|onnxruntime/.test(msg)) {
    return `onnxruntime-node cannot load on ${process.platform}-${process.arch} (${msg.split('\n')[0]}): the bundled dist/ supports linux-x64 and linux-arm64; elsewhere install the package with npm (npm install model-gate) so that onnxruntime-node brings its own binaries`;
  }
  return `cannot load the engine: ${msg.split('\n')[0]}`;
}
