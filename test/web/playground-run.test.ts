/**
 * The playground's pure entry (web/src/core/playground-run.ts, what its Web
 * Worker runs) against the CLI: for lesson variants that between them have
 * every front door, integration, Region and kind of variant any lesson has,
 * each one's summary.csv, timeseries.csv, cost.csv, run.json and event count
 * equal the fingerprints the CLI's pipeline is held to (test/fingerprint,
 * which runs that pipeline on every shipped file); and for one lesson,
 * every file the playground offers equals, byte for byte, the one
 * `apigw-sim lessons run` writes, and its claims hold. The browser runs the same bundle of these files
 * (test/web/playground-browser.test.ts checks one lesson there).
 *
 * report.html inlines its Chart.js plugins as the source text of functions
 * (src/report/charts/*-plugin.ts), which is as the transpiler left them:
 * rolldown for the CLI (scripts/build.js), vitest's transform here. The page
 * is compared without that one `Chart.register(...)` call.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFrontDoors, planPlayground, runFiles, runHtml, runPlayground, runVariantAt } from '../../web/src/core/playground-run.js';
import { lessonEntries, libraryFiles, normalizePath } from '../../web/src/core/scenario-library.js';
import { toRunJson } from '../../src/report/json-reporter.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';
import { runCli } from '../cli/run-cli.js';
import { diskLibrary } from './library.js';

const library = diskLibrary();
const files = libraryFiles(library);
const recorded: Record<string, { summary: string; timeseries: string; cost: string; runJson: string; events: number }> = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fingerprint', 'fingerprints.json'), 'utf8'));
const withoutPluginSource = (html: string) => html.replace(/\nChart\.register\([\s\S]*?\);\nChart\.defaults/, '\nChart.register(/* plugins */);\nChart.defaults');
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('scenario library paths', () => {
  it.each([
    ['a sibling folder', 'scenarios/lessons/../retry-storm.yaml', 'scenarios/retry-storm.yaml'],
    ['dots and doubled slashes', './scenarios//lessons/./x.yaml', 'scenarios/lessons/x.yaml'],
    ['above the root stays above it', '../x.yaml', '../x.yaml'],
  ])('normalizes %s', (_, path, expected) => {
    expect(normalizePath(path)).toBe(expected);
  });

  it('resolves a variant file against the lesson, and says when there is none', () => {
    expect(files('scenarios/lessons/retry-storm-jitter.yaml', '../retry-storm-mitigated.yaml')).toEqual({ file: 'scenarios/retry-storm-mitigated.yaml', text: library['scenarios/retry-storm-mitigated.yaml'] });
    expect(files('scenarios/lessons/retry-storm-jitter.yaml', 'nope.yaml')).toEqual({ file: 'scenarios/lessons/nope.yaml', text: null });
  });
});

/** A variant of a lesson, with what it asks of the playground's pipeline and the work its run takes. */
interface VariantCase {
  lesson: { name: string; file: string };
  index: number;
  name: string;
  features: string[];
  events: number;
}

/**
 * Every variant of every lesson, with what it asks of the playground's
 * pipeline beyond the engine itself (which test/fingerprint holds to the
 * same fingerprints): its front door, integration and Region, and whether
 * it is made by `set` or from a file of its own; and its work, the events
 * its run takes as the fingerprints recorded them.
 */
function variantCases(lessons: ReadonlyArray<{ name: string; file: string }>): VariantCase[] {
  return lessons.flatMap((lesson) =>
    planPlayground(library[lesson.file], lesson.file, files).variants.map((v, index) => ({
      lesson,
      index,
      name: v.name,
      features: [
        `api ${v.scenario.api.type}`,
        `integration ${v.scenario.integration.type}`,
        `region ${v.scenario.cost.region}`,
        ...(index > 0 ? [v.file === lesson.file ? 'a variant by set' : 'a variant from its own file'] : []),
      ],
      events: recorded[`${lesson.file}#${v.name}`]?.events ?? Infinity,
    })),
  );
}

/**
 * Variants that between them have every feature any variant has, for the
 * least work (greedy weighted set cover: the most new features per event
 * run, ties to the first): the playground's pipeline is the same code for
 * every variant, so every kind of variant is compared rather than every
 * one, which would run each of them a second time.
 */
function coveringVariants(cases: readonly VariantCase[]): { chosen: VariantCase[]; features: string[] } {
  const all = new Set(cases.flatMap((c) => c.features));
  const left = new Set(all);
  const chosen: VariantCase[] = [];
  const worth = (c: VariantCase) => c.features.filter((f) => left.has(f)).length / c.events;
  while (left.size > 0) {
    const best = cases.reduce((a, b) => (worth(b) > worth(a) ? b : a));
    chosen.push(best);
    for (const f of best.features) left.delete(f);
  }
  return { chosen, features: [...all].sort() };
}

describe('the playground runs every kind of lesson variant as the CLI does', () => {
  const lessons = lessonEntries(library);
  const cases = variantCases(lessons);
  const { chosen, features } = coveringVariants(cases);
  it('lists the lessons `apigw-sim lessons` lists, and no other file of scenarios/lessons/', () => {
    const listed = runCli(['lessons']);
    expect(listed.status).toBe(0);
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    for (const l of lessons) expect(listed.stdout, l.name).toContain(l.name);
    const others = Object.keys(library).filter((f) => f.startsWith('scenarios/lessons/') && !lessons.some((l) => l.file === f));
    for (const f of others) expect(parseScenarioText(library[f], f).scenario.lesson, f).toBeUndefined();
  });

  it('compares variants that between them have every front door, integration, Region and kind of variant the lessons have', () => {
    expect(cases.every((c) => Number.isFinite(c.events)), 'every variant has a recorded fingerprint').toBe(true);
    expect(features).toEqual(expect.arrayContaining(['api rest', 'api http', 'api websocket', 'integration lambda', 'a variant by set', 'a variant from its own file']));
    expect(chosen.length).toBeLessThan(cases.length / 2);
    expect(new Set(chosen.flatMap((c) => c.features))).toEqual(new Set(features));
  });

  it.each(chosen.map((c) => [`${c.lesson.name}#${c.name}`, c] as const))('%s: its outputs equal the CLI\'s', (name, c) => {
    const { run: v } = runVariantAt({ text: library[c.lesson.file], file: c.lesson.file, files }, c.index);
    const out = runFiles(v);
    const fingerprint = { summary: sha(out['summary.csv']), timeseries: sha(out['timeseries.csv']), cost: sha(out['cost.csv']), runJson: sha(toRunJson({ ...v.input, lesson: undefined })), events: v.eventsExecuted };
    expect(fingerprint, name).toEqual(recorded[`${c.lesson.file}#${c.name}`]);
  }, 300_000);
});

describe('one lesson, file for file against `apigw-sim lessons run`', () => {
  // a lesson with a variant by set and one from a file of its own, a queue and a spike, a sixteenth of the retry storm's work
  it('queue-flattens-spike: summary.csv, timeseries.csv, cost.csv, run.json and report.html of every variant are the same bytes', () => {
    const out = mkdtempSync(join(tmpdir(), 'apigw-sim-web-'));
    const cli = runCli(['lessons', 'run', 'queue-flattens-spike', '--out', out, '--quiet']);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const file = 'scenarios/lessons/queue-flattens-spike.yaml';
    const run = runPlayground({ text: library[file], file, files });
    expect(run.variants.map((v) => v.name)).toEqual(['base', 'capped', 'sync']);
    expect(run.claims.length).toBeGreaterThan(0);
    for (const claim of run.claims) expect(claim.pass, claim.says).toBe(true);
    for (const v of run.variants) {
      const written = (name: string) => readFileSync(join(out, 'queue-flattens-spike', v.name, name), 'utf8');
      for (const [name, text] of Object.entries(runFiles(v))) expect(text, `${v.name}/${name}`).toBe(written(name));
      expect(withoutPluginSource(runHtml(v)) === withoutPluginSource(written('report.html')), `${v.name}/report.html`).toBe(true);
    }
  }, 300_000);
});

describe('errors and the front-door comparison', () => {
  it('a typo is the CLI\'s error: file, line, path, message and hint', () => {
    const file = 'scenarios/lessons/retry-storm-jitter.yaml';
    const typo = library[file].replace('  timeout: 1s\n', '  timeuot: 1s\n');
    const line = typo.split('\n').findIndex((l) => l.includes('timeuot')) + 1;
    let error: unknown;
    try {
      planPlayground(typo, file, files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems[0]).toMatchObject({ path: 'clients.timeuot', line, message: 'unknown key "timeuot"', hint: 'did you mean "timeout"?' });
  });

  it('a run far above the event limit is refused before it starts, with the message `run` gives', () => {
    const text = 'name: huge\nduration: 10d\ninterval: 1m\nload: { rate: 100000/s }\napi: { type: http }\nintegration: { type: lambda, duration: { mean: 10ms } }\n';
    const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-web-'));
    writeFileSync(join(dir, 'huge.yaml'), text);
    const cli = runCli(['run', 'huge.yaml', '--out', 'out'], { cwd: dir });
    expect(cli.status).toBe(2);
    expect(() => planPlayground(text, 'huge.yaml', files)).toThrow(ScenarioError);
    try {
      planPlayground(text, 'huge.yaml', files);
    } catch (error) {
      expect(`error: ${(error as ScenarioError).message}\n`).toBe(cli.stderr);
      expect((error as ScenarioError).problems[0]).toMatchObject({ path: 'duration', line: 2 });
    }
  });

  it('compares REST, HTTP and ALB for the same workload: an HTTP API costs less than REST per request', () => {
    const compared = compareFrontDoors(library['scenarios/rest-lambda-basic.yaml'], 'scenarios/rest-lambda-basic.yaml');
    expect(compared.map((c) => c.type)).toEqual(['rest', 'http', 'alb']);
    const cost = (type: string) => compared.find((c) => c.type === type)?.cost?.totalUsd ?? NaN;
    expect(cost('http')).toBeLessThan(cost('rest'));
    for (const c of compared) if (c.skipped === null) expect(c.okShare).toBeGreaterThan(0.5);
  }, 120_000);
});
