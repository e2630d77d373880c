/**
 * Amazon SQS's part of the bill: requests, each 64 KB chunk of a payload
 * billed as one request ("Each 64 KB chunk of a payload is billed as 1
 * request (for example, an API action with a 256 KB payload is billed as 4
 * requests)", https://aws.amazon.com/sqs/pricing/), at the standard or
 * FIFO queue's tiered rate. The requests are the producer's SendMessage
 * calls and the event source mapping's ReceiveMessage (an empty long poll
 * included: long polling makes an idle poller one request per 20 s instead
 * of a stream of empty short polls) and DeleteMessageBatch calls. The first
 * million requests a month are free (for every account, not for 12 months
 * only), taken off when the free tier is on. The consumer function's
 * invocations, one per batch, are on the Lambda lines.
 */
import { section, tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import type { MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceSqs(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const used = usage.sqsRequests;
  if (used === undefined) return [];
  const p = section(prices.sqs, 'Amazon SQS section');
  const fifo = used.type === 'fifo';
  const item = `${fifo ? 'FIFO' : 'standard'} queue requests (${p.requestChunk.value} KB units)`;
  const { billable, freeLines } = freeShare('Amazon SQS', item, used.requests, 'requests', prices.freeTier.sqsRequests?.value ?? 0, options);
  return [...freeLines, ...tieredLines('Amazon SQS', item, billable, fifo ? p.fifoRequests : p.standardRequests)];
}
