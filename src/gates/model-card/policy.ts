/** The model-card gate's policy section (`gates.model-card`, policies/model-gate.schema.json `$defs.model-card`). */

export interface ClaimPolicy {
  /**
   * A metric a measuring gate can threshold (the schema's enum lists them; src/policy/checks.ts finds the gate that
   * measures it through the registry).
   */
  measured: string;
  /** Default 0.01. */
  tolerance: number;
}

export interface ModelCardGatePolicy {
  /** Default {}. */
  claims: Record<string, ClaimPolicy>;
  /** Default warn. */
  'on-mismatch': 'warn' | 'fail';
}
