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

const KB = 1024;
const us = bundledPriceTable('us-east-1')!;
const eu = bundledPriceTable('eu-west-1')!;
const base: Workload = {
  monthlyRequests: 10e6,
  requestBytes: 1 * KB,
  responseBytes: 0,
  lambda: { memoryMb: 512, durationMs: 200, architecture: 'x86_64', provisioned: 0 },
  authorizer: null,
  cacheBytes: 0,
  cacheHitRatio: 0,
  connectionMinutes: 0,
  alb: { connections: 'keep-alive', callers: 1, rules: 1, idleTimeoutSeconds: 60 },
  accessLogBytesPerRequest: 0,
  executionLogs: null,
  logStorage: null,
  waf: null,
};
const bill = (w: Workload, type: 'rest' | 'http' = 'http', prices = us, freeTier = false) => estimateMonthlyCost(workloadUsage(w, type).usage, prices, { freeTier, basis: 'test' });
const usdOf = (b: ReturnType<typeof bill>, service: string) => b.lines.filter((l) => l.service === service).reduce((s, l) => s + l.usd, 0);
const cents = (usd: number) => Math.round(usd * 100) / 100;

describe('queueMonth: the requests a month of messages makes', () => {
  it("the pricing page's example: a 256 KB message is 4 requests to send (64 KB chunks)", () => {
    expect(queueMonth(1, 256 * KB, 1).sendRequests).toBe(4);
    expect(queueMonth(1, 64 * KB, 1).sendRequests).toBe(1);
    expect(queueMonth(1, 64 * KB + 1, 1).sendRequests).toBe(2);
  });

  it('10M messages of 1 KB in batches of 10: 10M sends + 1M receives (10 KB each, one chunk) + 1M deletes, 1M invocations', () => {
    const m = queueMonth(10e6, 1 * KB, 10);
    expect([m.sendRequests, m.receiveRequests, m.deleteRequests, m.invocations]).toEqual([10e6, 1e6, 1e6, 1e6]);
  });

  it('100 KB messages in batches of 10: 2 chunks to send; a receive returns 1,000 KB = 16 chunks; one delete: 3.7 requests a message', () => {
    const m = queueMonth(1e6, 100 * KB, 10);
    expect(m.sendRequests).toBe(2e6);
    expect(m.receiveRequests).toBe(1e5 * 16);
    expect(m.deleteRequests).toBe(1e5);
  });

  it('batches of 25 take three receives (10, 10, 5 messages) and three DeleteMessageBatch calls: 6 requests per 25 messages', () => {
    const m = queueMonth(25e6, 1 * KB, 25);
    expect(m.receiveRequests).toBe(1e6 * 3);
    expect(m.deleteRequests).toBe(1e6 * 3);
    expect(m.invocations).toBe(1e6);
  });

  it("a batch is cut at Lambda's 6 MB: 1 MB messages go 6 to a batch, not 10", () => {
    const m = queueMonth(6e6, 1024 * KB, 10);
    expect(m.batchSize).toBe(6);
    expect(m.invocations).toBe(1e6);
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
    expect(topicMonth(1, 256 * KB, { lambda: 1, sqs: 0, http: 0, batchSize: 10 }).publishes).toBe(4);
    expect(topicMonth(1e6, 1 * KB, { lambda: 2, sqs: 1, http: 3, batchSize: 10 })).toEqual({ publishes: 1e6, lambdaDeliveries: 2e6, sqsDeliveries: 1e6, httpDeliveries: 3e6 });
  });
});

describe('price with a queue, by hand', () => {
  it('us-east-1, an HTTP API sending 10M requests of 1 KB to a standard queue, batches of 10, 512 MB x 200 ms: $10.00 + $4.80 + $1.87 = $16.67', () => {
    // API Gateway: 10M x $1.00/M = $10.00
    // SQS: 10M sends + 1M receives + 1M deletes + empty polls at 3.8 messages/s (657,000 x e^-15.2, 0.0002) = 12M x $0.40/M = $4.80
    // Lambda: 1M invocations x $0.20/M = $0.20; 1M x 0.2 s x 0.5 GB = 100,000 GB-s x $0.0000166667 = $1.67
    const b = bill({ ...base, queue: { type: 'standard', batchSize: 10 } });
    expect(cents(usdOf(b, 'API Gateway'))).toBe(10);
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(4.8);
    expect(cents(usdOf(b, 'Lambda'))).toBe(1.87);
    expect(cents(b.totalUsd)).toBe(16.67);
  });

  it('the same on a FIFO queue: 12M x $0.50/M = $6.00 of SQS', () => {
    expect(cents(usdOf(bill({ ...base, queue: { type: 'fifo', batchSize: 10 } }), 'Amazon SQS'))).toBe(6);
  });

  it('with the free tier, the first million SQS requests are free: (12M - 1M) x $0.40/M = $4.40', () => {
    expect(cents(usdOf(bill({ ...base, queue: { type: 'standard', batchSize: 10 } }, 'http', us, true), 'Amazon SQS'))).toBe(4.4);
  });

  it('one message per batch: 3 requests a message, and the function runs for each: 30M x $0.40/M = $12.00; 10M x $0.20/M + 1M GB-s x $0.0000166667 = $18.67', () => {
    const b = bill({ ...base, queue: { type: 'standard', batchSize: 1 } });
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(12);
    expect(cents(usdOf(b, 'Lambda'))).toBe(18.67);
  });

  it('a cache in front answers some requests: only the misses are sent to the queue', () => {
    const w: Workload = { ...base, cacheBytes: 0.5 * 1024 ** 3, cacheHitRatio: 0.5, queue: { type: 'standard', batchSize: 1 } };
    expect(workloadUsage(w, 'rest').usage.sqsRequests?.requests).toBeCloseTo(15e6 + emptyReceivesPerMonth(5e6 / 2_628_000), 3);
  });

  it('eu-west-1 bills the same SQS tiers: $4.80', () => {
    expect(cents(usdOf(bill({ ...base, queue: { type: 'standard', batchSize: 10 } }, 'http', eu), 'Amazon SQS'))).toBe(4.8);
  });
});

describe('price with a topic, by hand', () => {
  it('us-east-1, a REST API publishing 100M orders of 1 KB to 4 Lambda subscribers (256 MB x 40 ms): SNS $50.00 (deliveries to Lambda free), Lambda 400M x $0.20/M + 400M x 0.04 s x 0.25 GB x $0.0000166667', () => {
    const b = bill({ ...base, monthlyRequests: 100e6, lambda: { memoryMb: 256, durationMs: 40, architecture: 'x86_64', provisioned: 0 }, topic: { lambda: 4, sqs: 0, http: 0, batchSize: 10 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(50);
    // 4 x (100M x $0.20/M = $20.00, 1M GB-s x $0.0000166667 = $16.67)
    expect(cents(usdOf(b, 'Lambda'))).toBe(cents(4 * (20 + 1e6 * 0.0000166667)));
    expect(b.lines.filter((l) => l.service === 'Lambda' && l.item.endsWith('requests')).map((l) => l.item)).toEqual([1, 2, 3, 4].map((i) => `subscription lambda-${i} requests`));
  });

  it('HTTP/S deliveries are priced: 10M publishes of 100 KB (2 chunks) to 3 HTTP endpoints = 20M x $0.50/M + 30M x $0.60/M = $10.00 + $18.00 = $28.00', () => {
    const b = bill({ ...base, requestBytes: 100 * KB, lambda: null, topic: { lambda: 0, sqs: 0, http: 3, batchSize: 10 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(28);
    expect(usdOf(b, 'Lambda')).toBe(0);
  });

  it("an SQS subscription is a standard queue of its own: 10M deliveries in batches of 10 = 12M requests ($4.80) and 1M runs of the consumer", () => {
    const b = bill({ ...base, topic: { lambda: 0, sqs: 1, http: 0, batchSize: 10 } }, 'rest');
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(4.8);
    expect(b.lines.find((l) => l.item === 'subscription sqs-1 requests')?.quantity).toBeCloseTo(1e6, 6);
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(5);
  });

  it('notes what the closed form leaves out, and a type with no direct integration', () => {
    const { notes } = workloadUsage({ ...base, topic: { lambda: 1, sqs: 0, http: 1, batchSize: 10 } }, 'http');
    expect(notes.join('\n')).toMatch(/http: no direct SNS integration \(rest only\)/);
    expect(notes.join('\n')).toMatch(/HTTP\/S endpoints' servers .* not priced/);
  });

  it('an event bus delivers to its Lambda targets: the queue is left out, with a note', () => {
    const { usage, notes } = workloadUsage({ ...base, queue: { type: 'standard', batchSize: 10 } }, 'eventbridge');
    expect(usage.sqsRequests).toBeUndefined();
    expect(notes.join('\n')).toMatch(/eventbridge: the event bus delivers to its Lambda targets/);
  });
});
