/**
 * SnapStart on the bill, computed by hand from the price table's figures:
 * a Python function pays for its snapshot cached all month and for each GB
 * restored; a Java function pays neither; eu-west-1, whose table has no
 * SnapStart figure, is refused before the run instead of priced at a guess.
 */
import { describe, expect, it } from 'vitest';
import { missingPrices } from '../../src/cost/price-coverage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const us = bundledPriceTable('us-east-1')!;

/** Every invocation starts cold (keep-alive 0), so each request is one restore; the month is 1 M requests. */
const month = (runtime: string) => {
  const scenario = parseScenario(
    `
name: snap-bill
seed: 4
duration: 20s
load: { arrivals: uniform, rate: 20/s }
api: { type: http }
integration: { type: lambda, runtime: ${runtime}, memory: 2048MB, duration: { constant: 5ms }, keepAlive: { constant: 0ms }, snapStart: true }
cost: { monthlyRequests: 1M, freeTier: false }
`,
    'f.yaml',
  );
  const result = runScenario(scenario);
  return { result, estimate: costOfRun(result, us) };
};

describe('SnapStart charges', () => {
  it('bills a Python function its snapshot for the month and each GB restored, at the table rates', () => {
    const { result, estimate } = month('python3.13');
    const fn = result.roles.integrationFunction!;
    expect(fn.coldStarts).toBe(fn.invocations); // every invocation a restore
    expect(fn.invocations).toBe(result.summary.requests.offered);
    const line = (item: string) => estimate.lines.find((l) => l.item === item)!;
    // the cache: 2 GB for 730 h = 5,256,000 GB-s at $0.0000015046
    expect(us.lambda.snapStartCache!.usd).toBe(0.0000015046);
    expect(line('integration snapshots').quantity).toBeCloseTo(5_256_000, 3);
    expect(line('integration snapshots').usd).toBeCloseTo(7.9081776, 6);
    // the restores: 1 M requests a month, each a 2 GB restore = 2,000,000 GB at $0.0001397998
    expect(us.lambda.snapStartRestore!.usd).toBe(0.0001397998);
    expect(line('integration restores').quantity).toBeCloseTo(2_000_000, 3);
    expect(line('integration restores').usd).toBeCloseTo(279.5996, 4);
  });

  it('bills a Java function no SnapStart line (Java is not charged)', () => {
    const { estimate } = month('java21');
    expect(estimate.lines.filter((l) => /snapshots|restores/.test(l.item))).toEqual([]);
  });

  it('says which SnapStart prices a table lacks, for a charged function only', () => {
    const eu = bundledPriceTable('eu-west-1')!;
    expect(missingPrices(eu, { apiType: 'http', lambdas: [{ architecture: 'x86_64', provisioned: 0, snapStart: 'charged' }] })).toEqual(['Lambda SnapStart cache', 'Lambda SnapStart restores']);
    expect(missingPrices(eu, { apiType: 'http', lambdas: [{ architecture: 'x86_64', provisioned: 0, snapStart: 'free' }] })).toEqual([]);
    expect(missingPrices(us, { apiType: 'http', lambdas: [{ architecture: 'x86_64', provisioned: 0, snapStart: 'charged' }] })).toEqual([]);
  });
});
