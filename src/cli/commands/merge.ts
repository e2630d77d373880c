/**
 * `apigw-sim merge <shard folders...> --out DIR`: the shards' partial
 * results combined into exactly the files one machine would have written
 * (`run --replications` or `sweep`), byte for byte.
 */
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { aggregateReplications } from '../../experiment/aggregate.js';
import type { ReplicationResult } from '../../experiment/replication.js';
import { MergeError, readPartials, type WorkDefinition } from '../../experiment/shard.js';
import { planSweep, summarizeSweep } from '../../experiment/sweep.js';
import { claimOutputFolder, writeFolderAtomic } from '../../report/atomic-write.js';
import type { ReportInput } from '../../report/report-input.js';
import { toSummaryJson } from '../../report/json-reporter.js';
import { toSweepJson, type SweepReportInput } from '../../report/sweep-report.js';
import { readRunFolder, RunFolderError } from '../../report/run-folder.js';
import { parseScenarioText } from '../../scenario/loader.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { CliError, ThresholdsFailed } from '../cli-error.js';
import { inside, RUN_FOLDER, runReporters, SWEEP_FOLDER, sweepReporters, writeReports } from '../reporters.js';
import { checkThresholds } from '../thresholds.js';
import { parseParameter, sweepReportInputOf } from './sweep.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description("combine the shards' partial results into the files one machine would have written")
    .argument('<shard-folders...>', 'every folder `apigw-sim shard --out` wrote for this work')
    .requiredOption('--out <dir>', 'folder for the merged result')
    .option('--quiet', 'print nothing but errors')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim merge results/shard-* --out results/merged')
    .action(async (dirs: string[], options: { out: string; quiet?: boolean; json?: boolean }) => {
      // the merged folder is written whole in place of --out: it must not hold the shards it reads
      const holding = dirs.find((d) => resolve(d) === resolve(options.out) || resolve(d).startsWith(resolve(options.out) + sep));
      if (holding) throw new CliError(`--out ${options.out} holds the shard folder ${holding}`, 'give a folder of its own: --out replaces the folder it names');
      await claimOutputFolder(options.out);
      const { work, results, firstDir } = await readPartials(dirs).catch(rethrow);
      const { written, run, sweep } = await writeFolderAtomic(options.out, async (dir) => {
        if (work.kind === 'sweep') {
          const plan = planSweep(work.scenario.text, work.scenario.file, work.sets.map(parseParameter));
          const { name } = parseScenarioText(work.scenario.text, work.scenario.file).scenario;
          const input = sweepReportInputOf(plan, summarizeSweep(plan, results), { name, file: work.scenario.file, replications: work.replications, metrics: work.metrics ?? undefined, charts: work.charts ?? undefined });
          return { written: inside(dir, await writeReports(input, dir, sweepReporters(SWEEP_FOLDER))), run: undefined, sweep: input };
        }
        const input = await mergedRun(firstDir, results, work.scenario);
        return { written: inside(dir, await writeReports(input, dir, runReporters(RUN_FOLDER))), run: input, sweep: undefined };
      });
      if (options.json) {
        // the document run --replications --json or sweep --json would have printed, and what was merged
        const result = run ? JSON.parse(toSummaryJson(run)) : JSON.parse(toSweepJson(sweep as SweepReportInput));
        printJson({ kind: work.kind, shards: dirs.length, runs: results.length, out: options.out, written, [work.kind === 'sweep' ? 'sweep' : 'summary']: result });
      } else if (!options.quiet) {
        process.stdout.write(`merged ${dirs.length} shard${dirs.length === 1 ? '' : 's'} (${results.length} runs) into ${options.out}/ (${written.join(', ')})\n`);
        if (run) await writeReports(run, options.out, runReporters(['thresholds']));
      }
      const failures = (run?.thresholds ?? []).filter((c) => !c.pass).length;
      if (failures > 0) throw new ThresholdsFailed(failures);
    });
}

/** The first run's report with every shard's replications, and the scenario's thresholds checked on them as run --replications checks them. */
async function mergedRun(firstDir: string, results: readonly ReplicationResult[], scenario: WorkDefinition['scenario']): Promise<ReportInput> {
  const input = await readRunFolder(firstDir).catch(rethrow);
  input.replicated = { summary: aggregateReplications(results), runs: results };
  const checked = checkThresholds(parseScenarioText(scenario.text, scenario.file).scenario.thresholds, [], input.replicated.summary);
  if (checked.length > 0) input.thresholds = checked;
  return input;
}

function rethrow(error: unknown): never {
  if (error instanceof MergeError || error instanceof RunFolderError) throw new CliError(error.message, error.hint);
  throw error;
}
