/**
 * Simulated against observed, figure by figure: for each metric of the
 * export the simulator has a counterpart for, the observed and simulated
 * values per period (when the run's time series has it) and over the whole
 * export, and their errors. Pure: the export, the fit and the run's records
 * in, rows out.
 *
 * Counterparts: Count and RequestCount ↔ attempts started (API Gateway
 * counts every request it receives, retries included); Latency pNN ↔ the
 * end-to-end latency of successful requests (p50, p90, p99 per period; p95
 * and p99.9 over the run); IntegrationLatency, Duration, TargetResponseTime
 * p50/p99 ↔ the integration stage over the run; 4XXError and 5XXError ↔
 * attempts answered 4xx and 5xx, as shares of the requests; Throttles ↔
 * Lambda throttles; ConcurrentExecutions (Maximum) ↔ the Lambda concurrency
 * sampled at each period's end; CacheHitCount/CacheMissCount ↔ the cache's
 * hit ratio.
 */
import type { RunSummary } from '../metrics/summary.js';
import type { IntervalRow, TimeSeries } from '../metrics/time-series.js';
import { percentileOf } from './cloudwatch-metrics.js';
import { sum } from './fit.js';
import type { MetricExport, MetricSeries } from './metric-export.js';

export type FigureUnit = 'requests' | 'ms' | 'share' | 'count';

export interface FigureComparison {
  /** `Count (Sum)`, `Latency p99`... */
  figure: string;
  unit: FigureUnit;
  /** Over the whole export: a total, a share, a request-weighted mean of the periods' values or a maximum. */
  observed: number;
  simulated: number;
  /** (simulated − observed) / observed; NaN when nothing was observed. */
  relativeError: number;
  /** Mean of |simulated − observed| / observed over the periods with both (NaN without per-period values). */
  meanPeriodError: number;
  /** Per period, when both sides have one: what the overlay chart draws. */
  perPeriod?: { observed: number[]; simulated: number[] };
}

export interface Comparison {
  periodS: number;
  startMs: number;
  figures: FigureComparison[];
  notes: string[];
}

export function compareRun(exp: MetricExport, series: TimeSeries, summary: RunSummary): Comparison {
  const rows = series.toArray().slice(0, exp.periods);
  const notes: string[] = [];
  const observedRequests = requestSeries(exp);
  const simulatedRequests = rows.map((r) => r.attemptsStarted);
  const figures: FigureComparison[] = [];
  for (const s of exp.series) {
    const f = compareSeries(s, rows, summary, observedRequests, simulatedRequests, exp, notes);
    if (f) figures.push(f);
  }
  const cache = compareCache(exp, rows);
  if (cache) figures.push(cache);
  return { periodS: exp.periodS, startMs: exp.startMs, figures, notes };
}

function requestSeries(exp: MetricExport): number[] | undefined {
  const s = exp.series.find((x) => (x.metric.name === 'Count' || x.metric.name === 'RequestCount') && x.stat === 'Sum');
  return s?.values.map((v) => (Number.isNaN(v) ? 0 : v));
}

const PER_ROW: Record<number, (r: IntervalRow) => number> = { 50: (r) => r.p50Ms, 90: (r) => r.p90Ms, 99: (r) => r.p99Ms };
const OVER_RUN: Record<number, keyof RunSummary['latencyMs']['ok']> = { 50: 'p50', 90: 'p90', 95: 'p95', 99: 'p99', 99.9: 'p999' };

function compareSeries(s: MetricSeries, rows: IntervalRow[], summary: RunSummary, obsReq: number[] | undefined, simReq: number[], exp: MetricExport, notes: string[]): FigureComparison | null {
  const name = s.metric.name;
  const label = `${name} (${s.stat})`;
  const p = percentileOf(s.stat);
  if ((name === 'Count' || name === 'RequestCount') && s.stat === 'Sum') return perPeriodFigure(label, 'requests', s.values, simReq, 'total');
  if (name === 'Latency' && p !== null) {
    const perRow = PER_ROW[p];
    if (perRow) return perPeriodFigure(`Latency p${p}`, 'ms', s.values, rows.map(perRow), 'weighted', obsReq, rows.map((r) => r.requestsOk));
    const overRun = OVER_RUN[p];
    if (!overRun) return skip(notes, `Latency p${p}: the run reports p50, p90, p95, p99 and p99.9 only`);
    return overallFigure(`Latency p${p}`, 'ms', weightedMean(s.values, obsReq), summary.latencyMs.ok[overRun]);
  }
  if ((name === 'IntegrationLatency' || name === 'Duration' || name === 'TargetResponseTime') && p !== null) {
    const stage = summary.stagesMs.integration;
    if (!stage || (p !== 50 && p !== 99)) return skip(notes, `${name} p${p}: the run reports the integration stage's p50 and p99 only`);
    return overallFigure(`${name} p${p}`, 'ms', weightedMean(s.values, obsReq), p === 50 ? stage.p50 : stage.p99);
  }
  if ((name === '5XXError' || name === '4XXError') && s.stat === 'Sum') {
    const digit = name[0];
    const simulated = rows.map((r) => Object.entries(r.outcomes).reduce((a, [k, v]) => (k.startsWith(digit) ? a + v : a), 0));
    const f = perPeriodFigure(`${name} share`, 'share', s.values, simulated, 'total');
    const obsTotal = obsReq ? sum(obsReq) : NaN;
    const simTotal = sum(simReq);
    const observed = f.observed / obsTotal;
    const sim = simTotal > 0 ? f.simulated / simTotal : NaN;
    return { ...f, observed, simulated: sim, relativeError: relative(sim, observed) };
  }
  if (name === 'Throttles' && s.stat === 'Sum') return perPeriodFigure(label, 'count', s.values, rows.map((r) => Object.entries(r.events).reduce((a, [k, v]) => (k.startsWith('lambda.throttles') ? a + v : a), 0)), 'total');
  if (name === 'ConcurrentExecutions' && s.stat === 'Maximum') return perPeriodFigure(label, 'count', s.values, rows.map((r) => r.gauges['lambda.concurrency'] ?? NaN), 'max');
  if (name === 'CacheHitCount' || name === 'CacheMissCount') return null; // compared as one ratio
  if (name === 'InitDuration') return skip(notes, 'InitDuration is fitted (integration.coldStart), not compared: the run reports cold starts by count');
  return skip(notes, `${s.label}: no simulated counterpart for ${label}`);
}

function compareCache(exp: MetricExport, rows: IntervalRow[]): FigureComparison | null {
  const hits = exp.series.find((s) => s.metric.name === 'CacheHitCount' && s.stat === 'Sum');
  const misses = exp.series.find((s) => s.metric.name === 'CacheMissCount' && s.stat === 'Sum');
  if (!hits || !misses) return null;
  const observed = sum(hits.values) / (sum(hits.values) + sum(misses.values));
  const simHits = rows.reduce((a, r) => a + (r.events.cacheHits ?? 0), 0);
  const simMisses = rows.reduce((a, r) => a + (r.events.cacheMisses ?? 0), 0);
  const simulated = simHits + simMisses > 0 ? simHits / (simHits + simMisses) : NaN;
  return { figure: 'cache hit ratio', unit: 'share', observed, simulated, relativeError: relative(simulated, observed), meanPeriodError: NaN };
}

function perPeriodFigure(figure: string, unit: FigureUnit, observed: number[], simulated: number[], over: 'total' | 'weighted' | 'max', obsWeights?: number[], simWeights?: number[]): FigureComparison {
  const sim = observed.map((_, i) => simulated[i] ?? NaN);
  const obsAll = over === 'total' ? sum(observed) : over === 'max' ? Math.max(...observed.filter((v) => !Number.isNaN(v))) : weightedMean(observed, obsWeights);
  const simAll = over === 'total' ? sum(sim) : over === 'max' ? Math.max(...sim.filter((v) => !Number.isNaN(v))) : weightedMean(sim, simWeights);
  const errors = observed.map((o, i) => (o > 0 && !Number.isNaN(sim[i]) ? Math.abs(sim[i] - o) / o : NaN)).filter((e) => !Number.isNaN(e));
  return {
    figure,
    unit,
    observed: obsAll,
    simulated: simAll,
    relativeError: relative(simAll, obsAll),
    meanPeriodError: errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN,
    perPeriod: { observed: [...observed], simulated: sim },
  };
}

function overallFigure(figure: string, unit: FigureUnit, observed: number, simulated: number): FigureComparison {
  return { figure, unit, observed, simulated, relativeError: relative(simulated, observed), meanPeriodError: NaN };
}

function skip(notes: string[], note: string): null {
  notes.push(note);
  return null;
}

const relative = (simulated: number, observed: number) => (observed > 0 ? (simulated - observed) / observed : NaN);

function weightedMean(values: readonly number[], weights: readonly number[] | undefined): number {
  let total = 0;
  let weight = 0;
  values.forEach((v, i) => {
    const w = weights ? weights[i] : 1;
    if (Number.isNaN(v) || !(w > 0)) return;
    total += v * w;
    weight += w;
  });
  return weight > 0 ? total / weight : NaN;
}
