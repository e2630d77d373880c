/** The load and client parts of a scenario, as components. */
import type { Distribution } from '../model/shared/distribution.js';
import { createDistribution } from '../model/shared/distribution.js';
import { ClientPool, type ClientPoolOptions } from '../model/client/client-pool.js';
import { NO_RETRIES, type RetryPolicy } from '../model/shared/retry-policy.js';
import { internJitter } from '../model/shared/backoff.js';
import { ClosedLoopLoad } from '../model/load/closed-loop-load.js';
import { OpenLoopLoad, type ArrivalTarget } from '../model/load/open-loop-load.js';
import { RateProfile, type Phase } from '../model/load/rate-profile.js';
import { ZipfSampler } from '../model/shared/zipf-sampler.js';
import { WeightedSampler } from '../model/shared/weighted-sampler.js';
import type { Scenario } from './schema.js';

export function buildRateProfile(load: Scenario['load']): RateProfile {
  const phases: Phase[] = load.profile
    ? load.profile.map((p) => ('rate' in p ? { durationMs: p.for, fromPerSecond: p.rate, toPerSecond: p.rate } : { durationMs: p.for, fromPerSecond: p.ramp[0], toPerSecond: p.ramp[1] }))
    : [{ durationMs: Infinity, fromPerSecond: load.rate ?? 0, toPerSecond: load.rate ?? 0 }];
  const spikes = load.spikes.map((s) => ({ atMs: s.at, durationMs: s.for, ratePerSecond: s.rate }));
  const daily = load.daily ? { amplitude: load.daily.amplitude, periodMs: load.daily.period } : null;
  return new RateProfile(phases, spikes, daily);
}

export function retryPolicy(retry: Scenario['clients']['retry']): RetryPolicy {
  if (!retry) return NO_RETRIES;
  const statuses = new Set<number>();
  for (const item of retry.on) if (typeof item === 'number') statuses.add(item);
  return {
    attempts: retry.attempts,
    statuses,
    on4xx: retry.on.includes('4xx'),
    on5xx: retry.on.includes('5xx'),
    onTimeout: retry.on.includes('timeout'),
    backoff: { baseMs: retry.backoff.base, capMs: retry.backoff.cap, jitter: internJitter(retry.backoff.jitter) },
    throttleDelayMs: retry.throttleDelay,
  };
}

export function buildClientPool(scenario: Scenario, reuseAttempts = true): ClientPool {
  // an event bus's deliveries and a dependency's calls read a request after its attempts are let go
  const requestsOutliveAttempts = scenario.api.type === 'eventbridge' || (scenario.integration.type === 'lambda' && (scenario.integration.downstream !== undefined || scenario.integration.dynamodb !== undefined));
  const c = scenario.clients;
  const closed = scenario.load.virtualUsers;
  const options: ClientPoolOptions = {
    timeoutMs: c.timeout,
    // in a closed loop each virtual user is one caller
    callers: new ZipfSampler(closed ?? c.count, closed ? 0 : c.zipf),
    keys: new ZipfSampler(scenario.load.keys.count, scenario.load.keys.zipf),
    routes: scenario.load.routes && scenario.load.routes.length > 1 ? new WeightedSampler(scenario.load.routes.map((r) => r.weight)) : null,
    retry: retryPolicy(c.retry),
    requestBytes: createDistribution(scenario.load.payload.request),
    responseBytes: createDistribution(scenario.load.payload.response),
    budget: c.retry?.budget ?? null,
    breaker: c.circuitBreaker
      ? { failureRatio: c.circuitBreaker.failureRatio, windowMs: c.circuitBreaker.window, minRequests: c.circuitBreaker.minRequests, openMs: c.circuitBreaker.open, probes: c.circuitBreaker.probes }
      : null,
    reuseAttempts,
    reuseRequests: !requestsOutliveAttempts,
  };
  return new ClientPool('client', options);
}

export function buildLoad(scenario: Scenario, target: ArrivalTarget): OpenLoopLoad | ClosedLoopLoad {
  const load = scenario.load;
  if (load.virtualUsers !== undefined) {
    const closed = new ClosedLoopLoad('load', { virtualUsers: load.virtualUsers, thinkTime: createDistribution(load.thinkTime as NonNullable<typeof load.thinkTime>) as Distribution, untilMs: scenario.duration }, target);
    return closed;
  }
  return new OpenLoopLoad('load', { profile: buildRateProfile(load), arrivals: load.arrivals, untilMs: scenario.duration }, target);
}
