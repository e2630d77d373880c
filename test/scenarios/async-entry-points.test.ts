/**
 * SQS and SNS as entry points (api.type: sqs, sns: the producer's SDK calls
 * SendMessage or Publish itself) and EventBridge feeding an SQS queue, end
 * to end on small inline scenarios: what the producer waits for and sees,
 * conservation of every message on each path, and what is billed. Expected
 * figures come from the mechanism (the queue's send latency, the Publish
 * quota's rate), with tolerances derived from the run's counts.
 */
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string) => runScenario(parseScenario(yaml, 'inline.yaml'));
const prices = bundledPriceTable('us-east-1')!;
const services = (r: ReturnType<typeof run>) => new Set(costOfRun(r, prices).lines.map((l) => l.service));

const consumer = '{ memory: 512MB, duration: { constant: 40ms } }';
const queueScenario = (api: string, queue = '{ type: standard, visibilityTimeout: 30s, maxReceiveCount: 3 }') => `
name: q
duration: 40s
warmup: 5s
load: { rate: 100/s, payload: { request: 1KB, response: 100B } }
api: ${api}
integration:
  type: sqs
  queue: ${queue}
  eventSource: { batchSize: 10 }
  consumer: ${consumer}
`;

/** Every message sent is processed, redriven, expired or still in the queue when the run ends (the queue also checks it, and throws). */
function conserved(u: Record<string, number>): void {
  expect(u.processed + u.redriven + u.expired + u.remaining).toBe(u.sent);
  expect(u.sent).toBeGreaterThan(0);
}

describe('api.type: sqs, the SDK sending straight to the queue', () => {
  const direct = run(queueScenario('{ type: sqs }', '{ type: standard, visibilityTimeout: 30s, maxReceiveCount: 3, sendLatency: { constant: 12ms } }'));

  it('the producer waits for SendMessage only: its overhead is the send latency, every call succeeds', () => {
    expect(direct.summary.requests.errorRatio).toBe(0);
    expect(direct.summary.stagesMs.overhead.mean).toBeCloseTo(12, 0);
    expect(direct.summary.latencyMs.ok.p99).toBeLessThan(13); // histogram buckets: within 2 significant digits
    expect(Object.keys(direct.summary.stagesMs)).toEqual(['overhead']);
  });

  it('every message sent is processed or left in the queue, and each one the producer sent is in it', () => {
    const u = direct.usage.queue;
    conserved(u);
    expect(u.sent).toBe(direct.summary.requests.ok);
    expect(direct.summary.deliveryMs!.count).toBe(u.processed);
  });

  it('bills the queue and its consumer, no API Gateway and no data out', () => {
    const lines = costOfRun(direct, prices).lines;
    expect(services(direct)).not.toContain('API Gateway');
    expect(lines.find((l) => l.service === 'Amazon SQS')!.usd).toBeGreaterThan(0);
    expect(lines.filter((l) => l.service === 'Data transfer').every((l) => l.usd === 0)).toBe(true);
  });

  it('sends the same messages as the REST API in front of the same queue, which adds its requests to the bill and its overhead to the wait', () => {
    const rest = run(queueScenario('{ type: rest }', '{ type: standard, visibilityTimeout: 30s, maxReceiveCount: 3, sendLatency: { constant: 12ms } }'));
    // the same seed gives the same arrivals and the same messages
    expect(rest.usage.queue.sent).toBe(direct.usage.queue.sent);
    // the same SendMessage calls; receives and deletes follow the arrivals' timing at the pollers, which the gateway shifts
    expect(rest.usage.queue.sendRequests).toBe(direct.usage.queue.sendRequests);
    expect(services(rest)).toContain('API Gateway');
    expect(costOfRun(rest, prices).totalUsd).toBeGreaterThan(costOfRun(direct, prices).totalUsd);
    // and the gateway's overhead comes on top of SendMessage
    expect(rest.summary.latencyMs.ok.p50).toBeGreaterThan(direct.summary.latencyMs.ok.p50);
  });

  it('a failure window on the gateway is one on the SQS API: its errors reach the producer as 500s, nothing is sent for them', () => {
    const r = run(`${queueScenario('{ type: sqs }')}failures:\n  - { at: 10s, for: 10s, target: gateway, errorRate: 1 }\n`);
    const failed = r.summary.attempts.outcomes['500'] ?? 0;
    // 10 s of the 35 measured at 100/s: about 1,000 calls, within 4 standard deviations of a Poisson count
    expect(Math.abs(failed - 1000)).toBeLessThan(4 * Math.sqrt(1000));
    expect(r.usage.queue.sent).toBe(r.summary.requests.ok);
    conserved(r.usage.queue);
  });
});

describe('api.type: sns, the SDK publishing straight to the topic', () => {
  const topic = (throttle: string) => `
name: t
duration: 40s
warmup: 5s
load: { rate: 100/s, payload: { request: 1KB, response: 100B } }
api: { type: sns${throttle} }
integration:
  type: sns
  subscriptions:
    - { name: orders, protocol: sqs, queue: { type: standard }, consumer: ${consumer} }
    - { name: audit, protocol: lambda, function: ${consumer} }
`;

  it('every publish succeeds, every subscription gets every message: delivered or in flight, and the queue conserves them', () => {
    const r = run(topic(''));
    expect(r.summary.requests.errorRatio).toBe(0);
    const u = r.usage.topic as unknown as Record<string, number>;
    expect(u.published).toBe(r.summary.requests.ok);
    for (const sub of ['orders', 'audit']) {
      expect(u[`${sub}.messages`]).toBe(u.published);
      expect(u[`${sub}.delivered`] + u[`${sub}.deadLettered`] + u[`${sub}.discarded`] + u[`${sub}.expired`] + u[`${sub}.inFlight`]).toBe(u.published);
    }
    conserved(r.usage['topic.orders.queue']);
    expect(services(r)).not.toContain('API Gateway');
    expect(services(r)).toContain('Amazon SNS');
  });

  it("the account's Publish quota throttles the calls above it: 429s, not published nor billed", () => {
    const r = run(topic(', throttle: { account: { rate: 60/s, burst: 60 } }'));
    const throttled = r.summary.attempts.outcomes['429 account'] ?? 0;
    const u = r.usage.topic as unknown as Record<string, number>;
    // 100/s offered against 60/s: about 40 % refused over the 35 measured seconds
    const expected = 0.4 * r.summary.attempts.ended;
    expect(Math.abs(throttled - expected)).toBeLessThan(4 * Math.sqrt(r.summary.attempts.ended * 0.24) + 60);
    expect(u.published + throttled).toBe(r.summary.attempts.ended);
  });
});

describe('EventBridge feeding an SQS queue', () => {
  const bus = run(queueScenario('{ type: eventbridge }'));

  it('every event is sent to the queue once, and every message is processed or left in it', () => {
    const b = bus.usage.bus;
    expect(b.published).toBe(bus.summary.requests.ok);
    expect(b.delivered + b.deadLettered + b.expired + b.undelivered).toBe(b.published);
    expect(b.deadLettered + b.expired).toBe(0);
    // a delivered event is a message the queue accepted
    expect(bus.usage.queue.sent).toBe(b.delivered);
    conserved(bus.usage.queue);
  });

  it("counts each message's delay from the event's publication: the rule's delivery to the queue comes first", () => {
    const direct = run(queueScenario('{ type: sqs }'));
    // EventBridge's delivery latency (p50 40 ms) is added before the same queue and consumer
    expect(bus.summary.deliveryMs!.p50).toBeGreaterThan(direct.summary.deliveryMs!.p50 + 20);
  });

  it('bills events, the queue and its consumer', () => {
    expect(services(bus)).toEqual(new Set(['Amazon EventBridge', 'Amazon SQS', 'Lambda', 'Data transfer']));
  });
});

describe('compare and sweep across the ways into one queue', () => {
  it('set a front door or a bus in front of an SDK scenario, and skip one with the schema reason where it does not fit', async () => {
    const { scenarioWith } = await import('../../src/experiment/scenario-with.js');
    const text = queueScenario('{ type: sqs }');
    const type = (value: string) => [{ name: 'api.type', path: ['api', 'type'], value, given: `--types ${value}` }];
    for (const value of ['rest', 'eventbridge', 'sqs']) {
      const adapted = scenarioWith(text, 'q.yaml', type(value));
      if ('skipped' in adapted) throw new Error(adapted.skipped);
      expect(adapted.scenario.api.type).toBe(value);
      expect(adapted.scenario.integration.type).toBe('sqs');
    }
    // an ALB calls no queue: skipped with the reason the schema gives
    expect(scenarioWith(text, 'q.yaml', type('alb'))).toEqual({ skipped: expect.stringMatching(/^api\.type=alb: skipped, integration\.type: Application Load Balancers do not call an SQS queue/) });
    // and an SDK topic entry does not send to a queue
    expect(scenarioWith(text, 'q.yaml', type('sns'))).toEqual({ skipped: expect.stringMatching(/^api\.type=sns: skipped, integration\.type: SNS topics \(SDK\) do not call an SQS queue/) });
  });
});
