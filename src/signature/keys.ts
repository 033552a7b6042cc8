import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { describe, sigError } from './errors.ts';

/** `sha256:<hex>` of the key's SubjectPublicKeyInfo DER: the signer fingerprint in reports and outputs. */
export function keyFingerprint(key: KeyObject): string {
  return 'sha256:' + createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/**
 * Loads a PEM public key (text before or after the PEM block is ignored, as in upstream's test keys that carry an
 * `openssl` text dump). A certificate PEM is refused: key mode takes a public key.
 */
export function loadPublicKey(bytes: Buffer, name: string): KeyObject {
  const text = bytes.toString('utf8');
  const m = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/.exec(text);
  try {
    if (m) return createPublicKey({ key: m[0], format: 'pem' });
    if (!text.includes('-----BEGIN')) return createPublicKey({ key: bytes, format: 'der', type: 'spki' });
  } catch (e) {
    throw sigError('key', `public key ${name} cannot be read: ${describe(e)}`);
  }
  throw sigError('key', `${name} holds no "BEGIN PUBLIC KEY" PEM block: give the signer's public key (PEM)`);
}

/** The hash upstream model_signing uses with an EC key: the curve's own (P-256 sha256, P-384 sha384, P-521 sha512). */
export function ecCurveHash(key: KeyObject): 'sha256' | 'sha384' | 'sha512' {
  if (key.asymmetricKeyType !== 'ec') throw sigError('key', `only elliptic-curve keys (P-256, P-384, P-521) are supported here, got ${key.asymmetricKeyType}`);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  switch (curve) {
    case 'prime256v1':
      return 'sha256';
    case 'secp384r1':
      return 'sha384';
    case 'secp521r1':
      return 'sha512';
    default:
      throw sigError('key', `unsupported elliptic curve ${curve}: use P-256, P-384 or P-521`);
  }
}
