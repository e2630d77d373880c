/**
 * Token bucket (API Gateway throttling): starts full at `burst`, refills at
 * `ratePerSecond` up to `burst`, one token per admitted request.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { TokenBucket } from '../../../src/model/shared/token-bucket.js';

/** Offers requests at the given times; returns how many were admitted. */
function offer(bucket: TokenBucket, times: Iterable<number>): number {
  let admitted = 0;
  for (const t of times) if (bucket.tryTake(t)) admitted++;
  return admitted;
}

function* every(stepMs: number, fromMs: number, toMs: number): Generator<number> {
  for (let i = 0; fromMs + i * stepMs < toMs; i++) yield fromMs + i * stepMs;
}

describe('TokenBucket', () => {
  it.each([
    [10, 1],
    [100, 37],
    [5000, 5000],
  ])('rate %d/s, burst %d: after a long idle a simultaneous spike admits exactly the burst', (rate, burst) => {
    const bucket = new TokenBucket(rate, burst);
    expect(offer(bucket, Array(burst * 3).fill(0))).toBe(burst); // starts full
    const idleUntil = 3_600_000;
    expect(offer(bucket, Array(burst * 3).fill(idleUntil))).toBe(burst); // refilled, but never beyond burst
  });

  it.each([
    [300, 100],
    [1000, 2000],
    [7, 5],
  ])('rate %d/s, burst %d: offered 2x the rate for 1000 s, admits the rate within 1 %', (rate, burst) => {
    const bucket = new TokenBucket(rate, burst);
    const seconds = 1000;
    const admitted = offer(bucket, every(1000 / (2 * rate), 0, seconds * 1000));
    // at most burst + rate·T tokens ever exist; subtracting the initial burst leaves the refill
    const admittedRate = (admitted - burst) / seconds;
    expect(Math.abs(admittedRate - rate) / rate).toBeLessThan(0.01);
    expect(admitted).toBeLessThanOrEqual(burst + rate * seconds);
  });

  it('Poisson arrivals at 2x the rate for 1000 s: admitted rate within 1 % of the bucket rate', () => {
    const rate = 200;
    const burst = 50;
    const u = new RandomStreams(8).get('arrivals');
    const times: number[] = [];
    for (let t = 0; ; ) {
      t += (-Math.log1p(-u.next()) * 1000) / (2 * rate); // exponential gaps, mean 1/(2·rate) s
      if (t >= 1_000_000) break;
      times.push(t);
    }
    const admitted = offer(new TokenBucket(rate, burst), times);
    expect(Math.abs((admitted - burst) / 1000 - rate) / rate).toBeLessThan(0.01);
  });

  it('under the rate nothing is refused', () => {
    const bucket = new TokenBucket(100, 10);
    const times = [...every(20, 0, 100_000)]; // 50/s against 100/s
    expect(offer(bucket, times)).toBe(times.length);
  });

  it('setRate changes the refill rate from that moment; tokens earned before it used the old rate', () => {
    const bucket = new TokenBucket(10, 1000);
    expect(offer(bucket, Array(1000).fill(0))).toBe(1000); // empty at t = 0
    bucket.setRate(2000, 100); // 2 s at 10/s = 20 tokens earned before the change
    expect(bucket.available(2000)).toBeCloseTo(20, 9);
    expect(bucket.available(3000)).toBeCloseTo(20 + 100, 9); // then 1 s at 100/s
    bucket.setRate(3000, 0); // a failure window: no refill at all
    expect(offer(bucket, Array(200).fill(3000))).toBe(120);
    expect(bucket.available(600_000)).toBe(0);
    bucket.setRate(600_000, 10);
    expect(bucket.available(601_000)).toBeCloseTo(10, 9);
  });

  it('measured over a steady 2x overload, the admitted rate follows setRate', () => {
    const bucket = new TokenBucket(100, 10);
    const phase1 = offer(bucket, every(5, 0, 100_000)); // 200/s offered, rate 100/s, 100 s
    bucket.setRate(100_000, 50);
    const phase2 = offer(bucket, every(5, 100_000, 200_000)); // rate 50/s, 100 s
    expect(Math.abs((phase1 - 10) / 100 - 100)).toBeLessThan(1);
    expect(Math.abs(phase2 / 100 - 50)).toBeLessThan(0.5);
  });

  it('a time earlier than the last one refills nothing (no negative refill)', () => {
    const bucket = new TokenBucket(10, 5);
    offer(bucket, Array(5).fill(1000));
    expect(bucket.available(500)).toBe(0);
    expect(bucket.available(1100)).toBeCloseTo(1, 9);
  });

  it('refuses a negative or NaN rate or burst; a zero-burst bucket admits nothing', () => {
    expect(() => new TokenBucket(-1, 5)).toThrow(RangeError);
    expect(() => new TokenBucket(5, -1)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN, 5)).toThrow(RangeError);
    expect(offer(new TokenBucket(100, 0), every(1, 0, 10_000))).toBe(0);
  });

  it('does not lose tokens to floating-point sums: burst 1 at 1/s with a request every 100 ms admits 1/s', () => {
    const bucket = new TokenBucket(1, 1);
    let admitted = 0;
    for (let i = 0; i < 100_000; i++) if (bucket.tryTake(i * 100)) admitted++; // 10,000 s
    expect(admitted).toBe(10_000);
  });
});
