/**
 * The Application Load Balancer's part of the bill: hours, and LCU-hours.
 * An hour's LCUs are the largest of its four dimensions, each divided by
 * what one LCU covers: new connections per second (25), active connections
 * per minute (3,000), processed GB per hour (1 GB, or 0.4 GB for Lambda
 * targets) and rule evaluations per second beyond the free rules (1,000).
 * Only the largest dimension is charged, hour by hour, so hours that look
 * different are priced apart.
 */
import { flatLine, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import type { AlbHours, MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export type LcuDimension = 'new connections' | 'active connections' | 'processed bytes' | 'rule evaluations';

/** The LCUs of an hour like `h`, and the dimension that sets them. */
export function lcuOfHour(h: AlbHours, prices: PriceTable, lambdaTargets: boolean): { lcu: number; dimension: LcuDimension } {
  const p = prices.alb;
  const dimensions: Array<[LcuDimension, number]> = [
    ['new connections', h.newConnectionsPerSecond / p.lcuNewConnections.value],
    ['active connections', h.activeConnectionsPerMinute / p.lcuActiveConnections.value],
    ['processed bytes', h.processedGbPerHour / (lambdaTargets ? p.lcuProcessedBytesLambda.value : p.lcuProcessedBytesEc2.value)],
    ['rule evaluations', (h.requestsPerSecond * Math.max(0, h.rulesPerRequest - p.freeRules.value)) / p.lcuRuleEvaluations.value],
  ];
  let best = dimensions[0];
  for (const d of dimensions) if (d[1] > best[1]) best = d;
  return { lcu: best[1], dimension: best[0] };
}

export function priceAlb(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const alb = usage.alb;
  if (usage.apiType !== 'alb' || alb === null) return [];
  const p = prices.alb;
  const hours = freeShare('Elastic Load Balancing', 'ALB hours', usage.hours, 'hours', prices.freeTier.albHours.value, options);
  let lcuHours = 0;
  const setBy = new Map<LcuDimension, number>();
  for (const h of alb.hourly) {
    const { lcu, dimension } = lcuOfHour(h, prices, alb.lambdaTargets);
    lcuHours += lcu * h.hours;
    setBy.set(dimension, (setBy.get(dimension) ?? 0) + h.hours);
  }
  const dominant = [...setBy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'new connections';
  const lcu = freeShare('Elastic Load Balancing', 'LCU-hours', lcuHours, 'LCU-hours', prices.freeTier.albLcuHours.value, options);
  return [
    ...hours.freeLines,
    flatLine('Elastic Load Balancing', 'ALB hours', hours.billable, 'hours', p.hour),
    ...lcu.freeLines,
    flatLine('Elastic Load Balancing', `LCU-hours (set by ${dominant})`, lcu.billable, 'LCU-hours', p.lcuHour),
  ];
}
