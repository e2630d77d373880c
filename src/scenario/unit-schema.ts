/**
 * zod types for values with units. Each turns the scenario's text into a
 * number in the base unit, or reports the unit error with its hint, and
 * describes itself in the generated JSON Schema as a patterned string.
 */
import { z } from 'zod';
import { MAX_BURST, MAX_QUEUE } from './limits.js';
import { describeValue, parseCount, parseDuration, parseMonthlyCount, parseQuota, parseRate, parseSize, UnitError } from './units.js';

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
/** A token bucket's burst: a whole number of requests from 1 to MAX_BURST, plain or as `5K`. */
export const burst = () =>
  withUnit(
    (v) => checkNumber(parseCount(v), { min: 1, max: MAX_BURST, whole: true }),
    { anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_BURST }, { type: 'string', pattern: String.raw`^\d*\.?\d+\s*[KkMB]?$` }], description: `burst: a whole number of requests from 1 to ${MAX_BURST}, e.g. 500 or 5K` },
  );

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

/** A whole number >= 0 (at most MAX_QUEUE), or `unbounded` (Infinity). */
export const capacityOrUnbounded = () =>
  withUnit(
    (v) => {
      if (v === 'unbounded') return Infinity;
      if (typeof v === 'number') return checkNumber(v, { min: 0, max: MAX_QUEUE, whole: true, hint: 'give a whole number >= 0, or "unbounded"' });
      throw new UnitError(`${describeValue(v)} is not a capacity`, 'give a whole number >= 0, or "unbounded"');
    },
    { anyOf: [{ const: 'unbounded' }, { type: 'integer', minimum: 0, maximum: MAX_QUEUE }], description: 'whole number or "unbounded"' },
  );

/** A fraction from 0 to 1, or `full` (1). */
export const fractionOrFull = () =>
  withUnit(
    (v) => {
      if (v === 'full') return 1;
      if (typeof v === 'number' && v >= 0 && v <= 1) return v === 0 ? 0 : v;
      throw new UnitError(`${describeValue(v)} is not a fraction`, 'give a fraction from 0 to 1 (0.8 = 80 %), or "full"');
    },
    { anyOf: [{ const: 'full' }, { type: 'number', minimum: 0, maximum: 1 }], description: 'fraction from 0 to 1, or "full"' },
  );

export interface NumberRange {
  min: number;
  max: number;
  /** The minimum itself is refused: a value must be above it. */
  above?: boolean;
  whole?: boolean;
  /** Why the range is what it is (an AWS quota...), for the hint of a value outside it. */
  why?: string;
  /** The hint of a value that is not a number at all. */
  hint?: string;
}

const fmt = (n: number) => (Math.abs(n) >= 10_000 && Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** What fits the range: the range in words (`1 to 10,000`, `above 0 and at most 1`). */
function rangeWords(r: NumberRange): string {
  return `${r.above ? `above ${fmt(r.min)} and at most` : `${fmt(r.min)} to`} ${fmt(r.max)}`;
}

/**
 * `value` when it is a finite number in the range (a whole one when asked),
 * else a UnitError saying in words what is wrong: NaN, a number too large to
 * hold (1e400 reads as Infinity), a fraction, below or above the range.
 */
export function checkNumber(value: number, r: NumberRange): number {
  const kind = r.whole ? 'a whole number' : 'a number';
  const hint = r.why ?? "docs/scenario-reference.md gives each field's range (Limits)";
  if (Number.isNaN(value)) throw new UnitError('is not a number (.nan)', `write ${kind} from ${rangeWords(r)}`);
  if (!Number.isFinite(value)) throw new UnitError('is an infinite number (1e400 and .inf are past the largest number there is)', `write ${kind} from ${rangeWords(r)}`);
  if (r.whole && !Number.isInteger(value)) throw new UnitError(`${value} is not a whole number`, `write a whole number, e.g. ${fmt(Math.max(r.min, Math.min(r.max, 3)))}`);
  if (r.above ? !(value > r.min) : !(value >= r.min)) throw new UnitError(`${fmt(value)} is too small: it must be ${r.above ? `above ${fmt(r.min)}` : `${fmt(r.min)} or more`}`, hint);
  if (!(value <= r.max)) throw new UnitError(`${fmt(value)} is too large: it must be at most ${fmt(r.max)}`, hint);
  return value === 0 ? 0 : value; // -0 is 0
}

function plainNumber(r: NumberRange) {
  const kind = r.whole ? 'whole number' : 'number';
  return withUnit(
    (v) => {
      if (typeof v !== 'number') {
        if (v === null) throw new UnitError(`is empty: expected a ${kind}`, r.hint ?? `write a plain ${kind} from ${rangeWords(r)}`);
        throw new UnitError(`expected a number, got ${describeValue(v)}`, r.hint ?? `write a plain number${r.whole ? ', a whole one,' : ''} from ${rangeWords(r)} (no unit, no quotes)`);
      }
      return checkNumber(v, r);
    },
    {
      type: r.whole ? 'integer' : 'number',
      ...(r.above ? { exclusiveMinimum: r.min } : { minimum: r.min }),
      maximum: r.max,
      description: `${kind} from ${rangeWords(r)}`,
    },
  );
}

/** A plain number in the range: finite, and every bound said in the error when it is not. */
export const real = (min: number, max: number, options: Omit<NumberRange, 'min' | 'max' | 'whole'> = {}) => plainNumber({ min, max, ...options });
/** A plain whole number in the range. */
export const whole = (min: number, max: number, options: Omit<NumberRange, 'min' | 'max' | 'whole'> = {}) => plainNumber({ min, max, whole: true, ...options });
