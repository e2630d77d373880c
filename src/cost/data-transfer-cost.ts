/**
 * Data transfer out to the internet: the response bodies the front door
 * sends (cache hits included), priced per GB with the EC2 data-transfer
 * tiers, which API Gateway and Elastic Load Balancing use. Headers, TLS and
 * transfer inside AWS are not counted.
 */
import { tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import { BYTES_PER_GB, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceDataTransfer(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const gb = usage.dataTransferOutBytes / BYTES_PER_GB;
  const { billable, freeLines } = freeShare('Data transfer', 'data transfer out to the internet', gb, 'GB', prices.freeTier.dataTransferOutGb.value, options);
  return [...freeLines, ...tieredLines('Data transfer', 'data transfer out to the internet', billable, prices.dataTransferOut)];
}
