import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RandomStream } from '../../../src/engine/random.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { WeightedSampler } from '../../../src/model/shared/weighted-sampler.js';

/** A "stream" that walks a fine even grid of [0, 1): what share of u maps to each choice is then exact up to 1/M. */
function grid(m: number): RandomStream {
  let i = 0;
  return { next: () => (i++ % m + 0.5) / m } as RandomStream;
}

describe('WeightedSampler (alias method)', () => {
  it('maps exactly each choice’s probability share of the unit interval, for any weights (property)', () => {
    const M = 20_000;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 100, noNaN: true })), { minLength: 1, maxLength: 40 }), (weights) => {
        fc.pre(weights.some((w) => w > 0));
        const sampler = new WeightedSampler(weights);
        const stream = grid(M);
        const counts = new Array<number>(weights.length).fill(0);
        for (let i = 0; i < M; i++) counts[sampler.sample(stream)]++;
        const sum = weights.reduce((a, b) => a + b, 0);
        // each column boundary can misplace at most one grid point: n columns, 2 boundaries each
        return weights.every((w, i) => Math.abs(counts[i] / M - w / sum) <= (2 * weights.length + 1) / M && (w > 0 || counts[i] === 0));
      }),
      { numRuns: 200 },
    );
  });

  it('draws with the right frequencies from a real stream (chi-square) and never a zero weight', () => {
    const weights = [5, 0, 1, 3, 0.5, 10];
    const sampler = new WeightedSampler(weights);
    const stream = new RandomStreams(4).get('w');
    const n = 300_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < n; i++) counts[sampler.sample(stream)]++;
    expect(counts[1]).toBe(0);
    let chi2 = 0;
    for (let i = 0; i < weights.length; i++) if (weights[i] > 0) chi2 += (counts[i] - n * sampler.probability(i)) ** 2 / (n * sampler.probability(i));
    expect(chi2).toBeLessThan(20.5); // 4 degrees of freedom: P(chi2 > 20.5) < 0.0005
  });

  it('rejects weights that are all zero, negative or not finite', () => {
    expect(() => new WeightedSampler([])).toThrow();
    expect(() => new WeightedSampler([0, 0])).toThrow(/above 0/);
    expect(() => new WeightedSampler([1, -1])).toThrow(/>= 0/);
    expect(() => new WeightedSampler([1, Infinity])).toThrow(/finite/);
  });
});
