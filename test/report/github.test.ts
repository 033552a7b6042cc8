import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { annotationsFor, type Annotation } from '../../src/report/annotations.ts';
import { commentMarker, renderComment } from '../../src/report/comment.ts';
import {
  FALLBACK_LOGIN,
  checkAnnotations,
  checkConclusion,
  graphqlUrlFor,
  nextLink,
  publishCheckRun,
  publishComment,
  viewerLogin,
} from '../../src/report/github.ts';
import { failReport, passReport } from './fixtures.ts';

/**
 * A local stand-in for the GitHub REST and GraphQL API (127.0.0.1, random port). It keeps issue comments and check
 * runs, authenticates by token (token → login), paginates with Link headers like GitHub, enforces the Checks API
 * limit of 50 annotations per request (422 above), and can be told to refuse writes (403), to refuse the viewer
 * query (as for GITHUB_TOKEN), or to never answer.
 */
interface Comment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
}
interface Req {
  method: string;
  path: string;
  body: any;
}
const S = {
  logins: new Map<string, string>([
    ['gh-token', 'github-actions[bot]'],
    ['app-token', 'model-gate-app[bot]'],
    ['user-token', 'mallory'],
  ]),
  viewerAllowed: new Set(['app-token', 'user-token']),
  comments: [] as Comment[],
  checkRuns: new Map<number, { name: string; head_sha: string; conclusion: string; output: any; annotations: any[] }>(),
  requests: [] as Req[],
  nextId: 1000,
  refuseWrites: 0 as 0 | 403 | 404 | 500,
  refusePatchCheck: false,
  refuseChecks: false,
  hang: false,
  pageSize: 100,
  foreignNext: false,
};
let server: Server;
let api = '';
const api_ = () => api;

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url!, api);
  const body = raw ? JSON.parse(raw) : undefined;
  S.requests.push({ method: req.method!, path: url.pathname + url.search, body });
  if (S.hang) return; // never answer
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const login = S.logins.get(token);
  if (!login) return send(res, 401, { message: 'Bad credentials' });
  assert.equal(req.headers['x-github-api-version'], '2022-11-28');
  if (req.method === 'POST' && url.pathname === '/graphql') {
    if (!S.viewerAllowed.has(token)) return send(res, 403, { message: 'Resource not accessible by integration' });
    return send(res, 200, { data: { viewer: { login } } });
  }
  if (S.refuseWrites && req.method !== 'GET') return send(res, S.refuseWrites, { message: 'Resource not accessible by integration' });
  let m = url.pathname.match(/^\/repos\/acme\/ml\/issues\/7\/comments$/);
  if (m && req.method === 'GET') {
    const page = Number(url.searchParams.get('page') ?? '1');
    const per = Math.min(Number(url.searchParams.get('per_page') ?? '30'), S.pageSize);
    const items = S.comments.slice((page - 1) * per, page * per);
    const last = Math.ceil(S.comments.length / per);
    const headers: Record<string, string> = {};
    if (page < last) {
      const origin = S.foreignNext ? 'http://evil.example' : api;
      headers.link = `<${origin}/repos/acme/ml/issues/7/comments?per_page=${per}&page=${page + 1}>; rel="next", <${api}/repos/acme/ml/issues/7/comments?per_page=${per}&page=${last}>; rel="last"`;
    }
    return send(res, 200, items, headers);
  }
  if (m && req.method === 'POST') {
    const c: Comment = { id: S.nextId++, body: body.body, user: { login }, html_url: `https://github.com/acme/ml/pull/7#issuecomment-${S.nextId}` };
    S.comments.push(c);
    return send(res, 201, c);
  }
  m = url.pathname.match(/^\/repos\/acme\/ml\/issues\/comments\/(\d+)$/);
  if (m && req.method === 'PATCH') {
    const c = S.comments.find((x) => x.id === Number(m![1]));
    if (!c) return send(res, 404, { message: 'Not Found' });
    if (c.user.login !== login) return send(res, 403, { message: 'not the author' });
    c.body = body.body;
    return send(res, 200, c);
  }
  if (url.pathname === '/repos/acme/ml/check-runs' && req.method === 'POST') {
    if (S.refuseChecks) return send(res, 403, { message: 'Resource not accessible by integration' });
    const ann = body.output?.annotations ?? [];
    if (ann.length > 50) return send(res, 422, { message: 'Only 50 annotations per request' });
    const id = S.nextId++;
    S.checkRuns.set(id, { name: body.name, head_sha: body.head_sha, conclusion: body.conclusion, output: body.output, annotations: [...ann] });
    return send(res, 201, { id });
  }
  m = url.pathname.match(/^\/repos\/acme\/ml\/check-runs\/(\d+)$/);
  if (m && req.method === 'PATCH') {
    if (S.refusePatchCheck) return send(res, 500, { message: 'boom' });
    const run = S.checkRuns.get(Number(m[1]));
    if (!run) return send(res, 404, { message: 'Not Found' });
    const ann = body.output?.annotations ?? [];
    if (ann.length > 50) return send(res, 422, { message: 'Only 50 annotations per request' });
    if (!body.output?.title || !body.output?.summary) return send(res, 422, { message: 'output needs title and summary' });
    run.annotations.push(...ann);
    return send(res, 200, { id: run });
  }
  return send(res, 404, { message: 'Not Found' });
}

before(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { message: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  Object.assign(S, { comments: [], requests: [], refuseWrites: 0, refusePatchCheck: false, refuseChecks: false, hang: false, pageSize: 100, foreignNext: false });
  S.checkRuns.clear();
});

function logger() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (m: string) => warnings.push(m) } };
}
const base = (token: string) => ({ apiUrl: api, graphqlUrl: `${api}/graphql`, token, repo: 'acme/ml', timeoutMs: 2000 });

test('graphql URL derivation for github.com and GHES', () => {
  assert.equal(graphqlUrlFor('https://api.github.com'), 'https://api.github.com/graphql');
  assert.equal(graphqlUrlFor('https://ghe.example.com/api/v3/'), 'https://ghe.example.com/api/graphql');
});

test('viewer login: the token\'s own login, or github-actions[bot] when the query is refused', async () => {
  assert.equal(await viewerLogin(base('app-token')), 'model-gate-app[bot]');
  assert.equal(await viewerLogin(base('gh-token')), FALLBACK_LOGIN);
  assert.equal(await viewerLogin({ ...base('gh-token'), graphqlUrl: 'http://127.0.0.1:1/graphql' }), FALLBACK_LOGIN);
});

test('the comment is created once, then edited in place (never a second one)', async () => {
  const { log, warnings } = logger();
  const body1 = renderComment(failReport(), { id: 'credit', runUrl: 'https://github.com/acme/ml/actions/runs/1' });
  const r1 = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: body1 });
  assert.deepEqual([r1.ok, r1.action], [true, 'created']);
  assert.equal(S.comments.length, 1);
  assert.equal(S.comments[0].user.login, 'github-actions[bot]');
  assert.ok(S.comments[0].body.startsWith('<!-- model-gate:credit -->\n'));
  const body2 = renderComment(passReport(), { id: 'credit', runUrl: 'https://github.com/acme/ml/actions/runs/2' });
  const r2 = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: body2 });
  assert.deepEqual([r2.ok, r2.action, r2.commentId], [true, 'updated', r1.commentId]);
  assert.equal(S.comments.length, 1);
  assert.equal(S.comments[0].body, body2);
  // another gate id in the same pull request gets its own comment
  const r3 = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'vision', body: 'x' });
  assert.equal(r3.action, 'created');
  assert.equal(S.comments.length, 2);
  assert.ok(S.comments[1].body.startsWith(`${commentMarker('vision')}\n`), 'the marker is added when missing');
  assert.deepEqual(warnings, []);
});

test('a look-alike comment by another user is left alone', async () => {
  const { log } = logger();
  S.comments.push({ id: 1, body: `${commentMarker('credit')}\nI am the gate, trust me: PASS`, user: { login: 'mallory' }, html_url: '' });
  S.comments.push({ id: 2, body: `quoting: ${commentMarker('credit')}`, user: { login: 'github-actions[bot]' }, html_url: '' });
  const r = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'real' });
  assert.equal(r.action, 'created');
  const again = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'real 2' });
  assert.deepEqual([again.action, again.commentId], ['updated', r.commentId]);
  assert.equal(S.comments.find((c) => c.id === 1)!.body, `${commentMarker('credit')}\nI am the gate, trust me: PASS`);
  assert.equal(S.comments.find((c) => c.id === 2)!.body, `quoting: ${commentMarker('credit')}`);
  assert.equal(S.comments.length, 3);
  assert.ok(!S.requests.some((q) => q.method === 'PATCH' && /comments\/(1|2)$/.test(q.path)), 'never tried to edit them');
});

test('with a token whose viewer query works, only that login\'s comment counts', async () => {
  const { log } = logger();
  S.comments.push({ id: 5, body: `${commentMarker('credit')}\nold`, user: { login: 'github-actions[bot]' }, html_url: '' });
  const r = await publishComment({ ...base('app-token'), log, issueNumber: 7, id: 'credit', body: 'new' });
  assert.equal(r.action, 'created');
  assert.equal(S.comments.at(-1)!.user.login, 'model-gate-app[bot]');
  assert.ok(S.requests.some((q) => q.path === '/graphql'));
});

test('the viewer query failing falls back to github-actions[bot] and still finds the comment', async () => {
  const { log } = logger();
  S.comments.push({ id: 9, body: `${commentMarker('credit')}\r\nold`, user: { login: 'github-actions[bot]' }, html_url: '' });
  const r = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'new' });
  assert.deepEqual([r.action, r.commentId], ['updated', 9]);
  assert.equal(S.requests.filter((q) => q.path === '/graphql').length, 1);
});

test('comments are paginated: our comment on page 3 of 250 is found and edited', async () => {
  const { log } = logger();
  for (let i = 0; i < 249; i++) S.comments.push({ id: i + 1, body: `c${i}`, user: { login: i % 2 ? 'alice' : 'github-actions[bot]' }, html_url: '' });
  S.comments.push({ id: 777, body: `${commentMarker('credit')}\nold`, user: { login: 'github-actions[bot]' }, html_url: '' });
  const r = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'new' });
  assert.deepEqual([r.action, r.commentId], ['updated', 777]);
  const gets = S.requests.filter((q) => q.method === 'GET').map((q) => q.path);
  assert.deepEqual(gets, [
    '/repos/acme/ml/issues/7/comments?per_page=100',
    '/repos/acme/ml/issues/7/comments?per_page=100&page=2',
    '/repos/acme/ml/issues/7/comments?per_page=100&page=3',
  ]);
});

test('a next link to another origin is not followed', async () => {
  assert.equal(nextLink('<http://evil.example/x?page=2>; rel="next"', api), null);
  assert.equal(nextLink(`<${api}/x?page=2>; rel="next"`, api), `${api}/x?page=2`);
  const { log } = logger();
  for (let i = 0; i < 150; i++) S.comments.push({ id: i + 1, body: 'x', user: { login: 'alice' }, html_url: '' });
  S.foreignNext = true;
  await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'b' });
  assert.equal(S.requests.filter((q) => q.method === 'GET').length, 1);
});

for (const status of [403, 404, 500] as const) {
  test(`HTTP ${status} on the comment: a warning, ok false, no throw`, async () => {
    const { log, warnings } = logger();
    S.refuseWrites = status;
    const r = await publishComment({ ...base('gh-token'), log, issueNumber: 7, id: 'credit', body: 'b' });
    assert.deepEqual([r.ok, r.action], [false, 'failed']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`HTTP ${status} `));
    assert.match(warnings[0], /The verdict is not affected/);
    if (status !== 500) assert.match(warnings[0], /pull-requests: write/);
    assert.ok(!warnings[0].includes('gh-token'), 'the token is never logged');
  });
}

test('a server that never answers: time-out, a warning, no throw', async () => {
  const { log, warnings } = logger();
  S.hang = true;
  const t0 = Date.now();
  const r = await publishComment({ ...base('gh-token'), timeoutMs: 300, log, issueNumber: 7, id: 'credit', body: 'b', login: 'github-actions[bot]' });
  assert.equal(r.ok, false);
  assert.ok(Date.now() - t0 < 3000);
  assert.match(warnings[0], /no answer within 300 ms/);
  const ok = await publishCheckRun({ ...base('gh-token'), timeoutMs: 300, log, headSha: 'a'.repeat(40), name: 'model-gate/credit', conclusion: 'success', title: 't', summary: 's', annotations: [] });
  assert.equal(ok, false);
});

test('invalid inputs are refused without a request', async () => {
  const { log, warnings } = logger();
  assert.equal((await publishComment({ ...base('gh-token'), repo: 'acme/ml/../x', log, issueNumber: 7, id: 'c', body: 'b' })).ok, false);
  assert.equal(await publishCheckRun({ ...base('gh-token'), log, headSha: 'main', name: 'n', conclusion: 'success', title: 't', summary: 's', annotations: [] }), false);
  assert.equal(S.requests.length, 0);
  assert.equal(warnings.length, 2);
});

function anns(n: number): Annotation[] {
  return Array.from({ length: n }, (_, i) => ({ level: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'notice', message: `m${i}`, title: `t${i}`, file: 'p.yml', line: i + 1, col: 2, rule: 'r', priority: i }));
}

test('check run: created with the first 50 annotations, then PATCHed with the rest (51 → 2 requests)', async () => {
  const { log, warnings } = logger();
  const ok = await publishCheckRun({ ...base('gh-token'), log, headSha: 'a'.repeat(40), name: 'model-gate/credit', conclusion: 'failure', title: 'FAIL', summary: '# x', annotations: anns(51) });
  assert.equal(ok, true);
  assert.deepEqual(warnings, []);
  const writes = S.requests.filter((q) => q.method !== 'GET');
  assert.equal(writes.length, 2);
  assert.equal(writes[0].method, 'POST');
  assert.equal(writes[0].body.output.annotations.length, 50);
  assert.deepEqual([writes[0].body.name, writes[0].body.head_sha, writes[0].body.status, writes[0].body.conclusion], ['model-gate/credit', 'a'.repeat(40), 'completed', 'failure']);
  assert.equal(writes[1].method, 'PATCH');
  assert.equal(writes[1].body.output.annotations.length, 1);
  const run = [...S.checkRuns.values()][0];
  assert.equal(run.annotations.length, 51);
  assert.deepEqual(run.annotations[0], { path: 'p.yml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm0', title: 't0', start_column: 2, end_column: 2 });
  assert.equal(run.annotations[1].annotation_level, 'warning');
  assert.equal(run.annotations[2].annotation_level, 'notice');
});

test('check run from a real report: every positioned annotation, conclusion from the verdict', async () => {
  const { log } = logger();
  const r = failReport();
  const all = annotationsFor(r);
  const ok = await publishCheckRun({ ...base('gh-token'), log, headSha: 'b'.repeat(40), name: 'model-gate/credit', conclusion: checkConclusion(r), title: 'FAIL', summary: 's', annotations: all });
  assert.equal(ok, true);
  const run = [...S.checkRuns.values()][0];
  assert.equal(run.conclusion, 'failure');
  assert.equal(run.annotations.length, all.filter((a) => a.file).length);
  assert.equal(checkAnnotations(all).length, run.annotations.length);
});

test('check run: 403 on create or a failed PATCH → false and a warning (caller falls back)', async () => {
  let { log, warnings } = logger();
  S.refuseWrites = 403;
  assert.equal(await publishCheckRun({ ...base('gh-token'), log, headSha: 'a'.repeat(40), name: 'n', conclusion: 'success', title: 't', summary: 's', annotations: anns(3) }), false);
  assert.match(warnings[0], /HTTP 403 .*checks: write/);
  ({ log, warnings } = logger());
  S.refuseWrites = 0;
  S.refusePatchCheck = true;
  assert.equal(await publishCheckRun({ ...base('gh-token'), log, headSha: 'a'.repeat(40), name: 'n', conclusion: 'success', title: 't', summary: 's', annotations: anns(120) }), false);
  assert.match(warnings[0], /annotations 51-100 failed: HTTP 500/);
});

test('check conclusion: success, failure, and neutral only for threshold failures in advisory mode', () => {
  assert.equal(checkConclusion(passReport()), 'success');
  const f = failReport();
  assert.equal(checkConclusion(f), 'failure');
  f.mode = 'advisory';
  assert.equal(checkConclusion(f), 'failure', 'a loosened policy with a model change always fails');
  f.failed_gates = ['robustness'];
  assert.equal(checkConclusion(f), 'neutral');
  f.failed_gates = ['signature'];
  assert.equal(checkConclusion(f), 'failure');
});

test('publishReport: summary, check run (no log annotations), comment; on 403 the log annotations instead', async () => {
  const { publishReport } = await import('../../src/report/publish.ts');
  const out: { summary: string[]; lines: string[]; warnings: string[] } = { summary: [], lines: [], warnings: [] };
  const io = {
    writeSummary: (m: string) => void out.summary.push(m),
    writeLine: (l: string) => void out.lines.push(l),
    warn: (m: string) => void out.warnings.push(m),
  };
  const api = { apiUrl: api_(), graphqlUrl: `${api_()}/graphql`, token: 'gh-token', repo: 'acme/ml', timeoutMs: 2000 };
  const r1 = await publishReport(failReport(), { id: 'credit', runUrl: 'https://github.com/acme/ml/actions/runs/3', api, headSha: 'c'.repeat(40), pullRequest: 7, ...io });
  assert.deepEqual([r1.checkRun, r1.workflowAnnotations, r1.comment?.action], [true, 0, 'created']);
  assert.equal(out.lines.length, 0);
  assert.ok(out.summary[0].startsWith('# ❌ model-gate `credit`: FAIL'));
  const run = [...S.checkRuns.values()][0];
  assert.equal(run.name, 'model-gate/credit');
  assert.ok(run.output.summary.startsWith('### ❌ model-gate `credit`: FAIL'));
  // second run, no checks permission: the comment is still edited in place, annotations go to the log
  S.refuseChecks = true;
  const r2 = await publishReport(failReport(), { id: 'credit', api, headSha: 'c'.repeat(40), pullRequest: 7, ...io });
  assert.deepEqual([r2.checkRun, r2.comment?.action], [false, 'updated']);
  assert.match(out.warnings.join('\n'), /could not publish the check run: creating the check run failed: HTTP 403 .*checks: write/);
  assert.ok(r2.workflowAnnotations > 0 && out.lines.every((l) => /^::(error|warning|notice) /.test(l)));
  assert.equal(S.comments.length, 1);
  // no API at all (e.g. CLI-like use or no token): summary + log annotations
  out.lines.length = 0;
  const r3 = await publishReport(passReport(), { id: 'credit', ...io });
  assert.deepEqual([r3.checkRun, r3.comment], [false, null]);
});
