/**
 * Reading a model file to execute it: the target model and the reference models alike. The bytes are read ONCE; the
 * same buffer is hashed, checked (against the pin here, or against the signature subject by loadModel through
 * util/verified.ts) and executed, so no byte runs that was not checked (see util/verified.ts).
 */
import { readFile } from 'node:fs/promises';
import { GateError, type Where } from '../errors.ts';
import { pinHex, sha256Hex } from '../util/hash.ts';
import { isLfsPointer } from '../util/lfs.ts';

export interface ModelFile {
  abs: string;
  /** Workspace-relative. */
  rel: string;
  bytes: Buffer;
  /** Lowercase hex sha256 of `bytes`. */
  sha256: string;
}

export interface ModelFileRules {
  /** Error code prefix: `<prefix>.missing`, `<prefix>.lfs-pointer`, `<prefix>.pin-mismatch`. */
  code: 'model' | 'reference' | 'baseline';
  /** The message for a file that cannot be read, given the reason (errno code or message). */
  unreadable(reason: string): string;
  /** Where the policy names the file (for the errors). */
  where?: Where;
  /** A sha256 pin (`sha256:<hex>` or `<hex>`) the bytes must match before they run (reference models). */
  pin?: string;
  /** What the pinned file is, for the mismatch message (default `reference model`). */
  what?: string;
}

export async function readModelFile(file: { abs: string; rel: string }, rules: ModelFileRules): Promise<ModelFile> {
  const bytes = await readFile(file.abs).catch((e) => {
    throw new GateError(`${rules.code}.missing`, rules.unreadable(String((e as NodeJS.ErrnoException).code ?? (e as Error).message)), { where: rules.where });
  });
  const sha256 = sha256Hex(bytes);
  if (isLfsPointer(bytes.subarray(0, 200)) && bytes.length < 1024) {
    throw new GateError(`${rules.code}.lfs-pointer`, `${file.rel} is a Git LFS pointer, not the model: check out with lfs: true (actions/checkout)`, { where: rules.where });
  }
  if (rules.pin !== undefined) {
    const want = pinHex(rules.pin);
    if (sha256 !== want) {
      throw new GateError(`${rules.code}.pin-mismatch`, `${rules.what ?? 'reference model'} ${file.rel} has sha256 ${sha256}, but the policy pins ${want}: the file changed (tampering?); restore it or update the pin in a reviewed change`, { kind: 'fail', where: rules.where });
    }
  }
  return { abs: file.abs, rel: file.rel, bytes, sha256 };
}
