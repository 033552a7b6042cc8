/**
 * "Did you mean" suggestions: the closest candidate by optimal-string-alignment distance (Levenshtein plus
 * adjacent transpositions), comparing case-insensitively and treating `_` and `-` alike. A candidate is only
 * suggested when it is close: distance <= max(1, a third of the longer name's length), and unique at that distance.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/_/g, '-');
  const w = norm(word);
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = osaDistance(w, norm(c));
    if (d < bestD) {
      bestD = d;
      best = c;
      tie = false;
    } else if (d === bestD) {
      tie = true;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  if (bestD > limit || tie) return undefined;
  return best;
}

export function osaDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}
