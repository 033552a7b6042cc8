import { OMS_LEGACY_PREDICATE } from './oms/verify.ts';

/**
 * Tells the three signature formats apart by content (never by file name):
 * - `oms`: a Sigstore bundle whose DSSE payload is an in-toto statement with a `https://model_signing/` predicate;
 * - `sigstore-bundle`: any other Sigstore bundle (JSON with a bundle media type or bundle content);
 * - `cosign`: a bare base64 signature (cosign sign-blob --output-signature), optionally with surrounding whitespace.
 */
export type SignatureFormat = 'oms' | 'sigstore-bundle' | 'cosign';

export interface Detected {
  format: SignatureFormat | null;
  json?: unknown;
  /** Why the content was not recognised (when format is null). */
  reason?: string;
}

export function detectFormat(bytes: Buffer): Detected {
  const text = bytes.toString('utf8').trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { format: null, reason: `looks like JSON but does not parse (${(e as Error).message})` };
    }
    const o = json as Record<string, unknown>;
    const isBundle =
      (typeof o.mediaType === 'string' && o.mediaType.startsWith('application/vnd.dev.sigstore.bundle')) ||
      typeof o.dsseEnvelope === 'object' ||
      typeof o.messageSignature === 'object';
    if (!isBundle && typeof o.base64Signature === 'string') {
      return { format: null, json, reason: 'this is the legacy cosign bundle format (base64Signature/cert/rekorBundle): re-sign with cosign sign-blob --new-bundle-format --bundle, or give the raw signature with format cosign' };
    }
    if (!isBundle) return { format: null, json, reason: 'JSON without a Sigstore bundle media type or content' };
    const env = o.dsseEnvelope as Record<string, unknown> | undefined;
    if (env && typeof env.payload === 'string') {
      try {
        const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Record<string, unknown>;
        const pt = st?.predicateType;
        if (typeof pt === 'string' && (pt.startsWith('https://model_signing/') || pt === OMS_LEGACY_PREDICATE)) return { format: 'oms', json };
      } catch {
        // not an in-toto JSON payload: a plain bundle (verification will say what is wrong)
      }
    }
    return { format: 'sigstore-bundle', json };
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length >= 16 && text.length <= 2048 && text.length % 4 === 0) {
    return { format: 'cosign' };
  }
  if (text.startsWith('-----BEGIN')) return { format: null, reason: 'it is a PEM file (a key or certificate?), not a signature' };
  return { format: null, reason: 'neither a Sigstore bundle (JSON) nor a base64 signature' };
}
