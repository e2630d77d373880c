/**
 * Failure windows act on their target only while open, and combine when they
 * overlap. Each case runs a small scenario and reads the time series.
 */
import { describe, expect, it } from 'vitest';
import type { IntervalRow } from '../../../src/metrics/recorder.js';
import { combineEffects } from '../../../src/model/failure/failure-effects.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/run.js';

const run = (yaml: string) => runScenario(parseScenario(yaml, 'inline.yaml'));
const sum = (rows: readonly IntervalRow[], fromS: number, toS: number, pick: (r: IntervalRow) => number) =>
  rows.filter((r) => r.startMs >= fromS * 1000 && r.startMs < toS * 1000).reduce((s, r) => s + pick(r), 0);
const outcome = (label: string) => (r: IntervalRow) => r.outcomes[label] ?? 0;
const all = (r: IntervalRow) => Object.values(r.outcomes).reduce((a, b) => a + b, 0);

const backend = (extra = '') => `
name: f
duration: 60s
load: { rate: 200/s }
api: { type: rest, overhead: { constant: 1ms } }
integration: { type: http, servers: 20, service: { constant: 5ms } }
${extra}`;

describe('failure windows', () => {
  it('an error rate applies only inside its window (binomial bounds)', () => {
    const r = run(backend('failures: [{ at: 20s, for: 20s, target: integration, errorRate: 0.3 }]'));
    const inside = sum(r.records.series.toArray(), 21, 39, outcome('500')) / sum(r.records.series.toArray(), 21, 39, all);
    expect(Math.abs(inside - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 3600));
    expect(sum(r.records.series.toArray(), 0, 20, outcome('500')) + sum(r.records.series.toArray(), 41, 60, outcome('500'))).toBe(0);
  });

  it('overlapping error rates combine as independent causes: 1 - (1 - 0.5)(1 - 0.5) = 0.75', () => {
    const r = run(backend('failures: [{ at: 10s, for: 40s, target: integration, errorRate: 0.5 }, { at: 20s, for: 20s, target: integration, errorRate: 0.5 }]'));
    const both = sum(r.records.series.toArray(), 21, 39, outcome('500')) / sum(r.records.series.toArray(), 21, 39, all);
    expect(Math.abs(both - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / 3600));
  });

  it('an outage answers 503 at once for its whole window', () => {
    const r = run(backend('failures: [{ at: 20s, for: 10s, target: integration, outage: true }]'));
    expect(sum(r.records.series.toArray(), 20, 30, outcome('503'))).toBe(sum(r.records.series.toArray(), 20, 30, all));
    expect(sum(r.records.series.toArray(), 31, 60, outcome('503'))).toBe(0);
  });

  it('added latency stretches the service time while open', () => {
    const r = run(backend('failures: [{ at: 20s, for: 10s, target: integration, addLatency: { constant: 100ms } }]'));
    expect(r.records.series.row(25).p50Ms).toBeGreaterThan(100);
    expect(r.records.series.row(45).p50Ms).toBeLessThan(10);
  });

  it('a gateway throttle change refuses the excess as 429 stage, then the old rate returns', () => {
    const r = run(
      backend(`failures: [{ at: 20s, for: 20s, target: gateway, throttle: { bucket: stage, rate: 50/s } }]`).replace(
        'api: { type: rest, overhead: { constant: 1ms } }',
        'api: { type: rest, overhead: { constant: 1ms }, throttle: { stage: { rate: 1000/s, burst: 100 } } }',
      ),
    );
    const admitted = sum(r.records.series.toArray(), 25, 40, outcome('2xx')) / 15;
    expect(admitted).toBeGreaterThan(45);
    expect(admitted).toBeLessThan(56);
    expect(sum(r.records.series.toArray(), 42, 60, outcome('429 stage'))).toBe(0);
  });

  it('a capacity cut halves the Lambda concurrency limit, and flushWarm forces cold starts', () => {
    const r = run(`
name: lam
duration: 60s
load: { rate: 200/s }
api: { type: rest, overhead: { constant: 1ms } }
integration: { type: lambda, duration: { constant: 50ms }, coldStart: { constant: 100ms }, concurrency: { reserved: 30 } }
failures:
  - { at: 20s, for: 10s, target: integration, capacity: 0.5 }
  - { at: 40s, target: integration, flushWarm: true }
`);
    // 200/s x 50 ms = 10 erlangs: Erlang B loses ~3.7 % with 15 allowed, ~1e-7 with 30
    expect(sum(r.records.series.toArray(), 21, 30, outcome('500'))).toBeGreaterThan(20);
    expect(sum(r.records.series.toArray(), 31, 40, outcome('500'))).toBe(0);
    expect(r.records.series.row(40).events['lambda.coldStarts']).toBeGreaterThan(5);
    expect(r.records.series.row(39).events['lambda.coldStarts'] ?? 0).toBe(0);
  });

  it('combineEffects: latencies add up, smallest capacity wins, any outage wins', () => {
    const d = createDistribution({ kind: 'constant', value: 1 });
    const e = combineEffects([{ capacity: 0.5, addLatency: d }, { capacity: 0.2, addLatency: d, outage: true }]);
    expect(e.capacity).toBe(0.2);
    expect(e.addLatency).toHaveLength(2);
    expect(e.outage).toBe(true);
  });
});

describe('backend options', () => {
  it('LIFO serves the newest waiting request first, so some old ones wait very long (a fat tail)', () => {
    const yaml = (discipline: string) => `
name: q
duration: 120s
warmup: 10s
load: { rate: 95/s }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 1, service: { mean: 10ms }, queue: { discipline: ${discipline} } }
`;
    const fifo = run(yaml('fifo'));
    const lifo = run(yaml('lifo'));
    // same mean wait (work-conserving), but LIFO's p99.9 is far larger
    expect(lifo.summary.latencyMs.ok.p999).toBeGreaterThan(2 * fifo.summary.latencyMs.ok.p999);
  });

  it('slowdown makes service slower when most servers are busy', () => {
    const base = `
name: s
duration: 60s
load: { rate: 900/s }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 10, service: { constant: 10ms }, queue: { capacity: 100 }`;
    const plain = run(`${base} }`);
    const slowed = run(`${base}, slowdown: { at: 0.5, factor: 3 } }`);
    expect(slowed.summary.latencyMs.ok.p50).toBeGreaterThan(1.5 * plain.summary.latencyMs.ok.p50);
  });

  it('dropExpired skips work whose client has left instead of serving it', () => {
    const yaml = (drop: boolean) => `
name: d
duration: 60s
load: { rate: 150/s }
clients: { timeout: 500ms }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 1, service: { constant: 10ms }, dropExpired: ${drop} }
`;
    const served = run(yaml(false));
    const dropped = run(yaml(true));
    expect(served.usage.backend.wastedServed).toBeGreaterThan(1000);
    expect(dropped.usage.backend.droppedExpired).toBeGreaterThan(1000);
    // what is still wasted started before its client left (the drop happens at the queue's head)
    expect(dropped.usage.backend.wastedServed).toBeLessThan(served.usage.backend.wastedServed / 2);
    expect(dropped.summary.requests.ok).toBeGreaterThan(served.summary.requests.ok);
  });
});

describe('client options', () => {
  it('throttleDelay makes a 429 wait at least that long before its retry', () => {
    const r = run(`
name: t
duration: 30s
load: { rate: 100/s }
clients: { retry: { attempts: 2, on: [429], backoff: { base: 1ms, cap: 1ms, jitter: none }, throttleDelay: 2s } }
api: { type: rest, overhead: { constant: 0ms }, throttle: { stage: { rate: 50/s, burst: 1 } } }
integration: { type: http, servers: 10, service: { constant: 1ms } }
`);
    // a request that was throttled and then succeeded took at least the 2 s delay
    expect(r.summary.latencyMs.ok.max).toBeGreaterThanOrEqual(2_000);
    expect(r.summary.latencyMs.ok.p50).toBeLessThan(10);
  });

  it('a circuit breaker refuses calls while the service fails, then lets them through again', () => {
    const r = run(`
name: cb
duration: 60s
load: { rate: 100/s }
clients: { circuitBreaker: { failureRatio: 0.5, window: 5s, minRequests: 20, open: 2s, probes: 3 } }
api: { type: rest, overhead: { constant: 0ms } }
integration: { type: http, servers: 10, service: { constant: 5ms } }
failures: [{ at: 20s, for: 10s, target: integration, outage: true }]
`);
    expect(r.summary.requests.circuitOpen).toBeGreaterThan(500);
    expect(sum(r.records.series.toArray(), 45, 60, (row) => row.finals['circuit-open'])).toBe(0);
    expect(sum(r.records.series.toArray(), 45, 60, (row) => row.requestsOk)).toBeGreaterThan(1400);
  });
});
