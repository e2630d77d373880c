import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { backoffDelayMs, internJitter, type BackoffOptions } from '../../../src/model/shared/backoff.js';
import { CircuitBreaker } from '../../../src/model/shared/circuit-breaker.js';
import { RetryBudget } from '../../../src/model/shared/retry-budget.js';
import { ZipfSampler } from '../../../src/model/shared/zipf-sampler.js';
import { NO_RETRIES, retries, type RetryPolicy } from '../../../src/model/shared/retry-policy.js';

const opts = (jitter: BackoffOptions['jitter']): BackoffOptions => ({ baseMs: 100, capMs: 1_000, jitter });

describe('backoffDelayMs follows "Exponential Backoff And Jitter"', () => {
  it.each([
    ['none doubles from the base and stops at the cap', 'none', [1, 2, 3, 4, 5], 0.5, [100, 200, 400, 800, 1000]],
    ['full draws between 0 and the exponential value', 'full', [1, 3, 5], 0.5, [50, 200, 500]],
    ['equal keeps half and draws the other half', 'equal', [1, 3, 5], 0.5, [75, 300, 750]],
  ] as const)('%s', (_s, jitter, retries, u, expected) => {
    expect(retries.map((r) => backoffDelayMs(opts(jitter), r, 0, u))).toEqual(expected);
  });

  it('full jitter spans [0, min(cap, base·2^n)) as u spans [0, 1)', () => {
    expect(backoffDelayMs(opts('full'), 3, 0, 0)).toBe(0);
    expect(backoffDelayMs(opts('full'), 3, 0, 0.999999)).toBeCloseTo(400, 3);
  });

  it('decorrelated draws between base and 3x the previous sleep, capped', () => {
    expect(backoffDelayMs(opts('decorrelated'), 1, 0, 0)).toBe(100); // starts at base
    expect(backoffDelayMs(opts('decorrelated'), 2, 200, 0.5)).toBe(100 + 0.5 * (600 - 100));
    expect(backoffDelayMs(opts('decorrelated'), 5, 900, 0.99)).toBe(1_000);
  });

  it('doubles exactly as base·2^n for every retry count, short of the cap and past 2^31', () => {
    // the step is a shift while 2^n fits 31 bits and a power after: the same doubles either way
    const uncapped: BackoffOptions = { baseMs: 0.1, capMs: Infinity, jitter: 'none' };
    for (let retry = 1; retry <= 40; retry++) expect(backoffDelayMs(uncapped, retry, 0, 0)).toBe(0.1 * 2 ** (retry - 1));
  });
});

describe('internJitter', () => {
  it('gives the module’s own literal for a name built at run time (so comparisons are by pointer), and refuses others', () => {
    const parsed = ['decorr', 'elated'].join('');
    expect(internJitter(parsed as BackoffOptions['jitter'])).toBe('decorrelated');
    expect(() => internJitter('sometimes' as BackoffOptions['jitter'])).toThrow(/unknown jitter/);
  });
});

describe('RetryBudget works like the AWS SDK retry quota', () => {
  it('drains 5 per retry and 10 per time-out retry, and refuses when short', () => {
    const b = new RetryBudget({ tokens: 20, cost: 5, timeoutCost: 10, refund: 1 });
    expect(b.tryAcquire(false)).toBe(5);
    expect(b.tryAcquire(true)).toBe(10);
    expect(b.tryAcquire(true)).toBe(0); // 5 left, a time-out retry costs 10
    expect(b.tryAcquire(false)).toBe(5);
    expect(b.tokens).toBe(0);
  });

  it('refills by the refund after a first-try success and by the cost after a successful retry, up to the start', () => {
    const b = new RetryBudget({ tokens: 20, cost: 5, timeoutCost: 10, refund: 1 });
    b.tryAcquire(false);
    b.onSuccess(0);
    expect(b.tokens).toBe(16);
    b.onSuccess(5);
    expect(b.tokens).toBe(20);
    b.onSuccess(5);
    expect(b.tokens).toBe(20);
  });
});

describe('CircuitBreaker', () => {
  const breaker = () => new CircuitBreaker({ failureRatio: 0.5, windowMs: 10_000, minRequests: 10, openMs: 5_000, probes: 2 });

  it('stays closed below the minimum number of requests, then opens at the failure ratio', () => {
    const b = breaker();
    for (let i = 0; i < 9; i++) b.record(i, false);
    expect(b.state(9)).toBe('closed');
    b.record(9, false);
    expect(b.state(10)).toBe('open');
    expect(b.allow(10)).toBe(false);
  });

  it('half-opens after the open time, lets `probes` calls through, and closes when they succeed', () => {
    const b = breaker();
    for (let i = 0; i < 10; i++) b.record(i, false);
    expect(b.allow(5_010)).toBe(true);
    expect(b.allow(5_011)).toBe(true);
    expect(b.allow(5_012)).toBe(false);
    b.record(5_020, true);
    b.record(5_021, true);
    expect(b.state(5_022)).toBe('closed');
  });

  it('opens again at the first failed probe', () => {
    const b = breaker();
    for (let i = 0; i < 10; i++) b.record(i, false);
    b.allow(5_010);
    b.record(5_020, false);
    expect(b.state(5_021)).toBe('open');
    expect(b.timesOpened).toBe(2);
  });

  it('forgets failures older than the window', () => {
    const b = breaker();
    for (let i = 0; i < 8; i++) b.record(i, false);
    for (let i = 0; i < 10; i++) b.record(20_000 + i, true);
    b.record(20_100, false);
    expect(b.state(20_101)).toBe('closed');
  });
});

describe('ZipfSampler', () => {
  it('draws ranks with probability proportional to 1/(k+1)^s (chi-square within a generous bound)', () => {
    const z = new ZipfSampler(20, 1.1);
    const stream = new RandomStreams(3).get('z');
    const n = 200_000;
    const counts = new Array(20).fill(0);
    for (let i = 0; i < n; i++) counts[z.sample(stream)]++;
    let chi2 = 0;
    for (let k = 0; k < 20; k++) chi2 += (counts[k] - n * z.probability(k)) ** 2 / (n * z.probability(k));
    expect(chi2).toBeLessThan(45); // 19 degrees of freedom: P(chi2 > 45) < 0.001
    expect(z.probability(0) / z.probability(1)).toBeCloseTo(2 ** 1.1, 10);
  });

  it('is uniform with exponent 0', () => {
    const z = new ZipfSampler(4, 0);
    for (let k = 0; k < 4; k++) expect(z.probability(k)).toBeCloseTo(0.25, 12);
  });
});

describe('retries', () => {
  const policy = (statuses: number[], classes: Array<'4xx' | '5xx'>, onTimeout = false): RetryPolicy => ({ ...NO_RETRIES, attempts: 3, statuses: new Set(statuses), on4xx: classes.includes('4xx'), on5xx: classes.includes('5xx'), onTimeout });

  it('with no statuses listed, the classes decide (the empty set is skipped, not consulted)', () => {
    const p = policy([], ['5xx']);
    expect([500, 503, 429, 404, 200].map((s) => retries(p, s, false))).toEqual([true, true, false, false, false]);
  });

  it('a listed status is retried whatever the classes say; time-outs follow onTimeout', () => {
    const p = policy([429, 409], [], true);
    expect([429, 409, 404, 500].map((s) => retries(p, s, false))).toEqual([true, true, false, false]);
    expect(retries(p, 0, true)).toBe(true);
    expect(retries(policy([429], []), 0, true)).toBe(false);
    expect(retries({ ...p, attempts: 1 }, 429, false)).toBe(false);
  });
});
