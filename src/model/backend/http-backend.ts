/**
 * An HTTP service (DESIGN §4.6): `servers` identical servers (threads,
 * connections), a queue of bounded or unbounded length served FIFO (or LIFO)
 * (both the shared server pool, ../shared/server-pool.ts), and a service time
 * drawn per request. A request that finds the queue full is rejected at once
 * with `rejectStatus` (503 by default).
 *
 * - slowdown: service time stretches with contention: with u = busy/servers
 *   at service start, time × (1 + (factor − 1) · clamp((u − at) / (1 − at), 0, 1)),
 *   so it is unchanged below `at` and `factor` times longer with every server
 *   busy. Meaningful with several servers.
 * - dropExpired: work whose client already gave up is dropped when it
 *   reaches the head of the queue instead of being served (the mitigation);
 *   without it the service does work nobody waits for, as real services do.
 * - sharing: processor sharing instead of one request per server: every
 *   request in service (up to `servers`, the rest wait in the queue)
 *   progresses at X(n)/n of its speed alone, X the capacity curve
 *   (./capacity-curve.ts, ./shared-processor.ts), so work in flight slows
 *   down as concurrency rises: the load-dependent service of overloaded
 *   systems, where a storm can settle into a sticky degraded state.
 * - cancellation 'deadline': the caller's deadline (its time-out) is passed
 *   downstream; work still in service when it passes is abandoned (answered
 *   499, nobody listening) and frees its server or its share, and queued
 *   work whose client left is dropped (as with dropExpired).
 * - failures: error rate (served, then 500), added latency (servers stay
 *   busy longer: a brownout), outage (503 at once), capacity cut.
 * - a backlog at t=0 (./backlog.ts): work that keeps servers and queue busy
 *   until it drains, counted as `backlogServed`, not as `served`.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyTarget } from '../component.js';
import { clientWaits, deadlineOf } from '../attempt-lifecycle.js';
import { recordStage, STAGE_QUEUE } from '../stage-timing.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { ServerPool } from '../shared/server-pool.js';
import type { QueueDiscipline } from '../shared/waiting-line.js';
import { BACKLOG_REPLY, backlogAttempt } from './backlog.js';
import type { CapacityCurve } from './capacity-curve.js';
import { EXPIRY_PRIORITY, SharedProcessor } from './shared-processor.js';

export interface HttpBackendOptions {
  servers: number;
  /** Requests that may wait (not counting those in service); Infinity for unbounded. */
  queueCapacity: number;
  discipline: QueueDiscipline;
  service: Distribution;
  rejectStatus: number;
  errorRate: number;
  slowdown: { at: number; factor: number } | null;
  dropExpired: boolean;
  /** Processor sharing with this capacity curve (null: each server serves one request at a time). */
  sharing?: CapacityCurve | null;
  /** 'deadline': the caller's deadline is passed downstream and work past it is abandoned. Default 'none'. */
  cancellation?: 'none' | 'deadline';
  /**
   * Requests waiting at t=0 behind every server busy (a scenario's
   * initialState; none without one): `servers + queuedAtStart` pieces of
   * backlog work (./backlog.ts), each in service for a fresh service time.
   */
  queuedAtStart?: number;
}

export const BACKEND_OK_STATUS = 200;
export const BACKEND_ERROR_STATUS = 500;
export const BACKEND_DOWN_STATUS = 503;
/** Work abandoned at its caller's deadline: nobody hears it (nginx logs such a request as 499, client closed request). */
export const BACKEND_CANCELLED_STATUS = 499;

/** An HTTP service, for the window's requests: served, rejected, failed, dropped and wasted work, waits and its longest queue. */
export type BackendUsage = {
  readonly served: number;
  readonly rejected: number;
  readonly errors: number;
  readonly droppedExpired: number;
  readonly wastedServed: number;
  readonly waitMsTotal: number;
  readonly waited: number;
  readonly peakQueue: number;
  /** Only with a backlog at the start (initialState). */
  readonly backlogServed?: number;
  /** Only with cancellation: work abandoned in service at its caller's deadline. */
  readonly cancelled?: number;
};

export class HttpBackend implements Component<BackendUsage>, Hop, Gauged, FailureTarget {
  readonly kind = 'backend' as const;
  private ctx!: ComponentContext;
  private serviceStream!: RandomStream;
  private errorStream!: RandomStream;
  /** Counter ids (see RecordSink.counterId). */
  private readonly counterIds = { rejected: -1, waitMs: -1, dropped: -1 };
  private readonly pool: ServerPool;
  /**
   * Work in service, by server: the completion event carries the server's
   * number, so serving allocates nothing (see ../shared/waiting-line.ts for
   * why that matters). A server's number is free once its work completes.
   */
  private readonly serving: { attempts: Array<Attempt | null>; replyTos: Array<ReplyTarget | null>; failing: Uint8Array; expiring: Uint8Array; queueMs: Float64Array; free: number[] };
  private failure: FailureEffects = NO_FAILURE;
  private readonly onDone: EventCallback<number>;
  private readonly counters = { served: 0, rejected: 0, errors: 0, droppedExpired: 0, wastedServed: 0, waitMsTotal: 0, waited: 0, peakQueue: 0 };
  private backlogServed = 0;
  private cancelled = 0;
  private processor: SharedProcessor | null = null;
  private readonly cancels: boolean;

  constructor(
    readonly id: string,
    private readonly options: HttpBackendOptions,
  ) {
    if ((options.queuedAtStart ?? 0) > options.queueCapacity) throw new RangeError(`a backlog of ${options.queuedAtStart} does not fit a queue of ${options.queueCapacity}`);
    this.onDone = (server) => this.complete(server);
    this.cancels = options.cancellation === 'deadline';
    this.pool = new ServerPool({ servers: options.servers, queueCapacity: options.queueCapacity, discipline: options.discipline });
    const servers = options.servers;
    this.serving = {
      attempts: new Array<Attempt | null>(servers).fill(null),
      replyTos: new Array<ReplyTarget | null>(servers).fill(null),
      failing: new Uint8Array(servers),
      expiring: new Uint8Array(servers),
      queueMs: new Float64Array(servers),
      free: Array.from({ length: servers }, (_, i) => servers - 1 - i), // popped from the end: server 0 first
    };
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.serviceStream = ctx.streams.get(`${this.id}.service`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    this.counterIds.rejected = ctx.metrics.counterId('backendRejected');
    this.counterIds.waitMs = ctx.metrics.counterId('backendWaitMs');
    this.counterIds.dropped = ctx.metrics.counterId('droppedExpired');
    const sharing = this.options.sharing;
    if (sharing) this.processor = new SharedProcessor(ctx.sim, sharing, this.options.servers, (server, how) => this.complete(server, how === 'expired'));
    this.startBacklog(this.options.queuedAtStart ?? 0);
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    this.pool.setCapacity(effects.capacity);
    this.startWaiting(); // a capacity cut that ends frees servers for queued work
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const nowMs = this.ctx.sim.now;
    if (this.failure.outage) {
      replyTo.onReply(attempt, BACKEND_DOWN_STATUS, 'backend-down');
      return;
    }
    const admission = this.pool.admit(attempt, replyTo, nowMs);
    if (admission === 'start') {
      this.serve(attempt, replyTo, nowMs, attempt.counted, nowMs);
      return;
    }
    if (admission === 'full') {
      const counted = attempt.counted;
      if (counted) this.counters.rejected++;
      this.ctx.metrics.countById(this.counterIds.rejected, nowMs, counted);
      replyTo.onReply(attempt, this.options.rejectStatus, 'backend-full');
      return;
    }
    const waiting = this.pool.waiting;
    if (waiting > this.counters.peakQueue && this.ctx.window.includes(nowMs)) this.counters.peakQueue = waiting; // a level: the window's time
  }

  usage(): BackendUsage {
    // backlogServed only with a backlog and cancelled only with cancellation, so a run without them reports what it always did
    return {
      ...this.counters,
      ...(this.options.queuedAtStart ? { backlogServed: this.backlogServed } : {}),
      ...(this.cancels ? { cancelled: this.cancelled } : {}),
    };
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.busy`]: this.pool.busy, [`${this.id}.queue`]: this.pool.waiting };
  }

  peaks(): Record<string, number> {
    return { [`${this.id}.busy`]: this.pool.peakBusy(), [`${this.id}.queue`]: this.pool.peakWaiting() };
  }

  private serve(attempt: Attempt, replyTo: ReplyTarget, enqueuedMs: number, counted: boolean, nowMs: number): void {
    this.pool.occupy();
    if (counted) {
      this.counters.waited++;
      this.counters.waitMsTotal += nowMs - enqueuedMs;
      this.ctx.metrics.countById(this.counterIds.waitMs, nowMs, true, nowMs - enqueuedMs);
    }
    const errorRate = this.options.errorRate + this.failure.errorRate - this.options.errorRate * this.failure.errorRate;
    const failing = errorRate > 0 && this.errorStream.next() < errorRate;
    let serviceMs = this.options.service.sample(this.serviceStream) * this.slowdownFactor();
    for (const extra of this.failure.addLatency) serviceMs += extra.sample(this.serviceStream);
    const server = this.serving.free.pop() as number; // busy <= servers, so one is free
    this.serving.attempts[server] = attempt;
    this.serving.replyTos[server] = replyTo;
    this.serving.failing[server] = failing ? 1 : 0;
    // the attempt's wait, given to it at the completion and only if its client still waits:
    // serving an attempt that waited seconds touches none of it
    this.serving.queueMs[server] = nowMs - enqueuedMs;
    const deadlineMs = this.cancels ? deadlineOf(attempt) : Infinity;
    if (this.processor) {
      this.processor.start(server, serviceMs, deadlineMs);
    } else if (deadlineMs < nowMs + serviceMs) {
      this.serving.expiring[server] = 1;
      this.ctx.sim.schedule(Math.max(0, deadlineMs - nowMs), this.onDone, server, EXPIRY_PRIORITY);
    } else {
      this.ctx.sim.schedule(serviceMs, this.onDone, server);
    }
  }

  private slowdownFactor(): number {
    const slowdown = this.options.slowdown;
    if (!slowdown) return 1;
    const u = this.pool.busy / this.options.servers;
    const t = slowdown.at >= 1 ? 0 : Math.min(1, Math.max(0, (u - slowdown.at) / (1 - slowdown.at)));
    return 1 + (slowdown.factor - 1) * t;
  }

  /** The work on `server` is done, or (`expired`) abandoned at its caller's deadline. */
  private complete(server: number, expired = this.serving.expiring[server] === 1): void {
    const serving = this.serving;
    const attempt = serving.attempts[server] as Attempt;
    const replyTo = serving.replyTos[server] as ReplyTarget;
    const failing = serving.failing[server] === 1;
    if (expired) {
      this.abandon(server, attempt, replyTo);
      return;
    }
    const clientLeft = !clientWaits(attempt);
    if (!clientLeft) recordStage(attempt, STAGE_QUEUE, serving.queueMs[server]);
    serving.attempts[server] = null;
    serving.replyTos[server] = null;
    serving.free.push(server);
    this.pool.release();
    const nowMs = this.ctx.sim.now;
    if (replyTo === BACKLOG_REPLY) {
      if (this.ctx.window.includes(nowMs)) this.backlogServed++; // work for no request: by when it is done
    } else if (attempt.counted) {
      this.counters.served++;
      if (failing) this.counters.errors++;
      if (clientLeft) this.counters.wastedServed++;
    }
    this.startWaiting();
    if (failing) replyTo.onReply(attempt, BACKEND_ERROR_STATUS, 'backend-error');
    else replyTo.onReply(attempt, BACKEND_OK_STATUS, 'ok');
  }

  /** Frees the server of work whose caller's deadline passed, and answers for nobody. */
  private abandon(server: number, attempt: Attempt, replyTo: ReplyTarget): void {
    const serving = this.serving;
    serving.attempts[server] = null;
    serving.replyTos[server] = null;
    serving.expiring[server] = 0;
    serving.free.push(server);
    this.pool.release();
    if (attempt.counted) this.cancelled++;
    this.startWaiting();
    replyTo.onReply(attempt, BACKEND_CANCELLED_STATUS, 'backend-cancelled');
  }

  /** A backlog fills every server first: a queue only forms behind busy servers. */
  private startBacklog(queued: number): void {
    if (queued <= 0) return;
    const nowMs = this.ctx.sim.now;
    for (let i = 0; i < this.options.servers + queued; i++) this.receive(backlogAttempt(i, nowMs), BACKLOG_REPLY);
  }

  /** Starts queued work while servers are free (dropping expired work if asked to). */
  private startWaiting(): void {
    const nowMs = this.ctx.sim.now;
    const pool = this.pool;
    const waiting = pool.line;
    while (pool.next()) {
      const attempt = waiting.takenAttempt as Attempt;
      const replyTo = waiting.takenReplyTo as ReplyTarget;
      if ((this.options.dropExpired || this.cancels) && !clientWaits(attempt)) {
        const counted = waiting.takenCounted;
        if (counted) this.counters.droppedExpired++;
        this.ctx.metrics.countById(this.counterIds.dropped, nowMs, counted);
        replyTo.onReply(attempt, this.options.rejectStatus, 'backend-dropped');
        continue;
      }
      this.serve(attempt, replyTo, waiting.takenJoinedMs, waiting.takenCounted, nowMs);
    }
  }
}
