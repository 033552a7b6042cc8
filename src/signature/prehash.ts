import { constants, publicDecrypt, type KeyObject } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';

/**
 * Signature verification over a message DIGEST (the artifact is given as `sha256:<hex>`, or was hashed while
 * streaming a large file). node:crypto can only verify over the message itself (for an EC key, `crypto.verify`
 * always hashes its input: a null algorithm means SHA-256, and OpenSSL's raw EVP_PKEY_verify is not exposed), so
 * ECDSA (P-256, P-384, P-521) is verified with the audited @noble/curves (SEC 1 4.1.4 over the given digest,
 * truncated to the curve order's bit length), and RSA PKCS#1 v1.5 by comparing the DigestInfo that node:crypto's
 * `publicDecrypt` recovers. Returns false on any malformed input.
 */

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

function bytesToBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

/** Strict DER `SEQUENCE { INTEGER r, INTEGER s }`. */
export function parseDerEcdsaSignature(sig: Buffer): { r: bigint; s: bigint } | null {
  let i = 0;
  const readLen = (): number | null => {
    if (i >= sig.length) return null;
    const b = sig[i++];
    if (b < 0x80) return b;
    const n = b & 0x7f;
    if (n === 0 || n > 2 || i + n > sig.length) return null;
    let len = 0;
    for (let k = 0; k < n; k++) len = (len << 8) | sig[i++];
    if (len < 0x80) return null;
    return len;
  };
  const readInt = (): bigint | null => {
    if (sig[i++] !== 0x02) return null;
    const len = readLen();
    if (len === null || len === 0 || i + len > sig.length) return null;
    const v = sig.subarray(i, i + len);
    if (v[0] & 0x80) return null; // negative
    if (len > 1 && v[0] === 0 && !(v[1] & 0x80)) return null; // non-minimal
    i += len;
    return bytesToBig(v);
  };
  if (sig[i++] !== 0x30) return null;
  const total = readLen();
  if (total === null || i + total !== sig.length) return null;
  const r = readInt();
  const s = r === null ? null : readInt();
  if (r === null || s === null || i !== sig.length) return null;
  return { r, s };
}

function verifyEcdsa(curveName: string, point: Uint8Array, digest: Buffer, sig: Buffer): boolean {
  const curve = CURVES[curveName as keyof typeof CURVES];
  if (!curve) return false;
  const rs = parseDerEcdsaSignature(sig);
  if (!rs) return false;
  const { r, s } = rs;
  const n = curve.Point.Fn.ORDER;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  // Fixed-length r || s (the DER was parsed strictly above); OpenSSL signatures are not low-S normalised.
  const len = curve.Point.Fn.BYTES;
  const compact = Buffer.from(r.toString(16).padStart(2 * len, '0') + s.toString(16).padStart(2 * len, '0'), 'hex');
  return curve.verify(compact, digest, point, { prehash: false, lowS: false, format: 'compact' });
}

const DIGEST_INFO_PREFIX: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

const DIGEST_LEN: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

/**
 * Verifies `sig` over a message whose `hash` digest is `digest`. Supports ECDSA on P-256/P-384/P-521 (DER
 * signatures) and RSA PKCS#1 v1.5. Other key types (Ed25519 needs the whole message) return false.
 */
export function verifyPrehashed(key: KeyObject, hash: string, digest: Buffer, sig: Buffer): boolean {
  try {
    if (DIGEST_LEN[hash] !== digest.length) return false;
    if (key.asymmetricKeyType === 'ec') {
      const jwk = key.export({ format: 'jwk' });
      if (!jwk.crv || !jwk.x || !jwk.y) return false;
      // Uncompressed SEC 1 point: JWK coordinates are already padded to the field length.
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
      return verifyEcdsa(jwk.crv, point, digest, sig);
    }
    if (key.asymmetricKeyType === 'rsa') {
      const rec = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
      return rec.equals(Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash], 'hex'), digest]));
    }
    return false;
  } catch {
    return false;
  }
}
