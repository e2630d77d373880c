/**
 * A table's capacity against cases worked by hand from AWS's own words
 * (src/catalog/tables.ts): an on-demand table takes twice its previous
 * peak, and a new peak counts 30 minutes later; a provisioned table keeps
 * 300 s of unused capacity, so AWS's example (150 RCU idle for 5 minutes,
 * then 200 RCU consumed) runs 900 s before it throttles.
 */
import { describe, expect, it } from 'vitest';
import { ON_DEMAND, PROVISIONED, unitsPerCall } from '../../../src/catalog/tables.js';
import { OnDemandCapacity, ProvisionedCapacity } from '../../../src/model/dynamodb/table-capacity.js';

const onDemand = (previousPeakPerS: number) =>
  new OnDemandCapacity({ mode: 'on-demand', previousPeakPerS, peakFactor: ON_DEMAND.peakFactor, peakTrackingMs: ON_DEMAND.peakTrackingMs, windowMs: ON_DEMAND.windowMs, quotaPerS: ON_DEMAND.tableQuotaPerS });

/** Calls of `units` each, evenly spaced at `ratePerS` over [fromMs, toMs): how many the table took. */
function offer(capacity: { tryConsume(nowMs: number, units: number): boolean }, ratePerS: number, fromMs: number, toMs: number, units = 1): number {
  let taken = 0;
  const calls = Math.round(((toMs - fromMs) * ratePerS) / 1000);
  for (let i = 0; i < calls; i++) if (capacity.tryConsume(fromMs + (i * 1000) / ratePerS, units)) taken++;
  return taken;
}

describe('request units per call', () => {
  it.each([
    ['a 1 KB eventually consistent read is half a unit', 'read', 1024, 'eventual', 0.5],
    ['a 4 KB strongly consistent read is one unit', 'read', 4096, 'strong', 1],
    ['an 8 KB strongly consistent read is two (AWS: "a strongly consistent read of an 8 KB item would require two RCUs")', 'read', 8192, 'strong', 2],
    ['an 8 KB eventually consistent read is one (AWS: "an eventually consistent read of an 8 KB item would require one RCU")', 'read', 8192, 'eventual', 1],
    ['a 4.1 KB read rounds up to two 4 KB units, strongly consistent', 'read', 4200, 'strong', 2],
    ['a 1 KB write is one unit', 'write', 1024, 'eventual', 1],
    ['a 3 KB write is three (AWS: "a standard write request of a 3 KB item would require three WCUs")', 'write', 3072, 'eventual', 3],
    ['a 100 B write still takes a whole unit', 'write', 100, 'eventual', 1],
  ] as const)('%s', (_, operation, bytes, consistency, units) => {
    expect(unitsPerCall(operation, bytes, consistency)).toBe(units);
  });
});

describe('on-demand capacity', () => {
  it('takes twice the previous peak a second and throttles the rest: peak 100, 300 calls a second for 10 s -> 200 taken a second, 1,000 of 3,000 throttled', () => {
    const table = onDemand(100);
    expect(offer(table, 300, 0, 10_000)).toBe(2000);
    expect(table.ratePerS(10_000)).toBe(200);
  });

  it('takes a spike within twice the peak whole: peak 100, 199 a second for 10 s', () => {
    expect(offer(onDemand(100), 199, 0, 10_000)).toBe(1990);
  });

  it('counts units, not calls: peak 100 WRU/s and 3 KB writes (3 units) -> 66 calls a second (198 units)', () => {
    expect(offer(onDemand(100), 100, 0, 1000, 3)).toBe(66);
  });

  it('raises the peak 30 minutes after a busier second, not before: 180/s at t = 0 makes room for 360/s from t = 30 min', () => {
    const table = onDemand(100);
    expect(offer(table, 180, 0, 1000)).toBe(180); // within 2 x 100
    expect(table.previousPeakPerS(29 * 60_000)).toBe(100);
    expect(offer(table, 300, 29 * 60_000, 29 * 60_000 + 1000)).toBe(200); // still 2 x 100
    expect(table.previousPeakPerS(31 * 60_000)).toBe(180);
    expect(offer(table, 400, 31 * 60_000, 31 * 60_000 + 1000)).toBe(360);
  });

  it("starts a new table at AWS's figures: 4,000 write or 12,000 read units a second", () => {
    expect(onDemand(ON_DEMAND.newTablePeakPerS.write).ratePerS(0)).toBe(4000);
    expect(onDemand(ON_DEMAND.newTablePeakPerS.read).ratePerS(0)).toBe(12_000);
  });

  it('never serves more than the table quota (40,000 a second), whatever the peak', () => {
    expect(onDemand(30_000).ratePerS(0)).toBe(40_000);
  });
});

describe('provisioned capacity with burst capacity', () => {
  const provisioned = (perS: number) => new ProvisionedCapacity({ mode: 'provisioned', provisionedPerS: perS, burstSeconds: PROVISIONED.burstSeconds });

  it("AWS's example: 150 RCU unused for 5 minutes holds 45,000 units, so 200 RCU a second lasts 45,000 / (200 - 150) = 900 s", () => {
    const table = provisioned(150);
    expect(table.burstUnits(300_000)).toBe(45_000);
    // 200 a second from t = 300 s: none throttled for 900 s, then only the 150 a second provisioned
    expect(offer(table, 200, 300_000, 1_199_000)).toBe(200 * 899);
    // 50 units are left at 1,199 s; the next 100 s take them and the 150 a second refilled, of 20,000 offered
    const after = offer(table, 200, 1_199_000, 1_299_000);
    expect(after).toBeGreaterThanOrEqual(150 * 100 + 50 - 1);
    expect(after).toBeLessThanOrEqual(150 * 100 + 50 + 1);
  });

  it('keeps no more than 300 s of capacity, however long it was idle', () => {
    expect(provisioned(10).burstUnits(3_600_000)).toBe(3000);
  });

  it('a new capacity from auto scaling refills at its own rate and keeps at most its own 300 s', () => {
    const table = provisioned(100);
    table.setProvisioned(0, 50);
    expect(table.ratePerS()).toBe(50);
    expect(table.burstUnits(0)).toBe(15_000);
  });
});
