/**
 * Measured INIT (cold start) durations of Lambda runtimes: the table a
 * function's `runtime:` reads (docs/lambda-runtimes.md).
 *
 * The data (./lambda-init.json) is written by scripts/lambda-init-table.js
 * from maxday/lambda-perf's daily files: the REPORT line's Init Duration of a
 * hello-world function, 10 cold starts a day per runtime, memory size (128,
 * 256, 512 and 1024 MB), architecture and package type. Each row keeps its
 * sample count, median, p90 and p99, the median's 95 % interval, the source
 * and the dates it covers. It is checked against the schema below on first use.
 *
 * Between measured memory sizes the median and the p99 are interpolated
 * log-linearly (geometric in memory and in time); outside them the nearest
 * measured size applies. A hello-world INIT hardly moves with memory (the
 * table's rows at 128 and 1024 MB are within a few per cent of each other for
 * most runtimes), so neither choice changes much; both are stated, not hidden.
 */
import { z } from 'zod';
import raw from './lambda-init.json' with { type: 'json' };
import { PARSED_ONCE } from './parse-once.js';

export const LAMBDA_INIT_SOURCE = 'https://github.com/maxday/lambda-perf/tree/main/data';

/** The columns of a row, in order (the file keeps rows as arrays so the table stays small in the browser bundle). */
export const LAMBDA_INIT_COLUMNS = ['architecture', 'memoryMb', 'packageType', 'samples', 'p50Ms', 'p90Ms', 'p99Ms', 'p50LowMs', 'p50HighMs'] as const;

export type LambdaArchitecture = 'x86_64' | 'arm64';
export type LambdaPackageType = 'zip' | 'image';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const MS = z.number().positive();
const row = z.tuple([z.enum(['x86_64', 'arm64']), z.number().int().min(128).max(10_240), z.enum(['zip', 'image']), z.number().int().min(1), MS, MS, MS, MS, MS]);

export const lambdaInitTableSchema = z.strictObject({
  description: z.string().min(1),
  source: z.url(),
  license: z.string().min(1),
  window: z.strictObject({ from: DATE, to: DATE, days: z.number().int().positive(), files: z.number().int().positive() }),
  columns: z.tuple(LAMBDA_INIT_COLUMNS.map((c) => z.literal(c)) as unknown as [z.ZodLiteral<string>]),
  runtimes: z.record(
    z.string().regex(/^[a-z0-9.]+(\/[a-z0-9.-]+)?$/),
    z.strictObject({ source: z.url(), from: DATE, to: DATE, rows: z.array(row).min(1) }),
  ),
});

export type LambdaInitTable = z.output<typeof lambdaInitTableSchema>;

/** One measured combination, with its source and the dates of its measurements. */
export interface LambdaInitRow {
  readonly runtime: string;
  readonly architecture: LambdaArchitecture;
  readonly memoryMb: number;
  readonly packageType: LambdaPackageType;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  /** The median's distribution-free 95 % interval (order statistics). */
  readonly p50LowMs: number;
  readonly p50HighMs: number;
  readonly source: string;
  readonly from: string;
  readonly to: string;
}

/** Every row of a table, each with its runtime's source and dates. */
export function lambdaInitRows(table: LambdaInitTable): LambdaInitRow[] {
  return Object.entries(table.runtimes).flatMap(([runtime, e]) =>
    e.rows.map(([architecture, memoryMb, packageType, samples, p50Ms, p90Ms, p99Ms, p50LowMs, p50HighMs]) => ({
      runtime, architecture, memoryMb, packageType, samples, p50Ms, p90Ms, p99Ms, p50LowMs, p50HighMs, source: e.source, from: e.from, to: e.to,
    })),
  );
}

let checked: { table: LambdaInitTable; rows: LambdaInitRow[] } | undefined;

/** The bundled table, checked against the schema on first use. */
export function bundledLambdaInit(): { table: LambdaInitTable; rows: readonly LambdaInitRow[] } {
  if (!checked) {
    const table = lambdaInitTableSchema.parse(raw, PARSED_ONCE);
    checked = { table, rows: lambdaInitRows(table) };
  }
  return checked;
}

/** The runtimes the table measured, as a scenario names them. */
export function lambdaRuntimeNames(): string[] {
  return Object.keys(bundledLambdaInit().table.runtimes);
}

/** What was measured of a runtime: its architectures and package types, each with its memory sizes. */
export function measuredCombinations(runtime: string): string[] {
  const seen = new Map<string, number[]>();
  for (const r of bundledLambdaInit().rows) {
    if (r.runtime !== runtime) continue;
    const key = `${r.architecture} ${r.packageType}`;
    seen.set(key, [...(seen.get(key) ?? []), r.memoryMb]);
  }
  return [...seen].map(([key, sizes]) => `${key} (${sizes.join(', ')} MB)`);
}

export interface LambdaInitQuery {
  readonly runtime: string;
  readonly architecture: LambdaArchitecture;
  readonly memoryMb: number;
  readonly packageType: LambdaPackageType;
}

/** The INIT a query gets: median and p99, how they were found, and the rows used. */
export interface LambdaInitEstimate {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly basis: 'measured' | 'interpolated' | 'nearest';
  readonly rows: readonly LambdaInitRow[];
}

/** The measured INIT at this memory size; undefined when the runtime was not measured with this architecture and package type. */
export function lambdaInitAt(q: LambdaInitQuery): LambdaInitEstimate | undefined {
  const rows = bundledLambdaInit()
    .rows.filter((r) => r.runtime === q.runtime && r.architecture === q.architecture && r.packageType === q.packageType)
    .sort((a, b) => a.memoryMb - b.memoryMb);
  if (rows.length === 0) return undefined;
  const exact = rows.find((r) => r.memoryMb === q.memoryMb);
  if (exact) return { p50Ms: exact.p50Ms, p99Ms: exact.p99Ms, basis: 'measured', rows: [exact] };
  const above = rows.findIndex((r) => r.memoryMb > q.memoryMb);
  if (above <= 0) {
    const nearest = above === 0 ? rows[0] : rows[rows.length - 1];
    return { p50Ms: nearest.p50Ms, p99Ms: nearest.p99Ms, basis: 'nearest', rows: [nearest] };
  }
  const lo = rows[above - 1];
  const hi = rows[above];
  const t = Math.log(q.memoryMb / lo.memoryMb) / Math.log(hi.memoryMb / lo.memoryMb);
  const geometric = (a: number, b: number) => Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a)));
  return { p50Ms: geometric(lo.p50Ms, hi.p50Ms), p99Ms: geometric(lo.p99Ms, hi.p99Ms), basis: 'interpolated', rows: [lo, hi] };
}

/** The dates the bundled table covers, and how many whole days its newest measurement is before `today`. */
export function lambdaInitAge(today: Date): { from: string; to: string; days: number } {
  const { from, to } = bundledLambdaInit().table.window;
  return { from, to, days: Math.floor((today.getTime() - Date.parse(to)) / 86_400_000) };
}
