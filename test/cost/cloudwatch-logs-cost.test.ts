/**
 * CloudWatch Logs' bill: access and execution logs ingested per GB, and
 * their compressed storage per GB-month. Expected dollars are worked out
 * from the rates ($0.50/GB ingested and $0.03/GB-month stored in
 * us-east-1, $0.57 and $0.03 in eu-west-1; 5 GB and 5 GB-months free),
 * never read back from the code.
 */
import { describe, expect, it } from 'vitest';
import { priceCloudWatchLogs } from '../../src/cost/cloudwatch-logs-cost.js';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import type { LogStorage, MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';

const prices = bundledPriceTable('us-east-1')!;
const GB = 1024 ** 3;
const none: MonthlyUsage = { apiType: 'rest', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };
const noFreeTier = { freeTier: false };
const items = (usage: MonthlyUsage, freeTier = false, table = prices) => priceCloudWatchLogs(usage, table, { freeTier }).map((l) => [l.item, l.quantity, l.usd]);
const near = (expected: unknown[][]) => expected.map((row) => row.map((v) => (typeof v === 'number' ? expect.closeTo(v, 9) : v)));

describe('ingestion', () => {
  it('100M requests x 2 KB of execution log: 190.73 GB at $0.50 = $95.37', () => {
    const bytes = 100e6 * 2048;
    expect(items({ ...none, executionLogBytes: bytes })).toEqual(near([['execution log ingestion', 190.73486328125, 95.367431640625]]));
  });

  it('prices access and execution logs on lines of their own', () => {
    expect(items({ ...none, accessLogBytes: 3 * GB, executionLogBytes: 4 * GB })).toEqual(near([
      ['access log ingestion', 3, 1.5],
      ['execution log ingestion', 4, 2],
    ]));
  });

  it('shares the 5 GB free allowance: access logs take 3 GB of it, execution logs the other 2', () => {
    expect(items({ ...none, accessLogBytes: 3 * GB, executionLogBytes: 4 * GB }, true)).toEqual(near([
      ['access log ingestion (free tier)', 3, 0],
      ['access log ingestion', 0, 0],
      ['execution log ingestion (free tier)', 2, 0],
      ['execution log ingestion', 2, 1],
    ]));
  });

  it('bills nothing, and shows no line, without logs', () => {
    expect(priceCloudWatchLogs(none, prices, noFreeTier)).toEqual([]);
    expect(priceCloudWatchLogs({ ...none, logStorage: { retentionDays: 30, compressionRatio: 0.15 } }, prices, noFreeTier)).toEqual([]);
  });

  it("uses the Region's own rate: $0.57 per GB in eu-west-1", () => {
    expect(items({ ...none, executionLogBytes: 10 * GB }, false, bundledPriceTable('eu-west-1')!)).toEqual(near([['execution log ingestion', 10, 5.7]]));
  });
});

describe('storage: a month of logs x compression x the months kept, at $0.03 per GB-month', () => {
  // 100 GB ingested a month (60 access + 40 execution), stored at 0.15: 15 GB per month of logs kept
  const month = { ...none, accessLogBytes: 60 * GB, executionLogBytes: 40 * GB };
  const storageLine = (storage: LogStorage, freeTier = false) => items({ ...month, logStorage: storage }, freeTier).filter(([item]) => String(item).startsWith('log storage'));

  it.each([
    ['a day is 24 of the month\'s 730 hours', 1, 'log storage, kept 1 day', 15 * (24 / 730)],
    ['30 days are 720 of 730 hours', 30, 'log storage, kept 30 days', 15 * (720 / 730)],
    ['365 days are exactly 12 months of 730 hours', 365, 'log storage, kept 365 days', 15 * 12],
    ["731 days hold a year's logs after a year, and grow after", 731, 'log storage, kept 731 days: after a year', 15 * 12],
    ["logs that never expire hold a year's logs after a year", 'never' as const, 'log storage, never expires: after a year', 15 * 12],
  ])('%s', (_why, retentionDays, item, gbMonths) => {
    expect(storageLine({ retentionDays, compressionRatio: 0.15 })).toEqual(near([[item, gbMonths, gbMonths * 0.03]]));
  });

  it('stores what compresses: a ratio of 0.3 stores twice what 0.15 does', () => {
    expect(storageLine({ retentionDays: 30, compressionRatio: 0.3 })).toEqual(near([['log storage, kept 30 days', 30 * (720 / 730), 30 * (720 / 730) * 0.03]]));
  });

  it('has its own 5 GB-month free allowance, apart from ingestion', () => {
    // never: 180 GB-months stored, 5 of them free; 100 GB ingested, 5 of them free
    const lines = items({ ...month, logStorage: { retentionDays: 'never', compressionRatio: 0.15 } }, true);
    expect(lines).toEqual(near([
      ['access log ingestion (free tier)', 5, 0],
      ['access log ingestion', 55, 27.5],
      ['execution log ingestion', 40, 20],
      ['log storage, never expires: after a year (free tier)', 5, 0],
      ['log storage, never expires: after a year', 175, 5.25],
    ]));
  });

  it('joins the bill under CloudWatch Logs, rated per GB-month', () => {
    const bill = estimateMonthlyCost({ ...month, logStorage: { retentionDays: 30, compressionRatio: 0.15 } }, prices, { freeTier: false, basis: 'test' });
    const storage = bill.lines.find((l) => l.item === 'log storage, kept 30 days');
    expect(storage).toMatchObject({ service: 'CloudWatch Logs', unit: 'GB-months', usdRate: 0.03, rateUnit: 'GB-month' });
    expect(bill.totalUsd).toBeCloseTo(100 * 0.5 + 15 * (720 / 730) * 0.03, 9);
  });
});
