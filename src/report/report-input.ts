/**
 * What reporters are given: the run's figures and records, never the model.
 */
import type { CostEstimate } from '../cost/cost-estimate.js';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import type { CdfPoint, RunSummary } from '../metrics/summary.js';
import type { ThresholdResult } from '../metrics/thresholds.js';
import type { ShadedWindow } from './charts/chart-spec.js';
import type { TimeSeries } from '../metrics/time-series.js';

export interface ReportInput {
  tool: { name: string; version: string };
  scenario: { name: string; description: string; file: string; echo: unknown };
  seed: number;
  summary: RunSummary;
  series: TimeSeries;
  usage: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The month's bill: one estimate per front-door type priced (one for a run). */
  cost: readonly CostEstimate[];
  /** The scenario's failure windows, for shading the charts. */
  failureWindows: readonly ShadedWindow[];
  /** Latency CDFs after the warm-up: successful requests end to end, and attempts answered with an error status. */
  latencyCdf: { ok: readonly CdfPoint[]; failed: readonly CdfPoint[] };
  /**
   * With `--replications`: the figures across replications, and each
   * replication's (for replications.csv; a redrawn report has none). The
   * other fields are then the first replication's.
   */
  replicated?: { summary: ReplicatedSummary; runs: ReadonlyArray<{ seed: number; figures: ReadonlyArray<readonly [string, number]> }> };
  /** The SLO thresholds checked on this run, if any. */
  thresholds?: readonly ThresholdResult[];
  /** When the run is a lesson's variant: what the lesson teaches, its claims checked, and its other variants. */
  lesson?: LessonCard;
}

export interface LessonCard {
  title: string;
  question: string;
  explanation: string;
  examSignal: string;
  /** This run's variant (`base` or a variant's name) and every variant, for links between their reports. */
  variant: string;
  variants: readonly string[];
  claims: ReadonlyArray<{ says: string; pass: boolean; detail: string }>;
}

/**
 * A reporter writes what its name says: files into a folder (each to a
 * temporary name first), or text to the output it was made with (see
 * reporter-registry.ts). It returns the paths of the files it wrote.
 */
export interface Reporter<Input = ReportInput> {
  readonly name: string;
  write(input: Input, outDir: string): Promise<string[]>;
}
