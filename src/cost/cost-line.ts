/**
 * A line of the bill: what was used, at which rate, for how many dollars.
 * Lines keep full precision; rounding to cents is the reporter's job (and
 * the total is the sum of unrounded lines, as AWS rounds the bill, not each
 * tier).
 */
import type { TieredFigure } from './price-table.js';

import type { CostService } from '../catalog/billed-services.js';

export { COST_SERVICES, type CostService } from '../catalog/billed-services.js';

export interface CostLine {
  readonly service: CostService;
  /** What the line is for, e.g. `REST requests, first 333M` or `integration duration (arm64)`. */
  readonly item: string;
  readonly quantity: number;
  /** Unit of the quantity: `requests`, `GB-seconds`, `hours`... */
  readonly unit: string;
  /** Dollars per `rateUnit`. */
  readonly usdRate: number;
  readonly rateUnit: string;
  readonly usd: number;
}

/** How many counted units one `per` unit holds (`million requests` -> 1e6). */
const PER_DIVISOR: Record<string, number> = {
  'million requests': 1e6,
  'million messages': 1e6,
  'million connection minutes': 1e6,
  'million events': 1e6,
  'million deliveries': 1e6,
  'million read request units': 1e6,
  'million write request units': 1e6,
  'RCU-hour': 1,
  'GB-hour': 1,
  'WCU-hour': 1,
  'GB-second': 1,
  GB: 1,
  'GB-month': 1,
  hour: 1,
  'ALB-hour': 1,
  'LCU-hour': 1,
  'NLB-hour': 1,
  'NLCU-hour': 1,
  'endpoint-AZ-hour': 1,
  'web ACL-month': 1,
  'rule-month': 1,
  'health check-month': 1,
  'feature-month': 1,
  '10,000 requests': 1e4,
};

export function perDivisor(per: string): number {
  const divisor = PER_DIVISOR[per];
  if (divisor === undefined) throw new Error(`no divisor for the unit "${per}"`);
  return divisor;
}

/** A price the table does not have (no source was found for it in that Region). */
export class MissingPriceError extends Error {
  override name = 'MissingPriceError';
}

/** A section (or figure) a price file written before it existed may lack. */
export function section<T>(figures: T | undefined, what: string): T {
  if (figures === undefined) throw new MissingPriceError(`the price table has no ${what}`);
  return figures;
}

/** One line at a flat rate. */
export function flatLine(service: CostService, item: string, quantity: number, unit: string, figure: { usd: number | null; per: string; note?: string }): CostLine {
  if (figure.usd === null) throw new MissingPriceError(`the price table has no price for ${service}: ${item} (${figure.note ?? 'unknown'})`);
  return { service, item, quantity, unit, usdRate: figure.usd, rateUnit: figure.per, usd: (quantity / perDivisor(figure.per)) * figure.usd };
}

/**
 * One line per tier the month's volume reaches. `quantity` is the month's
 * whole billable volume (after any free allowance); the tiers apply across
 * it, so the 334 millionth request is priced at the second tier however the
 * month's requests were spread. `alreadyBilled` is volume of the same
 * account and rate billed on earlier lines (another function of the same
 * architecture): this volume continues from there. A zero volume gives one
 * line of $0, so every priced dimension shows on the bill.
 */
export function tieredLines(service: CostService, item: string, quantity: number, figure: TieredFigure, alreadyBilled = 0): CostLine[] {
  if (figure.tiers === null) throw new MissingPriceError(`the price table has no price for ${service}: ${item} (${figure.note ?? 'unknown'})`);
  const divisor = perDivisor(figure.per);
  const lines: CostLine[] = [];
  const start = alreadyBilled;
  const end = alreadyBilled + quantity;
  let from = 0;
  for (const tier of figure.tiers) {
    const upTo = tier.upTo ?? Infinity;
    const inTier = Math.max(0, Math.min(end, upTo) - Math.max(start, from));
    if (inTier > 0 || (lines.length === 0 && end <= upTo)) {
      const label = figure.tiers.length === 1 ? item : `${item}, ${tierLabel(from, tier.upTo, figure.counted)}`;
      lines.push({ service, item: label, quantity: inTier, unit: figure.counted, usdRate: tier.usd, rateUnit: figure.per, usd: (inTier / divisor) * tier.usd });
    }
    if (end <= upTo) break;
    from = upTo;
  }
  return lines;
}

function tierLabel(from: number, upTo: number | null, counted: string): string {
  // "first 333M" reads as requests; a volume in GB or GB-seconds says so
  const unit = counted === 'requests' || counted === 'messages' ? '' : ` ${counted}`;
  if (upTo === null) return `over ${compact(from)}${unit}`;
  return from === 0 ? `first ${compact(upTo)}${unit}` : `next ${compact(upTo - from)}${unit}`;
}

/** `333000000` -> `333M`, `15000000000` -> `15B`, `10240` -> `10,240`. */
export function compact(n: number): string {
  if (n >= 1e9 && n % 1e8 === 0) return `${n / 1e9}B`;
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  return n.toLocaleString('en-US');
}

export function sumUsd(lines: readonly CostLine[]): number {
  let total = 0;
  for (const line of lines) total += line.usd;
  return total;
}
