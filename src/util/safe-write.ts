import { constants, openSync, writeSync, closeSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../errors.ts';

/**
 * Writes an output file without ever following a symlink: an existing symlink at the path is refused, the parent
 * folder must resolve inside one of `allowedRoots`, and the file is opened with O_NOFOLLOW.
 */
export function writeOutputFile(file: string, content: string | Uint8Array, allowedRoots: string[], what: string): void {
  const abs = path.resolve(file);
  try {
    if (lstatSync(abs).isSymbolicLink()) {
      throw new GateError('output.symlink', `${what} ${file} is a symlink: model-gate never writes through symlinks; remove it or choose another path`);
    }
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  const dir = path.dirname(abs);
  mkdirSync(dir, { recursive: true });
  const realDir = realpathSync(dir);
  const inside = allowedRoots.some((r) => {
    let root: string;
    try {
      root = realpathSync(r);
    } catch {
      return false;
    }
    const rel = path.relative(root, realDir);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
  if (!inside) {
    throw new GateError('output.outside', `${what} ${file} is outside the workspace and RUNNER_TEMP (after resolving symlinks): write it under one of them`);
  }
  let fd: number;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new GateError('output.symlink', `${what} ${file} is a symlink: model-gate never writes through symlinks; remove it or choose another path`);
    throw new GateError('output.write', `cannot write ${what} ${file}: ${(e as Error).message}`);
  }
  try {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}
