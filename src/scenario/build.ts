/**
 * Wires a validated scenario into a runnable simulation: creates the
 * components, connects them (client -> front door -> integration) and
 * applies the defaults. The only place that knows every component.
 */
import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import { Recorder } from '../metrics/recorder.js';
import type { Component, ComponentContext } from '../model/component.js';
import { isGauged } from '../model/component.js';
import type { ClientPool } from '../model/client/client-pool.js';
import { ClosedLoopLoad } from '../model/load/closed-loop-load.js';
import { buildClientPool, buildLoad, retryPolicy } from './build-load.js';
import { FrontDoor, type FrontDoorOptions } from '../model/gateway/front-door.js';
import { ErrorResponseCounter } from '../model/gateway/error-response-counter.js';
import { ENTRY_POINTS, frontDoorProfile } from '../catalog/entry-points.js';
import { EVENTBRIDGE } from '../catalog/event-buses.js';
import { HttpBackend } from '../model/backend/http-backend.js';
import { LambdaFunction, LAMBDA_SCALING, type Environment } from '../model/lambda/lambda-function.js';
import { LambdaAccount } from '../model/lambda/lambda-account.js';
import { Authorizer } from '../model/authorizer/authorizer.js';
import { FixedHitRatio, ResponseCache } from '../model/cache/response-cache.js';
import { ThrottleChain, type BucketSpec, type ThrottleSpec } from '../model/throttle/throttle-chain.js';
import type { StageName } from '../metrics/record-sink.js';
import { WebSocketConnections } from '../model/websocket/websocket-connections.js';
import { createDistribution } from '../model/shared/distribution.js';
import { DependencyClient } from '../model/client/dependency-client.js';
import type { FailureTarget } from '../model/failure/failure-effects.js';
import { FailureSchedule } from '../model/failure/failure-schedule.js';
import { ClientNetwork } from '../model/network/client-network.js';
import { VpcLink } from '../model/network/vpc-link.js';
import { EventBus } from '../model/events/event-bus.js';
import type { Role } from '../catalog/roles.js';
import type { PricedRole, PricedRoleUsage } from '../cost/run-usage.js';
import * as D from './defaults.js';
import { durationAtMemory, endpointOf, type HttpIntegrationSpec, type LambdaIntegrationSpec, type Scenario } from './schema.js';

/**
 * The built components by role (catalog/roles.ts): a priced role's component
 * must report the usage the bill reads of it (cost/run-usage.ts), which the
 * compiler checks here.
 */
export type BuiltRoles = { readonly [R in PricedRole]?: Component<PricedRoleUsage[R]> } & { readonly [R in Exclude<Role, PricedRole>]?: Component };

export interface BuiltSimulation {
  readonly sim: Simulator;
  readonly streams: RandomStreams;
  readonly recorder: Recorder;
  readonly components: readonly Component[];
  readonly roles: BuiltRoles;
  readonly client: ClientPool;
  readonly ctx: ComponentContext;
}

export interface BuildOptions {
  seed?: number;
  /** Reuse the client's finished attempts (default); false only to test that reuse changes nothing (model/shared/attempt-pool.ts). */
  reuseAttempts?: boolean;
}

export function buildSimulation(scenario: Scenario, options: BuildOptions = {}): BuiltSimulation {
  const sim = new Simulator();
  const streams = new RandomStreams(options.seed ?? scenario.seed);
  const recorder = new Recorder({ intervalMs: scenario.interval, warmupMs: scenario.warmup, stages: stagesOf(scenario), deliveries: scenario.api.type === 'eventbridge' });
  const ctx: ComponentContext = { sim, streams, metrics: recorder, warmupMs: scenario.warmup };

  const account = new LambdaAccount(scenario.account.lambdaConcurrency);
  const { integration, extras, downstream, dependency } = buildIntegration(scenario.integration, account, scenario.initialState);
  const auth = buildAuthorizer(scenario, account);
  const client = buildClientPool(scenario, options.reuseAttempts ?? true);
  // a WebSocket API authorizes the connection ($connect), not each message
  const connections = scenario.api.type === 'websocket' ? buildConnections(scenario, client, auth?.authorizer ?? null) : null;
  const link = buildVpcLink(scenario, integration);
  const network = buildNetwork(scenario);
  // execution logs at ERROR level: the error answers are counted on their way to the client
  const errors = scenario.cost.executionLogs?.level === 'errors' ? new ErrorResponseCounter('gateway.errors', network ?? client) : null;
  const gateway =
    scenario.api.type === 'eventbridge'
      ? buildEventBus(scenario, integration)
      : new FrontDoor('gateway', frontDoorOptions(scenario, connections ? null : (auth?.authorizer ?? null)), errors ?? network ?? client, link ?? integration);
  network?.connect(gateway, client);
  if (network && gateway instanceof EventBus) gateway.leaveStagesToNetwork();
  const load = buildLoad(scenario, connections ?? client);
  client.connect(network ?? gateway, load instanceof ClosedLoopLoad ? load : null);

  const targets: Record<Scenario['failures'][number]['target'], FailureTarget | null> = { integration, downstream, gateway };
  const failures = new FailureSchedule(
    'failures',
    scenario.failures.map((f) => ({
      atMs: f.at,
      durationMs: f.for,
      target: targets[f.target] as FailureTarget,
      errorRate: f.errorRate,
      addLatency: f.addLatency ? createDistribution(f.addLatency) : undefined,
      outage: f.outage,
      capacity: f.capacity,
      flushWarm: f.flushWarm,
      throttle: f.throttle ? { bucket: f.throttle.bucket, ratePerSecond: f.throttle.rate } : undefined,
    })),
  );
  const authParts = auth ? [auth.authorizer, ...(auth.lambda ? [auth.lambda] : [])] : [];
  const components: Component[] = [load, ...(connections ? [connections] : []), client, ...(network ? [network] : []), gateway, ...(errors ? [errors] : []), ...authParts, ...(link ? [link] : []), integration, ...extras, failures];
  const roles: BuiltRoles = {
    load,
    client,
    failures,
    ...(connections ? { connections } : {}),
    ...(network ? { network } : {}),
    ...(gateway instanceof EventBus ? { bus: gateway } : { frontDoor: gateway }),
    ...(errors ? { errorResponses: errors } : {}),
    ...(auth ? { authorizer: auth.authorizer } : {}),
    ...(auth?.lambda ? { authorizerFunction: auth.lambda } : {}),
    ...(link ? { vpcLink: link } : {}),
    ...(integration instanceof LambdaFunction ? { integrationFunction: integration } : { integrationService: integration }),
    ...(dependency ? { dependency: dependency.caller, downstream: dependency.service } : {}),
  };
  return { sim, streams, recorder, components, roles, client, ctx };
}

/** The stages an attempt of this scenario goes through (per-stage latency). */
function stagesOf(scenario: Scenario): StageName[] {
  const stages: StageName[] = hasNetwork(scenario) ? ['network', 'overhead'] : ['overhead'];
  if (scenario.api.type === 'eventbridge') return stages; // the producer waits for PutEvents only
  if (scenario.api.authorizer && scenario.api.type !== 'websocket') stages.push('authorizer');
  if (scenario.api.cache) stages.push('cache');
  stages.push('integration');
  stages.push(scenario.integration.type === 'http' ? 'queue' : 'coldStart');
  return stages;
}

/** The asynchronous path: an event bus in front of the Lambda integration. */
function buildEventBus(scenario: Scenario, consumer: LambdaFunction | HttpBackend): EventBus {
  const door = EVENTBRIDGE;
  const delivery = scenario.api.delivery;
  return new EventBus('bus', {
    putLatency: createDistribution(scenario.api.overhead ?? { kind: 'percentiles', ...door.overhead }),
    throttles: buildThrottles(scenario),
    maxEntryBytes: door.requestLimitBytes,
    chunkBytes: door.meteringBytes,
    statusByCause: door.statusByCause,
    targets: delivery?.targets ?? 1,
    deliveryLatency: createDistribution(delivery?.latency ?? D.EVENT_DELIVERY_LATENCY),
    retries: delivery?.retries ?? D.LAMBDA_ASYNC_RETRIES,
    retryWaitMs: D.LAMBDA_ASYNC_RETRY_WAIT_MS,
    throttleFirstMs: D.LAMBDA_ASYNC_THROTTLE_FIRST_MS,
    throttleMaxMs: D.LAMBDA_ASYNC_THROTTLE_MAX_MS,
    maxEventAgeMs: delivery?.maxEventAge ?? D.LAMBDA_ASYNC_MAX_EVENT_AGE_MS,
    deliverUntilMs: scenario.duration,
  }, consumer);
}

/** The clients' network is modelled when the scenario places its clients, or an edge location sits in the way. */
function hasNetwork(scenario: Scenario): boolean {
  return scenario.clients.network !== undefined || endpointOf(scenario.api).type === 'edge';
}

function buildNetwork(scenario: Scenario): ClientNetwork | null {
  if (!hasNetwork(scenario)) return null;
  const net = scenario.clients.network;
  return new ClientNetwork('network', {
    rtt: createDistribution(net?.rtt ?? { kind: 'constant', value: 0 }),
    edge: endpointOf(scenario.api).type === 'edge' ? { rttMs: net?.edgeRtt ?? D.EDGE_RTT_MS, hop: createDistribution(D.EDGE_HOP_LATENCY) } : null,
    newConnections: net?.newConnections ?? 0,
    handshakeRtts: net?.handshakeRtts ?? D.HANDSHAKE_RTTS,
  });
}

/** The VPC link's load balancer in front of an HTTP service, when the integration is private. */
function buildVpcLink(scenario: Scenario, service: LambdaFunction | HttpBackend): VpcLink | null {
  const spec = scenario.integration.type === 'http' ? scenario.integration.vpcLink : undefined;
  if (!spec || (spec.target === 'cloudmap' && spec.latency === undefined)) return null; // Cloud Map: straight to an instance
  const latency = spec.latency ?? (spec.target === 'nlb' ? D.NLB_LATENCY : { kind: 'percentiles' as const, ...ENTRY_POINTS.alb.overhead });
  return new VpcLink('vpcLink', createDistribution(latency), service);
}

function frontDoorOptions(scenario: Scenario, authorizer: Authorizer | null): FrontDoorOptions {
  const api = scenario.api;
  const door = frontDoorProfile(api.type);
  if (door === null) throw new Error(`${api.type} is not a front door`);
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
    throttles: buildThrottles(scenario),
    // an ALB "waits until your Lambda function responds or times out" (lambda-functions.html)
    integrationTimeoutMs: api.integrationTimeout ?? (door.waitsForLambda && scenario.integration.type === 'lambda' ? Infinity : door.integrationTimeoutMs),
    requestLimitBytes: Math.min(door.requestLimitBytes, lambdaLimit),
    responseLimitBytes: Math.min(door.responseLimitBytes, lambdaLimit),
    meteringBytes: door.meteringBytes,
    meterResponses: door.meterResponses,
    statusByCause,
    authorizer,
    cache: buildCache(scenario),
    waf: api.waf ? { latency: createDistribution(api.waf.latency ?? D.WAF_LATENCY), blockRatio: api.waf.blockRatio } : null,
    recordStages: !hasNetwork(scenario),
    stages: door.stages,
  };
}

function buildThrottles(scenario: Scenario): ThrottleChain {
  const t = scenario.api.throttle;
  const bucketOf = (b: { rate: number; burst: number }): BucketSpec => ({ ratePerSecond: b.rate, burst: b.burst });
  const plan = t.usagePlan;
  const spec: ThrottleSpec = {
    usagePlan: plan ? { bucket: plan.rate !== undefined && plan.burst !== undefined ? { ratePerSecond: plan.rate, burst: plan.burst } : undefined, quota: plan.quota } : undefined,
    routes: t.routes && scenario.load.routes ? scenario.load.routes.map((r) => (t.routes?.[r.name] ? bucketOf(t.routes[r.name]) : null)) : undefined,
    stage: t.stage ? bucketOf(t.stage) : undefined,
    account: ENTRY_POINTS[scenario.api.type].features.has('accountThrottle') ? bucketOf(t.account ?? defaultAccountBucket(scenario.api.type)) : undefined,
  };
  const callers = scenario.load.virtualUsers ?? scenario.clients.count;
  return new ThrottleChain(spec, callers);
}

/** API Gateway's account quota, or EventBridge's PutEvents quota. */
function defaultAccountBucket(type: Scenario['api']['type']): { rate: number; burst: number } {
  return type === 'eventbridge' ? { rate: D.PUT_EVENTS_RATE_PER_S, burst: D.PUT_EVENTS_BURST } : { rate: D.ACCOUNT_THROTTLE_RATE_PER_S, burst: D.ACCOUNT_THROTTLE_BURST };
}

function buildCache(scenario: Scenario): FrontDoorOptions['cache'] {
  const spec = scenario.api.cache;
  if (!spec) return null;
  const hitLatency = createDistribution(spec.hitLatency ?? D.REST_CACHE_HIT_LATENCY);
  const maxEntryBytes = D.REST_CACHE_MAX_ENTRY_BYTES;
  if (spec.hitRatio !== undefined) return { model: new FixedHitRatio(spec.hitRatio), hitLatency, maxEntryBytes };
  // entries the cache holds: its size over the mean response size
  const meanResponse = Math.max(1, createDistribution(scenario.load.payload.response).mean);
  const capacity = Math.floor(spec.size / meanResponse);
  const primedEntries = Math.floor((scenario.initialState?.cache?.primed ?? 0) * capacity);
  return { model: new ResponseCache({ keyCount: scenario.load.keys.count, capacity, ttlMs: spec.ttl, primedEntries }), hitLatency, maxEntryBytes };
}

function buildConnections(scenario: Scenario, client: ClientPool, authorizer: Authorizer | null): WebSocketConnections {
  const spec = scenario.load.connection as NonNullable<Scenario['load']['connection']>;
  const bucket = scenario.api.throttle.connections ?? { rate: D.WEBSOCKET_CONNECT_RATE_PER_S, burst: D.WEBSOCKET_CONNECT_BURST };
  return new WebSocketConnections(
    'connections',
    {
      duration: createDistribution(spec.duration),
      messagesPerSecond: spec.messages,
      maxDurationMs: D.WEBSOCKET_MAX_CONNECTION_MS,
      idleTimeoutMs: D.WEBSOCKET_IDLE_TIMEOUT_MS,
      connectBucket: { ratePerSecond: bucket.rate, burst: bucket.burst },
      authorizer,
      identities: scenario.clients.count,
      untilMs: scenario.duration,
    },
    client,
  );
}

interface BuiltAuthorizer {
  authorizer: Authorizer;
  lambda: LambdaFunction | null;
}

function buildAuthorizer(scenario: Scenario, account: LambdaAccount): BuiltAuthorizer | null {
  const spec = scenario.api.authorizer;
  if (!spec) return null;
  const onAlb = scenario.api.type === 'alb';
  const fn = spec.type === 'lambda' ? spec.function : undefined;
  const lambda = fn ? buildLambda('authorizer.function', { ...fn, duration: durationAtMemory(fn) ?? D.AUTHORIZER_FUNCTION_DURATION }, account, scenario.initialState?.authorizer?.warm) : null;
  // on an ALB the identity provider's login is followed by a session; API Gateway caches only
  // Lambda authorizers' results, by default on REST APIs (300 s) and not on HTTP APIs (0 s)
  const session = onAlb;
  const lambdaTtl = scenario.api.type === 'rest' ? D.AUTHORIZER_CACHE_TTL_MS : 0;
  const defaultTtl = session ? D.ALB_SESSION_TIMEOUT_MS : spec.type === 'lambda' ? lambdaTtl : 0;
  const authorizer = new Authorizer('authorizer', {
    kind: spec.type,
    lambda,
    latency: createDistribution(spec.latency ?? (session ? D.OIDC_LOGIN_LATENCY : D.AUTHORIZER_CHECK_LATENCY)),
    cacheTtlMs: spec.cacheTtl ?? defaultTtl,
    denyRatio: spec.denyRatio,
    refusal: spec.type === 'lambda' || spec.type === 'iam' ? 'auth-denied' : 'auth-unauthorized',
    identities: scenario.load.virtualUsers ?? scenario.clients.count,
  });
  return { authorizer, lambda };
}

interface BuiltIntegration {
  integration: LambdaFunction | HttpBackend;
  /** Components behind the integration (a dependency client and its service). */
  extras: Component[];
  downstream: HttpBackend | null;
  /** A function's calls to its dependency, and the dependency. */
  dependency: { caller: DependencyClient<Environment>; service: HttpBackend } | null;
}

function buildIntegration(spec: Scenario['integration'], account: LambdaAccount, initial: Scenario['initialState']): BuiltIntegration {
  if (spec.type === 'http') return { integration: buildBackend('backend', spec, initial?.integration?.queue), extras: [], downstream: null, dependency: null };
  const lambda = buildLambda('lambda', { ...spec, duration: durationAtMemory(spec) }, account, initial?.integration?.warm);
  if (!spec.downstream) return { integration: lambda, extras: [], downstream: null, dependency: null };
  const downstream = buildBackend('downstream', spec.downstream, initial?.downstream?.queue);
  const caller = new DependencyClient<Environment>('dependency', { timeoutMs: spec.downstream.timeout, retry: retryPolicy(spec.downstream.retry) }, downstream);
  lambda.useDependency(caller);
  return { integration: lambda, extras: [caller, downstream], downstream, dependency: { caller, service: downstream } };
}

type LambdaSpec = Omit<LambdaIntegrationSpec, 'type' | 'downstream'>;

/** `warmAtStart`: the scenario's initialState for this function (undefined: only the provisioned ones are warm). */
function buildLambda(id: string, spec: LambdaSpec, account: LambdaAccount, warmAtStart: number | undefined): LambdaFunction {
  return new LambdaFunction(id, {
    memoryMb: spec.memory / 1024 ** 2,
    architecture: spec.architecture,
    duration: createDistribution(spec.duration as NonNullable<LambdaSpec['duration']>),
    coldStart: createDistribution(spec.coldStart ?? D.LAMBDA_COLD_START),
    keepAlive: createDistribution(spec.keepAlive ?? D.LAMBDA_KEEP_ALIVE),
    account,
    reserved: spec.concurrency.reserved ?? null,
    provisioned: spec.concurrency.provisioned,
    warmAtStart,
    scaling: LAMBDA_SCALING,
    timeoutMs: spec.timeout,
    errorRate: spec.errorRate,
  });
}

/** `queuedAtStart`: the scenario's initialState for this service (undefined: it starts idle). */
function buildBackend(id: string, spec: Omit<HttpIntegrationSpec, 'type'>, queuedAtStart: number | undefined): HttpBackend {
  return new HttpBackend(id, {
    servers: spec.servers,
    queueCapacity: spec.queue.capacity,
    discipline: spec.queue.discipline,
    service: createDistribution(spec.service),
    rejectStatus: spec.rejectStatus,
    errorRate: spec.errorRate,
    slowdown: spec.slowdown ?? null,
    dropExpired: spec.dropExpired,
    queuedAtStart,
  });
}

/** Levels of every gauged component, for the time series. */
export function sampleGauges(components: readonly Component[], nowMs: number): Record<string, number> {
  const gauges: Record<string, number> = {};
  for (const c of components) if (isGauged(c)) Object.assign(gauges, c.gauges(nowMs));
  return gauges;
}

/** The highest level of every gauge since the previous sample, for the summary's peaks. */
export function samplePeaks(components: readonly Component[], nowMs: number): Record<string, number> {
  const peaks: Record<string, number> = {};
  for (const c of components) if (isGauged(c)) Object.assign(peaks, c.peaks(nowMs));
  return peaks;
}
