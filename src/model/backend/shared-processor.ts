/**
 * Processor sharing: every job in service progresses at once, each at
 * X(n) / n of its speed alone, where n is the number in service and X the
 * service's capacity curve (./capacity-curve.ts). Rates change whenever n
 * does, so work already in flight slows down when more arrives and speeds
 * up when some leaves (Kleinrock's processor sharing; with X(n) = 1, the
 * M/G/1-PS queue, whose mean response time 1 / (μ − λ) does not depend on
 * the shape of the service time).
 *
 * How: a virtual clock V counts the work (in ms of service alone) each job
 * in service has received since V began; it runs at X(n) / n. A job needing
 * w that starts at V0 finishes when V reaches V0 + w, so a change of n
 * re-times nothing but the one kernel event for the earliest finish
 * (a min-heap of finish values, flatqueue). A job may also have a deadline
 * (its caller's, passed downstream): at it the job is aborted and its share
 * goes to the others. Jobs ended early are left in the heaps and skipped
 * when they reach the top.
 */
import FlatQueue from 'flatqueue';
import type { EventCallback, EventId, Scheduler } from '../../engine/simulator.js';
import { DEADLINE_PRIORITY } from '../shared/deadline-queue.js';
import { relativeCapacity, type CapacityCurve } from './capacity-curve.js';

/** What finished: the job's work is done ('done') or its deadline passed first ('expired'). */
export type JobEnd = 'done' | 'expired';

/** No kernel event pending. */
const NONE = -1;
/** A deadline is the caller's time-out passed down: it acts after the caller's own time-out at that instant, not before. */
export const EXPIRY_PRIORITY = DEADLINE_PRIORITY + 1;

export class SharedProcessor {
  /** Work each job in service has had since V began (ms of service alone). */
  private virtualMs = 0;
  private lastMs = 0;
  /** Work per job per ms: X(n) / n. */
  private rate = 0;
  private n = 0;
  private readonly finishAt: Float64Array;
  private readonly deadlineAt: Float64Array;
  private readonly live: Uint8Array;
  private readonly finishes = new FlatQueue<number>();
  private readonly deadlines = new FlatQueue<number>();
  private pending: EventId = NONE;
  private readonly onTimer: EventCallback<null>;
  /** Jobs that ended at this instant, handed to `end` once the state is settled. */
  private readonly ended: number[] = [];
  private readonly endedHow: JobEnd[] = [];

  /**
   * `jobs`: job numbers run from 0 to jobs − 1 (the owner's server slots);
   * `end` hears of each job that finished or expired, after the processor
   * has re-shared its capacity (it may start new jobs from there).
   */
  constructor(
    private readonly sim: Scheduler,
    private readonly curve: CapacityCurve,
    jobs: number,
    private readonly end: (job: number, how: JobEnd) => void,
  ) {
    this.finishAt = new Float64Array(jobs);
    this.deadlineAt = new Float64Array(jobs);
    this.live = new Uint8Array(jobs);
    this.onTimer = () => this.fire();
  }

  /** Jobs in service. */
  get inService(): number {
    return this.n;
  }

  /** Work per job per ms of service alone at this level (X(n) / n; 0 when idle). */
  get shareOfEach(): number {
    return this.rate;
  }

  /** Starts `job`, which needs `workMs` of service alone, aborted at `deadlineMs` (Infinity: never). */
  start(job: number, workMs: number, deadlineMs: number): void {
    this.advance();
    const finish = this.virtualMs + workMs;
    this.finishAt[job] = finish;
    this.deadlineAt[job] = deadlineMs;
    this.live[job] = 1;
    this.finishes.push(job, finish);
    if (deadlineMs !== Infinity) this.deadlines.push(job, deadlineMs);
    this.setLevel(this.n + 1);
    this.retime();
  }

  /** Brings V up to now at the current rate. */
  private advance(): void {
    const nowMs = this.sim.now;
    this.virtualMs += (nowMs - this.lastMs) * this.rate;
    this.lastMs = nowMs;
  }

  private setLevel(n: number): void {
    this.n = n;
    this.rate = n === 0 ? 0 : relativeCapacity(this.curve, n) / n;
  }

  /** Schedules the one event for the earliest finish or deadline among live jobs. */
  private retime(): void {
    const finishes = this.finishes;
    while (finishes.length > 0 && !this.isLiveFinish(finishes.peek() as number, finishes.peekValue() as number)) finishes.pop();
    const deadlines = this.deadlines;
    while (deadlines.length > 0 && !this.isLiveDeadline(deadlines.peek() as number, deadlines.peekValue() as number)) deadlines.pop();
    let atMs = Infinity;
    if (finishes.length > 0 && this.rate > 0) atMs = this.lastMs + Math.max(0, (finishes.peekValue() as number) - this.virtualMs) / this.rate;
    const expiryFirst = deadlines.length > 0 && (deadlines.peekValue() as number) < atMs;
    if (expiryFirst) atMs = deadlines.peekValue() as number;
    if (this.pending !== NONE) this.sim.cancel(this.pending);
    this.pending = atMs === Infinity ? NONE : this.sim.scheduleAtCancellable(Math.max(atMs, this.sim.now), this.onTimer, null, expiryFirst ? EXPIRY_PRIORITY : 0);
  }

  private isLiveFinish(job: number, finish: number): boolean {
    return this.live[job] === 1 && this.finishAt[job] === finish;
  }

  private isLiveDeadline(job: number, deadlineMs: number): boolean {
    return this.live[job] === 1 && this.deadlineAt[job] === deadlineMs;
  }

  private fire(): void {
    this.pending = NONE;
    this.advance();
    const nowMs = this.sim.now;
    // done: the work left is within rounding of none (V is a sum of products)
    const doneBy = this.virtualMs + 1e-9 * Math.max(1, Math.abs(this.virtualMs));
    const finishes = this.finishes;
    while (finishes.length > 0 && (finishes.peekValue() as number) <= doneBy) {
      const finish = finishes.peekValue() as number;
      const job = finishes.pop() as number;
      if (this.isLiveFinish(job, finish)) this.stop(job, 'done');
    }
    const deadlines = this.deadlines;
    while (deadlines.length > 0 && (deadlines.peekValue() as number) <= nowMs) {
      const deadlineMs = deadlines.peekValue() as number;
      const job = deadlines.pop() as number;
      if (this.isLiveDeadline(job, deadlineMs)) this.stop(job, 'expired');
    }
    this.setLevel(this.n - this.ended.length);
    this.retime();
    // the owner hears last, with the capacity already re-shared; what it starts re-times again
    const ended = this.ended.splice(0);
    const how = this.endedHow.splice(0);
    for (let i = 0; i < ended.length; i++) this.end(ended[i], how[i]);
  }

  private stop(job: number, how: JobEnd): void {
    this.live[job] = 0;
    this.ended.push(job);
    this.endedHow.push(how);
  }
}
