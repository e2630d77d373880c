/**
 * `cost.csv`: one row per line of the month's bill and per front-door type,
 * with the Region and the price table's date on every row, so a row read
 * alone still says what it prices.
 */
import { stringify } from 'csv-stringify/sync';
import type { CostEstimate } from '../cost/cost-estimate.js';
import { formatNumber } from './number-format.js';

export const COST_CSV_HEADER = ['api_type', 'region', 'price_date', 'service', 'item', 'quantity', 'unit', 'usd_rate', 'rate_unit', 'usd'] as const;

export function toCostCsv(estimates: readonly CostEstimate[]): string {
  const rows = estimates.flatMap((e) =>
    e.lines.map((l) => [e.apiType, e.region, e.effectiveDate, l.service, l.item, formatNumber(l.quantity), l.unit, String(l.usdRate), l.rateUnit, l.usd.toFixed(4)]),
  );
  return stringify([[...COST_CSV_HEADER], ...rows]);
}
