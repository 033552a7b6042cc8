/**
 * Progress of long work (robustness attacks, bootstraps, inference over many rows), as structured events. The engine
 * and the gates only emit them; src/progress/format.ts turns them into throttled lines and the entry points (the CLI,
 * the action) decide where the lines go. An event never changes a result: a run with a sink and one without write
 * byte-identical reports.
 */
export interface ProgressEvent {
  /** `start` when the work begins, `update` while it runs (as often as the producer likes), `end` once it is done. */
  phase: 'start' | 'update' | 'end';
  /** What is being done, e.g. `robustness: apgd-ce eps=0.03`; one task runs at a time, its events share this text. */
  task: string;
  /** What `done` and `total` count. */
  unit: 'points' | 'rows' | 'resamples';
  done: number;
  total: number;
  /** Robustness: points broken so far (claimed by the attack; at `end`, confirmed by the gate's re-check). */
  broken?: number;
  /** Model rows evaluated by this task so far. */
  queries?: number;
  /** At most this many more model rows before the task ends (robustness: the remaining budget of the live points). */
  remainingQueries?: number;
}

/** Where progress events go. Absent: nobody listens (tests, library use). */
export type ProgressSink = (event: ProgressEvent) => void;
