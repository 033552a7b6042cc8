/** Deploy-side action entry (dist/verify.js, verify/action.yml): everything happens in action/verify.ts. */
import('./action/verify.ts')
  .then(({ runVerifyAction }) => runVerifyAction(process.env))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // runVerifyAction reports its own failures; this is the last line of defence. One line; the stack only with
      // RUNNER_DEBUG=1.
      const msg = (e instanceof Error ? e.message : String(e)).replace(/[\r\n%]/g, ' ');
      process.stdout.write(`::error::model-gate verify internal error: ${msg}: this is a bug in model-gate: re-run the job with debug logging (RUNNER_DEBUG=1) for the stack trace, and report it\n`);
      if (process.env.RUNNER_DEBUG === '1') process.stdout.write(`${String((e as Error)?.stack ?? e).replace(/^::/gm, ': :')}\n`);
      process.exitCode = 1;
    },
  );
