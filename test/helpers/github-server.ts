/**
 * A local stand-in for the GitHub API (comments, check runs, GraphQL viewer, artifact attestations), recording every
 * request. Attestations are indexed as GitHub indexes them: by every subject digest of the DSSE statement. Listing
 * pages by `per_page` with a `Link: <...&after=N>; rel="next"` header; `attestationsVia: 'bundle_url'` answers with
 * `bundle_url` links to a second server (another origin, like GitHub's blob storage) serving Snappy-compressed
 * bundles, and records whether any request there carried an Authorization header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  body: any;
  authorization?: string;
}

export interface FakeGitHub {
  url: string;
  requests: Recorded[];
  comments: { id: number; body: string; user: { login: string } }[];
  checkRuns: { id: number; body: any; patches: any[] }[];
  /** Status to answer for paths matching a regex (e.g. 403 for comments). */
  failures: { pattern: RegExp; status: number }[];
  login: string;
  /** Stored attestations, oldest first (the listing answers newest first, as GitHub does). */
  attestations: { id: number; bundle: any }[];
  attestationsVia: 'inline' | 'bundle_url';
  /** Requests to the blob server (bundle_url downloads). */
  blobRequests: Recorded[];
  blobUrl: string;
  /** When set, every bundle_url download answers these bytes (e.g. something too large to be a bundle). */
  blobOverride: Buffer | null;
  close(): Promise<void>;
}

/** Literal-only Snappy (valid block format: a varint length, then literals of at most 65536 bytes). */
export function snappyLiteral(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let n = data.length;
  const pre: number[] = [];
  do {
    pre.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  parts.push(Buffer.from(pre));
  for (let i = 0; i < data.length; i += 65536) {
    const chunk = data.subarray(i, i + 65536);
    const len = chunk.length - 1;
    parts.push(len < 60 ? Buffer.from([len << 2]) : len < 256 ? Buffer.from([60 << 2, len]) : Buffer.from([61 << 2, len & 255, len >> 8]), chunk);
  }
  return Buffer.concat(parts);
}

function subjectDigests(bundle: any): string[] {
  try {
    const st = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    return (st.subject ?? []).map((s: any) => `sha256:${s.digest?.sha256}`);
  } catch {
    return [];
  }
}

export async function startFakeGitHub(opts: { login?: string } = {}): Promise<FakeGitHub> {
  const state: FakeGitHub = {
    url: '',
    requests: [],
    comments: [],
    checkRuns: [],
    failures: [],
    login: opts.login ?? 'model-gate-bot',
    attestations: [],
    attestationsVia: 'inline',
    blobRequests: [],
    blobUrl: '',
    blobOverride: null,
    close: async () => undefined,
  };
  const blobs = http.createServer((req, res) => {
    state.blobRequests.push({ method: req.method ?? '', url: req.url ?? '', body: null, authorization: req.headers.authorization });
    if (state.blobOverride) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(state.blobOverride);
    }
    const m = /^\/blobs\/(\d+)$/.exec(req.url ?? '');
    const a = m && state.attestations.find((x) => x.id === Number(m[1]));
    if (!a) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(snappyLiteral(Buffer.from(JSON.stringify(a.bundle))));
  });
  await new Promise<void>((resolve) => blobs.listen(0, '127.0.0.1', resolve));
  state.blobUrl = `http://127.0.0.1:${(blobs.address() as AddressInfo).port}`;
  let nextId = 1000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      const url = req.url ?? '';
      state.requests.push({ method: req.method ?? '', url, body, authorization: req.headers.authorization });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const failure = state.failures.find((f) => f.pattern.test(`${req.method} ${url}`));
      if (failure) return send(failure.status, { message: 'Resource not accessible by integration' });
      if (req.method === 'POST' && url === '/repos/acme/credit/attestations') {
        if (!body?.bundle?.dsseEnvelope) return send(422, { message: 'Invalid bundle' });
        const a = { id: nextId++, bundle: body.bundle };
        state.attestations.push(a);
        return send(201, { id: a.id });
      }
      const m0 = /^\/repos\/acme\/credit\/attestations\/(sha256:[0-9a-f]{64})(\?.*)?$/.exec(url);
      if (m0 && req.method === 'GET') {
        const q = new URLSearchParams(m0[2]?.slice(1) ?? '');
        const per = Number(q.get('per_page') ?? 30);
        const after = Number(q.get('after') ?? 0);
        const all = state.attestations.filter((a) => subjectDigests(a.bundle).includes(m0![1])).reverse();
        if (all.length === 0) return send(404, { message: 'Not Found' });
        const page = all.slice(after, after + per);
        if (after + per < all.length) res.setHeader('link', `<${state.url}${url.replace(/[?].*$/, '')}?per_page=${per}&after=${after + per}>; rel="next"`);
        return send(200, { attestations: page.map((a) => (state.attestationsVia === 'inline' ? { bundle: a.bundle, repository_id: 1 } : { bundle: null, repository_id: 1, bundle_url: `${state.blobUrl}/blobs/${a.id}` })) });
      }
      if (req.method === 'POST' && url === '/graphql') return send(200, { data: { viewer: { login: state.login } } });
      let m = /^\/repos\/acme\/credit\/issues\/(\d+)\/comments(\?.*)?$/.exec(url);
      if (m && req.method === 'GET') return send(200, state.comments);
      if (m && req.method === 'POST') {
        const c = { id: nextId++, body: body.body, user: { login: state.login }, html_url: `https://github.com/acme/credit/pull/${m[1]}#c` };
        state.comments.push(c);
        return send(201, c);
      }
      m = /^\/repos\/acme\/credit\/issues\/comments\/(\d+)$/.exec(url);
      if (m && req.method === 'PATCH') {
        const c = state.comments.find((x) => x.id === Number(m![1]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = body.body;
        return send(200, c);
      }
      if (url === '/repos/acme/credit/check-runs' && req.method === 'POST') {
        const run = { id: nextId++, body, patches: [] as any[] };
        state.checkRuns.push(run);
        return send(201, { id: run.id });
      }
      m = /^\/repos\/acme\/credit\/check-runs\/(\d+)$/.exec(url);
      if (m && req.method === 'PATCH') {
        const run = state.checkRuns.find((x) => x.id === Number(m![1]));
        if (!run) return send(404, { message: 'Not Found' });
        run.patches.push(body);
        return send(200, { id: run.id });
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), new Promise<void>((resolve) => blobs.close(() => resolve()))]).then(() => undefined);
  return state;
}
