/**
 * A run too large to simulate is refused before it starts (../scenario/run-estimate.ts):
 * at the scenario field that weighs most, with its line, exit code 2.
 */
import { estimateRun } from '../scenario/run-estimate.js';
import { checkRunSize, type RunLimits } from '../scenario/run-limits.js';
import { formatPath } from '../scenario/scenario-error.js';
import type { Scenario } from '../scenario/schema.js';

export interface RunSizeOptions {
  /** `--force`: lifts the event limit, never the memory one. */
  force?: boolean;
  /** Runs that hold memory at the same time (replications on worker threads). */
  runsAtOnce?: number;
  /** Whose run it is when not the file's own: `lesson variant "jitter"`, `--set load.rate=5000/s`. */
  label?: string;
  /** Where the error points when the run is not the file's own (a lesson variant's entry): the field is then named in the message. */
  at?: PropertyKey[];
  /** Smaller limits than a run's own (the fuzz suite's short runs). */
  limits?: RunLimits;
}

export type ProblemAt = (path: ReadonlyArray<PropertyKey>, message: string, hint: string) => Error;

export function refuseOversizedRun(scenario: Scenario, problemAt: ProblemAt, options: RunSizeOptions = {}): void {
  const problem = checkRunSize(estimateRun(scenario), options);
  if (!problem) return;
  const field = options.at && problem.path.length > 0 ? `${formatPath(problem.path)}: ` : '';
  throw problemAt(options.at ?? problem.path, `${options.label ? `${options.label}: ` : ''}${field}${problem.message}`, problem.hint);
}
