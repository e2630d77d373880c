/**
 * Wires a validated scenario into a runnable simulation: creates the
 * components from the registries (the entry point by its catalog mode,
 * ./build-entry.ts; the integration by type, ./build-integration.ts),
 * connects them (client -> network -> front door -> integration) and names
 * each by its role for the bill.
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import type { Role } from '../catalog/roles.js';
import type { PricedRole, PricedRoleUsage } from '../cost/run-usage.js';
import { RandomStreams } from '../engine/random.js';
import { Simulator } from '../engine/simulator.js';
import type { StageName } from '../metrics/record-sink.js';
import { Recorder } from '../metrics/recorder.js';
import type { ClientPool } from '../model/client/client-pool.js';
import type { Component, ComponentContext, Hop } from '../model/component.js';
import { isGauged } from '../model/component.js';
import type { FailureTarget } from '../model/failure/failure-effects.js';
import { FailureSchedule } from '../model/failure/failure-schedule.js';
import { ErrorResponseCounter } from '../model/gateway/error-response-counter.js';
import { LambdaAccount } from '../model/lambda/lambda-account.js';
import { MeasurementWindow } from '../model/measurement-window.js';
import { ClosedLoopLoad } from '../model/load/closed-loop-load.js';
import { ClientNetwork } from '../model/network/client-network.js';
import { VpcLink } from '../model/network/vpc-link.js';
import { createDistribution } from '../model/shared/distribution.js';
import { buildAuthorizer, buildConnections } from './build-authorizer.js';
import { buildBroadcast } from './build-broadcast.js';
import { buildCloudFront } from './build-cloudfront.js';
import { buildCanary } from './build-canary.js';
import { buildFailover } from './build-failover.js';
import { buildThrottles, ENTRY_FACTORIES } from './build-entry.js';
import { INTEGRATION_FACTORIES } from './build-integration.js';
import { buildClientPool, buildLoad } from './build-load.js';
import * as D from './defaults.js';
import { endpointOf, type Scenario } from './schema.js';

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
  const profile = ENTRY_POINTS[scenario.api.type];
  const sim = new Simulator();
  const streams = new RandomStreams(options.seed ?? scenario.seed);
  const recorder = new Recorder({ intervalMs: scenario.interval, warmupMs: scenario.warmup, stages: stagesOf(scenario), deliveries: profile.mode === 'async' || scenario.integration.type === 'sqs' || scenario.integration.type === 'sns' });
  const ctx: ComponentContext = { sim, streams, metrics: recorder, window: new MeasurementWindow(scenario.warmup) };

  const account = new LambdaAccount(scenario.account.lambdaConcurrency);
  const built = INTEGRATION_FACTORIES[scenario.integration.type](scenario, account);
  const integration = built.integration;
  const auth = buildAuthorizer(scenario, account);
  const client = buildClientPool(scenario, options.reuseAttempts ?? true);
  // a WebSocket API authorizes the connection ($connect), not each message
  const connectionsAuthorized = profile.mode === 'sync' && profile.authorizesConnections;
  const connections = profile.features.has('connections') ? buildConnections(scenario, client, connectionsAuthorized ? (auth?.authorizer ?? null) : null) : null;
  // a canary release splits the stage's requests between the integration and its new version
  const canary = buildCanary(scenario, integration, account);
  const served = canary?.router ?? integration;
  const link = buildVpcLink(scenario, served);
  // a broadcast's posts draw on the account's bucket the front door checks: the throttles are made first
  const throttles = scenario.api.broadcast ? buildThrottles(scenario) : undefined;
  const broadcast = buildBroadcast(scenario, link ?? served, throttles?.accountBucket() ?? null);
  const network = buildNetwork(scenario);
  // a CloudFront distribution stands between the clients' network and the front door
  const edge = buildCloudFront(scenario, network ?? client);
  // execution logs at ERROR level: the error answers are counted on their way to the client
  const errors = scenario.cost.executionLogs?.level === 'errors' ? new ErrorResponseCounter('gateway.errors', edge ?? network ?? client) : null;
  // a canary release counts the gateway's answers to the requests each version was given (its alarm's 5XXError)
  const answers = errors ?? edge ?? network ?? client;
  const entry = ENTRY_FACTORIES[profile.mode](scenario, {
    throttles,
    integration: broadcast ?? link ?? served,
    upstream: canary?.router.watch(answers) ?? answers,
    authorizer: connectionsAuthorized ? null : (auth?.authorizer ?? null),
    network: network !== null,
  });
  const gateway = entry.component;
  // a failover puts the DNS record between the clients and the two Regions' front doors
  const failover = buildFailover(scenario, gateway, link ?? integration, errors ?? network ?? client, network !== null);
  const door = failover?.router ?? gateway;
  edge?.connect(door);
  network?.connect(edge ?? door, client);
  const load = buildLoad(scenario, connections ?? client);
  client.connect(network ?? edge ?? door, load instanceof ClosedLoopLoad ? load : null);

  const targets: Record<Scenario['failures'][number]['target'], FailureTarget | null> = { integration, downstream: built.downstream, gateway };
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
  const components: Component[] = [load, ...(connections ? [connections] : []), client, ...(network ? [network] : []), ...(edge ? [edge] : []), gateway, ...(errors ? [errors] : []), ...authParts, ...(broadcast ? [broadcast] : []), ...(link ? [link] : []), integration, ...(canary?.components ?? []), ...built.extras, ...(failover?.components ?? []), failures];
  const roles: BuiltRoles = {
    load,
    client,
    failures,
    ...(connections ? { connections } : {}),
    ...(broadcast ? { broadcast } : {}),
    ...(network ? { network } : {}),
    ...(edge ? { cdn: edge } : {}),
    ...entry.roles,
    ...(errors ? { errorResponses: errors } : {}),
    ...(auth ? { authorizer: auth.authorizer } : {}),
    ...(auth?.lambda ? { authorizerFunction: auth.lambda } : {}),
    ...(link ? { vpcLink: link } : {}),
    ...built.roles,
    ...canary?.roles,
    ...failover?.roles,
  };
  return { sim, streams, recorder, components, roles, client, ctx };
}

/** The stages an attempt of this scenario goes through (per-stage latency). */
function stagesOf(scenario: Scenario): StageName[] {
  const profile = ENTRY_POINTS[scenario.api.type];
  const stages: StageName[] = hasNetwork(scenario) ? ['network', 'overhead'] : ['overhead'];
  if (profile.mode === 'async') return stages; // the producer waits for PutEvents only
  if (scenario.api.authorizer && !profile.authorizesConnections) stages.push('authorizer');
  if (scenario.api.cache || scenario.api.cloudfront) stages.push('cache');
  stages.push('integration');
  if (scenario.integration.type === 'sqs' || scenario.integration.type === 'sns') return stages; // the front door waits for SendMessage (Publish) only: the consumers run later
  if (scenario.integration.type === 'dynamodb' || scenario.integration.type === 'stepfunctions') return stages; // the service's call is the integration, no function, no queue
  stages.push(scenario.integration.type === 'http' ? 'queue' : 'coldStart');
  return stages;
}

/** The clients' network is modelled when the scenario places its clients, or an edge location sits in the way. */
function hasNetwork(scenario: Scenario): boolean {
  return scenario.clients.network !== undefined || endpointOf(scenario.api).type === 'edge' || scenario.api.cloudfront !== undefined;
}

function buildNetwork(scenario: Scenario): ClientNetwork | null {
  if (!hasNetwork(scenario)) return null;
  const net = scenario.clients.network;
  // behind CloudFront the clients' way ends at the edge location; the rest is the distribution's (./build-cloudfront.ts)
  const rtt = scenario.api.cloudfront ? { kind: 'constant' as const, value: net?.edgeRtt ?? 0 } : net?.rtt;
  return new ClientNetwork('network', {
    rtt: createDistribution(rtt ?? { kind: 'constant', value: 0 }),
    edge: endpointOf(scenario.api).type === 'edge' ? { rttMs: net?.edgeRtt ?? D.EDGE_RTT_MS, hop: createDistribution(D.EDGE_HOP_LATENCY) } : null,
    newConnections: net?.newConnections ?? 0,
    handshakeRtts: net?.handshakeRtts ?? D.HANDSHAKE_RTTS,
  });
}

/** The VPC link's load balancer in front of an HTTP service, when the integration is private. */
function buildVpcLink(scenario: Scenario, service: Hop): VpcLink | null {
  const spec = scenario.integration.type === 'http' ? scenario.integration.vpcLink : undefined;
  if (!spec || (spec.target === 'cloudmap' && spec.latency === undefined)) return null; // Cloud Map: straight to an instance
  const latency = spec.latency ?? (spec.target === 'nlb' ? D.NLB_LATENCY : { kind: 'percentiles' as const, ...ENTRY_POINTS.alb.overhead });
  return new VpcLink('vpcLink', createDistribution(latency), service);
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
