/** `apigw-sim run <scenario>`: simulate, write the report folder, print the summary. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeFolderAtomic } from '../../report/atomic-write.js';
import { jsonSafe } from '../../report/number-format.js';
import { writeReports } from '../../report/reporters.js';
import { formatTerminalSummary } from '../../report/terminal-summary.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { runScenario } from '../../scenario/run.js';
import { costOfRun } from '../../scenario/run-cost.js';
import { resolvePrices } from '../prices.js';
import { createProgress } from '../progress.js';
import { noteMissingCanvas } from '../terminal.js';
import { reportInputOf } from '../report-input-of.js';
import { parseSeed } from '../options.js';
import { useColor } from '../terminal.js';

interface RunOptions {
  seed?: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
  prices?: string;
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
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim run scenarios/rest-lambda-basic.yaml\n  apigw-sim run my.yaml --seed 7 --out /tmp/run7 --json | jq .latencyMs.ok.p99',
    )
    .action(async (file: string, options: RunOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const { scenario, raw, problemAt } = loadScenarioFile(file);
      // prices are resolved before the run, so a bad table or Region fails at once
      const prices = resolvePrices(scenario.cost.region, options.prices, (message, hint) => problemAt(['cost', 'region'], message, hint));
      const progress = createProgress(process.stderr, { enabled: !options.quiet && !options.json, label: scenario.name });
      let result;
      try {
        result = runScenario(scenario, { seed, progress: progress?.listener });
      } finally {
        progress?.stop();
      }
      const cost = costOfRun(scenario, result, prices);
      const outDir = options.out ?? join('reports', scenario.name);
      const input = reportInputOf(file, raw, scenario, result, cost);
      const written = await writeFolderAtomic(outDir, async (dir) => (await writeReports(input, dir)).map((f) => f.slice(dir.length + 1)));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(jsonSafe({ ...result.summary, cost: { totalUsd: cost.totalUsd, basis: cost.basis, region: cost.region, effectiveDate: cost.effectiveDate } }), null, 2)}\n`);
      } else if (!options.quiet) {
        process.stdout.write(formatTerminalSummary(input, { color: useColor(process.stdout) }));
        process.stdout.write(`\nwrote ${outDir}/ (${written.join(', ')})\n`);
        await noteMissingCanvas();
      }
    });
}
