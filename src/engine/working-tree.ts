import { readFile, stat } from 'node:fs/promises';
import { GateError } from '../errors.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import { resolveInside } from '../util/paths.ts';

/** Files from the working tree (no base commit, `policy-source: head`, or the CLI). */
export function workingTreeFiles(workspace: string, source: TrustedFiles['source'] = 'working-tree'): TrustedFiles {
  return {
    source,
    async read(rel) {
      const { abs } = resolveInside(workspace, workspace, rel, 'file');
      try {
        return await readFile(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new GateError('trusted.missing', code === 'ENOENT' ? `${rel} does not exist` : `cannot read ${rel}: ${(e as Error).message}`);
      }
    },
    async exists(rel) {
      try {
        const { abs } = resolveInside(workspace, workspace, rel, 'file');
        await stat(abs);
        return true;
      } catch {
        return false;
      }
    },
  };
}
