import { createHash, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { X509Certificate } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { parseBundle, verifyKeylessBundle } from '../bundle.ts';
import { verifyCertificateChain } from '../certificate.ts';
import { sigError, sigFail } from '../errors.ts';
import type { IdentityPolicy } from '../identity.ts';
import { verifyDsseSignature } from '../dsse.ts';
import { ecCurveHash, keyFingerprint } from '../keys.ts';
import { compareResources, computeManifest, DEFAULT_IGNORED, normaliseIgnore, parseShardName, rootDigest, type ManifestItem, type Serialization } from './manifest.ts';

/**
 * Verifies an OpenSSF model signing bundle (`model.sig`): a Sigstore bundle v0.3 whose DSSE envelope holds an
 * in-toto Statement v1 with predicate `https://model_signing/signature/v1.0`. First the signature (keyless:
 * Fulcio certificate + Rekor entry through @sigstore/verify, then our exact identity check; key: ECDSA over the
 * DSSE PAE with the curve's own hash; certificate: X.509 chain to the policy's roots), then the manifest: the
 * signed resources must hash to the subject digest, and the model on disk must have exactly those resources.
 */

export const OMS_PREDICATE = 'https://model_signing/signature/v1.0';
export const OMS_LEGACY_PREDICATE = 'https://model_signing/Digests/v0.1';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const IN_TOTO_STATEMENT = 'https://in-toto.io/Statement/v1';

export type OmsMethod =
  | { kind: 'keyless'; policy: IdentityPolicy; trustedRoot: TrustedRoot }
  | { kind: 'key'; key: KeyObject }
  | { kind: 'certificate'; roots: X509Certificate[] };

export interface OmsResult {
  method: 'keyless' | 'key' | 'certificate';
  identity?: string;
  issuer?: string;
  keyFingerprint?: string;
  logIndex: number | null;
  transparency: 'log' | 'none';
  /** Hex subject digest (SHA-256 over the resource digests). */
  rootDigest: string;
  /** Model-relative POSIX paths of every signed file (`.` for a single-file model). */
  files: string[];
  /** The signed resources (equal to the model on disk at verification time): names and raw digests. */
  resources: ManifestItem[];
  serialization: Serialization;
}

interface Envelope {
  payloadType: string;
  payload: Buffer;
  sig: Buffer;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Reads the DSSE envelope and the statement of an OMS bundle WITHOUT verifying it (for detection and errors). */
export function readOmsStatement(json: unknown, name: string): { env: Envelope; statement: Record<string, unknown> } {
  const b = obj(json);
  const e = obj(b?.dsseEnvelope);
  if (!e) throw sigFail('oms-invalid', `${name} has no DSSE envelope: it is not an OpenSSF model signing signature`);
  const sigs = Array.isArray(e.signatures) ? e.signatures : [];
  const sig0 = obj(sigs[0]);
  if (typeof e.payload !== 'string' || typeof e.payloadType !== 'string' || sigs.length !== 1 || typeof sig0?.sig !== 'string') {
    throw sigFail('oms-invalid', `${name}: the DSSE envelope must have a payload, a payload type and exactly one signature`);
  }
  const env: Envelope = { payloadType: e.payloadType, payload: Buffer.from(e.payload, 'base64'), sig: Buffer.from(sig0.sig, 'base64') };
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw sigFail('oms-invalid', `${name}: DSSE payload type ${JSON.stringify(env.payloadType)} is not ${IN_TOTO_PAYLOAD_TYPE}`);
  let st: Record<string, unknown> | undefined;
  try {
    st = obj(JSON.parse(env.payload.toString('utf8')));
  } catch {
    st = undefined;
  }
  if (!st) throw sigFail('oms-invalid', `${name}: the DSSE payload is not a JSON in-toto statement`);
  return { env, statement: st };
}

export async function verifyOms(opts: {
  json: unknown;
  name: string;
  /** Absolute path of the signed subject (model file or folder). */
  modelPath: string;
  /** Absolute path of the signature file (ignored when it lies inside the model folder). */
  signaturePath?: string;
  method: OmsMethod;
  /** Extra ignore paths relative to the model root (policy / CLI). */
  ignorePaths?: string[];
}): Promise<OmsResult> {
  const { json, name, method } = opts;
  const { env, statement } = readOmsStatement(json, name);
  if (statement.predicateType === OMS_LEGACY_PREDICATE) {
    throw sigFail('oms-legacy', `${name} uses the unsupported legacy pre-1.0 model signing format (predicate ${OMS_LEGACY_PREDICATE}): re-sign the model with model_signing 1.0 or later`);
  }
  if (statement._type !== IN_TOTO_STATEMENT) throw sigFail('oms-invalid', `${name}: statement type ${JSON.stringify(statement._type)} is not ${IN_TOTO_STATEMENT}`);
  if (statement.predicateType !== OMS_PREDICATE) {
    throw sigFail('oms-invalid', `${name}: predicate type ${JSON.stringify(statement.predicateType)} is not ${OMS_PREDICATE}: not an OpenSSF model signature`);
  }

  // 1. The signature.
  let sigInfo: Pick<OmsResult, 'method' | 'identity' | 'issuer' | 'keyFingerprint' | 'logIndex' | 'transparency'>;
  if (method.kind === 'keyless') {
    const vmJson = obj(obj(json)?.verificationMaterial);
    if (vmJson?.x509CertificateChain && !(Array.isArray(vmJson.tlogEntries) && vmJson.tlogEntries.length > 0)) {
      throw sigFail('wrong-method', `${name} is signed with an X.509 certificate chain and no transparency log entry (certificate mode), but the policy expects keyless signing: verify it with certificate-roots`);
    }
    if (vmJson?.publicKey) {
      throw sigFail('wrong-method', `${name} is signed with a private key (no certificate), but the policy expects keyless signing: verify it with the public key (key)`);
    }
    const { identity, issuer, logIndex } = verifyKeylessBundle(parseBundle(json, name), name, method.policy, method.trustedRoot);
    sigInfo = { method: 'keyless', identity, issuer, logIndex, transparency: 'log' };
  } else if (method.kind === 'key') {
    if (!verifyDsseSignature(method.key, env.payloadType, env.payload, env.sig)) {
      const hint = obj(obj(obj(json)?.verificationMaterial)?.publicKey)?.hint;
      const pem = method.key.export({ type: 'spki', format: 'pem' }).toString();
      const hintNote = typeof hint === 'string' && hint && hint !== createHash('sha256').update(pem).digest('hex') ? ' (the key hint in the signature names a different key)' : '';
      throw sigFail('wrong-key', `${name}: the signature does not verify with the policy's key ${keyFingerprint(method.key)}${hintNote}: the model was signed with another key, or the signature was altered`);
    }
    sigInfo = { method: 'key', keyFingerprint: keyFingerprint(method.key), logIndex: null, transparency: 'none' };
  } else {
    const vm = obj(obj(json)?.verificationMaterial);
    const chain = obj(vm?.x509CertificateChain);
    const certsJson = Array.isArray(chain?.certificates) ? chain.certificates : [];
    if (certsJson.length === 0) {
      throw sigFail('wrong-method', `${name} carries no X.509 certificate chain, but the policy expects certificate signing (certificate-roots)`);
    }
    const ders = certsJson.map((c) => Buffer.from(String(obj(c)?.rawBytes ?? ''), 'base64'));
    const res = verifyCertificateChain(ders, method.roots, name);
    ecCurveHash(res.key); // an unsupported key type or curve is an error (exit 2), not a bad signature
    if (!verifyDsseSignature(res.key, env.payloadType, env.payload, env.sig)) throw sigFail('invalid', `${name}: the signature does not verify with the signing certificate's key: the signature was altered`);
    sigInfo = { method: 'certificate', identity: res.subject || undefined, keyFingerprint: keyFingerprint(res.key), logIndex: null, transparency: 'none' };
  }

  // 2. The signed manifest (authenticated from here on).
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  if (subjects.length !== 1) throw sigFail('oms-invalid', `${name}: expected exactly one subject in the statement, got ${subjects.length}`);
  const subjectDigest = obj(obj(subjects[0])?.digest)?.sha256;
  if (typeof subjectDigest !== 'string' || !/^[0-9a-f]{64}$/i.test(subjectDigest)) throw sigFail('oms-invalid', `${name}: the subject has no sha256 digest`);
  const predicate = obj(statement.predicate);
  const serJson = obj(predicate?.serialization);
  if (!serJson) throw sigFail('oms-invalid', `${name}: the predicate has no serialization`);
  const ser = parseSerialization(serJson, name);
  const resources = Array.isArray(predicate?.resources) ? predicate.resources : null;
  if (!resources) throw sigFail('oms-invalid', `${name}: the predicate has no resources`);
  const signed: ManifestItem[] = resources.map((r, i) => {
    const o = obj(r);
    const algOk = o?.algorithm === 'sha256' || (ser.method === 'shards' && o?.algorithm === `sha256-sharded-${ser.shardSize}`);
    if (!o || typeof o.name !== 'string' || typeof o.digest !== 'string' || !/^[0-9a-f]{64}$/i.test(o.digest) || !algOk) {
      throw sigFail('oms-invalid', `${name}: resource ${i} is malformed or uses an unsupported algorithm (${JSON.stringify(o?.algorithm)})`);
    }
    if (ser.method === 'shards' && !parseShardName(o.name)) throw sigFail('oms-invalid', `${name}: shard resource ${JSON.stringify(o.name)} is not path:start:end`);
    return { name: o.name, digest: Buffer.from(o.digest, 'hex') };
  });
  const computedRoot = rootDigest(signed).toString('hex');
  if (computedRoot !== subjectDigest.toLowerCase()) {
    throw sigFail('oms-inconsistent', `${name}: the signed resources hash to sha256:${computedRoot}, not to the subject digest sha256:${subjectDigest}: the manifest is inconsistent`);
  }
  const seen = new Set<string>();
  for (const s of signed) {
    if (seen.has(s.name)) throw sigFail('oms-invalid', `${name}: resource ${JSON.stringify(s.name)} is listed twice`);
    seen.add(s.name);
  }

  // 3. The model on disk.
  const ignores = new Set<string>();
  const isDir = await stat(opts.modelPath).then((s) => s.isDirectory(), () => false);
  const signedSingle = signed.length > 0 && signed.every((r) => (ser.method === 'shards' ? parseShardName(r.name)?.path : r.name) === '.');
  if (signed.length > 0 && isDir && signedSingle) {
    throw sigFail('subject-mismatch', `${name} signs a single file, but the signed subject ${opts.modelPath} is a folder: set signature.subject to the signed file`);
  }
  if (!isDir && !signedSingle) {
    throw sigFail('subject-mismatch', `${name} signs a folder of ${new Set(signed.map((r) => (ser.method === 'shards' ? parseShardName(r.name)?.path : r.name))).size} file(s), but the signed subject ${opts.modelPath} is a single file: set signature.subject to the model's folder`);
  }
  if (isDir) {
    for (const p of [...ser.ignorePaths, ...(opts.ignorePaths ?? []), ...DEFAULT_IGNORED]) {
      const n = normaliseIgnore(p);
      if (n) ignores.add(n);
    }
    if (opts.signaturePath) {
      const rel = path.relative(opts.modelPath, opts.signaturePath);
      if (rel && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel)) ignores.add(rel.split(path.sep).join('/'));
    }
  }
  const actual = await computeManifest(opts.modelPath, ser, [...ignores]);
  compareManifests(signed, actual, ser, name);
  const files = [...new Set(signed.map((s) => (ser.method === 'shards' ? parseShardName(s.name)!.path : s.name)))];
  if (ser.method === 'shards') {
    // An empty file has no shard: it is in the model but not in the resource list; include what is on disk.
    const fromDisk = new Set(actual.map((a) => parseShardName(a.name)!.path));
    for (const f of fromDisk) if (!files.includes(f)) files.push(f);
  }
  files.sort((a, b) => compareResources('files', a, b));
  return { ...sigInfo, rootDigest: subjectDigest.toLowerCase(), files, resources: signed, serialization: ser };
}

function parseSerialization(s: Record<string, unknown>, name: string): Serialization {
  const method = s.method;
  if (method !== 'files' && method !== 'shards') throw sigError('oms-serialization', `${name}: serialization method ${JSON.stringify(method)} is not supported (files, shards)`);
  let shardSize: number | undefined;
  if (method === 'shards') {
    shardSize = Number(s.shard_size);
    if (!Number.isSafeInteger(shardSize) || shardSize <= 0) throw sigFail('oms-invalid', `${name}: invalid shard_size ${JSON.stringify(s.shard_size)}`);
  }
  const ht = s.hash_type;
  if (ht !== 'sha256' && !(method === 'shards' && ht === `sha256-sharded-${shardSize}`)) {
    throw sigError('oms-serialization', `${name}: hash type ${JSON.stringify(ht)} is not supported (only sha256)`);
  }
  const allow = s.allow_symlinks;
  const allowSymlinks = allow === true || allow === 'true' || allow === 'True';
  const ignorePaths = Array.isArray(s.ignore_paths) ? s.ignore_paths.filter((p): p is string => typeof p === 'string') : [];
  return { method, hashType: 'sha256', shardSize, allowSymlinks, ignorePaths };
}

function listNames(names: string[]): string {
  const max = 5;
  const shown = names.slice(0, max).map((n) => JSON.stringify(n)).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Throws a `fail` naming the missing, extra and changed files. */
export function compareManifests(signed: ManifestItem[], actual: ManifestItem[], ser: Serialization, name: string): void {
  const toFile = (n: string) => (ser.method === 'shards' ? (parseShardName(n)?.path ?? n) : n);
  const want = new Map(signed.map((s) => [s.name, s.digest]));
  const have = new Map(actual.map((a) => [a.name, a.digest]));
  const missing = new Set<string>();
  const extra = new Set<string>();
  const changed = new Set<string>();
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
  const parts: string[] = [];
  if (changed.size) parts.push(`changed: ${listNames([...changed].sort())}`);
  if (missing.size) parts.push(`missing: ${listNames([...missing].sort())}`);
  if (extra.size) parts.push(`extra (not signed): ${listNames([...extra].sort())}`);
  throw sigFail('model-mismatch', `the model does not match its signature ${name}: ${parts.join('; ')}: restore the signed files, or re-sign the model (extra files can be excluded with ignore-paths)`);
}
