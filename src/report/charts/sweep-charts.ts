/**
 * A sweep's charts: one per chosen figure, against the first swept
 * parameter (its values as written, evenly spaced, so a log range reads as
 * a log axis), one line per combination of the other parameters, and the
 * 95 % interval as a shaded band when the points are replicated.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { stringify } from 'yaml';
import type { SweepReportInput } from '../sweep-report.js';
import type { ChartSpec } from './chart-spec.js';
import { SERIES, withAlpha } from './palette.js';

const round = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? Number(v.toFixed(4)) : null);
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });

/** A swept value as a scenario file writes it (a mapping in flow style, `{p50: 60ms, p99: 400ms}`): what tells points apart. */
export const sweptValueText = (value: unknown): string => (value !== null && typeof value === 'object' ? stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false }).trim() : String(value));
/** A swept value as people read it: `1000000` -> `1M`; `512MB` stays. */
export const formatSweptValue = (value: unknown): string => (typeof value === 'number' ? compact.format(value) : sweptValueText(value));
const label = formatSweptValue;

const TITLES: Readonly<Record<string, string>> = {
  'latencyMs.ok.p50': 'p50 latency of successful requests',
  'latencyMs.ok.p90': 'p90 latency of successful requests',
  'latencyMs.ok.p99': 'p99 latency of successful requests',
  'latencyMs.ok.p999': 'p99.9 latency of successful requests',
  'requests.errorRatio': 'share of requests that failed',
  'requests.goodputPerSecond': 'goodput',
  'attempts.amplification': 'attempts per request',
  'cost.totalUsd': 'monthly cost',
  'collapse.probability': 'P(collapse)',
  'collapse.recoveryMs.median': 'median recovery time',
};

/** What a figure is measured in, from its name. */
function unitOf(figure: string): string {
  if (figure.startsWith('latencyMs.') || figure.startsWith('stagesMs.')) return 'ms';
  if (figure.startsWith('cost.')) return 'USD per month';
  if (/Ratio$/.test(figure) || figure === 'collapse.probability') return 'share (0 to 1)';
  if (figure.startsWith('collapse.recoveryMs')) return 'ms';
  if (/PerSecond$/.test(figure)) return 'per second';
  return 'count';
}

export function sweepChart(input: SweepReportInput, figure: string): ChartSpec | null {
  if (input.points.length === 0 || input.parameters.length === 0) return null;
  // points are told apart by their values as given; the compact label is only for display (1000000 and 1000050 both read 1M)
  const xs = [...new Set(input.points.map((p) => sweptValueText(p.values[0])))];
  const seriesKey = (values: readonly unknown[]) => input.parameters.slice(1).map((p, i) => `${p.name}=${sweptValueText(values[i + 1])}`).join(', ');
  const seriesLabel = (values: readonly unknown[]) => input.parameters.slice(1).map((p, i) => `${p.name}=${label(values[i + 1])}`).join(', ');
  const keys = [...new Set(input.points.map((p) => seriesKey(p.values)))];
  const replicated = input.replications > 1;
  const datasets: ChartDataset<'line'>[] = keys.flatMap((key, i) => {
    const color = SERIES[i % SERIES.length];
    const at = (pick: 'mean' | 'low' | 'high') =>
      xs.map((x) => {
        const point = input.points.find((p) => seriesKey(p.values) === key && sweptValueText(p.values[0]) === x);
        return round(point ? new Map(point.summary.figures).get(figure)?.[pick] : undefined);
      });
    const first = input.points.find((p) => seriesKey(p.values) === key);
    const name = (first ? seriesLabel(first.values) : key) || figure;
    const mean: ChartDataset<'line'> = { label: name, data: at('mean'), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 3 };
    if (!replicated) return [mean];
    const band = { borderWidth: 0, pointRadius: 0, borderColor: withAlpha(color, 0.2), backgroundColor: withAlpha(color, 0.2) };
    return [mean, { label: `${name}: 95 % interval`, data: at('low'), ...band }, { label: `${name}: 95 % interval (high)`, data: at('high'), fill: '-1', ...band }];
  });
  if (datasets.every((d) => d.data.every((v) => v === null))) return null;
  const x = input.parameters[0];
  const values = datasets.flatMap((d) => d.data).filter((v): v is number => typeof v === 'number');
  const logY = x.log && values.length > 0 && values.every((v) => v > 0);
  return {
    name: `sweep-${figure.replace(/[^A-Za-z0-9]+/g, '-')}`,
    title: `${TITLES[figure] ?? figure} against ${x.name}`,
    config: {
      type: 'line',
      data: { labels: xs.map((x) => label(input.points.find((p) => sweptValueText(p.values[0]) === x)?.values[0])), datasets: datasets as ChartDataset[] },
      options: {
        animation: false,
        plugins: {
          title: { display: true, text: `${input.scenario.name}: ${TITLES[figure] ?? figure}${replicated ? ` (mean of ${input.replications} replications, 95 % interval shaded)` : ''}`, font: { size: 18 } },
          legend: { position: 'bottom' },
        },
        scales: {
          x: { title: { display: true, text: `${x.name}${x.log ? ' (log-spaced)' : ''}` } },
          // a log-spaced sweep (monthly volume) spans orders of magnitude on y too
          y: logY ? { type: 'logarithmic', title: { display: true, text: `${unitOf(figure)} (log scale)` } } : { beginAtZero: true, title: { display: true, text: unitOf(figure) } },
        },
      },
    } as ChartConfiguration,
  };
}

export function sweepCharts(input: SweepReportInput): ChartSpec[] {
  return input.charts.map((figure) => sweepChart(input, figure)).filter((c): c is ChartSpec => c !== null);
}
