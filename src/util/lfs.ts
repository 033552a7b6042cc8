/** Git LFS pointer files (a checkout without `lfs: true`) are small text files that start with this line. */
const LFS_PREFIX = 'version https://git-lfs.github.com/spec/';

export function isLfsPointer(head: Uint8Array): boolean {
  if (head.length > 1024 || head.length < LFS_PREFIX.length) return false;
  return Buffer.from(head.subarray(0, LFS_PREFIX.length)).toString('latin1') === LFS_PREFIX;
}
