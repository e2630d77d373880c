/**
 * The ALB's LCU: the largest of the four dimensions, hour by hour, with
 * each dimension's LCU size from the ELB pricing page (25 new connections
 * per second, 3,000 active connections per minute, 1 GB per hour or 0.4 GB
 * for Lambda targets, 1,000 rule evaluations per second past 10 free rules).
 */
import { describe, expect, it } from 'vitest';
import { albConnections } from '../../src/cost/alb-connections.js';
import { lcuOfHour, priceAlb } from '../../src/cost/alb-cost.js';
import type { AlbHours, MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';

const prices = bundledPriceTable('us-east-1')!;

const hour = (h: Partial<AlbHours>): AlbHours => ({ hours: 1, newConnectionsPerSecond: 0, activeConnectionsPerMinute: 0, processedGbPerHour: 0, requestsPerSecond: 0, rulesPerRequest: 0, ...h });

describe('LCU of an hour', () => {
  it.each([
    ['new connections', hour({ newConnectionsPerSecond: 50, activeConnectionsPerMinute: 3000, processedGbPerHour: 0.5 }), 2],
    ['active connections', hour({ newConnectionsPerSecond: 5, activeConnectionsPerMinute: 12_000, processedGbPerHour: 0.5 }), 4],
    ['processed bytes', hour({ newConnectionsPerSecond: 5, activeConnectionsPerMinute: 300, processedGbPerHour: 3 }), 3],
    ['rule evaluations', hour({ newConnectionsPerSecond: 5, requestsPerSecond: 500, rulesPerRequest: 20 }), 5],
  ] as const)('is set by %s when it is the largest', (dimension, h, lcu) => {
    expect(lcuOfHour(h, prices, false)).toEqual({ lcu, dimension });
  });

  it('the first 10 rules are free: 10 rules at any rate evaluate nothing billable', () => {
    expect(lcuOfHour(hour({ requestsPerSecond: 1e6, rulesPerRequest: 10 }), prices, false).lcu).toBe(0);
  });

  it('a Lambda target processes 0.4 GB per LCU instead of 1 GB', () => {
    expect(lcuOfHour(hour({ processedGbPerHour: 2 }), prices, true).lcu).toBeCloseTo(5, 12);
    expect(lcuOfHour(hour({ processedGbPerHour: 2 }), prices, false).lcu).toBeCloseTo(2, 12);
  });
});

describe('the month of LCU-hours', () => {
  it('sums each hour\'s own maximum, not the maximum of the month\'s averages', () => {
    const quiet = hour({ hours: 100, newConnectionsPerSecond: 50, processedGbPerHour: 0.5 }); // 2 LCU (connections)
    const busy = hour({ hours: 630, newConnectionsPerSecond: 5, processedGbPerHour: 3 }); // 3 LCU (bytes)
    const usage: MonthlyUsage = { apiType: 'alb', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: { lambdaTargets: false, hourly: [quiet, busy] }, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };
    const lines = priceAlb(usage, prices, { freeTier: false });
    const lcu = lines.find((l) => l.unit === 'LCU-hours')!;
    expect(lcu.quantity).toBeCloseTo(100 * 2 + 630 * 3, 9);
    expect(lcu.usd).toBeCloseTo((100 * 2 + 630 * 3) * 0.008, 9);
    // averaging the dimensions over the month first would charge less: the hours must be priced apart
    const averaged = lcuOfHour(hour({ newConnectionsPerSecond: (100 * 50 + 630 * 5) / 730, processedGbPerHour: (100 * 0.5 + 630 * 3) / 730 }), prices, false).lcu * 730;
    expect(averaged).toBeLessThan(lcu.quantity * 0.95);
    expect(lines.find((l) => l.unit === 'hours')!.usd).toBeCloseTo(730 * 0.0225, 9);
  });
});

describe('connections an ALB sees', () => {
  it('keep-alive: one busy caller holds one connection and almost never reconnects', () => {
    const c = albConnections({ mode: 'keep-alive', requestsPerSecond: 100, callerShares: [1], idleTimeoutSeconds: 60, meanRequestSeconds: 0.05 });
    expect(c.active).toBeCloseTo(1, 9);
    expect(c.newPerSecond).toBeLessThan(1e-100);
  });

  it('keep-alive: callers each sending once in ten minutes reconnect almost every time (e^-0.1 of requests)', () => {
    const callers = 6000;
    const c = albConnections({ mode: 'keep-alive', requestsPerSecond: 10, callerShares: Array(callers).fill(1 / callers), idleTimeoutSeconds: 60, meanRequestSeconds: 0.05 });
    expect(c.newPerSecond).toBeCloseTo(10 * Math.exp(-0.1), 9);
    expect(c.active).toBeCloseTo(callers * (1 - Math.exp(-0.1)), 6);
  });

  it("per-request: a new connection per request, held for the request's time (Little's law)", () => {
    expect(albConnections({ mode: 'per-request', requestsPerSecond: 200, callerShares: [1], idleTimeoutSeconds: 60, meanRequestSeconds: 0.25 })).toEqual({ newPerSecond: 200, active: 50 });
  });
});
