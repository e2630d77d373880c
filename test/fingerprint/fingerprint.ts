/**
 * A fingerprint of every output a shipped scenario makes: summary.csv,
 * timeseries.csv, cost.csv, run.json and the kernel's event count, for every
 * scenario in scenarios/ (each lesson variant as its own run). A refactor of
 * the model must leave every fingerprint as it was, unless it changes a
 * figure on purpose (and says which, and why, in its note).
 *
 * run.json has no timestamp (report/json-reporter.ts), so it is hashed whole;
 * the tool's version is in it, so a version bump refreshes the fingerprints.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { lessonVariants } from '../../src/experiment/lesson.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { toCostCsv } from '../../src/report/cost-csv.js';
import { toSummaryCsv, toTimeSeriesCsv } from '../../src/report/csv-reporter.js';
import { toRunJson } from '../../src/report/json-reporter.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { runScenario, type RunResult } from '../../src/scenario/run.js';
import type { CostEstimate } from '../../src/cost/cost-estimate.js';
import type { Scenario } from '../../src/scenario/schema.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Fingerprint {
  summary: string;
  timeseries: string;
  cost: string;
  runJson: string;
  events: number;
}

export interface ShippedRun {
  /** `scenarios/lessons/cold-starts.yaml#provisioned`; `#base` for a lesson's own scenario. */
  name: string;
  file: string;
  raw: unknown;
  scenario: Scenario;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(path);
    else if (entry.name.endsWith('.yaml')) yield path;
  }
}

/** Every scenario file under scenarios/, and every lesson variant, in a fixed order. */
export function shippedRuns(): ShippedRun[] {
  const runs: ShippedRun[] = [];
  for (const file of yamlFiles(join(ROOT, 'scenarios'))) {
    const loaded = loadScenarioFile(file);
    const name = relative(ROOT, file);
    if (!loaded.scenario.lesson) {
      runs.push({ name, file, raw: loaded.raw, scenario: loaded.scenario });
      continue;
    }
    for (const v of lessonVariants(file, readFileSync(file, 'utf8'), loaded)) runs.push({ name: `${name}#${v.name}`, file: v.file, raw: v.raw, scenario: v.scenario });
  }
  return runs;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function fingerprintOf(run: ShippedRun): Fingerprint {
  const result = runScenario(run.scenario);
  return fingerprintOfResult(run, result, costOfRun(result, bundledPriceTable(run.scenario.cost.region)!));
}

/** The fingerprint of a run already made (a lesson's variants run together, for their claims). */
export function fingerprintOfResult(run: Pick<ShippedRun, 'file' | 'raw' | 'scenario'>, result: RunResult, cost: CostEstimate): Fingerprint {
  const input = reportInputOf(relative(ROOT, run.file), run.raw, run.scenario, result, cost);
  return {
    summary: sha(toSummaryCsv(input.summary)),
    timeseries: sha(toTimeSeriesCsv(input.series)),
    cost: sha(toCostCsv(input.cost)),
    runJson: sha(toRunJson(input)),
    events: result.eventsExecuted,
  };
}
