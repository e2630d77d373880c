/**
 * Amazon DynamoDB on the bill. The pricing pages give no dollar example the
 * bundled figures can be checked against to the cent, so each case is
 * worked by hand from the tables (us-east-1: $0.125 per million read
 * request units, $0.625 per million write request units, $0.00013 per
 * RCU-hour, $0.00065 per WCU-hour; eu-west-1: $0.1415, $0.70675, $0.000147,
 * $0.000735), with the arithmetic in each case's name; and a run's bill
 * against the closed form of `price` for the same month.
 */
import { describe, expect, it } from 'vitest';
import { sumUsd } from '../../src/cost/cost-line.js';
import { priceDynamoDb } from '../../src/cost/dynamodb-cost.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { workloadUsage, type Workload } from '../../src/cost/workload.js';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const month = (d: Partial<NonNullable<MonthlyUsage['dynamodb']>>) => ({ dynamodb: { readUnits: 0, writeUnits: 0, readCapacityUnitHours: 0, writeCapacityUnitHours: 0, ...d } }) as unknown as MonthlyUsage;
const usd = (region: string, d: Partial<NonNullable<MonthlyUsage['dynamodb']>>, freeTier = false) => sumUsd(priceDynamoDb(month(d), bundledPriceTable(region)!, { freeTier }));

describe('priceDynamoDb', () => {
  it.each([
    ['us-east-1: 100M eventually consistent 1 KB reads = 50M RRU x $0.125/M = $6.25', 'us-east-1', { readUnits: 50e6 }, 6.25],
    ['us-east-1: 10M writes of 3 KB items = 30M WRU x $0.625/M = $18.75', 'us-east-1', { writeUnits: 30e6 }, 18.75],
    ['eu-west-1: 10M writes of 3 KB items = 30M WRU x $0.70675/M = $21.2025', 'eu-west-1', { writeUnits: 30e6 }, 21.2025],
    ['us-east-1: 100 WCU all month = 100 x 730 h x $0.00065 = $47.45', 'us-east-1', { writeCapacityUnitHours: 100 * 730 }, 47.45],
    ['us-east-1: 1,000 RCU all month = 1,000 x 730 h x $0.00013 = $94.90', 'us-east-1', { readCapacityUnitHours: 1000 * 730 }, 94.9],
    ['eu-west-1: 100 RCU all month = 100 x 730 h x $0.000147 = $10.731', 'eu-west-1', { readCapacityUnitHours: 100 * 730 }, 10.731],
  ] as const)('%s', (_, region, d, expected) => {
    expect(usd(region, d)).toBeCloseTo(expected, 9);
  });

  it('the always-free 25 WCU come off with the free tier: (100 - 25) x 730 h x $0.00065 = $35.5875', () => {
    const lines = priceDynamoDb(month({ writeCapacityUnitHours: 100 * 730 }), bundledPriceTable('us-east-1')!, { freeTier: true });
    expect(lines[0]).toMatchObject({ item: expect.stringContaining('free tier'), quantity: 25 * 730, usd: 0 });
    expect(sumUsd(lines)).toBeCloseTo(35.5875, 9);
  });

  it('on-demand request units have no free tier: 50M RRU cost $6.25 with it on', () => {
    expect(usd('us-east-1', { readUnits: 50e6 }, true)).toBeCloseTo(6.25, 9);
  });

  it('a bill without a table has no DynamoDB line', () => {
    expect(priceDynamoDb({} as MonthlyUsage, bundledPriceTable('us-east-1')!, { freeTier: false })).toEqual([]);
  });
});

describe('a run with a DynamoDB table, against the closed form', () => {
  const scenario = (integration: string) =>
    parseScenario(`name: t\nseed: 3\nduration: 30s\nload: { rate: 50/s }\napi: { type: rest }\nintegration: ${integration}\ncost: { monthlyRequests: 100M }\n`, 'ddb.yaml');

  it('bills a direct read integration as price --dynamodb read:1KB does: $350 + $6.25 + the bytes out, to the cent', () => {
    const run = runScenario(scenario('{ type: dynamodb, operation: read, item: 1KB }'));
    const bill = costOfRun(run, bundledPriceTable('us-east-1')!);
    const workload = { monthlyRequests: 100e6, requestBytes: 1024, responseBytes: 1024, lambda: null, authorizer: null, cacheBytes: 0, cacheHitRatio: 0, connectionMinutes: 0, alb: { connections: 'keep-alive', callers: 1, rules: 1, idleTimeoutSeconds: 60 }, accessLogBytesPerRequest: 0, executionLogs: null, logStorage: null, waf: null, dynamodb: { operation: 'read', itemBytes: 1024, consistency: 'eventual' } } as Workload;
    const closed = estimateMonthlyCost(workloadUsage(workload, 'rest').usage, bundledPriceTable('us-east-1')!, { freeTier: false, basis: '' });
    const line = (e: typeof bill, service: string) => sumUsd(e.lines.filter((l) => l.service === service));
    expect(line(bill, 'Amazon DynamoDB')).toBeCloseTo(6.25, 6);
    expect(line(closed, 'Amazon DynamoDB')).toBeCloseTo(6.25, 6);
    expect(bill.totalUsd).toBeCloseTo(closed.totalUsd, 2);
  });

  it('bills a provisioned table by its capacity, whatever the volume: 80 WCU = 80 x 730 x $0.00065 = $37.96', () => {
    const run = runScenario(scenario('{ type: dynamodb, operation: write, item: 1KB, table: { mode: provisioned, writeCapacity: 80WCU } }'));
    const bill = costOfRun(run, bundledPriceTable('us-east-1')!);
    expect(sumUsd(bill.lines.filter((l) => l.service === 'Amazon DynamoDB'))).toBeCloseTo(37.96, 6);
  });
});
