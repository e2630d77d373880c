/**
 * API Gateway's throttles for one attempt, checked from the most specific
 * to the most general, as AWS applies them: a usage plan's quota and rate
 * for the caller's API key, the route's (method's) limit, the stage's, then
 * the account's per Region.
 * Source: "Throttle requests to your REST APIs for better throughput in API
 * Gateway", section "How throttling limit settings are applied",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 *
 * A request passes only if every level has room, and then takes one token
 * from each (and one request from the quota); a refused request takes
 * nothing, so the outcome `429 <level>` names the first level that refused.
 * Quotas count requests per API key per period (a day, a week or a month of
 * 730 h) from the start of the run; AWS resets them at calendar boundaries
 * and enforces them "on a best-effort basis" (usage plans documentation,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html).
 */
import type { Attempt, ComponentContext, ReplyCause } from '../component.js';
import { TokenBucket } from '../shared/token-bucket.js';

export interface BucketSpec {
  ratePerSecond: number;
  burst: number;
}

export interface QuotaSpec {
  limit: number;
  periodMs: number;
}

export interface ThrottleSpec {
  /** Per API key (caller): REST usage plans. */
  usagePlan?: { bucket?: BucketSpec; quota?: QuotaSpec };
  /** Per route, indexed like the scenario's routes (null: none for that route). */
  routes?: ReadonlyArray<BucketSpec | null>;
  stage?: BucketSpec;
  account?: BucketSpec;
}

/** Names a failure window can use to change a bucket's rate. */
export type ThrottleLevelName = 'usagePlan' | 'route' | 'stage' | 'account';

interface Level {
  readonly name: ThrottleLevelName;
  readonly cause: ReplyCause;
  /** Which bucket an attempt meets: the one bucket, or the caller's, or the route's (null: none for it). */
  readonly by: 'all' | 'caller' | 'route';
  readonly buckets: ReadonlyArray<TokenBucket | null>;
}

export class ThrottleChain {
  private readonly levels: Level[] = [];
  private readonly quota: QuotaSpec | null;
  /** Requests counted against each caller's quota in the current period, and which period that is. */
  private readonly quotaUsed: Float64Array;
  private readonly quotaPeriod: Float64Array;
  private readonly scratch: Array<TokenBucket | null>;

  constructor(spec: ThrottleSpec, callers: number) {
    const plan = spec.usagePlan;
    this.quota = plan?.quota ?? null;
    this.quotaUsed = new Float64Array(this.quota ? callers : 0);
    this.quotaPeriod = new Float64Array(this.quota ? callers : 0);
    if (plan?.bucket) {
      const b = plan.bucket;
      const perCaller = Array.from({ length: callers }, () => new TokenBucket(b.ratePerSecond, b.burst));
      this.levels.push({ name: 'usagePlan', cause: 'throttle-usage-plan', by: 'caller', buckets: perCaller });
    }
    if (spec.routes?.some((r) => r !== null)) {
      const perRoute = spec.routes.map((r) => (r ? new TokenBucket(r.ratePerSecond, r.burst) : null));
      this.levels.push({ name: 'route', cause: 'throttle-route', by: 'route', buckets: perRoute });
    }
    for (const name of ['stage', 'account'] as const) {
      const b = spec[name];
      if (!b) continue;
      this.levels.push({ name, cause: name === 'stage' ? 'throttle-stage' : 'throttle-account', by: 'all', buckets: [new TokenBucket(b.ratePerSecond, b.burst)] });
    }
    this.scratch = new Array<TokenBucket | null>(this.levels.length).fill(null);
  }

  /** Whether any level can refuse anything. */
  get empty(): boolean {
    return this.levels.length === 0 && this.quota === null;
  }

  /**
   * Admits the attempt (taking a token at every level and a request from the
   * quota) and returns null, or returns the cause of the first level that
   * refuses it (taking nothing).
   */
  admit(attempt: Attempt, nowMs: number): ReplyCause | null {
    const quota = this.quota;
    const caller = attempt.caller;
    if (quota) {
      const period = Math.floor(nowMs / quota.periodMs);
      if (this.quotaPeriod[caller] !== period) {
        this.quotaPeriod[caller] = period;
        this.quotaUsed[caller] = 0;
      }
      if (this.quotaUsed[caller] >= quota.limit) return 'throttle-quota';
    }
    const levels = this.levels;
    const buckets = this.scratch;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      // a switch, not a function per level: no call per level per request
      const bucket = level.by === 'all' ? level.buckets[0] : level.by === 'caller' ? level.buckets[caller] : (level.buckets[attempt.route] ?? null);
      if (bucket && !bucket.hasToken(nowMs)) return level.cause;
      buckets[i] = bucket;
    }
    // every bucket has a token at `nowMs` (checked above, refilled to now): take it
    for (let i = 0; i < buckets.length; i++) buckets[i]?.take();
    if (quota) this.quotaUsed[caller]++;
    return null;
  }

  /** A failure window changes the rate of every bucket at a level (null: back to its own rate). */
  setRate(name: ThrottleLevelName, nowMs: number, ratePerSecond: number | null): void {
    for (const level of this.levels) {
      if (level.name !== name) continue;
      for (const bucket of level.buckets) bucket?.setRate(nowMs, ratePerSecond ?? bucket.ratePerSecond);
    }
  }

  /** The front door starts: a chain that counts or draws (./usage-plan-chain.ts) takes what it needs; this one needs nothing. */
  start(_ctx: ComponentContext): void {}

  /**
   * The account level's bucket (null: none), for what else draws on the
   * account's quota in the Region: a WebSocket API's callbacks
   * (../websocket/room-broadcast.ts) take their tokens from the same bucket
   * the front door checks.
   */
  accountBucket(): TokenBucket | null {
    return this.levels.find((l) => l.name === 'account')?.buckets[0] ?? null;
  }

  /** Levels in the order they are checked (for tests and reports). */
  levelNames(): ThrottleLevelName[] {
    return this.levels.map((l) => l.name);
  }
}
