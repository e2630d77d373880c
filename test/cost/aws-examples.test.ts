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
const none: MonthlyUsage = { apiType: 'http', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };
const cents = (usd: number) => Math.round(usd * 100) / 100;
const bill = (usage: Partial<MonthlyUsage>) => estimateMonthlyCost({ ...none, ...usage }, prices, { freeTier: false, basis: 'example' });

describe('API Gateway pricing page (https://aws.amazon.com/api-gateway/pricing/), its worked examples', () => {
  const gateway = (b: ReturnType<typeof bill>) => b.lines.filter((l) => l.service === 'API Gateway').reduce((s, l) => s + l.usd, 0);

  it('REST, 5 million calls with 3 KB responses: calls $17.50 + data transfer $1.29 (14.3 GB) = $18.79', () => {
    const b = bill({ apiType: 'rest', billedRequests: 5e6, meteredUnits: 5e6, dataTransferOutBytes: 5e6 * 3 * 1024 });
    expect(cents(gateway(b))).toBe(17.5);
    expect(cents(b.lines.filter((l) => l.service === 'Data transfer').reduce((s, l) => s + l.usd, 0))).toBe(1.29);
    expect(cents(b.totalUsd)).toBe(18.79);
  });

  it('REST, 15 billion calls: $1,165.50 + $1,867.60 + $33,320.00 = $36,353.10 for the calls', () => {
    // the example prices its 57,220.46 GB of responses all at $0.09; the model applies the
    // data-transfer tiers past 10 TB (as the EC2 page does), so only the calls are compared
    const b = bill({ apiType: 'rest', billedRequests: 15e9, meteredUnits: 15e9 });
    expect(b.lines.filter((l) => l.service === 'API Gateway').map((l) => cents(l.usd))).toEqual([1165.5, 1867.6, 33320]);
    expect(cents(gateway(b))).toBe(36353.1);
  });

  it('HTTP example 1, 10,000 page loads a minute (432 million requests of 12 KB): $300 + $118.80 = $418.80', () => {
    const requests = 10_000 * 60 * 24 * 30;
    expect(requests).toBe(432e6);
    const units = requests * Math.max(1, Math.ceil((12 * 1024) / (512 * 1024)));
    const b = bill({ apiType: 'http', billedRequests: requests, meteredUnits: units });
    expect(b.lines.filter((l) => l.service === 'API Gateway').map((l) => cents(l.usd))).toEqual([300, 118.8]);
  });

  it('HTTP example 2, 25 uploads a minute of 4.5 MB: 9 units of 512 KB each, 9,720,000 metered requests, $9.72', () => {
    const calls = 25 * 60 * 24 * 30;
    const units = calls * Math.ceil((4.5 * 1024 * 1024) / (512 * 1024));
    expect(units).toBe(9_720_000);
    expect(cents(gateway(bill({ apiType: 'http', billedRequests: calls, meteredUnits: units })))).toBe(9.72);
  });

  it('WebSocket chat, 1,000 users 12 h a day sending 100 and receiving 500 messages of 3 KB: $18 + $5.40 = $23.40', () => {
    const messages = (100 + 500) * 1000 * 30;
    const minutes = 1000 * 12 * 60 * 30;
    const b = bill({ apiType: 'websocket', billedRequests: messages, meteredUnits: messages, connectionMinutes: minutes });
    expect(b.lines.filter((l) => l.service === 'API Gateway').map((l) => [l.item, cents(l.usd)])).toEqual([
      ['WebSocket messages (32 KB units), first 1B', 18],
      ['WebSocket connection minutes', 5.4],
    ]);
    expect(cents(gateway(b))).toBe(23.4);
  });

  it('a 1.6 GB cache at $0.038 an hour is $0.912 a day', () => {
    const day = bill({ apiType: 'rest', hours: 24, cacheBytes: 1.6 * 1024 ** 3 });
    expect(day.lines.find((l) => l.item === 'REST cache 1.6 GB')?.usd).toBeCloseTo(0.912, 9);
  });
});

describe('the ELB pricing page\'s ALB example, as third parties restate it (AWS\'s own text was not in the stored copies)', () => {
  // 1 new connection a second lasting 2 minutes, 5 requests a second, 300 KB a second processed
  // (1.08 GB an hour), 60 rules: new connections 0.04 LCU, active connections 120 / 3,000 = 0.04,
  // processed bytes 1.08, rule evaluations 5 x (60 - 10) / 1,000 = 0.25; the hour is charged 1.08 LCU
  const hour = { hours: 720, newConnectionsPerSecond: 1, activeConnectionsPerMinute: 120, processedGbPerHour: 1.08, requestsPerSecond: 5, rulesPerRequest: 60 };

  it('the LCU of the example hour is its processed bytes, 1.08', () => {
    const { lcu, dimension } = lcuOfHour(hour, prices, false);
    expect(dimension).toBe('processed bytes');
    expect(lcu).toBeCloseTo(1.08, 12);
  });

  it('a 720-hour month costs $16.20 in ALB hours and $6.22 in LCUs, $22.42 in all', () => {
    const month = priceAlb({ ...none, apiType: 'alb', hours: 720, alb: { lambdaTargets: false, hourly: [hour] } }, prices, { freeTier: false });
    expect(month.map((l) => cents(l.usd))).toEqual([16.2, 6.22]);
    expect(cents(month.reduce((s, l) => s + l.usd, 0))).toBe(22.42);
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
