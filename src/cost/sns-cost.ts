/**
 * Amazon SNS's part of the bill (https://aws.amazon.com/sns/pricing/):
 * publishes, "Each 64KB chunk of published data is billed as 1 request",
 * and deliveries by protocol: HTTP/S deliveries at their own rate, Lambda
 * and SQS deliveries free of SNS charge (a $0 line each, so the bill shows
 * them). SNS bills delivery attempts (usage type DeliveryAttempts-HTTP), so
 * an HTTP/S retry is billed like a first try. The free tier (every account:
 * 1 million publishes and 100,000 HTTP/S deliveries a month) is taken off
 * when asked for. The subscribed functions and queues are on the Lambda and
 * SQS lines.
 */
import { flatLine, section, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import type { MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceSns(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const used = usage.sns;
  if (used === undefined) return [];
  const p = section(prices.sns, 'Amazon SNS section');
  const publishItem = `publishes (${p.publishChunk.value} KB units)`;
  const publishes = freeShare('Amazon SNS', publishItem, used.publishes, 'requests', prices.freeTier.snsPublishes?.value ?? 0, options);
  const lines = [...publishes.freeLines, flatLine('Amazon SNS', publishItem, publishes.billable, 'requests', p.publishes)];
  if (used.httpDeliveries > 0) {
    const http = freeShare('Amazon SNS', 'HTTP/S deliveries', used.httpDeliveries, 'deliveries', prices.freeTier.snsHttpDeliveries?.value ?? 0, options);
    lines.push(...http.freeLines, flatLine('Amazon SNS', 'HTTP/S deliveries', http.billable, 'deliveries', p.httpDeliveries));
  }
  if (used.lambdaDeliveries > 0) lines.push(flatLine('Amazon SNS', 'Lambda deliveries', used.lambdaDeliveries, 'deliveries', p.lambdaDeliveries));
  if (used.sqsDeliveries > 0) lines.push(flatLine('Amazon SNS', 'SQS deliveries', used.sqsDeliveries, 'deliveries', p.sqsDeliveries));
  return lines;
}
