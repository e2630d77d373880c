/**
 * The asynchronous alternative to an API (README: The asynchronous path):
 * the producer calls EventBridge's PutEvents, which answers as soon as the
 * event is accepted, and each of the rule's targets gets the event later
 * through Lambda's asynchronous invocation. Nobody waits for the consumer,
 * so its failures never reach the producer as errors and never turn into
 * client retries: Lambda retries them itself, on a fixed schedule, and an
 * event that runs out of retries or of time goes to the dead-letter queue.
 *
 * For each PutEvents call (one event per call):
 * 1. the call's own latency (a failure window on the gateway adds to it,
 *    and its error rate fails the call with 500);
 * 2. an entry over 1 MB: 400; the PutEvents quota (a token bucket): 429;
 * 3. accepted: 200 to the producer after the call's latency; each target's
 *    delivery starts after the bus's own latency.
 *
 * Each delivery invokes the integration function (`../lambda/`):
 * - success: delivered; the time since publication is the delivery latency;
 * - throttled (no concurrency left): back to the queue, retried after 1 s,
 *   2 s, 4 s... up to 5 minutes between tries; these do not use up retries;
 * - a function error or time-out: retried after 1 minute, then 2 minutes,
 *   `retries` times (0 to 2); then the event is dropped to the dead-letter
 *   queue;
 * - an event whose next try would come after `maxEventAgeMs` since it was
 *   published is dropped (expired) to the dead-letter queue instead;
 * - an event still waiting when the run stops (its drain included) is
 *   reported as `undelivered`, so nothing leaves the figures unseen:
 *   published x targets = delivered + deadLettered + expired + undelivered.
 * Lambda documents these delays without jitter; the throttle back-off here
 * draws each wait between half and all of its value (ASSUMPTION), so
 * throttled events do not come back in lockstep.
 *
 * ASSUMPTION: EventBridge's own retries (of target invocations it could not
 * make) and Lambda's queue are one queue here: EventBridge hands the event
 * to Lambda's asynchronous queue at once and Lambda's retry rules decide.
 *
 * A queue target (`integration.type: sqs`, `queueTarget`): each delivery is
 * EventBridge's SendMessage to the queue (../queue/sqs-queue.ts), delivered
 * once the queue accepts it; the queue's event source mapping then invokes
 * the consumer, and the queue records the delay from publication to
 * processing. A delivery the queue refuses is retried by EventBridge's
 * retry policy (src/catalog/event-buses.ts): a throttle or a server error
 * after a wait that doubles from `firstWaitMs` to `maxWaitMs` (drawn
 * between half and all of it), up to `retries` times and within
 * `maxEventAgeMs`; a client error (a message too large) is not retried.
 * Out of retries or too old, the event goes to the target's dead-letter
 * queue (counted deadLettered or expired, as for a function).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, LogicalRequest, ReplyCause, ReplyTarget, RunEndListener } from '../component.js';
import { clientWaits, newAttempt, releaseAttempt } from '../attempt-lifecycle.js';
import { recordStage, STAGE_OVERHEAD } from '../stage-timing.js';
import type { Distribution } from '../shared/distribution.js';
import { ServerPool } from '../shared/server-pool.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { ThrottleChain } from '../throttle/throttle-chain.js';

export interface EventBusOptions {
  /** PutEvents' own latency. */
  putLatency: Distribution;
  throttles: ThrottleChain;
  /** Largest entry PutEvents accepts (bytes). */
  maxEntryBytes: number;
  /** Billing unit: an event counts as ceil(bytes / chunkBytes) events. */
  chunkBytes: number;
  /** Status the producer sees, by cause (throttle-account, payload-too-large, gateway-error). */
  statusByCause: Partial<Record<ReplyCause, number>>;
  /** Rule targets each event is delivered to. */
  targets: number;
  /** From an accepted event to the start of its delivery. */
  deliveryLatency: Distribution;
  /** Retries of a failed function (0 to 2), the n-th after n × retryWaitMs. */
  retries: number;
  retryWaitMs: number;
  /** Throttle back-off: first and largest wait. */
  throttleFirstMs: number;
  throttleMaxMs: number;
  /** An event older than this when its next try comes is dropped. */
  maxEventAgeMs: number;
  /**
   * The end of the measured window: no event is tried again from then on
   * (a retry or a throttled try waits, counted as undelivered when the run
   * ends); first deliveries still go, as requests in flight finish on the
   * synchronous path. The month is priced from the window's rates, and a
   * backlog worked off in the run's drain would bill the function for more
   * than it could do in the window.
   */
  deliverUntilMs: number;
  /** The target is an SQS queue, retried by EventBridge's policy (null: a Lambda function, Lambda's asynchronous invocation). */
  queueTarget: QueueTargetPolicy | null;
}

/** EventBridge's retry policy for a queue target. */
export interface QueueTargetPolicy {
  readonly retries: number;
  readonly maxEventAgeMs: number;
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
}

/** One event on its way to one target. */
interface Delivery {
  readonly request: LogicalRequest;
  readonly publishedMs: number;
  /** Published by a request of the measurement window: counted in the figures. */
  readonly counted: boolean;
  /** Tries so far, and function failures among them. */
  tries: number;
  failures: number;
  /** The last throttle wait (ms), 0 before the first throttle. */
  throttleWaitMs: number;
}

interface DeliveryAttempt extends Attempt {
  readonly delivery: Delivery;
}

/** A status the function answered with, as the bus sees it. */
const THROTTLED: ReadonlySet<ReplyCause> = new Set(['lambda-throttle']);

/** What an event bus did for the window's requests: events published and billed (64 KB chunks), deliveries and their fates. */
export type EventBusUsage = {
  readonly published: number;
  readonly billedEvents: number;
  readonly refused: number;
  readonly deliveries: number;
  readonly delivered: number;
  readonly throttledTries: number;
  readonly failedTries: number;
  readonly deadLettered: number;
  readonly expired: number;
  readonly undelivered: number;
};

export class EventBus implements Component<EventBusUsage>, Hop, Gauged, FailureTarget, RunEndListener {
  readonly kind = 'events' as const;
  private ctx!: ComponentContext;
  private putStream!: RandomStream;
  private deliveryStream!: RandomStream;
  private errorStream!: RandomStream;
  private failure: FailureEffects = NO_FAILURE;
  /**
   * Events accepted and not yet delivered or dropped (one per target): each
   * holds a place of an unbounded pool from its publication to its fate, so
   * nothing ever waits in its line (a delivery's waits are the kernel's
   * timers). Its busy places are the bus's backlog.
   */
  private readonly backlog = new ServerPool({ servers: Infinity, queueCapacity: 0, discipline: 'fifo' });
  /**
   * Counted for the events the window's requests published: `published` (accepted
   * PutEvents entries), `billedEvents` (64 KB chunks), `deliveries` (function
   * invocations tried, retries included), `delivered`, `throttledTries`,
   * `failedTries` (function errors and time-outs), `deadLettered` (retries
   * used up) and `expired` (too old), both sent to the dead-letter queue,
   * and `undelivered` (still waiting when the run stopped).
   */
  private readonly counters = { published: 0, billedEvents: 0, refused: 0, deliveries: 0, delivered: 0, throttledTries: 0, failedTries: 0, deadLettered: 0, expired: 0, undelivered: 0 };
  /** Counted deliveries not yet delivered or dropped. */
  private pendingCounted = 0;
  private readonly onDeliver: EventCallback<Delivery>;
  private readonly onDeliveryReply: ReplyTarget;
  private readonly answerAfterCall = new Map<ReplyCause, EventCallback<Attempt>>();
  private producer!: ReplyTarget;

  /** Whether the bus records the producer's stages (false when the network does, on the answer's arrival). */
  private recordStages = true;

  constructor(
    readonly id: string,
    private readonly options: EventBusOptions,
    private readonly consumer: Hop,
  ) {
    this.onDeliver = (delivery) => this.deliver(delivery);
    this.onDeliveryReply = { onReply: (attempt, status, cause) => this.delivered(attempt as DeliveryAttempt, status, cause) };
  }

  /** The network between the producer and the bus records the stages when the answer arrives. */
  leaveStagesToNetwork(): void {
    this.recordStages = false;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.putStream = ctx.streams.get(`${this.id}.put`);
    this.deliveryStream = ctx.streams.get(`${this.id}.delivery`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    // the ways a delivery can be lost exist from the start (records.eventNames), so a lesson's "none lost" is checked
    ctx.metrics.counterId(`${this.id}.deadLettered`);
    ctx.metrics.counterId(`${this.id}.expired`);
  }

  usage(): EventBusUsage {
    return { ...this.counters };
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.backlog`]: this.backlog.busy };
  }

  peaks(): Record<string, number> {
    return { [`${this.id}.backlog`]: this.backlog.peakBusy() };
  }

  /** What is still queued when the run stops: counted, never silently lost. */
  runEnded(nowMs: number): void {
    this.counters.undelivered = this.pendingCounted;
    if (this.pendingCounted > 0) this.ctx.metrics.count(`${this.id}.undelivered`, nowMs, true, this.pendingCounted);
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    this.options.throttles.setRate('account', this.ctx.sim.now, effects.throttleRates.account ?? null);
  }

  /** A PutEvents call from the producer. */
  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.producer = replyTo;
    const o = this.options;
    const nowMs = this.ctx.sim.now;
    let callMs = o.putLatency.sample(this.putStream);
    for (const extra of this.failure.addLatency) callMs += extra.sample(this.putStream);
    recordStage(attempt, STAGE_OVERHEAD, callMs);
    if (this.failure.errorRate > 0 && this.errorStream.next() < this.failure.errorRate) return this.answer(attempt, callMs, 'gateway-error');
    const bytes = attempt.requestBytes;
    if (bytes > o.maxEntryBytes) return this.answer(attempt, callMs, 'payload-too-large');
    const refusedBy = o.throttles.admit(attempt, nowMs);
    const counted = attempt.counted;
    if (refusedBy !== null) {
      if (counted) this.counters.refused++;
      return this.answer(attempt, callMs, refusedBy);
    }
    if (counted) {
      this.counters.published++;
      this.counters.billedEvents += Math.max(1, Math.ceil(bytes / o.chunkBytes));
    }
    this.answer(attempt, callMs, 'ok');
    for (let target = 0; target < o.targets; target++) {
      const delivery: Delivery = { request: attempt.request, publishedMs: nowMs, counted, tries: 0, failures: 0, throttleWaitMs: 0 };
      this.backlog.occupy();
      if (counted) this.pendingCounted++;
      this.ctx.sim.schedule(callMs + o.deliveryLatency.sample(this.deliveryStream), this.onDeliver, delivery);
    }
  }

  /** The producer's answer after the call's latency: 200, or the refusal's status. */
  private answer(attempt: Attempt, delayMs: number, cause: ReplyCause): void {
    const status = cause === 'ok' ? 200 : (this.options.statusByCause[cause] as number);
    let callback = this.answerAfterCall.get(cause);
    if (!callback) {
      callback = (a: Attempt) => {
        if (status === 200 && this.recordStages && clientWaits(a)) this.ctx.metrics.attemptStages(a, a.counted);
        this.producer.onReply(a, status, cause);
        releaseAttempt(a); // the bus's hold on the producer's attempt (the deliveries have their own)
      };
      this.answerAfterCall.set(cause, callback);
    }
    this.ctx.sim.schedule(delayMs, callback, attempt);
  }

  private deliver(delivery: Delivery): void {
    delivery.tries++;
    if (delivery.counted) this.counters.deliveries++;
    // a queue counts its messages' delay from the attempt's start: the event's publication
    const startMs = this.options.queueTarget ? delivery.publishedMs : this.ctx.sim.now;
    const attempt: DeliveryAttempt = Object.assign(newAttempt(delivery.request, delivery.tries, startMs), { delivery });
    this.consumer.receive(attempt, this.onDeliveryReply);
  }

  /** The function's answer to one delivery. */
  private delivered(attempt: DeliveryAttempt, status: number, cause: ReplyCause): void {
    const d = attempt.delivery;
    const nowMs = this.ctx.sim.now;
    if (status >= 200 && status < 300) {
      this.backlog.release();
      if (d.counted) {
        this.counters.delivered++;
        this.pendingCounted--;
      }
      this.ctx.metrics.count(`${this.id}.delivered`, nowMs, d.counted);
      if (!this.options.queueTarget) this.ctx.metrics.eventDelivered(nowMs - d.publishedMs, d.counted); // a queue records it when processed
      return;
    }
    if (this.options.queueTarget) return this.queueRefused(d, status, cause, this.options.queueTarget);
    let waitMs: number;
    if (THROTTLED.has(cause)) {
      if (d.counted) this.counters.throttledTries++;
      this.ctx.metrics.count(`${this.id}.throttledTries`, nowMs, d.counted);
      const o = this.options;
      d.throttleWaitMs = d.throttleWaitMs === 0 ? o.throttleFirstMs : Math.min(o.throttleMaxMs, d.throttleWaitMs * 2);
      waitMs = d.throttleWaitMs * (0.5 + 0.5 * this.deliveryStream.next());
    } else {
      d.failures++;
      d.throttleWaitMs = 0; // a new try: its throttles back off from 1 s again
      if (d.counted) this.counters.failedTries++;
      this.ctx.metrics.count(`${this.id}.failedTries`, nowMs, d.counted);
      if (d.failures > this.options.retries) return this.drop(d, 'deadLettered');
      waitMs = d.failures * this.options.retryWaitMs;
    }
    if (nowMs + waitMs - d.publishedMs > this.options.maxEventAgeMs) return this.drop(d, 'expired');
    if (nowMs + waitMs >= this.options.deliverUntilMs) return; // after the window: still pending, undelivered when the run ends
    this.ctx.sim.schedule(waitMs, this.onDeliver, d);
  }

  /** The queue refused EventBridge's SendMessage: retried by EventBridge's policy, unless the error is the message's own (4xx). */
  private queueRefused(d: Delivery, status: number, cause: ReplyCause, policy: QueueTargetPolicy): void {
    const nowMs = this.ctx.sim.now;
    const throttled = status === 429 || cause === 'queue-throttle';
    if (d.counted) this.counters[throttled ? 'throttledTries' : 'failedTries']++;
    this.ctx.metrics.count(`${this.id}.${throttled ? 'throttledTries' : 'failedTries'}`, nowMs, d.counted);
    d.failures++;
    if ((!throttled && status >= 400 && status < 500) || d.failures > policy.retries) return this.drop(d, 'deadLettered');
    const waitMs = Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (d.failures - 1)) * (0.5 + 0.5 * this.deliveryStream.next());
    if (nowMs + waitMs - d.publishedMs > policy.maxEventAgeMs) return this.drop(d, 'expired');
    if (nowMs + waitMs >= this.options.deliverUntilMs) return; // after the window: still pending, undelivered when the run ends
    this.ctx.sim.schedule(waitMs, this.onDeliver, d);
  }

  /** To the dead-letter queue: out of retries, or too old. */
  private drop(delivery: Delivery, why: 'deadLettered' | 'expired'): void {
    this.backlog.release();
    if (delivery.counted) {
      this.counters[why]++;
      this.pendingCounted--;
    }
    this.ctx.metrics.count(`${this.id}.${why}`, this.ctx.sim.now, delivery.counted);
  }
}
