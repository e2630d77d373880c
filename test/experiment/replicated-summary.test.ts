/**
 * Figures across replications: the Student-t interval against textbook
 * values, figures a replication lacks, the pooled latency against one
 * histogram of every value, and seeds.
 */
import { describe, expect, it } from 'vitest';
import { aggregateReplications } from '../../src/experiment/aggregate.js';
import { replicationSeeds } from '../../src/experiment/replication.js';
import { LatencyHistogram } from '../../src/metrics/latency-histogram.js';
import { absentFigure, estimate, estimateFigures, figureKind, tQuantile, wilson } from '../../src/metrics/replicated-summary.js';

describe('estimate', () => {
  it('is the mean with a Student-t interval: 1..5 gives 3 ± t(0.975, 4) · s / √5 = 3 ± 2.776 · 1.581 / 2.236', () => {
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    // t(0.975, 4) = 2.7764 from the t table
    expect(e.high - e.mean).toBeCloseTo((2.7764 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
    expect(e.mean - e.low).toBeCloseTo(e.high - e.mean, 12);
    // with 30 values the t quantile is 2.0452 (table), close to the normal 1.96
    const thirty = Array.from({ length: 30 }, (_, i) => i);
    const t = estimate(thirty);
    expect((t.high - t.mean) / (t.sd / Math.sqrt(30))).toBeCloseTo(2.0452, 3);
  });

  it('has no interval from one value, and leaves NaN out (a p99 with no request is not a zero)', () => {
    const one = estimate([4]);
    expect(one.mean).toBe(4);
    expect(one.low).toBeNaN();
    const some = estimate([1, NaN, 3]);
    expect(some.n).toBe(2);
    expect(some.mean).toBe(2);
    expect(estimate([NaN]).mean).toBeNaN();
  });

  it('counts a count a replication lacks as 0, and a level it lacks as missing', () => {
    expect(absentFigure('attempts.outcomes.503')).toBe(0);
    expect(absentFigure('events.lambda.coldStarts')).toBe(0);
    expect(absentFigure('cost.Lambda')).toBe(0);
    expect(absentFigure('peaks.backend.queue')).toBeNaN();
    const figures = new Map(
      estimateFigures(
        [
          [['attempts.outcomes.503', 4], ['peaks.q', 10]],
          [['peaks.q', 20]],
        ],
        absentFigure,
      ),
    );
    expect(figures.get('attempts.outcomes.503')!.mean).toBe(2);
    expect(figures.get('peaks.q')!.mean).toBe(15);
  });
});

describe('tQuantile (jStat)', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 2, 4.3027],
    [0.975, 4, 2.7764],
    [0.975, 29, 2.0452],
    [0.975, 1000, 1.9623],
    [0.995, 2, 9.9248],
    [0.995, 19, 2.8609],
    [0.9995, 10, 4.5869],
  ])('t(%d, %d df) is %d, as a t table gives it', (p, dof, table) => {
    expect(tQuantile(p, dof)).toBeCloseTo(table, 4);
  });
});

describe('intervals that stay in range', () => {
  it('tells shares from quantities by name', () => {
    for (const name of ['requests.errorRatio', 'attempts.throttleRatio', 'attempts.timeoutRatio', 'cache.hitRatio']) expect(figureKind(name), name).toBe('share');
    for (const name of ['requests.timeout', 'attempts.outcomes.429 stage', 'events.lambda.coldStarts', 'latencyMs.ok.p99', 'cost.totalUsd', 'peaks.backend.queue', 'requests.goodputPerSecond']) expect(figureKind(name), name).toBe('nonNegative');
  });

  it('Wilson at n trials is the textbook interval: 1 success in 10 gives 0.0179 to 0.4042 at 95 % (Newcombe 1998, table I)', () => {
    const { low, high } = wilson(0.1, (0.1 * 0.9) / 10, 1.959964);
    expect(low).toBeCloseTo(0.0179, 4);
    expect(high).toBeCloseTo(0.4042, 4);
  });

  it('gives a share near 0 an interval inside [0, 1] that holds the mean, where Student t went below 0', () => {
    const values = [0, 0.0004, 0.0135]; // an error ratio: two quiet replications and a bad one
    const t = estimate(values);
    expect(t.low).toBeLessThan(0); // the defect: −0.97 % to 1.90 %
    const share = estimate(values, 0.95, 'share');
    expect(share.mean).toBe(t.mean);
    expect(share.sd).toBe(t.sd);
    expect(share.low).toBeGreaterThanOrEqual(0);
    expect(share.low).toBeLessThanOrEqual(share.mean);
    expect(share.high).toBeGreaterThanOrEqual(share.mean);
    expect(share.high).toBeLessThanOrEqual(1);
    // and near 1 the same, mirrored
    const high = estimate(values.map((v) => 1 - v), 0.95, 'share');
    expect(high.low).toBeCloseTo(1 - share.high, 12);
    expect(high.high).toBeCloseTo(1 - share.low, 12);
  });

  it('gives a share far from 0 and 1 about the t interval', () => {
    const values = [0.41, 0.45, 0.43, 0.47, 0.44];
    const t = estimate(values);
    const share = estimate(values, 0.95, 'share');
    expect(share.low).toBeCloseTo(t.low, 3);
    expect(share.high).toBeCloseTo(t.high, 3);
  });

  it('gives a share every replication agrees on (none failed) the point, as t does', () => {
    expect(estimate([0, 0, 0], 0.95, 'share')).toMatchObject({ mean: 0, low: 0, high: 0 });
    expect(estimate([1, 1], 0.95, 'share')).toMatchObject({ low: 1, high: 1 });
  });

  it('cuts a count at 0 and leaves its upper bound: timeouts 0, 0, 1 go from 0, not from −1.10', () => {
    const t = estimate([0, 0, 1]);
    expect(t.low).toBeCloseTo(-1.1009, 3);
    const count = estimate([0, 0, 1], 0.95, 'nonNegative');
    expect(count).toMatchObject({ low: 0, high: t.high, mean: t.mean });
    // an interval clear of 0 is left as it was
    expect(estimate([10, 12, 11], 0.95, 'nonNegative')).toEqual(estimate([10, 12, 11]));
  });

  it('estimateFigures picks the interval by the figure: no figure of a replicated run goes below 0', () => {
    const figures = new Map(estimateFigures([[['requests.errorRatio', 0], ['requests.timeout', 0]], [['requests.errorRatio', 0.0004], ['requests.timeout', 0]], [['requests.errorRatio', 0.0135], ['requests.timeout', 1]]], absentFigure));
    expect(figures.get('requests.errorRatio')!.low).toBeGreaterThanOrEqual(0);
    expect(figures.get('requests.errorRatio')!.high).toBeGreaterThan(0.0135 / 3);
    expect(figures.get('requests.timeout')!.low).toBe(0);
  });
});

describe('aggregateReplications', () => {
  it('pools latency from the merged histograms: the same percentiles as one histogram of every value', () => {
    const all = new LatencyHistogram();
    const results = [0, 1, 2].map((index) => {
      const h = new LatencyHistogram();
      for (let i = 1; i <= 1000; i++) {
        const v = (index + 1) * i * 0.37;
        h.record(v);
        all.record(v);
      }
      const empty = new LatencyHistogram();
      const result = { index, seed: 7 + index, figures: [['latencyMs.ok.p99', h.percentileMs(99)] as [string, number]], histograms: { ok: h.encode(), failed: empty.encode() } };
      h.dispose();
      empty.dispose();
      return result;
    });
    const summary = aggregateReplications([...results].reverse());
    expect(summary.seeds).toEqual([7, 8, 9]);
    for (const [q, key] of [[50, 'p50'], [99, 'p99'], [99.9, 'p999']] as const) expect(summary.pooled.latencyMs.ok[key]).toBe(all.percentileMs(q));
    expect(summary.pooled.latencyMs.ok.count).toBe(3000);
    expect(summary.pooled.latencyMs.failed.count).toBe(0);
    // the pooled p99 is the p99 of all requests, not the mean of the three p99s
    expect(summary.pooled.latencyMs.ok.p99).not.toBeCloseTo(new Map(summary.figures).get('latencyMs.ok.p99')!.mean, 0);
    all.dispose();
  });

  it('derives seeds as seed + i, wrapping at 2^32', () => {
    expect(replicationSeeds(7, 3)).toEqual([7, 8, 9]);
    expect(replicationSeeds(2 ** 32 - 1, 2)).toEqual([2 ** 32 - 1, 0]);
  });
});
