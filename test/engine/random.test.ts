/** Named streams: reproducible, independent of each other, uniform. */
import { max, min } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';

const draw = (streams: RandomStreams, name: string, n: number) => Array.from({ length: n }, () => streams.get(name).next());

describe('RandomStreams', () => {
  it('the same seed and name give the same numbers; another seed or name gives others', () => {
    const a = draw(new RandomStreams(42), 'service', 100);
    expect(draw(new RandomStreams(42), 'service', 100)).toEqual(a);
    expect(draw(new RandomStreams(43), 'service', 100)).not.toEqual(a);
    expect(draw(new RandomStreams(42), 'arrivals', 100)).not.toEqual(a);
  });

  it('drawing more from "arrivals" does not change what "service" returns', () => {
    const alone = draw(new RandomStreams(7), 'service', 1000);
    const shared = new RandomStreams(7);
    const interleaved: number[] = [];
    for (let i = 0; i < 1000; i++) {
      draw(shared, 'arrivals', 10 + (i % 7));
      interleaved.push(shared.get('service').next());
    }
    expect(interleaved).toEqual(alone);
    expect(shared.names()).toEqual(['arrivals', 'service']);
  });

  it('draws lie in [0, 1) with mean 1/2 and variance 1/12 (within 4.5 standard errors)', () => {
    const n = 200_000;
    const xs = draw(new RandomStreams(1), 'u', n);
    expect(min(xs)).toBeGreaterThanOrEqual(0);
    expect(max(xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4.5 * Math.sqrt(1 / 12 / n)); // SE of a mean of U(0,1)
    // Var of (U - 1/2)^2 is 1/80 - 1/144 = 1/180, so the SE of the sample variance is sqrt(1/180/n)
    const variance = xs.reduce((a, x) => a + (x - 0.5) ** 2, 0) / n;
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(4.5 * Math.sqrt(1 / 180 / n));
  });

  it('successive draws are uncorrelated (lag-1 correlation within 4.5/sqrt(n) of 0)', () => {
    const n = 200_000;
    const xs = draw(new RandomStreams(3), 'u', n);
    let sum = 0;
    for (let i = 1; i < n; i++) sum += (xs[i - 1] - 0.5) * (xs[i] - 0.5);
    const correlation = sum / (n - 1) / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(4.5 / Math.sqrt(n));
  });
});
