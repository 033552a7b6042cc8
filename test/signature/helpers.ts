import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A model folder whose names sort differently component-wise than as plain strings, with an empty file and a .git
 * folder (which the manifest always leaves out); `extra` files (name -> content) are added.
 */
export function writeOrderingModel(dir: string, extra: Record<string, string> = {}): void {
  mkdirSync(path.join(dir, 'a'), { recursive: true });
  writeFileSync(path.join(dir, 'a/b'), 'inside a');
  writeFileSync(path.join(dir, 'a-b'), 'dash');
  writeFileSync(path.join(dir, 'a.txt'), 'dot');
  writeFileSync(path.join(dir, 'empty'), '');
  writeFileSync(path.join(dir, 'model.onnx'), Buffer.alloc(2500, 7));
  for (const [name, content] of Object.entries(extra)) writeFileSync(path.join(dir, name), content);
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main');
}
