/**
 * The entry points by kind (the catalog profile's mode): a front door the
 * client waits on, or an event bus that answers at once and delivers later.
 * A name -> factory table; what differs between the front doors is their
 * profile, read here once.
 */
import { ENTRY_POINTS, type ApiType } from '../catalog/entry-points.js';
import { EVENTBRIDGE, EVENTBRIDGE_RETRY_POLICY } from '../catalog/event-buses.js';
import { SQS_SEND_LATENCY } from '../catalog/queues.js';
import { SNS_PUBLISH_LATENCY } from '../catalog/topics.js';
import type { FrontDoorProfile } from '../catalog/front-doors.js';
import { MAPPING_TEMPLATE_LATENCY } from '../catalog/gateway-requests.js';
import type { Authorizer } from '../model/authorizer/authorizer.js';
import { CACHE_POLICIES } from '../model/cache/cache-policies.js';
import { PreflightCache } from '../model/client/preflight-cache.js';
import type { Component, Hop, ReplyTarget } from '../model/component.js';
import { EventBus } from '../model/events/event-bus.js';
import type { FailureTarget } from '../model/failure/failure-effects.js';
import { FrontDoor, type FrontDoorOptions } from '../model/gateway/front-door.js';
import { SqsQueue } from '../model/queue/sqs-queue.js';
import { SdkEntry } from '../model/sdk/sdk-entry.js';
import { createDistribution } from '../model/shared/distribution.js';
import { ThrottleChain, type BucketSpec, type ThrottleSpec } from '../model/throttle/throttle-chain.js';
import { assignPlans, UsagePlanChain, type UsagePlanSpec, type UsagePlansSpec } from '../model/throttle/usage-plan-chain.js';
import type { BuiltRoles } from './build.js';
import * as D from './defaults.js';
import { preflightKeptMs } from './gateway-request-schema.js';
import type { Scenario } from './schema.js';

export interface EntryParts {
  /** The front door's throttles when the build made them first, to share their account bucket (./build-broadcast.ts); otherwise made here. */
  readonly throttles?: ThrottleChain;
  /** What it calls: the integration, or the VPC link in front of it. */
  readonly integration: Hop;
  /** Where its answers go: the clients, through the network and the error-log counter when there are. */
  readonly upstream: ReplyTarget;
  /** The authorizer it asks for each request (null: none, or it authorizes connections instead). */
  readonly authorizer: Authorizer | null;
  /** A network between the clients and it records the stages when answers arrive. */
  readonly network: boolean;
}

export interface BuiltEntry {
  readonly component: Component & Hop & FailureTarget;
  readonly roles: BuiltRoles;
}

type EntryFactory = (scenario: Scenario, parts: EntryParts) => BuiltEntry;

export const ENTRY_FACTORIES: Readonly<Record<'sync' | 'async', EntryFactory>> = {
  sync: (scenario, parts) => {
    const frontDoor = new FrontDoor('gateway', frontDoorOptions(scenario, ENTRY_POINTS[scenario.api.type] as FrontDoorProfile, parts), parts.upstream, parts.integration);
    return { component: frontDoor, roles: { frontDoor } };
  },
  async: (scenario, parts) => {
    if (scenario.api.type !== 'eventbridge') {
      const sdk = buildSdkEntry(scenario, parts);
      return { component: sdk, roles: { sdk } };
    }
    const bus = buildEventBus(scenario, parts.integration);
    if (parts.network) bus.leaveStagesToNetwork();
    // a rule's queue target: the queue counts each message's delay from the event's publication
    if (parts.integration instanceof SqsQueue) parts.integration.countDelayFromAttemptStart();
    return { component: bus, roles: { bus } };
  },
};

/**
 * A producer's SDK call straight to the queue or the topic of the
 * integration (`api.type: sqs` or `sns`): the `sdk` role, free on the bill,
 * whose lines are the queue's or the topic's requests.
 */
function buildSdkEntry(scenario: Scenario, parts: EntryParts): SdkEntry {
  const profile = ENTRY_POINTS[scenario.api.type];
  const i = scenario.integration;
  // a call refused before the service is answered after the service's own call latency
  const callLatency = i.type === 'sqs' ? (i.queue.sendLatency ?? { kind: 'percentiles' as const, ...SQS_SEND_LATENCY }) : i.type === 'sns' ? (i.topic.publishLatency ?? { kind: 'percentiles' as const, ...SNS_PUBLISH_LATENCY }) : null;
  if (callLatency === null) throw new Error(`api.type ${scenario.api.type} with integration ${i.type}: the schema refuses it`);
  return new SdkEntry(
    'gateway',
    {
      throttles: profile.features.has('accountThrottle') ? buildThrottles(scenario) : null,
      refusalLatency: createDistribution(callLatency),
      statusByCause: profile.statusByCause,
      recordStages: !parts.network,
    },
    parts.integration,
  );
}

export function frontDoorOptions(scenario: Scenario, door: FrontDoorProfile, parts: EntryParts): FrontDoorOptions {
  const api = scenario.api;
  const statusByCause = { ...door.statusByCause };
  if (api.responses?.lambdaThrottle !== undefined) statusByCause['lambda-throttle'] = api.responses.lambdaThrottle;
  if (api.responses?.lambdaError !== undefined) {
    statusByCause['lambda-error'] = api.responses.lambdaError;
    statusByCause['lambda-timeout'] = api.responses.lambdaError;
  }
  // a Lambda integration also has Lambda's own synchronous payload limit
  const lambdaLimit = scenario.integration.type === 'lambda' ? D.LAMBDA_SYNC_PAYLOAD_BYTES : Infinity;
  return {
    type: door.type,
    overhead: createDistribution(api.overhead ?? { kind: 'percentiles', ...door.overhead }),
    throttles: parts.throttles ?? buildThrottles(scenario),
    // an ALB "waits until your Lambda function responds or times out" (lambda-functions.html), and so does a function URL
    integrationTimeoutMs: api.integrationTimeout ?? (door.waitsForLambda && scenario.integration.type === 'lambda' ? Infinity : door.integrationTimeoutMs),
    requestLimitBytes: Math.min(door.requestLimitBytes, lambdaLimit),
    largestRequestBytes: Math.round(createDistribution(scenario.load.payload.request).max), // the client rounds what it draws
    responseLimitBytes: Math.min(door.responseLimitBytes, lambdaLimit),
    meteringBytes: door.meteringBytes,
    meterResponses: door.meterResponses,
    statusByCause,
    authorizer: parts.authorizer,
    cache: buildCache(scenario),
    waf: api.waf ? { latency: createDistribution(api.waf.latency ?? D.WAF_LATENCY), blockRatio: api.waf.blockRatio } : null,
    recordStages: !parts.network,
    stages: door.stages,
    ...gatewayRequestOptions(scenario, door),
  };
}

/** Request validation, CORS preflights, mapping templates and a resource policy: each only where the scenario has it (./gateway-request-schema.ts). */
function gatewayRequestOptions(scenario: Scenario, door: FrontDoorProfile): Pick<FrontDoorOptions, 'cors' | 'deniedRatio' | 'invalidRatio' | 'mapping'> {
  const api = scenario.api;
  const templates = api.mappingTemplates;
  const latency = templates ? createDistribution(templates.latency ?? MAPPING_TEMPLATE_LATENCY) : null;
  const cors = api.cors;
  const rtt = scenario.clients.network?.rtt;
  return {
    invalidRatio: api.validation?.invalidRatio ?? 0,
    deniedRatio: api.resourcePolicy?.deniedRatio ?? 0,
    mapping: templates ? { request: templates.on.includes('request') ? latency : null, response: templates.on.includes('response') ? latency : null } : null,
    cors: cors
      ? {
          browsers: preflightCache(scenario, cors),
          rtt: createDistribution(rtt ?? { kind: 'constant', value: 0 }),
          answer: createDistribution(api.overhead ?? { kind: 'percentiles', ...door.overhead }),
        }
      : null,
  };
}

/** The asynchronous path: an event bus in front of the Lambda integration. */
/** The browsers' preflight caches: a route whose name has a path or query parameter (`{` or `?`) is one URL per key (load.keys). */
function preflightCache(scenario: Scenario, cors: NonNullable<Scenario['api']['cors']>): PreflightCache {
  const routes = scenario.load.routes ?? [];
  const parameterised = routes.map((r) => /[{?]/.test(r.name));
  const keys = scenario.load.keys.count;
  const perKey = keys > 1 && parameterised.some(Boolean) ? { routes: parameterised, keys } : null;
  return new PreflightCache(cors.browsers, preflightKeptMs(cors), Math.max(routes.length, 1), perKey);
}

function buildEventBus(scenario: Scenario, consumer: Hop): EventBus {
  const bus = EVENTBRIDGE;
  const delivery = scenario.api.delivery;
  return new EventBus(
    'bus',
    {
      putLatency: createDistribution(scenario.api.overhead ?? { kind: 'percentiles', ...bus.overhead }),
      throttles: buildThrottles(scenario),
      maxEntryBytes: bus.requestLimitBytes,
      chunkBytes: bus.meteringBytes,
      statusByCause: bus.statusByCause,
      targets: delivery?.targets ?? 1,
      deliveryLatency: createDistribution(delivery?.latency ?? D.EVENT_DELIVERY_LATENCY),
      // a queue target: EventBridge's own retry policy; a function: Lambda's asynchronous invocation's
      queueTarget:
        scenario.integration.type === 'sqs'
          ? {
              retries: delivery?.retryPolicy?.attempts ?? EVENTBRIDGE_RETRY_POLICY.defaultRetries,
              maxEventAgeMs: delivery?.retryPolicy?.maxEventAge ?? EVENTBRIDGE_RETRY_POLICY.defaultMaxEventAgeMs,
              firstWaitMs: EVENTBRIDGE_RETRY_POLICY.firstWaitMs,
              maxWaitMs: EVENTBRIDGE_RETRY_POLICY.maxWaitMs,
            }
          : null,
      retries: delivery?.retries ?? D.LAMBDA_ASYNC_RETRIES,
      retryWaitMs: D.LAMBDA_ASYNC_RETRY_WAIT_MS,
      throttleFirstMs: D.LAMBDA_ASYNC_THROTTLE_FIRST_MS,
      throttleMaxMs: D.LAMBDA_ASYNC_THROTTLE_MAX_MS,
      maxEventAgeMs: delivery?.maxEventAge ?? D.LAMBDA_ASYNC_MAX_EVENT_AGE_MS,
      deliverUntilMs: scenario.duration,
    },
    consumer,
  );
}

export function buildThrottles(scenario: Scenario): ThrottleChain {
  const t = scenario.api.throttle;
  const bucketOf = (b: { rate: number; burst: number }): BucketSpec => ({ ratePerSecond: b.rate, burst: b.burst });
  const plan = t.usagePlan;
  const account = accountBucket(scenario.api.type, t.account);
  const spec: ThrottleSpec = {
    usagePlan: plan ? { bucket: plan.rate !== undefined && plan.burst !== undefined ? { ratePerSecond: plan.rate, burst: plan.burst } : undefined, quota: plan.quota } : undefined,
    routes: t.routes && scenario.load.routes ? scenario.load.routes.map((r) => (t.routes?.[r.name] ? bucketOf(t.routes[r.name]) : null)) : undefined,
    stage: t.stage ? bucketOf(t.stage) : undefined,
    account: account ? bucketOf(account) : undefined,
  };
  const callers = scenario.load.virtualUsers ?? scenario.clients.count;
  const plans = usagePlans(scenario, callers);
  if (!plans) return new ThrottleChain(spec, callers);
  const { usagePlan: _single, ...levels } = spec; // the plans take its place
  return new UsagePlanChain(levels, plans, callers);
}

/**
 * Several named usage plans, or API keys that can be missing: each caller's plan (the single
 * `usagePlan` is then one plan every key is on). Null: the single plan alone, or none.
 */
function usagePlans(scenario: Scenario, callers: number): UsagePlansSpec | null {
  const t = scenario.api.throttle;
  const keys = scenario.api.apiKeys;
  if (!t.usagePlans && !keys) return null;
  const bucketOf = (b: { rate: number; burst: number }): BucketSpec => ({ ratePerSecond: b.rate, burst: b.burst });
  const routes = scenario.load.routes ?? [];
  const named: NonNullable<typeof t.usagePlans> = t.usagePlans ?? (t.usagePlan ? { usagePlan: t.usagePlan } : {});
  const order = keys?.plans ? Object.keys(keys.plans) : Object.keys(named);
  const plans: UsagePlanSpec[] = order.map((name) => {
    const p = named[name];
    return {
      name,
      bucket: p.rate !== undefined && p.burst !== undefined ? { ratePerSecond: p.rate, burst: p.burst } : null,
      quota: p.quota ?? null,
      methods: p.methods ? routes.map((r) => (p.methods?.[r.name] ? bucketOf(p.methods[r.name]) : null)) : null,
    };
  });
  const shares = keys?.plans ? Object.values(keys.plans) : [1];
  return { plans, planOfCaller: assignPlans(shares, callers), invalidKeyRatio: keys?.invalidRatio ?? 0 };
}

/** The scenario's account bucket, or the entry point's quota (API Gateway's, EventBridge's PutEvents), where it has one. */
function accountBucket(type: ApiType, given: { rate: number; burst: number } | undefined): { rate: number; burst: number } | null {
  const profile = ENTRY_POINTS[type];
  if (!profile.features.has('accountThrottle')) return null;
  return given ?? profile.accountBucket;
}

function buildCache(scenario: Scenario): FrontDoorOptions['cache'] {
  const spec = scenario.api.cache;
  if (!spec) return null;
  const hitLatency = createDistribution(spec.hitLatency ?? D.REST_CACHE_HIT_LATENCY);
  // entries the cache holds: its size over the mean response size
  const meanResponse = Math.max(1, createDistribution(scenario.load.payload.response).mean);
  const capacity = Math.floor(spec.size / meanResponse);
  const policy = spec.hitRatio !== undefined ? 'fixedHitRatio' : 'lru';
  const model = CACHE_POLICIES[policy]({
    keyCount: scenario.load.keys.count,
    capacity,
    ttlMs: spec.ttl,
    primedEntries: Math.floor((scenario.initialState?.cache?.primed ?? 0) * capacity),
    hitRatio: spec.hitRatio,
  });
  return { model, hitLatency, maxEntryBytes: D.REST_CACHE_MAX_ENTRY_BYTES };
}
