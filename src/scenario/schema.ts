/**
 * The scenario file's definition: one zod schema that validates, applies the
 * defaults and produces the typed `Scenario`; the JSON Schema that editors use
 * (`apigw-sim schema`) is generated from it.
 *
 * Every default names the AWS document it comes from (see ./defaults.ts).
 */
import { z } from 'zod';
import { distributionOf, valueOrDistribution } from './distribution-schema.js';
import { parseDuration, parseSize } from './units.js';
import { capacityOrUnbounded, count, duration, DURATION_PATTERN, durationOrNone, rate, size, SIZE_PATTERN } from './unit-schema.js';
import * as D from './defaults.js';

/** A fixed duration (`12ms`, meaning always that) or a distribution of durations. */
const durationDistribution = () => valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN);
export const sizeDistribution = () => distributionOf(parseSize, '4KB', SIZE_PATTERN);
/** A fixed size (`4KB`) or a distribution of sizes. */
const sizeOrDistribution = () => valueOrDistribution(parseSize, '4KB', SIZE_PATTERN);

const bucket = z.strictObject({
  rate: rate().describe('steady-state requests per second the bucket refills at'),
  burst: count().describe('bucket capacity: requests admitted at once after idle'),
});

const phase = z.union([
  z.strictObject({ for: duration().describe('phase length'), rate: rate().describe('constant rate during the phase') }),
  z.strictObject({ for: duration().describe('phase length'), ramp: z.tuple([rate(), rate()]).describe('[from, to]: linear change over the phase') }),
]);

const popularity = (what: string) =>
  z.strictObject({
    count: z.int().min(1).describe(`how many distinct ${what}`),
    zipf: z.number().min(0).max(5).default(0).describe('Zipf exponent of popularity: 0 = all equally likely, 1.1 = a few very popular'),
  });

const load = z.strictObject({
  arrivals: z.enum(['poisson', 'uniform']).default('poisson').describe('poisson: independent arrivals; uniform: evenly spaced'),
  rate: rate().optional().describe('a constant offered load, e.g. 500/s (or use profile)'),
  profile: z.array(phase).min(1).optional().describe('phases in order: {for, rate} or {for, ramp: [from, to]}; the last rate holds after the last phase'),
  spikes: z
    .array(z.strictObject({ at: duration(), for: duration(), rate: rate().describe('added on top of the profile') }))
    .default([]),
  daily: z
    .strictObject({ amplitude: z.number().min(0).max(1).describe('relative swing, 0.3 = ±30 %'), period: duration().prefault('1d') })
    .optional()
    .describe('a sine that multiplies the rate'),
  virtualUsers: z.int().min(1).optional().describe('closed loop: this many users, each waiting for its reply before thinking and sending again'),
  thinkTime: durationDistribution().optional().describe('closed loop: pause between a reply and the next request'),
  keys: popularity('keys (cache keys)').prefault({ count: 1 }),
  payload: z
    .strictObject({
      request: sizeOrDistribution().prefault('1KB').describe('request body size'),
      response: sizeOrDistribution().prefault('1KB').describe('response body size'),
    })
    .prefault({}),
});

const retry = z.strictObject({
  attempts: z.int().min(1).max(100).describe('attempts in all, the first included (1 = no retries)'),
  on: z
    .array(z.union([z.enum(['4xx', '5xx', 'timeout']), z.int().min(400).max(599)]))
    .min(1)
    .default([429, '5xx', 'timeout'])
    .describe('what is retried: status codes (429, 503), classes (4xx, 5xx) and timeout'),
  backoff: z
    .strictObject({
      base: duration().prefault('100ms'),
      cap: duration().prefault('20s'),
      jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).default('full'),
    })
    .prefault({})
    .describe('exponential back-off with jitter (AWS Architecture Blog, "Exponential Backoff And Jitter")'),
  throttleDelay: duration().prefault('0ms').describe('least wait before retrying a 429, as a Retry-After header would ask'),
  budget: z
    .strictObject({
      tokens: z.number().min(0).default(500),
      cost: z.number().min(0).default(5),
      timeoutCost: z.number().min(0).default(10),
      refund: z.number().min(0).default(1),
    })
    .optional()
    .describe("retry quota per caller, like the AWS SDKs' (defaults are the SDKs')"),
});

const clients = z.strictObject({
  count: z.int().min(1).default(1).describe('distinct callers (API keys)'),
  zipf: z.number().min(0).max(5).default(0).describe('how traffic spreads over callers: 0 = evenly'),
  timeout: durationOrNone()
    .prefault('none')
    .describe('per-attempt time-out after which the client stops waiting; "none" waits for ever'),
  retry: retry.optional(),
  circuitBreaker: z
    .strictObject({
      failureRatio: z.number().gt(0).max(1).describe('share of failed attempts in the window that opens the breaker'),
      window: duration().prefault('10s'),
      minRequests: z.int().min(1).default(20),
      open: duration().prefault('5s').describe('how long it stays open'),
      probes: z.int().min(1).default(1).describe('trial calls when half-open'),
    })
    .optional()
    .describe('per caller'),
});

const api = z.strictObject({
  type: z
    .literal('rest', { error: 'only "rest" is modelled in this version; http, websocket and alb are planned' })
    .describe('front door type; rest for now (http, websocket and alb are planned)'),
  overhead: durationDistribution().optional().describe('latency API Gateway adds to every request'),
  integrationTimeout: duration().optional().describe(`integration time-out, default ${D.REST_INTEGRATION_TIMEOUT_MS / 1000}s`),
  throttle: z
    .strictObject({
      account: bucket.optional().describe(`account-level bucket, default ${D.ACCOUNT_THROTTLE_RATE_PER_S}/s burst ${D.ACCOUNT_THROTTLE_BURST}`),
      stage: bucket.optional().describe('stage-level bucket (default: none)'),
    })
    .prefault({}),
  responses: z
    .strictObject({
      lambdaThrottle: z.int().min(400).max(599).optional().describe(`status for a throttled Lambda integration (default ${D.REST_LAMBDA_THROTTLE_STATUS})`),
      lambdaError: z.int().min(400).max(599).optional().describe(`status for a Lambda function error or time-out (default ${D.REST_LAMBDA_ERROR_STATUS})`),
    })
    .prefault({})
    .describe('gateway responses: remap the status the client sees'),
});

const queueSpec = z
  .strictObject({
    capacity: capacityOrUnbounded().prefault('unbounded').describe('requests that may wait for a server'),
    discipline: z.enum(['fifo', 'lifo']).default('fifo').describe('which waiting request is served next'),
  })
  .prefault({});

const serviceFields = {
  servers: z.int().min(1).describe('servers (threads, connections) working in parallel'),
  queue: queueSpec,
  service: durationDistribution().describe('service time per request'),
  rejectStatus: z.int().min(400).max(599).default(D.BACKEND_REJECT_STATUS).describe('status when the queue is full'),
  errorRate: z.number().min(0).max(1).default(0).describe('share of requests answered 500 after being served'),
  slowdown: z
    .strictObject({ at: z.number().min(0).max(1).describe('utilisation where service starts to slow'), factor: z.number().min(1).describe('how many times slower with every server busy') })
    .optional()
    .describe('service time stretching with contention'),
  dropExpired: z.boolean().default(false).describe('drop queued work whose client has already given up (a mitigation)'),
};

const downstream = z.strictObject({
  ...serviceFields,
  timeout: durationOrNone().prefault('none').describe("the function's time-out for each call to the dependency"),
  retry: retry.optional().describe("the function's retries of the dependency"),
});

const lambdaIntegration = z.strictObject({
  type: z.literal('lambda'),
  memory: size().prefault(`${D.LAMBDA_MEMORY_MB}MB`).describe('memory size, 128MB to 10240MB'),
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  duration: durationDistribution().describe('handler run time per invocation'),
  coldStart: durationDistribution().optional().describe('INIT time of a new execution environment'),
  keepAlive: durationDistribution().optional().describe('how long an idle environment stays warm'),
  concurrency: z
    .strictObject({
      account: z.int().min(1).default(D.LAMBDA_ACCOUNT_CONCURRENCY).describe('account concurrency limit in the region'),
      reserved: z.int().min(0).optional().describe('reserved concurrency of this function (its limit)'),
      provisioned: z.int().min(0).default(0).describe('always-warm environments'),
    })
    .prefault({}),
  timeout: duration().prefault(`${D.LAMBDA_TIMEOUT_MS}ms`).describe('function time-out'),
  errorRate: z.number().min(0).max(1).default(0).describe('share of invocations that end in a function error'),
  downstream: downstream.optional().describe('a service the function calls after its own work (multi-layer retries)'),
});

const httpIntegration = z.strictObject({
  type: z.literal('http'),
  ...serviceFields,
});

const failure = z.strictObject({
  at: duration().describe('when the window opens'),
  for: duration().prefault('0s').describe('how long it stays open (0 for flushWarm)'),
  target: z.enum(['integration', 'downstream', 'gateway']).describe('what fails'),
  errorRate: z.number().min(0).max(1).optional().describe('share of requests that fail'),
  addLatency: durationDistribution().optional().describe('extra time per request'),
  outage: z.boolean().optional().describe('nothing is served'),
  capacity: z.number().min(0).max(1).optional().describe('fraction of servers / concurrency left'),
  flushWarm: z.boolean().optional().describe('a deployment: warm Lambda environments are dropped'),
  throttle: z.strictObject({ bucket: z.enum(['stage', 'account']), rate: rate() }).optional().describe("change a gateway bucket's rate"),
});

const scenarioFields = z.strictObject({
  name: z.string().min(1).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore').describe('names the report folder'),
  description: z.string().default(''),
  seed: z.int().min(0).max(2 ** 32 - 1).default(1),
  duration: duration().describe('simulated time'),
  warmup: duration().prefault('0s').describe('excluded from the figures'),
  interval: duration().prefault('1s').describe('time-series row length'),
  load,
  clients: clients.prefault({}),
  api,
  integration: z.discriminatedUnion('type', [lambdaIntegration, httpIntegration]),
  failures: z.array(failure).default([]).describe('failure windows (DESIGN §4.7)'),
});

/** Rules that tie several fields together, each reported at the field to change. */
export const scenarioSchema = scenarioFields.superRefine((s, ctx) => {
  const problem = (path: PropertyKey[], message: string, hint: string) => ctx.addIssue({ code: 'custom', path, message, params: { hint } });
  if (!(s.duration > 0)) problem(['duration'], 'must be longer than 0', 'e.g. duration: 10m');
  if (s.warmup >= s.duration) problem(['warmup'], 'is not shorter than the duration', 'the warm-up is excluded from the figures, so it must leave some of the run');
  if (!(s.interval > 0) || s.interval > s.duration) problem(['interval'], 'must be > 0 and at most the duration', 'e.g. interval: 1s');
  checkLoad(s, problem);
  checkClients(s, problem);
  checkFailures(s, problem);
  const integration = s.integration;
  if (integration.type === 'lambda') {
    const memoryMb = integration.memory / 1024 ** 2;
    if (!Number.isInteger(memoryMb) || memoryMb < D.LAMBDA_MIN_MEMORY_MB || memoryMb > D.LAMBDA_MAX_MEMORY_MB) {
      problem(['integration', 'memory'], `${memoryMb} MB is not a Lambda memory size`, `Lambda takes whole MB from ${D.LAMBDA_MIN_MEMORY_MB}MB to ${D.LAMBDA_MAX_MEMORY_MB}MB`);
    }
    const { account, reserved, provisioned } = integration.concurrency;
    if (reserved !== undefined && reserved > account) problem(['integration', 'concurrency', 'reserved'], `is above the account limit (${account})`, 'reserve at most the account concurrency');
    const limit = reserved ?? account;
    if (provisioned > limit) problem(['integration', 'concurrency', 'provisioned'], `is above the function's concurrency limit (${limit})`, 'provisioned concurrency counts against reserved concurrency and the account limit');
    if (!(integration.timeout > 0)) problem(['integration', 'timeout'], 'must be longer than 0', 'Lambda time-outs go from 1s to 900s');
  }
  for (const name of ['account', 'stage'] as const) {
    const b = s.api.throttle[name];
    if (b && !(b.rate >= 0 && b.burst >= 0)) problem(['api', 'throttle', name], 'rate and burst must be >= 0', 'e.g. { rate: 1000/s, burst: 500 }');
  }
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type LambdaIntegrationSpec = Extract<Scenario['integration'], { type: 'lambda' }>;
export type HttpIntegrationSpec = Extract<Scenario['integration'], { type: 'http' }>;

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

function checkLoad(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const load = s.load;
  const closed = load.virtualUsers !== undefined;
  const shapes = [load.rate !== undefined, load.profile !== undefined, closed].filter(Boolean).length;
  if (shapes === 0) problem(['load'], 'says nothing about how much load', 'give rate: 500/s, a profile: [...], or virtualUsers with a thinkTime');
  if (shapes > 1) problem(['load'], 'gives more than one of rate, profile and virtualUsers', 'use one: a constant rate, a profile of phases, or a closed loop of virtual users');
  if (closed && load.thinkTime === undefined) problem(['load', 'thinkTime'], 'is required with virtualUsers', 'e.g. thinkTime: {mean: 1s}');
  if (!closed && load.thinkTime !== undefined) problem(['load', 'thinkTime'], 'only applies with virtualUsers', 'remove it, or add virtualUsers: N');
  if (load.rate !== undefined && !(load.rate > 0)) problem(['load', 'rate'], 'must be greater than 0', 'e.g. rate: 500/s');
  load.profile?.forEach((p, i) => {
    if (!(p.for > 0)) problem(['load', 'profile', i, 'for'], 'must be longer than 0', 'e.g. for: 2m');
  });
  load.spikes.forEach((spike, i) => {
    if (spike.at >= s.duration) problem(['load', 'spikes', i, 'at'], 'starts after the run ends', `the run lasts ${s.duration / 1000}s`);
  });
}

function checkClients(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const retry = s.clients.retry;
  if (retry && retry.backoff.cap < retry.backoff.base) problem(['clients', 'retry', 'backoff', 'cap'], 'is smaller than base', 'the cap bounds the back-off from above: make it at least the base');
  if (retry && retry.attempts > 1 && retry.backoff.base <= 0 && retry.backoff.jitter === 'decorrelated') {
    problem(['clients', 'retry', 'backoff', 'base'], 'must be > 0 for decorrelated jitter', 'decorrelated jitter grows from the base');
  }
  if (s.load.virtualUsers !== undefined && s.clients.count > 1 && s.clients.count !== s.load.virtualUsers) {
    problem(['clients', 'count'], `differs from load.virtualUsers (${s.load.virtualUsers})`, 'in a closed loop each virtual user is a caller; leave clients.count out');
  }
}

function checkFailures(s: z.output<typeof scenarioFields>, problem: Problem): void {
  s.failures.forEach((f, i) => {
    const at = (key: string) => ['failures', i, key];
    if (f.at >= s.duration) problem(at('at'), 'is not inside the run', `the run lasts ${s.duration / 1000}s; a window must open before it ends`);
    const effects = [f.errorRate, f.addLatency, f.outage, f.capacity, f.flushWarm, f.throttle].filter((e) => e !== undefined && e !== false);
    if (effects.length === 0) problem(['failures', i], 'does nothing', 'give errorRate, addLatency, outage, capacity, flushWarm or throttle');
    if (f.for <= 0 && !(effects.length === 1 && f.flushWarm)) problem(at('for'), 'must be longer than 0', 'e.g. for: 30s (only a lone flushWarm may have no length)');
    if (f.flushWarm && !(f.target === 'integration' && s.integration.type === 'lambda')) problem(at('flushWarm'), 'applies only to a Lambda integration', 'target: integration with integration.type: lambda');
    if (f.throttle && f.target !== 'gateway') problem(at('throttle'), 'applies only to target: gateway', 'throttle buckets belong to the front door');
    if (f.throttle?.bucket === 'stage' && !s.api.throttle.stage) problem(at('throttle'), 'names the stage bucket, which this API does not have', 'add api.throttle.stage: {rate, burst}');
    if (f.target === 'gateway' && (f.outage || f.capacity !== undefined)) problem(at('target'), 'the gateway takes errorRate, addLatency and throttle only', 'target the integration for outages and capacity cuts');
    if (f.target === 'downstream' && !(s.integration.type === 'lambda' && s.integration.downstream)) problem(at('target'), 'there is no downstream', 'add integration.downstream to the Lambda integration');
  });
}

/** The JSON Schema editors can use for autocompletion. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
