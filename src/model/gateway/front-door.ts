/**
 * A front door (REST, HTTP or WebSocket API, or an Application Load
 * Balancer): one pipeline, with what differs between the four types as data
 * (./front-door-types.ts). For each attempt, in order:
 *
 * 1. the front door's own latency (`overhead`, plus a failure window's);
 *    every answer below comes after it. What can be decided at once (the
 *    checks below up to a cached authorizer decision and the cache) is
 *    decided when the request arrives; an authorizer evaluation starts
 *    after the overhead;
 * 2. AWS WAF, when the scenario has a web ACL (REST and ALB): its own
 *    latency, and 403 for the share it blocks;
 * 3. a request body over the type's limit: 413;
 * 4. throttles, most specific first (../throttle/throttle-chain.ts): 429
 *    attributed to the level that refused; a refused attempt goes no further;
 * 5. the authorizer (../authorizer/authorizer.ts): 401 / 403, or 500 when
 *    the authorizer itself fails;
 * 6. the response cache (REST only): a hit answers 200 after the cache's
 *    own latency and never reaches the integration;
 * 7. the integration, with the integration time-out (none for an ALB in
 *    front of Lambda, which waits for the function's own time-out): the front door answers
 *    the time-out's status (504; 503 on HTTP APIs) and leaves the
 *    integration's work running (wasted); a response over the type's limit
 *    is an error (502 / 500); the integration's failures are mapped to what
 *    this type returns; a success fills the cache.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget, Usage } from '../component.js';
import { holdAttempt, releaseAttempt, STAGE_CACHE, STAGE_INTEGRATION, STAGE_OVERHEAD } from '../component.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import type { Distribution } from '../shared/distribution.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { ThrottleChain, ThrottleLevelName } from '../throttle/throttle-chain.js';
import type { Authorizer, AuthorizerListener } from '../authorizer/authorizer.js';
import type { FrontDoorType } from '../../catalog/front-doors.js';
import type { CacheModel } from '../cache/response-cache.js';

export type { CacheModel } from '../cache/response-cache.js';

export interface FrontDoorOptions {
  type: FrontDoorType;
  overhead: Distribution;
  throttles: ThrottleChain;
  integrationTimeoutMs: number;
  requestLimitBytes: number;
  responseLimitBytes: number;
  /** Billing unit in bytes (HTTP API 512 KB, WebSocket 32 KB each way; Infinity: one per request). */
  meteringBytes: number;
  /** WebSocket: the answer to a message is a message too, billed. */
  meterResponses: boolean;
  /** Status returned to the client by cause (causes not listed pass the integration's status through). */
  statusByCause: Partial<Record<ReplyCause, number>>;
  authorizer: Authorizer | null;
  /** The response cache; responses larger than `maxEntryBytes` are not cached. */
  cache: { model: CacheModel; hitLatency: Distribution; maxEntryBytes: number } | null;
  /** AWS WAF's web ACL: the latency its inspection adds, and the share of requests its rules block. */
  waf: { latency: Distribution; blockRatio: number } | null;
  /** Record a successful attempt's stages on answering; false when a network between it and the client does, on the answer's arrival. */
  recordStages: boolean;
}

/** A front door's own failure (a failure window with an error rate on it): 500. */
export const GATEWAY_ERROR_STATUS = 500;
/** What a cache hit answers. */
export const CACHE_HIT_STATUS = 200;

const THROTTLE_LEVELS: readonly ThrottleLevelName[] = ['usagePlan', 'route', 'stage', 'account'];

/** Answers the front door makes itself: every type must say which status each one is. */
export const FRONT_DOOR_CAUSES: readonly ReplyCause[] = [
  'waf-blocked',
  'throttle-account',
  'throttle-stage',
  'throttle-route',
  'throttle-usage-plan',
  'throttle-quota',
  'payload-too-large',
  'response-too-large',
  'auth-unauthorized',
  'auth-denied',
  'auth-failure',
  'integration-timeout',
  'gateway-error',
];

/**
 * What a front door used after the warm-up (see the counters in FrontDoor for
 * what each counts): requests received, requests and metered units billed,
 * bodies in and out, cache and WAF activity.
 */
export type FrontDoorUsage = {
  readonly requests: number;
  readonly billedRequests: number;
  readonly meteredUnits: number;
  readonly throttled: number;
  readonly refused: number;
  readonly tooLarge: number;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly processedResponseBytes: number;
  readonly wafRequests: number;
  readonly wafBlocked: number;
};

export class FrontDoor implements Component<FrontDoorUsage>, Hop, ReplyTarget, FailureTarget, AuthorizerListener {
  readonly kind = 'gateway' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private cacheStream!: RandomStream;
  private errorStream!: RandomStream;
  private wafStream!: RandomStream;
  /** Counter ids (see RecordSink.counterId). */
  private cacheHitsCounter = -1;
  private cacheMissesCounter = -1;
  /** Null when the front door waits as long as the integration takes (an ALB in front of Lambda). */
  private integrationTimeouts: DeadlineQueue<Attempt> | null = null;
  private failure: FailureEffects = NO_FAILURE;
  /**
   * Usage after the warm-up. `billedRequests` pass the payload check, the throttles and
   * the authorizer (API Gateway bills neither throttled nor unauthorised requests);
   * `meteredUnits` are their billing units (512 KB steps on an HTTP API, 32 KB messages
   * both ways on a WebSocket API); `responseBytes` are the 2xx bodies sent to a client
   * still waiting, cache hits included (data transfer out); `processedResponseBytes`
   * every 2xx body, waited for or not (an ALB's LCUs); `requestBytes` every request
   * body received. Each is counted for the attempts that started after the warm-up,
   * whenever they end.
   * `wafRequests` AWS WAF inspected (blocked ones included: WAF bills them) and `wafBlocked`.
   */
  private readonly counters = { requests: 0, billedRequests: 0, meteredUnits: 0, throttled: 0, refused: 0, tooLarge: 0, cacheHits: 0, cacheMisses: 0, requestBytes: 0, responseBytes: 0, processedResponseBytes: 0, wafRequests: 0, wafBlocked: 0 };
  private readonly onPassed: EventCallback<Attempt>;
  private readonly onCacheHit: EventCallback<Attempt>;
  private readonly onForward: EventCallback<Attempt>;
  /** The attempt `forward` is handing to the integration (null outside it), and whether it was answered before `receive` returned. */
  private forwarding: Attempt | null = null;
  private answeredAtOnce = false;
  /** One callback per early answer, so an attempt carries no extra state. */
  private readonly answerAfterOverhead = new Map<ReplyCause, EventCallback<Attempt>>();

  constructor(
    readonly id: string,
    private readonly options: FrontDoorOptions,
    private readonly upstream: ReplyTarget,
    private readonly integration: Hop,
  ) {
    const unmapped = FRONT_DOOR_CAUSES.filter((c) => options.statusByCause[c] === undefined);
    if (unmapped.length > 0) throw new Error(`front door ${id}: no status for ${unmapped.join(', ')}`);
    this.onPassed = (attempt) => this.passed(attempt);
    this.onCacheHit = (attempt) => this.reply(attempt, CACHE_HIT_STATUS, 'ok');
    this.onForward = (attempt) => this.forward(attempt);
    options.authorizer?.connect(this);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.overhead`);
    this.cacheStream = ctx.streams.get(`${this.id}.cache`);
    this.options.cache?.model.bind?.(ctx.streams.get(`${this.id}.cacheHits`));
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    this.wafStream = ctx.streams.get(`${this.id}.waf`);
    if (this.options.cache) {
      this.cacheHitsCounter = ctx.metrics.counterId('cacheHits');
      this.cacheMissesCounter = ctx.metrics.counterId('cacheMisses');
    }
    if (Number.isFinite(this.options.integrationTimeoutMs)) {
      this.integrationTimeouts = new DeadlineQueue<Attempt>(ctx.sim, this.options.integrationTimeoutMs, (attempt) => this.timeOutIntegration(attempt));
    }
  }

  usage(): FrontDoorUsage {
    return { ...this.counters };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    const nowMs = this.ctx.sim.now;
    for (const level of THROTTLE_LEVELS) this.options.throttles.setRate(level, nowMs, effects.throttleRates[level] ?? null);
  }

  receive(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    if (nowMs >= this.ctx.warmupMs) {
      this.counters.requests++;
      this.counters.requestBytes += attempt.requestBytes;
    }
    let overheadMs = this.options.overhead.sample(this.stream);
    if (this.failure !== NO_FAILURE) {
      for (const extra of this.failure.addLatency) overheadMs += extra.sample(this.stream);
      if (this.failure.errorRate > 0 && this.errorStream.next() < this.failure.errorRate) {
        this.answerLater(attempt, overheadMs, 'gateway-error');
        return;
      }
    }
    const waf = this.options.waf;
    if (waf) overheadMs += waf.latency.sample(this.wafStream);
    attempt.overheadMs = overheadMs;
    attempt.stagesWritten |= STAGE_OVERHEAD;
    if (waf) {
      const steady = attempt.afterWarmup;
      if (steady) this.counters.wafRequests++;
      if (waf.blockRatio > 0 && this.wafStream.next() < waf.blockRatio) {
        if (steady) this.counters.wafBlocked++;
        // ASSUMPTION: API Gateway bills a request WAF blocks: its pricing page lists the
        // requests it does not charge (authorization failures, missing API keys, throttles)
        // and WAF blocks are not among them (https://aws.amazon.com/api-gateway/pricing/)
        this.bill(attempt);
        this.answerLater(attempt, overheadMs, 'waf-blocked');
        return;
      }
    }
    if (attempt.requestBytes > this.options.requestLimitBytes) {
      if (nowMs >= this.ctx.warmupMs) this.counters.tooLarge++;
      this.answerLater(attempt, overheadMs, 'payload-too-large');
      return;
    }
    const refusedBy = this.options.throttles.admit(attempt, nowMs);
    if (refusedBy !== null) {
      if (nowMs >= this.ctx.warmupMs) this.counters.throttled++;
      this.answerLater(attempt, overheadMs, refusedBy);
      return;
    }
    // What can be decided at once is decided now, and answered or forwarded after the
    // overhead: one event per cache hit instead of two (a cached REST API run is mostly hits).
    const authorizer = this.options.authorizer;
    if (authorizer) {
      const decision = authorizer.cachedDecision(attempt, nowMs);
      if (decision === undefined) {
        this.ctx.sim.schedule(overheadMs, this.onPassed, attempt); // evaluate after the overhead
        return;
      }
      if (decision !== null) {
        if (attempt.afterWarmup) this.counters.refused++;
        this.answerLater(attempt, overheadMs, decision);
        return;
      }
    }
    this.bill(attempt);
    const hitMs = this.cacheHitMs(attempt, nowMs);
    if (hitMs >= 0) {
      this.ctx.sim.schedule(overheadMs + hitMs, this.onCacheHit, attempt);
      return;
    }
    this.ctx.sim.schedule(overheadMs, this.onForward, attempt);
  }

  /** The authorizer's decision. */
  authorized(attempt: Attempt, refusal: ReplyCause | null): void {
    if (refusal !== null) {
      if (attempt.afterWarmup) this.counters.refused++;
      this.reply(attempt, 0, refusal);
      return;
    }
    this.bill(attempt);
    this.lookUp(attempt);
  }

  /** The integration's answer. */
  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (attempt.frontDoorDone) {
      releaseAttempt(attempt); // the integration's hold: answered at the time-out, its late work is wasted
      return;
    }
    if (attempt === this.forwarding) this.answeredAtOnce = true; // answered inside `receive`: no deadline was armed (see forward)
    else this.integrationTimeouts?.cancel(attempt.frontDoorDeadline);
    const nowMs = this.ctx.sim.now;
    // a stage time only for an attempt whose client still waits: only its stages are recorded
    // (in the retry storm most answers come for clients gone, and the time is out of the caches)
    if (!attempt.clientDone) attempt.integrationMs = nowMs - attempt.integrationMs;
    if (status >= 200 && status < 300) {
      const responseBytes = attempt.responseBytes;
      if (responseBytes > this.options.responseLimitBytes) {
        this.reply(attempt, 0, 'response-too-large');
        return;
      }
      if (this.options.meterResponses && attempt.afterWarmup) this.counters.meteredUnits += this.metered(responseBytes);
      const cache = this.options.cache;
      if (cache && responseBytes <= cache.maxEntryBytes) cache.model.insert(attempt.key, nowMs);
    }
    this.reply(attempt, status, cause);
    releaseAttempt(attempt); // the integration's hold
  }

  /** Past the overhead, with an authorizer decision to evaluate. */
  private passed(attempt: Attempt): void {
    (this.options.authorizer as Authorizer).authorize(attempt);
  }

  /** After an authorizer's evaluation: the cache, then the integration. */
  private lookUp(attempt: Attempt): void {
    const hitMs = this.cacheHitMs(attempt, this.ctx.sim.now);
    if (hitMs >= 0) this.ctx.sim.schedule(hitMs, this.onCacheHit, attempt);
    else this.forward(attempt);
  }

  /** Looks the attempt's key up: the hit's latency, or -1 for a miss (or no cache). */
  private cacheHitMs(attempt: Attempt, nowMs: number): number {
    const cache = this.options.cache;
    if (!cache) return -1;
    const steady = nowMs >= this.ctx.warmupMs;
    if (cache.model.lookup(attempt.key, nowMs)) {
      if (steady) this.counters.cacheHits++;
      this.ctx.metrics.countById(this.cacheHitsCounter, nowMs);
      const hitMs = cache.hitLatency.sample(this.cacheStream);
      attempt.cacheMs = hitMs;
      attempt.stagesWritten |= STAGE_CACHE;
      return hitMs;
    }
    if (steady) this.counters.cacheMisses++;
    this.ctx.metrics.countById(this.cacheMissesCounter, nowMs);
    return -1;
  }

  private forward(attempt: Attempt): void {
    attempt.integrationMs = this.ctx.sim.now; // start time until the answer; see onReply
    attempt.stagesWritten |= STAGE_INTEGRATION;
    holdAttempt(attempt); // until the integration answers, whenever that is (onReply)
    // The integration time-out is armed only for work that did not answer at once: a
    // back end that is full or down, or a throttled function, answers inside `receive`
    // (most attempts of a retry storm), and adding then cancelling its deadline was a
    // write to a ring of half a million places for nothing. Armed at the same instant,
    // the deadline is the same.
    const outer = this.forwarding;
    const outerAnswered = this.answeredAtOnce;
    this.forwarding = attempt;
    this.answeredAtOnce = false;
    this.integration.receive(attempt, this);
    const answered = this.answeredAtOnce;
    this.forwarding = outer;
    this.answeredAtOnce = outerAnswered;
    if (!answered && this.integrationTimeouts) attempt.frontDoorDeadline = this.integrationTimeouts.add(attempt);
  }

  /** A request API Gateway bills: counted with its metered units. */
  private bill(attempt: Attempt): void {
    if (!attempt.afterWarmup) return;
    this.counters.billedRequests++;
    this.counters.meteredUnits += this.metered(attempt.requestBytes);
  }

  /** Billed units for a body of `bytes`: at least one. */
  private metered(bytes: number): number {
    return Number.isFinite(this.options.meteringBytes) ? Math.max(1, Math.ceil(bytes / this.options.meteringBytes)) : 1;
  }

  /** Answers with `cause`'s status after `delayMs` (the overhead). */
  private answerLater(attempt: Attempt, delayMs: number, cause: ReplyCause): void {
    let callback = this.answerAfterOverhead.get(cause);
    if (!callback) {
      callback = (a: Attempt) => this.reply(a, 0, cause);
      this.answerAfterOverhead.set(cause, callback);
    }
    this.ctx.sim.schedule(delayMs, callback, attempt);
  }

  /** The one way out: maps the cause to this type's status (`status` passes through when the type does not map it). */
  private reply(attempt: Attempt, status: number, cause: ReplyCause): void {
    attempt.frontDoorDone = true;
    const mapped = cause === 'ok' ? status : (this.options.statusByCause[cause] ?? status);
    const ok = mapped >= 200 && mapped < 300;
    // a client that timed out has closed its connection: the body is not sent (nor billed as data out),
    // though a load balancer still processed it on its way from the target
    if (ok && attempt.afterWarmup) {
      this.counters.processedResponseBytes += attempt.responseBytes;
      if (!attempt.clientDone) this.counters.responseBytes += attempt.responseBytes;
    }
    if (ok && this.options.recordStages && !attempt.clientDone) this.ctx.metrics.attemptStages(attempt, attempt.counted);
    this.upstream.onReply(attempt, mapped, cause);
    releaseAttempt(attempt); // the front door's hold: it answered once, and reads the attempt no more
  }

  private timeOutIntegration(attempt: Attempt): void {
    attempt.integrationMs = this.options.integrationTimeoutMs;
    this.reply(attempt, 0, 'integration-timeout');
  }
}
