/** `apigw-sim run <scenario>`: simulate, write the report folder, print the summary. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { runReplicated } from '../../experiment/replicated-run.js';
import { defaultWorkers } from '../../experiment/replication-pool.js';
import { wrapText } from '../../report/fit-table.js';
import { claimOutputFolder, writeFolderAtomic } from '../../report/atomic-write.js';
import type { ReportInput } from '../../report/report-input.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { MAX_REPLICATIONS, MAX_WORKERS, parseCount, parseSeed } from '../options.js';
import { resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { createProgress, createRunsProgress } from '../progress.js';
import { reportInputOf } from '../report-input-of.js';
import { inside, RUN_FOLDER, runReporters, writeReports } from '../reporters.js';
import { noteMissingCanvas } from '../terminal.js';
import { checkThresholds, thresholdsOf } from '../thresholds.js';
import { ThresholdsFailed } from '../cli-error.js';

interface RunOptions {
  seed?: string;
  out?: string;
  quiet?: boolean;
  force?: boolean;
  json?: boolean;
  prices?: string;
  replications?: string;
  workers?: string;
  threshold: string[];
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate a scenario and write summary.csv, timeseries.csv, cost.csv, run.json, report.html and charts/*.png')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', 'random seed (overrides the scenario\'s seed)')
    .option('--out <dir>', 'report folder (default: reports/<scenario name>)')
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option('--json', 'print the summary as JSON on stdout (for scripts)')
    .option('--prices <file>', "price table to use instead of the bundled one of the scenario's cost.region")
    .option('--replications <n>', 'independent runs with seeds seed, seed+1, ...: every figure as a mean with a 95 % confidence interval')
    .option('--workers <n>', 'worker threads for the replications beside the main thread (default: cores - 1; 0 runs them one after another)')
    .option('--threshold <check>', 'an SLO check such as "p99<300ms" or "errorRate<1%" (repeat; adds to the scenario\'s thresholds); exit code 3 when one fails', (value: string, previous: string[]) => [...previous, value], [])
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim run scenarios/rest-lambda-basic.yaml\n  apigw-sim run my.yaml --seed 7 --out /tmp/run7 --json | jq .latencyMs.ok.p99\n  apigw-sim run scenarios/retry-storm.yaml --replications 10',
    )
    .action(async (file: string, options: RunOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const { scenario, raw, problemAt } = loadScenarioFile(file);
      const thresholds = thresholdsOf(scenario.thresholds, options.threshold);
      // prices are resolved before the run, so a bad table or Region fails at once
      const prices = resolveScenarioPrices(scenario, options.prices, problemAt);
      const replications = options.replications === undefined ? 1 : parseCount('--replications', options.replications, 1, MAX_REPLICATIONS);
      const workers = options.workers === undefined ? defaultWorkers() : parseCount('--workers', options.workers, 0, MAX_WORKERS);
      // the main thread runs one replication while the workers run theirs
      refuseOversizedRun(scenario, problemAt, { force: options.force, runsAtOnce: Math.min(replications, workers + 1) });
      const outDir = options.out ?? join('reports', scenario.name);
      await claimOutputFolder(outDir); // checked and locked before the run, so a long run does not end in this error
      // one run: its simulated time; several: one bar over all of them
      const runs = replications > 1 ? createRunsProgress(process.stderr, { quiet: options.quiet, json: options.json, label: `${scenario.name}, ${replications} replications`, total: replications }) : null;
      const progress = replications > 1 ? runs : createProgress(process.stderr, { enabled: !options.quiet && !options.json, label: scenario.name });
      let run;
      try {
        run = await runReplicated(scenario, prices, { seed, replications, workers, progress: progress?.listener, onReplicationDone: runs?.runDone });
      } finally {
        progress?.stop();
      }
      const { first: result, firstCost: cost } = run;
      const input = reportInputOf(file, raw, scenario, result, cost);
      if (run.replicated) input.replicated = run.replicated;
      const checked = checkThresholds(thresholds, run.figures, input.replicated?.summary);
      if (checked.length > 0) input.thresholds = checked;
      const written = await writeFolderAtomic(outDir, async (dir) => inside(dir, await writeReports(input, dir, runReporters(RUN_FOLDER))));
      await printRun(input, outDir, written, options);
      const failures = checked.filter((c) => !c.pass).length;
      if (failures > 0) throw new ThresholdsFailed(failures);
    });
}

/** What `run` prints, by reporter name: the JSON summary for scripts, the tables for people, nothing with --quiet. */
export function printedReporters(options: Pick<RunOptions, 'json' | 'quiet'>): string[] {
  if (options.json) return ['json-stdout'];
  return options.quiet ? [] : ['terminal', 'thresholds'];
}

/** Prints the run once its folder is in place; with --quiet alone, only the failed thresholds, on stderr. */
async function printRun(input: ReportInput, outDir: string, written: readonly string[], options: RunOptions): Promise<void> {
  await writeReports(input, outDir, runReporters(printedReporters(options)));
  if (options.json) return;
  if (options.quiet) {
    for (const failed of (input.thresholds ?? []).filter((c) => !c.pass)) process.stderr.write(`${failed.message}\n`);
    return;
  }
  process.stdout.write(`\n${wrapText(`wrote ${outDir}/ (${written.join(', ')})`, undefined, '  ')}\n`);
  await noteMissingCanvas();
}
