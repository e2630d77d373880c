/** AWS WAF's bill: a web ACL, its rules, and every request it inspects, blocked or not. */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { priceWaf } from '../../src/cost/waf-cost.js';

const prices = bundledPriceTable('us-east-1')!;
const none: MonthlyUsage = { apiType: 'rest', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };

describe('priceWaf', () => {
  it('a web ACL with 10 rules inspecting 50M requests a month: $5 + 10 × $1 + 50 × $0.60 = $45', () => {
    // the worked example of c3x.dev's "AWS WAF cost explained", at the AWS WAF pricing page's rates
    const lines = priceWaf({ ...none, waf: { rules: 10, requests: 50e6 } }, prices);
    expect(lines.map((l) => [l.item, l.usd])).toEqual([
      ['web ACL', 5],
      ['rules', 10],
      ['requests inspected', 30],
    ]);
    expect(estimateMonthlyCost({ ...none, waf: { rules: 10, requests: 50e6 } }, prices, { freeTier: false, basis: 'x' }).totalUsd).toBeCloseTo(45, 9);
  });

  it('prorates the monthly charges by the hour, and bills nothing without WAF', () => {
    const half = priceWaf({ ...none, hours: 365, waf: { rules: 0, requests: 0 } }, prices);
    expect(half.map((l) => [l.item, l.usd])).toEqual([
      ['web ACL', 2.5],
      ['requests inspected', 0],
    ]);
    expect(priceWaf(none, prices)).toEqual([]);
  });
});
