/**
 * AWS Step Functions Express workflows on the bill
 * (https://aws.amazon.com/step-functions/pricing/): $1.00 per million
 * requests (executions started) and the duration in GB-hours, tiered over
 * the month (the first 1,000 GB-hours, the next 4,000, the rest), each
 * execution's duration rounded up to 100 ms and its memory to 64 MB chunks
 * by the workflow (src/model/stepfunctions/). The services its states call
 * are not priced.
 */
import { flatLine, section, tieredLines, type CostLine } from './cost-line.js';
import type { MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceStepFunctions(usage: MonthlyUsage, prices: PriceTable): CostLine[] {
  const used = usage.stepFunctionsExpress;
  if (used === undefined) return [];
  const p = section(prices.stepFunctions, 'AWS Step Functions section');
  return [flatLine('AWS Step Functions', 'Express workflow requests', used.requests, 'requests', p.expressRequests), ...tieredLines('AWS Step Functions', 'Express workflow duration', used.gbSeconds / 3600, p.expressDuration)];
}
