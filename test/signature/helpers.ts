import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const CONFORMANCE = path.join(FIXTURES, 'sigstore-conformance/bundle-verify');
export const MODEL_SIGNING = path.join(FIXTURES, 'model-signing');

/** Captures a command's output. */
export function captureIO() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => ((out.stdout += s), true) },
      stderr: { write: (s: string) => ((out.stderr += s), true) },
    },
  };
}

/** A fresh temporary directory (removed by the returned cleanup). */
export function tempDir(prefix = 'mg-sig-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture folder into a temp workspace (tests mutate only the copy). */
export function copyFixture(src: string, dest: string): void {
  cpSync(src, dest, { recursive: true });
}
