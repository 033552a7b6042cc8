/**
 * GitHub's artifact attestations API (docs/attestation.md "Stored on GitHub"): the gate action stores its keyless
 * bundles there (so `gh attestation verify` finds them), the verify action fetches them by the model's digest.
 * Requests through src/util/github-api.ts (as src/report/github.ts). What comes back is never trusted: every bundle goes through the same
 * offline verification as a file (src/attest/verify.ts); this module only moves bytes.
 *   POST /repos/{owner}/{repo}/attestations            {bundle}          -> 201 {id}
 *   GET  /repos/{owner}/{repo}/attestations/sha256:HEX ?per_page=100    -> {attestations: [{bundle | bundle_url}]}
 * A listed entry carries the bundle inline, or (newer API versions) only `bundle_url`, whose body is the bundle's
 * JSON compressed with Snappy (block format), as `gh attestation` reads it. The token goes to the API's origin only:
 * never to a `bundle_url` elsewhere, never along a pagination link to another origin.
 */
import { GateError } from '../errors.ts';
import { snappyUncompress } from '../util/snappy.ts';
import { apiBase, apiRequest, describeReply, nextLink, type ApiReply } from '../util/github-api.ts';

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

const TIMEOUT_MS = 30_000;

function apiError(code: string, message: string): GateError {
  return new GateError(code, message, { kind: 'error' });
}

/** A request to the API: the token and time-out of `api`; no answer at all is an error naming what was tried. */
async function call(api: AttestationsApi, method: string, url: string, what: string, body?: unknown): Promise<ApiReply> {
  const r = await apiRequest({ token: api.token, timeoutMs: api.timeoutMs ?? TIMEOUT_MS }, method, url, body);
  if (r.status === 0) throw apiError('attest.github', `${what}: ${describeReply(r)}`);
  return r;
}

/** Stores one Sigstore bundle for the repository; returns the attestation's id. */
export async function storeAttestation(api: AttestationsApi, bundle: unknown): Promise<{ id: number | null }> {
  const url = `${apiBase(api.apiUrl)}/repos/${api.repo}/attestations`;
  const what = `cannot store the attestation through ${url}`;
  const r = await call(api, 'POST', url, what, { bundle });
  if (r.status !== 200 && r.status !== 201) {
    const hint = r.status === 401 || r.status === 403 || r.status === 404
      ? ': give the job `permissions: attestations: write` (and the token input a token of this repository)'
      : '';
    throw apiError('attest.github', `${what}: ${describeReply(r)}${hint}`);
  }
  const id = (r.json as { id?: unknown } | null)?.id;
  return { id: typeof id === 'number' ? id : null };
}

/** One listed attestation: its bundle JSON and where it came from (for messages). */
export interface FetchedBundle {
  json: unknown;
  /** e.g. `GitHub attestation 3 of 7 (acme/credit)` */
  label: string;
}

/** Every attestation the repository has for subject digest `sha256:hex`, bundles decoded (not yet verified). */
export async function fetchAttestations(api: AttestationsApi, hex: string): Promise<FetchedBundle[]> {
  const first = `${apiBase(api.apiUrl)}/repos/${api.repo}/attestations/sha256:${hex}?per_page=100`;
  const what = `cannot list the attestations of sha256:${hex} in ${api.repo}`;
  const entries: unknown[] = [];
  let url: string | null = first;
  for (let page = 1; url; page++) {
    if (page > MAX_PAGES) throw apiError('attest.github', `${what}: more than ${MAX_PAGES * 100} attestations for this digest; give the attestation file instead (the gate's attestation-path output)`);
    const r = await call(api, 'GET', url, what);
    // No attestation for this digest (the API answers 404 for an empty list), or a repository the token cannot see.
    if (r.status === 404) break;
    if (!r.ok) {
      const hint = r.status === 401 || r.status === 403 ? ': give the job `permissions: attestations: read` (private repositories) or check the token input' : '';
      throw apiError('attest.github', `${what}: ${describeReply(r)}${hint}`);
    }
    const list = (r.json as { attestations?: unknown } | null)?.attestations;
    if (!Array.isArray(list)) throw apiError('attest.github', `${what}: the answer has no attestations list`);
    entries.push(...list);
    url = nextLink(r.headers?.get('link') ?? null, api.apiUrl);
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
    res = await fetch(e.bundle_url, { headers: { 'User-Agent': 'model-gate' }, signal: AbortSignal.timeout(timeoutMs ?? TIMEOUT_MS) });
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
