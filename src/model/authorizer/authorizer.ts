/**
 * Who may call the API (DESIGN §4.4). The front door asks before it looks
 * in its cache or calls the integration; identities are the callers (API
 * keys, tokens) of the load.
 *
 * - `lambda`: a Lambda authorizer (TOKEN or REQUEST; they differ in what
 *   the identity is made of, not in timing: ./scoped-authorizer.ts keys the
 *   cache by the chosen identity sources). It is a real Lambda function
 *   (its own cold starts, its concurrency drawn from the account's, billed),
 *   and its policy is cached per identity for `cacheTtlMs` (0: every request
 *   invokes it). A function error, time-out or throttle is API Gateway's
 *   AUTHORIZER_FAILURE, 500; a Deny policy is ACCESS_DENIED, 403; an
 *   "Unauthorized" answer (`unauthorizedRatio`) is UNAUTHORIZED, 401
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html,
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * - `jwt` (HTTP APIs) and `cognito` (REST APIs, user pools): the token is
 *   checked by the gateway itself; a small fixed latency, 401 for an invalid
 *   token, no Lambda.
 * - `iam`: SigV4 signature checked by the gateway; 403 for a bad signature.
 * - `oidc` / `cognito` on an ALB listener: the first request of an identity
 *   goes through the identity provider's login (the `latency` here), then a
 *   session cookie lets it through for `cacheTtlMs` (the session timeout,
 *   7 days by default: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html).
 *
 * A refused identity stays refused while its result is cached: the decision
 * is drawn once per evaluation (share `denyRatio`) and cached with it.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { beginStage, endStage, recordStage, STAGE_AUTHORIZER, STAGE_COLD_START } from '../stage-timing.js';
import type { Distribution } from '../shared/distribution.js';

export type AuthorizerKind = 'lambda' | 'jwt' | 'iam' | 'cognito' | 'oidc';

export interface AuthorizerOptions {
  kind: AuthorizerKind;
  /** The authorizer function (kind `lambda` only). */
  lambda: Hop | null;
  /** How long a check takes when no Lambda is involved (for oidc: the login). */
  latency: Distribution;
  /** How long a decision is cached per identity (0: not cached). */
  cacheTtlMs: number;
  /** Share of evaluations that refuse the identity. */
  denyRatio: number;
  /**
   * Share of evaluations a Lambda authorizer answers "Unauthorized" (the function fails with that
   * message: 401, UNAUTHORIZED); 0 when not given. Not cached (ASSUMPTION: AWS documents caching the
   * policy a function returns, and this answer carries none).
   */
  unauthorizedRatio?: number;
  /** What a refusal is: 401 (an invalid or missing token) or 403 (a deny policy, a bad signature). */
  refusal: 'auth-unauthorized' | 'auth-denied';
  /** Number of distinct identities (the callers). */
  identities: number;
}

/** The front door's side: told the decision for an attempt (null: allowed). */
export interface AuthorizerListener {
  authorized(attempt: Attempt, refusal: ReplyCause | null): void;
}

export const ALLOWED = 1;
export const REFUSED = 2;

/** An authorizer's evaluations, cache hits, refusals and failures for the window's requests (its function's usage is its own). */
export type AuthorizerUsage = { readonly evaluations: number; readonly cacheHits: number; readonly refused: number; readonly failures: number };

export class Authorizer implements Component<AuthorizerUsage>, ReplyTarget {
  readonly kind = 'authorizer' as const;
  protected ctx!: ComponentContext;
  private latencyStream!: RandomStream;
  private denyStream!: RandomStream;
  protected cacheHitsCounter = -1;
  protected listener!: AuthorizerListener;
  /** Per identity: when its cached decision expires, and what it was (0: none). */
  private readonly expiresAtMs: Float64Array;
  private readonly decision: Uint8Array;
  private readonly onChecked: EventCallback<Attempt>;
  private readonly unauthorizedRatio: number;
  protected readonly counters = { evaluations: 0, cacheHits: 0, refused: 0, failures: 0 };

  constructor(
    readonly id: string,
    protected readonly options: AuthorizerOptions,
  ) {
    if (options.kind === 'lambda' && !options.lambda) throw new Error('a Lambda authorizer needs its function');
    this.unauthorizedRatio = options.unauthorizedRatio ?? 0;
    this.expiresAtMs = new Float64Array(options.cacheTtlMs > 0 ? options.identities : 0);
    this.decision = new Uint8Array(options.cacheTtlMs > 0 ? options.identities : 0);
    this.onChecked = (attempt) => this.decide(attempt);
  }

  /** The front door that asks. */
  connect(listener: AuthorizerListener): void {
    this.listener = listener;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.latencyStream = ctx.streams.get(`${this.id}.latency`);
    this.denyStream = ctx.streams.get(`${this.id}.deny`);
    this.cacheHitsCounter = ctx.metrics.counterId('authorizerCacheHits');
  }

  usage(): AuthorizerUsage {
    return { ...this.counters };
  }

  /**
   * The cached decision for the attempt's caller, if there is one: null
   * (allowed) or the refusal; undefined when it must be evaluated.
   */
  cachedDecision(attempt: Attempt, nowMs: number): ReplyCause | null | undefined {
    const identity = attempt.caller;
    if (!(this.options.cacheTtlMs > 0 && this.expiresAtMs[identity] > nowMs)) return undefined;
    const counted = attempt.counted;
    if (counted) this.counters.cacheHits++;
    this.ctx.metrics.countById(this.cacheHitsCounter, nowMs, counted);
    return this.decision[identity] === REFUSED ? this.options.refusal : null;
  }

  /** Decides for the attempt now (a cached decision) or later (after the check). */
  authorize(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    const cached = this.cachedDecision(attempt, nowMs);
    if (cached !== undefined) {
      this.listener.authorized(attempt, cached);
      return;
    }
    this.evaluate(attempt);
  }

  /** Asks the function (or the check) for a decision, which comes later. */
  protected evaluate(attempt: Attempt): void {
    if (attempt.counted) this.counters.evaluations++;
    beginStage(attempt, STAGE_AUTHORIZER, this.ctx.sim.now);
    if (this.options.lambda) {
      this.options.lambda.receive(attempt, this);
      return;
    }
    this.ctx.sim.schedule(this.options.latency.sample(this.latencyStream), this.onChecked, attempt);
  }

  /** The authorizer function's answer. */
  onReply(attempt: Attempt, status: number, _cause: ReplyCause): void {
    recordStage(attempt, STAGE_COLD_START, 0); // the authorizer's own cold start is part of the authorizer stage
    if (status >= 200 && status < 300) {
      this.decide(attempt);
      return;
    }
    if (attempt.counted) this.counters.failures++;
    this.finish(attempt, 'auth-failure');
  }

  private decide(attempt: Attempt): void {
    const { denyRatio, cacheTtlMs } = this.options;
    let refusal: ReplyCause | null = null;
    let cached = cacheTtlMs > 0;
    // one draw per evaluation, made only when an answer other than Allow can come
    if (denyRatio > 0 || this.unauthorizedRatio > 0) {
      const u = this.denyStream.next();
      if (u < denyRatio) refusal = this.options.refusal;
      else if (u < denyRatio + this.unauthorizedRatio) {
        refusal = 'auth-unauthorized';
        cached = false;
      }
    }
    if (cached) this.remember(attempt, refusal === null ? ALLOWED : REFUSED);
    if (refusal !== null && attempt.counted) this.counters.refused++;
    this.finish(attempt, refusal);
  }

  /** Caches the decision for the attempt's identity, for the TTL. */
  protected remember(attempt: Attempt, decision: number): void {
    const identity = attempt.caller;
    this.expiresAtMs[identity] = this.ctx.sim.now + this.options.cacheTtlMs;
    this.decision[identity] = decision;
  }

  protected finish(attempt: Attempt, refusal: ReplyCause | null): void {
    endStage(attempt, STAGE_AUTHORIZER, this.ctx.sim.now);
    this.listener.authorized(attempt, refusal);
  }
}
