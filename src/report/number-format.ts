/** Numbers as the outputs print them: at most 4 decimals, NaN as empty. Stable across runs. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '' : value > 0 ? 'Infinity' : '-Infinity';
  return String(Number(value.toFixed(4)));
}

/** Replaces NaN and infinities (which JSON cannot hold) by null, recursively. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

/**
 * A latency for people: `12.3 ms`, and from 10 s on `60.1 s` (a minute
 * written as 60129.3 ms is hard to read); `–` for no value.
 */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;
}

/** Dollars with cents and thousands separators: `$1,234.50`. */
export const money = (usd: number) => `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
