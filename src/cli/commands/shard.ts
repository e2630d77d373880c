/**
 * `apigw-sim shard <scenario> --shards N --index I --out DIR`: one slice of
 * a replicated run (no --set) or of a sweep (--set), as a partial result
 * for `apigw-sim merge`. See ../../experiment/shard.ts.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { replicationOf, replicationSeeds, type ReplicationJob, type ReplicationResult } from '../../experiment/replication.js';
import { defaultWorkers, runReplications } from '../../experiment/replication-pool.js';
import { FIRST_RUN_FOLDER, PARTIAL_FILE, partialJson, shardJobNumbers, type WorkDefinition } from '../../experiment/shard.js';
import { planSweep, sweepJobs } from '../../experiment/sweep.js';
import type { PriceTable } from '../../cost/price-table.js';
import { claimOutputFolder, writeFileAtomic, writeFolderAtomic } from '../../report/atomic-write.js';
import { loadScenarioFile, type LoadedScenario } from '../../scenario/loader.js';
import { disposeRecords } from '../../metrics/recorder.js';
import { runScenario } from '../../scenario/run.js';
import { costOfRun } from '../../cost/run-cost.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { CliError } from '../cli-error.js';
import { MAX_REPLICATIONS, MAX_WORKERS, parseCount, parseSeed } from '../options.js';
import { pricesForScenarios, resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { reportInputOf } from '../report-input-of.js';
import { DATA_FILES, runReporters, writeReports } from '../reporters.js';
import { TOOL } from '../version.js';
import { checkMetricNames, collect, parseParameter } from './sweep.js';

interface ShardOptions {
  shards: string;
  index: string;
  out: string;
  replications?: string;
  set: string[];
  seed?: string;
  workers?: string;
  metrics?: string;
  charts?: string;
  prices?: string;
  quiet?: boolean;
  force?: boolean;
  json?: boolean;
}

export function registerShard(program: Command): void {
  program
    .command('shard')
    .description('run one slice (--index I of --shards N) of a replicated run or, with --set, of a sweep, and write a partial result for merge')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .requiredOption('--shards <n>', 'how many slices the work is cut into')
    .requiredOption('--index <i>', 'which slice this is, from 0 to shards - 1 (e.g. $JOB_COMPLETION_INDEX)')
    .requiredOption('--out <dir>', 'folder for the partial result')
    .option('--replications <n>', 'replications (per point, for a sweep)', '1')
    .option('--set <path=values>', 'a sweep parameter, as for sweep (repeat for a grid)', collect, [])
    .option('--seed <n>', "first seed (overrides the scenario's)")
    .option('--workers <n>', 'worker threads on this machine (default: cores - 1)')
    .option('--metrics <list>', "a sweep's sweep.csv figures, as for sweep")
    .option('--charts <list>', "a sweep's charted figures, as for sweep")
    .option('--prices <file>', "price table to use instead of the bundled one of the scenario's cost.region")
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim shard my.yaml --replications 40 --shards 4 --index 0 --out results/shard-0\n  apigw-sim shard my.yaml --set load.rate=500/s..5000/s:10 --replications 5 --shards 10 --index $JOB_COMPLETION_INDEX --out /results/shard-$JOB_COMPLETION_INDEX')
    .action(async (file: string, options: ShardOptions) => {
      const shards = parseCount('--shards', options.shards, 1, 100_000);
      const index = parseCount('--index', options.index, 0, shards - 1);
      const replications = parseCount('--replications', options.replications ?? '1', 1, MAX_REPLICATIONS);
      const workers = options.workers === undefined ? defaultWorkers() : parseCount('--workers', options.workers, 0, MAX_WORKERS);
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const loaded = loadScenarioFile(file);
      const prices = resolveScenarioPrices(loaded.scenario, options.prices, loaded.problemAt);
      const { text } = loaded; // as read once, with the limits on input files
      const sweep = options.set.length > 0;
      checkMetricNames('--metrics', options.metrics);
      checkMetricNames('--charts', options.charts);
      const jobs = sweep
        ? sweepJobs(planSweep(text, file, options.set.map(parseParameter)), pricesForScenarios(options.prices), { seed, replications })
        : replicationSeeds(seed ?? loaded.scenario.seed, replications).map((s, i): ReplicationJob => ({ index: i, seed: s, scenario: loaded.scenario, prices }));
      if (!sweep && replications < 2) throw new CliError('a replicated run to shard needs --replications 2 or more', 'e.g. --replications 20, or --set to shard a sweep');
      const mine = shardJobNumbers(jobs.length, shards, index).map((j) => jobs[j]);
      for (const scenario of new Set(mine.map((j) => j.scenario))) {
        refuseOversizedRun(scenario, loaded.problemAt, { force: options.force, runsAtOnce: Math.min(mine.length, workers + 1), label: sweep ? 'a point of the sweep' : undefined });
      }
      const work: WorkDefinition = {
        kind: sweep ? 'sweep' : 'replications',
        scenario: { file, text },
        replications,
        sets: options.set,
        seed: seed ?? null,
        prices: { region: prices.region, effectiveDate: prices.effectiveDate },
        metrics: options.metrics ?? null,
        charts: options.charts ?? null,
        jobs: jobs.length,
      };
      await claimOutputFolder(options.out); // checked and locked before the runs
      if (!options.quiet && !options.json) process.stderr.write(`shard ${index} of ${shards}: ${mine.length} of ${jobs.length} runs on ${workers} worker thread${workers === 1 ? '' : 's'}...\n`);
      await writeFolderAtomic(options.out, async (dir) => {
        const holdsFirst = !sweep && index === 0;
        const others = runReplications(holdsFirst ? mine.slice(1) : mine, workers);
        const first = holdsFirst ? await runFirst(file, loaded, prices, mine[0], join(dir, FIRST_RUN_FOLDER)) : [];
        const results = [...first, ...(await others)];
        await writeFileAtomic(join(dir, PARTIAL_FILE), partialJson({ tool: TOOL, work, shards, index, results }));
      });
      const files = [PARTIAL_FILE, ...(!sweep && index === 0 ? [`${FIRST_RUN_FOLDER}/`] : [])];
      if (options.json) printJson({ kind: work.kind, shard: index, shards, runs: mine.length, jobs: jobs.length, out: options.out, files });
      else if (!options.quiet) process.stdout.write(`wrote ${options.out}/ (${files.join(', ')}): merge it with the other shards' folders\n`);
    });
}

/** The first replication, whole: its data files for merge to draw the report from, and its result. */
async function runFirst(file: string, loaded: LoadedScenario, prices: PriceTable, job: ReplicationJob, dir: string): Promise<ReplicationResult[]> {
  const result = runScenario(loaded.scenario, { seed: job.seed });
  try {
    const cost = costOfRun(result, prices);
    await writeReports(reportInputOf(file, loaded.raw, loaded.scenario, result, cost), dir, runReporters(DATA_FILES));
    return [replicationOf(0, result, cost)];
  } finally {
    disposeRecords(result.records);
  }
}
