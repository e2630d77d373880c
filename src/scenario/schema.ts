/**
 * The scenario file's definition: one zod schema that validates, applies the
 * defaults and produces the typed `Scenario`; the JSON Schema that editors use
 * (`apigw-sim schema`) is generated from it.
 *
 * Every default names the AWS document it comes from (see ./defaults.ts).
 */
import { METRICS, metricDefinition, parseThreshold, ThresholdError } from '../metrics/thresholds.js';
import { z } from 'zod';
import { distributionOf, valueOrDistribution } from './distribution-schema.js';
import { parseDuration, parseSize } from './units.js';
import type { DistributionSpec } from '../model/shared/distribution.js';
import { burst, capacityOrUnbounded, duration, DURATION_PATTERN, durationOrNever, durationOrNone, monthlyCount, quota, rate, real, size, SIZE_PATTERN, whole } from './unit-schema.js';
import * as L from './limits.js';
import * as D from './defaults.js';
import { BUNDLED_REGIONS } from '../cost/prices.js';
import { checkInitialState, initialState } from './initial-state-schema.js';
import { checkCollapse, checkMap, collapseSection, mapSection } from './collapse-schema.js';
import { checkQueue, sqsIntegrationSchema } from './queue-schema.js';
import { checkFailover, failoverSchema } from './failover-schema.js';
import { checkCloudFront, cloudfrontSchema } from './cloudfront-schema.js';
import { canarySchema, checkCanary } from './canary-schema.js';
import { checkTableCall, dynamodbIntegrationSchema, sdkTableSchema } from './dynamodb-schema.js';
import { checkStepFunctions, stepFunctionsIntegrationSchema } from './stepfunctions-schema.js';
import { checkSns, snsIntegrationSchema } from './sns-schema.js';
import { lambdaRuntimeNames } from '../catalog/lambda-init.js';
import { checkLambdaRuntime } from './lambda-runtime.js';
import { checkSnapStart, snapStartSchema } from './snapstart-schema.js';
import { apiKeysSchema, authorizerAccessFields, checkAuthorizerAccess, checkUsagePlans, usagePlansSchema } from './access-schema.js';
import { checkGatewayRequests, gatewayRequestFields } from './gateway-request-schema.js';
import { checkAsyncEntry, retryPolicySchema, sdkIntegrationHint } from './async-entry-schema.js';
import { API_TYPES, ENTRY_POINTS, frontDoorProfile, pluralLabel, typesOffering, typesWithAuthorizer, type Feature } from '../catalog/entry-points.js';

/** A fixed duration (`12ms`, meaning always that) or a distribution of durations. */
const durationDistribution = () => valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN);
export const sizeDistribution = () => distributionOf(parseSize, '4KB', SIZE_PATTERN);
/** A fixed size (`4KB`) or a distribution of sizes. */
const sizeOrDistribution = () => valueOrDistribution(parseSize, '4KB', SIZE_PATTERN);

const bucket = z.strictObject({
  rate: rate().describe('steady-state requests per second the bucket refills at'),
  burst: burst().describe('bucket capacity: requests admitted at once after idle, a whole number from 1'),
});

/** A scenario's name: it names its report folder, so no slash, space or leading dot. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const phase = z.union([
  z.strictObject({ for: duration().describe('phase length'), rate: rate().describe('constant rate during the phase') }),
  z.strictObject({ for: duration().describe('phase length'), ramp: z.tuple([rate(), rate()]).describe('[from, to]: linear change over the phase') }),
]);

const popularity = (what: string) =>
  z.strictObject({
    count: whole(1, L.MAX_KEYS).describe(`how many distinct ${what}`),
    zipf: real(0, 5).prefault(0).describe('Zipf exponent of popularity: 0 = all equally likely, 1.1 = a few very popular'),
  });

const load = z.strictObject({
  arrivals: z.enum(['poisson', 'uniform']).default('poisson').describe('poisson: independent arrivals; uniform: evenly spaced'),
  rate: rate().optional().describe('a constant offered load, e.g. 500/s (or use profile)'),
  profile: z.array(phase).min(1).max(L.MAX_LIST).optional().describe('phases in order: {for, rate} or {for, ramp: [from, to]}; the last rate holds after the last phase'),
  spikes: z
    .array(z.strictObject({ at: duration(), for: duration(), rate: rate().describe('added on top of the profile') }))
    .max(L.MAX_LIST)
    .default([]),
  daily: z
    .strictObject({ amplitude: real(0, 1).describe('relative swing, 0.3 = ±30 %'), period: duration().prefault('1d') })
    .optional()
    .describe('a sine that multiplies the rate'),
  virtualUsers: whole(1, L.MAX_VIRTUAL_USERS).optional().describe('closed loop: this many users, each waiting for its reply before thinking and sending again'),
  thinkTime: durationDistribution().optional().describe('closed loop: pause between a reply and the next request'),
  keys: popularity('keys (cache keys)').prefault({ count: 1 }),
  routes: z
    .array(z.strictObject({ name: z.string().min(1).describe('e.g. "GET /items"'), weight: real(0, L.MAX_FACTOR, { above: true }).prefault(1).describe('relative share of requests') }))
    .min(1)
    .max(L.MAX_ROUTES)
    .optional()
    .describe('the routes (method and path) requests are spread over, by weight; default one route'),
  connection: z
    .strictObject({
      duration: durationDistribution().describe(`how long a client keeps its connection (capped at ${D.WEBSOCKET_MAX_CONNECTION_MS / 3_600_000} h)`),
      messages: rate().describe('messages each open connection sends (Poisson), e.g. 0.2/s'),
    })
    .optional()
    .describe('WebSocket APIs: load.rate is new connections per second; each connection sends messages while open'),
  payload: z
    .strictObject({
      request: sizeOrDistribution().prefault('1KB').describe('request body size'),
      response: sizeOrDistribution().prefault('1KB').describe('response body size'),
    })
    .prefault({}),
});

const retry = z.strictObject({
  attempts: whole(1, 100).describe('attempts in all, the first included (1 = no retries)'),
  on: z
    .array(z.union([z.enum(['4xx', '5xx', 'timeout']), whole(400, 599)]))
    .min(1)
    .max(L.MAX_LIST)
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
      tokens: real(0, L.MAX_FACTOR).prefault(500),
      cost: real(0, L.MAX_FACTOR).prefault(5),
      timeoutCost: real(0, L.MAX_FACTOR).prefault(10),
      refund: real(0, L.MAX_FACTOR).prefault(1),
    })
    .optional()
    .describe("retry quota per caller, like the AWS SDKs' (defaults are the SDKs')"),
});

/** Where the clients are: the network between them and the front door (docs/model.md: Network and endpoint types). */
const network = z.strictObject({
  rtt: durationDistribution().describe("round trip between a client and the API's Region over the internet (a value, or a distribution drawn per attempt)"),
  edgeRtt: duration()
    .prefault(`${D.EDGE_RTT_MS}ms`)
    .describe('round trip to the nearest CloudFront edge location, for an edge-optimized endpoint (never more than rtt)'),
  newConnections: real(0, 1).prefault(0).describe('share of attempts that open a new connection first (TCP and TLS handshakes); 0: clients keep theirs open'),
  handshakeRtts: whole(0, 5).prefault(D.HANDSHAKE_RTTS).describe('round trips a new connection costs: 2 = TCP + TLS 1.3, 3 = TCP + TLS 1.2'),
});

const clients = z.strictObject({
  count: whole(1, L.MAX_CALLERS).prefault(1).describe(`distinct callers (API keys; at most ${L.MAX_API_KEYS.toLocaleString('en-US')} behind a usage plan)`),
  zipf: real(0, 5).prefault(0).describe('how traffic spreads over callers: 0 = evenly'),
  timeout: durationOrNone()
    .prefault('none')
    .describe('per-attempt time-out after which the client stops waiting; "none" waits for ever'),
  retry: retry.optional(),
  network: network.optional().describe("the network to the front door: clients far from the API's Region, new connections (default: none, an in-Region call)"),
  circuitBreaker: z
    .strictObject({
      failureRatio: real(0, 1, { above: true }).describe('share of failed attempts in the window that opens the breaker'),
      window: duration().prefault('10s'),
      minRequests: whole(1, L.MAX_FACTOR).prefault(20),
      open: duration().prefault('5s').describe('how long it stays open'),
      probes: whole(1, L.MAX_FACTOR).prefault(1).describe('trial calls when half-open'),
    })
    .optional()
    .describe('per caller'),
});

const lambdaFunctionFields = {
  memory: size().prefault(`${D.LAMBDA_MEMORY_MB}MB`).describe('memory size, 128MB to 10240MB'),
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  duration: durationDistribution().optional().describe('handler run time per invocation'),
  durationByMemory: z
    .record(z.string().regex(new RegExp(SIZE_PATTERN), 'a key is a memory size like 512MB'), durationDistribution())
    .optional()
    .describe('handler run time measured at several memory sizes (e.g. from Lambda Power Tuning); the entry for `memory` is used'),
  coldStart: durationDistribution().optional().describe('INIT time of a new execution environment'),
  runtime: z
    .string()
    .meta({ enum: lambdaRuntimeNames() }) // the check is checkLambdaRuntime's (a did-you-mean); the list is for editors
    .optional()
    .describe('the runtime, e.g. nodejs22.x or provided.al2023/rust: INIT from measurements (docs/lambda-runtimes.md) unless coldStart is given'),
  packageType: z.enum(['zip', 'image']).optional().describe('with runtime: how the function is deployed (default zip)'),
  extraInit: durationDistribution().optional().describe("with runtime: the function's own initialisation, added to the measured hello-world INIT"),
  snapStart: snapStartSchema,
  keepAlive: durationDistribution().optional().describe('how long an idle environment stays warm'),
  concurrency: z
    .strictObject({
      reserved: whole(0, L.MAX_LAMBDA_CONCURRENCY).optional().describe("reserved concurrency: the function's limit, taken out of the account's pool"),
      provisioned: whole(0, L.MAX_LAMBDA_CONCURRENCY).prefault(0).describe('always-warm environments'),
    })
    .prefault({}),
  timeout: duration().prefault(`${D.LAMBDA_TIMEOUT_MS}ms`).describe('function time-out'),
  errorRate: real(0, 1).prefault(0).describe('share of invocations that end in a function error'),
};

const authorizer = z.strictObject({
  type: z.enum(['lambda', 'jwt', 'iam', 'cognito', 'oidc']).describe('lambda (REST, HTTP, WebSocket), jwt (HTTP), iam (REST, HTTP, WebSocket), cognito (REST user pools; ALB), oidc (ALB)'),
  cacheTtl: duration().optional().describe('how long a decision is cached per identity (0 = every request is checked); ALB: the session length'),
  denyRatio: real(0, 1).prefault(0).describe('share of checks that refuse the caller (401 or 403)'),
  latency: durationDistribution().optional().describe('time of a check that runs no Lambda (jwt, iam, cognito) or of the login (oidc)'),
  function: z.strictObject(lambdaFunctionFields).optional().describe('the Lambda authorizer function (type: lambda)'),
  ...authorizerAccessFields,
});

const cache = z.strictObject({
  size: size().describe(`cache size, one of API Gateway's: ${D.REST_CACHE_SIZES_GB.join(', ')} GB`),
  ttl: duration().prefault(`${D.REST_CACHE_TTL_MS / 1000}s`).describe('time to live of a cached response, 0s to 3600s'),
  hitRatio: real(0, 1).optional().describe('a fixed hit ratio instead of the LRU model, for quick what-ifs'),
  hitLatency: durationDistribution().optional().describe('latency of a cache hit (instead of the integration)'),
});

const waf = z.strictObject({
  rules: whole(0, 1000).prefault(D.WAF_RULES).describe('rules and rule groups in the web ACL, each billed per month'),
  blockRatio: real(0, 1).prefault(0).describe('share of requests the rules block (403)'),
  latency: durationDistribution().optional().describe('time the inspection adds to every request (default p50 1 ms, p99 3 ms)'),
});

export const ENDPOINT_TYPES = ['regional', 'edge', 'private'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];
const endpoint = z
  .union([
    z.enum(ENDPOINT_TYPES),
    z.strictObject({
      type: z.enum(ENDPOINT_TYPES),
      azs: whole(1, 6).prefault(D.PRIVATE_ENDPOINT_AZS).describe("private: Availability Zones the interface VPC endpoint is in (each billed per hour)"),
    }),
  ])
  .default('regional')
  .describe('REST APIs: regional, edge (edge-optimized, through a CloudFront edge location) or private (from a VPC, through an interface endpoint)');

const api = z.strictObject({
  type: z.enum(API_TYPES).describe(`the entry point: ${API_TYPES.map((t) => `${t} (${ENTRY_POINTS[t].label}${ENTRY_POINTS[t].mode === 'async' ? ', the asynchronous path' : ''})`).join(', ')}`),
  endpoint,
  overhead: durationDistribution().optional().describe('latency the front door adds to every request (default per type)'),
  integrationTimeout: duration().optional().describe('how long the front door waits for the integration (default per type; ALB: the idle timeout)'),
  throttle: z
    .strictObject({
      account: bucket.optional().describe(`account-level bucket, default ${D.ACCOUNT_THROTTLE_RATE_PER_S}/s burst ${D.ACCOUNT_THROTTLE_BURST}`),
      stage: bucket.optional().describe('stage-level bucket (default: none)'),
      routes: z.record(z.string(), bucket).optional().describe('per route (method), keyed by the names in load.routes'),
      usagePlan: z
        .strictObject({ rate: rate().optional(), burst: burst().optional(), quota: quota().optional().describe('requests per API key per day, week or month') })
        .optional()
        .describe('a usage plan every API key (caller) is on: its own bucket and quota per key (REST only)'),
      usagePlans: usagePlansSchema(),
      connections: bucket.optional().describe(`WebSocket: new connections, default ${D.WEBSOCKET_CONNECT_RATE_PER_S}/s`),
    })
    .prefault({}),
  authorizer: authorizer.optional(),
  apiKeys: apiKeysSchema(),
  cache: cache.optional().describe('the stage response cache (REST only)'),
  waf: waf.optional().describe('an AWS WAF web ACL in front of the API (REST and ALB only)'),
  cloudfront: cloudfrontSchema,
  delivery: z
    .strictObject({
      targets: whole(1, D.EVENT_TARGETS_MAX)
        .prefault(1)
        .describe(`consumers each event is delivered to (rule targets, up to ${D.EVENT_TARGETS_PER_RULE} per rule, several rules), each a run of the integration function`),
      retries: whole(0, 2).prefault(D.LAMBDA_ASYNC_RETRIES).describe("Lambda's retries of an event whose function failed (0 to 2), one and then two minutes apart"),
      maxEventAge: duration()
        .prefault(`${D.LAMBDA_ASYNC_MAX_EVENT_AGE_MS / 3_600_000}h`)
        .describe('how long an event may wait (throttled, or between retries) before it is dropped to the dead-letter queue, 60s to 6h'),
      latency: durationDistribution().optional().describe('from an accepted event to its delivery (default p50 40 ms, p99 150 ms)'),
      retryPolicy: retryPolicySchema,
    })
    .optional()
    .describe('eventbridge only: how events reach the integration (a Lambda function, by asynchronous invocation; or an SQS queue)'),
  broadcast: z
    .strictObject({
      roomSize: whole(1, L.MAX_ROOM_SIZE).describe('connections each message is posted to (one PostToConnection per member, the sender included if it is a member)'),
      messageSize: size().optional().describe("size of each post (default: the sender's message, relayed as it came)"),
      latency: durationDistribution().optional().describe('time the posts take, made at once after the handler (default p50 8 ms, p99 40 ms, an ASSUMPTION)'),
    })
    .optional()
    .describe("WebSocket APIs: each message the integration handles is posted to a room's members through the @connections API, each post billed as a message and counted against the account's throttle quota"),
  responses: z
    .strictObject({
      lambdaThrottle: whole(400, 599).optional().describe('status for a throttled Lambda integration (default 500)'),
      lambdaError: whole(400, 599).optional().describe('status for a Lambda function error or time-out (default 502)'),
    })
    .optional()
    .describe('gateway responses: remap the status the client sees (REST only)'),
  canary: canarySchema,
  ...gatewayRequestFields,
});

const queueSpec = z
  .strictObject({
    capacity: capacityOrUnbounded().prefault('unbounded').describe('requests that may wait for a server'),
    discipline: z.enum(['fifo', 'lifo']).default('fifo').describe('which waiting request is served next'),
  })
  .prefault({});

const serviceFields = {
  servers: whole(1, L.MAX_SERVERS).describe('servers (threads, connections) working in parallel'),
  queue: queueSpec,
  service: durationDistribution().describe('service time per request'),
  rejectStatus: whole(400, 599).prefault(D.BACKEND_REJECT_STATUS).describe('status when the queue is full'),
  errorRate: real(0, 1).prefault(0).describe('share of requests answered 500 after being served'),
  slowdown: z
    .strictObject({ at: real(0, 1).describe('utilisation where service starts to slow'), factor: real(1, 1000).describe('how many times slower with every server busy') })
    .optional()
    .describe('service time stretching with contention'),
  dropExpired: z.boolean().default(false).describe('drop queued work whose client has already given up (a mitigation)'),
  sharing: z
    .strictObject({
      cores: whole(1, L.MAX_SERVERS).optional().describe('cores shared by the requests in service: X(n) = min(n, cores); 1 is M/G/1-PS'),
      linear: real(0, 1).optional().describe('how much each request in service slows every other one: X(n) = n / (1 + s(n - 1))'),
      usl: z
        .strictObject({
          contention: real(0, 1).describe('sigma: the share of work serialised (queueing for a shared resource)'),
          coherency: real(0, 1).describe('kappa: the cost of keeping in-flight work consistent, which makes throughput fall past a peak'),
        })
        .optional()
        .describe("Gunther's Universal Scalability Law: X(n) = n / (1 + sigma(n - 1) + kappa n(n - 1))"),
    })
    // one object with the three shapes as keys, not a union: a typo inside one is then reported where it is
    .superRefine((o, ctx) => {
      const given = (['cores', 'linear', 'usl'] as const).filter((k) => o[k] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({ code: 'custom', path: [], message: given.length === 0 ? 'gives no capacity curve' : `gives more than one capacity curve (${given.join(', ')})`, params: { hint: 'give one of {cores: 4}, {linear: 0.01} or {usl: {contention: 0.05, coherency: 0.001}}' } });
      }
    })
    .optional()
    .describe('processor sharing: every request in service (up to `servers`) progresses at X(n)/n of its speed alone, so work in flight slows as concurrency rises (none: one request per server)'),
  cancellation: z
    .enum(['none', 'deadline'])
    .default('none')
    .describe("'deadline': the client's time-out is passed downstream; work still in service when it passes is abandoned and frees its server (a mitigation), and queued work whose client left is dropped"),
};

const downstream = z.strictObject({
  ...serviceFields,
  timeout: durationOrNone().prefault('none').describe("the function's time-out for each call to the dependency"),
  retry: retry.optional().describe("the function's retries of the dependency"),
});

const lambdaIntegration = z.strictObject({
  type: z.literal('lambda'),
  ...lambdaFunctionFields,
  downstream: downstream.optional().describe('a service the function calls after its own work (multi-layer retries)'),
  dynamodb: sdkTableSchema.optional(),
});

const httpIntegration = z.strictObject({
  type: z.literal('http'),
  ...serviceFields,
  vpcLink: z
    .strictObject({
      target: z
        .enum(['nlb', 'alb', 'cloudmap'])
        .describe('what the VPC link reaches: nlb (VPC link v1, REST and WebSocket; or v2), alb (VPC link v2, REST and HTTP) or cloudmap (HTTP APIs: the instances themselves, found through AWS Cloud Map, no load balancer)'),
      latency: durationDistribution().optional().describe("the load balancer's added latency (default: nlb p50 0.3 ms, alb the ALB front door's; cloudmap none)"),
    })
    .optional()
    .describe('a private integration: the service sits in a VPC behind a load balancer, reached through a VPC link'),
});

const sqsIntegration = sqsIntegrationSchema(lambdaFunctionFields);
const dynamodbIntegration = dynamodbIntegrationSchema;
const stepFunctionsIntegration = stepFunctionsIntegrationSchema;
const snsIntegration = snsIntegrationSchema(lambdaFunctionFields, serviceFields);

const failure = z.strictObject({
  at: duration().describe('when the window opens'),
  for: duration().prefault('0s').describe('how long it stays open (0 for flushWarm)'),
  target: z.enum(['integration', 'downstream', 'gateway']).describe('what fails'),
  errorRate: real(0, 1).optional().describe('share of requests that fail'),
  addLatency: durationDistribution().optional().describe('extra time per request'),
  outage: z.boolean().optional().describe('nothing is served'),
  capacity: real(0, 1).optional().describe('fraction of servers / concurrency left'),
  flushWarm: z.boolean().optional().describe('a deployment: warm Lambda environments are dropped'),
  throttle: z.strictObject({ bucket: z.enum(['usagePlan', 'route', 'stage', 'account']), rate: rate() }).optional().describe("change a gateway bucket's rate (every bucket of that level)"),
});

const cost = z
  .strictObject({
    region: z.string().default(D.COST_REGION).describe(`AWS Region whose prices apply: ${BUNDLED_REGIONS.join(', ')} (or any, with --prices)`),
    monthlyRequests: monthlyCount()
      .optional()
      .describe('price a month of this many requests (e.g. 40M or 40M/month) instead of scaling the measured rate to 730 hours'),
    freeTier: z.boolean().default(false).describe("take the AWS free tier off the bill (most of it is for a new account's first 12 months)"),
    accessLogs: z
      .strictObject({ bytesPerRequest: size().describe('log line size, e.g. 1KB') })
      .optional()
      .describe('price access logs sent to CloudWatch Logs'),
    executionLogs: z
      .strictObject({
        level: z.enum(['errors', 'info']).describe('info: every request writes its execution log; errors: only requests answered with an error status (4xx, 5xx, throttles included)'),
        bytesPerRequest: size()
          .optional()
          .describe(`log bytes per logged request; default (an ASSUMPTION, AWS gives no figure) ${D.EXECUTION_LOG_BYTES_PER_REQUEST.info} B for info, ${D.EXECUTION_LOG_BYTES_PER_REQUEST.errors} B for errors`),
      })
      .transform((e) => ({ level: e.level, bytesPerRequest: e.bytesPerRequest ?? D.EXECUTION_LOG_BYTES_PER_REQUEST[e.level] }))
      .optional()
      .describe('price API Gateway execution logs sent to CloudWatch Logs (REST and WebSocket APIs)'),
    logs: z
      .strictObject({
        retention: durationOrNever()
          .prefault('never')
          .describe(`how long CloudWatch Logs keeps the logs: ${D.LOG_RETENTION_DAYS.map((d) => `${d}d`).join(', ')}, or never (a log group's default)`),
        compression: real(0, 1, { above: true }).prefault(D.LOG_COMPRESSION_RATIO).describe('stored (compressed) bytes per ingested byte; storage is billed on them'),
      })
      .optional()
      .describe('price CloudWatch Logs storage of the access and execution logs'),
    alb: z
      .strictObject({
        connections: z.enum(['keep-alive', 'per-request']).default('keep-alive').describe('keep-alive: each caller reuses one connection; per-request: a new connection per request'),
        rules: whole(0, L.MAX_ALB_RULES).prefault(1).describe('listener rules evaluated per request (the first 10 are free)'),
      })
      .prefault({})
      .describe('ALB only: what its LCU connection and rule dimensions see'),
  })
  .prefault({})
  .describe('the monthly cost estimate (docs/costs.md)');

/**
 * SLO thresholds (docs/commands.md: Thresholds), parsed here once into typed checks:
 * `p99: "< 300ms"`, or a list that must all hold.
 */
const checks = () =>
  z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).transform((spec, ctx) =>
    Object.entries(spec).flatMap(([metric, texts]) =>
      (typeof texts === 'string' ? [texts] : texts).flatMap((text, i) => {
        try {
          return [parseThreshold(metric, text)];
        } catch (error) {
          if (!(error instanceof ThresholdError)) throw error;
          ctx.addIssue({ code: 'custom', path: typeof texts === 'string' ? [metric] : [metric, i], message: error.message.replace(`${metric}: `, ''), params: { hint: error.hint } });
          return [];
        }
      }),
    ),
  );
const thresholds = checks().default([]).describe('SLO checks on the figures, e.g. p99: "< 300ms"; a failed one makes the run exit with code 3');

/**
 * A lesson (docs/lessons.md): what it asks and teaches, the
 * variants it compares (this scenario with values set, as `sweep --set`
 * sets them, or another scenario file), and the claims its explanation
 * makes, each checked on the figures so a lesson cannot drift into saying
 * something the model no longer shows.
 */
const lessonClaim = z.union([
  z.strictObject({
    says: z.string().min(1).describe('the claim, as the explanation makes it'),
    variant: z.string().default('base').describe('whose figures: base (this scenario) or a variant'),
    expect: checks().describe('thresholds that must hold, e.g. p99: "> 400ms"'),
    counted: z
      .boolean()
      .optional()
      .describe('true: each event it names must be one a component of the variant counts, so "<= 0" on a misspelt event or a stage the variant lacks fails'),
  }),
  z.strictObject({
    says: z.string().min(1),
    compare: z.strictObject({
      metric: z.string().describe('a threshold metric (p99, errorRate, monthlyCost...) or a figure of summary.csv (stagesMs.authorizer.mean...)'),
      variant: z.string(),
      is: z.enum(['lower', 'higher']),
      than: z.string(),
    }),
  }),
]);
const lesson = z.strictObject({
  title: z.string().min(1),
  question: z.string().min(1).describe('the question it answers'),
  explanation: z.string().min(1).describe('one paragraph: what the chart shows and why'),
  examSignal: z.string().min(1).describe('the signal on the study page (and in AWS certification questions) it maps to'),
  chart: z
    .string()
    .default('outcomes')
    .describe('the chart that tells the story: one of the base run\'s charts (outcomes, load, latency, latency-cdf, lambda, queue, cache, stages, cost) or a figure to compare across the variants as bars (monthlyCost, p99, stagesMs.overhead.mean...)'),
  variants: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
        set: z.record(z.string(), z.unknown()).optional().describe('scenario paths and values, as sweep --set'),
        scenario: z.string().optional().describe('another scenario file, relative to this one'),
      }),
    )
    .default([]),
  claims: z.array(lessonClaim).default([]),
});

const scenarioFields = z.strictObject({
  $schema: z.string().optional().describe('the JSON Schema of this file, for editors (schema/scenario.schema.json); apigw-sim ignores it'),
  name: z
    .string()
    .min(1)
    .refine((v) => NAME_PATTERN.test(v), { message: 'use letters, digits, dot, dash or underscore', params: { hint: 'it names the report folder (reports/<name>/), so no slash or space, e.g. name: checkout-api' } })
    .meta({ pattern: NAME_PATTERN.source }) // the refinement's pattern, for the JSON Schema (zod cannot see into a refinement)
    .describe('names the report folder'),
  description: z.string().default(''),
  seed: whole(0, 2 ** 32 - 1).prefault(1),
  duration: duration().describe('simulated time'),
  warmup: duration().prefault('0s').describe('excluded from the figures'),
  interval: duration().prefault('1s').describe('time-series row length'),
  load,
  clients: clients.prefault({}),
  account: z
    .strictObject({ lambdaConcurrency: whole(1, L.MAX_LAMBDA_CONCURRENCY, { why: 'Lambda concurrency can be raised "up to tens of thousands" (Lambda quotas): apigw-sim takes up to 100,000' }).prefault(D.LAMBDA_ACCOUNT_CONCURRENCY).describe('Lambda concurrency limit of the account in the Region, shared by every function') })
    .prefault({})
    .describe('the AWS account, per Region'),
  api,
  integration: z.discriminatedUnion('type', [lambdaIntegration, httpIntegration, sqsIntegration, dynamodbIntegration, stepFunctionsIntegration, snsIntegration]),
  failures: z.array(failure).max(L.MAX_LIST).default([]).describe('failure windows (DESIGN §4.7)'),
  failover: failoverSchema(lambdaIntegration, httpIntegration),
  initialState,
  cost,
  thresholds,
  lesson: lesson.optional().describe('what a lesson scenario teaches (scenarios/lessons/)'),
  collapse: collapseSection,
  map: mapSection,
});

/** Rules that tie several fields together, each reported at the field to change. */
export const scenarioSchema = scenarioFields.superRefine((s, ctx) => {
  checkScenario(s, (path, message, hint) => ctx.addIssue({ code: 'custom', path, message, params: { hint } }));
});

/** The rules that tie several fields together, on a scenario already parsed (compare checks the scenario it adapts with them). */
export function checkScenario(s: z.output<typeof scenarioFields>, problem: Problem): void {
  if (!(s.duration > 0)) {
    problem(['duration'], 'must be longer than 0', 'e.g. duration: 10m');
    return; // the warm-up, the interval and the load are measured against it: their problems would be this one again
  }
  if (s.warmup >= s.duration) problem(['warmup'], 'is not shorter than the duration', 'the warm-up is excluded from the figures, so it must leave some of the run');
  if (!(s.interval > 0) || s.interval > s.duration) problem(['interval'], 'must be > 0 and at most the duration', 'e.g. interval: 1s');
  else if (s.interval < 1) problem(['interval'], 'is shorter than 1ms', 'the time series prints times to 0.1 ms: give 1ms or more, e.g. interval: 1s');
  else if (s.duration / s.interval > D.MAX_SERIES_ROWS) problem(['interval'], `makes ${Math.ceil(s.duration / s.interval).toLocaleString('en-US')} rows, more than ${D.MAX_SERIES_ROWS.toLocaleString('en-US')}`, `give a longer interval, e.g. interval: ${Math.ceil(s.duration / D.MAX_SERIES_ROWS / 1000)}s`);
  checkLoad(s, problem);
  checkClients(s, problem);
  checkFailures(s, problem);
  checkFrontDoor(s, problem);
  checkAuthorizerAccess(s, problem);
  checkUsagePlans(s, ENTRY_POINTS[s.api.type].features.has('usagePlan'), L.MAX_API_KEYS, problem);
  checkLogs(s, problem);
  checkMonthlyRequests(s, problem);
  if (s.integration.type === 'lambda') checkLambdaFunction(s.integration, ['integration'], problem);
  if (s.integration.type === 'dynamodb') checkTableCall(s.integration, ['integration'], problem);
  if (s.integration.type === 'stepfunctions') checkStepFunctions(s.integration, problem);
  if (s.integration.type === 'sns') checkSns(s.integration, problem, checkLambdaFunction);
  if (s.integration.type === 'lambda' && s.integration.dynamodb) {
    checkTableCall(s.integration.dynamodb, ['integration', 'dynamodb'], problem);
    if (s.integration.downstream) problem(['integration', 'dynamodb'], 'is given with downstream', 'the function calls one dependency: a DynamoDB table or an HTTP service');
  }
  if (s.integration.type === 'sqs') {
    checkLambdaFunction(s.integration.consumer, ['integration', 'consumer'], problem);
    checkQueue(s.integration, s.load, problem);
  }
  if (s.api.authorizer?.function) checkLambdaFunction(s.api.authorizer.function, ['api', 'authorizer', 'function'], problem);
  checkAccountConcurrency(s, problem);
  checkFailover(s, problem, (f, at) => checkLambdaFunction(f as LambdaFunctionSpec, at, problem));
  checkCloudFront(s, problem);
  checkCanary(s, problem);
  checkGatewayRequests(s, problem);
  checkInitialState(s, problem);
  checkCollapse(s, problem);
  checkMap(s, problem);
  if (s.lesson) checkLesson(s.lesson, problem);
}

/** The charts a run draws (src/report/charts/run-charts.ts), for a lesson's `chart`. */
const RUN_CHARTS = ['outcomes', 'load', 'latency', 'latency-cdf', 'lambda', 'queue', 'cache', 'stages', 'cost'];

/** Variant names unique (and not `base`), each with one way to make it; claims about variants there are, on metrics there are. */
function checkLesson(l: NonNullable<z.output<typeof lesson>>, problem: Problem): void {
  const names = new Set(['base']);
  l.variants.forEach((v, i) => {
    if (names.has(v.name)) problem(['lesson', 'variants', i, 'name'], `"${v.name}" is taken`, 'each variant needs its own name; base is the scenario itself');
    names.add(v.name);
    if ((v.set === undefined) === (v.scenario === undefined)) problem(['lesson', 'variants', i], 'needs either set or scenario', 'set changes values of this scenario; scenario names another file');
  });
  if (!RUN_CHARTS.includes(l.chart) && !metricDefinition(l.chart)) problem(['lesson', 'chart'], `no chart or figure "${l.chart}"`, `a run chart (${RUN_CHARTS.join(', ')}) or a figure such as monthlyCost or stagesMs.overhead.mean`);
  const known = (path: PropertyKey[], name: string) => {
    if (!names.has(name)) problem(path, `no variant "${name}"`, `variants: ${[...names].join(', ')}`);
  };
  l.claims.forEach((c, i) => {
    if ('expect' in c) return known(['lesson', 'claims', i, 'variant'], c.variant);
    known(['lesson', 'claims', i, 'compare', 'variant'], c.compare.variant);
    known(['lesson', 'claims', i, 'compare', 'than'], c.compare.than);
    if (!(c.compare.metric in METRICS) && !c.compare.metric.includes('.')) problem(['lesson', 'claims', i, 'compare', 'metric'], `no metric "${c.compare.metric}"`, `a threshold metric (${Object.keys(METRICS).join(', ')}) or a figure of summary.csv such as stagesMs.authorizer.mean`);
  });
}

/** The first few of a list, for a hint: `a, b, c and 97 more`. */
function someOf(names: readonly string[], shown = 10): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en-US')} more`;
}

/** The endpoint's type and, for a private one, its interface endpoint's AZs. */
export function endpointOf(api: Scenario['api']): { type: EndpointType; azs: number } {
  return typeof api.endpoint === 'string' ? { type: api.endpoint, azs: D.PRIVATE_ENDPOINT_AZS } : api.endpoint;
}

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type LambdaIntegrationSpec = Extract<Scenario['integration'], { type: 'lambda' }>;
export type HttpIntegrationSpec = Extract<Scenario['integration'], { type: 'http' }>;
export type SqsIntegrationSpec = Extract<Scenario['integration'], { type: 'sqs' }>;
export type DynamoDbIntegrationSpec = Extract<Scenario['integration'], { type: 'dynamodb' }>;
export type StepFunctionsIntegrationSpec = Extract<Scenario['integration'], { type: 'stepfunctions' }>;
export type SnsIntegrationSpec = Extract<Scenario['integration'], { type: 'sns' }>;

export type Problem = (path: PropertyKey[], message: string, hint: string) => void;
export type LambdaFunctionSpec = z.output<z.ZodObject<typeof lambdaFunctionFields>>;

const INTEGRATION_LABELS = { lambda: 'a Lambda function', http: 'an HTTP service', sqs: 'an SQS queue', dynamodb: 'a DynamoDB table directly', stepfunctions: 'a Step Functions workflow', sns: 'an SNS topic' } as const;

/** What the front-door type offers (./front-door-types.ts), the authorizer and the cache. */
function checkFrontDoor(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const api = s.api;
  const door = ENTRY_POINTS[api.type];
  const offers = (feature: Feature, path: PropertyKey[], what: string) => {
    if (!door.features.has(feature)) problem(path, `${pluralLabel(s.api.type)} do not have ${what}`, `only ${typesOffering(feature)} ${feature === 'cache' || feature === 'usagePlan' ? 'offers' : 'offer'} it; remove it or change api.type`);
  };
  if (api.cache) offers('cache', ['api', 'cache'], 'a response cache');
  if (api.waf) offers('waf', ['api', 'waf'], 'AWS WAF');
  if (api.throttle.usagePlan) offers('usagePlan', ['api', 'throttle', 'usagePlan'], 'usage plans or API keys');
  if (api.throttle.stage) offers('stageThrottle', ['api', 'throttle', 'stage'], 'stage throttling');
  if (api.throttle.routes) offers('routeThrottle', ['api', 'throttle', 'routes'], 'route throttling');
  if (api.throttle.account) offers('accountThrottle', ['api', 'throttle', 'account'], 'an account-level request throttle');
  if (api.throttle.connections) offers('connections', ['api', 'throttle', 'connections'], 'connections');
  if (api.responses) offers('gatewayResponses', ['api', 'responses'], 'customisable gateway responses');
  if (!door.integrations.includes(s.integration.type)) {
    problem(['integration', 'type'], `${pluralLabel(api.type)} do not call ${INTEGRATION_LABELS[s.integration.type]} here`, sdkIntegrationHint(api.type) ?? `a ${door.label} takes ${door.integrations.join(' or ')}: use integration.type: ${door.integrations[0]}${api.type === 'eventbridge' ? ' (EventBridge API destinations to HTTP services are not modelled)' : ''}`);
  }
  if (api.integrationTimeout !== undefined && door.mode === 'sync') offers('integrationTimeout', ['api', 'integrationTimeout'], 'an integration time-out of their own (the function\'s time-out applies)');
  checkNetwork(s, problem);
  checkEventBus(s, problem);
  if (api.type === 'websocket' && !s.load.connection) problem(['load', 'connection'], 'is required for a WebSocket API', 'give load.connection: {duration: {p50: 5m, p99: 30m}, messages: 0.2/s}; load.rate is then new connections per second');
  if (api.broadcast && api.type !== 'websocket') problem(['api', 'broadcast'], 'only applies to WebSocket APIs', 'server push through the @connections API is a WebSocket API feature; remove it, or set api.type: websocket');
  if (api.broadcast?.messageSize !== undefined && !(api.broadcast.messageSize > 0 && api.broadcast.messageSize <= D.WEBSOCKET_MESSAGE_BYTES)) problem(['api', 'broadcast', 'messageSize'], 'is outside 1B to 128KB', 'a WebSocket message (a PostToConnection body) carries at most 128 KB');
  if (api.type !== 'websocket' && s.load.connection) problem(['load', 'connection'], 'only applies to WebSocket APIs', 'remove it, or set api.type: websocket');
  if (api.type === 'websocket' && s.load.virtualUsers !== undefined) problem(['load', 'virtualUsers'], 'does not apply to WebSocket APIs', 'WebSocket load is connections (load.rate) sending messages (load.connection.messages)');
  const sync = frontDoorProfile(api.type);
  if (api.integrationTimeout !== undefined && sync !== null && (api.integrationTimeout < sync.minIntegrationTimeoutMs || api.integrationTimeout > sync.maxIntegrationTimeoutMs)) {
    problem(['api', 'integrationTimeout'], `is outside what a ${door.label} allows`, `give ${sync.minIntegrationTimeoutMs / 1000}s to ${sync.maxIntegrationTimeoutMs / 1000}s`);
  }
  const plan = api.throttle.usagePlan;
  if (plan && (plan.rate === undefined) !== (plan.burst === undefined)) problem(['api', 'throttle', 'usagePlan'], 'gives only one of rate and burst', 'give both (a token bucket per API key), or neither and only a quota');
  if (plan && plan.rate === undefined && plan.quota === undefined) problem(['api', 'throttle', 'usagePlan'], 'limits nothing', 'give rate and burst, a quota, or both');
  const callers = s.load.virtualUsers ?? s.clients.count;
  if (plan && callers > L.MAX_API_KEYS) {
    problem(s.load.virtualUsers !== undefined ? ['load', 'virtualUsers'] : ['clients', 'count'], `makes ${callers.toLocaleString('en-US')} API keys on the usage plan, more than an account may have (${L.MAX_API_KEYS.toLocaleString('en-US')})`, 'API Gateway allows 10,000 API keys per account and Region, a quota that cannot be raised: give fewer callers');
  }
  const routeNames = new Set<string>();
  (s.load.routes ?? []).forEach((r, i) => {
    if (routeNames.has(r.name)) problem(['load', 'routes', i, 'name'], `repeats the route "${r.name}"`, 'give each route a different name');
    routeNames.add(r.name);
  });
  for (const name of Object.keys(api.throttle.routes ?? {})) {
    if (!routeNames.has(name)) problem(['api', 'throttle', 'routes', name], 'is not one of load.routes', routeNames.size > 0 ? `the routes are: ${someOf([...routeNames])}` : 'add load.routes: [{name: "GET /items", weight: 1}, ...]');
  }
  checkAuthorizer(s, problem);
  const c = api.cache;
  if (c) {
    const gb = c.size / 1024 ** 3;
    if (!D.REST_CACHE_SIZES_GB.some((size) => Math.abs(size - gb) < 1e-9)) problem(['api', 'cache', 'size'], `${Number(gb.toPrecision(4))} GB is not an API Gateway cache size`, `use one of ${D.REST_CACHE_SIZES_GB.map((g) => `${g}GB`).join(', ')}`);
    if (c.ttl < 0 || c.ttl > D.REST_CACHE_MAX_TTL_MS) problem(['api', 'cache', 'ttl'], 'is outside 0s to 3600s', 'API Gateway caches for 0 s (off) up to 3600 s');
  }
}

/** The asynchronous path (./async-entry-schema.ts): nothing of a front door applies. */
function checkEventBus(s: z.output<typeof scenarioFields>, problem: Problem): void {
  checkAsyncEntry(s, problem);
}

/** Endpoint types, the clients' network and a VPC link, each where the front door offers it. */
function checkNetwork(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const api = s.api;
  const door = ENTRY_POINTS[api.type];
  const at = typeof api.endpoint === 'string' ? ['api', 'endpoint'] : ['api', 'endpoint', 'type'];
  const type = typeof api.endpoint === 'string' ? api.endpoint : api.endpoint.type;
  if (type === 'edge' && !door.features.has('edgeEndpoint')) problem(at, `${pluralLabel(s.api.type)} have no edge-optimized endpoint`, `only ${typesOffering('edgeEndpoint')} offers one; ${pluralLabel(s.api.type)} are Regional`);
  if (type === 'private' && !door.features.has('privateEndpoint')) problem(at, `${pluralLabel(s.api.type)} have no private endpoint`, `only ${typesOffering('privateEndpoint')} offers one (an interface VPC endpoint)`);
  if (typeof api.endpoint === 'object' && type !== 'private') problem(['api', 'endpoint', 'azs'], `does not apply to a ${type} endpoint`, `only a private endpoint has AZs; write endpoint: ${type}`);
  const net = s.clients.network;
  if (net && api.type === 'websocket' && net.newConnections > 0) problem(['clients', 'network', 'newConnections'], 'does not apply to a WebSocket API', 'messages travel on the open connection; its set-up is the $connect');
  const link = s.integration.type === 'http' ? s.integration.vpcLink : undefined;
  if (link) {
    const linkAt = ['integration', 'vpcLink'];
    if (api.type === 'alb') problem(linkAt, 'does not apply behind an Application Load Balancer', 'an ALB reaches targets in its VPC itself; remove vpcLink');
    if (api.type === 'websocket' && link.target === 'alb') problem([...linkAt, 'target'], 'WebSocket APIs reach a VPC through an NLB only', 'VPC link v2 (to an ALB) is for REST and HTTP APIs; use target: nlb');
    if (link.target === 'cloudmap' && api.type !== 'http') problem([...linkAt, 'target'], `${pluralLabel(api.type)} cannot reach AWS Cloud Map through a VPC link`, 'only HTTP APIs offer Cloud Map as a VPC link target; use target: nlb or alb');
  }
}

const DAY_MS = 86_400_000;

/** Execution logs only where the front door writes them; a retention CloudWatch Logs offers; storage only of logs there are. */
function checkLogs(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const c = s.cost;
  const door = ENTRY_POINTS[s.api.type];
  if (c.accessLogs && !door.features.has('accessLogs')) problem(['cost', 'accessLogs'], `${pluralLabel(s.api.type)} write no access logs to CloudWatch Logs`, `only ${typesOffering('accessLogs')} offer them${s.api.type === 'alb' ? ' (an ALB writes its access logs to S3, which is not priced)' : ''}; remove it`);
  if (c.executionLogs && !door.features.has('executionLogs')) problem(['cost', 'executionLogs'], `${pluralLabel(s.api.type)} do not have execution logging`, `only ${typesOffering('executionLogs')} offer it; remove it or change api.type`);
  const logBytes: Array<[PropertyKey[], number | undefined]> = [
    [['cost', 'accessLogs', 'bytesPerRequest'], c.accessLogs?.bytesPerRequest],
    [['cost', 'executionLogs', 'bytesPerRequest'], c.executionLogs?.bytesPerRequest],
  ];
  for (const [path, bytes] of logBytes) if (bytes !== undefined && bytes > L.MAX_LOG_BYTES_PER_REQUEST) problem(path, 'is above 1MB', 'CloudWatch Logs takes a log event of at most 1 MB');
  const retention = c.logs?.retention;
  if (retention !== undefined && retention !== 'never' && !(D.LOG_RETENTION_DAYS as readonly number[]).includes(retention / DAY_MS)) {
    problem(['cost', 'logs', 'retention'], `${Number((retention / DAY_MS).toPrecision(6))} days is not a CloudWatch Logs retention`, `use one of ${D.LOG_RETENTION_DAYS.map((d) => `${d}d`).join(', ')}, or never`);
  }
  if (c.logs && !c.accessLogs && !c.executionLogs) problem(['cost', 'logs'], 'has no logs to store', 'add cost.accessLogs or cost.executionLogs, or remove cost.logs');
}

function checkAuthorizer(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const a = s.api.authorizer;
  if (!a) return;
  const door = ENTRY_POINTS[s.api.type];
  if (door.mode === 'async') return; // no authorizer at all: ./async-entry-schema.ts says so once
  if (!door.authorizers.includes(a.type)) problem(['api', 'authorizer', 'type'], `${pluralLabel(s.api.type)} do not offer a ${a.type} authorizer`, `a ${door.label} takes ${door.authorizers.join(', ')}; ${a.type} is offered by ${typesWithAuthorizer(a.type)}`);
  if (a.type === 'lambda' && !a.function) problem(['api', 'authorizer', 'function'], 'is required for a Lambda authorizer', 'give the function, e.g. function: {duration: {p50: 20ms, p99: 80ms}}');
  if (a.type !== 'lambda' && a.function) problem(['api', 'authorizer', 'function'], `only applies to type: lambda`, 'remove it, or use latency for this authorizer');
  if (a.type === 'lambda' && a.latency) problem(['api', 'authorizer', 'latency'], 'does not apply to a Lambda authorizer', "the function's duration and cold starts are its latency");
  if (a.cacheTtl !== undefined && a.cacheTtl > D.AUTHORIZER_MAX_TTL_MS && a.type !== 'oidc' && a.type !== 'cognito') problem(['api', 'authorizer', 'cacheTtl'], 'is above 3600s', 'API Gateway caches authorizer results for at most an hour');
}

function checkLambdaFunction(f: LambdaFunctionSpec, at: PropertyKey[], problem: Problem): void {
  const memoryMb = f.memory / 1024 ** 2;
  if (!Number.isInteger(memoryMb) || memoryMb < D.LAMBDA_MIN_MEMORY_MB || memoryMb > D.LAMBDA_MAX_MEMORY_MB) {
    problem([...at, 'memory'], `${memoryMb} MB is not a Lambda memory size`, `Lambda takes whole MB from ${D.LAMBDA_MIN_MEMORY_MB}MB to ${D.LAMBDA_MAX_MEMORY_MB}MB`);
  }
  const { reserved, provisioned } = f.concurrency;
  if (reserved !== undefined && provisioned > reserved) problem([...at, 'concurrency', 'provisioned'], `is above the function's reserved concurrency (${reserved})`, 'provisioned concurrency counts against reserved concurrency');
  if (!(f.timeout > 0) || f.timeout > D.LAMBDA_MAX_TIMEOUT_MS) problem([...at, 'timeout'], 'is outside 1s to 900s', 'Lambda time-outs go from 1s to 900s');
  if (f.duration === undefined && f.durationByMemory === undefined) problem([...at, 'duration'], 'is required', 'give duration: {p50: 60ms, p99: 400ms}, or durationByMemory');
  if (f.duration !== undefined && f.durationByMemory !== undefined) problem([...at, 'durationByMemory'], 'is given with duration', 'give one: a duration, or a table of durations by memory size');
  checkLambdaRuntime(f, at, problem);
  checkSnapStart(f, at, problem);
  if (f.durationByMemory && durationAtMemory(f) === undefined) {
    problem([...at, 'durationByMemory'], `has no entry for the memory size (${memoryMb}MB)`, `the table has ${Object.keys(f.durationByMemory).join(', ')}; add ${memoryMb}MB or change memory`);
  }
}

/** The handler's run time at the function's memory size. */
export function durationAtMemory(f: LambdaFunctionSpec): DistributionSpec | undefined {
  if (f.duration !== undefined) return f.duration;
  for (const [key, value] of Object.entries(f.durationByMemory ?? {})) if (parseSize(key) === f.memory) return value;
  return undefined;
}

/** Reserved and provisioned concurrency of every function must fit the account, leaving AWS's 100 unreserved. */
function checkAccountConcurrency(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const functions: Array<[PropertyKey[], LambdaFunctionSpec]> = [];
  if (s.integration.type === 'lambda') functions.push([['integration'], s.integration]);
  if (s.integration.type === 'sqs') functions.push([['integration', 'consumer'], s.integration.consumer]);
  if (s.integration.type === 'sns') {
    s.integration.subscriptions.forEach((sub, i) => {
      if (sub.protocol === 'lambda') functions.push([['integration', 'subscriptions', i, 'function'], sub.function]);
      if (sub.protocol === 'sqs') functions.push([['integration', 'subscriptions', i, 'consumer'], sub.consumer]);
    });
  }
  if (s.api.authorizer?.function) functions.push([['api', 'authorizer', 'function'], s.api.authorizer.function]);
  const limit = s.account.lambdaConcurrency;
  let taken = 0;
  for (const [at, f] of functions) {
    taken += f.concurrency.reserved ?? f.concurrency.provisioned;
    if (taken > limit - D.LAMBDA_MIN_UNRESERVED) {
      problem([...at, 'concurrency'], `takes the account's reserved and provisioned concurrency to ${taken} of ${limit}`, `AWS keeps ${D.LAMBDA_MIN_UNRESERVED} unreserved; raise account.lambdaConcurrency or reserve less`);
      return;
    }
  }
}

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

function checkMonthlyRequests(s: z.output<typeof scenarioFields>, problem: Problem): void {
  const monthly = s.cost.monthlyRequests;
  if (monthly !== undefined && !(monthly > 0 && monthly <= D.MAX_MONTHLY_VOLUME)) {
    problem(['cost', 'monthlyRequests'], `${monthly} is not a month's volume`, `give more than 0 and at most ${D.MAX_MONTHLY_VOLUME.toExponential(0)}, e.g. 40M`);
  }
}

function checkClients(s: z.output<typeof scenarioFields>, problem: Problem): void {
  if (!(s.clients.timeout > 0)) problem(['clients', 'timeout'], 'must be longer than 0', 'a client that waits 0 s times out every attempt before it is sent: e.g. timeout: 3s, or none to wait for ever');
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
    const levels = { usagePlan: s.api.throttle.usagePlan?.rate ?? Object.values(s.api.throttle.usagePlans ?? {}).find((p) => p.rate !== undefined), route: s.api.throttle.routes, stage: s.api.throttle.stage, account: ENTRY_POINTS[s.api.type].features.has('accountThrottle') ? true : undefined };
    if (f.throttle && !levels[f.throttle.bucket]) problem(at('throttle'), `names the ${f.throttle.bucket} bucket, which this API does not have`, `add it under api.throttle (${ENTRY_POINTS[s.api.type].label})`);
    if (f.target === 'gateway' && (f.outage || f.capacity !== undefined)) problem(at('target'), 'the gateway takes errorRate, addLatency and throttle only', 'target the integration for outages and capacity cuts');
    if (f.target === 'downstream' && !(s.integration.type === 'lambda' && (s.integration.downstream || s.integration.dynamodb))) problem(at('target'), 'there is no downstream', 'add integration.downstream to the Lambda integration');
  });
}

/** The JSON Schema editors can use for autocompletion. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
