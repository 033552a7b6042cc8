/**
 * The model-gate CLI (docs/design.md §3): one command word, then that command's options (parsed by ./args.ts).
 *   model-gate check | sign | verify | verify-attestation | verify-bundle | card-diff | inspect | init ...   (see ./help.ts)
 * Exit status: 0 pass, 1 fail, 2 error (docs/design.md §8).
 */
import { neutraliseLog } from '../util/escape.ts';
import { asGateError, debugStack } from '../errors.ts';
import type { Io } from './args.ts';
import { runCardDiffCommand } from './card-diff.ts';
import { runCheckCommand } from './check.ts';
import { runInitCommand } from './init.ts';
import { runInspectCommand } from './inspect.ts';
import { USAGE } from './help.ts';
import { VERSION } from '../version.ts';
import { runSignCommand } from './sign.ts';
import { runVerifyAttestationCommand } from './verify-attestation.ts';
import { runVerifyBundleCommand, runVerifyCommand } from './verify.ts';

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  check: runCheckCommand,
  verify: runVerifyCommand,
  'verify-bundle': runVerifyBundleCommand,
  'card-diff': runCardDiffCommand,
  sign: runSignCommand,
  'verify-attestation': runVerifyAttestationCommand,
  inspect: runInspectCommand,
  init: runInitCommand,
};

export async function main(argv: string[], io: Io): Promise<number> {
  // --debug applies to every command (and may come before the command word): stack traces of errors go to stderr
  // (never without it). Each command's parser accepts it too.
  const debug = argv.includes('--debug');
  const at = argv.findIndex((a) => a !== '--debug');
  const cmd = at < 0 ? undefined : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  try {
    if (cmd !== undefined && Object.hasOwn(COMMANDS, cmd)) return await COMMANDS[cmd](rest, io);
    if (cmd === '--version' || cmd === '-V') {
      io.stdout.write(`model-gate ${VERSION}\n`);
      return 0;
    }
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
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
