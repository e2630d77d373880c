/**
 * A front door (REST, HTTP or WebSocket API, an Application Load Balancer or
 * a Lambda function URL): one pipeline, with what differs between the types
 * as data (src/catalog/front-doors.ts). For each attempt, in order:
 *
 * 1. the front door's own latency (`overhead`, plus a failure window's and
 *    the stages' own, such as AWS WAF's inspection); every answer below
 *    comes after it;
 * 2. the stages, in the order the profile gives (./front-door-stage.ts):
 *    a browser's CORS preflight (a billed round trip first), AWS WAF (403
 *    for the share it blocks), the resource policy (403), the payload limit
 *    (413), the throttles (429 by level), the authorizer (401 / 403, or 500
 *    when it fails), metering (what API Gateway bills), request validation
 *    (400), the response cache (a hit answers 200), the mapping templates
 *    (their time). What can be decided on arrival is decided then; an
 *    authorizer evaluation starts after the latency and resumes the
 *    pipeline when its decision comes;
 * 3. the integration, with the integration time-out (none where the
 *    profile waits for a Lambda's own time-out): the front door answers the
 *    time-out's status (504; 503 on HTTP APIs) and leaves the integration's
 *    work running (wasted); a response over the type's limit is an error
 *    (502 / 500); the integration's failures are mapped to what this type
 *    returns; a success goes back through the stages (the cache stores it).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { FrontDoorStageName, FrontDoorType } from '../../catalog/front-doors.js';
import { STANDARD_STAGES } from '../../catalog/front-doors.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { armFrontDoorDeadline, cancelFrontDoorDeadline, clientWaits, frontDoorAnswered, holdAttempt, markFrontDoorAnswered, releaseAttempt } from '../attempt-lifecycle.js';
import { beginStage, recordStage, STAGE_INTEGRATION, STAGE_OVERHEAD } from '../stage-timing.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import type { Distribution } from '../shared/distribution.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { ThrottleChain } from '../throttle/throttle-chain.js';
import type { Authorizer } from '../authorizer/authorizer.js';
import type { CacheModel } from '../cache/response-cache.js';
import { AuthorizerStage } from './authorizer-stage.js';
import { CacheStage, type CacheStageOptions } from './cache-stage.js';
import { CorsStage, type CorsOptions } from './cors-stage.js';
import { MappingStage, type MappingOptions } from './mapping-stage.js';
import { ResourcePolicyStage } from './resource-policy-stage.js';
import { ValidationStage } from './validation-stage.js';
import { NOW, type FrontDoorCounters, type FrontDoorStage, type StageHost, type StageLink } from './front-door-stage.js';
import { PayloadLimitStage } from './payload-limit-stage.js';
import { ThrottleStage } from './throttle-stage.js';
import { WafStage, type WafOptions } from './waf-stage.js';

export type { CacheModel } from '../cache/response-cache.js';

export interface FrontDoorOptions {
  type: FrontDoorType;
  overhead: Distribution;
  throttles: ThrottleChain;
  integrationTimeoutMs: number;
  requestLimitBytes: number;
  /** The largest request body any caller sends (Infinity: unknown); at or under the limit, the payload check is left out. */
  largestRequestBytes?: number;
  responseLimitBytes: number;
  /** Billing unit in bytes (HTTP API 512 KB, WebSocket 32 KB each way; Infinity: one per request). */
  meteringBytes: number;
  /** WebSocket: the answer to a message is a message too, billed. */
  meterResponses: boolean;
  /** Status returned to the client by cause (causes not listed pass the integration's status through). */
  statusByCause: Partial<Record<ReplyCause, number>>;
  authorizer: Authorizer | null;
  /** The response cache; responses larger than `maxEntryBytes` are not cached. */
  cache: CacheStageOptions | null;
  /** AWS WAF's web ACL: the latency its inspection adds, and the share of requests its rules block. */
  waf: WafOptions | null;
  /** Record a successful attempt's stages on answering; false when a network between it and the client does, on the answer's arrival. */
  recordStages: boolean;
  /** The stages' order (the profile's); the standard order when not given. */
  stages?: readonly FrontDoorStageName[];
  /** Browsers' CORS preflights, answered by the front door (./cors-stage.ts). */
  cors?: CorsOptions | null;
  /** Share of requests from a source the resource policy denies: 403 (./resource-policy-stage.ts). */
  deniedRatio?: number;
  /** Share of requests that fail request validation: 400 (./validation-stage.ts). */
  invalidRatio?: number;
  /** The mapping templates' times (./mapping-stage.ts). */
  mapping?: MappingOptions | null;
}

/** A front door's own failure (a failure window with an error rate on it): 500. */
export const GATEWAY_ERROR_STATUS = 500;
/** What a cache hit answers. */
export const CACHE_HIT_STATUS = 200;

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
 * Each stage by name, made from the front door's options; null where the scenario does not have it
 * (no WAF, no cache...). `meter` is a position, not a check: billing starts after the stage before it.
 */
const STAGE_FACTORIES: Readonly<Record<Exclude<FrontDoorStageName, 'meter'>, (id: string, o: FrontDoorOptions) => FrontDoorStage | null>> = {
  cors: (id, o) => (o.cors ? new CorsStage(id, o.cors) : null),
  waf: (id, o) => (o.waf ? new WafStage(id, o.waf) : null),
  resourcePolicy: (id, o) => (o.deniedRatio ? new ResourcePolicyStage(id, o.deniedRatio) : null),
  // a check no request can fail is a call per attempt for nothing
  payloadLimit: (_, o) => ((o.largestRequestBytes ?? Infinity) <= o.requestLimitBytes ? null : new PayloadLimitStage(o.requestLimitBytes)),
  throttle: (_, o) => new ThrottleStage(o.throttles),
  authorizer: (_, o) => (o.authorizer ? new AuthorizerStage(o.authorizer) : null),
  validation: (id, o) => (o.invalidRatio ? new ValidationStage(id, o.invalidRatio) : null),
  cache: (id, o) => (o.cache ? new CacheStage(id, o.cache) : null),
  mapping: (id, o) => (o.mapping ? new MappingStage(id, o.mapping) : null),
};

/** What a front door did for the measurement window's requests (see FrontDoorCounters for what each counts). */
export type FrontDoorUsage = { readonly [K in keyof FrontDoorCounters]: number };

export class FrontDoor implements Component<FrontDoorUsage>, Hop, ReplyTarget, FailureTarget, StageHost, StageLink {
  readonly kind = 'gateway' as const;
  ctx!: ComponentContext;
  private stream!: RandomStream;
  private errorStream!: RandomStream;
  /** Null when the front door waits as long as the integration takes (an ALB or a function URL in front of Lambda). */
  private integrationTimeouts: DeadlineQueue<Attempt> | null = null;
  private failure: FailureEffects = NO_FAILURE;
  /** Counted for the attempts of the window's requests, whenever they happen (../measurement-window.ts). */
  readonly counters: FrontDoorCounters = { requests: 0, billedRequests: 0, meteredUnits: 0, throttled: 0, refused: 0, tooLarge: 0, cacheHits: 0, cacheMisses: 0, requestBytes: 0, responseBytes: 0, processedResponseBytes: 0, wafRequests: 0, wafBlocked: 0 };
  private readonly stages: readonly FrontDoorStage[];
  /** Billing starts before the first stage (a profile whose `meter` position comes first). */
  private billsOnEntry = false;
  /** Where an attempt enters the pipeline: the first stage, or the forward step when there is none. */
  private readonly firstStage: StageLink;
  /** The stages that add latency on arrival, and those told of a successful answer. */
  private readonly latencyStages: readonly FrontDoorStage[];
  private readonly answeredStages: readonly FrontDoorStage[];
  private readonly onCacheHit: EventCallback<Attempt>;
  private readonly onForward: EventCallback<Attempt>;
  /**
   * The attempt being handed to the integration (null outside `forward`), and whether it was
   * answered before the integration's `receive` returned: only work that was not gets an
   * integration time-out armed (a full back end or a throttled function answers at once).
   */
  private forwarding: Attempt | null = null;
  private answeredAtOnce = false;
  /** One callback per early answer, so an attempt carries no extra state. */
  private readonly answerAfterDelay = new Map<ReplyCause, EventCallback<Attempt>>();

  constructor(
    readonly id: string,
    private readonly options: FrontDoorOptions,
    private readonly upstream: ReplyTarget,
    private readonly integration: Hop,
  ) {
    const unmapped = FRONT_DOOR_CAUSES.filter((c) => options.statusByCause[c] === undefined);
    if (unmapped.length > 0) throw new Error(`front door ${id}: no status for ${unmapped.join(', ')}`);
    const stages: FrontDoorStage[] = [];
    for (const name of options.stages ?? STANDARD_STAGES) {
      if (name === 'meter') {
        if (stages.length > 0) stages[stages.length - 1].billsOnPass = true;
        else this.billsOnEntry = true;
        continue;
      }
      const stage = STAGE_FACTORIES[name](id, options);
      if (stage) stages.push(stage);
    }
    this.stages = stages;
    // each stage passes on to the next, the last to the integration: each call site then sees one kind of stage
    this.stages.forEach((stage, i) => (stage.next = this.stages[i + 1] ?? this));
    this.firstStage = this.stages[0] ?? this;
    this.latencyStages = this.stages.filter((s) => s.addedLatencyMs !== undefined);
    this.answeredStages = this.stages.filter((s) => s.answered !== undefined);
    this.onCacheHit = (attempt) => this.reply(attempt, CACHE_HIT_STATUS, 'ok');
    this.onForward = (attempt) => this.forward(attempt);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.overhead`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    for (const stage of this.stages) stage.start(this);
    if (Number.isFinite(this.options.integrationTimeoutMs)) {
      this.integrationTimeouts = new DeadlineQueue<Attempt>(ctx.sim, this.options.integrationTimeoutMs, (attempt) => this.timeOutIntegration(attempt));
    }
  }

  /** The stages an attempt meets, in order (those the scenario has and that can act). */
  get stageNames(): readonly string[] {
    return this.stages.map((s) => s.name);
  }

  usage(): FrontDoorUsage {
    return { ...this.counters };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
    for (const stage of this.stages) stage.setFailure?.(effects, this.ctx.sim.now);
  }

  receive(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    if (attempt.counted) {
      this.counters.requests++;
      this.counters.requestBytes += attempt.requestBytes;
    }
    let overheadMs = this.options.overhead.sample(this.stream);
    if (this.failure !== NO_FAILURE) {
      for (const extra of this.failure.addLatency) overheadMs += extra.sample(this.stream);
      if (this.failure.errorRate > 0 && this.errorStream.next() < this.failure.errorRate) {
        this.answer(attempt, overheadMs, 'gateway-error');
        return;
      }
    }
    for (const stage of this.latencyStages) overheadMs += (stage.addedLatencyMs as () => number)();
    recordStage(attempt, STAGE_OVERHEAD, overheadMs);
    if (this.billsOnEntry) this.bill(attempt);
    this.firstStage.enter(attempt, nowMs, overheadMs);
  }

  /** The integration's answer. */
  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (frontDoorAnswered(attempt)) {
      releaseAttempt(attempt); // the integration's hold: answered at the time-out, its late work is wasted
      return;
    }
    if (attempt === this.forwarding) this.answeredAtOnce = true; // answered inside `receive`: no deadline was armed (see forward)
    else cancelFrontDoorDeadline(attempt, this.integrationTimeouts);
    const nowMs = this.ctx.sim.now;
    // a stage time only for an attempt whose client still waits: only its stages are recorded
    if (clientWaits(attempt)) recordStage(attempt, STAGE_INTEGRATION, nowMs - attempt.integrationMs); // begun in forward
    if (status >= 200 && status < 300) {
      const responseBytes = attempt.responseBytes;
      if (responseBytes > this.options.responseLimitBytes) {
        this.reply(attempt, 0, 'response-too-large');
        return;
      }
      if (this.options.meterResponses && attempt.counted) this.counters.meteredUnits += this.metered(responseBytes);
      for (const stage of this.answeredStages) (stage.answered as (a: Attempt, t: number) => void)(attempt, nowMs);
    }
    this.reply(attempt, status, cause);
    releaseAttempt(attempt); // the integration's hold
  }

  /** The last link, past the stages: to the integration after `delayMs` (the front door's latency), or at once. */
  enter(attempt: Attempt, _nowMs: number, delayMs: number): void {
    if (delayMs === NOW) this.forward(attempt);
    else this.ctx.sim.schedule(delayMs, this.onForward, attempt);
  }

  private forward(attempt: Attempt): void {
    beginStage(attempt, STAGE_INTEGRATION, this.ctx.sim.now);
    holdAttempt(attempt); // until the integration answers, whenever that is (onReply)
    // the deadline is armed at the same instant either way; only work not answered inside the
    // integration's `receive` needs one (re-entrant forwards save and restore the outer attempt)
    const outer = this.forwarding;
    const outerAnswered = this.answeredAtOnce;
    this.forwarding = attempt;
    this.answeredAtOnce = false;
    this.integration.receive(attempt, this);
    const answered = this.answeredAtOnce;
    this.forwarding = outer;
    this.answeredAtOnce = outerAnswered;
    if (!answered && this.integrationTimeouts) armFrontDoorDeadline(attempt, this.integrationTimeouts);
  }

  bill(attempt: Attempt): void {
    if (!attempt.counted) return;
    this.counters.billedRequests++;
    this.counters.meteredUnits += this.metered(attempt.requestBytes);
  }

  /** Billed units for a body of `bytes`: at least one. */
  private metered(bytes: number): number {
    return Number.isFinite(this.options.meteringBytes) ? Math.max(1, Math.ceil(bytes / this.options.meteringBytes)) : 1;
  }

  answer(attempt: Attempt, delayMs: number, cause: ReplyCause): void {
    if (delayMs === NOW) {
      this.reply(attempt, 0, cause);
      return;
    }
    let callback = this.answerAfterDelay.get(cause);
    if (!callback) {
      callback = (a: Attempt) => this.reply(a, 0, cause);
      this.answerAfterDelay.set(cause, callback);
    }
    this.ctx.sim.schedule(delayMs, callback, attempt);
  }

  answerFromCache(attempt: Attempt, delayMs: number): void {
    this.ctx.sim.schedule(delayMs, this.onCacheHit, attempt);
  }

  /** The one way out: maps the cause to this type's status (`status` passes through when the type does not map it). */
  private reply(attempt: Attempt, status: number, cause: ReplyCause): void {
    markFrontDoorAnswered(attempt);
    const mapped = cause === 'ok' ? status : (this.options.statusByCause[cause] ?? this.unmapped(status, cause));
    const ok = mapped >= 200 && mapped < 300;
    // a client that timed out has closed its connection: the body is not sent (nor billed as data out),
    // though a load balancer still processed it on its way from the target
    if (ok && attempt.counted) {
      this.counters.processedResponseBytes += attempt.responseBytes;
      if (clientWaits(attempt)) this.counters.responseBytes += attempt.responseBytes;
    }
    if (ok && this.options.recordStages && clientWaits(attempt)) this.ctx.metrics.attemptStages(attempt, attempt.counted);
    this.upstream.onReply(attempt, mapped, cause);
    releaseAttempt(attempt); // the front door's hold: it answered once, and reads the attempt no more
  }

  /** A status from further in (passed through as it is), or an answer of the front door's own this type has no status for: an internal error, never a status 0. */
  private unmapped(status: number, cause: ReplyCause): number {
    if (status !== 0) return status;
    throw new Error(`internal error: the ${this.options.type} front door '${this.id}' has no status for the answer '${cause}' (its catalog profile's statusByCause lacks it)`);
  }

  private timeOutIntegration(attempt: Attempt): void {
    recordStage(attempt, STAGE_INTEGRATION, this.options.integrationTimeoutMs);
    this.reply(attempt, 0, 'integration-timeout');
  }
}
