/**
 * `run.json`: the scenario echoed, the seed, the version, every figure, and
 * what `apigw-sim report` needs besides timeseries.csv to draw the report
 * again (failure windows, latency CDFs, the time series' column names).
 * No timestamps: same input, same bytes. Also the shorter JSON `run --json`
 * prints.
 *
 * Text only, no files: ./file-reporters.ts writes it into a run's folder,
 * the browser playground offers it as a download.
 */
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import { jsonSafe } from './number-format.js';
import type { ReportInput } from './report-input.js';

export function toRunJson(input: ReportInput): string {
  return JSON.stringify(
    jsonSafe({
      tool: input.tool,
      scenario: input.scenario,
      seed: input.seed,
      summary: input.summary,
      usage: input.usage,
      cost: input.cost,
      failureWindows: input.failureWindows,
      latencyCdf: input.latencyCdf,
      timeseries: { file: 'timeseries.csv', ...input.series.names() },
      ...(input.replicated ? { replicated: replicatedJson(input.replicated.summary) } : {}),
      ...(input.thresholds?.length ? { thresholds: input.thresholds } : {}),
      ...(input.lesson ? { lesson: input.lesson } : {}),
    }),
    null,
    2,
  );
}

/**
 * What `run --json` prints for scripts: the summary's figures, the month's
 * total with its basis, and (when there are any) the figures across
 * replications and the thresholds checked.
 */
export function toSummaryJson(input: ReportInput): string {
  const { totalUsd, basis, region, effectiveDate } = input.cost[0];
  const replicated = input.replicated ? { replicated: replicatedJson(input.replicated.summary) } : {};
  const thresholds = input.thresholds?.length ? { thresholds: input.thresholds } : {};
  return JSON.stringify(jsonSafe({ ...input.summary, cost: { totalUsd, basis, region, effectiveDate }, ...replicated, ...thresholds }), null, 2);
}

/** The figures across replications, each figure a key (JSON readers look figures up by name). */
export function replicatedJson(summary: ReplicatedSummary): object {
  return { ...summary, figures: Object.fromEntries(summary.figures) };
}
