import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  parseDuration,
  setAsideText,
  verifyAttestation,
  verifyFromGitHub
} from "./chunk-EMSQ3ZUL.js";
import {
  input
} from "./chunk-GRAJJKCU.js";
import {
  code,
  md,
  neutraliseLog
} from "./chunk-VZPTT7CE.js";
import {
  loadPublicKey,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  validateIdentityPolicy
} from "./chunk-KG5F2G4A.js";
import {
  info,
  setFailed,
  setOutput,
  setSecret
} from "./chunk-T2RU6YKF.js";
import "./chunk-5KBCKNTJ.js";
import {
  GateError,
  asGateError,
  debugStack
} from "./chunk-2EUQIP2O.js";
import "./chunk-KXLR6RWI.js";

// src/action/verify.ts
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
function bad(message) {
  return new GateError("input.invalid", message, { kind: "error" });
}
function list(v) {
  return v.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}
function readVerifyInputs(env) {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const modelLabel = input(env, "model-path");
  if (!modelLabel) throw bad("input model-path is required: the model file or folder to deploy");
  const source = readSource(env, workspace);
  const signer = readSigner(env, workspace);
  const maxAge = input(env, "max-age");
  let maxAgeMs;
  if (maxAge) {
    const ms = parseDuration(maxAge);
    if (ms === null) throw bad(`input max-age must be a positive integer with a unit s, m, h or d (e.g. 12h, 7d), got "${maxAge}"`);
    maxAgeMs = ms;
  }
  const digest = input(env, "policy-digest");
  let policyDigest;
  if (digest) {
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(digest);
    if (!m) throw bad(`input policy-digest must be sha256:<64 hex digits>, got "${digest}"`);
    policyDigest = m[1].toLowerCase();
  }
  return {
    modelPath: path.resolve(workspace, modelLabel),
    modelLabel,
    source,
    signer,
    requireGates: list(input(env, "require-gates")),
    maxAgeMs,
    maxAge: maxAge || void 0,
    policyDigest,
    ignorePaths: list(input(env, "ignore-paths"))
  };
}
function readSource(env, workspace) {
  const kind = input(env, "source") || "file";
  const file = input(env, "attestation");
  if (kind === "file") {
    if (!file) throw bad("input attestation is required: the attestation file the gate wrote (its attestation-path output), or source: github to fetch it from the attestations API");
    return { kind: "file", path: path.resolve(workspace, file), label: file };
  }
  if (kind !== "github") throw bad(`input source is "${kind}": use file (the attestation input) or github (the attestations API)`);
  if (file) throw bad("inputs attestation and source: github are exclusive: give the file, or fetch from the attestations API");
  const repo = input(env, "repository") || env.GITHUB_REPOSITORY || "";
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) throw bad(`input repository must be OWNER/NAME, got "${repo}"`);
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  try {
    new URL(apiUrl);
  } catch {
    throw bad(`GITHUB_API_URL "${apiUrl}" is not a URL`);
  }
  return { kind: "github", api: { apiUrl, repo, token: input(env, "token") } };
}
var ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";
function readSigner(env, workspace) {
  const key = input(env, "key");
  const ids = input(env, "identity").split("\n").map((s) => s.trim()).filter((s) => s !== "");
  const regex = input(env, "identity-regex");
  const issuer = input(env, "issuer");
  const rootFile = input(env, "trusted-root");
  const given = [key && "key", ids.length && "identity", regex && "identity-regex"].filter(Boolean);
  if (given.length === 0) {
    throw bad("input key, identity or identity-regex is required: the gate's public key, or the identity that signed keyless (e.g. identity: https://github.com/OWNER/REPO/.github/workflows/gate.yml@refs/heads/main); no identity is assumed");
  }
  if (given.length > 1) throw bad(`inputs ${given.join(" and ")} are exclusive: give exactly one of key, identity and identity-regex`);
  if (key) {
    for (const [name, v] of [["issuer", issuer], ["trusted-root", rootFile]]) if (v) throw bad(`input ${name} is for keyless verification (identity or identity-regex), not key`);
    if (key.includes("-----BEGIN")) return { kind: "key", keyPem: Buffer.from(key, "utf8"), keyLabel: "from the key input" };
    try {
      return { kind: "key", keyPem: readFileSync(path.resolve(workspace, key)), keyLabel: key };
    } catch (e) {
      throw bad(`input key ${key} is neither PEM text nor a readable file (${e.code ?? e.message}): pass the public key's PEM text or its path`);
    }
  }
  const policy = ids.length ? { identities: ids, issuer: issuer || ACTIONS_ISSUER } : { identityRegex: regex, issuer: issuer || ACTIONS_ISSUER };
  try {
    validateIdentityPolicy(policy);
  } catch (e) {
    throw bad(`input ${ids.length ? "identity" : "identity-regex"}: ${e.message}`);
  }
  if (!rootFile) {
    const pg = publicGoodTrustedRoot();
    return { kind: "keyless", policy, trustedRoot: pg.root, rootSource: pg.source };
  }
  let bytes;
  try {
    bytes = readFileSync(path.resolve(workspace, rootFile));
  } catch (e) {
    throw bad(`input trusted-root ${rootFile} cannot be read (${e.code ?? e.message}): give the path of a Sigstore trusted_root.json`);
  }
  const loaded = parseTrustedRoot(bytes, rootFile);
  return { kind: "keyless", policy, trustedRoot: loaded.root, rootSource: loaded.source };
}
function checkName(err) {
  return err.code.startsWith("attest.") ? err.code.slice("attest.".length) : err.code;
}
function age(now, timeVerified) {
  const ms = Math.max(0, now.getTime() - Date.parse(timeVerified));
  if (ms < 36e5) return `${Math.round(ms / 6e4)} min`;
  if (ms < 1728e5) return `${(ms / 36e5).toFixed(1)} h`;
  return `${(ms / 864e5).toFixed(1)} d`;
}
async function runVerifyAction(env, now = () => /* @__PURE__ */ new Date()) {
  const debug = env.RUNNER_DEBUG === "1";
  const summary = (markdown) => {
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown + "\n");
  };
  let inputs;
  try {
    inputs = readVerifyInputs(env);
    const s = inputs.signer;
    const method = s.kind === "key" ? { key: loadPublicKey(s.keyPem, s.keyLabel) } : { keyless: { policy: s.policy, trustedRoot: s.trustedRoot } };
    const at = now();
    const common = { modelPath: inputs.modelPath, modelLabel: inputs.modelLabel, ...method, policyDigest: inputs.policyDigest, maxAgeMs: inputs.maxAgeMs, requireGates: inputs.requireGates, ignorePaths: inputs.ignorePaths, now: at };
    let res;
    const src = inputs.source;
    if (src.kind === "file") {
      let json;
      try {
        json = JSON.parse(readFileSync(src.path, "utf8"));
      } catch (e) {
        const why = e instanceof SyntaxError ? `is not JSON (${e.message})` : `cannot be read (${e.code ?? e.message})`;
        throw new GateError("attest.unreadable", `attestation ${src.label} ${why}: give the file the gate wrote (its attestation-path output, e.g. downloaded as an artifact)`);
      }
      res = await verifyAttestation({ ...common, json, name: src.label, attestationPath: src.path });
    } else {
      if (src.api.token) setSecret(src.api.token);
      const sel = await verifyFromGitHub(src.api, common, (n, hex) => info(neutraliseLog(`model-gate verify: ${n} attestation(s) of sha256:${hex} in ${src.api.repo}`)));
      const aside = setAsideText(sel.setAside);
      info(neutraliseLog(`model-gate verify: ${sel.chosen} decides (the newest by the expected signer)${aside ? `; set aside: ${aside}` : ""}`));
      res = sel;
    }
    setOutput("verified", "true");
    setOutput("time-verified", res.timeVerified);
    setOutput("policy-digest", `sha256:${res.policyDigest}`);
    setOutput("verified-levels", res.verifiedLevels.join(","));
    setOutput("signer", res.method === "key" ? res.keyFingerprint : res.identity ?? "");
    info(neutraliseLog(`model-gate verify: OK: ${inputs.modelLabel} (${res.files} file(s)) passed model-gate at ${res.timeVerified} under policy sha256:${res.policyDigest}, attested by ${attestedBy(inputs, res)}`));
    info(neutraliseLog(`verified levels: ${res.verifiedLevels.join(", ") || "none"}`));
    summary(holdsSummary(inputs, res, at));
    return 0;
  } catch (e) {
    const err = asGateError(e);
    const line = err.kind === "fail" ? `model-gate verify: the attestation does not hold (check: ${checkName(err)}): ${err.located}` : `model-gate verify: error (${checkName(err)}): ${err.located}`;
    setOutput("verified", "false");
    setFailed(neutraliseLog(line));
    if (debug) info(neutraliseLog(`debug: ${debugStack(err)}`));
    summary(`### model-gate verify: \u274C ${err.kind === "fail" ? "the attestation does not hold" : "error"}

**check:** ${code(checkName(err))}

${md(err.located)}
`);
    return 1;
  }
}
function attestedBy(i, r) {
  if (r.method === "key") return `key ${r.keyFingerprint}`;
  const root = i.signer.kind === "keyless" ? `, trusted root ${i.signer.rootSource}` : "";
  return `${r.identity} (issuer ${r.issuer}${r.logIndex != null ? `, transparency log index ${r.logIndex}` : ""}${root})`;
}
function holdsSummary(i, r, at) {
  const row = (k, v) => `| ${k} | ${v} |`;
  const levels = r.verifiedLevels.map((l) => code(l, { inTable: true })).join(" ") || "none";
  return [
    "### model-gate verify: \u2705 the attestation holds",
    "",
    "| | |",
    "|---|---|",
    row("model", `${code(i.modelLabel, { inTable: true })}: ${r.files} file(s), all match the subjects`),
    row("attestation", i.source.kind === "file" ? code(i.source.label, { inTable: true }) : `${md(r.chosen ?? "")}, fetched from the attestations API (the newest by the expected signer)`),
    row("verdict", "`PASSED`"),
    row("required gates", i.requireGates.length ? i.requireGates.map((g) => code(g, { inTable: true })).join(" ") : "none required"),
    row("verified levels", levels),
    row("policy", code(`sha256:${r.policyDigest}`, { inTable: true }) + (i.policyDigest ? " (required)" : "")),
    row("age", `${age(at, r.timeVerified)} (timeVerified ${code(r.timeVerified, { inTable: true })}${i.maxAge ? `, max-age ${code(i.maxAge, { inTable: true })}` : ""})`),
    row("verifier", code(r.verifierId, { inTable: true })),
    row("signer", r.method === "key" ? `key ${code(r.keyFingerprint, { inTable: true })}` : `keyless ${code(r.identity ?? "", { inTable: true })} (issuer ${code(r.issuer ?? "", { inTable: true })}${r.logIndex != null ? `, log index ${r.logIndex}` : ""})`),
    ""
  ].join("\n");
}
export {
  ACTIONS_ISSUER,
  readVerifyInputs,
  runVerifyAction
};
