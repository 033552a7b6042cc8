import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  DEFAULT_IGNORED,
  compareResources,
  computeManifest,
  describe,
  ecCurveHash,
  isSelfSigned,
  keyFingerprint,
  loadPublicKey,
  normaliseIgnore,
  parseBundle,
  parseShardName,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  require_dist as require_dist2,
  rootDigest,
  sigError,
  sigFail,
  validateIdentityPolicy,
  verifyDsseSignature,
  verifyKeylessBundle,
  verifySigstoreBundle
} from "./chunk-KG5F2G4A.js";
import {
  argmaxRow,
  require_dist
} from "./chunk-O54UC3Q5.js";
import {
  resolveInside,
  runAtLeast,
  singleFileSubject
} from "./chunk-HUZQ54LW.js";
import {
  sha256Hex
} from "./chunk-5KBCKNTJ.js";
import {
  modelRunError
} from "./chunk-EBRXSLDV.js";
import {
  float16ToNumber
} from "./chunk-AIQMBGXI.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";
import {
  __toESM
} from "./chunk-KXLR6RWI.js";

// src/signature/verify.ts
import { readFile, stat as stat2 } from "node:fs/promises";
import path2 from "node:path";

// src/signature/certificate.ts
var import_core = __toESM(require_dist2(), 1);
import { createPublicKey, X509Certificate as NodeX509 } from "node:crypto";
var OID_EKU = "2.5.29.37";
var OID_CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
var OID_ANY_EKU = "2.5.29.37.0";
function parsePemCertificates(bytes, name) {
  const text = bytes.toString("utf8");
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw sigError("certificate-roots", `${name} holds no "BEGIN CERTIFICATE" PEM block: give the root CA certificate(s) in PEM`);
  return blocks.map((b, i) => {
    try {
      return import_core.X509Certificate.parse(b);
    } catch (e) {
      throw sigError("certificate-roots", `${name}: certificate ${i + 1} cannot be parsed (${describe(e)})`);
    }
  });
}
function verifyCertificateChain(chainDer, roots, name) {
  if (chainDer.length === 0) throw sigFail("bundle-invalid", `${name} has no signing certificate`);
  let certs;
  try {
    certs = chainDer.map((d) => import_core.X509Certificate.parse(Buffer.from(d)));
  } catch (e) {
    throw sigFail("bundle-invalid", `${name}: a certificate in the bundle cannot be parsed (${describe(e)})`);
  }
  if (certs.some(isSelfSigned)) {
    throw sigFail("chain-includes-root", `${name}: the certificate chain in the bundle includes a root (self-signed) certificate: roots must come from the policy's certificate-roots, never from the signature`);
  }
  const leaf = certs[0];
  const at = leaf.notBefore;
  const intermediates = certs.slice(1);
  const signs = (child, parent) => {
    if (!child.issuer.equals(parent.subject)) return false;
    try {
      return child.verify(parent);
    } catch {
      return false;
    }
  };
  const build = (cert, depth, used) => {
    if (depth > 10) return null;
    for (const r of roots) if (signs(cert, r)) return [r];
    for (const ic of intermediates) {
      if (used.has(ic) || !signs(cert, ic)) continue;
      const rest = build(ic, depth + 1, /* @__PURE__ */ new Set([...used, ic]));
      if (rest) return [ic, ...rest];
    }
    return null;
  };
  const above = build(leaf, 0, /* @__PURE__ */ new Set());
  if (!above) {
    throw sigFail("untrusted-certificate", `${name}: the signing certificate does not chain to the policy's certificate roots: it was not issued by the expected CA`);
  }
  const path3 = [leaf, ...above];
  for (const [i, c] of path3.entries()) {
    if (i > 0 && !c.isCA) throw sigFail("untrusted-certificate", `${name}: certificate ${i} in the chain is not a CA`);
    const pathLen = c.extBasicConstraints?.pathLenConstraint;
    if (i > 0 && pathLen !== void 0 && pathLen < BigInt(i - 1)) throw sigFail("untrusted-certificate", `${name}: path length constraint exceeded at certificate ${i}`);
    if (!c.validForDate(at)) {
      throw sigFail("untrusted-certificate", `${name}: certificate ${i} of the chain is not valid at the signing time ${at.toISOString()} (valid ${c.notBefore.toISOString()} to ${c.notAfter.toISOString()})`);
    }
  }
  const ku = leaf.extKeyUsage;
  let canSign = ku?.digitalSignature === true;
  if (!canSign) {
    let oids = [];
    try {
      const list = leaf.extension(OID_EKU)?.valueObj.subs[0];
      oids = list ? list.subs.map((s) => s.toOID()) : [];
    } catch (e) {
      throw sigFail("bundle-invalid", `${name}: the signing certificate's extended key usage cannot be parsed (${describe(e)})`);
    }
    canSign = oids.includes(OID_CODE_SIGNING) || oids.includes(OID_ANY_EKU);
  }
  if (!canSign) throw sigFail("certificate-usage", `${name}: the signing certificate may not be used for signing (neither digitalSignature key usage nor code-signing extended key usage)`);
  let key;
  try {
    key = createPublicKey({ key: leaf.publicKey, format: "der", type: "spki" });
  } catch (e) {
    throw sigFail("bundle-invalid", `${name}: the signing certificate's public key cannot be read (${describe(e)})`);
  }
  return { leaf, key, subject: subjectString(leaf), root: above[above.length - 1] };
}
function subjectString(cert) {
  try {
    return new NodeX509(cert.root.toDER()).subject.replace(/\n/g, ",");
  } catch {
    return "";
  }
}

// src/signature/cosign.ts
import { createHash, createVerify } from "node:crypto";
import { createReadStream } from "node:fs";
async function verifyCosignBlob(opts) {
  const { key, name } = opts;
  if (key.asymmetricKeyType !== "ec" && key.asymmetricKeyType !== "rsa") {
    throw sigFail("wrong-key", `${name}: cosign blob signatures are checked with ECDSA or RSA keys, got a ${key.asymmetricKeyType} key`);
  }
  const sig = Buffer.from(opts.signature.toString("utf8").trim(), "base64");
  const v = createVerify("sha256");
  const h = createHash("sha256");
  for await (const chunk of createReadStream(opts.blobPath, { highWaterMark: 4 << 20 })) {
    v.update(chunk);
    h.update(chunk);
  }
  let ok = false;
  try {
    ok = v.verify(key, sig);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw sigFail("invalid", `${name}: the cosign signature does not verify over the model with key ${keyFingerprint(key)}: the model was changed after signing, or it was signed with another key`);
  }
  return { keyFingerprint: keyFingerprint(key), sha256: h.digest("hex") };
}

// src/signature/oms/verify.ts
import { createHash as createHash2 } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
var OMS_PREDICATE = "https://model_signing/signature/v1.0";
var OMS_LEGACY_PREDICATE = "https://model_signing/Digests/v0.1";
var IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
var IN_TOTO_STATEMENT = "https://in-toto.io/Statement/v1";
function obj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
}
function readOmsStatement(json, name) {
  const b = obj(json);
  const e = obj(b?.dsseEnvelope);
  if (!e) throw sigFail("oms-invalid", `${name} has no DSSE envelope: it is not an OpenSSF model signing signature`);
  const sigs = Array.isArray(e.signatures) ? e.signatures : [];
  const sig0 = obj(sigs[0]);
  if (typeof e.payload !== "string" || typeof e.payloadType !== "string" || sigs.length !== 1 || typeof sig0?.sig !== "string") {
    throw sigFail("oms-invalid", `${name}: the DSSE envelope must have a payload, a payload type and exactly one signature`);
  }
  const env = { payloadType: e.payloadType, payload: Buffer.from(e.payload, "base64"), sig: Buffer.from(sig0.sig, "base64") };
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw sigFail("oms-invalid", `${name}: DSSE payload type ${JSON.stringify(env.payloadType)} is not ${IN_TOTO_PAYLOAD_TYPE}`);
  let st;
  try {
    st = obj(JSON.parse(env.payload.toString("utf8")));
  } catch {
    st = void 0;
  }
  if (!st) throw sigFail("oms-invalid", `${name}: the DSSE payload is not a JSON in-toto statement`);
  return { env, statement: st };
}
async function verifyOms(opts) {
  const { json, name, method } = opts;
  const { env, statement } = readOmsStatement(json, name);
  if (statement.predicateType === OMS_LEGACY_PREDICATE) {
    throw sigFail("oms-legacy", `${name} uses the unsupported legacy pre-1.0 model signing format (predicate ${OMS_LEGACY_PREDICATE}): re-sign the model with model_signing 1.0 or later`);
  }
  if (statement._type !== IN_TOTO_STATEMENT) throw sigFail("oms-invalid", `${name}: statement type ${JSON.stringify(statement._type)} is not ${IN_TOTO_STATEMENT}`);
  if (statement.predicateType !== OMS_PREDICATE) {
    throw sigFail("oms-invalid", `${name}: predicate type ${JSON.stringify(statement.predicateType)} is not ${OMS_PREDICATE}: not an OpenSSF model signature`);
  }
  let sigInfo;
  if (method.kind === "keyless") {
    const vmJson = obj(obj(json)?.verificationMaterial);
    if (vmJson?.x509CertificateChain && !(Array.isArray(vmJson.tlogEntries) && vmJson.tlogEntries.length > 0)) {
      throw sigFail("wrong-method", `${name} is signed with an X.509 certificate chain and no transparency log entry (certificate mode), but the policy expects keyless signing: verify it with certificate-roots`);
    }
    if (vmJson?.publicKey) {
      throw sigFail("wrong-method", `${name} is signed with a private key (no certificate), but the policy expects keyless signing: verify it with the public key (key)`);
    }
    const { identity, issuer, logIndex } = verifyKeylessBundle(parseBundle(json, name), name, method.policy, method.trustedRoot);
    sigInfo = { method: "keyless", identity, issuer, logIndex, transparency: "log" };
  } else if (method.kind === "key") {
    if (!verifyDsseSignature(method.key, env.payloadType, env.payload, env.sig)) {
      const hint = obj(obj(obj(json)?.verificationMaterial)?.publicKey)?.hint;
      const pem = method.key.export({ type: "spki", format: "pem" }).toString();
      const hintNote = typeof hint === "string" && hint && hint !== createHash2("sha256").update(pem).digest("hex") ? " (the key hint in the signature names a different key)" : "";
      throw sigFail("wrong-key", `${name}: the signature does not verify with the policy's key ${keyFingerprint(method.key)}${hintNote}: the model was signed with another key, or the signature was altered`);
    }
    sigInfo = { method: "key", keyFingerprint: keyFingerprint(method.key), logIndex: null, transparency: "none" };
  } else {
    const vm = obj(obj(json)?.verificationMaterial);
    const chain = obj(vm?.x509CertificateChain);
    const certsJson = Array.isArray(chain?.certificates) ? chain.certificates : [];
    if (certsJson.length === 0) {
      throw sigFail("wrong-method", `${name} carries no X.509 certificate chain, but the policy expects certificate signing (certificate-roots)`);
    }
    const ders = certsJson.map((c) => Buffer.from(String(obj(c)?.rawBytes ?? ""), "base64"));
    const res = verifyCertificateChain(ders, method.roots, name);
    ecCurveHash(res.key);
    if (!verifyDsseSignature(res.key, env.payloadType, env.payload, env.sig)) throw sigFail("invalid", `${name}: the signature does not verify with the signing certificate's key: the signature was altered`);
    sigInfo = { method: "certificate", identity: res.subject || void 0, keyFingerprint: keyFingerprint(res.key), logIndex: null, transparency: "none" };
  }
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  if (subjects.length !== 1) throw sigFail("oms-invalid", `${name}: expected exactly one subject in the statement, got ${subjects.length}`);
  const subjectDigest = obj(obj(subjects[0])?.digest)?.sha256;
  if (typeof subjectDigest !== "string" || !/^[0-9a-f]{64}$/i.test(subjectDigest)) throw sigFail("oms-invalid", `${name}: the subject has no sha256 digest`);
  const predicate = obj(statement.predicate);
  const serJson = obj(predicate?.serialization);
  if (!serJson) throw sigFail("oms-invalid", `${name}: the predicate has no serialization`);
  const ser = parseSerialization(serJson, name);
  const resources = Array.isArray(predicate?.resources) ? predicate.resources : null;
  if (!resources) throw sigFail("oms-invalid", `${name}: the predicate has no resources`);
  const signed = resources.map((r, i) => {
    const o = obj(r);
    const algOk = o?.algorithm === "sha256" || ser.method === "shards" && o?.algorithm === `sha256-sharded-${ser.shardSize}`;
    if (!o || typeof o.name !== "string" || typeof o.digest !== "string" || !/^[0-9a-f]{64}$/i.test(o.digest) || !algOk) {
      throw sigFail("oms-invalid", `${name}: resource ${i} is malformed or uses an unsupported algorithm (${JSON.stringify(o?.algorithm)})`);
    }
    if (ser.method === "shards" && !parseShardName(o.name)) throw sigFail("oms-invalid", `${name}: shard resource ${JSON.stringify(o.name)} is not path:start:end`);
    return { name: o.name, digest: Buffer.from(o.digest, "hex") };
  });
  const computedRoot = rootDigest(signed).toString("hex");
  if (computedRoot !== subjectDigest.toLowerCase()) {
    throw sigFail("oms-inconsistent", `${name}: the signed resources hash to sha256:${computedRoot}, not to the subject digest sha256:${subjectDigest}: the manifest is inconsistent`);
  }
  const seen = /* @__PURE__ */ new Set();
  for (const s of signed) {
    if (seen.has(s.name)) throw sigFail("oms-invalid", `${name}: resource ${JSON.stringify(s.name)} is listed twice`);
    seen.add(s.name);
  }
  const ignores = /* @__PURE__ */ new Set();
  const isDir = await stat(opts.modelPath).then((s) => s.isDirectory(), () => false);
  const signedSingle = signed.length > 0 && signed.every((r) => (ser.method === "shards" ? parseShardName(r.name)?.path : r.name) === ".");
  if (signed.length > 0 && isDir && signedSingle) {
    throw sigFail("subject-mismatch", `${name} signs a single file, but the signed subject ${opts.modelPath} is a folder: set signature.subject to the signed file`);
  }
  if (!isDir && !signedSingle) {
    throw sigFail("subject-mismatch", `${name} signs a folder of ${new Set(signed.map((r) => ser.method === "shards" ? parseShardName(r.name)?.path : r.name)).size} file(s), but the signed subject ${opts.modelPath} is a single file: set signature.subject to the model's folder`);
  }
  if (isDir) {
    for (const p of [...ser.ignorePaths, ...opts.ignorePaths ?? [], ...DEFAULT_IGNORED]) {
      const n = normaliseIgnore(p);
      if (n) ignores.add(n);
    }
    if (opts.signaturePath) {
      const rel = path.relative(opts.modelPath, opts.signaturePath);
      if (rel && rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel)) ignores.add(rel.split(path.sep).join("/"));
    }
  }
  const actual = await computeManifest(opts.modelPath, ser, [...ignores]);
  compareManifests(signed, actual, ser, name);
  const files = [...new Set(signed.map((s) => ser.method === "shards" ? parseShardName(s.name).path : s.name))];
  if (ser.method === "shards") {
    const fromDisk = new Set(actual.map((a) => parseShardName(a.name).path));
    for (const f of fromDisk) if (!files.includes(f)) files.push(f);
  }
  files.sort((a, b) => compareResources("files", a, b));
  return { ...sigInfo, rootDigest: subjectDigest.toLowerCase(), files, resources: signed, serialization: ser };
}
function parseSerialization(s, name) {
  const method = s.method;
  if (method !== "files" && method !== "shards") throw sigError("oms-serialization", `${name}: serialization method ${JSON.stringify(method)} is not supported (files, shards)`);
  let shardSize;
  if (method === "shards") {
    shardSize = Number(s.shard_size);
    if (!Number.isSafeInteger(shardSize) || shardSize <= 0) throw sigFail("oms-invalid", `${name}: invalid shard_size ${JSON.stringify(s.shard_size)}`);
  }
  const ht = s.hash_type;
  if (ht !== "sha256" && !(method === "shards" && ht === `sha256-sharded-${shardSize}`)) {
    throw sigError("oms-serialization", `${name}: hash type ${JSON.stringify(ht)} is not supported (only sha256)`);
  }
  const allow = s.allow_symlinks;
  const allowSymlinks = allow === true || allow === "true" || allow === "True";
  const ignorePaths = Array.isArray(s.ignore_paths) ? s.ignore_paths.filter((p) => typeof p === "string") : [];
  return { method, hashType: "sha256", shardSize, allowSymlinks, ignorePaths };
}
function listNames(names) {
  const max = 5;
  const shown = names.slice(0, max).map((n) => JSON.stringify(n)).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
function compareManifests(signed, actual, ser, name) {
  const toFile = (n) => ser.method === "shards" ? parseShardName(n)?.path ?? n : n;
  const want = new Map(signed.map((s) => [s.name, s.digest]));
  const have = new Map(actual.map((a) => [a.name, a.digest]));
  const missing = /* @__PURE__ */ new Set();
  const extra = /* @__PURE__ */ new Set();
  const changed = /* @__PURE__ */ new Set();
  const haveFiles = new Set(actual.map((a) => toFile(a.name)));
  const wantFiles = new Set(signed.map((s) => toFile(s.name)));
  for (const [n, d] of want) {
    const h = have.get(n);
    if (!h) (haveFiles.has(toFile(n)) ? changed : missing).add(toFile(n));
    else if (!h.equals(d)) changed.add(toFile(n));
  }
  for (const n of have.keys()) {
    if (!want.has(n)) (wantFiles.has(toFile(n)) ? changed : extra).add(toFile(n));
  }
  if (missing.size + extra.size + changed.size === 0) return;
  const parts = [];
  if (changed.size) parts.push(`changed: ${listNames([...changed].sort())}`);
  if (missing.size) parts.push(`missing: ${listNames([...missing].sort())}`);
  if (extra.size) parts.push(`extra (not signed): ${listNames([...extra].sort())}`);
  throw sigFail("model-mismatch", `the model does not match its signature ${name}: ${parts.join("; ")}: restore the signed files, or re-sign the model (extra files can be excluded with ignore-paths)`);
}

// src/signature/detect.ts
function detectFormat(bytes) {
  const text = bytes.toString("utf8").trim();
  if (text.startsWith("{")) {
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { format: null, reason: `looks like JSON but does not parse (${e.message})` };
    }
    const o = json;
    const isBundle = typeof o.mediaType === "string" && o.mediaType.startsWith("application/vnd.dev.sigstore.bundle") || typeof o.dsseEnvelope === "object" || typeof o.messageSignature === "object";
    if (!isBundle && typeof o.base64Signature === "string") {
      return { format: null, json, reason: "this is the legacy cosign bundle format (base64Signature/cert/rekorBundle): re-sign with cosign sign-blob --new-bundle-format --bundle, or give the raw signature with format cosign" };
    }
    if (!isBundle) return { format: null, json, reason: "JSON without a Sigstore bundle media type or content" };
    const env = o.dsseEnvelope;
    if (env && typeof env.payload === "string") {
      try {
        const st = JSON.parse(Buffer.from(env.payload, "base64").toString("utf8"));
        const pt = st?.predicateType;
        if (typeof pt === "string" && (pt.startsWith("https://model_signing/") || pt === OMS_LEGACY_PREDICATE)) return { format: "oms", json };
      } catch {
      }
    }
    return { format: "sigstore-bundle", json };
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length >= 16 && text.length <= 2048 && text.length % 4 === 0) {
    return { format: "cosign" };
  }
  if (text.startsWith("-----BEGIN")) return { format: null, reason: "it is a PEM file (a key or certificate?), not a signature" };
  return { format: null, reason: "neither a Sigstore bundle (JSON) nor a base64 signature" };
}

// src/signature/verify.ts
async function verifyModelSignature(opts) {
  return (await verifyModelSignatureWithSubject(opts)).report;
}
async function verifyModelSignatureWithSubject(opts) {
  try {
    return await verifyInner(opts);
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw sigFail("invalid", `signature verification failed: ${describe(e)}`, e);
  }
}
async function verifyInner(opts) {
  const { workspace, workingDirectory, modelPath, trusted } = opts;
  const policy = { ...opts.policy, required: opts.policy.required !== false, format: opts.policy.format ?? "auto" };
  const log = opts.log ?? (() => {
  });
  const inside = (p, what) => resolveInside(workspace, workingDirectory, p, what);
  if (!policy.bundle) {
    if (policy.required) throw sigFail("missing", "signature.required is true but no signature.bundle is configured: sign the model and set signature.bundle (or set required: false)");
    return { report: { status: "skipped", message: "no signature configured (signature.required is false)" }, subject: null };
  }
  const bundleLoc = inside(policy.bundle, "signature.bundle");
  let bundleBytes;
  try {
    bundleBytes = await readFile(bundleLoc.abs);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") {
      if (policy.required) throw sigFail("missing", `signature ${bundleLoc.rel} does not exist: sign the model (the signature is required)`);
      return { report: { status: "skipped", message: `signature ${bundleLoc.rel} does not exist (signature.required is false)` }, subject: null };
    }
    throw sigError("unreadable", `signature ${bundleLoc.rel} cannot be read (${code ?? describe(e)})`);
  }
  const name = bundleLoc.rel;
  const modes = [policy.keyless ? "keyless" : null, policy.key ? "key" : null, policy["certificate-roots"] !== void 0 && [].concat(policy["certificate-roots"]).length > 0 ? "certificate-roots" : null].filter((m) => m !== null);
  if (modes.length !== 1) {
    throw sigError("policy", `signature needs exactly one of keyless, key and certificate-roots (got ${modes.length ? modes.join(", ") : "none"})`);
  }
  const subjectAbs = policy.subject ? inside(policy.subject, "signature.subject").abs : modelPath;
  const subjectRel = path2.relative(workspace, subjectAbs).split(path2.sep).join("/") || ".";
  const subjectStat = await stat2(subjectAbs).catch((e) => {
    throw sigError("subject", `signed subject ${subjectRel} cannot be read (${e.code ?? describe(e)})`);
  });
  const modelRelToSubject = path2.relative(subjectAbs, modelPath);
  if (leaves(modelRelToSubject)) {
    throw sigError("subject", `model.path lies outside signature.subject ${subjectRel}: the signature must cover the model`);
  }
  const detected = detectFormat(bundleBytes);
  if (!detected.format) throw sigFail("format", `signature ${name} is not a recognised signature: ${detected.reason}`);
  if (policy.format !== "auto" && policy.format !== detected.format) {
    throw sigFail("format", `signature ${name} is a ${detected.format} signature, but the policy says format: ${policy.format}`);
  }
  const format = detected.format;
  log(`signature: ${name} detected as ${format}; verifying with ${modes[0]}`);
  const readTrusted = async (p, what) => {
    const loc = inside(p, what);
    return { rel: loc.rel, bytes: await trusted.read(loc.rel) };
  };
  let trustedRoot;
  let identityPolicy;
  if (policy.keyless) {
    const k = policy.keyless;
    const ids = k.identity === void 0 ? void 0 : Array.isArray(k.identity) ? k.identity : [k.identity];
    identityPolicy = { identities: ids, identityRegex: k["identity-regex"], issuer: k.issuer };
    validateIdentityPolicy(identityPolicy);
  }
  if (policy["trusted-root"]) {
    const t = await readTrusted(policy["trusted-root"], "signature.trusted-root");
    trustedRoot = parseTrustedRoot(t.bytes, t.rel);
  } else if (identityPolicy) {
    trustedRoot = publicGoodTrustedRoot();
  }
  const key = policy.key ? await readTrusted(policy.key, "signature.key").then((t) => loadPublicKey(t.bytes, t.rel)) : void 0;
  const rootFiles = policy["certificate-roots"] === void 0 ? [] : [].concat(policy["certificate-roots"]);
  const roots = rootFiles.length ? (await Promise.all(rootFiles.map((f) => readTrusted(f, "signature.certificate-roots").then((t) => parsePemCertificates(t.bytes, t.rel))))).flat() : void 0;
  const covered = (files) => ({
    subject: subjectRel,
    ...files ? { files } : {},
    bundle: name,
    bundle_sha256: sha256Hex(bundleBytes)
  });
  const cardRel = opts.cardPath ? path2.relative(subjectAbs, opts.cardPath).split(path2.sep).join("/") : void 0;
  const cardInside = cardRel !== void 0 && !leaves(cardRel);
  if (format === "oms") {
    const method = identityPolicy ? { kind: "keyless", policy: identityPolicy, trustedRoot: trustedRoot.root } : key ? { kind: "key", key } : { kind: "certificate", roots };
    const ignorePaths = (policy["ignore-paths"] ?? []).map((p) => p);
    const res2 = await verifyOms({ json: detected.json, name, modelPath: subjectAbs, signaturePath: bundleLoc.abs, method, ignorePaths });
    const modelRel = subjectStat.isDirectory() ? modelRelToSubject.split(path2.sep).join("/") : ".";
    if (modelRel !== "" && !res2.files.includes(modelRel)) {
      throw sigFail("model-not-covered", `model.path is not among the files signed by ${name} (it is ignored or outside the signed folder): the model itself must be signed`);
    }
    const report2 = {
      status: "verified",
      method: res2.method,
      format,
      identity: res2.identity,
      issuer: res2.issuer,
      key_fingerprint: res2.keyFingerprint,
      root_digest: `sha256:${res2.rootDigest}`,
      log_index: res2.logIndex,
      transparency: res2.transparency,
      trusted_root_date: res2.method === "keyless" ? trustedRoot?.date ?? null : null,
      covers_card: opts.cardPath === void 0 ? null : cardInside && res2.files.includes(cardRel),
      message: summary(res2.method, res2.identity, res2.issuer, res2.keyFingerprint, `${res2.files.length} file(s)`),
      // Whole-file digests exist in the files serialization only (shards: per byte range).
      ...covered(res2.serialization.method === "files" ? res2.resources.map((r) => ({ name: r.name, sha256: r.digest.toString("hex") })) : void 0)
    };
    return { report: report2, subject: omsSubject(subjectAbs, `the signature ${name}`, res2.resources, res2.files, res2.serialization.method) };
  }
  if (!subjectStat.isFile()) {
    throw sigError("subject", `a ${format} signature covers one file, but signature.subject ${subjectRel} is a folder: point it at the model file, or sign the folder with model_signing`);
  }
  const coversCard = opts.cardPath === void 0 ? null : path2.resolve(opts.cardPath) === path2.resolve(subjectAbs);
  if (format === "cosign") {
    if (!key) throw sigError("policy", `signature ${name} is a cosign key-based signature: configure signature.key (the cosign public key)`);
    const res2 = await verifyCosignBlob({ signature: bundleBytes, name, blobPath: subjectAbs, key });
    const report2 = {
      status: "verified",
      method: "cosign-key",
      format,
      key_fingerprint: res2.keyFingerprint,
      root_digest: `sha256:${res2.sha256}`,
      log_index: null,
      transparency: "none",
      trusted_root_date: null,
      covers_card: coversCard,
      message: summary("cosign-key", void 0, void 0, res2.keyFingerprint, subjectRel),
      ...covered([{ name: ".", sha256: res2.sha256 }])
    };
    return { report: report2, subject: singleFileSubject(subjectAbs, res2.sha256, `the signature ${name}`) };
  }
  if (roots) throw sigError("policy", `signature ${name} is a Sigstore bundle: certificate-roots applies to model_signing certificate signatures only; use keyless (or key)`);
  const bundle = parseBundle(detected.json, name);
  const res = await verifySigstoreBundle({
    bundle,
    name,
    artifact: { kind: "file", path: subjectAbs },
    signer: identityPolicy ? { kind: "identity", policy: identityPolicy } : { kind: "key", key },
    trustedRoot: (trustedRoot ?? publicGoodTrustedRoot()).root
  });
  const report = {
    status: "verified",
    method: res.method,
    format,
    identity: res.identity,
    issuer: res.issuer,
    key_fingerprint: res.keyFingerprint,
    root_digest: `sha256:${res.artifactSha256}`,
    log_index: res.logIndex,
    transparency: res.transparency,
    trusted_root_date: res.method === "keyless" || res.transparency === "log" ? (trustedRoot ?? publicGoodTrustedRoot()).date ?? null : null,
    covers_card: coversCard,
    message: summary(res.method, res.identity, res.issuer, res.keyFingerprint, subjectRel),
    ...covered([{ name: ".", sha256: res.artifactSha256 }])
  };
  return { report, subject: singleFileSubject(subjectAbs, res.artifactSha256, `the signature ${name}`) };
}
function omsSubject(abs, by, resources, signedFiles, method) {
  const files = /* @__PURE__ */ new Map();
  if (method === "shards") for (const f of signedFiles) files.set(f, { shards: [] });
  for (const r of resources) {
    if (method === "files") {
      files.set(r.name, { sha256: r.digest.toString("hex") });
      continue;
    }
    const s = parseShardName(r.name);
    const e = files.get(s.path) ?? { shards: [] };
    e.shards.push({ start: s.start, end: s.end, sha256: r.digest.toString("hex") });
    files.set(s.path, e);
  }
  for (const e of files.values()) e.shards?.sort((a, b) => a.start - b.start);
  return { abs, by, files };
}
function summary(method, identity, issuer, fp, what) {
  const who = method === "keyless" ? `${identity} (issuer ${issuer})` : method === "certificate" ? `certificate ${identity ?? ""} ${fp ?? ""}`.trim() : `key ${fp}`;
  return `verified ${method} signature over ${what} by ${who}`;
}
function leaves(rel) {
  return rel === ".." || rel.startsWith(".." + path2.sep) || rel.startsWith("../") || path2.isAbsolute(rel);
}

// src/model/predict.ts
import "onnxruntime-node";
async function runScores(model, ds, x, rows) {
  const view = model.featureView(ds);
  const feeds = view.feeds(x, rows);
  let out;
  try {
    out = await runAtLeast(model.session, feeds, model.fetch, model.minBatch);
  } catch (e) {
    throw modelRunError(model.rel, feeds, e, `dataset "${ds.name}"`);
  }
  return out[model.output.name];
}
async function predict(model, ds, opts) {
  const view = model.featureView(ds);
  const n = opts.rows ? opts.rows.length : ds.rows;
  const all = opts.rows ?? iota(n);
  const bs = view.batchSize;
  const kind = model.output.kind;
  let classes = -1;
  let binary = false;
  let scores;
  const rawLabels = kind === "label" ? new Array(n) : [];
  const task = `model ${model.rel} on dataset ${ds.name} (batch ${bs})`;
  opts.progress?.({ phase: "start", task, unit: "rows", done: 0, total: n });
  for (let start = 0; start < n; start += bs) {
    if (start > 0) opts.progress?.({ phase: "update", task, unit: "rows", done: start, total: n });
    opts.checkBudget();
    const rows = all.subarray(start, Math.min(n, start + bs));
    const x = view.featuresView(rows);
    const t = await runScores(model, ds, x, rows);
    const m = rows.length;
    if (kind === "label") {
      const d = t.data;
      if (d.length !== m) throw shapeError(model, ds, t.dims, m);
      for (let i = 0; i < m; i++) rawLabels[start + i] = typeof d[i] === "bigint" ? Number(d[i]) : d[i];
      continue;
    }
    if (t.type !== "float32" && t.type !== "float64" && t.type !== "float16") {
      throw new GateError("model.output", `model output "${model.output.name}" is ${t.type}, not scores: set model.output.kind: label or name a float output`);
    }
    const data = t.type === "float16" ? Float32Array.from(t.data, float16ToNumber) : t.data;
    const width = data.length / m;
    if (classes < 0) {
      const last = t.dims.length >= 2 ? Number(t.dims[t.dims.length - 1]) : 1;
      if (!Number.isInteger(width) || t.dims.length > 2 && width !== last) throw shapeError(model, ds, t.dims, m);
      binary = width === 1;
      classes = binary ? 2 : width;
      scores = new Float64Array(n * classes);
    } else if (width !== (binary ? 1 : classes)) {
      throw shapeError(model, ds, t.dims, m);
    }
    const bad = binary ? copyBinary(data, m, kind === "logits", scores, start * 2) : copyScores(data, m * classes, scores, start * classes);
    if (bad >= 0) {
      const row = Math.floor(bad / width);
      throw new GateError(
        "model.nan",
        `model output "${model.output.name}" is ${data[bad]} on dataset "${ds.name}" row ${all[start + row] + 1}: the model produced non-finite scores (check the inputs for missing values, the transform, and the exported model)`
      );
    }
  }
  opts.progress?.({ phase: "end", task, unit: "rows", done: n, total: n });
  let classLabels;
  let predicted;
  if (kind === "label") {
    classLabels = model.output.classLabels ?? distinctSorted([...rawLabels, ...labelValues(ds)]);
    const index = indexOf(classLabels);
    predicted = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = index.get(canon(rawLabels[i]));
      if (k === void 0) throw new GateError("model.output", `the model predicted ${JSON.stringify(rawLabels[i])}, which is not one of its classes (${classLabels.join(", ")})`);
      predicted[i] = k;
    }
    classes = classLabels.length;
  } else {
    const cl = model.output.classLabels;
    if (cl && cl.length !== classes) {
      throw new GateError("model.output", `model output "${model.output.name}" has ${classes} columns but the model declares ${cl.length} classes`);
    }
    classLabels = cl ?? Array.from({ length: classes }, (_, i) => i);
    predicted = argmaxRows(scores, n, classes);
  }
  const predictions = { dataset: ds.name, rows: n, classes, kind, predicted, classLabels };
  if (scores) predictions.scores = scores;
  if (ds.labels) predictions.labels = mapLabels(ds, all, classLabels);
  return { predictions, batchSize: bs };
}
function copyScores(src, count, dst, at) {
  for (let i = 0; i < count; i++) {
    const v = src[i];
    if (v - v !== 0) return i;
  }
  dst.set(src.length === count ? src : src.subarray(0, count), at);
  return -1;
}
function copyBinary(src, m, logit, dst, at) {
  for (let i = 0; i < m; i++) {
    const v = src[i];
    if (v - v !== 0) return i;
    dst[at + 2 * i] = logit ? 0 : 1 - v;
    dst[at + 2 * i + 1] = v;
  }
  return -1;
}
function iota(n) {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
function argmaxRows(scores, n, classes) {
  const out = new Int32Array(n);
  if (classes === 2) {
    for (let i = 0; i < n; i++) out[i] = +(scores[2 * i + 1] > scores[2 * i]);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = argmaxRow(scores, i * classes, classes);
  return out;
}
function shapeError(model, ds, dims, rows) {
  return new GateError("model.output-shape", `model output "${model.output.name}" has shape [${dims.join(", ")}] for a batch of ${rows} rows of dataset "${ds.name}": expected [${rows}, classes] (or [${rows}] for a binary score): set model.output to the classifier's scores`);
}
function canon(v) {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "1" : "0";
  const s = String(v).trim();
  if (/^[+-]?\d+(\.0+)?$/.test(s)) return String(Number(s));
  return s;
}
function indexOf(classLabels) {
  const m = /* @__PURE__ */ new Map();
  classLabels.forEach((c, i) => m.set(canon(c), i));
  return m;
}
function labelValues(ds) {
  const col = ds.labels;
  if (!col) return [];
  const out = [];
  if (col.kind === "number") for (const v of col.values) {
    if (!Number.isNaN(v)) out.push(v);
  }
  else for (const v of col.values) if (v !== null) out.push(v);
  return out;
}
function distinctSorted(values) {
  const byKey = /* @__PURE__ */ new Map();
  for (const v of values) if (!byKey.has(canon(v))) byKey.set(canon(v), typeof v === "string" && /^[+-]?\d+(\.0+)?$/.test(v.trim()) ? Number(v) : v);
  const vals = [...byKey.values()];
  const numeric = vals.every((v) => typeof v === "number");
  return numeric ? vals.sort((a, b) => a - b) : vals.map(String).sort();
}
function mapLabels(ds, rows, classLabels) {
  const col = ds.labels;
  const index = indexOf(classLabels);
  const out = new Int32Array(rows.length);
  const byNumber = /* @__PURE__ */ new Map();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const v = col.values[r];
    let k;
    if (typeof v === "number") {
      k = byNumber.get(v);
      if (k === void 0 && !Number.isNaN(v)) {
        k = index.get(canon(v));
        if (k !== void 0) byNumber.set(v, k);
      }
    } else if (v !== null) {
      k = index.get(canon(v));
    }
    if (k === void 0) {
      if (v === null || typeof v === "number" && Number.isNaN(v)) {
        throw new GateError("data.label-missing", `dataset "${ds.name}" row ${r + 1} has no label (${ds.labelColumn ?? "label"}): fill it or drop the row`);
      }
      throw new GateError(
        "data.label-unknown",
        `dataset "${ds.name}" row ${r + 1}: label ${JSON.stringify(v)} is not one of the model's classes (${classLabels.slice(0, 20).map((c) => JSON.stringify(c)).join(", ")}): add a label-map to the dataset`
      );
    }
    out[i] = k;
  }
  return out;
}

// src/modelcard/parse.ts
var import_yaml = __toESM(require_dist(), 1);
function parseCard(text, file) {
  const src = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = src.split("\n");
  let fmEnd = -1;
  if (lines[0]?.trim() === "---") {
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].trim() === "---" || lines[i].trim() === "...") {
        fmEnd = i;
        break;
      }
    }
  }
  const card = { file, frontMatter: {}, keyLines: {}, hasFrontMatter: lines[0]?.trim() === "---", metrics: [], sections: [] };
  let bodyStart = 0;
  if (card.hasFrontMatter && fmEnd < 0) {
    card.frontMatterError = `${file}: the YAML front matter opened on line 1 is never closed by a --- line`;
    card.frontMatterErrorAt = { line: 1 };
  }
  if (fmEnd > 0) {
    bodyStart = fmEnd + 1;
    const fmText = lines.slice(1, fmEnd).join("\n");
    const lc = new import_yaml.LineCounter();
    const doc = (0, import_yaml.parseDocument)(fmText, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
    const lineOf = (n) => {
      if (!n || !n.range) return {};
      const p = lc.linePos(n.range[0]);
      return { line: p.line + 1, col: p.col };
    };
    if (doc.errors.length > 0) {
      card.frontMatterError = `${file}: the YAML front matter is not valid: ${doc.errors[0].message.split("\n")[0]}`;
      const at = doc.errors[0].pos?.[0];
      if (typeof at === "number") {
        const p = lc.linePos(at);
        card.frontMatterErrorAt = { line: p.line + 1, col: p.col };
      }
    } else {
      const js = doc.toJS();
      if (js && typeof js === "object" && !Array.isArray(js)) card.frontMatter = js;
      if ((0, import_yaml.isMap)(doc.contents)) {
        for (const pair of doc.contents.items) {
          if ((0, import_yaml.isScalar)(pair.key)) card.keyLines[String(pair.key.value)] = lineOf(pair.key).line ?? 1;
        }
        const mi = doc.contents.get("model-index", true);
        if ((0, import_yaml.isSeq)(mi)) {
          for (const model of mi.items) {
            if (!(0, import_yaml.isMap)(model)) continue;
            const results = model.get("results", true);
            if (!(0, import_yaml.isSeq)(results)) continue;
            for (const res of results.items) {
              if (!(0, import_yaml.isMap)(res)) continue;
              const task = res.get("task", true);
              const dataset = res.get("dataset", true);
              const taskJs = (0, import_yaml.isMap)(task) ? task.toJSON() : {};
              const dsJs = (0, import_yaml.isMap)(dataset) ? dataset.toJSON() : {};
              const metrics = res.get("metrics", true);
              if (!(0, import_yaml.isSeq)(metrics)) continue;
              for (const m of metrics.items) {
                if (!(0, import_yaml.isMap)(m)) continue;
                const mj = m.toJSON();
                const valueNode = m.get("value", true);
                card.metrics.push({
                  task: String(taskJs.type ?? taskJs.name ?? ""),
                  dataset: String(dsJs.type ?? dsJs.name ?? ""),
                  split: String(dsJs.split ?? ""),
                  type: String(mj.type ?? mj.name ?? ""),
                  ...mj.name !== void 0 ? { name: String(mj.name) } : {},
                  value: mj.value,
                  ...lineOf(valueNode ?? m)
                });
              }
            }
          }
        }
      }
    }
  }
  const stack = [];
  let current = { title: "(preamble)", line: bodyStart + 1, body: "" };
  const bodyLines = [];
  let fence = null;
  const flush = () => {
    current.body = bodyLines.join("\n").replace(/^\n+|\s+$/g, "");
    if (current.body !== "" || current.title !== "(preamble)") card.sections.push(current);
    bodyLines.length = 0;
  };
  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i];
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1][0].repeat(f[1].length);
      else if (l.trim().startsWith(fence)) fence = null;
    }
    const h = fence === null ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l) : null;
    if (h) {
      flush();
      const level = h[1].length;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, title: h[2] });
      current = { title: stack.map((s) => s.title).join(" > "), line: i + 1, body: "" };
    } else {
      bodyLines.push(l);
    }
  }
  flush();
  return card;
}
function metricKey(m) {
  return [m.task, m.dataset, m.split, m.type].join(" | ");
}

// src/modelcard/diff.ts
var LOUD = /* @__PURE__ */ new Set(["license", "license_name", "license_link"]);
var META_KEYS_ORDER = ["license", "license_name", "license_link", "base_model", "library_name", "pipeline_tag", "language", "tags"];
function diffCards(base, head) {
  const out = {
    base: base?.file ?? null,
    head: head?.file ?? null,
    status: !base && head ? "added" : base && !head ? "deleted" : base && head && base.file !== head.file ? "renamed" : "unchanged",
    metadata: [],
    datasets: { added: [], removed: [] },
    metrics: [],
    sections: [],
    warnings: []
  };
  for (const c of [base, head]) if (c?.frontMatterError) out.warnings.push(c.frontMatterError);
  const b = base?.frontMatter ?? {};
  const h = head?.frontMatter ?? {};
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(b), ...Object.keys(h)])].filter((k) => k !== "model-index" && k !== "datasets").sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  for (const k of keys) {
    if (canonical(b[k]) !== canonical(h[k])) {
      out.metadata.push({ key: k, from: b[k] ?? null, to: h[k] ?? null, loud: LOUD.has(k), ...head?.keyLines[k] ? { line: head.keyLines[k] } : {} });
    }
  }
  const dsOf = (fm) => new Set((Array.isArray(fm.datasets) ? fm.datasets : fm.datasets ? [fm.datasets] : []).map(String));
  const bd = dsOf(b), hd = dsOf(h);
  out.datasets.added = [...hd].filter((d) => !bd.has(d)).sort();
  out.datasets.removed = [...bd].filter((d) => !hd.has(d)).sort();
  const bm = new Map((base?.metrics ?? []).map((m) => [metricKey(m), m]));
  const hm = new Map((head?.metrics ?? []).map((m) => [metricKey(m), m]));
  for (const key of [.../* @__PURE__ */ new Set([...bm.keys(), ...hm.keys()])].sort()) {
    const x = bm.get(key), y = hm.get(key);
    const ref = y ?? x;
    if (x && y && canonical(x.value) === canonical(y.value)) continue;
    out.metrics.push({
      task: ref.task,
      dataset: ref.dataset,
      split: ref.split,
      metric: ref.type,
      base: x ? x.value : null,
      head: y ? y.value : null,
      delta: x && y && typeof x.value === "number" && typeof y.value === "number" ? y.value - x.value : null,
      change: !x ? "added" : !y ? "removed" : "changed",
      ...y?.line ? { line: y.line } : {}
    });
  }
  const bs = new Map((base?.sections ?? []).map((s) => [s.title, s]));
  const hs = new Map((head?.sections ?? []).map((s) => [s.title, s]));
  const order = [...(head?.sections ?? []).map((s) => s.title), ...(base?.sections ?? []).map((s) => s.title).filter((t) => !hs.has(t))];
  for (const title of order) {
    const x = bs.get(title), y = hs.get(title);
    if (x && y && x.body === y.body) continue;
    out.sections.push({
      title,
      change: !x ? "added" : !y ? "removed" : "changed",
      diff: unifiedDiff(x?.body ?? "", y?.body ?? ""),
      ...y ? { line: y.line } : {}
    });
  }
  if (out.status === "unchanged" && (out.metadata.length || out.metrics.length || out.sections.length || out.datasets.added.length || out.datasets.removed.length)) {
    out.status = "changed";
  }
  return out;
}
function rank(k) {
  const i = META_KEYS_ORDER.indexOf(k);
  return i < 0 ? META_KEYS_ORDER.length : i;
}
function canonical(v) {
  return JSON.stringify(v, (_k, val) => val && typeof val === "object" && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a < b ? -1 : 1)) : val) ?? "null";
}
function unifiedDiff(a, b, context = 3) {
  const x = a === "" ? [] : a.split("\n");
  const y = b === "" ? [] : b.split("\n");
  const n = x.length, m = y.length;
  if (n * m > 4e6) return [...x.map((l) => `-${l}`), ...y.map((l) => `+${l}`)].join("\n");
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i2 = n - 1; i2 >= 0; i2--) for (let j2 = m - 1; j2 >= 0; j2--) L[i2][j2] = x[i2] === y[j2] ? L[i2 + 1][j2 + 1] + 1 : Math.max(L[i2 + 1][j2], L[i2][j2 + 1]);
  const ops = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: " ", l: x[i], i: i++, j: j++ });
    else if (i < n && (j >= m || L[i + 1][j] >= L[i][j + 1])) ops.push({ t: "-", l: x[i], i: i++, j });
    else ops.push({ t: "+", l: y[j], i, j: j++ });
  }
  const out = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].t === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end].t !== " ") {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].t === " ") run++;
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].i + 1, bStart = hunk[0].j + 1;
    const aLen = hunk.filter((o) => o.t !== "+").length, bLen = hunk.filter((o) => o.t !== "-").length;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.t}${o.l}`);
    k = end;
  }
  return out.join("\n");
}

// src/modelcard/claims.ts
function compareClaims(card, measured, policy) {
  const onMismatch = policy?.["on-mismatch"] ?? "warn";
  const wanted = policy ? policy.claims : Object.fromEntries(card.metrics.filter((m) => m.type in measured).map((m) => [m.type, { measured: m.type, tolerance: 0.01 }]));
  const out = [];
  for (const m of card.metrics) {
    const spec = wanted[m.type];
    if (!spec) continue;
    const value = measured[spec.measured];
    const base = {
      claim: m.type,
      measuredMetric: spec.measured,
      task: m.task,
      dataset: m.dataset,
      split: m.split,
      claimed: m.value,
      measured: typeof value === "number" && Number.isFinite(value) ? value : null,
      tolerance: spec.tolerance,
      onMismatch,
      file: card.file,
      ...m.line ? { line: m.line, col: m.col } : {}
    };
    const claimed = typeof m.value === "number" ? m.value : typeof m.value === "string" && /^\s*-?\d+(\.\d+)?\s*%?\s*$/.test(m.value) ? parseFloat(m.value) : NaN;
    if (base.measured === null) {
      out.push({
        ...base,
        pass: null,
        note: policy ? `the card's ${m.type} claim cannot be compared: this run did not measure ${spec.measured} (it is null or missing in the report): remove gates.model-card.claims.${m.type}, or make the run measure it` : `${spec.measured} was not measured in this run`
      });
      continue;
    }
    if (!Number.isFinite(claimed)) {
      out.push({
        ...base,
        pass: null,
        note: policy ? `the card's ${m.type} claim ${JSON.stringify(m.value) ?? "null"} is not a number, so it cannot be compared: write the measured value as a number (e.g. 0.855)` : "the claimed value is not a number"
      });
      continue;
    }
    const tol = spec.tolerance * (1 + 1e-9);
    if (Math.abs(claimed - base.measured) <= tol) {
      out.push({ ...base, pass: true });
    } else if (claimed > 1 && base.measured <= 1 && Math.abs(claimed / 100 - base.measured) <= tol) {
      out.push({ ...base, pass: true, note: "claim read as a percentage" });
    } else {
      out.push({ ...base, pass: false, note: `claimed ${m.value}, measured ${round(base.measured)} (tolerance ${spec.tolerance})` });
    }
  }
  if (policy) {
    for (const name of Object.keys(policy.claims)) {
      if (!card.metrics.some((m) => m.type === name)) {
        const at = card.frontMatterError ? card.frontMatterErrorAt : void 0;
        out.push({
          claim: name,
          measuredMetric: policy.claims[name].measured,
          task: "",
          dataset: "",
          split: "",
          claimed: null,
          measured: measured[policy.claims[name].measured] ?? null,
          tolerance: policy.claims[name].tolerance,
          pass: null,
          note: missingClaimNote(card, name),
          onMismatch,
          file: card.file,
          ...at ? { line: at.line, ...at.col !== void 0 ? { col: at.col } : {} } : {}
        });
      }
    }
  }
  return out;
}
function missingClaimNote(card, name) {
  if (card.frontMatterError) {
    const problem = card.frontMatterError.startsWith(`${card.file}: `) ? card.frontMatterError.slice(card.file.length + 2) : card.frontMatterError;
    const invalid = /^the YAML front matter is not valid: (.*)$/.exec(problem);
    if (invalid) return `the YAML front matter is not valid (${invalid[1]}), so its ${name} claim cannot be read: fix the YAML`;
    if (/never closed/.test(problem)) return `${problem}, so its ${name} claim cannot be read: close the front matter with ---`;
    return `${problem}, so its ${name} claim cannot be read: fix the front matter`;
  }
  if (!card.hasFrontMatter) {
    return `the card has no YAML front matter, so it makes no ${name} claim: add a model-index metric of type ${name} to its front matter, or remove gates.model-card.claims.${name}`;
  }
  return `the card makes no ${name} claim (no model-index metric of type ${name}): add it to the card's model-index, or remove gates.model-card.claims.${name}`;
}
function round(v) {
  return String(Math.round(v * 1e6) / 1e6);
}

// src/modelcard/considerations.ts
var RULES = [
  [/out[- ]of[- ]scope|misuse/i, "technical_limitations"],
  [/\b(bias|biases|risks?|ethic(s|al)?|fairness)\b/i, "ethical_considerations"],
  [/\blimitations?\b/i, "technical_limitations"],
  [/\btrade-?offs?\b/i, "performance_tradeoffs"],
  [/\b(intended )?users\b/i, "users"],
  [/\b(intended uses?|direct use|downstream use|uses|use cases?|intended use)\b/i, "use_cases"]
];
function cardConsiderations(card) {
  const out = [];
  for (const s of card.sections) {
    if (s.title === "(preamble)" || s.body.trim() === "") continue;
    const heading = s.title.split(" > ").at(-1) ?? s.title;
    const rule = RULES.find(([re]) => re.test(heading));
    if (rule) out.push({ kind: rule[1], section: s.title, line: s.line, text: s.body.trim() });
  }
  return out;
}

// src/modelcard/index.ts
function modelCardReport(opts) {
  const base = opts.base ? parseCard(opts.base.text, opts.base.path) : null;
  const head = opts.head ? parseCard(opts.head.text, opts.head.path) : null;
  const diff = diffCards(base, head);
  const claims = head ? compareClaims(head, opts.measured, opts.policy) : [];
  return { ...diff, covers_card: opts.coversCard, claims, ...head ? { considerations: cardConsiderations(head) } : {} };
}
function measuredMetrics(gates) {
  const out = {};
  for (const g of Object.values(gates)) {
    for (const [k, v] of Object.entries(g.metrics)) if (typeof v === "number" && Number.isFinite(v) && !(k in out)) out[k] = v;
  }
  return out;
}

export {
  OMS_PREDICATE,
  verifyModelSignature,
  verifyModelSignatureWithSubject,
  predict,
  canon,
  distinctSorted,
  mapLabels,
  modelCardReport,
  measuredMetrics
};
