/**
 * Lambda SnapStart as a run sees it: with `snapStart` a new environment
 * waits for the restore instead of INIT (the mean wait per cold start moves
 * from INIT's mean to the restore's, within four standard errors of the
 * run's cold starts); the first restores after a publish are slower; and
 * the rules AWS sets are refused at the field to change.
 */
import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/model/shared/distribution.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { problemsOf } from './problems-of.js';

const RATE_PER_S = 100;
const RUN_S = 6;

/** Every invocation starts cold: an environment is reclaimed the moment it is idle. */
const coldRun = (fn: string) => `
name: snap
seed: 9
duration: ${RUN_S}s
load: { arrivals: uniform, rate: ${RATE_PER_S}/s }
api: { type: http }
integration: { type: lambda, runtime: java21, duration: { constant: 1ms }, keepAlive: { constant: 0ms }, coldStart: { p50: 2s, p99: 5s }, ${fn} }
`;

/** Mean wait per cold start, and the cold starts, of the integration function. */
function meanStartMs(text: string): { meanMs: number; coldStarts: number } {
  const used = runScenario(parseScenario(text, 'f.yaml')).roles.integrationFunction as unknown as { initMs: number; coldStarts: number };
  return { meanMs: used.initMs / used.coldStarts, coldStarts: used.coldStarts };
}

/** Four standard errors of a mean of n draws from the distribution. */
const tolerance = (spec: { p50: number; p99: number }, n: number) => 4 * Math.sqrt(createDistribution({ kind: 'percentiles', ...spec }).variance / n);
const meanOf = (spec: { p50: number; p99: number }) => createDistribution({ kind: 'percentiles', ...spec }).mean;

describe('SnapStart in a run', () => {
  it("replaces INIT with the restore: the mean wait per cold start moves from INIT's mean to the restore's", () => {
    const init = meanStartMs(coldRun('errorRate: 0'));
    const restored = meanStartMs(coldRun('snapStart: { restore: { p50: 200ms, p99: 600ms }, warming: { restores: 0 } }'));
    const initSpec = { p50: 2000, p99: 5000 };
    const restoreSpec = { p50: 200, p99: 600 };
    expect(init.coldStarts).toBeGreaterThan(400);
    expect(restored.coldStarts).toBeGreaterThan(400);
    expect(Math.abs(init.meanMs - meanOf(initSpec))).toBeLessThan(tolerance(initSpec, init.coldStarts));
    expect(Math.abs(restored.meanMs - meanOf(restoreSpec))).toBeLessThan(tolerance(restoreSpec, restored.coldStarts));
  });

  it('draws the first restores after the version is published slower, by the warming slowdown', () => {
    const warm = meanStartMs(coldRun('snapStart: { restore: { constant: 100ms }, warming: { restores: 0 } }'));
    const warming = meanStartMs(coldRun('snapStart: { restore: { constant: 100ms }, warming: { restores: 20, slowdown: 4 } }'));
    expect(warm.meanMs).toBeCloseTo(100, 9);
    // 20 restores at 400 ms, the rest at 100 ms
    expect(warming.meanMs * warming.coldStarts).toBeCloseTo(20 * 400 + (warming.coldStarts - 20) * 100, 6);
  });

  it('takes `snapStart: true` as the defaults (restore p50 250 ms, p99 700 ms; 10 restores 3 times as long)', () => {
    const s = parseScenario(coldRun('snapStart: true'), 'f.yaml');
    expect(s.integration.type === 'lambda' && s.integration.snapStart).toEqual({ restore: { kind: 'percentiles', p50: 250, p99: 700 }, warming: { restores: 10, slowdown: 3 } });
    const off = parseScenario(coldRun('snapStart: false'), 'f.yaml');
    expect(off.integration.type === 'lambda' && off.integration.snapStart).toBeUndefined();
  });
});

const fn = (fields: string) => `
name: bad
duration: 10s
load: { rate: 5/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 20ms, p99: 60ms }, ${fields} }
`;

describe('SnapStart refused where AWS does not offer it', () => {
  it.each([
    ['a runtime without SnapStart (Node.js)', 'runtime: nodejs22.x, snapStart: true', 'integration.snapStart', /not offered for nodejs22\.x/, /Java 11 and later/],
    ['a Java before 11', 'runtime: java8.al2, snapStart: true', 'integration.snapStart', /not offered for java8\.al2/, /managed runtimes only/],
    ['Python before 3.12', 'runtime: python3.11, snapStart: true', 'integration.snapStart', /not offered for python3\.11/, /Python 3\.12 and later/],
    ['an OS-only runtime', 'runtime: provided.al2023/rust, snapStart: true', 'integration.snapStart', /not offered for provided\.al2023\/rust/, /provisioned concurrency/],
    ['no runtime to tell', 'snapStart: true', 'integration.snapStart', /needs the function's runtime/, /runtime: java21/],
    ['a container image', 'runtime: java21, packageType: image, snapStart: true', 'integration.packageType', /does not support container images/, /zip/],
    ['provisioned concurrency (AWS refuses the pair)', 'runtime: java21, snapStart: true, concurrency: { provisioned: 5 }', 'integration.concurrency.provisioned', /cannot be combined with SnapStart/, /keep one/],
  ])('refuses %s at the field to change', (_what, fields, path, message, hint) => {
    const problems = problemsOf(fn(fields));
    const p = problems.find((x) => x.path === path);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(message);
    expect(p!.hint).toMatch(hint);
  });

  it.each(['java11', 'java25', 'python3.12', 'python3.14', 'dotnet8', 'dotnet10'])('accepts SnapStart on %s, x86_64 and arm64', (runtime) => {
    for (const architecture of ['x86_64', 'arm64']) expect(() => parseScenario(fn(`runtime: ${runtime}, architecture: ${architecture}, snapStart: true`), 'f.yaml')).not.toThrow();
  });

  it('checks an authorizer function too', () => {
    const text = `
name: bad
duration: 10s
load: { rate: 5/s }
api: { type: rest, authorizer: { type: lambda, function: { runtime: ruby3.3, snapStart: true } } }
integration: { type: lambda, duration: { p50: 20ms, p99: 60ms } }
`;
    expect(problemsOf(text).map((p) => p.path)).toContain('api.authorizer.function.snapStart');
  });
});
