/**
 * The charts of one run, each a pure function of the report input that
 * returns a ChartSpec, or null when it would have nothing to show (a cache
 * chart without a cache, a Lambda chart without Lambda). A new chart is one
 * more function in RUN_CHARTS.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { usdByService, type CostEstimate } from '../../cost/cost-estimate.js';
import type { CdfPoint } from '../../metrics/summary.js';
import type { IntervalRow } from '../../metrics/time-series.js';
import type { ReportInput } from '../report-input.js';
import type { ChartSpec, ShadedWindow } from './chart-spec.js';
import { OKABE_ITO, outcomeColor, SERIES, withAlpha } from './palette.js';

/** A point per interval; `y` null where the interval has no value (a gap in the line, not a zero). */
type Points = Array<{ x: number; y: number | null }>;

/**
 * Chart values to 4 decimals, as the CSVs print them (number-format.ts), so
 * `apigw-sim report` draws from timeseries.csv exactly what the run drew.
 */
const round = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** Seconds at the interval's end, and a value per second of the interval (null where it has none: NaN). */
function points(rows: readonly IntervalRow[], value: (row: IntervalRow, seconds: number) => number): Points {
  return rows.map((row) => {
    const seconds = (row.endMs - row.startMs) / 1000;
    return { x: round(row.endMs / 1000) as number, y: round(value(row, seconds)) };
  });
}

/**
 * The time axis of every time-series chart: the whole run, from 0 to the
 * last interval's end (the duration), whatever the lines hold, so a line
 * that stops (no successful request after the storm began) is seen to stop.
 */
function timeAxis(rows: readonly IntervalRow[]): Record<string, unknown> {
  return { type: 'linear', min: 0, max: round(rows[rows.length - 1].endMs / 1000), title: { display: true, text: 'simulated time (s)' } };
}

/**
 * A line chart. Legend swatches are drawn as the lines are (a dashed line's
 * swatch is dashed, an area's is a box): `usePointStyle` with each
 * dataset's `pointStyle`, and the lineLegend plugin for the dash
 * (./line-legend-plugin.ts).
 */
function lineChart(title: string, yTitle: string, datasets: ChartDataset<'line', Points>[], windows: readonly ShadedWindow[], x: Record<string, unknown>, stacked = false): ChartConfiguration {
  return {
    type: 'line',
    data: { datasets: datasets as ChartDataset[] },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      plugins: {
        title: { display: true, text: title, font: { size: 18 } },
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: LEGEND_SWATCH_PX } },
        windows: { windows: [...windows] },
      } as Record<string, unknown>,
      scales: {
        x,
        y: { stacked, beginAtZero: true, title: { display: true, text: yTitle } },
      },
      elements: { point: { radius: 0 }, line: { borderWidth: 2 } },
    },
  } as ChartConfiguration;
}

/** A chart over the run's time: the x axis spans the whole run. */
function timeChart(rows: readonly IntervalRow[], title: string, yTitle: string, datasets: ChartDataset<'line', Points>[], windows: readonly ShadedWindow[], stacked = false): ChartConfiguration {
  return lineChart(title, yTitle, datasets, windows, timeAxis(rows), stacked);
}

/** Chart.js's default legend box width, kept for the line swatches. */
const LEGEND_SWATCH_PX = 40;

/** A line: its legend swatch a stroke like it, and a gap where it has no value (null), never a line across. */
const line = (label: string, data: Points, color: string, extra: Partial<ChartDataset<'line', Points>> = {}): ChartDataset<'line', Points> => ({
  label,
  data,
  borderColor: color,
  backgroundColor: color,
  borderWidth: 2,
  pointStyle: 'line',
  spanGaps: false,
  ...extra,
});

/** A filled area (a stacked outcome): its legend swatch a box of its fill. */
const area = (label: string, data: Points, color: string): ChartDataset<'line', Points> => line(label, data, color, { fill: true, backgroundColor: withAlpha(color, 0.75), borderWidth: 0, pointStyle: 'rect' });

/** Attempt outcomes per second, stacked, failure windows shaded: a retry storm at a glance. */
export function outcomesChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  const { outcomes } = input.series.names();
  if (rows.length === 0 || outcomes.length === 0) return null;
  const ordered = [...outcomes].sort((a, b) => (a.startsWith('2') ? -1 : b.startsWith('2') ? 1 : a < b ? -1 : 1));
  const datasets = ordered.map((label) => area(label, points(rows, (r, s) => (r.outcomes[label] ?? 0) / s), outcomeColor(label)));
  const gaveUp = points(rows, (r, s) => r.finals['gave-up'] / s);
  if (gaveUp.some((p) => (p.y ?? 0) > 0)) datasets.push(line('gave up (requests)', gaveUp, OKABE_ITO.black, { fill: false, borderDash: [6, 4], stack: 'requests' } as Partial<ChartDataset<'line', Points>>));
  return { name: 'outcomes', title: 'Attempt outcomes per second', config: timeChart(rows, `${input.scenario.name}: attempt outcomes per second`, 'attempts / s', datasets, windows, true) };
}

/** Offered load, attempts and goodput: the gap between attempts and offered is retry amplification. */
export function loadChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  if (rows.length === 0) return null;
  return {
    name: 'load',
    title: 'Offered load, attempts and goodput',
    config: timeChart(
      rows,
      `${input.scenario.name}: offered load, attempts and goodput`,
      'per second',
      [
        line('offered (requests)', points(rows, (r, s) => r.arrivals / s), SERIES[0]),
        line('attempts (retries included)', points(rows, (r, s) => r.attemptsStarted / s), SERIES[1]),
        line('goodput (requests ok)', points(rows, (r, s) => r.requestsOk / s), SERIES[2]),
      ],
      windows,
    ),
  };
}

/** p50, p90 and p99 of the requests that succeeded, per interval; a gap where none did. */
export function latencyChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  if (!rows.some((r) => Number.isFinite(r.p50Ms))) return null;
  const gaps = rows.some((r) => !Number.isFinite(r.p50Ms));
  return {
    name: 'latency',
    title: 'Latency of successful requests over time',
    config: timeChart(
      rows,
      `${input.scenario.name}: latency of successful requests${gaps ? ' (a gap: no request succeeded then)' : ''}`,
      'ms (end to end)',
      [line('p50', points(rows, (r) => r.p50Ms), SERIES[0]), line('p90', points(rows, (r) => r.p90Ms), SERIES[2]), line('p99', points(rows, (r) => r.p99Ms), SERIES[3])],
      windows,
    ),
  };
}

/**
 * The latency CDF: the share of successful requests (and of failed
 * attempts) answered within x ms. The x axis turns logarithmic when the
 * tail is two orders of magnitude past the body, as it is in a retry storm.
 */
export function latencyCdfChart(input: ReportInput): ChartSpec | null {
  const { ok, failed } = input.latencyCdf;
  if (ok.length === 0 && failed.length === 0) return null;
  const curve = (cdf: readonly CdfPoint[]): Points => cdf.map(([percent, ms]) => ({ x: round(ms) as number, y: percent }));
  const datasets = [
    ...(ok.length > 0 ? [line('successful requests (end to end)', curve(ok), SERIES[0], { stepped: 'before' })] : []),
    ...(failed.length > 0 ? [line('attempts answered with an error', curve(failed), outcomeColor('500'), { stepped: 'before' })] : []),
  ];
  const positive = [...ok, ...failed].map(([, ms]) => ms).filter((ms) => ms > 0);
  const logX = positive.length > 0 && Math.max(...positive) / Math.min(...positive) >= 100;
  const x = { type: logX ? 'logarithmic' : 'linear', ticks: { maxRotation: 0, autoSkipPadding: 16 }, title: { display: true, text: `latency (ms${logX ? ', log scale' : ''})` } };
  const config = lineChart(`${input.scenario.name}: latency distribution (CDF)`, '% at or below', datasets, [], x);
  (config.options as { scales: Record<string, Record<string, unknown>> }).scales.y.max = 100;
  return { name: 'latency-cdf', title: 'Latency distribution (CDF)', config };
}

/** Each Lambda function's concurrency and warm environments, and cold starts per second. */
export function lambdaChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  const { gauges, events } = input.series.names();
  const functions = gauges.filter((g) => g.endsWith('.concurrency')).map((g) => g.slice(0, -'.concurrency'.length));
  if (rows.length === 0 || functions.length === 0) return null;
  const datasets: ChartDataset<'line', Points>[] = [];
  functions.forEach((f, i) => {
    datasets.push(line(`${f} concurrency`, points(rows, (r) => r.gauges[`${f}.concurrency`] ?? NaN), SERIES[(2 * i) % SERIES.length]));
    if (gauges.includes(`${f}.warm`)) datasets.push(line(`${f} warm environments`, points(rows, (r) => r.gauges[`${f}.warm`] ?? NaN), SERIES[(2 * i) % SERIES.length], { borderDash: [6, 4] }));
    if (events.includes(`${f}.coldStarts`)) datasets.push(line(`${f} cold starts / s`, points(rows, (r, s) => (r.events[`${f}.coldStarts`] ?? 0) / s), SERIES[(2 * i + 1) % SERIES.length]));
  });
  return { name: 'lambda', title: 'Lambda concurrency, warm environments and cold starts', config: timeChart(rows, `${input.scenario.name}: Lambda concurrency and cold starts`, 'environments (cold starts per second)', datasets, windows) };
}

/** An SQS queue's depth (visible and in flight) and the age of its oldest message, at each interval's end. */
export function queueChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  const queues = input.series.names().gauges.filter((g) => g.endsWith('.oldestAgeSeconds')).map((g) => g.slice(0, -'.oldestAgeSeconds'.length));
  if (rows.length === 0 || queues.length === 0) return null;
  const datasets: ChartDataset<'line', Points>[] = [];
  queues.forEach((q, i) => {
    datasets.push(line(`${q} visible messages`, points(rows, (r) => r.gauges[`${q}.visible`] ?? NaN), SERIES[(3 * i) % SERIES.length]));
    datasets.push(line(`${q} messages in flight`, points(rows, (r) => r.gauges[`${q}.inFlight`] ?? NaN), SERIES[(3 * i + 1) % SERIES.length]));
    datasets.push({ ...line(`${q} oldest message's age (s)`, points(rows, (r) => r.gauges[`${q}.oldestAgeSeconds`] ?? NaN), SERIES[(3 * i + 2) % SERIES.length], { borderDash: [6, 4] }), yAxisID: 'age' });
  });
  const config = timeChart(rows, `${input.scenario.name}: queue depth and oldest message`, 'messages', datasets, windows);
  // the age on an axis of its own, on the right: seconds beside thousands of messages would lie flat
  (config.options as { scales: Record<string, unknown> }).scales.age = { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "oldest message's age (s)" } };
  return { name: 'queue', title: 'Queue depth and the age of its oldest message', config };
}

/** The REST cache's hit ratio per interval; a gap where nothing was looked up. */
export function cacheChart(input: ReportInput, windows: readonly ShadedWindow[]): ChartSpec | null {
  const rows = [...input.series];
  const lookups = (r: IntervalRow) => (r.events.cacheHits ?? 0) + (r.events.cacheMisses ?? 0);
  if (!rows.some((r) => lookups(r) > 0)) return null;
  const ratio = points(rows, (r) => (lookups(r) > 0 ? (r.events.cacheHits ?? 0) / lookups(r) : NaN));
  const config = timeChart(rows, `${input.scenario.name}: cache hit ratio`, 'hit ratio', [line('cache hit ratio', ratio, SERIES[2])], windows);
  (config.options as { scales: { y: { max?: number } } }).scales.y.max = 1;
  return { name: 'cache', title: 'Cache hit ratio over time', config };
}

/** Where a successful attempt's time goes: mean, p50 and p99 of each stage. */
export function stagesChart(input: ReportInput): ChartSpec | null {
  const stages = Object.entries(input.summary.stagesMs);
  if (stages.length === 0 || input.summary.latencyMs.ok.count === 0) return null;
  const bar = (label: string, pick: (s: { mean: number; p50: number; p99: number }) => number, color: string) => ({ label, data: stages.map(([, s]) => round(pick(s))), backgroundColor: color });
  return {
    name: 'stages',
    title: 'Where the time goes, by stage',
    config: {
      type: 'bar',
      data: { labels: stages.map(([name]) => name), datasets: [bar('mean', (s) => s.mean, SERIES[0]), bar('p50', (s) => s.p50, SERIES[2]), bar('p99', (s) => s.p99, SERIES[3])] },
      options: {
        animation: false,
        indexAxis: 'y',
        plugins: { title: { display: true, text: `${input.scenario.name}: where the time of a successful attempt goes`, font: { size: 18 } }, legend: { position: 'bottom' } },
        scales: { x: { beginAtZero: true, title: { display: true, text: 'ms' } } },
      },
    } as ChartConfiguration,
  };
}

/** Monthly cost per front door, stacked by service. */
export function costChart(estimates: readonly CostEstimate[], title: string): ChartSpec | null {
  if (estimates.length === 0) return null;
  const byService = estimates.map(usdByService);
  const services = [...new Set(byService.flatMap((s) => Object.keys(s)))];
  return {
    name: 'cost',
    title: 'Monthly cost by service',
    config: {
      type: 'bar',
      data: {
        labels: estimates.map((e) => `${e.apiType.toUpperCase()} ($${Math.round(e.totalUsd).toLocaleString('en-US')})`),
        datasets: services.map((service, i) => ({ label: service, data: byService.map((s) => round(s[service] ?? 0, 2)), backgroundColor: SERIES[i % SERIES.length] })),
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: title, font: { size: 18 } }, legend: { position: 'bottom' } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: `USD per month (${estimates[0].region}, prices of ${estimates[0].effectiveDate})` } } },
      },
    } as ChartConfiguration,
  };
}

/** Every chart of a run that has something to show. */
export function runCharts(input: ReportInput): ChartSpec[] {
  const windows = input.failureWindows;
  const charts = [
    outcomesChart(input, windows),
    loadChart(input, windows),
    latencyChart(input, windows),
    latencyCdfChart(input),
    lambdaChart(input, windows),
    queueChart(input, windows),
    cacheChart(input, windows),
    stagesChart(input),
    costChart(input.cost, `${input.scenario.name}: monthly cost by service`),
  ];
  return charts.filter((c): c is ChartSpec => c !== null);
}
