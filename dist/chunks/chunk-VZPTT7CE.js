import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  VERSION,
  describe,
  preAuthEncoding
} from "./chunk-KG5F2G4A.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";

// src/util/escape.ts
var ZWSP = "\u200B";
var RUNNER_WHITESPACE = "	\n\v\f\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
var LEADING_COMMAND = new RegExp(`^([${RUNNER_WHITESPACE}\\ufeff\\u180e]*):(?=:)`);
function escapeCommandData(s) {
  return String(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeCommandProperty(s) {
  return escapeCommandData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function workflowCommand(command, properties, message) {
  if (!/^[a-z][a-z-]*$/.test(command)) throw new Error(`not a workflow command name: ${command}`);
  const props = Object.entries(properties).filter(([, v]) => v !== void 0 && v !== "").map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`).join(",");
  return `::${command}${props ? " " + props : ""}::${escapeCommandData(message)}`;
}
function neutraliseLog(text) {
  return String(text).split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : neutraliseLogLine(part)).join("");
}
function neutraliseLogLine(line) {
  let out = line.replace(/##\[/g, `##${ZWSP}[`);
  out = out.replace(LEADING_COMMAND, `$1:${ZWSP}`);
  return out;
}
function plainValue(s) {
  let t = String(s);
  t = t.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " ").replace(/\t/g, " ");
  t = t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  return neutraliseLogLine(t.replace(/::/g, `:${ZWSP}:`));
}
var BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
var MD_SPECIAL = /(www)\.|@|:(?=\/\/)|[&<>"'`\\*_~[\]|!#$\{\}]/gi;
var ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "\\": "&#92;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "[": "&#91;",
  "]": "&#93;",
  "|": "&#124;",
  "!": "&#33;",
  "#": "&#35;",
  $: "&#36;",
  "{": "&#123;",
  "}": "&#125;"
};
function md(s, opts = {}) {
  let t = String(s ?? "");
  t = t.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " ");
  t = t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\uFFFD").replace(/\t/g, " ");
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  let out = t.replace(MD_SPECIAL, (m, www, offset, str) => {
    if (www) return `${www}&#8203;.`;
    if (m === "@") return "@&#8203;";
    if (m === ":") return "&#58;&#8203;";
    if (m === "#" && /[0-9]/.test(str[offset + 1] ?? "")) return "&#35;&#8203;";
    return ENTITY[m] ?? m;
  });
  out = out.replace(/^ +| +$/g, "");
  if (opts.lineStart) {
    out = out.replace(/^[-+=]/, (c) => `&#${c.charCodeAt(0)};`).replace(/^(\d+)([.)])/, (_m, d, p) => `${d}&#${p.charCodeAt(0)};`);
  }
  return out;
}
function longestRun(s, ch) {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
function code(s, opts = {}) {
  let t = String(s ?? "").replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " ");
  t = t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\uFFFD").replace(/\t/g, " ");
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  if (opts.inTable) t = t.replace(/\|/g, "\\|");
  if (t === "") return "";
  const n = longestRun(t, "`") + 1;
  const fence = "`".repeat(n);
  const pad = t.startsWith("`") || t.endsWith("`") || t.startsWith(" ") && t.endsWith(" ") ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}
function fenced(text, lang = "") {
  const t = String(text).replace(/\r\n|\r/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\uFFFD").replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  const n = Math.max(3, longestRun(t, "`") + 1);
  const fence = "`".repeat(n);
  const info = /^[a-z0-9-]*$/.test(lang) ? lang : "";
  return `${fence}${info}
${t}${t.endsWith("\n") ? "" : "\n"}${fence}`;
}
function cell(trustedMarkdown) {
  return trustedMarkdown.replace(/\r?\n/g, " ").replace(/(?<!\\)\|/g, "\\|");
}
function mermaidLabel(s, max = 40) {
  let t = String(s ?? "").replace(/</g, " lt ").replace(/>/g, " gt ").replace(/[^\p{L}\p{N} ._+=/(),×-]/gu, "_").replace(/\s+/g, " ").trim();
  if ([...t].length > max) t = [...t].slice(0, max - 1).join("").trimEnd() + "\u2026";
  return `"${t || "_"}"`;
}
function truncate(s, max) {
  if (s.length <= max) return s;
  let cut = Math.max(0, max - 1);
  const c = s.charCodeAt(cut - 1);
  if (c >= 55296 && c <= 56319) cut--;
  return s.slice(0, cut) + "\u2026";
}
function safeUrl(u) {
  if (!u) return void 0;
  return /^https?:\/\/[^\s()<>"'`\[\]\\]+$/.test(u) ? u : void 0;
}

// src/util/snappy.ts
var SNAPPY_MAX = 64 * 1024 * 1024;
function snappyUncompress(input, max = SNAPPY_MAX) {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length) throw new Error("snappy: truncated length preamble");
    if (shift > 28) throw new Error("snappy: length preamble longer than 5 bytes");
    const b = input[pos++];
    length += (b & 127) * 2 ** shift;
    if ((b & 128) === 0) break;
  }
  if (length > max) throw new Error(`snappy: uncompressed length ${length} exceeds the limit of ${max} bytes`);
  const out = Buffer.allocUnsafe(length);
  let o = 0;
  const need = (n, what) => {
    if (pos + n > input.length) throw new Error(`snappy: truncated ${what} at byte ${pos}`);
  };
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len2 = tag >>> 2;
      if (len2 >= 60) {
        const n = len2 - 59;
        need(n, "literal length");
        len2 = 0;
        for (let i = 0; i < n; i++) len2 += input[pos + i] * 2 ** (8 * i);
        pos += n;
      }
      len2 += 1;
      need(len2, "literal");
      if (o + len2 > length) throw new Error("snappy: output longer than the declared length");
      out.set(input.subarray(pos, pos + len2), o);
      pos += len2;
      o += len2;
      continue;
    }
    let len;
    let offset;
    if (kind === 1) {
      need(1, "copy");
      len = 4 + (tag >>> 2 & 7);
      offset = tag >>> 5 << 8 | input[pos++];
    } else if (kind === 2) {
      need(2, "copy");
      len = (tag >>> 2) + 1;
      offset = input[pos] | input[pos + 1] << 8;
      pos += 2;
    } else {
      need(4, "copy");
      len = (tag >>> 2) + 1;
      offset = (input[pos] | input[pos + 1] << 8 | input[pos + 2] << 16) + input[pos + 3] * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error(`snappy: copy offset ${offset} outside the ${o} bytes written`);
    if (o + len > length) throw new Error("snappy: output longer than the declared length");
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset];
  }
  if (o !== length) throw new Error(`snappy: ${o} bytes decoded, the preamble declares ${length}`);
  return out;
}

// src/util/github-api.ts
function apiBase(u) {
  return u.replace(/\/+$/, "");
}
var validRepo = (repo) => /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo);
async function apiRequest(o, method, url, body) {
  const timeoutMs = o.timeoutMs ?? 15e3;
  try {
    const res = await fetch(url, {
      method,
      headers: {
        Accept: "application/vnd.github+json",
        ...o.token ? { Authorization: `Bearer ${o.token}` } : {},
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "model-gate",
        ...body === void 0 ? {} : { "Content-Type": "application/json" }
      },
      body: body === void 0 ? void 0 : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error"
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { ok: res.ok, status: res.status, json, headers: res.headers };
  } catch (e) {
    const err = e;
    const why = err?.name === "TimeoutError" || err?.name === "AbortError" ? `no answer within ${timeoutMs} ms` : err?.cause?.message ?? err?.message ?? String(e);
    return { ok: false, status: 0, json: null, headers: null, error: why };
  }
}
function describeReply(r) {
  if (r.status === 0) return r.error ?? "request failed";
  const m = r.json && typeof r.json === "object" && "message" in r.json ? String(r.json.message) : "";
  return `HTTP ${r.status}${m ? ` ${truncate(m.replace(/\s+/g, " "), 200)}` : ""}`;
}
function nextLink(link, base) {
  if (!link) return null;
  for (const part of link.split(",")) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) {
      try {
        const u = new URL(m[1]);
        return u.origin === new URL(base).origin ? u.toString() : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

// src/attest/github.ts
var MAX_PAGES = 10;
var TIMEOUT_MS = 3e4;
function apiError(code2, message) {
  return new GateError(code2, message, { kind: "error" });
}
async function call(api, method, url, what, body) {
  const r = await apiRequest({ token: api.token, timeoutMs: api.timeoutMs ?? TIMEOUT_MS }, method, url, body);
  if (r.status === 0) throw apiError("attest.github", `${what}: ${describeReply(r)}`);
  return r;
}
async function storeAttestation(api, bundle) {
  const url = `${apiBase(api.apiUrl)}/repos/${api.repo}/attestations`;
  const what = `cannot store the attestation through ${url}`;
  const r = await call(api, "POST", url, what, { bundle });
  if (r.status !== 200 && r.status !== 201) {
    const hint = r.status === 401 || r.status === 403 || r.status === 404 ? ": give the job `permissions: attestations: write` (and the token input a token of this repository)" : "";
    throw apiError("attest.github", `${what}: ${describeReply(r)}${hint}`);
  }
  const id = r.json?.id;
  return { id: typeof id === "number" ? id : null };
}
async function fetchAttestations(api, hex) {
  const first = `${apiBase(api.apiUrl)}/repos/${api.repo}/attestations/sha256:${hex}?per_page=100`;
  const what = `cannot list the attestations of sha256:${hex} in ${api.repo}`;
  const entries = [];
  let url = first;
  for (let page = 1; url; page++) {
    if (page > MAX_PAGES) throw apiError("attest.github", `${what}: more than ${MAX_PAGES * 100} attestations for this digest; give the attestation file instead (the gate's attestation-path output)`);
    const r = await call(api, "GET", url, what);
    if (r.status === 404) break;
    if (!r.ok) {
      const hint = r.status === 401 || r.status === 403 ? ": give the job `permissions: attestations: read` (private repositories) or check the token input" : "";
      throw apiError("attest.github", `${what}: ${describeReply(r)}${hint}`);
    }
    const list = r.json?.attestations;
    if (!Array.isArray(list)) throw apiError("attest.github", `${what}: the answer has no attestations list`);
    entries.push(...list);
    url = nextLink(r.headers?.get("link") ?? null, api.apiUrl);
  }
  const out = [];
  for (const [i, e] of entries.entries()) {
    const label = `GitHub attestation ${i + 1} of ${entries.length} (${api.repo})`;
    out.push({ json: await bundleOf(e, label, api.timeoutMs), label });
  }
  return out;
}
async function bundleOf(entry, label, timeoutMs) {
  const e = typeof entry === "object" && entry !== null ? entry : {};
  if (e.bundle && typeof e.bundle === "object") return e.bundle;
  if (typeof e.bundle_url !== "string" || !/^https?:\/\//.test(e.bundle_url)) return null;
  let res;
  try {
    res = await fetch(e.bundle_url, { headers: { "User-Agent": "model-gate" }, signal: AbortSignal.timeout(timeoutMs ?? TIMEOUT_MS) });
  } catch {
    return null;
  }
  if (!res.ok) return null;
  if (Number(res.headers.get("content-length") ?? 0) > MAX_BUNDLE) return null;
  const chunks = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > MAX_BUNDLE) return null;
    chunks.push(Buffer.from(chunk));
  }
  return decodeBundleBytes(Buffer.concat(chunks));
}
var MAX_BUNDLE = 16 * 1024 * 1024;
function decodeBundleBytes(bytes) {
  for (const text of [() => bytes.toString("utf8"), () => snappyUncompress(bytes, MAX_BUNDLE).toString("utf8")]) {
    try {
      return JSON.parse(text());
    } catch {
    }
  }
  return null;
}

// src/util/decimal.ts
function decimal(n) {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = "", exp] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

// src/signature/sign/dsse.ts
import { createHash, createPrivateKey, createPublicKey, sign as cryptoSign } from "node:crypto";
var BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
function keyError(message) {
  return new GateError("sign.key", message, { kind: "error" });
}
function loadSigningKey(bytes, name) {
  const text = bytes.toString("utf8");
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text) || /Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw keyError(`signing key ${name} is encrypted: give an unencrypted PEM private key (e.g. openssl pkcs8 -in KEY -nocrypt -topk8)`);
  }
  const m = /-----BEGIN (EC )?PRIVATE KEY-----[\s\S]*?-----END (EC )?PRIVATE KEY-----/.exec(text);
  if (!m) {
    const what = /-----BEGIN PUBLIC KEY-----/.test(text) ? "a public key" : /-----BEGIN CERTIFICATE-----/.test(text) ? "a certificate" : "no PEM private key";
    throw keyError(`signing key ${name} holds ${what}: give the PEM private key (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY)`);
  }
  let key;
  try {
    key = createPrivateKey({ key: m[0], format: "pem" });
  } catch (e) {
    throw keyError(`signing key ${name} cannot be read: ${describe(e)}`);
  }
  if (key.asymmetricKeyType !== "ec") {
    throw keyError(`signing key ${name} is a ${key.asymmetricKeyType} key: model-gate signs with ECDSA P-256 or P-384 keys only (openssl ecparam -genkey -name prime256v1)`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const hash = curve === "prime256v1" ? "sha256" : curve === "secp384r1" ? "sha384" : null;
  if (!hash) throw keyError(`signing key ${name} is on curve ${curve}: model-gate signs with ECDSA P-256 or P-384 keys only`);
  const publicPem = createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
  return { key, hash, publicPem };
}
function keyHint(publicPem) {
  return createHash("sha256").update(publicPem).digest("hex");
}
function signDsse(payload, payloadType, key) {
  const sig = cryptoSign(key.hash, preAuthEncoding(payloadType, payload), key.key);
  return {
    mediaType: BUNDLE_V03,
    verificationMaterial: { publicKey: { hint: keyHint(key.publicPem) }, tlogEntries: [] },
    dsseEnvelope: { payload: Buffer.from(payload).toString("base64"), payloadType, signatures: [{ sig: sig.toString("base64"), keyid: "" }] }
  };
}
var IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
function statementPayload(statement) {
  return Buffer.from(JSON.stringify(statement, null, 2), "utf8");
}

// src/attest/statement.ts
import path from "node:path";
var VSA_PREDICATE = "https://slsa.dev/verification_summary/v1";
var REPORT_PREDICATE = "https://model-gate.dev/report/v1";
var IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
var VERIFIER_ID = "https://model-gate.dev/verifier/cli";
var ROOT_ANNOTATION = "model-gate.dev/subject";
var ROOT_ANNOTATION_VALUE = "oms-root-digest";
function attestError(message) {
  return new GateError("attest.input", message, { kind: "error" });
}
function levelOf(gate) {
  return `MODEL_GATE_${gate.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_PASSED`;
}
function subjectsOf(report) {
  const sig = report.signature;
  if (sig.status === "verified") {
    if (!sig.files || !sig.subject) {
      throw attestError("cannot attest: the signature lists no whole-file digests (OpenSSF model signing with the shards serialization): sign the model with --method files");
    }
    const base = path.posix.basename(sig.subject);
    const out = sig.files.map((f) => ({ name: f.name === "." ? base : f.name, digest: { sha256: f.sha256 } }));
    if (sig.format === "oms" && sig.root_digest) {
      out.push({ name: base, digest: { sha256: sig.root_digest.replace(/^sha256:/, "") }, annotations: { [ROOT_ANNOTATION]: ROOT_ANNOTATION_VALUE } });
    }
    return out;
  }
  if (sig.status === "skipped" && report.model) return [{ name: path.posix.basename(report.model.path), digest: { sha256: report.model.sha256 } }];
  throw attestError(`cannot attest: the signature is ${sig.status} and no model was verified`);
}
function assertAttestable(report) {
  if (report.verdict === "error") throw attestError("no attestation for a run whose verdict is error: nothing was decided (fix the errors above and run again)");
  if (!report.policy) throw attestError("cannot attest: the run has no policy");
  if (!/^[0-9a-f]{64}$/.test(report.policy.sha256)) throw attestError("cannot attest: the policy has no sha256 digest");
}
function buildVsaStatement(report, opts) {
  assertAttestable(report);
  if (Number.isNaN(Date.parse(opts.timeVerified))) throw attestError(`timeVerified ${JSON.stringify(opts.timeVerified)} is not an RFC 3339 time`);
  const levels = [];
  if (report.signature.status === "verified") levels.push(levelOf("signature"));
  for (const [name, g] of Object.entries(report.gates)) if (g?.status === "pass") levels.push(levelOf(name));
  const predicate = {
    verifier: { id: opts.verifierId ?? VERIFIER_ID, version: { "model-gate": VERSION } },
    timeVerified: opts.timeVerified,
    resourceUri: opts.resourceUri,
    policy: { uri: opts.uriOf(report.policy.path), digest: { sha256: report.policy.sha256 } },
    inputAttestations: report.signature.status === "verified" && report.signature.bundle && report.signature.bundle_sha256 ? [{ uri: opts.uriOf(report.signature.bundle), digest: { sha256: report.signature.bundle_sha256 } }] : [],
    verificationResult: report.verdict === "pass" ? "PASSED" : "FAILED",
    verifiedLevels: levels
  };
  return { _type: IN_TOTO_STATEMENT_V1, subject: subjectsOf(report), predicateType: VSA_PREDICATE, predicate };
}
function numbersAsStrings(v) {
  if (typeof v === "number") return decimal(v);
  if (Array.isArray(v)) return v.map(numbersAsStrings);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numbersAsStrings(x)]));
  return v;
}
function reportPredicate(report) {
  const gates = {};
  for (const [name, g] of Object.entries(report.gates)) {
    if (!g) continue;
    gates[name] = {
      ...g,
      metrics: numbersAsStrings(g.metrics),
      ...g.ci ? { ci: numbersAsStrings(g.ci) } : {},
      checks: g.checks.map((c) => {
        const out = { ...c };
        for (const k of ["min", "max", "value", "compared"]) if (typeof c[k] === "number") out[k] = decimal(c[k]);
        return out;
      })
    };
  }
  return { ...JSON.parse(JSON.stringify(report)), gates };
}
function buildReportStatement(report, opts) {
  assertAttestable(report);
  return { _type: IN_TOTO_STATEMENT_V1, subject: subjectsOf(report), predicateType: REPORT_PREDICATE, predicate: { timeVerified: opts.timeVerified, report: reportPredicate(report) } };
}
function attestRun(report, opts, key) {
  const vsa = buildVsaStatement(report, opts);
  const rep = buildReportStatement(report, opts);
  return {
    vsa: { statement: vsa, bundle: signDsse(statementPayload(vsa), IN_TOTO_PAYLOAD_TYPE, key) },
    report: { statement: rep, bundle: signDsse(statementPayload(rep), IN_TOTO_PAYLOAD_TYPE, key) }
  };
}
async function attestRunWith(report, opts, signer) {
  const vsa = buildVsaStatement(report, opts);
  const rep = buildReportStatement(report, opts);
  const vsaBundle = await signer.sign(statementPayload(vsa), IN_TOTO_PAYLOAD_TYPE);
  const repBundle = await signer.sign(statementPayload(rep), IN_TOTO_PAYLOAD_TYPE);
  return { vsa: { statement: vsa, bundle: vsaBundle }, report: { statement: rep, bundle: repBundle } };
}

export {
  escapeCommandData,
  workflowCommand,
  neutraliseLog,
  plainValue,
  md,
  code,
  fenced,
  cell,
  mermaidLabel,
  truncate,
  safeUrl,
  decimal,
  apiBase,
  validRepo,
  apiRequest,
  describeReply,
  nextLink,
  BUNDLE_V03,
  loadSigningKey,
  keyHint,
  signDsse,
  IN_TOTO_PAYLOAD_TYPE,
  statementPayload,
  VSA_PREDICATE,
  IN_TOTO_STATEMENT_V1,
  ROOT_ANNOTATION,
  ROOT_ANNOTATION_VALUE,
  levelOf,
  attestRun,
  attestRunWith,
  storeAttestation,
  fetchAttestations
};
