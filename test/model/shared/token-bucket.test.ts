import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/model/shared/token-bucket.js';

describe('TokenBucket', () => {
  it('after idle admits exactly `burst` requests at one instant', () => {
    const bucket = new TokenBucket(100, 250);
    let admitted = 0;
    for (let i = 0; i < 1000; i++) if (bucket.tryTake(60_000)) admitted++;
    expect(admitted).toBe(250);
  });

  it('under a long constant overload admits the bucket rate (within 1 %)', () => {
    const rate = 500;
    const bucket = new TokenBucket(rate, 50);
    const seconds = 600;
    const offeredPerS = 2 * rate;
    let admitted = 0;
    for (let i = 0; i < seconds * offeredPerS; i++) if (bucket.tryTake((i * 1000) / offeredPerS)) admitted++;
    const admittedPerS = (admitted - 50) / seconds; // the initial burst is not the rate
    expect(Math.abs(admittedPerS - rate) / rate).toBeLessThan(0.01);
  });

  it('refills at the rate, never above the burst, and setRate changes the rate from then on', () => {
    const bucket = new TokenBucket(10, 5);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.available(200)).toBeCloseTo(2, 12); // 10/s for 0.2 s
    expect(bucket.available(10_000)).toBe(5);
    for (let i = 0; i < 5; i++) bucket.tryTake(10_000);
    bucket.setRate(10_000, 100);
    expect(bucket.available(10_030)).toBeCloseTo(3, 12); // 100/s for 30 ms
  });
});
