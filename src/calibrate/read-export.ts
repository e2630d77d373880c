/**
 * Reads a metric export file: a GetMetricData response (JSON, it starts with
 * `{`) or a CSV, within the limits every input file is read with.
 */
import { readInputFile } from '../io/input-file.js';
import { parseConsoleCsv } from './console-csv.js';
import { parseGetMetricData } from './get-metric-data.js';
import type { MetricExport } from './metric-export.js';
import type { MetricMap } from './metric-map.js';

/** A day of one-minute periods for 20 series is about 2 MB of JSON; 64 MiB leaves room for weeks. */
export const EXPORT_MAX_BYTES = 64 * 1024 * 1024;

export function readMetricExport(file: string, map: MetricMap): MetricExport {
  const text = readInputFile(file, { maxBytes: EXPORT_MAX_BYTES, what: 'a metric export', hint: 'give the path of a GetMetricData .json or a CloudWatch .csv download' });
  return parseMetricExport(text, file, map);
}

export function parseMetricExport(text: string, file: string, map: MetricMap): MetricExport {
  return /^\s*[{[]/.test(text) ? parseGetMetricData(text, file, map) : parseConsoleCsv(text, file, map);
}
