/**
 * An authorizer whose identity is more than the caller (./authorizer.ts has
 * the decision, the function and the counters; this file the identity):
 *
 * - Missing identity. A request that lacks the identity source (the token
 *   header, or one of a REQUEST authorizer's identity sources) is answered
 *   401 Unauthorized "without calling the Lambda function"
 *   (identitySource, https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html;
 *   HTTP APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 *   A share of attempts (`missingIdentityRatio`) lacks it, drawn per attempt.
 * - Cache key. A TOKEN authorizer caches by its token (the caller); a
 *   REQUEST authorizer by the values of its identity sources ("used to
 *   derive the authorization caching key", API_Authorizer.html): here any of
 *   the caller (a header), the route (`$context.httpMethod` and
 *   `$context.resourcePath`, or `$context.routeKey`) and the request's key
 *   (a path or query-string parameter). With no identity source a REQUEST
 *   authorizer cannot cache (the identity source "is required when
 *   authorization caching is enabled"): the build gives it a TTL of 0.
 * - A policy for one route. The cached policy "is then applied to any
 *   additional API requests made within the cache's specified time-to-live",
 *   and a request to a path the policy does not name fails 403 "User is not
 *   authorized to access this resource", the authorizer not called
 *   (https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors).
 *   With `policyPerRoute`, an Allow answers only for the route it was made
 *   for: with the route in the key, other routes miss the cache and are
 *   evaluated; without it, other routes get that 403 from the cache.
 *
 * Entries live in a Map by key (keys may be many: callers × routes × keys),
 * swept of expired entries as it grows.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, ComponentContext, ReplyCause } from '../component.js';
import { Authorizer, REFUSED, type AuthorizerOptions } from './authorizer.js';

/** What a request's cache key is made of. */
export interface IdentityParts {
  readonly caller: boolean;
  readonly route: boolean;
  readonly key: boolean;
}

export interface ScopedAuthorizerOptions extends AuthorizerOptions {
  readonly parts: IdentityParts;
  /** How many routes and keys there are (the caller count is `identities`). */
  readonly routes: number;
  readonly keys: number;
  /** An Allow policy covers only the route it was made for. */
  readonly policyPerRoute: boolean;
  /** Share of attempts that lack the identity source: 401, no evaluation. */
  readonly missingIdentityRatio: number;
}

interface Entry {
  expiresAtMs: number;
  decision: number;
  route: number;
}

/** The smallest sweep threshold: below it the Map is left to grow. */
const SWEEP_AT = 4096;

export class ScopedAuthorizer extends Authorizer {
  private readonly entries = new Map<number, Entry>();
  private sweepAt = SWEEP_AT;
  private identityStream!: RandomStream;
  private missingCounter = -1;
  private uncoveredCounter = -1;

  constructor(
    id: string,
    private readonly scope: ScopedAuthorizerOptions,
  ) {
    // the caller-indexed tables of the plain authorizer are not used: entries are keyed here
    super(id, { ...scope, identities: 0 });
  }

  override start(ctx: ComponentContext): void {
    super.start(ctx);
    this.identityStream = ctx.streams.get(`${this.id}.identity`);
    this.missingCounter = ctx.metrics.counterId('authorizerMissingIdentity');
    this.uncoveredCounter = ctx.metrics.counterId('authorizerRouteNotCovered');
  }

  /** The cache key of the attempt's identity. */
  keyOf(attempt: Attempt): number {
    const { parts, routes, identities } = this.scope;
    let k = parts.key ? attempt.key : 0;
    if (parts.route) k = k * routes + attempt.route;
    if (parts.caller) k = k * identities + attempt.caller;
    return k;
  }

  /** On arrival: 401 for a missing identity, else the cached decision (undefined: evaluate). */
  override cachedDecision(attempt: Attempt, nowMs: number): ReplyCause | null | undefined {
    if (this.scope.missingIdentityRatio > 0 && this.identityStream.next() < this.scope.missingIdentityRatio) {
      this.ctx.metrics.countById(this.missingCounter, nowMs, attempt.counted);
      if (attempt.counted) this.counters.refused++;
      return 'auth-unauthorized';
    }
    return this.lookUp(attempt, nowMs);
  }

  /** After the front door's latency: the cache again (another request may have filled it), else an evaluation. */
  override authorize(attempt: Attempt): void {
    const cached = this.lookUp(attempt, this.ctx.sim.now);
    if (cached !== undefined) this.listener.authorized(attempt, cached);
    else this.evaluate(attempt);
  }

  private lookUp(attempt: Attempt, nowMs: number): ReplyCause | null | undefined {
    if (!(this.options.cacheTtlMs > 0)) return undefined;
    const entry = this.entries.get(this.keyOf(attempt));
    if (entry === undefined || !(entry.expiresAtMs > nowMs)) return undefined;
    const counted = attempt.counted;
    if (counted) this.counters.cacheHits++;
    this.ctx.metrics.countById(this.cacheHitsCounter, nowMs, counted);
    if (entry.decision === REFUSED) return this.options.refusal;
    if (this.scope.policyPerRoute && entry.route !== attempt.route) {
      // the cached policy names another route: 403, and the function is not asked
      this.ctx.metrics.countById(this.uncoveredCounter, nowMs, counted);
      if (counted) this.counters.refused++;
      return 'auth-denied';
    }
    return null;
  }

  protected override remember(attempt: Attempt, decision: number): void {
    const nowMs = this.ctx.sim.now;
    const key = this.keyOf(attempt);
    const expiresAtMs = nowMs + this.options.cacheTtlMs;
    const entry = this.entries.get(key);
    if (entry) {
      entry.expiresAtMs = expiresAtMs;
      entry.decision = decision;
      entry.route = attempt.route;
      return;
    }
    if (this.entries.size >= this.sweepAt) this.sweep(nowMs);
    this.entries.set(key, { expiresAtMs, decision, route: attempt.route });
  }

  /** Drops expired entries, and lets the Map grow to twice what is left before the next sweep. */
  private sweep(nowMs: number): void {
    for (const [key, entry] of this.entries) if (!(entry.expiresAtMs > nowMs)) this.entries.delete(key);
    this.sweepAt = Math.max(SWEEP_AT, 2 * this.entries.size);
  }
}

