/**
 * Step Functions Express on the bill, against the worked example of AWS's
 * pricing page (https://aws.amazon.com/step-functions/pricing/), to the
 * cent: "If you run 100 million workflows each month, and the average
 * duration of the workflows is 10 seconds": 100M requests x $1.00/M =
 * $100.00; 1,000,000,000 s x 64 MB / 1024 MB = 62,500,000 GB-s =
 * 17,361.11 GB-hours: $0.06 x 1,000 + $0.03 x 4,000 + $0.01642 x 12,361.11 =
 * $60.00 + $120.00 + $202.97 = $382.97; $482.97 in all.
 */
import { describe, expect, it } from 'vitest';
import { sumUsd } from '../../src/cost/cost-line.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { missingPrices } from '../../src/cost/price-coverage.js';
import { priceStepFunctions } from '../../src/cost/stepfunctions-cost.js';

describe('priceStepFunctions', () => {
  it("AWS's example: 100M executions of 10 s at 64 MB cost $100.00 + $382.97 = $482.97", () => {
    const lines = priceStepFunctions({ stepFunctionsExpress: { requests: 100e6, gbSeconds: 100e6 * 10 * (64 / 1024) } } as unknown as MonthlyUsage, bundledPriceTable('us-east-1')!);
    const round = (n: number) => Math.round(n * 100) / 100;
    expect(lines.map((l) => round(l.usd))).toEqual([100, 60, 120, 202.97]);
    expect(round(sumUsd(lines))).toBe(482.97);
  });

  it('eu-west-1 has no Express figures: a scenario needing them is refused, not priced at a guess', () => {
    expect(missingPrices(bundledPriceTable('eu-west-1')!, { apiType: 'http', lambdas: [], stepFunctions: true })).toEqual(['AWS Step Functions Express workflows']);
    expect(missingPrices(bundledPriceTable('us-east-1')!, { apiType: 'http', lambdas: [], stepFunctions: true })).toEqual([]);
  });
});
