/**
 * c identical servers and a bounded line of work waiting for them (DESIGN
 * §4.6), the resource an HTTP service is made of: work that finds a server
 * free and nobody waiting starts at once, work that finds every server busy
 * joins the line unless it is full, and each freed server takes the work the
 * line's discipline (./waiting-line.ts) serves next.
 *
 * The pool counts; its owner serves. It never schedules: the owner draws the
 * service time, schedules the completion and gives the server back with
 * `release`, as SimPy's Resource leaves the holding to the process. So an
 * owner may hold a place across several events (an event bus's delivery,
 * from publication to its fate), and may turn away work taken from the line
 * without it ever holding a server (a back end dropping work whose client
 * left).
 *
 * Its gauges are the levels of both (busy servers, waiting work) and the
 * highest of each since the owner last looked, so a peak between two
 * samples is not missed. How many servers can work may fall during a run (a
 * capacity cut); work in service finishes, and no new work starts until
 * fewer than that are busy.
 */
import type { Attempt, ReplyTarget } from '../component.js';
import { createWaitingLine, type QueueDiscipline, type WaitingLine } from './waiting-line.js';

export interface ServerPoolOptions {
  /** c; Infinity for as many as there is work (nothing ever waits). */
  servers: number;
  /** Work that may wait, not counting work in service; Infinity for unbounded. */
  queueCapacity: number;
  /** Which waiting work a freed server takes (a name from QUEUE_DISCIPLINES). */
  discipline: QueueDiscipline;
}

/** What became of arriving work: a server is free for it (`occupy` one), it waits, or the line is full. */
export type Admission = 'start' | 'wait' | 'full';

export class ServerPool {
  readonly servers: number;
  readonly queueCapacity: number;
  /**
   * The line: after `next` returned true, its `taken*` fields hold the work
   * to serve (parallel fields, not an object per waiting request).
   */
  readonly line: WaitingLine;
  /** Servers that may work now: fewer than `servers` during a capacity cut. */
  private usable: number;
  private busyCount = 0;
  private busyPeak = 0;
  private waitingPeak = 0;

  constructor(options: ServerPoolOptions) {
    if (!(options.servers >= 0) || !(options.queueCapacity >= 0)) throw new RangeError(`a pool of ${options.servers} servers and ${options.queueCapacity} waiting places`);
    this.servers = options.servers;
    this.queueCapacity = options.queueCapacity;
    this.usable = options.servers;
    this.line = createWaitingLine(options.discipline);
  }

  /** Servers working now. */
  get busy(): number {
    return this.busyCount;
  }

  /** Work waiting now. */
  get waiting(): number {
    return this.line.size;
  }

  /** `fraction` of the servers may work (1 or more: all; the count rounds down). */
  setCapacity(fraction: number): void {
    this.usable = fraction >= 1 ? this.servers : Math.floor(this.servers * fraction);
  }

  /**
   * Arriving work: 'start' if a server may take it now and nobody waits
   * (the owner then `occupy`s one), 'full' if it must wait and the line is
   * full (nothing kept), else it joins the line and gets 'wait'.
   */
  admit(attempt: Attempt, replyTo: ReplyTarget, nowMs: number): Admission {
    const line = this.line;
    if (this.busyCount < this.usable && line.size === 0) return 'start';
    if (line.size >= this.queueCapacity) return 'full';
    line.push(attempt, replyTo, nowMs);
    if (line.size > this.waitingPeak) this.waitingPeak = line.size;
    return 'wait';
  }

  /** A server starts on work (admitted with 'start', or taken by `next`). */
  occupy(): void {
    this.busyCount++;
    if (this.busyCount > this.busyPeak) this.busyPeak = this.busyCount;
  }

  /** A server finished its work and is free. */
  release(): void {
    this.busyCount--;
  }

  /**
   * While a server may work and work waits: takes the work the discipline
   * serves next into `line.taken*` and returns true (the owner `occupy`s a
   * server for it, or turns it away); false otherwise.
   */
  next(): boolean {
    return this.busyCount < this.usable && this.line.take();
  }

  /** The most servers busy at once since the last call (then starts again from now's level). */
  peakBusy(): number {
    const peak = Math.max(this.busyPeak, this.busyCount);
    this.busyPeak = this.busyCount;
    return peak;
  }

  /** The longest the line was since the last call (then starts again from now's length). */
  peakWaiting(): number {
    const peak = Math.max(this.waitingPeak, this.line.size);
    this.waitingPeak = this.line.size;
    return peak;
  }
}
