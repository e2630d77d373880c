/**
 * A lesson: a scenario with a `lesson` section, run as itself (`base`) and
 * as each of its variants (values set as `sweep --set` sets them, or
 * another scenario file), and the claims its explanation makes, checked on
 * the runs' figures.
 *
 * Pure: a variant's other scenario file is read through the `VariantFiles`
 * it is given (./lesson.ts reads them from disk for the CLI; the
 * browser playground from the lessons bundled into its page).
 */
import type { CostEstimate } from '../cost/cost-estimate.js';
import type { PriceTable } from '../cost/price-table.js';
import { absentFigure } from '../metrics/replicated-summary.js';
import { evaluateThresholds, metricDefinition, pointFigures, type Threshold } from '../metrics/thresholds.js';
import { parseScenarioText, type LoadedScenario } from '../scenario/scenario-text.js';
import { runScenario, type RunResult } from '../scenario/run.js';
import { costOfRun } from '../cost/run-cost.js';
import type { Scenario } from '../scenario/schema.js';
import { unproducibleFigure } from './claim-figures.js';
import { figuresOf } from './replication.js';
import { scenarioWith } from './scenario-with.js';

export type Lesson = NonNullable<Scenario['lesson']>;

export interface LessonVariant {
  name: string;
  /** The file its scenario comes from. */
  file: string;
  scenario: Scenario;
  raw: unknown;
  notes: string[];
}

export interface RanVariant extends LessonVariant {
  result: RunResult;
  cost: CostEstimate;
  figures: Array<[string, number]>;
  /** The events some component of this variant counts (records.eventNames). */
  eventNames: readonly string[];
}

export interface ClaimResult {
  says: string;
  pass: boolean;
  /** What was checked and seen: `p99 > 400ms (observed 612.3 ms)`. */
  detail: string;
}

/**
 * Reads the scenario file a variant names (`scenario: ../other.yaml`,
 * relative to the lesson's file): its path, as reports name it, and its
 * text (null when there is no such file). A file that cannot be read
 * throws its own ScenarioError.
 */
export type VariantFiles = (lessonFile: string, relativePath: string) => { file: string; text: string | null };

/** The base scenario and each variant's, checked (an error names the variant). */
export function lessonVariantsFrom(file: string, text: string, loaded: LoadedScenario, files: VariantFiles): LessonVariant[] {
  const lesson = loaded.scenario.lesson as Lesson;
  const variants: LessonVariant[] = [{ name: 'base', file, scenario: loaded.scenario, raw: loaded.raw, notes: [] }];
  lesson.variants.forEach((v, i) => {
    if (v.scenario !== undefined) {
      const other = files(file, v.scenario);
      if (other.text === null) throw loaded.problemAt(['lesson', 'variants', i, 'scenario'], `${other.file}: no such file`, 'a path relative to this scenario file');
      const parsed = parseScenarioText(other.text, other.file);
      variants.push({ name: v.name, file: other.file, scenario: parsed.scenario, raw: parsed.raw, notes: [] });
      return;
    }
    const assignments = Object.entries(v.set ?? {}).map(([name, value]) => ({ name, path: name.split('.'), value, given: `lesson.variants[${i}].set.${name}` }));
    const at = scenarioWith(text, file, assignments);
    if ('skipped' in at) throw loaded.problemAt(['lesson', 'variants', i], at.skipped, 'a variant must be a workload the front door can take');
    variants.push({ name: v.name, file, scenario: { ...at.scenario, name: `${at.scenario.name}-${v.name}` }, raw: at.raw, notes: at.notes });
  });
  refuseUnproducibleFigures(lesson, variants, loaded);
  return variants;
}

/**
 * A claim on a figure its variant cannot produce (an outcome no part of it
 * answers with, a canary figure without a canary) could never fail: one
 * error at the claim's line (./claim-figures.ts). So could a claim that an
 * event never happened, unless it is `counted`: the event reads as 0
 * wherever nothing counts it.
 */
function refuseUnproducibleFigures(lesson: Lesson, variants: readonly LessonVariant[], loaded: LoadedScenario): void {
  const scenarioOf = new Map(variants.map((v) => [v.name, v.scenario]));
  const check = (variant: string, metric: string, path: PropertyKey[]) => {
    const scenario = scenarioOf.get(variant);
    const problem = scenario && unproducibleFigure(scenario, figureOf(metric));
    if (problem) throw loaded.problemAt(path, `${problem.message} (variant ${variant})`, problem.hint);
  };
  lesson.claims.forEach((claim, i) => {
    if ('expect' in claim) {
      return claim.expect.forEach((t) => {
        const path = ['lesson', 'claims', i, 'expect', t.metric];
        check(claim.variant, t.metric, path);
        const figure = figureOf(t.metric);
        const onIt = claim.expect.filter((other) => figureOf(other.metric) === figure);
        const none = absentFigure(figure);
        // "none happened": holds at the count an absent event reads as, and not at one more (an upper bound such as "< 80" can fail)
        const noneHappened = onIt.every((other) => holds(other, none)) && !onIt.every((other) => holds(other, none + 1));
        if (figure.startsWith('events.') && !claim.counted && noneHappened) {
          const said = onIt.map((other) => other.text).join(', ');
          throw loaded.problemAt(
            path,
            `"${t.metric}: ${said}" says the event never happened, which also holds where nothing counts it (a misspelt name, a part the variant lacks): the claim could not fail`,
            'add counted: true to the claim: it then fails unless a component of the variant counts the event from the start (docs/lessons.md)',
          );
        }
      });
    }
    const { metric, variant, than } = claim.compare;
    for (const name of [variant, than]) check(name, metric, ['lesson', 'claims', i, 'compare', 'metric']);
  });
}

/** The figure of summary.csv a claim's metric reads: a threshold metric's (p99, errorRate...), or the name itself. */
function figureOf(metric: string): string {
  return metricDefinition(metric)?.figure ?? metric;
}

/** Whether a threshold holds for `value` (what an event no component counts reads as). */
function holds(t: Threshold, value: number): boolean {
  return evaluateThresholds([t], new Map([[figureOf(t.metric), { mean: value, low: value, high: value }]]), false)[0].pass;
}

/** Each variant run with its scenario's seed, and priced with its own Region's table (a variant may set cost.region). */
export function runVariants(variants: readonly LessonVariant[], pricesFor: (scenario: Scenario) => PriceTable): RanVariant[] {
  return variants.map((v) => {
    const result = runScenario(v.scenario);
    const cost = costOfRun(result, pricesFor(v.scenario));
    return { ...v, result, cost, figures: figuresOf(result.summary, cost), eventNames: result.records.eventNames };
  });
}

/** Every claim of the lesson, held or not, on the variants' figures. */
export function checkClaims(lesson: Lesson, ran: ReadonlyArray<Pick<RanVariant, 'name' | 'figures'> & Partial<Pick<RanVariant, 'eventNames'>>>): ClaimResult[] {
  const figures = new Map(ran.map((v) => [v.name, pointFigures(v.figures)]));
  const events = new Map(ran.map((v) => [v.name, v.eventNames && new Set(v.eventNames)]));
  // an event no component of the variant counts reads as 0, so "<= 0" on it would hold whatever the scenario: a `counted` claim on one
  // fails (not checked for a variant given without its event names: the playground posts figures only)
  const uncounted = (variant: string, figure: string) => {
    const names = events.get(variant);
    return figure.startsWith('events.') && names !== undefined && !names.has(figure.slice('events.'.length));
  };
  return lesson.claims.map((claim) => {
    if ('expect' in claim) {
      const results = evaluateThresholds(claim.expect, figures.get(claim.variant) ?? new Map(), false);
      const named = claim.counted ? claim.expect.map((t) => figureOf(t.metric)) : [];
      const missing = named.filter((f) => uncounted(claim.variant, f));
      const details = results.map((r) => `${claim.variant}: ${r.message.slice(2)}`).concat(missing.map((f) => `${claim.variant}: ${f}: no component of this variant counts it`));
      return { says: claim.says, pass: missing.length === 0 && results.every((r) => r.pass), detail: details.join('; ') };
    }
    const { metric, variant, is, than } = claim.compare;
    // a threshold metric (p99, monthlyCost...) or any figure of summary.csv (stagesMs.authorizer.mean...)
    const figure = figureOf(metric);
    const a = figures.get(variant)?.get(figure)?.mean ?? absentFigure(figure);
    const b = figures.get(than)?.get(figure)?.mean ?? absentFigure(figure);
    const pass = is === 'lower' ? a < b : a > b;
    return { says: claim.says, pass, detail: `${metric}: ${variant} ${format(a)} is ${pass ? '' : 'not '}${is} than ${than} ${format(b)}` };
  });
}

const format = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(5))) : 'no value');
