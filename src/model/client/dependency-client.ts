/**
 * A function's (or service's) own client for a downstream dependency: each
 * call makes attempts against the dependency with this layer's time-out and
 * retry policy, and reports one final result to the caller. Stacked under a
 * client that also retries, it shows how amplification multiplies across
 * layers (3 attempts × 3 attempts = 9 calls to the dependency per request).
 *
 * Its retry decision is the shared retrier's (../shared/retrier.ts), the
 * client pool's: the policy's back-off, its least wait after a 429
 * (`retry.throttleDelay`) and, when given, a retry budget (`retry.budget`,
 * the AWS SDKs' retry quota). No circuit breaker. ASSUMPTION: one budget
 * for the function's calls, as if its environments shared one SDK client;
 * each environment has its own in Lambda, so this budget runs dry sooner
 * than theirs would (a conservative reading of the mitigation).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, DependencyCaller, DependencyListener, Hop, LogicalRequest, ReplyCause, ReplyTarget } from '../component.js';
import { classifyStatus } from '../component.js';
import { armClientDeadline, cancelClientDeadline, clientHasOutcome, clientWaits, newAttempt } from '../attempt-lifecycle.js';
import { DeadlineQueue } from '../shared/deadline-queue.js';
import { Retrier, type RetryState } from '../shared/retrier.js';
import type { RetryBudgetOptions } from '../shared/retry-budget.js';
import type { RetryPolicy } from '../shared/retry-policy.js';

export interface DependencyClientOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  /** The retry quota of the function's calls (null: retries are free). */
  budget?: RetryBudgetOptions | null;
}

interface Call<T> extends RetryState {
  /**
   * The parent attempt's request, taken when the call starts: the parent itself
   * may be reused once its function has answered (a function time-out does not
   * stop the call's retries), its request stays.
   */
  request: LogicalRequest;
  listener: DependencyListener<T>;
  token: T;
  invocation: number;
  attempts: number;
}

interface DependencyAttempt<T> extends Attempt {
  readonly call: Call<T>;
}

/** A function's calls to its dependency: calls, attempts, retries, time-outs, failures and late replies (and, with a budget, the retries it refused). */
export type DependencyUsage = {
  readonly calls: number;
  readonly attempts: number;
  readonly retries: number;
  readonly timeouts: number;
  readonly failed: number;
  readonly lateReplies: number;
  readonly budgetDenied?: number;
};

export class DependencyClient<T> implements Component<DependencyUsage>, DependencyCaller<T>, ReplyTarget {
  readonly kind = 'client' as const;
  private ctx!: ComponentContext;
  private jitter!: RandomStream;
  private timeouts: DeadlineQueue<DependencyAttempt<T>> | null = null;
  private readonly retrier: Retrier;
  private readonly onRetry: EventCallback<Call<T>>;
  private readonly counters = { calls: 0, attempts: 0, retries: 0, timeouts: 0, failed: 0, lateReplies: 0 };
  private budgetDenied = 0;

  constructor(
    readonly id: string,
    private readonly options: DependencyClientOptions,
    private readonly target: Hop,
  ) {
    this.onRetry = (call) => this.send(call);
    this.retrier = new Retrier({ policy: options.retry, budget: options.budget ?? null, breaker: null, callers: 1 });
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.jitter = ctx.streams.get(`${this.id}.jitter`);
    if (Number.isFinite(this.options.timeoutMs)) {
      this.timeouts = new DeadlineQueue(ctx.sim, this.options.timeoutMs, (attempt) => this.end(attempt, 0, 'dependency-timeout'));
    }
  }

  usage(): DependencyUsage {
    // budgetDenied only with a budget, so a run without one reports what it always did
    return this.options.budget ? { ...this.counters, budgetDenied: this.budgetDenied } : { ...this.counters };
  }

  call(parent: Attempt, listener: DependencyListener<T>, token: T, invocation: number): void {
    if (parent.counted) this.counters.calls++;
    this.send({ request: parent.request, listener, token, invocation, attempts: 0, caller: 0, retryTokens: 0, lastBackoffMs: 0 });
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    const own = attempt as DependencyAttempt<T>;
    if (!clientWaits(own)) {
      if (own.counted) this.counters.lateReplies++;
      return;
    }
    cancelClientDeadline(own, this.timeouts);
    this.end(own, status, cause);
  }

  private send(call: Call<T>): void {
    call.attempts++;
    const nowMs = this.ctx.sim.now;
    // one shape for every dependency attempt: newAttempt's fields, then the call (as the event bus's deliveries)
    const attempt: DependencyAttempt<T> = Object.assign(newAttempt(call.request, call.attempts, nowMs), { call });
    const counted = attempt.counted;
    if (counted) this.counters.attempts++;
    this.ctx.metrics.count('dependencyAttempts', nowMs, counted);
    if (this.timeouts) armClientDeadline(attempt, this.timeouts);
    this.target.receive(attempt, this);
  }

  private end(attempt: DependencyAttempt<T>, status: number, cause: ReplyCause): void {
    clientHasOutcome(attempt);
    const call = attempt.call;
    const nowMs = this.ctx.sim.now;
    const steady = attempt.counted;
    const timedOut = cause === 'dependency-timeout';
    if (timedOut && steady) this.counters.timeouts++;
    if (!timedOut && classifyStatus(status, cause) === 'ok') {
      this.retrier.succeeded(call, nowMs);
      call.listener.dependencyDone(call.token, call.invocation, true);
      return;
    }
    const verdict = this.retrier.failed(call, nowMs, status, timedOut, call.attempts);
    if (verdict === 'retry') {
      if (steady) this.counters.retries++;
      this.ctx.sim.schedule(this.retrier.backoffMs(call, call.attempts, status, this.jitter), this.onRetry, call);
      return;
    }
    if (verdict === 'budget-spent' && steady) this.budgetDenied++;
    if (steady) this.counters.failed++;
    call.listener.dependencyDone(call.token, call.invocation, false);
  }
}
