/**
 * Amazon SQS on the bill. AWS's pricing page gives no dollar example for
 * SQS (only the chunking rule: "an API action with a 256 KB payload is
 * billed as 4 requests", checked in test/model/queue/sqs-queue.test.ts), so
 * the examples here are computed by hand from the bundled tables, with the
 * arithmetic in each case.
 */
import { describe, expect, it } from 'vitest';
import { sumUsd } from '../../src/cost/cost-line.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { priceSqs } from '../../src/cost/sqs-cost.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { SECONDS_PER_MONTH } from '../../src/cost/monthly-usage.js';
import type { QueueUsage } from '../../src/model/queue/sqs-queue.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const month = (type: 'standard' | 'fifo', requests: number) => ({ sqsRequests: { type, requests } }) as unknown as MonthlyUsage;

describe('priceSqs', () => {
  it.each(['us-east-1', 'eu-west-1'])('%s, standard, 150 billion requests: 100B x $0.40/M + 50B x $0.30/M = $40,000 + $15,000 = $55,000', (region) => {
    const lines = priceSqs(month('standard', 150e9), bundledPriceTable(region)!, { freeTier: false });
    expect(lines.map((l) => [l.quantity, l.usdRate])).toEqual([
      [100e9, 0.4],
      [50e9, 0.3],
    ]);
    expect(sumUsd(lines)).toBeCloseTo(55_000, 6);
  });

  it.each(['us-east-1', 'eu-west-1'])('%s, FIFO, 250 billion requests: 100B x $0.50/M + 100B x $0.40/M + 50B x $0.35/M = $50,000 + $40,000 + $17,500', (region) => {
    const lines = priceSqs(month('fifo', 250e9), bundledPriceTable(region)!, { freeTier: false });
    expect(sumUsd(lines)).toBeCloseTo(107_500, 6);
  });

  it('with the free tier, the first million requests a month are free: FIFO 3M requests = (3M - 1M) x $0.50/M = $1.00', () => {
    const lines = priceSqs(month('fifo', 3e6), bundledPriceTable('us-east-1')!, { freeTier: true });
    expect(lines[0]).toMatchObject({ item: expect.stringContaining('free tier'), quantity: 1e6, usd: 0 });
    expect(sumUsd(lines)).toBeCloseTo(1.0, 10);
  });

  it('prices nothing without a queue', () => {
    expect(priceSqs({} as MonthlyUsage, bundledPriceTable('us-east-1')!, { freeTier: false })).toEqual([]);
  });
});

describe('a run with a queue, priced', () => {
  // 10 messages a second, evenly spaced (the first at 0.1 s, the last at 99.9 s: 999), 100 KB each, one per batch:
  //   SendMessage: 999 calls x ceil(100 KB / 64 KB) = 2 chunks          = 1,998 requests
  //   ReceiveMessage: 999 calls, each returning one 100 KB message       = 1,998 requests
  //   DeleteMessageBatch: 999 calls, one message each                    =   999 requests
  //   empty long polls: a poller waiting when the window closes, at most 5
  // the month: the 100 s held for 730 h, x 2,628,000 / 100 = x 26,280;
  // standard queue, first tier: requests x 26,280 x $0.40 / 1,000,000
  const text = `
name: priced-queue
duration: 100s
load: { rate: 10/s, arrivals: uniform, payload: { request: 100KB, response: 100B } }
api: { type: http }
integration:
  type: sqs
  eventSource: { batchSize: 1 }
  consumer: { memory: 1024MB, duration: 20ms, timeout: 3s }
`;

  it('bills every send, receive and delete per 64 KB chunk, and an invocation per batch', () => {
    const result = runScenario(parseScenario(text, 'priced.yaml'));
    const u = result.usage.queue as QueueUsage;
    expect(u.sent).toBe(999);
    expect(u.emptyReceives).toBeLessThanOrEqual(5);
    expect(u.billedRequests).toBe(1_998 + 1_998 + 999 + u.emptyReceives);
    const bill = costOfRun(result, bundledPriceTable('us-east-1')!);
    const sqs = bill.lines.filter((l) => l.service === 'Amazon SQS');
    expect(sqs).toHaveLength(1);
    expect(sqs[0].quantity).toBeCloseTo((4_995 + u.emptyReceives) * (SECONDS_PER_MONTH / 100), 3);
    expect(sqs[0].usd).toBeCloseTo(((4_995 + u.emptyReceives) * 26_280 * 0.4) / 1e6, 6);
    // one Lambda invocation per batch: 999 batches x 26,280
    const invocations = bill.lines.find((l) => l.service === 'Lambda' && l.item.includes('requests'))!;
    expect(invocations.quantity).toBeCloseTo(999 * 26_280, 3);
  });
});
