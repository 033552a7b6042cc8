/** Action entry (dist/index.js): everything happens in action/run.ts; this file only sets the exit code. */
import { runAction } from './action/run.ts';

runAction(process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stdout.write(`::error::model-gate internal error: ${String((e as Error)?.message ?? e).replace(/[\r\n%]/g, ' ')}\n`);
    process.exitCode = 1;
  },
);
