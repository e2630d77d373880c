/**
 * `apigw-sim compare <scenario> --types rest,http,alb`: the same workload
 * through each front door (same seed, so the same arrivals and Lambda
 * draws), each run's report in its own folder, and side by side:
 * `compare.csv` (latency, outcomes, the monthly bill line by line),
 * `cost.csv` (every type's bill), `crossover.csv` (each type's monthly
 * cost over a range of volumes, and where the cheapest changes) and
 * `report.html` (../../report/compare-report.ts; also --json's shape). Every
 * entry point of the catalog may be compared: the front doors adapted as
 * ./experiment/scenario-with.ts does, the event bus (`eventbridge`) set as
 * it is and skipped, with the schema's reason, where the workload does not
 * fit it, as `sweep --set api.type=...` does.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { CostEstimate } from '../../cost/cost-estimate.js';
import { crossoverTable, volumeGrid, type CostAtVolume, type Crossover, type CrossoverRow } from '../../cost/crossover.js';
import type { PriceTable } from '../../cost/price-table.js';
import type { RunSummary } from '../../metrics/summary.js';
import { API_TYPES, ENTRY_POINTS, type ApiType } from '../../catalog/entry-points.js';
import { claimOutputFolder, writeFileAtomic, writeFolderAtomic } from '../../report/atomic-write.js';
import { toCostCsv } from '../../report/cost-csv.js';
import { formatCostComparison, money } from '../../report/cost-tables.js';
import { writeCharts } from '../../report/chart-reporter.js';
import { compareCharts } from '../../report/charts/compare-charts.js';
import { displayWidth, TERMINAL_COLUMNS, wrapText } from '../../report/fit-table.js';
import { formatNumber } from '../../report/number-format.js';
import { compareJson, toCompareHtml, type CompareReportInput } from '../../report/compare-report.js';
import { scenarioWith } from '../../experiment/scenario-with.js';
import { MAX_MONTHLY_VOLUME } from '../../scenario/defaults.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { runScenario, type RunResult } from '../../scenario/run.js';
import { costOfRun } from '../../cost/run-cost.js';
import type { Scenario } from '../../scenario/schema.js';
import { CliError } from '../cli-error.js';
import { parseFrontDoorTypes, parseSeed } from '../options.js';
import { resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { createProgress } from '../progress.js';
import { reportInputOf } from '../report-input-of.js';
import { RUN_FOLDER, runReporters, writeReports } from '../reporters.js';
import { noteMissingCanvas, useColor } from '../terminal.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { TOOL } from '../version.js';

interface CompareOptions {
  types: string;
  seed?: string;
  out?: string;
  prices?: string;
  quiet?: boolean;
  force?: boolean;
  json?: boolean;
  from: string;
  to: string;
}

interface Compared {
  type: ApiType;
  scenario: Scenario;
  result: RunResult;
  cost: CostEstimate;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('run one workload through several front doors and compare latency, outcomes and monthly cost')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--types <types>', `entry points, comma-separated: ${API_TYPES.join(', ')}`, 'rest,http,alb')
    .option('--seed <n>', "random seed (overrides the scenario's seed)")
    .option('--out <dir>', 'report folder (default: reports/<scenario name>-compare)')
    .option('--prices <file>', "price table to use instead of the bundled one of the scenario's cost.region")
    .option('--from <volume>', 'crossover table: smallest monthly volume', '1M')
    .option('--to <volume>', 'crossover table: largest monthly volume', '10B')
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim compare scenarios/rest-lambda-basic.yaml\n  apigw-sim compare my.yaml --types rest,http --out /tmp/cmp\n  apigw-sim compare my.yaml --json | jq \'.runs[] | [.type, .cost.totalUsd]\'')
    .action(async (file: string, options: CompareOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const types = parseFrontDoorTypes('--types', options.types, { asynchronous: true });
      const { scenario, raw, problemAt, text } = loadScenarioFile(file);
      const as = (type: ApiType) => scenarioWith(text, file, [{ name: 'api.type', path: ['api', 'type'], value: type, given: `--types ${type}` }]);
      const prices = resolveScenarioPrices(scenario, options.prices, problemAt);
      for (const type of types) {
        const adapted = as(type); // each entry point's run, checked before the first runs
        if (!('skipped' in adapted)) refuseOversizedRun(adapted.scenario, problemAt, { force: options.force, label: `as ${type}` });
      }
      const from = volume('--from', options.from);
      const to = volume('--to', options.to);
      if (!(from < to)) throw new CliError(`--from ${options.from} is not below --to ${options.to}`, 'the crossover table runs from the smaller monthly volume to the larger, e.g. --from 1M --to 10B');
      const grid = volumeGrid(from, to);
      const outDir = options.out ?? join('reports', `${scenario.name}-compare`);
      await claimOutputFolder(outDir);
      const quiet = options.quiet === true || options.json === true; // --json: stdout holds the document only, and no progress

      const notes: string[] = [];
      const compared: Compared[] = [];
      for (const type of types) {
        const adapted = as(type);
        if ('skipped' in adapted) {
          notes.push(adapted.skipped);
          continue;
        }
        notes.push(...adapted.notes);
        if (!quiet) process.stderr.write(`running ${ENTRY_POINTS[type].label}...\n`);
        const progress = createProgress(process.stderr, { enabled: !quiet, label: type });
        let result;
        try {
          result = runScenario(adapted.scenario, { seed, progress: progress?.listener });
        } finally {
          progress?.stop();
        }
        compared.push({ type, scenario: adapted.scenario, result, cost: costOfRun(result, prices) });
      }
      if (compared.length === 0) throw new CliError('no front door left to compare', notes.join('; '));

      const costs = new Map<ApiType, CostAtVolume>(compared.map((c) => [c.type, costAtVolume(c, prices)]));
      const { rows, crossovers } = crossoverTable(costs, grid);
      const report: CompareReportInput = {
        tool: TOOL,
        scenario: { name: scenario.name, file },
        seed: compared[0].result.seed,
        runs: compared.map((c) => ({ type: c.type, summary: c.result.summary, cost: c.cost })),
        crossover: { rows, crossovers },
        notes,
      };
      const charts = await writeFolderAtomic(outDir, async (root) => {
        for (const c of compared) {
          const input = reportInputOf(file, raw, c.scenario, c.result, c.cost);
          await writeReports(input, join(root, c.type), runReporters(RUN_FOLDER));
        }
        await writeFileAtomic(join(root, 'compare.csv'), toCompareCsv(compared));
        await writeFileAtomic(join(root, 'cost.csv'), toCostCsv(compared.map((c) => c.cost)));
        await writeFileAtomic(join(root, 'crossover.csv'), toCrossoverCsv(rows, compared.map((c) => c.type)));
        await writeFileAtomic(join(root, 'report.html'), toCompareHtml(report));
        const written = await writeCharts(compareCharts(scenario.name, compared.map((c) => c.cost), rows, crossovers), root);
        return written.map((f) => f.slice(root.length + 1));
      });
      const files = ['compare.csv', 'cost.csv', 'crossover.csv', 'report.html', ...charts, ...compared.map((c) => `${c.type}/`)];
      if (options.json) {
        printJson(compareJson(report, { folder: outDir, files }));
        return;
      }
      if (options.quiet) return;
      const color = { color: useColor(process.stdout) };
      const parts = [
        formatSideBySide(compared),
        formatCostComparison(compared.map((c) => c.cost), color),
        wrapText(`month: ${compared[0].cost.basis}; prices: ${prices.region}, ${prices.effectiveDate}`, undefined, '  '),
        formatCrossovers(crossovers, grid),
        ...notes.map((n) => wrapText(`note: ${n}`, undefined, '  ')),
        wrapText(`wrote ${outDir}/ (${files.join(', ')})`, undefined, '  '),
      ];
      process.stdout.write(`${parts.join('\n')}\n`);
      await noteMissingCanvas();
    });
}

/** The run's month priced at another monthly volume: per-request usage scaled, hourly charges fixed. */
function costAtVolume(c: Compared, prices: PriceTable): CostAtVolume {
  return (monthlyRequests) => costOfRun({ ...c.result, costSpec: { ...c.result.costSpec, monthlyRequests } }, prices).totalUsd;
}

const SUFFIX: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9 };

function volume(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMB]?)(?:\/month)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * SUFFIX[match[2]] : NaN;
  if (!(value >= 1 && value <= MAX_MONTHLY_VOLUME)) throw new CliError(`${name} ${text} is not a monthly volume`, `give requests a month, from 1 to ${MAX_MONTHLY_VOLUME.toExponential(0)}, e.g. 1M, 500M or 10B`);
  return value;
}

/** Rows of figures, one column per front door. */
function toCompareCsv(compared: readonly Compared[]): string {
  const metrics = new Map<string, Array<string>>();
  const put = (metric: string, i: number, value: string) => {
    let row = metrics.get(metric);
    if (!row) metrics.set(metric, (row = compared.map(() => '')));
    row[i] = value;
  };
  compared.forEach((c, i) => {
    const s: RunSummary = c.result.summary;
    const r = s.requests;
    const figures: Array<[string, number]> = [
      ['requests.offered', r.offered],
      ['requests.ok', r.ok],
      ['requests.error', r.error],
      ['requests.timeout', r.timeout],
      ['requests.gave_up', r.gaveUp],
      ['requests.error_ratio', r.errorRatio],
      ['requests.goodput_per_s', r.goodputPerSecond],
      ['attempts.amplification', s.attempts.amplification],
      ...(['p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const).map((p): [string, number] => [`latency_ms.ok.${p}`, s.latencyMs.ok[p]]),
      ...Object.entries(s.attempts.outcomes).map(([label, n]): [string, number] => [`attempts.outcome.${label}`, n]),
    ];
    for (const [metric, value] of figures) put(metric, i, formatNumber(value));
    for (const line of c.cost.lines) put(`cost_usd.${line.service}: ${line.item}`, i, line.usd.toFixed(4));
    put('cost_usd.total', i, c.cost.totalUsd.toFixed(4));
  });
  return stringify([['metric', ...compared.map((c) => c.type)], ...[...metrics].map(([metric, values]) => [metric, ...values])]);
}

function toCrossoverCsv(rows: readonly CrossoverRow[], types: readonly ApiType[]): string {
  return stringify([
    ['monthly_requests', ...types.map((t) => `${t}_usd`), 'cheapest'],
    ...rows.map((r) => [String(r.monthlyRequests), ...types.map((t) => (r.usdByType[t] ?? NaN).toFixed(2)), r.cheapest]),
  ]);
}

/** The key figures, one column per entry point, named in full unless that is wider than the terminal (then ALB, Function URL...). */
function formatSideBySide(compared: readonly Compared[]): string {
  const full = formatFigures(compared, 'label');
  return Math.max(...full.split('\n').map(displayWidth)) <= TERMINAL_COLUMNS ? full : formatFigures(compared, 'shortLabel');
}

function formatFigures(compared: readonly Compared[], name: 'label' | 'shortLabel'): string {
  const head = ['', ...compared.map((c) => ENTRY_POINTS[c.type][name])];
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');
  const rows: string[][] = [
    ['ok requests', ...compared.map((c) => `${((100 * c.result.summary.requests.ok) / Math.max(1, c.result.summary.requests.offered)).toFixed(2)} %`)],
    ['p50', ...compared.map((c) => ms(c.result.summary.latencyMs.ok.p50))],
    ['p99', ...compared.map((c) => ms(c.result.summary.latencyMs.ok.p99))],
    ['attempts per request', ...compared.map((c) => c.result.summary.attempts.amplification.toFixed(3))],
    ['monthly cost', ...compared.map((c) => money(c.cost.totalUsd))],
  ];
  const widths = head.map((_, col) => Math.max(...[head, ...rows].map((r) => r[col].length)));
  const line = (r: string[]) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

function formatCrossovers(crossovers: readonly Crossover[], grid: readonly number[]): string {
  const range = `${compact(grid[0])} to ${compact(grid[grid.length - 1])} requests a month`;
  if (crossovers.length === 0) return `crossover: the same front door is cheapest from ${range}`;
  return [`crossover (${range}):`, ...crossovers.map((x) => `  above ${compact(x.monthlyRequests)} requests a month, ${ENTRY_POINTS[x.to].label} is cheaper than ${ENTRY_POINTS[x.from].label}`)].join('\n');
}

function compact(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))}B`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  return Math.round(n).toLocaleString('en-US');
}
