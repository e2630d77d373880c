/**
 * The commands' reporters, picked by name from report/'s registries, the
 * printing ones writing to stdout (the adapter that keeps process.stdout
 * out of report/).
 */
import type { ReportInput, Reporter } from '../report/report-input.js';
import { RUN_REPORTERS } from '../report/reporters.js';
import type { SweepReportInput } from '../report/sweep-report.js';
import { SWEEP_REPORTERS } from '../report/sweep-reporters.js';
import { stdoutText } from './terminal.js';

export { DATA_FILES, DRAWN_FILES, RUN_FOLDER } from '../report/reporters.js';
export { SWEEP_FOLDER } from '../report/sweep-reporters.js';
export { writeReports } from '../report/reporter-registry.js';

export const runReporters = (names: readonly string[]): Array<Reporter<ReportInput>> => RUN_REPORTERS.create(names, stdoutText());

export const sweepReporters = (names: readonly string[]): Array<Reporter<SweepReportInput>> => SWEEP_REPORTERS.create(names, stdoutText());

/** The paths written under `dir`, as the commands print them (relative to it). */
export const inside = (dir: string, paths: readonly string[]): string[] => paths.map((path) => path.slice(dir.length + 1));
