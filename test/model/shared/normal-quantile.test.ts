import erfinv from '@stdlib/math-base-special-erfinv';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/model/shared/normal-quantile.js';

const exact = (p: number) => Math.SQRT2 * erfinv(2 * p - 1);

describe('normalQuantile (Acklam)', () => {
  it('agrees with the exact inverse (via erfinv) to 1e-8 on [0.001, 0.999], across both region boundaries', () => {
    // outside this range 2p - 1 loses digits to cancellation, so erfinv is no longer the better reference
    const ps = [0.001, 0.02, 0.02425, 0.0243, 0.97575, 0.9757, 0.999];
    for (let i = 10; i < 10_000; i++) ps.push(i / 10_000);
    for (const p of ps) expect(Math.abs(normalQuantile(p) - exact(p))).toBeLessThan(1e-8 * Math.max(1, Math.abs(exact(p))));
  });

  it.each([
    [1e-12, -7.034483825],
    [1e-9, -5.997807015],
    [1e-6, -4.753424309],
    [1 - 1e-6, 4.753424309],
  ])('matches the published table value in the far tail: Φ⁻¹(%s) = %s', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(2e-8 * Math.abs(z) + 1e-9);
  });

  it('gives the textbook z values', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
  });

  it('is infinite at the ends instead of NaN', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});
