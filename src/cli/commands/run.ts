/** `apigw-sim run <scenario>`: simulate, write the report folder, print the summary. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { csvReporter } from '../../report/csv-reporter.js';
import { jsonReporter } from '../../report/json-reporter.js';
import { jsonSafe } from '../../report/number-format.js';
import type { ReportInput, Reporter } from '../../report/report-input.js';
import { formatTerminalSummary } from '../../report/terminal-summary.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { runScenario } from '../../scenario/run.js';
import { parseSeed } from '../options.js';
import { useColor } from '../terminal.js';
import { TOOL } from '../version.js';

const REPORTERS: readonly Reporter[] = [csvReporter, jsonReporter];

interface RunOptions {
  seed?: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate a scenario and write summary.csv, timeseries.csv and run.json')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', 'random seed (overrides the scenario\'s seed)')
    .option('--out <dir>', 'report folder (default: reports/<scenario name>)')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the summary as JSON on stdout (for scripts)')
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim run scenarios/rest-lambda-basic.yaml\n  apigw-sim run my.yaml --seed 7 --out /tmp/run7 --json | jq .latencyMs.ok.p99',
    )
    .action(async (file: string, options: RunOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      const { scenario, raw } = loadScenarioFile(file);
      const result = runScenario(scenario, { seed });
      const outDir = options.out ?? join('reports', scenario.name);
      const input: ReportInput = {
        tool: TOOL,
        scenario: { name: scenario.name, description: scenario.description, file, echo: raw },
        seed: result.seed,
        summary: result.summary,
        series: result.records.series,
        usage: result.usage,
      };
      const written: string[] = [];
      for (const reporter of REPORTERS) written.push(...(await reporter.write(input, outDir)));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(jsonSafe(result.summary), null, 2)}\n`);
      } else if (!options.quiet) {
        process.stdout.write(formatTerminalSummary(input, { color: useColor(process.stdout) }));
        process.stdout.write(`\nwrote ${outDir}/ (${written.map((w) => w.slice(outDir.length + 1)).join(', ')})\n`);
      }
    });
}
