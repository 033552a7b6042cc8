/**
 * The CLI entry (bundled as dist/cli.js, the package's bin): the commands live in src/cli/ (main.ts dispatches).
 * Exit status: 0 pass, 1 fail, 2 error (docs/design.md §8).
 */
import path from 'node:path';
import { main } from './cli/main.ts';
import { asGateError, debugStack } from './errors.ts';

export { main } from './cli/main.ts';
export type { Io } from './cli/args.ts';
export { unsupportedPlatform } from './cli/args.ts';

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
