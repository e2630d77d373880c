/**
 * `apigw-sim report <run-folder>`: draws report.html and charts/*.png again
 * from a finished run's run.json and timeseries.csv, without simulating
 * (after an upgrade that adds a chart, or with node-canvas newly installed).
 * The folder is rebuilt under a temporary name and put in place whole, as
 * `run` writes it.
 */
import { cp } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { writeFolderAtomic } from '../../report/atomic-write.js';
import { pngRenderer } from '../../report/charts/png-renderer.js';
import { readRunFolder, RunFolderError } from '../../report/run-folder.js';
import { CliError } from '../cli-error.js';
import { DRAWN_FILES, inside, runReporters, writeReports } from '../reporters.js';
import { noteMissingCanvas } from '../terminal.js';

interface ReportOptions {
  out?: string;
  quiet?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("draw report.html and charts/*.png again from a finished run's folder (run.json, timeseries.csv), without simulating")
    .argument('<run-folder>', 'a folder `apigw-sim run` wrote, e.g. reports/rest-lambda-basic')
    .option('--out <dir>', 'write a copy of the folder, redrawn, here instead of redrawing it in place')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  apigw-sim report reports/rest-lambda-basic\n  apigw-sim report reports/retry-storm --out /tmp/storm-redrawn')
    .action(async (folder: string, options: ReportOptions) => {
      const input = await readRunFolder(folder).catch((error: unknown) => {
        throw error instanceof RunFolderError ? new CliError(error.message, error.hint) : error;
      });
      // without node-canvas the PNGs already there stay: nothing could replace them
      const keepCharts = 'unavailable' in (await pngRenderer());
      const outDir = options.out ?? folder;
      if (resolve(outDir).startsWith(resolve(folder) + sep)) throw new CliError(`--out ${outDir} is inside ${folder}`, 'give a folder outside the run folder, or no --out to redraw it in place');
      // the folder written is replaced whole: one that holds the run folder would take it (and its neighbours) away
      if (resolve(folder).startsWith(resolve(outDir) + sep)) throw new CliError(`--out ${outDir} holds ${folder}`, 'give a folder of its own: --out replaces the folder it names');
      const written = await writeFolderAtomic(outDir, async (dir) => {
        await cp(folder, dir, { recursive: true, filter: (source) => keepCharts || !isDrawn(folder, source) });
        return inside(dir, await writeReports(input, dir, runReporters(DRAWN_FILES)));
      });
      if (options.quiet) return;
      await writeReports(input, outDir, runReporters(['terminal']));
      process.stdout.write(`\nredrew ${outDir}/ (${written.join(', ')}) from ${folder}/run.json and ${input.series.length} intervals of timeseries.csv\n`);
      await noteMissingCanvas();
    });
}

/** report.html and charts/ (what report draws again), not the data files. */
function isDrawn(folder: string, source: string): boolean {
  const inside = relative(resolve(folder), resolve(source));
  return inside === 'report.html' || inside.split(sep)[0] === 'charts';
}
