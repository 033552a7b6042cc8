#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  GROUP_RATE_COLUMNS,
  NO_OIDC_TOKEN,
  PUBLIC_GOOD_FULCIO,
  PUBLIC_GOOD_REKOR,
  cardDiffText,
  checkOutputPath,
  ciText,
  compactJson,
  gateEntries,
  keylessSigner,
  located,
  loosenedTitle,
  loosenedWhere,
  metricRows,
  num,
  orderedGroups,
  position,
  readClaims,
  readMembershipAttacks,
  readPerEpsilon,
  readRobustnessAttacks,
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
} from "./chunks/chunk-PTLXSDEY.js";
import {
  OMS_PREDICATE,
  measuredMetrics,
  modelCardReport,
  verifyModelSignature
} from "./chunks/chunk-KHG2ZNYW.js";
import {
  parseDuration,
  queryDigest,
  selectAttestation,
  verifyAttestation
} from "./chunks/chunk-L7ZVUJ25.js";
import {
  IN_TOTO_PAYLOAD_TYPE,
  VERSION,
  attestRunWith,
  fetchAttestations,
  loadSigningKey,
  neutraliseLog,
  plainValue,
  signDsse,
  statementPayload
} from "./chunks/chunk-XB36P3UB.js";
import {
  DEFAULT_IGNORED,
  GateError,
  asGateError,
  computeManifest,
  debugStack,
  describe,
  loadPublicKey,
  normaliseIgnore,
  parseBundle,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  rootDigest,
  validateIdentityPolicy,
  verifySigstoreBundle
} from "./chunks/chunk-POYLVTFR.js";

// src/cli.ts
import path7 from "node:path";

// src/cli/card-diff.ts
import { readFileSync as readFileSync2, existsSync } from "node:fs";

// src/cli/args.ts
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
var UsageError = class extends Error {
};
var COMMON = {
  help: { type: "boolean", short: "h" },
  debug: { type: "boolean" }
};
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

// src/cli/help.ts
var USAGE = `usage:
  model-gate check [--policy FILE] [--json FILE] [--markdown FILE] [--cyclonedx FILE] [--seed N] [--workspace DIR] [--attestation FILE (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE])] [--debug]
  model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  model-gate verify MODEL_PATH --signature FILE (--identity I --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]
  model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
  --debug (any command): print the stack traces of errors (for bug reports)
  --help, -h (any command): print its usage
  model-gate --version, -V: print the version
exit status: 0 pass, 1 fail, 2 error`;
var CHECK_USAGE = USAGE;
var SIGN_USAGE = `usage: model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  writes an OpenSSF model signing bundle over a model file or folder: key mode (ECDSA P-256 or P-384 PEM private key),
  or keyless (an OIDC identity: Fulcio certificate for an ephemeral key, Rekor log entry)
  --keyless            inside GitHub Actions with \`permissions: id-token: write\`, or with --oidc-token-file F (a token with audience sigstore)
  --fulcio-url U       default https://fulcio.sigstore.dev (or MODEL_GATE_FULCIO_URL); --rekor-url U default https://rekor.sigstore.dev (or MODEL_GATE_REKOR_URL)
  --trusted-root FILE  with --keyless: verify the new bundle against this Sigstore trusted root before writing it
  --output FILE        default: MODEL_PATH/model.sig for a folder (left out of the manifest), MODEL_PATH.sig for a file
  --force              replace --output when it exists (without it, an existing file is refused); never through a symlink
  --ignore-paths P,... paths relative to the model folder left out of the manifest (.git, .gitattributes, .github, .gitignore always are)
  --method             files (default: one digest per file) or shards (--shard-size bytes, default 1000000000)
exit status: 0 signed, 2 unusable input (nothing written)`;
var VERIFY_ATTESTATION_USAGE = `usage: model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  checks a gate-run attestation (written by check --attestation): the DSSE signature with the public key or, keyless, the
  Fulcio certificate and Rekor entry against the trusted root (default: the public-good root shipped) and the signer's
  identity (exact, or the whole identity matching R) and issuer (exact), the predicate
  type (SLSA verification summary v1), that MODEL_PATH's files hash to its subjects (none missing, none extra),
  verificationResult PASSED, the required gates (MODEL_GATE_<GATE>_PASSED), the policy digest, and the age
  --from-github OWNER/REPO  instead of --attestation: every attestation the repository stores for the model's digest
                       (GitHub's attestations API at GITHUB_API_URL, token GH_TOKEN or GITHUB_TOKEN), each verified;
                       the newest by the expected signer about this model decides
  --max-age DURATION   e.g. 30m, 12h, 7d (units s, m, h, d)
  --ignore-paths P,... files of a model folder that are not compared (default: .git, .gitattributes, .github, .gitignore, model.sig)
exit status: 0 holds, 1 the evidence says no (failed verdict, other model, other signer, expired, tampered), 2 unusable input`;
var VERIFY_USAGE = "usage: model-gate verify MODEL_PATH --signature FILE (--identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]";
var VERIFY_BUNDLE_USAGE = "usage: model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST";
var CARD_DIFF_USAGE = "usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]   (a missing card file = the card is new or deleted)";

// src/cli/card-diff.ts
var COMMAND = {
  name: "card-diff",
  options: { report: { type: "string" } },
  valueNames: { report: "file" }
};
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
  if (files.length !== 2) return usageError(io, new UsageError("card-diff needs BASE_CARD and HEAD_CARD"), CARD_DIFF_USAGE);
  const read = (f) => {
    if (!existsSync(f)) return null;
    try {
      return { path: f, text: readFileSync2(f, "utf8") };
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
    if (entry.name === "robustness") {
      const g2 = entry.result;
      const per = readPerEpsilon(g2);
      if (per.length) {
        const cols = [...new Set(per.flatMap((p) => Object.keys(p.values)))];
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

// src/cli/check.ts
var COMMAND2 = {
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
    ...KEYLESS_OPTIONS
  }
};
function parseCheckArgs(args) {
  const { values, positionals } = parseCommand(COMMAND2, args);
  if (values.help) return "help";
  if (positionals.length) throw new UsageError(unknownOption("check", positionals[0]));
  const out = { policy: values.policy ?? ".github/model-gate.yml", workspace: process.cwd(), json: values.json, markdown: values.markdown, cyclonedx: values.cyclonedx, debug: values.debug === true };
  if (values.seed !== void 0) {
    const v = values.seed;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--seed must be a non-negative integer, got "${v}"`);
    out.seed = Number(v);
  }
  if (values.workspace !== void 0) out.workspace = path.resolve(values.workspace);
  checkKeylessFlags(values, values["signing-key"]);
  if (values.attestation !== void 0 && values["signing-key"] === void 0 && !values.keyless) {
    throw new UsageError("--attestation needs --signing-key PEM or --keyless (the OIDC identity of this CI job)");
  }
  if (values["signing-key"] !== void 0 && values.attestation === void 0) throw new UsageError("--signing-key is for --attestation FILE: give both");
  if (values.keyless && values.attestation === void 0) throw new UsageError("--keyless is for --attestation FILE: give both");
  out.attestation = values.attestation;
  out.signingKey = values["signing-key"];
  if (values.keyless) out.keyless = values;
  return out;
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
  let signer;
  try {
    for (const o of outputs) checkOutputPath(o.file, out.roots, o.flag, out.where, { literalAnywhere: true });
    if (a.signingKey) signer = keySigner(loadSigningKey(readKeyFile(a.signingKey, "--signing-key"), a.signingKey));
    else if (a.keyless) signer = keylessSignerFromFlags(a.keyless);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CHECK_USAGE);
    io.stderr.write(`model-gate: ${e.message}
`);
    return 2;
  }
  const files = workingTreeFiles(a.workspace);
  let runGate;
  try {
    ({ runGate } = await import("./chunks/run-R7YRO6YE.js"));
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
    debug: a.debug,
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
    if (a.cyclonedx) writeOutputFile(a.cyclonedx, renderCycloneDx(report), out.roots, "--cyclonedx", out.where, { literalAnywhere: true });
  } catch (e) {
    io.stderr.write(`model-gate: ${e instanceof GateError ? e.message : `cannot write the report: ${e.message}: check that the folder of --json / --markdown / --cyclonedx exists and is writable`}
`);
    return 2;
  }
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

// src/cli/sign.ts
import { existsSync as existsSync2, lstatSync, statSync } from "node:fs";
import path3 from "node:path";

// src/signature/sign/oms.ts
import { stat } from "node:fs/promises";
import path2 from "node:path";
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
    const rel = path2.relative(opts.modelPath, opts.signaturePath);
    if (rel && rel !== ".." && !rel.startsWith(".." + path2.sep) && !path2.isAbsolute(rel)) ignores.push(rel.split(path2.sep).join("/"));
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
    subject: [{ name: path2.basename(opts.modelPath), digest: { sha256: root } }],
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
var SIGN = {
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
};
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
    const modelAbs = path3.resolve(modelArg);
    let isDir;
    try {
      isDir = statSync(modelAbs).isDirectory();
    } catch (e) {
      throw new GateError("sign.input", `model path ${modelArg} cannot be read (${e.code ?? e.message}): give the model file or folder`);
    }
    const output = values.output ?? (isDir ? path3.join(modelArg, "model.sig") : `${modelArg}.sig`);
    const outAbs = checkOutputPath(output, [process.cwd()], "--output", "the current directory", { literalAnywhere: true });
    if (!values.force && (existsSync2(outAbs) || isSymlink(outAbs))) throw new GateError("sign.exists", `--output ${output} exists: give --force to replace it, or another --output`);
    const prefix = modelArg.replace(/\/+$/, "") + "/";
    const ignorePaths = listFlag(values["ignore-paths"]).map((p) => path3.isAbsolute(p) || p.startsWith(prefix) ? path3.relative(modelAbs, path3.resolve(p)).split(path3.sep).join("/") : p);
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
    if (e instanceof UsageError) {
      io.stderr.write(`model-gate: ${e.message}
${SIGN_USAGE}
`);
      return 2;
    }
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
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

// src/cli/verify-attestation.ts
import { readFileSync as readFileSync3 } from "node:fs";
import path4 from "node:path";
var VERIFY_ATTESTATION = {
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
};
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
    const common = { modelPath: path4.resolve(positionals[0]), modelLabel: positionals[0], key, keyless, policyDigest, maxAgeMs, requireGates, ignorePaths, now: now() };
    let res;
    let from = "";
    if (fromGithub) {
      const api = { apiUrl: env.GITHUB_API_URL || "https://api.github.com", repo: fromGithub, token: env.GH_TOKEN || env.GITHUB_TOKEN || "" };
      const digests = /* @__PURE__ */ new Map();
      const hex = await queryDigest(common, digests);
      const found = await fetchAttestations(api, hex);
      const sel = await selectAttestation(found, { ...common, digests }, `${fromGithub} (attestations of sha256:${hex})`);
      const aside = Object.entries(sel.setAside).map(([why, n]) => `${n} ${why}`).join(", ");
      from = `from: ${sel.chosen}, the newest of ${found.length} attestation(s) of sha256:${hex} by the expected signer${aside ? ` (set aside: ${aside})` : ""}
`;
      res = sel;
    } else {
      const f = file;
      let text;
      try {
        text = readFileSync3(f, "utf8");
      } catch (e) {
        throw new GateError("attest.unreadable", `--attestation ${f} cannot be read (${e.code ?? e.message}): check the path`);
      }
      let json;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new GateError("attest.bundle", `--attestation ${f} is not JSON (${e.message}): give the file written by model-gate check --attestation`);
      }
      res = await verifyAttestation({ ...common, json, name: f, attestationPath: path4.resolve(f) });
    }
    io.stdout.write(
      `OK: ${positionals[0]} (${res.files} file(s)) passed model-gate at ${res.timeVerified} under policy sha256:${res.policyDigest}, attested by ${res.method === "key" ? `key ${res.keyFingerprint}` : `${res.identity} (issuer ${res.issuer}, transparency log index ${res.logIndex}, trusted root ${rootSource})`}
verified levels: ${res.verifiedLevels.join(", ") || "none"}
` + from
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`model-gate: ${e.message}
${VERIFY_ATTESTATION_USAGE}
`);
      return 2;
    }
    const err = asGateError(e);
    io.stderr.write(`model-gate: verify-attestation ${err.kind === "fail" ? "failed" : "error"}: ${neutraliseLog(err.located)}
`);
    if (debug) io.stderr.write(`${debugStack(err)}
`);
    return err.kind === "fail" ? 1 : 2;
  }
}
function once(v, flag) {
  if (v === void 0) return void 0;
  if (v.length !== 1) throw new UsageError(`${flag} may be given only once`);
  return v[0];
}

// src/cli/verify.ts
import { readFile as readFile2 } from "node:fs/promises";
import path6 from "node:path";

// src/signature/fs-trusted.ts
import { access, readFile } from "node:fs/promises";
import path5 from "node:path";
var FsTrustedFiles = class {
  source = "working-tree";
  root;
  constructor(root) {
    this.root = root;
  }
  async read(relPath) {
    const abs = path5.resolve(this.root, relPath);
    try {
      return await readFile(abs);
    } catch (e) {
      const code = e.code;
      throw new GateError("trusted.missing", `${relPath} cannot be read (${code ?? e.message}): check the path`, { kind: "error" });
    }
  }
  async exists(relPath) {
    try {
      await access(path5.resolve(this.root, relPath));
      return true;
    } catch {
      return false;
    }
  }
};

// src/cli/verify.ts
var VERIFY = {
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
};
var VERIFY_BUNDLE = {
  name: "verify-bundle",
  options: {
    bundle: { type: "string" },
    "certificate-identity": { type: "string" },
    "certificate-oidc-issuer": { type: "string" },
    key: { type: "string" },
    "trusted-root": { type: "string" }
  }
};
function one(v, flag) {
  if (v === void 0) return void 0;
  if (Array.isArray(v)) {
    if (v.length !== 1) throw new UsageError(`${flag} may be given only once`);
    return String(v[0]);
  }
  return String(v);
}
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
    const signature = one(values.signature, "--signature");
    if (!signature) throw new UsageError("--signature FILE is required");
    const ids = values.identity;
    const regex = one(values["identity-regex"], "--identity-regex");
    const issuer = one(values.issuer, "--issuer");
    const key = one(values.key, "--key");
    const chains = values["certificate-chain"];
    const modes = [ids || regex || issuer ? "identity" : null, key ? "key" : null, chains ? "certificate-chain" : null].filter(Boolean);
    if (modes.length !== 1) throw new UsageError("give exactly one of --identity/--identity-regex with --issuer, --key, --certificate-chain");
    if ((ids || regex) && !issuer) throw new UsageError("--issuer is required with --identity or --identity-regex");
    if (issuer && !ids && !regex) throw new UsageError("--identity or --identity-regex is required with --issuer");
    if (ids && regex) throw new UsageError("--identity and --identity-regex are exclusive");
    const format = one(values.format, "--format") ?? "auto";
    if (!["auto", "oms", "sigstore-bundle", "cosign"].includes(format)) throw new UsageError("--format must be auto, oms, sigstore-bundle or cosign");
    const cwd = process.cwd();
    const given = [positionals[0], signature, key, ...chains ?? [], values["trusted-root"]].filter((p) => !!p);
    const under = given.every((p) => {
      const r = path6.relative(cwd, path6.resolve(cwd, p));
      return r !== ".." && !r.startsWith(".." + path6.sep) && !path6.isAbsolute(r);
    });
    const root = under ? cwd : path6.parse(cwd).root;
    const rel = (p) => path6.relative(cwd, path6.resolve(cwd, p)) || ".";
    const modelAbs = path6.resolve(cwd, positionals[0]);
    const ignore = (values["ignore-paths"] ?? []).map((p) => {
      const abs = path6.resolve(cwd, p);
      const r = path6.relative(modelAbs, abs);
      return path6.isAbsolute(p) || r !== ".." && !r.startsWith(".." + path6.sep) && p.startsWith(positionals[0].replace(/\/+$/, "") + "/") ? r.split(path6.sep).join("/") : p;
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
    const bundlePath = one(values.bundle, "--bundle");
    if (!bundlePath) throw new UsageError("--bundle FILE is required");
    const identity = one(values["certificate-identity"], "--certificate-identity");
    const issuer = one(values["certificate-oidc-issuer"], "--certificate-oidc-issuer");
    const keyPath = one(values.key, "--key");
    if (keyPath && (identity || issuer)) throw new UsageError("--key excludes --certificate-identity/--certificate-oidc-issuer");
    if (!keyPath && !(identity && issuer)) throw new UsageError("give --certificate-identity and --certificate-oidc-issuer, or --key");
    const target = positionals[0];
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(target);
    const artifact = m ? { kind: "digest", sha256: Buffer.from(m[1], "hex") } : { kind: "file", path: target };
    const name = path6.basename(bundlePath);
    let bytes;
    try {
      bytes = await readFile2(bundlePath);
    } catch (e) {
      throw new GateError("signature.unreadable", `bundle ${bundlePath} cannot be read (${e.code ?? describe(e)})`, { kind: "fail" });
    }
    let json;
    try {
      json = JSON.parse(bytes.toString("utf8"));
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
  if (e instanceof UsageError) {
    io.stderr.write(`model-gate: ${e.message}
${usage}
`);
    return 2;
  }
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

// src/cli/main.ts
var COMMANDS = {
  check: runCheckCommand,
  verify: runVerifyCommand,
  "verify-bundle": runVerifyBundleCommand,
  "card-diff": runCardDiffCommand,
  sign: runSignCommand,
  "verify-attestation": runVerifyAttestationCommand
};
async function main(argv, io) {
  const debug = argv.includes("--debug");
  const at = argv.findIndex((a) => a !== "--debug");
  const cmd = at < 0 ? void 0 : argv[at];
  const rest = at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  try {
    if (cmd !== void 0 && Object.hasOwn(COMMANDS, cmd)) return await COMMANDS[cmd](rest, io);
    if (cmd === "--version" || cmd === "-V") {
      io.stdout.write(`model-gate ${VERSION}
`);
      return 0;
    }
    if (cmd === "--help" || cmd === "-h" || cmd === "help") {
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
var invoked = process.argv[1] ? path7.resolve(process.argv[1]) : "";
if (invoked.endsWith(`${path7.sep}cli.js`) || invoked.endsWith(`${path7.sep}cli.ts`)) {
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
