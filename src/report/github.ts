/**
 * Publishing to GitHub: the one living PR comment and the check run, through src/util/github-api.ts (`GITHUB_API_URL`;
 * no Octokit). Reporting never changes the
 * verdict: every failure (HTTP error, 403/404 on fork pull requests or missing permissions, time-out, bad JSON)
 * becomes ONE warning through `log.warn` and a `false`/`ok: false` result; nothing here throws.
 */
import { commentMarker } from './comment.ts';
import { truncate } from '../util/escape.ts';
import { apiBase, apiRequest, describeReply, nextLink, validRepo, type ApiReply } from '../util/github-api.ts';
import type { Annotation } from './annotations.ts';
import type { Report } from './types.ts';

export interface GitHubOptions {
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghe.example.com/api/v3 */
  apiUrl: string;
  /** `GITHUB_GRAPHQL_URL`; default derived from apiUrl. */
  graphqlUrl?: string;
  token: string;
  /** `owner/name` */
  repo: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  log?: { warn(message: string): void; info?(message: string): void };
}

export const FALLBACK_LOGIN = 'github-actions[bot]';

type Reply = ApiReply;

export function graphqlUrlFor(apiUrl: string): string {
  const base = apiBase(apiUrl);
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : `${base}/graphql`;
}

const request = apiRequest;
const describe = describeReply;

function hint(r: Reply, what: 'comment' | 'check'): string {
  if (r.status === 403 || r.status === 404) {
    return what === 'comment'
      ? ' (the token needs `pull-requests: write`; pull requests from forks get a read-only token)'
      : ' (the token needs `checks: write`; pull requests from forks get a read-only token)';
  }
  return '';
}

/** The token's own login (GraphQL `viewer`); `github-actions[bot]` when the query is not allowed (GITHUB_TOKEN). */
export async function viewerLogin(o: GitHubOptions): Promise<string> {
  const r = await request(o, 'POST', o.graphqlUrl ?? graphqlUrlFor(o.apiUrl), { query: 'query { viewer { login } }' });
  const login = (r.json as { data?: { viewer?: { login?: unknown } } } | null)?.data?.viewer?.login;
  if (r.ok && typeof login === 'string' && login) return login;
  return FALLBACK_LOGIN;
}

interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
  html_url?: string;
}

export interface CommentResult {
  ok: boolean;
  action: 'created' | 'updated' | 'failed';
  commentId?: number;
  url?: string;
}

/** Whether a comment is ours: the marker is its first line AND its author is the token's login. */
export function isOwnComment(c: IssueComment, marker: string, login: string): boolean {
  const first = (c.body ?? '').split('\n', 1)[0].replace(/\r$/, '').trim();
  return first === marker && (c.user?.login ?? '').toLowerCase() === login.toLowerCase();
}

/**
 * Creates or edits in place the comment of gate `id` on pull request `issueNumber`. Looks through all comments
 * (paginated) for the first one whose first line is the marker AND whose author is the token's login (GraphQL
 * `viewer`, falling back to `github-actions[bot]`); a look-alike comment by anyone else is never touched.
 */
export async function publishComment(
  o: GitHubOptions & { issueNumber: number; id: string; body: string; login?: string },
): Promise<CommentResult> {
  const warn = (m: string) => o.log?.warn(`model-gate: could not publish the pull-request comment: ${m}. The verdict is not affected.`);
  if (!validRepo(o.repo) || !Number.isInteger(o.issueNumber) || o.issueNumber <= 0) {
    warn(`invalid repository or pull request number (${o.repo}#${o.issueNumber})`);
    return { ok: false, action: 'failed' };
  }
  const marker = commentMarker(o.id);
  const body = o.body.startsWith(marker) ? o.body : `${marker}\n${o.body}`;
  const login = o.login ?? (await viewerLogin(o));
  const base = apiBase(o.apiUrl);
  let url: string | null = `${base}/repos/${o.repo}/issues/${o.issueNumber}/comments?per_page=100`;
  let existing: IssueComment | undefined;
  for (let page = 0; url && page < 100 && !existing; page++) {
    const r = await request(o, 'GET', url);
    if (!r.ok || !Array.isArray(r.json)) {
      warn(`listing comments failed: ${describe(r)}${hint(r, 'comment')}`);
      return { ok: false, action: 'failed' };
    }
    existing = (r.json as IssueComment[]).find((c) => c && typeof c.id === 'number' && isOwnComment(c, marker, login));
    url = nextLink(r.headers?.get('link') ?? null, base);
  }
  if (existing) {
    const r = await request(o, 'PATCH', `${base}/repos/${o.repo}/issues/comments/${existing.id}`, { body });
    if (r.ok) return { ok: true, action: 'updated', commentId: existing.id, url: (r.json as IssueComment | null)?.html_url };
    if (r.status !== 404) {
      warn(`editing comment ${existing.id} failed: ${describe(r)}${hint(r, 'comment')}`);
      return { ok: false, action: 'failed' };
    }
    // deleted in the meantime: create a new one
  }
  const r = await request(o, 'POST', `${base}/repos/${o.repo}/issues/${o.issueNumber}/comments`, { body });
  if (r.ok) {
    const c = r.json as IssueComment | null;
    return { ok: true, action: 'created', commentId: c?.id, url: c?.html_url };
  }
  warn(`creating the comment failed: ${describe(r)}${hint(r, 'comment')}`);
  return { ok: false, action: 'failed' };
}

export { nextLink };

// ---------------------------------------------------------------------------------------------------------------
// Check run

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/**
 * pass → success; error → failure; fail → failure, except in advisory mode when only gate thresholds failed
 * (signature, pins and a loosened policy always fail, docs/design.md §2) → neutral.
 */
export function checkConclusion(report: Report): CheckConclusion {
  if (report.verdict === 'pass') return 'success';
  if (report.verdict === 'error') return 'failure';
  const onlyGates = report.failed_gates.length > 0 && report.failed_gates.every((g) => g in report.gates);
  return report.mode === 'advisory' && onlyGates && report.signature.status !== 'failed' ? 'neutral' : 'failure';
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

/** Annotations with a file become Checks API annotations; the others are only in the summary. */
export function checkAnnotations(annotations: Annotation[]): CheckAnnotation[] {
  return annotations
    .filter((a) => a.file)
    .map((a) => {
      const line = a.line && a.line >= 1 ? Math.floor(a.line) : 1;
      const out: CheckAnnotation = {
        path: a.file!.replace(/\\/g, '/').replace(/^\.\//, ''),
        start_line: line,
        end_line: line,
        annotation_level: a.level === 'error' ? 'failure' : a.level,
        message: truncate(a.message, 60_000),
        title: truncate(a.title, 255),
      };
      if (a.line && a.col && a.col >= 1) {
        out.start_column = Math.floor(a.col);
        out.end_column = Math.floor(a.col);
      }
      return out;
    });
}

export const CHECK_TEXT_MAX = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;

/**
 * Creates the completed check run `name` (e.g. `model-gate/<id>`) on `headSha` with every annotation: the first
 * 50 with the create request, then one PATCH per further 50 (the Checks API limit). Returns false on ANY failed
 * request (the caller then writes workflow-command annotations instead); never throws.
 */
export async function publishCheckRun(
  o: GitHubOptions & {
    headSha: string;
    name: string;
    conclusion: CheckConclusion;
    title: string;
    summary: string;
    text?: string;
    annotations: Annotation[];
    detailsUrl?: string;
    completedAt?: string;
  },
): Promise<boolean> {
  const warn = (m: string) => o.log?.warn(`model-gate: could not publish the check run: ${m}. Annotations go to the log instead; the verdict is not affected.`);
  if (!validRepo(o.repo) || !/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(o.headSha)) {
    warn(`invalid repository or head SHA (${o.repo} ${o.headSha})`);
    return false;
  }
  const base = apiBase(o.apiUrl);
  const all = checkAnnotations(o.annotations);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < all.length; i += ANNOTATIONS_PER_REQUEST) batches.push(all.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (annotations: CheckAnnotation[] | undefined) => ({
    title: truncate(o.title, 255),
    summary: truncate(o.summary, CHECK_TEXT_MAX),
    ...(o.text ? { text: truncate(o.text, CHECK_TEXT_MAX) } : {}),
    ...(annotations && annotations.length ? { annotations } : {}),
  });
  const create: Record<string, unknown> = {
    name: o.name,
    head_sha: o.headSha,
    status: 'completed',
    conclusion: o.conclusion,
    completed_at: o.completedAt ?? new Date().toISOString(),
    output: output(batches[0]),
  };
  if (o.detailsUrl) create.details_url = o.detailsUrl;
  const r = await request(o, 'POST', `${base}/repos/${o.repo}/check-runs`, create);
  const id = (r.json as { id?: unknown } | null)?.id;
  if (!r.ok || typeof id !== 'number') {
    warn(`creating the check run failed: ${describe(r)}${hint(r, 'check')}`);
    return false;
  }
  for (let b = 1; b < batches.length; b++) {
    const p = await request(o, 'PATCH', `${base}/repos/${o.repo}/check-runs/${id}`, { output: output(batches[b]) });
    if (!p.ok) {
      warn(`adding annotations ${b * ANNOTATIONS_PER_REQUEST + 1}-${b * ANNOTATIONS_PER_REQUEST + batches[b].length} failed: ${describe(p)}${hint(p, 'check')}`);
      return false;
    }
  }
  return true;
}
