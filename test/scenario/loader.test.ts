import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { problemsOf } from './problems-of.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';

const BASE = `name: t
duration: 1m
load: { rate: 100/s }
api: { type: rest }
integration:
  type: lambda
  duration: { p50: 50ms, p99: 200ms }
`;

/** BASE with an HTTP integration (its `integration:` on line 5). */
const HTTP = BASE.replace(/integration:[\s\S]*/, 'integration: { type: http, servers: 2, service: { mean: 10ms }, queue: { capacity: 10 } }\n');


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
    expect(s.integration.type === 'lambda' && s.integration.concurrency).toEqual({ provisioned: 0 });
    expect(s.account.lambdaConcurrency).toBe(1000);
  });

  it('turns units into base units: ms, per second, bytes', () => {
    const s = parseScenario(BASE.replace('rate: 100/s', 'rate: 60000/min').replace('duration: 1m', 'duration: 2h'), 'f.yaml');
    expect(s.duration).toBe(2 * 3_600_000);
    expect(s.load.rate).toBe(1000);
  });

  it('counts what the load offers, not its peak over the whole run: a day at 200/s with a 30 s spike of 30,000/s is fine', () => {
    const s = parseScenario(BASE.replace('duration: 1m', 'duration: 1d').replace('load: { rate: 100/s }', 'load: { rate: 200/s, spikes: [{ at: 1h, for: 30s, rate: 30000/s }] }'), 'f.yaml');
    expect(s.load.spikes).toHaveLength(1);
    const ramp = parseScenario(BASE.replace('duration: 1m', 'duration: 2d').replace('load: { rate: 100/s }', 'load: { profile: [{ for: 5m, rate: 20000/s }, { for: 1m, ramp: [20000/s, 50/s] }] }'), 'f.yaml');
    expect(ramp.load.profile).toHaveLength(2);
  });

  it('takes a month\'s volume as price --requests does: 40M and 40M/month are the same; 40M/week is refused', () => {
    const withVolume = (v: string) => parseScenario(`${BASE}cost: { monthlyRequests: ${v} }\n`, 'f.yaml').cost.monthlyRequests;
    expect(withVolume('40M')).toBe(40e6);
    expect(withVolume('40M/month')).toBe(40e6);
    expect(problemsOf(`${BASE}cost: { monthlyRequests: 40M/week }\n`)[0]).toMatchObject({ path: 'cost.monthlyRequests', message: '"40M/week" is not a monthly volume' });
    expect(problemsOf(`${BASE}cost: { monthlyRequests: -5 }\n`)[0]).toMatchObject({ path: 'cost.monthlyRequests', message: "-5 is not a month's volume" });
    expect(problemsOf(`${BASE}cost: { monthlyRequests: 1e20 }\n`)[0]).toMatchObject({ path: 'cost.monthlyRequests', message: "100000000000000000000 is not a month's volume" });
  });

  it('reads initialState: counts as given, primed: full as the whole cache, and leaves it out when not given', () => {
    const s = parseScenario(`${BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB } }')}initialState: { integration: { warm: 10 }, cache: { primed: full } }\n`, 'f.yaml');
    expect(s.initialState).toEqual({ integration: { warm: 10 }, cache: { primed: 1 } });
    expect('initialState' in parseScenario(BASE, 'f.yaml')).toBe(false);
  });

  it('reads the logs to price: execution logs at their default size per level (an ASSUMPTION), storage kept for ever at a 0.15 ratio', () => {
    const s = parseScenario(`${BASE}cost: { executionLogs: { level: info }, logs: {} }\n`, 'f.yaml');
    expect(s.cost.executionLogs).toEqual({ level: 'info', bytesPerRequest: 2048 });
    expect(s.cost.logs).toEqual({ retention: 'never', compression: 0.15 });
    const errors = parseScenario(`${BASE.replace('api: { type: rest }', 'api: { type: websocket }')}cost: { executionLogs: { level: errors }, logs: { retention: 30d } }\nload: { rate: 1/s, connection: { duration: 1m, messages: 1/s } }\n`.replace('load: { rate: 100/s }\n', ''), 'f.yaml');
    expect(errors.cost.executionLogs).toEqual({ level: 'errors', bytesPerRequest: 512 });
    expect(errors.cost.logs?.retention).toBe(30 * 86_400_000);
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
    ['more provisioned than reserved concurrency', BASE.replace('type: lambda', 'type: lambda\n  concurrency: { reserved: 5, provisioned: 10 }'), 'integration.concurrency.provisioned', 7, /above the function's reserved concurrency \(5\)/, /reserved/],
    ['a p99 below the p50', BASE.replace('p50: 50ms, p99: 200ms', 'p50: 300ms, p99: 200ms'), 'integration.duration.p99', 7, /p99 is smaller than p50/, /median/],
    ['an empirical table without p100', BASE.replace('{ p50: 50ms, p99: 200ms }', '{ empirical: { p0: 1ms, p50: 5ms } }'), 'integration.duration.empirical', 7, /needs p0 .* and p100/, /p100/],
    ['a back-off cap below its base', `${BASE}clients: { retry: { attempts: 3, backoff: { base: 2s, cap: 1s } } }\n`, 'clients.retry.backoff.cap', 8, /smaller than base/, /at least the base/],
    ['zero attempts', `${BASE}clients: { retry: { attempts: 0 } }\n`, 'clients.retry.attempts', 8, /0 is too small: it must be 1 or more/, /docs\/scenario-reference\.md/],
    ['text where a number is needed (not "is required": the field is there)', `${BASE}clients: { count: many }\n`, 'clients.count', 8, /expected a number, got "many"/, /plain number/],
    ['a list where a number is needed', `${BASE}clients: { count: [1, 2] }\n`, 'clients.count', 8, /expected a number, got a list/, /plain number/],
    ['a fraction of a client', `${BASE}clients: { count: 2.5 }\n`, 'clients.count', 8, /2.5 is not a whole number/, /whole number/],
    ['no clients', `${BASE}clients: { count: 0 }\n`, 'clients.count', 8, /0 is too small: it must be 1 or more/, /range/],
    ['a client time-out of 0 s', `${BASE}clients: { timeout: 0s }\n`, 'clients.timeout', 8, /must be longer than 0/, /none to wait for ever/],
    ['a rate above the highest one taken (a typo)', BASE.replace('100/s', '1000000000000/s'), 'load.rate', 3, /"1000000000000\/s" is above 1000000000\/s, the most a rate may be/, /up to 1000000000\/s/],
    ['a duration above the longest one taken', BASE.replace('duration: 1m', 'duration: 100000d'), 'duration', 2, /"100000d" is above 3653d, the most a duration may be/, /up to 3653d/],
    ['a name that is not a folder name', BASE.replace('name: t', 'name: "../../etc"'), 'name', 1, /use letters, digits, dot, dash or underscore/, /names the report folder/],
    ['a typo inside a capacity curve (named where it is, not as another curve missing)', BASE.replace(/integration:[\s\S]*/, 'integration:\n  type: http\n  servers: 4\n  service: { mean: 10ms }\n  sharing: { usl: { contention: 0.1, coherncy: 0.01 } }\n'), 'integration.sharing.usl.coherncy', 9, /unknown key "coherncy"/, /did you mean "coherency"/],
    ['two capacity curves', BASE.replace(/integration:[\s\S]*/, 'integration:\n  type: http\n  servers: 4\n  service: { mean: 10ms }\n  sharing: { cores: 2, linear: 0.1 }\n'), 'integration.sharing', 9, /gives more than one capacity curve \(cores, linear\)/, /give one of \{cores: 4\}/],
    ['no capacity curve', BASE.replace(/integration:[\s\S]*/, 'integration:\n  type: http\n  servers: 4\n  service: { mean: 10ms }\n  sharing: {}\n'), 'integration.sharing', 9, /gives no capacity curve/, /give one of/],
    ['a failure target that does not exist', `${BASE}failures: [{ at: 1s, for: 1s, target: backend, outage: true }]\n`, 'failures[0].target', 8, /must be one of "integration", "downstream", "gateway"/, /exactly as shown/],
    ['an interval under 1 ms', BASE.replace('duration: 1m', 'duration: 1m\ninterval: 0.05ms'), 'interval', 3, /shorter than 1ms/, /0.1 ms/],
    ['an interval that makes too many rows', BASE.replace('duration: 1m', 'duration: 1d\ninterval: 1ms'), 'interval', 3, /makes 86,400,000 rows, more than 1,000,000/, /interval: 1s/],
    ['a failure window after the run', `${BASE}failures: [{ at: 2m, for: 10s, target: integration, errorRate: 0.5 }]\n`, 'failures[0].at', 8, /not inside the run/, /60s/],
    ['a failure window that does nothing', `${BASE}failures: [{ at: 10s, for: 10s, target: integration }]\n`, 'failures[0]', 8, /does nothing/, /errorRate/],
    ['a downstream failure without a downstream', `${BASE}failures: [{ at: 10s, for: 10s, target: downstream, outage: true }]\n`, 'failures[0].target', 8, /no downstream/, /integration.downstream/],
    ['both a rate and a profile', BASE.replace('load: { rate: 100/s }', 'load: { rate: 100/s, profile: [{ for: 1m, rate: 5/s }] }'), 'load', 3, /more than one of rate, profile/, /use one/],
    ['a ramp without a unit', BASE.replace('load: { rate: 100/s }', 'load: { profile: [{ for: 1m, ramp: [5/s, 50] }] }'), 'load.profile[0].ramp[1]', 3, /50 is not a rate/, /50\/s/],
    ['virtual users without a think time', BASE.replace('load: { rate: 100/s }', 'load: { virtualUsers: 10 }'), 'load.thinkTime', 3, /required with virtualUsers/, /thinkTime/],
    ['an API type that does not exist', BASE.replace('type: rest', 'type: soap'), 'api.type', 4, /must be one of "rest"/, undefined],
    ['a misspelt API type', BASE.replace('type: rest', 'type: rets'), 'api.type', 4, /must be one of "rest"/, /did you mean "rest"\?/],
    ['a misspelt jitter', `${BASE}clients: { retry: { backoff: { jitter: ful } } }\n`, 'clients.retry.backoff.jitter', 8, /must be one of/, /did you mean "full"\?/],
    ['a cache on an HTTP API', BASE.replace('api: { type: rest }', 'api: { type: http, cache: { size: 0.5GB } }'), 'api.cache', 4, /HTTP APIs do not have a response cache/, /only REST API offers it/],
    ['a usage plan on an ALB', BASE.replace('api: { type: rest }', 'api: { type: alb, throttle: { usagePlan: { quota: 1M/month } } }'), 'api.throttle.usagePlan', 4, /Application Load Balancers do not have usage plans/, /REST API/],
    ['a stage throttle on an ALB', BASE.replace('api: { type: rest }', 'api: { type: alb, throttle: { stage: { rate: 10/s, burst: 5 } } }'), 'api.throttle.stage', 4, /do not have stage throttling/, /REST API, HTTP API and WebSocket API/],
    ['a JWT authorizer on a REST API', BASE.replace('api: { type: rest }', 'api: { type: rest, authorizer: { type: jwt } }'), 'api.authorizer.type', 4, /REST APIs do not offer a jwt authorizer/, /HTTP API/],
    ['a Lambda authorizer without its function', BASE.replace('api: { type: rest }', 'api: { type: rest, authorizer: { type: lambda } }'), 'api.authorizer.function', 4, /required for a Lambda authorizer/, /duration/],
    ['a cache size API Gateway does not sell', BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 1GB } }'), 'api.cache.size', 4, /1 GB is not an API Gateway cache size/, /0.5GB, 1.6GB/],
    ['a cache TTL above an hour', BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB, ttl: 2h } }'), 'api.cache.ttl', 4, /outside 0s to 3600s/, /3600/],
    ['a quota without its period', BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { usagePlan: { quota: 5000 } } }'), 'api.throttle.usagePlan.quota', 4, /not a quota/, /day, week or month/],
    ['a route throttle for a route the load does not have', BASE.replace('api: { type: rest }', 'api: { type: rest, throttle: { routes: { "GET /x": { rate: 5/s, burst: 5 } } } }'), 'api.throttle.routes.GET /x', 4, /not one of load.routes/, /load.routes/],
    ['an HTTP API integration time-out above 30 s', BASE.replace('api: { type: rest }', 'api: { type: http, integrationTimeout: 31s }'), 'api.integrationTimeout', 4, /outside what a HTTP API allows/, /30s/],
    ['a WebSocket API without connections', BASE.replace('api: { type: rest }', 'api: { type: websocket }'), 'load.connection', undefined, /required for a WebSocket API/, /messages/],
    ['reserved concurrency leaving less than 100 unreserved', BASE.replace('type: lambda', 'type: lambda\n  concurrency: { reserved: 950 }'), 'integration.concurrency', 7, /950 of 1000/, /keeps 100 unreserved/],
    ['warm environments above what reserved concurrency leaves', `${BASE.replace('type: lambda', 'type: lambda\n  concurrency: { reserved: 5, provisioned: 2 }')}initialState: { integration: { warm: 10 } }\n`, 'initialState.integration.warm', 9, /with 2 provisioned makes 12 environments, above the function's reserved concurrency \(5\)/, /at most 3/],
    [
      "warm environments of two unreserved functions above the account's unreserved pool",
      `${BASE.replace('api: { type: rest }', 'api: { type: rest, authorizer: { type: lambda, function: { duration: 20ms } } }')}account: { lambdaConcurrency: 300 }\ninitialState: { integration: { warm: 250 }, authorizer: { warm: 100 } }\n`,
      'initialState.authorizer.warm',
      9,
      /unreserved pool to 350 environments of 300/,
      /account.lambdaConcurrency \(300\)/,
    ],
    [
      "warm environments for an SQS queue's consumer above its reserved concurrency (it starts with them, as a Lambda integration does)",
      `${BASE.replace(/integration:[\s\S]*/, 'integration: { type: sqs, consumer: { duration: 20ms, concurrency: { reserved: 5 } } }\n')}initialState: { integration: { warm: 8 } }\n`,
      'initialState.integration.warm',
      6,
      /makes 8 environments, above the function's reserved concurrency \(5\)/,
      /at most 5/,
    ],
    ['warm environments for an HTTP integration', `${HTTP}initialState: { integration: { warm: 5 } }\n`, 'initialState.integration.warm', 6, /applies only to a Lambda integration/, /initialState.integration.queue/],
    ['warm environments for an authorizer that runs no Lambda', `${BASE}initialState: { authorizer: { warm: 5 } }\n`, 'initialState.authorizer.warm', 8, /no Lambda authorizer function/, /api.authorizer/],
    ['a backlog for a Lambda integration', `${BASE}initialState: { integration: { queue: 5 } }\n`, 'initialState.integration.queue', 8, /applies only to an HTTP integration/, /initialState.integration.warm/],
    ['a backlog longer than the queue', `${HTTP}initialState: { integration: { queue: 20 } }\n`, 'initialState.integration.queue', 6, /more than the queue holds \(10\)/, /integration.queue.capacity/],
    ['a backlog at a downstream that is not there', `${BASE}initialState: { downstream: { queue: 5 } }\n`, 'initialState.downstream.queue', 8, /no downstream/, /integration.downstream/],
    ['priming a cache the API does not have', `${BASE}initialState: { cache: { primed: 0.5 } }\n`, 'initialState.cache', 8, /no response cache to prime/, /api.cache/],
    ['priming a fixed hit ratio', `${BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB, hitRatio: 0.3 } }')}initialState: { cache: { primed: full } }\n`, 'initialState.cache', 8, /fixed hitRatio/, /remove api.cache.hitRatio/],
    ['priming a cache that stores nothing', `${BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB, ttl: 0s } }')}initialState: { cache: { primed: full } }\n`, 'initialState.cache', 8, /ttl 0s/, /above 0s/],
    ['a primed share above 1', `${BASE.replace('api: { type: rest }', 'api: { type: rest, cache: { size: 0.5GB } }')}initialState: { cache: { primed: 1.5 } }\n`, 'initialState.cache.primed', 8, /1.5 is not a fraction/, /"full"/],
    ['a misspelt initialState key', `${BASE}initialState: { integration: { wram: 5 } }\n`, 'initialState.integration.wram', 8, /unknown key "wram"/, /did you mean "warm"\?/],
    ['execution logs on an HTTP API (it has access logs only)', `${BASE.replace('api: { type: rest }', 'api: { type: http }')}cost: { executionLogs: { level: info } }\n`, 'cost.executionLogs', 8, /HTTP APIs do not have execution logging/, /only REST API and WebSocket API offer it/],
    ['execution logs on an ALB (its access logs go to S3)', `${BASE.replace('api: { type: rest }', 'api: { type: alb }')}cost: { executionLogs: { level: errors } }\n`, 'cost.executionLogs', 8, /Application Load Balancers do not have execution logging/, /REST API and WebSocket API/],
    ['an execution log level API Gateway does not have', `${BASE}cost: { executionLogs: { level: debug } }\n`, 'cost.executionLogs.level', 8, /must be one of/, undefined],
    ['a log retention CloudWatch Logs does not offer', `${BASE}cost: { accessLogs: { bytesPerRequest: 1KB }, logs: { retention: 45d } }\n`, 'cost.logs.retention', 8, /45 days is not a CloudWatch Logs retention/, /30d, 60d.*3653d, or never/],
    ['log storage with no logs to store', `${BASE}cost: { logs: { retention: 30d } }\n`, 'cost.logs', 8, /has no logs to store/, /cost.accessLogs or cost.executionLogs/],
    ['a compression ratio above 1', `${BASE}cost: { accessLogs: { bytesPerRequest: 1KB }, logs: { compression: 1.5 } }\n`, 'cost.logs.compression', 8, /1.5 is too large: it must be at most 1/, /range/],
    ['a Lambda duration table without the memory size', BASE.replace('duration: { p50: 50ms, p99: 200ms }', 'durationByMemory: { 1024MB: 40ms }'), 'integration.durationByMemory', 7, /no entry for the memory size \(128MB\)/, /1024MB/],
  ])('%s', (_what, text, path, line, message, hint) => {
    const problems = problemsOf(text);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    if (line !== undefined) expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
    if (hint) expect(problem?.hint).toMatch(hint);
  });

  it('execution logs on an HTTP API are one problem, at the field to change', () => {
    const problems = problemsOf(`${BASE.replace('api: { type: rest }', 'api: { type: http }')}cost:\n  executionLogs: { level: info, bytesPerRequest: 2KB }\n`);
    expect(problems).toEqual([expect.objectContaining({ path: 'cost.executionLogs', line: 9, message: 'HTTP APIs do not have execution logging' })]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('name: x\nload:\n  rate: [1\n');
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problemsOf('- a\n- b\n')[0].message).toMatch(/expected a mapping/);
  });

  it('a duration of 0 is one problem, not three (the warm-up and the interval are measured against it)', () => {
    const problems = problemsOf(BASE.replace('duration: 1m', 'duration: 0s'));
    expect(problems).toEqual([expect.objectContaining({ path: 'duration', line: 2, message: 'must be longer than 0' })]);
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
