import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  readInputs
} from "./chunk-GRAJJKCU.js";
import {
  ENTRY_SUFFIX,
  PUBLIC_GOOD_FULCIO,
  PUBLIC_GOOD_REKOR,
  STATUS_EMOJI,
  assemble,
  checkLevel,
  checkMessage,
  checkOutputPath,
  compactJson,
  decodePartial,
  dirCache,
  encodePartial,
  errorsSection,
  failedChecksSection,
  gateEntries,
  gateTitleId,
  keylessSigner,
  located,
  loosenedSection,
  mergePartials,
  modelCardSection,
  num,
  poisoningView,
  progressFormatter,
  readClaims,
  regressionSentences,
  renderCycloneDx,
  renderSummary,
  reportAttestationPath,
  serviceUrl,
  table,
  thresholdText,
  tokenSourceFrom,
  unpinnedDataSection,
  uriResolver,
  verdictSection,
  verdictView,
  workingTreeFiles,
  writeOutputFile
} from "./chunk-RWP66DOK.js";
import {
  apiBase,
  apiRequest,
  attestRun,
  attestRunWith,
  code,
  describeReply,
  escapeCommandData,
  loadSigningKey,
  md,
  neutraliseLog,
  nextLink,
  safeUrl,
  storeAttestation,
  truncate,
  validRepo,
  workflowCommand
} from "./chunk-VZPTT7CE.js";
import {
  runGate
} from "./chunk-DQE2RHFK.js";
import "./chunk-T3NF2ROV.js";
import {
  keyFingerprint
} from "./chunk-KG5F2G4A.js";
import {
  error,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret
} from "./chunk-T2RU6YKF.js";
import {
  GATES
} from "./chunk-O54UC3Q5.js";
import "./chunk-HUZQ54LW.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-EBRXSLDV.js";
import "./chunk-AIQMBGXI.js";
import {
  GateError,
  asGateError,
  debugStack
} from "./chunk-2EUQIP2O.js";
import "./chunk-KXLR6RWI.js";

// src/action/run.ts
import { appendFileSync } from "node:fs";
import path4 from "node:path";

// src/action/event.ts
import { readFileSync } from "node:fs";
var ZERO = /^0+$/;
var SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
function sha(v) {
  return typeof v === "string" && SHA.test(v) && !ZERO.test(v) ? v : null;
}
function resolveEvent(name, payload, env, allowPullRequestTarget) {
  const p = payload ?? {};
  switch (name) {
    case "pull_request_target":
      if (!allowPullRequestTarget) {
        throw new GateError(
          "event.pull-request-target",
          "refusing to run on pull_request_target: that event runs with write access and secrets while the checked-out code can come from the pull request, so a malicious pull request could take over the gate. Use on: pull_request, or set allow-pull-request-target: true if you understand the risk"
        );
      }
      return pullRequestContext(name, p, env);
    case "pull_request":
    case "pull_request_review":
    case "pull_request_review_comment":
      return pullRequestContext(name, p, env);
    case "merge_group": {
      const mg = p.merge_group ?? {};
      return { name, base: sha(mg.base_sha), head: sha(mg.head_sha) ?? sha(env.sha), pullRequest: null, isPullRequest: true };
    }
    case "push":
      return { name, base: sha(p.before), head: sha(p.after) ?? sha(env.sha), pullRequest: null, isPullRequest: false };
    default:
      return { name: name || "none", base: null, head: sha(env.sha), pullRequest: null, isPullRequest: false };
  }
}
function pullRequestContext(name, p, env) {
  const pr = p.pull_request ?? {};
  return {
    name,
    base: sha(pr.base?.sha),
    head: sha(pr.head?.sha) ?? sha(env.sha),
    pullRequest: typeof pr.number === "number" ? pr.number : typeof p.number === "number" ? p.number : null,
    isPullRequest: true
  };
}
function readEventPayload(file) {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const what = e instanceof SyntaxError ? `is not valid JSON (${e.message})` : `cannot be read (${e.code ?? e.message})`;
    throw new GateError("event.payload", `the event payload ${file} (GITHUB_EVENT_PATH) ${what}: run model-gate as a step of a GitHub Actions job, which writes the payload`, { cause: e });
  }
}

// src/action/git.ts
import path from "node:path";

// src/util/child.ts
import { execFile } from "node:child_process";
function scrubbedEnv() {
  const keep = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "TEMP", "TMP"];
  const env = { GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_OPTIONAL_LOCKS: "0" };
  for (const k of keep) if (process.env[k] !== void 0) env[k] = process.env[k];
  return env;
}
function run(file, args, opts) {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, env: scrubbedEnv(), encoding: "buffer", maxBuffer: opts.maxBuffer ?? 256 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        const code2 = err ? typeof err.code === "number" ? err.code : 1 : 0;
        resolve({ code: code2, stdout, stderr: stderr.toString("utf8") });
      }
    );
  });
}

// src/action/git.ts
var SHA2 = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
async function git(cwd, args) {
  return run("git", ["-c", "core.quotePath=false", ...args], { cwd });
}
async function repoRoot(dir) {
  const r = await git(dir, ["rev-parse", "--show-toplevel"]);
  return r.code === 0 ? r.stdout.toString("utf8").trim() : null;
}
async function commitFiles(workspace, sha2) {
  if (!SHA2.test(sha2)) throw new GateError("git.sha", `not a commit id: ${JSON.stringify(sha2)}`);
  const root = await repoRoot(workspace);
  if (!root) throw new GateError("git.repo", `${workspace} is not a git checkout: the base commit's policy cannot be read (use policy-source: head outside pull requests)`);
  const has = await git(root, ["cat-file", "-e", `${sha2}^{commit}`]);
  if (has.code !== 0) {
    throw new GateError(
      "git.shallow",
      `the base commit ${sha2.slice(0, 12)} is not in the checkout, so the trusted policy cannot be read from it: set fetch-depth: 0 on actions/checkout`
    );
  }
  const prefix = path.relative(root, path.resolve(workspace)).split(path.sep).join("/");
  const inRepo = (rel) => {
    const full = path.posix.normalize(prefix ? `${prefix}/${rel}` : rel);
    if (full.startsWith("../") || full === ".." || path.posix.isAbsolute(full)) {
      throw new GateError("path.escape", `trusted file "${rel}" leaves the repository`);
    }
    return full;
  };
  const spec = (rel) => `${sha2}:${inRepo(rel)}`;
  return {
    source: "base",
    async read(rel) {
      const r = await git(root, ["show", spec(rel)]);
      if (r.code !== 0) throw new GateError("trusted.missing", `${rel} does not exist at the base commit ${sha2.slice(0, 12)}`);
      return r.stdout;
    },
    async exists(rel) {
      const r = await git(root, ["cat-file", "-e", spec(rel)]);
      return r.code === 0;
    },
    async list(dirRel) {
      const full = inRepo(dirRel).replace(/\/+$/, "");
      const r = await git(root, ["ls-tree", "-r", "-z", "--full-tree", sha2, "--", `${full}/`]);
      if (r.code !== 0) throw new GateError("trusted.missing", `${dirRel} cannot be listed at the base commit ${sha2.slice(0, 12)}`);
      const out = [];
      for (const entry of r.stdout.toString("utf8").split("\0")) {
        const m = /^(100644|100755) blob [0-9a-f]+\t(.+)$/s.exec(entry);
        if (!m) continue;
        out.push(prefix ? path.posix.relative(prefix, m[2]) : m[2]);
      }
      return out.sort();
    }
  };
}
async function changedFiles(workspace, base, head) {
  if (!SHA2.test(base) || head !== null && !SHA2.test(head)) return null;
  const root = await repoRoot(workspace);
  if (!root) return null;
  let r = head ? await git(root, ["diff", "--name-only", "-z", "--no-renames", base, head]) : null;
  if (!r || r.code !== 0) r = await git(root, ["diff", "--name-only", "-z", "--no-renames", base, "HEAD"]);
  if (r.code !== 0) return null;
  const prefix = path.relative(root, path.resolve(workspace)).split(path.sep).join("/");
  const out = /* @__PURE__ */ new Set();
  for (const f of r.stdout.toString("utf8").split("\0")) {
    if (!f) continue;
    if (!prefix) out.add(f);
    else if (f.startsWith(prefix + "/")) out.add(f.slice(prefix.length + 1));
  }
  return out;
}

// src/report/sarif.ts
import { createHash } from "node:crypto";

// src/report/annotations.ts
var LEVEL_ORDER = { error: 0, warning: 1, notice: 2 };
function annotationsFor(report) {
  const out = [];
  const add = (a) => out.push({ ...a, message: oneLine(a.message), title: oneLine(a.title) });
  for (const e of report.errors) {
    add({
      level: "error",
      message: located(e),
      title: e.kind === "fail" ? "model-gate: tampering or failed verification" : "model-gate: cannot evaluate",
      file: e.file,
      line: e.line,
      col: e.col,
      rule: `error/${e.code ?? "general"}`,
      priority: 0
    });
  }
  const sig = report.signature;
  if (sig.status === "failed" || sig.status === "error") {
    add({
      level: "error",
      message: `Signature ${sig.status === "failed" ? "verification failed" : "could not be checked"}: ${sig.message ?? "no details"}`,
      title: "model-gate: signature",
      file: report.model?.path,
      rule: "signature",
      priority: 1
    });
  } else if (sig.status === "verified" && sig.transparency === "none") {
    add({
      level: "notice",
      message: `Signature verified with ${sig.method ?? "a key"}; there is no transparency log entry for this signing mode.`,
      title: "model-gate: signature",
      rule: "signature/no-transparency-log",
      priority: 30
    });
  }
  const policy = report.policy;
  if (policy) {
    const failing = report.failed_gates.includes("policy");
    for (const l of policy.loosened) {
      if (l.file !== void 0) {
        add({
          level: failing ? "error" : "warning",
          message: `Trust file changed: ${l.file} (${l.path}): ${compactJson(l.from, 120)} \u2192 ${compactJson(l.to, 120)}` + (l.reason ? ` (${l.reason})` : "") + (failing ? ". This pull request also changes the model or its data, so the gate fails." : ". Review it with the code owners of the trust files."),
          title: "model-gate: trust file changed",
          file: l.file,
          rule: "policy/trust-changed",
          priority: failing ? 2 : 10
        });
        continue;
      }
      add({
        level: failing ? "error" : "warning",
        message: `Policy loosened: ${l.path}: ${compactJson(l.from, 120)} \u2192 ${compactJson(l.to, 120)}` + (l.reason ? ` (${l.reason})` : "") + (failing ? ". This pull request also changes the model or its data, so the gate fails." : ". A policy-only change: review it with the policy's code owners."),
        title: "model-gate: policy loosened",
        file: policy.path,
        line: l.line,
        rule: "policy/loosened",
        priority: failing ? 2 : 10
      });
    }
  }
  for (const [name, g] of Object.entries(report.gates)) {
    for (const c of g.checks) {
      if (c.pass) continue;
      const level = checkLevel(g.status, c);
      add({
        level,
        message: checkMessage(name, c),
        title: `model-gate: ${name} ${c.metric}`,
        file: c.file,
        line: c.line,
        col: c.col,
        rule: `threshold/${name}/${c.metric}`,
        priority: level === "error" ? 3 : 11
      });
    }
    if (g.status === "error") {
      add({
        level: "error",
        message: `Gate ${name} could not be evaluated: ${g.message ?? "no details"}`,
        title: `model-gate: ${name}`,
        rule: `gate-error/${name}`,
        priority: 4
      });
    }
  }
  const poisoning = report.gates.poisoning;
  if (poisoning?.details?.suspects && poisoning.details.format === "csv") {
    const d = poisoning.details;
    const level = poisoning.status === "fail" ? "warning" : "notice";
    for (const s of (d.suspects ?? []).slice(0, 50)) {
      if (s.line === void 0) continue;
      add({
        level,
        message: `Suspected poisoned or mislabelled row ${s.row} (0-based; line ${s.line}) with given label ${String(s.label)}, named by ${s.screens.join(", ")}`,
        title: "model-gate: poisoning suspect",
        file: d.path,
        line: s.line,
        rule: "poisoning/suspect",
        priority: 15
      });
    }
  }
  const checked = /* @__PURE__ */ new Set([
    ...Object.entries(report.gates).filter(([n]) => n === "model-card").flatMap(([, g]) => g.checks.filter((c) => !c.pass).map((c) => `${c.file}:${c.line}`)),
    ...[...report.warnings, ...report.errors].filter((m) => m.file).map((m) => `${m.file}:${m.line}`)
  ]);
  for (const cl of readClaims(report.model_card)) {
    if (cl.pass !== false || checked.has(`${cl.file}:${cl.line}`)) continue;
    const level = cl.onMismatch === "fail" ? "error" : "warning";
    add({
      level,
      message: `Model card claims ${cl.claim} = ${num(cl.claimed)}, measured ${num(cl.measured)}${cl.tolerance !== void 0 ? ` (tolerance ${num(cl.tolerance)})` : ""}`,
      title: "model-gate: model card claim",
      file: cl.file,
      line: cl.line,
      col: cl.col,
      rule: `card/claim/${cl.claim}`,
      priority: level === "error" ? 5 : 12
    });
  }
  for (const w of report.warnings) {
    add({
      level: "warning",
      message: located(w),
      title: "model-gate",
      file: w.file,
      line: w.line,
      col: w.col,
      rule: `warning/${w.code ?? "general"}`,
      priority: 20
    });
  }
  const seen = /* @__PURE__ */ new Set();
  const unique = out.filter((a) => {
    const k = `${a.level}\0${a.file}\0${a.line}\0${a.message.replace(/^Gate \S+ could not be evaluated: /, "")}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.map((a, i) => ({ a, i })).sort((x, y) => LEVEL_ORDER[x.a.level] - LEVEL_ORDER[y.a.level] || x.a.priority - y.a.priority || x.i - y.i).map(({ a }) => a);
}
function oneLine(s) {
  return truncate(String(s).replace(/\s*[\r\n]+\s*/g, " ").trim(), 4e3);
}
function workflowCommandLines(annotations, opts = {}) {
  const limit = opts.limit ?? 10;
  const seeAlso = opts.seeAlso ?? "see the job summary / check run";
  const lines = [];
  for (const level of ["error", "warning", "notice"]) {
    const of = annotations.filter((a) => a.level === level);
    const shown = of.length > limit ? of.slice(0, limit - 1) : of;
    for (const a of shown) {
      lines.push(
        workflowCommand(
          level,
          { file: a.file, line: a.file ? a.line : void 0, col: a.file && a.line ? a.col : void 0, title: truncate(a.title, 255) },
          a.message
        )
      );
    }
    if (of.length > shown.length) {
      const more = of.length - shown.length;
      const noun = level === "error" ? "errors" : level === "warning" ? "warnings" : "notices";
      lines.push(`::${level} title=model-gate::${escapeCommandData(`${more} more ${noun}: ${seeAlso}`)}`);
    }
  }
  return lines;
}

// src/report/sarif.ts
var RULE_TEXT = [
  [/^threshold\/([^/]+)\/(.+)$/, (m) => ({ short: `${m[1]}: ${m[2]} outside its threshold`, full: `The ${m[1]} gate measured ${m[2]} outside the threshold the policy sets.`, tags: ["ml", m[1]] })],
  [/^policy\/loosened$/, () => ({ short: "Policy loosened", full: "The pull request changes the model-gate policy in a way that is not provably stricter.", tags: ["ml", "policy", "security"] })],
  [/^policy\/trust-changed$/, () => ({ short: "Trust file changed", full: "The pull request changes the content of a file the policy trusts (key, certificate root, trusted root, reference model); the base commit's copy is used.", tags: ["ml", "policy", "supply-chain", "security"] })],
  [/^signature$/, () => ({ short: "Model signature not verified", full: "The model signature is missing, invalid, or from an unexpected signer.", tags: ["ml", "supply-chain", "security"] })],
  [/^signature\/no-transparency-log$/, () => ({ short: "Signature without transparency log", full: "The signature was verified with a key or certificate; there is no transparency log entry.", tags: ["ml", "supply-chain"] })],
  [/^gate-error\/(.+)$/, (m) => ({ short: `${m[1]}: gate could not be evaluated`, full: `The ${m[1]} gate could not be evaluated.`, tags: ["ml", m[1]] })],
  [/^card\/claim\/(.+)$/, (m) => ({ short: `Model card claim ${m[1]} does not match`, full: `The model card claims a value of ${m[1]} that differs from the measured one by more than the tolerance.`, tags: ["ml", "model-card"] })],
  [/^error\/(.+)$/, (m) => ({ short: `model-gate error (${m[1]})`, full: "model-gate could not evaluate the model.", tags: ["ml"] })],
  [/^warning\/(.+)$/, (m) => ({ short: `model-gate warning (${m[1]})`, full: "A warning from model-gate.", tags: ["ml"] })]
];
function ruleFor(id, level) {
  let text = { short: id, full: id, tags: ["ml"] };
  for (const [re, f] of RULE_TEXT) {
    const m = id.match(re);
    if (m) {
      text = f(m);
      break;
    }
  }
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_s, c) => c ? c.toUpperCase() : "").replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    defaultConfiguration: { level: sarifLevel(level) },
    properties: { tags: text.tags }
  };
}
function sarifLevel(l) {
  return l === "notice" ? "note" : l;
}
function sarifText(s) {
  return s.replace(/[\\[\]]/g, (c) => `\\${c}`);
}
function artifactUri(path5) {
  return path5.replace(/\\/g, "/").replace(/^\.\//, "").replace(/^\/+/, "").split("/").map((seg) => encodeURIComponent(seg)).join("/");
}
function toSarif(report, opts) {
  const annotations = annotationsFor(report);
  const rules = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  const results = [];
  const fallbackFile = report.policy?.path;
  for (const a of annotations) {
    if (!ruleIndex.has(a.rule)) {
      ruleIndex.set(a.rule, rules.length);
      rules.push(ruleFor(a.rule, a.level));
    }
    const file = a.file ?? fallbackFile;
    const line = a.file ? a.line : 1;
    const result = {
      ruleId: a.rule,
      ruleIndex: ruleIndex.get(a.rule),
      level: sarifLevel(a.level),
      message: { text: sarifText(a.message) }
    };
    if (file) {
      const region = { startLine: line && line >= 1 ? Math.floor(line) : 1 };
      if (a.file && a.col && a.col >= 1) region.startColumn = Math.floor(a.col);
      result.locations = [{ physicalLocation: { artifactLocation: { uri: artifactUri(file), uriBaseId: "%SRCROOT%" }, region } }];
      result.partialFingerprints = {
        "modelGate/v1": createHash("sha256").update(`${a.rule}\0${file}\0${a.file ? a.line ?? "" : ""}`).digest("hex").slice(0, 32)
      };
    }
    results.push(result);
  }
  const driver = { name: "model-gate", rules };
  if (opts.toolVersion) driver.version = opts.toolVersion;
  if (opts.informationUri) driver.informationUri = opts.informationUri;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver },
        automationDetails: { id: `model-gate/${opts.id.replace(/[^A-Za-z0-9._/-]/g, "_")}/` },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root (GITHUB_WORKSPACE)." } } },
        invocations: [{ executionSuccessful: report.verdict !== "error" }],
        results,
        properties: { verdict: report.verdict, failedGates: report.failed_gates, mode: report.mode }
      }
    ]
  };
}
function renderSarif(report, opts) {
  return JSON.stringify(toSarif(report, opts), null, 2) + "\n";
}

// src/report/comment.ts
var COMMENT_MAX_CHARS = 65e3;
function sanitizeId(id) {
  const s = String(id).replace(/[^A-Za-z0-9._/-]/g, "_").slice(0, 100);
  return s || "default";
}
function commentMarker(id) {
  return `<!-- model-gate:${sanitizeId(id)} -->`;
}
function renderComment(report, opts) {
  const id = sanitizeId(opts.id);
  const url = safeUrl(opts.runUrl);
  const tag = gateTitleId(id) ? `model-gate ${code(id)}` : "model-gate";
  const footer = url ? `[Full report: job summary of this run](${url}) \xB7 <sub>${tag}</sub>` : `<sub>${tag}: full report in the job summary of this run</sub>`;
  const head = commentMarker(id);
  const sections = [
    loosenedSection(report, 3),
    unpinnedDataSection(report, 3),
    verdictSection(report, id, 3),
    errorsSection(report, 4),
    gatesTable(report),
    failedChecksSection(report, 4),
    signatureLine(report),
    changedDatasets(report),
    modelCardSection(report, 4)
  ];
  const max = (opts.maxChars ?? COMMENT_MAX_CHARS) - Buffer.byteLength(head) - Buffer.byteLength(footer) - 8;
  const body = assemble(
    sections,
    max,
    (n) => `> \u26A0\uFE0F Comment cut to stay under GitHub's size limit (${n} section${n === 1 ? "" : "s"} left out): see the full report${url ? ` in the [job summary](${url})` : " in the job summary"}.`,
    Buffer.byteLength
  );
  return `${head}
${body.trimEnd()}

${footer}
`;
}
function gatesTable(r) {
  const entries = gateEntries(r);
  if (!entries.length) return "";
  const rows = entries.map(({ name: n, result: g }) => {
    const checks = g.checks.slice(0, 6).map((c) => `${c.pass ? "\u2705" : "\u274C"} ${code(c.metric, { inTable: true })} ${num(c.value)} (${thresholdText(c)})`).join("<br>");
    const more = g.checks.length > 6 ? `<br>\u2026 ${g.checks.length - 6} more` : "";
    return [md(n), `${STATUS_EMOJI[g.status] ?? ""} ${md(g.status)}`, checks + more || (g.message ? md(g.message) : "\u2014")];
  });
  const regression = entries.flatMap((e) => e.name === "regression" ? regressionSentences(e.result) : []);
  const sentences = regression.length ? `

**Regression against the baseline**
${regression.slice(0, 10).map((x) => `- ${md(x)}`).join("\n")}` : "";
  return table(["gate", "status", "checks"], rows, { maxRows: 50 }) + sentences + poisoningLines(entries);
}
function poisoningLines(entries) {
  const e = entries.find((x) => x.name === "poisoning");
  const v = e && e.name === "poisoning" ? poisoningView(e.result) : null;
  if (!e || !v) return "";
  const flagged = (e.result.details.flagged ?? []).map((c) => md(String(c)));
  const lines = [`**Poisoning screen:** ${flagged.length ? `flagged class${flagged.length > 1 ? "es" : ""} ${flagged.join(", ")}` : "no class flagged"}; ${v.total} suspected row${v.total === 1 ? "" : "s"}`];
  for (const s of v.suspects.slice(0, 5)) lines.push(`- row ${md(s.row)} (label ${md(s.label)}): ${md(s.screens)}`);
  if (v.grid) lines.push(`- suspect images: ${md(v.grid)}`);
  return `

${lines.join("\n")}`;
}
function signatureLine(r) {
  const s = r.signature;
  const emoji = s.status === "verified" ? "\u2705" : s.status === "skipped" ? "\u23ED\uFE0F" : "\u274C";
  const who = s.identity ? ` by ${code(s.identity)}` : s.key_fingerprint ? ` with key ${code(s.key_fingerprint)}` : "";
  const how = s.method ? ` (${md(s.method)}${s.transparency === "none" ? ", no transparency log" : ""})` : "";
  const card = s.covers_card === false && (r.model_card === void 0 || r.model_card === null) ? " **The model card is not covered by the signature.**" : "";
  const msg = s.status !== "verified" && s.message ? `: ${md(s.message)}` : "";
  return `**Signature:** ${emoji} ${md(s.status)}${who}${how}${msg}.${card}`;
}
function changedDatasets(r) {
  const changed = Object.entries(r.datasets).filter(([, d]) => d.changed_in_pr);
  if (!changed.length) return "";
  return `**Data changed in this pull request:** ${changed.map(([n, d]) => `${md(n)} (${code(d.path)})`).join(", ")}`;
}
function renderCheckRun(report, opts) {
  const id = sanitizeId(opts.id);
  const v = verdictView(report);
  const title = `${v.word}: ${v.sentence}`.replace(/\s+/g, " ").slice(0, 200);
  const summary = assemble(
    [verdictSection(report, id, 3), loosenedSection(report, 3), unpinnedDataSection(report, 3), errorsSection(report, 4), gatesTable(report), failedChecksSection(report, 4), signatureLine(report)],
    6e4,
    (n) => `> ${n} section${n === 1 ? "" : "s"} left out: see the job summary.`,
    Buffer.byteLength
  );
  const text = renderSummary(report, { id, runUrl: opts.runUrl, maxBytes: 6e4 });
  return { title, summary, text };
}

// src/report/github.ts
var FALLBACK_LOGIN = "github-actions[bot]";
function graphqlUrlFor(apiUrl) {
  const base = apiBase(apiUrl);
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, "/api/graphql") : `${base}/graphql`;
}
var request = apiRequest;
var describe = describeReply;
function hint(r, what) {
  if (r.status === 403 || r.status === 404) {
    return what === "comment" ? " (the token needs `pull-requests: write`; pull requests from forks get a read-only token)" : " (the token needs `checks: write`; pull requests from forks get a read-only token)";
  }
  return "";
}
async function viewerLogin(o) {
  const r = await request(o, "POST", o.graphqlUrl ?? graphqlUrlFor(o.apiUrl), { query: "query { viewer { login } }" });
  const login = r.json?.data?.viewer?.login;
  if (r.ok && typeof login === "string" && login) return login;
  return FALLBACK_LOGIN;
}
function isOwnComment(c, marker, login) {
  const first = (c.body ?? "").split("\n", 1)[0].replace(/\r$/, "").trim();
  return first === marker && (c.user?.login ?? "").toLowerCase() === login.toLowerCase();
}
async function publishComment(o) {
  const warn = (m) => o.log?.warn(`model-gate: could not publish the pull-request comment: ${m}. The verdict is not affected.`);
  if (!validRepo(o.repo) || !Number.isInteger(o.issueNumber) || o.issueNumber <= 0) {
    warn(`invalid repository or pull request number (${o.repo}#${o.issueNumber})`);
    return { ok: false, action: "failed" };
  }
  const marker = commentMarker(o.id);
  const body = o.body.startsWith(marker) ? o.body : `${marker}
${o.body}`;
  const login = o.login ?? await viewerLogin(o);
  const base = apiBase(o.apiUrl);
  let url = `${base}/repos/${o.repo}/issues/${o.issueNumber}/comments?per_page=100`;
  let existing;
  for (let page = 0; url && page < 100 && !existing; page++) {
    const r2 = await request(o, "GET", url);
    if (!r2.ok || !Array.isArray(r2.json)) {
      warn(`listing comments failed: ${describe(r2)}${hint(r2, "comment")}`);
      return { ok: false, action: "failed" };
    }
    existing = r2.json.find((c) => c && typeof c.id === "number" && isOwnComment(c, marker, login));
    url = nextLink(r2.headers?.get("link") ?? null, base);
  }
  if (existing) {
    const r2 = await request(o, "PATCH", `${base}/repos/${o.repo}/issues/comments/${existing.id}`, { body });
    if (r2.ok) return { ok: true, action: "updated", commentId: existing.id, url: r2.json?.html_url };
    if (r2.status !== 404) {
      warn(`editing comment ${existing.id} failed: ${describe(r2)}${hint(r2, "comment")}`);
      return { ok: false, action: "failed" };
    }
  }
  const r = await request(o, "POST", `${base}/repos/${o.repo}/issues/${o.issueNumber}/comments`, { body });
  if (r.ok) {
    const c = r.json;
    return { ok: true, action: "created", commentId: c?.id, url: c?.html_url };
  }
  warn(`creating the comment failed: ${describe(r)}${hint(r, "comment")}`);
  return { ok: false, action: "failed" };
}
function checkConclusion(report) {
  if (report.verdict === "pass") return "success";
  if (report.verdict === "error") return "failure";
  const onlyGates = report.failed_gates.length > 0 && report.failed_gates.every((g) => g in report.gates);
  return report.mode === "advisory" && onlyGates && report.signature.status !== "failed" ? "neutral" : "failure";
}
function checkAnnotations(annotations) {
  return annotations.filter((a) => a.file).map((a) => {
    const line = a.line && a.line >= 1 ? Math.floor(a.line) : 1;
    const out = {
      path: a.file.replace(/\\/g, "/").replace(/^\.\//, ""),
      start_line: line,
      end_line: line,
      annotation_level: a.level === "error" ? "failure" : a.level,
      message: truncate(a.message, 6e4),
      title: truncate(a.title, 255)
    };
    if (a.line && a.col && a.col >= 1) {
      out.start_column = Math.floor(a.col);
      out.end_column = Math.floor(a.col);
    }
    return out;
  });
}
var CHECK_TEXT_MAX = 65535;
var ANNOTATIONS_PER_REQUEST = 50;
async function publishCheckRun(o) {
  const warn = (m) => o.log?.warn(`model-gate: could not publish the check run: ${m}. Annotations go to the log instead; the verdict is not affected.`);
  if (!validRepo(o.repo) || !/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(o.headSha)) {
    warn(`invalid repository or head SHA (${o.repo} ${o.headSha})`);
    return false;
  }
  const base = apiBase(o.apiUrl);
  const all = checkAnnotations(o.annotations);
  const batches = [];
  for (let i = 0; i < all.length; i += ANNOTATIONS_PER_REQUEST) batches.push(all.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (annotations) => ({
    title: truncate(o.title, 255),
    summary: truncate(o.summary, CHECK_TEXT_MAX),
    ...o.text ? { text: truncate(o.text, CHECK_TEXT_MAX) } : {},
    ...annotations && annotations.length ? { annotations } : {}
  });
  const create = {
    name: o.name,
    head_sha: o.headSha,
    status: "completed",
    conclusion: o.conclusion,
    completed_at: o.completedAt ?? (/* @__PURE__ */ new Date()).toISOString(),
    output: output(batches[0])
  };
  if (o.detailsUrl) create.details_url = o.detailsUrl;
  const r = await request(o, "POST", `${base}/repos/${o.repo}/check-runs`, create);
  const id = r.json?.id;
  if (!r.ok || typeof id !== "number") {
    warn(`creating the check run failed: ${describe(r)}${hint(r, "check")}`);
    return false;
  }
  for (let b = 1; b < batches.length; b++) {
    const p = await request(o, "PATCH", `${base}/repos/${o.repo}/check-runs/${id}`, { output: output(batches[b]) });
    if (!p.ok) {
      warn(`adding annotations ${b * ANNOTATIONS_PER_REQUEST + 1}-${b * ANNOTATIONS_PER_REQUEST + batches[b].length} failed: ${describe(p)}${hint(p, "check")}`);
      return false;
    }
  }
  return true;
}

// src/report/publish.ts
async function publishReport(report, o) {
  const id = sanitizeId(o.id);
  const log = { warn: o.warn };
  try {
    await o.writeSummary(renderSummary(report, { id, runUrl: o.runUrl, reportPath: o.reportPath }));
  } catch (e) {
    o.warn(`model-gate: could not write the job summary: ${e?.message ?? String(e)}`);
  }
  const annotations = annotationsFor(report);
  let checkRun = false;
  if (o.api && o.headSha) {
    const out = renderCheckRun(report, { id, runUrl: o.runUrl });
    checkRun = await publishCheckRun({
      ...o.api,
      log,
      headSha: o.headSha,
      name: `model-gate/${id}`,
      conclusion: checkConclusion(report),
      title: out.title,
      summary: out.summary,
      text: out.text,
      annotations,
      detailsUrl: o.runUrl
    });
  }
  let workflowAnnotations = 0;
  if (!checkRun) {
    const lines = workflowCommandLines(annotations);
    for (const l of lines) o.writeLine(l);
    workflowAnnotations = lines.length;
  }
  let comment = null;
  if (o.api && o.pullRequest) {
    comment = await publishComment({ ...o.api, log, issueNumber: o.pullRequest, id, body: renderComment(report, { id, runUrl: o.runUrl }) });
  }
  return { checkRun, workflowAnnotations, comment };
}

// src/action/attest.ts
import { createPublicKey } from "node:crypto";
var ATTEST_EVENTS = ["push", "release", "workflow_dispatch", "schedule", "pull_request"];
function repoOf(side) {
  const repo = side?.repo;
  if (!repo || typeof repo !== "object") return null;
  const r = repo;
  return { id: typeof r.id === "number" ? r.id : void 0, name: typeof r.full_name === "string" ? r.full_name.toLowerCase() : void 0 };
}
function attestDecision(eventName, payload) {
  const name = eventName || "none";
  if (name === "pull_request_target") {
    return { attest: false, reason: "pull_request_target runs are never attested (the checked-out code can come from a fork while the job holds the base repository's secrets)" };
  }
  if (!ATTEST_EVENTS.includes(name)) return { attest: false, reason: `${name} runs are not attested (attested events: ${ATTEST_EVENTS.join(", ")})` };
  if (name !== "pull_request") return { attest: true };
  const pr = payload?.pull_request;
  const head = repoOf(pr?.head);
  const base = repoOf(pr?.base);
  const same = !!head && !!base && (head.id !== void 0 && base.id !== void 0 ? head.id === base.id : head.name !== void 0 && head.name === base.name);
  if (same) return { attest: true };
  const why = head?.name ? `this pull request comes from ${head.name}, a fork` : "this pull request's head repository is unknown, so it counts as a fork";
  return { attest: false, reason: `${why}: pull requests from forks are never attested` };
}
var NO_SIGNER = "attest: true signs keyless with the workflow's OIDC identity, but this job has no OIDC token: add `permissions: id-token: write` to the job, or pass the signing-key input (a PEM private key, e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }})";
function resolveSigner(signingKeyPem, env = {}) {
  if (!signingKeyPem) {
    const token = tokenSourceFrom(env);
    if (!token) throw new GateError("attest.signer", NO_SIGNER);
    const fulcioUrl = env.MODEL_GATE_FULCIO_URL || PUBLIC_GOOD_FULCIO;
    const rekorUrl = env.MODEL_GATE_REKOR_URL || PUBLIC_GOOD_REKOR;
    serviceUrl(fulcioUrl, "MODEL_GATE_FULCIO_URL");
    serviceUrl(rekorUrl, "MODEL_GATE_REKOR_URL");
    return { kind: "keyless", signer: keylessSigner({ token, fulcioUrl, rekorUrl }), fulcioUrl, rekorUrl };
  }
  if (!signingKeyPem.includes("-----BEGIN")) {
    throw new GateError("attest.signer", "input signing-key holds no PEM block: pass the PEM text of the private key (e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }}), not a path");
  }
  return { kind: "key", key: loadSigningKey(Buffer.from(signingKeyPem, "utf8"), "from the signing-key input") };
}
function signerId(signer) {
  switch (signer.kind) {
    case "key":
      return { kind: "key", fingerprint: keyFingerprint(createPublicKey(signer.key.publicPem)) };
    case "keyless": {
      const who = signer.signer.signerIdentity();
      return { kind: "keyless", identity: who?.identity ?? "", issuer: who?.issuer ?? "" };
    }
  }
}
function secretParts(pem) {
  if (!pem) return [];
  const lines = pem.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8 && !l.startsWith("-----"));
  return [pem, ...new Set(lines)];
}
async function signAttestation(report, signer, opts) {
  switch (signer.kind) {
    case "key":
      return attestRun(report, opts, signer.key);
    case "keyless":
      return attestRunWith(report, opts, signer.signer);
  }
}
function actionVerifierId(env) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  if (env.GITHUB_ACTION_REPOSITORY) return `${server}/${env.GITHUB_ACTION_REPOSITORY}${env.GITHUB_ACTION_REF ? `@${env.GITHUB_ACTION_REF}` : ""}`;
  if (env.GITHUB_REPOSITORY) return `${server}/${env.GITHUB_REPOSITORY}${env.GITHUB_SHA ? `@${env.GITHUB_SHA}` : ""}`;
  return "https://model-gate.dev/verifier/action";
}

// src/action/shard.ts
import { lstatSync, readdirSync, readFileSync as readFileSync2, realpathSync } from "node:fs";
import path2 from "node:path";
var MAX_FILES = 1e4;
function findPartials(folder, roots, shown) {
  const what = `merge folder ${shown(folder)}`;
  let st;
  try {
    st = lstatSync(folder);
  } catch (e) {
    throw new GateError("shard.missing", `${what} cannot be read (${e.code ?? e.message}): download the shards' artifacts into it first (actions/download-artifact with path: that folder)`);
  }
  if (st.isSymbolicLink()) throw new GateError("input.merge", `${what} is a symlink: model-gate reads no partial through a symlink; give the folder itself`);
  if (!st.isDirectory()) throw new GateError("input.merge", `${what} is not a folder: give the folder the shards' artifacts were downloaded into`);
  const real = realpathSync(folder);
  if (!roots.some((r) => inside(real, r))) throw new GateError("input.merge", `${what} is outside the workspace and RUNNER_TEMP (after resolving symlinks): download the artifacts under one of them`);
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const abs = path2.join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new GateError("input.merge", `${shown(abs)} (in ${what}) is a symlink: model-gate reads no partial through a symlink; upload and download the partial files themselves`);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && entry.name.endsWith(".partial")) {
        out.push(abs);
        if (out.length > MAX_FILES) throw new GateError("input.merge", `${what} holds more than ${MAX_FILES} *.partial files: give the folder of one run's shards`);
      }
    }
  };
  walk(folder);
  if (out.length === 0) throw new GateError("shard.missing", `${what} holds no *.partial file: download the shards' artifacts into it (the files written by shard: K/N, output partial-path)`);
  return out;
}
function readMerge(folder, roots, shown) {
  const parts = findPartials(folder, roots, shown).map((abs) => {
    const file = shown(abs);
    let bytes;
    try {
      bytes = readFileSync2(abs);
    } catch (e) {
      throw new GateError("shard.missing", `${file} cannot be read (${e.code ?? e.message}): download the shards' artifacts again`);
    }
    return { file, partial: decodePartial(bytes, file) };
  });
  return mergePartials(parts);
}
function rowsPerDataset(p) {
  const rows = {};
  for (const e of p.entries) rows[e.dataset] = e.rows.length;
  return rows;
}
function rowsText(rows) {
  return Object.entries(rows).map(([d, r]) => `${d} ${r} rows`).join(", ") || "no rows (no gate reads predictions)";
}
function shardLine(p, file, bytes) {
  return `model-gate: shard ${p.shard.k}/${p.shard.n}: ${rowsText(rowsPerDataset(p))}; ${p.entries.length} (model, dataset) outputs written to ${file} (${bytes} bytes)`;
}
function shardSummary(p, id, file, bytes) {
  const rows = Object.entries(rowsPerDataset(p));
  const lines = [
    `## model-gate/${id}: shard ${p.shard.k} of ${p.shard.n}`,
    "",
    `A shard is not a verdict: it did the per-row model work of its rows and wrote them as a partial result; the merge job (input \`merge\`) checks all ${p.shard.n} partials and decides.`,
    ""
  ];
  if (rows.length) {
    lines.push("| dataset | rows in this shard |", "|---|---:|");
    for (const [d, r] of rows) lines.push(`| ${code(d)} | ${r} |`);
    lines.push("");
  } else lines.push("No gate of the policy reads predictions: the partial holds no rows.", "");
  lines.push(`**Partial:** ${code(file)} (${bytes} bytes; ${p.entries.length} (model, dataset) outputs), output \`partial-path\`: upload it with actions/upload-artifact.`);
  return lines.join("\n") + "\n";
}
function contributionLines(m) {
  return m.contributions.map((c) => `merge: shard ${c.k}/${m.n} (${c.file}): ${rowsText(c.rows)}`);
}
function mergeSummary(m) {
  const datasets = [...new Set(m.contributions.flatMap((c) => Object.keys(c.rows)))];
  const lines = [
    "",
    `**Shards:** this report was merged from ${m.n} shard partial${m.n === 1 ? "" : "s"} (seed ${m.seed}); the rows each contributed:`,
    "",
    `| shard | file |${datasets.map((d) => ` ${code(d)} |`).join("")}`,
    `|---:|---|${datasets.map(() => "---:|").join("")}`
  ];
  for (const c of m.contributions) lines.push(`| ${c.k} | ${code(c.file)} |${datasets.map((d) => ` ${c.rows[d] ?? 0} |`).join("")}`);
  return lines.join("\n") + "\n";
}
function inside(real, root) {
  let r;
  try {
    r = realpathSync(root);
  } catch {
    return false;
  }
  const rel = path2.relative(r, real);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${path2.sep}`) && !path2.isAbsolute(rel);
}

// src/action/cache.ts
import { lstatSync as lstatSync2, readdirSync as readdirSync2, readFileSync as readFileSync3, rmSync, unlinkSync } from "node:fs";
import { createHash as createHash2 } from "node:crypto";
import path3 from "node:path";
var client = () => import("./cache-64H2HEXS.js");
function cachePrefix(id, shard) {
  return `model-gate-v1-${process.platform}-${process.arch}-${id}-${shard ? `shard${shard.k}of${shard.n}-` : ""}`;
}
async function restoreActionCache(o) {
  const dir = path3.join(o.runnerTemp, `model-gate-cache-${o.id}`);
  rmSync(dir, { recursive: true, force: true });
  const store2 = dirCache(dir, (m) => o.log.warn(m), { roots: [o.workspace, o.runnerTemp], where: "the workspace and RUNNER_TEMP", what: "the cache folder" });
  const prefix = cachePrefix(o.id, o.shard);
  let cache;
  try {
    cache = o.cache ?? await client();
  } catch (e) {
    o.log.warn(`cache: true, but the Actions cache client cannot be loaded (${e.message}): every outcome is computed and nothing is saved`);
    return { store: store2, prefix, service: false };
  }
  if (!cache.isFeatureAvailable()) {
    o.log.warn("cache: true, but the Actions cache service is not available to this step (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): every outcome is computed and nothing is saved");
    return { store: store2, prefix, service: false };
  }
  try {
    const primary = `${prefix}${o.env.GITHUB_SHA || "local"}`;
    const hit = await cache.restoreCache([dir], primary, [prefix]);
    o.log.info(hit ? `model-gate: cache ${hit} restored into ${dir} (${entryNames(dir).length} entries)` : `model-gate: no saved cache for ${prefix}*: every outcome is computed`);
  } catch (e) {
    o.log.warn(`cache: not restored (${e.message}): every outcome is computed`);
  }
  return { store: store2, prefix, service: true };
}
async function saveActionCache(c, o) {
  o.log.info(`model-gate: ${c.store.summary()}`);
  if (!c.service || c.store.stats.written === 0) return;
  try {
    for (const name of readdirSync2(c.store.dir)) {
      if (c.store.used.has(name)) continue;
      const file = path3.join(c.store.dir, name);
      if (lstatSync2(file).isDirectory()) rmSync(file, { recursive: true, force: true });
      else unlinkSync(file);
    }
    const names = entryNames(c.store.dir);
    const h = createHash2("sha256");
    for (const n of names) h.update(`${n} ${createHash2("sha256").update(readFileSync3(path3.join(c.store.dir, n))).digest("hex")}
`);
    const key = `${c.prefix}${h.digest("hex").slice(0, 32)}-${o.env.GITHUB_RUN_ID || "local"}.${o.env.GITHUB_RUN_ATTEMPT || "1"}`;
    o.log.info(`model-gate: saving the cache as ${key} (${names.length} entries, ${c.store.stats.written} new)`);
    const cache = o.cache ?? await client();
    await cache.saveCache([c.store.dir], key);
  } catch (e) {
    o.log.warn(`cache: not saved (${e.message}): the next run computes these outcomes again`);
  }
}
function entryNames(dir) {
  try {
    return readdirSync2(dir).filter((n) => n.endsWith(ENTRY_SUFFIX)).sort();
  } catch {
    return [];
  }
}

// src/action/run.ts
var ADVISORY_OK = new Set(GATES.map((g) => g.name));
async function runAction(env) {
  const debug = env.RUNNER_DEBUG === "1";
  const failed = (e) => {
    const err = asGateError(e);
    setOutput("verdict", "error");
    setFailed(neutraliseLog(err.located));
    if (debug) info(neutraliseLog(`debug: ${debugStack(err)}`));
    return 1;
  };
  let inputs;
  let event;
  let signer = null;
  try {
    inputs = readInputs(env);
    if (inputs.token) setSecret(inputs.token);
    for (const part of secretParts(inputs.signingKey)) setSecret(part);
    const payload = readEventPayload(env.GITHUB_EVENT_PATH);
    event = resolveEvent(env.GITHUB_EVENT_NAME ?? "", payload, { sha: env.GITHUB_SHA }, inputs.allowPullRequestTarget);
    if (inputs.attest) {
      const decision = attestDecision(env.GITHUB_EVENT_NAME ?? "", payload);
      if (decision.attest) {
        signer = resolveSigner(inputs.signingKey, env);
        if (inputs.storeAttestation === "true") checkStorable(signer, inputs, env);
      } else notice(neutraliseLog(`model-gate: no attestation: ${decision.reason}`));
    }
  } catch (e) {
    return failed(e);
  }
  const roots = [inputs.workspace, inputs.runnerTemp];
  let merged = null;
  try {
    if (inputs.shard) checkOutputPath(inputs.partialPath, roots, "partial-path");
    if (inputs.merge) merged = readMerge(inputs.merge, roots, (abs) => shownPath(inputs.workspace, abs));
  } catch (e) {
    const err = asGateError(e);
    return failed(inputs.merge && err.code.startsWith("shard.") ? new GateError(err.code, `merge: ${err.message}`) : err);
  }
  if (merged) for (const line of contributionLines(merged)) info(neutraliseLog(line));
  const log = {
    info: (m) => info(neutraliseLog(m)),
    warn: (m) => info(neutraliseLog(`warning: ${m}`))
  };
  const progressLines = progressFormatter({ now: () => performance.now(), live: false });
  const head = workingTreeFiles(inputs.workspace, "head");
  let report;
  const artifacts = [];
  let partial;
  try {
    let trusted = workingTreeFiles(inputs.workspace, "working-tree");
    let baseFiles = null;
    if (event.isPullRequest && inputs.policySource === "base") {
      if (!event.base) throw new GateError("event.base", `the ${event.name} event has no base commit, so the trusted policy cannot be read: set policy-source: head, or run on pull_request`);
      trusted = baseFiles = await commitFiles(inputs.workspace, event.base);
    } else {
      if (event.isPullRequest) {
        log.warn("policy-source: head: the policy and its trust files are read from the pull request itself, which can change them");
        trusted = head;
      }
      if (event.base) {
        baseFiles = await commitFiles(inputs.workspace, event.base).catch((e) => {
          log.info(`no model-card diff: ${e.message}`);
          return null;
        });
      }
    }
    const changed = event.base ? await changedFiles(inputs.workspace, event.base, event.head) : null;
    const outcomes = inputs.cache ? await restoreActionCache({ runnerTemp: inputs.runnerTemp, workspace: inputs.workspace, id: inputs.id, shard: inputs.shard, env, log }) : null;
    log.info(`model-gate: event ${event.name}${event.base ? `, base ${event.base.slice(0, 12)}` : ""}${event.head ? `, head ${event.head.slice(0, 12)}` : ""}; policy from ${trusted.source}`);
    report = await runGate({
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      policyPath: inputs.policy,
      mode: inputs.mode,
      trusted,
      head,
      baseFiles,
      changedFiles: changed,
      log,
      // the Actions log is not a terminal: whole lines, at most one update line every 5 s
      progress: (e) => {
        const out = progressLines.push(e);
        if (out) info(neutraliseLog(out.text));
      },
      debug,
      artifact: (_gate, a) => artifacts.push(a),
      ...inputs.shard ? { shard: { ...inputs.shard, partial: (p) => partial = p } } : {},
      // The merge runs with the policy's seed (there is no seed input): partials made with another are stale.
      ...merged ? { shards: merged } : {},
      ...outcomes ? { cache: outcomes.store } : {}
    });
    if (outcomes) await saveActionCache(outcomes, { env, log });
  } catch (e) {
    return failed(e);
  }
  if (inputs.shard) return finishShard(report, partial, inputs, env, roots);
  const refusal = merged ? report.errors.find((e) => e.code?.startsWith("shard.")) : void 0;
  if (refusal) return failed(new GateError(refusal.code, `merge: ${refusal.message}`));
  await publish(report, inputs, event, env, log, signer, artifacts);
  if (merged && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, mergeSummary(merged));
  const signedBy = report.signature.identity ?? report.signature.key_fingerprint ?? "";
  setOutput("verdict", report.verdict);
  setOutput("model-digest", report.model?.digest ?? "");
  setOutput("model-sha256", report.model?.sha256 ?? "");
  setOutput("signer", signedBy);
  setOutput("failed-gates", report.failed_gates.join(","));
  const headline = verdictLine(report);
  if (report.verdict === "pass") {
    info(headline);
    return 0;
  }
  if (report.verdict === "fail" && inputs.mode === "advisory" && report.failed_gates.every((g) => ADVISORY_OK.has(g))) {
    info(`${headline} (mode: advisory, so the step does not fail)`);
    return 0;
  }
  setFailed(neutraliseLog(headline));
  return 1;
}
function finishShard(report, partial, inputs, env, roots) {
  const { k, n } = inputs.shard;
  const file = inputs.partialPath;
  if (report.verdict !== "pass" || !partial) {
    setOutput("verdict", report.verdict);
    const [first, ...rest] = report.errors;
    for (const e of rest) error(neutraliseLog(`model-gate: shard ${k}/${n}: ${e.message}`));
    const why = first ? first.message : `failed (${report.failed_gates.join(", ")})`;
    setFailed(neutraliseLog(`model-gate: shard ${k}/${n}: ${report.verdict}: ${why}: no partial written`));
    return 1;
  }
  const bytes = encodePartial(partial);
  try {
    writeOutputFile(file, bytes, roots, "partial-path");
  } catch (e) {
    setOutput("verdict", "error");
    setFailed(neutraliseLog(`model-gate: shard ${k}/${n}: ${asGateError(e).message}`));
    return 1;
  }
  setOutput("verdict", "shard");
  setOutput("partial-path", file);
  info(neutraliseLog(shardLine(partial, file, bytes.length)));
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, shardSummary(partial, inputs.id, file, bytes.length));
  return 0;
}
function shownPath(workspace, abs) {
  const rel = path4.relative(workspace, abs);
  return rel && rel !== ".." && !rel.startsWith(`..${path4.sep}`) && !path4.isAbsolute(rel) ? rel : abs;
}
function verdictLine(r) {
  if (r.verdict === "pass") return "model-gate: pass";
  const first = r.errors[0]?.message;
  if (r.verdict === "error") return `model-gate: error: ${first ?? "a gate could not be evaluated"}`;
  return `model-gate: fail (${r.failed_gates.join(", ")})${first ? `: ${first}` : ""}`;
}
async function publish(report, inputs, event, env, log, signer, artifacts) {
  const roots = [inputs.workspace, inputs.runnerTemp];
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  try {
    writeOutputFile(inputs.reportPath, JSON.stringify(report, null, 2) + "\n", roots, "report-path");
    setOutput("report-path", inputs.reportPath);
  } catch (e) {
    report.errors.push({ code: "output", message: asGateError(e).message });
    report.verdict = "error";
  }
  if (artifacts.length) {
    try {
      const written = artifacts.map((a) => {
        const file = path4.join(path4.dirname(inputs.reportPath), a.name);
        writeOutputFile(file, a.bytes, roots, `${a.name} (beside report-path)`);
        log.info(`${a.description}: ${file}`);
        return file;
      });
      setOutput("artifact-paths", written.join("\n"));
    } catch (e) {
      report.errors.push({ code: "output", message: asGateError(e).message });
      report.verdict = "error";
    }
  }
  if (inputs.sarifPath) {
    try {
      writeOutputFile(inputs.sarifPath, renderSarif(report, { id: inputs.id }), roots, "sarif-path");
    } catch (e) {
      report.errors.push({ code: "output", message: asGateError(e).message });
      report.verdict = "error";
    }
  }
  if (report.model) {
    try {
      writeOutputFile(inputs.cyclonedxPath, renderCycloneDx(report), roots, "cyclonedx-path");
      setOutput("cyclonedx-path", inputs.cyclonedxPath);
    } catch (e) {
      report.errors.push({ code: "output", message: asGateError(e).message });
      report.verdict = "error";
    }
  } else {
    log.warn("no CycloneDX BOM: the run stopped before the model was read");
  }
  const attested = signer ? await attest(report, inputs, env, roots, signer, log) : null;
  const repo = env.GITHUB_REPOSITORY ?? "";
  const wantComment = inputs.comment === "always" || inputs.comment === "auto" && event.pullRequest !== null;
  await publishReport(report, {
    id: inputs.id,
    runUrl,
    reportPath: inputs.reportPath,
    api: inputs.token && repo ? { apiUrl: env.GITHUB_API_URL || "https://api.github.com", graphqlUrl: env.GITHUB_GRAPHQL_URL || void 0, token: inputs.token, repo } : void 0,
    headSha: event.head ?? void 0,
    pullRequest: wantComment && event.pullRequest !== null ? event.pullRequest : void 0,
    writeSummary: (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown + "\n");
    },
    writeLine: (line) => process.stdout.write(line + "\n"),
    warn: (m) => log.warn(m)
  });
  if (attested && env.GITHUB_STEP_SUMMARY) {
    const s = attested.signer;
    const by = s.kind === "key" ? `key ${code(s.fingerprint)}` : `keyless as ${code(s.identity)} (issuer ${code(s.issuer)})`;
    const where = attested.stored ? `; stored on GitHub: ${code(attested.stored)}` : "";
    appendFileSync(env.GITHUB_STEP_SUMMARY, `
**Attestation:** verification summary \`${attested.result}\` signed by ${by}: ${code(attested.path)} (report statement ${code(attested.reportPath)})${where}
`);
  }
}
async function attest(report, inputs, env, roots, signer, log) {
  if (report.verdict === "error") {
    log.info("model-gate: no attestation: the verdict is error (nothing was decided)");
    return null;
  }
  try {
    const uriOf = uriResolver(inputs.workspace, env);
    const reportFile = reportAttestationPath(inputs.attestationPath);
    for (const [file, what] of [[inputs.attestationPath, "attestation-path"], [reportFile, "attestation-path (report statement)"]]) checkOutputPath(file, roots, what);
    const att = await signAttestation(report, signer, {
      timeVerified: (/* @__PURE__ */ new Date()).toISOString(),
      resourceUri: uriOf(report.signature.subject ?? report.model?.path ?? "."),
      uriOf,
      verifierId: actionVerifierId(env)
    });
    writeOutputFile(inputs.attestationPath, JSON.stringify(att.vsa.bundle) + "\n", roots, "attestation-path");
    writeOutputFile(reportFile, JSON.stringify(att.report.bundle) + "\n", roots, "attestation-path (report statement)");
    setOutput("attestation-path", inputs.attestationPath);
    setOutput("attestation-report-path", reportFile);
    const result = report.verdict === "pass" ? "PASSED" : "FAILED";
    const who = signerId(signer);
    const by = who.kind === "key" ? `key ${who.fingerprint}` : `keyless as ${who.identity} (issuer ${who.issuer}; logged in ${signer.kind === "keyless" ? signer.rekorUrl : "Rekor"})`;
    log.info(`model-gate: attestation (verification summary ${result}) signed by ${by}, written to ${inputs.attestationPath}, the report statement to ${reportFile}`);
    const stored = await store(signer, [att.vsa.bundle, att.report.bundle], inputs, env, log);
    return { path: inputs.attestationPath, reportPath: reportFile, result, signer: who, stored };
  } catch (e) {
    report.errors.push({ code: "attest", message: `cannot write the attestation: ${asGateError(e).message}` });
    report.verdict = "error";
    return null;
  }
}
function checkStorable(signer, inputs, env) {
  if (signer.kind === "key") {
    throw new GateError("input.invalid", "store-attestation: true needs keyless signing (no signing-key): GitHub stores and `gh attestation verify` checks bundles with a Fulcio certificate of the workflow, not key-signed ones");
  }
  if (!inputs.token || !env.GITHUB_REPOSITORY) {
    throw new GateError("input.invalid", "store-attestation: true needs the token input (default github.token) and GITHUB_REPOSITORY: the attestations API is called with them");
  }
}
async function store(signer, bundles, inputs, env, log) {
  if (inputs.storeAttestation === "false") return null;
  if (signer.kind === "key") {
    log.info("model-gate: the attestation is key-signed, so it is not stored on GitHub (the attestations API and `gh attestation verify` take keyless bundles); verify it from the file");
    return null;
  }
  const repo = env.GITHUB_REPOSITORY ?? "";
  if (!inputs.token || !repo) {
    log.warn("the attestation is not stored on GitHub: no token input or no GITHUB_REPOSITORY");
    return null;
  }
  const api = { apiUrl: env.GITHUB_API_URL || "https://api.github.com", repo, token: inputs.token };
  try {
    const ids = [];
    for (const b of bundles) ids.push((await storeAttestation(api, b)).id);
    const server = env.GITHUB_SERVER_URL || "https://github.com";
    const url = ids[0] !== null ? `${server}/${repo}/attestations/${ids[0]}` : `${server}/${repo}/attestations`;
    if (ids[0] !== null) setOutput("attestation-id", String(ids[0]));
    setOutput("attestation-url", url);
    log.info(`model-gate: both statements stored on GitHub (${url}; report statement id ${ids[1] ?? "unknown"}): \`gh attestation verify\` and the verify action's source: github find them by the model's digest`);
    return url;
  } catch (e) {
    if (inputs.storeAttestation === "true") throw e;
    log.warn(`${asGateError(e).message}; the attestation files are written all the same (store-attestation: auto)`);
    return null;
  }
}
export {
  runAction
};
