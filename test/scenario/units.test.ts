import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parseRate, parseSize, UnitError } from '../../src/scenario/units.js';

describe('units', () => {
  it.each([
    ['250ms', 250], ['2s', 2000], ['1.5s', 1500], ['5m', 300_000], ['5min', 300_000], ['1h', 3_600_000], ['1d', 86_400_000], [' 30 s ', 30_000], ['1e3ms', 1000], ['.5s', 500],
  ])('duration %s = %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ['1000/s', 1000], ['60000/min', 1000], ['3600/h', 1], ['5K/s', 5000], ['2M/day', 2e6 / 86_400], ['730/month', 730 / (730 * 3600)], ['10 / sec', 10],
  ])('rate %s = %d per second', (text, perS) => expect(parseRate(text)).toBeCloseTo(perS, 12));

  it.each([
    ['512B', 512], ['1KB', 1024], ['512MB', 512 * 1024 ** 2], ['1.5GB', 1.5 * 1024 ** 3], ['1TB', 1024 ** 4],
  ])('size %s = %d bytes (1 KB = 1024 B)', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each([
    [40, 40], ['40', 40], ['300M', 3e8], ['1.5B', 1.5e9], ['2k', 2000],
  ])('count %s = %d', (text, n) => expect(parseCount(text)).toBe(n));

  it.each([
    [parseDuration, 250, /add a unit, e.g. 250ms/],
    [parseDuration, '5 hours', /250ms, 2s/],
    [parseDuration, '-1s', /250ms/],
    [parseRate, 100, /100\/s/],
    [parseRate, '100 rps', /1000\/s/],
    [parseSize, '1 kb', /512B, 1KB/],
    [parseCount, 'many', /300M/],
  ] as const)('%o rejects %o with a hint', (parse, value, hint) => {
    let caught: unknown;
    try {
      parse(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnitError);
    expect((caught as UnitError).hint).toMatch(hint);
  });

  it('property: any non-negative number written with a unit reads back scaled by that unit', () => {
    // up to 80,000 (h): every duration stays within the longest one taken, 3653 days
    const value = fc.double({ min: 0, max: 80_000, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
    fc.assert(
      fc.property(value, fc.constantFrom(['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000]), (x, [unit, scale]) => {
        expect(parseDuration(`${x}${unit}`)).toBeCloseTo(x * scale, 6);
      }),
    );
    fc.assert(
      fc.property(value, (x) => {
        expect(parseSize(`${x}KB`)).toBeCloseTo(x * 1024, 6);
      }),
    );
  });
});
