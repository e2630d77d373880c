/**
 * Amazon SNS on the bill. The pricing page gives rates but no dollar worked
 * example, so the examples are computed by hand from the bundled tables,
 * with the arithmetic in each case; then a whole run, priced, against the
 * same arithmetic from its own counts.
 */
import { describe, expect, it } from 'vitest';
import { MissingPriceError, sumUsd } from '../../src/cost/cost-line.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { priceSns } from '../../src/cost/sns-cost.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const month = (sns: NonNullable<MonthlyUsage['sns']>) => ({ sns }) as unknown as MonthlyUsage;
const usage = { publishes: 10e6, httpDeliveries: 20e6, lambdaDeliveries: 30e6, sqsDeliveries: 10e6 };

describe('priceSns', () => {
  it('us-east-1: 10M publishes x $0.50/M = $5.00; 20M HTTP/S deliveries x $0.60/M = $12.00; 40M Lambda and SQS deliveries free: $17.00', () => {
    const lines = priceSns(month(usage), bundledPriceTable('us-east-1')!, { freeTier: false });
    expect(lines.map((l) => [l.item, l.quantity, l.usd])).toEqual([
      ['publishes (64 KB units)', 10e6, 5],
      ['HTTP/S deliveries', 20e6, 12],
      ['Lambda deliveries', 30e6, 0],
      ['SQS deliveries', 10e6, 0],
    ]);
    expect(sumUsd(lines)).toBeCloseTo(17, 9);
  });

  it('us-east-1 with the free tier: (10M - 1M) x $0.50/M = $4.50 and (20M - 100,000) x $0.60/M = $11.94: $16.44', () => {
    const lines = priceSns(month(usage), bundledPriceTable('us-east-1')!, { freeTier: true });
    expect(sumUsd(lines)).toBeCloseTo(16.44, 9);
    expect(lines.filter((l) => l.item.endsWith('(free tier)')).map((l) => l.quantity)).toEqual([1e6, 100_000]);
  });

  it('eu-west-1: publishes at $0.50/M (the Price List offer file), and no HTTP/S delivery price, so an HTTP/S subscription is refused rather than guessed', () => {
    const prices = bundledPriceTable('eu-west-1')!;
    expect(sumUsd(priceSns(month({ ...usage, httpDeliveries: 0 }), prices, { freeTier: false }))).toBeCloseTo(5, 9);
    expect(() => priceSns(month(usage), prices, { freeTier: false })).toThrow(MissingPriceError);
  });
});

describe('a run with a topic, priced', () => {
  it('bills every publish once and every HTTP/S try, retries included, from its own counts', () => {
    const s = parseScenario(
      `name: t
seed: 3
duration: 40s
load: { rate: 20/s, payload: { request: 100KB } }
api: { type: rest }
integration:
  type: sns
  subscriptions:
    - { name: flaky, protocol: http, servers: 4, service: 10ms, errorRate: 0.5, deliveryPolicy: { retries: 2, minDelay: 1s, maxDelay: 1s } }
    - { name: fn, protocol: lambda, function: { duration: 20ms } }
cost: { monthlyRequests: 1M }
`,
      't.yaml',
    );
    const run = runScenario(s);
    const offered = run.summary.requests.offered;
    const u = run.usage.topic;
    // a 100 KB message is two 64 KB chunks
    expect(u.billedPublishes).toBe(2 * u.published);
    expect(u.published).toBe(offered);
    // half the HTTP tries fail and are retried: more tries than messages
    expect(u['flaky.tries']).toBeGreaterThan(1.3 * u.published);
    expect(u['flaky.tries']).toBe(u.httpDeliveries);
    const bill = costOfRun(run, bundledPriceTable('us-east-1')!);
    const scale = 1e6 / offered;
    const line = (item: string) => bill.lines.find((l) => l.service === 'Amazon SNS' && l.item === item)?.usd;
    expect(line('publishes (64 KB units)')).toBeCloseTo(((2 * u.published * scale) / 1e6) * 0.5, 9);
    expect(line('HTTP/S deliveries')).toBeCloseTo(((u.httpDeliveries * scale) / 1e6) * 0.6, 9);
    expect(line('Lambda deliveries')).toBe(0);
  });
});
