/** Route 53's part of a failover's bill: each health check and each optional feature per month, the same in both bundled Regions (Route 53 is global). */
import { describe, expect, it } from 'vitest';
import { MissingPriceError } from '../../src/cost/cost-line.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { priceRoute53 } from '../../src/cost/route53-cost.js';

const none: MonthlyUsage = { apiType: 'rest', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };

describe('priceRoute53', () => {
  it.each(['us-east-1', 'eu-west-1'])('%s: an HTTPS check every 10 s is $0.50 + 2 × $1.00 = $2.50 a month; every 30 s over HTTP, $0.50', (region) => {
    const prices = bundledPriceTable(region)!;
    const fast = priceRoute53({ ...none, route53HealthChecks: { healthChecks: 1, optionalFeatures: 2 } }, prices);
    expect(fast.map((l) => [l.service, l.item, l.usd])).toEqual([
      ['Amazon Route 53', 'health checks (AWS endpoints)', 0.5],
      ['Amazon Route 53', 'health check optional features (HTTPS, fast interval)', 2],
    ]);
    expect(priceRoute53({ ...none, route53HealthChecks: { healthChecks: 1, optionalFeatures: 0 } }, prices).map((l) => l.usd)).toEqual([0.5]);
  });

  it('bills nothing without a failover, prorates by the hour, and names a table without the prices', () => {
    const prices = bundledPriceTable('us-east-1')!;
    expect(priceRoute53(none, prices)).toEqual([]);
    expect(priceRoute53({ ...none, hours: 365, route53HealthChecks: { healthChecks: 1, optionalFeatures: 1 } }, prices).map((l) => l.usd)).toEqual([0.25, 0.5]);
    const { route53: _, ...without } = prices;
    expect(() => priceRoute53({ ...none, route53HealthChecks: { healthChecks: 1, optionalFeatures: 0 } }, without)).toThrow(MissingPriceError);
  });
});
