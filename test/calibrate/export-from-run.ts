/**
 * Turns a run's time series into the metric exports calibrate reads, as
 * CloudWatch would hand them over: API Gateway's Count (Sum) as the
 * attempts each period received, and its Latency p50/p90/p99 as the
 * period's end-to-end latency of successful requests (an HTTP API with no
 * network in front: what API Gateway measures). A GetMetricData response
 * lists the newest point first (its default ScanBy); the CSV is the wide
 * shape, oldest first.
 */
import type { TimeSeries } from '../../src/metrics/time-series.js';

export const EXPORT_START_MS = Date.parse('2025-03-01T12:00:00Z');

interface Column {
  id: string;
  label: string;
  values: number[];
}

function columns(series: TimeSeries): { times: string[]; columns: Column[] } {
  const rows = series.toArray();
  const times = rows.map((r) => new Date(EXPORT_START_MS + r.startMs).toISOString().replace('.000Z', '+00:00'));
  return {
    times,
    columns: [
      { id: 'count', label: 'Count', values: rows.map((r) => r.attemptsStarted) },
      { id: 'p50', label: 'Latency p50', values: rows.map((r) => r.p50Ms) },
      { id: 'p90', label: 'Latency p90', values: rows.map((r) => r.p90Ms) },
      { id: 'p99', label: 'Latency p99', values: rows.map((r) => r.p99Ms) },
    ],
  };
}

export function toGetMetricData(series: TimeSeries): string {
  const { times, columns: cols } = columns(series);
  const results = cols.map((c) => ({ Id: c.id, Label: c.label, Timestamps: [...times].reverse(), Values: [...c.values].reverse(), StatusCode: 'Complete' }));
  return `${JSON.stringify({ MetricDataResults: results, Messages: [] }, null, 2)}\n`;
}

export function toConsoleCsv(series: TimeSeries): string {
  const { times, columns: cols } = columns(series);
  const lines = [['Time', ...cols.map((c) => c.label)].join(','), ...times.map((t, i) => [t.replace('+00:00', 'Z'), ...cols.map((c) => String(c.values[i]))].join(','))];
  return `${lines.join('\n')}\n`;
}
