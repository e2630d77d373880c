/**
 * A sweep's reporters, by name: the files of its folder (`csv` sweep.csv,
 * `json` sweep.json, `charts` a PNG per charted figure) and what it prints
 * (`terminal`, the points as a table, and `json-stdout`, sweep.json for
 * scripts). Commands pick them by name, as a run's (reporters.ts).
 */
import Table from 'cli-table3';
import { writeCharts } from './chart-reporter.js';
import { formatSweptValue, sweepCharts } from './charts/sweep-charts.js';
import { money } from './cost-tables.js';
import { fileReporter, reporterRegistry, textReporter } from './reporter-registry.js';
import { toSweepCsv, toSweepJson, type SweepReportInput } from './sweep-report.js';

export const SWEEP_REPORTERS = reporterRegistry<SweepReportInput>('sweep', {
  csv: () => fileReporter('csv', 'sweep.csv', toSweepCsv),
  json: () => fileReporter('json', 'sweep.json', toSweepJson),
  charts: () => ({ name: 'charts', write: (input, outDir) => writeCharts(sweepCharts(input), outDir) }),
  terminal: (output) => textReporter('terminal', output, formatSweepTerminal),
  'json-stdout': (output) => textReporter('json-stdout', output, toSweepJson),
});

/** A sweep folder, in the order it is written. */
export const SWEEP_FOLDER: readonly string[] = ['csv', 'json', 'charts'];

/** The points as a table, then the sweep's notes (points skipped or adapted). */
export function formatSweepTerminal(input: SweepReportInput): string {
  return `${formatSweepTable(input)}\n${input.notes.map((note) => `note: ${note}\n`).join('')}`;
}

/** Points as rows: the swept values, then p99, the failed share and the monthly cost (mean ± half the interval when replicated). */
function formatSweepTable(input: SweepReportInput): string {
  const shown: Array<[string, string, (v: number) => string]> = [
    ['latencyMs.ok.p99', 'p99', (v) => `${v.toFixed(1)} ms`],
    ['requests.errorRatio', 'failed', (v) => `${(100 * v).toFixed(2)} %`],
    ['cost.totalUsd', 'USD / month', money],
  ];
  const head = [...input.parameters.map((p) => p.name), ...shown.map(([, title]) => title)];
  const table = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: head.map((_, i) => (i < input.parameters.length ? 'left' : 'right')) });
  for (const point of input.points) {
    const figures = new Map(point.summary.figures);
    const cell = ([name, , format]: [string, string, (v: number) => string]) => {
      const e = figures.get(name);
      if (!e || !Number.isFinite(e.mean)) return '–';
      return Number.isFinite(e.low) ? `${format(e.mean)} ± ${format((e.high - e.low) / 2)}` : format(e.mean);
    };
    table.push([...point.values.map(formatSweptValue), ...shown.map(cell)]);
  }
  return table.toString();
}
