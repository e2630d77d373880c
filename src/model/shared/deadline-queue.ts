/**
 * Time-outs of one fixed length, for many items (client time-outs, the front
 * door's integration time-out).
 *
 * Because every item waits the same time, deadlines come in the order items
 * were added: a FIFO replaces the event heap. One kernel event stands for the
 * earliest deadline still pending; items that finished in time are skipped
 * when it fires, not cancelled one by one. That keeps a time-out per attempt
 * off the hot path: the kernel sees about one event per time-out length, not
 * one per attempt.
 */
import type { EventCallback, Scheduler } from '../../engine/simulator.js';
import { RingQueue } from './ring-queue.js';

/** Runs after replies scheduled at the same instant, so a reply exactly at the deadline wins. */
const DEADLINE_PRIORITY = 10;

export class DeadlineQueue<T> {
  private readonly items = new RingQueue<T>();
  private readonly deadlines = new RingQueue<number>();
  private armed = false;
  private readonly onTimer: EventCallback<null>;

  constructor(
    private readonly sim: Scheduler,
    readonly timeoutMs: number,
    /** Still waiting? Items that are not are dropped silently. */
    private readonly isPending: (item: T) => boolean,
    private readonly expire: (item: T) => void,
  ) {
    this.onTimer = () => this.fire();
  }

  get size(): number {
    return this.items.size;
  }

  add(item: T): void {
    const deadlineMs = this.sim.now + this.timeoutMs;
    this.items.push(item);
    this.deadlines.push(deadlineMs);
    if (!this.armed) this.arm(deadlineMs);
  }

  private arm(atMs: number): void {
    this.armed = true;
    this.sim.scheduleAt(atMs, this.onTimer, null, DEADLINE_PRIORITY);
  }

  private fire(): void {
    this.armed = false;
    const nowMs = this.sim.now;
    while (this.items.size > 0) {
      const item = this.items.peek() as T;
      if (!this.isPending(item)) {
        this.items.shift();
        this.deadlines.shift();
        continue;
      }
      const deadlineMs = this.deadlines.peek() as number;
      if (deadlineMs > nowMs) {
        this.arm(deadlineMs);
        return;
      }
      this.items.shift();
      this.deadlines.shift();
      this.expire(item);
    }
  }
}
