/**
 * The response cache's policies by name: a name -> factory table, so a new
 * policy (LFU, a TTL-only cache...) is a row here and a class beside it.
 *
 * - `lru`: the stage cache as API Gateway runs it, entries bounded by the
 *   cache's size, least recently used evicted (./response-cache.ts);
 * - `fixedHitRatio`: every lookup hits with a given probability, for quick
 *   what-ifs (not a cache).
 */
import { FixedHitRatio, ResponseCache, type CacheModel } from './response-cache.js';

export interface CachePolicyInput {
  /** Keys are 0..keyCount-1 (the load's key population). */
  readonly keyCount: number;
  /** Entries the cache holds: its size over the mean response size. */
  readonly capacity: number;
  readonly ttlMs: number;
  /** Entries stored at the start (a warm start), the most popular keys. */
  readonly primedEntries: number;
  /** `fixedHitRatio`: the share of lookups that hit. */
  readonly hitRatio?: number;
}

export type CachePolicyName = 'lru' | 'fixedHitRatio';

export const CACHE_POLICIES: Readonly<Record<CachePolicyName, (input: CachePolicyInput) => CacheModel>> = {
  lru: ({ keyCount, capacity, ttlMs, primedEntries }) => new ResponseCache({ keyCount, capacity, ttlMs, primedEntries }),
  fixedHitRatio: ({ hitRatio }) => new FixedHitRatio(hitRatio ?? Number.NaN),
};
