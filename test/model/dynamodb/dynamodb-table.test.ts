/**
 * The DynamoDB table as a component: the contract every component honours
 * (on demand, and provisioned with auto scaling), the throttle threshold of
 * an on-demand table by a case worked by hand, what it bills, and auto
 * scaling catching up with a sustained load.
 */
import { describe, expect, it } from 'vitest';
import { ON_DEMAND, PROVISIONED } from '../../../src/catalog/tables.js';
import { DynamoDbTable, type DynamoDbTableOptions } from '../../../src/model/dynamodb/dynamodb-table.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

const base: DynamoDbTableOptions = {
  operation: 'write',
  unitsPerCall: 1,
  capacity: { mode: 'on-demand', previousPeakPerS: 100, peakFactor: ON_DEMAND.peakFactor, peakTrackingMs: ON_DEMAND.peakTrackingMs, windowMs: ON_DEMAND.windowMs, quotaPerS: ON_DEMAND.tableQuotaPerS },
  autoScaling: null,
  latency: createDistribution({ kind: 'percentiles', p50: 4, p99: 15 }),
  throttleStatus: 500,
  measureUntilMs: 3_600_000,
};
const provisioned = (perS: number, scaling: boolean): DynamoDbTableOptions => ({
  ...base,
  capacity: { mode: 'provisioned', provisionedPerS: perS, burstSeconds: PROVISIONED.burstSeconds },
  autoScaling: scaling ? { targetUtilization: 0.7, minPerS: perS, maxPerS: 40_000, scaleUpMinutes: 2, scaleDownMinutes: 15, scaleDownMargin: 0.2, delayMs: 120_000 } : null,
});

describe('DynamoDbTable', () => {
  componentContract('an on-demand table past twice its peak', { create: () => new DynamoDbTable('table', base), attempts: 3_000, meanGapMs: 2 });
  componentContract('a provisioned table with auto scaling', { create: () => new DynamoDbTable('table', provisioned(50, true)), attempts: 3_000, meanGapMs: 5 });

  it('on demand, previous peak 100 WRU/s, 300 writes a second evenly for 10 s: 200 a second served, 1,000 throttled with the given status', () => {
    const run = driveComponent({ create: () => new DynamoDbTable('table', base), attempts: 3_000, meanGapMs: 1000 / 300, evenly: true }, 1);
    const statuses = run.trace.map(([, , status, cause]) => `${status} ${cause}`);
    expect(statuses.filter((s) => s === '200 ok')).toHaveLength(2_000);
    expect(statuses.filter((s) => s === '500 table-throttle')).toHaveLength(1_000);
    expect(run.usage).toMatchObject({ calls: 3_000, throttled: 1_000, consumedUnits: 2_000, writeUnits: 2_000, readUnits: 0 });
  });

  it('bills a provisioned table its capacity held, not its calls: 50 WCU for the hour measured = 180,000 unit-seconds', () => {
    const run = driveComponent({ create: () => new DynamoDbTable('table', provisioned(50, false)), attempts: 100, meanGapMs: 10 }, 1);
    expect(run.usage).toMatchObject({ consumedUnits: 100, writeUnits: 0, writeCapacityUnitSeconds: 50 * 3_600 });
  });

  it('auto scaling follows the consumption the burst capacity lets through: 100 writes a second against 50 WCU, worked by hand', () => {
    // minutes 1 and 2 consume 100/s = 200 % of 50: the second decides ceil(100 / 0.7) = 143 WCU at 120 s, in service 120 s later (240 s);
    // the burst (50 x 300 = 15,000 units) loses 50 a second until then (3,000 left), so nothing is throttled; at 143 WCU, 100/s is
    // 69.9 % (< 70 %, > 50 %): no further change. Capacity held over 20 minutes: 50 x 240 + 143 x 960 = 149,280 unit-seconds
    const run = driveComponent({ create: () => new DynamoDbTable('table', { ...provisioned(50, true), measureUntilMs: 1_200_000 }), attempts: 120_000, meanGapMs: 10, evenly: true }, 1);
    expect(run.usage).toMatchObject({ scalingChanges: 1, throttled: 0, consumedUnits: 120_000 });
    expect((run.usage as { writeCapacityUnitSeconds: number }).writeCapacityUnitSeconds).toBeCloseTo(149_280, 6);
  });

  it('without auto scaling the same load is throttled once the burst capacity is spent: 15,000 units last 300 s at 50 a second over', () => {
    const run = driveComponent({ create: () => new DynamoDbTable('table', { ...provisioned(50, false), measureUntilMs: 1_200_000 }), attempts: 120_000, meanGapMs: 10, evenly: true }, 1);
    const firstThrottleMs = Math.min(...run.trace.filter(([, , , cause]) => cause === 'table-throttle').map(([t]) => t));
    expect(firstThrottleMs).toBeGreaterThan(299_000);
    expect(firstThrottleMs).toBeLessThan(302_000);
    // after it, 50 of every 100 a second: (1,200 - 300) s x 50 throttled, within a second's worth
    expect(Math.abs((run.usage as { throttled: number }).throttled - 900 * 50)).toBeLessThanOrEqual(100);
  });
});
