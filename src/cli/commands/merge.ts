/**
 * `apigw-sim merge <shard folders...> --out DIR`: the shards' partial
 * results combined into exactly the files one machine would have written
 * (`run --replications` or `sweep`), byte for byte.
 */
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { aggregateReplications } from '../../experiment/aggregate.js';
import { MergeError, readPartials } from '../../experiment/shard.js';
import { planSweep, summarizeSweep } from '../../experiment/sweep.js';
import { checkOutputFolder, writeFolderAtomic } from '../../report/atomic-write.js';
import { writeReports } from '../../report/reporters.js';
import { readRunFolder, RunFolderError } from '../../report/run-folder.js';
import { writeSweepReport } from '../../report/sweep-report.js';
import { parseScenarioText } from '../../scenario/loader.js';
import type { ThresholdResult } from '../../metrics/thresholds.js';
import { formatThresholdLines } from '../../report/terminal-summary.js';
import { CliError, ThresholdsFailed } from '../cli-error.js';
import { useColor } from '../terminal.js';
import { checkThresholds } from '../thresholds.js';
import { parseParameter, sweepReportInputOf } from './sweep.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description("combine the shards' partial results into the files one machine would have written")
    .argument('<shard-folders...>', 'every folder `apigw-sim shard --out` wrote for this work')
    .requiredOption('--out <dir>', 'folder for the merged result')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  apigw-sim merge results/shard-* --out results/merged')
    .action(async (dirs: string[], options: { out: string; quiet?: boolean }) => {
      // the merged folder is written whole in place of --out: it must not hold the shards it reads
      const holding = dirs.find((d) => resolve(d) === resolve(options.out) || resolve(d).startsWith(resolve(options.out) + sep));
      if (holding) throw new CliError(`--out ${options.out} holds the shard folder ${holding}`, 'give a folder of its own: --out replaces the folder it names');
      await checkOutputFolder(options.out);
      const { work, results, firstDir } = await readPartials(dirs).catch(rethrow);
      let checked: ThresholdResult[] = [];
      const written = await writeFolderAtomic(options.out, async (dir) => {
        if (work.kind === 'sweep') {
          const plan = planSweep(work.scenario.text, work.scenario.file, work.sets.map(parseParameter));
          const { name } = parseScenarioText(work.scenario.text, work.scenario.file).scenario;
          const input = sweepReportInputOf(plan, summarizeSweep(plan, results), { name, file: work.scenario.file, replications: work.replications, metrics: work.metrics ?? undefined, charts: work.charts ?? undefined });
          return relative(dir, await writeSweepReport(input, dir));
        }
        const input = await readRunFolder(firstDir).catch(rethrow);
        input.replicated = { summary: aggregateReplications(results), runs: results };
        // the scenario's thresholds, checked on the merged intervals as run --replications checks them
        checked = checkThresholds(parseScenarioText(work.scenario.text, work.scenario.file).scenario.thresholds, [], input.replicated.summary);
        if (checked.length > 0) input.thresholds = checked;
        return relative(dir, await writeReports(input, dir));
      });
      if (!options.quiet) process.stdout.write(`merged ${dirs.length} shard${dirs.length === 1 ? '' : 's'} (${results.length} runs) into ${options.out}/ (${written.join(', ')})\n`);
      if (checked.length > 0 && !options.quiet) process.stdout.write(`${formatThresholdLines(checked, { color: useColor(process.stdout) })}\n`);
      const failures = checked.filter((c) => !c.pass).length;
      if (failures > 0) throw new ThresholdsFailed(failures);
    });
}

const relative = (dir: string, paths: string[]) => paths.map((f) => f.slice(dir.length + 1));

function rethrow(error: unknown): never {
  if (error instanceof MergeError || error instanceof RunFolderError) throw new CliError(error.message, error.hint);
  throw error;
}
