/**
 * The backend's queue of waiting work: (attempt, reply target, time it
 * joined, whether its request counts) in parallel ring buffers, served from
 * the oldest end (FIFO) or the newest (LIFO).
 *
 * Why not a RingQueue of small objects: in a retry storm the queue holds tens
 * of thousands of attempts for seconds, so one object per waiting request
 * (plus the boxed number of its arrival time) lived long enough to be copied
 * by the young-generation collector and then promoted to the old one. Taking
 * them away cut the garbage collector's share of the storm benchmark (see
 * the commit that introduced this file for the figures).
 */
import type { Attempt, ReplyTarget } from '../component.js';

export class WaitingLine {
  private attempts: Array<Attempt | undefined>;
  private replyTos: Array<ReplyTarget | undefined>;
  private joinedMs: Float64Array;
  private counted: Uint8Array;
  private head = 0;
  private count = 0;
  /** What the last `take` removed (read these right after it). */
  takenAttempt: Attempt | undefined = undefined;
  takenReplyTo: ReplyTarget | undefined = undefined;
  takenJoinedMs = 0;
  /**
   * `attempt.counted`, copied when it joined: an attempt that waited
   * seconds is out of the CPU caches, and serving it needs nothing else from
   * it (the read was ~5 % of the retry storm's profile).
   */
  takenCounted = false;

  constructor(initialCapacity = 64) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(2, initialCapacity))); // a power of two, so `& mask` replaces `%`
    this.attempts = new Array(capacity).fill(undefined);
    this.replyTos = new Array(capacity).fill(undefined);
    this.joinedMs = new Float64Array(capacity);
    this.counted = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(attempt: Attempt, replyTo: ReplyTarget, joinedMs: number): void {
    if (this.count === this.joinedMs.length) this.grow();
    const index = (this.head + this.count) & (this.joinedMs.length - 1);
    this.attempts[index] = attempt;
    this.replyTos[index] = replyTo;
    this.joinedMs[index] = joinedMs;
    this.counted[index] = attempt.counted ? 1 : 0;
    this.count++;
  }

  /** Removes the oldest entry (or the newest, `lifo`) into the `taken*` fields; false when empty. */
  take(lifo: boolean): boolean {
    if (this.count === 0) return false;
    const mask = this.joinedMs.length - 1;
    let index: number;
    if (lifo) {
      index = (this.head + this.count - 1) & mask;
    } else {
      index = this.head;
      this.head = (index + 1) & mask;
    }
    this.count--;
    this.takenAttempt = this.attempts[index];
    this.takenReplyTo = this.replyTos[index];
    this.takenJoinedMs = this.joinedMs[index];
    this.takenCounted = this.counted[index] === 1;
    this.attempts[index] = undefined; // drop the references at once: the attempt may be long finished
    this.replyTos[index] = undefined;
    return true;
  }

  private grow(): void {
    const capacity = this.joinedMs.length * 2;
    const mask = this.joinedMs.length - 1;
    const attempts = new Array<Attempt | undefined>(capacity).fill(undefined);
    const replyTos = new Array<ReplyTarget | undefined>(capacity).fill(undefined);
    const joinedMs = new Float64Array(capacity);
    const counted = new Uint8Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & mask;
      attempts[i] = this.attempts[from];
      replyTos[i] = this.replyTos[from];
      joinedMs[i] = this.joinedMs[from];
      counted[i] = this.counted[from];
    }
    this.attempts = attempts;
    this.replyTos = replyTos;
    this.joinedMs = joinedMs;
    this.counted = counted;
    this.head = 0;
  }
}
