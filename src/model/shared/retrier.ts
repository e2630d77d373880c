/**
 * A client's retry decision (DESIGN §4.2), one for every layer that retries
 * (the callers in front of the API, a function calling its dependency):
 *
 * - which failures are retried and how many attempts there are in all
 *   (./retry-policy.ts);
 * - a retry budget per caller, like the AWS SDKs' retry quota
 *   (./retry-budget.ts): a retry it cannot pay for is not made;
 * - a circuit breaker per caller (./circuit-breaker.ts): every attempt's
 *   outcome is recorded, and an open breaker lets no attempt start;
 * - the back-off before a retry, with jitter (./backoff.ts), and at least
 *   the policy's throttle delay after a 429 (a Retry-After header).
 *
 * The retrier keeps the per-caller state (budgets, breakers); what it needs
 * of a request between attempts (which caller, what its last retry took from
 * the budget, its last back-off) stays on the request (`RetryState`), and is
 * read only by the parts in use: with no budget, no breaker and no
 * decorrelated jitter (the retry storm) the retrier touches no request.
 * What happens next (counting, scheduling, the final outcome) is the
 * caller's: the retrier decides and computes, it never schedules.
 */
import type { RandomStream } from '../../engine/random.js';
import { backoffDelayMs } from './backoff.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
import { retries, type RetryPolicy } from './retry-policy.js';

export interface RetrierOptions {
  policy: RetryPolicy;
  /** A retry budget for each caller (null: retries are free). */
  budget: RetryBudgetOptions | null;
  /** A circuit breaker for each caller (null: none). */
  breaker: CircuitBreakerOptions | null;
  /** How many callers have a budget and a breaker of their own (API keys; 1 for a single caller). */
  callers: number;
}

/** What a request carries for its retries (a LogicalRequest has these fields). */
export interface RetryState {
  /** Whose budget and breaker (0-based, below `callers`). */
  readonly caller: number;
  /** Budget tokens its latest retry took (returned if that retry succeeds). */
  retryTokens: number;
  /** The back-off before its latest retry (decorrelated jitter draws the next from it). */
  lastBackoffMs: number;
}

/**
 * After a failed attempt: retry it; or not, because the policy does not
 * retry that failure ('final'), no attempts are left ('out-of-attempts'), or
 * the caller's budget cannot pay for it ('budget-spent').
 */
export type RetryVerdict = 'retry' | 'final' | 'out-of-attempts' | 'budget-spent';

export class Retrier {
  private readonly policy: RetryPolicy;
  private readonly budgets: RetryBudget[] | null;
  private readonly breakers: CircuitBreaker[] | null;

  constructor(options: RetrierOptions) {
    this.policy = options.policy;
    const { budget, breaker } = options;
    this.budgets = budget ? Array.from({ length: options.callers }, () => new RetryBudget(budget)) : null;
    this.breakers = breaker ? Array.from({ length: options.callers }, () => new CircuitBreaker(breaker)) : null;
  }

  /** Times the callers' breakers opened so far, all callers together. */
  get breakerOpenings(): number {
    let opened = 0;
    for (const b of this.breakers ?? []) opened += b.timesOpened;
    return opened;
  }

  /** May the request's caller start an attempt now? (False only while its breaker is open.) */
  allows(state: RetryState, nowMs: number): boolean {
    return this.breakers === null || this.breakers[state.caller].allow(nowMs);
  }

  /** An attempt succeeded: its caller's breaker hears of it, and its budget gets tokens back. */
  succeeded(state: RetryState, nowMs: number): void {
    if (this.breakers !== null) this.breakers[state.caller].record(nowMs, true);
    if (this.budgets !== null) this.budgets[state.caller].onSuccess(state.retryTokens);
  }

  /**
   * An attempt failed with `status` (ignored when it timed out); `attempt`
   * is its number (1 for the first try). On 'retry' the caller's budget has
   * paid for it (the tokens are in `state.retryTokens`).
   */
  failed(state: RetryState, nowMs: number, status: number, timedOut: boolean, attempt: number): RetryVerdict {
    if (this.breakers !== null) this.breakers[state.caller].record(nowMs, false);
    const policy = this.policy;
    if (!retries(policy, status, timedOut)) return 'final';
    if (attempt >= policy.attempts) return 'out-of-attempts';
    if (this.budgets !== null) {
      const taken = this.budgets[state.caller].tryAcquire(timedOut);
      if (taken === 0) return 'budget-spent';
      state.retryTokens = taken;
    }
    return 'retry';
  }

  /**
   * The wait before retry number `retry` (1 for the first) of an attempt that
   * failed with `status`: one draw from `jitter` unless the policy has no
   * jitter. Decorrelated jitter reads and updates `state.lastBackoffMs`; the
   * others leave it alone.
   */
  backoffMs(state: RetryState, retry: number, status: number, jitter: RandomStream): number {
    const policy = this.policy;
    const backoff = policy.backoff;
    const u = backoff.jitter === 'none' ? 0 : jitter.next();
    let delayMs: number;
    if (backoff.jitter === 'decorrelated') {
      delayMs = backoffDelayMs(backoff, retry, state.lastBackoffMs, u);
      state.lastBackoffMs = delayMs;
    } else {
      delayMs = backoffDelayMs(backoff, retry, 0, u);
    }
    return status === 429 ? Math.max(delayMs, policy.throttleDelayMs) : delayMs;
  }
}
