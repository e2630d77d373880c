/**
 * Amazon Route 53's part of a failover's bill: each health check per month,
 * and each optional feature it uses per month (HTTPS, a 10-second "fast"
 * interval), at the price for AWS endpoints (https://aws.amazon.com/route53/pricing/;
 * Route 53 is global: one price whatever the Region). Hosted zones and DNS
 * queries are left out: a failover adds no zone, and its queries are the
 * clients' lookups, which the model does not count.
 */
import { flatLine, section, type CostLine } from './cost-line.js';
import { HOURS_PER_MONTH, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceRoute53(usage: MonthlyUsage, prices: PriceTable): CostLine[] {
  const checks = usage.route53HealthChecks;
  if (!checks || checks.healthChecks === 0) return [];
  const p = section(prices.route53, 'Route 53 health check prices (a route53 section, as in src/cost/prices/us-east-1.json)');
  const months = usage.hours / HOURS_PER_MONTH;
  return [
    flatLine('Amazon Route 53', 'health checks (AWS endpoints)', checks.healthChecks * months, 'health check-months', p.healthCheck),
    ...(checks.optionalFeatures > 0 ? [flatLine('Amazon Route 53', 'health check optional features (HTTPS, fast interval)', checks.optionalFeatures * months, 'feature-months', p.healthCheckOptionalFeature)] : []),
  ];
}
