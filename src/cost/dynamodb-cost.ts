/**
 * Amazon DynamoDB's part of the bill (Standard table class,
 * https://aws.amazon.com/dynamodb/pricing/on-demand/ and
 * https://aws.amazon.com/dynamodb/pricing/provisioned/): an on-demand table
 * is billed per million read and write request units consumed (a strongly
 * consistent read of up to 4 KB is one read unit, an eventually consistent
 * one half; a write of up to 1 KB one write unit; throttled requests consume
 * none); a provisioned table per capacity-unit hour held, used or not. The
 * always-free tier's 25 RCU and 25 WCU of provisioned capacity (the same
 * pages) come off when the free tier is on. Storage, backups, streams and
 * global tables are not priced.
 */
import { flatLine, section, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import { HOURS_PER_MONTH, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceDynamoDb(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const used = usage.dynamodb;
  if (used === undefined) return [];
  const p = section(prices.dynamodb, 'Amazon DynamoDB section');
  const lines: CostLine[] = [];
  if (used.readUnits > 0) lines.push(flatLine('Amazon DynamoDB', 'on-demand read request units', used.readUnits, 'read request units', p.readRequestUnits));
  if (used.writeUnits > 0) lines.push(flatLine('Amazon DynamoDB', 'on-demand write request units', used.writeUnits, 'write request units', p.writeRequestUnits));
  const freeHours = (prices.freeTier.dynamodbCapacityUnits?.value ?? 0) * HOURS_PER_MONTH;
  const capacity = (item: string, unitHours: number, figure: { usd: number; per: string }) => {
    if (unitHours <= 0) return;
    const { billable, freeLines } = freeShare('Amazon DynamoDB', item, unitHours, figure.per, freeHours, options);
    lines.push(...freeLines, flatLine('Amazon DynamoDB', item, billable, figure.per, figure));
  };
  capacity('provisioned read capacity', used.readCapacityUnitHours, p.readCapacityUnitHour);
  capacity('provisioned write capacity', used.writeCapacityUnitHours, p.writeCapacityUnitHour);
  return lines;
}
