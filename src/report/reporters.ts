/**
 * A run's reporters, by name: the files of its folder (`csv`, `json`,
 * `html`, `charts`) and what it prints (`terminal`, `thresholds`, and
 * `json-stdout`, the summary as JSON for scripts). Commands pick them by
 * name; the CLI gives the printing ones stdout (cli/reporters.ts).
 */
import { chartReporter } from './chart-reporter.js';
import { csvReporter, htmlReporter, jsonReporter } from './file-reporters.js';
import type { ReportInput } from './report-input.js';
import { reporterRegistry } from './reporter-registry.js';
import { jsonSummaryReporter, terminalReporter, thresholdsReporter } from './text-reporters.js';

export const RUN_REPORTERS = reporterRegistry<ReportInput>('run', {
  csv: () => csvReporter,
  json: () => jsonReporter,
  html: () => htmlReporter,
  charts: () => chartReporter,
  terminal: terminalReporter,
  thresholds: thresholdsReporter,
  'json-stdout': jsonSummaryReporter,
});

/** The data files (CSV, run.json): what `apigw-sim report` reads back, and all a shard keeps. */
export const DATA_FILES: readonly string[] = ['csv', 'json'];
/** What is drawn from the data files (report.html, charts/*.png), which `apigw-sim report` draws again. */
export const DRAWN_FILES: readonly string[] = ['html', 'charts'];
/** A run folder, in the order it is written: the data first, then what is drawn from it. */
export const RUN_FOLDER: readonly string[] = [...DATA_FILES, ...DRAWN_FILES];
