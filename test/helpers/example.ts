import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './workspace.ts';

/** A fresh copy of the shipped example (examples/credit) in a temporary folder. */
export function copyExample(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-example-')));
  cpSync(path.join(ROOT, 'examples/credit'), dir, { recursive: true });
  return dir;
}
