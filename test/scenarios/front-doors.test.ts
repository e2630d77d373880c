/**
 * Issue #5's behaviours on small inline scenarios, run end to end as a user
 * runs them: provisioned concurrency and cold starts, the account's Lambda
 * concurrency shared by an authorizer and an integration, the four front
 * doors' latency and throttling, the cache's TTL, and WebSocket connections
 * checked against Little's law.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string, seed?: number) => runScenario(parseScenario(yaml, 'inline.yaml'), { seed });

describe('Lambda concurrency', () => {
  it('with provisioned concurrency above the peak there are no cold starts; without, there are', () => {
    const scenario = (provisioned: number) => `
name: pc
duration: 2m
load: { rate: 300/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 60ms, p99: 300ms }, concurrency: { reserved: 200, provisioned: ${provisioned} } }
`;
    const warm = run(scenario(150));
    expect(warm.usage.lambda.coldStarts).toBe(0);
    // the peak stayed under what was provisioned, so the test means what it says
    expect(warm.usage.lambda.peakConcurrency).toBeLessThan(150);
    expect(run(scenario(0)).usage.lambda.coldStarts).toBeGreaterThan(10);
  });

  it('an authorizer and an integration share the account: together they never run more than its limit', () => {
    const r = run(`
name: shared-account
duration: 1m
load: { rate: 3000/s }
clients: { count: 1000 }
account: { lambdaConcurrency: 400 }
api:
  type: rest
  authorizer: { type: lambda, cacheTtl: 0s, function: { duration: { constant: 100ms } } }
integration: { type: lambda, duration: { constant: 100ms } }
`);
    // each needs ~300 environments alone; together they would need ~600 of the 400
    for (const row of r.records.series) {
      expect(row.gauges['authorizer.function.concurrency'] + row.gauges['lambda.concurrency']).toBeLessThanOrEqual(400);
    }
    const throttledByAccount = r.usage['authorizer.function'].throttlesAccount + r.usage.lambda.throttlesAccount;
    expect(throttledByAccount).toBeGreaterThan(0);
    // a throttled authorizer is AUTHORIZER_FAILURE (500); a throttled integration is 500 too on a REST API
    expect(r.summary.attempts.outcomes['500']).toBeGreaterThan(0);
  });
});

describe('Lambda duration by memory size', () => {
  it('uses the table entry for the configured memory', () => {
    const at = (memory: string) =>
      run(`
name: power-tuning
duration: 30s
load: { rate: 50/s }
api: { type: http }
integration:
  type: lambda
  memory: ${memory}
  durationByMemory: { 512MB: { constant: 200ms }, 1024MB: { constant: 100ms } }
  concurrency: { provisioned: 30 }
`).summary.stagesMs.integration.p50;
    // stage percentiles are kept to 1 %
    expect(Math.abs(at('512MB') - 200) / 200).toBeLessThan(0.01);
    expect(Math.abs(at('1024MB') - 100) / 100).toBeLessThan(0.01);
  });
});

describe('front doors side by side', () => {
  const scenario = (type: string, rate = '200/s') => `
name: door-${type}
duration: 1m
load: { rate: ${rate} }
api: { type: ${type} }
integration: { type: http, servers: 2000, service: { constant: 20ms } }
`;

  it('the default overhead orders REST > HTTP API > ALB at the median', () => {
    const p50 = (type: string) => run(scenario(type)).summary.latencyMs.ok.p50;
    const [rest, http, alb] = [p50('rest'), p50('http'), p50('alb')];
    expect(rest).toBeGreaterThan(http);
    expect(http).toBeGreaterThan(alb);
    expect(alb).toBeGreaterThan(20); // never faster than the integration itself
  });

  it('API Gateway throttles at the account limit; an ALB does not throttle at all', () => {
    const gw = run(scenario('http', '15000/s').replace('duration: 1m', 'duration: 10s'));
    expect(gw.summary.attempts.outcomes['429 account']).toBeGreaterThan(0);
    const alb = run(scenario('alb', '15000/s').replace('duration: 1m', 'duration: 10s'));
    expect(Object.keys(alb.summary.attempts.outcomes)).toEqual(['2xx']);
  });

  it('a 2 MB response: fine through a REST API, 502 through an ALB in front of Lambda (1 MB limit)', () => {
    const big = (type: string) =>
      run(`
name: big-${type}
duration: 10s
load: { rate: 10/s, payload: { response: 2MB } }
api: { type: ${type} }
integration: { type: lambda, duration: { constant: 10ms } }
`);
    expect(Object.keys(big('rest').summary.attempts.outcomes)).toEqual(['2xx']);
    expect(Object.keys(big('alb').summary.attempts.outcomes)).toEqual(['502']);
  });
});

describe('REST response cache', () => {
  const scenario = (ttl: string) => `
name: cache
duration: 1m
load: { rate: 500/s, keys: { count: 100, zipf: 1 } }
api: { type: rest, cache: { size: 0.5GB, ttl: ${ttl} } }
integration: { type: lambda, duration: { constant: 50ms } }
`;

  it('TTL 0 means no hits: every request reaches the integration', () => {
    const r = run(scenario('0s'));
    expect(r.usage.gateway.cacheHits).toBe(0);
    expect(r.usage.lambda.invocations).toBe(r.summary.requests.offered);
  });

  it('a long TTL over 100 keys: after the first request of each key, everything hits', () => {
    const r = run(scenario('300s'));
    // at most one miss per key, plus the misses of requests that arrive while the first fetch of their key is in flight
    expect(r.usage.gateway.cacheMisses).toBeLessThan(100 + 0.05 * 500 * 100);
    expect(r.usage.gateway.cacheHits / (r.usage.gateway.cacheHits + r.usage.gateway.cacheMisses)).toBeGreaterThan(0.98);
  });
});

describe('WebSocket connections', () => {
  it("open connections follow Little's law (L = λW) and messages follow from them", () => {
    const r = run(`
name: ws
duration: 20m
warmup: 5m
interval: 10s
load:
  rate: 20/s
  connection: { duration: { mean: 2m }, messages: 0.5/s }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 20ms } }
`);
    // λ = 20/s, W = 120 s: L = 2,400 open connections on average (idle closes are negligible at 0.5 msg/s)
    const rows = [...r.records.series].filter((row) => row.startMs >= 300_000);
    const meanOpen = rows.reduce((sum, row) => sum + row.gauges['connections.open'], 0) / rows.length;
    expect(Math.abs(meanOpen - 2_400) / 2_400).toBeLessThan(0.05);
    // messages: L x 0.5/s over 15 min measured, about 1.08 M
    const expectedMessages = 2_400 * 0.5 * 900;
    expect(Math.abs(r.usage.connections.messages - expectedMessages) / expectedMessages).toBeLessThan(0.05);
    // connection minutes: L x 15 min
    expect(Math.abs(r.usage.connections.connectionMinutes - 2_400 * 15) / (2_400 * 15)).toBeLessThan(0.05);
  });

  it('a $connect Lambda authorizer refuses a share of connections, which then send nothing', () => {
    const r = run(`
name: ws-auth
duration: 2m
load:
  rate: 50/s
  connection: { duration: { constant: 30s }, messages: 1/s }
clients: { count: 10000 }
api:
  type: websocket
  authorizer: { type: lambda, cacheTtl: 0s, denyRatio: 0.25, function: { duration: { constant: 10ms } } }
integration: { type: lambda, duration: { constant: 20ms } }
`);
    const { connections, refused } = r.usage.connections;
    // binomial share of 0.25 within 4.5 sd
    const n = connections + refused;
    expect(Math.abs(refused / n - 0.25)).toBeLessThan(4.5 * Math.sqrt((0.25 * 0.75) / n));
    // each message is a request; none comes from a refused connection (messages ~ accepted x 30 s x 1/s)
    // every connection was checked once (a few checked at the very end of the run are in neither count)
    expect(Math.abs(r.usage.authorizer.evaluations - n)).toBeLessThanOrEqual(5);
    expect(r.usage.connections.messages).toBeLessThan(connections * 30 * 1.1);
  });

  it('the new-connection limit refuses connections beyond its rate; a refused connection sends nothing', () => {
    const r = run(`
name: ws-burst
duration: 30s
load:
  rate: 1000/s
  connection: { duration: { constant: 10s }, messages: 1/s }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 20ms } }
`);
    // 500/s accepted (after a burst of 500): about half refused
    const { connections, throttled } = r.usage.connections;
    expect(throttled / (connections + throttled)).toBeGreaterThan(0.45);
    expect(throttled / (connections + throttled)).toBeLessThan(0.52);
  });

  it('a connection idle for 10 minutes is closed by API Gateway', () => {
    const r = run(`
name: ws-idle
duration: 1h
load:
  rate: 1/s
  connection: { duration: { constant: 2h }, messages: 0.0001/s }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 20ms } }
`);
    // with a message every ~2.8 h on average, every connection opened in the first 50 min is
    // closed idle (a rare message only restarts the 10 min); those opened later are still open
    // when the run ends: 50/60 of them
    const { connections, idleClosed } = r.usage.connections;
    expect(Math.abs(idleClosed / connections - 50 / 60)).toBeLessThan(0.02);
    // a message restarts the 10 min (probability 1 - e^-0.06 per window), so a connection lives
    // 600 s / e^-0.06 = 637 s on average: L = 637 open, Poisson, so its peak stays within 4.5 sd
    const meanOpen = 600 / Math.exp(-0.06);
    expect(r.summary.peaks['connections.open']).toBeLessThan(meanOpen + 4.5 * Math.sqrt(meanOpen));
    expect(r.summary.peaks['connections.open']).toBeGreaterThan(meanOpen);
  });
});

describe('AWS WAF', () => {
  const waf = (type: string, blockRatio: number) => `
name: waf
duration: 60s
warmup: 10s
load: { rate: 200/s }
api: { type: ${type}, waf: { rules: 8, blockRatio: ${blockRatio}, latency: { constant: 2ms } } }
integration: { type: lambda, duration: { constant: 20ms }, concurrency: { provisioned: 20 } }
`;

  it('blocks its share with 403 waf before Lambda is called, inspects every request, and the month bills them all', async () => {
    const { costOfRun } = await import('../../src/cost/run-cost.js');
    const { bundledPriceTable } = await import('../../src/cost/prices.js');
    const scenario = parseScenario(waf('rest', 0.25), 'inline.yaml');
    const result = runScenario(scenario);
    const outcomes = result.summary.attempts.outcomes;
    const ended = result.summary.attempts.ended;
    // binomial share within 4.5 standard errors
    expect(Math.abs(outcomes['403 waf'] / ended - 0.25)).toBeLessThan(4.5 * Math.sqrt((0.25 * 0.75) / ended));
    // every request WAF let through, and no other, reached Lambda (counted by start, so within the run's last in-flight few)
    const gateway = result.usage.gateway;
    expect(Math.abs(result.usage.lambda.invocations - (gateway.requests - gateway.wafBlocked))).toBeLessThan(10);
    expect(result.usage.gateway.wafRequests).toBe(result.usage.gateway.requests);
    const bill = costOfRun(result, bundledPriceTable('us-east-1')!);
    const lines = Object.fromEntries(bill.lines.filter((l) => l.service === 'AWS WAF').map((l) => [l.item, l]));
    expect(lines['web ACL'].usd).toBe(5);
    expect(lines.rules.usd).toBe(8);
    // the month: the measured rate (~200/s) held for 730 h, every inspected request at $0.60 per million
    expect(lines['requests inspected'].quantity / (200 * 730 * 3600)).toBeCloseTo(1, 1);
    // the inspection is part of the front door's own time: 2 ms more than without WAF at every percentile
    const plain = runScenario(parseScenario(waf('rest', 0).replace(/, waf: \{[^}]*\{[^}]*\} \}/, ''), 'inline.yaml'));
    expect(result.summary.stagesMs.overhead.p50 - plain.summary.stagesMs.overhead.p50).toBeCloseTo(2, 0);
  });

  it('is a validation error on an HTTP API, naming the types that have it', () => {
    expect(() => parseScenario(waf('http', 0.1), 'inline.yaml')).toThrow(/inline\.yaml:6: api\.waf: HTTP APIs do not have AWS WAF\n  hint: only REST API and Application Load Balancer offer it/);
  });
});
