import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GateError } from '../errors.ts';
import type { TrustedFiles } from '../types/trusted.ts';

/** TrustedFiles over the working tree (CLI use): paths are relative to `root`. */
export class FsTrustedFiles implements TrustedFiles {
  readonly source = 'working-tree' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async read(relPath: string): Promise<Buffer> {
    const abs = path.resolve(this.root, relPath);
    try {
      return await readFile(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new GateError('trusted.missing', `${relPath} cannot be read (${code ?? (e as Error).message}): check the path`, { kind: 'error' });
    }
  }

  async exists(relPath: string): Promise<boolean> {
    try {
      await access(path.resolve(this.root, relPath));
      return true;
    } catch {
      return false;
    }
  }
}
