/** `--max-age` durations: a positive integer and one unit, `s`, `m`, `h` or `d` (e.g. `30m`, `12h`, `7d`). Milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const m = /^([1-9]\d{0,8})([smhd])$/.exec(text.trim());
  if (!m) return null;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
