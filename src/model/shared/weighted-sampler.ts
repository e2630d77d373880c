/**
 * Draws one of n choices with the given weights (routes of an API, for
 * example). The cumulative table is built once; a draw is one uniform
 * number and a binary search, like ZipfSampler's.
 */
import type { RandomStream } from '../../engine/random.js';

export class WeightedSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError('a weighted choice needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} must be a finite number >= 0, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new RangeError('at least one weight must be above 0');
    for (let i = 0; i < weights.length; i++) this.cumulative[i] /= sum;
    this.cumulative[weights.length - 1] = 1;
  }

  get count(): number {
    return this.cumulative.length;
  }

  /** Probability of choice i. */
  probability(i: number): number {
    return this.cumulative[i] - (i > 0 ? this.cumulative[i - 1] : 0);
  }

  sample(stream: RandomStream): number {
    const u = stream.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
