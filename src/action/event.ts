import { readFileSync } from 'node:fs';
import { GateError } from '../errors.ts';

/** What the run compares against (docs/design.md §2). */
export interface EventContext {
  name: string;
  /** Base commit (trusted policy, diffs), or null when there is none. */
  base: string | null;
  /** Head commit that annotations and the check run attach to. */
  head: string | null;
  /** Pull request number (for the comment), if any. */
  pullRequest: number | null;
  /** True for events where the code under test comes from an untrusted pull request. */
  isPullRequest: boolean;
}

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function sha(v: unknown): string | null {
  return typeof v === 'string' && SHA.test(v) && !ZERO.test(v) ? v : null;
}

/**
 * Resolves base and head from the event name and payload. `pull_request_target` runs with the base repository's
 * secrets and write token while checking out code from the pull request: refused unless explicitly allowed.
 */
export function resolveEvent(name: string, payload: Record<string, any> | null, env: { sha?: string }, allowPullRequestTarget: boolean): EventContext {
  const p = payload ?? {};
  switch (name) {
    case 'pull_request_target':
      if (!allowPullRequestTarget) {
        throw new GateError(
          'event.pull-request-target',
          'refusing to run on pull_request_target: that event runs with write access and secrets while the checked-out code can come from the pull request, so a malicious pull request could take over the gate. Use on: pull_request, or set allow-pull-request-target: true if you understand the risk',
        );
      }
      return pullRequestContext(name, p, env);
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_review_comment':
      return pullRequestContext(name, p, env);
    case 'merge_group': {
      const mg = p.merge_group ?? {};
      return { name, base: sha(mg.base_sha), head: sha(mg.head_sha) ?? sha(env.sha), pullRequest: null, isPullRequest: true };
    }
    case 'push':
      // `before` is all zeros on a new branch: no base.
      return { name, base: sha(p.before), head: sha(p.after) ?? sha(env.sha), pullRequest: null, isPullRequest: false };
    default:
      // workflow_dispatch, schedule, and anything without a payload: no base, the policy from the working tree.
      return { name: name || 'none', base: null, head: sha(env.sha), pullRequest: null, isPullRequest: false };
  }
}

function pullRequestContext(name: string, p: Record<string, any>, env: { sha?: string }): EventContext {
  const pr = p.pull_request ?? {};
  return {
    name,
    base: sha(pr.base?.sha),
    head: sha(pr.head?.sha) ?? sha(env.sha),
    pullRequest: typeof pr.number === 'number' ? pr.number : typeof p.number === 'number' ? p.number : null,
    isPullRequest: true,
  };
}

export function readEventPayload(file: string | undefined): Record<string, any> | null {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const what = e instanceof SyntaxError ? `is not valid JSON (${e.message})` : `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    throw new GateError('event.payload', `the event payload ${file} (GITHUB_EVENT_PATH) ${what}: run model-gate as a step of a GitHub Actions job, which writes the payload`, { cause: e });
  }
}
