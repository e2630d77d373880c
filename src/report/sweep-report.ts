/**
 * What a sweep writes: `sweep.csv` (one row per point: the swept values,
 * then each chosen figure, with its 95 % interval when replicated),
 * `sweep.json` (every figure of every point) and a chart per chosen
 * metric against the first swept parameter, one line per value of the others
 * (the reporters are in sweep-reporters.ts).
 */
import { stringify } from 'csv-stringify/sync';
import { closest } from 'fastest-levenshtein';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import { replicatedJson } from './json-reporter.js';
import { formatNumber, jsonSafe } from './number-format.js';
import { sweptValueText } from './charts/sweep-charts.js';

export interface SweepReportInput {
  tool: { name: string; version: string };
  scenario: { name: string; file: string };
  parameters: ReadonlyArray<{ name: string; log: boolean }>;
  points: ReadonlyArray<{ values: readonly unknown[]; summary: ReplicatedSummary }>;
  replications: number;
  /** Figure names for sweep.csv's columns, in order. */
  metrics: readonly string[];
  /** Figure names to chart. */
  charts: readonly string[];
  notes: readonly string[];
  /** A metastability map (`sweep --map`): the first parameter is the trigger's size, the second the retry policy; drawn as heatmaps too. */
  map?: boolean;
}

/** Short names for the figures people sweep for; any figure of summary.csv works too. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
  p50: 'latencyMs.ok.p50',
  p90: 'latencyMs.ok.p90',
  p95: 'latencyMs.ok.p95',
  p99: 'latencyMs.ok.p99',
  p999: 'latencyMs.ok.p999',
  errorRate: 'requests.errorRatio',
  goodput: 'requests.goodputPerSecond',
  amplification: 'attempts.amplification',
  monthlyCost: 'cost.totalUsd',
};

export const DEFAULT_SWEEP_METRICS = ['requests.offeredPerSecond', 'requests.goodputPerSecond', 'requests.errorRatio', 'attempts.amplification', 'latencyMs.ok.p50', 'latencyMs.ok.p90', 'latencyMs.ok.p99', 'latencyMs.ok.p999', 'cost.totalUsd'];
export const DEFAULT_SWEEP_CHARTS = ['latencyMs.ok.p99', 'cost.totalUsd'];
/** Columns a sweep adds when its points have a trigger to judge collapse after (metrics/collapse-across.ts). */
export const COLLAPSE_SWEEP_METRICS = ['collapse.probability', 'collapse.recoveryMs.median', 'collapse.neverRecovered'];

/**
 * Figure names from `--metrics p99,monthlyCost,events.lambda.coldStarts`,
 * checked against the figures the run has: an unknown one is
 * `{ unknown, suggestion }`.
 */
export function resolveMetrics(list: readonly string[], known: readonly string[]): { names: string[] } | { unknown: string; suggestion: string } {
  const names: string[] = [];
  for (const given of list) {
    const name = METRIC_ALIASES[given] ?? given;
    if (!known.includes(name)) return { unknown: given, suggestion: closest(given, [...Object.keys(METRIC_ALIASES), ...known]) };
    names.push(name);
  }
  return { names };
}

export function toSweepCsv(input: SweepReportInput): string {
  const replicated = input.replications > 1;
  const head = [...input.parameters.map((p) => p.name), ...input.metrics.flatMap((m) => (replicated ? [`${m}_mean`, `${m}_ci_low`, `${m}_ci_high`] : [m]))];
  const rows = input.points.map((point) => {
    const figures = new Map(point.summary.figures);
    const cells = input.metrics.flatMap((m) => {
      const e = figures.get(m);
      return replicated ? [e?.mean ?? NaN, e?.low ?? NaN, e?.high ?? NaN] : [e?.mean ?? NaN];
    });
    return [...point.values.map(sweptValueText), ...cells.map(formatNumber)];
  });
  return stringify([head, ...rows]);
}

export function toSweepJson(input: SweepReportInput): string {
  return `${JSON.stringify(
    jsonSafe({
      tool: input.tool,
      scenario: input.scenario,
      parameters: input.parameters,
      replications: input.replications,
      notes: input.notes,
      ...(input.map ? { map: { trigger: input.parameters[0]?.name, policies: [...new Set(input.points.map((p) => sweptValueText(p.values[1])))] } } : {}),
      points: input.points.map((p) => ({ values: p.values, ...replicatedJson(p.summary) })),
    }),
    null,
    2,
  )}\n`;
}
