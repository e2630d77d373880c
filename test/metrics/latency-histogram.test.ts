/**
 * The streaming histogram against exact order statistics: at most 1 %
 * relative error at every percentile up to p99.9 (HdrHistogram with 3
 * significant digits promises 0.1 %), and its size bounded by its range,
 * not by the number of values.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { LatencyHistogram } from '../../src/metrics/latency-histogram.js';
import { createDistribution, type DistributionSpec } from '../../src/model/shared/distribution.js';

const PERCENTILES = [1, 10, 50, 90, 95, 99, 99.9];

function fill(spec: DistributionSpec, n: number): { histogram: LatencyHistogram; sorted: Float64Array } {
  const d = createDistribution(spec);
  const stream = new RandomStreams(5).get('latency');
  const histogram = new LatencyHistogram();
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = d.sample(stream);
    histogram.record(values[i]);
  }
  return { histogram, sorted: values.sort() };
}

/** Nearest-rank percentile, HdrHistogram's definition. */
const exact = (sorted: Float64Array, q: number) => sorted[Math.max(0, Math.ceil((q / 100) * sorted.length) - 1)];

describe('LatencyHistogram', () => {
  it.each([
    ['log-normal p50 60 ms, p99 400 ms', { kind: 'percentiles', p50: 60, p99: 400 }],
    ['exponential, mean 10 ms', { kind: 'exponential', mean: 10 }],
    ['uniform 1 s to 30 s', { kind: 'uniform', min: 1000, max: 30_000 }],
  ] as const)('%s: every percentile up to p99.9 within 1 % of the exact one', (_name, spec) => {
    const { histogram, sorted } = fill(spec, 1_000_000);
    expect(histogram.count).toBe(1_000_000);
    for (const q of PERCENTILES) {
      const truth = exact(sorted, q);
      expect(Math.abs(histogram.percentileMs(q) - truth) / truth, `p${q}`).toBeLessThan(0.01);
    }
    expect(Math.abs(histogram.maxMs - sorted[sorted.length - 1]) / sorted[sorted.length - 1]).toBeLessThan(0.01);
    histogram.dispose();
  });

  it('keeps its size when the number of values grows tenfold (memory does not grow with requests)', () => {
    const spec = { kind: 'percentiles', p50: 60, p99: 400 } as const;
    const small = fill(spec, 100_000).histogram;
    const large = fill(spec, 1_000_000).histogram;
    expect(large.footprintBytes).toBeGreaterThan(0);
    expect(large.footprintBytes).toBe(small.footprintBytes);
    small.dispose();
    large.dispose();
  });

  it('is empty-safe and merges: add() of two halves equals one histogram of all', () => {
    const empty = new LatencyHistogram();
    expect(empty.count).toBe(0);
    expect(empty.percentileMs(50)).toBeNaN();
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const all = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) {
      (i % 2 ? a : b).record(i);
      all.record(i);
    }
    a.add(b);
    expect(a.count).toBe(1000);
    for (const q of PERCENTILES) expect(a.percentileMs(q)).toBe(all.percentileMs(q));
  });
});
