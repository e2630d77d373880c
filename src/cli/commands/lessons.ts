/**
 * `apigw-sim lessons`: the lesson library (scenarios/lessons/*.yaml, each
 * with a `lesson` section). `lessons` lists them with their question;
 * `lessons run <name>` runs one with its variants and prints the
 * explanation beside the key figures and its claims checked; `lessons run
 * --all` runs every one and writes a small static site for a classroom.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Command } from 'commander';
import { checkClaims, lessonVariants, runVariants, type ClaimResult, type Lesson, type RanVariant } from '../../experiment/lesson.js';
import { claimOutputFolder, writeFileAtomic, writeFolderAtomic } from '../../report/atomic-write.js';
import { money } from '../../report/cost-tables.js';
import { escapeHtml } from '../../report/html-page.js';
import { renderTable, wrapText } from '../../report/fit-table.js';
import { writeCharts } from '../../report/chart-reporter.js';
import { lessonCompareChart } from '../../report/charts/lesson-charts.js';
import { disposeRecords } from '../../metrics/recorder.js';
import { metricDefinition } from '../../metrics/thresholds.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { CliError, ThresholdsFailed } from '../cli-error.js';
import { pricesForScenarios, resolveScenarioPrices } from '../prices.js';
import { reportInputOf } from '../report-input-of.js';
import { RUN_FOLDER, runReporters, writeReports } from '../reporters.js';
import { refuseOversizedRun } from '../run-size.js';
import { noteMissingCanvas } from '../terminal.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { packageFile } from '../../io/package-files.js';

/** The bundled lessons: scenarios/lessons/ of the package (dist/cli/commands -> the root). */
export const LESSONS_DIR = `${packageFile('scenarios', 'lessons')}/`;

export interface LessonFile {
  name: string;
  file: string;
  lesson: Lesson;
}

function lessonFiles(dir: string): LessonFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const file = join(dir, f);
      const { scenario } = loadScenarioFile(file);
      return scenario.lesson ? [{ name: basename(f, '.yaml'), file, lesson: scenario.lesson }] : [];
    });
}

export function registerLessons(program: Command): void {
  const lessons = program
    .command('lessons')
    .description('the lesson library: each lesson a question, a scenario with its variants, an explanation and its claims checked')
    .option('--dir <folder>', 'a folder of lesson scenarios instead of the bundled scenarios/lessons/')
    .option(...JSON_FLAG)
    .action((options: { dir?: string; json?: boolean }) => {
      const all = lessonFiles(options.dir ?? LESSONS_DIR);
      if (options.json) {
        printJson({ lessons: all.map((l) => ({ name: l.name, file: l.file, title: l.lesson.title, question: l.lesson.question, examSignal: l.lesson.examSignal, variants: ['base', ...l.lesson.variants.map((v) => v.name)] })) });
        return;
      }
      const rows = all.map((l) => [l.name, l.lesson.question]);
      const table = renderTable({ head: ['lesson', 'question'], rows, colAligns: ['left', 'left'], wrap: [1] });
      process.stdout.write(`${table}\nrun one: apigw-sim lessons run <lesson>; all of them, as a site: apigw-sim lessons run --all\n`);
    });
  lessons
    .command('run')
    .description('run a lesson (or --all) with its variants, print its explanation, figures and claims, and write its reports')
    .argument('[lesson]', 'a lesson name (see apigw-sim lessons) or a lesson scenario file')
    .option('--all', 'run every lesson and write an index page linking their reports')
    .option('--out <dir>', 'folder for the reports (default: reports/lessons)')
    .option('--quiet', 'print nothing but errors and failed claims')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits); never above the memory limit')
    .option(...JSON_FLAG)
    .action(async (name: string | undefined, options: { all?: boolean; out?: string; quiet?: boolean; force?: boolean; json?: boolean }, command: Command) => {
      const parent = command.parent?.opts() as { dir?: string; json?: boolean };
      const dir = parent.dir ?? LESSONS_DIR;
      // `lessons run x --json`: commander gives a flag both commands declare to the parent
      if (parent.json) options.json = true;
      const out = options.out ?? join('reports', 'lessons');
      if (options.all === true && name !== undefined) throw new CliError(`give a lesson name or --all, not both (--all with "${name}")`, 'apigw-sim lessons run <lesson> runs one; apigw-sim lessons run --all runs every one');
      if (options.all !== true && name === undefined) throw new CliError('give a lesson name, or --all for every one', `lessons: ${lessonFiles(dir).map((l) => l.name).join(', ')} (apigw-sim lessons gives their questions)`);
      const chosen = options.all ? lessonFiles(dir) : [findLesson(dir, name as string)];
      if (options.all) await checkIndexPage(join(out, 'index.html'));
      for (const l of chosen) await claimOutputFolder(join(out, l.name)); // every folder before the first lesson runs
      let failed = 0;
      const ran: Array<{ lesson: LessonFile; claims: ClaimResult[]; out: string; variants: LessonVariantJson[] }> = [];
      // --json: nothing printed while the lessons run, then one document
      const print = options.json ? 'none' : options.quiet ? 'failed' : 'card';
      for (const l of chosen) {
        const { claims, variants } = await runLesson(l, join(out, l.name), print, options.force === true);
        failed += claims.filter((c) => !c.pass).length;
        ran.push({ lesson: l, claims, out: join(out, l.name), variants });
      }
      if (options.all) {
        await writeFileAtomic(join(out, 'index.html'), lessonIndex(ran));
        if (!options.quiet && !options.json) process.stdout.write(`wrote ${join(out, 'index.html')}: ${ran.length} lessons\n`);
      }
      if (options.json) {
        const lessons = ran.map((r) => ({ name: r.lesson.name, title: r.lesson.lesson.title, out: r.out, variants: r.variants, claims: r.claims }));
        printJson({ lessons, ...(options.all ? { index: join(out, 'index.html') } : {}), failedClaims: failed });
      } else if (!options.quiet) await noteMissingCanvas();
      if (failed > 0) throw new ThresholdsFailed(failed);
    });
}

function findLesson(dir: string, name: string): LessonFile {
  if (name.endsWith('.yaml') || name.endsWith('.json')) {
    const { scenario } = loadScenarioFile(name);
    if (!scenario.lesson) throw new CliError(`${name} has no lesson section`, 'a lesson scenario has lesson: { title, question, explanation, examSignal, ... }');
    return { name: basename(name).replace(/\.(yaml|json)$/, ''), file: name, lesson: scenario.lesson };
  }
  const all = lessonFiles(dir);
  const found = all.find((l) => l.name === name);
  if (!found) throw new CliError(`no lesson "${name}"`, `lessons: ${all.map((l) => l.name).join(', ')}`);
  return found;
}

/** A variant in `lessons run --json`: its folder and key figures (the names of summary.csv; NaN, as null, where a figure has no value). */
interface LessonVariantJson {
  name: string;
  report: string;
  figures: Record<string, number>;
}

const KEY_FIGURES = ['latencyMs.ok.p50', 'latencyMs.ok.p99', 'latencyMs.all.p99', 'requests.errorRatio', 'attempts.amplification', 'cost.totalUsd'];

/** Runs the lesson's variants, writes each one's report folder, prints the card (or only the failed claims, on stderr, or nothing); the claims, checked, and the variants' key figures. */
async function runLesson(l: LessonFile, outDir: string, print: 'card' | 'failed' | 'none', force: boolean): Promise<{ claims: ClaimResult[]; variants: LessonVariantJson[] }> {
  const loaded = loadScenarioFile(l.file);
  resolveScenarioPrices(loaded.scenario, undefined, loaded.problemAt); // the file's own Region, with its line
  const pricesFor = pricesForScenarios(undefined);
  const variants = lessonVariants(l.file, loaded.text, loaded);
  for (const v of variants) pricesFor(v.scenario); // every variant's prices, before any runs
  // and every variant's size (the base is variants[0]; variant i is the lesson's variants[i - 1])
  variants.forEach((v, i) => refuseOversizedRun(v.scenario, loaded.problemAt, i === 0 ? { force } : { force, label: `variant "${v.name}"`, at: ['lesson', 'variants', i - 1] }));
  await claimOutputFolder(outDir);
  const ran = runVariants(variants, pricesFor);
  const claims = checkClaims(l.lesson, ran);
  const names = ran.map((v) => v.name);
  await writeFolderAtomic(outDir, async (dir) => {
    for (const v of ran) {
      const input = reportInputOf(relative(process.cwd(), v.file), v.raw, v.scenario, v.result, v.cost);
      input.lesson = { title: l.lesson.title, question: l.lesson.question, explanation: l.lesson.explanation, examSignal: l.lesson.examSignal, variant: v.name, variants: names, claims };
      await writeReports(input, join(dir, v.name), runReporters(RUN_FOLDER));
    }
    const compare = compareChart(l, ran);
    if (compare) await writeCharts([compare], dir);
  });
  for (const v of ran) disposeRecords(v.result.records);
  const figures = ran.map((v) => {
    const byName = new Map(v.figures);
    return { name: v.name, report: join(outDir, v.name, 'report.html'), figures: Object.fromEntries(KEY_FIGURES.map((f) => [f, byName.get(f) ?? NaN])) };
  });
  if (print === 'failed') {
    for (const c of claims.filter((claim) => !claim.pass)) process.stderr.write(`${l.name}: ✗ ${c.says} (${c.detail})\n`);
  } else if (print === 'card') {
    process.stdout.write(`${lessonCard(l, ran, claims)}\n${wrapText(`wrote ${outDir}/ (${names.map((n) => `${n}/`).join(', ')}; open ${join(outDir, 'base', 'report.html')})`, undefined, '  ')}\n\n`);
  }
  return { claims, variants: figures };
}

/**
 * The lesson's `chart`, when it names a figure (`monthlyCost`, `p99`,
 * `stagesMs.overhead.mean`) rather than a run chart: that figure for every
 * variant, as bars (charts/compare.png of the lesson's folder).
 */
function compareChart(l: LessonFile, ran: readonly RanVariant[]) {
  const definition = metricDefinition(l.lesson.chart);
  if (!definition) return null;
  const unit = { duration: 'ms', ratio: 'share (0 to 1)', money: 'USD per month', rate: 'per second', number: l.lesson.chart }[definition.kind];
  return lessonCompareChart(l.lesson.title, l.lesson.chart, unit, ran.map((v) => ({ variant: v.name, value: new Map(v.figures).get(definition.figure) ?? NaN })));
}

/** The lesson as the terminal shows it: title, question, explanation, the variants' key figures side by side, the claims. */
export function lessonCard(l: LessonFile, ran: readonly RanVariant[], claims: readonly ClaimResult[]): string {
  const figure = (v: RanVariant, name: string) => new Map(v.figures).get(name) ?? NaN;
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
  const rows: Array<[string, (v: RanVariant) => string]> = [
    ['p50 (ok requests)', (v) => ms(figure(v, 'latencyMs.ok.p50'))],
    ['p99 (ok requests)', (v) => ms(figure(v, 'latencyMs.ok.p99'))],
    ['p99 (all requests)', (v) => ms(figure(v, 'latencyMs.all.p99'))],
    ['requests that failed', (v) => `${(100 * figure(v, 'requests.errorRatio')).toFixed(2)} %`],
    ['attempts per request', (v) => figure(v, 'attempts.amplification').toFixed(3)],
    ['monthly cost', (v) => money(v.cost.totalUsd)],
  ];
  // a lesson with many variants is cut into several tables, each with the labels
  const table = renderTable({ head: ['', ...ran.map((v) => v.name)], rows: rows.map(([label, value]) => [label, ...ran.map(value)]) });
  const notes = [...new Set(ran.flatMap((v) => v.notes))].map((n) => wrapText(`note: ${n}`, undefined, '  '));
  return [
    wrapText(`== ${l.lesson.title} (${l.name})`),
    wrapText(`Q: ${l.lesson.question}`, undefined, '   '),
    '',
    wrapText(l.lesson.explanation.trim()),
    wrapText(`Exam signal: ${l.lesson.examSignal}`, undefined, '  '),
    table,
    ...claims.map((c) => wrapText(`${c.pass ? '✓' : '✗'} ${c.says} (${c.detail})`, undefined, '  ')),
    ...notes,
  ].join('\n');
}

const INDEX_TITLE = '<title>apigw-sim lessons</title>';

/** --all replaces --out's index.html only when it is the index an earlier --all wrote: a page of yours of that name stays. */
async function checkIndexPage(path: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'EISDIR') return '';
    throw error;
  });
  if (text !== null && !text.includes(INDEX_TITLE)) throw new CliError(`${path} exists and is not the lesson index apigw-sim writes`, 'lessons run --all writes index.html beside the lessons\' folders: move that file, or give another --out');
}

/** The classroom site's front page: every lesson, its question, its claims' state, a link to its report. */
function lessonIndex(ran: ReadonlyArray<{ lesson: LessonFile; claims: ClaimResult[] }>): string {
  const items = ran
    .map(({ lesson: l, claims }) => {
      const held = claims.filter((c) => c.pass).length;
      return `<li><a href="${encodeURIComponent(l.name)}/base/report.html">${escapeHtml(l.lesson.title)}</a><br>${escapeHtml(l.lesson.question)}<br><span class="note">${escapeHtml(l.lesson.examSignal)} · ${held} of ${claims.length} claims hold</span></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${INDEX_TITLE}
<style>body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 900px; padding: 0 1rem; color: #222; } li { margin: 1rem 0; } .note { color: #666; font-size: 0.9rem; }</style></head>
<body>
<h1>apigw-sim lessons</h1>
<p>Each lesson answers one question about API front doors on AWS by running a scenario and its variants; open a lesson for its explanation, its charts and the claims it makes, each checked on the run.</p>
<ol>
${items}
</ol>
</body>
</html>
`;
}
