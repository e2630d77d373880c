/**
 * Tier boundaries, just below, at and above each one: the month's volume
 * runs through the tiers in order, so the dollars are a sum written out
 * here by hand from the pricing page's rates, not read from the code.
 */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost } from '../../src/cost/cost-estimate.js';
import { tieredLines, sumUsd } from '../../src/cost/cost-line.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';

const prices = bundledPriceTable('us-east-1')!;
const M = 1e6;

const usd = (quantity: number, figure: Parameters<typeof tieredLines>[3]) => sumUsd(tieredLines('API Gateway', 'x', quantity, figure));

describe('REST request tiers (3.50 / 2.80 / 2.38 / 1.51 per million, at 333M, 1B and 20B)', () => {
  const rest = prices.apiGateway.restRequests;
  const cases: Array<[string, number, number]> = [
    ['1 request', 1, 3.5e-6],
    ['just below 333M', 333 * M - 1, ((333 * M - 1) / M) * 3.5],
    ['at 333M', 333 * M, 333 * 3.5],
    ['just above 333M', 333 * M + 1, 333 * 3.5 + 2.8e-6],
    ['just below 1B', 1e9 - 1, 333 * 3.5 + ((667 * M - 1) / M) * 2.8],
    ['at 1B', 1e9, 333 * 3.5 + 667 * 2.8],
    ['just above 1B', 1e9 + 1, 333 * 3.5 + 667 * 2.8 + 2.38e-6],
    ['at 20B', 20e9, 333 * 3.5 + 667 * 2.8 + 19_000 * 2.38],
    ['just above 20B', 20e9 + 1, 333 * 3.5 + 667 * 2.8 + 19_000 * 2.38 + 1.51e-6],
    ['25B', 25e9, 333 * 3.5 + 667 * 2.8 + 19_000 * 2.38 + 5_000 * 1.51],
  ];
  it.each(cases)('%s', (_, quantity, expected) => {
    expect(usd(quantity, rest)).toBeCloseTo(expected, 6);
  });
  it('a volume in the third tier is billed on three lines, one per tier reached', () => {
    const lines = tieredLines('API Gateway', 'REST requests', 1.5e9, rest);
    expect(lines.map((l) => [l.item, l.quantity, l.usdRate])).toEqual([
      ['REST requests, first 333M', 333 * M, 3.5],
      ['REST requests, next 667M', 667 * M, 2.8],
      ['REST requests, next 19B', 500 * M, 2.38],
    ]);
  });
});

describe('HTTP API request tiers (1.00 then 0.90 per million, at 300M)', () => {
  const http = prices.apiGateway.httpRequests;
  it.each([
    ['just below 300M', 300 * M - 1, ((300 * M - 1) / M) * 1.0],
    ['at 300M', 300 * M, 300],
    ['just above 300M', 300 * M + 1, 300 + 0.9e-6],
    ['1B', 1e9, 300 + 700 * 0.9],
  ])('%s', (_, quantity, expected) => {
    expect(usd(quantity as number, http)).toBeCloseTo(expected as number, 6);
  });
});

describe('Lambda GB-second tiers', () => {
  const x86 = prices.lambda.durationX86;
  const arm = prices.lambda.durationArm64;
  it.each([
    ['x86 just below 6B', x86, 6e9 - 1, (6e9 - 1) * 0.0000166667],
    ['x86 at 6B', x86, 6e9, 6e9 * 0.0000166667],
    ['x86 just above 6B', x86, 6e9 + 1, 6e9 * 0.0000166667 + 0.000015],
    ['x86 at 15B', x86, 15e9, 6e9 * 0.0000166667 + 9e9 * 0.000015],
    ['x86 above 15B', x86, 16e9, 6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334],
    ['arm64 at 7.5B', arm, 7.5e9, 7.5e9 * 0.0000133334],
    ['arm64 just above 7.5B', arm, 7.5e9 + 1, 7.5e9 * 0.0000133334 + 0.0000120001],
    ['arm64 above 18.75B', arm, 20e9, 7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 1.25e9 * 0.0000106667],
  ] as const)('%s', (_, figure, quantity, expected) => {
    expect(usd(quantity, figure)).toBeCloseTo(expected, 4);
  });

  it('the tiers run across every function of one architecture: two functions of 4B GB-s each bill 2B at the second rate', () => {
    const usage = monthWith([fn('integration', 4e9), fn('authorizer', 4e9)]);
    const duration = estimateMonthlyCost(usage, prices, { freeTier: false, basis: 'test' }).lines.filter((l) => l.item.includes('duration'));
    expect(sumUsd(duration)).toBeCloseTo(6e9 * 0.0000166667 + 2e9 * 0.000015, 2);
    expect(duration.map((l) => l.quantity)).toEqual([4e9, 2e9, 2e9]);
  });
});

function fn(name: string, gbSeconds: number) {
  return { name, architecture: 'x86_64' as const, memoryMb: 1024, requests: 0, onDemandBilledMs: gbSeconds * 1000, provisionedBilledMs: 0, provisioned: 0 };
}

function monthWith(lambdas: MonthlyUsage['lambdas']): MonthlyUsage {
  return { apiType: 'http', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas, dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };
}
