/**
 * Issue #4's lessons that must come out right, on small inline scenarios:
 * amplification across one and two layers, Brooker's jitter comparison,
 * time-varying Poisson arrivals, and closed vs open loop under overload.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../src/scenario/run.js';
import { buildRateProfile } from '../../src/scenario/build-load.js';

const run = (yaml: string, seed?: number) => runScenario(parseScenario(yaml, 'inline.yaml'), { seed });

describe('retry amplification', () => {
  it('with every attempt failing, each logical request makes exactly `attempts` attempts', () => {
    const r = run(`
name: amp1
duration: 60s
load: { rate: 50/s }
clients: { retry: { attempts: 3, on: [5xx], backoff: { base: 10ms, cap: 100ms, jitter: full } } }
api: { type: rest }
integration: { type: http, servers: 50, service: { constant: 5ms }, errorRate: 1 }
`);
    const s = r.summary;
    expect(s.requests.gaveUp).toBe(s.requests.offered);
    expect(s.attempts.started).toBe(3 * s.requests.offered);
    expect(s.attempts.perRequest).toEqual({ 3: s.requests.offered });
  });

  it('across two layers the attempts multiply: 3 client attempts x 3 dependency attempts = 9 calls per request', () => {
    const r = run(`
name: amp2
duration: 60s
load: { rate: 20/s }
clients: { timeout: 20s, retry: { attempts: 3, on: [5xx], backoff: { base: 10ms, cap: 100ms, jitter: full } } }
api: { type: rest }
integration:
  type: lambda
  duration: { constant: 5ms }
  coldStart: { constant: 0ms }
  timeout: 15s
  concurrency: { reserved: 500 }
  downstream:
    servers: 100
    service: { constant: 5ms }
    errorRate: 1
    timeout: 1s
    retry: { attempts: 3, on: [5xx], backoff: { base: 10ms, cap: 100ms, jitter: full } }
`);
    const requests = r.summary.requests.offered;
    expect(r.summary.attempts.started).toBe(3 * requests);
    expect(r.usage.dependency.attempts).toBe(9 * requests);
    expect(r.usage.downstream.served).toBe(9 * requests);
  });
});

describe("Brooker's jitter experiment: contending clients, back-off with and without jitter", () => {
  // 100 clients arrive within 1 ms (as in the blog post, all start together) at
  // a resource that serves one at a time and rejects the rest (queue capacity 0);
  // each retries until it succeeds.
  const contend = (jitter: string) =>
    run(`
name: jitter-${jitter}
duration: 120s
load:
  arrivals: uniform
  profile: [{ for: 1ms, rate: 100000/s }, { for: 1s, rate: 0/s }]
clients: { retry: { attempts: 100, on: [503], backoff: { base: 5ms, cap: 2s, jitter: ${jitter} } } }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 1, service: { constant: 2ms }, queue: { capacity: 0 } }
`);
  const results = Object.fromEntries(
    ['none', 'full', 'equal', 'decorrelated'].map((j) => {
      const r = contend(j);
      const last = [...r.records.series.toArray()].reverse().find((row) => row.requestsOk > 0);
      return [j, { attempts: r.summary.attempts.started, ok: r.summary.requests.ok, finishedByS: last ? last.endMs / 1000 : Infinity }];
    }),
  ) as Record<string, { attempts: number; ok: number; finishedByS: number }>;

  it('every client eventually gets through', () => {
    for (const r of Object.values(results)) expect(r.ok).toBe(100);
  });

  it('no jitter is by far the worst in total calls', () => {
    const best = Math.min(results.full.attempts, results.decorrelated.attempts, results.equal.attempts);
    expect(results.none.attempts).toBeGreaterThan(2 * best);
  });

  it('full and decorrelated jitter do at least as well as equal jitter in calls (the published ranking)', () => {
    expect(Math.min(results.full.attempts, results.decorrelated.attempts)).toBeLessThanOrEqual(results.equal.attempts);
  });
});

describe('time-varying Poisson arrivals', () => {
  it('arrivals per 10 s window under a ramp match the integral of the rate (within 4.5 sd of a Poisson count)', () => {
    const yaml = `
name: ramp
duration: 10m
load: { profile: [{ for: 2m, rate: 100/s }, { for: 6m, ramp: [100/s, 1000/s] }, { for: 2m, rate: 1000/s }], spikes: [{ at: 9m, for: 20s, rate: 300/s }] }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 2000, service: { constant: 1ms } }
`;
    const scenario = parseScenario(yaml, 'inline.yaml');
    const profile = buildRateProfile(scenario.load);
    const r = runScenario(scenario);
    const windowS = 10;
    for (let from = 0; from < 600; from += windowS) {
      const observed = r.records.series.toArray().filter((row) => row.startMs >= from * 1000 && row.startMs < (from + windowS) * 1000).reduce((s, row) => s + row.arrivals, 0);
      const expected = profile.expectedArrivals(from * 1000, (from + windowS) * 1000);
      // 60 windows: 4.5 sd keeps the chance of any false failure below 1e-3
      expect(Math.abs(observed - expected), `window at ${from} s: ${observed} vs ${expected.toFixed(1)}`).toBeLessThan(4.5 * Math.sqrt(expected));
    }
  });
});

describe('closed loop vs open loop under the same overload', () => {
  // a service of 100 requests/s (1 server, 10 ms); both loads ask for ~150/s
  const service = `api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 1, service: { mean: 10ms } }`;
  const open = run(`
name: open
duration: 5m
load: { rate: 150/s }
${service}
`);
  const closed = run(`
name: closed
duration: 5m
load: { virtualUsers: 15, thinkTime: { mean: 100ms } }
${service}
`);
  const p99At = (r: RunResult, s: number) => r.records.series.row(s).p99Ms;

  it('open loop: the queue and latency keep growing until the gateway times out every request', () => {
    // the excess is 50/s, so the wait grows by ~0.5 s each second until it passes API Gateway's 29 s
    expect(p99At(open, 50)).toBeGreaterThan(5 * p99At(open, 5));
    expect(open.records.series.row(280).gauges['backend.queue']).toBeGreaterThan(10_000);
    expect(open.summary.attempts.outcomes['504']).toBeGreaterThan(0.5 * open.summary.attempts.ended);
  });

  it('closed loop: latency stays bounded (at most all 15 users queued: ~150 ms mean) and throughput matches capacity', () => {
    expect(closed.summary.latencyMs.ok.p99).toBeLessThan(1_000);
    expect(closed.summary.attempts.outcomes['504']).toBeUndefined();
    expect(closed.summary.requests.goodputPerSecond).toBeGreaterThan(85);
    expect(closed.summary.requests.goodputPerSecond).toBeLessThan(101);
  });
});

describe('data transfer out counts the answers a client received', () => {
  const scenario = (service: string) => `
name: late
duration: 30s
warmup: 0s
load: { rate: 20/s }
clients: { timeout: 100ms }
api: { type: http }
integration: { type: http, servers: 50, service: { constant: ${service} } }
`;
  it('a 200 that comes after the client left is not sent: no bytes out; in time, every success sends its body', () => {
    const late = run(scenario('300ms'));
    expect(late.summary.requests.timeout).toBe(late.summary.requests.offered); // every client gave up first
    expect(late.usage.gateway.billedRequests).toBe(late.summary.requests.offered); // API Gateway still billed them
    expect(late.usage.gateway.responseBytes).toBe(0);
    const inTime = run(scenario('10ms'));
    expect(inTime.summary.requests.ok).toBe(inTime.summary.requests.offered);
    expect(inTime.usage.gateway.responseBytes).toBeGreaterThan(0);
    expect(inTime.usage.gateway.responseBytes % inTime.summary.requests.ok).toBe(0); // one fixed body per success
  });
});
