/**
 * Issue 8's warm start, run end to end: warm Lambda environments spare the
 * first invocations their cold starts, a primed cache starts at the hit
 * ratio its keys' popularity gives, and a backlog drains at the rate the
 * servers allow, each checked against what theory says it should be.
 */
import { describe, expect, it } from 'vitest';
import type { IntervalRow } from '../../src/metrics/recorder.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string, seed?: number) => runScenario(parseScenario(yaml, 'inline.yaml'), { seed });
const rows = (r: ReturnType<typeof run>): IntervalRow[] => r.records.series.toArray();

describe('warm Lambda environments', () => {
  const scenario = (initialState: string) => `
name: warm
duration: 1m
load: { rate: 400/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 100ms, p99: 300ms }, coldStart: { p50: 400ms, p99: 1s }, keepAlive: { constant: 10m } }
${initialState}
`;

  it('with more warm environments than the peak there is no cold start; with fewer, fewer cold starts than a cold start', () => {
    const cold = run(scenario(''));
    const some = run(scenario('initialState: { integration: { warm: 20 } }'));
    const enough = run(scenario('initialState: { integration: { warm: 150 } }'));
    expect(enough.usage.lambda.coldStarts).toBe(0);
    // the peak stayed under what was warm, so the test means what it says
    expect(enough.usage.lambda.peakConcurrency).toBeLessThan(150);
    expect(some.usage.lambda.coldStarts).toBeGreaterThan(0);
    expect(some.usage.lambda.coldStarts).toBeLessThan(cold.usage.lambda.coldStarts);
    // the warm ones are there from the first interval on
    expect(rows(enough)[0].gauges['lambda.warm']).toBeGreaterThanOrEqual(150);
  });

  it('warms a Lambda authorizer function the same way', () => {
    const authorized = (initialState: string) => `
name: warm-authorizer
duration: 20s
load: { rate: 300/s }
clients: { count: 5000 }
api: { type: rest, authorizer: { type: lambda, cacheTtl: 0s, function: { duration: { constant: 20ms } } } }
integration: { type: lambda, duration: { constant: 20ms } }
${initialState}
`;
    expect(run(authorized('')).usage['authorizer.function'].coldStarts).toBeGreaterThan(0);
    const warm = run(authorized('initialState: { authorizer: { warm: 60 } }'));
    expect(warm.usage['authorizer.function'].coldStarts).toBe(0);
    expect(warm.usage.lambda.coldStarts).toBeGreaterThan(0); // only the authorizer was warmed
  });
});

describe('a primed REST cache', () => {
  // 1.6 GB of 512 KB responses: 3,276 entries for 100,000 keys with Zipf 1
  const scenario = (initialState: string) => `
name: primed
duration: 30s
load: { rate: 4000/s, keys: { count: 100000, zipf: 1 }, payload: { response: 512KB } }
api: { type: rest, cache: { size: 1.6GB, ttl: 3600s } }
integration: { type: http, servers: 200, service: { constant: 5ms } }
${initialState}
`;
  const hitRatio = (row: IntervalRow) => row.events.cacheHits / (row.events.cacheHits + row.events.cacheMisses);

  it('hits in its first second as often as its primed keys are asked for: sum_{i<=k} i^-s / sum_all i^-s (within 4 sd)', () => {
    // 2 MB responses are over API Gateway's 1 MB entry limit, so no miss is ever stored: the cache holds
    // exactly the primed keys for the whole TTL, half of 1.6 GB / 2 MB = 819 entries: ranks 1..409
    const r = run(`
name: primed-only
duration: 2s
load: { rate: 4000/s, keys: { count: 100000, zipf: 1.1 }, payload: { response: 2MB } }
api: { type: rest, cache: { size: 1.6GB, ttl: 3600s } }
integration: { type: http, servers: 200, service: { constant: 5ms } }
initialState: { cache: { primed: 0.5 } }
`);
    const zipf = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) ** -1.1).reduce((a, b) => a + b, 0);
    const expected = zipf(409) / zipf(100_000);
    const first = rows(r)[0];
    const lookups = first.events.cacheHits + first.events.cacheMisses;
    // given the cache, each lookup hits independently with that probability: a binomial share
    const sd = Math.sqrt((expected * (1 - expected)) / lookups);
    expect(lookups).toBeGreaterThan(3_500);
    expect(Math.abs(hitRatio(first) - expected)).toBeLessThan(4 * sd);
  });

  it('starts near its steady hit ratio, where a cold cache starts far below it', () => {
    const steady = (r: IntervalRow[]) => r.slice(10).reduce((sum, row) => sum + hitRatio(row), 0) / (r.length - 10);
    const primed = rows(run(scenario('initialState: { cache: { primed: 0.25 } }')));
    const cold = rows(run(scenario('')));
    expect(Math.abs(hitRatio(primed[0]) - steady(primed))).toBeLessThan(0.04);
    expect(steady(cold) - hitRatio(cold[0])).toBeGreaterThan(0.1);
  });
});

describe('a backlog at the HTTP service', () => {
  const scenario = `
name: backlog
duration: 20s
interval: 100ms
load: { rate: 1/s }
api: { type: rest }
integration: { type: http, servers: 10, service: { mean: 50ms } }
initialState: { integration: { queue: 2000 } }
`;

  it('drains Q queued with c servers of mean service S in about Q·S/c, and is no request of the run', () => {
    const [queued, servers, meanMs] = [2_000, 10, 50];
    const r = run(scenario);
    const drainedAtMs = rows(r).find((row) => row.gauges['backend.queue'] === 0)?.endMs ?? Infinity;
    // the queue loses one request per departure of c busy exponential servers: Gamma(Q, c/S);
    // the run's own requests (1/s) add about 10 more to serve first, and the gauge is read every 100 ms
    const expectedMs = (queued * meanMs) / servers;
    const sdMs = (Math.sqrt(queued) * meanMs) / servers;
    expect(Math.abs(drainedAtMs - expectedMs)).toBeLessThan(4 * sdMs + 200);
    expect(r.usage.backend.backlogServed).toBe(queued + servers);
    // every request of the run ended once, and the backlog added none
    expect(r.usage.backend.served).toBe(r.records.requestsArrived);
    expect(Object.values(r.records.requestsEnded).reduce((a, b) => a + b, 0)).toBe(r.records.requestsArrived);
    // a request that arrived while it drained waited behind it
    expect(r.summary.latencyMs.ok.max).toBeGreaterThan(expectedMs / 2);
  });

  it("queues at a Lambda integration's downstream service the same way", () => {
    const r = run(`
name: downstream-backlog
duration: 5s
load: { rate: 20/s }
api: { type: rest }
integration:
  type: lambda
  duration: 10ms
  downstream: { servers: 4, service: { mean: 20ms } }
initialState: { downstream: { queue: 100 } }
`);
    expect(r.usage.downstream.backlogServed).toBe(104);
    expect(r.usage.downstream.served).toBe(r.records.requestsArrived);
  });
});
