/**
 * A loopback stand-in for the Actions cache service as @actions/cache talks to it with ACTIONS_CACHE_URL set and
 * no ACTIONS_CACHE_SERVICE_V2 (its v1 protocol, node_modules/@actions/cache/lib/internal/cacheHttpClient.js):
 *   GET  {base}_apis/artifactcache/cache?keys=k1,k2&version=V   lookup: 200 {cacheKey, archiveLocation, ...} or 204
 *   POST {base}_apis/artifactcache/caches {key, version, cacheSize}   reserve: {cacheId}, 409 when the key exists
 *   PATCH {base}_apis/artifactcache/caches/ID   a chunk, Content-Range: bytes S-E/*
 *   POST {base}_apis/artifactcache/caches/ID {size}   commit (the chunks must add up to size)
 *   GET  archiveLocation   the archive, with Content-Length
 * Lookup as the service does it: for each key in order, an exact match of key and version, else the newest
 * committed cache whose key starts with it. Every request needs the runtime token as a bearer token.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  /** ACTIONS_CACHE_URL (ends with a slash, as the runner's does). */
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
        const done = caches.filter((c) => c.archive && c.version === version).sort((a, b) => b.created! - a.created!);
        for (const k of keys) {
          const hit = done.find((c) => c.key === k) ?? done.find((c) => c.key.startsWith(k));
          if (hit) {
            const port = (server.address() as AddressInfo).port;
            return json(res, 200, { scope: 'refs/heads/main', cacheKey: hit.key, cacheVersion: hit.version, creationTime: new Date(hit.created! * 1000).toISOString(), archiveLocation: `http://127.0.0.1:${port}/archives/${hit.id}` });
          }
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
