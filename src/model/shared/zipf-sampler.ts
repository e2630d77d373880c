/**
 * Draws ranks 0..count-1 with Zipf popularity: P(rank k) ∝ 1 / (k + 1)^s.
 * s = 0 is uniform. The cumulative table is built once (count doubles);
 * each draw is one uniform number and a binary search.
 */
import type { RandomStream } from '../../engine/random.js';

export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly count: number,
    readonly exponent: number,
  ) {
    if (!(count >= 1) || !Number.isInteger(count)) throw new RangeError(`Zipf population must be a whole number >= 1, got ${count}`);
    this.cumulative = new Float64Array(count);
    let sum = 0;
    for (let k = 0; k < count; k++) {
      sum += 1 / (k + 1) ** exponent;
      this.cumulative[k] = sum;
    }
    for (let k = 0; k < count; k++) this.cumulative[k] /= sum;
  }

  /** Probability of rank k (for tests and analytic comparisons). */
  probability(k: number): number {
    return this.cumulative[k] - (k > 0 ? this.cumulative[k - 1] : 0);
  }

  sample(stream: RandomStream): number {
    const u = stream.next();
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
