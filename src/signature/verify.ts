import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GateError } from '../errors.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import type { SignatureReport } from '../report/types.ts';
import { resolveInside } from '../util/paths.ts';
import { singleFileSubject, type ExpectedContent, type VerifiedSubject } from '../util/verified.ts';
import { parseBundle, verifySigstoreBundle } from './bundle.ts';
import { parsePemCertificates } from './certificate.ts';
import { verifyCosignBlob } from './cosign.ts';
import { detectFormat, type SignatureFormat } from './detect.ts';
import { describe, sigError, sigFail } from './errors.ts';
import { validateIdentityPolicy, type IdentityPolicy } from './identity.ts';
import { loadPublicKey } from './keys.ts';
import { verifyOms, type OmsMethod } from './oms/verify.ts';
import { parseShardName } from './oms/manifest.ts';
import { parseTrustedRoot, publicGoodTrustedRoot, type LoadedTrustedRoot } from './trust.ts';
import { sha256Hex } from '../util/hash.ts';

/** The `signature:` section of the policy (docs/design.md §4). Paths resolve against the working directory. */
export interface SignaturePolicy {
  required: boolean;
  bundle?: string;
  format: 'auto' | 'oms' | 'sigstore-bundle' | 'cosign';
  /** What the signature covers: the model file or its folder (default: model.path). */
  subject?: string;
  keyless?: { identity?: string | string[]; 'identity-regex'?: string; issuer: string };
  key?: string;
  /** One PEM file (or several) with the trusted root CA certificate(s). */
  'certificate-roots'?: string | string[];
  'trusted-root'?: string;
  /** Paths relative to the signed subject (folder) that are not part of the model. */
  'ignore-paths'?: string[];
}

export interface VerifyModelSignatureOptions {
  policy: SignaturePolicy;
  workspace: string;
  workingDirectory: string;
  /** Absolute path of model.path. */
  modelPath: string;
  /** Absolute path of model.card, if any. */
  cardPath?: string;
  /** Keys, certificate roots and trusted roots are read ONLY through this. */
  trusted: TrustedFiles;
  log?: (msg: string) => void;
}

/**
 * Verifies the model's signature before the model is loaded. Returns `verified` (or `skipped` when the policy does
 * not require a signature and there is none); THROWS GateError kind `fail` for an invalid, missing-when-required
 * or wrong-signer signature or a tampered model, kind `error` for unreadable or malformed inputs. Every exception
 * from the sigstore libraries becomes a failure, never a pass.
 */
export async function verifyModelSignature(opts: VerifyModelSignatureOptions): Promise<SignatureReport> {
  return (await verifyModelSignatureWithSubject(opts)).report;
}

export interface SignatureOutcome {
  report: SignatureReport;
  /** What the signature vouches for, file by file (null when skipped): the model is loaded only through it. */
  subject: VerifiedSubject | null;
}

/** `verifyModelSignature`, also returning the verified digests of every signed file (see util/verified.ts). */
export async function verifyModelSignatureWithSubject(opts: VerifyModelSignatureOptions): Promise<SignatureOutcome> {
  try {
    return await verifyInner(opts);
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw sigFail('invalid', `signature verification failed: ${describe(e)}`, e);
  }
}

async function verifyInner(opts: VerifyModelSignatureOptions): Promise<SignatureOutcome> {
  const { workspace, workingDirectory, modelPath, trusted } = opts;
  // Defaults of docs/design.md §4, fail-closed: only an explicit `required: false` makes the signature optional.
  const policy: SignaturePolicy = { ...opts.policy, required: opts.policy.required !== false, format: opts.policy.format ?? 'auto' };
  const log = opts.log ?? (() => {});
  const inside = (p: string, what: string) => resolveInside(workspace, workingDirectory, p, what);

  if (!policy.bundle) {
    if (policy.required) throw sigFail('missing', 'signature.required is true but no signature.bundle is configured: sign the model and set signature.bundle (or set required: false)');
    return { report: { status: 'skipped', message: 'no signature configured (signature.required is false)' }, subject: null };
  }
  const bundleLoc = inside(policy.bundle, 'signature.bundle');
  let bundleBytes: Buffer;
  try {
    bundleBytes = await readFile(bundleLoc.abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (policy.required) throw sigFail('missing', `signature ${bundleLoc.rel} does not exist: sign the model (the signature is required)`);
      return { report: { status: 'skipped', message: `signature ${bundleLoc.rel} does not exist (signature.required is false)` }, subject: null };
    }
    throw sigError('unreadable', `signature ${bundleLoc.rel} cannot be read (${code ?? describe(e)})`);
  }
  const name = bundleLoc.rel;

  // Exactly one way to trust the signer.
  const modes = [policy.keyless ? 'keyless' : null, policy.key ? 'key' : null, (policy['certificate-roots'] !== undefined && ([] as string[]).concat(policy['certificate-roots']).length > 0) ? 'certificate-roots' : null].filter((m) => m !== null);
  if (modes.length !== 1) {
    throw sigError('policy', `signature needs exactly one of keyless, key and certificate-roots (got ${modes.length ? modes.join(', ') : 'none'})`);
  }

  const subjectAbs = policy.subject ? inside(policy.subject, 'signature.subject').abs : modelPath;
  const subjectRel = path.relative(workspace, subjectAbs).split(path.sep).join('/') || '.';
  const subjectStat = await stat(subjectAbs).catch((e) => {
    throw sigError('subject', `signed subject ${subjectRel} cannot be read (${(e as NodeJS.ErrnoException).code ?? describe(e)})`);
  });
  const modelRelToSubject = path.relative(subjectAbs, modelPath);
  if (leaves(modelRelToSubject)) {
    throw sigError('subject', `model.path lies outside signature.subject ${subjectRel}: the signature must cover the model`);
  }

  const detected = detectFormat(bundleBytes);
  if (!detected.format) throw sigFail('format', `signature ${name} is not a recognised signature: ${detected.reason}`);
  if (policy.format !== 'auto' && policy.format !== detected.format) {
    throw sigFail('format', `signature ${name} is a ${detected.format} signature, but the policy says format: ${policy.format}`);
  }
  const format: SignatureFormat = detected.format;
  log(`signature: ${name} detected as ${format}; verifying with ${modes[0]}`);

  // Trust material, read only through `trusted`.
  const readTrusted = async (p: string, what: string) => {
    const loc = inside(p, what);
    return { rel: loc.rel, bytes: await trusted.read(loc.rel) };
  };
  let trustedRoot: LoadedTrustedRoot | undefined;
  let identityPolicy: IdentityPolicy | undefined;
  if (policy.keyless) {
    const k = policy.keyless;
    const ids = k.identity === undefined ? undefined : Array.isArray(k.identity) ? k.identity : [k.identity];
    identityPolicy = { identities: ids, identityRegex: k['identity-regex'], issuer: k.issuer };
    validateIdentityPolicy(identityPolicy);
  }
  if (policy['trusted-root']) {
    const t = await readTrusted(policy['trusted-root'], 'signature.trusted-root');
    trustedRoot = parseTrustedRoot(t.bytes, t.rel);
  } else if (identityPolicy) {
    trustedRoot = publicGoodTrustedRoot();
  }
  const key = policy.key ? await readTrusted(policy.key, 'signature.key').then((t) => loadPublicKey(t.bytes, t.rel)) : undefined;
  const rootFiles = policy['certificate-roots'] === undefined ? [] : ([] as string[]).concat(policy['certificate-roots']);
  const roots = rootFiles.length
    ? (await Promise.all(rootFiles.map((f) => readTrusted(f, 'signature.certificate-roots').then((t) => parsePemCertificates(t.bytes, t.rel))))).flat()
    : undefined;

  // What the report records of the verified subject (the attestation's subjects come from here, src/attest/).
  const covered = (files: SignatureReport['files']): Pick<SignatureReport, 'subject' | 'files' | 'bundle' | 'bundle_sha256'> => ({
    subject: subjectRel,
    ...(files ? { files } : {}),
    bundle: name,
    bundle_sha256: sha256Hex(bundleBytes),
  });
  const cardRel = opts.cardPath ? path.relative(subjectAbs, opts.cardPath).split(path.sep).join('/') : undefined;
  const cardInside = cardRel !== undefined && !leaves(cardRel);

  if (format === 'oms') {
    const method: OmsMethod = identityPolicy ? { kind: 'keyless', policy: identityPolicy, trustedRoot: trustedRoot!.root } : key ? { kind: 'key', key } : { kind: 'certificate', roots: roots! };
    const ignorePaths = (policy['ignore-paths'] ?? []).map((p) => p);
    const res = await verifyOms({ json: detected.json, name, modelPath: subjectAbs, signaturePath: bundleLoc.abs, method, ignorePaths });
    // The model file (when it is not the signed folder itself) must be one of the signed files.
    const modelRel = subjectStat.isDirectory() ? modelRelToSubject.split(path.sep).join('/') : '.';
    if (modelRel !== '' && !res.files.includes(modelRel)) {
      throw sigFail('model-not-covered', `model.path is not among the files signed by ${name} (it is ignored or outside the signed folder): the model itself must be signed`);
    }
    const report: SignatureReport = {
      status: 'verified',
      method: res.method,
      format,
      identity: res.identity,
      issuer: res.issuer,
      key_fingerprint: res.keyFingerprint,
      root_digest: `sha256:${res.rootDigest}`,
      log_index: res.logIndex,
      transparency: res.transparency,
      trusted_root_date: res.method === 'keyless' ? (trustedRoot?.date ?? null) : null,
      covers_card: opts.cardPath === undefined ? null : cardInside && res.files.includes(cardRel!),
      message: summary(res.method, res.identity, res.issuer, res.keyFingerprint, `${res.files.length} file(s)`),
      // Whole-file digests exist in the files serialization only (shards: per byte range).
      ...covered(res.serialization.method === 'files' ? res.resources.map((r) => ({ name: r.name, sha256: r.digest.toString('hex') })) : undefined),
    };
    return { report, subject: omsSubject(subjectAbs, `the signature ${name}`, res.resources, res.files, res.serialization.method) };
  }

  if (!subjectStat.isFile()) {
    throw sigError('subject', `a ${format} signature covers one file, but signature.subject ${subjectRel} is a folder: point it at the model file, or sign the folder with model_signing`);
  }
  const coversCard = opts.cardPath === undefined ? null : path.resolve(opts.cardPath) === path.resolve(subjectAbs);

  if (format === 'cosign') {
    if (!key) throw sigError('policy', `signature ${name} is a cosign key-based signature: configure signature.key (the cosign public key)`);
    const res = await verifyCosignBlob({ signature: bundleBytes, name, blobPath: subjectAbs, key });
    const report: SignatureReport = {
      status: 'verified',
      method: 'cosign-key',
      format,
      key_fingerprint: res.keyFingerprint,
      root_digest: `sha256:${res.sha256}`,
      log_index: null,
      transparency: 'none',
      trusted_root_date: null,
      covers_card: coversCard,
      message: summary('cosign-key', undefined, undefined, res.keyFingerprint, subjectRel),
      ...covered([{ name: '.', sha256: res.sha256 }]),
    };
    return { report, subject: singleFileSubject(subjectAbs, res.sha256, `the signature ${name}`) };
  }

  // Plain Sigstore bundle over the model file.
  if (roots) throw sigError('policy', `signature ${name} is a Sigstore bundle: certificate-roots applies to model_signing certificate signatures only; use keyless (or key)`);
  const bundle = parseBundle(detected.json, name);
  const res = await verifySigstoreBundle({
    bundle,
    name,
    artifact: { kind: 'file', path: subjectAbs },
    signer: identityPolicy ? { kind: 'identity', policy: identityPolicy } : { kind: 'key', key: key! },
    trustedRoot: (trustedRoot ?? publicGoodTrustedRoot()).root,
  });
  const report: SignatureReport = {
    status: 'verified',
    method: res.method,
    format,
    identity: res.identity,
    issuer: res.issuer,
    key_fingerprint: res.keyFingerprint,
    root_digest: `sha256:${res.artifactSha256}`,
    log_index: res.logIndex,
    transparency: res.transparency,
    trusted_root_date: res.method === 'keyless' || res.transparency === 'log' ? ((trustedRoot ?? publicGoodTrustedRoot()).date ?? null) : null,
    covers_card: coversCard,
    message: summary(res.method, res.identity, res.issuer, res.keyFingerprint, subjectRel),
    ...covered([{ name: '.', sha256: res.artifactSha256 }]),
  };
  return { report, subject: singleFileSubject(subjectAbs, res.artifactSha256, `the signature ${name}`) };
}

/** The per-file expected content of an OMS manifest (whole-file digests, or each file's shards in order). */
function omsSubject(abs: string, by: string, resources: { name: string; digest: Buffer }[], signedFiles: string[], method: 'files' | 'shards'): VerifiedSubject {
  const files = new Map<string, ExpectedContent>();
  // A signed empty file has no shard: its expected content is "no bytes".
  if (method === 'shards') for (const f of signedFiles) files.set(f, { shards: [] });
  for (const r of resources) {
    if (method === 'files') {
      files.set(r.name, { sha256: r.digest.toString('hex') });
      continue;
    }
    const s = parseShardName(r.name)!;
    const e = files.get(s.path) ?? { shards: [] };
    e.shards!.push({ start: s.start, end: s.end, sha256: r.digest.toString('hex') });
    files.set(s.path, e);
  }
  for (const e of files.values()) e.shards?.sort((a, b) => a.start - b.start);
  return { abs, by, files };
}

function summary(method: string, identity: string | undefined, issuer: string | undefined, fp: string | undefined, what: string): string {
  const who = method === 'keyless' ? `${identity} (issuer ${issuer})` : method === 'certificate' ? `certificate ${identity ?? ''} ${fp ?? ''}`.trim() : `key ${fp}`;
  return `verified ${method} signature over ${what} by ${who}`;
}

/** True when a relative path (from path.relative) leaves its base. */
function leaves(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + path.sep) || rel.startsWith('../') || path.isAbsolute(rel);
}
