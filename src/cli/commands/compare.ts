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
 *
 * `--designs sync,queue,topic,bus` compares designs instead of entry points:
 * the synchronous one as written beside its asynchronous alternatives
 * (../../experiment/designs.ts), one column (and folder) per design, with
 * what the caller saw beside what became of the work.
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
import { ACCEPTED_CAVEAT, compareJson, endToEndMs, designPoints, designTable, toCompareHtml, type CompareReportInput, type ComparedRun } from '../../report/compare-report.js';
import { designCharts } from '../../report/charts/compare-charts.js';
import { scenarioWith } from '../../experiment/scenario-with.js';
import { DESIGN_NAMES, DESIGNS, designScenario, designSourceProblem, unknownDesigns, type DesignName, type DesignProfile } from '../../experiment/designs.js';
import { SQS_EVENT_SOURCE, STANDARD_QUEUE } from '../../catalog/queues.js';
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
  designs?: string | true;
  batch?: string;
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
  /** Its column and folder: the entry point's type, or the design's name. */
  key: string;
  type: ApiType;
  scenario: Scenario;
  /** What its run folder's run.json echoes as the scenario file. */
  raw: unknown;
  result: RunResult;
  cost: CostEstimate;
  design?: DesignProfile;
}

/** A column to run: its key, how it is announced, and its scenario (or why it is skipped). */
interface Candidate {
  key: string;
  label: string;
  adapted: () => { scenario: Scenario; raw: unknown; notes: string[] } | { skipped: string };
  design?: DesignProfile;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('run one workload through several front doors and compare latency, outcomes and monthly cost')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--types <types>', `entry points, comma-separated: ${API_TYPES.join(', ')}`, 'rest,http,alb')
    .option('--designs [designs]', `designs instead of entry points, comma-separated: ${DESIGN_NAMES.join(', ')} (no value: every one that fits)`)
    .option('--batch <n>', `--designs queue: messages per invocation of the consumer, 1 to ${STANDARD_QUEUE.maxBatchSize.toLocaleString('en-US')} (default 1)`)
    .option('--seed <n>', "random seed (overrides the scenario's seed)")
    .option('--out <dir>', 'report folder (default: reports/<scenario name>-compare)')
    .option('--prices <file>', "price table to use instead of the bundled one of the scenario's cost.region")
    .option('--from <volume>', 'crossover table: smallest monthly volume', '1M')
    .option('--to <volume>', 'crossover table: largest monthly volume', '10B')
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim compare scenarios/rest-lambda-basic.yaml\n  apigw-sim compare my.yaml --types rest,http --out /tmp/cmp\n  apigw-sim compare my.yaml --designs sync,queue,topic,bus\n  apigw-sim compare my.yaml --json | jq \'.runs[] | [.type, .cost.totalUsd]\'')
    .action(async (file: string, options: CompareOptions, command: Command) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const byDesign = options.designs !== undefined;
      if (byDesign && command.getOptionValueSource('types') === 'cli') throw new CliError('--designs and --types cannot be given together', 'compare entry points (--types rest,http,alb) or designs (--designs sync,queue,topic,bus), one or the other');
      if (!byDesign && options.batch !== undefined) throw new CliError('--batch applies to the queue and sdk designs only', 'add --designs sync,queue (the batch size of the queue\'s consumer)');
      const designs = byDesign ? parseDesigns(options.designs as string | true) : [];
      const batchSize = options.batch === undefined ? undefined : parseBatch(options.batch);
      const types = byDesign ? [] : parseFrontDoorTypes('--types', options.types, { asynchronous: true });
      const loaded = loadScenarioFile(file);
      const { scenario, raw, problemAt, text } = loaded;
      const as = (type: ApiType) => scenarioWith(text, file, [{ name: 'api.type', path: ['api', 'type'], value: type, given: `--types ${type}` }]);
      if (byDesign) {
        const problem = designSourceProblem(scenario);
        if (problem) throw problemAt(problem.path, problem.message, problem.hint);
        if (batchSize !== undefined && !designs.some((d) => d.name === 'queue' || d.name === 'sdk')) throw new CliError('--batch applies to the queue and sdk designs only', `add queue or sdk to --designs (${designs.map((d) => d.name).join(',')})`);
      }
      const source = { raw: raw as Record<string, unknown>, scenario };
      const candidates: Candidate[] = byDesign
        ? designs.map((design) => ({ key: design.name, label: `the ${design.label} design`, design, adapted: () => designScenario(text, file, source, design, { batchSize }) }))
        : types.map((type) => ({ key: type, label: ENTRY_POINTS[type].label, adapted: () => as(type) }));
      const prices = resolveScenarioPrices(scenario, options.prices, problemAt);
      for (const c of candidates) {
        const adapted = c.adapted(); // each entry point's run, checked before the first runs
        if (!('skipped' in adapted)) refuseOversizedRun(adapted.scenario, problemAt, { force: options.force, label: `as ${c.key}` });
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
      for (const c of candidates) {
        const adapted = c.adapted();
        if ('skipped' in adapted) {
          notes.push(adapted.skipped);
          continue;
        }
        notes.push(...adapted.notes);
        if (!quiet) process.stderr.write(`running ${c.label}...\n`);
        const progress = createProgress(process.stderr, { enabled: !quiet, label: c.key });
        let result;
        try {
          result = runScenario(adapted.scenario, { seed, progress: progress?.listener });
        } finally {
          progress?.stop();
        }
        // a design's run folder echoes the design's scenario; an entry point's, the file as written (as before designs)
        compared.push({ key: c.key, type: adapted.scenario.api.type, scenario: adapted.scenario, raw: c.design ? adapted.raw : raw, result, cost: costOfRun(result, prices), design: c.design });
      }
      if (compared.length === 0) throw new CliError(`no ${byDesign ? 'design' : 'front door'} left to compare`, notes.join('; '));

      const costs = new Map<string, CostAtVolume>(compared.map((c) => [c.key, costAtVolume(c, prices)]));
      const { rows, crossovers } = crossoverTable(costs, grid);
      const runs: ComparedRun[] = compared.map((c) => ({ type: c.type, summary: c.result.summary, cost: c.cost, ...(c.design ? { design: designFigures(c.design, c.result) } : {}) }));
      const report: CompareReportInput = {
        tool: TOOL,
        scenario: { name: scenario.name, file },
        seed: compared[0].result.seed,
        runs,
        crossover: { rows, crossovers },
        notes,
      };
      const charts = await writeFolderAtomic(outDir, async (root) => {
        for (const c of compared) {
          const input = reportInputOf(file, c.raw, c.scenario, c.result, c.cost);
          await writeReports(input, join(root, c.key), runReporters(RUN_FOLDER));
        }
        await writeFileAtomic(join(root, 'compare.csv'), toCompareCsv(compared, runs));
        await writeFileAtomic(join(root, 'cost.csv'), toCostCsv(compared.map((c) => c.cost)));
        await writeFileAtomic(join(root, 'crossover.csv'), toCrossoverCsv(rows, compared.map((c) => c.key)));
        await writeFileAtomic(join(root, 'report.html'), toCompareHtml(report));
        const specs = byDesign ? designCharts(scenario.name, designPoints(runs), compared.map((c) => c.cost), rows, crossovers) : compareCharts(scenario.name, compared.map((c) => c.cost), rows as CrossoverRow[], crossovers as Crossover[]);
        const written = await writeCharts(specs, root);
        return written.map((f) => f.slice(root.length + 1));
      });
      const files = ['compare.csv', 'cost.csv', 'crossover.csv', 'report.html', ...charts, ...compared.map((c) => `${c.key}/`)];
      if (options.json) {
        printJson(compareJson(report, { folder: outDir, files }));
        return;
      }
      if (options.quiet) return;
      const color = { color: useColor(process.stdout) };
      const parts = [
        byDesign ? formatDesigns(runs) : formatSideBySide(compared),
        formatCostComparison(compared.map((c) => c.cost), byDesign ? { ...color, labels: compared.map((c) => (c.design as DesignProfile).label) } : color),
        wrapText(`month: ${compared[0].cost.basis}; prices: ${prices.region}, ${prices.effectiveDate}`, undefined, '  '),
        formatCrossovers(crossovers, grid, (key) => columnLabel(compared, key), byDesign ? 'design' : 'front door'),
        ...notes.map((n) => wrapText(`note: ${n}`, undefined, '  ')),
        wrapText(`wrote ${outDir}/ (${files.join(', ')})`, undefined, '  '),
      ];
      process.stdout.write(`${parts.join('\n')}\n`);
      await noteMissingCanvas();
    });
}

/** `--designs sync,queue`, or every design for a bare `--designs`. */
function parseDesigns(value: string | true): DesignProfile[] {
  if (value === true) return DESIGN_NAMES.map((n) => DESIGNS[n]);
  const names = value.split(',').map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0);
  const unknown = unknownDesigns(names);
  if (names.length === 0 || unknown.length > 0) throw new CliError(`--designs ${value}: ${unknown.length > 0 ? `unknown design ${unknown.map((u) => `"${u}"`).join(', ')}` : 'names no design'}`, `give some of ${DESIGN_NAMES.join(', ')}, comma-separated (or --designs alone for all of them)`);
  return [...new Set(names)].map((n) => DESIGNS[n as DesignName]);
}

function parseBatch(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > STANDARD_QUEUE.maxBatchSize) throw new CliError(`--batch ${text} is not a batch size`, `give a whole number of messages from 1 to ${STANDARD_QUEUE.maxBatchSize.toLocaleString('en-US')} (Lambda's limit for a standard queue; above ${SQS_EVENT_SOURCE.maxBatchWithoutWindow} a 1s batching window is added)`);
  return n;
}

function designFigures(design: DesignProfile, result: RunResult): NonNullable<ComparedRun['design']> {
  const s = result.summary;
  return { name: design.name, label: design.label, mode: design.mode, accepted: design.accepted, failedLater: design.failedLater(s), pending: design.pending(s) };
}

/** A column's name in words: the design's label, or the entry point's. */
function columnLabel(compared: readonly Compared[], key: string): string {
  const c = compared.find((x) => x.key === key);
  return c?.design ? `the ${c.design.label} design` : ENTRY_POINTS[key as ApiType].label;
}

/** The design table (../../report/compare-report.ts), its caveat under it. */
function formatDesigns(runs: readonly ComparedRun[]): string {
  const { head, rows } = designTable(runs);
  const widths = head.map((_, col) => Math.max(...[head, ...rows].map((r) => displayWidth(r[col]))));
  const line = (r: string[]) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  return [line(head), ...rows.map(line), wrapText(`* ${ACCEPTED_CAVEAT}`, undefined, '  ')].join('\n');
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

/** Rows of figures, one column per front door (or design, with its own figures last). */
function toCompareCsv(compared: readonly Compared[], runs: readonly ComparedRun[]): string {
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
    const design = runs[i].design;
    if (design) {
      const work = endToEndMs(runs[i]);
      put('design.accepted_means', i, design.accepted);
      put('design.end_to_end_ms.p50', i, formatNumber(work.p50));
      put('design.end_to_end_ms.p99', i, formatNumber(work.p99));
      put('design.failed_later', i, formatNumber(design.failedLater));
      put('design.not_processed_at_end', i, formatNumber(design.pending));
    }
    for (const line of c.cost.lines) put(`cost_usd.${line.service}: ${line.item}`, i, line.usd.toFixed(4));
    put('cost_usd.total', i, c.cost.totalUsd.toFixed(4));
  });
  return stringify([['metric', ...compared.map((c) => c.key)], ...[...metrics].map(([metric, values]) => [metric, ...values])]);
}

function toCrossoverCsv(rows: readonly CrossoverRow<string>[], types: readonly string[]): string {
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

function formatCrossovers(crossovers: readonly Crossover<string>[], grid: readonly number[], label: (key: string) => string, what: string): string {
  const range = `${compact(grid[0])} to ${compact(grid[grid.length - 1])} requests a month`;
  if (crossovers.length === 0) return `crossover: the same ${what} is cheapest from ${range}`;
  return [`crossover (${range}):`, ...crossovers.map((x) => `  above ${compact(x.monthlyRequests)} requests a month, ${label(x.to)} is cheaper than ${label(x.from)}`)].join('\n');
}

function compact(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))}B`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  return Math.round(n).toLocaleString('en-US');
}
