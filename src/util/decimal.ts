/**
 * A number as a plain decimal string: the digits of the shortest text that reads back as the same double
 * (JavaScript's `String`), written without an exponent (`1e-7` -> `0.0000001`); `NaN`, `Infinity` as `String` gives
 * them. Used where a format wants decimal strings (the attestation's report statement, the CycloneDX BOM).
 */
export function decimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
