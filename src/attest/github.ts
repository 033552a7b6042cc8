/**
 * GitHub's artifact attestations API (docs/attestation.md "Stored on GitHub"): the gate action stores its keyless
 * bundles there (so `gh attestation verify` finds them), the verify action fetches them by the model's digest.
 * Plain `fetch` (as src/report/github.ts). What comes back is never trusted: every bundle goes through the same
 * offline verification as a file (src/attest/verify.ts); this module only moves bytes.
 *   POST /repos/{owner}/{repo}/attestations            {bundle}          -> 201 {id}
 *   GET  /repos/{owner}/{repo}/attestations/sha256:HEX ?per_page=100    -> {attestations: [{bundle | bundle_url}]}
 * A listed entry carries the bundle inline, or (newer API versions) only `bundle_url`, whose body is the bundle's
 * JSON compressed with Snappy (block format), as `gh attestation` reads it. The token goes to the API's origin only:
 * never to a `bundle_url` elsewhere, never along a pagination link to another origin.
 */
import { GateError } from '../errors.ts';
import { snappyUncompress } from '../util/snappy.ts';
import { truncate } from '../util/escape.ts';

export interface AttestationsApi {
  /** GITHUB_API_URL, e.g. https://api.github.com or https://ghe.example.com/api/v3 */
  apiUrl: string;
  /** owner/name */
  repo: string;
  /** Empty: anonymous (public repositories can be read without one). */
  token: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

/** Pages of 100 followed at most: more attestations than this for one digest is an error, never a partial look. */
export const MAX_PAGES = 10;

function base(api: AttestationsApi): string {
  return api.apiUrl.replace(/\/+$/, '');
}

function headers(api: AttestationsApi, json: boolean): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': 'model-gate',
    ...(api.token ? { Authorization: `Bearer ${api.token}` } : {}),
    ...(json ? { 'Content-Type': 'application/json' } : {}),
  };
}

function apiError(code: string, message: string): GateError {
  return new GateError(code, message, { kind: 'error' });
}

async function call(url: string, init: RequestInit, timeoutMs: number | undefined, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs ?? 30_000) });
  } catch (e) {
    const err = e as Error;
    const why = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? `no answer within ${timeoutMs ?? 30_000} ms` : (err?.cause as Error | undefined)?.message ?? err?.message ?? String(e);
    throw apiError('attest.github', `${what}: ${why}`);
  }
}

async function messageOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  let m = '';
  try {
    const j = JSON.parse(text) as { message?: unknown };
    if (typeof j?.message === 'string') m = j.message;
  } catch {
    m = text;
  }
  return `HTTP ${res.status}${m ? ` ${truncate(m.replace(/\s+/g, ' '), 200)}` : ''}`;
}

/** Stores one Sigstore bundle for the repository; returns the attestation's id. */
export async function storeAttestation(api: AttestationsApi, bundle: unknown): Promise<{ id: number | null }> {
  const what = `cannot store the attestation through ${base(api)}/repos/${api.repo}/attestations`;
  const res = await call(`${base(api)}/repos/${api.repo}/attestations`, { method: 'POST', headers: headers(api, true), body: JSON.stringify({ bundle }), redirect: 'error' }, api.timeoutMs, what);
  if (res.status !== 200 && res.status !== 201) {
    const m = await messageOf(res);
    const hint = res.status === 401 || res.status === 403 || res.status === 404
      ? ': give the job `permissions: attestations: write` (and the token input a token of this repository)'
      : '';
    throw apiError('attest.github', `${what}: ${m}${hint}`);
  }
  const j = (await res.json().catch(() => null)) as { id?: unknown } | null;
  return { id: typeof j?.id === 'number' ? j.id : null };
}

/** One listed attestation: its bundle JSON and where it came from (for messages). */
export interface FetchedBundle {
  json: unknown;
  /** e.g. `GitHub attestation 3 of 7 (acme/credit)` */
  label: string;
}

/** The next page from a `Link` header, only on the API's own origin (else null: the token never leaves it). */
export function nextLink(link: string | null, apiUrl: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m) continue;
    let u: URL;
    try {
      u = new URL(m[1]);
    } catch {
      return null;
    }
    return u.origin === new URL(apiUrl).origin ? u.toString() : null;
  }
  return null;
}

/** Every attestation the repository has for subject digest `sha256:hex`, bundles decoded (not yet verified). */
export async function fetchAttestations(api: AttestationsApi, hex: string): Promise<FetchedBundle[]> {
  const first = `${base(api)}/repos/${api.repo}/attestations/sha256:${hex}?per_page=100`;
  const what = `cannot list the attestations of sha256:${hex} in ${api.repo}`;
  const entries: unknown[] = [];
  let url: string | null = first;
  for (let page = 1; url; page++) {
    if (page > MAX_PAGES) throw apiError('attest.github', `${what}: more than ${MAX_PAGES * 100} attestations for this digest; give the attestation file instead (the gate's attestation-path output)`);
    const res = await call(url, { headers: headers(api, false), redirect: 'error' }, api.timeoutMs, what);
    if (res.status === 404) {
      // No attestation for this digest (the API answers 404 for an empty list), or a repository the token cannot see.
      await res.text().catch(() => '');
      break;
    }
    if (!res.ok) {
      const m = await messageOf(res);
      const hint = res.status === 401 || res.status === 403 ? ': give the job `permissions: attestations: read` (private repositories) or check the token input' : '';
      throw apiError('attest.github', `${what}: ${m}${hint}`);
    }
    const j = (await res.json().catch(() => null)) as { attestations?: unknown } | null;
    if (!j || !Array.isArray(j.attestations)) throw apiError('attest.github', `${what}: the answer has no attestations list`);
    entries.push(...j.attestations);
    url = nextLink(res.headers.get('link'), api.apiUrl);
  }
  const out: FetchedBundle[] = [];
  for (const [i, e] of entries.entries()) {
    const label = `GitHub attestation ${i + 1} of ${entries.length} (${api.repo})`;
    out.push({ json: await bundleOf(e, label, api.timeoutMs), label });
  }
  return out;
}

/**
 * The bundle of one listed entry: inline, or fetched from `bundle_url` WITHOUT the token (the URL is a pre-signed
 * storage link, usually on another host) and decompressed. An entry whose bundle cannot be had gives `null`: it is
 * then reported as unusable among the candidates, never trusted and never fatal for the others.
 */
async function bundleOf(entry: unknown, label: string, timeoutMs: number | undefined): Promise<unknown> {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { bundle?: unknown; bundle_url?: unknown };
  if (e.bundle && typeof e.bundle === 'object') return e.bundle;
  if (typeof e.bundle_url !== 'string' || !/^https?:\/\//.test(e.bundle_url)) return null;
  let res: Response;
  try {
    res = await call(e.bundle_url, { headers: { 'User-Agent': 'model-gate' } }, timeoutMs, `cannot download ${label}`);
  } catch {
    return null;
  }
  if (!res.ok) return null;
  // A bundle is a few kB: anything past MAX_BUNDLE is not one (and is not read into memory whole).
  if (Number(res.headers.get('content-length') ?? 0) > MAX_BUNDLE) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > MAX_BUNDLE) return null;
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return decodeBundleBytes(Buffer.concat(chunks));
}

/** Largest bundle accepted from a download, compressed or not. */
export const MAX_BUNDLE = 16 * 1024 * 1024;

/** JSON as is, else Snappy-compressed JSON; null when neither. */
export function decodeBundleBytes(bytes: Buffer): unknown {
  for (const text of [() => bytes.toString('utf8'), () => snappyUncompress(bytes, MAX_BUNDLE).toString('utf8')]) {
    try {
      return JSON.parse(text());
    } catch {
      // the other encoding
    }
  }
  return null;
}
