/**
 * Collapse across replications: the Wilson interval of k of n against
 * published values and its coverage on binomial draws, the median and its
 * order-statistic interval, and the figures that replace the per-run flags.
 */
import { describe, expect, it } from 'vitest';
import { collapseEstimates, median, medianInterval, wilsonInterval, withCollapseEstimates } from '../../src/metrics/collapse-across.js';
import type { Estimate } from '../../src/metrics/replicated-summary.js';

describe('wilsonInterval', () => {
  // Brown, Cai and DasGupta (2001) and Newcombe (1998), Table I: 95 % Wilson score intervals
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d of %d is %f to %f (Newcombe 1998)', (k, n, low, high) => {
    const interval = wilsonInterval(k, n, 0.95);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is not a point at 0 of 10 or 10 of 10, and stays in [0, 1]', () => {
    expect(wilsonInterval(0, 10, 0.95).high).toBeGreaterThan(0.25);
    expect(wilsonInterval(10, 10, 0.95).low).toBeLessThan(0.75);
    for (let k = 0; k <= 10; k++) {
      const { low, high } = wilsonInterval(k, 10, 0.95);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(k / 10);
      expect(high).toBeGreaterThanOrEqual(k / 10);
    }
  });

  it('covers the true p in about 95 % of binomial samples (exact over every k, p = 0.3, n = 40)', () => {
    // P(k) for Binomial(40, 0.3), summed where the interval holds 0.3
    const n = 40;
    const p = 0.3;
    let coverage = 0;
    let pk = (1 - p) ** n;
    for (let k = 0; k <= n; k++) {
      const { low, high } = wilsonInterval(k, n, 0.95);
      if (low <= p && p <= high) coverage += pk;
      pk *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
    expect(coverage).toBeGreaterThan(0.93);
    expect(coverage).toBeLessThan(0.98);
  });
});

describe('median and its interval', () => {
  it('counts never (Infinity) as the slowest: the median is never when half or more never recovered', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([1, 2, Infinity])).toBe(2);
    expect(median([1, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, 2, Infinity, Infinity])).toBe(Infinity);
    expect(median([])).toBeNaN();
  });

  it('is x(2) to x(9) of 10 at 95 % (P(Bin(10, ½) ≤ 1) = 1.1 % ≤ 2.5 %, ≤ 2 is 5.5 %), and the range below 6 runs', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(medianInterval(ten, 0.95)).toEqual({ low: 2, high: 9 });
    expect(medianInterval([1, 2, 3, 4, 5], 0.95)).toEqual({ low: 1, high: 5 });
    expect(medianInterval([4], 0.95)).toEqual({ low: 4, high: 4 });
  });
});

const run = (collapsed: number, recoveryMs: number): Array<[string, number]> => [
  ['requests.offered', 100],
  ['collapse.goodputShare', collapsed ? 0.2 : 1],
  ['collapse.collapsed', collapsed],
  ['collapse.recovered', Number.isFinite(recoveryMs) ? 1 : 0],
  ['collapse.recoveryMs', recoveryMs],
  ['cost.totalUsd', 1],
];

describe('collapseEstimates', () => {
  it('gives P(collapse) as k of n with the Wilson interval, the never count and the recovery order statistics', () => {
    const runs = [run(1, Infinity), run(0, 20_000), run(1, 150_000), run(0, 10_000), run(1, Infinity)];
    const byName = new Map(collapseEstimates(runs, 0.95));
    expect(byName.get('collapse.probability')).toMatchObject({ mean: 0.6, ...wilsonInterval(3, 5, 0.95), n: 5 });
    expect(byName.get('collapse.neverRecovered')?.mean).toBe(2);
    expect(byName.get('collapse.recoveryMs.median')).toMatchObject({ mean: 150_000, low: 10_000, high: Infinity });
    expect(byName.get('collapse.recoveryMs.min')?.mean).toBe(10_000);
    expect(byName.get('collapse.recoveryMs.max')?.mean).toBe(Infinity);
  });

  it('has nothing to say about runs with no trigger', () => {
    expect(collapseEstimates([[['requests.offered', 1]]], 0.95)).toEqual([]);
  });

  it('replaces the per-run flags among the figures and leaves the others as they were', () => {
    const e = (mean: number): Estimate => ({ mean, low: NaN, high: NaN, sd: NaN, n: 2 });
    const figures: Array<readonly [string, Estimate]> = run(1, Infinity).map(([name, v]) => [name, e(v)]);
    const names = withCollapseEstimates(figures, [run(1, Infinity), run(0, 5000)], 0.95).map(([name]) => name);
    expect(names).toEqual(['requests.offered', 'collapse.goodputShare', 'collapse.probability', 'collapse.neverRecovered', 'collapse.recoveryMs.median', 'collapse.recoveryMs.min', 'collapse.recoveryMs.max', 'cost.totalUsd']);
  });
});
