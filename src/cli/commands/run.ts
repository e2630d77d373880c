/** `apigw-sim run <scenario>`: simulate, write the report folder, print the summary. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { runReplicated } from '../../experiment/replicated-run.js';
import { defaultWorkers } from '../../experiment/replication-pool.js';
import { checkOutputFolder, writeFolderAtomic } from '../../report/atomic-write.js';
import { replicatedJson } from '../../report/json-reporter.js';
import { jsonSafe } from '../../report/number-format.js';
import { writeReports } from '../../report/reporters.js';
import { formatTerminalSummary } from '../../report/terminal-summary.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { MAX_REPLICATIONS, MAX_WORKERS, parseCount, parseSeed } from '../options.js';
import { resolveScenarioPrices } from '../prices.js';
import { createProgress } from '../progress.js';
import { reportInputOf } from '../report-input-of.js';
import { noteMissingCanvas, useColor } from '../terminal.js';
import { checkThresholds, thresholdsOf } from '../thresholds.js';
import { ThresholdsFailed } from '../cli-error.js';
import { formatThresholdLines } from '../../report/terminal-summary.js';

interface RunOptions {
  seed?: string;
  out?: string;
  quiet?: boolean;
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
      const outDir = options.out ?? join('reports', scenario.name);
      await checkOutputFolder(outDir); // before the run, so a long run does not end in this error
      const label = replications > 1 ? `${scenario.name} (replication 1 of ${replications})` : scenario.name;
      const progress = createProgress(process.stderr, { enabled: !options.quiet && !options.json, label });
      let run;
      try {
        run = await runReplicated(scenario, prices, { seed, replications, workers, progress: progress?.listener });
      } finally {
        progress?.stop();
      }
      const { first: result, firstCost: cost } = run;
      const input = reportInputOf(file, raw, scenario, result, cost);
      if (run.replicated) input.replicated = run.replicated;
      const checked = checkThresholds(thresholds, run.figures, input.replicated?.summary);
      if (checked.length > 0) input.thresholds = checked;
      const written = await writeFolderAtomic(outDir, async (dir) => (await writeReports(input, dir)).map((f) => f.slice(dir.length + 1)));
      if (options.json) {
        const replicated = input.replicated ? { replicated: replicatedJson(input.replicated.summary) } : {};
        const checks = checked.length > 0 ? { thresholds: checked } : {};
        process.stdout.write(`${JSON.stringify(jsonSafe({ ...result.summary, cost: { totalUsd: cost.totalUsd, basis: cost.basis, region: cost.region, effectiveDate: cost.effectiveDate }, ...replicated, ...checks }), null, 2)}\n`);
      } else if (!options.quiet) {
        process.stdout.write(formatTerminalSummary(input, { color: useColor(process.stdout) }));
        if (checked.length > 0) process.stdout.write(`${formatThresholdLines(checked, { color: useColor(process.stdout) })}\n`);
        process.stdout.write(`\nwrote ${outDir}/ (${written.join(', ')})\n`);
        await noteMissingCanvas();
      } else {
        for (const failed of checked.filter((c) => !c.pass)) process.stderr.write(`${failed.message}\n`);
      }
      const failures = checked.filter((c) => !c.pass).length;
      if (failures > 0) throw new ThresholdsFailed(failures);
    });
}
