import { BUNDLE_V03, signDsse, type DsseBundle, type SigningKey } from './dsse.ts';

/**
 * What signs a DSSE payload into a Sigstore bundle v0.3: a private key (`keySigner`, offline, key mode) or the
 * keyless flow (`keylessSigner` in keyless.ts: OIDC token → Fulcio certificate → Rekor entry). `model-gate sign`,
 * `check --attestation` and the action take either.
 */

/** One Rekor v1 entry as a Sigstore bundle writes it (protobuf-specs JSON: int64 as strings, bytes as base64). */
export interface TlogEntryJson {
  logIndex: string;
  logId: { keyId: string };
  kindVersion: { kind: string; version: string };
  integratedTime: string;
  inclusionPromise: { signedEntryTimestamp: string };
  inclusionProof: { logIndex: string; rootHash: string; treeSize: string; hashes: string[]; checkpoint: { envelope: string } };
  canonicalizedBody: string;
}

/** A keyless DSSE bundle: the Fulcio leaf certificate and the Rekor entry. */
export interface KeylessDsseBundle {
  mediaType: typeof BUNDLE_V03;
  verificationMaterial: { certificate: { rawBytes: string }; tlogEntries: [TlogEntryJson] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: [{ sig: string; keyid: string }] };
}

export type SignedBundle = DsseBundle | KeylessDsseBundle;

export interface DsseSigner {
  mode: 'key' | 'keyless';
  /** Signs `payload` (DSSE PAE with `payloadType`); the bundle is complete (keyless: certificate and log entry). */
  sign(payload: Uint8Array, payloadType: string): Promise<SignedBundle>;
  /** Who signed, once known (key: nothing; keyless: the certificate's identity and issuer after the first signature). */
  signerIdentity(): { identity: string; issuer: string } | undefined;
}

/** Key mode as a signer (offline; the same bundle as signDsse). */
export function keySigner(key: SigningKey): DsseSigner {
  return {
    mode: 'key',
    sign: async (payload, payloadType) => signDsse(payload, payloadType, key),
    signerIdentity: () => undefined,
  };
}
