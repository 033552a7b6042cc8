/** A path into the policy, e.g. `['gates', 'accuracy', 'thresholds', 'accuracy']`. */
export type PolicyPath = (string | number)[];

export interface PolicyPosition {
  file: string;
  line: number;
  col: number;
}

/** Positions of the policy's keys, for annotations (1-based). */
export type PositionOf = (path: PolicyPath) => PolicyPosition | undefined;
