/**
 * The closed form of the asynchronous entry points with a queue or a topic
 * (`price --type sqs,sns,eventbridge`): the producer's SDK call bills no
 * API Gateway and no data out, so its month is the queue's (the topic's)
 * and the consumer's alone, the same lines as behind a REST API; an event
 * bus targeting the queue adds its events. Dollars by hand from the bundled
 * us-east-1 table, with the arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { workloadMisfit, workloadUsage, type Workload } from '../../src/cost/workload.js';
import type { ApiType } from '../../src/catalog/entry-points.js';
import { testWorkload } from './workload-fixture.js';

const us = bundledPriceTable('us-east-1')!;
const lambda = { memoryMb: 512, durationMs: 200, architecture: 'x86_64' as const, provisioned: 0 };
/** 100 M messages of 1 KB a month, batches of 10 in a 1 s window (38 messages/s fill them). */
const queued: Workload = testWorkload({ monthlyRequests: 100e6, requestBytes: 1024, responseBytes: 200, lambda, queue: { type: 'standard', batchSize: 10, batchWindowMs: 1000 } });
const bill = (w: Workload, type: ApiType) => estimateMonthlyCost(workloadUsage(w, type).usage, us, { freeTier: false, basis: 'test' });
const usdOf = (b: ReturnType<typeof bill>, service: string) => b.lines.filter((l) => l.service === service).reduce((s, l) => s + l.usd, 0);
const cents = (usd: number) => Math.round(usd * 100) / 100;

describe('price --type sqs: the SDK sending to the queue', () => {
  it('bills the queue and its consumer only: 210 M requests x $0.40/M = $84.00, 10 M invocations = $2.00 + 1 M GB-s x $0.0000166667 = $18.67', () => {
    const b = bill(queued, 'sqs');
    expect(new Set(b.lines.filter((l) => l.usd > 0).map((l) => l.service))).toEqual(new Set(['Amazon SQS', 'Lambda']));
    // 100 M sends + 100 M receives + 10 M deletes
    expect(cents(usdOf(b, 'Amazon SQS'))).toBe(84);
    expect(cents(usdOf(b, 'Lambda'))).toBe(cents(2 + 1e6 * 0.0000166667));
  });

  it('is the REST design less its requests and its data out: 100 M x $3.50/M = $350.00, 100 M x 200 B out', () => {
    const rest = bill(queued, 'rest');
    const sdk = bill(queued, 'sqs');
    expect(cents(usdOf(rest, 'Amazon SQS'))).toBe(cents(usdOf(sdk, 'Amazon SQS')));
    expect(cents(usdOf(rest, 'Lambda'))).toBe(cents(usdOf(sdk, 'Lambda')));
    expect(cents(usdOf(rest, 'API Gateway'))).toBe(350);
    expect(cents(rest.totalUsd - sdk.totalUsd)).toBe(cents(350 + usdOf(rest, 'Data transfer')));
    expect(usdOf(rest, 'Data transfer')).toBeGreaterThan(0);
  });
});

describe('price --type eventbridge --queue: a rule targeting the queue', () => {
  it('adds its events to the queue and consumer: 100 M events x $1.00/M = $100.00', () => {
    const b = bill(queued, 'eventbridge');
    expect(cents(usdOf(b, 'Amazon EventBridge'))).toBe(100);
    expect(cents(b.totalUsd - bill(queued, 'sqs').totalUsd)).toBe(100);
  });

  it('sends each event once to the one queue: --targets is left out with a note', () => {
    const { usage, notes } = workloadUsage({ ...queued, eventTargets: 3 }, 'eventbridge');
    expect(usage.lambdas.map((l) => l.requests)).toEqual([10e6]);
    expect(notes.some((n) => /one queue .*--targets left out/.test(n))).toBe(true);
  });
});

describe('price --type sns: the SDK publishing to the topic', () => {
  it('bills the publishes and the subscribers: 100 M publishes x $0.50/M = $50.00 and a run of the function per Lambda subscription', () => {
    const topic = testWorkload({ monthlyRequests: 100e6, requestBytes: 1024, responseBytes: 200, lambda, topic: { lambda: 2, sqs: 0, http: 0, batchSize: 10, batchWindowMs: 0 } });
    const b = bill(topic, 'sns');
    expect(cents(usdOf(b, 'Amazon SNS'))).toBe(50);
    expect(usdOf(b, 'API Gateway')).toBe(0);
    expect(workloadUsage(topic, 'sns').usage.lambdas.map((l) => l.requests)).toEqual([100e6, 100e6]);
  });
});

describe('a workload the entry point does not fit', () => {
  it.each([
    ['sqs', testWorkload({ lambda }), /sqs: skipped, .*--queue/],
    ['sns', queued, /sns: skipped, .*--topic/],
  ] as const)('%s without its queue or topic is skipped, with the option to give', (type, workload, reason) => {
    expect(workloadMisfit(workload, type)).toMatch(reason);
  });

  it('the other types fit whatever the workload', () => {
    for (const type of ['rest', 'http', 'alb', 'eventbridge', 'websocket'] as const) expect(workloadMisfit(testWorkload({}), type)).toBeNull();
  });
});
