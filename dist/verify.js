import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/verify-action.ts
import("./chunks/verify-XYPYGU4W.js").then(({ runVerifyAction }) => runVerifyAction(process.env)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/[\r\n%]/g, " ");
    process.stdout.write(`::error::model-gate verify internal error: ${msg}: this is a bug in model-gate: re-run the job with debug logging (RUNNER_DEBUG=1) for the stack trace, and report it
`);
    if (process.env.RUNNER_DEBUG === "1") process.stdout.write(`${String(e?.stack ?? e).replace(/^::/gm, ": :")}
`);
    process.exitCode = 1;
  }
);
