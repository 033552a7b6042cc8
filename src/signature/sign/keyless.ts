import { createHash, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { GateError } from '../../errors.ts';
import { parseBundle, verifyKeylessBundle } from '../bundle.ts';
import { preAuthEncoding } from '../dsse.ts';
import { describe } from '../errors.ts';
import { BUNDLE_V03 } from './dsse.ts';
import type { DsseSigner, KeylessDsseBundle, TlogEntryJson } from './signer.ts';

/**
 * Keyless signing (Sigstore), as sigstore-js `@sigstore/sign` does it (CIContextProvider → FulcioSigner →
 * RekorWitness, DSSEBundleBuilder), written here because that package is not a dependency:
 *   1. an OIDC identity token: inside GitHub Actions from ACTIONS_ID_TOKEN_REQUEST_URL (`&audience=sigstore`,
 *      bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN; the job needs `permissions: id-token: write`), or a token given;
 *   2. an ephemeral ECDSA P-256 key, never written anywhere;
 *   3. Fulcio v2 `POST /api/v2/signingCert` with the token and the public key, proof of possession = the key's
 *      signature over the token's subject (its verified `email` when it has one, else `sub`, as sigstore-js);
 *      the leaf must carry our key and an embedded SCT;
 *   4. the DSSE signature (PAE, sha256) with the ephemeral key;
 *   5. Rekor v1 `POST /api/v1/log/entries`, kind `dsse` v0.0.1 (sigstore-js's default for DSSE; @sigstore/verify
 *      checks its signature and payload hash against the envelope); the returned body must be about our envelope;
 *   6. a Sigstore bundle v0.3: leaf certificate, the entry with its SET (inclusion promise) and inclusion proof.
 * One certificate per signer (both statements of a run share it; Fulcio leaves live 10 minutes); one log entry per
 * signature. Services are https, or http on a loopback address only (tests). Errors are one line, kind `error`; the
 * token never appears in a message.
 */

export const PUBLIC_GOOD_FULCIO = 'https://fulcio.sigstore.dev';
export const PUBLIC_GOOD_REKOR = 'https://rekor.sigstore.dev';
export const SIGSTORE_AUDIENCE = 'sigstore';

export type TokenSource = { oidcToken: string } | { tokenRequest: { url: string; token: string } };

export interface KeylessOptions {
  token: TokenSource;
  /** Default PUBLIC_GOOD_FULCIO. */
  fulcioUrl?: string;
  /** Default PUBLIC_GOOD_REKOR. */
  rekorUrl?: string;
  /** OIDC audience asked of the Actions token endpoint (default `sigstore`). */
  audience?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /**
   * When given, every bundle is verified right after signing, offline, against this root (chain, SCT, Rekor entry,
   * signature, and the certificate's own identity): a service that answers with something that will not verify
   * fails the signing instead of producing a useless attestation.
   */
  verifyWith?: TrustedRoot;
}

function keylessError(message: string, cause?: unknown): GateError {
  return new GateError('sign.keyless', message, { kind: 'error', cause });
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A service base URL: https, or http on a loopback host (a token must never travel in clear text). */
export function serviceUrl(value: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw keylessError(`${what} ${JSON.stringify(value)} is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    throw keylessError(`${what} ${u.origin} must be https (http is accepted on a loopback address only)`);
  }
  return u;
}

/**
 * Where the OIDC token comes from: `--oidc-token-file` (read now, trimmed), else GitHub Actions' token request
 * (the job has `id-token: write`), else none. Never reads a token from the environment directly.
 */
export function tokenSourceFrom(env: NodeJS.ProcessEnv, oidcTokenFile?: string): TokenSource | null {
  if (oidcTokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(oidcTokenFile, 'utf8').trim();
    } catch (e) {
      throw keylessError(`--oidc-token-file ${oidcTokenFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? describe(e)}): check the path`);
    }
    jwtClaims(text, `--oidc-token-file ${oidcTokenFile}`);
    return { oidcToken: text };
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url && token) return { tokenRequest: { url, token } };
  return null;
}

/** The one-line reason keyless signing is not available here (for usage errors). */
export const NO_OIDC_TOKEN =
  'keyless signing needs an OIDC token: run inside GitHub Actions with `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is then set), or give --oidc-token-file FILE';

/** The claims of a JWT (not verified: Fulcio verifies the token; we only read the subject for the proof). */
export function jwtClaims(token: string, what: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[1]) throw keylessError(`${what} is not a JWT (three base64url parts)`);
  let claims: Record<string, unknown> | undefined;
  try {
    claims = obj(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
  } catch {
    claims = undefined;
  }
  if (!claims) throw keylessError(`${what}: the JWT payload is not a JSON object`);
  if (typeof claims.iss !== 'string' || !claims.iss) throw keylessError(`${what}: the token has no issuer (iss)`);
  return claims;
}

/**
 * The claim Fulcio checks the proof of possession against, as sigstore-js extractJWTSubject: the email when the
 * token has one (it must be verified by the issuer), else `sub`.
 */
export function proofSubject(claims: Record<string, unknown>, what: string): string {
  if (claims.email !== undefined) {
    if (typeof claims.email !== 'string' || !claims.email) throw keylessError(`${what}: the token's email claim is empty`);
    if (claims.email_verified !== true) throw keylessError(`${what}: the token's email ${JSON.stringify(claims.email)} is not verified by the issuer (email_verified)`);
    return claims.email;
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw keylessError(`${what}: the token has no subject (sub) claim`);
  return claims.sub;
}

interface HttpResult {
  status: number;
  json: unknown;
}

/** Transient answers worth asking again (sigstore-js retries them too). */
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * One JSON request. `retries` (token endpoint and Fulcio: asking again is harmless) repeats a transient failure
 * (network error, 408/429/5xx) after 1 s, 2 s...; Rekor is asked once (a repeated upload would be a second entry).
 */
async function request(url: URL, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, what: string, timeoutMs: number, retries = 0): Promise<HttpResult> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      if (attempt < retries) {
        await sleep(1000 * 2 ** attempt);
        continue;
      }
      throw keylessError(`${what} (${url.origin}) cannot be reached: ${describe(e)}`, e);
    }
    const text = await res.text().catch(() => '');
    if (TRANSIENT.has(res.status) && attempt < retries) {
      await sleep(1000 * 2 ** attempt);
      continue;
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      const m = obj(json)?.message ?? obj(json)?.error;
      const detail = typeof m === 'string' ? `: ${m.slice(0, 300)}` : '';
      throw keylessError(`${what} (${url.origin}) answered HTTP ${res.status}${detail}`);
    }
    if (json === undefined) throw keylessError(`${what} (${url.origin}) answered HTTP ${res.status} without a JSON body`);
    return { status: res.status, json };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The OIDC token: given, or asked of the GitHub Actions token endpoint with the audience. */
export async function obtainOidcToken(source: TokenSource, audience = SIGSTORE_AUDIENCE, timeoutMs = 30_000): Promise<string> {
  if ('oidcToken' in source) return source.oidcToken;
  const url = serviceUrl(source.tokenRequest.url, 'ACTIONS_ID_TOKEN_REQUEST_URL');
  url.searchParams.append('audience', audience);
  const res = await request(url, { method: 'GET', headers: { Authorization: `Bearer ${source.tokenRequest.token}`, Accept: 'application/json' } }, 'the GitHub Actions OIDC token endpoint', timeoutMs, 2);
  const value = obj(res.json)?.value;
  if (typeof value !== 'string' || !value) throw keylessError('the GitHub Actions OIDC token endpoint returned no token (value): does the job have `permissions: id-token: write`?');
  return value;
}

export interface SigningCertificate {
  /** DER of the leaf, then the intermediates Fulcio returned. */
  chain: Buffer[];
  leaf: X509Certificate;
  leafPem: string;
  identity: string;
  issuer: string;
}

const OID_FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
const OID_SCT_LIST = '1.3.6.1.4.1.11129.2.4.2';

function pemBlocks(text: string): Buffer[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((b) => Buffer.from(b.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64'));
}

/** Fulcio v2: a leaf certificate for `key`, proving possession by signing the token's subject. */
export async function requestSigningCertificate(fulcioUrl: string, token: string, key: { privateKey: KeyObject; publicKey: KeyObject }, timeoutMs = 30_000): Promise<SigningCertificate> {
  const base = serviceUrl(fulcioUrl, 'the Fulcio URL');
  const claims = jwtClaims(token, 'the OIDC token');
  const proof = cryptoSign('sha256', Buffer.from(proofSubject(claims, 'the OIDC token')), key.privateKey);
  const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const body = {
    credentials: { oidcIdentityToken: token },
    publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: publicPem }, proofOfPossession: proof.toString('base64') },
  };
  const url = new URL('api/v2/signingCert', base.href.endsWith('/') ? base.href : base.href + '/');
  const res = await request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) }, 'Fulcio', timeoutMs, 2);
  const r = obj(res.json);
  if (obj(r?.signedCertificateDetachedSct)) throw keylessError(`Fulcio (${base.origin}) returned a certificate with a detached SCT: only embedded SCTs are supported`);
  const list = obj(obj(r?.signedCertificateEmbeddedSct)?.chain)?.certificates;
  if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== 'string')) throw keylessError(`Fulcio (${base.origin}) returned no certificate chain`);
  const chain = list.flatMap((c) => pemBlocks(c as string));
  if (chain.length === 0) throw keylessError(`Fulcio (${base.origin}) returned no PEM certificate`);
  let leaf: X509Certificate;
  try {
    leaf = X509Certificate.parse(Buffer.from(chain[0]));
  } catch (e) {
    throw keylessError(`Fulcio (${base.origin}) returned a certificate that cannot be parsed: ${describe(e)}`, e);
  }
  const ourSpki = key.publicKey.export({ type: 'spki', format: 'der' });
  if (!Buffer.from(leaf.publicKey).equals(ourSpki)) throw keylessError(`Fulcio (${base.origin}) returned a certificate for another public key`);
  if (!leaf.extension(OID_SCT_LIST)) throw keylessError(`Fulcio (${base.origin}) returned a certificate without an embedded SCT`);
  const identity = leaf.subjectAltName;
  const v2 = leaf.extension(OID_FULCIO_ISSUER_V2);
  const issuer = v2 ? v2.valueObj.subs?.[0]?.value.toString('ascii') : leaf.extension(OID_FULCIO_ISSUER_V1)?.value.toString('ascii');
  if (!identity || !issuer) throw keylessError(`Fulcio (${base.origin}) returned a certificate without an identity or an OIDC issuer`);
  const leafPem = `-----BEGIN CERTIFICATE-----\n${chain[0].toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  return { chain, leaf, leafPem, identity, issuer };
}

interface Envelope {
  payload: string;
  payloadType: string;
  signatures: [{ sig: string; keyid: string }];
}

/** Rekor v1: logs a `dsse` v0.0.1 entry for the envelope (verifier: the leaf PEM) and returns it in bundle form. */
export async function uploadDsseEntry(rekorUrl: string, envelope: Envelope, leafPem: string, timeoutMs = 30_000): Promise<TlogEntryJson> {
  const base = serviceUrl(rekorUrl, 'the Rekor URL');
  const proposed = {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: { proposedContent: { envelope: JSON.stringify(envelope), verifiers: [Buffer.from(leafPem).toString('base64')] } },
  };
  const url = new URL('api/v1/log/entries', base.href.endsWith('/') ? base.href : base.href + '/');
  const res = await request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(proposed) }, 'Rekor', timeoutMs);
  const entries = obj(res.json);
  const values = entries ? Object.values(entries) : [];
  if (values.length !== 1) throw keylessError(`Rekor (${base.origin}) returned ${values.length} entries, expected one`);
  const e = obj(values[0]);
  const v = obj(e?.verification);
  const proof = obj(v?.inclusionProof);
  const bad = (what: string) => keylessError(`Rekor (${base.origin}) returned an entry without ${what}`);
  if (typeof e?.body !== 'string') throw bad('a body');
  if (typeof e.logID !== 'string' || !/^[0-9a-f]{64}$/.test(e.logID)) throw bad('a log ID');
  if (!Number.isSafeInteger(e.logIndex) || (e.logIndex as number) < 0) throw bad('a log index');
  if (!Number.isSafeInteger(e.integratedTime) || (e.integratedTime as number) <= 0) throw bad('an integrated time');
  if (typeof v?.signedEntryTimestamp !== 'string' || !v.signedEntryTimestamp) throw bad('a signed entry timestamp (inclusion promise)');
  if (!proof || typeof proof.rootHash !== 'string' || typeof proof.checkpoint !== 'string' || !Array.isArray(proof.hashes) || !Number.isSafeInteger(proof.treeSize) || !Number.isSafeInteger(proof.logIndex)) {
    throw bad('an inclusion proof (a Sigstore bundle v0.3 needs one)');
  }
  // The entry must be about this envelope: same signature, same payload hash, kind dsse 0.0.1.
  let body: Record<string, unknown> | undefined;
  try {
    body = obj(JSON.parse(Buffer.from(e.body, 'base64').toString('utf8')));
  } catch {
    body = undefined;
  }
  const spec = obj(body?.spec);
  const sigs = Array.isArray(spec?.signatures) ? spec.signatures : [];
  const payloadHash = createHash('sha256').update(Buffer.from(envelope.payload, 'base64')).digest('hex');
  if (body?.kind !== 'dsse' || body.apiVersion !== '0.0.1' || sigs.length !== 1 || obj(sigs[0])?.signature !== envelope.signatures[0].sig || obj(spec?.payloadHash)?.value !== payloadHash) {
    throw keylessError(`Rekor (${base.origin}) returned an entry that is not about this signature (kind, signature or payload hash differ)`);
  }
  const hex64 = (h: unknown) => (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, 'hex').toString('base64') : null);
  const rootHash = hex64(proof.rootHash);
  const hashes = (proof.hashes as unknown[]).map(hex64);
  if (!rootHash || hashes.some((h) => h === null)) throw bad('a well-formed inclusion proof (hex sha256 hashes)');
  return {
    logIndex: String(e.logIndex),
    logId: { keyId: Buffer.from(e.logID, 'hex').toString('base64') },
    kindVersion: { kind: 'dsse', version: '0.0.1' },
    integratedTime: String(e.integratedTime),
    inclusionPromise: { signedEntryTimestamp: v.signedEntryTimestamp },
    inclusionProof: { logIndex: String(proof.logIndex), rootHash, treeSize: String(proof.treeSize), hashes: hashes as string[], checkpoint: { envelope: proof.checkpoint } },
    canonicalizedBody: e.body,
  };
}

/**
 * A keyless signer: the token, key and certificate are obtained on the first signature (so that `check` asks for
 * them after the gates, not before) and reused for the next ones while the certificate is valid for a minute more.
 */
export function keylessSigner(opts: KeylessOptions): DsseSigner {
  const fulcioUrl = opts.fulcioUrl ?? PUBLIC_GOOD_FULCIO;
  const rekorUrl = opts.rekorUrl ?? PUBLIC_GOOD_REKOR;
  serviceUrl(fulcioUrl, 'the Fulcio URL');
  serviceUrl(rekorUrl, 'the Rekor URL');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let current: { key: { privateKey: KeyObject; publicKey: KeyObject }; cert: SigningCertificate } | undefined;

  const certificate = async () => {
    if (current && current.cert.leaf.notAfter.getTime() - Date.now() > 60_000) return current;
    const token = await obtainOidcToken(opts.token, opts.audience, timeoutMs);
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const cert = await requestSigningCertificate(fulcioUrl, token, key, timeoutMs);
    current = { key, cert };
    return current;
  };

  return {
    mode: 'keyless',
    signerIdentity: () => (current ? { identity: current.cert.identity, issuer: current.cert.issuer } : undefined),
    async sign(payload: Uint8Array, payloadType: string): Promise<KeylessDsseBundle> {
      const { key, cert } = await certificate();
      const sig = cryptoSign('sha256', preAuthEncoding(payloadType, payload), key.privateKey);
      const envelope: Envelope = { payload: Buffer.from(payload).toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] };
      const entry = await uploadDsseEntry(rekorUrl, envelope, cert.leafPem, timeoutMs);
      const bundle: KeylessDsseBundle = {
        mediaType: BUNDLE_V03,
        verificationMaterial: { certificate: { rawBytes: cert.chain[0].toString('base64') }, tlogEntries: [entry] },
        dsseEnvelope: envelope,
      };
      if (opts.verifyWith) {
        try {
          verifyKeylessBundle(parseBundle(bundle, 'the new bundle'), 'the new bundle', { identities: [cert.identity], issuer: cert.issuer }, opts.verifyWith);
        } catch (e) {
          throw keylessError(`signed, but ${describe(e)} (against the trusted root given): not written`, e);
        }
      }
      return bundle;
    },
  };
}
