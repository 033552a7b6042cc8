import { createHash, createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { GateError } from '../../errors.ts';
import { preAuthEncoding } from '../dsse.ts';
import { describe } from '../errors.ts';

/**
 * Signing primitive, key mode: a DSSE envelope over a payload, wrapped in a Sigstore bundle v0.3 exactly as upstream
 * `model_signing` writes one in key mode (`verificationMaterial.publicKey.hint` = sha256 hex of the public key's SPKI
 * PEM, `tlogEntries: []`, one signature with `keyid: ""`). ECDSA P-256 (sha256) and P-384 (sha384) only. ECDSA
 * signatures from node:crypto are randomised, so two bundles over the same payload differ in `sig` only.
 */

export const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export interface SigningKey {
  key: KeyObject;
  /** `sha256` for P-256, `sha384` for P-384 (the curve's own hash, as upstream and our verifier use). */
  hash: 'sha256' | 'sha384';
  /** SPKI PEM of the public half. */
  publicPem: string;
}

export interface DsseBundle {
  mediaType: typeof BUNDLE_V03;
  verificationMaterial: { publicKey: { hint: string }; tlogEntries: [] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: [{ sig: string; keyid: string }] };
}

function keyError(message: string): GateError {
  return new GateError('sign.key', message, { kind: 'error' });
}

/**
 * Reads a PEM private key (PKCS#8 `PRIVATE KEY` or SEC1 `EC PRIVATE KEY`; text around the block is ignored, as in
 * upstream's test keys). Refuses encrypted keys, public keys, other algorithms and other curves, naming the file.
 */
export function loadSigningKey(bytes: Buffer, name: string): SigningKey {
  const text = bytes.toString('utf8');
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text) || /Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw keyError(`signing key ${name} is encrypted: give an unencrypted PEM private key (e.g. openssl pkcs8 -in KEY -nocrypt -topk8)`);
  }
  const m = /-----BEGIN (EC )?PRIVATE KEY-----[\s\S]*?-----END (EC )?PRIVATE KEY-----/.exec(text);
  if (!m) {
    const what = /-----BEGIN PUBLIC KEY-----/.test(text) ? 'a public key' : /-----BEGIN CERTIFICATE-----/.test(text) ? 'a certificate' : 'no PEM private key';
    throw keyError(`signing key ${name} holds ${what}: give the PEM private key (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY)`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: m[0], format: 'pem' });
  } catch (e) {
    throw keyError(`signing key ${name} cannot be read: ${describe(e)}`);
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw keyError(`signing key ${name} is a ${key.asymmetricKeyType} key: model-gate signs with ECDSA P-256 or P-384 keys only (openssl ecparam -genkey -name prime256v1)`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const hash = curve === 'prime256v1' ? 'sha256' : curve === 'secp384r1' ? 'sha384' : null;
  if (!hash) throw keyError(`signing key ${name} is on curve ${curve}: model-gate signs with ECDSA P-256 or P-384 keys only`);
  const publicPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return { key, hash, publicPem };
}

/** The key hint upstream model_signing writes: sha256 (hex) of the public key's SPKI PEM text. */
export function keyHint(publicPem: string): string {
  return createHash('sha256').update(publicPem).digest('hex');
}

/** Signs `payload` (DSSE PAE with `payloadType`) and returns the Sigstore bundle v0.3 object. */
export function signDsse(payload: Uint8Array, payloadType: string, key: SigningKey): DsseBundle {
  const sig = cryptoSign(key.hash, preAuthEncoding(payloadType, payload), key.key);
  return {
    mediaType: BUNDLE_V03,
    verificationMaterial: { publicKey: { hint: keyHint(key.publicPem) }, tlogEntries: [] },
    dsseEnvelope: { payload: Buffer.from(payload).toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
  };
}

/** The in-toto payload type of every statement we sign. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** Serialises an in-toto statement as the DSSE payload (2-space indented JSON, as upstream writes its statements). */
export function statementPayload(statement: unknown): Buffer {
  return Buffer.from(JSON.stringify(statement, null, 2), 'utf8');
}
