/** The control-variate estimator (control-variate.ts): exact on a line, and its 99 % interval covers the truth 99 % of the time. */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { normalQuantile } from '../../src/model/shared/normal-quantile.js';
import { controlVariateEstimate } from './control-variate.js';

describe('control-variate estimate', () => {
  it('is exact, with a zero-width interval, when the output is a line in the control', () => {
    const xs = [0.9, 1.3, 0.7, 1.1, 1.0, 1.25];
    const ys = xs.map((x) => 3 + 2 * x);
    const e = controlVariateEstimate(ys, xs, 1);
    expect(e.mean).toBeCloseTo(5, 12);
    expect(e.halfWidth).toBeCloseTo(0, 12);
    expect(e.beta).toBeCloseTo(2, 12);
    expect(e.correlation).toBeCloseTo(1, 12);
  });

  it('covers the true mean in 99 % of 4,000 experiments, with an interval √(1 − ρ²) as wide as the plain one', () => {
    // Y = 10 + 3 (X − 5) + ε, X ~ N(5, 1), ε ~ N(0, 1): ρ² = 9/10, so the interval is about a third as wide
    const streams = new RandomStreams(7);
    const x = streams.get('x');
    const noise = streams.get('noise');
    const trials = 4000;
    let missed = 0;
    let ratio = 0;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 20 }, () => 5 + normalQuantile(x.next()));
      const ys = xs.map((xi) => 10 + 3 * (xi - 5) + normalQuantile(noise.next()));
      const e = controlVariateEstimate(ys, xs, 5);
      if (Math.abs(e.mean - 10) > e.halfWidth) missed++;
      ratio += e.halfWidth / e.plainHalfWidth / trials;
    }
    // misses ~ Binomial(4000, 0.01): mean 40, sd 6.3; ± 4 sd
    expect(missed).toBeGreaterThanOrEqual(15);
    expect(missed).toBeLessThanOrEqual(65);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(0.4);
  });

  it('refuses fewer than four replications', () => {
    expect(() => controlVariateEstimate([1, 2, 3], [1, 2, 3], 2)).toThrow(/at least 4/);
  });
});
