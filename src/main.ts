/** Action entry (dist/index.js): everything happens in action/run.ts; this file only checks the platform and sets the exit code. */
const SUPPORTED = ['linux-x64', 'linux-arm64'];
const platform = `${process.platform}-${process.arch}`;

if (!SUPPORTED.includes(platform)) {
  process.stdout.write(`::error::model-gate runs on ${SUPPORTED.join(' and ')} runners (dist/ ships onnxruntime for those); this runner is ${platform}: use runs-on: ubuntu-latest or ubuntu-24.04-arm\n`);
  process.exitCode = 1;
} else {
  import('./action/run.ts')
    .then(({ runAction }) => runAction(process.env))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e) => {
        // runAction reports its own failures; this is the last line of defence. One line; the stack only with
        // RUNNER_DEBUG=1 (a re-run with debug logging).
        const msg = (e instanceof Error ? e.message : String(e)).replace(/[\r\n%]/g, ' ');
        process.stdout.write(`::error::model-gate internal error: ${msg}: this is a bug in model-gate: re-run the job with debug logging (RUNNER_DEBUG=1) for the stack trace, and report it\n`);
        if (process.env.RUNNER_DEBUG === '1') process.stdout.write(`${String((e as Error)?.stack ?? e).replace(/^::/gm, ': :')}\n`);
        process.exitCode = 1;
      },
    );
}
