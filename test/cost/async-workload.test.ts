/**
 * The closed form of a queue and a topic behind the front door
 * (src/cost/async-workload.ts, through workloadUsage and the bill). AWS's
 * SQS and SNS pricing pages give the chunking rule by example ("an API
 * action with a 256 KB payload is billed as 4 requests"; "a single API call
 * with a 256KB payload will be billed as four requests") and no dollar
 * example, so the dollars are computed by hand from the bundled tables,
 * with the arithmetic in each case.
 */
import { describe, expect, it } from 'vitest';
import { emptyReceivesPerMonth, MAX_EMPTY_RECEIVES_PER_MONTH, queueMonth, topicMonth } from '../../src/cost/async-workload.js';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { workloadUsage, type Workload } from '../../src/cost/workload.js';
import { testWorkload } from './workload-fixture.js';

const KB = 1024;
const us = bundledPriceTable('us-east-1')!;
const eu = bundledPriceTable('eu-west-1')!;
const base: Workload = testWorkload({ monthlyRequests: 10e6, requestBytes: 1 * KB, responseBytes: 0, lambda: { memoryMb: 512, durationMs: 200, architecture: 'x86_64', provisioned: 0 } });
const bill = (w: Workload, type: 'rest' | 'http' = 'http', prices = us, freeTier = false) => estimateMonthlyCost(workloadUsage(w, type).usage, prices, { freeTier, basis: 'test' });
const usdOf = (b: ReturnType<typeof bill>, service: string) => b.lines.filter((l) => l.service === service).reduce((s, l) => s + l.usd, 0);
const cents = (usd: number) => Math.round(usd * 100) / 100;

const MONTH_S = 2_628_000;

describe('queueMonth: the requests a month of messages makes', () => {
  it("the pricing page's example: a 256 KB message is 4 requests to send (64 KB chunks)", () => {
    const one = (bytes: number) => queueMonth(1, bytes, { batchSize: 1, batchWindowMs: 0 }).sendRequests;
    expect(one(256 * KB)).toBe(4);
    expect(one(64 * KB)).toBe(1);
    expect(one(64 * KB + 1)).toBe(2);
  });

  it('without a batching window a poller takes each message as it comes: 10M messages of 1 KB = 10M sends + 10M receives + 10M deletes, 10M invocations, whatever the batch size', () => {
    const m = queueMonth(10e6, 1 * KB, { batchSize: 10, batchWindowMs: 0 });
    expect([m.sendRequests, m.receiveRequests, m.deleteRequests, m.invocations, m.batchSize]).toEqual([10e6, 10e6, 10e6, 10e6, 1]);
  });

  it('with a 1 s window at 38 messages/s (100M a month) batches of 10 fill: 100M receives, 10M deletes, 10M invocations', () => {
    const m = queueMonth(100e6, 1 * KB, { batchSize: 10, batchWindowMs: 1000 });
    expect(m.batchSize).toBe(10);
    expect([m.receiveRequests, m.deleteRequests, m.invocations]).toEqual([100e6, 10e6, 10e6]);
  });

  it('with a 2 s window at 2.63M a month (1 message/s) a batch holds 1 + 1 x 2 = 3 messages on average: 876,000 invocations', () => {
    const m = queueMonth(MONTH_S, 1 * KB, { batchSize: 10, batchWindowMs: 2000 });
    expect(m.batchSize).toBeCloseTo(3, 12);
    expect(m.invocations).toBeCloseTo(876_000, 6);
  });

  it('100 KB messages: 2 chunks each way; batches of 25 (window 5 s, 100/s) take three DeleteMessageBatch calls: 4.12 requests a message', () => {
    const m = queueMonth(100 * MONTH_S, 100 * KB, { batchSize: 25, batchWindowMs: 5000 });
    expect(m.batchSize).toBe(25);
    expect(m.sendRequests).toBe(2 * 100 * MONTH_S);
    expect(m.receiveRequests).toBe(2 * 100 * MONTH_S);
    expect(m.deleteRequests).toBeCloseTo((100 * MONTH_S / 25) * 3, 3);
  });

  it("a batch is cut at Lambda's 6 MB: 1 MB messages go 6 to a batch, not 10", () => {
    const m = queueMonth(600 * MONTH_S, 1024 * KB, { batchSize: 10, batchWindowMs: 1000 });
    expect([m.maxBatchSize, m.batchSize]).toEqual([6, 6]);
    expect(m.invocations).toBeCloseTo(100 * MONTH_S, 3);
  });

  it('empty long polls: an idle queue 5 pollers x 2,628,000 s / 20 s = 657,000 a month; about none at a message a second', () => {
    expect(MAX_EMPTY_RECEIVES_PER_MONTH).toBe(657_000);
    expect(emptyReceivesPerMonth(0)).toBe(657_000);
    // each of 5 pollers sees 0.2 messages/s: a 20 s poll is empty with probability e^-4 = 1.83 %
    expect(emptyReceivesPerMonth(1)).toBeCloseTo(657_000 * Math.exp(-4), 6);
    expect(emptyReceivesPerMonth(10)).toBeLessThan(1e-6);
  });
});

describe('topicMonth', () => {
  it("the pricing page's example: a 256 KB publish is four requests; every subscription gets one delivery a message", () => {
    expect(topicMonth(1, 256 * KB, { lambda: 1, sqs: 0, http: 0, batchSize: 10, batchWindowMs: 0 }).publishes).toBe(4);
    expect(topicMonth(1e6, 1 * KB, { lambda: 2, sqs: 1, http: 3, batchSize: 10, batchWindowMs: 0 })).toEqual({ publishes: 1e6, lambdaDeliveries: 2e6, sqsDeliveries: 1e6, httpDeliveries: 3e6 });
  });
});

const q = (type: 'standard' | 'fifo', batchSize = 10, batchWindowMs = 1000) => ({ queue: { type, batchSize, batchWindowMs } });

describe('price with a queue, by hand', () => {
  it('us-east-1, an HTTP API sending 100M requests of 1 KB to a standard queue, batches of 10 in a 1 s window, 512 MB x 200 ms: $100.00 + $84.00 + $18.67 = $202.67', () => {
    // API Gateway: 100M x $1.00/M = $100.00
    // SQS: 100M sends + 100M receives + 10M deletes + empty polls at 38 messages/s (657,000 x e^-152, none) = 210M x $0.40/M = $84.00
    // Lambda: 10M invocations x $0.20/M = $2.00; 10M x 0.2 s x 0.5 GB = 1M GB-s x $0.0000166667 = $16.67
    const b = bill({ ...base, monthlyRequests: 100e6, ...q('standard') });
    expect(cents(usdOf(b, 'API Gateway'))).toBe(100);
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(84);
    expect(cents(usdOf(b, 'Lambda'))).toBe(18.67);
    expect(cents(b.totalUsd)).toBe(202.67);
  });

  it('the same on a FIFO queue, which takes no window: each message sent, received, deleted, 300M x $0.50/M = $150.00; 100M invocations', () => {
    const b = bill({ ...base, monthlyRequests: 100e6, ...q('fifo', 10, 0) });
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(150);
    expect(b.lines.find((l) => l.item === 'integration requests')?.quantity).toBeCloseTo(100e6, 3);
  });

  it('with the free tier, the first million SQS requests are free: (210M - 1M) x $0.40/M = $83.60', () => {
    expect(cents(usdOf(bill({ ...base, monthlyRequests: 100e6, ...q('standard') }, 'http', us, true), 'Amazon SQS'))).toBe(83.6);
  });

  it('an idle queue still polls: 1,000 messages a month cost 3,000 requests and about 657,000 empty polls, $0.26', () => {
    const b = bill({ ...base, monthlyRequests: 1000, ...q('standard', 1, 0) });
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(cents(((3000 + emptyReceivesPerMonth(1000 / MONTH_S)) * 0.4) / 1e6));
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(0.26);
  });

  it('a cache in front answers some requests: only the misses are sent to the queue', () => {
    const w: Workload = { ...base, cacheBytes: 0.5 * 1024 ** 3, cacheHitRatio: 0.5, ...q('standard', 1, 0) };
    expect(workloadUsage(w, 'rest').usage.sqsRequests?.requests).toBeCloseTo(15e6 + emptyReceivesPerMonth(5e6 / MONTH_S), 3);
  });

  it('eu-west-1 bills the same SQS tiers: $84.00', () => {
    expect(cents(usdOf(bill({ ...base, monthlyRequests: 100e6, ...q('standard') }, 'http', eu), 'Amazon SQS'))).toBe(84);
  });
});

describe('price with a topic, by hand', () => {
  it('us-east-1, a REST API publishing 100M orders of 1 KB to 4 Lambda subscribers (256 MB x 40 ms): SNS $50.00 (deliveries to Lambda free), Lambda 400M x $0.20/M + 400M x 0.04 s x 0.25 GB x $0.0000166667', () => {
    const b = bill({ ...base, monthlyRequests: 100e6, lambda: { memoryMb: 256, durationMs: 40, architecture: 'x86_64', provisioned: 0 }, topic: { lambda: 4, sqs: 0, http: 0, batchSize: 10, batchWindowMs: 0 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(50);
    // 4 x (100M x $0.20/M = $20.00, 1M GB-s x $0.0000166667 = $16.67)
    expect(cents(usdOf(b, 'Lambda'))).toBe(cents(4 * (20 + 1e6 * 0.0000166667)));
    expect(b.lines.filter((l) => l.service === 'Lambda' && l.item.endsWith('requests')).map((l) => l.item)).toEqual([1, 2, 3, 4].map((i) => `subscription lambda-${i} requests`));
  });

  it('HTTP/S deliveries are priced: 10M publishes of 100 KB (2 chunks) to 3 HTTP endpoints = 20M x $0.50/M + 30M x $0.60/M = $10.00 + $18.00 = $28.00', () => {
    const b = bill({ ...base, requestBytes: 100 * KB, lambda: null, topic: { lambda: 0, sqs: 0, http: 3, batchSize: 10, batchWindowMs: 0 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(28);
    expect(usdOf(b, 'Lambda')).toBe(0);
  });

  it('an SQS subscription is a standard queue of its own: 100M deliveries in batches of 10 (1 s window) = 210M requests ($84.00) and 10M runs of the consumer', () => {
    const b = bill({ ...base, monthlyRequests: 100e6, topic: { lambda: 0, sqs: 1, http: 0, batchSize: 10, batchWindowMs: 1000 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(84);
    expect(b.lines.find((l) => l.item === 'subscription sqs-1 requests')?.quantity).toBeCloseTo(10e6, 6);
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(50);
  });

  it('notes what the closed form leaves out, and a type with no direct integration', () => {
    const { notes } = workloadUsage({ ...base, topic: { lambda: 1, sqs: 0, http: 1, batchSize: 10, batchWindowMs: 0 } }, 'http');
    expect(notes.join('\n')).toMatch(/http: no direct SNS integration \(rest only\)/);
    expect(notes.join('\n')).toMatch(/HTTP\/S endpoints' servers .* not priced/);
  });

  it('an event bus delivers to Lambda targets or a queue: a topic is left out, with a note; a queue is priced behind its events', () => {
    const topic = workloadUsage({ ...base, topic: { lambda: 1, sqs: 0, http: 0, batchSize: 10, batchWindowMs: 0 } }, 'eventbridge');
    expect(topic.usage.sns).toBeUndefined();
    expect(topic.notes.join('\n')).toMatch(/eventbridge: the event bus delivers to Lambda targets or an SQS queue here .* the topic is left out/);
    const queue = workloadUsage({ ...base, ...q('standard') }, 'eventbridge').usage;
    expect(queue.sqsRequests?.requests).toBe(workloadUsage({ ...base, ...q('standard') }, 'sqs').usage.sqsRequests?.requests);
    expect(queue.eventBridgeEvents).toBe(base.monthlyRequests);
  });
});
