import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  GateError
} from "./chunk-2EUQIP2O.js";

// src/action/inputs.ts
import path from "node:path";
import os from "node:os";
function input(env, name) {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
function choice(env, name, allowed, dflt) {
  const v = input(env, name);
  if (v === "") return dflt;
  if (!allowed.includes(v)) {
    throw new GateError("input.invalid", `input ${name} is "${v}": use one of ${allowed.join(", ")}`);
  }
  return v;
}
function bool(env, name, dflt) {
  const v = input(env, name).toLowerCase();
  if (v === "") return dflt;
  if (["true", "yes", "1", "on"].includes(v)) return true;
  if (["false", "no", "0", "off"].includes(v)) return false;
  throw new GateError("input.invalid", `input ${name} is "${v}": use true or false`);
}
function deriveId(policy) {
  const base = path.posix.basename(policy.replace(/\\/g, "/")).replace(/\.(ya?ml|json)$/i, "");
  return sanitizeId(base || "model-gate");
}
function sanitizeId(id) {
  const s = id.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);
  return s || "model-gate";
}
function readInputs(env) {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const runnerTemp = path.resolve(env.RUNNER_TEMP || os.tmpdir());
  const policy = input(env, "policy") || ".github/model-gate.yml";
  const idRaw = input(env, "id");
  const id = idRaw ? sanitizeId(idRaw) : deriveId(policy);
  const wdIn = input(env, "working-directory") || ".";
  const workingDirectory = path.resolve(workspace, wdIn);
  const rel = path.relative(workspace, workingDirectory);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new GateError("input.working-directory", `input working-directory "${wdIn}" is outside GITHUB_WORKSPACE: use a folder inside the repository`);
  }
  const outPath = (name, dflt) => {
    const v = input(env, name);
    if (v === "") return dflt;
    return path.resolve(workspace, v);
  };
  const shard = shardInput(env);
  const merge = input(env, "merge");
  if (input(env, "partial-path") !== "" && !shard) throw new GateError("input.invalid", "input partial-path is for shard: K/N (where the shard's partial goes): give shard too, or remove partial-path");
  if (shard) refuseWithShard(env, merge);
  return {
    policy,
    id,
    mode: choice(env, "mode", ["enforce", "advisory"], "enforce"),
    token: input(env, "token"),
    comment: choice(env, "comment", ["auto", "always", "never"], "auto"),
    reportPath: outPath("report-path", path.join(runnerTemp, `model-gate-${id}.json`)),
    sarifPath: outPath("sarif-path", path.join(runnerTemp, `model-gate-${id}.sarif`)),
    cyclonedxPath: outPath("cyclonedx-path", path.join(runnerTemp, `model-gate-${id}.cdx.json`)),
    workspace,
    workingDirectory,
    policySource: choice(env, "policy-source", ["base", "head"], "base"),
    allowPullRequestTarget: bool(env, "allow-pull-request-target", false),
    runnerTemp,
    attest: bool(env, "attest", false),
    signingKey: input(env, "signing-key"),
    attestationPath: outPath("attestation-path", path.join(runnerTemp, `model-gate-${id}.sigstore.json`)),
    storeAttestation: choice(env, "store-attestation", ["auto", "true", "false"], "auto"),
    shard,
    partialPath: shard ? outPath("partial-path", path.join(runnerTemp, `model-gate-${id}-shard-${shard.k}-of-${shard.n}.partial`)) : null,
    merge: merge === "" ? null : path.resolve(workspace, merge),
    cache: bool(env, "cache", false)
  };
}
function shardInput(env) {
  const v = input(env, "shard");
  if (v === "") return null;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1 && n <= 1e3 && k >= 1 && k <= n)) throw new GateError("input.invalid", `input shard must be K/N with 1 <= K <= N <= 1000 (e.g. \${{ matrix.shard }}/3 with shard: [1, 2, 3]), got "${v}"`);
  return { k, n };
}
function refuseWithShard(env, merge) {
  if (merge !== "") throw new GateError("input.invalid", "inputs shard and merge are for two different jobs: shard: K/N in each matrix job, merge: <folder> in the one job that downloads their partials; give one of them");
  if (bool(env, "attest", false)) throw new GateError("input.invalid", "input attest is for the report, and a shard makes none (no verdict): give attest: true to the merge job (merge: <folder>)");
  const comment = input(env, "comment");
  if (comment !== "" && comment !== "never") throw new GateError("input.invalid", `input comment is "${comment}", but a shard posts no comment (no verdict): give comment to the merge job (merge: <folder>)`);
  for (const name of ["report-path", "sarif-path", "cyclonedx-path", "attestation-path", "signing-key"]) {
    if (input(env, name) !== "") throw new GateError("input.invalid", `input ${name} is for the report, and a shard writes none (its output is partial-path): give ${name} to the merge job (merge: <folder>)`);
  }
}

export {
  input,
  readInputs
};
