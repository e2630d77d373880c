/**
 * The charts of a comparison: each front door's (or design's) bill stacked
 * by service, and each one's monthly cost against the monthly volume
 * (log-log) with the crossovers marked; for `compare --designs`, each
 * design's monthly cost against the p99 of its work from send to processed.
 */
import type { ChartConfiguration } from 'chart.js';
import { API_TYPES } from '../../catalog/entry-points.js';
import type { CostEstimate } from '../../cost/cost-estimate.js';
import type { Crossover, CrossoverRow } from '../../cost/crossover.js';
import type { ApiType } from '../../cost/monthly-usage.js';
import type { ChartSpec } from './chart-spec.js';
import { OKABE_ITO, SERIES } from './palette.js';
import { costChart } from './run-charts.js';

/** Each type's colour, the same in every chart; a type not listed takes a colour by its place in the catalog. */
const TYPE_COLOR: Partial<Record<ApiType, string>> = { rest: SERIES[0], http: SERIES[1], alb: SERIES[2], websocket: SERIES[3], eventbridge: SERIES[4] };
export const typeColor = (type: ApiType): string => TYPE_COLOR[type] ?? SERIES[(API_TYPES.indexOf(type) + 1) % SERIES.length];

/** What a line of the crossover chart is: a front door by default, a design (`compare --designs`) with its label and colour. */
export interface SeriesStyle<K extends string> {
  label(key: K): string;
  color(key: K): string;
}

const TYPE_STYLE: SeriesStyle<ApiType> = { label: (type) => type.toUpperCase(), color: typeColor };

export function crossoverChart<K extends string = ApiType>(name: string, rows: readonly CrossoverRow<K>[], crossovers: readonly Crossover<K>[], types: readonly K[], style: SeriesStyle<K> = TYPE_STYLE as unknown as SeriesStyle<K>): ChartSpec | null {
  if (rows.length < 2) return null;
  const usdAt = (row: CrossoverRow<K>, type: K) => Number((row.usdByType[type] ?? NaN).toFixed(2));
  const crossingUsd = (c: Crossover<K>) => {
    const right = rows.find((r) => r.monthlyRequests >= c.monthlyRequests) ?? rows[rows.length - 1];
    const left = [...rows].reverse().find((r) => r.monthlyRequests <= c.monthlyRequests) ?? rows[0];
    // between grid points, on the log-log line of the type that becomes cheapest
    const t = left === right ? 0 : Math.log(c.monthlyRequests / left.monthlyRequests) / Math.log(right.monthlyRequests / left.monthlyRequests);
    return Math.exp((1 - t) * Math.log(usdAt(left, c.to)) + t * Math.log(usdAt(right, c.to)));
  };
  return {
    name: 'crossover',
    title: 'Monthly cost against monthly volume',
    config: {
      type: 'line',
      data: {
        datasets: [
          ...types.map((type) => ({ label: style.label(type), data: rows.map((r) => ({ x: r.monthlyRequests, y: usdAt(r, type) })), borderColor: style.color(type), backgroundColor: style.color(type), pointRadius: 2 })),
          {
            label: 'crossover',
            type: 'scatter',
            data: crossovers.map((c) => ({ x: Number(c.monthlyRequests.toPrecision(4)), y: Number(crossingUsd(c).toFixed(2)) })),
            borderColor: OKABE_ITO.black,
            backgroundColor: OKABE_ITO.black,
            pointRadius: 7,
            pointStyle: 'crossRot',
            borderWidth: 3,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        plugins: { title: { display: true, text: `${name}: monthly cost against monthly volume`, font: { size: 18 } }, legend: { position: 'bottom' } },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'requests per month' } },
          y: { type: 'logarithmic', title: { display: true, text: 'USD per month' } },
        },
      },
    } as ChartConfiguration,
  };
}

export function compareCharts(name: string, estimates: readonly CostEstimate[], rows: readonly CrossoverRow[], crossovers: readonly Crossover[]): ChartSpec[] {
  const charts = [costChart(estimates, `${name}: monthly cost by front door and service`), crossoverChart(name, rows, crossovers, estimates.map((e) => e.apiType))];
  return charts.filter((c): c is ChartSpec => c !== null);
}

/** A design's point on the design chart: its monthly cost and the p99 of its work, send to processed. */
export interface DesignPoint {
  readonly name: string;
  readonly label: string;
  readonly usd: number;
  readonly endToEndP99Ms: number;
  /** Share of requests the caller saw fail, 0 to 1 (the synchronous design's throttles and errors). */
  readonly failedRatio: number;
  /** Share of the accepted requests whose work was not done: failed later or still waiting when the run stopped (0 for the synchronous design); outside the p99. */
  readonly notProcessedRatio: number;
}

/** Each design's colour, the same in every chart (the synchronous one the REST API's). */
const DESIGN_COLOR: Readonly<Record<string, string>> = { sync: SERIES[0], queue: SERIES[1], topic: SERIES[2], bus: SERIES[4] };
export const designColor = (name: string): string => DESIGN_COLOR[name] ?? SERIES[5];

/**
 * The designs side by side: monthly cost (y) against the p99 from a
 * request's send to its processing (x, log), one point per design: down
 * and to the left is cheaper and sooner. A design whose work never
 * finished in the run has no point.
 */
export function designChart(name: string, points: readonly DesignPoint[]): ChartSpec | null {
  const drawn = points.filter((p) => Number.isFinite(p.endToEndP99Ms) && p.endToEndP99Ms > 0);
  if (drawn.length === 0) return null;
  return {
    name: 'designs',
    title: 'Monthly cost against the p99 from send to processed',
    config: {
      type: 'scatter',
      data: {
        datasets: drawn.map((p) => ({
          label: `${p.label} ($${Math.round(p.usd).toLocaleString('en-US')}, p99 ${formatP99(p.endToEndP99Ms)}${p.failedRatio > 0 ? `, ${(100 * p.failedRatio).toFixed(1)} % failed` : ''}${p.notProcessedRatio > 0 ? `, ${(100 * p.notProcessedRatio).toFixed(1)} % not processed` : ''})`,
          data: [{ x: Number(p.endToEndP99Ms.toPrecision(4)), y: Number(p.usd.toFixed(2)) }],
          borderColor: designColor(p.name),
          backgroundColor: designColor(p.name),
          pointRadius: 8,
        })),
      },
      options: {
        animation: false,
        parsing: false,
        plugins: { title: { display: true, text: `${name}: monthly cost against the p99 from send to processed`, font: { size: 18 } }, legend: { position: 'bottom' } },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'p99 from send to processed (ms, log scale)' } },
          y: { beginAtZero: true, title: { display: true, text: 'USD per month' } },
        },
      },
    } as ChartConfiguration,
  };
}

const formatP99 = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

/** The charts of `compare --designs`: the design chart, each design's bill by service, and cost against volume. */
export function designCharts(name: string, points: readonly DesignPoint[], estimates: readonly CostEstimate[], rows: readonly CrossoverRow<string>[], crossovers: readonly Crossover<string>[]): ChartSpec[] {
  const labels = new Map(points.map((p) => [p.name, p.label]));
  const bill = costChart(estimates, `${name}: monthly cost by design and service`);
  if (bill) (bill.config.data as { labels: string[] }).labels = points.map((p) => `${p.label} ($${Math.round(p.usd).toLocaleString('en-US')})`);
  const style: SeriesStyle<string> = { label: (key) => labels.get(key) ?? key, color: designColor };
  const charts = [designChart(name, points), bill, crossoverChart(name, rows, crossovers, points.map((p) => p.name), style)];
  return charts.filter((c): c is ChartSpec => c !== null);
}
