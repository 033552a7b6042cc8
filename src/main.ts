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
        process.stdout.write(`::error::model-gate internal error: ${String((e as Error)?.message ?? e).replace(/[\r\n%]/g, ' ')}\n`);
        process.exitCode = 1;
      },
    );
}
