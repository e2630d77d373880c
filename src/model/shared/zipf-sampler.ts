/**
 * Draws ranks 0..count-1 with Zipf popularity: P(rank k) ∝ 1 / (k + 1)^s.
 * s = 0 is uniform. A weighted choice over the ranks (./weighted-sampler.ts:
 * the alias method, one draw and two table reads per sample).
 */
import { WeightedSampler } from './weighted-sampler.js';

export class ZipfSampler extends WeightedSampler {
  constructor(
    count: number,
    readonly exponent: number,
  ) {
    if (!(count >= 1) || !Number.isInteger(count)) throw new RangeError(`Zipf population must be a whole number >= 1, got ${count}`);
    const weights = new Float64Array(count);
    for (let k = 0; k < count; k++) weights[k] = 1 / (k + 1) ** exponent;
    super(weights);
  }
}
