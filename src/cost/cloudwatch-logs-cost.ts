/**
 * CloudWatch Logs: ingestion of the access and execution logs a front door
 * writes, per GB, and their storage, per GB-month of compressed bytes
 * (https://aws.amazon.com/cloudwatch/pricing/: "Store (Archival) ... per GB
 * compressed"). Both in the Standard log class; Logs Insights queries,
 * the Infrequent Access class and export to S3 are left out.
 *
 * Storage is priced as it stands after a year of logging. A retention of up
 * to a year has then reached its steady state: a month's logs x the months
 * kept. A longer retention, or none (a log group's default), holds a
 * year's logs by then and keeps growing by a month's logs every month
 * after; pricing its steady state instead would make "never" cheaper than
 * ten years. CloudWatch deletes expired events up to 72 hours late; that
 * is left out.
 *
 * The free tier's ingestion allowance is shared by the access and the
 * execution logs (access logs take it first); storage has its own.
 */
import { flatLine, section, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import { BYTES_PER_GB, HOURS_PER_MONTH, type LogStorage, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

/** The month whose storage is priced: a year of logs written. */
export const LOG_STORAGE_HORIZON_MONTHS = 12;

export function priceCloudWatchLogs(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  return [...priceIngestion(usage, prices, options), ...priceStorage(usage, prices, options)];
}

function priceIngestion(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const sources: Array<[item: string, bytes: number]> = [
    ['access log ingestion', usage.accessLogBytes],
    ['execution log ingestion', usage.executionLogBytes],
  ];
  const lines: CostLine[] = [];
  let allowanceGb = prices.freeTier.cloudWatchLogsGb.value;
  for (const [item, bytes] of sources) {
    if (bytes <= 0) continue;
    const gb = bytes / BYTES_PER_GB;
    const { billable, freeLines } = freeShare('CloudWatch Logs', item, gb, 'GB', allowanceGb, options);
    allowanceGb -= gb - billable;
    lines.push(...freeLines, flatLine('CloudWatch Logs', item, billable, 'GB', prices.cloudWatchLogs.ingestion));
  }
  return lines;
}

function priceStorage(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const storage = usage.logStorage;
  const ingestedGb = (usage.accessLogBytes + usage.executionLogBytes) / BYTES_PER_GB;
  if (storage === null || ingestedGb <= 0) return [];
  const gbMonths = ingestedGb * storage.compressionRatio * storedMonths(storage);
  const item = storageItem(storage);
  const { billable, freeLines } = freeShare('CloudWatch Logs', item, gbMonths, 'GB-months', prices.freeTier.cloudWatchLogsStorageGbMonths?.value ?? 0, options);
  return [...freeLines, flatLine('CloudWatch Logs', item, billable, 'GB-months', section(prices.cloudWatchLogs.storage, 'CloudWatch Logs storage figure (cloudWatchLogs.storage)'))];
}

/** Months of logs stored after a year of logging (a month is 730 h, so 365 days are 12 months). */
export function storedMonths(storage: LogStorage): number {
  if (storage.retentionDays === 'never') return LOG_STORAGE_HORIZON_MONTHS;
  return Math.min(LOG_STORAGE_HORIZON_MONTHS, (storage.retentionDays * 24) / HOURS_PER_MONTH);
}

/** `log storage, kept 30 days`; `: after a year` where the storage is still growing then. */
function storageItem(storage: LogStorage): string {
  const days = storage.retentionDays;
  if (days === 'never') return 'log storage, never expires: after a year';
  const growing = (days * 24) / HOURS_PER_MONTH > LOG_STORAGE_HORIZON_MONTHS;
  return `log storage, kept ${days} day${days === 1 ? '' : 's'}${growing ? ': after a year' : ''}`;
}
