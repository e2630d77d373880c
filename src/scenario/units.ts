/**
 * Parsers for the values with units that scenario files use (DESIGN §3):
 * durations `250ms`, `2s`, `5m`, `1h`, `1d`; rates `1000/s`, `60000/min`,
 * `300M/month`; sizes `512B`, `1KB`, `1.6GB` (1 KB = 1024 B, as AWS bills);
 * counts `300M`, `1.5B`.
 *
 * Each parser returns the value in the base unit (ms, per second, bytes, a
 * plain number) or throws a `UnitError` whose message says which unit to add.
 */

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

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Duration in ms, e.g. `250ms`, `2s`, `5m`, `1h`, `1d`. */
export function parseDuration(value: unknown): number {
  const match = typeof value === 'string' ? DURATION_RE.exec(value.trim()) : null;
  if (!match) {
    const hint = typeof value === 'number' ? `add a unit, e.g. ${value}ms or ${value}s` : 'write it like 250ms, 2s, 5m, 1h or 1d';
    throw new UnitError(`${describe(value)} is not a duration`, hint);
  }
  return Number(match[1]) * MS_PER[match[3]];
}

/** Rate in events per second, e.g. `1000/s`, `60000/min`, `300M/month`. */
export function parseRate(value: unknown): number {
  const match = typeof value === 'string' ? RATE_RE.exec(value.trim()) : null;
  if (!match) {
    const hint = typeof value === 'number' ? `add a unit, e.g. ${value}/s or ${value}/min` : 'write it like 1000/s, 60000/min or 300M/month';
    throw new UnitError(`${describe(value)} is not a rate`, hint);
  }
  return (Number(match[1]) * COUNT_SUFFIX[match[3]]) / SECONDS_PER[match[4]];
}

/** Size in bytes, e.g. `512B`, `1KB`, `1.6GB` (binary multiples). */
export function parseSize(value: unknown): number {
  const match = typeof value === 'string' ? SIZE_RE.exec(value.trim()) : null;
  if (!match) {
    const hint = typeof value === 'number' ? `add a unit, e.g. ${value}B, ${value}KB or ${value}MB` : 'write it like 512B, 1KB, 512MB or 1.6GB';
    throw new UnitError(`${describe(value)} is not a size`, hint);
  }
  return Number(match[1]) * BYTES_PER[match[3]];
}

/** A count, e.g. `40`, `300M`, `1.5B`, or a plain number. */
export function parseCount(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const match = typeof value === 'string' ? COUNT_RE.exec(value.trim()) : null;
  if (!match) throw new UnitError(`${describe(value)} is not a count`, 'write it like 40, 300M or 1.5B');
  return Number(match[1]) * COUNT_SUFFIX[match[3]];
}

/** A month's volume, `40M` or `40M/month` (as `apigw-sim price --requests` takes it). */
export function parseMonthlyCount(value: unknown): number {
  const perMonth = typeof value === 'string' ? /^(.*?)\s*\/\s*month$/.exec(value.trim()) : null;
  try {
    return parseCount(perMonth ? perMonth[1] : value);
  } catch {
    throw new UnitError(`${describe(value)} is not a monthly volume`, 'write it like 40M or 40M/month');
  }
}

const QUOTA_RE = new RegExp(`^(${NUMBER})\\s*([KkMB]?)\\s*/\\s*(day|week|month)$`);
const QUOTA_PERIOD_MS: Record<string, number> = { day: 86_400_000, week: 7 * 86_400_000, month: HOURS_PER_MONTH * 3_600_000 };

/** A usage-plan quota, `5000/day`, `10K/week`, `1M/month` (a month is 730 h): requests and period. */
export function parseQuota(value: unknown): { limit: number; periodMs: number } {
  const match = typeof value === 'string' ? QUOTA_RE.exec(value.trim()) : null;
  if (!match) throw new UnitError(`${describe(value)} is not a quota`, 'write it like 5000/day, 10K/week or 1M/month (API Gateway quotas are per day, week or month)');
  return { limit: Number(match[1]) * COUNT_SUFFIX[match[3]], periodMs: QUOTA_PERIOD_MS[match[4]] };
}
