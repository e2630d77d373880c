/**
 * Time-outs of one fixed length, for many items (client time-outs, the front
 * door's integration time-out).
 *
 * Because every item waits the same time, deadlines come in the order items
 * were added: a FIFO replaces the event heap, and one kernel event stands for
 * the earliest deadline still pending. Cancelling clears the item's bit in
 * a small bitmap beside the ring in O(1) (no search, nothing moved, and the
 * item's own place, cold by then, is not written). A cancelled item stays in
 * its place until an add writes over it when the ring comes round (the head
 * passes 32 cancelled places at a time): the client's and the front door's
 * attempts are reused from the client's pool (../attempt-lifecycle.ts), so
 * that keeps nothing alive that would not be anyway; elsewhere (a
 * dependency's calls) it keeps at most as many finished items as the ring
 * has places. bench/NOTES.md has the sizes and measurements.
 */
import type { EventCallback, Scheduler } from '../../engine/simulator.js';

/** Runs after replies scheduled at the same instant, so a reply exactly at the deadline wins. */
export const DEADLINE_PRIORITY = 10;

/** Handle returned by `add`, for `cancel`. */
export type DeadlineHandle = number;

export class DeadlineQueue<T> {
  // ring buffer of (item, time added, waiting bit); the entry added n-th has sequence number n
  private items: Array<T | undefined> = new Array(64);
  /** When each item was added: its deadline is that plus `timeoutMs` (the sum `add` armed the timer with, to the bit). */
  private addedMs = new Float64Array(64);
  /** Bit i (word i >> 5, bit i & 31): place i holds an item still waiting (not expired, not cancelled). */
  private waiting = new Int32Array(2);
  private headIndex = 0;
  private headSeq = 0;
  private count = 0;
  private live = 0;
  private armed = false;
  private readonly onTimer: EventCallback<null>;

  /**
   * `expire` gets the item and the time it was added: a client that added its
   * attempt when it started needs no read of the attempt's own start time
   * (the ring's times are read in order, which the CPU fetches ahead).
   */
  constructor(
    private readonly sim: Scheduler,
    readonly timeoutMs: number,
    private readonly expire: (item: T, addedMs: number) => void,
  ) {
    this.onTimer = () => this.fire();
  }

  /** Items still waiting for their deadline. */
  get size(): number {
    return this.live;
  }

  add(item: T): DeadlineHandle {
    if (this.count === this.items.length) this.grow();
    const nowMs = this.sim.now;
    const index = (this.headIndex + this.count) & (this.items.length - 1);
    this.items[index] = item;
    this.addedMs[index] = nowMs;
    this.waiting[index >> 5] |= 1 << (index & 31);
    this.count++;
    this.live++;
    if (!this.armed) this.arm(nowMs + this.timeoutMs);
    return this.headSeq + this.count - 1;
  }

  /** The item finished in time: forget it. Returns false if it already expired or was cancelled. */
  cancel(handle: DeadlineHandle): boolean {
    const offset = handle - this.headSeq;
    if (offset < 0 || offset >= this.count) return false;
    const index = (this.headIndex + offset) & (this.items.length - 1);
    const bit = 1 << (index & 31);
    const word = this.waiting[index >> 5];
    if ((word & bit) === 0) return false;
    this.waiting[index >> 5] = word & ~bit;
    this.live--;
    return true;
  }

  private arm(atMs: number): void {
    this.armed = true;
    this.sim.scheduleAt(atMs, this.onTimer, null, DEADLINE_PRIORITY);
  }

  private fire(): void {
    this.armed = false;
    const nowMs = this.sim.now;
    let mask = this.items.length - 1;
    let waiting = this.waiting;
    while (this.count > 0) {
      const index = this.headIndex;
      const word = waiting[index >> 5];
      if (word === 0 && (index & 31) === 0 && this.count >= 32) {
        // 32 places cancelled: pass them at once (their items are overwritten when the ring comes round)
        this.headIndex = (index + 32) & mask;
        this.headSeq += 32;
        this.count -= 32;
        continue;
      }
      const bit = 1 << (index & 31);
      this.headIndex = (index + 1) & mask;
      this.headSeq++;
      this.count--;
      if ((word & bit) === 0) continue; // cancelled
      const addedMs = this.addedMs[index];
      const deadlineMs = addedMs + this.timeoutMs;
      if (deadlineMs > nowMs) {
        // not due: put it back at the head
        this.headIndex = index;
        this.headSeq--;
        this.count++;
        this.arm(deadlineMs);
        return;
      }
      waiting[index >> 5] = word & ~bit;
      const item = this.items[index] as T;
      this.items[index] = undefined;
      this.live--;
      this.expire(item, addedMs);
      // the callback may have added an item and grown the ring
      mask = this.items.length - 1;
      waiting = this.waiting;
    }
  }

  private grow(): void {
    const capacity = this.items.length * 2; // stays a power of two, so `& mask` replaces `%`
    const items = new Array<T | undefined>(capacity);
    const addedMs = new Float64Array(capacity);
    const waiting = new Int32Array(capacity >> 5);
    const mask = this.items.length - 1;
    for (let i = 0; i < this.count; i++) {
      const from = (this.headIndex + i) & mask;
      items[i] = this.items[from];
      addedMs[i] = this.addedMs[from];
      if ((this.waiting[from >> 5] & (1 << (from & 31))) !== 0) waiting[i >> 5] |= 1 << (i & 31);
    }
    this.items = items;
    this.addedMs = addedMs;
    this.waiting = waiting;
    this.headIndex = 0;
  }
}
