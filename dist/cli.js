#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  GROUP_RATE_COLUMNS,
  cardDiffText,
  checkOutputPath,
  ciText,
  compactJson,
  gateKindOf,
  located,
  loosenedTitle,
  loosenedWhere,
  metricRows,
  neutraliseLog,
  num,
  orderedGroups,
  plainValue,
  position,
  readClaims,
  readMembershipAttacks,
  readPerEpsilon,
  readRobustnessAttacks,
  renderSummary,
  shortSha,
  thresholdText,
  verdictView,
  workingTreeFiles,
  writeOutputFile
} from "./chunks/chunk-OBQYLGFE.js";
import {
  GateError,
  asGateError,
  debugStack,
  measuredMetrics,
  modelCardReport,
  runVerifyBundleCommand,
  runVerifyCommand
} from "./chunks/chunk-EWF3Z4V2.js";

// src/cli.ts
import path from "node:path";

// src/report/terminal.ts
var ANSI = { red: "\x1B[31m", green: "\x1B[32m", yellow: "\x1B[33m", bold: "\x1B[1m", reset: "\x1B[0m" };
function columns(headers, rows, indent = "  ") {
  const len = (s) => [...s.replace(/\u200b/g, "")].length;
  const w = headers.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ""))));
  const pad = (s, n) => s + " ".repeat(Math.max(0, n - len(s)));
  const line = (cells) => (indent + cells.map((c, i) => i === cells.length - 1 ? c : pad(c, w[i])).join("  ")).trimEnd();
  return [line(headers), line(w.map((n) => "-".repeat(n))), ...rows.map(line)];
}
function renderTerminal(report, opts = {}) {
  const c = (color, s2) => opts.color ? `${ANSI[color]}${s2}${ANSI.reset}` : s2;
  const maxRows = opts.maxRows ?? 50;
  const v = verdictView(report);
  const out = [];
  const verdictColor = report.verdict === "pass" ? "green" : report.verdict === "fail" ? "red" : "yellow";
  out.push(c("bold", `model-gate${opts.id ? ` ${plainValue(opts.id)}` : ""}: `) + c(verdictColor, v.word));
  out.push(plainValue(v.firstError ? `${v.sentence}: ${v.firstError}` : v.sentence));
  const loosened = report.policy?.loosened ?? [];
  if (loosened.length) {
    out.push("", c("yellow", `${loosenedTitle(loosened)} (${loosened.length})${report.failed_gates.includes("policy") ? ": the model or its data changed too, so the gate fails" : ""}`));
    out.push(
      ...columns(
        ["setting", "base", "head", "where"],
        loosened.map((l) => [plainValue(l.path), plainValue(compactJson(l.from, 60)), plainValue(compactJson(l.to, 60)), plainValue(loosenedWhere(report, l))])
      )
    );
  }
  if (report.errors.length) {
    out.push("", c("red", "Errors"));
    for (const e of report.errors) out.push(`  - ${plainValue(located(e))}`);
  }
  const s = report.signature;
  out.push("", "Signature");
  const sig = [["status", s.status]];
  for (const [k, val] of [
    ["method", s.method],
    ["identity", s.identity],
    ["issuer", s.issuer],
    ["key", s.key_fingerprint],
    ["transparency", s.transparency],
    ["log index", s.log_index],
    ["card signed", s.covers_card],
    ["message", s.message]
  ]) {
    if (val !== void 0 && val !== null && val !== "") sig.push([k, typeof val === "boolean" ? val ? "yes" : "no" : String(val)]);
  }
  const kw = Math.max(...sig.map((r) => r[0].length));
  for (const [k, val] of sig) out.push(`  ${k.padEnd(kw)}  ${plainValue(val)}`);
  for (const [name, g] of Object.entries(report.gates)) {
    const st = g.status === "pass" ? c("green", "pass") : g.status === "fail" ? c("red", "fail") : g.status === "error" ? c("yellow", "error") : g.status;
    out.push("", `Gate ${plainValue(name)}: ${st}${g.message ? ` (${plainValue(g.message)})` : ""}`);
    const rows = metricRows(g).map((m) => [
      plainValue(m.metric),
      typeof m.value === "number" || m.value === null ? num(m.value) : plainValue(compactJson(m.value, 40)),
      m.check ? thresholdText(m.check) : "",
      m.check ? m.check.pass ? "pass" : "FAIL" : "",
      ciText(m.ci)
    ]);
    if (rows.length) out.push(...columns(["metric", "value", "threshold", "result", "95% CI"], rows));
    for (const ch of g.checks) if (!ch.pass && ch.message) out.push(`  ! ${plainValue(ch.message)}${ch.file ? ` (${plainValue(position(ch.file, ch.line, ch.col))})` : ""}`);
    const kind = gateKindOf(name, g);
    if (kind === "robustness") {
      const per = readPerEpsilon(g);
      if (per.length) {
        const cols = [...new Set(per.flatMap((p) => Object.keys(p.values)))];
        out.push("  per epsilon:", ...columns(["epsilon", ...cols.map(plainValue)], per.map((p) => [num(p.epsilon), ...cols.map((k) => num(p.values[k]))]), "    "));
      }
      const att = readRobustnessAttacks(g);
      if (att.length)
        out.push("  attacks:", ...columns(["attack", "method", "queries", "points broken"], att.map((a) => [plainValue(a.name), plainValue(a.cells.method ?? ""), num(a.cells.queries), num(a.cells.points_broken ?? a.cells.broken)]), "    "));
    } else if (kind === "memorisation") {
      const att = readMembershipAttacks(g);
      if (att.length)
        out.push("  attacks:", ...columns(["attack", "auc", "advantage", "tpr@fpr 0.01", "tpr@fpr 0.001"], att.map((a) => [plainValue(a.name), num(a.cells.auc), num(a.cells.advantage), num(a.cells["tpr_at_fpr_0.01"]), num(a.cells["tpr_at_fpr_0.001"])]), "    "));
    } else if (kind === "fairness") {
      const { rows: groups, sortedBy } = orderedGroups(g);
      if (groups.length) {
        const cols = GROUP_RATE_COLUMNS.filter((k) => groups.some((r) => r.cells[k] !== void 0));
        out.push(`  groups (sorted by ${plainValue(sortedBy)}):`, ...columns(["group", ...cols], groups.slice(0, maxRows).map((r) => [plainValue(r.name) + (r.cells.included === false ? " (left out)" : ""), ...cols.map((k) => num(r.cells[k]))]), "    "));
        if (groups.length > maxRows) out.push(`    ... ${groups.length - maxRows} more groups in the report file`);
      }
    }
  }
  const ds = Object.entries(report.datasets);
  if (ds.length) {
    out.push("", "Datasets");
    out.push(
      ...columns(
        ["dataset", "path", "rows", "sha256", "pinned", "changed in PR"],
        ds.map(([n, d]) => [plainValue(n), plainValue(d.path), num(d.rows), shortSha(d.sha256), d.pinned ? "yes" : "no", d.changed_in_pr === null ? "-" : d.changed_in_pr ? "CHANGED" : "no"])
      )
    );
  }
  const claims = readClaims(report.model_card);
  if (claims.length) {
    out.push("", "Model card: claimed vs measured");
    out.push(...columns(["claim", "claimed", "measured", "tolerance", "result"], claims.map((cl) => [plainValue(cl.claim), num(cl.claimed), num(cl.measured), num(cl.tolerance), cl.pass === null ? "-" : cl.pass ? "match" : "MISMATCH"])));
  }
  if (report.warnings.length) {
    out.push("", `Warnings (${report.warnings.length})`);
    for (const w of report.warnings.slice(0, maxRows)) out.push(`  - ${plainValue(located(w))}`);
    if (report.warnings.length > maxRows) out.push(`  ... ${report.warnings.length - maxRows} more in the report file`);
  }
  return neutraliseLog(out.join("\n")) + "\n";
}

// src/modelcard/cli.ts
import { readFileSync, existsSync } from "node:fs";
var USAGE = "usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]   (a missing card file = the card is new or deleted)";
async function runCardDiffCommand(argv, io) {
  const files = [];
  let reportFile;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--report") {
      reportFile = argv[++i];
      if (!reportFile) {
        io.stderr.write(`model-gate: --report needs a file
${USAGE}
`);
        return 2;
      }
    } else if (argv[i].startsWith("--")) {
      io.stderr.write(`model-gate: unknown option ${argv[i]}
${USAGE}
`);
      return 2;
    } else files.push(argv[i]);
  }
  if (files.length !== 2) {
    io.stderr.write(`model-gate: card-diff needs BASE_CARD and HEAD_CARD
${USAGE}
`);
    return 2;
  }
  const read = (f) => {
    if (!existsSync(f)) return null;
    try {
      return { path: f, text: readFileSync(f, "utf8") };
    } catch (e) {
      throw new GateError("card.read", `cannot read ${f}: ${e.code ?? e.message}: give the path of a Markdown model card file`, { cause: e });
    }
  };
  const base = read(files[0]);
  const head = read(files[1]);
  if (!base && !head) {
    io.stderr.write(`model-gate: neither ${files[0]} nor ${files[1]} exists
`);
    return 2;
  }
  let measured = {};
  let coversCard = null;
  if (reportFile) {
    try {
      const report = JSON.parse(readFileSync(reportFile, "utf8"));
      measured = measuredMetrics(report.gates ?? {});
      coversCard = report.signature?.covers_card ?? null;
    } catch (e) {
      io.stderr.write(`model-gate: cannot read the report ${reportFile}: ${e.message.split("\n")[0]}: give the JSON report written by model-gate check --json
`);
      return 2;
    }
  }
  const r = modelCardReport({ base, head, measured, coversCard });
  io.stdout.write(cardDiffText(r) + "\n");
  return 0;
}

// src/cli.ts
var USAGE2 = `usage:
  model-gate check [--policy FILE] [--json FILE] [--markdown FILE] [--seed N] [--workspace DIR] [--debug]
  model-gate verify MODEL_PATH --signature FILE (--identity I --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]
  model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
  --debug (any command): print the stack traces of errors (for bug reports)
exit status: 0 pass, 1 fail, 2 error`;
async function main(argv, io) {
  const debug = argv.includes("--debug");
  const [cmd, ...rest] = argv.filter((a) => a !== "--debug");
  try {
    switch (cmd) {
      case "check":
        return await check(rest, io, debug);
      case "verify":
        return await runVerifyCommand(rest, io);
      case "verify-bundle":
        return await runVerifyBundleCommand(rest, io);
      case "card-diff":
        return await runCardDiffCommand(rest, io);
      case "--help":
      case "-h":
      case "help":
        io.stdout.write(USAGE2 + "\n");
        return 0;
      default:
        io.stderr.write(`model-gate: ${cmd ? `unknown command "${cmd}"` : "no command given"}
${USAGE2}
`);
        return 2;
    }
  } catch (e) {
    const err = asGateError(e);
    io.stderr.write(`model-gate: ${cmd}: ${neutraliseLog(err.located)}
`);
    if (debug) io.stderr.write(`${debugStack(err)}
`);
    return 2;
  }
}
function parseCheckArgs(args) {
  const out = { policy: ".github/model-gate.yml", workspace: process.cwd() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === void 0) throw new GateError("cli.usage", `${a} needs a value`);
      return v;
    };
    switch (a) {
      case "--policy":
        out.policy = value();
        break;
      case "--json":
        out.json = value();
        break;
      case "--markdown":
        out.markdown = value();
        break;
      case "--seed": {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new GateError("cli.usage", `--seed must be a non-negative integer, got "${v}"`);
        out.seed = Number(v);
        break;
      }
      case "--workspace":
        out.workspace = path.resolve(value());
        break;
      default:
        throw new GateError("cli.usage", `unknown option "${a}" for check`);
    }
  }
  return out;
}
async function check(args, io, debug) {
  let a;
  try {
    a = parseCheckArgs(args);
  } catch (e) {
    io.stderr.write(`model-gate: ${e.message}
${USAGE2}
`);
    return 2;
  }
  const out = outputRoots(a.workspace);
  const outputs = [];
  if (a.json) outputs.push({ flag: "--json", file: a.json });
  if (a.markdown) outputs.push({ flag: "--markdown", file: a.markdown });
  try {
    for (const o of outputs) checkOutputPath(o.file, out.roots, o.flag, out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e.message}
`);
    return 2;
  }
  const files = workingTreeFiles(a.workspace);
  let runGate;
  try {
    ({ runGate } = await import("./chunks/run-ATFI7NRO.js"));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}
`);
    return 2;
  }
  const report = await runGate({
    workspace: a.workspace,
    workingDirectory: a.workspace,
    policyPath: a.policy,
    mode: "enforce",
    seed: a.seed,
    trusted: files,
    head: files,
    changedFiles: null,
    debug,
    log: {
      info: (m) => io.stderr.write(neutraliseLog(m) + "\n"),
      warn: (m) => io.stderr.write("warning: " + neutraliseLog(m) + "\n")
    }
  });
  const id = path.basename(a.policy).replace(/\.(ya?ml|json)$/i, "") || "model-gate";
  io.stdout.write(renderTerminal(report, { id, color: false }) + "\n");
  try {
    if (a.json) writeOutputFile(a.json, JSON.stringify(report, null, 2) + "\n", out.roots, "--json", out.where, { literalAnywhere: true });
    if (a.markdown) writeOutputFile(a.markdown, renderSummary(report, { id }), out.roots, "--markdown", out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${e.message}: check that the folder of --json / --markdown exists and is writable`}
`);
    return 2;
  }
  return report.verdict === "pass" ? 0 : report.verdict === "fail" ? 1 : 2;
}
function outputRoots(workspace) {
  const temp = process.env.RUNNER_TEMP;
  return temp ? { roots: [workspace, process.cwd(), temp], where: "the workspace, the current directory and RUNNER_TEMP" } : { roots: [workspace, process.cwd()], where: "the workspace and the current directory" };
}
function unsupportedPlatform(e) {
  const msg = e?.message ?? String(e);
  if (/onnxruntime_binding|onnxruntime/.test(msg)) {
    return `onnxruntime-node cannot load on ${process.platform}-${process.arch} (${msg.split("\n")[0]}): the bundled dist/ supports linux-x64 and linux-arm64; elsewhere install the package with npm (npm install model-gate) so that onnxruntime-node brings its own binaries`;
  }
  return `cannot load the engine: ${msg.split("\n")[0]}`;
}
var invoked = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (invoked.endsWith(`${path.sep}cli.js`) || invoked.endsWith(`${path.sep}cli.ts`)) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`model-gate: ${asGateError(e).message}
`);
      if (process.argv.includes("--debug")) process.stderr.write(`${debugStack(e)}
`);
      process.exitCode = 2;
    }
  );
}
export {
  main,
  unsupportedPlatform
};
