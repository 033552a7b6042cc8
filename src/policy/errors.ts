import { GateError } from '../errors.ts';

/** One problem in a policy file, with its position (1-based) for an annotation on that line. */
export interface PolicyProblem {
  /** `file:line:col: <path> <problem>` */
  message: string;
  file: string;
  line: number;
  col: number;
}

/**
 * A policy that cannot be used (code `policy.invalid`, kind `error`: the run cannot evaluate). The message is
 * the first problem (in file order) and, when there are more, how many and where to see them all; `problems` holds
 * every one of them (the first included) so that each line can be annotated and the CLI can print them all.
 */
export class PolicyError extends GateError {
  readonly problems: PolicyProblem[];

  constructor(problems: PolicyProblem[]) {
    if (problems.length === 0) throw new Error('PolicyError needs at least one problem');
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: run model-gate validate to list them)` : '';
    super('policy.invalid', `${first.message}${more}`, { where: { file: first.file, line: first.line, col: first.col } });
    this.name = 'PolicyError';
    this.problems = problems;
  }
}
