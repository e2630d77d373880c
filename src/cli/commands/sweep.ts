/** `apigw-sim sweep <scenario> --set path=values ...`: the scenario at every point of a grid, in parallel. */
import { join } from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { Command } from 'commander';
import { planMap } from '../../experiment/metastability-map.js';
import { defaultWorkers } from '../../experiment/replication-pool.js';
import { parseSetFlag, SweepSpecError, sweptValueText, type SweepParameter } from '../../experiment/sweep-spec.js';
import { planSweep, runSweep, type SweepPlan, type SweptPoint } from '../../experiment/sweep.js';
import { wrapText } from '../../report/fit-table.js';
import { claimOutputFolder, writeFolderAtomic } from '../../report/atomic-write.js';
import { COLLAPSE_SWEEP_METRICS, DEFAULT_SWEEP_CHARTS, DEFAULT_SWEEP_METRICS, METRIC_ALIASES, resolveMetrics, type SweepReportInput } from '../../report/sweep-report.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { CliError } from '../cli-error.js';
import { MAX_REPLICATIONS, MAX_WORKERS, parseCount, parseFrontDoorTypes, parseSeed } from '../options.js';
import { pricesForScenarios, resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { createRunsProgress } from '../progress.js';
import { inside, SWEEP_FOLDER, sweepReporters, writeReports } from '../reporters.js';
import { noteMissingCanvas } from '../terminal.js';
import { TOOL } from '../version.js';

interface SweepOptions {
  set: string[];
  map?: boolean;
  replications?: string;
  workers?: string;
  seed?: string;
  metrics?: string;
  charts?: string;
  prices?: string;
  out?: string;
  quiet?: boolean;
  force?: boolean;
  json?: boolean;
}

/** Points above this need --force-like intent: a typo in a range should not start a week of work. */
const MAX_JOBS = 100_000;

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run the scenario at every combination of --set values (or of its map section, --map), in parallel, and write sweep.csv, sweep.json, report.html and a chart per metric')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--set <path=values>', 'a scenario path and its values: a list (a,b,c) or a range (from..to:points, add :log for log spacing); repeat for a grid', collect, [])
    .option('--map', "a metastability map: the scenario's map section, every trigger size with every retry policy, replicated, drawn as heatmaps of P(collapse) and median recovery time")
    .option('--replications <n>', "replications per point (same seeds at every point), for 95 % intervals (default 1; with --map the map's replications)")
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--seed <n>', "first seed (overrides the scenario's)")
    .option('--metrics <list>', `figures for sweep.csv (names from summary.csv, or ${['p99', 'errorRate', 'monthlyCost', 'amplification'].join(', ')}...)`)
    .option('--charts <list>', 'figures to chart against the first swept parameter (default: p99,monthlyCost)')
    .option('--prices <file>', "price table to use instead of the bundled one of the scenario's cost.region")
    .option('--out <dir>', 'output folder (default: reports/<scenario name>-sweep)')
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option('--json', 'print every point and figure as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim sweep scenarios/rest-lambda-basic.yaml --set integration.memory=128MB,512MB,1GB\n  apigw-sim sweep scenarios/metastability-map.yaml --map\n  apigw-sim sweep my.yaml --set load.rate=500/s..5000/s:10 --replications 5\n  apigw-sim sweep my.yaml --set api.type=rest,http,alb --set cost.monthlyRequests=1M..10B:13:log --charts monthlyCost',
    )
    .action(async (file: string, options: SweepOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const workers = options.workers === undefined ? defaultWorkers(false) : parseCount('--workers', options.workers, 0, MAX_WORKERS);
      if (options.map && options.set.length > 0) throw new CliError("--map takes its axes from the scenario's map section, not from --set", 'drop --set, or change map.trigger and map.policies in the scenario');
      if (!options.map && options.set.length === 0) throw new CliError('sweep needs --set (or --map)', 'e.g. --set integration.memory=128MB,512MB,1GB, or --map for the scenario\'s metastability map');
      const parameters = options.set.map(parseParameter);
      const given = options.replications === undefined ? undefined : parseCount('--replications', options.replications, 1, MAX_REPLICATIONS);
      if (!options.map) refuseTooManyRuns(parameters.reduce((n, p) => n * p.values.length, 1), given ?? 1);
      checkMetricNames('--metrics', options.metrics);
      checkMetricNames('--charts', options.charts);
      const { scenario, problemAt, text } = loadScenarioFile(file); // the file's own problems first, with their lines
      if (options.map && !scenario.map) throw new CliError(`${file}: no map section`, 'add map: { trigger: { path, values }, policies: [...] } (docs/commands.md: Metastability maps), e.g. scenarios/metastability-map.yaml');
      const replications = given ?? scenario.map?.replications ?? 1;
      if (scenario.map && options.map) refuseTooManyRuns(scenario.map.trigger.values.length * scenario.map.policies.length, replications);
      resolveScenarioPrices(scenario, options.prices, problemAt); // the file's own Region, with its line
      const pricesFor = pricesForScenarios(options.prices);
      const plan = options.map && scenario.map ? planMap(text, file, scenario.map) : planSweep(text, file, parameters);
      if (plan.points.length === 0) throw new CliError('no point left to run', plan.notes.join('; '));
      for (const point of plan.points) pricesFor(point.scenario); // every point's prices, before any runs
      for (const point of plan.points) {
        const label = options.map ? `map: ${plan.parameters[0].name}=${sweptValueText(point.values[0])}, policy ${String(point.values[1])}` : `--set ${parameters.map((p, i) => `${p.name}=${sweptValueText(point.values[i])}`).join(' --set ')}`;
        refuseOversizedRun(point.scenario, problemAt, { force: options.force, runsAtOnce: Math.max(1, workers), label });
      }
      const outDir = options.out ?? join('reports', `${scenario.name}-sweep`);
      await claimOutputFolder(outDir);
      if (!options.quiet && !options.json) process.stderr.write(`sweeping ${plan.points.length} point${plan.points.length === 1 ? '' : 's'} × ${replications} replication${replications > 1 ? 's' : ''} on ${workers} worker thread${workers === 1 ? '' : 's'}...\n`);
      const progress = createRunsProgress(process.stderr, { quiet: options.quiet, json: options.json, label: options.map ? `${scenario.name} map` : `${scenario.name} sweep`, total: plan.points.length * replications });
      let swept;
      try {
        swept = await runSweep(plan, pricesFor, { seed, replications, workers, onRunDone: progress?.runDone });
      } finally {
        progress?.stop();
      }
      const input = sweepReportInputOf(plan, swept, { name: scenario.name, file, replications, metrics: options.metrics, charts: options.charts, map: options.map });
      const written = await writeFolderAtomic(outDir, async (dir) => inside(dir, await writeReports(input, dir, sweepReporters(SWEEP_FOLDER))));
      await writeReports(input, outDir, sweepReporters(printedReporters(options)));
      if (options.quiet || options.json) return;
      process.stdout.write(`${wrapText(`wrote ${outDir}/ (${written.join(', ')})`, undefined, '  ')}\n`);
      await noteMissingCanvas();
    });
}

export const collect = (value: string, previous: string[]) => [...previous, value];

/** A typo in a range or a map should not start a week of work. */
function refuseTooManyRuns(points: number, replications: number): void {
  if (points * replications > MAX_JOBS) throw new CliError(`${points} points × ${replications} replications is more than ${MAX_JOBS.toLocaleString('en-US')} runs`, 'fewer points or replications, or split it with apigw-sim shard');
}

/** What `sweep` prints, by reporter name: sweep.json for scripts, the table for people, nothing with --quiet. */
function printedReporters(options: Pick<SweepOptions, 'json' | 'quiet'>): string[] {
  if (options.json) return ['json-stdout'];
  return options.quiet ? [] : ['terminal'];
}

/** What the sweep's reporters are given (also by `merge`, from the shards' results). */
export function sweepReportInputOf(
  plan: SweepPlan,
  swept: SweptPoint[],
  options: { name: string; file: string; replications: number; metrics?: string; charts?: string; map?: boolean },
): SweepReportInput {
  // figures any point has (a rest point has a cache, an http point does not)
  const known = [...new Set(swept.flatMap((point) => point.summary.figures.map(([name]) => name)))];
  return {
    tool: TOOL,
    scenario: { name: options.name, file: options.file },
    parameters: plan.parameters.map((p) => ({ name: p.name, log: p.log })),
    points: swept,
    replications: options.replications,
    metrics: metricList('--metrics', options.metrics, defaultMetrics(known), known),
    charts: metricList('--charts', options.charts, options.map ? MAP_CHARTS : DEFAULT_SWEEP_CHARTS, known),
    notes: plan.notes,
    ...(options.map ? { map: true } : {}),
  };
}

export function parseParameter(text: string): SweepParameter {
  let parameter: SweepParameter;
  try {
    parameter = parseSetFlag(text);
  } catch (error) {
    throw error instanceof SweepSpecError ? new CliError(error.message, error.hint) : error;
  }
  // front doors are applied as compare does (not through the file), so check them here
  if (parameter.name === 'api.type') parseFrontDoorTypes(`--set ${parameter.name}`, parameter.values.join(','), { asynchronous: true });
  return parameter;
}

/**
 * Before any run: a figure name without a dot must be an alias (p99,
 * monthlyCost...); names of summary.csv (with dots) are checked against the
 * run's figures once there are some.
 */
export function checkMetricNames(flag: string, text: string | undefined): void {
  for (const name of (text ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '')) {
    if (!name.includes('.') && !(name in METRIC_ALIASES)) throw new CliError(`${flag}: no figure "${name}"`, `did you mean "${closest(name, Object.keys(METRIC_ALIASES))}"? (or a figure of summary.csv, such as latencyMs.ok.p99)`);
  }
}

/** A map's line chart beside its heatmaps: P(collapse) against the trigger, a line per policy, its interval shaded. */
const MAP_CHARTS = ['collapse.probability'];

/** The default columns, with each function's cold starts when there are any, and the collapse figures when there is a trigger. */
function defaultMetrics(known: readonly string[]): string[] {
  return [...DEFAULT_SWEEP_METRICS, ...known.filter((n) => /^events\..*coldStarts$/.test(n)), ...COLLAPSE_SWEEP_METRICS.filter((n) => known.includes(n))];
}

function metricList(flag: string, text: string | undefined, fallback: readonly string[], known: readonly string[]): string[] {
  const list = text === undefined ? fallback : text.split(',').map((m) => m.trim()).filter((m) => m !== '');
  const resolved = resolveMetrics(list, known);
  if ('unknown' in resolved) throw new CliError(`${flag}: no figure "${resolved.unknown}"`, `did you mean "${resolved.suggestion}"? (figures are the metric names of summary.csv)`);
  return resolved.names;
}
