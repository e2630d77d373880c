/**
 * One measurement window (src/model/measurement-window.ts): a run counts
 * the logical requests that arrive after the warm-up and everything done for
 * them, whenever it happens. So the figures add up across components:
 * every counted attempt ends in one counted outcome, the front door receives
 * exactly the counted attempts and bills those that pass its checks, the
 * function runs exactly the billed ones, and the bill prices those.
 */
import { describe, expect, it } from 'vitest';
import { monthlyUsageOfRun } from '../../src/cost/run-cost.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

// a warm-up that cuts through retries (a 1 s time-out, 3 tries, errors and throttles), so the
// attempts made after it include retries of requests that arrived before it
const yaml = `
name: window
duration: 90s
warmup: 30s
load: { rate: 200/s }
clients: { count: 50, timeout: 1s, retry: { attempts: 3, on: [429, 5xx, timeout], backoff: { base: 200ms, cap: 2s, jitter: full } } }
api: { type: rest, throttle: { stage: { rate: 180/s, burst: 20 } } }
integration: { type: lambda, duration: { p50: 60ms, p99: 1500ms }, errorRate: 0.1, concurrency: { reserved: 25 } }
cost: { monthlyRequests: 10M }
`;

describe('the measurement window', () => {
  const scenario = parseScenario(yaml, 'window.yaml');
  const run = runScenario(scenario);
  const { summary } = run;
  const door = run.roles.frontDoor!;
  const fn = run.usage.lambda;

  it('is crossed by retries: some attempts after the warm-up belong to requests that arrived before it', () => {
    const started = Object.values(run.records.series.toArray()).filter((row) => row.startMs >= 30_000).reduce((sum, row) => sum + row.attemptsStarted, 0);
    // attempts started after the warm-up by the time series (every attempt, by when it started) exceed the counted ones
    expect(started).toBeGreaterThan(summary.attempts.started);
  });

  it('every counted attempt ends in exactly one counted outcome, and every counted request in one final outcome', () => {
    const outcomes = Object.values(summary.attempts.outcomes).reduce((a, b) => a + b, 0);
    expect(outcomes).toBe(summary.attempts.started);
    expect(summary.attempts.ended).toBe(summary.attempts.started);
    const r = summary.requests;
    expect(r.ok + r.error + r.timeout + r.gaveUp + r.circuitOpen + r.inFlight).toBe(r.offered);
  });

  it('the front door receives the counted attempts, and bills those its throttles let through', () => {
    expect(door.requests).toBe(summary.attempts.started);
    expect(run.usage.gateway.throttled).toBeGreaterThan(100);
    expect(door.billedRequests + run.usage.gateway.throttled + run.usage.gateway.tooLarge + run.usage.gateway.refused).toBe(door.requests);
  });

  it('the function is invoked or throttled once for every billed request, and the client sees each throttle as a 500', () => {
    expect(fn.invocations + fn.throttles).toBe(door.billedRequests);
    expect(fn.throttles).toBeGreaterThan(50);
    // each Lambda throttle is a counted 500 (REST's answer), the front door's own errors none here
    expect(summary.attempts.outcomes['500']).toBe(fn.throttles);
  });

  it('the bill prices exactly the billed requests and the invocations, scaled to the month', () => {
    const { usage } = monthlyUsageOfRun(run);
    const scale = 10e6 / summary.requests.offered;
    expect(usage.billedRequests).toBeCloseTo(door.billedRequests * scale, 6);
    expect(usage.lambdas[0].requests).toBeCloseTo(fn.invocations * scale, 6);
  });
});
