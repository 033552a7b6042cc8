import { mkdtempSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary workspace (real path, so symlink checks compare like with like). */
export function tempWorkspace(prefix = 'mg-data-'): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
}

export function writeFile(dir: string, rel: string, content: string | Uint8Array): string {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

/** Builds a .npy file byte by byte: magic, version, header dict padded to 64 bytes, then `data`. */
export function npyBytes(descr: string, shape: number[], data: Uint8Array, opts: { version?: 1 | 2 | 3; fortran?: boolean; rawDescr?: string } = {}): Uint8Array {
  const version = opts.version ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const d = opts.rawDescr ?? `'${descr}'`;
  let dict = `{'descr': ${d}, 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const lenBytes = version === 1 ? 2 : 4;
  const pre = 8 + lenBytes;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  dict = dict + ' '.repeat(total - pre - dict.length - 1) + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, dict.length, true);
  else dv.setUint32(8, dict.length, true);
  out.set(new TextEncoder().encode(dict), pre);
  out.set(data, total);
  return out;
}

/** Neumaier-compensated sum (an accurate reference independent of summation order). */
export function accurateSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) c += (sum - t) + v;
    else c += (v - t) + sum;
    sum = t;
  }
  return sum + c;
}
