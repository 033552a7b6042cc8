import { accessSync, constants, openSync, writeSync, closeSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../errors.ts';

const DEFAULT_WHERE = 'the workspace and RUNNER_TEMP';

function symlinkError(what: string, file: string): GateError {
  return new GateError('output.symlink', `${what} ${file} is a symlink: model-gate never writes through symlinks; remove it or choose another path`);
}

function outsideError(what: string, file: string, where: string): GateError {
  return new GateError('output.outside', `${what} ${file} is outside ${where} (after resolving symlinks): write it under one of them`);
}

/** Whether `real` (a path with every symlink resolved) is one of the roots or below one. */
function insideRoots(real: string, allowedRoots: string[]): boolean {
  return allowedRoots.some((r) => {
    let root: string;
    try {
      root = realpathSync(r);
    } catch {
      return false;
    }
    const rel = path.relative(root, real);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
  });
}

/**
 * Checks an output path without touching the file system: it must not be a symlink, and its folder, once the
 * nearest existing ancestor is resolved through its symlinks and the missing folders are added back, must lie in
 * one of `allowedRoots`. Returns the absolute path. Used before anything is created (and by the CLI before it runs
 * the gate, so that a bad path fails at once).
 */
export function checkOutputPath(file: string, allowedRoots: string[], what: string, where = DEFAULT_WHERE, opts: OutputOptions = {}): string {
  const abs = path.resolve(file);
  try {
    if (lstatSync(abs).isSymbolicLink()) throw symlinkError(what, file);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  // The nearest ancestor that exists (lstat: a dangling symlink exists, and then cannot be resolved below).
  let existing = path.dirname(abs);
  const missing: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const up = path.dirname(existing);
      if (up === existing) break;
      missing.unshift(path.basename(existing));
      existing = up;
    }
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw outsideError(what, file, where); // a dangling symlink or an unreadable folder: nowhere we can vouch for
  }
  const resolved = path.join(real, ...missing);
  if (!insideRoots(resolved, allowedRoots) && !(opts.literalAnywhere && resolved === path.dirname(abs))) throw outsideError(what, file, where);
  checkWritable(abs, real, missing.length > 0, what, file);
  return abs;
}

/**
 * What would make the write fail later (after a long run): the path is a folder, or its nearest existing folder
 * (`real`, symlinks resolved) is a file or not writable, so the missing folders cannot be made there.
 */
function checkWritable(abs: string, real: string, missing: boolean, what: string, file: string): void {
  try {
    if (statSync(abs).isDirectory()) throw new GateError('output.write', `${what} ${file} is a folder: give the path of a file`);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  const dir = path.dirname(abs);
  let isDir = false;
  try {
    isDir = statSync(real).isDirectory();
  } catch {
    // unreadable: the access check below names it
  }
  if (!isDir) throw new GateError('output.write', `${what} ${file}: ${real} is not a folder, so ${missing ? `the folder ${dir} cannot be made` : 'nothing can be written in it'}: choose another path`);
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new GateError('output.write', `${what} ${file}: ${missing ? `the folder ${dir} does not exist and cannot be made in ${real}` : `cannot write in ${real}`} (${code}): create it, or choose a folder you can write to`);
  }
}

export interface OutputOptions {
  /**
   * The CLI: a path its user typed may lie anywhere as long as no symlink is on the way (the resolved path is the
   * literal one); only a path that a symlink redirects must resolve inside the roots. A workspace a pull request
   * wrote can plant a symlinked folder, not change the path typed on the command line.
   */
  literalAnywhere?: boolean;
}

/**
 * Writes an output file without ever following a symlink: an existing symlink at the path is refused, the parent
 * folder must resolve inside one of `allowedRoots` (checked BEFORE any missing folder is created, and again after),
 * and the file is opened with O_NOFOLLOW. `where` names the roots in the refusal.
 */
export function writeOutputFile(file: string, content: string | Uint8Array, allowedRoots: string[], what: string, where = DEFAULT_WHERE, opts: OutputOptions = {}): void {
  const abs = checkOutputPath(file, allowedRoots, what, where, opts);
  const dir = path.dirname(abs);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new GateError('output.write', `cannot write ${what} ${file}: ${(e as Error).message}`);
  }
  // Again with the folders made: nothing may have moved in between.
  const realDir = realpathSync(dir);
  if (!insideRoots(realDir, allowedRoots) && !(opts.literalAnywhere && realDir === dir)) throw outsideError(what, file, where);
  let fd: number;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw symlinkError(what, file);
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
