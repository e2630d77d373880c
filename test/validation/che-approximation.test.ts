/**
 * The REST cache model against theory: LRU under independent requests with
 * Zipf popularity against Che's approximation (within 2 percentage points,
 * issue #5), and the TTL against the exact renewal formula.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { ResponseCache } from '../../src/model/cache/response-cache.js';
import { ZipfSampler } from '../../src/model/shared/zipf-sampler.js';
import { cheHitRatio, ttlHitRatio } from './che-approximation.js';

const KEYS = 10_000;

function probabilities(zipf: ZipfSampler): number[] {
  return Array.from({ length: zipf.count }, (_, k) => zipf.probability(k));
}

describe("Che's approximation itself", () => {
  it('agrees with a case computed by hand: two equal keys and one entry hit half the time', () => {
    // exact LRU with one entry hits when the next request repeats the last: sum p_i^2 = 0.25 + 0.25;
    // Che: 2 (1 - e^(-T/2)) = 1 gives e^(-T/2) = 1/2 and a hit ratio of 2 * 0.5 * 0.5
    expect(cheHitRatio([0.5, 0.5], 1)).toBeCloseTo(0.5, 9);
  });

  it('is 1 when everything fits and 0 with no room', () => {
    expect(cheHitRatio([0.2, 0.3, 0.5], 3)).toBe(1);
    expect(cheHitRatio([0.2, 0.3, 0.5], 0)).toBe(0);
  });
});

describe('LRU cache vs Che', () => {
  // 2 M requests after a warm-up of 200 k: the hit ratio's sampling error is about
  // sqrt(h(1-h)/n) ~ 0.0004 (requests are independent), 50 times smaller than the 2 pp allowed
  const REQUESTS = 2_000_000;
  const WARMUP = 200_000;

  for (const exponent of [0.8, 1.1]) {
    for (const share of [0.01, 0.05, 0.2]) {
      const capacity = Math.round(KEYS * share);
      it(`Zipf ${exponent}, ${capacity} entries for ${KEYS} keys: within 2 percentage points`, () => {
        const zipf = new ZipfSampler(KEYS, exponent);
        const stream = new RandomStreams(exponent * 100 + capacity).get('che.keys');
        const cache = new ResponseCache({ keyCount: KEYS, capacity, ttlMs: Number.MAX_SAFE_INTEGER });
        let hits = 0;
        for (let i = 0; i < WARMUP + REQUESTS; i++) {
          const key = zipf.sample(stream);
          const hit = cache.lookup(key, i);
          if (!hit) cache.insert(key, i);
          if (hit && i >= WARMUP) hits++;
        }
        const simulated = hits / REQUESTS;
        const che = cheHitRatio(probabilities(zipf), capacity);
        expect(Math.abs(simulated - che)).toBeLessThan(0.02);
      });
    }
  }
});

describe('TTL cache vs the renewal formula', () => {
  it('hit ratio of a TTL-only cache (capacity for every key) within 4.5 sd of r/(1+r) per key', () => {
    const keys = 1_000;
    const zipf = new ZipfSampler(keys, 1);
    const streams = new RandomStreams(3);
    const keyStream = streams.get('ttl.keys');
    const gapStream = streams.get('ttl.gaps');
    const ratePerMs = 0.5; // 500 requests/s
    const ttlMs = 2_000;
    const cache = new ResponseCache({ keyCount: keys, capacity: keys, ttlMs });
    const n = 1_000_000;
    let now = 0;
    let hits = 0;
    for (let i = 0; i < n + 100_000; i++) {
      now += -Math.log1p(-gapStream.next()) / ratePerMs;
      const key = zipf.sample(keyStream);
      const hit = cache.lookup(key, now);
      if (!hit) cache.insert(key, now);
      if (hit && i >= 100_000) hits++;
    }
    const expected = ttlHitRatio(probabilities(zipf), ratePerMs, ttlMs);
    // hits are positively correlated within a key's cycle; a binomial sd times 3 bounds that generously
    const sd = 3 * Math.sqrt((expected * (1 - expected)) / n);
    expect(Math.abs(hits / n - expected)).toBeLessThan(4.5 * sd);
  });
});
