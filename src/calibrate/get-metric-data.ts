/**
 * Reads a GetMetricData response as the AWS CLI or an SDK prints it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
 * `{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values", "StatusCode"}]}`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html),
 * optionally with the request's `MetricDataQueries` beside it, whose
 * MetricStat (metric name, Stat and Period) then says what each Id is.
 * Otherwise a `--map`, the Label, or the Id names the metric and statistic.
 * Timestamps are ISO 8601 text or Unix seconds; they may come newest first
 * (GetMetricData's default ScanBy is TimestampDescending).
 *
 * The JSON is parsed as YAML 1.2 so every series' line is known for errors.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { recognizeLabel, type Recognized } from './cloudwatch-metrics.js';
import { exportError, toExport, UNKNOWN_METRIC_HINT, type MetricExport, type RawSeries } from './metric-export.js';
import type { MetricMap } from './metric-map.js';

interface Query {
  recognized: Recognized | null;
  periodS?: number;
  metricName?: string;
}

export function parseGetMetricData(text: string, file: string, map: MetricMap = new Map()): MetricExport {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw exportError(file, '', e.linePos?.[0].line, `not valid JSON: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, 'a GetMetricData export is the JSON `aws cloudwatch get-metric-data` prints; check the brackets and commas around this line');
  }
  const lineOf = (node: unknown) => {
    const at = (node as Node | null)?.range?.[0];
    return at === undefined ? undefined : lines.linePos(at).line;
  };
  const root = doc.contents;
  const results = isMap(root) ? (root.get('MetricDataResults', true) as Node | undefined) : undefined;
  if (!isMap(root) || !isSeq(results)) {
    throw exportError(file, isMap(root) ? 'MetricDataResults' : '', lineOf(root) ?? 1, 'expected a GetMetricData response: {"MetricDataResults": [...]}', 'save the output of `aws cloudwatch get-metric-data --cli-input-json file://queries.json` as is, or give the console\'s CSV download');
  }
  const queries = readQueries(root);
  const notes: string[] = [];
  const raw: RawSeries[] = [];
  results.items.forEach((item, i) => {
    const where = `MetricDataResults[${i}]`;
    const line = lineOf(item);
    if (!isMap(item)) throw exportError(file, where, line, 'expected a result: {"Id", "Label", "Timestamps", "Values"}', 'each entry of MetricDataResults is one series');
    const data = item.toJSON() as Record<string, unknown>;
    const id = typeof data.Id === 'string' ? data.Id : undefined;
    const label = typeof data.Label === 'string' ? data.Label : undefined;
    const query = id === undefined ? undefined : queries.get(id);
    const recognized = (label !== undefined ? map.get(label) : undefined) ?? (id !== undefined ? map.get(id) : undefined) ?? query?.recognized ?? (label !== undefined ? recognizeLabel(label) : null) ?? (id !== undefined ? recognizeLabel(id) : null);
    const named = label ?? id ?? `series ${i + 1}`;
    if (!recognized) {
      const what = query?.metricName ? `the metric "${query.metricName}"` : `"${named}"`;
      throw exportError(file, where, lineOf(item.get('Label', true)) ?? line, `unknown metric: ${what} is none that calibrate reads`, UNKNOWN_METRIC_HINT);
    }
    if (data.StatusCode === 'PartialData') notes.push(`${named}: StatusCode PartialData (CloudWatch returned part of the points; fetch the rest with NextToken)`);
    const { timesMs, values } = readPoints(file, where, item, lineOf, recognized);
    raw.push({ label: named, metric: recognized.metric, stat: recognized.stat, timesMs, values, where, line, statedPeriodS: query?.periodS });
  });
  return toExport(file, raw, notes);
}

/** The request's queries by Id, when the export carries them. */
function readQueries(root: YAMLMap): Map<string, Query> {
  const out = new Map<string, Query>();
  const queries = root.get('MetricDataQueries');
  const list = (queries as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  if (!Array.isArray(list)) return out;
  for (const q of list as Array<Record<string, unknown>>) {
    const stat = q.MetricStat as { Metric?: { MetricName?: string }; Stat?: string; Period?: number } | undefined;
    if (typeof q.Id !== 'string') continue;
    const metricName = stat?.Metric?.MetricName;
    const recognized = metricName !== undefined ? recognizeLabel(`${metricName} ${stat?.Stat ?? ''}`) : null;
    const periodS = typeof q.Period === 'number' ? q.Period : typeof stat?.Period === 'number' ? stat.Period : undefined;
    out.set(q.Id, { recognized: recognized && recognized.metric.name === canonical(metricName, recognized) ? recognized : null, periodS, metricName });
  }
  return out;
}

/** A MetricStat's metric name must be the metric itself, not a longer name containing it. */
function canonical(metricName: string | undefined, recognized: Recognized): string | undefined {
  if (metricName === undefined) return undefined;
  return [recognized.metric.name, ...recognized.metric.aliases].includes(metricName) ? recognized.metric.name : metricName;
}

function readPoints(file: string, where: string, item: YAMLMap, lineOf: (node: unknown) => number | undefined, recognized: Recognized): { timesMs: number[]; values: number[] } {
  const timestamps = item.get('Timestamps', true) as Node | undefined;
  const valuesNode = item.get('Values', true) as Node | undefined;
  if (!isSeq(timestamps) || !isSeq(valuesNode)) {
    throw exportError(file, `${where}.${isSeq(timestamps) ? 'Values' : 'Timestamps'}`, lineOf(item), 'expected a list', 'each result has Timestamps and Values, lists of the same length');
  }
  const times = timestamps.toJSON() as unknown[];
  const values = valuesNode.toJSON() as unknown[];
  if (times.length !== values.length) throw exportError(file, `${where}.Values`, lineOf(valuesNode), `${values.length} values for ${times.length} timestamps`, 'Timestamps[x] is the time of Values[x]: the lists have the same length');
  const points = times.map((t, k) => {
    const ms = toEpochMs(t);
    if (ms === null) throw exportError(file, `${where}.Timestamps[${k}]`, lineOf(timestamps.items[k]), `${JSON.stringify(t)} is not a time`, 'ISO 8601 such as 2025-03-01T12:00:00Z, or Unix seconds');
    const v = values[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw exportError(file, `${where}.Values[${k}]`, lineOf(valuesNode.items[k]), `${JSON.stringify(v)} is not a value of ${recognized.metric.name}`, 'a number, 0 or more');
    return { ms, value: v * (recognized.metric.kind === 'latency' ? recognized.metric.toMs : 1) };
  });
  points.sort((a, b) => a.ms - b.ms);
  return { timesMs: points.map((p) => p.ms), values: points.map((p) => p.value) };
}

/** ISO text or Unix seconds (milliseconds when the number is that large) -> ms since the epoch; null if neither. */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const iso = value.length <= 10 ? value : value.replace(' ', 'T');
  // a time with no zone is UTC, as CloudWatch's are, never the machine's local time
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) || iso.length <= 10 ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? null : ms;
}
