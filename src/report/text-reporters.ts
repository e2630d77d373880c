/**
 * A run's printing reporters: the terminal tables, the SLO thresholds
 * (each held or failed), and the JSON summary for scripts (`run --json`).
 * Each prints to the text output it is made with and writes no file.
 */
import type { ReportInput } from './report-input.js';
import { textReporter, type ReporterFactory } from './reporter-registry.js';
import { toSummaryJson } from './json-reporter.js';
import { formatTerminalSummary, formatThresholdLines } from './terminal-summary.js';

export const terminalReporter: ReporterFactory<ReportInput> = (output) => textReporter('terminal', output, (input) => formatTerminalSummary(input, { color: output.color }));

/** Nothing for a run with no threshold. */
export const thresholdsReporter: ReporterFactory<ReportInput> = (output) =>
  textReporter('thresholds', output, (input) => (input.thresholds?.length ? `${formatThresholdLines(input.thresholds, { color: output.color })}\n` : ''));

export const jsonSummaryReporter: ReporterFactory<ReportInput> = (output) => textReporter('json-stdout', output, (input) => `${toSummaryJson(input)}\n`);
