/**
 * Reads a finished run's folder back into the reporters' input, so
 * `apigw-sim report` can draw the charts and the HTML again without
 * simulating: `run.json` holds the figures, the scenario, the failure
 * windows, the latency CDFs and the time series' column names;
 * `timeseries.csv` holds the intervals.
 *
 * The CSV prints 4 decimals, and every count in it is exact, so the rows
 * come back as the run had them for everything a chart or the page shows:
 * counts are read (or recovered from a per-second rate times the interval,
 * rounded), levels and percentiles to the 4 decimals the charts draw.
 * What the CSV does not hold (requests that ended in error or time-out per
 * interval) comes back as NaN. JSON has no NaN: run.json's nulls in the
 * figures are read as NaN again.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { CostEstimate } from '../cost/cost-estimate.js';
import type { Estimate, ReplicatedSummary } from '../metrics/replicated-summary.js';
import type { CdfPoint, RunSummary } from '../metrics/summary.js';
import type { ThresholdResult } from '../metrics/thresholds.js';
import { TimeSeries } from '../metrics/time-series.js';
import { readInputFile, RUN_FILE_MAX_BYTES } from '../io/input-file.js';
import { csvCell, type CellKind } from './csv-cell.js';
import { outcomeColumn } from './csv-reporter.js';
import type { ReportInput } from './report-input.js';
import { PARSED_ONCE } from '../catalog/parse-once.js';

/** A folder that is not a finished run's, or whose files do not read back. */
export class RunFolderError extends Error {
  override name = 'RunFolderError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const names = z.array(z.string());
const cdf = z.array(z.tuple([z.number(), z.number().nullable()]));
/** What report needs from run.json; the figures themselves are taken as written. */
const runJson = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  scenario: z.object({ name: z.string(), description: z.string(), file: z.string(), echo: z.unknown() }),
  seed: z.number(),
  summary: z.record(z.string(), z.unknown()),
  usage: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  cost: z.array(z.record(z.string(), z.unknown())),
  failureWindows: z.array(z.object({ fromS: z.number(), toS: z.number(), label: z.string() })),
  latencyCdf: z.object({ ok: cdf, failed: cdf }),
  timeseries: z.object({ file: z.string(), outcomes: names, events: names, gauges: names }),
  thresholds: z.array(z.object({ threshold: z.object({ metric: z.string(), text: z.string(), operator: z.enum(['<', '<=', '>', '>=']), value: z.number() }), observed: z.object({ mean: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }), replicated: z.boolean(), pass: z.boolean(), message: z.string() })).optional(),
  lesson: z
    .object({
      title: z.string(),
      question: z.string(),
      explanation: z.string(),
      examSignal: z.string(),
      variant: z.string(),
      variants: z.array(z.string()),
      claims: z.array(z.object({ says: z.string(), pass: z.boolean(), detail: z.string() })),
    })
    .optional(),
  replicated: z
    .object({
      replications: z.number(),
      seeds: z.array(z.number()),
      confidence: z.number(),
      method: z.string(),
      figures: z.record(z.string(), z.object({ mean: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), sd: z.number().nullable(), n: z.number() })),
      pooled: z.object({ latencyMs: z.object({ ok: z.record(z.string(), z.number().nullable()), failed: z.record(z.string(), z.number().nullable()) }) }),
    })
    .optional(),
});

export async function readRunFolder(dir: string): Promise<ReportInput> {
  const json = parseRunJson(await readText(join(dir, 'run.json'), dir), join(dir, 'run.json'));
  const seriesPath = join(dir, json.timeseries.file);
  const series = readTimeSeries(await readText(seriesPath, dir), json.timeseries, seriesPath);
  return {
    tool: json.tool,
    scenario: json.scenario,
    seed: json.seed,
    summary: nullsToNaN(json.summary) as RunSummary,
    series,
    usage: nullsToNaN(json.usage) as ReportInput['usage'],
    cost: nullsToNaN(json.cost) as CostEstimate[],
    failureWindows: json.failureWindows,
    latencyCdf: { ok: nullsToNaN(json.latencyCdf.ok) as CdfPoint[], failed: nullsToNaN(json.latencyCdf.failed) as CdfPoint[] },
    ...(json.thresholds ? { thresholds: nullsToNaN(json.thresholds) as ThresholdResult[] } : {}),
    ...(json.lesson ? { lesson: json.lesson } : {}),
    // each replication's figures are in replications.csv, which drawing does not need
    ...(json.replicated ? { replicated: { summary: { ...(nullsToNaN(json.replicated) as ReplicatedSummary), figures: Object.entries(nullsToNaN(json.replicated.figures) as Record<string, Estimate>) }, runs: [] } } : {}),
  };
}

async function readText(path: string, dir: string): Promise<string> {
  try {
    return readInputFile(path, { maxBytes: RUN_FILE_MAX_BYTES, what: "a run's file", hint: 'give the folder `apigw-sim run` wrote, e.g. reports/<scenario name>' }); // a regular UTF-8 file of bounded size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RunFolderError(`${path}: no such file, so ${dir} is not a finished run's folder`, 'give the folder `apigw-sim run` wrote, e.g. reports/<scenario name>');
    }
    throw error;
  }
}

function parseRunJson(text: string, path: string): z.infer<typeof runJson> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RunFolderError(`${path}: not valid JSON (${(error as Error).message})`, 'the file was edited or cut short; run the scenario again');
  }
  const parsed = runJson.safeParse(value, PARSED_ONCE);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RunFolderError(
      `${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      'run.json was written by an older apigw-sim (before `report`) or edited; run the scenario again with this version',
    );
  }
  return parsed.data;
}

/** The time series from timeseries.csv, its columns named as run.json lists them. */
export function readTimeSeries(text: string, columns: { outcomes: readonly string[]; events: readonly string[]; gauges: readonly string[] }, path: string): TimeSeries {
  const records = parseCsv(text, path);
  const series = new TimeSeries();
  let previousEndMs = 0;
  records.forEach((record, i) => {
    const line = i + 2; // the header is line 1
    // what the run writes there: a count, an amount, or a level that may be empty (csv-cell.ts)
    const number = (column: string, kind: CellKind = 'amount'): number => csvCell(record, column, kind, { path, line });
    const startMs = milliseconds(number('start_s'));
    const endMs = milliseconds(number('end_s'));
    // rows follow each other from 0 with no gap: a missing or moved row is an edit
    if (startMs !== previousEndMs || !(endMs > startMs)) {
      throw new RunFolderError(`${path}:${line}: the row runs from ${startMs / 1000} s to ${endMs / 1000} s, but the one before ended at ${previousEndMs / 1000} s`, 'rows were removed, moved or edited; run the scenario again');
    }
    previousEndMs = endMs;
    const seconds = (endMs - startMs) / 1000;
    const requestsOk = Math.round(number('goodput_per_s') * seconds);
    const named = (list: readonly string[], column: (name: string) => string, kind: CellKind) => {
      const out: Record<string, number> = {};
      for (const name of list) {
        const value = number(column(name), kind);
        if (!Number.isNaN(value)) out[name] = value;
      }
      return out;
    };
    series.append({
      startMs,
      endMs,
      arrivals: Math.round(number('offered_per_s') * seconds),
      attemptsStarted: number('attempts_started', 'count'),
      finals: { ok: requestsOk, error: NaN, timeout: NaN, 'gave-up': number('gave_up', 'count'), 'circuit-open': number('circuit_open', 'count') },
      outcomes: named(columns.outcomes, outcomeColumn, 'count'),
      requestsOk,
      p50Ms: number('p50_ms', 'level'),
      p90Ms: number('p90_ms', 'level'),
      p99Ms: number('p99_ms', 'level'),
      events: named(columns.events, (e) => e, 'count'),
      gauges: named(columns.gauges, (g) => g, 'level'),
    });
  });
  return series;
}

function parseCsv(text: string, path: string): Array<Record<string, string>> {
  try {
    return parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new RunFolderError(`${path}${line ? `:${line}` : ''}: ${(error as Error).message}`, 'the file was edited or cut short; run the scenario again');
  }
}

/** Seconds as printed (4 decimals) back to the run's milliseconds, to the microsecond. */
const milliseconds = (seconds: number) => Math.round(seconds * 1e6) / 1e3;

/** run.json wrote NaN as null (JSON has no NaN): read it back as NaN. */
function nullsToNaN(value: unknown): unknown {
  if (value === null) return NaN;
  if (Array.isArray(value)) return value.map(nullsToNaN);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, nullsToNaN(v)]));
  return value;
}
