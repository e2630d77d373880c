/**
 * An API Gateway front door (REST API for now): throttling by token buckets,
 * a per-request overhead, the integration time-out and the mapping of
 * integration failures to the status codes API Gateway returns.
 *
 * Modelled: buckets checked from the most specific to the most general; a
 * request passes only if every bucket has a token, and then takes one from
 * each (a refused request consumes nothing); a refused request gets 429 after
 * the gateway overhead and never reaches the integration. The integration
 * time-out answers 504 and leaves the integration's work running.
 * Left out (yet): authorizers, cache, usage plans, payload limits.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget, Usage } from '../component.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import type { Distribution } from '../shared/distribution.js';
import type { TokenBucket } from '../shared/token-bucket.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';

export interface NamedBucket {
  /** Which throttle this is, as it appears in outcome labels (`429 stage`). */
  readonly name: 'stage' | 'account';
  readonly bucket: TokenBucket;
}

export interface ApiGatewayOptions {
  overhead: Distribution;
  /** Most specific first. */
  throttles: readonly NamedBucket[];
  integrationTimeoutMs: number;
  /** Status returned to the client for integration failures, by cause. */
  statusByCause: Partial<Record<ReplyCause, number>>;
}

/** API Gateway's status for a throttled request ("429 Too Many Requests"). */
export const THROTTLED_STATUS = 429;
/** API Gateway's INTEGRATION_TIMEOUT gateway response. */
export const INTEGRATION_TIMEOUT_STATUS = 504;

/** API Gateway's own failure (a failure window with an error rate on the gateway): 500. */
export const GATEWAY_ERROR_STATUS = 500;

export class ApiGateway implements Component, Hop, ReplyTarget, FailureTarget {
  readonly kind = 'gateway' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private integrationTimeouts!: DeadlineQueue<Attempt>;
  private errorStream!: RandomStream;
  private failure: FailureEffects = NO_FAILURE;
  private requests = 0;
  private throttled = 0;
  private requestBytes = 0;
  private responseBytes = 0;
  private readonly onGatewayError: EventCallback<Attempt>;
  private readonly onForward: EventCallback<Attempt>;
  /** One callback per bucket, so a throttled attempt carries no extra state. */
  private readonly onThrottledBy: Array<EventCallback<Attempt>>;

  constructor(
    readonly id: string,
    private readonly options: ApiGatewayOptions,
    private readonly upstream: ReplyTarget,
    private readonly integration: Hop,
  ) {
    this.onForward = (attempt) => this.forward(attempt);
    this.onGatewayError = (attempt) => {
      attempt.frontDoorDone = true;
      this.upstream.onReply(attempt, GATEWAY_ERROR_STATUS, 'gateway-error');
    };
    this.onThrottledBy = options.throttles.map((t) => {
      const cause = `throttle-${t.name}` as const;
      return (attempt: Attempt) => this.replyThrottled(attempt, cause);
    });
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.overhead`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    this.integrationTimeouts = new DeadlineQueue<Attempt>(ctx.sim, this.options.integrationTimeoutMs, (attempt) => this.timeOutIntegration(attempt));
  }

  usage(): Usage {
    return { requests: this.requests, throttled: this.throttled, requestBytes: this.requestBytes, responseBytes: this.responseBytes };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    const nowMs = this.ctx.sim.now;
    for (const t of this.options.throttles) t.bucket.setRate(nowMs, effects.throttleRates[t.name] ?? t.bucket.ratePerSecond);
  }

  receive(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    if (nowMs >= this.ctx.warmupMs) {
      this.requests++;
      this.requestBytes += attempt.request.requestBytes;
    }
    let overheadMs = this.options.overhead.sample(this.stream);
    if (this.failure !== NO_FAILURE) {
      for (const extra of this.failure.addLatency) overheadMs += extra.sample(this.stream);
      if (this.failure.errorRate > 0 && this.errorStream.next() < this.failure.errorRate) {
        this.ctx.sim.schedule(overheadMs, this.onGatewayError, attempt);
        return;
      }
    }
    const refusedBy = this.refusingThrottle(nowMs);
    if (refusedBy >= 0) {
      if (nowMs >= this.ctx.warmupMs) this.throttled++;
      this.ctx.sim.schedule(overheadMs, this.onThrottledBy[refusedBy], attempt);
      return;
    }
    this.ctx.sim.schedule(overheadMs, this.onForward, attempt);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (attempt.frontDoorDone) return; // already answered 504; the integration's late work is wasted
    attempt.frontDoorDone = true;
    this.integrationTimeouts.cancel(attempt.frontDoorDeadline);
    if (status >= 200 && status < 300 && this.ctx.sim.now >= this.ctx.warmupMs) this.responseBytes += attempt.request.responseBytes;
    this.upstream.onReply(attempt, this.options.statusByCause[cause] ?? status, cause);
  }

  /** Index of the first bucket without a token, or -1 after taking one from each. */
  private refusingThrottle(nowMs: number): number {
    const throttles = this.options.throttles;
    for (let i = 0; i < throttles.length; i++) if (!throttles[i].bucket.hasToken(nowMs)) return i;
    for (let i = 0; i < throttles.length; i++) throttles[i].bucket.tryTake(nowMs);
    return -1;
  }

  private forward(attempt: Attempt): void {
    attempt.frontDoorDeadline = this.integrationTimeouts.add(attempt);
    this.integration.receive(attempt, this);
  }

  private replyThrottled(attempt: Attempt, cause: ReplyCause): void {
    attempt.frontDoorDone = true;
    this.upstream.onReply(attempt, THROTTLED_STATUS, cause);
  }

  private timeOutIntegration(attempt: Attempt): void {
    attempt.frontDoorDone = true;
    this.upstream.onReply(attempt, INTEGRATION_TIMEOUT_STATUS, 'integration-timeout');
  }
}
