/** The thresholds of a run: the scenario's and `--threshold` flags, checked on the run's figures (their intervals when replicated). */
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import { evaluateThresholds, parseThresholdFlag, pointFigures, ThresholdError, type Threshold, type ThresholdResult } from '../metrics/thresholds.js';
import { CliError } from './cli-error.js';

/** The scenario's thresholds, then the command line's (both must hold when they name the same metric). */
export function thresholdsOf(fromScenario: readonly Threshold[], flags: readonly string[]): Threshold[] {
  return [
    ...fromScenario,
    ...flags.map((flag) => {
      try {
        return parseThresholdFlag(flag);
      } catch (error) {
        if (!(error instanceof ThresholdError)) throw error;
        throw new CliError(error.message.startsWith('--threshold') ? error.message : `--threshold ${flag}: ${error.message.replace(/^\w+: /, '')}`, error.hint);
      }
    }),
  ];
}

/** Checks the run's figures: a single run's, or the replicated ones (a threshold passes when its whole interval does). */
export function checkThresholds(thresholds: readonly Threshold[], figures: ReadonlyArray<readonly [string, number]>, replicated: ReplicatedSummary | undefined): ThresholdResult[] {
  if (thresholds.length === 0) return [];
  return replicated ? evaluateThresholds(thresholds, new Map(replicated.figures), true) : evaluateThresholds(thresholds, pointFigures(figures), false);
}
