/**
 * The callers. Each arrival becomes a logical request that makes one
 * attempt against the front door. If the reply does not come within the
 * client's time-out, the client stops waiting and records a time-out, but
 * the work it started keeps running downstream (and is still billed): a
 * reply that comes back later is counted as wasted work.
 *
 * Not yet modelled here: retries, back-off, retry budgets and circuit
 * breakers (see DESIGN §4.2).
 */
import type { Attempt, Component, ComponentContext, Hop, LogicalRequest, ReplyCause, ReplyTarget, Usage } from '../component.js';
import { classifyStatus } from '../component.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import type { ArrivalTarget } from '../load/open-loop-load.js';

export interface ClientTotals {
  requests: number;
  requestsInFlight: number;
  attempts: number;
  attemptsInFlight: number;
}

export interface ClientPoolOptions {
  /** Attempt time-out; Infinity waits for ever. */
  timeoutMs: number;
}

/** Status recorded for an attempt the client gave up waiting for. */
export const CLIENT_TIMEOUT_STATUS = 0;

export class ClientPool implements Component, ArrivalTarget, ReplyTarget {
  readonly kind = 'client' as const;
  private ctx!: ComponentContext;
  private timeouts: DeadlineQueue<Attempt> | null = null;
  private nextRequestId = 0;
  private inFlight = 0;
  private attemptsStarted = 0;
  private attemptsInFlight = 0;
  private lateReplies = 0;
  private frontDoor!: Hop;

  constructor(
    readonly id: string,
    private readonly options: ClientPoolOptions,
  ) {}

  /** Where attempts go (the front door). */
  connect(frontDoor: Hop): void {
    this.frontDoor = frontDoor;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    if (Number.isFinite(this.options.timeoutMs)) {
      this.timeouts = new DeadlineQueue<Attempt>(ctx.sim, this.options.timeoutMs, (attempt) => this.timeOut(attempt));
    }
  }

  /** What arrived and what is still waiting: the client's side of the conservation law. */
  totals(): ClientTotals {
    return {
      requests: this.nextRequestId,
      requestsInFlight: this.inFlight,
      attempts: this.attemptsStarted,
      attemptsInFlight: this.attemptsInFlight,
    };
  }

  usage(): Usage {
    return { requests: this.nextRequestId, attempts: this.attemptsStarted, lateReplies: this.lateReplies };
  }

  arrive(atMs: number): void {
    const request: LogicalRequest = { id: this.nextRequestId++, arrivalMs: atMs, counted: atMs >= this.ctx.warmupMs, attempts: 0 };
    this.inFlight++;
    this.ctx.metrics.requestArrived(atMs, request.counted);
    this.startAttempt(request);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    const nowMs = this.ctx.sim.now;
    if (attempt.clientDone) {
      // the client left at its time-out; this work was done for nobody
      this.lateReplies++;
      this.ctx.metrics.count('wastedWork', nowMs);
      return;
    }
    attempt.clientDone = true;
    if (attempt.clientDeadline >= 0) this.timeouts?.cancel(attempt.clientDeadline);
    this.attemptsInFlight--;
    const request = attempt.request;
    this.ctx.metrics.attemptEnded(nowMs, nowMs - attempt.startMs, status, cause, request.counted);
    this.finish(request, classifyStatus(status, cause) === 'ok' ? 'ok' : 'error');
  }

  private startAttempt(request: LogicalRequest): void {
    request.attempts++;
    this.attemptsStarted++;
    this.attemptsInFlight++;
    const attempt: Attempt = {
      request,
      number: request.attempts,
      startMs: this.ctx.sim.now,
      clientDone: false,
      frontDoorDone: false,
      clientDeadline: -1,
      frontDoorDeadline: -1,
    };
    if (this.timeouts) attempt.clientDeadline = this.timeouts.add(attempt);
    this.frontDoor.receive(attempt, this);
  }

  private timeOut(attempt: Attempt): void {
    attempt.clientDone = true;
    this.attemptsInFlight--;
    const nowMs = this.ctx.sim.now;
    this.ctx.metrics.attemptEnded(nowMs, nowMs - attempt.startMs, CLIENT_TIMEOUT_STATUS, 'client-timeout', attempt.request.counted);
    this.finish(attempt.request, 'timeout');
  }

  private finish(request: LogicalRequest, outcome: 'ok' | 'error' | 'timeout'): void {
    this.inFlight--;
    const nowMs = this.ctx.sim.now;
    this.ctx.metrics.requestEnded(nowMs, nowMs - request.arrivalMs, outcome, request.attempts, request.counted);
  }
}
