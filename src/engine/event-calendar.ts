/**
 * A calendar queue (R. Brown, "Calendar queues: a fast O(1) priority queue
 * implementation for the simulation event set problem", CACM 31(10), 1988)
 * of event slots keyed by (time, tie), for EventQueue: the events due within
 * its window.
 *
 * Bucket k holds the events with floor((time - originMs) * bucketsPerMs) = k,
 * at ring index k & mask; the window is the `bucketCount` buckets from the
 * latest popped event's. That bucket number never decreases as time grows,
 * so every event in an earlier bucket comes first, and each bucket is a
 * doubly linked list sorted by the whole key: the calendar orders events
 * exactly as a heap does, with no comparisons between events in different
 * buckets. An event is linked in walking back from its bucket's tail (in the
 * retry storm 6 events in 10 go straight after the tail, the others step
 * back 1.7 events on average); the earliest is the head of the first
 * non-empty bucket.
 */
import { grownInts, type SlotKeys } from './slot-heap.js';

export class EventCalendar {
  // per slot: the list links (meaningful while the calendar holds the slot)
  private nexts: Int32Array;
  private prevs: Int32Array;
  /** Per slot: its bucket's ring index while held, else -1. */
  private buckets: Int32Array;
  private heads = new Int32Array(0);
  private tails = new Int32Array(0);
  private mask = -1;
  private bucketsPerMs = 0;
  private originMs = 0;
  /** Events held. */
  count = 0;
  /** Buckets in the window (0: switched off, holds nothing). */
  bucketCount = 0;
  /** The latest popped event's bucket: events before it are refused (see `file`). */
  private nowBucket = 0;
  /** No held event sits in a bucket before this one. */
  private scanBucket = 0;
  /** Steps walked back through bucket lists, and events filed, since the queue last zeroed them (to see crowded buckets). */
  walkSteps = 0;
  filed = 0;

  constructor(
    private readonly keys: SlotKeys,
    initialCapacity: number,
  ) {
    this.nexts = new Int32Array(initialCapacity);
    this.prevs = new Int32Array(initialCapacity);
    this.buckets = new Int32Array(initialCapacity).fill(-1);
  }

  /** Makes room for slot numbers below `capacity`. */
  reserveSlots(capacity: number): void {
    if (capacity <= this.buckets.length) return;
    const old = this.buckets.length;
    this.nexts = grownInts(this.nexts, capacity);
    this.prevs = grownInts(this.prevs, capacity);
    this.buckets = grownInts(this.buckets, capacity);
    this.buckets.fill(-1, old);
  }

  /**
   * Switches to `bucketCount` buckets (0: off) of width 1 / bucketsPerMs from
   * `originMs`, the time of the latest popped event (nothing pending is
   * earlier). Drops what it held: file it again.
   */
  resize(bucketCount: number, bucketsPerMs: number, originMs: number): void {
    this.bucketCount = bucketCount;
    this.mask = bucketCount - 1;
    this.bucketsPerMs = bucketsPerMs;
    this.originMs = originMs;
    this.heads = new Int32Array(bucketCount).fill(-1);
    this.tails = new Int32Array(bucketCount).fill(-1);
    this.buckets.fill(-1);
    this.count = 0;
    this.nowBucket = 0;
    this.scanBucket = 0;
  }

  /**
   * Holds the event if its time is inside the window; false if not (nor
   * before the latest popped event's bucket: only a direct user of the queue
   * pushes such an event, and the heap orders it without a window).
   */
  file(slot: number): boolean {
    const k = Math.floor((this.keys.times[slot] - this.originMs) * this.bucketsPerMs);
    if (!(k >= this.nowBucket && k < this.nowBucket + this.bucketCount)) return false;
    this.link(slot, k);
    return true;
  }

  /** The earliest held event's slot (the calendar must hold one). */
  firstSlot(): number {
    const heads = this.heads;
    const mask = this.mask;
    let k = this.scanBucket;
    while (heads[k & mask] < 0) k++; // ends: an event is held within the window
    this.scanBucket = k;
    return heads[k & mask];
  }

  /** Removes the slot `firstSlot()` returned: it is being popped. */
  removeFirst(slot: number): void {
    this.unlink(slot);
    this.nowBucket = this.scanBucket;
  }

  remove(slot: number): void {
    this.unlink(slot);
  }

  /** An event at `time` was popped from elsewhere (nothing held is earlier): move the window up. */
  advanceTo(time: number): void {
    const k = Math.floor((time - this.originMs) * this.bucketsPerMs);
    if (k > this.nowBucket) {
      this.nowBucket = k;
      if (this.scanBucket < k) this.scanBucket = k;
    }
  }

  /** How far the window has moved from its origin, in buckets. */
  get bucketsFromOrigin(): number {
    return this.nowBucket;
  }

  get width(): number {
    return this.bucketsPerMs;
  }

  /** Links the slot into bucket k, after the last event with a smaller key. */
  private link(slot: number, k: number): void {
    const bucket = k & this.mask;
    const times = this.keys.times;
    const ties = this.keys.ties;
    const time = times[slot];
    const tie = ties[slot];
    const tail = this.tails[bucket];
    if (tail >= 0 && (times[tail] > time || (times[tail] === time && ties[tail] > tie))) {
      this.insertBefore(slot, bucket, tail);
    } else {
      // after the tail: the more common case, events mostly come in time order
      this.prevs[slot] = tail;
      this.nexts[slot] = -1;
      if (tail >= 0) this.nexts[tail] = slot;
      else this.heads[bucket] = slot;
      this.tails[bucket] = slot;
    }
    this.buckets[slot] = bucket;
    this.count++;
    this.filed++;
    if (k < this.scanBucket) this.scanBucket = k;
  }

  /** Links the slot before `later`, or further back. */
  private insertBefore(slot: number, bucket: number, later: number): void {
    const times = this.keys.times;
    const ties = this.keys.ties;
    const prevs = this.prevs;
    const time = times[slot];
    const tie = ties[slot];
    let after = later;
    let before = prevs[later];
    this.walkSteps++;
    while (before >= 0 && (times[before] > time || (times[before] === time && ties[before] > tie))) {
      after = before;
      before = prevs[before];
      this.walkSteps++;
    }
    prevs[slot] = before;
    this.nexts[slot] = after;
    prevs[after] = slot;
    if (before >= 0) this.nexts[before] = slot;
    else this.heads[bucket] = slot;
  }

  private unlink(slot: number): void {
    const bucket = this.buckets[slot];
    const before = this.prevs[slot];
    const after = this.nexts[slot];
    if (before >= 0) this.nexts[before] = after;
    else this.heads[bucket] = after;
    if (after >= 0) this.prevs[after] = before;
    else this.tails[bucket] = before;
    this.buckets[slot] = -1;
    this.count--;
  }
}
