#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  parseDuration,
  setAsideText,
  verifyAttestation,
  verifyFromGitHub
} from "./chunks/chunk-EMSQ3ZUL.js";
import {
  GROUP_RATE_COLUMNS,
  NO_OIDC_TOKEN,
  PUBLIC_GOOD_FULCIO,
  PUBLIC_GOOD_REKOR,
  cardDiffText,
  checkOutputPath,
  ciText,
  compactJson,
  decodePartial,
  dirCache,
  driftStatisticText,
  encodePartial,
  epsilonColumns,
  evaluationErrors,
  evidenceErrors,
  gateEntries,
  gateTitleId,
  keylessSigner,
  located,
  loosenedTitle,
  loosenedWhere,
  mergePartials,
  metricRows,
  num,
  orderedDrift,
  orderedGroups,
  poisoningView,
  position,
  progressFormatter,
  readClaims,
  readMembershipAttacks,
  readPerEpsilon,
  readRobustnessAttacks,
  regressionSentences,
  renderCycloneDx,
  renderSummary,
  reportAttestationPath,
  serviceUrl,
  shortSha,
  thresholdText,
  tokenSourceFrom,
  uriResolver,
  verdictView,
  workingTreeFiles,
  writeOutputFile
} from "./chunks/chunk-RWP66DOK.js";
import {
  IN_TOTO_PAYLOAD_TYPE,
  attestRunWith,
  loadSigningKey,
  neutraliseLog,
  plainValue,
  signDsse,
  statementPayload
} from "./chunks/chunk-VZPTT7CE.js";
import {
  OMS_PREDICATE,
  measuredMetrics,
  modelCardReport,
  verifyModelSignature
} from "./chunks/chunk-T3NF2ROV.js";
import {
  DEFAULT_IGNORED,
  VERSION,
  computeManifest,
  describe,
  loadPublicKey,
  normaliseIgnore,
  parseBundle,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  rootDigest,
  validateIdentityPolicy,
  verifySigstoreBundle
} from "./chunks/chunk-KG5F2G4A.js";
import {
  checkReadable,
  closest,
  diagnosePolicy,
  formatOf,
  formatPath,
  listNames,
  pathProblem,
  policyPaths,
  readCsvHeader,
  readNpyHeader,
  readParquetColumnNames,
  sortProblems
} from "./chunks/chunk-O54UC3Q5.js";
import {
  resolveInside
} from "./chunks/chunk-HUZQ54LW.js";
import "./chunks/chunk-5KBCKNTJ.js";
import "./chunks/chunk-EBRXSLDV.js";
import "./chunks/chunk-AIQMBGXI.js";
import {
  GateError,
  asGateError,
  debugStack
} from "./chunks/chunk-2EUQIP2O.js";
import "./chunks/chunk-KXLR6RWI.js";

// src/cli.ts
import path9 from "node:path";

// src/cli/card-diff.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/cli/args.ts
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
var DEFAULT_POLICY = ".github/model-gate.yml";
var UsageError = class extends Error {
};
var COMMON = {
  help: { type: "boolean", short: "h" },
  debug: { type: "boolean" }
};
var PARSERS = /* @__PURE__ */ new Map();
function defineCommand(cmd) {
  PARSERS.set(cmd.name, cmd);
  return cmd;
}
function parseCommand(cmd, argv) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, ...COMMON }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(usageMessage(cmd, e));
  }
}
function unknownOption(cmd, arg) {
  return `unknown option "${arg}" for ${cmd}: see model-gate ${cmd} --help`;
}
function usageMessage(cmd, e) {
  const err = e;
  const msg = String(err?.message ?? e);
  const flag = /'(?:-\w, )?(-[^' ]+)(?: <value>)?'/.exec(msg)?.[1];
  if (flag) {
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return unknownOption(cmd.name, flag);
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = flag.replace(/^--?/, "");
      const what = cmd.valueNames?.[name] ?? "value";
      if (/does not take an argument/.test(msg)) return `${flag} takes no value`;
      if (/ambiguous/.test(msg)) return `${flag} needs a ${what} (for a ${what} that starts with "-", write ${flag}=-${what.toUpperCase()})`;
      return `${flag} needs a ${what}`;
    }
  }
  return msg.split("\n")[0];
}
function usageError(io, e, usage) {
  io.stderr.write(`model-gate: ${e.message}
${usage}
`);
  return 2;
}
function once(v, flag) {
  if (v === void 0) return void 0;
  if (Array.isArray(v)) {
    if (v.length !== 1) throw new UsageError(`${flag} may be given only once`);
    return String(v[0]);
  }
  return String(v);
}
function listFlag(v) {
  return (v ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
}
function readKeyFile(file, flag) {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new GateError("cli.key", `${flag} ${file} cannot be read (${e.code ?? e.message}): check the path`);
  }
}
function workspaceFolder(dir) {
  if (dir === void 0) return process.cwd();
  const abs = path.resolve(dir);
  let isDir;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new GateError("cli.workspace", `--workspace ${dir} does not exist: give the folder that the policy's paths are relative to`);
    throw new GateError("cli.workspace", `--workspace ${dir} cannot be read (${code ?? e.message})`);
  }
  if (!isDir) throw new GateError("cli.workspace", `--workspace ${dir} is not a folder: give the folder that the policy's paths are relative to`);
  return abs;
}
function unsupportedPlatform(e) {
  const msg = e?.message ?? String(e);
  if (/onnxruntime_binding|onnxruntime/.test(msg)) {
    return `onnxruntime-node cannot load on ${process.platform}-${process.arch} (${msg.split("\n")[0]}): the bundled dist/ supports linux-x64 and linux-arm64; elsewhere install the package with npm (npm install model-gate) so that onnxruntime-node brings its own binaries`;
  }
  return `cannot load the engine: ${msg.split("\n")[0]}`;
}

// src/cli/help.ts
var COMMON_OPTIONS = `  -h, --help              print this help
  --debug                 print the stack traces of errors (for bug reports)`;
var KEYLESS_OPTION_LINES = `  --keyless               sign with an OIDC identity: a Fulcio certificate for an ephemeral key and a Rekor log entry; inside GitHub Actions with \`permissions: id-token: write\`, elsewhere with --oidc-token-file
  --oidc-token-file F     with --keyless: an OIDC token with audience sigstore (instead of the GitHub Actions token)
  --fulcio-url U          with --keyless: default https://fulcio.sigstore.dev (or MODEL_GATE_FULCIO_URL)
  --rekor-url U           with --keyless: default https://rekor.sigstore.dev (or MODEL_GATE_REKOR_URL)`;
var CHECK_USAGE = `usage: model-gate check [--policy FILE] [--workspace DIR] [--json FILE] [--markdown FILE] [--cyclonedx FILE] [--seed N] [--attestation FILE (--signing-key PEM | --keyless ...)] [--shard K/N --partial FILE] [--cache-dir DIR]
  runs the policy's gates (signature, datasets, accuracy, robustness, memorisation, fairness, drift, model card) on the
  working tree and prints the report; run model-gate validate first to find every policy problem at once
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json FILE             also write the JSON report (missing folders are made; never through a symlink)
  --markdown FILE         also write the job-summary Markdown
  --cyclonedx FILE        also write the CycloneDX ML-BOM of the model and datasets
  --seed N                override the policy's seed (a non-negative integer)
  --attestation FILE      also write the signed attestation of the run (and FILE's report statement next to it); needs --signing-key or --keyless
  --signing-key PEM       with --attestation: sign it with this ECDSA P-256/P-384 private key
${KEYLESS_OPTION_LINES}
  --trusted-root FILE     with --keyless: check the new signatures against this Sigstore trusted root
  --shard K/N             run shard K of N only: the per-row predictions the gates need on this shard's rows, written
                          to --partial FILE instead of a report (model-gate merge makes the report); accuracy,
                          memorisation, fairness, drift, regression (not compare) and model-card only
  --partial FILE          with --shard: where the shard's partial result goes
  --cache-dir DIR         the outcome cache (made when missing): per-row outcomes stored under the digests of what
                          they depend on and reused when none changed; an entry is verified first, and a damaged
                          or foreign one is ignored with a warning (results are the same with or without it)
${COMMON_OPTIONS}
exit status: 0 pass, 1 fail, 2 error (with --shard: 0 partial written, 1 fail, 2 error)`;
var MERGE_USAGE = `usage: model-gate merge PARTS... [--policy FILE] [--workspace DIR] [--json FILE] [--markdown FILE]
  merges the partial results of check --shard 1/N ... N/N into the report check would give on the same commit and
  seed: every shard exactly once, all with the same N and with the digests of this workspace's model, data, policy,
  tool, onnxruntime and platform (else an error naming the file and what differs); every metric, bootstrap and check
  is computed here, from the merged rows
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json FILE             also write the JSON report (with shards: { n, files })
  --markdown FILE         also write the job-summary Markdown
${COMMON_OPTIONS}
exit status: 0 pass, 1 fail, 2 error`;
var VALIDATE_USAGE = `usage: model-gate validate [--policy FILE] [--workspace DIR] [--json]
  checks a policy without running any model or gate and reports every problem at once, one per line as
  file:line:col: message (sorted by line), then their count: YAML, the schema, cross-field rules, the files the
  policy names (inside the workspace), and the column names against the datasets' headers (with the closest name)
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json                  print {"policy", "valid", "problems": [{file, line, col, message}]} instead of lines
${COMMON_OPTIONS}
exit status: 0 valid, 2 problems (or unusable input)`;
var SIGN_USAGE = `usage: model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  writes an OpenSSF model signing bundle over a model file or folder: key mode (ECDSA P-256 or P-384 PEM private key),
  or keyless (an OIDC identity: Fulcio certificate for an ephemeral key, Rekor log entry)
options:
  --signing-key PEM       sign with this ECDSA P-256 or P-384 private key (PEM)
${KEYLESS_OPTION_LINES}
  --trusted-root FILE     with --keyless: verify the new bundle against this Sigstore trusted root before writing it
  --output FILE           default: MODEL_PATH/model.sig for a folder (left out of the manifest), MODEL_PATH.sig for a file
  --force                 replace --output when it exists (without it, an existing file is refused); never through a symlink
  --ignore-paths P,...    paths relative to the model folder left out of the manifest (.git, .gitattributes, .github, .gitignore always are)
  --method M              files (default: one digest per file) or shards (one digest per --shard-size bytes)
  --shard-size N          with --method shards: bytes per shard (default 1000000000)
${COMMON_OPTIONS}
exit status: 0 signed, 2 unusable input (nothing written)`;
var VERIFY_USAGE = `usage: model-gate verify MODEL_PATH --signature FILE (--identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...] [--format F]
  verifies a model signature (an OpenSSF model signing bundle, a Sigstore bundle or a cosign signature) over a model
  file or folder: the signer (identity and issuer, a public key, or a certificate chain) and every file's digest
options:
  --signature FILE        the signature file (e.g. model.sig)
  --identity I            keyless: the signer's exact identity (repeat for several accepted identities); needs --issuer
  --identity-regex R      keyless: a regular expression the whole identity must match; needs --issuer
  --issuer U              keyless: the OIDC issuer, exact (e.g. https://token.actions.githubusercontent.com)
  --key PEM               key mode: the signer's public key
  --certificate-chain PEM certificate mode: the roots (and intermediates) the signing certificate must chain to (repeatable)
  --trusted-root FILE     the Sigstore trusted root (default: the public-good root shipped)
  --ignore-paths P        files of the model folder that are not compared (repeatable)
  --format F              auto (default), oms, sigstore-bundle or cosign
${COMMON_OPTIONS}
exit status: 0 verified, 1 rejected, 2 unusable input`;
var VERIFY_BUNDLE_USAGE = `usage: model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  verifies a Sigstore bundle over a file or a sha256:HEX digest (the Sigstore conformance protocol)
options:
  --bundle FILE                the Sigstore bundle
  --certificate-identity I     keyless: the signer's exact identity; needs --certificate-oidc-issuer
  --certificate-oidc-issuer U  keyless: the OIDC issuer, exact
  --key PEM                    key mode: the signer's public key
  --trusted-root FILE          the Sigstore trusted root (default: the public-good root shipped)
${COMMON_OPTIONS}
exit status: 0 verified, 1 rejected, 2 unusable input`;
var VERIFY_ATTESTATION_USAGE = `usage: model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  checks a gate-run attestation (written by check --attestation): the DSSE signature with the public key or, keyless, the
  Fulcio certificate and Rekor entry against the trusted root and the signer's identity and issuer, the predicate
  type (SLSA verification summary v1), that MODEL_PATH's files hash to its subjects (none missing, none extra),
  verificationResult PASSED, the required gates (MODEL_GATE_<GATE>_PASSED), the policy digest, and the age
options:
  --attestation FILE      the attestation (a Sigstore bundle of the verification summary)
  --from-github OWNER/REPO  instead of --attestation: every attestation the repository stores for the model's digest (GitHub's attestations API at GITHUB_API_URL, token GH_TOKEN or GITHUB_TOKEN), each verified; the newest by the expected signer about this model decides
  --key PEM               key mode: the signer's public key
  --identity I            keyless: the signer's exact identity (repeat for several accepted identities); needs --issuer
  --identity-regex R      keyless: a regular expression the whole identity must match; needs --issuer
  --issuer U              keyless: the OIDC issuer, exact
  --trusted-root FILE     the Sigstore trusted root (default: the public-good root shipped)
  --policy-digest sha256:HEX  the policy the run must have used
  --max-age DURATION      how old the attestation may be, e.g. 30m, 12h, 7d (units s, m, h, d)
  --require-gates G,...   gates that must have passed (MODEL_GATE_<GATE>_PASSED)
  --ignore-paths P,...    files of a model folder that are not compared (default: .git, .gitattributes, .github, .gitignore, model.sig)
${COMMON_OPTIONS}
exit status: 0 holds, 1 the evidence says no (failed verdict, other model, other signer, expired, tampered), 2 unusable input`;
var CARD_DIFF_USAGE = `usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json] | --no-base HEAD_CARD | --no-head BASE_CARD
  the model-card diff of a pull request for a terminal: licence, datasets, claimed metrics, and (with --report) each
  claim against the measured value; both cards must exist unless --no-base or --no-head says one side has none
options:
  --report FILE           the JSON report of model-gate check --json, to compare the claims with what was measured
  --no-base               the card is new: there is no base card, give HEAD_CARD only
  --no-head               the card was deleted: there is no head card, give BASE_CARD only
${COMMON_OPTIONS}
exit status: 0 printed, 2 unusable input`;
function overallUsage(commands) {
  const width = Math.max(...commands.map(([n]) => n.length));
  return [
    "usage: model-gate COMMAND [options]",
    "commands:",
    ...commands.map(([n, summary]) => `  ${n.padEnd(width)}  ${summary}`),
    "model-gate help COMMAND (or model-gate COMMAND --help): the command's usage, one line per option",
    "  --debug (any command): print the stack traces of errors (for bug reports)",
    "  --help, -h (any command): print its usage",
    "model-gate --version, -V: print the version",
    "exit status: 0 pass, 1 fail, 2 error"
  ].join("\n");
}

// src/cli/card-diff.ts
var COMMAND = defineCommand({
  name: "card-diff",
  options: { report: { type: "string" }, "no-base": { type: "boolean" }, "no-head": { type: "boolean" } },
  valueNames: { report: "file" }
});
async function runCardDiffCommand(argv, io) {
  let parsed;
  try {
    parsed = parseCommand(COMMAND, argv);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CARD_DIFF_USAGE);
    throw e;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.stdout.write(CARD_DIFF_USAGE + "\n");
    return 0;
  }
  const reportFile = values.report;
  if (reportFile === "") return usageError(io, new UsageError("--report needs a file"), CARD_DIFF_USAGE);
  const noBase = values["no-base"] === true;
  const noHead = values["no-head"] === true;
  if (noBase && noHead) return usageError(io, new UsageError("--no-base and --no-head are exclusive: one of the two cards must exist"), CARD_DIFF_USAGE);
  const want = noBase ? "HEAD_CARD only (--no-base: the card is new)" : noHead ? "BASE_CARD only (--no-head: the card was deleted)" : "BASE_CARD and HEAD_CARD";
  if (files.length !== (noBase || noHead ? 1 : 2)) return usageError(io, new UsageError(`card-diff needs ${want}`), CARD_DIFF_USAGE);
  const read = (f) => {
    try {
      return { path: f, text: readFileSync2(f, "utf8") };
    } catch (e) {
      const code = e.code;
      if (code === "ENOENT") {
        throw new GateError("card.missing", `${f} does not exist: give the path of a Markdown model card file (for a card that is new or deleted, use --no-base or --no-head)`, { cause: e });
      }
      throw new GateError("card.read", `cannot read ${f}: ${code ?? e.message}: give the path of a Markdown model card file`, { cause: e });
    }
  };
  const base = noBase ? null : read(files[0]);
  const head = noHead ? null : read(files[noBase ? 0 : 1]);
  let measured = {};
  let coversCard = null;
  if (reportFile) {
    try {
      const report = JSON.parse(readFileSync2(reportFile, "utf8"));
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

// src/cli/check.ts
import path2 from "node:path";

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
  const shownId = gateTitleId(opts.id);
  out.push(c("bold", `model-gate${shownId ? ` ${plainValue(shownId)}` : ""}: `) + c(verdictColor, v.word));
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
  const evidence = evidenceErrors(report), errors = evaluationErrors(report);
  if (evidence.length) {
    out.push("", c("red", `Tampering or failed verification (${evidence.length}): evidence against the model, verdict fail`));
    for (const e of evidence) out.push(`  - ${plainValue(located(e))}`);
  }
  if (errors.length) {
    out.push("", c("red", "Errors"));
    for (const e of errors) out.push(`  - ${plainValue(located(e))}`);
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
  for (const entry of gateEntries(report)) {
    const { name, result: g } = entry;
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
    if (entry.name === "regression") {
      const b = entry.result.details?.baseline;
      if (b) out.push(`  baseline: ${plainValue(b.path)} (${b.source === "pinned" ? `pinned, sha256 ${shortSha(b.sha256)}` : `base commit, sha256 ${shortSha(b.sha256)}, signature ${b.signature}`})`);
      for (const s2 of regressionSentences(entry.result)) out.push(`  ${plainValue(s2)}`);
    }
    if (entry.name === "robustness") {
      const g2 = entry.result;
      const per = readPerEpsilon(g2);
      if (per.length) {
        const cols = epsilonColumns(per);
        out.push("  per epsilon:", ...columns(["epsilon", ...cols.map(plainValue)], per.map((p) => [num(p.epsilon), ...cols.map((k) => num(p.values[k]))]), "    "));
      }
      const att = readRobustnessAttacks(g2);
      if (att.length)
        out.push("  attacks:", ...columns(["attack", "method", "queries", "points broken"], att.map((a) => [plainValue(a.name), plainValue(a.cells.method ?? ""), num(a.cells.queries), num(a.cells.points_broken ?? a.cells.broken)]), "    "));
    } else if (entry.name === "memorisation") {
      const g2 = entry.result;
      const att = readMembershipAttacks(g2);
      if (att.length)
        out.push("  attacks:", ...columns(["attack", "auc", "advantage", "tpr@fpr 0.01", "tpr@fpr 0.001"], att.map((a) => [plainValue(a.name), num(a.cells.auc), num(a.cells.advantage), num(a.cells["tpr_at_fpr_0.01"]), num(a.cells["tpr_at_fpr_0.001"])]), "    "));
    } else if (entry.name === "fairness") {
      const g2 = entry.result;
      const { rows: groups, sortedBy } = orderedGroups(g2);
      if (groups.length) {
        const cols = GROUP_RATE_COLUMNS.filter((k) => groups.some((r) => r.cells[k] !== void 0));
        out.push(`  groups (sorted by ${plainValue(sortedBy)}):`, ...columns(["group", ...cols], groups.slice(0, maxRows).map((r) => [plainValue(r.name) + (r.cells.included === false ? " (left out)" : ""), ...cols.map((k) => num(r.cells[k]))]), "    "));
        if (groups.length > maxRows) out.push(`    ... ${groups.length - maxRows} more groups in the report file`);
      }
    } else if (entry.name === "poisoning") {
      const v2 = poisoningView(entry.result);
      if (v2) {
        out.push("  classes (flagged first; \u2691 = the screen flags the class):", ...columns(v2.header, v2.classes.slice(0, maxRows).map((c2) => [plainValue(c2.name), ...c2.cells.map(plainValue)]), "    "));
        if (v2.suspects.length) {
          out.push(`  top suspects (${v2.total} in all):`, ...columns(["row (0-based)", "given label", "named by"], v2.suspects.slice(0, 10).map((s2) => [plainValue(s2.row), plainValue(s2.label), plainValue(s2.screens)]), "    "));
          if (v2.total > 10) out.push(`    ... ${v2.total - 10} more in the report file`);
        }
        if (v2.grid) out.push(`  suspect images: ${plainValue(v2.grid)}`);
      }
    } else if (entry.name === "drift" && Array.isArray(entry.result.details.features)) {
      const { drifted, undrifted } = orderedDrift(entry.result);
      const total = drifted.length + undrifted.length;
      if (drifted.length) {
        out.push(`  drifted features (${drifted.length} of ${total}):`, ...columns(["feature", "method", "statistic", "threshold", "rows (ref / cur)"], drifted.slice(0, maxRows).map((r) => [plainValue(r.feature), plainValue(r.method), driftStatisticText(r), num(r.threshold), `${num(r.n_reference)} / ${num(r.n_current)}`]), "    "));
        if (drifted.length > maxRows) out.push(`    ... ${drifted.length - maxRows} more in the report file`);
      } else {
        out.push(`  no feature drifted (${total} tested)`);
      }
      if (undrifted.length) out.push(`  not drifted (${undrifted.length}): ${undrifted.slice(0, 50).map((r) => `${plainValue(r.feature)} (${plainValue(r.method)}, ${driftStatisticText(r)})`).join(", ")}${undrifted.length > 50 ? `, ... ${undrifted.length - 50} more` : ""}`);
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

// src/signature/sign/signer.ts
function keySigner(key) {
  return {
    mode: "key",
    sign: async (payload, payloadType) => signDsse(payload, payloadType, key),
    signerIdentity: () => void 0
  };
}

// src/cli/keyless.ts
var KEYLESS_OPTIONS = {
  keyless: { type: "boolean" },
  "oidc-token-file": { type: "string" },
  "fulcio-url": { type: "string" },
  "rekor-url": { type: "string" },
  "trusted-root": { type: "string" }
};
function checkKeylessFlags(v, signingKey) {
  if (v.keyless && signingKey !== void 0) throw new UsageError("--keyless and --signing-key are exclusive: sign with a key or with the OIDC identity");
  if (!v.keyless) {
    for (const f of ["oidc-token-file", "fulcio-url", "rekor-url", "trusted-root"]) if (v[f] !== void 0) throw new UsageError(`--${f} is for --keyless`);
  }
}
function keylessSignerFromFlags(v, env = process.env) {
  const token = tokenSourceFrom(env, v["oidc-token-file"]);
  if (!token) throw new UsageError(NO_OIDC_TOKEN);
  const fulcioUrl = v["fulcio-url"] ?? (env.MODEL_GATE_FULCIO_URL || PUBLIC_GOOD_FULCIO);
  const rekorUrl = v["rekor-url"] ?? (env.MODEL_GATE_REKOR_URL || PUBLIC_GOOD_REKOR);
  serviceUrl(fulcioUrl, "--fulcio-url");
  serviceUrl(rekorUrl, "--rekor-url");
  const file = v["trusted-root"];
  const verifyWith = file ? parseTrustedRoot(readKeyFile(file, "--trusted-root"), file).root : void 0;
  return keylessSigner({ token, fulcioUrl, rekorUrl, verifyWith });
}

// src/progress/output.ts
function progressIsLive(isTTY, env) {
  const ci = env.CI;
  return isTTY === true && (ci === void 0 || ci === "" || ci === "false" || ci === "0");
}
var CLEAR = "\r\x1B[K";
function progressOutput(write, opts) {
  const fmt = progressFormatter(opts);
  const escape = opts.escape ?? ((s) => s);
  let showing = false;
  const fit = (s) => {
    const w = opts.columns?.();
    return w && w > 1 && s.length > w - 1 ? s.slice(0, w - 2) + "\u2026" : s;
  };
  return {
    progress(e) {
      const out = fmt.push(e);
      if (!out) return;
      const text = escape(out.text);
      if (out.live) {
        write(CLEAR + fit(text));
        showing = true;
      } else {
        write((showing ? CLEAR : "") + text + "\n");
        showing = false;
      }
    },
    line(text) {
      write((showing ? CLEAR : "") + text + "\n");
      showing = false;
    },
    finish() {
      if (showing) write(CLEAR);
      showing = false;
    }
  };
}

// src/cli/check.ts
var COMMAND2 = defineCommand({
  name: "check",
  options: {
    policy: { type: "string" },
    json: { type: "string" },
    markdown: { type: "string" },
    cyclonedx: { type: "string" },
    seed: { type: "string" },
    workspace: { type: "string" },
    attestation: { type: "string" },
    "signing-key": { type: "string" },
    shard: { type: "string" },
    partial: { type: "string" },
    "cache-dir": { type: "string" },
    ...KEYLESS_OPTIONS
  }
});
function parseCheckArgs(args) {
  const { values, positionals } = parseCommand(COMMAND2, args);
  if (values.help) return "help";
  if (positionals.length) throw new UsageError(unknownOption("check", positionals[0]));
  const out = { policy: values.policy ?? DEFAULT_POLICY, workspace: process.cwd(), json: values.json, markdown: values.markdown, cyclonedx: values.cyclonedx, debug: values.debug === true };
  if (values.seed !== void 0) {
    const v = values.seed;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--seed must be a non-negative integer, got "${v}"`);
    out.seed = Number(v);
  }
  out.workspace = workspaceFolder(values.workspace);
  checkKeylessFlags(values, values["signing-key"]);
  if (values.attestation !== void 0 && values["signing-key"] === void 0 && !values.keyless) {
    throw new UsageError("--attestation needs --signing-key PEM or --keyless (the OIDC identity of this CI job)");
  }
  if (values["signing-key"] !== void 0 && values.attestation === void 0) throw new UsageError("--signing-key is for --attestation FILE: give both");
  if (values.keyless && values.attestation === void 0) throw new UsageError("--keyless is for --attestation FILE: give both");
  out.attestation = values.attestation;
  out.signingKey = values["signing-key"];
  if (values.keyless) out.keyless = values;
  if (values.shard !== void 0 || values.partial !== void 0) out.shard = parseShardFlags(values);
  if (values["cache-dir"] !== void 0) {
    if (values["cache-dir"] === "") throw new UsageError("--cache-dir needs a folder (the outcome cache; made at the first write)");
    out.cacheDir = values["cache-dir"];
  }
  return out;
}
function parseShardFlags(values) {
  if (values.shard === void 0) throw new UsageError("--partial FILE is for --shard K/N: give both");
  if (values.partial === void 0) throw new UsageError("--shard K/N needs --partial FILE (where the shard's partial result goes)");
  const m = /^(\d+)\/(\d+)$/.exec(String(values.shard));
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1 && n <= 1e3 && k >= 1 && k <= n)) throw new UsageError(`--shard must be K/N with 1 <= K <= N <= 1000 (e.g. 2/3), got "${values.shard}"`);
  for (const flag of ["json", "markdown", "cyclonedx", "attestation"]) {
    if (values[flag] !== void 0) throw new UsageError(`--${flag} is for a report, and a shard writes none: give it to model-gate merge`);
  }
  return { k, n, partial: String(values.partial) };
}
async function runCheckCommand(args, io) {
  let a;
  try {
    a = parseCheckArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CHECK_USAGE);
    throw e;
  }
  if (a === "help") {
    io.stdout.write(CHECK_USAGE + "\n");
    return 0;
  }
  const out = outputRoots(a.workspace);
  const outputs = [];
  if (a.json) outputs.push({ flag: "--json", file: a.json });
  if (a.markdown) outputs.push({ flag: "--markdown", file: a.markdown });
  if (a.cyclonedx) outputs.push({ flag: "--cyclonedx", file: a.cyclonedx });
  if (a.attestation) outputs.push({ flag: "--attestation", file: a.attestation }, { flag: "--attestation (report statement)", file: reportAttestationPath(a.attestation) });
  if (a.shard) outputs.push({ flag: "--partial", file: a.shard.partial });
  let signer;
  let cache;
  let cacheWarn = (m) => io.stderr.write(`warning: ${neutraliseLog(m)}
`);
  try {
    for (const o of outputs) checkOutputPath(o.file, out.roots, o.flag, out.where, { literalAnywhere: true });
    if (a.cacheDir !== void 0) cache = cliCache(a.cacheDir, (m) => cacheWarn(m), out);
    if (a.signingKey) signer = keySigner(loadSigningKey(readKeyFile(a.signingKey, "--signing-key"), a.signingKey));
    else if (a.keyless) signer = keylessSignerFromFlags(a.keyless);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CHECK_USAGE);
    io.stderr.write(`model-gate: ${e.message}
`);
    return 2;
  }
  const artifacts = [];
  let partial;
  const report = await runEngine(io, {
    workspace: a.workspace,
    policyPath: a.policy,
    seed: a.seed,
    debug: a.debug,
    artifact: (_gate, art) => artifacts.push(art),
    ...a.shard ? { shard: { k: a.shard.k, n: a.shard.n, partial: (p) => partial = p } } : {},
    ...cache ? { cache, useLog: (log) => cacheWarn = log.warn } : {}
  });
  if (cache) io.stderr.write(`${neutraliseLog(cache.summary())}
`);
  if (typeof report === "number") return report;
  if (a.shard) return finishShard(report, partial, a.shard, out, io);
  if (!writeReports(io, report, { policy: a.policy, json: a.json, markdown: a.markdown, cyclonedx: a.cyclonedx, artifacts }, out)) return 2;
  if (a.attestation && signer) {
    if (report.verdict === "error") {
      io.stderr.write(`model-gate: no attestation written to ${a.attestation}: the verdict is error
`);
    } else {
      try {
        const uriOf = uriResolver(a.workspace);
        const att = await attestRunWith(report, { timeVerified: (/* @__PURE__ */ new Date()).toISOString(), resourceUri: uriOf(report.signature.subject ?? report.model?.path ?? "."), uriOf }, signer);
        writeOutputFile(a.attestation, JSON.stringify(att.vsa.bundle) + "\n", out.roots, "--attestation", out.where, { literalAnywhere: true });
        const reportFile = reportAttestationPath(a.attestation);
        writeOutputFile(reportFile, JSON.stringify(att.report.bundle) + "\n", out.roots, "--attestation (report statement)", out.where, { literalAnywhere: true });
        const who = signer.signerIdentity();
        const by = who ? `, signed keyless as ${who.identity} (issuer ${who.issuer})` : "";
        io.stderr.write(`attestation (verification summary ${report.verdict === "pass" ? "PASSED" : "FAILED"}) written to ${a.attestation}, the report statement to ${reportFile}${by}
`);
      } catch (e) {
        io.stderr.write(`model-gate: cannot write the attestation: ${asGateError(e).message}
`);
        return 2;
      }
    }
  }
  return report.verdict === "pass" ? 0 : report.verdict === "fail" ? 1 : 2;
}
function finishShard(report, partial, shard, out, io) {
  if (report.verdict !== "pass" || !partial) {
    for (const e of report.errors) io.stderr.write(`model-gate: check --shard ${shard.k}/${shard.n}: ${neutraliseLog(e.message)}
`);
    if (report.errors.length === 0) io.stderr.write(`model-gate: check --shard ${shard.k}/${shard.n}: failed (${report.failed_gates.join(", ")}): no partial written
`);
    return report.verdict === "fail" ? 1 : 2;
  }
  const bytes2 = encodePartial(partial);
  try {
    writeOutputFile(shard.partial, bytes2, out.roots, "--partial", out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write --partial ${shard.partial}: ${e.message}`}
`);
    return 2;
  }
  const rows = /* @__PURE__ */ new Map();
  for (const e of partial.entries) rows.set(e.dataset, e.rows.length);
  const held = [...rows].map(([d, r]) => `${d} ${r} rows`).join(", ") || "no rows (no gate reads predictions)";
  const records = partial.records.length ? `, records of ${partial.records.map((r) => `${r.gate}${r.role === "baseline" ? " (baseline)" : ""}`).join(", ")}` : "";
  io.stdout.write(`shard ${shard.k}/${shard.n}: ${held}; ${partial.entries.length} (model, dataset) outputs${records} written to ${shard.partial} (${bytes2.length} bytes)
`);
  return 0;
}
function cliCache(dir, warn, out) {
  return dirCache(dir, warn, { roots: out.roots, where: out.where, what: "--cache-dir", literalAnywhere: true });
}
async function runEngine(io, o) {
  const files = workingTreeFiles(o.workspace);
  let runGate;
  try {
    ({ runGate } = await import("./chunks/run-BH6MCJKZ.js"));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}
`);
    return 2;
  }
  const err = io.stderr;
  const lines = progressOutput((s) => err.write(s), {
    now: () => performance.now(),
    live: progressIsLive(err.isTTY, process.env),
    columns: () => err.columns,
    escape: neutraliseLog
  });
  const { workspace, policyPath, seed, debug, useLog, ...rest } = o;
  const log = {
    info: (m) => lines.line(neutraliseLog(m)),
    warn: (m) => lines.line("warning: " + neutraliseLog(m))
  };
  useLog?.(log);
  const report = await runGate({
    workspace,
    workingDirectory: workspace,
    policyPath,
    mode: "enforce",
    seed,
    trusted: files,
    head: files,
    changedFiles: null,
    debug,
    log,
    progress: lines.progress,
    ...rest
  });
  lines.finish();
  return report;
}
function writeReports(io, report, o, out) {
  const id = path2.basename(o.policy).replace(/\.(ya?ml|json)$/i, "") || "model-gate";
  io.stdout.write(renderTerminal(report, { id, color: false }) + "\n");
  try {
    if (o.json) writeOutputFile(o.json, JSON.stringify(report, null, 2) + "\n", out.roots, "--json", out.where, { literalAnywhere: true });
    if (o.markdown) writeOutputFile(o.markdown, renderSummary(report, { id }), out.roots, "--markdown", out.where, { literalAnywhere: true });
    if (o.cyclonedx) writeOutputFile(o.cyclonedx, renderCycloneDx(report), out.roots, "--cyclonedx", out.where, { literalAnywhere: true });
    for (const art of o.artifacts ?? []) {
      if (!o.json) {
        io.stderr.write(`model-gate: ${art.name} (${art.description}) not written: pass --json FILE, and it is written beside the report
`);
        continue;
      }
      const file = path2.join(path2.dirname(o.json), art.name);
      writeOutputFile(file, art.bytes, out.roots, `${art.name} (beside --json)`, out.where, { literalAnywhere: true });
      io.stderr.write(`${art.description}: ${file}
`);
    }
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${e.message}: check that the folder of --json / --markdown / --cyclonedx exists and is writable`}
`);
    return false;
  }
  return true;
}
function outputRoots(workspace) {
  const temp = process.env.RUNNER_TEMP;
  return temp ? { roots: [workspace, process.cwd(), temp], where: "the workspace, the current directory and RUNNER_TEMP" } : { roots: [workspace, process.cwd()], where: "the workspace and the current directory" };
}

// src/cli/merge.ts
import { readFileSync as readFileSync3 } from "node:fs";
var COMMAND3 = defineCommand({
  name: "merge",
  options: {
    policy: { type: "string" },
    workspace: { type: "string" },
    json: { type: "string" },
    markdown: { type: "string" }
  }
});
async function runMergeCommand(args, io) {
  let values, positionals;
  try {
    ({ values, positionals } = parseCommand(COMMAND3, args));
    if (!values.help && positionals.length === 0) throw new UsageError("no shard partials given: pass the N files written by check --shard K/N --partial FILE");
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, MERGE_USAGE);
    throw e;
  }
  if (values.help) {
    io.stdout.write(MERGE_USAGE + "\n");
    return 0;
  }
  const workspace = workspaceFolder(values.workspace);
  const policy = values.policy ?? DEFAULT_POLICY;
  const out = outputRoots(workspace);
  let merged;
  try {
    if (values.json) checkOutputPath(values.json, out.roots, "--json", out.where, { literalAnywhere: true });
    if (values.markdown) checkOutputPath(values.markdown, out.roots, "--markdown", out.where, { literalAnywhere: true });
    merged = mergePartials(positionals.map((file) => ({ file, partial: decodePartial(readPart(file), file) })));
  } catch (e) {
    io.stderr.write(`model-gate: merge: ${neutraliseLog(asGateError(e).message)}
`);
    return 2;
  }
  for (const c of merged.contributions) {
    const rows = [...Object.entries(c.rows).map(([d, r]) => `${d} ${r} rows`), ...Object.entries(c.records).map(([g, b]) => `${g} records ${b} bytes`)].join(", ") || "no rows";
    io.stderr.write(`merge: shard ${c.k}/${merged.n} (${neutraliseLog(c.file)}): ${neutraliseLog(rows)}
`);
  }
  const artifacts = [];
  const report = await runEngine(io, { workspace, policyPath: policy, seed: merged.seed, debug: values.debug === true, shards: merged, artifact: (_gate, art) => artifacts.push(art) });
  if (typeof report === "number") return report;
  const refusal = report.errors.find((e) => e.code?.startsWith("shard."));
  if (refusal) {
    io.stderr.write(`model-gate: merge: ${neutraliseLog(refusal.message)}
`);
    return 2;
  }
  if (!writeReports(io, report, { policy, json: values.json, markdown: values.markdown, artifacts }, out)) return 2;
  return report.verdict === "pass" ? 0 : report.verdict === "fail" ? 1 : 2;
}
function readPart(file) {
  try {
    return readFileSync3(file);
  } catch (e) {
    throw new GateError("shard.missing", `${file} cannot be read (${e.code ?? e.message}): pass the files written by check --shard K/N --partial FILE`);
  }
}

// src/cli/init.ts
import { lstatSync } from "node:fs";
import path3 from "node:path";
var INIT_USAGE = `usage: model-gate init --model M --data D [--label COL] [--exclude COL ...] [--sensitive COL ...] [--members F --non-members F] [--reference F] [--key PUB] [--output FILE] [--force] [--workspace DIR]
  writes a commented starter policy that model-gate check runs as it is: the model's inputs mapped to the data's
  columns, sha256 pins of every data file, an accuracy gate, a robustness gate (bounds = each feature's min and max in
  D, epsilon 0.1 standard deviation), a fairness gate with the sensitive columns, a memorisation gate with the
  members and non-members files, a regression gate (on pull requests against the base commit's model; skipped
  by check), a drift gate of D against the --reference data; thresholds are placeholders to set after the first check. The signature is off
  (required: false) so that the first check runs before the model is signed (the file says how to sign it and turn
  it on); with a key it is required from the start (check fails until model-gate sign has signed the model).
options:
  --model M               the ONNX model (see model-gate inspect M)
  --data D                the evaluation data: .csv or .parquet with a header
  --label COL             the label column (default: the column named exactly label, target, y or class)
  --exclude COL,...       columns the model does not take (ids, ...); repeatable
  --sensitive COL,...     columns for the fairness gate (not fed to the model unless its input width needs them); repeatable
  --members F             training records (same columns as D) for the memorisation gate; needs --non-members
  --non-members F         held-out records (same columns as D) for the memorisation gate; needs --members
  --reference F           reference data (e.g. the training sample; the model's input columns) for a drift gate of D against it
  --key PUB               the PEM public key the model must be signed with (signature required, bundle M.sig)
  --output FILE           default ${DEFAULT_POLICY} in the workspace (the file check reads by default)
  --force                 replace FILE when it exists (never through a symlink)
  --workspace DIR         the folder check runs in (default: the current directory); the policy's paths are relative to it
${COMMON_OPTIONS}
exit status: 0 written, 2 unusable input (nothing written)`;
var COMMAND4 = defineCommand({
  name: "init",
  options: {
    model: { type: "string" },
    data: { type: "string" },
    label: { type: "string" },
    exclude: { type: "string", multiple: true },
    sensitive: { type: "string", multiple: true },
    members: { type: "string" },
    "non-members": { type: "string" },
    reference: { type: "string" },
    key: { type: "string" },
    output: { type: "string" },
    force: { type: "boolean" },
    workspace: { type: "string" }
  },
  valueNames: { model: "file", data: "file", label: "column", exclude: "column", sensitive: "column", members: "file", "non-members": "file", reference: "file", key: "file", output: "file", workspace: "folder" }
});
async function runInitCommand(argv, io) {
  let parsed;
  try {
    parsed = parseCommand(COMMAND4, argv);
    const v2 = parsed.values;
    if (!v2.help) {
      if (parsed.positionals.length) throw new UsageError(unknownOption("init", parsed.positionals[0]));
      if (!v2.model) throw new UsageError("init needs --model M (the ONNX model)");
      if (!v2.data) throw new UsageError("init needs --data D (a CSV or Parquet file with a header)");
      if (v2.members === void 0 !== (v2["non-members"] === void 0)) throw new UsageError("--members and --non-members go together (training and held-out records)");
    }
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, INIT_USAGE);
    throw e;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(INIT_USAGE + "\n");
    return 0;
  }
  const cwd = process.cwd();
  const workspace = path3.resolve(v.workspace ?? cwd);
  const output = path3.resolve(v.workspace !== void 0 && v.output === void 0 ? workspace : cwd, v.output ?? DEFAULT_POLICY);
  const shown = path3.relative(cwd, output) || output;
  const rel = path3.relative(workspace, output).split(path3.sep).join("/");
  if (rel === "" || rel === ".." || rel.startsWith("../") || path3.isAbsolute(rel)) {
    throw new GateError("init.path", `--output ${shown} is outside the workspace ${workspace}: check reads its policy from inside the workspace; write it there (default ${DEFAULT_POLICY})`);
  }
  let exists = false;
  try {
    const st = lstatSync(output);
    exists = true;
    if (st.isSymbolicLink()) throw new GateError("init.symlink", `${shown} is a symlink: model-gate never writes through symlinks; remove it or choose another --output`);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  if (exists && !v.force) throw new GateError("init.exists", `${shown} already exists: give --force to replace it, or --output FILE for another file`);
  let mod;
  try {
    mod = { build: (await import("./chunks/starter-H4CY4EI6.js")).buildStarterPolicy, describe: (await import("./chunks/inspect-ASDHQAPM.js")).describeModel };
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}
`);
    return 2;
  }
  const starter = await mod.build({
    workspace,
    cwd,
    model: v.model,
    data: v.data,
    label: v.label,
    exclude: listFlag(v.exclude),
    sensitive: listFlag(v.sensitive),
    members: v.members,
    nonMembers: v["non-members"],
    reference: v.reference,
    key: v.key,
    policyFile: rel
  }, async (file) => mod.describe(file));
  writeOutputFile(output, starter.text, [workspace, cwd], "--output", "the workspace and the current directory", { literalAnywhere: true });
  const runIt = rel === DEFAULT_POLICY ? "model-gate check" : `model-gate check --policy ${rel}`;
  io.stdout.write(neutraliseLog([`wrote ${shown}`, ...starter.summary.map((s) => `  ${s}`), `next: ${runIt}${workspace === cwd ? "" : ` --workspace ${path3.relative(cwd, workspace) || "."}`}, then set the placeholder thresholds`].join("\n")) + "\n");
  return 0;
}

// src/cli/inspect.ts
var INSPECT_USAGE = `usage: model-gate inspect MODEL.onnx [--json]
  prints what model-gate sees in an ONNX model, before you write a policy: inputs and outputs (name, type, shape; a
  symbolic dim by its name, an unnamed one as ?), the output the gates read when the policy has no model.output (and
  why: a ZipMap's probability tensor, the logits before a final Softmax, ...), opset imports and the domains the
  nodes use, node counts per op, external data files (and whether each is next to the model), whether the gradient
  engine covers the graph (white-box attacks) or which ops it lacks (then the robustness gate runs black-box
  attacks), and the metadata properties
options:
  --json                  one JSON object on stdout instead, keys in this order: file, size, sha256, ir_version, producer {name, version} | null, opsets [{domain, version}], inputs [{name, type, tensor, shape}], outputs [{name, type, tensor, shape, producer}], output ({ok: true, name, kind, reason, exposed, class_labels, warnings} | {ok: false, error}), nodes, ops [{op, count}] (most used first), domains, external_data [{location, tensors, exists}], gradient ({covered: true, ops, converted, batchable} | {covered: false, reason, missing [{op, count}]} | {covered: null, reason}: not determined), metadata [{key, value}]
${COMMON_OPTIONS}
exit status: 0 inspected, 2 unusable input (missing file, a folder, not ONNX)`;
var COMMAND5 = defineCommand({
  name: "inspect",
  options: { json: { type: "boolean" } }
});
async function runInspectCommand(argv, io) {
  let parsed;
  try {
    parsed = parseCommand(COMMAND5, argv);
    if (!parsed.values.help) {
      if (parsed.positionals.length === 0) throw new UsageError("inspect needs MODEL.onnx");
      if (parsed.positionals.length > 1) throw new UsageError(unknownOption("inspect", parsed.positionals[1]));
    }
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, INSPECT_USAGE);
    throw e;
  }
  if (parsed.values.help) {
    io.stdout.write(INSPECT_USAGE + "\n");
    return 0;
  }
  let inspectModel;
  try {
    ({ inspectModel } = await import("./chunks/inspect-ASDHQAPM.js"));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}
`);
    return 2;
  }
  const r = await inspectModel(parsed.positionals[0]);
  io.stdout.write(parsed.values.json ? JSON.stringify(r, null, 2) + "\n" : neutraliseLog(renderInspection(r)) + "\n");
  return 0;
}
function renderInspection(r) {
  const out = [];
  const field = (label, value) => out.push(`${label.padEnd(14)}${value}`);
  field("model", `${r.file} (${bytes(r.size)}, sha256 ${r.sha256})`);
  const prod = r.producer ? `${r.producer.name}${r.producer.version ? ` ${r.producer.version}` : ""}` : "not recorded";
  field("format", `ONNX IR ${r.ir_version ?? "?"}, producer ${prod}`);
  field("opsets", r.opsets.map((o) => `${o.domain} ${o.version}`).join(", ") || "none");
  field("domains", r.domains.join(", ") || "none");
  out.push("");
  out.push("inputs");
  out.push(...table(r.inputs.map((i) => [i.name, i.type, shape(i.shape)])));
  out.push("outputs");
  out.push(...table(r.outputs.map((o) => [o.name, o.type, shape(o.shape), o.producer ? `from ${o.producer}` : "a graph input"])));
  out.push("");
  if (r.output.ok) {
    field("gates read", `"${r.output.name}" as ${r.output.kind}${r.output.exposed ? " (an intermediate tensor, added as an output)" : ""}`);
    field("  because", r.output.reason);
    if (r.output.class_labels) field("  classes", r.output.class_labels.map((c) => JSON.stringify(c)).join(", "));
    for (const w of r.output.warnings) field("  note", w);
  } else {
    field("gates read", `nothing chosen: ${r.output.error}`);
  }
  out.push("");
  out.push(`ops (${r.nodes} node${r.nodes === 1 ? "" : "s"})`);
  out.push(...table(r.ops.map((o) => [o.op, String(o.count)]), [false, true]));
  out.push("");
  if (r.external_data.length === 0) field("external data", "none (weights inside the file)");
  else {
    out.push("external data");
    out.push(...table(r.external_data.map((x) => [x.location, `${x.tensors} tensor${x.tensors === 1 ? "" : "s"}`, x.exists ? "present" : "MISSING next to the model"])));
  }
  const gr = r.gradient;
  if (gr.covered === true) {
    field("gradients", `covered: the robustness gate runs white-box attacks (APGD)${gr.converted ? `; opset raised ${gr.converted} for the gradient graph` : ""}`);
    field("  path ops", gr.ops.join(", "));
  } else if (gr.covered === false) {
    field("gradients", "not covered: the robustness gate falls back to black-box attacks (an upper bound on robust accuracy)");
    if (gr.missing.length > 0) {
      out.push("  missing");
      out.push(...table(gr.missing.map((m) => [m.op, String(m.count)]), [false, true], "    "));
    } else field("  because", gr.reason);
  } else {
    field("gradients", `not determined: ${gr.reason}`);
  }
  out.push("");
  if (r.metadata.length === 0) field("metadata", "none");
  else {
    out.push("metadata");
    out.push(...table(r.metadata.map((m) => [m.key, m.value.replace(/\s+/g, " ")])));
  }
  return out.join("\n");
}
function table(rows, right = [], indent = "  ") {
  if (rows.length === 0) return [`${indent}(none)`];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  return rows.map((r) => (indent + r.map((c, k) => right[k] ? c.padStart(widths[k]) : k === r.length - 1 ? c : c.padEnd(widths[k])).join("  ")).trimEnd());
}
function shape(s) {
  return s === null ? "-" : `[${s.join(", ")}]`;
}
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

// src/cli/sign.ts
import { existsSync, lstatSync as lstatSync2, statSync as statSync2 } from "node:fs";
import path5 from "node:path";

// src/signature/sign/oms.ts
import { stat } from "node:fs/promises";
import path4 from "node:path";
var DEFAULT_SHARD_SIZE = 1e9;
function signError(message) {
  return new GateError("sign.input", message, { kind: "error" });
}
async function buildOmsStatement(opts) {
  const method = opts.method ?? "files";
  const shardSize = opts.shardSize ?? DEFAULT_SHARD_SIZE;
  if (method === "shards" && (!Number.isSafeInteger(shardSize) || shardSize <= 0)) throw signError(`shard size ${shardSize} must be a positive integer`);
  const st = await stat(opts.modelPath).catch((e) => {
    throw signError(`model path ${opts.modelPath} cannot be read (${e.code ?? e.message}): give the model file or folder`);
  });
  const isDir = st.isDirectory();
  const ignores = [...DEFAULT_IGNORED];
  if (isDir && opts.signaturePath) {
    const rel = path4.relative(opts.modelPath, opts.signaturePath);
    if (rel && rel !== ".." && !rel.startsWith(".." + path4.sep) && !path4.isAbsolute(rel)) ignores.push(rel.split(path4.sep).join("/"));
  }
  for (const p of opts.ignorePaths ?? []) {
    const n = normaliseIgnore(p);
    if (!n) throw signError(`ignore path ${JSON.stringify(p)} leaves the model folder: give paths relative to the model folder`);
    if (!ignores.includes(n)) ignores.push(n);
  }
  const ser = { method, hashType: "sha256", shardSize: method === "shards" ? shardSize : void 0, allowSymlinks: false, ignorePaths: ignores };
  const items = await computeManifest(opts.modelPath, ser, isDir ? ignores : []);
  if (items.length === 0) throw signError(`model path ${opts.modelPath} has no file to sign (every file is empty or ignored)`);
  const root = rootDigest(items).toString("hex");
  const serialization = { method, hash_type: "sha256", allow_symlinks: false, ignore_paths: ignores };
  if (method === "shards") serialization.shard_size = shardSize;
  const algorithm = method === "shards" ? `sha256-sharded-${shardSize}` : "sha256";
  const statement = {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name: path4.basename(opts.modelPath), digest: { sha256: root } }],
    predicateType: OMS_PREDICATE,
    predicate: { serialization, resources: items.map((it) => ({ name: it.name, algorithm, digest: it.digest.toString("hex") })) }
  };
  return { statement, rootDigest: root, resources: items.map((it) => it.name) };
}
async function signModelOmsWith(opts, signer) {
  const { statement, rootDigest: root, resources } = await buildOmsStatement(opts);
  const bundle = await signer.sign(statementPayload(statement), IN_TOTO_PAYLOAD_TYPE);
  return { bundle, statement, rootDigest: root, resources };
}

// src/cli/sign.ts
var SIGN = defineCommand({
  name: "sign",
  options: {
    "signing-key": { type: "string" },
    output: { type: "string" },
    force: { type: "boolean" },
    "ignore-paths": { type: "string", multiple: true },
    method: { type: "string" },
    "shard-size": { type: "string" },
    ...KEYLESS_OPTIONS
  }
});
async function runSignCommand(argv, io) {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(SIGN, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(SIGN_USAGE + "\n");
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("give exactly one MODEL_PATH (the model file or folder to sign)");
    const keyFile = values["signing-key"];
    checkKeylessFlags(values, keyFile);
    if (!keyFile && !values.keyless) throw new UsageError("give --signing-key PEM (key mode) or --keyless (the OIDC identity of this CI job)");
    const method = values.method ?? "files";
    if (method !== "files" && method !== "shards") throw new UsageError(`--method must be files or shards, got "${method}"`);
    let shardSize = DEFAULT_SHARD_SIZE;
    if (values["shard-size"] !== void 0) {
      if (method !== "shards") throw new UsageError("--shard-size needs --method shards");
      if (!/^[1-9]\d*$/.test(values["shard-size"]) || !Number.isSafeInteger(Number(values["shard-size"]))) throw new UsageError(`--shard-size must be a positive integer, got "${values["shard-size"]}"`);
      shardSize = Number(values["shard-size"]);
    }
    const modelArg = positionals[0];
    const modelAbs = path5.resolve(modelArg);
    let isDir;
    try {
      isDir = statSync2(modelAbs).isDirectory();
    } catch (e) {
      throw new GateError("sign.input", `model path ${modelArg} cannot be read (${e.code ?? e.message}): give the model file or folder`);
    }
    const output = values.output ?? (isDir ? path5.join(modelArg, "model.sig") : `${modelArg}.sig`);
    const outAbs = checkOutputPath(output, [process.cwd()], "--output", "the current directory", { literalAnywhere: true });
    if (!values.force && (existsSync(outAbs) || isSymlink(outAbs))) throw new GateError("sign.exists", `--output ${output} exists: give --force to replace it, or another --output`);
    const prefix = modelArg.replace(/\/+$/, "") + "/";
    const ignorePaths = listFlag(values["ignore-paths"]).map((p) => path5.isAbsolute(p) || p.startsWith(prefix) ? path5.relative(modelAbs, path5.resolve(p)).split(path5.sep).join("/") : p);
    if (!isDir && ignorePaths.length) throw new UsageError("--ignore-paths applies to a model folder, but MODEL_PATH is a file");
    const signer = keyFile ? keySigner(loadSigningKey(readKeyFile(keyFile, "--signing-key"), keyFile)) : keylessSignerFromFlags(values);
    const signed = await signModelOmsWith({ modelPath: modelAbs, signaturePath: outAbs, ignorePaths, method, shardSize }, signer);
    writeOutputFile(output, JSON.stringify(signed.bundle) + "\n", [process.cwd()], "--output", "the current directory", { literalAnywhere: true });
    const files = new Set(signed.resources.map((r) => method === "shards" ? r.split(":")[0] : r)).size;
    const who = signer.signerIdentity();
    const by = who ? `, keyless as ${who.identity} (issuer ${who.issuer}), transparency log index ${signed.bundle.verificationMaterial.tlogEntries[0].logIndex}` : "";
    io.stdout.write(`signed ${files} file(s) of ${modelArg} (${method}): root digest sha256:${signed.rootDigest}${by}
wrote ${output}
`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, SIGN_USAGE);
    const err = asGateError(e);
    io.stderr.write(`model-gate: sign: ${neutraliseLog(err.located)}
`);
    if (debug) io.stderr.write(`${debugStack(err)}
`);
    return 2;
  }
}
function isSymlink(p) {
  try {
    return lstatSync2(p).isSymbolicLink();
  } catch {
    return false;
  }
}

// src/cli/verify-attestation.ts
import { readFileSync as readFileSync4 } from "node:fs";
import path6 from "node:path";
var VERIFY_ATTESTATION = defineCommand({
  name: "verify-attestation",
  options: {
    attestation: { type: "string" },
    "from-github": { type: "string" },
    key: { type: "string" },
    identity: { type: "string", multiple: true },
    "identity-regex": { type: "string", multiple: true },
    issuer: { type: "string", multiple: true },
    "trusted-root": { type: "string", multiple: true },
    "policy-digest": { type: "string" },
    "max-age": { type: "string" },
    "require-gates": { type: "string", multiple: true },
    "ignore-paths": { type: "string", multiple: true }
  }
});
async function runVerifyAttestationCommand(argv, io, now = () => /* @__PURE__ */ new Date(), env = process.env) {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY_ATTESTATION, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_ATTESTATION_USAGE + "\n");
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("give exactly one MODEL_PATH (the model file or folder to deploy)");
    const file = values.attestation;
    const fromGithub = values["from-github"];
    if (file && fromGithub) throw new UsageError("--attestation FILE and --from-github OWNER/REPO are exclusive");
    if (!file && !fromGithub) throw new UsageError("--attestation FILE (the file written by model-gate check --attestation) or --from-github OWNER/REPO is required");
    if (fromGithub !== void 0 && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(fromGithub)) throw new UsageError(`--from-github must be OWNER/REPO, got "${fromGithub}"`);
    const keyFile = values.key;
    const ids = values.identity;
    const regex = once(values["identity-regex"], "--identity-regex");
    const issuer = once(values.issuer, "--issuer");
    const trustedRootFile = once(values["trusted-root"], "--trusted-root");
    const identityMode = ids !== void 0 || regex !== void 0 || issuer !== void 0;
    if (keyFile && identityMode) throw new UsageError("give either --key PEM or --identity/--identity-regex with --issuer, not both");
    if (!keyFile && !identityMode) throw new UsageError("give --key PEM (key mode) or --identity I / --identity-regex R with --issuer U (keyless)");
    if (identityMode) {
      if (ids && regex !== void 0) throw new UsageError("--identity and --identity-regex are exclusive");
      if (!ids && regex === void 0) throw new UsageError("--identity or --identity-regex is required with --issuer");
      if (!issuer) throw new UsageError("--issuer is required with --identity or --identity-regex (the OIDC issuer, e.g. https://token.actions.githubusercontent.com)");
    }
    if (keyFile && trustedRootFile) throw new UsageError("--trusted-root is for keyless verification (--identity/--issuer), not --key");
    let policyDigest;
    if (values["policy-digest"] !== void 0) {
      const m = /^sha256:([0-9a-fA-F]{64})$/.exec(values["policy-digest"]);
      if (!m) throw new UsageError(`--policy-digest must be sha256:<64 hex digits>, got "${values["policy-digest"]}"`);
      policyDigest = m[1].toLowerCase();
    }
    let maxAgeMs;
    if (values["max-age"] !== void 0) {
      const ms = parseDuration(values["max-age"]);
      if (ms === null) throw new UsageError(`--max-age must be a positive integer with a unit s, m, h or d (e.g. 12h, 7d), got "${values["max-age"]}"`);
      maxAgeMs = ms;
    }
    const requireGates = listFlag(values["require-gates"]);
    const ignorePaths = listFlag(values["ignore-paths"]);
    let key;
    let keyless;
    let rootSource = "";
    if (keyFile) key = loadPublicKey(readKeyFile(keyFile, "--key"), keyFile);
    else {
      const policy = { identities: ids, identityRegex: regex, issuer };
      validateIdentityPolicy(policy);
      const loaded = trustedRootFile ? parseTrustedRoot(readKeyFile(trustedRootFile, "--trusted-root"), trustedRootFile) : publicGoodTrustedRoot();
      rootSource = loaded.source;
      keyless = { policy, trustedRoot: loaded.root };
    }
    const common = { modelPath: path6.resolve(positionals[0]), modelLabel: positionals[0], key, keyless, policyDigest, maxAgeMs, requireGates, ignorePaths, now: now() };
    let res;
    let from = "";
    if (fromGithub) {
      const api = { apiUrl: env.GITHUB_API_URL || "https://api.github.com", repo: fromGithub, token: env.GH_TOKEN || env.GITHUB_TOKEN || "" };
      const sel = await verifyFromGitHub(api, common);
      const aside = setAsideText(sel.setAside);
      from = `from: ${sel.chosen}, the newest of ${sel.candidates} attestation(s) of sha256:${sel.digest} by the expected signer${aside ? ` (set aside: ${aside})` : ""}
`;
      res = sel;
    } else {
      const f = file;
      let text;
      try {
        text = readFileSync4(f, "utf8");
      } catch (e) {
        throw new GateError("attest.unreadable", `--attestation ${f} cannot be read (${e.code ?? e.message}): check the path`);
      }
      let json;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new GateError("attest.bundle", `--attestation ${f} is not JSON (${e.message}): give the file written by model-gate check --attestation`);
      }
      res = await verifyAttestation({ ...common, json, name: f, attestationPath: path6.resolve(f) });
    }
    io.stdout.write(
      `OK: ${positionals[0]} (${res.files} file(s)) passed model-gate at ${res.timeVerified} under policy sha256:${res.policyDigest}, attested by ${res.method === "key" ? `key ${res.keyFingerprint}` : `${res.identity} (issuer ${res.issuer}, transparency log index ${res.logIndex}, trusted root ${rootSource})`}
verified levels: ${res.verifiedLevels.join(", ") || "none"}
` + from
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, VERIFY_ATTESTATION_USAGE);
    const err = asGateError(e);
    io.stderr.write(`model-gate: verify-attestation ${err.kind === "fail" ? "failed" : "error"}: ${neutraliseLog(err.located)}
`);
    if (debug) io.stderr.write(`${debugStack(err)}
`);
    return err.kind === "fail" ? 1 : 2;
  }
}

// src/cli/verify.ts
import { readFile as readFile2 } from "node:fs/promises";
import path8 from "node:path";

// src/signature/fs-trusted.ts
import { access, readFile } from "node:fs/promises";
import path7 from "node:path";
var FsTrustedFiles = class {
  source = "working-tree";
  root;
  constructor(root) {
    this.root = root;
  }
  async read(relPath) {
    const abs = path7.resolve(this.root, relPath);
    try {
      return await readFile(abs);
    } catch (e) {
      const code = e.code;
      throw new GateError("trusted.missing", `${relPath} cannot be read (${code ?? e.message}): check the path`, { kind: "error" });
    }
  }
  async exists(relPath) {
    try {
      await access(path7.resolve(this.root, relPath));
      return true;
    } catch {
      return false;
    }
  }
};

// src/cli/verify.ts
var VERIFY = defineCommand({
  name: "verify",
  options: {
    signature: { type: "string" },
    identity: { type: "string", multiple: true },
    "identity-regex": { type: "string" },
    issuer: { type: "string" },
    key: { type: "string" },
    "certificate-chain": { type: "string", multiple: true },
    "trusted-root": { type: "string" },
    "ignore-paths": { type: "string", multiple: true },
    format: { type: "string" }
  }
});
var VERIFY_BUNDLE = defineCommand({
  name: "verify-bundle",
  options: {
    bundle: { type: "string" },
    "certificate-identity": { type: "string" },
    "certificate-oidc-issuer": { type: "string" },
    key: { type: "string" },
    "trusted-root": { type: "string" }
  }
});
async function runVerifyCommand(argv, io) {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_USAGE + "\n");
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("give exactly one MODEL_PATH");
    const signature = once(values.signature, "--signature");
    if (!signature) throw new UsageError("--signature FILE is required");
    const ids = values.identity;
    const regex = once(values["identity-regex"], "--identity-regex");
    const issuer = once(values.issuer, "--issuer");
    const key = once(values.key, "--key");
    const chains = values["certificate-chain"];
    const modes = [ids || regex || issuer ? "identity" : null, key ? "key" : null, chains ? "certificate-chain" : null].filter(Boolean);
    if (modes.length !== 1) throw new UsageError("give exactly one of --identity/--identity-regex with --issuer, --key, --certificate-chain");
    if ((ids || regex) && !issuer) throw new UsageError("--issuer is required with --identity or --identity-regex");
    if (issuer && !ids && !regex) throw new UsageError("--identity or --identity-regex is required with --issuer");
    if (ids && regex) throw new UsageError("--identity and --identity-regex are exclusive");
    const format = once(values.format, "--format") ?? "auto";
    if (!["auto", "oms", "sigstore-bundle", "cosign"].includes(format)) throw new UsageError("--format must be auto, oms, sigstore-bundle or cosign");
    const cwd = process.cwd();
    const given = [positionals[0], signature, key, ...chains ?? [], values["trusted-root"]].filter((p) => !!p);
    const under = given.every((p) => {
      const r = path8.relative(cwd, path8.resolve(cwd, p));
      return r !== ".." && !r.startsWith(".." + path8.sep) && !path8.isAbsolute(r);
    });
    const root = under ? cwd : path8.parse(cwd).root;
    const rel = (p) => path8.relative(cwd, path8.resolve(cwd, p)) || ".";
    const modelAbs = path8.resolve(cwd, positionals[0]);
    const ignore = (values["ignore-paths"] ?? []).map((p) => {
      const abs = path8.resolve(cwd, p);
      const r = path8.relative(modelAbs, abs);
      return path8.isAbsolute(p) || r !== ".." && !r.startsWith(".." + path8.sep) && p.startsWith(positionals[0].replace(/\/+$/, "") + "/") ? r.split(path8.sep).join("/") : p;
    });
    const policy = {
      required: true,
      bundle: rel(signature),
      format,
      subject: rel(positionals[0]),
      keyless: issuer ? { identity: ids, "identity-regex": regex, issuer } : void 0,
      key: key ? rel(key) : void 0,
      "certificate-roots": chains ? chains.map(rel) : void 0,
      "trusted-root": values["trusted-root"] ? rel(String(values["trusted-root"])) : void 0,
      "ignore-paths": ignore
    };
    const report = await verifyModelSignature({
      policy,
      workspace: root,
      workingDirectory: cwd,
      modelPath: modelAbs,
      trusted: new FsTrustedFiles(root)
    });
    io.stdout.write(`OK: ${report.message}
`);
    if (report.root_digest) io.stdout.write(`model digest: ${report.root_digest}
`);
    if (report.log_index !== void 0 && report.log_index !== null) io.stdout.write(`transparency log index: ${report.log_index}
`);
    if (report.transparency === "none") io.stdout.write("transparency: none (no log entry: key or certificate signing)\n");
    return 0;
  } catch (e) {
    return reportError(e, io, VERIFY_USAGE, false, debug);
  }
}
async function runVerifyBundleCommand(argv, io) {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY_BUNDLE, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_BUNDLE_USAGE + "\n");
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("give exactly one FILE_OR_DIGEST");
    const bundlePath = once(values.bundle, "--bundle");
    if (!bundlePath) throw new UsageError("--bundle FILE is required");
    const identity = once(values["certificate-identity"], "--certificate-identity");
    const issuer = once(values["certificate-oidc-issuer"], "--certificate-oidc-issuer");
    const keyPath = once(values.key, "--key");
    if (keyPath && (identity || issuer)) throw new UsageError("--key excludes --certificate-identity/--certificate-oidc-issuer");
    if (!keyPath && !(identity && issuer)) throw new UsageError("give --certificate-identity and --certificate-oidc-issuer, or --key");
    const target = positionals[0];
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(target);
    const artifact = m ? { kind: "digest", sha256: Buffer.from(m[1], "hex") } : { kind: "file", path: target };
    const name = path8.basename(bundlePath);
    let bytes2;
    try {
      bytes2 = await readFile2(bundlePath);
    } catch (e) {
      throw new GateError("signature.unreadable", `bundle ${bundlePath} cannot be read (${e.code ?? describe(e)})`, { kind: "fail" });
    }
    let json;
    try {
      json = JSON.parse(bytes2.toString("utf8"));
    } catch (e) {
      throw new GateError("signature.bundle-invalid", `${name} is not valid JSON (${describe(e)})`, { kind: "fail" });
    }
    const trustedRoot = values["trusted-root"] ? parseTrustedRoot(await new FsTrustedFiles(process.cwd()).read(String(values["trusted-root"])), String(values["trusted-root"])) : publicGoodTrustedRoot();
    const key = keyPath ? loadPublicKey(await new FsTrustedFiles(process.cwd()).read(keyPath), keyPath) : void 0;
    const bundle = parseBundle(json, name);
    const res = await verifySigstoreBundle({
      bundle,
      name,
      artifact,
      signer: key ? { kind: "key", key } : { kind: "identity", policy: { identities: [identity], issuer } },
      trustedRoot: trustedRoot.root
    });
    const who = res.method === "keyless" ? `${res.identity} (issuer ${res.issuer})` : `key ${res.keyFingerprint}`;
    io.stdout.write(`OK: ${res.content} bundle over sha256:${res.artifactSha256} signed by ${who}${res.logIndex !== null ? `, log index ${res.logIndex}` : ""}
`);
    return 0;
  } catch (e) {
    return reportError(e, io, VERIFY_BUNDLE_USAGE, true, debug);
  }
}
function reportError(e, io, usage, conformance, debug) {
  if (e instanceof UsageError) return usageError(io, e, usage);
  if (e instanceof GateError) {
    io.stderr.write(`model-gate: verification ${e.kind === "fail" ? "failed" : "error"}: ${e.located}
`);
    if (debug) io.stderr.write(`${debugStack(e)}
`);
    return conformance || e.kind === "fail" ? 1 : 2;
  }
  io.stderr.write(`model-gate: verification failed: ${describe(e)}
`);
  if (debug) io.stderr.write(`${debugStack(e)}
`);
  return conformance ? 1 : 2;
}

// src/cli/validate.ts
import { readFileSync as readFileSync5, statSync as statSync3 } from "node:fs";

// src/data/headers.ts
async function readDataHeader(abs, rel, format) {
  const opts = { displayPath: rel };
  if (format === "npy") return { format, shape: (await readNpyHeader(abs, opts)).shape };
  if (format === "csv") return { format, names: await readCsvHeader(abs, opts) };
  return { format, names: await readParquetColumnNames(abs, opts) };
}

// src/policy/columns.ts
var obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
var strings = (v) => typeof v === "string" ? [[v, void 0]] : Array.isArray(v) ? v.flatMap((x, i) => typeof x === "string" ? [[x, i]] : []) : [];
function checkColumns(data, headerOf) {
  const issues = [];
  const policy = obj(data) ?? {};
  const datasets = obj(policy.datasets) ?? {};
  const mean = (name, candidates) => {
    const guess = closest(name, candidates);
    return guess ? `; did you mean ${JSON.stringify(guess)}?` : "";
  };
  const at = (path10, i) => i === void 0 ? path10 : [...path10, i];
  for (const [name, entry] of Object.entries(datasets)) {
    const ds = obj(entry);
    const h = headerOf(name);
    if (!ds || !h) continue;
    const here = (key) => ["datasets", name, key];
    if (h.header.format === "npy") {
      if (ds.label !== void 0) {
        issues.push({ path: here("label"), where: "key", message: `datasets.${name}.label: ${h.rel} is a .npy tensor without columns: give the labels as a second .npy file with labels: y.npy instead` });
      }
      if (Array.isArray(ds.exclude) && ds.exclude.length > 0) {
        issues.push({ path: here("exclude"), where: "key", message: `datasets.${name}.exclude: ${h.rel} is a .npy tensor without columns: exclude applies to CSV and Parquet datasets` });
      }
      continue;
    }
    const names = h.header.names;
    const label = ds.label;
    if (typeof label === "string" && !names.includes(label)) {
      issues.push({ path: here("label"), where: "value", message: `datasets.${name}.label ${JSON.stringify(label)} is not a column of ${h.rel} (columns: ${listNames(names)})${mean(label, names)}` });
    }
    if (Array.isArray(ds.exclude)) {
      for (const [col, i] of strings(ds.exclude)) {
        const path10 = at(here("exclude"), i);
        if (!names.includes(col)) issues.push({ path: path10, where: "value", message: `${formatPath(path10)} ${JSON.stringify(col)} is not a column of ${h.rel} (columns: ${listNames(names)})${mean(col, names)}` });
      }
    }
  }
  const gates = obj(policy.gates) ?? {};
  const tabular = (dataset) => {
    if (typeof dataset !== "string") return void 0;
    const h = headerOf(dataset);
    const ds = obj(datasets[dataset]);
    if (!h || !ds || h.header.format === "npy") return void 0;
    const names = h.header.names;
    const label = typeof ds.label === "string" ? ds.label : void 0;
    const excluded = Array.isArray(ds.exclude) ? ds.exclude.filter((c) => typeof c === "string") : [];
    return { h, ds, label, excluded, features: names.filter((c) => c !== label && !excluded.includes(c)) };
  };
  const fairness = obj(gates.fairness);
  const fair = fairness && tabular(fairness.dataset);
  if (fairness && fair) {
    const names = fair.h.header.names;
    for (const [col, i] of strings(fairness.sensitive)) {
      const path10 = at(["gates", "fairness", "sensitive"], i);
      if (!names.includes(col)) {
        issues.push({ path: path10, where: "value", message: `${formatPath(path10)} ${JSON.stringify(col)} is not a column of dataset ${JSON.stringify(fairness.dataset)} (${fair.h.rel}; columns: ${listNames(names)})${mean(col, names)}` });
      }
    }
  }
  const drift = obj(gates.drift);
  const dRef = drift && tabular(drift.reference), dCur = drift && tabular(drift.current);
  if (drift && dRef) {
    const prediction = (f) => f === "prediction:class" || f === "prediction:confidence";
    const { label, excluded } = dRef;
    const listed = strings(drift.features);
    const sides = [[drift.reference, dRef], ...dCur ? [[drift.current, dCur]] : []];
    for (const [col, i] of listed) {
      if (prediction(col)) continue;
      const path10 = at(["gates", "drift", "features"], i);
      for (const [name, side] of sides) {
        const names = side.h.header.names;
        if (!names.includes(col)) {
          issues.push({ path: path10, where: "value", message: `${formatPath(path10)} ${JSON.stringify(col)} is not a column of dataset ${JSON.stringify(name)} (${side.h.rel}; columns: ${listNames(names)})${mean(col, names)}` });
          break;
        }
      }
    }
    if (drift.features === void 0) {
      const features = dRef.features;
      const check = (path10, col, where) => {
        if (prediction(col) || features.includes(col)) return;
        const why = col === label ? "the label column" : excluded.includes(col) ? `excluded by datasets.${String(drift.reference)}.exclude` : "not a column";
        issues.push({ path: path10, where, message: `${formatPath(path10)} ${JSON.stringify(col)} is not a default drift feature of dataset ${JSON.stringify(drift.reference)} (${why}; features: ${listNames(features)}, prediction:class, prediction:confidence): list it under gates.drift.features${mean(col, features)}` });
      };
      for (const col of Object.keys(obj(drift["per-feature"]) ?? {})) check(["gates", "drift", "per-feature", col], col, "key");
      for (const [col, i] of strings(drift["must-not-drift"])) check(at(["gates", "drift", "must-not-drift"], i), col, "value");
    }
  }
  const robustness = obj(gates.robustness);
  const rob = robustness && tabular(robustness.dataset);
  if (robustness && rob) {
    const names = rob.h.header.names;
    const { label, excluded, features } = rob;
    const feature = (path10, col) => {
      const which = `dataset ${JSON.stringify(robustness.dataset)}`;
      const what = `${formatPath(path10)} ${JSON.stringify(col)}`;
      if (col === label) issues.push({ path: path10, where: "value", message: `${what} is the label column of ${which} (${rob.h.rel}), not a feature` });
      else if (excluded.includes(col)) issues.push({ path: path10, where: "value", message: `${what} is excluded from the features of ${which} (${rob.h.rel}) by datasets.${String(robustness.dataset)}.exclude` });
      else if (!names.includes(col)) issues.push({ path: path10, where: "value", message: `${what} is not a feature of ${which} (${rob.h.rel}; features: ${listNames(features)})${mean(col, features)}` });
    };
    for (const key of ["immutable", "integer"]) {
      if (!Array.isArray(robustness[key])) continue;
      for (const [col, i] of strings(robustness[key])) feature(at(["gates", "robustness", key], i), col);
    }
    const groups = robustness["one-hot"];
    if (Array.isArray(groups)) {
      groups.forEach((g, gi) => {
        if (!Array.isArray(g)) return;
        for (const [col, i] of strings(g)) feature(at(["gates", "robustness", "one-hot", gi], i), col);
      });
    }
  }
  return issues;
}

// src/cli/validate.ts
var COMMAND6 = defineCommand({
  name: "validate",
  options: {
    policy: { type: "string" },
    workspace: { type: "string" },
    json: { type: "boolean" }
  },
  valueNames: { policy: "file", workspace: "folder" }
});
async function runValidateCommand(argv, io) {
  let values;
  try {
    const parsed = parseCommand(COMMAND6, argv);
    values = parsed.values;
    if (!values.help && parsed.positionals.length) throw new UsageError(unknownOption("validate", parsed.positionals[0]));
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, VALIDATE_USAGE);
    throw e;
  }
  if (values.help) {
    io.stdout.write(VALIDATE_USAGE + "\n");
    return 0;
  }
  const workspace = workspaceFolder(values.workspace);
  const v = await validatePolicy(workspace, values.policy ?? DEFAULT_POLICY);
  if (values.json) {
    const problems = v.problems.map((p) => ({ file: p.file, line: p.line, col: p.col, message: p.message }));
    io.stdout.write(JSON.stringify({ policy: v.policy, valid: problems.length === 0, problems }, null, 2) + "\n");
  } else if (v.problems.length === 0) {
    io.stdout.write(`${neutraliseLog(v.policy)}: valid (${v.headers} dataset header${v.headers === 1 ? "" : "s"} checked)
`);
  } else {
    for (const p of v.problems) io.stdout.write(neutraliseLog(p.message) + "\n");
    io.stdout.write(`${v.problems.length} problem${v.problems.length === 1 ? "" : "s"} in ${neutraliseLog(v.policy)}
`);
  }
  return v.problems.length === 0 ? 0 : 2;
}
async function validatePolicy(workspace, policyPath) {
  const file = resolveInside(workspace, workspace, policyPath, "--policy");
  let text;
  try {
    text = readFileSync5(file.abs);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") throw new GateError("policy.missing", `${file.rel} does not exist in the workspace ${workspace}: write the policy there (see the README's policy reference) or give --policy FILE`);
    throw new GateError("policy.read", `cannot read ${file.rel}: ${code ?? e.message}`);
  }
  const d = diagnosePolicy(text, file.rel);
  const found = await fileProblems(d, workspace);
  return { policy: file.rel, problems: sortProblems([...d.problems, ...found.problems]), headers: found.headers };
}
async function fileProblems(d, workspace) {
  const data = d.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { problems: [], headers: 0 };
  const policy = data;
  const problems = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (p) => {
    if (!seen.has(p.message)) problems.push(p);
    seen.add(p.message);
  };
  const datasetFiles = /* @__PURE__ */ new Map();
  for (const p of policyPaths(policy)) {
    if (d.reported(p.path) || pathProblem(p.value) !== null || p.value === "") continue;
    if (p.path[0] === "signature" && p.path[1] === "subject" && p.value === policy.model?.path) continue;
    const name = formatPath(p.path);
    let abs;
    let rel;
    try {
      ({ abs, rel } = resolveInside(workspace, workspace, p.value, name));
    } catch (e) {
      add(d.problemAt(p.path, "value", e.message));
      continue;
    }
    if (p.path[0] === "datasets") {
      try {
        checkReadable(abs, rel, String(p.path[1]), void 0);
      } catch (e) {
        add(d.problemAt(p.path, "value", e.message));
        continue;
      }
      if (p.path[2] === "path") datasetFiles.set(String(p.path[1]), { abs, rel });
      continue;
    }
    try {
      statSync3(abs);
    } catch {
      add(d.problemAt(p.path, "value", `${name} ${JSON.stringify(p.value)} does not exist in the workspace: commit the file or fix the path`));
    }
  }
  const headers = /* @__PURE__ */ new Map();
  for (const [name, f] of datasetFiles) {
    const format = formatOf(f.rel);
    if (format === null) continue;
    try {
      headers.set(name, { rel: f.rel, header: await readDataHeader(f.abs, f.rel, format) });
    } catch (e) {
      const msg = e instanceof GateError ? e.message : `${f.rel} cannot be read: ${e.message}`;
      add(d.problemAt(["datasets", name, "path"], "value", `dataset "${name}": ${msg}`));
    }
  }
  for (const issue of checkColumns(data, (name) => headers.get(name))) {
    if (!d.reported(issue.path)) add(d.problemAt(issue.path, issue.where, issue.message));
  }
  return { problems, headers: headers.size };
}

// src/cli/main.ts
var COMMANDS = {
  check: { run: runCheckCommand, usage: CHECK_USAGE, summary: "run the policy's gates on the working tree" },
  merge: { run: runMergeCommand, usage: MERGE_USAGE, summary: "merge the partial results of check --shard K/N into the report check would give" },
  validate: { run: runValidateCommand, usage: VALIDATE_USAGE, summary: "check a policy and the data headers it names, list every problem (runs nothing)" },
  sign: { run: runSignCommand, usage: SIGN_USAGE, summary: "sign a model file or folder (OpenSSF model signing)" },
  verify: { run: runVerifyCommand, usage: VERIFY_USAGE, summary: "verify a model signature" },
  "verify-bundle": { run: runVerifyBundleCommand, usage: VERIFY_BUNDLE_USAGE, summary: "verify a Sigstore bundle (the conformance protocol)" },
  "verify-attestation": { run: runVerifyAttestationCommand, usage: VERIFY_ATTESTATION_USAGE, summary: "verify the attestation of a gate run" },
  "card-diff": { run: runCardDiffCommand, usage: CARD_DIFF_USAGE, summary: "the model-card diff for a terminal" },
  inspect: { run: runInspectCommand, usage: INSPECT_USAGE, summary: "what model-gate sees in an ONNX model: inputs, outputs, ops, gradient coverage" },
  init: { run: runInitCommand, usage: INIT_USAGE, summary: "write a commented starter policy from a model and a data file" }
};
var USAGE = overallUsage(Object.entries(COMMANDS).map(([name, c]) => [name, c.summary]));
function help(args, io) {
  const name = args.find((a) => a !== "--debug");
  if (name === void 0 || name === "--help" || name === "-h") {
    io.stdout.write(USAGE + "\n");
    return 0;
  }
  if (Object.hasOwn(COMMANDS, name)) {
    io.stdout.write(COMMANDS[name].usage + "\n");
    return 0;
  }
  io.stderr.write(`model-gate: help: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")})
`);
  return 2;
}
async function main(argv, io) {
  const debug = argv.includes("--debug");
  const at = argv.findIndex((a) => a !== "--debug");
  const cmd = at < 0 ? void 0 : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  try {
    if (cmd !== void 0 && Object.hasOwn(COMMANDS, cmd)) return await COMMANDS[cmd].run(rest, io);
    if (cmd === "help") return help(rest, io);
    if (cmd === "--version" || cmd === "-V") {
      io.stdout.write(`model-gate ${VERSION}
`);
      return 0;
    }
    if (cmd === "--help" || cmd === "-h") {
      io.stdout.write(USAGE + "\n");
      return 0;
    }
    io.stderr.write(`model-gate: ${cmd ? `unknown command "${cmd}"` : "no command given"}
${USAGE}
`);
    return 2;
  } catch (e) {
    const err = asGateError(e);
    io.stderr.write(`model-gate: ${cmd}: ${neutraliseLog(err.located)}
`);
    if (debug) io.stderr.write(`${debugStack(err)}
`);
    return 2;
  }
}

// src/cli.ts
var invoked = process.argv[1] ? path9.resolve(process.argv[1]) : "";
if (invoked.endsWith(`${path9.sep}cli.js`) || invoked.endsWith(`${path9.sep}cli.ts`)) {
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
