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
import { ApiGateway, type NamedBucket } from '../model/gateway/api-gateway.js';
import { HttpBackend } from '../model/backend/http-backend.js';
import { LambdaFunction, type Environment } from '../model/lambda/lambda-function.js';
import { createDistribution } from '../model/shared/distribution.js';
import { DependencyClient } from '../model/client/dependency-client.js';
import type { FailureTarget } from '../model/failure/failure-effects.js';
import { FailureSchedule } from '../model/failure/failure-schedule.js';
import { TokenBucket } from '../model/shared/token-bucket.js';
import * as D from './defaults.js';
import type { HttpIntegrationSpec, LambdaIntegrationSpec, Scenario } from './schema.js';

export interface BuiltSimulation {
  readonly sim: Simulator;
  readonly streams: RandomStreams;
  readonly recorder: Recorder;
  readonly components: readonly Component[];
  readonly client: ClientPool;
  readonly ctx: ComponentContext;
}

export function buildSimulation(scenario: Scenario, options: { seed?: number } = {}): BuiltSimulation {
  const sim = new Simulator();
  const streams = new RandomStreams(options.seed ?? scenario.seed);
  const recorder = new Recorder({ intervalMs: scenario.interval, warmupMs: scenario.warmup });
  const ctx: ComponentContext = { sim, streams, metrics: recorder, warmupMs: scenario.warmup };

  const { integration, extras, downstream } = buildIntegration(scenario.integration);
  const client = buildClientPool(scenario);
  const gateway = new ApiGateway('gateway', gatewayOptions(scenario), client, integration);
  const load = buildLoad(scenario, client);
  client.connect(gateway, load instanceof ClosedLoopLoad ? load : null);

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
  const components: Component[] = [load, client, gateway, integration, ...extras, failures];
  return { sim, streams, recorder, components, client, ctx };
}

function gatewayOptions(scenario: Scenario) {
  const api = scenario.api;
  const throttles: NamedBucket[] = [];
  if (api.throttle.stage) throttles.push({ name: 'stage', bucket: new TokenBucket(api.throttle.stage.rate, api.throttle.stage.burst) });
  const account = api.throttle.account ?? { rate: D.ACCOUNT_THROTTLE_RATE_PER_S, burst: D.ACCOUNT_THROTTLE_BURST };
  throttles.push({ name: 'account', bucket: new TokenBucket(account.rate, account.burst) });
  return {
    overhead: createDistribution(api.overhead ?? D.REST_OVERHEAD),
    throttles,
    integrationTimeoutMs: api.integrationTimeout ?? D.REST_INTEGRATION_TIMEOUT_MS,
    statusByCause: {
      'lambda-throttle': api.responses.lambdaThrottle ?? D.REST_LAMBDA_THROTTLE_STATUS,
      'lambda-error': api.responses.lambdaError ?? D.REST_LAMBDA_ERROR_STATUS,
      'lambda-timeout': api.responses.lambdaError ?? D.REST_LAMBDA_ERROR_STATUS,
    },
  };
}

interface BuiltIntegration {
  integration: LambdaFunction | HttpBackend;
  /** Components behind the integration (a dependency client and its service). */
  extras: Component[];
  downstream: HttpBackend | null;
}

function buildIntegration(spec: Scenario['integration']): BuiltIntegration {
  if (spec.type === 'http') return { integration: buildBackend('backend', spec), extras: [], downstream: null };
  const lambda = buildLambda(spec);
  if (!spec.downstream) return { integration: lambda, extras: [], downstream: null };
  const downstream = buildBackend('downstream', spec.downstream);
  const caller = new DependencyClient<Environment>('dependency', { timeoutMs: spec.downstream.timeout, retry: retryPolicy(spec.downstream.retry) }, downstream);
  lambda.useDependency(caller);
  return { integration: lambda, extras: [caller, downstream], downstream };
}

function buildLambda(spec: LambdaIntegrationSpec): LambdaFunction {
  return new LambdaFunction('lambda', {
    memoryMb: spec.memory / 1024 ** 2,
    architecture: spec.architecture,
    duration: createDistribution(spec.duration),
    coldStart: createDistribution(spec.coldStart ?? D.LAMBDA_COLD_START),
    keepAlive: createDistribution(spec.keepAlive ?? D.LAMBDA_KEEP_ALIVE),
    concurrencyLimit: spec.concurrency.reserved ?? spec.concurrency.account,
    provisioned: spec.concurrency.provisioned,
    timeoutMs: spec.timeout,
    errorRate: spec.errorRate,
  });
}

function buildBackend(id: string, spec: Omit<HttpIntegrationSpec, 'type'>): HttpBackend {
  return new HttpBackend(id, {
    servers: spec.servers,
    queueCapacity: spec.queue.capacity,
    discipline: spec.queue.discipline,
    service: createDistribution(spec.service),
    rejectStatus: spec.rejectStatus,
    errorRate: spec.errorRate,
    slowdown: spec.slowdown ?? null,
    dropExpired: spec.dropExpired,
  });
}

/** Levels of every gauged component, for the time series. */
export function sampleGauges(components: readonly Component[], nowMs: number): Record<string, number> {
  const gauges: Record<string, number> = {};
  for (const c of components) if (isGauged(c)) Object.assign(gauges, c.gauges(nowMs));
  return gauges;
}
