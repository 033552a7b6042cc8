import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  IN_TOTO_STATEMENT_V1,
  ROOT_ANNOTATION,
  ROOT_ANNOTATION_VALUE,
  VSA_PREDICATE,
  fetchAttestations,
  keyHint,
  levelOf
} from "./chunk-VZPTT7CE.js";
import {
  DEFAULT_IGNORED,
  compareResources,
  keyFingerprint,
  listModelFiles,
  normaliseIgnore,
  parseBundle,
  parseStatement,
  rootDigest,
  verifyDsseSignature,
  verifyKeylessBundle
} from "./chunk-KG5F2G4A.js";
import {
  sha256Files
} from "./chunk-5KBCKNTJ.js";
import {
  GateError,
  asGateError
} from "./chunk-2EUQIP2O.js";

// src/attest/duration.ts
function parseDuration(text) {
  const m = /^([1-9]\d{0,8})([smhd])$/.exec(text.trim());
  if (!m) return null;
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2]];
  return Number(m[1]) * unit;
}

// src/attest/verify.ts
import { stat } from "node:fs/promises";
import path from "node:path";
var ATTEST_DEFAULT_IGNORED = [...DEFAULT_IGNORED, "model.sig"];
function fail(code, message) {
  return new GateError(`attest.${code}`, message, { kind: "fail" });
}
function unusable(code, message) {
  return new GateError(`attest.${code}`, message, { kind: "error" });
}
function obj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
}
function names(list) {
  const shown = list.slice(0, 5).map((n) => JSON.stringify(n)).join(", ");
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}
async function verifyAttestation(opts) {
  return judgeAttestation(await authenticateAttestation(opts), opts);
}
async function authenticateAttestation(opts) {
  const { name, key, keyless } = opts;
  if (key === void 0 === (keyless === void 0)) throw unusable("signer", "give exactly one of a public key and a keyless identity policy to verify the attestation with");
  const fp = key ? keyFingerprint(key) : "";
  let bundle;
  try {
    bundle = parseBundle(opts.json, name);
  } catch (e) {
    throw unusable("bundle", `${e.message}: give the attestation written by model-gate check --attestation`);
  }
  if (bundle.content.$case !== "dsseEnvelope") throw unusable("bundle", `${name} holds a message signature, not a DSSE attestation: give the file written by model-gate check --attestation`);
  const env = bundle.content.dsseEnvelope;
  if (env.signatures.length !== 1) throw fail("signature", `${name}: the DSSE envelope has ${env.signatures.length} signatures, expected exactly one`);
  const payload = Buffer.from(env.payload);
  const vm = bundle.verificationMaterial.content;
  let who;
  if (key) {
    if (vm.$case !== "publicKey") throw fail("signature", `${name} is signed keyless (a certificate, not a key): verify it with --identity/--identity-regex and --issuer`);
    if (!verifyDsseSignature(key, env.payloadType, payload, Buffer.from(env.signatures[0].sig))) {
      const hint = vm.publicKey.hint;
      const other = hint && hint !== keyHint(key.export({ type: "spki", format: "pem" }).toString()) ? " (its key hint names another key)" : "";
      throw fail("signature", `${name}: the signature does not verify with key ${fp}${other}: the attestation was signed by another key, or altered after signing`);
    }
    who = { method: "key" };
  } else {
    if (vm.$case === "publicKey") throw fail("signature", `${name} is signed with a key (no certificate): verify it with --key`);
    try {
      const s = verifyKeylessBundle(bundle, name, keyless.policy, keyless.trustedRoot);
      who = { method: "keyless", identity: s.identity, issuer: s.issuer, logIndex: s.logIndex };
    } catch (e) {
      const err = asGateError(e);
      if (err.kind !== "fail") throw unusable("signature", err.message);
      const code = err.code === "signature.wrong-identity" || err.code === "signature.wrong-issuer" ? "identity" : "signature";
      const msg = err.message.startsWith(name) ? err.message : `${name}: ${err.message}`;
      throw fail(code, code === "signature" ? `${msg}: the attestation was not signed under the trusted root, or altered after signing` : msg);
    }
  }
  let st;
  try {
    st = parseStatement(env.payloadType, payload, name);
  } catch (e) {
    throw fail("statement", e.message);
  }
  if (st._type !== IN_TOTO_STATEMENT_V1) throw fail("statement", `${name}: statement type ${JSON.stringify(st._type)} is not ${IN_TOTO_STATEMENT_V1}`);
  if (st.predicateType !== VSA_PREDICATE) {
    throw fail("predicate-type", `${name}: predicate type ${JSON.stringify(st.predicateType)} is not ${VSA_PREDICATE}: this is not a model-gate verification summary (the .report statement is not the one to verify)`);
  }
  const pred = obj(st.predicate);
  if (!pred) throw fail("statement", `${name}: the statement has no predicate`);
  const files = await checkSubjects(st.subject, opts);
  return { name, who, keyFingerprint: fp, predicate: pred, files };
}
function judgeAttestation(a, opts) {
  const { name, predicate: pred } = a;
  if (pred.verificationResult !== "PASSED") {
    throw fail("result", `${name}: verificationResult is ${JSON.stringify(pred.verificationResult)}, not "PASSED": the gate run failed for this model (see the .report statement for why)`);
  }
  const levels = Array.isArray(pred.verifiedLevels) ? pred.verifiedLevels.filter((l) => typeof l === "string") : [];
  const missing = (opts.requireGates ?? []).filter((g) => !levels.includes(levelOf(g)));
  if (missing.length) throw fail("gates", `${name}: required gate(s) ${missing.join(", ")} not among verifiedLevels (${levels.join(", ") || "none"}): the run did not pass them`);
  const policyDigest = obj(obj(pred.policy)?.digest)?.sha256;
  if (typeof policyDigest !== "string") throw fail("policy", `${name}: the predicate has no policy.digest.sha256`);
  if (opts.policyDigest && policyDigest.toLowerCase() !== opts.policyDigest.toLowerCase()) {
    throw fail("policy", `${name}: the run used policy sha256:${policyDigest}, not the required sha256:${opts.policyDigest}: the model was gated under another policy`);
  }
  const t = typeof pred.timeVerified === "string" ? Date.parse(pred.timeVerified) : NaN;
  if (Number.isNaN(t)) throw fail("statement", `${name}: timeVerified ${JSON.stringify(pred.timeVerified)} is not an RFC 3339 time`);
  const skewMs = 5 * 6e4;
  if (t > opts.now.getTime() + skewMs) throw fail("expired", `${name}: timeVerified ${pred.timeVerified} lies in the future (now ${opts.now.toISOString()}): check the clocks`);
  if (opts.maxAgeMs !== void 0 && opts.now.getTime() - t > opts.maxAgeMs) {
    const hours = ((opts.now.getTime() - t) / 36e5).toFixed(1);
    throw fail("expired", `${name}: the attestation is ${hours} h old (timeVerified ${pred.timeVerified}), older than --max-age: run the gate again`);
  }
  return { ...a.who, keyFingerprint: a.keyFingerprint, verifierId: String(obj(pred.verifier)?.id ?? ""), timeVerified: String(pred.timeVerified), policyDigest, verifiedLevels: levels, files: a.files };
}
async function checkSubjects(subjectJson, opts) {
  const { name } = opts;
  const list = Array.isArray(subjectJson) ? subjectJson : [];
  const fileSubjects = /* @__PURE__ */ new Map();
  const roots = [];
  for (const [i, s] of list.entries()) {
    const o = obj(s);
    const sha = obj(o?.digest)?.sha256;
    if (!o || typeof o.name !== "string" || typeof sha !== "string" || !/^[0-9a-f]{64}$/i.test(sha)) throw fail("statement", `${name}: subject ${i} has no name or no sha256 digest`);
    if (obj(o.annotations)?.[ROOT_ANNOTATION] === ROOT_ANNOTATION_VALUE) roots.push(sha.toLowerCase());
    else if (fileSubjects.has(o.name)) throw fail("statement", `${name}: subject ${JSON.stringify(o.name)} is listed twice`);
    else fileSubjects.set(o.name, sha.toLowerCase());
  }
  if (fileSubjects.size === 0) throw fail("statement", `${name}: the statement names no file subject`);
  const model = await listAttestedFiles(opts);
  if (!model.dir && fileSubjects.size !== 1) throw fail("subject", `the attestation ${name} is about a folder of ${fileSubjects.size} files, but ${opts.modelLabel ?? opts.modelPath} is a single file: give the model folder`);
  const disk = model.dir ? model.files : [{ name: [...fileSubjects.keys()][0], abs: model.files[0].abs }];
  const digests = await digestsOf(disk.map((d) => d.abs), opts.digests);
  const have = new Map(disk.map((d, i) => [d.name, digests[i]]));
  const changed = [];
  const missing = [];
  const extra = [];
  for (const [n, sha] of fileSubjects) {
    const h = have.get(n);
    if (h === void 0) missing.push(n);
    else if (h !== sha) changed.push(n);
  }
  for (const n of have.keys()) if (!fileSubjects.has(n)) extra.push(n);
  if (changed.length + missing.length + extra.length) {
    const parts = [];
    if (changed.length) parts.push(`changed: ${names(changed.sort())}`);
    if (missing.length) parts.push(`missing: ${names(missing.sort())}`);
    if (extra.length) parts.push(`extra (not attested): ${names(extra.sort())}`);
    throw fail("subject", `${opts.modelLabel ?? opts.modelPath} is not the model the attestation ${name} is about: ${parts.join("; ")}`);
  }
  if (roots.length) {
    const single = !model.dir;
    const items = [...fileSubjects].map(([n, sha]) => ({ name: single ? "." : n, digest: Buffer.from(sha, "hex") }));
    items.sort((a, b) => compareResources("files", a.name, b.name));
    const root = rootDigest(items).toString("hex");
    if (roots.some((r) => r !== root)) throw fail("subject", `${name}: the OMS root-digest subject is not the root of the file subjects (sha256:${root}): the statement is inconsistent`);
  }
  return fileSubjects.size;
}
async function listAttestedFiles(opts) {
  const st = await stat(opts.modelPath).catch((e) => {
    throw unusable("model", `model path ${opts.modelLabel ?? opts.modelPath} cannot be read (${e.code ?? e.message}): give the model file or folder the attestation is about`);
  });
  if (!st.isDirectory()) return { dir: false, files: [{ name: path.basename(opts.modelPath), abs: opts.modelPath }] };
  const ignores = new Set(ATTEST_DEFAULT_IGNORED);
  for (const p of opts.ignorePaths ?? []) {
    const n = normaliseIgnore(p);
    if (!n) throw unusable("ignore-paths", `ignore path ${JSON.stringify(p)} leaves the model folder: give paths relative to it`);
    ignores.add(n);
  }
  if (opts.attestationPath) {
    const rel = path.relative(opts.modelPath, opts.attestationPath);
    if (rel && rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel)) ignores.add(rel.split(path.sep).join("/"));
  }
  return { dir: true, files: (await listModelFiles(opts.modelPath, [...ignores], false)).map((f) => ({ name: f.rel, abs: f.abs })) };
}
async function digestsOf(files, cache) {
  if (!cache) return sha256Files(files);
  const todo = [...new Set(files.filter((f) => !cache.has(f)))];
  const got = await sha256Files(todo);
  todo.forEach((f, i) => cache.set(f, got[i]));
  return files.map((f) => cache.get(f));
}

// src/attest/select.ts
var FATAL = /* @__PURE__ */ new Set(["attest.model", "attest.ignore-paths", "attest.signer"]);
var REASON = {
  "attest.bundle": "not a DSSE bundle",
  "attest.signature": "signature does not verify (another signer or key)",
  "attest.identity": "signed by another identity",
  "attest.statement": "not an in-toto statement",
  "attest.predicate-type": "another predicate type",
  "attest.subject": "about another model"
};
async function selectAttestation(candidates, opts, where) {
  const setAside = {};
  const ok = [];
  const digests = opts.digests ?? /* @__PURE__ */ new Map();
  const setAsideFor = (why) => setAside[why] = (setAside[why] ?? 0) + 1;
  for (const c of candidates) {
    if (c.json === null) {
      setAsideFor("bundle could not be downloaded or decoded");
      continue;
    }
    try {
      ok.push(await authenticateAttestation({ ...opts, digests, json: c.json, name: c.label }));
    } catch (e) {
      const err = asGateError(e);
      if (FATAL.has(err.code)) throw err;
      setAsideFor(REASON[err.code] ?? err.code);
    }
  }
  const aside = setAsideText(setAside);
  const seen = `${candidates.length} found${aside ? `: ${aside}` : ""}`;
  if (candidates.length === 0) {
    throw new GateError("attest.none", `no attestation of this model in ${where}: the gate run did not store one (attest: true keyless, with permissions attestations: write), or this is not the model that was gated`, { kind: "fail" });
  }
  let usable = ok;
  if (opts.policyDigest) {
    usable = ok.filter((a) => String(policyOf(a)).toLowerCase() === opts.policyDigest.toLowerCase());
    if (ok.length && !usable.length) {
      throw new GateError("attest.policy", `none of the ${ok.length} attestation(s) of this model by the expected signer in ${where} is under policy sha256:${opts.policyDigest} (${seen}): the model was gated under another policy`, { kind: "fail" });
    }
  }
  if (!usable.length) {
    throw new GateError("attest.none", `no attestation of this model in ${where} is a verification summary signed by the expected signer (${seen})`, { kind: "fail" });
  }
  const time = (a) => {
    const t = typeof a.predicate.timeVerified === "string" ? Date.parse(a.predicate.timeVerified) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const newest = usable.reduce((best, a) => time(a) > time(best) ? a : best);
  let holds;
  try {
    holds = judgeAttestation(newest, opts);
  } catch (e) {
    const err = asGateError(e);
    throw new GateError(err.code, `${err.message} (the newest of ${usable.length} attestation(s) of this model by the expected signer; ${seen})`, { kind: err.kind });
  }
  return { ...holds, chosen: newest.name, candidates: candidates.length, setAside };
}
function policyOf(a) {
  const p = a.predicate.policy;
  return p?.digest?.sha256;
}
async function queryDigest(opts, digests) {
  const model = await listAttestedFiles(opts);
  if (model.files.length === 0) throw new GateError("attest.model", `model folder ${opts.modelLabel ?? opts.modelPath} has no files to verify`, { kind: "error" });
  const files = [...model.files].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return (await digestsOf(files.map((f) => f.abs), digests))[0];
}
function setAsideText(setAside) {
  return Object.entries(setAside).map(([why, n]) => `${n} ${why}`).join(", ");
}
async function verifyFromGitHub(api, opts, onListed) {
  const digests = /* @__PURE__ */ new Map();
  const hex = await queryDigest(opts, digests);
  const found = await fetchAttestations(api, hex);
  onListed?.(found.length, hex);
  const sel = await selectAttestation(found, { ...opts, digests }, `${api.repo} (attestations of sha256:${hex})`);
  return { ...sel, digest: hex };
}

export {
  parseDuration,
  verifyAttestation,
  setAsideText,
  verifyFromGitHub
};
