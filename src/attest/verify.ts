import type { KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { asGateError, GateError } from '../errors.ts';
import { parseBundle, parseStatement, verifyKeylessBundle } from '../signature/bundle.ts';
import type { IdentityPolicy } from '../signature/identity.ts';
import { verifyDsseSignature } from '../signature/dsse.ts';
import { keyFingerprint } from '../signature/keys.ts';
import { compareResources, DEFAULT_IGNORED, listModelFiles, normaliseIgnore, rootDigest } from '../signature/oms/manifest.ts';
import { keyHint } from '../signature/sign/dsse.ts';
import { sha256Files } from '../util/hash.ts';
import { IN_TOTO_STATEMENT_V1, levelOf, ROOT_ANNOTATION, ROOT_ANNOTATION_VALUE, VSA_PREDICATE } from './statement.ts';

/**
 * Verifies a gate-run attestation (a DSSE Sigstore bundle over a SLSA verification summary, statement.ts) at deploy
 * time, key mode or keyless, offline. In this order, each check with its own one-line message and code:
 *   attest.signature     the DSSE signature verifies with the given public key, or (keyless) the Fulcio
 *                        certificate, SCT and Rekor entry verify against the trusted root (signature/bundle.ts)
 *   attest.identity      keyless: the certificate's identity (exact or anchored regex) and OIDC issuer (exact)
 *   attest.statement     an in-toto Statement v1 (payload type application/vnd.in-toto+json)
 *   attest.predicate-type  https://slsa.dev/verification_summary/v1
 *   attest.subject       the model's files (file or folder) hash to the subjects: none missing, none extra, none
 *                        changed; the OMS root-digest subject, when present, is the root of the file subjects
 *   attest.result        verificationResult PASSED
 *   attest.gates         every required gate has its MODEL_GATE_<GATE>_PASSED in verifiedLevels
 *   attest.policy        the policy digest, when one is required
 *   attest.expired       timeVerified no older than max-age (and not in the future)
 * Kind `fail` (exit 1) when the evidence says no; kind `error` (exit 2) when the input is unusable.
 */

export interface VerifyAttestationOptions {
  json: unknown;
  /** For messages: the attestation file as given. */
  name: string;
  /** Absolute path of the model file or folder. */
  modelPath: string;
  /** The model path as given, for messages (default modelPath). */
  modelLabel?: string;
  /** Absolute path of the attestation file (left out of a model folder's files when inside it). */
  attestationPath?: string;
  /** Key mode: the public key of --signing-key. Exactly one of `key` and `keyless`. */
  key?: KeyObject;
  /** Keyless: the expected signer (exact/anchored identity, exact issuer) and the trusted root to verify against. */
  keyless?: { policy: IdentityPolicy; trustedRoot: TrustedRoot };
  /** Hex sha256 the predicate's policy digest must equal. */
  policyDigest?: string;
  maxAgeMs?: number;
  /** Gate names (e.g. robustness, model-card, signature). */
  requireGates?: string[];
  /** Model-folder-relative paths not compared (besides the defaults). */
  ignorePaths?: string[];
  /** Absolute path -> sha256 hex of the model's files already hashed in this run (filled as files are hashed). */
  digests?: Map<string, string>;
  now: Date;
}

export interface AttestationHolds {
  method: 'key' | 'keyless';
  /** Key mode: the key's `sha256:` fingerprint ('' when keyless). */
  keyFingerprint: string;
  /** Keyless: the certificate's identity and OIDC issuer, and the Rekor log index. */
  identity?: string;
  issuer?: string;
  logIndex?: number | null;
  verifierId: string;
  timeVerified: string;
  policyDigest: string;
  verifiedLevels: string[];
  files: number;
}

/** Files of a model folder never compared: git metadata and the OMS signature's default name. */
export const ATTEST_DEFAULT_IGNORED = [...DEFAULT_IGNORED, 'model.sig'];

function fail(code: string, message: string): GateError {
  return new GateError(`attest.${code}`, message, { kind: 'fail' });
}
function unusable(code: string, message: string): GateError {
  return new GateError(`attest.${code}`, message, { kind: 'error' });
}
function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function names(list: string[]): string {
  const shown = list.slice(0, 5).map((n) => JSON.stringify(n)).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}

export async function verifyAttestation(opts: VerifyAttestationOptions): Promise<AttestationHolds> {
  return judgeAttestation(await authenticateAttestation(opts), opts);
}

/**
 * What checks 1-3 established: who signed, that the statement is a verification summary, and that it is about this
 * model. The verdict, gates, policy and age (checks 4-7) are judged from it by `judgeAttestation`.
 */
export interface Authenticated {
  name: string;
  who: Pick<AttestationHolds, 'method' | 'identity' | 'issuer' | 'logIndex'>;
  keyFingerprint: string;
  predicate: Record<string, unknown>;
  files: number;
}

/** Checks 1-3 (signature, identity, statement, predicate type, subjects). */
export async function authenticateAttestation(opts: VerifyAttestationOptions): Promise<Authenticated> {
  const { name, key, keyless } = opts;
  if ((key === undefined) === (keyless === undefined)) throw unusable('signer', 'give exactly one of a public key and a keyless identity policy to verify the attestation with');
  const fp = key ? keyFingerprint(key) : '';
  // 1. The signature (the bundle structure through @sigstore/bundle, as `verify` reads bundles).
  let bundle;
  try {
    bundle = parseBundle(opts.json, name);
  } catch (e) {
    throw unusable('bundle', `${(e as Error).message}: give the attestation written by model-gate check --attestation`);
  }
  if (bundle.content.$case !== 'dsseEnvelope') throw unusable('bundle', `${name} holds a message signature, not a DSSE attestation: give the file written by model-gate check --attestation`);
  const env = bundle.content.dsseEnvelope;
  if (env.signatures.length !== 1) throw fail('signature', `${name}: the DSSE envelope has ${env.signatures.length} signatures, expected exactly one`);
  const payload = Buffer.from(env.payload);
  const vm = bundle.verificationMaterial.content;
  let who: Pick<AttestationHolds, 'method' | 'identity' | 'issuer' | 'logIndex'>;
  if (key) {
    if (vm.$case !== 'publicKey') throw fail('signature', `${name} is signed keyless (a certificate, not a key): verify it with --identity/--identity-regex and --issuer`);
    if (!verifyDsseSignature(key, env.payloadType, payload, Buffer.from(env.signatures[0].sig))) {
      const hint = vm.publicKey.hint;
      const other = hint && hint !== keyHint(key.export({ type: 'spki', format: 'pem' }).toString()) ? ' (its key hint names another key)' : '';
      throw fail('signature', `${name}: the signature does not verify with key ${fp}${other}: the attestation was signed by another key, or altered after signing`);
    }
    who = { method: 'key' };
  } else {
    if (vm.$case === 'publicKey') throw fail('signature', `${name} is signed with a key (no certificate): verify it with --key`);
    try {
      const s = verifyKeylessBundle(bundle, name, keyless!.policy, keyless!.trustedRoot);
      who = { method: 'keyless', identity: s.identity, issuer: s.issuer, logIndex: s.logIndex };
    } catch (e) {
      const err = asGateError(e);
      if (err.kind !== 'fail') throw unusable('signature', err.message);
      const code = err.code === 'signature.wrong-identity' || err.code === 'signature.wrong-issuer' ? 'identity' : 'signature';
      const msg = err.message.startsWith(name) ? err.message : `${name}: ${err.message}`;
      throw fail(code, code === 'signature' ? `${msg}: the attestation was not signed under the trusted root, or altered after signing` : msg);
    }
  }

  // 2. The statement (authenticated from here on).
  let st: Record<string, unknown>;
  try {
    st = parseStatement(env.payloadType, payload, name);
  } catch (e) {
    throw fail('statement', (e as Error).message);
  }
  if (st._type !== IN_TOTO_STATEMENT_V1) throw fail('statement', `${name}: statement type ${JSON.stringify(st._type)} is not ${IN_TOTO_STATEMENT_V1}`);
  if (st.predicateType !== VSA_PREDICATE) {
    throw fail('predicate-type', `${name}: predicate type ${JSON.stringify(st.predicateType)} is not ${VSA_PREDICATE}: this is not a model-gate verification summary (the .report statement is not the one to verify)`);
  }
  const pred = obj(st.predicate);
  if (!pred) throw fail('statement', `${name}: the statement has no predicate`);

  // 3. The subjects against the model on disk.
  const files = await checkSubjects(st.subject, opts);
  return { name, who, keyFingerprint: fp, predicate: pred, files };
}

/** Checks 4-7 on an authenticated statement: verdict PASSED, required gates, policy digest, age. */
export function judgeAttestation(a: Authenticated, opts: Pick<VerifyAttestationOptions, 'policyDigest' | 'maxAgeMs' | 'requireGates' | 'now'>): AttestationHolds {
  const { name, predicate: pred } = a;
  // 4. The verdict.
  if (pred.verificationResult !== 'PASSED') {
    throw fail('result', `${name}: verificationResult is ${JSON.stringify(pred.verificationResult)}, not "PASSED": the gate run failed for this model (see the .report statement for why)`);
  }
  const levels = Array.isArray(pred.verifiedLevels) ? pred.verifiedLevels.filter((l): l is string => typeof l === 'string') : [];
  // 5. Required gates.
  const missing = (opts.requireGates ?? []).filter((g) => !levels.includes(levelOf(g)));
  if (missing.length) throw fail('gates', `${name}: required gate(s) ${missing.join(', ')} not among verifiedLevels (${levels.join(', ') || 'none'}): the run did not pass them`);
  // 6. Policy digest.
  const policyDigest = obj(obj(pred.policy)?.digest)?.sha256;
  if (typeof policyDigest !== 'string') throw fail('policy', `${name}: the predicate has no policy.digest.sha256`);
  if (opts.policyDigest && policyDigest.toLowerCase() !== opts.policyDigest.toLowerCase()) {
    throw fail('policy', `${name}: the run used policy sha256:${policyDigest}, not the required sha256:${opts.policyDigest}: the model was gated under another policy`);
  }
  // 7. Age.
  const t = typeof pred.timeVerified === 'string' ? Date.parse(pred.timeVerified) : NaN;
  if (Number.isNaN(t)) throw fail('statement', `${name}: timeVerified ${JSON.stringify(pred.timeVerified)} is not an RFC 3339 time`);
  const skewMs = 5 * 60_000;
  if (t > opts.now.getTime() + skewMs) throw fail('expired', `${name}: timeVerified ${pred.timeVerified} lies in the future (now ${opts.now.toISOString()}): check the clocks`);
  if (opts.maxAgeMs !== undefined && opts.now.getTime() - t > opts.maxAgeMs) {
    const hours = ((opts.now.getTime() - t) / 3_600_000).toFixed(1);
    throw fail('expired', `${name}: the attestation is ${hours} h old (timeVerified ${pred.timeVerified}), older than --max-age: run the gate again`);
  }
  return { ...a.who, keyFingerprint: a.keyFingerprint, verifierId: String(obj(pred.verifier)?.id ?? ''), timeVerified: String(pred.timeVerified), policyDigest, verifiedLevels: levels, files: a.files };
}

async function checkSubjects(subjectJson: unknown, opts: VerifyAttestationOptions): Promise<number> {
  const { name } = opts;
  const list = Array.isArray(subjectJson) ? subjectJson : [];
  const fileSubjects = new Map<string, string>();
  const roots: string[] = [];
  for (const [i, s] of list.entries()) {
    const o = obj(s);
    const sha = obj(o?.digest)?.sha256;
    if (!o || typeof o.name !== 'string' || typeof sha !== 'string' || !/^[0-9a-f]{64}$/i.test(sha)) throw fail('statement', `${name}: subject ${i} has no name or no sha256 digest`);
    if (obj(o.annotations)?.[ROOT_ANNOTATION] === ROOT_ANNOTATION_VALUE) roots.push(sha.toLowerCase());
    else if (fileSubjects.has(o.name)) throw fail('statement', `${name}: subject ${JSON.stringify(o.name)} is listed twice`);
    else fileSubjects.set(o.name, sha.toLowerCase());
  }
  if (fileSubjects.size === 0) throw fail('statement', `${name}: the statement names no file subject`);

  const model = await listAttestedFiles(opts);
  // A one-file model is matched by digest (a deployment may rename the file); a folder's attestation is not.
  if (!model.dir && fileSubjects.size !== 1) throw fail('subject', `the attestation ${name} is about a folder of ${fileSubjects.size} files, but ${opts.modelLabel ?? opts.modelPath} is a single file: give the model folder`);
  const disk = model.dir ? model.files : [{ name: [...fileSubjects.keys()][0], abs: model.files[0].abs }];
  const digests = await digestsOf(disk.map((d) => d.abs), opts.digests);
  const have = new Map(disk.map((d, i) => [d.name, digests[i]]));
  const changed: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [n, sha] of fileSubjects) {
    const h = have.get(n);
    if (h === undefined) missing.push(n);
    else if (h !== sha) changed.push(n);
  }
  for (const n of have.keys()) if (!fileSubjects.has(n)) extra.push(n);
  if (changed.length + missing.length + extra.length) {
    const parts: string[] = [];
    if (changed.length) parts.push(`changed: ${names(changed.sort())}`);
    if (missing.length) parts.push(`missing: ${names(missing.sort())}`);
    if (extra.length) parts.push(`extra (not attested): ${names(extra.sort())}`);
    throw fail('subject', `${opts.modelLabel ?? opts.modelPath} is not the model the attestation ${name} is about: ${parts.join('; ')}`);
  }
  // The OMS root digest: SHA-256 over the file digests in OMS order (a one-file model: its one digest).
  if (roots.length) {
    const single = !model.dir;
    const items = [...fileSubjects].map(([n, sha]) => ({ name: single ? '.' : n, digest: Buffer.from(sha, 'hex') }));
    items.sort((a, b) => compareResources('files', a.name, b.name));
    const root = rootDigest(items).toString('hex');
    if (roots.some((r) => r !== root)) throw fail('subject', `${name}: the OMS root-digest subject is not the root of the file subjects (sha256:${root}): the statement is inconsistent`);
  }
  return fileSubjects.size;
}

/**
 * The model's files as they are compared with the subjects: a folder's files (less git metadata, model.sig, the
 * ignore paths and the attestation file itself when it lies inside), or the one file (named by its base name).
 */
export async function listAttestedFiles(opts: Pick<VerifyAttestationOptions, 'modelPath' | 'modelLabel' | 'ignorePaths' | 'attestationPath'>): Promise<{ dir: boolean; files: { name: string; abs: string }[] }> {
  const st = await stat(opts.modelPath).catch((e: NodeJS.ErrnoException) => {
    throw unusable('model', `model path ${opts.modelLabel ?? opts.modelPath} cannot be read (${e.code ?? e.message}): give the model file or folder the attestation is about`);
  });
  if (!st.isDirectory()) return { dir: false, files: [{ name: path.basename(opts.modelPath), abs: opts.modelPath }] };
  const ignores = new Set(ATTEST_DEFAULT_IGNORED);
  for (const p of opts.ignorePaths ?? []) {
    const n = normaliseIgnore(p);
    if (!n) throw unusable('ignore-paths', `ignore path ${JSON.stringify(p)} leaves the model folder: give paths relative to it`);
    ignores.add(n);
  }
  if (opts.attestationPath) {
    const rel = path.relative(opts.modelPath, opts.attestationPath);
    if (rel && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel)) ignores.add(rel.split(path.sep).join('/'));
  }
  return { dir: true, files: (await listModelFiles(opts.modelPath, [...ignores], false)).map((f) => ({ name: f.rel, abs: f.abs })) };
}

/** sha256 (hex) of each file, through `cache` (absolute path -> digest) when given: a model is hashed once per run. */
export async function digestsOf(files: string[], cache?: Map<string, string>): Promise<string[]> {
  if (!cache) return sha256Files(files);
  const todo = [...new Set(files.filter((f) => !cache.has(f)))];
  const got = await sha256Files(todo);
  todo.forEach((f, i) => cache.set(f, got[i]));
  return files.map((f) => cache.get(f)!);
}
