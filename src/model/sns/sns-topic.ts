/**
 * An Amazon SNS standard topic behind API Gateway's AWS service integration
 * (`integration.type: sns`): the front door calls Publish and answers its
 * client once the topic accepts the message; SNS then delivers a copy to
 * every subscription (src/catalog/topics.ts for the limits and policies).
 *
 * Publish: its latency from a distribution; a message over 256 KB is
 * refused (400, `payload-too-large`); billed per 64 KB chunk. The Publish
 * quota (tens of thousands a second in us-east-1) is not modelled.
 *
 * Each subscription's delivery, after the delivery latency:
 * - lambda: an asynchronous invocation. Lambda's queue takes it, so SNS's
 *   own retries never apply (ASSUMPTION: the Invoke call always succeeds);
 *   Lambda retries a function error `retries` times (1, then 2 minutes
 *   apart) and backs a throttle off from 1 s to 5 minutes, within the
 *   event's maximum age; an event out of retries or too old goes to the
 *   dead-letter queue (the function's on-failure destination) if there is
 *   one, else it is discarded.
 * - sqs: SendMessage to the subscribed queue (../queue/), retried by the
 *   AWS-managed policy on a server error; a client error (a message too
 *   large for the queue) is not retried.
 * - http: a POST to the endpoint (../backend/); a status outside 200-4xx
 *   or no answer within 15 s is a failure, retried by the subscription's
 *   HTTP/S delivery policy; a 4xx counts as delivered (SNS neither retries
 *   nor fails it), tallied as `rejected`.
 * A delivery whose policy is used up goes to the subscription's
 * dead-letter queue, or is discarded without one.
 *
 * Conservation, per subscription, checked when the run ends: every message
 * published for the window's requests is delivered, dead-lettered,
 * discarded, or still in flight (a retry due after the measured window is
 * not made; it stays in flight, as the event bus's do).
 *
 * Figures: counters `<topic>.<subscription>.delivered`, `.retries`,
 * `.failedTries`, `.throttledTries`, `.deadLettered`, `.discarded`,
 * `.rejected`, `.expired`, `.inFlight`; publish to delivered (lambda,
 * http) as the delivery latency; an SQS subscription's queue records its
 * own send-to-processed delay instead.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { RetryPhase, SubscriptionProtocol } from '../../catalog/topics.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyCause, ReplyTarget, RunEndListener } from '../component.js';
import { blankRequest, newAttempt } from '../attempt-lifecycle.js';
import type { FailureEffects, FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { retryDelayMs } from './delivery-policy.js';

export interface SubscriptionOptions {
  readonly name: string;
  readonly protocol: SubscriptionProtocol;
  readonly consumer: Hop & FailureTarget;
  readonly deadLetterQueue: boolean;
  /** SNS's retry schedule (sqs, http); unused for lambda. */
  readonly policy: readonly RetryPhase[];
  /** How long SNS waits for the endpoint's answer (http: 15 s; Infinity otherwise). */
  readonly timeoutMs: number;
  /** lambda: Lambda's retries of a function error (0 to 2) and the event's maximum age. */
  readonly lambdaRetries: number;
  readonly maxEventAgeMs: number;
}

export interface SnsTopicOptions {
  readonly publishLatency: Distribution;
  readonly deliveryLatency: Distribution;
  readonly maxMessageBytes: number;
  readonly chunkBytes: number;
  readonly subscriptions: readonly SubscriptionOptions[];
  /** Lambda's asynchronous retry waits: after the n-th function error n × this; throttles from first to max, doubling. */
  readonly lambdaRetryWaitMs: number;
  readonly throttleFirstMs: number;
  readonly throttleMaxMs: number;
  /** The end of the measured window: no retry is made from then on (it stays in flight). */
  readonly deliverUntilMs: number;
}

/** One subscription's figures for the window's messages. */
export interface SubscriptionUsage {
  /** Copies owed: one per published message. */
  readonly messages: number;
  /** Every try, first ones and retries (SNS bills HTTP/S delivery attempts). */
  readonly tries: number;
  readonly retries: number;
  readonly delivered: number;
  readonly rejected: number;
  readonly failedTries: number;
  readonly throttledTries: number;
  readonly deadLettered: number;
  readonly discarded: number;
  readonly expired: number;
  readonly inFlight: number;
}

type SubscriptionCounters = { -readonly [K in keyof SubscriptionUsage]: SubscriptionUsage[K] };

/**
 * What the topic did for the window's requests: publishes (64 KB chunks),
 * delivery tries by protocol (SNS bills HTTP/S ones; Lambda and SQS ones are
 * free), and each subscription's figures as `<name>.<figure>`.
 */
export type TopicUsage = {
  readonly published: number;
  readonly refused: number;
  readonly billedPublishes: number;
  readonly httpDeliveries: number;
  readonly lambdaDeliveries: number;
  readonly sqsDeliveries: number;
} & Readonly<Record<string, number>>;

/** One copy of a message on its way to one subscription. */
interface Delivery {
  readonly sub: number;
  readonly publishedMs: number;
  readonly counted: boolean;
  readonly bytes: number;
  tries: number;
  failures: number;
  throttleWaitMs: number;
  /** The try now out (a late answer to an older one, after a time-out, is ignored). */
  liveTry: number;
}

interface DeliveryAttempt extends Attempt {
  readonly delivery: Delivery;
  readonly tryNumber: number;
}

export class SnsTopic implements Component<TopicUsage>, Hop, Gauged, FailureTarget, RunEndListener {
  readonly kind = 'events' as const;
  private ctx!: ComponentContext;
  private publishStream!: RandomStream;
  private deliveryStream!: RandomStream;
  private producer!: ReplyTarget;
  private published = 0;
  private refused = 0;
  private billedPublishes = 0;
  private pending = 0;
  private pendingPeak = 0;
  private readonly counters: SubscriptionCounters[];
  private readonly pendingCounted: number[];
  private readonly onAccepted: EventCallback<Attempt>;
  private readonly onRefused: EventCallback<Attempt>;
  private readonly onDeliver: EventCallback<Delivery>;
  private readonly onTimeout: EventCallback<DeliveryAttempt>;
  private readonly onAnswer: ReplyTarget;

  constructor(
    readonly id: string,
    private readonly options: SnsTopicOptions,
  ) {
    const zero = (): SubscriptionCounters => ({ messages: 0, tries: 0, retries: 0, delivered: 0, rejected: 0, failedTries: 0, throttledTries: 0, deadLettered: 0, discarded: 0, expired: 0, inFlight: 0 });
    this.counters = options.subscriptions.map(zero);
    this.pendingCounted = options.subscriptions.map(() => 0);
    this.onAccepted = (a) => this.accepted(a);
    this.onRefused = (a) => this.producer.onReply(a, 400, 'payload-too-large');
    this.onDeliver = (d) => this.deliver(d);
    this.onTimeout = (a) => this.answered(a, 504, 'integration-timeout');
    this.onAnswer = { onReply: (a, status, cause) => this.answered(a as DeliveryAttempt, status, cause) };
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.publishStream = ctx.streams.get(`${this.id}.publish`);
    this.deliveryStream = ctx.streams.get(`${this.id}.delivery`);
    // a copy's loss exists from the start (records.eventNames), so a lesson's "none lost" is checked, not read from an absent 0
    for (const s of this.options.subscriptions) ctx.metrics.counterId(`${this.id}.${s.name}.${s.deadLetterQueue ? 'deadLettered' : 'discarded'}`);
  }

  usage(): TopicUsage {
    const by = (protocol: SubscriptionProtocol) => this.options.subscriptions.reduce((n, s, i) => n + (s.protocol === protocol ? this.counters[i].tries : 0), 0);
    return {
      published: this.published,
      refused: this.refused,
      billedPublishes: this.billedPublishes,
      httpDeliveries: by('http'),
      lambdaDeliveries: by('lambda'),
      sqsDeliveries: by('sqs'),
      ...Object.fromEntries(this.options.subscriptions.flatMap((s, i) => Object.entries(this.counters[i]).map(([k, v]) => [`${s.name}.${k}`, v]))),
    };
  }

  /** One subscription's figures. */
  subscriptionUsage(name: string): SubscriptionUsage {
    const i = this.options.subscriptions.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`topic ${this.id} has no subscription ${name}`);
    return { ...this.counters[i] };
  }

  /** A failure window on the integration is one on every subscription's consumer. */
  setFailure(effects: FailureEffects): void {
    for (const s of this.options.subscriptions) s.consumer.setFailure(effects);
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.pending`]: this.pending };
  }

  peaks(): Record<string, number> {
    const peak = Math.max(this.pendingPeak, this.pending);
    this.pendingPeak = this.pending;
    return { [`${this.id}.pending`]: peak };
  }

  /** Reports what is still in flight and checks every subscription's conservation. */
  runEnded(nowMs: number): void {
    this.options.subscriptions.forEach((s, i) => {
      const c = this.counters[i];
      c.inFlight = this.pendingCounted[i];
      if (c.inFlight > 0) this.ctx.metrics.count(`${this.id}.${s.name}.inFlight`, nowMs, true, c.inFlight);
      const accounted = c.delivered + c.deadLettered + c.discarded + c.inFlight;
      if (accounted !== c.messages) {
        throw new Error(`topic ${this.id}, subscription ${s.name}: conservation law broken (a model bug): ${c.messages} messages, ${c.delivered} delivered + ${c.deadLettered} dead-lettered + ${c.discarded} discarded + ${c.inFlight} in flight`);
      }
    });
  }

  /** Publish from the front door. */
  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.producer = replyTo;
    const callMs = this.options.publishLatency.sample(this.publishStream);
    if (attempt.requestBytes > this.options.maxMessageBytes) {
      if (attempt.counted) this.refused++;
      this.ctx.sim.schedule(callMs, this.onRefused, attempt);
      return;
    }
    this.ctx.sim.schedule(callMs, this.onAccepted, attempt);
  }

  /** The message is stored: the producer hears 200, and a copy leaves for each subscription. */
  private accepted(attempt: Attempt): void {
    const o = this.options;
    const counted = attempt.counted;
    const nowMs = this.ctx.sim.now;
    if (counted) {
      this.published++;
      this.billedPublishes += Math.max(1, Math.ceil(attempt.requestBytes / o.chunkBytes));
    }
    this.ctx.metrics.count(`${this.id}.published`, nowMs, counted);
    for (let sub = 0; sub < o.subscriptions.length; sub++) {
      const d: Delivery = { sub, publishedMs: nowMs, counted, bytes: attempt.requestBytes, tries: 0, failures: 0, throttleWaitMs: 0, liveTry: 0 };
      if (counted) {
        this.counters[sub].messages++;
        this.pendingCounted[sub]++;
      }
      this.pending++;
      this.ctx.sim.schedule(o.deliveryLatency.sample(this.deliveryStream), this.onDeliver, d);
    }
    if (this.pending > this.pendingPeak) this.pendingPeak = this.pending;
    this.producer.onReply(attempt, 200, 'ok');
  }

  private deliver(d: Delivery): void {
    const s = this.options.subscriptions[d.sub];
    d.tries++;
    d.liveTry = d.tries;
    if (d.counted) {
      this.counters[d.sub].tries++;
      if (d.tries > 1) this.counters[d.sub].retries++;
    }
    if (d.tries > 1) this.ctx.metrics.count(`${this.id}.${s.name}.retries`, this.ctx.sim.now, d.counted);
    const request = blankRequest();
    request.counted = d.counted;
    request.arrivalMs = d.publishedMs;
    request.requestBytes = d.bytes;
    const attempt: DeliveryAttempt = Object.assign(newAttempt(request, d.tries, this.ctx.sim.now), { delivery: d, tryNumber: d.tries });
    if (Number.isFinite(s.timeoutMs)) this.ctx.sim.schedule(s.timeoutMs, this.onTimeout, attempt);
    s.consumer.receive(attempt, this.onAnswer);
  }

  /** The endpoint's answer to one try (or SNS's own time-out of it). */
  private answered(attempt: DeliveryAttempt, status: number, cause: ReplyCause): void {
    const d = attempt.delivery;
    if (attempt.tryNumber !== d.liveTry) return; // answered already, or timed out: a late answer changes nothing
    d.liveTry = 0;
    const s = this.options.subscriptions[d.sub];
    const nowMs = this.ctx.sim.now;
    const success = status >= 200 && status < 300;
    if (success || (s.protocol === 'http' && status >= 400 && status < 500)) {
      if (!success) this.tally(d, 'rejected');
      return this.settle(d, 'delivered');
    }
    if (s.protocol === 'lambda') return this.lambdaFailed(d, s, cause);
    if (s.protocol === 'sqs' && status >= 400 && status < 500) {
      this.tally(d, 'failedTries');
      return this.settle(d, s.deadLetterQueue ? 'deadLettered' : 'discarded'); // a client error: not retried
    }
    this.tally(d, 'failedTries');
    const waitMs = retryDelayMs(s.policy, d.tries);
    if (waitMs === null) return this.settle(d, s.deadLetterQueue ? 'deadLettered' : 'discarded');
    this.retryAfter(d, waitMs === 0 ? 0 : waitMs * (0.5 + 0.5 * this.deliveryStream.next()), nowMs);
  }

  /** Lambda's asynchronous invocation retries the function's failures by its own rules. */
  private lambdaFailed(d: Delivery, s: SubscriptionOptions, cause: ReplyCause): void {
    const o = this.options;
    const nowMs = this.ctx.sim.now;
    let waitMs: number;
    if (cause === 'lambda-throttle') {
      this.tally(d, 'throttledTries');
      d.throttleWaitMs = d.throttleWaitMs === 0 ? o.throttleFirstMs : Math.min(o.throttleMaxMs, d.throttleWaitMs * 2);
      waitMs = d.throttleWaitMs * (0.5 + 0.5 * this.deliveryStream.next());
    } else {
      this.tally(d, 'failedTries');
      d.failures++;
      d.throttleWaitMs = 0;
      if (d.failures > s.lambdaRetries) return this.settle(d, s.deadLetterQueue ? 'deadLettered' : 'discarded');
      waitMs = d.failures * o.lambdaRetryWaitMs;
    }
    if (nowMs + waitMs - d.publishedMs > s.maxEventAgeMs) {
      this.tally(d, 'expired');
      return this.settle(d, s.deadLetterQueue ? 'deadLettered' : 'discarded');
    }
    this.retryAfter(d, waitMs, nowMs);
  }

  private retryAfter(d: Delivery, waitMs: number, nowMs: number): void {
    if (nowMs + waitMs >= this.options.deliverUntilMs) return; // after the window: in flight when the run ends
    this.ctx.sim.schedule(waitMs, this.onDeliver, d);
  }

  private tally(d: Delivery, what: 'rejected' | 'failedTries' | 'throttledTries' | 'expired'): void {
    if (d.counted) this.counters[d.sub][what]++;
    this.ctx.metrics.count(`${this.id}.${this.options.subscriptions[d.sub].name}.${what}`, this.ctx.sim.now, d.counted);
  }

  /** The copy's fate. */
  private settle(d: Delivery, fate: 'delivered' | 'deadLettered' | 'discarded'): void {
    const nowMs = this.ctx.sim.now;
    const s = this.options.subscriptions[d.sub];
    this.pending--;
    if (d.counted) {
      this.counters[d.sub][fate]++;
      this.pendingCounted[d.sub]--;
    }
    this.ctx.metrics.count(`${this.id}.${s.name}.${fate}`, nowMs, d.counted);
    if (fate === 'delivered' && s.protocol !== 'sqs') this.ctx.metrics.eventDelivered(nowMs - d.publishedMs, d.counted);
  }
}
