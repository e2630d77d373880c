/**
 * The shared retrier makes the decisions the client pool and the dependency
 * client each made on their own before it: a table of cases with a sentence
 * each, and a property test that runs random outcomes through the retrier and
 * through those two decisions as they were written (transcribed below as
 * reference models), comparing every verdict, every back-off, the jitter
 * draws and what budgets and breakers let through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams, type RandomStream } from '../../../src/engine/random.js';
import { backoffDelayMs, internJitter, type Jitter } from '../../../src/model/shared/backoff.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../../../src/model/shared/circuit-breaker.js';
import { Retrier, type RetrierOptions, type RetryState, type RetryVerdict } from '../../../src/model/shared/retrier.js';
import { RetryBudget, type RetryBudgetOptions } from '../../../src/model/shared/retry-budget.js';
import { NO_RETRIES, retries, type RetryPolicy } from '../../../src/model/shared/retry-policy.js';

const TIMEOUT = 0; // the client's status for an attempt it stopped waiting for

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...NO_RETRIES,
  attempts: 3,
  on5xx: true,
  onTimeout: true,
  backoff: { baseMs: 100, capMs: 1_000, jitter: 'none' },
  ...overrides,
});
const state = (caller = 0): RetryState => ({ caller, retryTokens: 0, lastBackoffMs: -0 });
const BUDGET: RetryBudgetOptions = { tokens: 10, cost: 5, timeoutCost: 10, refund: 1 };

describe('Retrier verdicts', () => {
  it.each<[string, RetrierOptions, number, number, RetryVerdict]>([
    ['a 503 on the first of 3 attempts is retried', { policy: policy(), budget: null, breaker: null, callers: 1 }, 503, 1, 'retry'],
    ['a time-out is retried when the policy says timeout', { policy: policy(), budget: null, breaker: null, callers: 1 }, TIMEOUT, 2, 'retry'],
    ['a time-out is final when it does not', { policy: policy({ onTimeout: false }), budget: null, breaker: null, callers: 1 }, TIMEOUT, 1, 'final'],
    ['a 404 is final when only 5xx are retried', { policy: policy(), budget: null, breaker: null, callers: 1 }, 404, 1, 'final'],
    ['a listed 429 is retried with no class', { policy: policy({ on5xx: false, statuses: new Set([429]) }), budget: null, breaker: null, callers: 1 }, 429, 1, 'retry'],
    ['the third of 3 attempts has none left', { policy: policy(), budget: null, breaker: null, callers: 1 }, 503, 3, 'out-of-attempts'],
    ['a policy of one attempt never retries, and calls that final, not out of attempts', { policy: policy({ attempts: 1 }), budget: null, breaker: null, callers: 1 }, 503, 1, 'final'],
    ['a retry the budget can pay for is made', { policy: policy(), budget: BUDGET, breaker: null, callers: 1 }, 503, 1, 'retry'],
    ['a time-out retry costs more than the budget has', { policy: policy(), budget: { ...BUDGET, tokens: 9 }, breaker: null, callers: 1 }, TIMEOUT, 1, 'budget-spent'],
    ['no attempts left is said before the budget is asked', { policy: policy(), budget: { ...BUDGET, tokens: 0 }, breaker: null, callers: 1 }, 503, 3, 'out-of-attempts'],
  ])('%s', (_, options, status, attempt, verdict) => {
    expect(new Retrier(options).failed(state(), 0, status, status === TIMEOUT, attempt)).toBe(verdict);
  });

  it('a retry takes its cost from its caller’s budget only, and a success after it gives that back', () => {
    const r = new Retrier({ policy: policy(), budget: BUDGET, breaker: null, callers: 2 });
    const [a, b] = [state(0), state(1)];
    expect([r.failed(a, 0, 503, false, 1), a.retryTokens]).toEqual(['retry', 5]);
    expect([r.failed(a, 1, 503, false, 1), r.failed(a, 2, 503, false, 1)]).toEqual(['retry', 'budget-spent']); // 10 tokens: two retries
    expect(r.failed(b, 3, TIMEOUT, true, 1)).toBe('retry'); // the other caller's 10 tokens pay a time-out retry
    r.succeeded(a, 4); // gives back the 5 its last retry took
    expect(r.failed(a, 5, 503, false, 1)).toBe('retry');
  });

  it('a caller’s breaker opens on its failures and stops only that caller', () => {
    const breaker: CircuitBreakerOptions = { failureRatio: 0.5, windowMs: 1_000, minRequests: 4, openMs: 500, probes: 1 };
    const r = new Retrier({ policy: policy(), budget: null, breaker, callers: 2 });
    for (let t = 0; t < 4; t++) r.failed(state(0), t, 503, false, 1);
    expect([r.allows(state(0), 10), r.allows(state(1), 10), r.breakerOpenings]).toEqual([false, true, 1]);
    expect(r.allows(state(0), 510)).toBe(true); // half-open: one probe
    r.succeeded(state(0), 520);
    expect(r.allows(state(0), 521)).toBe(true);
  });
});

describe('Retrier back-off', () => {
  const stream = () => new RandomStreams(1).get('jitter');

  it('no jitter draws nothing; the others draw once per retry', () => {
    const none = new Retrier({ policy: policy(), budget: null, breaker: null, callers: 1 });
    const s = stream();
    expect([1, 2, 3, 4, 5].map((n) => none.backoffMs(state(), n, 503, s))).toEqual([100, 200, 400, 800, 1_000]);
    expect(s.next()).toBe(stream().next());
    const full = new Retrier({ policy: policy({ backoff: { baseMs: 100, capMs: 1_000, jitter: 'full' } }), budget: null, breaker: null, callers: 1 });
    const [s1, s2] = [stream(), stream()];
    expect(full.backoffMs(state(), 3, 503, s1)).toBe(backoffDelayMs({ baseMs: 100, capMs: 1_000, jitter: 'full' }, 3, 0, s2.next()));
    expect(s1.next()).toBe(s2.next());
  });

  it('decorrelated jitter draws from the request’s last back-off and keeps the new one; the others leave it alone', () => {
    const decorrelated = new Retrier({ policy: policy({ backoff: { baseMs: 100, capMs: 10_000, jitter: 'decorrelated' } }), budget: null, breaker: null, callers: 1 });
    const s = state();
    const first = decorrelated.backoffMs(s, 1, 503, stream());
    expect(s.lastBackoffMs).toBe(first);
    const equal = new Retrier({ policy: policy({ backoff: { baseMs: 100, capMs: 10_000, jitter: 'equal' } }), budget: null, breaker: null, callers: 1 });
    const untouched = { ...state(), lastBackoffMs: 1234 };
    equal.backoffMs(untouched, 2, 503, stream());
    expect(untouched.lastBackoffMs).toBe(1234);
  });

  it('a 429 waits at least the throttle delay; other statuses do not', () => {
    const r = new Retrier({ policy: policy({ throttleDelayMs: 700 }), budget: null, breaker: null, callers: 1 });
    expect([r.backoffMs(state(), 1, 429, stream()), r.backoffMs(state(), 1, 503, stream()), r.backoffMs(state(), 4, 429, stream())]).toEqual([700, 100, 800]);
  });
});

// ---- the decisions as ClientPool and DependencyClient made them before the retrier (reference models) ----

type ClientOutcome = 'ok' | 'timeout' | 'error' | 'gave-up' | 'budget-denied' | 'retry';

/** ClientPool.endAttempt and scheduleRetry, as they were. */
class ReferenceClient {
  readonly callers: Array<{ budget: RetryBudget | null; breaker: CircuitBreaker | null }> = [];
  constructor(private readonly o: RetrierOptions) {
    for (let i = 0; i < o.callers; i++) this.callers.push({ budget: o.budget ? new RetryBudget(o.budget) : null, breaker: o.breaker ? new CircuitBreaker(o.breaker) : null });
  }
  allow(request: RetryState, nowMs: number): boolean {
    const breaker = this.o.breaker ? this.callers[request.caller].breaker : null;
    return !(breaker && !breaker.allow(nowMs));
  }
  end(request: RetryState, nowMs: number, status: number, attemptNumber: number, jitter: RandomStream): [ClientOutcome, number] {
    const ok = status >= 200 && status < 300;
    const caller = this.o.breaker || this.o.budget ? this.callers[request.caller] : null;
    caller?.breaker?.record(nowMs, ok);
    if (ok) {
      caller?.budget?.onSuccess(request.retryTokens);
      return ['ok', -1];
    }
    const timedOut = status === TIMEOUT;
    const p = this.o.policy;
    if (!retries(p, status, timedOut)) return [timedOut ? 'timeout' : 'error', -1];
    if (attemptNumber >= p.attempts) return ['gave-up', -1];
    if (caller?.budget) {
      const taken = caller.budget.tryAcquire(timedOut);
      if (taken === 0) return ['budget-denied', -1];
      request.retryTokens = taken;
    }
    const backoff = p.backoff;
    const u = backoff.jitter === 'none' ? 0 : jitter.next();
    const decorrelated = backoff.jitter === 'decorrelated';
    let delayMs = backoffDelayMs(backoff, attemptNumber, decorrelated ? request.lastBackoffMs : 0, u);
    if (decorrelated) request.lastBackoffMs = delayMs;
    if (status === 429) delayMs = Math.max(delayMs, p.throttleDelayMs);
    return ['retry', delayMs];
  }
}

/** DependencyClient.end, as it was: [retried, delay]. */
function referenceDependency(p: RetryPolicy, call: { attempts: number; lastBackoffMs: number }, status: number, timedOut: boolean, jitter: RandomStream): [boolean, number] {
  if (retries(p, status, timedOut) && call.attempts < p.attempts) {
    const u = p.backoff.jitter === 'none' ? 0 : jitter.next();
    const delayMs = backoffDelayMs(p.backoff, call.attempts, call.lastBackoffMs, u);
    call.lastBackoffMs = delayMs;
    return [true, delayMs];
  }
  return [false, -1];
}

/** The client pool's use of the retrier (client-pool.ts endAttempt and scheduleRetry). */
function clientWithRetrier(r: Retrier, request: RetryState, nowMs: number, status: number, attemptNumber: number, jitter: RandomStream): [ClientOutcome, number] {
  if (status >= 200 && status < 300) {
    r.succeeded(request, nowMs);
    return ['ok', -1];
  }
  const timedOut = status === TIMEOUT;
  const verdict = r.failed(request, nowMs, status, timedOut, attemptNumber);
  if (verdict === 'retry') return ['retry', r.backoffMs(request, attemptNumber, status, jitter)];
  if (verdict === 'final') return [timedOut ? 'timeout' : 'error', -1];
  return [verdict === 'budget-spent' ? 'budget-denied' : 'gave-up', -1];
}

const JITTERS: Jitter[] = ['none', 'full', 'equal', 'decorrelated'];
const STATUSES = [200, 204, TIMEOUT, 429, 500, 503, 404, 409, 302];
const arbPolicy = fc.record({
  attempts: fc.integer({ min: 1, max: 5 }),
  statuses: fc.subarray([429, 503, 409]).map((s) => new Set(s)),
  on4xx: fc.boolean(),
  on5xx: fc.boolean(),
  onTimeout: fc.boolean(),
  backoff: fc.record({ baseMs: fc.constantFrom(0, 10, 100), capMs: fc.constantFrom(50, 1_000, 20_000), jitter: fc.constantFrom(...JITTERS).map(internJitter) }),
  throttleDelayMs: fc.constantFrom(0, 150, 2_000),
});
const arbOptions = fc.record({
  policy: arbPolicy,
  budget: fc.option(fc.record({ tokens: fc.integer({ min: 0, max: 40 }), cost: fc.constantFrom(0, 5), timeoutCost: fc.constantFrom(5, 10), refund: fc.constantFrom(0, 1) }), { nil: null }),
  breaker: fc.option(fc.record({ failureRatio: fc.constantFrom(0.3, 0.5, 1), windowMs: fc.constantFrom(100, 1_000), minRequests: fc.integer({ min: 1, max: 6 }), openMs: fc.constantFrom(50, 300), probes: fc.integer({ min: 1, max: 3 }) }), { nil: null }),
  callers: fc.integer({ min: 1, max: 3 }),
});
/** One step: which request (of four), how long after the previous step, its attempt's number and status. */
const arbSteps = fc.array(fc.record({ request: fc.integer({ min: 0, max: 3 }), gapMs: fc.integer({ min: 0, max: 120 }), attempt: fc.integer({ min: 1, max: 6 }), status: fc.constantFrom(...STATUSES) }), { maxLength: 120 });

describe('Retrier against the decisions it replaced', () => {
  it('property: the client pool decides, waits and draws as before (budgets, breakers, every jitter, 429 delays)', () => {
    fc.assert(
      fc.property(arbOptions, arbSteps, fc.integer(), (options, steps, seed) => {
        const before = new ReferenceClient(options);
        const after = new Retrier(options);
        const [jitterBefore, jitterAfter] = [new RandomStreams(seed).get('jitter'), new RandomStreams(seed).get('jitter')];
        const requests = (n: number) => Array.from({ length: n }, (_, i) => state(i % options.callers));
        const [old, now] = [requests(4), requests(4)];
        let t = 0;
        for (const s of steps) {
          t += s.gapMs;
          expect(after.allows(now[s.request], t)).toBe(before.allow(old[s.request], t));
          expect(clientWithRetrier(after, now[s.request], t, s.status, s.attempt, jitterAfter)).toEqual(before.end(old[s.request], t, s.status, s.attempt, jitterBefore));
          expect(now[s.request]).toEqual(old[s.request]);
        }
        expect(jitterAfter.next()).toBe(jitterBefore.next()); // as many draws on both sides
        expect(after.breakerOpenings).toBe(before.callers.reduce((n, c) => n + (c.breaker?.timesOpened ?? 0), 0));
      }),
      { numRuns: 400 },
    );
  });

  it('property: the dependency client retries, waits and draws as before (no budget, no breaker, no 429 delay)', () => {
    fc.assert(
      fc.property(arbPolicy, arbSteps, fc.integer(), (p, steps, seed) => {
        const after = new Retrier({ policy: { ...p, throttleDelayMs: 0 }, budget: null, breaker: null, callers: 1 }); // as dependency-client.ts builds it
        const [jitterBefore, jitterAfter] = [new RandomStreams(seed).get('jitter'), new RandomStreams(seed).get('jitter')];
        const old = Array.from({ length: 4 }, () => ({ attempts: 0, lastBackoffMs: 0 }));
        const now = Array.from({ length: 4 }, () => ({ attempts: 0, caller: 0, retryTokens: 0, lastBackoffMs: 0 }));
        let t = 0;
        for (const s of steps) {
          if (s.status >= 200 && s.status < 300) continue; // a success ends the call before any retry decision, then and now
          t += s.gapMs;
          old[s.request].attempts = now[s.request].attempts = s.attempt;
          const timedOut = s.status === TIMEOUT;
          const retried = after.failed(now[s.request], t, s.status, timedOut, s.attempt) === 'retry';
          const result: [boolean, number] = retried ? [true, after.backoffMs(now[s.request], s.attempt, s.status, jitterAfter)] : [false, -1];
          expect(result).toEqual(referenceDependency(p, old[s.request], s.status, timedOut, jitterBefore));
          // the old client kept the last back-off for every jitter, the retrier only where it is read
          if (p.backoff.jitter === 'decorrelated') expect(now[s.request].lastBackoffMs).toBe(old[s.request].lastBackoffMs);
        }
        expect(jitterAfter.next()).toBe(jitterBefore.next());
      }),
      { numRuns: 400 },
    );
  });
});
