import { constants, publicDecrypt, type KeyObject } from 'node:crypto';

/**
 * Signature verification over a message DIGEST (the artifact is given as `sha256:<hex>`, or was hashed while
 * streaming a large file). node:crypto can only verify over the message itself, so ECDSA (P-256, P-384, P-521)
 * is verified here with BigInt arithmetic (public data only: no constant-time concern) and RSA PKCS#1 v1.5 by
 * comparing the recovered DigestInfo. Returns false on any malformed input.
 */

interface Curve {
  p: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
  bits: number;
}

const CURVES: Record<string, Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    bits: 256,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    bits: 384,
  },
  'P-521': {
    p: (1n << 521n) - 1n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    bits: 521,
  },
};

type Jac = [bigint, bigint, bigint];

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function inv(a: bigint, m: bigint): bigint {
  // Extended Euclid.
  let [old_r, r] = [mod(a, m), m];
  let [old_s, s] = [1n, 0n];
  while (r !== 0n) {
    const q = old_r / r;
    [old_r, r] = [r, old_r - q * r];
    [old_s, s] = [s, old_s - q * s];
  }
  if (old_r !== 1n) throw new Error('not invertible');
  return mod(old_s, m);
}

function dbl(P: Jac, p: bigint): Jac {
  const [X1, Y1, Z1] = P;
  if (Z1 === 0n || Y1 === 0n) return [0n, 1n, 0n];
  const delta = (Z1 * Z1) % p;
  const gamma = (Y1 * Y1) % p;
  const beta = (X1 * gamma) % p;
  const alpha = mod(3n * (X1 - delta) * (X1 + delta), p);
  const X3 = mod(alpha * alpha - 8n * beta, p);
  const Z3 = mod((Y1 + Z1) * (Y1 + Z1) - gamma - delta, p);
  const Y3 = mod(alpha * (4n * beta - X3) - 8n * gamma * gamma, p);
  return [X3, Y3, Z3];
}

function add(P: Jac, Q: Jac, p: bigint): Jac {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const [X1, Y1, Z1] = P;
  const [X2, Y2, Z2] = Q;
  const Z1Z1 = (Z1 * Z1) % p;
  const Z2Z2 = (Z2 * Z2) % p;
  const U1 = (X1 * Z2Z2) % p;
  const U2 = (X2 * Z1Z1) % p;
  const S1 = (Y1 * Z2 * Z2Z2) % p;
  const S2 = (Y2 * Z1 * Z1Z1) % p;
  const H = mod(U2 - U1, p);
  const r = mod(2n * (S2 - S1), p);
  if (H === 0n) return r === 0n ? dbl(P, p) : [0n, 1n, 0n];
  const I = (4n * H * H) % p;
  const J = (H * I) % p;
  const V = (U1 * I) % p;
  const X3 = mod(r * r - J - 2n * V, p);
  const Y3 = mod(r * (V - X3) - 2n * S1 * J, p);
  const Z3 = mod(((Z1 + Z2) * (Z1 + Z2) - Z1Z1 - Z2Z2) * H, p);
  return [X3, Y3, Z3];
}

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

function verifyEcdsa(curveName: string, x: bigint, y: bigint, digest: Buffer, sig: Buffer): boolean {
  const c = CURVES[curveName];
  if (!c) return false;
  const rs = parseDerEcdsaSignature(sig);
  if (!rs) return false;
  const { r, s } = rs;
  const { n, p } = c;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  let z = bytesToBig(digest);
  const dbits = digest.length * 8;
  if (dbits > c.bits) z >>= BigInt(dbits - c.bits);
  const w = inv(s, n);
  const u1 = (z * w) % n;
  const u2 = (r * w) % n;
  const G: Jac = [c.gx, c.gy, 1n];
  const Q: Jac = [x, y, 1n];
  const GQ = add(G, Q, p);
  let R: Jac = [0n, 1n, 0n];
  const len = Math.max(u1.toString(2).length, u2.toString(2).length);
  for (let bit = len - 1; bit >= 0; bit--) {
    R = dbl(R, p);
    const b1 = (u1 >> BigInt(bit)) & 1n;
    const b2 = (u2 >> BigInt(bit)) & 1n;
    if (b1 && b2) R = add(R, GQ, p);
    else if (b1) R = add(R, G, p);
    else if (b2) R = add(R, Q, p);
  }
  if (R[2] === 0n) return false;
  const zi = inv(R[2], p);
  const ax = (R[0] * zi * zi) % p;
  return ax % n === r;
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
      const x = bytesToBig(Buffer.from(jwk.x, 'base64url'));
      const y = bytesToBig(Buffer.from(jwk.y, 'base64url'));
      return verifyEcdsa(jwk.crv, x, y, digest, sig);
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
