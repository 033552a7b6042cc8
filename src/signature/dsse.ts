import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { ecCurveHash } from './keys.ts';

/**
 * DSSE (Dead Simple Signing Envelope) v1, shared by the verifiers (oms/verify.ts key mode, attest/verify.ts) and the
 * signer (sign/dsse.ts): the pre-authentication encoding and the ECDSA check over it with the curve's own hash, as
 * upstream model_signing signs (P-256 sha256, P-384 sha384, P-521 sha512).
 */

/** `DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`, lengths in bytes as ASCII decimals (DSSE protocol). */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType, 'utf8')} ${payloadType} ${payload.length} `, 'utf8'), payload]);
}

/** True when `sig` (DER ECDSA) verifies over the PAE of the envelope with `key`; never throws on a bad signature. */
export function verifyDsseSignature(key: KeyObject, payloadType: string, payload: Uint8Array, sig: Uint8Array): boolean {
  const hash = ecCurveHash(key);
  try {
    return cryptoVerify(hash, preAuthEncoding(payloadType, payload), key, sig);
  } catch {
    return false;
  }
}
