/**
 * A Lambda function's `runtime:` as a run sees it: a run in which every
 * invocation starts cold reproduces each row's measured median INIT, within
 * a tolerance derived from the sample counts (the row's and the run's); an
 * explicit coldStart overrides the table; extraInit adds the function's own
 * initialisation; and bad input gets one clear error with a did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { bundledLambdaInit, type LambdaInitRow } from '../../src/catalog/lambda-init.js';
import { fitLognormal, normalQuantile } from '../../src/model/shared/distribution.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { problemsOf } from './problems-of.js';

const RATE_PER_S = 100;
const RUN_S = 8;
/** Cold starts a run makes: every invocation, as an environment is reclaimed the moment it is idle. */
const COLD_STARTS = RATE_PER_S * RUN_S;

const coldRun = (fn: string, extra = '') => `
name: cold
seed: 3
duration: ${RUN_S}s
load: { arrivals: uniform, rate: ${RATE_PER_S}/s }
api: { type: http }
integration: { type: lambda, duration: { constant: 1ms }, keepAlive: { constant: 0ms }, ${fn} }
${extra}`;

const rowFunction = (r: LambdaInitRow) => `runtime: ${r.runtime}, architecture: ${r.architecture}, memory: ${r.memoryMb}MB, packageType: ${r.packageType}`;

/** The run's median INIT and how many invocations started cold. */
function medianInit(yaml: string): { p50Ms: number; coldStarts: number; invocations: number } {
  const { summary } = runScenario(parseScenario(yaml, 'inline.yaml'));
  const events = summary.events as Record<string, number>;
  return { p50Ms: summary.stagesMs.coldStart.p50, coldStarts: events['lambda.coldStarts'], invocations: summary.attempts.started };
}

/**
 * How far (in log terms) a run's median may sit from the row's: z standard
 * errors of the two medians together. The row's comes from its sample count
 * (its 95 % order-statistic interval is ±1.96 of them); the run's from its
 * cold starts (a median of m log-normal draws: sqrt(pi/2) sigma / sqrt(m)).
 * z = 4.3 keeps the chance that any of the ~620 rows fails by luck under 1 %
 * (Bonferroni); 0.001 is the histogram's relative error.
 */
function tolerance(r: LambdaInitRow): number {
  const [, sigma] = fitLognormal(r.p50Ms, r.p99Ms);
  const seRow = Math.log(r.p50HighMs / r.p50LowMs) / (2 * 1.96);
  const seRun = (Math.sqrt(Math.PI / 2) * sigma) / Math.sqrt(COLD_STARTS);
  const z = -normalQuantile(0.01 / 2 / 620);
  return z * Math.hypot(seRow, seRun) + 0.001;
}

describe('runtime: the measured INIT', () => {
  const { rows } = bundledLambdaInit();

  it('reproduces every row\'s median INIT in a run that starts cold, within the tolerance of the sample counts', () => {
    const misses: string[] = [];
    for (const r of rows) {
      const run = medianInit(coldRun(rowFunction(r)));
      const at = `${r.runtime} ${r.architecture} ${r.memoryMb}MB ${r.packageType}`;
      if (run.coldStarts !== run.invocations) misses.push(`${at}: ${run.invocations - run.coldStarts} warm invocations`);
      const off = Math.abs(Math.log(run.p50Ms / r.p50Ms));
      if (off > tolerance(r)) misses.push(`${at}: run median ${run.p50Ms.toFixed(1)} ms, table ${r.p50Ms} ms (off by ${(off * 100).toFixed(1)} %, tolerance ${(tolerance(r) * 100).toFixed(1)} %)`);
    }
    expect(misses).toEqual([]);
  }, 120_000);

  it('tells runtimes apart: a tolerance much narrower than the gap between a Rust and a Java INIT', () => {
    const rust = rows.find((r) => r.runtime === 'provided.al2023/rust' && r.architecture === 'arm64' && r.memoryMb === 512 && r.packageType === 'zip')!;
    expect(tolerance(rust)).toBeLessThan(0.15);
    expect(medianInit(coldRun(rowFunction(rust))).p50Ms).toBeLessThan(30); // the default coldStart's median is 250 ms
  });

  it('lets an explicit coldStart override the table', () => {
    const run = medianInit(coldRun('runtime: java21, coldStart: { constant: 40ms }'));
    expect(run.p50Ms).toBeCloseTo(40, 0);
  });

  it("adds extraInit to the measured INIT: medians add, and so do p99s", () => {
    const base = medianInit(coldRun('runtime: python3.13, memory: 512MB'));
    const extra = medianInit(coldRun('runtime: python3.13, memory: 512MB, extraInit: { constant: 300ms }'));
    expect(extra.p50Ms - base.p50Ms).toBeGreaterThan(290);
    expect(extra.p50Ms - base.p50Ms).toBeLessThan(310);
  });

  it('gives an authorizer function its runtime too', () => {
    const yaml = coldRun('runtime: provided.al2023/go', `
api:
  type: rest
  authorizer: { type: lambda, cacheTtl: 0s, function: { runtime: java21, memory: 512MB, duration: { constant: 1ms } } }`).replace('api: { type: http }\n', '');
    const s = parseScenario(yaml, 'inline.yaml');
    expect(s.api.authorizer?.function?.runtime).toBe('java21');
  });
});

describe('runtime: bad input', () => {
  it.each([
    ['an unknown runtime gets the nearest name', 'runtime: nodejs22', 'integration.runtime', /no measured runtime "nodejs22"/, /did you mean "nodejs22.x"/],
    ['provided.al2023 alone asks for the language', 'runtime: provided.al2023', 'integration.runtime', /no measured runtime/, /provided.al2023\/rust/],
    ['a combination not measured names what was', 'runtime: provided.al2/quarkus-native, architecture: arm64', 'integration.architecture', /not measured as arm64 zip/, /x86_64 zip/],
    ['extraInit without a runtime', 'extraInit: 100ms', 'integration.extraInit', /no runtime/, /give runtime/],
    ['extraInit with coldStart', 'runtime: java21, coldStart: 300ms, extraInit: 100ms', 'integration.extraInit', /is given with coldStart/, /coldStart replaces/],
    ['packageType without a runtime', 'packageType: image', 'integration.packageType', /only applies with runtime/, /give runtime/],
  ])('%s', (_, fn, path, message, hint) => {
    const problems = problemsOf(coldRun(fn));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
    expect(problems[0].line).toBe(7);
  });
});
