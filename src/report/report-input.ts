/**
 * What reporters are given: the run's figures and records, never the model.
 */
import type { IntervalRow } from '../metrics/recorder.js';
import type { RunSummary } from '../metrics/summary.js';

export interface ReportInput {
  tool: { name: string; version: string };
  scenario: { name: string; description: string; file: string; echo: unknown };
  seed: number;
  summary: RunSummary;
  rows: readonly IntervalRow[];
  usage: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A reporter writes some files into a folder, each to a temporary name first. */
export interface Reporter {
  readonly name: string;
  write(input: ReportInput, outDir: string): Promise<string[]>;
}
