/** Round to the nearest integer, halves to even: Python's round() and numpy's np.round (Square's schedule, scipy's KS). */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v), d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
