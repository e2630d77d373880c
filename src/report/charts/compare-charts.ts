/**
 * The charts of a comparison: each front door's bill stacked by service,
 * and each one's monthly cost against the monthly volume (log-log) with the
 * crossovers marked.
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

export function crossoverChart(name: string, rows: readonly CrossoverRow[], crossovers: readonly Crossover[], types: readonly ApiType[]): ChartSpec | null {
  if (rows.length < 2) return null;
  const usdAt = (row: CrossoverRow, type: ApiType) => Number((row.usdByType[type] ?? NaN).toFixed(2));
  const crossingUsd = (c: Crossover) => {
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
          ...types.map((type) => ({ label: type.toUpperCase(), data: rows.map((r) => ({ x: r.monthlyRequests, y: usdAt(r, type) })), borderColor: typeColor(type), backgroundColor: typeColor(type), pointRadius: 2 })),
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
