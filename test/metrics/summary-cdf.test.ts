/**
 * The latency CDF a report draws: read from the run's histogram at fixed
 * percents, so on a known distribution each point is that distribution's
 * quantile (to the histogram's 3 significant digits).
 */
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/metrics/latency-histogram.js';
import { CDF_PERCENTS, latencyCdf } from '../../src/metrics/summary.js';

describe('latencyCdf', () => {
  it('is the quantile function of what was recorded: 1..10,000 ms uniform puts the p-th percent at p x 100 ms', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 10_000; ms++) h.record(ms);
    const cdf = latencyCdf(h);
    expect(cdf.map(([p]) => p)).toEqual(CDF_PERCENTS);
    for (const [percent, ms] of cdf) {
      const exact = Math.max(1, Math.round(percent * 100));
      expect(Math.abs(ms - exact) / exact).toBeLessThan(2e-3);
    }
    h.dispose();
  });

  it('is finer in the tail than in the body, and empty for an empty histogram', () => {
    const tail = CDF_PERCENTS.filter((p) => p > 99);
    expect(tail.length).toBeGreaterThanOrEqual(12);
    expect(CDF_PERCENTS[0]).toBe(0);
    expect(CDF_PERCENTS.at(-1)).toBe(100);
    const empty = new LatencyHistogram();
    expect(latencyCdf(empty)).toEqual([]);
    empty.dispose();
  });
});
