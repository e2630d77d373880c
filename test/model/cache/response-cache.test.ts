import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { FixedHitRatio, ResponseCache } from '../../../src/model/cache/response-cache.js';

/** A plain reference: a Map in recency order (least recent first) with expiry times. */
class ReferenceCache {
  private readonly entries = new Map<number, number>();
  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
  ) {}
  lookup(key: number, nowMs: number): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    this.entries.delete(key);
    if (expires <= nowMs) return false;
    this.entries.set(key, expires);
    return true;
  }
  insert(key: number, nowMs: number): void {
    if (this.ttlMs <= 0 || this.capacity < 1) return;
    if (!this.entries.delete(key) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as number);
    this.entries.set(key, nowMs + this.ttlMs);
  }
  keysByRecency(): number[] {
    return [...this.entries.keys()].reverse();
  }
}

describe('ResponseCache', () => {
  it('evicts the least recently used entry, and a hit makes an entry the most recent', () => {
    const cache = new ResponseCache({ keyCount: 10, capacity: 3, ttlMs: 1_000 });
    for (const k of [1, 2, 3]) cache.insert(k, 0);
    expect(cache.lookup(1, 1)).toBe(true); // 1 is now the most recent: order 1, 3, 2
    cache.insert(4, 2); // evicts 2
    expect(cache.keysByRecency()).toEqual([4, 1, 3]);
    expect(cache.lookup(2, 3)).toBe(false);
    expect(cache.counters).toEqual({ hits: 1, misses: 1, evictions: 1, expirations: 0 });
  });

  it('an entry is fresh for the TTL from when it was stored; a hit does not extend it', () => {
    const cache = new ResponseCache({ keyCount: 5, capacity: 5, ttlMs: 100 });
    cache.insert(0, 0);
    expect(cache.lookup(0, 99)).toBe(true);
    expect(cache.lookup(0, 100)).toBe(false);
    expect(cache.counters.expirations).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('TTL 0 or capacity 0 stores nothing: never a hit', () => {
    for (const [capacity, ttlMs] of [
      [10, 0],
      [0, 1_000],
    ]) {
      const cache = new ResponseCache({ keyCount: 10, capacity, ttlMs });
      for (let t = 0; t < 100; t++) {
        const key = t % 3;
        if (!cache.lookup(key, t)) cache.insert(key, t);
      }
      expect(cache.counters.hits).toBe(0);
      expect(cache.size).toBe(0);
    }
  });

  it('matches a Map-based reference on any sequence of lookups and inserts (property)', () => {
    const op = fc.record({ insert: fc.boolean(), key: fc.integer({ min: 0, max: 11 }), dt: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 120 }), fc.array(op, { maxLength: 300 }), (capacity, ttlMs, ops) => {
        const cache = new ResponseCache({ keyCount: 12, capacity, ttlMs });
        const reference = new ReferenceCache(capacity, ttlMs);
        let now = 0;
        for (const { insert, key, dt } of ops) {
          now += dt;
          if (insert) {
            cache.insert(key, now);
            reference.insert(key, now);
          } else if (cache.lookup(key, now) !== reference.lookup(key, now)) return false;
        }
        // stale entries may still sit in both until looked up; the recency order must agree
        return JSON.stringify(cache.keysByRecency()) === JSON.stringify(reference.keysByRecency()) && cache.size <= Math.max(capacity, 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ResponseCache primed at the start', () => {
  it('holds the most popular keys, the most popular the most recently used', () => {
    const cache = new ResponseCache({ keyCount: 10, capacity: 5, ttlMs: 1_000, primedEntries: 3 });
    expect(cache.keysByRecency()).toEqual([0, 1, 2]);
    cache.insert(7, 1);
    cache.insert(8, 1);
    cache.insert(9, 1); // full: the least popular primed key goes first
    expect(cache.keysByRecency()).toEqual([9, 8, 7, 0, 1]);
  });

  it('primes no more than its capacity or the keys there are', () => {
    expect(new ResponseCache({ keyCount: 10, capacity: 4, ttlMs: 1_000, primedEntries: 8 }).size).toBe(4);
    expect(new ResponseCache({ keyCount: 3, capacity: 4, ttlMs: 1_000, primedEntries: 4 }).size).toBe(3);
  });

  it('keeps primed entries fresh for the TTL from t=0, all expiring together', () => {
    const cache = new ResponseCache({ keyCount: 10, capacity: 10, ttlMs: 500, primedEntries: 4 });
    expect([0, 1, 2, 3, 4].map((k) => cache.lookup(k, 499))).toEqual([true, true, true, true, false]);
    expect([0, 1, 2, 3].map((k) => cache.lookup(k, 500))).toEqual([false, false, false, false]);
  });
});

describe('FixedHitRatio', () => {
  it('hits with the given probability whatever the key (within 4.5 binomial sd)', () => {
    const model = new FixedHitRatio(0.3);
    model.bind(new RandomStreams(1).get('cache'));
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (model.lookup()) hits++;
    expect(Math.abs(hits - 0.3 * n)).toBeLessThan(4.5 * Math.sqrt(n * 0.3 * 0.7));
  });

  it('refuses to be used before it has its random stream', () => {
    expect(() => new FixedHitRatio(0.5).lookup()).toThrow(/bind/);
  });
});
