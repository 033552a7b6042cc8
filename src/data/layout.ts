/**
 * Where the channels of an image-like row are (a `.npy` dataset's row shape): the drift gate's per-channel features
 * and the poisoning gate's suspect grid read rows with it.
 */

/**
 * The channels of a row of shape `rowShape`: count, values per channel, and where they sit: `first` ([C, H, W]),
 * `last` ([H, W, C]), C being 1, 3 or 4; otherwise `one` (the whole row is one channel).
 */
export function channelLayout(rowShape: number[]): { channels: number; per: number; layout: 'first' | 'last' | 'one' } {
  const size = rowShape.reduce((a, b) => a * b, 1);
  if (rowShape.length === 3 && [1, 3, 4].includes(rowShape[0])) return { channels: rowShape[0], per: size / rowShape[0], layout: 'first' };
  if (rowShape.length === 3 && [1, 3, 4].includes(rowShape[2])) return { channels: rowShape[2], per: size / rowShape[2], layout: 'last' };
  return { channels: 1, per: size, layout: 'one' };
}
