/**
 * A CloudWatch metric export as calibrate reads it, whatever file it came
 * from: named series of (time, value) points, each with where it is in the
 * file, put on one grid of periods. Every problem is a ScenarioError naming
 * the export, the place in it (a JSON path or a CSV column) and the line,
 * with a hint.
 */
import { ScenarioError } from '../scenario/scenario-error.js';
import { KNOWN_NAMES, type MetricDefinition } from './cloudwatch-metrics.js';

/** One series as read from the file, before it is put on the grid. */
export interface RawSeries {
  /** How the file names it: the Label (or Id), or the CSV column's header. */
  label: string;
  metric: MetricDefinition;
  /** `Sum`, `Average`, `Maximum`, `p99`... */
  stat: string;
  /** Milliseconds since the epoch, and the value in the metric's unit (latencies already in ms). */
  timesMs: number[];
  values: number[];
  /** Where the series is in the file: a path (`MetricDataResults[2]`) or a column (`column 3 "Latency p99"`). */
  where: string;
  line?: number;
  /** The period the file states for it (a MetricDataQuery's Period), in seconds. */
  statedPeriodS?: number;
}

/** A series on the export's grid: one value per period, NaN where the export has none. */
export interface MetricSeries {
  label: string;
  metric: MetricDefinition;
  stat: string;
  values: number[];
  where: string;
  line?: number;
}

export interface MetricExport {
  file: string;
  /** Length of a period (CloudWatch's Period), in seconds. */
  periodS: number;
  /** Start of the first period, ms since the epoch. */
  startMs: number;
  /** Periods from the first to the last point of any series. */
  periods: number;
  series: MetricSeries[];
  /** Things said once about the export (a PartialData status...). */
  notes: string[];
}

/** Periods an export may hold: four weeks of minutes, a bound that keeps a mistyped timestamp from asking for billions. */
export const MAX_PERIODS = 40_320;

export function exportError(file: string, where: string, line: number | undefined, message: string, hint: string): ScenarioError {
  return new ScenarioError(file, [{ path: where, line, message, hint }]);
}

export const UNKNOWN_METRIC_HINT = `calibrate reads ${KNOWN_NAMES.join(', ')}: name one in the label (e.g. "Latency p99"), or map it with --map <label>=<Metric>:<stat>`;

/**
 * Puts the series on one grid: the period is the smallest step between two
 * points of any series (or the one the file states), every series must
 * step by whole periods on the same grid, and all must agree on it.
 */
export function toExport(file: string, raw: readonly RawSeries[], notes: string[]): MetricExport {
  const withPoints = raw.filter((s) => s.timesMs.length > 0);
  if (withPoints.length === 0) {
    throw exportError(file, '', raw.length > 0 ? raw[0].line : 1, raw.length > 0 ? 'the export has no data points' : 'the export holds no metric series', 'export at least Count (Sum) and a latency percentile over the time you want to calibrate on; docs/commands.md (calibrate) shows the shapes read');
  }
  const periodS = periodOf(file, withPoints);
  const periodMs = periodS * 1000;
  const startMs = Math.min(...withPoints.map((s) => s.timesMs[0]));
  const endMs = Math.max(...withPoints.map((s) => s.timesMs[s.timesMs.length - 1]));
  const periods = Math.round((endMs - startMs) / periodMs) + 1;
  if (periods > MAX_PERIODS) throw exportError(file, withPoints[0].where, withPoints[0].line, `the points span ${periods.toLocaleString('en-US')} periods of ${periodS} s`, `calibrate takes at most ${MAX_PERIODS.toLocaleString('en-US')} periods: export a shorter time or a longer period`);
  const series = raw.map((s) => {
    const values = new Array<number>(periods).fill(NaN);
    s.timesMs.forEach((t, i) => {
      const k = (t - startMs) / periodMs;
      if (Math.abs(k - Math.round(k)) > 1e-6) {
        throw exportError(file, s.where, s.line, `its point at ${new Date(t).toISOString()} is off the other series' ${periodS} s grid (which starts at ${new Date(startMs).toISOString()})`, 'mismatched periods: export every metric with the same Period and the same start time');
      }
      values[Math.round(k)] = s.values[i];
    });
    return { label: s.label, metric: s.metric, stat: s.stat, values, where: s.where, line: s.line };
  });
  return { file, periodS, startMs, periods, series, notes };
}

/**
 * The export's period: the one the file states (all stated must agree),
 * else the smallest step between two points of any series. Every series
 * must step by whole periods (a missing point is a gap), and one whose
 * points are never a single period apart (three or more of them) has
 * another period: both are mismatched periods.
 */
function periodOf(file: string, series: readonly RawSeries[]): number {
  const steps = series.map((s) => s.timesMs.slice(1).map((t, i) => (t - s.timesMs[i]) / 1000));
  series.forEach((s, k) => {
    const bad = steps[k].findIndex((d) => !(d > 0));
    if (bad >= 0) throw exportError(file, s.where, s.line, `its timestamps repeat or go backwards at point ${bad + 2}`, 'each series needs one point per period, in time order (ascending or descending)');
  });
  const stated = series.find((s) => s.statedPeriodS !== undefined);
  for (const s of series) {
    if (stated && s.statedPeriodS !== undefined && s.statedPeriodS !== stated.statedPeriodS) {
      throw exportError(file, s.where, s.line, `its period is ${s.statedPeriodS} s but "${stated.label}" has ${stated.statedPeriodS} s`, 'mismatched periods: export every metric with the same Period (60 s is what API Gateway, Lambda and ALB publish)');
    }
  }
  const all = steps.flat();
  // one point per series and no stated period: CloudWatch's basic resolution for these services
  const periodS = stated?.statedPeriodS ?? (all.length > 0 ? Math.min(...all) : DEFAULT_PERIOD_S);
  series.forEach((s, k) => {
    const own = steps[k];
    const uneven = own.some((d) => Math.abs(d / periodS - Math.round(d / periodS)) > 1e-6);
    const coarser = own.length >= 2 && Math.min(...own) > periodS * (1 + 1e-6);
    if (uneven || coarser) {
      throw exportError(file, s.where, s.line, `its points are ${Math.min(...own)} s apart, not whole periods of ${periodS} s like the others'`, 'mismatched periods: export every metric with the same Period, so each point covers the same length of time');
    }
  });
  return periodS;
}

/** API Gateway, Lambda and ALB publish their metrics every minute (the metric pages above). */
export const DEFAULT_PERIOD_S = 60;

/** The series for a metric and statistic, or undefined. */
export function findSeries(exp: MetricExport, name: string, stat?: string): MetricSeries | undefined {
  return exp.series.find((s) => s.metric.name === name && (stat === undefined || s.stat === stat));
}
