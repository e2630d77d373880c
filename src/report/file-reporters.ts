/**
 * The reporters that write a run's files: `csv` (summary.csv,
 * timeseries.csv, cost.csv and, with replications, replications.csv),
 * `json` (run.json) and `html` (report.html), each file's text made by a
 * pure function (./csv-reporter.ts, ./json-reporter.ts, ./html-reporter.ts)
 * and written to a temporary name first (./atomic-write.ts).
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { toCostCsv } from './cost-csv.js';
import { toSummaryCsv, toTimeSeriesCsv } from './csv-reporter.js';
import { toHtmlReport } from './html-reporter.js';
import { toRunJson } from './json-reporter.js';
import { toReplicatedSummaryCsv, toReplicationsCsv } from './replicated-tables.js';
import type { Reporter } from './report-input.js';

export const csvReporter: Reporter = {
  name: 'csv',
  async write(input, outDir) {
    const summaryPath = join(outDir, 'summary.csv');
    const seriesPath = join(outDir, 'timeseries.csv');
    const costPath = join(outDir, 'cost.csv');
    await writeFileAtomic(summaryPath, input.replicated ? toReplicatedSummaryCsv(input.replicated.summary) : toSummaryCsv(input.summary));
    await writeFileAtomic(seriesPath, toTimeSeriesCsv(input.series));
    await writeFileAtomic(costPath, toCostCsv(input.cost));
    if (!input.replicated) return [summaryPath, seriesPath, costPath];
    const replicationsPath = join(outDir, 'replications.csv');
    await writeFileAtomic(replicationsPath, toReplicationsCsv(input.replicated.summary, input.replicated.runs));
    return [summaryPath, replicationsPath, seriesPath, costPath];
  },
};

export const jsonReporter: Reporter = {
  name: 'json',
  async write(input, outDir) {
    const path = join(outDir, 'run.json');
    await writeFileAtomic(path, `${toRunJson(input)}\n`);
    return [path];
  },
};

export const htmlReporter: Reporter = {
  name: 'html',
  async write(input, outDir) {
    const path = join(outDir, 'report.html');
    await writeFileAtomic(path, toHtmlReport(input));
    return [path];
  },
};
