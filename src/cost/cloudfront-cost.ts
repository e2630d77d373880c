/**
 * Amazon CloudFront's part of the bill (https://aws.amazon.com/cloudfront/pricing/),
 * for a distribution in front of the API:
 *
 * - every viewer request (hit or not) at the HTTPS request price, per 10,000;
 * - the bodies sent to the clients, tiered per GB: data transfer out to the
 *   internet from the edge locations;
 * - the request bodies sent to the origin ("Regional Data Transfer Out to
 *   Origin"), per GB.
 *
 * The origin's answers to CloudFront cost nothing: "Free for origin fetches
 * from any AWS origin" (the pricing page), so the front door's own data
 * transfer out is 0 behind a distribution (./run-cost.ts). CloudFront prices
 * by the edge location's geography; each bundled table takes the geography
 * its Region is in (us-east-1: United States, Mexico and Canada; eu-west-1:
 * Europe, Israel and Türkiye), as for clients near the API (docs/costs.md).
 * The free allowance (1 TB and 10 M requests a month, "Always Free") applies
 * only with `cost.freeTier`.
 */
import { flatLine, section, tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import { BYTES_PER_GB, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

const SERVICE = 'Amazon CloudFront';

export function priceCloudFront(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const cf = usage.cloudfront;
  if (!cf) return [];
  const p = section(prices.cloudfront, 'Amazon CloudFront prices (a cloudfront section, as in src/cost/prices/us-east-1.json)');
  const requests = freeShare(SERVICE, 'HTTPS requests', cf.requests, 'requests', p.freeRequests.value, options);
  const out = freeShare(SERVICE, 'data transfer out to the internet', cf.dataTransferOutBytes / BYTES_PER_GB, 'GB', p.freeDataTransferOutGb.value, options);
  return [
    ...requests.freeLines,
    flatLine(SERVICE, 'HTTPS requests', requests.billable, 'requests', p.httpsRequests),
    ...out.freeLines,
    ...tieredLines(SERVICE, 'data transfer out to the internet', out.billable, p.dataTransferOut),
    flatLine(SERVICE, 'data transfer out to the origin', cf.originBytes / BYTES_PER_GB, 'GB', p.dataTransferToOrigin),
  ];
}
