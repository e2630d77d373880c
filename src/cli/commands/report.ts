/**
 * `apigw-sim report <run-folder>`: draws report.html and charts/*.png again
 * from a finished run's run.json and timeseries.csv, without simulating
 * (after an upgrade that adds a chart, or with node-canvas newly installed).
 * Only a whole report is redrawn: one whose manifest (`.apigw-sim`, its
 * own or, for a compare type's or a lesson variant's folder, its parent's)
 * lists every file it holds, unchanged. The folder is rebuilt under a
 * temporary name and put in place whole, as `run` writes it (in place, the
 * whole report the manifest belongs to).
 */
import { cp } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { writeFolderAtomic } from '../../report/atomic-write.js';
import { toSummaryJson } from '../../report/json-reporter.js';
import { pngRenderer } from '../../report/charts/png-renderer.js';
import { checkAgainstManifest, MANIFEST_FILE, reportRootOf, type ManifestEntry } from '../../report/report-manifest.js';
import { readRunFolder, RunFolderError } from '../../report/run-folder.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { CliError } from '../cli-error.js';
import { DRAWN_FILES, inside, runReporters, writeReports } from '../reporters.js';
import { noteMissingCanvas } from '../terminal.js';

interface ReportOptions {
  out?: string;
  quiet?: boolean;
  json?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("draw report.html and charts/*.png again from a finished run's folder (run.json, timeseries.csv), without simulating")
    .argument('<run-folder>', 'a folder `apigw-sim run` wrote, e.g. reports/rest-lambda-basic')
    .option('--out <dir>', 'write a copy of the folder, redrawn, here instead of redrawing it in place')
    .option('--quiet', 'print nothing but errors')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim report reports/rest-lambda-basic\n  apigw-sim report reports/retry-storm --out /tmp/storm-redrawn')
    .action(async (folder: string, options: ReportOptions) => {
      const input = await readRunFolder(folder).catch(asCliError); // the files' own problems first, with their lines
      const report = await wholeReport(folder);
      // without node-canvas the PNGs already there stay: nothing could replace them
      const keepCharts = 'unavailable' in (await pngRenderer());
      const outDir = options.out ?? folder;
      if (resolve(outDir).startsWith(resolve(folder) + sep)) throw new CliError(`--out ${outDir} is inside ${folder}`, 'give a folder outside the run folder, or no --out to redraw it in place');
      // the folder written is replaced whole: one that holds the run folder would take it (and its neighbours) away
      if (resolve(folder).startsWith(resolve(outDir) + sep)) throw new CliError(`--out ${outDir} holds ${folder}`, 'give a folder of its own: --out replaces the folder it names');
      // in place, the whole report the manifest belongs to is rebuilt; a copy is the run folder alone
      const inPlace = options.out === undefined;
      const from = inPlace ? report.root : folder;
      const runIn = inPlace ? report.under : '';
      const copied = (path: string) => resolve(path) !== resolve(from, MANIFEST_FILE) && (keepCharts || !isDrawn(folder, path));
      const written = await writeFolderAtomic(inPlace ? report.root : outDir, async (dir) => {
        await cp(from, dir, { recursive: true, filter: copied });
        await checkCopy(dir, folder, expectedCopy(report, inPlace, (path) => copied(join(from, path))));
        const runDir = join(dir, runIn);
        // drawn from the checked copy's data (the same figures as read above, unless a run replaced the folder since)
        return inside(runDir, await writeReports(await readRunFolder(runDir).catch(asCliError), runDir, runReporters(DRAWN_FILES)));
      });
      if (options.json) {
        printJson({ folder, out: outDir, written, intervals: input.series.length, summary: JSON.parse(toSummaryJson(input)) });
        return;
      }
      if (options.quiet) return;
      await writeReports(input, outDir, runReporters(['terminal']));
      process.stdout.write(`\nredrew ${outDir}/ (${written.join(', ')}) from ${folder}/run.json and ${input.series.length} intervals of timeseries.csv\n`);
      await noteMissingCanvas();
    });
}

function asCliError(error: unknown): never {
  throw error instanceof RunFolderError ? new CliError(error.message, error.hint) : error;
}

interface WholeReport {
  /** the folder whose manifest lists the run folder: itself, or its parent */
  root: string;
  /** the run folder inside root ('' when it is root) */
  under: string;
  files: ManifestEntry[];
  folders: string[];
}

/** The run folder's report, checked whole against its manifest, or the first thing that is wrong with it. */
async function wholeReport(folder: string): Promise<WholeReport> {
  const { root, under, state } = await reportRootOf(folder);
  const again = 'run the scenario again';
  if (state.kind === 'none') throw new CliError(`${folder} has no manifest (${MANIFEST_FILE}), so apigw-sim cannot tell that its files are whole`, `it was written by an apigw-sim from before manifests, or not by apigw-sim; ${again}`);
  if (state.kind === 'unreadable') throw new CliError(`${join(folder, MANIFEST_FILE)} is not a manifest this apigw-sim can read`, `it was written by an earlier apigw-sim, or edited; ${again}`);
  if (state.kind === 'writing') throw new CliError(`${folder} is a report that was never finished (its manifest says it was still being written)`, again);
  const check = await checkAgainstManifest(join(root, under), state, under);
  const shown = (path: string) => join(folder, under === '' ? path : path.slice(under.length + 1));
  if (check.missing.length > 0) throw new CliError(`${shown(check.missing[0])} is missing: the report's manifest lists it, so the report is not whole`, `a run or a copy was cut short, or the file was deleted; ${again}`);
  if (check.changed.length > 0) throw new CliError(`${shown(check.changed[0])} was changed after apigw-sim wrote it (its size or SHA-256 is not the one in the manifest)`, `report redraws a report only as apigw-sim wrote it: put the file back, or ${again}`);
  if (check.unlisted.length > 0) throw new CliError(`${shown(check.unlisted[0])} is not one of the report's files (its manifest does not list it)`, 'report rebuilds the folder whole: move that file out of it');
  return { root, under, files: state.files, folders: state.folders };
}

/** The manifest the copy should match: the report's entries (under the run folder, for a copy of it alone) that were copied. */
function expectedCopy(report: WholeReport, inPlace: boolean, copied: (path: string) => boolean): { files: ManifestEntry[]; folders: string[] } {
  const prefix = inPlace || report.under === '' ? '' : `${report.under}/`;
  const strip = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : null);
  const files = report.files.flatMap((f) => {
    const path = strip(f.path);
    return path !== null && copied(path) ? [{ ...f, path }] : [];
  });
  const folders = report.folders.flatMap((f) => {
    const path = strip(f);
    return path !== null && path !== '' && copied(path) ? [path] : [];
  });
  return { files, folders };
}

/** The copy is the report that was checked: a run that replaced it meanwhile is an error, not a mix. */
async function checkCopy(dir: string, folder: string, expected: { files: ManifestEntry[]; folders: string[] }): Promise<void> {
  const check = await checkAgainstManifest(dir, expected);
  const differs = [...check.missing, ...check.changed, ...check.unlisted];
  if (differs.length > 0) throw new CliError(`${folder} changed while it was being read (${differs[0]})`, 'another run wrote to it meanwhile: run report again');
}

/** report.html and charts/ (what report draws again), not the data files. */
function isDrawn(folder: string, source: string): boolean {
  const inside = relative(resolve(folder), resolve(source));
  return inside === 'report.html' || inside.split(sep)[0] === 'charts';
}
