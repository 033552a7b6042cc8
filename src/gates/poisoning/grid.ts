/**
 * A PNG grid of suspect images (the poisoning gate's artifact, written next to the report for
 * `actions/upload-artifact`). Encoded by fast-png; deterministic (same rows, same bytes).
 *
 * Layout: ⌈√k⌉ columns, tiles in the order given (most suspicious first), a 2-pixel gap (mid grey); images smaller
 * than 64 pixels a side are enlarged by an integer factor (nearest neighbour) so that a reviewer can see a small
 * trigger. Pixel values are mapped to 0..255 by the dataset's own range (min..max over all its values): the same
 * mapping for every tile, so tiles compare.
 */
import { encode } from 'fast-png';
import type { Dataset } from '../../data/types.ts';
import { channelLayout } from '../../data/layout.ts';
import { sha256Hex } from '../../util/hash.ts';

export interface ImageLayout {
  height: number;
  width: number;
  channels: 1 | 3;
  /** Where channel c of pixel (y, x) of a row sits within the row. */
  at(y: number, x: number, c: number): number;
}

/**
 * The image layout of a tensor dataset: rows of [C, H, W] or [H, W, C] (src/data/layout.ts; C 1 or 3: a PNG's grey
 * or RGB) or [H, W], each side at least 4 pixels; null otherwise.
 */
export function imageLayout(ds: Dataset): ImageLayout | null {
  const s = ds.tensor?.shape;
  if (!s) return null;
  const row = s.slice(1);
  const big = (h: number, w: number) => h >= 4 && w >= 4;
  if (row.length === 2) {
    const [H, W] = row;
    return big(H, W) ? { height: H, width: W, channels: 1, at: (y, x) => y * W + x } : null;
  }
  const { channels: C, layout } = channelLayout(row);
  if (row.length !== 3 || (C !== 1 && C !== 3)) return null;
  if (layout === 'first') {
    const [, H, W] = row;
    return big(H, W) ? { height: H, width: W, channels: C, at: (y, x, c) => (c * H + y) * W + x } : null;
  }
  if (layout === 'last') {
    const [H, W] = row;
    return big(H, W) ? { height: H, width: W, channels: C, at: (y, x, c) => (y * W + x) * C + c } : null;
  }
  return null;
}

const GAP = 2;
const GAP_VALUE = 128;

export function suspectGrid(ds: Dataset, layout: ImageLayout, rows: number[]): { bytes: Uint8Array; sha256: string; columns: number } {
  const data = ds.tensor!.data;
  const per = data.length / ds.rows;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < data.length; i++) { const v = data[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = hi > lo ? hi - lo : 1;
  const { height: H, width: W, channels: C } = layout;
  const zoom = Math.max(1, Math.floor(64 / Math.max(H, W)));
  const th = H * zoom, tw = W * zoom;
  const cols = Math.ceil(Math.sqrt(rows.length));
  const lines = Math.ceil(rows.length / cols);
  const width = cols * tw + (cols + 1) * GAP, height = lines * th + (lines + 1) * GAP;
  const px = new Uint8Array(width * height * C).fill(GAP_VALUE);
  rows.forEach((r, t) => {
    const ox = GAP + (t % cols) * (tw + GAP), oy = GAP + Math.floor(t / cols) * (th + GAP);
    const base = r * per;
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        for (let c = 0; c < C; c++) {
          const v = data[base + layout.at(Math.floor(y / zoom), Math.floor(x / zoom), c)];
          px[((oy + y) * width + ox + x) * C + c] = Math.max(0, Math.min(255, Math.round(((v - lo) / span) * 255)));
        }
      }
    }
  });
  const bytes = encode({ width, height, data: px, channels: C, depth: 8 });
  return { bytes, sha256: sha256Hex(bytes), columns: cols };
}
