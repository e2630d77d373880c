/**
 * `summary.csv` (one `metric,value` row per figure), `timeseries.csv`
 * (one row per interval: offered load, every outcome, goodput, latency
 * percentiles, counted events and gauges) and `cost.csv` (one row per line
 * of the month's bill).
 *
 * Text only, no files: ./file-reporters.ts writes it into a run's folder,
 * the browser playground offers it as a download.
 */
import { stringify } from 'csv-stringify/sync';
import type { TimeSeries } from '../metrics/time-series.js';
import { flattenSummary, type RunSummary } from '../metrics/summary.js';
import { formatNumber } from './number-format.js';

export function toSummaryCsv(summary: RunSummary): string {
  return stringify([['metric', 'value'], ...flattenSummary(summary).map(([k, v]) => [k, formatNumber(v)])]);
}

/** The column of an outcome label in timeseries.csv: `429 stage` is `outcome_429_stage`. */
export const outcomeColumn = (label: string) => `outcome_${label.replace(/\s+/g, '_')}`;

export function toTimeSeriesCsv(series: TimeSeries): string {
  const { outcomes, events, gauges } = series.names();
  const withCache = events.includes('cacheHits') || events.includes('cacheMisses');
  const header = [
    'start_s',
    'end_s',
    'offered_per_s',
    'attempts_started',
    'attempts_ended',
    ...outcomes.map(outcomeColumn),
    'goodput_per_s',
    'gave_up',
    'circuit_open',
    'p50_ms',
    'p90_ms',
    'p99_ms',
    ...(withCache ? ['cache_hit_ratio'] : []),
    ...events,
    ...gauges,
  ];
  const lines = Array.from(series, (row) => {
    const seconds = (row.endMs - row.startMs) / 1000;
    const attempts = Object.values(row.outcomes).reduce((a, b) => a + b, 0);
    return [
      row.startMs / 1000,
      row.endMs / 1000,
      row.arrivals / seconds,
      row.attemptsStarted,
      attempts,
      ...outcomes.map((o) => row.outcomes[o] ?? 0),
      row.requestsOk / seconds,
      row.finals['gave-up'],
      row.finals['circuit-open'],
      row.p50Ms,
      row.p90Ms,
      row.p99Ms,
      ...(withCache ? [hitRatio(row.events.cacheHits ?? 0, row.events.cacheMisses ?? 0)] : []),
      ...events.map((e) => row.events[e] ?? 0),
      ...gauges.map((g) => row.gauges[g] ?? NaN),
    ].map(formatNumber);
  });
  return stringify([header, ...lines]);
}

/** Share of lookups that hit (NaN in an interval with none). */
function hitRatio(hits: number, misses: number): number {
  return hits + misses > 0 ? hits / (hits + misses) : NaN;
}
