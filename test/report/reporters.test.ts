/**
 * The reporter registries: every reporter listed by name, each file
 * reporter writing the files its name says (and nothing to the text
 * output), each printing reporter writing to the text output it is given
 * (a string here) and no file, and an unknown name refused with the names
 * there are.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { toSummaryCsv } from '../../src/report/csv-reporter.js';
import { toRunJson, toSummaryJson } from '../../src/report/json-reporter.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { UnknownReporterError, writeReports } from '../../src/report/reporter-registry.js';
import { DATA_FILES, DRAWN_FILES, RUN_FOLDER, RUN_REPORTERS } from '../../src/report/reporters.js';
import { toSweepCsv, toSweepJson, type SweepReportInput } from '../../src/report/sweep-report.js';
import { formatSweepTerminal, SWEEP_FOLDER, SWEEP_REPORTERS } from '../../src/report/sweep-reporters.js';
import { toSweepHtml } from '../../src/report/sweep-html.js';
import { formatTerminalSummary, formatThresholdLines } from '../../src/report/terminal-summary.js';
import { DRAWS_PNG } from '../cli/run-cli.js';
import { runInput, stringSink, sweepInput } from './report-inputs.js';

const SMALL = `
name: small
seed: 3
duration: 20s
load: { rate: 200/s }
api: { type: rest, throttle: { stage: { rate: 150/s, burst: 50 } } }
integration: { type: lambda, memory: 256MB, duration: { p50: 40ms, p99: 200ms } }
thresholds: { p99: "< 10s", errorRate: "< 1%" }
`;

let work: string;
let run: ReportInput;
let sweep: SweepReportInput;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-reporters-'));
  writeFileSync(join(work, 'small.yaml'), SMALL);
  run = await runInput(join(work, 'small.yaml'));
  sweep = await sweepInput(join(work, 'small.yaml'), ['integration.memory=128MB,512MB']);
}, 60_000);

/** A new empty folder for one reporter to write into. */
const folder = (name: string) => mkdtempSync(join(work, `${name}-`));

/** The files under a folder, by their paths inside it, sorted (no temporary file left). */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('the registries list every reporter by name', () => {
  it('a run has its four files and its three printed outputs', () => {
    expect(RUN_REPORTERS.names).toEqual(['csv', 'json', 'html', 'charts', 'terminal', 'thresholds', 'json-stdout']);
    expect(RUN_FOLDER).toEqual([...DATA_FILES, ...DRAWN_FILES]);
  });

  it('a sweep has its four files and its two printed outputs', () => {
    expect(SWEEP_REPORTERS.names).toEqual(['csv', 'json', 'charts', 'html', 'terminal', 'json-stdout']);
    expect(SWEEP_FOLDER.every((name) => SWEEP_REPORTERS.names.includes(name))).toBe(true);
  });

  it.each([
    ['run', RUN_REPORTERS],
    ['sweep', SWEEP_REPORTERS],
  ] as const)('each %s reporter made is named as it is registered, in the order asked', (_, registry) => {
    const names = [...registry.names].reverse();
    expect((registry.create(names, stringSink()) as Array<{ name: string }>).map((r) => r.name)).toEqual(names);
  });
});

describe('an unknown reporter name is one clear error', () => {
  it('names the reporter asked for, the nearest name, and every name there is', () => {
    expect(() => RUN_REPORTERS.create(['csv', 'termnal'], stringSink())).toThrow(UnknownReporterError);
    expect(() => RUN_REPORTERS.create(['termnal'], stringSink())).toThrow('no run reporter "termnal" (did you mean "terminal"?); the run reporters are csv, json, html, charts, terminal, thresholds, json-stdout');
    expect(() => SWEEP_REPORTERS.create(['thresholds'], stringSink())).toThrow(/^no sweep reporter "thresholds" .*; the sweep reporters are csv, json, charts, html, terminal, json-stdout$/);
  });

  it('an object property is not a reporter', () => {
    expect(() => RUN_REPORTERS.create(['toString'], stringSink())).toThrow(UnknownReporterError);
  });
});

describe("a run's file reporters write what their names say, and print nothing", () => {
  it.each([
    ['csv', () => ['summary.csv', 'timeseries.csv', 'cost.csv']],
    ['json', () => ['run.json']],
    ['html', () => ['report.html']],
    ['charts', () => (DRAWS_PNG ? runCharts(run).map((c) => join('charts', `${c.name}.png`)) : [])],
  ])('%s', async (name, files) => {
    const dir = folder(name);
    const sink = stringSink();
    const [reporter] = RUN_REPORTERS.create([name], sink);
    expect((await reporter.write(run, dir)).map((p) => p.slice(dir.length + 1))).toEqual(files());
    expect(filesUnder(dir)).toEqual([...files()].sort());
    expect(sink.text).toBe('');
  });

  it('the files hold the figures (summary.csv, run.json) and the page (report.html)', async () => {
    const dir = folder('all');
    await writeReports(run, dir, RUN_REPORTERS.create(RUN_FOLDER, stringSink()));
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe(toSummaryCsv(run.summary));
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(`${toRunJson(run)}\n`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe("a run's printing reporters write to the output they are given, and no file", () => {
  const nowhere = () => join(work, 'never-written');

  it('terminal: the summary tables, in colour only when the output takes it', async () => {
    for (const color of [false, true]) {
      const sink = stringSink(color);
      expect(await RUN_REPORTERS.create(['terminal'], sink)[0].write(run, nowhere())).toEqual([]);
      expect(sink.text).toBe(formatTerminalSummary(run, { color }));
      expect(sink.text.includes('\u001b[')).toBe(color);
    }
    expect(existsSync(nowhere())).toBe(false);
  });

  it('thresholds: a line per threshold under its heading, and nothing for a run without thresholds', async () => {
    const sink = stringSink();
    await RUN_REPORTERS.create(['thresholds'], sink)[0].write(run, nowhere());
    expect(sink.text).toBe(`${formatThresholdLines(run.thresholds ?? [], { color: false })}\n`);
    expect(sink.text).toMatch(/^thresholds: 1 of 2 failed\n {2}✓ p99 < 10s .*\n {2}✗ errorRate < 1% .*\n$/);
    const none = stringSink();
    await RUN_REPORTERS.create(['thresholds'], none)[0].write({ ...run, thresholds: undefined }, nowhere());
    expect(none.text).toBe('');
  });

  it('json-stdout: the summary with the bill and the thresholds, as JSON for scripts', async () => {
    const sink = stringSink();
    await RUN_REPORTERS.create(['json-stdout'], sink)[0].write(run, nowhere());
    expect(sink.text).toBe(`${toSummaryJson(run)}\n`);
    const json = JSON.parse(sink.text);
    expect(json.requests.offered).toBe(run.summary.requests.offered);
    expect(json.cost).toEqual({ totalUsd: run.cost[0].totalUsd, basis: run.cost[0].basis, region: run.cost[0].region, effectiveDate: run.cost[0].effectiveDate });
    expect(json.thresholds.map((t: { pass: boolean }) => t.pass)).toEqual([true, false]);
  });
});

describe("a sweep's reporters, by name", () => {
  it.each([
    ['csv', 'sweep.csv', () => toSweepCsv(sweep)],
    ['json', 'sweep.json', () => toSweepJson(sweep)],
    ['html', 'report.html', () => toSweepHtml(sweep)],
  ])('%s writes %s', async (name, file, text) => {
    const dir = folder(`sweep-${name}`);
    const sink = stringSink();
    expect(await SWEEP_REPORTERS.create([name], sink)[0].write(sweep, dir)).toEqual([join(dir, file)]);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(text());
    expect(sink.text).toBe('');
  });

  it('charts writes a PNG per charted figure (none without node-canvas)', async () => {
    const dir = folder('sweep-charts');
    const written = await SWEEP_REPORTERS.create(['charts'], stringSink())[0].write(sweep, dir);
    expect(written.length).toBe(DRAWS_PNG ? sweep.charts.length : 0);
  });

  it('terminal prints the points as a table, json-stdout prints sweep.json', async () => {
    const sink = stringSink();
    for (const reporter of SWEEP_REPORTERS.create(['terminal', 'json-stdout'], sink)) expect(await reporter.write(sweep, join(work, 'never-written'))).toEqual([]);
    expect(sink.text).toBe(formatSweepTerminal(sweep) + toSweepJson(sweep));
    expect(formatSweepTerminal(sweep)).toMatch(/integration\.memory .*p99 .*failed .*USD \/ month/);
    expect(formatSweepTerminal(sweep).split('\n').filter((l) => /128MB|512MB/.test(l))).toHaveLength(2);
  });
});
