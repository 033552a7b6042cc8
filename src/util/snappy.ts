/**
 * Snappy block-format decompression (https://github.com/google/snappy/blob/main/format_description.txt): the
 * encoding of the bundles GitHub's attestations API serves at `bundle_url` (as `gh attestation` reads them). Only
 * decompression; every malformed input is an Error naming what is wrong, never a partial result.
 *
 * Format: the uncompressed length as a little-endian base-128 varint, then elements, each a tag byte whose two low
 * bits give its kind: 00 literal (length-1 in the upper six bits, or in the next 1-4 bytes when those bits are
 * 60-63), 01 copy of 4-11 bytes at an 11-bit offset, 10 copy of 1-64 bytes at a 16-bit offset, 11 the same at a
 * 32-bit offset. A copy may overlap its own output (offset < length: a run).
 */

/** Largest uncompressed size accepted (a Sigstore bundle is a few kB; this bounds memory on hostile input). */
export const SNAPPY_MAX = 64 * 1024 * 1024;

export function snappyUncompress(input: Uint8Array, max: number = SNAPPY_MAX): Buffer {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length) throw new Error('snappy: truncated length preamble');
    if (shift > 28) throw new Error('snappy: length preamble longer than 5 bytes');
    const b = input[pos++];
    length += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  if (length > max) throw new Error(`snappy: uncompressed length ${length} exceeds the limit of ${max} bytes`);
  const out = Buffer.allocUnsafe(length);
  let o = 0;
  const need = (n: number, what: string) => {
    if (pos + n > input.length) throw new Error(`snappy: truncated ${what} at byte ${pos}`);
  };
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const n = len - 59;
        need(n, 'literal length');
        len = 0;
        for (let i = 0; i < n; i++) len += input[pos + i] * 2 ** (8 * i);
        pos += n;
      }
      len += 1;
      need(len, 'literal');
      if (o + len > length) throw new Error('snappy: output longer than the declared length');
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      need(1, 'copy');
      len = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else if (kind === 2) {
      need(2, 'copy');
      len = (tag >>> 2) + 1;
      offset = input[pos] | (input[pos + 1] << 8);
      pos += 2;
    } else {
      need(4, 'copy');
      len = (tag >>> 2) + 1;
      offset = (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16)) + input[pos + 3] * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error(`snappy: copy offset ${offset} outside the ${o} bytes written`);
    if (o + len > length) throw new Error('snappy: output longer than the declared length');
    // Byte by byte: an overlapping copy repeats what it has just written.
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset];
  }
  if (o !== length) throw new Error(`snappy: ${o} bytes decoded, the preamble declares ${length}`);
  return out;
}
