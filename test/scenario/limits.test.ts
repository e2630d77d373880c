import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSED_ONCE } from '../../src/catalog/parse-once.js';
import { parseScenario } from '../../src/scenario/loader.js';
import type { ScenarioProblem } from '../../src/scenario/scenario-error.js';
import { problemsOf } from './problems-of.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

const BASE = `name: t
duration: 1m
load: { rate: 100/s }
api: { type: rest }
integration:
  type: lambda
  duration: { p50: 50ms, p99: 200ms }
`;
const HTTP = BASE.replace(/integration:[\s\S]*/, 'integration: { type: http, servers: 2, service: { mean: 10ms } }\n');


describe('every number is finite and within its bound, and says so in words', () => {
  it.each([
    // issue 27 point 6: 1e400 read as Infinity was accepted
    ['an overhead of 1e400ms', BASE.replace('api: { type: rest }', 'api: { type: rest, overhead: 1e400ms }'), 'api.overhead', /"1e400ms" is above 3653d, the most a duration may be/, /up to 3653d/],
    ['a p99 of 1e400ms', BASE.replace('p99: 200ms', 'p99: 1e400ms'), 'integration.duration.p99', /"1e400ms" is above 3653d/, /3653d/],
    ['access logs of 1e400B a request', `${BASE}cost: { accessLogs: { bytesPerRequest: 1e400B } }\n`, 'cost.accessLogs.bytesPerRequest', /"1e400B" is above 1TB/, /1TB/],
    ['access logs of 2MB a request (a log event holds 1 MB)', `${BASE}cost: { accessLogs: { bytesPerRequest: 2MB } }\n`, 'cost.accessLogs.bytesPerRequest', /is above 1MB/, /at most 1 MB/],
    ['a plain number given as 1e400', `${BASE}clients: { count: 1e400 }\n`, 'clients.count', /^is an infinite number \(1e400 and \.inf are past the largest number there is\)$/, /whole number from 1 to 10,000,000/],
    ['.inf for a ratio', `${BASE}clients: { network: { rtt: 10ms, newConnections: .inf } }\n`, 'clients.network.newConnections', /infinite number/, /0 to 1/],
    ['.nan for a count', `${BASE}clients: { count: .nan }\n`, 'clients.count', /^is not a number \(\.nan\)$/, /whole number/],
    ['a queue capacity of 1e400', HTTP.replace('servers: 2', 'servers: 2, queue: { capacity: 1e400 }'), 'integration.queue.capacity', /infinite number/, /whole number/],
    ['a lognormal mu of .inf', BASE.replace('{ p50: 50ms, p99: 200ms }', '{ lognormal: { mu: .inf, sigma: 1 } }'), 'integration.duration.lognormal.mu', /mu must be from -50 to 26\.5/, /3653 days/],
    ['a lognormal sigma of 1e6', BASE.replace('{ p50: 50ms, p99: 200ms }', '{ lognormal: { mu: 3, sigma: 1000000 } }'), 'integration.duration.lognormal.sigma', /sigma must be from 0 to 20/, /double/],
    ['a p99 1e25 times the p50', BASE.replace('p50: 50ms, p99: 200ms', 'p50: 0.000000000000001ms, p99: 10000s'), 'integration.duration.p99', /p99 is more than 2e\+20 times p50/, /empirical/],
    ['a slow-down factor of 1e308', HTTP.replace('servers: 2', 'servers: 2, slowdown: { at: 0.5, factor: 1e308 }'), 'integration.slowdown.factor', /is too large: it must be at most 1000/, /range/],
    // bounds from AWS's quotas
    ['more provisioned concurrency than an account can have', BASE.replace('type: lambda', 'type: lambda\n  concurrency: { provisioned: 100000000 }'), 'integration.concurrency.provisioned', /100,000,000 is too large: it must be at most 100,000/, /range/],
    ['an account concurrency past "tens of thousands"', `${BASE}account: { lambdaConcurrency: 1000000 }\n`, 'account.lambdaConcurrency', /at most 100,000/, /tens of thousands/],
    ['more callers on a usage plan than API keys an account may have', `${BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { usagePlan: { quota: 1M/month } } }')}clients: { count: 20000 }\n`, 'clients.count', /20,000 API keys on the usage plan, more than an account may have \(10,000\)/, /cannot be raised/],
    ['a billion servers (V8 aborted with "invalid table size")', HTTP.replace('servers: 2', 'servers: 1000000000'), 'integration.servers', /at most 1,000,000/, /range/],
    ['a trillion cache keys', BASE.replace('rate: 100/s', 'rate: 100/s, keys: { count: 1000000000000 }'), 'load.keys.count', /at most 100,000,000/, /range/],
    ['a million ALB rules per request', `${BASE.replace('type: rest', 'type: alb')}cost: { alb: { rules: 1000000 } }\n`, 'cost.alb.rules', /1,000,000 is too large: it must be at most 1000$/, /range/],
  ])('%s', (_, text, path, message, hint) => {
    const problem = problemsOf(text).find((p) => p.path === path);
    expect(problem, JSON.stringify(problemsOf(text))).toBeDefined();
    expect(problem?.message).toMatch(message);
    expect(problem?.hint).toMatch(hint);
  });
});

describe('bursts are whole numbers of requests, at least 1', () => {
  it.each([
    // issue 27 points 4 and 8: route and usage-plan bursts of -1 crashed the run; 0.5 turned every request into a 429
    ['a usage plan burst of 0.5', BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { usagePlan: { rate: 10/s, burst: 0.5 } } }'), 'api.throttle.usagePlan.burst', /0.5 is not a whole number/],
    ['a usage plan burst of -1', BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { usagePlan: { rate: 10/s, burst: -1 } } }'), 'api.throttle.usagePlan.burst', /-1 is too small: it must be 1 or more/],
    ['a route burst of -1', BASE.replace('load: { rate: 100/s }', 'load: { rate: 100/s, routes: [{ name: a }] }').replace('api: { type: rest }', 'api: { type: rest, throttle: { routes: { a: { rate: 10/s, burst: -1 } } } }'), 'api.throttle.routes.a.burst', /-1 is too small/],
    ['a stage burst of 0', BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { stage: { rate: 10/s, burst: 0 } } }'), 'api.throttle.stage.burst', /0 is too small: it must be 1 or more/],
  ])('%s', (_, text, path, message) => {
    const problems = problemsOf(text).filter((p) => p.path === path);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
  });

  it('a burst written as a count with a multiplier is its whole number: 1.5K is 1,500', () => {
    const s = parseScenario(BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { stage: { rate: 10/s, burst: 1.5K } } }'), 'f.yaml');
    expect(s.api.throttle.stage?.burst).toBe(1500);
  });
});

describe('messages say what is wrong with a missing or non-finite value in words', () => {
  it('a seed past its range is one problem with one bound (it was printed twice, with 2^53 and 2^32)', () => {
    const problems = problemsOf(`${BASE}seed: 1e17\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'seed', message: '100,000,000,000,000,000 is too large: it must be at most 4,294,967,295' });
  });

  it.each([
    ['a duration with no value', BASE.replace('p99: 200ms', 'p99: '), 'integration.duration.p99', 'is empty: expected a duration', 'write it like 250ms, 2s, 5m, 1h or 1d'],
    ['a duration of .nan', BASE.replace('p99: 200ms', 'p99: .nan'), 'integration.duration.p99', 'a value that is not a number (.nan) is not a duration', 'add a unit, e.g. 250ms or 2s'],
    ['a duration of .inf', BASE.replace('duration: 1m', 'duration: .inf'), 'duration', 'an infinite number (1e400, .inf) is not a duration', 'add a unit, e.g. 250ms or 2s'],
    ['a rate of 1e400 without a unit', BASE.replace('rate: 100/s', 'rate: 1e400'), 'load.rate', 'an infinite number (1e400, .inf) is not a rate', 'add a unit, e.g. 1000/s or 60000/min'],
    ['a size of -.inf', BASE.replace('type: lambda', 'type: lambda\n  memory: -.inf'), 'integration.memory', 'an infinite number (1e400, .inf) is not a size', 'add a unit, e.g. 512B, 1KB or 512MB'],
    ['text given as .inf', BASE.replace('name: t', 'name: .inf'), 'name', 'expected text, got an infinite number (1e400, .inf)', undefined],
  ])('%s', (_, text, path, message, hint) => {
    expect(problemsOf(text).find((p) => p.path === path)).toMatchObject({ message, hint });
  });

  const NUMBER_FIELDS = [
    (v: string) => `${BASE}clients: { count: ${v} }\n`,
    (v: string) => `${BASE}seed: ${v}\n`,
    (v: string) => BASE.replace('rate: 100/s', `rate: ${v}`),
    (v: string) => BASE.replace('p99: 200ms', `p99: ${v}`),
    (v: string) => BASE.replace('{ p50: 50ms, p99: 200ms }', `{ lognormal: { mu: ${v}, sigma: 1 } }`),
    (v: string) => BASE.replace('api: { type: rest }', `api: { type: rest, throttle: { stage: { rate: 10/s, burst: ${v} } } }`),
    (v: string) => HTTP.replace('servers: 2', `servers: 2, queue: { capacity: ${v} }`),
    (v: string) => `${BASE}cost: { monthlyRequests: ${v} }\n`,
    (v: string) => `${BASE}initialState: { cache: { primed: ${v} } }\n`.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB } }'),
  ];
  const BAD = ['.nan', '.inf', '-.inf', '1e400', '-1e400', '~', '', '1e400ms', '1e400/s', '9007199254740993', '1e308'];

  it('property: no message or hint ever shows NaN, Infinity, undefined or null as a value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMBER_FIELDS), fc.constantFrom(...BAD), (field, value) => {
        for (const p of problemsOf(field(value))) {
          expect(`${p.message}\n${p.hint ?? ''}`).not.toMatch(/NaN|Infinity|undefined|\bnull is\b/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** CPU time of `work` in ms (user and system): unlike the wall clock, other processes on the machine do not move it. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('validation is linear in the number of routes', () => {
  /**
   * Fastest of five timings of a scenario with `n` routes, each with its own throttle, validated four times
   * over, in ms of CPU: one validation of 1,250 routes took 2 to 8 ms, as the JIT and the collector had it.
   */
  const timeWith = (n: number) => {
    const routes = Array.from({ length: n }, (_, i) => ({ name: `GET /items/${i}`, weight: 1 }));
    const data = {
      name: 't',
      duration: '1m',
      load: { rate: '100/s', routes },
      api: { type: 'rest', throttle: { routes: Object.fromEntries(routes.map((r) => [r.name, { rate: '10/s', burst: 5 }])) } },
      integration: { type: 'lambda', duration: '10ms' },
    };
    let best = Infinity;
    const fourTimes = () => {
      // as the CLI parses a scenario: without zod's compiled parsers (PARSED_ONCE)
      for (let k = 0; k < 4; k++) expect(scenarioSchema.safeParse(data, PARSED_ONCE).success).toBe(true);
    };
    for (let i = 0; i < 5; i++) best = Math.min(best, cpuMs(fourTimes));
    return best;
  };

  it('8 times the routes takes about 8 times as long, not 64 (1 MB of routes took 3 s and 5 MB 38 s with a findIndex per route)', () => {
    timeWith(1000); // warm up the code
    const small = timeWith(1250);
    const large = timeWith(10_000);
    expect(large / small).toBeLessThan(11); // linear gives 5 to 7 (garbage collection moves single timings), a findIndex per route 15
  });

  /** Fastest of three loads of a file whose one mapping has `n` keys (route throttles no route has), in ms of CPU, and its problems. */
  const loadWith = (n: number) => {
    const keys = Array.from({ length: n }, (_, i) => `      "GET /items/${i}": { rate: 10/s, burst: 5 }`).join('\n');
    const text = BASE.replace('api: { type: rest }', `api:\n  type: rest\n  throttle:\n    routes:\n${keys}`);
    let best = Infinity;
    let problems: ScenarioProblem[] = [];
    for (let i = 0; i < 3; i++) best = Math.min(best, cpuMs(() => (problems = problemsOf(text))));
    return { ms: best, problems };
  };

  it('a file with 8 times the keys in one mapping takes about 8 times as long, not 64 (the parser compared every pair of keys: 18,000 took 9 s)', () => {
    loadWith(500); // warm up the code
    const small = loadWith(2000);
    const large = loadWith(16_000);
    expect(large.ms / small.ms).toBeLessThan(11); // linear gives about 6.5 (parsing is a fixed share), the parser's pairwise check 17
  });

  it('lists the first 100 problems and says how many more there are', () => {
    const { problems } = loadWith(2000);
    expect(problems).toHaveLength(101);
    expect(problems[0]).toMatchObject({ path: 'api.throttle.routes.GET /items/0', message: 'is not one of load.routes' });
    expect(problems[100]).toMatchObject({ path: '', message: 'and 1,900 more problems', hint: 'only the first 100 are listed: fix these and check again' });
  });

  it('a key given twice in a mapping is still refused, at its second line', () => {
    expect(problemsOf(BASE.replace('load: { rate: 100/s }', 'load: { rate: 100/s, rate: 200/s }'))).toEqual([
      { path: '', line: 3, message: 'Map keys must be unique', hint: 'the file is not valid YAML/JSON; check indentation, colons and quotes around this line' },
    ]);
  });

  it('more routes than the bound is one problem, not one per route', () => {
    const routes = Array.from({ length: 10_001 }, (_, i) => `{ name: r${i} }`).join(', ');
    const problems = problemsOf(BASE.replace('load: { rate: 100/s }', `load: { rate: 100/s, routes: [${routes}] }`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'load.routes', message: 'too many entries: it takes at most 10000' });
  });
});
