/**
 * Two gate outcomes as data: `paired` holds closures (the metric as a function of row weights), which deepEqual
 * compares by reference; here each paired metric becomes its rows, strata and value at unit weights.
 */
import type { GateOutcome } from '../../src/gates/types.ts';

export function outcomeData(o: GateOutcome<any>): unknown {
  if (!o.paired) return o;
  const paired = Object.fromEntries(Object.entries(o.paired).map(([k, p]) => [k, { dataset: p.dataset, rows: [...p.rows], strata: [...p.strata], value: p.value(new Uint32Array(p.rows.length).fill(1)) }]));
  return { ...o, paired };
}
