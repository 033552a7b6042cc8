import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GateError } from '../errors.ts';
import { pinHex, sha256Hex } from './hash.ts';

/**
 * What a signature (or a sha256 pin) vouches for: the expected content of each file of the signed subject.
 *
 * The rule this serves: only verified bytes are ever executed. Every file onnxruntime reads for a model is read ONCE
 * into memory and hashed from those very bytes — the graph by src/model/file.ts `readModelFile`, each external-data
 * file by `readVerified` — and compared with what the signature vouched for (`checkVerified`, in src/model/load.ts);
 * the session is then created from the bytes (external data passed in memory), never from a path, so no file is read
 * that was not hashed and nothing depends on the working directory.
 */
export interface ExpectedContent {
  /** SHA-256 of the whole file (hex). */
  sha256?: string;
  /** Or: the digests of consecutive byte ranges (OpenSSF model signing `shards` serialization). */
  shards?: { start: number; end: number; sha256: string }[];
}

export interface VerifiedSubject {
  /** Absolute path of the subject (a file or a folder). */
  abs: string;
  /** What vouches for it, for messages: e.g. `the signature model/model.sig`, `the pin in model-gate.yml`. */
  by: string;
  /** Subject-relative POSIX path (`.` for a one-file subject) -> expected content. */
  files: ReadonlyMap<string, ExpectedContent>;
}

export interface VerifiedBytes {
  bytes: Buffer;
  /** SHA-256 (hex) of `bytes`. */
  sha256: string;
}

/** The subject-relative POSIX key of `abs` (`.` when it is the subject itself), or null when it lies outside. */
export function subjectKey(subject: VerifiedSubject, abs: string): string | null {
  const rel = path.relative(subject.abs, abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * Reads `abs` once and checks its bytes against `subject` (when given). `display` names the file in messages
 * (workspace-relative). A file the subject does not cover, or whose bytes differ from what was verified (it changed
 * after verification), is a failure (GateError kind `fail`), never a silent load.
 */
export async function readVerified(abs: string, display: string, subject: VerifiedSubject | null, what = 'file'): Promise<VerifiedBytes> {
  if (subject) expectedFor(subject, abs, display, what);
  const bytes = await readFile(abs).catch((e) => {
    throw new GateError('model.unreadable', `${what} ${display} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): check the path, or that the training job committed it`);
  });
  const out = { bytes, sha256: sha256Hex(bytes) };
  if (subject) checkVerified(subject, abs, display, out, what);
  return out;
}

function expectedFor(subject: VerifiedSubject, abs: string, display: string, what: string): ExpectedContent {
  const key = subjectKey(subject, abs);
  const expected = key === null ? undefined : subject.files.get(key);
  if (!expected) {
    throw new GateError('signature.not-covered', `${what} ${display} is not covered by ${subject.by}: only verified bytes are executed; sign it (or remove it from ignore-paths)`, { kind: 'fail' });
  }
  return expected;
}

/** Checks bytes already read (and their sha256) against what `subject` vouches for at `abs`; throws a `fail`. */
export function checkVerified(subject: VerifiedSubject, abs: string, display: string, got: VerifiedBytes, what = 'file'): void {
  const expected = expectedFor(subject, abs, display, what);
  const changed = () =>
    new GateError('signature.changed', `${what} ${display} changed after ${subject.by} was verified (its bytes no longer match): nothing was executed; re-run on a checkout that nothing modifies`, { kind: 'fail' });
  const { bytes } = got;
  if (expected.sha256 !== undefined && expected.sha256.toLowerCase() !== got.sha256) throw changed();
  if (expected.shards) {
    let at = 0;
    for (const s of expected.shards) {
      if (s.start !== at || s.end > bytes.length || sha256Hex(bytes.subarray(s.start, s.end)) !== s.sha256.toLowerCase()) throw changed();
      at = s.end;
    }
    if (at !== bytes.length) throw changed();
  }
}

/** A one-file subject vouched for by a sha256 (a pin, or a signature over one file). */
export function singleFileSubject(abs: string, sha256: string, by: string): VerifiedSubject {
  return { abs, by, files: new Map([['.', { sha256: pinHex(sha256) }]]) };
}
