import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/main.ts
var SUPPORTED = ["linux-x64", "linux-arm64"];
var platform = `${process.platform}-${process.arch}`;
if (!SUPPORTED.includes(platform)) {
  process.stdout.write(`::error::model-gate runs on ${SUPPORTED.join(" and ")} runners (dist/ ships onnxruntime for those); this runner is ${platform}: use runs-on: ubuntu-latest or ubuntu-24.04-arm
`);
  process.exitCode = 1;
} else {
  import("./chunks/run-L2UJSYSO.js").then(({ runAction }) => runAction(process.env)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const msg = (e instanceof Error ? e.message : String(e)).replace(/[\r\n%]/g, " ");
      process.stdout.write(`::error::model-gate internal error: ${msg}: this is a bug in model-gate: re-run the job with debug logging (RUNNER_DEBUG=1) for the stack trace, and report it
`);
      if (process.env.RUNNER_DEBUG === "1") process.stdout.write(`${String(e?.stack ?? e).replace(/^::/gm, ": :")}
`);
      process.exitCode = 1;
    }
  );
}
