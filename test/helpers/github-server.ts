/** A local stand-in for the GitHub API (comments, check runs, GraphQL viewer), recording every request. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  body: any;
}

export interface FakeGitHub {
  url: string;
  requests: Recorded[];
  comments: { id: number; body: string; user: { login: string } }[];
  checkRuns: { id: number; body: any; patches: any[] }[];
  /** Status to answer for paths matching a regex (e.g. 403 for comments). */
  failures: { pattern: RegExp; status: number }[];
  login: string;
  close(): Promise<void>;
}

export async function startFakeGitHub(opts: { login?: string } = {}): Promise<FakeGitHub> {
  const state: FakeGitHub = {
    url: '',
    requests: [],
    comments: [],
    checkRuns: [],
    failures: [],
    login: opts.login ?? 'model-gate-bot',
    close: async () => undefined,
  };
  let nextId = 1000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      const url = req.url ?? '';
      state.requests.push({ method: req.method ?? '', url, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const failure = state.failures.find((f) => f.pattern.test(`${req.method} ${url}`));
      if (failure) return send(failure.status, { message: 'Resource not accessible by integration' });
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
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
