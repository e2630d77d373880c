/**
 * The network's part of the bill (docs/costs.md):
 *
 * - a private API: its interface VPC endpoint, per hour in each
 *   Availability Zone and per GB processed (AWS PrivateLink). "There are no
 *   data transfer out charges for Private APIs. However, AWS PrivateLink
 *   charges apply" (https://aws.amazon.com/api-gateway/pricing/), so the
 *   run's data transfer out is zero;
 * - a private integration: the load balancer behind the VPC link. API
 *   Gateway's price list has no line for the VPC link itself (the pricing
 *   page lists calls, data transfer, caching and the services used with
 *   it); "The NLB cost is billed per hour, so while a VPC link remains
 *   active, you pay for the NLB" (AWS whitepaper, Best Practices for
 *   Designing Amazon API Gateway Private APIs and Private Integration, Cost
 *   optimization). An NLB bills hours and NLCU-hours, an ALB hours and
 *   LCU-hours (./alb-cost.ts); only the largest dimension counts.
 *   ASSUMPTION: API Gateway keeps its connections to the load balancer open,
 *   so the connection dimensions stay small and the processed bytes set the
 *   capacity units.
 *
 * An edge-optimized endpoint costs what a Regional one does: AWS prices
 * both with one example ("An Edge Optimized or Regional API receives five
 * million API calls", https://aws.amazon.com/api-gateway/pricing/) and
 * bills no CloudFront line for the distribution it manages.
 */
import { lcuOfHour } from './alb-cost.js';
import { flatLine, section, tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import { BYTES_PER_GB, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function pricePrivateEndpoint(usage: MonthlyUsage, prices: PriceTable): CostLine[] {
  const endpoint = usage.privateEndpoint;
  if (!endpoint) return [];
  const p = section(prices.privateLink, 'AWS PrivateLink (interface VPC endpoints) section');
  return [
    flatLine('AWS PrivateLink', `interface endpoint hours (${endpoint.azs} AZ${endpoint.azs === 1 ? '' : 's'})`, usage.hours * endpoint.azs, 'endpoint-AZ-hours', p.endpointHour),
    ...tieredLines('AWS PrivateLink', 'data processed', endpoint.processedBytes / BYTES_PER_GB, p.dataProcessed),
  ];
}

export function priceVpcLink(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const link = usage.vpcLink;
  if (!link) return [];
  if (link.target === 'alb') {
    const lcu = lcuOfHour(
      { hours: usage.hours, newConnectionsPerSecond: 0, activeConnectionsPerMinute: 0, processedGbPerHour: link.processedGbPerHour, requestsPerSecond: link.requestsPerSecond, rulesPerRequest: 1 },
      prices,
      false,
    ).lcu;
    const hours = freeShare('Elastic Load Balancing', 'VPC link ALB hours', usage.hours, 'hours', prices.freeTier.albHours.value, options);
    const lcuHours = freeShare('Elastic Load Balancing', 'VPC link ALB LCU-hours', lcu * usage.hours, 'LCU-hours', prices.freeTier.albLcuHours.value, options);
    return [
      ...hours.freeLines,
      flatLine('Elastic Load Balancing', 'VPC link ALB hours', hours.billable, 'hours', prices.alb.hour),
      ...lcuHours.freeLines,
      flatLine('Elastic Load Balancing', 'VPC link ALB LCU-hours (set by processed bytes)', lcuHours.billable, 'LCU-hours', prices.alb.lcuHour),
    ];
  }
  const p = section(prices.nlb, 'Network Load Balancer section');
  const nlcu = link.processedGbPerHour / p.nlcuProcessedBytes.value;
  return [
    flatLine('Elastic Load Balancing', 'VPC link NLB hours', usage.hours, 'hours', p.hour),
    flatLine('Elastic Load Balancing', 'VPC link NLCU-hours (set by processed bytes)', nlcu * usage.hours, 'NLCU-hours', p.nlcuHour),
  ];
}

/**
 * The asynchronous path: EventBridge custom events, each 64 KB chunk billed
 * as one event; "There are no additional charges for rules or event
 * delivery" (https://aws.amazon.com/eventbridge/pricing/), so fanning out
 * to more targets costs their Lambda invocations only. The dead-letter
 * queue's few SQS requests are not priced.
 */
export function priceEventBridge(usage: MonthlyUsage, prices: PriceTable): CostLine[] {
  if (usage.eventBridgeEvents === undefined) return [];
  const p = section(prices.eventBridge, 'EventBridge section');
  return [flatLine('Amazon EventBridge', `custom events (${p.eventChunk.value} KB units)`, usage.eventBridgeEvents, 'events', p.customEvents)];
}
