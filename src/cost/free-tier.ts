/**
 * The free tier, off unless asked for: most of it is for an account's first
 * 12 months, and an account's other workloads may already use it. When on,
 * the allowance is taken off the month's volume before the tiers and shown
 * as its own $0 line.
 */
import type { CostLine, CostService } from './cost-line.js';

export interface FreeTierOption {
  readonly freeTier: boolean;
}

export function freeShare(service: CostService, item: string, quantity: number, unit: string, allowance: number, options: FreeTierOption): { billable: number; freeLines: CostLine[] } {
  if (!options.freeTier || allowance <= 0) return { billable: quantity, freeLines: [] };
  const freeQuantity = Math.min(quantity, allowance);
  return {
    billable: quantity - freeQuantity,
    freeLines: [{ service, item: `${item} (free tier)`, quantity: freeQuantity, unit, usdRate: 0, rateUnit: unit, usd: 0 }],
  };
}
