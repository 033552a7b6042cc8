import type { KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { HashAlgorithm, type TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, Verifier, type SignedEntity, type Signer } from '@sigstore/verify';
import { describe, sigFail } from './errors.ts';
import { checkIdentity, type IdentityPolicy } from './identity.ts';
import { verifyPrehashed } from './prehash.ts';
import { trustMaterialFor } from './trust.ts';
import { keyFingerprint } from './keys.ts';
import { hashFileMulti } from '../util/hash.ts';

/**
 * Plain Sigstore bundles over ONE artifact (cosign sign-blob --bundle, sigstore sign, npm provenance):
 * message signatures (signature over the artifact) and DSSE envelopes (in-toto statement whose subject digest must
 * equal the artifact's: sigstore-js does not bind a DSSE bundle to the artifact, we do). The artifact is a file
 * (hashed while streaming, never loaded whole) or only its `sha256:` digest. Verification is offline against a
 * trusted root; every exception from the sigstore libraries becomes a `fail`, never a pass.
 */

export type ArtifactInput = { kind: 'file'; path: string } | { kind: 'digest'; sha256: Buffer };

export type BundleSigner = { kind: 'identity'; policy: IdentityPolicy } | { kind: 'key'; key: KeyObject };

export interface BundleResult {
  method: 'keyless' | 'key';
  identity?: string;
  issuer?: string;
  keyFingerprint?: string;
  logIndex: number | null;
  transparency: 'log' | 'none';
  content: 'message-signature' | 'dsse';
  /** sha256 (hex) of the artifact. */
  artifactSha256: string;
}

const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const HASH_NAMES: Partial<Record<HashAlgorithm, string>> = {
  [HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED]: 'sha256',
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512',
};

/** Parses and structurally validates a bundle (kind fail: a signature that is not a valid bundle is invalid). */
export function parseBundle(json: unknown, name: string): Bundle {
  try {
    return bundleFromJSON(json);
  } catch (e) {
    throw sigFail('bundle-invalid', `${name} is not a valid Sigstore bundle: ${describe(e)}`, e);
  }
}

/** Rejects bundle certificate chains that are empty or include a self-signed (root) certificate. */
export function checkBundleCertificates(bundle: Bundle, name: string): void {
  const vm = bundle.verificationMaterial.content;
  const raws =
    vm.$case === 'x509CertificateChain' ? vm.x509CertificateChain.certificates.map((c) => c.rawBytes) : vm.$case === 'certificate' ? [vm.certificate.rawBytes] : [];
  if (vm.$case === 'x509CertificateChain' && raws.length === 0) throw sigFail('bundle-invalid', `${name} has an empty certificate chain`);
  raws.forEach((raw, i) => {
    let cert: X509Certificate;
    try {
      cert = X509Certificate.parse(Buffer.from(raw));
    } catch (e) {
      throw sigFail('bundle-invalid', `${name}: certificate ${i} cannot be parsed: ${describe(e)}`, e);
    }
    if (isSelfSigned(cert)) {
      throw sigFail('chain-includes-root', `${name}: the certificate chain in the bundle includes a root (self-signed) certificate: roots must come from the trusted root, never from the bundle`);
    }
  });
}

export function isSelfSigned(cert: X509Certificate): boolean {
  if (!cert.subject.equals(cert.issuer)) return false;
  try {
    return cert.verify();
  } catch {
    return false;
  }
}

/** The in-toto statement of a DSSE bundle, or a fail naming what is wrong. */
export function parseStatement(payloadType: string, payload: Buffer, name: string): Record<string, unknown> {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw sigFail('dsse-payload', `${name}: DSSE payload type is ${JSON.stringify(payloadType)}, expected ${IN_TOTO_PAYLOAD_TYPE}: the signature cannot be bound to the artifact`);
  }
  let st: unknown;
  try {
    st = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw sigFail('dsse-payload', `${name}: DSSE payload is not JSON (${describe(e)})`);
  }
  if (typeof st !== 'object' || st === null || Array.isArray(st)) throw sigFail('dsse-payload', `${name}: DSSE payload is not an in-toto statement`);
  return st as Record<string, unknown>;
}

export interface KeylessSigner {
  identity: string | undefined;
  issuer: string | undefined;
  logIndex: number | null;
}

/**
 * The keyless signature of a bundle, offline: no root in the bundle's chain, a certificate (not a key), the
 * Fulcio chain, SCT, Rekor entry (SET, inclusion proof, body bound to the content) and signature through
 * @sigstore/verify against the trusted root, then our exact/anchored identity and exact issuer check. Throws `fail`.
 */
export function verifyKeylessBundle(bundle: Bundle, name: string, policy: IdentityPolicy, trustedRoot: TrustedRoot): KeylessSigner {
  checkBundleCertificates(bundle, name);
  if (bundle.verificationMaterial.content.$case === 'publicKey') {
    throw sigFail('wrong-method', `${name} is signed with a private key (no certificate), but an identity was given: verify it with the public key`);
  }
  let signer: Signer;
  try {
    signer = new Verifier(trustMaterialFor(trustedRoot)).verify(toSignedEntity(bundle));
  } catch (e) {
    if (e instanceof Error && e.name === 'GateError') throw e;
    throw sigFail('invalid', `${name}: signature verification failed: ${describe(e)}`, e);
  }
  const identity = signer.identity?.subjectAlternativeName;
  const issuer = signer.identity?.extensions?.issuer;
  checkIdentity({ identity, issuer }, policy);
  const first = bundle.verificationMaterial.tlogEntries[0];
  return { identity, issuer, logIndex: first ? Number(first.logIndex) : null };
}

export async function verifySigstoreBundle(opts: {
  bundle: Bundle;
  name: string;
  artifact: ArtifactInput;
  signer: BundleSigner;
  trustedRoot: TrustedRoot;
}): Promise<BundleResult> {
  const { bundle, name, artifact, signer } = opts;
  checkBundleCertificates(bundle, name);
  const vmCase = bundle.verificationMaterial.content.$case;
  if (signer.kind === 'key' && vmCase !== 'publicKey') {
    throw sigFail('wrong-method', `${name} is signed with a certificate (keyless), but a public key was given: verify it with an identity and issuer`);
  }
  if (signer.kind === 'identity' && vmCase === 'publicKey') {
    throw sigFail('wrong-method', `${name} is signed with a public key, but an identity was given: verify it with the key`);
  }

  let entity: SignedEntity;
  let artifactSha256: Buffer;
  try {
    const content = bundle.content;
    if (content.$case === 'messageSignature') {
      const ms = content.messageSignature;
      const alg = HASH_NAMES[ms.messageDigest?.algorithm ?? HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED];
      if (!alg) throw sigFail('bundle-invalid', `${name}: unsupported message digest algorithm ${ms.messageDigest?.algorithm}`);
      let digest: Buffer;
      if (artifact.kind === 'digest') {
        if (alg !== 'sha256') throw sigFail('digest-algorithm', `${name} signs a ${alg} digest, but only a sha256 digest was given: give the artifact file`);
        digest = artifact.sha256;
        artifactSha256 = artifact.sha256;
      } else {
        const d = await hashFileMulti(artifact.path, alg === 'sha256' ? ['sha256'] : ['sha256', alg]);
        digest = d[alg];
        artifactSha256 = d.sha256;
      }
      if (!ms.messageDigest || !Buffer.from(ms.messageDigest.digest).equals(digest)) {
        throw sigFail('artifact-mismatch', `${name}: the bundle's message digest does not match the artifact (${alg}:${digest.toString('hex')}): the artifact is not the one that was signed`);
      }
      const sig = Buffer.from(ms.signature);
      const base = toSignedEntity(bundle, Buffer.alloc(0));
      entity = {
        ...base,
        signature: {
          signature: sig,
          compareSignature: (s: Buffer) => sig.equals(s),
          compareDigest: (d: Buffer) => digest.equals(d),
          compareSignedDigest: (d: Buffer) => digest.equals(d),
          verifySignature: (key: KeyObject) => verifyPrehashed(key, alg, digest, sig),
        },
      };
    } else {
      const env = content.dsseEnvelope;
      const st = parseStatement(env.payloadType, Buffer.from(env.payload), name);
      // sha256 always; sha512 too for a file (npm provenance names its tarball by sha512).
      const have: Record<string, Buffer> = artifact.kind === 'digest' ? { sha256: artifact.sha256 } : await hashFileMulti(artifact.path, ['sha256', 'sha512']);
      const want = have.sha256;
      artifactSha256 = want;
      const subjects = Array.isArray(st.subject) ? st.subject : [];
      const bound = subjects.some((s: unknown) => {
        const d = (s as { digest?: Record<string, unknown> })?.digest ?? {};
        return Object.entries(have).some(([alg, v]) => typeof d[alg] === 'string' && (d[alg] as string).toLowerCase() === v.toString('hex'));
      });
      if (!bound) {
        throw sigFail('artifact-mismatch', `${name}: no subject of the signed in-toto statement has the artifact's digest sha256:${want.toString('hex')}: the artifact is not the one that was signed`);
      }
      entity = toSignedEntity(bundle);
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'GateError') throw e;
    throw sigFail('bundle-invalid', `${name} cannot be verified: ${describe(e)}`, e);
  }

  const hasTlog = bundle.verificationMaterial.tlogEntries.length > 0;
  const keyMode = signer.kind === 'key';
  let signerOut: Signer;
  try {
    const material = trustMaterialFor(opts.trustedRoot, keyMode ? signer.key : undefined);
    const hasTsa = (bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0;
    // Keyless: one log entry, one SCT, one timestamp (sigstore defaults). Key: no certificate, so no SCT; a log
    // entry and a timestamp are checked when the bundle has them (the report then says transparency: log).
    const verifier = new Verifier(
      material,
      keyMode ? { ctlogThreshold: 0, tlogThreshold: hasTlog ? 1 : 0, timestampThreshold: hasTlog || hasTsa ? 1 : 0 } : {},
    );
    signerOut = verifier.verify(entity);
  } catch (e) {
    if (e instanceof Error && e.name === 'GateError') throw e;
    throw sigFail('invalid', `${name}: signature verification failed: ${describe(e)}`, e);
  }

  const firstLog = bundle.verificationMaterial.tlogEntries[0];
  const logIndex = firstLog ? Number(firstLog.logIndex) : null;
  if (signer.kind === 'identity') {
    const identity = signerOut.identity?.subjectAlternativeName;
    const issuer = signerOut.identity?.extensions?.issuer;
    checkIdentity({ identity, issuer }, signer.policy);
    return { method: 'keyless', identity, issuer, logIndex, transparency: hasTlog ? 'log' : 'none', content: bundle.content.$case === 'dsseEnvelope' ? 'dsse' : 'message-signature', artifactSha256: artifactSha256.toString('hex') };
  }
  return {
    method: 'key',
    keyFingerprint: keyFingerprint(signer.key),
    logIndex,
    transparency: hasTlog ? 'log' : 'none',
    content: bundle.content.$case === 'dsseEnvelope' ? 'dsse' : 'message-signature',
    artifactSha256: artifactSha256.toString('hex'),
  };
}

