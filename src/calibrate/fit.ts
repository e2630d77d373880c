/**
 * What a metric export says about the scenario: the load as one rate per
 * period, the integration's latency by quantiles, the share of requests the
 * integration fails, the cache hit ratio and the INIT time. Each fitted
 * value carries the metric it came from, for the calibrated scenario's
 * comments. Pure: an export and the scenario in, figures out.
 *
 * - Load: Count (Sum) of API Gateway, else RequestCount (Sum) of an ALB: the
 *   requests of each period, exactly. A period with no point had no request.
 * - Latency: of the integration, from the first of Lambda Duration (for a
 *   Lambda), IntegrationLatency, TargetResponseTime, or Latency minus the
 *   front door's overhead at the same quantile (exact for a constant
 *   overhead; an approximation otherwise, said in a note). Each percentile
 *   is the mean of the periods' values weighted by their requests. Two
 *   percentiles p50 and p99 make `{p50, p99}`; any other set an empirical
 *   table whose ends are the Minimum and Maximum statistics when exported,
 *   else the log-normal through the outermost two at 1/(N+1) and N/(N+1).
 * - Errors: 5XXError (Sum) less Lambda Throttles (a throttle is API
 *   Gateway's 500, not the function's error) over Count.
 */
import { probit } from 'simple-statistics';
import { FRONT_DOOR_PROFILES } from '../catalog/front-doors.js';
import type { Scenario } from '../scenario/schema.js';
import { percentileOf } from './cloudwatch-metrics.js';
import { findSeries, type MetricExport, type MetricSeries } from './metric-export.js';

export interface Fitted<T> {
  value: T;
  /** Which metric, which statistic, how: the comment written beside the value. */
  from: string;
}

export interface LatencyFit {
  /** Percentile (0-100) -> ms, in increasing order; 0 and 100 for an empirical table. */
  quantiles: Array<readonly [number, number]>;
  form: 'p50/p99' | 'empirical';
}

export interface Calibration {
  periodS: number;
  periods: number;
  /** Requests in each period. */
  requestsPerPeriod: Fitted<number[]> | null;
  /** The integration's latency (Lambda `duration`, a service's `service`). */
  latency: Fitted<LatencyFit> | null;
  coldStart: Fitted<LatencyFit> | null;
  errorRate: Fitted<number> | null;
  cacheHitRatio: Fitted<number> | null;
  notes: string[];
}

/** Thrown when the export cannot calibrate this scenario (no load, no percentiles): printed with its hint. */
export class CalibrationError extends Error {
  override name = 'CalibrationError';
  constructor(
    message: string,
    readonly hint: string,
    readonly where?: { path: string; line?: number },
  ) {
    super(message);
  }
}

export function fitCalibration(exp: MetricExport, scenario: Scenario): Calibration {
  const notes = [...exp.notes];
  const requestsPerPeriod = fitLoad(exp, notes);
  const weights = requestsPerPeriod?.value;
  const latency = fitIntegrationLatency(exp, scenario, weights, notes);
  const init = findLatencySeries(exp, 'InitDuration');
  const coldStart = init.length > 0 && scenario.integration.type === 'lambda' ? fitQuantiles(exp, init, undefined, 'InitDuration', notes) : null;
  return { periodS: exp.periodS, periods: exp.periods, requestsPerPeriod, latency, coldStart, errorRate: fitErrorRate(exp, scenario), cacheHitRatio: fitCacheHitRatio(exp, scenario, notes), notes };
}

function fitLoad(exp: MetricExport, notes: string[]): Fitted<number[]> | null {
  const series = exp.series.find((s) => (s.metric.name === 'Count' || s.metric.name === 'RequestCount') && (s.stat === 'Sum' || s.stat === 'SampleCount'));
  if (!series) {
    const wrong = exp.series.find((s) => s.metric.name === 'Count' || s.metric.name === 'RequestCount');
    if (wrong) throw new CalibrationError(`${wrong.metric.name} is exported as ${wrong.stat}; the load needs its Sum`, `export ${wrong.metric.name} with the Sum statistic (requests per period)`, { path: wrong.where, line: wrong.line });
    return null;
  }
  const gaps = series.values.filter((v) => Number.isNaN(v)).length;
  if (gaps > 0) notes.push(`${series.label}: ${gaps} period${gaps === 1 ? '' : 's'} without a point, read as no requests`);
  const values = series.values.map((v) => (Number.isNaN(v) ? 0 : Math.round(v)));
  return { value: values, from: `${series.metric.namespace} ${series.metric.name} (${series.stat}) per ${exp.periodS} s period, "${series.label}"` };
}

function findLatencySeries(exp: MetricExport, name: string): MetricSeries[] {
  return exp.series.filter((s) => s.metric.name === name && percentileOf(s.stat) !== null);
}

function fitIntegrationLatency(exp: MetricExport, scenario: Scenario, weights: number[] | undefined, notes: string[]): Fitted<LatencyFit> | null {
  const type = scenario.integration.type;
  if (type !== 'lambda' && type !== 'http') {
    if (exp.series.some((s) => s.metric.kind === 'latency')) notes.push(`the latency metrics are not fitted: calibrate fits a lambda or http integration's time, not ${type}'s`);
    return null;
  }
  const order = type === 'lambda' ? ['Duration', 'IntegrationLatency', 'TargetResponseTime'] : ['IntegrationLatency', 'TargetResponseTime'];
  for (const name of order) {
    const series = findLatencySeries(exp, name);
    if (series.length > 0) return fitQuantiles(exp, series, weights, name, notes);
  }
  const latency = findLatencySeries(exp, 'Latency');
  if (latency.length > 0) {
    const overhead = overheadQuantile(scenario);
    const fit = fitQuantiles(exp, latency, weights, 'Latency', notes, overhead.at);
    notes.push(`the integration's latency is Latency less the front door's overhead (${overhead.what}) at each percentile: ${overhead.exact ? 'exact for a constant overhead' : 'an approximation (percentiles of a sum do not subtract); export IntegrationLatency for a closer fit'}`);
    return { ...fit, from: `${fit.from}, less the overhead (${overhead.what})` };
  }
  const averages = exp.series.find((s) => s.metric.kind === 'latency' && s.metric.name !== 'InitDuration');
  if (averages) throw new CalibrationError(`${averages.metric.name} is exported as ${averages.stat} only; the latency is fitted from percentiles`, `export ${averages.metric.name} with p50 and p99 (and more percentiles, such as p90 and p99.9, for a closer fit)`, { path: averages.where, line: averages.line });
  return null;
}

/** The front door's overhead at a percentile, as the scenario gives it (or its type's default log-normal). */
function overheadQuantile(scenario: Scenario): { at: (p: number) => number; what: string; exact: boolean } {
  const given = scenario.api.overhead as { kind: string; value?: number; p50?: number; p99?: number } | undefined;
  if (given?.kind === 'constant') return { at: () => given.value as number, what: `constant ${given.value} ms`, exact: true };
  const pair = given?.kind === 'percentiles' ? { p50: given.p50 as number, p99: given.p99 as number } : FRONT_DOOR_PROFILES.find((p) => p.type === scenario.api.type)?.overhead;
  if (!pair) return { at: () => 0, what: 'none', exact: false };
  const sigma = Math.log(pair.p99 / pair.p50) / probit(0.99);
  return { at: (p) => pair.p50 * Math.exp(sigma * probit(p / 100)), what: `p50 ${pair.p50} ms, p99 ${pair.p99} ms${given ? '' : ', the default'}`, exact: false };
}

/** Weighted mean of each percentile over the periods; the distribution's ends from Minimum/Maximum or the log-normal. */
function fitQuantiles(exp: MetricExport, series: MetricSeries[], weights: number[] | undefined, name: string, notes: string[], less?: (p: number) => number): Fitted<LatencyFit> {
  const points = series
    .map((s) => [percentileOf(s.stat) as number, weightedMean(s.values, weights) - (less ? less(percentileOf(s.stat) as number) : 0)] as const)
    .filter(([, v]) => !Number.isNaN(v))
    .sort((a, b) => a[0] - b[0]);
  const metric = series[0].metric;
  const stats = points.map(([p]) => `p${p}`).join(', ');
  if (points.length < 2) throw new CalibrationError(`${name} has ${points.length === 0 ? 'no points' : `one percentile (${stats})`}; a distribution needs two or more`, `export ${name} with p50 and p99 at least`, { path: series[0].where, line: series[0].line });
  for (let i = 1; i < points.length; i++) {
    if (points[i][1] < points[i - 1][1]) throw new CalibrationError(`${name}: p${points[i][0]} (${points[i][1].toFixed(1)} ms) is below p${points[i - 1][0]} (${points[i - 1][1].toFixed(1)} ms)`, 'each percentile series must be the one its label says; check the labels or the --map');
  }
  if (points[0][1] <= 0) throw new CalibrationError(`${name}: p${points[0][0]} is ${points[0][1].toFixed(1)} ms after the front door's overhead is taken off`, 'export IntegrationLatency (or set api.overhead in the scenario to what your API adds)', { path: series[0].where, line: series[0].line });
  const rounded = points.map(([p, v]) => [p, round(v)] as const);
  const from = `${metric.namespace} ${name} (${stats}), the periods' values weighted by their requests`;
  if (rounded.length === 2 && rounded[0][0] === 50 && rounded[1][0] === 99) return { value: { quantiles: rounded, form: 'p50/p99' }, from };
  const total = weights ? weights.reduce((a, b) => a + b, 0) : exp.periods;
  const ends = distributionEnds(exp, name, points, Math.max(total, 1));
  if (!ends.measured) notes.push(`${name}: no Minimum and Maximum exported; the empirical table's p0 and p100 come from the log-normal through p${points[0][0]} and p${points[points.length - 1][0]}`);
  const first = points[0];
  const last = points[points.length - 1];
  // the tails between the outermost percentiles and the ends follow the log-normal, not one straight line
  // (a line from p99 to p100 would put the top 1 % evenly up to the maximum, and make p99 itself wobble)
  const low = LOW_TAIL.filter((p) => p < first[0]).map((p) => [p, ends.at(p)] as const).filter(([, v]) => v > ends.min && v < first[1]);
  const high = HIGH_TAIL.filter((p) => p > last[0]).map((p) => [p, ends.at(p)] as const).filter(([, v]) => v < ends.max && v > last[1]);
  const table = [...(first[0] > 0 ? [[0, Math.min(ends.min, first[1])] as const] : []), ...low, ...points, ...high, ...(last[0] < 100 ? [[100, Math.max(ends.max, last[1])] as const] : [])].map(([p, v]) => [p, round(v)] as const);
  const tails = low.length + high.length > 0 ? `; ${[...low, ...high].map(([p]) => `p${p}`).join(', ')} from the log-normal through p${first[0]} and p${last[0]}` : '';
  return { value: { quantiles: table, form: 'empirical' }, from: `${from}${tails}; p0 and p100 ${ends.measured ? 'from Minimum and Maximum' : 'extrapolated'}` };
}

/** Percentiles added below the lowest and above the highest exported one, from the log-normal through them. */
const LOW_TAIL = [1, 10, 25];
const HIGH_TAIL = [99.5, 99.9, 99.99];

function distributionEnds(exp: MetricExport, name: string, points: ReadonlyArray<readonly [number, number]>, total: number): { min: number; max: number; measured: boolean; at: (p: number) => number } {
  const [pa, va] = points[0];
  const [pb, vb] = points[points.length - 1];
  const za = probit(pa / 100);
  const sigma = Math.log(vb / va) / (probit(pb / 100) - za);
  const mu = Math.log(va) - sigma * za;
  const at = (p: number) => Math.exp(mu + sigma * probit(p / 100));
  const min = findSeries(exp, name, 'Minimum');
  const max = findSeries(exp, name, 'Maximum');
  const finite = (values: number[]) => values.filter((v) => !Number.isNaN(v));
  if (min && max && finite(min.values).length > 0 && finite(max.values).length > 0) return { min: Math.min(...finite(min.values)), max: Math.max(...finite(max.values)), measured: true, at };
  return { min: at((100 * 1) / (total + 1)), max: at((100 * total) / (total + 1)), measured: false, at };
}

function fitErrorRate(exp: MetricExport, scenario: Scenario): Fitted<number> | null {
  const errors = exp.series.find((s) => s.metric.name === '5XXError' && s.stat === 'Sum');
  const count = exp.series.find((s) => s.metric.name === 'Count' && s.stat === 'Sum');
  if (!errors || !count) return null;
  const throttles = scenario.integration.type === 'lambda' ? exp.series.find((s) => s.metric.name === 'Throttles' && s.stat === 'Sum') : undefined;
  const requests = sum(count.values);
  if (requests <= 0) return null;
  const failed = Math.max(0, sum(errors.values) - (throttles ? sum(throttles.values) : 0));
  return { value: Number((failed / requests).toPrecision(4)), from: `${errors.metric.name} (Sum)${throttles ? ' less Lambda Throttles (Sum)' : ''} over Count (Sum): ${failed} of ${requests} requests` };
}

function fitCacheHitRatio(exp: MetricExport, scenario: Scenario, notes: string[]): Fitted<number> | null {
  const hits = exp.series.find((s) => s.metric.name === 'CacheHitCount' && s.stat === 'Sum');
  const misses = exp.series.find((s) => s.metric.name === 'CacheMissCount' && s.stat === 'Sum');
  if (!hits || !misses) return null;
  const total = sum(hits.values) + sum(misses.values);
  if (total <= 0) return null;
  if (!scenario.api.cache) {
    notes.push('CacheHitCount and CacheMissCount are in the export but the scenario has no api.cache: the hit ratio is reported, not fitted');
    return null;
  }
  return { value: Number((sum(hits.values) / total).toPrecision(4)), from: `CacheHitCount / (CacheHitCount + CacheMissCount), Sums: ${sum(hits.values)} of ${total}` };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0);
}

/** Mean of the values present, weighted by the requests of their periods (equal weights without a Count). */
function weightedMean(values: readonly number[], weights: readonly number[] | undefined): number {
  let total = 0;
  let weight = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const w = weights ? weights[i] : 1;
    total += v * w;
    weight += w;
  });
  return weight > 0 ? total / weight : NaN;
}

const round = (ms: number) => Number(ms.toFixed(2));
