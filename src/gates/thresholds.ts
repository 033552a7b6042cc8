import type { Check } from '../types/report-parts.ts';
import type { GateOn, Threshold } from '../types/policy-parts.ts';
import type { PositionOf } from './types.ts';

export type { GateOn, Threshold };

/**
 * Evaluates a gate's `thresholds` against its metrics (docs/design.md §5):
 * - a metric that is missing, null or not finite FAILS its threshold with a message (never passes unmeasured);
 * - `gate-on: conservative` compares the CI bound worse for the model (low bound for `min`, high for `max`),
 *   `lenient` the better one (fails only when even that crosses); metrics without an interval use their value.
 */
export function evaluateThresholds(
  gate: string,
  thresholds: Record<string, Threshold> | undefined,
  metrics: Record<string, unknown>,
  ci: Record<string, [number, number]> | undefined,
  gateOn: GateOn,
  position: PositionOf,
): Check[] {
  const checks: Check[] = [];
  for (const [metric, t] of Object.entries(thresholds ?? {})) {
    const pos = position(['gates', gate, 'thresholds', metric]);
    const raw = metrics[metric];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const check: Check = { metric, value, pass: false };
    if (t.min !== undefined) check.min = t.min;
    if (t.max !== undefined) check.max = t.max;
    if (pos) Object.assign(check, { file: pos.file, line: pos.line, col: pos.col });
    if (value === null) {
      check.pass = false;
      check.message = `${metric} could not be measured (${raw === undefined ? 'not reported' : String(raw)}), so its threshold fails`;
      checks.push(check);
      continue;
    }
    const interval = ci?.[metric];
    const pick = (side: 'min' | 'max'): number => {
      if (gateOn === 'point' || !interval) return value;
      const worse = side === 'min' ? interval[0] : interval[1];
      const better = side === 'min' ? interval[1] : interval[0];
      return gateOn === 'conservative' ? worse : better;
    };
    let pass = true;
    const reasons: string[] = [];
    if (t.min !== undefined) {
      const v = pick('min');
      if (!(v >= t.min)) {
        pass = false;
        reasons.push(`${fmt(v)} < min ${t.min}`);
      }
      check.compared = v;
    }
    if (t.max !== undefined) {
      const v = pick('max');
      if (!(v <= t.max)) {
        pass = false;
        reasons.push(`${fmt(v)} > max ${t.max}`);
      }
      check.compared = t.min !== undefined && !pass && reasons.length === 1 && reasons[0].includes('min') ? check.compared : v;
    }
    if (check.compared === value) delete check.compared;
    check.pass = pass;
    if (!pass) {
      const basis = gateOn === 'point' || !interval ? '' : ` (gate-on ${gateOn}: ${gateOn === 'conservative' ? 'worse' : 'better'} 95% bound)`;
      check.message = `${gate}.${metric} ${reasons.join(' and ')}${basis}`;
    }
    checks.push(check);
  }
  return checks;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '');
}
