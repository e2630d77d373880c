/**
 * SNS delivery policies as schedules, against AWS's published table
 * (sns-message-delivery-retries.html): the AWS-managed policy's phases and
 * the HTTP/S default (3 retries, 20 s apart), and a custom HTTP/S policy's
 * phases worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICY, HTTP_POLICY_DEFAULTS } from '../../../src/catalog/topics.js';
import { httpPhases, retryDelayMs, retryDelaysMs, totalRetryMs } from '../../../src/model/sns/delivery-policy.js';

const D = HTTP_POLICY_DEFAULTS;
const httpDefault = httpPhases({ ...D, minDelayMs: D.minDelayMs, maxDelayMs: D.maxDelayMs });

describe('the AWS-managed policy (Lambda, SQS)', () => {
  const first15 = Array.from({ length: 15 }, (_, i) => retryDelayMs(AWS_MANAGED_POLICY, i + 1) as number);
  it('retries 3 times at once, then 2 times 1 s apart', () => {
    expect(first15.slice(0, 5)).toEqual([0, 0, 0, 1000, 1000]);
  });
  it('then 10 times growing exponentially from 1 s to 20 s', () => {
    const backoff = first15.slice(5);
    expect(backoff[0]).toBe(1000);
    expect(backoff[9]).toBeCloseTo(20_000, 6);
    for (let i = 1; i < 10; i++) expect(backoff[i] / backoff[i - 1]).toBeCloseTo(20 ** (1 / 9), 9);
  });
  it('then 100,000 times 20 s apart: 100,015 tries in all, over 23 days', () => {
    expect(retryDelayMs(AWS_MANAGED_POLICY, 16)).toBe(20_000);
    expect(retryDelayMs(AWS_MANAGED_POLICY, 100_015)).toBe(20_000);
    expect(retryDelayMs(AWS_MANAGED_POLICY, 100_016)).toBeNull();
    const days = totalRetryMs(AWS_MANAGED_POLICY) / 86_400_000;
    expect(days).toBeGreaterThan(23);
    expect(days).toBeLessThan(24);
  });
});

describe('HTTP/S delivery policies', () => {
  it('by default retries 3 times, 20 s apart, then gives up', () => {
    expect(retryDelaysMs(httpDefault)).toEqual([20_000, 20_000, 20_000]);
    expect(retryDelayMs(httpDefault, 4)).toBeNull();
  });
  it.each([
    ['no-delay, min-delay, a linear backoff and max-delay phases, in that order', { retries: 7, noDelayRetries: 1, minDelayRetries: 1, maxDelayRetries: 1, backoff: 'linear' as const }, [0, 2000, 2000, 6000, 10_000, 14_000, 14_000]],
    ['an exponential backoff doubling from 2 s to 16 s', { retries: 4, noDelayRetries: 0, minDelayRetries: 0, maxDelayRetries: 0, backoff: 'exponential' as const }, [2000, 4000, 8000, 16_000]],
    ['no retries at all', { retries: 0, noDelayRetries: 0, minDelayRetries: 0, maxDelayRetries: 0, backoff: 'linear' as const }, []],
  ])('%s', (_, p, expected) => {
    const delays = retryDelaysMs(httpPhases({ ...p, minDelayMs: 2000, maxDelayMs: p.retries === 7 ? 14_000 : 16_000 }));
    expect(delays.length).toBe(expected.length);
    delays.forEach((d, i) => expect(d).toBeCloseTo(expected[i], 6));
  });
});
