/**
 * AWS's own worked pricing examples, reproduced to the cent through the
 * pricing functions. Each case names the page it comes from; the inputs
 * and the expected dollars are the page's, not the code's.
 */
import { describe, expect, it } from 'vitest';
import { lcuOfHour, priceAlb } from '../../src/cost/alb-cost.js';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';

const prices = bundledPriceTable('us-east-1')!;
const none: MonthlyUsage = { apiType: 'http', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0 };
const cents = (usd: number) => Math.round(usd * 100) / 100;
const bill = (usage: Partial<MonthlyUsage>) => estimateMonthlyCost({ ...none, ...usage }, prices, { freeTier: false, basis: 'example' });

describe('API Gateway pricing page (https://aws.amazon.com/api-gateway/pricing/)', () => {
  it('a REST API with 5 million calls a month and 3 KB responses: $18.79 (calls $17.50, data transfer out $1.29)', () => {
    const b = bill({ apiType: 'rest', billedRequests: 5e6, meteredUnits: 5e6, dataTransferOutBytes: 5e6 * 3 * 1024 });
    expect(cents(b.lines.filter((l) => l.service === 'API Gateway').reduce((s, l) => s + l.usd, 0))).toBe(17.5);
    expect(cents(b.lines.filter((l) => l.service === 'Data transfer').reduce((s, l) => s + l.usd, 0))).toBe(1.29);
    expect(cents(b.totalUsd)).toBe(18.79);
  });
});

describe('Elastic Load Balancing pricing page (https://aws.amazon.com/elasticloadbalancing/pricing/)', () => {
  // 1 new connection a second lasting 2 minutes, 5 requests a second of 300 KB processed each
  // (5.4 GB an hour), 60 rules: new connections 0.04 LCU, active connections 120 / 3,000 = 0.04,
  // processed bytes 5.4, rule evaluations 5 x (60 - 10) / 1,000 = 0.25; the hour is charged 5.4 LCU
  const hour = { hours: 1, newConnectionsPerSecond: 1, activeConnectionsPerMinute: 120, processedGbPerHour: 5.4, requestsPerSecond: 5, rulesPerRequest: 60 };

  it('the LCU of the example hour is its processed bytes, 5.4', () => {
    expect(lcuOfHour(hour, prices, false)).toEqual({ lcu: 5.4, dimension: 'processed bytes' });
  });

  it('an hour costs $0.0657 ($0.0225 + 5.4 LCU x $0.008), a 730-hour month $47.96', () => {
    const month = priceAlb({ ...none, apiType: 'alb', alb: { lambdaTargets: false, hourly: [{ ...hour, hours: 730 }] } }, prices, { freeTier: false });
    const total = month.reduce((s, l) => s + l.usd, 0);
    expect(Math.round((total / 730) * 1e4) / 1e4).toBe(0.0657);
    expect(cents(total)).toBe(47.96);
  });
});

describe('AWS News Blog, "New for AWS Lambda – 1ms Billing Granularity Adds Cost Savings" (https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/)', () => {
  it('60 million invocations of 28 ms at 1 GB (x86, no free tier): requests $12, compute $28, $40 in all', () => {
    const b = bill({ lambdas: [{ name: 'web', architecture: 'x86_64', memoryMb: 1024, requests: 60e6, onDemandBilledMs: 60e6 * 28, provisionedBilledMs: 0, provisioned: 0 }] });
    expect(b.lines.filter((l) => l.service === 'Lambda').map((l) => [l.item, cents(l.usd)])).toEqual([
      ['web requests', 12],
      ['web duration (x86_64), first 6B GB-seconds', 28],
    ]);
    expect(cents(b.totalUsd)).toBe(40);
  });
});
