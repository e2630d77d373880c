/**
 * A producer's AWS SDK call straight to a queue or a topic (`api.type: sqs`
 * or `sns`, src/catalog/event-buses.ts): SendMessage or Publish with no API
 * Gateway in front. The call is the service's: its latency, its message
 * limit and a FIFO queue's send limit are the queue's or the topic's
 * (../queue/sqs-queue.ts, ../sns/sns-topic.ts), which then deliver to their
 * consumers as they do behind a REST API. This entry adds only what belongs
 * to the caller's side of the call:
 * - the account's request quota, where the service has one (SNS Publish):
 *   a throttled call is answered 429 after the call's latency;
 * - a failure window on the `gateway` (the service's API): added latency
 *   before the call reaches the service, and its error rate answers 500
 *   after the call's latency;
 * - the statuses the SDK sees: the service's causes mapped by the entry
 *   point's profile (a FIFO queue's throttle is a ThrottlingException, 429,
 *   where API Gateway's integration maps it to 500).
 * The producer's `overhead` stage is the whole call, from its arrival here
 * to the answer. Nothing is billed here: the queue's or topic's requests are.
 */
import type { RandomStream } from '../../engine/random.js';
import type { EventCallback } from '../../engine/simulator.js';
import { clientWaits, releaseAttempt } from '../attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { beginStage, endStage, STAGE_OVERHEAD } from '../stage-timing.js';
import type { ThrottleChain } from '../throttle/throttle-chain.js';

export interface SdkEntryOptions {
  /** The account's quota on the call (null: none). */
  readonly throttles: ThrottleChain | null;
  /** How long a call the entry refuses itself (a throttle, an error) takes to be answered. */
  readonly refusalLatency: Distribution;
  /** Status the producer sees, by the cause of the answer (a cause not listed keeps the service's status). */
  readonly statusByCause: Readonly<Partial<Record<ReplyCause, number>>>;
  /** Whether the entry records the producer's stages (false when a network between them does, on the answer's arrival). */
  readonly recordStages: boolean;
}

/** What the producers' calls met here: refused by the quota or by a failure window; the rest reached the service. */
export type SdkEntryUsage = { readonly calls: number; readonly throttled: number; readonly failed: number };

export class SdkEntry implements Component<SdkEntryUsage>, Hop, ReplyTarget, FailureTarget {
  readonly kind = 'gateway' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private failure: FailureEffects = NO_FAILURE;
  private producer!: ReplyTarget;
  private readonly counters = { calls: 0, throttled: 0, failed: 0 };
  private readonly onForward: EventCallback<Attempt>;
  private readonly answerAfterCall = new Map<ReplyCause, EventCallback<Attempt>>();

  constructor(
    readonly id: string,
    private readonly options: SdkEntryOptions,
    private readonly service: Hop,
  ) {
    this.onForward = (attempt) => this.service.receive(attempt, this);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.call`);
  }

  usage(): SdkEntryUsage {
    return { ...this.counters };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    this.options.throttles?.setRate('account', this.ctx.sim.now, effects.throttleRates.account ?? null);
  }

  /** The producer's call. */
  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.producer = replyTo;
    const nowMs = this.ctx.sim.now;
    beginStage(attempt, STAGE_OVERHEAD, nowMs);
    if (attempt.counted) this.counters.calls++;
    let addedMs = 0;
    for (const extra of this.failure.addLatency) addedMs += extra.sample(this.stream);
    if (this.failure.errorRate > 0 && this.stream.next() < this.failure.errorRate) {
      if (attempt.counted) this.counters.failed++;
      return this.refuse(attempt, addedMs, 'gateway-error');
    }
    const refusedBy = this.options.throttles?.admit(attempt, nowMs) ?? null;
    if (refusedBy !== null) {
      if (attempt.counted) this.counters.throttled++;
      return this.refuse(attempt, addedMs, refusedBy);
    }
    if (addedMs > 0) this.ctx.sim.schedule(addedMs, this.onForward, attempt);
    else this.service.receive(attempt, this);
  }

  /** The service's answer: mapped to the status the SDK sees, and passed on. */
  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    const mapped = cause === 'ok' ? status : (this.options.statusByCause[cause] ?? status);
    endStage(attempt, STAGE_OVERHEAD, this.ctx.sim.now);
    if (mapped >= 200 && mapped < 300 && this.options.recordStages && clientWaits(attempt)) this.ctx.metrics.attemptStages(attempt, attempt.counted);
    this.producer.onReply(attempt, mapped, cause);
    releaseAttempt(attempt); // the entry's hold (a front door's): it answered once
  }

  /** A call refused here, answered after the call's latency. */
  private refuse(attempt: Attempt, addedMs: number, cause: ReplyCause): void {
    let callback = this.answerAfterCall.get(cause);
    if (!callback) {
      const status = this.options.statusByCause[cause] ?? 500;
      callback = (a: Attempt) => this.onReply(a, status, cause);
      this.answerAfterCall.set(cause, callback);
    }
    this.ctx.sim.schedule(addedMs + this.options.refusalLatency.sample(this.stream), callback, attempt);
  }
}
