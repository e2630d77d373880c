/**
 * Parsers for the values with units that scenario files use (DESIGN §3):
 * durations `250ms`, `2s`, `5m`, `1h`, `1d`; rates `1000/s`, `60000/min`,
 * `300M/month`; sizes `512B`, `1KB`, `1.6GB` (1 KB = 1024 B, as AWS bills);
 * counts `300M`, `1.5B`.
 *
 * Each parser returns the value in the base unit (ms, per second, bytes, a
 * plain number) or throws a `UnitError` whose message says which unit to add.
 * Every value is finite and within the bound of its kind (./limits.ts): a
 * number too large for a double (`1e400ms`) or past the bound is refused in
 * words, never read as Infinity.
 */
import { MAX_COUNT, MAX_DURATION_MS, MAX_RATE_PER_S, MAX_SIZE_BYTES } from './limits.js';

export class UnitError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UnitError';
  }
}

const MS_PER: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
/** A month is 730 hours, as AWS pricing assumes. */
export const HOURS_PER_MONTH = 730;
const SECONDS_PER: Record<string, number> = {
  s: 1,
  sec: 1,
  min: 60,
  m: 60,
  h: 3600,
  hour: 3600,
  d: 86_400,
  day: 86_400,
  month: HOURS_PER_MONTH * 3600,
};
const BYTES_PER: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const COUNT_SUFFIX: Record<string, number> = { '': 1, K: 1e3, k: 1e3, M: 1e6, B: 1e9 };

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;
const DURATION_RE = new RegExp(`^(${NUMBER})\\s*(ms|s|min|m|h|d)$`);
const RATE_RE = new RegExp(`^(${NUMBER})\\s*([KkMB]?)\\s*/\\s*(s|sec|min|m|h|hour|d|day|month)$`);
const SIZE_RE = new RegExp(`^(${NUMBER})\\s*(B|KB|MB|GB|TB)$`);
const COUNT_RE = new RegExp(`^(${NUMBER})\\s*([KkMB]?)$`);

/** A value as a message shows it: text quoted (and cut when long), a list or mapping by its kind, a number that is none in words. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'a value that is not a number (.nan)' : Number.isFinite(value) ? String(value) : 'an infinite number (1e400, .inf)';
  if (value === null) return 'nothing (null)';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** `value` itself in a hint's example, when it is a plain number that reads well there. */
function exampleNumber(value: unknown, fallback: string): string {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e15 ? String(value) : fallback;
}

/** What a missing value, or one that is not text, gets: said in words, with the form it takes. */
function notA(value: unknown, what: string, hint: string): UnitError {
  if (value === undefined) return new UnitError('is required', hint);
  if (value === null) return new UnitError(`is empty: expected a ${what}`, hint);
  return new UnitError(`${describeValue(value)} is not a ${what}`, hint);
}

/** The number a parser read, refused when past `max` (which catches 1e400, read as Infinity) with the text as written. */
function atMost(n: number, text: string, max: number, what: string, bound: string): number {
  if (!(n <= max)) throw new UnitError(`"${text.trim()}" is above ${bound}, the most a ${what} may be`, `give a ${what} up to ${bound} (docs/scenario-reference.md: Limits)`);
  return n;
}

/** Duration in ms, e.g. `250ms`, `2s`, `5m`, `1h`, `1d`, at most 3653 days (./limits.ts). */
export function parseDuration(value: unknown): number {
  const match = typeof value === 'string' ? DURATION_RE.exec(value.trim()) : null;
  if (!match) throw notA(value, 'duration', typeof value === 'number' ? `add a unit, e.g. ${exampleNumber(value, '250')}ms or ${exampleNumber(value, '2')}s` : 'write it like 250ms, 2s, 5m, 1h or 1d');
  return atMost(Number(match[1]) * MS_PER[match[3]], value as string, MAX_DURATION_MS, 'duration', `${MAX_DURATION_MS / 86_400_000}d`);
}

/** Rate in events per second, e.g. `1000/s`, `60000/min`, `300M/month`, at most 1e9/s. */
export function parseRate(value: unknown): number {
  const match = typeof value === 'string' ? RATE_RE.exec(value.trim()) : null;
  if (!match) throw notA(value, 'rate', typeof value === 'number' ? `add a unit, e.g. ${exampleNumber(value, '1000')}/s or ${exampleNumber(value, '60000')}/min` : 'write it like 1000/s, 60000/min or 300M/month');
  return atMost((Number(match[1]) * COUNT_SUFFIX[match[3]]) / SECONDS_PER[match[4]], value as string, MAX_RATE_PER_S, 'rate', '1000000000/s');
}

/** Size in bytes, e.g. `512B`, `1KB`, `1.6GB` (binary multiples), at most 1 TB. */
export function parseSize(value: unknown): number {
  const match = typeof value === 'string' ? SIZE_RE.exec(value.trim()) : null;
  if (!match) throw notA(value, 'size', typeof value === 'number' ? `add a unit, e.g. ${exampleNumber(value, '512')}B, ${exampleNumber(value, '1')}KB or ${exampleNumber(value, '512')}MB` : 'write it like 512B, 1KB, 512MB or 1.6GB');
  return atMost(Number(match[1]) * BYTES_PER[match[3]], value as string, MAX_SIZE_BYTES, 'size', '1TB');
}

/** A count, e.g. `40`, `300M`, `1.5B`, or a plain number; finite (the field or flag it is for bounds it). */
export function parseCount(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnitError(`${describeValue(value)} is not a count`, 'write it like 40, 300M or 1.5B');
    return value;
  }
  const match = typeof value === 'string' ? COUNT_RE.exec(value.trim()) : null;
  if (!match) throw notA(value, 'count', 'write it like 40, 300M or 1.5B');
  const n = Number(match[1]) * COUNT_SUFFIX[match[3]];
  if (!Number.isFinite(n)) throw new UnitError(`"${(value as string).trim()}" is too large to be a count`, 'write it like 40, 300M or 1.5B');
  return n;
}

/** A month's volume, `40M` or `40M/month` (as `apigw-sim price --requests` takes it). */
export function parseMonthlyCount(value: unknown): number {
  const perMonth = typeof value === 'string' ? /^(.*?)\s*\/\s*month$/.exec(value.trim()) : null;
  const count = perMonth ? perMonth[1] : value;
  if (typeof count === 'number' || (typeof count === 'string' && COUNT_RE.test(count.trim()))) return parseCount(count);
  throw notA(value, 'monthly volume', 'write it like 40M or 40M/month');
}

const QUOTA_RE = new RegExp(`^(${NUMBER})\\s*([KkMB]?)\\s*/\\s*(day|week|month)$`);
const QUOTA_PERIOD_MS: Record<string, number> = { day: 86_400_000, week: 7 * 86_400_000, month: HOURS_PER_MONTH * 3_600_000 };

/** A usage-plan quota, `5000/day`, `10K/week`, `1M/month` (a month is 730 h): requests and period. */
export function parseQuota(value: unknown): { limit: number; periodMs: number } {
  const match = typeof value === 'string' ? QUOTA_RE.exec(value.trim()) : null;
  if (!match) throw notA(value, 'quota', 'write it like 5000/day, 10K/week or 1M/month (API Gateway quotas are per day, week or month)');
  return { limit: atMost(Number(match[1]) * COUNT_SUFFIX[match[3]], value as string, MAX_COUNT, 'quota', '1e15 requests'), periodMs: QUOTA_PERIOD_MS[match[4]] };
}
