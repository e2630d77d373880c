/**
 * Several usage plans, each API key (caller) on one, and requests without a
 * valid key (./throttle-chain.ts has the levels every request meets after
 * them: the route's, the stage's, the account's). For each attempt, in order:
 *
 * 1. The API key. A share of requests (`invalidKeyRatio`) carries no key or
 *    one API Gateway does not know: 403 Forbidden, API Gateway's
 *    INVALID_API_KEY gateway response ("an invalid API key submitted for a
 *    method requiring an API key", default status 403,
 *    https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html),
 *    before any bucket, so it takes no token and never reaches the
 *    integration. Drawn per attempt.
 * 2. The plan's quota for the key (429 quota), then the plan's per-method
 *    limit for the key on this route, then the plan's own bucket for the key
 *    (both 429 usage-plan): "per-client or per-method throttling limits that
 *    you set for API stages in a usage plan" come first
 *    (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html),
 *    and a method limit inside a plan leaves the plan's own limit for the
 *    key in force (AWS's answer on re:Post:
 *    https://repost.aws/questions/QUFD1EPj5dRYaYaqpNepE34A).
 * 3. The other levels, as for a single plan.
 *
 * A refusal by a plan is counted by plan: the events
 * `usagePlan.<name>.throttled` and `usagePlan.<name>.quota`; a bad key as
 * `apiKeyInvalid`. Only scenarios with named plans or API key errors build
 * this chain; the single `usagePlan` keeps ./throttle-chain.ts alone.
 */
import type { RandomStream } from '../../engine/random.js';
import type { RecordSink } from '../../metrics/record-sink.js';
import type { Attempt, ComponentContext, ReplyCause } from '../component.js';
import { TokenBucket } from '../shared/token-bucket.js';
import { ThrottleChain, type BucketSpec, type QuotaSpec, type ThrottleLevelName, type ThrottleSpec } from './throttle-chain.js';

export interface UsagePlanSpec {
  readonly name: string;
  readonly bucket: BucketSpec | null;
  readonly quota: QuotaSpec | null;
  /** Per-method limits for each key on the plan, indexed like the scenario's routes (null: none for that route). */
  readonly methods: ReadonlyArray<BucketSpec | null> | null;
}

export interface UsagePlansSpec {
  readonly plans: readonly UsagePlanSpec[];
  /** Each caller's plan, an index into `plans`. */
  readonly planOfCaller: ArrayLike<number>;
  /** Share of requests with a missing or unknown API key. */
  readonly invalidKeyRatio: number;
}

/**
 * Callers to plans by share, in order: the first plan takes the first
 * callers (the busiest, when traffic is skewed), and so on. Each plan's
 * count is rounded at the cumulative share, so the counts add up.
 */
export function assignPlans(shares: readonly number[], callers: number): Uint16Array {
  const planOf = new Uint16Array(callers);
  let cumulative = 0;
  let from = 0;
  shares.forEach((share, plan) => {
    cumulative += share;
    const to = plan === shares.length - 1 ? callers : Math.min(callers, Math.round(cumulative * callers));
    planOf.fill(plan, from, to);
    from = Math.max(from, to);
  });
  return planOf;
}

export class UsagePlanChain extends ThrottleChain {
  private readonly planOf: ArrayLike<number>;
  private readonly quotaOf: ReadonlyArray<QuotaSpec | null>;
  /** Per caller: its plan's bucket for its key, and its per-method buckets by route (null: none). */
  private readonly keyBuckets: ReadonlyArray<TokenBucket | null>;
  private readonly methodBuckets: ReadonlyArray<ReadonlyArray<TokenBucket | null> | null>;
  private readonly keyQuotaUsed: Float64Array;
  private readonly keyQuotaPeriod: Float64Array;
  private readonly invalidKeyRatio: number;
  private keyStream!: RandomStream;
  private metrics!: RecordSink;
  private throttledIds: number[] = [];
  private quotaIds: number[] = [];
  private invalidId = -1;

  constructor(
    spec: Omit<ThrottleSpec, 'usagePlan'>,
    private readonly plans: UsagePlansSpec,
    callers: number,
  ) {
    super(spec, callers);
    const planSpecs = plans.plans;
    this.planOf = plans.planOfCaller;
    this.quotaOf = planSpecs.map((p) => p.quota);
    this.invalidKeyRatio = plans.invalidKeyRatio;
    const planAt = (caller: number) => planSpecs[this.planOf[caller]];
    this.keyBuckets = Array.from({ length: callers }, (_, c) => {
      const b = planAt(c).bucket;
      return b ? new TokenBucket(b.ratePerSecond, b.burst) : null;
    });
    this.methodBuckets = Array.from({ length: callers }, (_, c) => {
      const methods = planAt(c).methods;
      return methods ? methods.map((m) => (m ? new TokenBucket(m.ratePerSecond, m.burst) : null)) : null;
    });
    const quotas = planSpecs.some((p) => p.quota !== null);
    this.keyQuotaUsed = new Float64Array(quotas ? callers : 0);
    this.keyQuotaPeriod = new Float64Array(quotas ? callers : 0);
  }

  override get empty(): boolean {
    return false;
  }

  override start(ctx: ComponentContext): void {
    this.keyStream = ctx.streams.get('gateway.apiKeys');
    this.metrics = ctx.metrics;
    this.throttledIds = this.plans.plans.map((p) => ctx.metrics.counterId(`usagePlan.${p.name}.throttled`));
    this.quotaIds = this.plans.plans.map((p) => ctx.metrics.counterId(`usagePlan.${p.name}.quota`));
    this.invalidId = ctx.metrics.counterId('apiKeyInvalid');
  }

  override admit(attempt: Attempt, nowMs: number): ReplyCause | null {
    if (this.invalidKeyRatio > 0 && this.keyStream.next() < this.invalidKeyRatio) {
      this.metrics.countById(this.invalidId, nowMs, attempt.counted);
      return 'api-key-invalid';
    }
    const caller = attempt.caller;
    const plan = this.planOf[caller];
    const quota = this.quotaOf[plan];
    if (quota !== null) {
      const period = Math.floor(nowMs / quota.periodMs);
      if (this.keyQuotaPeriod[caller] !== period) {
        this.keyQuotaPeriod[caller] = period;
        this.keyQuotaUsed[caller] = 0;
      }
      if (this.keyQuotaUsed[caller] >= quota.limit) return this.refused(this.quotaIds[plan], attempt, nowMs, 'throttle-quota');
    }
    const method = this.methodBuckets[caller]?.[attempt.route] ?? null;
    const own = this.keyBuckets[caller];
    if ((method !== null && !method.hasToken(nowMs)) || (own !== null && !own.hasToken(nowMs))) return this.refused(this.throttledIds[plan], attempt, nowMs, 'throttle-usage-plan');
    const refusedBy = super.admit(attempt, nowMs);
    if (refusedBy !== null) return refusedBy;
    method?.take();
    own?.take();
    if (quota !== null) this.keyQuotaUsed[caller]++;
    return null;
  }

  private refused(counter: number, attempt: Attempt, nowMs: number, cause: ReplyCause): ReplyCause {
    this.metrics.countById(counter, nowMs, attempt.counted);
    return cause;
  }

  /** A failure window on the `usagePlan` level changes every key's plan bucket (its per-method buckets too). */
  override setRate(name: ThrottleLevelName, nowMs: number, ratePerSecond: number | null): void {
    if (name !== 'usagePlan') return super.setRate(name, nowMs, ratePerSecond);
    for (const bucket of this.keyBuckets) bucket?.setRate(nowMs, ratePerSecond ?? bucket.ratePerSecond);
    for (const buckets of this.methodBuckets) for (const bucket of buckets ?? []) bucket?.setRate(nowMs, ratePerSecond ?? bucket.ratePerSecond);
  }

  override levelNames(): ThrottleLevelName[] {
    return ['usagePlan', ...super.levelNames()];
  }

  /** The plan of a caller, by name. */
  planName(caller: number): string {
    return this.plans.plans[this.planOf[caller]].name;
  }
}
