/**
 * "failed" on whole runs, one scenario per way of failing: clients that give
 * up after retries, time out without retrying, get an error answer they do
 * not retry, or are refused by their circuit breaker. Each count of the
 * summary is checked against what the client component itself counted (its
 * usage) or against the attempts' outcomes, never against the summary
 * itself; the failed share and the latency of all requests follow from the
 * scenario (a time-out of 200 ms with no retry: every request takes 200 ms).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../src/scenario/run.js';

const run = (yaml: string): RunResult => runScenario(parseScenario(yaml, 'inline.yaml'));

/** What every run must satisfy, whatever its failures. */
function expectConsistent(r: RunResult): void {
  const q = r.summary.requests;
  expect(q.failed).toBe(q.error + q.timeout + q.gaveUp + q.circuitOpen);
  expect(q.ok + q.failed + q.inFlight).toBe(q.offered);
  expect(q.errorRatio).toBeCloseTo(q.failed / (q.ok + q.failed), 12);
  expect(r.summary.latencyMs.all.count).toBe(q.ok + q.failed);
  expect(r.summary.latencyMs.ok.count).toBe(q.ok);
  expect(q.offered).toBe(r.usage.client.requests);
}

describe('requests that give up after retries', () => {
  // 4 servers of 10 ms (400/s) under 300/s; a 10 s brownout adds 30 ms and the queue outgrows the 500 ms time-out
  const r = run(`
name: small-storm
seed: 3
duration: 60s
warmup: 5s
load: { rate: 300/s }
clients: { timeout: 500ms, retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 50ms, jitter: none } } }
api: { type: rest }
integration: { type: http, servers: 4, service: { mean: 10ms }, queue: { capacity: 200 } }
failures: [{ at: 20s, for: 10s, target: integration, addLatency: { constant: 30ms } }]
`);

  it('counts them as failed, as many as the clients gave up on', () => {
    expectConsistent(r);
    expect(r.summary.requests.gaveUp).toBe(r.usage.client.gaveUp);
    expect(r.summary.requests.gaveUp).toBeGreaterThan(0);
    expect(r.summary.requests.failed).toBeGreaterThanOrEqual(r.summary.requests.gaveUp);
  });

  it('has every attempt of a request that gave up in the attempts: 3 each', () => {
    expect(r.summary.attempts.perRequest['3']).toBeGreaterThanOrEqual(r.summary.requests.gaveUp);
  });

  it("puts the give-ups' wait in the latency of all requests: its tail is at least three time-outs, the successful ones' is not", () => {
    // a request that gave up after 3 timed-out attempts waited 3 x 500 ms plus its back-offs
    expect(r.summary.latencyMs.all.max).toBeGreaterThanOrEqual(1500);
    expect(r.summary.latencyMs.all.max).toBeGreaterThanOrEqual(r.summary.latencyMs.ok.max);
  });
});

describe('requests that time out, not retried', () => {
  // every request takes 1 s at the back end and the client waits 200 ms
  const r = run(`
name: all-time-out
seed: 5
duration: 20s
warmup: 2s
load: { rate: 50/s }
clients: { timeout: 200ms }
api: { type: rest }
integration: { type: http, servers: 200, service: { constant: 1s } }
`);

  it('counts each as failed by a client time-out: one per attempt that timed out', () => {
    expectConsistent(r);
    const q = r.summary.requests;
    expect(q.ok).toBe(0);
    expect(q.timeout).toBe(r.summary.attempts.outcomes.timeout);
    expect(q.failed).toBe(q.timeout);
    expect(q.errorRatio).toBe(1);
  });

  it('gives all requests the time-out as latency, and successful ones none', () => {
    const all = r.summary.latencyMs.all;
    for (const p of ['p50', 'p99', 'max'] as const) expect(all[p], p).toBeCloseTo(200, 0);
    expect(r.summary.latencyMs.ok.p99).toBeNaN();
  });
});

describe('requests answered with an error, not retried', () => {
  const r = run(`
name: all-errors
seed: 9
duration: 20s
warmup: 2s
load: { rate: 50/s }
api: { type: rest }
integration: { type: http, servers: 10, service: { mean: 10ms }, errorRate: 0.3 }
`);

  it('counts each as failed by an error answer: one per 500 the back end sent', () => {
    expectConsistent(r);
    const q = r.summary.requests;
    expect(q.error).toBe(r.summary.attempts.outcomes['500']);
    expect(q.failed).toBe(q.error);
    // 30 % of the answers are errors: within 4.5 standard errors of 0.3
    const n = q.ok + q.failed;
    expect(Math.abs(q.errorRatio - 0.3)).toBeLessThan(4.5 * Math.sqrt((0.3 * 0.7) / n));
  });
});

describe('requests refused by an open circuit breaker', () => {
  // the back end is down for 20 s: the breaker opens and refuses requests at once
  const r = run(`
name: breaker
seed: 11
duration: 60s
warmup: 5s
load: { rate: 100/s }
clients: { count: 2, timeout: 1s, circuitBreaker: { failureRatio: 0.5, window: 5s, minRequests: 20, open: 2s, probes: 3 } }
api: { type: rest }
integration: { type: http, servers: 10, service: { mean: 10ms } }
failures: [{ at: 20s, for: 20s, target: integration, outage: true }]
`);

  it('counts each as failed, as many as the clients refused', () => {
    expectConsistent(r);
    const q = r.summary.requests;
    expect(q.circuitOpen).toBe(r.usage.client.circuitOpen);
    expect(q.circuitOpen).toBeGreaterThan(0);
    // the rest of the outage's requests reached the back end and got its error
    expect(q.failed).toBe(q.circuitOpen + q.error);
  });

  it('records no attempt for a refused request', () => {
    expect(r.summary.attempts.perRequest['0']).toBe(r.summary.requests.circuitOpen);
  });
});
