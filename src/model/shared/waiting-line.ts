/**
 * A server pool's line of waiting work (./server-pool.ts): (attempt, reply
 * target, time it joined, whether its request counts) in parallel ring
 * buffers. The queue discipline says which end is served next; disciplines
 * are picked by name from `QUEUE_DISCIPLINES` (DESIGN §4.6: FIFO by default,
 * LIFO as an option).
 *
 * Why parallel rings and not a ring of small objects: in a retry storm the
 * line holds tens of thousands of attempts for seconds, so one object per
 * waiting request (plus the boxed number of its arrival time) lived long
 * enough to be copied by the young-generation collector and then promoted to
 * the old one. Taking them away cut the garbage collector's share of the
 * storm benchmark (bench/NOTES.md).
 */
import type { Attempt, ReplyTarget } from '../component.js';

export abstract class WaitingLine {
  protected attempts: Array<Attempt | undefined>;
  protected replyTos: Array<ReplyTarget | undefined>;
  protected joinedMs: Float64Array;
  protected counted: Uint8Array;
  protected head = 0;
  protected count = 0;
  /** What the last `take` removed (read these right after it). */
  takenAttempt: Attempt | undefined = undefined;
  takenReplyTo: ReplyTarget | undefined = undefined;
  takenJoinedMs = 0;
  /** `attempt.counted`, copied when it joined: serving an attempt that waited seconds then reads nothing of it. */
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

  /** Removes the entry the discipline serves next into the `taken*` fields; false when empty. */
  abstract take(): boolean;

  /** Moves place `index` (already out of the line's count) into the `taken*` fields. */
  protected hand(index: number): void {
    this.takenAttempt = this.attempts[index];
    this.takenReplyTo = this.replyTos[index];
    this.takenJoinedMs = this.joinedMs[index];
    this.takenCounted = this.counted[index] === 1;
    this.attempts[index] = undefined; // drop the references at once: the attempt may be long finished
    this.replyTos[index] = undefined;
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

/** First come, first served: the oldest entry. */
class FifoLine extends WaitingLine {
  take(): boolean {
    if (this.count === 0) return false;
    const index = this.head;
    this.head = (index + 1) & (this.joinedMs.length - 1);
    this.count--;
    this.hand(index);
    return true;
  }
}

/** Last come, first served: the newest entry (fresh work first while old work goes stale). */
class LifoLine extends WaitingLine {
  take(): boolean {
    if (this.count === 0) return false;
    const index = (this.head + this.count - 1) & (this.joinedMs.length - 1);
    this.count--;
    this.hand(index);
    return true;
  }
}

/** Queue disciplines by name: each makes an empty line (of `initialCapacity` places before it grows). */
export const QUEUE_DISCIPLINES = {
  fifo: (initialCapacity?: number): WaitingLine => new FifoLine(initialCapacity),
  lifo: (initialCapacity?: number): WaitingLine => new LifoLine(initialCapacity),
} as const satisfies Readonly<Record<string, (initialCapacity?: number) => WaitingLine>>;

export type QueueDiscipline = keyof typeof QUEUE_DISCIPLINES;

/** An empty line served by the named discipline. */
export function createWaitingLine(discipline: QueueDiscipline, initialCapacity?: number): WaitingLine {
  if (!Object.hasOwn(QUEUE_DISCIPLINES, discipline)) throw new RangeError(`unknown queue discipline ${discipline} (known: ${Object.keys(QUEUE_DISCIPLINES).join(', ')})`);
  return QUEUE_DISCIPLINES[discipline](initialCapacity);
}
