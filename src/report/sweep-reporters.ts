/**
 * A sweep's reporters, by name: the files of its folder (`csv` sweep.csv,
 * `json` sweep.json, `charts` a PNG per charted figure) and what it prints
 * (`terminal`, the points as a table, and `json-stdout`, sweep.json for
 * scripts). Commands pick them by name, as a run's (reporters.ts).
 */
import { writeCharts } from './chart-reporter.js';
import { mapCharts } from './charts/map-charts.js';
import { formatSweptValue, sweepCharts } from './charts/sweep-charts.js';
import { money } from './cost-tables.js';
import { renderTable, wrapText } from './fit-table.js';
import { fileReporter, reporterRegistry, textReporter } from './reporter-registry.js';
import { toSweepCsv, toSweepJson, type SweepReportInput } from './sweep-report.js';
import { toSweepHtml } from './sweep-html.js';

export const SWEEP_REPORTERS = reporterRegistry<SweepReportInput>('sweep', {
  csv: () => fileReporter('csv', 'sweep.csv', toSweepCsv),
  json: () => fileReporter('json', 'sweep.json', toSweepJson),
  charts: () => ({ name: 'charts', write: (input, outDir) => writeCharts([...mapCharts(input), ...sweepCharts(input)], outDir) }),
  html: () => fileReporter('html', 'report.html', toSweepHtml),
  terminal: (output) => textReporter('terminal', output, formatSweepTerminal),
  'json-stdout': (output) => textReporter('json-stdout', output, toSweepJson),
});

/** A sweep folder, in the order it is written. */
export const SWEEP_FOLDER: readonly string[] = ['csv', 'json', 'html', 'charts'];

/** The points as a table, then the sweep's notes (points skipped or adapted). */
export function formatSweepTerminal(input: SweepReportInput): string {
  return `${formatSweepTable(input)}\n${input.notes.map((note) => `${wrapText(`note: ${note}`, undefined, '  ')}\n`).join('')}`;
}

/** The columns of a map: P(collapse) with its interval, the median recovery time (never when half or more never recovered). */
const MAP_COLUMNS: Array<[string, string, (v: number) => string]> = [
  ['collapse.probability', 'P(collapse)', (v) => `${(100 * v).toFixed(0)} %`],
  ['collapse.recoveryMs.median', 'recovery (median)', (v) => (v === Infinity ? 'never' : `${(v / 1000).toFixed(1)} s`)],
  ['collapse.neverRecovered', 'never recovered', (v) => String(v)],
];

/** Points as rows: the swept values, then p99, the failed share and the monthly cost (mean ± half the interval when replicated); a map's collapse figures instead. */
function formatSweepTable(input: SweepReportInput): string {
  const shown: Array<[string, string, (v: number) => string]> = input.map
    ? MAP_COLUMNS
    : [
        ['latencyMs.ok.p99', 'p99', (v) => `${v.toFixed(1)} ms`],
        ['requests.errorRatio', 'failed', (v) => `${(100 * v).toFixed(2)} %`],
        ['cost.totalUsd', 'USD / month', money],
      ];
  const head = [...input.parameters.map((p) => p.name), ...shown.map(([, title]) => title)];
  const rows = input.points.map((point) => {
    const figures = new Map(point.summary.figures);
    const cell = ([name, , format]: [string, string, (v: number) => string]) => {
      const e = figures.get(name);
      if (!e || Number.isNaN(e.mean)) return '–';
      if (name === 'collapse.probability') return `${format(e.mean)} (${format(e.low)}–${format(e.high)})`;
      return Number.isFinite(e.low) && Number.isFinite(e.high) && name !== 'collapse.recoveryMs.median' ? `${format(e.mean)} ± ${format((e.high - e.low) / 2)}` : format(e.mean);
    };
    return [...point.values.map(formatSweptValue), ...shown.map(cell)];
  });
  const keep = input.parameters.length;
  return renderTable({ head, rows, colAligns: head.map((_, i) => (i < keep ? 'left' : 'right')), wrap: [...Array(keep).keys()], keep });
}
