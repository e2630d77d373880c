/**
 * What a simulated month bills, end to end: metering units counted by the
 * front door, requests API Gateway does not bill, the closed form of
 * `price` against a run of the same workload, and a retry storm's bill
 * against its mitigated twin. Expected dollars are written from the rates
 * (the pricing pages' figures), never read back from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { workloadUsage, type Workload } from '../../src/cost/workload.js';
import { testWorkload } from './workload-fixture.js';
import { loadScenario, parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { costOfRun, monthlyUsageOfRun } from '../../src/cost/run-cost.js';

const prices = bundledPriceTable('us-east-1')!;
const run = (yaml: string) => {
  const scenario = parseScenario(yaml, 'inline.yaml');
  return { scenario, result: runScenario(scenario) };
};

describe('metering', () => {
  it('an HTTP API bills a 513 KB request as 2 requests (512 KB units), a 512 KB one as 1', () => {
    const at = (size: string) =>
      run(`
name: metering
duration: 10s
load: { rate: 20/s, payload: { request: ${size} } }
api: { type: http }
integration: { type: lambda, duration: { constant: 5ms } }
`).result.usage.gateway;
    const big = at('513KB');
    expect(big.billedRequests).toBeGreaterThan(100);
    expect(big.meteredUnits).toBe(2 * big.billedRequests);
    const exact = at('512KB');
    expect(exact.meteredUnits).toBe(exact.billedRequests);
  });

  it('a WebSocket API bills a 33 KB message as 2 messages (32 KB units), and its reply as 1 more', () => {
    const { result } = run(`
name: ws-metering
duration: 2m
warmup: 30s
load: { rate: 2/s, connection: { duration: { constant: 5m }, messages: 1/s }, payload: { request: 33KB, response: 1KB } }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 5ms } }
`);
    const g = result.usage.gateway;
    expect(g.billedRequests).toBeGreaterThan(1000);
    expect(g.meteredUnits).toBe(3 * g.billedRequests);
  });

  it('the closed form meters the same way', () => {
    const big = workload({ requestBytes: 513 * 1024, responseBytes: 1024 });
    expect(workloadUsage(big, 'http').usage.meteredUnits).toBe(2 * big.monthlyRequests);
    expect(workloadUsage(big, 'rest').usage.meteredUnits).toBe(big.monthlyRequests);
    const message = workload({ requestBytes: 33 * 1024, responseBytes: 1024 });
    expect(workloadUsage(message, 'websocket').usage.meteredUnits).toBe((2 + 1) * message.monthlyRequests);
  });
});

describe('what API Gateway does not bill', () => {
  it('throttled requests and requests an authorizer refuses are not billed; cache hits are', () => {
    const { result } = run(`
name: unbilled
duration: 20s
load: { rate: 400/s, keys: { count: 10 } }
clients: { count: 50 }
api:
  type: rest
  throttle: { stage: { rate: 300/s, burst: 10 } }
  authorizer: { type: iam, denyRatio: 0.2 }
  cache: { size: 0.5GB, ttl: 60s }
integration: { type: lambda, duration: { constant: 5ms } }
`);
    const g = result.usage.gateway;
    expect(g.throttled).toBeGreaterThan(500);
    expect(g.refused).toBeGreaterThan(500);
    expect(g.cacheHits).toBeGreaterThan(1000);
    expect(g.billedRequests).toBe(g.requests - g.throttled - g.refused - g.tooLarge);
    expect(g.billedRequests).toBe(g.cacheHits + g.cacheMisses);
  });
});

describe('price (closed form) against run (simulated) on a workload with no retries or failures', () => {
  // evenly spaced arrivals and a constant duration: concurrency is steady, so after the warm-up no
  // environment starts cold and every invocation bills exactly 120 ms, as the closed form assumes
  const scenario = (type: string) => `
name: agree-${type}
duration: 3m
warmup: 1m
load: { arrivals: uniform, rate: 200/s, payload: { request: 2KB, response: 6KB } }
api: { type: ${type} }
integration: { type: lambda, memory: 512MB, architecture: arm64, duration: { constant: 120ms } }
cost: { monthlyRequests: 40M }
`;
  it.each(['rest', 'http', 'alb'])('%s: the same bill, line by line, to the cent', (type) => {
    const { scenario: s, result } = run(scenario(type));
    expect(result.usage.lambda.coldStarts).toBe(0);
    const simulated = costOfRun(result, prices);
    const { usage } = workloadUsage(workload({ requestBytes: 2048, responseBytes: 6144, lambda: { memoryMb: 512, durationMs: 120, architecture: 'arm64', provisioned: 0 } }), type as 'rest');
    const closed = estimateMonthlyCost(usage, prices, { freeTier: false, basis: 'closed form' });
    expect(simulated.lines.map((l) => l.item)).toEqual(closed.lines.map((l) => l.item));
    simulated.lines.forEach((line, i) => expect(line.usd).toBeCloseTo(closed.lines[i].usd, 2));
    expect(simulated.totalUsd).toBeCloseTo(closed.totalUsd, 2);
    // and the figures are the pricing page's: 40M requests, 40M x 0.12 s x 0.5 GB of arm64
    const lambdaUsd = 40 * 0.2 + 40e6 * 0.12 * 0.5 * 0.0000133334;
    const dataUsd = ((40e6 * 6144) / 1024 ** 3) * 0.09;
    const frontUsd = { rest: 40 * 3.5, http: 40 * 1.0, alb: null }[type];
    if (frontUsd !== null && frontUsd !== undefined) expect(simulated.totalUsd).toBeCloseTo(frontUsd + lambdaUsd + dataUsd, 2);
  });
});

describe('price against run for the private, VPC link and asynchronous paths', () => {
  it('a private REST API behind an NLB: the same bill, line by line, to the cent', () => {
    const { scenario: s, result } = run(`
name: agree-private
duration: 3m
warmup: 1m
load: { arrivals: uniform, rate: 200/s, payload: { request: 2KB, response: 6KB } }
api: { type: rest, endpoint: { type: private, azs: 3 } }
integration: { type: http, servers: 100, service: { constant: 20ms }, vpcLink: { target: nlb } }
cost: { monthlyRequests: 40M }
`);
    const simulated = costOfRun(result, prices);
    const { usage } = workloadUsage(workload({ requestBytes: 2048, responseBytes: 6144, lambda: null, privateEndpoint: { azs: 3 }, vpcLink: 'nlb' }), 'rest');
    const closed = estimateMonthlyCost(usage, prices, { freeTier: false, basis: 'closed form' });
    expect(simulated.lines.map((l) => l.item)).toEqual(closed.lines.map((l) => l.item));
    simulated.lines.forEach((line, i) => expect(line.usd).toBeCloseTo(closed.lines[i].usd, 2));
    // by hand: 40M at $3.50/M; 3 AZs x 730 h at $0.01; 40M x 8 KB through the endpoint at $0.01/GB and through
    // the NLB (one NLCU per GB an hour, $0.006), the NLB's 730 h at $0.0225; no data transfer out
    const gb = (40e6 * 8192) / 1024 ** 3;
    expect(simulated.totalUsd).toBeCloseTo(40 * 3.5 + 3 * 730 * 0.01 + gb * 0.01 + 730 * 0.0225 + gb * 0.006, 2);
  });

  it('EventBridge fanned out to 3 targets: one event and three invocations per request', () => {
    const { scenario: s, result } = run(`
name: agree-bus
duration: 3m
warmup: 1m
load: { arrivals: uniform, rate: 200/s, payload: { request: 2KB } }
api: { type: eventbridge, delivery: { targets: 3 } }
integration: { type: lambda, memory: 512MB, architecture: arm64, duration: { constant: 120ms }, concurrency: { provisioned: 0 } }
cost: { monthlyRequests: 40M }
`);
    const simulated = costOfRun(result, prices);
    const { usage } = workloadUsage(workload({ requestBytes: 2048, responseBytes: 0, lambda: { memoryMb: 512, durationMs: 120, architecture: 'arm64', provisioned: 0 }, eventTargets: 3 }), 'eventbridge');
    const closed = estimateMonthlyCost(usage, prices, { freeTier: false, basis: 'closed form' });
    expect(simulated.lines.map((l) => l.item)).toEqual(closed.lines.map((l) => l.item));
    // events are counted by when they were published, invocations by when they started: the deliveries of the
    // events published in the last ~50 ms of the warm-up (about 10 events, 30 invocations of 72,000) add to the
    // Lambda lines, less than 0.1 %
    simulated.lines.forEach((line, i) => expect(Math.abs(line.usd - closed.lines[i].usd)).toBeLessThanOrEqual(1e-3 * closed.lines[i].usd + 0.005));
    const lambdaUsd = 3 * (40 * 0.2 + 40e6 * 0.12 * 0.5 * 0.0000133334);
    expect(closed.totalUsd).toBeCloseTo(40 * 1.0 + lambdaUsd, 2);
  });
});

describe('a retry storm shows on the bill', () => {
  it('costs more than its mitigated twin, by the extra billed attempts and bytes times the rates', () => {
    const storm = loadScenario('scenarios/retry-storm.yaml');
    const mitigated = loadScenario('scenarios/retry-storm-mitigated.yaml');
    // the same monthly volume of logical requests for both, so only the retries differ
    const month = { monthlyRequests: 100e6 };
    const a = { ...storm, cost: { ...storm.cost, ...month } };
    const b = { ...mitigated, cost: { ...mitigated.cost, ...month } };
    const ra = runScenario(a);
    const rb = runScenario(b);
    const ua = monthlyUsageOfRun(ra).usage;
    const ub = monthlyUsageOfRun(rb).usage;
    expect(ua.billedRequests).toBeGreaterThan(2 * ub.billedRequests);
    const costA = costOfRun(ra, prices).totalUsd;
    const costB = costOfRun(rb, prices).totalUsd;
    expect(costA).toBeGreaterThan(costB);
    // REST requests in the first two tiers, data transfer in the first tier (both volumes are)
    const rest = (n: number) => Math.min(n, 333e6) * 3.5e-6 + Math.max(0, n - 333e6) * 2.8e-6;
    expect(ua.billedRequests).toBeLessThan(1e9);
    const gb = (bytes: number) => bytes / 1024 ** 3;
    const expected = rest(ua.billedRequests) - rest(ub.billedRequests) + (gb(ua.dataTransferOutBytes) - gb(ub.dataTransferOutBytes)) * 0.09;
    expect(costA - costB).toBeCloseTo(expected, 6);
  });
});

const workload = testWorkload;

describe('the free tier', () => {
  const rest = (requests: number, freeTier: boolean) =>
    estimateMonthlyCost(
      { apiType: 'rest', hours: 730, billedRequests: requests, meteredUnits: requests, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null },
      prices,
      { freeTier, basis: 'test' },
    );
  it('takes its allowance (1M REST calls) off first and shows it as a $0 line', () => {
    const b = rest(3e6, true);
    expect(b.lines.map((l) => [l.item, l.quantity, l.usd])).toEqual([
      ['REST requests (free tier)', 1e6, 0],
      ['REST requests, first 333M', 2e6, 7],
      ['data transfer out to the internet (free tier)', 0, 0],
      ['data transfer out to the internet, first 10,240 GB', 0, 0],
    ]);
    expect(rest(0.5e6, true).totalUsd).toBe(0);
  });
  it('is off unless asked for', () => {
    expect(rest(3e6, false).totalUsd).toBeCloseTo(3 * 3.5, 9);
  });
});

describe('the Lambda authorizer is billed as a function of its own', () => {
  it('one invocation per evaluation (no cache), priced on its own lines', () => {
    const { scenario, result } = run(`
name: authorizer-bill
duration: 40s
warmup: 10s
load: { arrivals: uniform, rate: 100/s }
clients: { count: 20 }
api:
  type: rest
  authorizer: { type: lambda, cacheTtl: 0s, function: { memory: 128MB, duration: { constant: 20ms } } }
integration: { type: lambda, duration: { constant: 50ms } }
`);
    const bill = costOfRun(result, prices);
    const line = (item: string) => bill.lines.find((l) => l.item === item)!;
    expect(result.usage['authorizer.function'].invocations).toBe(result.usage.authorizer.evaluations);
    const month = 730 * 3600;
    // 100 requests/s for a month: as many authorizer invocations, each 20 ms at 128 MB (x86)
    expect(line('authorizer requests').quantity / (100 * month)).toBeCloseTo(1, 2);
    expect(line('authorizer duration (x86_64), first 6B GB-seconds').quantity / (100 * month * 0.02 * 0.125)).toBeCloseTo(1, 2);
  });
});

describe('a WebSocket API bills connection minutes and messages', () => {
  it('connection minutes follow Little’s law: new connections/s x mean stay, for the month', () => {
    const { scenario, result } = run(`
name: ws-bill
duration: 30m
warmup: 10m
interval: 10s
load: { rate: 2/s, connection: { duration: { constant: 5m }, messages: 0.1/s } }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 10ms } }
`);
    const bill = costOfRun(result, prices);
    const minutes = bill.lines.find((l) => l.item === 'WebSocket connection minutes')!;
    // 2 connections/s each open 5 minutes: 10 connection minutes every second
    expect(minutes.quantity / (10 * 730 * 3600)).toBeCloseTo(1, 1);
    expect(minutes.usd).toBeCloseTo((minutes.quantity / 1e6) * 0.25, 9);
    expect(bill.lines.some((l) => l.item.startsWith('WebSocket messages'))).toBe(true);
  });
});

describe('execution logs, counted from the run', () => {
  // 200 requests/s against a 150/s stage limit (429s), a function that fails 10 % of the time (502s), no retries
  const scenario = (level: string) => `
name: execution-logs-${level}
duration: 20s
load: { arrivals: uniform, rate: 200/s }
api: { type: rest, throttle: { stage: { rate: 150/s, burst: 10 } } }
integration: { type: lambda, duration: { constant: 5ms }, errorRate: 0.1 }
cost: { monthlyRequests: 10M, executionLogs: { level: ${level} } }
`;

  it('at the errors level, only the requests answered with an error status write one (512 B each by default)', () => {
    const { scenario: s, result } = run(scenario('errors'));
    const outcomes = result.summary.attempts.outcomes;
    const failed = Object.entries(outcomes).filter(([label]) => label !== '2xx').reduce((sum, [, n]) => sum + n, 0);
    expect(outcomes['429 stage']).toBeGreaterThan(500);
    expect(outcomes['502']).toBeGreaterThan(100);
    expect(result.usage['gateway.errors'].errorResponses).toBe(failed);
    // a month of 10M requests fails in the same share as the run
    const monthlyBytes = (failed / result.summary.requests.offered) * 10e6 * 512;
    expect(monthlyUsageOfRun(result).usage.executionLogBytes).toBeCloseTo(monthlyBytes, 3);
    const line = costOfRun(result, prices).lines.find((l) => l.item === 'execution log ingestion');
    expect(line?.usd).toBeCloseTo((monthlyBytes / 1024 ** 3) * 0.5, 9);
  });

  it('at the info level, every request the front door handled writes one (2 KB each by default), throttled ones included', () => {
    const { scenario: s, result } = run(scenario('info'));
    expect(monthlyUsageOfRun(result).usage.executionLogBytes).toBeCloseTo(10e6 * 2048, 0);
  });

  it('a healthy API at the errors level logs nothing, and a run without execution logs counts no errors', () => {
    const healthy = scenario('errors').replace(', throttle: { stage: { rate: 150/s, burst: 10 } }', '').replace(', errorRate: 0.1', '');
    const { scenario: s, result } = run(healthy);
    expect(result.usage['gateway.errors'].errorResponses).toBe(0);
    expect(costOfRun(result, prices).lines.some((l) => l.service === 'CloudWatch Logs')).toBe(false);
    const plain = run(scenario('errors').replace(', executionLogs: { level: errors }', ''));
    expect(Object.keys(plain.result.usage)).not.toContain('gateway.errors');
  });

  it('prices storage of the access and execution logs together: 10M x (1 KB + 2 KB) a month, 0.15 of it stored for 30 days', () => {
    const { scenario: s, result } = run(scenario('info').replace('level: info }', 'level: info }, accessLogs: { bytesPerRequest: 1KB }, logs: { retention: 30d }'));
    const storage = costOfRun(result, prices).lines.find((l) => l.item === 'log storage, kept 30 days');
    const gbMonths = ((10e6 * 3072) / 1024 ** 3) * 0.15 * (720 / 730);
    expect(storage?.quantity).toBeCloseTo(gbMonths, 6);
    expect(storage?.usd).toBeCloseTo(gbMonths * 0.03, 9);
  });
});
