/**
 * The GitHub REST calls of the action (comments and check runs, src/report/github.ts; artifact attestations,
 * src/attest/github.ts): plain `fetch` against `GITHUB_API_URL` (no Octokit: small, bundles trivially, easy to test
 * against a local server). `apiRequest` never throws: a network error or time-out is a reply with status 0. Redirects
 * are refused, so the token goes only where it was sent; `nextLink` keeps pagination on the API's own origin.
 */
import { truncate } from './escape.ts';

export interface ApiReply {
  ok: boolean;
  status: number;
  json: unknown;
  headers: Headers | null;
  error?: string;
}

/** The API base without trailing slashes. */
export function apiBase(u: string): string {
  return u.replace(/\/+$/, '');
}

/** owner/name as GitHub spells repositories. */
export const validRepo = (repo: string): boolean => /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo);

/**
 * One request with the token (none when empty: public resources can be read without one), JSON in and out.
 * `timeoutMs` default 15 s.
 */
export async function apiRequest(o: { token: string; timeoutMs?: number }, method: string, url: string, body?: unknown): Promise<ApiReply> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  try {
    const res = await fetch(url, {
      method,
      headers: {
        Accept: 'application/vnd.github+json',
        ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}),
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'model-gate',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { ok: res.ok, status: res.status, json, headers: res.headers };
  } catch (e) {
    const err = e as Error;
    const why = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : (err?.cause as Error | undefined)?.message ?? err?.message ?? String(e);
    return { ok: false, status: 0, json: null, headers: null, error: why };
  }
}

/** `HTTP 403 <the API's message>`, or why there was no answer. */
export function describeReply(r: ApiReply): string {
  if (r.status === 0) return r.error ?? 'request failed';
  const m = r.json && typeof r.json === 'object' && 'message' in r.json ? String((r.json as { message: unknown }).message) : '';
  return `HTTP ${r.status}${m ? ` ${truncate(m.replace(/\s+/g, ' '), 200)}` : ''}`;
}

/** The `rel="next"` URL of a Link header, only when it stays on the API's origin (else: stop). */
export function nextLink(link: string | null, base: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) {
      try {
        const u = new URL(m[1]);
        return u.origin === new URL(base).origin ? u.toString() : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
