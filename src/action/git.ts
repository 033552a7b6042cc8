import path from 'node:path';
import { GateError } from '../errors.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import { run } from '../util/child.ts';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

async function git(cwd: string, args: string[]) {
  return run('git', ['-c', 'core.quotePath=false', ...args], { cwd });
}

export async function repoRoot(dir: string): Promise<string | null> {
  const r = await git(dir, ['rev-parse', '--show-toplevel']);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/**
 * Trusted files from a commit (`git show <sha>:<path>`), for pull requests: the policy and every trust file it
 * names come from the base commit, never from the pull request's tree. Paths are workspace-relative POSIX paths.
 */
export async function commitFiles(workspace: string, sha: string): Promise<TrustedFiles> {
  if (!SHA.test(sha)) throw new GateError('git.sha', `not a commit id: ${JSON.stringify(sha)}`);
  const root = await repoRoot(workspace);
  if (!root) throw new GateError('git.repo', `${workspace} is not a git checkout: the base commit's policy cannot be read (use policy-source: head outside pull requests)`);
  const has = await git(root, ['cat-file', '-e', `${sha}^{commit}`]);
  if (has.code !== 0) {
    throw new GateError(
      'git.shallow',
      `the base commit ${sha.slice(0, 12)} is not in the checkout, so the trusted policy cannot be read from it: set fetch-depth: 0 on actions/checkout`,
    );
  }
  const prefix = path.relative(root, path.resolve(workspace)).split(path.sep).join('/');
  /** The repository-relative path of a workspace-relative one (refused when it leaves the repository). */
  const inRepo = (rel: string) => {
    const full = path.posix.normalize(prefix ? `${prefix}/${rel}` : rel);
    if (full.startsWith('../') || full === '..' || path.posix.isAbsolute(full)) {
      throw new GateError('path.escape', `trusted file "${rel}" leaves the repository`);
    }
    return full;
  };
  const spec = (rel: string) => `${sha}:${inRepo(rel)}`;
  return {
    source: 'base',
    async read(rel) {
      const r = await git(root, ['show', spec(rel)]);
      if (r.code !== 0) throw new GateError('trusted.missing', `${rel} does not exist at the base commit ${sha.slice(0, 12)}`);
      return r.stdout;
    },
    async exists(rel) {
      const r = await git(root, ['cat-file', '-e', spec(rel)]);
      return r.code === 0;
    },
    async list(dirRel) {
      // Regular files only (modes 100644 / 100755): a symlink or submodule in the commit is not a file to verify.
      const full = inRepo(dirRel).replace(/\/+$/, '');
      const r = await git(root, ['ls-tree', '-r', '-z', '--full-tree', sha, '--', `${full}/`]);
      if (r.code !== 0) throw new GateError('trusted.missing', `${dirRel} cannot be listed at the base commit ${sha.slice(0, 12)}`);
      const out: string[] = [];
      for (const entry of r.stdout.toString('utf8').split('\0')) {
        const m = /^(100644|100755) blob [0-9a-f]+\t(.+)$/s.exec(entry);
        if (!m) continue;
        out.push(prefix ? path.posix.relative(prefix, m[2]) : m[2]);
      }
      return out.sort();
    },
  };
}

/** Files changed between two commits (`git diff --name-only`), workspace-relative; null when it cannot be computed. */
export async function changedFiles(workspace: string, base: string, head: string | null): Promise<Set<string> | null> {
  if (!SHA.test(base) || (head !== null && !SHA.test(head))) return null;
  const root = await repoRoot(workspace);
  if (!root) return null;
  // The event's head commit, else the checked-out HEAD (e.g. a pull request's merge commit).
  let r = head ? await git(root, ['diff', '--name-only', '-z', '--no-renames', base, head]) : null;
  if (!r || r.code !== 0) r = await git(root, ['diff', '--name-only', '-z', '--no-renames', base, 'HEAD']);
  if (r.code !== 0) return null;
  const prefix = path.relative(root, path.resolve(workspace)).split(path.sep).join('/');
  const out = new Set<string>();
  for (const f of r.stdout.toString('utf8').split('\0')) {
    if (!f) continue;
    if (!prefix) out.add(f);
    else if (f.startsWith(prefix + '/')) out.add(f.slice(prefix.length + 1));
  }
  return out;
}
