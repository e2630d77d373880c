/**
 * The callers (DESIGN §4.2). Each arrival becomes a logical request from one
 * caller (API key) for one key (cache key), and makes attempts against the
 * front door until one succeeds or the client stops:
 *
 * - time-out: after `timeoutMs` the client stops waiting for an attempt; the
 *   work it started keeps running downstream and is still billed (its late
 *   reply is counted as wasted work);
 * - retries: an attempt that failed with a status (or time-out) the policy
 *   retries on is tried again after a back-off, up to `attempts` in all, if
 *   the caller's retry budget has tokens; a 429 waits at least
 *   `throttleDelayMs` (as a Retry-After header would ask);
 * - circuit breaker: a caller whose recent attempts mostly failed stops
 *   sending for a while; requests it refuses end as `circuit-open`.
 * The retry decision, budgets and breakers are the shared retrier's
 * (../shared/retrier.ts); the client counts, schedules and ends requests.
 *
 * Final outcomes: ok; error or timeout (a failure the policy does not retry);
 * gave-up (it would retry but has no attempts or budget left); circuit-open.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { FinalOutcome } from '../../metrics/record-sink.js';
import type { Attempt, Component, ComponentContext, Hop, LogicalRequest, ReplyCause, ReplyTarget } from '../component.js';
import { armClientDeadline, AttemptPool, cancelClientDeadline, clientHasOutcome, clientWaits, releaseAttempt, RequestPool } from '../attempt-lifecycle.js';
import type { CircuitBreakerOptions } from '../shared/circuit-breaker.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import { Retrier } from '../shared/retrier.js';
import type { RetryBudgetOptions } from '../shared/retry-budget.js';
import type { RetryPolicy } from '../shared/retry-policy.js';
import type { Distribution } from '../shared/distribution.js';
import type { ZipfSampler } from '../shared/zipf-sampler.js';
import type { WeightedSampler } from '../shared/weighted-sampler.js';
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
  /** Who calls: one caller per API key, drawn per request. */
  callers: ZipfSampler;
  /** What is asked for: cache keys, drawn per request. */
  keys: ZipfSampler;
  /** Which route each request takes, by weight (null: one route). */
  routes: WeightedSampler | null;
  retry: RetryPolicy;
  requestBytes: Distribution;
  responseBytes: Distribution;
  budget: RetryBudgetOptions | null;
  breaker: CircuitBreakerOptions | null;
  /** Reuse finished attempts (../shared/attempt-pool.ts); false only to test that reuse changes nothing. Default true. */
  reuseAttempts?: boolean;
  /**
   * Reuse finished requests too (with reuseAttempts): only where nothing
   * reads a request after its final outcome (no event bus, whose deliveries
   * keep it, and no dependency, whose calls make attempts from it and may
   * outlive the client's wait). Default false.
   */
  reuseRequests?: boolean;
}

/** Told when a request has its final outcome (closed-loop users wait for it). */
export interface RequestListener {
  requestFinished(user: number): void;
}

/** Status recorded for an attempt the client gave up waiting for. */
export const CLIENT_TIMEOUT_STATUS = 0;

/** The clients: requests and attempts made, retries, give-ups, and what budgets and breakers stopped. */
export type ClientUsage = {
  readonly requests: number;
  readonly attempts: number;
  readonly lateReplies: number;
  readonly retries: number;
  readonly gaveUp: number;
  readonly budgetDenied: number;
  readonly circuitOpen: number;
  readonly breakerOpened: number;
};

export class ClientPool implements Component<ClientUsage>, ArrivalTarget, ReplyTarget {
  readonly kind = 'client' as const;
  private ctx!: ComponentContext;
  private timeouts: DeadlineQueue<Attempt> | null = null;
  private callerStream!: RandomStream;
  private keyStream!: RandomStream;
  private routeStream!: RandomStream;
  private jitterStream!: RandomStream;
  private payloadStream!: RandomStream;
  /** Both body sizes, when both are constant (else null): the payload stream, which nothing else reads, then draws nothing. */
  private readonly fixedSizes: { requestBytes: number; responseBytes: number } | null;
  private retriesCounter = -1;
  private wastedWorkCounter = -1;
  private readonly retrier: Retrier;
  private readonly attempts: AttemptPool;
  /** Requests that have their final outcome, handed out again where nothing reads them after it (../attempt-lifecycle.ts). */
  private readonly requests: RequestPool;
  private frontDoor!: Hop;
  private listener: RequestListener | null = null;
  private readonly onRetry: EventCallback<LogicalRequest>;
  private nextRequestId = 0;
  private inFlight = 0;
  private attemptsStarted = 0;
  private attemptsInFlight = 0;
  /** Of the requests in the measurement window (./../measurement-window.ts): requests and attempts made, late replies, retries, give-ups. */
  private readonly counters = { requests: 0, attempts: 0, lateReplies: 0, retries: 0, gaveUp: 0, budgetDenied: 0, circuitOpen: 0, breakerOpened: 0 };

  constructor(
    readonly id: string,
    private readonly options: ClientPoolOptions,
  ) {
    this.retrier = new Retrier({ policy: options.retry, budget: options.budget, breaker: options.breaker, callers: options.callers.count });
    this.onRetry = (request) => this.startAttempt(request);
    const request = options.requestBytes.spec;
    const response = options.responseBytes.spec;
    this.fixedSizes = request.kind === 'constant' && response.kind === 'constant' ? { requestBytes: Math.round(request.value), responseBytes: Math.round(response.value) } : null;
    this.requests = new RequestPool((options.reuseAttempts ?? true) && (options.reuseRequests ?? false));
    this.attempts = new AttemptPool(options.reuseAttempts ?? true);
  }

  /** Where attempts go (the front door). */
  connect(frontDoor: Hop, listener: RequestListener | null = null): void {
    this.frontDoor = frontDoor;
    this.listener = listener;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.callerStream = ctx.streams.get(`${this.id}.callers`);
    this.keyStream = ctx.streams.get(`${this.id}.keys`);
    this.routeStream = ctx.streams.get(`${this.id}.routes`);
    this.jitterStream = ctx.streams.get(`${this.id}.jitter`);
    this.payloadStream = ctx.streams.get(`${this.id}.payload`);
    this.retriesCounter = ctx.metrics.counterId('retries');
    this.wastedWorkCounter = ctx.metrics.counterId('wastedWork');
    if (Number.isFinite(this.options.timeoutMs)) {
      this.timeouts = new DeadlineQueue<Attempt>(ctx.sim, this.options.timeoutMs, (attempt, startMs) => this.timeOut(attempt, startMs));
    }
  }

  /** Finished requests waiting to be handed out again (0 without request reuse). */
  get pooledRequests(): number {
    return this.requests.size;
  }

  /** What arrived and what is still waiting: the client's side of the conservation law. */
  totals(): ClientTotals {
    return { requests: this.nextRequestId, requestsInFlight: this.inFlight, attempts: this.attemptsStarted, attemptsInFlight: this.attemptsInFlight };
  }

  usage(): ClientUsage {
    return { ...this.counters, breakerOpened: this.retrier.breakerOpenings };
  }

  arrive(atMs: number, user: number): void {
    const sizes = this.fixedSizes;
    const id = this.nextRequestId++;
    const counted = this.ctx.window.includes(atMs);
    if (counted) this.counters.requests++;
    // one caller or one key: no draw needed (each has its own stream, so nothing else shifts)
    const caller = this.options.callers.count > 1 ? this.options.callers.sample(this.callerStream) : 0;
    const key = this.options.keys.count > 1 ? this.options.keys.sample(this.keyStream) : 0;
    const route = this.options.routes ? this.options.routes.sample(this.routeStream) : 0;
    const requestBytes = sizes ? sizes.requestBytes : Math.round(this.options.requestBytes.sample(this.payloadStream));
    const responseBytes = sizes ? sizes.responseBytes : Math.round(this.options.responseBytes.sample(this.payloadStream));
    const request = this.requests.acquire();
    request.id = id;
    request.arrivalMs = atMs;
    request.counted = counted;
    request.attempts = 0;
    request.caller = caller;
    request.key = key;
    request.route = route;
    request.user = user;
    request.lastBackoffMs = -0;
    request.retryTokens = 0;
    request.requestBytes = requestBytes;
    request.responseBytes = responseBytes;
    this.inFlight++;
    this.ctx.metrics.requestArrived(atMs, request.counted);
    this.startAttempt(request);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (!clientWaits(attempt)) {
      // the client left at its time-out; this work was done for nobody
      const counted = attempt.counted;
      if (counted) this.counters.lateReplies++;
      this.ctx.metrics.countById(this.wastedWorkCounter, this.ctx.sim.now, counted);
      return;
    }
    cancelClientDeadline(attempt, this.timeouts);
    this.endAttempt(attempt, status, cause, attempt.startMs);
    releaseAttempt(attempt); // the client's hold; a late reply (above) comes after it was released
  }

  private startAttempt(request: LogicalRequest): void {
    const nowMs = this.ctx.sim.now;
    if (!this.retrier.allows(request, nowMs)) {
      if (request.counted) this.counters.circuitOpen++;
      this.finish(request, 'circuit-open');
      return;
    }
    request.attempts++;
    this.attemptsStarted++;
    if (request.counted) this.counters.attempts++;
    this.attemptsInFlight++;
    this.ctx.metrics.attemptStarted(nowMs, request.counted);
    const attempt = this.attempts.acquire(request, request.attempts, nowMs);
    if (this.timeouts) armClientDeadline(attempt, this.timeouts);
    this.frontDoor.receive(attempt, this);
  }

  /** `startMs`: when the time-out queue took the attempt, at its start (so the attempt's own boxed start time is not read). */
  private timeOut(attempt: Attempt, startMs: number): void {
    this.endAttempt(attempt, CLIENT_TIMEOUT_STATUS, 'client-timeout', startMs);
    releaseAttempt(attempt);
  }

  private endAttempt(attempt: Attempt, status: number, cause: ReplyCause, startMs: number): void {
    clientHasOutcome(attempt);
    this.attemptsInFlight--;
    const nowMs = this.ctx.sim.now;
    // the request is read only where it must be: an attempt that times out and
    // is retried needs its number and `counted`, which the attempt carries
    const request = attempt.request;
    this.ctx.metrics.attemptEnded(nowMs, nowMs - startMs, status, cause, attempt.counted);
    const ok = status >= 200 && status < 300; // classifyStatus(status, cause) === 'ok', without its string test for failures
    if (ok) {
      this.retrier.succeeded(request, nowMs);
      this.finish(request, 'ok');
      return;
    }
    const timedOut = status === CLIENT_TIMEOUT_STATUS;
    // this is the request's latest attempt (it retries only once one ends): its number is the attempts made
    const verdict = this.retrier.failed(request, nowMs, status, timedOut, attempt.number);
    if (verdict === 'retry') this.scheduleRetry(request, attempt.number, status);
    else if (verdict === 'final') this.finish(request, timedOut ? 'timeout' : 'error');
    else {
      if (verdict === 'budget-spent' && request.counted) this.counters.budgetDenied++;
      this.giveUp(request);
    }
  }

  private scheduleRetry(request: LogicalRequest, attempts: number, status: number): void {
    // the retrier reads the request only for decorrelated jitter
    const delayMs = this.retrier.backoffMs(request, attempts, status, this.jitterStream);
    if (request.counted) this.counters.retries++;
    this.ctx.metrics.countById(this.retriesCounter, this.ctx.sim.now, request.counted);
    this.ctx.sim.schedule(delayMs, this.onRetry, request);
  }

  private giveUp(request: LogicalRequest): void {
    if (request.counted) this.counters.gaveUp++;
    this.finish(request, 'gave-up');
  }

  private finish(request: LogicalRequest, outcome: FinalOutcome): void {
    this.inFlight--;
    const nowMs = this.ctx.sim.now;
    this.ctx.metrics.requestEnded(nowMs, nowMs - request.arrivalMs, outcome, request.attempts, request.counted);
    if (this.listener && request.user >= 0) this.listener.requestFinished(request.user);
    // the client reads the request no more, and nothing else reads it (attempts
    // still downstream carry copies of what they need)
    this.requests.finished(request);
  }
}
