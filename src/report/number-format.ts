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
