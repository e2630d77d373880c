/**
 * Issue #9's model pieces end to end, on small inline scenarios: where the
 * clients are (round trips, handshakes, an edge location), a private
 * endpoint and a VPC link with what they bill, and the asynchronous path
 * (EventBridge and Lambda's asynchronous invocation). Expected figures come
 * from the mechanism as AWS documents it, not from a run.
 */
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { createDistribution } from '../../src/model/shared/distribution.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import * as D from '../../src/scenario/defaults.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string, seed?: number) => runScenario(parseScenario(yaml, 'inline.yaml'), { seed });
const prices = bundledPriceTable('us-east-1')!;
const line = (lines: ReadonlyArray<{ item: string; usd: number; quantity: number }>, start: string) => lines.find((l) => l.item.startsWith(start));

const distant = (endpoint: string, newConnections: number, rtt = '200ms') => `
name: net
duration: 2m
load: { rate: 200/s }
clients: { network: { rtt: { constant: ${rtt} }, edgeRtt: 20ms, newConnections: ${newConnections} } }
api: { type: rest, endpoint: ${endpoint} }
integration: { type: lambda, duration: { constant: 30ms }, concurrency: { provisioned: 20 } }
`;

/** Stage figures come from histograms at 2 significant digits: within 1 %. */
const near = (value: number, expected: number) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(0.01 * expected);

describe('the clients network and endpoint types', () => {
  const hopMean = createDistribution(D.EDGE_HOP_LATENCY).mean;

  it('Regional: a round trip per request, and two more for each new connection (TCP + TLS 1.3)', () => {
    near(run(distant('regional', 0)).summary.stagesMs.network.mean, 200);
    near(run(distant('regional', 1)).summary.stagesMs.network.mean, 600);
    // half the attempts open a connection: mean 200 + 0.5 x 400, within 4 standard errors of a binomial share (and the 1 %)
    const half = run(distant('regional', 0.5));
    const n = half.summary.latencyMs.ok.count;
    expect(Math.abs(half.summary.stagesMs.network.mean - 400)).toBeLessThan(4 * 400 * Math.sqrt(0.25 / n) + 4);
  });

  it('edge-optimized: the handshakes go to the edge location, the request still to the Region, plus the edge hop', () => {
    const edge = run(distant('edge', 1));
    near(edge.summary.stagesMs.network.mean, 200 + 2 * 20 + hopMean);
    near(run(distant('edge', 0)).summary.stagesMs.network.mean, 200 + hopMean);
    // a client nearer the Region than the edge location: the handshakes cost its own round trips
    near(run(distant('edge', 1, '4ms')).summary.stagesMs.network.mean, 4 + 2 * 4 + hopMean);
  });

  it("the network counts in the client's time-out: a client farther away than its time-out never gets an answer", () => {
    const r = run(`
name: far
duration: 1m
load: { rate: 50/s }
clients: { timeout: 500ms, network: { rtt: { constant: 600ms } } }
api: { type: http }
integration: { type: lambda, duration: { constant: 10ms } }
`);
    expect(r.summary.requests.ok).toBe(0);
    expect(r.summary.requests.timeout).toBe(r.summary.requests.offered);
    // the gateway answered 200, but no answer reached a client still waiting: no successful attempt's stages
    expect(r.records.stageLatency.network?.count).toBe(0);
    expect(r.records.stageLatency.integration?.count).toBe(0);
    // the work was done and billed all the same
    expect(r.usage.lambda.invocations).toBeGreaterThan(0);
  });

  it('a private endpoint bills its interface endpoint per AZ-hour and per GB, and no data transfer out', () => {
    const r = run(`
name: private
duration: 1m
load: { rate: 100/s, payload: { request: 2KB, response: 8KB } }
api: { type: rest, endpoint: { type: private, azs: 3 } }
integration: { type: lambda, duration: { constant: 10ms } }
cost: { monthlyRequests: 100M }
`);
    const cost = costOfRun(r, prices);
    expect(line(cost.lines, 'interface endpoint hours')!.usd).toBeCloseTo(730 * 3 * 0.01, 9);
    // 100M requests of 2 KB in and 8 KB out, at $0.01 per GB (first PB)
    expect(line(cost.lines, 'data processed')!.usd).toBeCloseTo(((100e6 * 10 * 1024) / 1024 ** 3) * 0.01, 6);
    expect(line(cost.lines, 'data transfer out')!.usd).toBe(0);
  });

  it("a VPC link's NLB adds its latency to the integration and bills hours and NLCU-hours by processed bytes", () => {
    const scenario = (vpcLink: string) => `
name: link
duration: 1m
load: { rate: 100/s, payload: { request: 1KB, response: 9KB } }
api: { type: rest }
integration: { type: http, servers: 50, service: { constant: 20ms }${vpcLink} }
cost: { monthlyRequests: 1000M }
`;
    const linked = run(scenario(', vpcLink: { target: nlb, latency: { constant: 3ms } }'));
    const direct = run(scenario(''));
    near(linked.summary.stagesMs.integration.mean, direct.summary.stagesMs.integration.mean + 3);
    const cost = costOfRun(linked, prices);
    expect(line(cost.lines, 'VPC link NLB hours')!.usd).toBeCloseTo(730 * 0.0225, 9);
    // 1,000M requests x 10 KB a month, spread over 730 hours: GB per hour, one NLCU per GB-hour at $0.006
    const gbPerHour = (1000e6 * 10 * 1024) / 1024 ** 3 / 730;
    expect(line(cost.lines, 'VPC link NLCU-hours')!.usd).toBeCloseTo(gbPerHour * 730 * 0.006, 6);
    expect(costOfRun(direct, prices).lines.some((l) => l.service === 'Elastic Load Balancing')).toBe(false);
  });

  it("an HTTP API's VPC link to AWS Cloud Map has no load balancer: no hop and nothing to bill; other types refuse it", () => {
    const scenario = (type: string) => `
name: cloudmap
duration: 1m
load: { rate: 100/s }
api: { type: ${type} }
integration: { type: http, servers: 50, service: { constant: 20ms }, vpcLink: { target: cloudmap } }
`;
    const r = run(scenario('http'));
    near(r.summary.stagesMs.integration.mean, 20);
    expect(r.usage.vpcLink).toBeUndefined();
    expect(costOfRun(r, prices).lines.some((l) => l.service === 'Elastic Load Balancing')).toBe(false);
    expect(() => parseScenario(scenario('rest'), 'x.yaml')).toThrow(/integration\.vpcLink\.target: REST APIs cannot reach AWS Cloud Map through a VPC link/);
  });

  it('refuses what a front door does not offer, each at its path', () => {
    const base = (api: string, integration = '{ type: lambda, duration: 10ms }', clients = '{}') => `
name: bad
duration: 1m
load: { rate: 10/s }
clients: ${clients}
api: ${api}
integration: ${integration}
`;
    expect(() => parseScenario(base('{ type: http, endpoint: edge }'), 'x.yaml')).toThrow(/api\.endpoint: HTTP APIs have no edge-optimized endpoint/);
    expect(() => parseScenario(base('{ type: alb, endpoint: private }'), 'x.yaml')).toThrow(/Application Load Balancers have no private endpoint/);
    expect(() => parseScenario(base('{ type: rest, endpoint: { type: edge, azs: 2 } }'), 'x.yaml')).toThrow(/api\.endpoint\.azs: does not apply to a edge endpoint/);
    expect(() => parseScenario(base('{ type: alb }', '{ type: http, servers: 2, service: 10ms, vpcLink: { target: nlb } }'), 'x.yaml')).toThrow(/integration\.vpcLink: does not apply behind an Application Load Balancer/);
    expect(() => parseScenario(base('{ type: rest }', undefined, '{ network: { rtt: 50ms, newConnections: 2 } }'), 'x.yaml')).toThrow(/clients\.network\.newConnections/);
  });
});

const bus = (extra: string, integration = '{ type: lambda, duration: { constant: 50ms } }') => `
name: bus
duration: 2m
load: { rate: 100/s }
api: { type: eventbridge${extra} }
integration: ${integration}
`;

describe('the asynchronous path: EventBridge and Lambda asynchronous invocation', () => {
  it('the producer waits for PutEvents only: every call succeeds even when every delivery fails', () => {
    // 4 minutes: the events of the first minute have their second retry (3 minutes after the first try) inside the run
    const r = run(bus(', delivery: { targets: 2, retries: 2 }', '{ type: lambda, duration: { constant: 50ms }, errorRate: 1 }').replace('duration: 2m', 'duration: 4m'));
    expect(r.summary.requests.errorRatio).toBe(0);
    expect(r.summary.requests.ok).toBe(r.summary.requests.offered);
    const u = r.usage.bus;
    // each event goes to 2 targets, each tried once and retried twice (1 and 2 minutes later), then dead-lettered
    const finished = u.deadLettered;
    expect(u.delivered).toBe(0);
    expect(u.deliveries).toBe(u.failedTries); // every try failed
    expect(finished + u.undelivered).toBe(2 * u.published);
    // a dead-lettered event was tried 3 times; one still waiting at the window's end (its next
    // retry would come after it) was tried once or twice, never more
    expect(u.failedTries).toBeGreaterThanOrEqual(3 * finished + u.undelivered);
    expect(u.failedTries).toBeLessThanOrEqual(3 * finished + 2 * u.undelivered);
    expect(finished).toBeGreaterThan(0);
    expect(u.undelivered).toBeGreaterThan(0);
  });

  it("retries a failed event one minute later, then two minutes after that, as Lambda's asynchronous invocation does", () => {
    // the function fails for the first 10 s: events of that time succeed at their first retry, 60 s later
    const r = run(`${bus(', delivery: { latency: { constant: 10ms } }', '{ type: lambda, duration: { constant: 50ms }, concurrency: { provisioned: 20 } }')}
failures:
  - { at: 0s, for: 10s, target: integration, errorRate: 1 }
`);
    const d = r.summary.deliveryMs!;
    expect(d.max).toBeGreaterThanOrEqual(60_000);
    // a minute, plus PutEvents (tens of ms), the delivery (10 ms) and the function (50 ms, warm): not the second retry, 3 minutes in
    expect(d.max).toBeLessThan(61_000);
    expect(r.usage.bus.deadLettered).toBe(0);
    expect(r.usage.bus.delivered).toBe(r.usage.bus.published);
  });

  it('throttled deliveries wait in the queue without using up retries, and expire after maxEventAge', () => {
    // one environment of 100 ms serves 10 events/s; 100/s arrive: the backlog grows, events older than 60 s are dropped
    const r = run(bus(', delivery: { maxEventAge: 60s }', '{ type: lambda, duration: { constant: 100ms }, concurrency: { reserved: 1 } }'));
    const u = r.usage.bus;
    expect(u.throttledTries).toBeGreaterThan(u.published);
    expect(u.failedTries).toBe(0);
    expect(u.deadLettered).toBe(0);
    expect(u.expired).toBeGreaterThan(0);
    // what one environment can do, at most: 120 s of 100 ms invocations; the backlog is not worked off after the window
    expect(r.usage.lambda.invocations).toBeLessThanOrEqual(10 * 120 + 1);
    // and so the month bills at most what it could run in a month: 10 a second for 730 h
    const month = costOfRun(r, prices);
    expect(line(month.lines, 'integration requests')!.quantity).toBeLessThanOrEqual(10 * 730 * 3600 * (1 + 1 / 1200));
    expect(u.delivered + u.expired + u.undelivered).toBe(u.published);
    // with the default 6 hours of age the queue outlives the run: what is still waiting is counted, not lost
    const long = run(bus('', '{ type: lambda, duration: { constant: 100ms }, concurrency: { reserved: 1 } }')).usage.bus;
    expect(long.expired).toBe(0);
    expect(long.undelivered).toBeGreaterThan(long.published / 2);
    expect(long.delivered + long.deadLettered + long.expired + long.undelivered).toBe(long.published);
  });

  it('bills each 64 KB chunk of an event as one event, at $1.00 per million, and nothing for delivery', () => {
    const r = run(`${bus(', delivery: { targets: 3 }')}
load: { rate: 100/s, payload: { request: 100KB } }
cost: { monthlyRequests: 10M }
`.replace('load: { rate: 100/s }\n', ''));
    const cost = costOfRun(r, prices);
    expect(line(cost.lines, 'custom events')!.quantity).toBeCloseTo(2 * 10e6, 0);
    expect(line(cost.lines, 'custom events')!.usd).toBeCloseTo(20, 6);
    expect(cost.lines.some((l) => l.service === 'API Gateway')).toBe(false);
    // three targets: three invocations per event
    expect(line(cost.lines, 'integration requests')!.quantity).toBeCloseTo(3 * 10e6, -4);
  });

  it('refuses settings that do not belong to the path they are on', () => {
    expect(() => parseScenario(bus(', delivery: { maxEventAge: 30s }'), 'x.yaml')).toThrow(/api\.delivery\.maxEventAge: is outside 60s to 6h/);
    expect(() => parseScenario(bus('', '{ type: http, servers: 2, service: 10ms }'), 'x.yaml')).toThrow(/integration\.type: EventBridge event buses do not call an HTTP service here/);
    expect(() => parseScenario(bus('').replace('eventbridge', 'rest, delivery: { targets: 2 }'), 'x.yaml')).toThrow(/api\.delivery: only applies to api\.type: eventbridge/);
  });

  it('an event bus has no CloudWatch access logs, and an ALB writes its own to S3: both refused at cost.accessLogs', () => {
    expect(() => parseScenario(`${bus('')}cost: { accessLogs: { bytesPerRequest: 1KB } }\n`, 'x.yaml')).toThrow(/cost\.accessLogs: EventBridge event buses write no access logs to CloudWatch Logs/);
    expect(() => parseScenario(bus('').replace('eventbridge', 'alb') + 'cost: { accessLogs: { bytesPerRequest: 1KB } }\n', 'x.yaml')).toThrow(/Application Load Balancers write no access logs to CloudWatch Logs.*\n.*S3/);
  });

  it('a sweep sets api.type to or from eventbridge as a plain value; a comment that mentions it changes nothing', async () => {
    const { scenarioWith } = await import('../../src/experiment/sweep.js');
    const rest = `# a variant could set type: eventbridge\nname: s\nduration: 1m\nload: { rate: 10/s }\napi: { type: rest, cache: { size: 0.5GB } }\nintegration: { type: lambda, duration: 10ms }\n`;
    const toHttp = scenarioWith(rest, 's.yaml', [{ name: 'api.type', path: ['api', 'type'], value: 'http', given: 'api.type=http' }]);
    if ('skipped' in toHttp) throw new Error(toHttp.skipped);
    expect(toHttp.notes).toContain('HTTP API has no cache: removed');
    const plain = rest.replace(', cache: { size: 0.5GB }', '');
    const toBus = scenarioWith(plain, 's.yaml', [{ name: 'api.type', path: ['api', 'type'], value: 'eventbridge', given: 'api.type=eventbridge' }]);
    if ('skipped' in toBus) throw new Error(toBus.skipped);
    expect(toBus.scenario.api.type).toBe('eventbridge');
    const { runCli } = await import('../cli/run-cli.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sweep-bus-'));
    writeFileSync(join(dir, 's.yaml'), plain);
    const swept = runCli(['sweep', 's.yaml', '--set', 'api.type=rest,eventbridge', '--quiet', '--out', 'out'], { cwd: dir });
    expect(swept.stderr).toBe('');
    expect(swept.status).toBe(0);
  });

  it('a sweep skips an event-bus point the scenario cannot be (access logs on a bus, api.delivery on an API), and still refuses a bad value', async () => {
    const { scenarioWith } = await import('../../src/experiment/sweep.js');
    const logged = `name: s\nduration: 1m\nload: { rate: 10/s }\napi: { type: rest }\nintegration: { type: lambda, duration: 10ms }\ncost: { accessLogs: { bytesPerRequest: 1KB } }\n`;
    const type = (value: string) => ({ name: 'api.type', path: ['api', 'type'], value, given: `--set api.type=${value}` });
    const toBus = scenarioWith(logged, 's.yaml', [type('eventbridge')]);
    expect(toBus).toEqual({ skipped: expect.stringMatching(/^api\.type=eventbridge: skipped, cost\.accessLogs: EventBridge event buses write no access logs/) });
    expect('scenario' in scenarioWith(logged, 's.yaml', [type('rest')])).toBe(true);
    const delivered = `name: b\nduration: 1m\nload: { rate: 10/s }\napi: { type: eventbridge, delivery: { targets: 2 } }\nintegration: { type: lambda, duration: 10ms }\n`;
    expect(scenarioWith(delivered, 'b.yaml', [type('rest')])).toEqual({ skipped: expect.stringMatching(/^api\.type=rest: skipped, api\.delivery: only applies to api\.type: eventbridge/) });
    // a value the event bus takes but that is wrong whatever the type is still one clear error, not a skip
    const memory = { name: 'integration.memory', path: ['integration', 'memory'], value: '7MB', given: '--set integration.memory=7MB' };
    expect(() => scenarioWith(logged, 's.yaml', [type('eventbridge'), memory])).toThrow(/integration\.memory/);
  });

  it('an eu-west-1 event bus is refused before it runs: its price is unknown', async () => {
    const { runCli } = await import('../cli/run-cli.js');
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bus-'));
    writeFileSync(join(dir, 'bus.yaml'), `${bus('')}cost: { region: eu-west-1 }\n`);
    const result = runCli(['run', 'bus.yaml', '--out', 'out'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bus\.yaml:7: cost\.region: the eu-west-1 price table has no price for EventBridge custom events/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
