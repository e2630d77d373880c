/**
 * The reporters of a run folder, in the order they write: the data files
 * (CSV, run.json) first, then what is drawn from them (report.html,
 * charts/*.png), which `apigw-sim report` draws again from the data files.
 */
import { chartReporter } from './chart-reporter.js';
import { csvReporter } from './csv-reporter.js';
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import type { ReportInput, Reporter } from './report-input.js';

export const DATA_REPORTERS: readonly Reporter[] = [csvReporter, jsonReporter];
export const DRAWN_REPORTERS: readonly Reporter[] = [htmlReporter, chartReporter];

/** Runs each reporter into `dir`; the paths written, in order. */
export async function writeReports(input: ReportInput, dir: string, reporters: readonly Reporter[] = [...DATA_REPORTERS, ...DRAWN_REPORTERS]): Promise<string[]> {
  const written: string[] = [];
  for (const reporter of reporters) written.push(...(await reporter.write(input, dir)));
  return written;
}
