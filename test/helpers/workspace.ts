import { mkdtempSync, mkdirSync, writeFileSync, rmSync, copyFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const ROOT = path.resolve(FIXTURES, '../..');

/** A temporary workspace with the given files (content, or `{ copy: absolute path }`). */
export function makeWorkspace(files: Record<string, string | Uint8Array | { copy: string }>): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-ws-')));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'object' && !(content instanceof Uint8Array) && 'copy' in content) copyFileSync(content.copy, abs);
    else writeFileSync(abs, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const quietLog = { info: () => undefined, warn: () => undefined };
