/**
 * What the playground's worker runs, as a pure function of a scenario's
 * text: the same parse, run, bill and report text as the CLI, from the same
 * src/ files. A scenario with a `lesson` section runs as `lessons run` runs
 * it (its base and each variant, its claims checked); any other as `run`
 * does. Nothing here touches the DOM or a worker: test/web/ runs it in Node
 * and compares it with the CLI's files.
 */
import { costOfRun } from '../../../src/cost/run-cost.js';
import type { CostEstimate } from '../../../src/cost/cost-estimate.js';
import { bundledPriceTable, BUNDLED_REGIONS } from '../../../src/cost/prices.js';
import type { PriceTable } from '../../../src/cost/price-table.js';
import { checkClaims, lessonVariantsFrom, type ClaimResult, type Lesson, type LessonVariant, type VariantFiles } from '../../../src/experiment/lesson-plan.js';
import { figuresOf } from '../../../src/experiment/replication.js';
import { reportInputOf } from '../../../src/cli/report-input-of.js';
import { refuseOversizedRun } from '../../../src/cli/run-size.js';
import { disposeRecords } from '../../../src/metrics/recorder.js';
import type { TimeSeries } from '../../../src/metrics/time-series.js';
import { toCostCsv } from '../../../src/report/cost-csv.js';
import { toSummaryCsv, toTimeSeriesCsv } from '../../../src/report/csv-reporter.js';
import { toHtmlReport } from '../../../src/report/html-reporter.js';
import { toRunJson } from '../../../src/report/json-reporter.js';
import type { ReportInput } from '../../../src/report/report-input.js';
import { adaptToFrontDoor } from '../../../src/scenario/adapt-front-door.js';
import { runScenario } from '../../../src/scenario/run.js';
import { parseScenarioText, type LoadedScenario } from '../../../src/scenario/scenario-text.js';
import type { Scenario } from '../../../src/scenario/schema.js';

export interface VariantRun {
  name: string;
  /** The file its scenario comes from, as reports name it. */
  file: string;
  input: ReportInput;
  cost: CostEstimate;
  eventsExecuted: number;
}

export interface PlaygroundRun {
  lesson: Lesson | null;
  variants: VariantRun[];
  claims: ClaimResult[];
}

/** Told at every interval boundary of every variant's run: which variant, how far, and its rows so far. */
export type PlaygroundProgress = (variant: number, simulatedMs: number, durationMs: number, series: TimeSeries) => void;

export interface PlaygroundRequest {
  text: string;
  /** The scenario's file name, as errors and reports name it (`scenarios/lessons/retry-storm-jitter.yaml`). */
  file: string;
  /** Overrides the scenario's seed (as `run --seed`); every variant runs with it. */
  seed?: number;
  /** Reads the scenario file a lesson variant names. */
  files: VariantFiles;
  progress?: PlaygroundProgress;
}

/** The scenario parsed and its variants planned, with no run: every problem as the CLI reports it (a ScenarioError). */
export function planPlayground(text: string, file: string, files: VariantFiles): { loaded: LoadedScenario; variants: LessonVariant[] } {
  const loaded = parseScenarioText(text, file);
  const variants: LessonVariant[] = loaded.scenario.lesson ? lessonVariantsFrom(file, text, loaded, files) : [{ name: 'base', file, scenario: loaded.scenario, raw: loaded.raw, notes: [] }];
  for (const v of variants) pricesOf(v.scenario, loaded);
  // every variant's size, as `lessons run` checks it (the base is variants[0]; variant i is the lesson's variants[i - 1])
  variants.forEach((v, i) => refuseOversizedRun(v.scenario, loaded.problemAt, i === 0 ? {} : { label: `variant "${v.name}"`, at: ['lesson', 'variants', i - 1] }));
  return { loaded, variants };
}

/** Runs the scenario (and a lesson's variants) to the end, with the CLI's figures, bill and report text. */
export function runPlayground(request: PlaygroundRequest): PlaygroundRun {
  const { loaded, variants } = planPlayground(request.text, request.file, request.files);
  const ran = variants.map((_, i) => runVariantAt(request, i, { loaded, variants }));
  const lesson = loaded.scenario.lesson ?? null;
  const claims = lesson ? checkClaims(lesson, ran) : [];
  if (lesson) for (const v of ran) addLessonCard(v.run, lesson, variants.map((x) => x.name), claims);
  return { lesson, claims, variants: ran.map((v) => v.run) };
}

/**
 * One variant (the `index`th of the plan: 0 is the base) run to the end,
 * with its figures for the lesson's claims. Variants are independent (each
 * its own seeded streams), so a page may run them on several workers and
 * get what one worker running them in turn gets.
 */
export function runVariantAt(request: PlaygroundRequest, index: number, plan = planPlayground(request.text, request.file, request.files)): { run: VariantRun; name: string; figures: Array<[string, number]> } {
  const v = plan.variants[index];
  const progress = request.progress;
  const result = runScenario(v.scenario, { seed: request.seed, progress: progress && ((now, duration, _requests, series) => series && progress(index, now, duration, series)) });
  const cost = costOfRun(result, pricesOf(v.scenario, plan.loaded));
  const input = reportInputOf(v.file, v.raw, v.scenario, result, cost);
  disposeRecords(result.records);
  return { name: v.name, figures: figuresOf(result.summary, cost), run: { name: v.name, file: v.file, input, cost, eventsExecuted: result.eventsExecuted } };
}

/** The lesson's card on a variant's report (run.json and report.html), as `lessons run` writes it: every variant's name and the claims checked. */
export function addLessonCard(run: VariantRun, lesson: Lesson, names: readonly string[], claims: readonly ClaimResult[]): void {
  run.input.lesson = { title: lesson.title, question: lesson.question, explanation: lesson.explanation, examSignal: lesson.examSignal, variant: run.name, variants: names, claims };
}

/** The lesson's claims on its variants' figures (each variant's `figures` from runVariantAt). */
export function lessonClaims(text: string, file: string, ran: ReadonlyArray<{ name: string; figures: Array<[string, number]> }>): ClaimResult[] {
  const lesson = parseScenarioText(text, file).scenario.lesson;
  return lesson ? checkClaims(lesson, ran) : [];
}

/** The files of a run folder, as the CLI writes them (charts/*.png aside: the page draws its charts itself). */
export function runFiles(v: VariantRun): Record<'summary.csv' | 'timeseries.csv' | 'cost.csv' | 'run.json', string> {
  return {
    'summary.csv': toSummaryCsv(v.input.summary),
    'timeseries.csv': toTimeSeriesCsv(v.input.series),
    'cost.csv': toCostCsv(v.input.cost),
    'run.json': `${toRunJson(v.input)}\n`,
  };
}

/** report.html as the CLI writes it (Chart.js inlined: about 200 KB, so made only when asked for). */
export function runHtml(v: VariantRun): string {
  return toHtmlReport(v.input);
}

export interface FrontDoorCost {
  type: 'rest' | 'http' | 'alb';
  /** Why the type was left out (a feature it lacks that the workload needs), else null. */
  skipped: string | null;
  notes: string[];
  okShare: number;
  p50Ms: number;
  p99Ms: number;
  amplification: number;
  cost: CostEstimate | null;
}

export const COMPARED_TYPES = ['rest', 'http', 'alb'] as const;

/** The base scenario through REST, HTTP and ALB (as `compare --types rest,http,alb`), each with its month's bill. */
export function compareFrontDoors(text: string, file: string, seed?: number): FrontDoorCost[] {
  const loaded = parseScenarioText(text, file);
  return COMPARED_TYPES.map((type) => {
    const adapted = adaptToFrontDoor(loaded.scenario, type);
    if ('skipped' in adapted) return { type, skipped: adapted.skipped, notes: [], okShare: NaN, p50Ms: NaN, p99Ms: NaN, amplification: NaN, cost: null };
    const result = runScenario(adapted.scenario, { seed });
    const cost = costOfRun(result, pricesOf(adapted.scenario, loaded));
    const s = result.summary;
    disposeRecords(result.records);
    return { type, skipped: null, notes: adapted.notes, okShare: s.requests.ok / Math.max(1, s.requests.offered), p50Ms: s.latencyMs.ok.p50, p99Ms: s.latencyMs.ok.p99, amplification: s.attempts.amplification, cost };
  });
}

/** The bundled price table of the scenario's Region, or the CLI's error at `cost.region`. */
function pricesOf(scenario: Scenario, loaded: LoadedScenario): PriceTable {
  const table = bundledPriceTable(scenario.cost.region);
  if (table) return table;
  throw loaded.problemAt(['cost', 'region'], `"${scenario.cost.region}" has no bundled price table`, `bundled Regions: ${BUNDLED_REGIONS.join(', ')} (the playground has no --prices)`);
}
