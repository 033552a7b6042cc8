import { realpathSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { GateError, type Where } from '../errors.ts';

/**
 * Resolves a policy path against `base` (the working directory) and checks that it stays inside `workspace`:
 * no absolute paths, no `..` that leaves it, and no symlink (anywhere on the path) that points outside.
 * Returns the absolute path and the workspace-relative POSIX path.
 */
export function resolveInside(
  workspace: string,
  base: string,
  rel: string,
  what: string,
  where?: Where,
): { abs: string; rel: string } {
  const fail = (problem: string): never => {
    throw new GateError('path.escape', `${what} "${rel}" ${problem}: use a path relative to the working directory, inside the workspace`, { where });
  };
  if (typeof rel !== 'string' || rel.length === 0) fail('is empty');
  if (rel.includes('\0')) fail('contains a NUL byte');
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith('\\')) fail('is absolute');
  const wsReal = realOrSelf(workspace);
  const abs = path.resolve(base, rel);
  const relToWs = path.relative(path.resolve(workspace), abs);
  if (relToWs === '..' || relToWs.startsWith('..' + path.sep) || path.isAbsolute(relToWs)) fail('leaves the workspace');
  // Follow symlinks of the longest existing prefix: the real location must stay inside the workspace too.
  let probe = abs;
  for (;;) {
    try {
      lstatSync(probe);
      break;
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
  }
  // Nothing of the path exists, not even the workspace: say so (its nearest existing ancestor is no symlink target).
  const probeRel = path.relative(path.resolve(workspace), probe);
  if (probeRel === '..' || probeRel.startsWith('..' + path.sep) || path.isAbsolute(probeRel)) {
    throw new GateError('path.workspace', `the workspace ${workspace} does not exist (looking for ${what} "${rel}"): run in the repository's folder or give the right workspace`, { where });
  }
  const real = realOrSelf(probe);
  const realRel = path.relative(wsReal, real);
  if (realRel === '..' || realRel.startsWith('..' + path.sep) || path.isAbsolute(realRel)) fail('resolves through a symlink to a place outside the workspace');
  return { abs, rel: relToWs.split(path.sep).join('/') || '.' };
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Workspace-relative POSIX form of an absolute path (for messages and annotations). */
export function toPosixRel(workspace: string, abs: string): string {
  return path.relative(workspace, abs).split(path.sep).join('/') || '.';
}
