/**
 * The model-gate CLI (docs/design.md §3): one command word, then that command's options (parsed by ./args.ts).
 *   model-gate check | merge | validate | inspect | init | sign | verify | verify-attestation | verify-bundle | card-diff ... (COMMANDS below)
 *   model-gate help [COMMAND]
 * Exit status: 0 pass, 1 fail, 2 error (docs/design.md §8).
 */
import { neutraliseLog } from '../util/escape.ts';
import { asGateError, debugStack } from '../errors.ts';
import type { Io } from './args.ts';
import { runCardDiffCommand } from './card-diff.ts';
import { runCheckCommand } from './check.ts';
import { runMergeCommand } from './merge.ts';
import { INIT_USAGE, runInitCommand } from './init.ts';
import { INSPECT_USAGE, runInspectCommand } from './inspect.ts';
import { CARD_DIFF_USAGE, CHECK_USAGE, MERGE_USAGE, overallUsage, SIGN_USAGE, VALIDATE_USAGE, VERIFY_ATTESTATION_USAGE, VERIFY_BUNDLE_USAGE, VERIFY_USAGE } from './help.ts';
import { VERSION } from '../version.ts';
import { runSignCommand } from './sign.ts';
import { runVerifyAttestationCommand } from './verify-attestation.ts';
import { runVerifyBundleCommand, runVerifyCommand } from './verify.ts';
import { runValidateCommand } from './validate.ts';

/** A command: what runs it, its usage text (./help.ts) and its line in `model-gate help`. */
interface CommandEntry {
  run: (argv: string[], io: Io) => Promise<number>;
  usage: string;
  summary: string;
}

/** Every command, in the order `model-gate help` lists them. Adding a command: one line here. */
export const COMMANDS: Record<string, CommandEntry> = {
  check: { run: runCheckCommand, usage: CHECK_USAGE, summary: 'run the policy\'s gates on the working tree' },
  merge: { run: runMergeCommand, usage: MERGE_USAGE, summary: 'merge the partial results of check --shard K/N into the report check would give' },
  validate: { run: runValidateCommand, usage: VALIDATE_USAGE, summary: 'check a policy and the data headers it names, list every problem (runs nothing)' },
  sign: { run: runSignCommand, usage: SIGN_USAGE, summary: 'sign a model file or folder (OpenSSF model signing)' },
  verify: { run: runVerifyCommand, usage: VERIFY_USAGE, summary: 'verify a model signature' },
  'verify-bundle': { run: runVerifyBundleCommand, usage: VERIFY_BUNDLE_USAGE, summary: 'verify a Sigstore bundle (the conformance protocol)' },
  'verify-attestation': { run: runVerifyAttestationCommand, usage: VERIFY_ATTESTATION_USAGE, summary: 'verify the attestation of a gate run' },
  'card-diff': { run: runCardDiffCommand, usage: CARD_DIFF_USAGE, summary: 'the model-card diff for a terminal' },
  inspect: { run: runInspectCommand, usage: INSPECT_USAGE, summary: 'what model-gate sees in an ONNX model: inputs, outputs, ops, gradient coverage' },
  init: { run: runInitCommand, usage: INIT_USAGE, summary: 'write a commented starter policy from a model and a data file' },
};

/** `model-gate --help`: every command, one line each. */
export const USAGE = overallUsage(Object.entries(COMMANDS).map(([name, c]) => [name, c.summary]));

/** `model-gate help [COMMAND]`: the overall usage, or the command's own (exit 0); an unknown command is exit 2. */
function help(args: string[], io: Io): number {
  const name = args.find((a) => a !== '--debug');
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (Object.hasOwn(COMMANDS, name)) {
    io.stdout.write(COMMANDS[name].usage + '\n');
    return 0;
  }
  io.stderr.write(`model-gate: help: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
  return 2;
}

export async function main(argv: string[], io: Io): Promise<number> {
  // --debug applies to every command (and may come before the command word): stack traces of errors go to stderr
  // (never without it). Each command's parser accepts it too.
  const debug = argv.includes('--debug');
  const at = argv.findIndex((a) => a !== '--debug');
  const cmd = at < 0 ? undefined : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  try {
    if (cmd !== undefined && Object.hasOwn(COMMANDS, cmd)) return await COMMANDS[cmd].run(rest, io);
    if (cmd === 'help') return help(rest, io);
    if (cmd === '--version' || cmd === '-V') {
      io.stdout.write(`model-gate ${VERSION}\n`);
      return 0;
    }
    if (cmd === '--help' || cmd === '-h') {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    io.stderr.write(`model-gate: ${cmd ? `unknown command "${cmd}"` : 'no command given'}\n${USAGE}\n`);
    return 2;
  } catch (e) {
    const err = asGateError(e);
    io.stderr.write(`model-gate: ${cmd}: ${neutraliseLog(err.located)}\n`);
    if (debug) io.stderr.write(`${debugStack(err)}\n`);
    return 2;
  }
}
