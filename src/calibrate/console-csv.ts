/**
 * Reads a metric export as CSV: what the CloudWatch console downloads from a
 * graph (Actions > Download as .csv) and what a spreadsheet or a script
 * writes, in either of two shapes:
 *
 * - wide: a header row whose first cell heads the time column (`Time`,
 *   `Timestamp`, `Label` or empty) and whose other cells are the series'
 *   labels (`Latency p99`, `Count`); then one row per period, a time and a
 *   value per series (empty where a series has no point);
 * - long: columns `Label` (or `Id` or `Metric`), `Timestamp` and `Value`, one
 *   row per point.
 *
 * A label names the metric and statistic as in a GetMetricData export
 * (`Latency p99`), or a `--map` does. Lines are the file's, for errors.
 */
import { parse } from 'csv-parse/sync';
import { recognizeLabel, type Recognized } from './cloudwatch-metrics.js';
import { toEpochMs } from './get-metric-data.js';
import { exportError, toExport, UNKNOWN_METRIC_HINT, type MetricExport, type RawSeries } from './metric-export.js';
import type { MetricMap } from './metric-map.js';

interface Row {
  record: string[];
  info: { lines: number };
}

const LONG_LABEL = ['label', 'id', 'metric'];

export function parseConsoleCsv(text: string, file: string, map: MetricMap = new Map()): MetricExport {
  let rows: Row[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_quotes: false, trim: true }) as unknown as Row[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw exportError(file, '', e.lines, `not a valid CSV file: ${e.message.replace(/^Invalid [^:]*: /, '')}`, 'every row needs as many cells as the header; quote a cell that holds a comma');
  }
  if (rows.length === 0) throw exportError(file, '', 1, 'the export is empty', 'download the graph with Count (Sum) and a latency percentile from the CloudWatch console (Actions > Download as .csv)');
  const head = rows[0].record.map((h) => h.replace(/^"|"$/g, ''));
  const lower = head.map((h) => h.toLowerCase());
  const labelCol = lower.findIndex((h) => LONG_LABEL.includes(h));
  const timeCol = lower.findIndex((h) => h === 'timestamp' || h === 'time');
  const valueCol = lower.indexOf('value');
  const raw = labelCol >= 0 && timeCol >= 0 && valueCol >= 0 ? readLong(file, rows, labelCol, timeCol, valueCol, map) : readWide(file, rows, head, map);
  return toExport(file, raw, []);
}

function recognize(file: string, label: string, where: string, line: number, map: MetricMap): Recognized {
  const recognized = map.get(label) ?? recognizeLabel(label);
  if (!recognized) throw exportError(file, where, line, `unknown metric: "${label}" is none that calibrate reads`, UNKNOWN_METRIC_HINT);
  return recognized;
}

function readWide(file: string, rows: readonly Row[], head: readonly string[], map: MetricMap): RawSeries[] {
  if (head.length < 2) throw exportError(file, '', rows[0].info.lines, 'expected a time column and one column per series', 'the header is e.g. Time,Count,Latency p50,Latency p99');
  const headerLine = rows[0].info.lines;
  const series = head.slice(1).map((label, c) => {
    const where = `column ${c + 2} "${label}"`;
    const r = recognize(file, label, where, headerLine, map);
    return { label, metric: r.metric, stat: r.stat, timesMs: [] as number[], values: [] as number[], where, line: headerLine };
  });
  for (const row of rows.slice(1)) {
    const ms = toEpochMs(/^\d+(\.\d+)?$/.test(row.record[0]) ? Number(row.record[0]) : row.record[0]);
    if (ms === null) throw exportError(file, 'column 1', row.info.lines, `"${row.record[0]}" is not a time`, 'ISO 8601 such as 2025-03-01T12:00:00Z (or 2025-03-01 12:00:00, read as UTC), or Unix seconds');
    series.forEach((s, c) => {
      const cell = row.record[c + 1];
      if (cell === '' || cell === undefined) return;
      s.timesMs.push(ms);
      s.values.push(readValue(file, cell, s.where, row.info.lines, s.metric.kind === 'latency' ? s.metric.toMs : 1));
    });
  }
  return series.map((s) => sorted(s));
}

function readLong(file: string, rows: readonly Row[], labelCol: number, timeCol: number, valueCol: number, map: MetricMap): RawSeries[] {
  const byLabel = new Map<string, RawSeries>();
  for (const row of rows.slice(1)) {
    const label = row.record[labelCol];
    let s = byLabel.get(label);
    if (!s) {
      const where = `"${label}"`;
      const r = recognize(file, label, where, row.info.lines, map);
      s = { label, metric: r.metric, stat: r.stat, timesMs: [], values: [], where, line: row.info.lines };
      byLabel.set(label, s);
    }
    const t = row.record[timeCol];
    const ms = toEpochMs(/^\d+(\.\d+)?$/.test(t) ? Number(t) : t);
    if (ms === null) throw exportError(file, `column ${timeCol + 1}`, row.info.lines, `"${t}" is not a time`, 'ISO 8601 such as 2025-03-01T12:00:00Z, or Unix seconds');
    s.timesMs.push(ms);
    s.values.push(readValue(file, row.record[valueCol], s.where, row.info.lines, s.metric.kind === 'latency' ? s.metric.toMs : 1));
  }
  return [...byLabel.values()].map(sorted);
}

function readValue(file: string, cell: string, where: string, line: number, toMs: number): number {
  const v = Number(cell);
  if (!Number.isFinite(v) || v < 0 || cell.trim() === '') throw exportError(file, where, line, `"${cell}" is not a value`, 'a number, 0 or more (leave the cell empty where there is no point)');
  return v * toMs;
}

/** Points in time order (a download may list the newest first). */
function sorted(s: RawSeries): RawSeries {
  const order = s.timesMs.map((_, i) => i).sort((a, b) => s.timesMs[a] - s.timesMs[b]);
  return { ...s, timesMs: order.map((i) => s.timesMs[i]), values: order.map((i) => s.values[i]) };
}
