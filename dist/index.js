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
  import("./chunks/run-M2Y4CLF7.js").then(({ runAction }) => runAction(process.env)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stdout.write(`::error::model-gate internal error: ${String(e?.message ?? e).replace(/[\r\n%]/g, " ")}
`);
      process.exitCode = 1;
    }
  );
}
