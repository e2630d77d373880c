/**
 * The REST API stage cache (DESIGN §4.4): least-recently-used eviction
 * bounded by a number of entries, each entry fresh for a TTL from when it
 * was stored.
 *
 * API Gateway: "The default TTL value for API caching is 300 seconds. The
 * maximum TTL value is 3600 seconds. TTL=0 means caching is disabled."
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html).
 * AWS does not document its eviction policy; least recently used is the
 * usual one for a memory-bounded cache (and what Che's approximation, which
 * the test suite checks this against, describes).
 *
 * - `lookup(key, now)`: a hit if the key is stored and fresh; a hit makes it
 *   the most recently used. A stale entry is dropped and counts as a miss.
 * - `insert(key, now)`: after a successful response; stores (or refreshes)
 *   the key as the most recently used, fresh until now + TTL, evicting the
 *   least recently used entry when full. Hits do not refresh the TTL.
 *
 * A primed cache (a warm start) begins with the most popular keys stored,
 * fresh from t=0.
 *
 * Keys are the load's ranks 0..keyCount-1, so the entries are a doubly
 * linked list threaded through one typed array indexed by key: nothing is
 * allocated per operation, and each operation is O(1). A key's links and
 * expiry share 16 bytes (one cache line), so a hit on a key the CPU cache
 * no longer holds misses once for it rather than once per field. Memory:
 * 16 bytes per key of the population, 160 MB for 10 M keys.
 */
import type { RandomStream } from '../../engine/random.js';

/** What the front door needs of a cache (../gateway/front-door.ts). */
export interface CacheModel {
  lookup(key: number, nowMs: number): boolean;
  insert(key: number, nowMs: number): void;
  /** Called once at the start with the cache's own random stream (for models that draw). */
  bind?(stream: RandomStream): void;
}

export interface ResponseCacheOptions {
  /** Keys are 0..keyCount-1. */
  keyCount: number;
  /** Entries the cache holds at most. */
  capacity: number;
  ttlMs: number;
  /** Entries stored at t=0: the most popular keys, 0..primedEntries-1 (a scenario's initialState; none without one). */
  primedEntries?: number;
}

const NONE = -1;
/** In a key's `prev` link: the key is not stored. */
const ABSENT = -2;
/** Per key, 16 bytes: Int32 prev and next links at 4k and 4k + 1, the Float64 expiry at 2k + 1. */
const BYTES_PER_KEY = 16;

export class ResponseCache implements CacheModel {
  /** Two views of one buffer: the links (Int32, 4 per key) and the expiries (Float64, 2 per key). */
  private readonly links: Int32Array;
  private readonly expiries: Float64Array;
  /** Most and least recently used keys. */
  private head = NONE;
  private tail = NONE;
  private stored = 0;
  readonly counters = { hits: 0, misses: 0, evictions: 0, expirations: 0 };

  constructor(private readonly options: ResponseCacheOptions) {
    const { keyCount, capacity, ttlMs } = options;
    if (!(keyCount >= 1) || !Number.isInteger(keyCount)) throw new RangeError(`a cache needs a whole number of keys >= 1, got ${keyCount}`);
    if (!(capacity >= 0) || !(ttlMs >= 0)) throw new RangeError('cache capacity and TTL must be >= 0');
    const buffer = new ArrayBuffer(keyCount * BYTES_PER_KEY);
    this.links = new Int32Array(buffer);
    this.expiries = new Float64Array(buffer);
    for (let key = 0; key < keyCount; key++) this.links[4 * key] = ABSENT;
    this.prime(Math.min(options.primedEntries ?? 0, keyCount, capacity));
  }

  /** Entries stored now (some may be stale until looked up). */
  get size(): number {
    return this.stored;
  }

  lookup(key: number, nowMs: number): boolean {
    if (this.links[4 * key] === ABSENT) {
      this.counters.misses++;
      return false;
    }
    if (this.expiries[2 * key + 1] <= nowMs) {
      this.unlink(key);
      this.counters.expirations++;
      this.counters.misses++;
      return false;
    }
    if (this.head !== key) {
      this.unlink(key);
      this.pushFront(key);
    }
    this.counters.hits++;
    return true;
  }

  insert(key: number, nowMs: number): void {
    const { capacity, ttlMs } = this.options;
    if (ttlMs <= 0 || capacity < 1) return;
    if (this.links[4 * key] !== ABSENT) this.unlink(key);
    else if (this.stored >= capacity) {
      this.unlink(this.tail);
      this.counters.evictions++;
    }
    this.expiries[2 * key + 1] = nowMs + ttlMs;
    this.pushFront(key);
  }

  /**
   * Stores keys 0..count-1 at t=0, fresh for the TTL. Stored least popular
   * first, so the most popular is the most recently used and the least
   * popular is evicted first, as if each had just been requested in that
   * order. No jitter: they all expire together at the TTL, as entries a
   * batch job stored at once would.
   */
  private prime(count: number): void {
    for (let key = count - 1; key >= 0; key--) this.insert(key, 0);
  }

  /** Keys from most to least recently used (for tests). */
  keysByRecency(): number[] {
    const keys: number[] = [];
    for (let k = this.head; k !== NONE; k = this.links[4 * k + 1]) keys.push(k);
    return keys;
  }

  private pushFront(key: number): void {
    const links = this.links;
    links[4 * key] = NONE;
    links[4 * key + 1] = this.head;
    if (this.head !== NONE) links[4 * this.head] = key;
    this.head = key;
    if (this.tail === NONE) this.tail = key;
    this.stored++;
  }

  private unlink(key: number): void {
    const links = this.links;
    const p = links[4 * key];
    const n = links[4 * key + 1];
    if (p !== NONE) links[4 * p + 1] = n;
    else this.head = n;
    if (n !== NONE) links[4 * n] = p;
    else this.tail = p;
    links[4 * key] = ABSENT;
    this.stored--;
  }
}

/** `hitRatio: 0.3`: every lookup hits with this probability, whatever the key (a what-if, not a cache). */
export class FixedHitRatio implements CacheModel {
  private stream: RandomStream | null = null;
  readonly counters = { hits: 0, misses: 0 };

  constructor(readonly ratio: number) {
    if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`a hit ratio is between 0 and 1, got ${ratio}`);
  }

  bind(stream: RandomStream): void {
    this.stream = stream;
  }

  lookup(): boolean {
    if (!this.stream) throw new Error('FixedHitRatio used before bind()');
    const hit = this.stream.next() < this.ratio;
    if (hit) this.counters.hits++;
    else this.counters.misses++;
    return hit;
  }

  insert(): void {}
}
