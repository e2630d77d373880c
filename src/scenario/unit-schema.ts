/**
 * zod types for values with units. Each turns the scenario's text into a
 * number in the base unit, or reports the unit error with its hint, and
 * describes itself in the generated JSON Schema as a patterned string.
 */
import { z } from 'zod';
import { parseCount, parseDuration, parseMonthlyCount, parseQuota, parseRate, parseSize, UnitError } from './units.js';

export const DURATION_PATTERN = String.raw`^\d*\.?\d+\s*(ms|s|min|m|h|d)$`;
export const RATE_PATTERN = String.raw`^\d*\.?\d+\s*[KkMB]?\s*/\s*(s|sec|min|m|h|hour|d|day|month)$`;
export const SIZE_PATTERN = String.raw`^\d*\.?\d+\s*(B|KB|MB|GB|TB)$`;

function withUnit<T>(parse: (v: unknown) => T, meta: Record<string, unknown>) {
  return z
    .unknown()
    .transform((value, ctx) => {
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is required', params: { hint: `add it: ${String(meta.description)}` } });
        return z.NEVER;
      }
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, params: { hint: error.hint } });
        return z.NEVER;
      }
    })
    .meta(meta);
}

export const duration = () => withUnit(parseDuration, { type: 'string', pattern: DURATION_PATTERN, description: 'duration: 250ms, 2s, 5m, 1h, 1d' });
export const rate = () => withUnit(parseRate, { type: 'string', pattern: RATE_PATTERN, description: 'rate: 1000/s, 60000/min, 300M/month' });
export const size = () => withUnit(parseSize, { type: 'string', pattern: SIZE_PATTERN, description: 'size: 512B, 1KB, 512MB, 1.6GB (1 KB = 1024 B)' });
export const count = () =>
  withUnit(parseCount, { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: String.raw`^\d*\.?\d+\s*[KkMB]?$` }], description: 'count: 40, 300M, 1.5B' });

export const monthlyCount = () =>
  withUnit(parseMonthlyCount, { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: String.raw`^\d*\.?\d+\s*[KkMB]?(\s*/\s*month)?$` }], description: 'a month\'s volume: 40M or 40M/month' });

export const QUOTA_PATTERN = String.raw`^\d*\.?\d+\s*[KkMB]?\s*/\s*(day|week|month)$`;
export const quota = () => withUnit(parseQuota, { type: 'string', pattern: QUOTA_PATTERN, description: 'quota: 5000/day, 10K/week, 1M/month' });

/** A duration, or `none` (Infinity): for time-outs that may be switched off. */
export const durationOrNone = () =>
  withUnit((v) => (v === 'none' ? Infinity : parseDuration(v)), {
    anyOf: [{ const: 'none' }, { type: 'string', pattern: DURATION_PATTERN }],
    description: 'duration (250ms, 2s, 5m...) or "none"',
  });

/** A duration, or `never`: for a log retention that never expires. */
export const durationOrNever = () =>
  withUnit((v): number | 'never' => (v === 'never' ? 'never' : parseDuration(v)), {
    anyOf: [{ const: 'never' }, { type: 'string', pattern: DURATION_PATTERN }],
    description: 'duration (30d, 365d...) or "never"',
  });

/** A whole number >= 0, or `unbounded` (Infinity). */
export const capacityOrUnbounded = () =>
  withUnit(
    (v) => {
      if (v === 'unbounded') return Infinity;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
      throw new UnitError(`${JSON.stringify(v)} is not a capacity`, 'give a whole number >= 0, or "unbounded"');
    },
    { anyOf: [{ const: 'unbounded' }, { type: 'integer', minimum: 0 }], description: 'whole number or "unbounded"' },
  );

/** A fraction from 0 to 1, or `full` (1). */
export const fractionOrFull = () =>
  withUnit(
    (v) => {
      if (v === 'full') return 1;
      if (typeof v === 'number' && v >= 0 && v <= 1) return v;
      throw new UnitError(`${JSON.stringify(v)} is not a fraction`, 'give a fraction from 0 to 1 (0.8 = 80 %), or "full"');
    },
    { anyOf: [{ const: 'full' }, { type: 'number', minimum: 0, maximum: 1 }], description: 'fraction from 0 to 1, or "full"' },
  );
