/**
 * A month's bill for one front door: every service's lines, the total, and
 * how the month was reckoned. A pure function of the usage and the table.
 */
import { priceWaf } from './waf-cost.js';
import { priceRoute53 } from './route53-cost.js';
import { priceCloudFront } from './cloudfront-cost.js';
import { priceAlb } from './alb-cost.js';
import { priceApiGateway } from './api-gateway-cost.js';
import { sumUsd, type CostLine } from './cost-line.js';
import { priceCloudWatchLogs } from './cloudwatch-logs-cost.js';
import { priceDataTransfer } from './data-transfer-cost.js';
import type { FreeTierOption } from './free-tier.js';
import { priceLambda } from './lambda-cost.js';
import { priceEventBridge, pricePrivateEndpoint, priceVpcLink } from './network-cost.js';
import { priceSqs } from './sqs-cost.js';
import { priceSns } from './sns-cost.js';
import { priceDynamoDb } from './dynamodb-cost.js';
import { priceStepFunctions } from './stepfunctions-cost.js';
import type { ApiType, MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export interface CostEstimate {
  readonly apiType: ApiType;
  readonly region: string;
  /** The price table's date. */
  readonly effectiveDate: string;
  /** How the month was reckoned, e.g. "steady rate of 570 s after warm-up, scaled to 730 h". */
  readonly basis: string;
  readonly freeTier: boolean;
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
}

export function estimateMonthlyCost(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption & { basis: string }): CostEstimate {
  const lines = [
    ...priceApiGateway(usage, prices, options),
    ...priceEventBridge(usage, prices),
    ...priceSqs(usage, prices, options),
    ...priceSns(usage, prices, options),
    ...priceDynamoDb(usage, prices, options),
    ...priceStepFunctions(usage, prices),
    ...priceAlb(usage, prices, options),
    ...priceLambda(usage, prices, options),
    ...priceWaf(usage, prices),
    ...priceRoute53(usage, prices),
    ...priceCloudFront(usage, prices, options),
    ...pricePrivateEndpoint(usage, prices),
    ...priceVpcLink(usage, prices, options),
    ...priceDataTransfer(usage, prices, options),
    ...priceCloudWatchLogs(usage, prices, options),
  ];
  return {
    apiType: usage.apiType,
    region: prices.region,
    effectiveDate: prices.effectiveDate,
    basis: options.basis,
    freeTier: options.freeTier,
    lines,
    totalUsd: sumUsd(lines),
  };
}

/** Dollars by service, for summaries and charts. */
export function usdByService(estimate: CostEstimate): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of estimate.lines) out[line.service] = (out[line.service] ?? 0) + line.usd;
  return out;
}
