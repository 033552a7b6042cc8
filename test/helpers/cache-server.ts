/**
 * A loopback stand-in for the Actions cache service as @actions/cache talks to it with ACTIONS_CACHE_URL set and
 * no ACTIONS_CACHE_SERVICE_V2 (its v1 protocol, node_modules/@actions/cache/lib/internal/cacheHttpClient.js):
 *   GET  {base}_apis/artifactcache/cache?keys=k1,k2&version=V   lookup: 200 {cacheKey, archiveLocation, ...} or 204
 *   POST {base}_apis/artifactcache/caches {key, version, cacheSize}   reserve: {cacheId}, 409 when the key exists
 *   PATCH {base}_apis/artifactcache/caches/ID   a chunk, Content-Range: bytes S-E/*
 *   POST {base}_apis/artifactcache/caches/ID {size}   commit (the chunks must add up to size)
 *   GET  archiveLocation   the archive, with Content-Length
 * and its v2 protocol (ACTIONS_CACHE_SERVICE_V2 and ACTIONS_RESULTS_URL, what github.com runners use: Twirp JSON
 * with proto field names, shared/cacheTwirpClient.js, and the archive uploaded by the Azure Blob SDK to a signed URL):
 *   POST {base}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry {key, version}
 *        -> {ok, signed_upload_url}, then the SDK's Put Blob (PUT, x-ms-blob-type: BlockBlob) to that URL
 *   POST .../FinalizeCacheEntryUpload {key, version, size_bytes} -> {ok, entry_id}
 *   POST .../GetCacheEntryDownloadURL {key, restore_keys, version} -> {ok, signed_download_url, matched_key}
 * Lookup as the service does it: for each key in order, an exact match of key and version, else the newest
 * committed cache whose key starts with it. Every service request needs the runtime token as a bearer token; the
 * signed URLs need their signature.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface StoredCache {
  id: number;
  key: string;
  version: string;
  size?: number;
  chunks: { start: number; data: Buffer }[];
  archive?: Buffer;
  created?: number;
}

export interface FakeCacheService {
  /** ACTIONS_CACHE_URL, or ACTIONS_RESULTS_URL with ACTIONS_CACHE_SERVICE_V2 (ends with a slash, as the runner's does). */
  url: string;
  token: string;
  caches: StoredCache[];
  requests: { method: string; url: string }[];
  /** Status to answer for requests whose method and path match (e.g. 500 on every request). */
  failures: { pattern: RegExp; status: number }[];
  close(): Promise<void>;
}

export async function startFakeCacheService(token = 'runtime-token-for-the-cache'): Promise<FakeCacheService> {
  const caches: StoredCache[] = [];
  const requests: { method: string; url: string }[] = [];
  const failures: { pattern: RegExp; status: number }[] = [];
  let clock = 0;
  const lookup = (keys: string[], version: string | null): StoredCache | undefined => {
    const done = caches.filter((c) => c.archive && c.version === version).sort((a, b) => b.created! - a.created!);
    for (const k of keys) {
      const hit = done.find((c) => c.key === k) ?? done.find((c) => c.key.startsWith(k));
      if (hit) return hit;
    }
    return undefined;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', url: url.pathname + url.search });
      const fail = failures.find((f) => f.pattern.test(`${req.method} ${url.pathname}`));
      if (fail) return json(res, fail.status, { message: 'injected failure' });
      // v2: the blob store behind the signed URLs (path-style, as Azurite: /<account>/<container>/<blob>).
      const blob = /^\/devstoreaccount1\/caches\/(\d+)$/.exec(url.pathname);
      if (blob) {
        const c = caches.find((x) => x.id === Number(blob[1]));
        if (!c || url.searchParams.get('sig') !== `sig-${c.id}`) return json(res, 403, { message: 'bad signature' });
        if (req.method === 'PUT' && req.headers['x-ms-blob-type'] === 'BlockBlob') {
          c.chunks = [{ start: 0, data: body }];
          res.writeHead(201, { etag: `"0x${c.id}"`, 'last-modified': new Date(0).toUTCString(), 'x-ms-request-id': String(c.id), 'x-ms-version': '2025-11-05', 'content-md5': createHash('md5').update(body).digest('base64') });
          return res.end();
        }
        if (req.method === 'GET' && c.archive) {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': c.archive.length });
          return res.end(c.archive);
        }
        return json(res, 400, { message: `blob: ${req.method} not supported here` });
      }
      const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.CacheService\/(\w+)$/.exec(url.pathname);
      if (twirp && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { code: 'unauthenticated', msg: 'no runtime token' });
        const r = JSON.parse(body.toString('utf8')) as { key: string; version: string; restore_keys?: string[]; size_bytes?: string };
        const port = (server.address() as AddressInfo).port;
        if (twirp[1] === 'CreateCacheEntry') {
          if (caches.some((c) => c.key === r.key && c.version === r.version)) return json(res, 409, { code: 'already_exists', msg: `cache entry ${r.key} already exists` });
          const c: StoredCache = { id: caches.length + 1, key: r.key, version: r.version, chunks: [] };
          caches.push(c);
          return json(res, 200, { ok: true, signed_upload_url: `http://127.0.0.1:${port}/devstoreaccount1/caches/${c.id}?sv=2025-11-05&sig=sig-${c.id}` });
        }
        if (twirp[1] === 'FinalizeCacheEntryUpload') {
          const c = caches.find((x) => x.key === r.key && x.version === r.version && !x.archive);
          const data = c?.chunks[0]?.data;
          if (!c || !data || String(data.length) !== r.size_bytes) return json(res, 200, { ok: false, message: 'nothing uploaded of that size' });
          c.archive = data;
          c.size = data.length;
          c.created = ++clock;
          return json(res, 200, { ok: true, entry_id: String(c.id) });
        }
        if (twirp[1] === 'GetCacheEntryDownloadURL') {
          const hit = lookup([r.key, ...(r.restore_keys ?? [])], r.version);
          if (!hit) return json(res, 200, { ok: false });
          return json(res, 200, { ok: true, signed_download_url: `http://127.0.0.1:${port}/devstoreaccount1/caches/${hit.id}?sv=2025-11-05&sig=sig-${hit.id}`, matched_key: hit.key });
        }
        return json(res, 404, { code: 'bad_route', msg: `no method ${twirp[1]}` });
      }
      const archive = /^\/archives\/(\d+)$/.exec(url.pathname);
      if (archive && req.method === 'GET') {
        const c = caches.find((x) => x.id === Number(archive[1]) && x.archive);
        if (!c) return json(res, 404, { message: 'no such archive' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': c.archive!.length });
        return res.end(c.archive);
      }
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { message: 'no runtime token' });
      if (url.pathname === '/_apis/artifactcache/cache' && req.method === 'GET') {
        const keys = (url.searchParams.get('keys') ?? '').split(',');
        const version = url.searchParams.get('version');
        const hit = lookup(keys, version);
        if (hit) {
          const port = (server.address() as AddressInfo).port;
          return json(res, 200, { scope: 'refs/heads/main', cacheKey: hit.key, cacheVersion: hit.version, creationTime: new Date(hit.created! * 1000).toISOString(), archiveLocation: `http://127.0.0.1:${port}/archives/${hit.id}` });
        }
        res.writeHead(204);
        return res.end();
      }
      if (url.pathname === '/_apis/artifactcache/caches' && req.method === 'GET') return json(res, 200, { totalCount: 0, artifactCaches: [] });
      if (url.pathname === '/_apis/artifactcache/caches' && req.method === 'POST') {
        const r = JSON.parse(body.toString('utf8')) as { key: string; version: string; cacheSize?: number };
        if (caches.some((c) => c.key === r.key && c.version === r.version)) return json(res, 409, { message: `Cache already exists. Scope: refs/heads/main, Key: ${r.key}, Version: ${r.version}` });
        const c: StoredCache = { id: caches.length + 1, key: r.key, version: r.version, size: r.cacheSize, chunks: [] };
        caches.push(c);
        return json(res, 201, { cacheId: c.id });
      }
      const one = /^\/_apis\/artifactcache\/caches\/(\d+)$/.exec(url.pathname);
      const c = one ? caches.find((x) => x.id === Number(one[1])) : undefined;
      if (one && !c) return json(res, 404, { message: 'no such cache' });
      if (c && req.method === 'PATCH') {
        const range = /^bytes (\d+)-(\d+)\/\*$/.exec(String(req.headers['content-range']));
        if (!range || Number(range[2]) - Number(range[1]) + 1 !== body.length) return json(res, 400, { message: 'bad Content-Range' });
        c.chunks.push({ start: Number(range[1]), data: body });
        res.writeHead(204);
        return res.end();
      }
      if (c && req.method === 'POST') {
        const { size } = JSON.parse(body.toString('utf8')) as { size: number };
        const whole = Buffer.alloc(size);
        let covered = 0;
        for (const ch of c.chunks) {
          ch.data.copy(whole, ch.start);
          covered += ch.data.length;
        }
        if (covered !== size) return json(res, 400, { message: `chunks hold ${covered} bytes, commit says ${size}` });
        c.archive = whole;
        c.created = ++clock;
        res.writeHead(204);
        return res.end();
      }
      json(res, 404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    caches,
    requests,
    failures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
