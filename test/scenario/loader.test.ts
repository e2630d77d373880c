import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';

const BASE = `name: t
duration: 1m
load: { rate: 100/s }
api: { type: rest }
integration:
  type: lambda
  duration: { p50: 50ms, p99: 200ms }
`;

function problemsOf(text: string) {
  try {
    parseScenario(text, 'f.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario: good input', () => {
  it('applies the documented defaults', () => {
    const s = parseScenario(BASE, 'f.yaml');
    expect(s.seed).toBe(1);
    expect(s.warmup).toBe(0);
    expect(s.interval).toBe(1000);
    expect(s.load.arrivals).toBe('poisson');
    expect(s.clients.timeout).toBe(Infinity);
    expect(s.integration.type === 'lambda' && s.integration.memory).toBe(128 * 1024 ** 2);
    expect(s.integration.type === 'lambda' && s.integration.timeout).toBe(3000);
    expect(s.integration.type === 'lambda' && s.integration.concurrency).toEqual({ account: 1000, provisioned: 0 });
  });

  it('turns units into base units: ms, per second, bytes', () => {
    const s = parseScenario(BASE.replace('rate: 100/s', 'rate: 60000/min').replace('duration: 1m', 'duration: 2h'), 'f.yaml');
    expect(s.duration).toBe(2 * 3_600_000);
    expect(s.load.rate).toBe(1000);
  });

  it('reads JSON too, since JSON is YAML 1.2', () => {
    const json = JSON.stringify({ name: 'j', duration: '10s', load: { rate: '5/s' }, api: { type: 'rest' }, integration: { type: 'http', servers: 2, service: { mean: '10ms' } } });
    const s = parseScenario(json, 'f.json');
    expect(s.integration).toMatchObject({ type: 'http', servers: 2, queue: { capacity: Infinity }, rejectStatus: 503 });
  });
});

describe('parseScenario: each mistake gets the path, the line and a hint', () => {
  it.each([
    ['a plain number where a duration is needed', BASE.replace('p99: 200ms', 'p99: 200'), 'integration.duration.p99', 7, /200 is not a duration/, /200ms or 200s/],
    ['a rate without "/s"', BASE.replace('100/s', '100'), 'load.rate', 3, /100 is not a rate/, /100\/s/],
    ['a misspelt key', BASE.replace('load:', 'lod:'), 'lod', 3, /unknown key "lod"/, /did you mean "load"\?/],
    ['a misspelt nested key', BASE.replace('p50: 50ms, p99', 'p50: 50ms, p9'), 'integration.duration', 7, /both p50 and p99/, /p50/],
    ['a missing required field', BASE.replace('duration: 1m\n', ''), 'duration', undefined, /is required/, /duration/],
    ['an unknown integration type', BASE.replace('type: lambda', 'type: ec2'), 'integration.type', 6, /./, /type/],
    ['a warm-up as long as the run', `${BASE}warmup: 1m\n`, 'warmup', 8, /not shorter than the duration/, /warm-up/],
    ['a Lambda memory size AWS does not offer', BASE.replace('type: lambda', 'type: lambda\n  memory: 64MB'), 'integration.memory', 7, /64 MB is not a Lambda memory size/, /128MB to 10240MB/],
    ['more provisioned than reserved concurrency', BASE.replace('type: lambda', 'type: lambda\n  concurrency: { reserved: 5, provisioned: 10 }'), 'integration.concurrency.provisioned', 7, /above the function's concurrency limit \(5\)/, /reserved/],
    ['a p99 below the p50', BASE.replace('p50: 50ms, p99: 200ms', 'p50: 300ms, p99: 200ms'), 'integration.duration.p99', 7, /p99 is smaller than p50/, /median/],
    ['an empirical table without p100', BASE.replace('{ p50: 50ms, p99: 200ms }', '{ empirical: { p0: 1ms, p50: 5ms } }'), 'integration.duration.empirical', 7, /needs p0 .* and p100/, /p100/],
    ['a back-off cap below its base', `${BASE}clients: { retry: { attempts: 3, backoff: { base: 2s, cap: 1s } } }\n`, 'clients.retry.backoff.cap', 8, /smaller than base/, /at least the base/],
    ['zero attempts', `${BASE}clients: { retry: { attempts: 0 } }\n`, 'clients.retry.attempts', 8, /./, undefined],
    ['a failure window after the run', `${BASE}failures: [{ at: 2m, for: 10s, target: integration, errorRate: 0.5 }]\n`, 'failures[0].at', 8, /not inside the run/, /60s/],
    ['a failure window that does nothing', `${BASE}failures: [{ at: 10s, for: 10s, target: integration }]\n`, 'failures[0]', 8, /does nothing/, /errorRate/],
    ['a downstream failure without a downstream', `${BASE}failures: [{ at: 10s, for: 10s, target: downstream, outage: true }]\n`, 'failures[0].target', 8, /no downstream/, /integration.downstream/],
    ['both a rate and a profile', BASE.replace('load: { rate: 100/s }', 'load: { rate: 100/s, profile: [{ for: 1m, rate: 5/s }] }'), 'load', 3, /more than one of rate, profile/, /use one/],
    ['a ramp without a unit', BASE.replace('load: { rate: 100/s }', 'load: { profile: [{ for: 1m, ramp: [5/s, 50] }] }'), 'load.profile[0].ramp[1]', 3, /50 is not a rate/, /50\/s/],
    ['virtual users without a think time', BASE.replace('load: { rate: 100/s }', 'load: { virtualUsers: 10 }'), 'load.thinkTime', 3, /required with virtualUsers/, /thinkTime/],
    ['an API type not modelled yet', BASE.replace('type: rest', 'type: http'), 'api.type', 4, /only "rest" is modelled/, undefined],
  ])('%s', (_what, text, path, line, message, hint) => {
    const problems = problemsOf(text);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    if (line !== undefined) expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
    if (hint) expect(problem?.hint).toMatch(hint);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('name: x\nload:\n  rate: [1\n');
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problemsOf('- a\n- b\n')[0].message).toMatch(/expected a mapping/);
  });

  it('lists several problems at once, in line order', () => {
    const problems = problemsOf(BASE.replace('100/s', '100').replace('p99: 200ms', 'p99: 2'));
    expect(problems.map((p) => p.path)).toEqual(['load.rate', 'integration.duration.p99']);
  });
});

describe('parseScenario never fails with anything but a ScenarioError', () => {
  it('holds for arbitrary YAML-ish text (property test)', () => {
    const fragments = fc.constantFrom('name: x', 'duration: 1m', 'duration: 5', 'load: { rate: 3/s }', 'load: 7', 'api: { type: rest }', 'integration: { type: lambda, duration: { mean: 1ms } }', '  - a', ': :', '[', '{', 'seed: -1', 'warmup: 2m', 'x: y');
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 8 }), (lines) => {
        try {
          parseScenario(lines.join('\n'), 'p.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('holds for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseScenario(JSON.stringify(value) ?? 'null', 'p.json');
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('the JSON Schema', () => {
  it('is generated from the same definition and describes units and distributions', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, { pattern?: string; properties?: Record<string, unknown> }>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'duration', 'load', 'api', 'integration']));
    expect(schema.properties.duration.pattern).toBeDefined();
    expect(new RegExp(schema.properties.duration.pattern as string).test('250ms')).toBe(true);
    expect(new RegExp(schema.properties.duration.pattern as string).test('250')).toBe(false);
  });
});
