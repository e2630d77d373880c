/**
 * Whether a price table has every figure a workload needs. A bundled table
 * may lack a figure no source was found for in its Region (`usd: null`):
 * the CLI checks before simulating, so the user hears at once which price
 * is missing instead of after the run.
 */
import type { ApiType, LambdaArchitecture } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export interface PriceNeeds {
  apiType: ApiType;
  /** Each Lambda function that will be priced: its architecture and provisioned environments. */
  lambdas: ReadonlyArray<{ architecture: LambdaArchitecture; provisioned: number; snapStart?: 'free' | 'charged' | null }>;
  /** A private API's interface VPC endpoint. */
  privateEndpoint?: boolean;
  /** The load balancer behind a VPC link. */
  vpcLink?: 'nlb' | 'alb' | 'cloudmap' | null;
  /** EventBridge custom events. */
  eventBridge?: boolean;
  /** Amazon SQS requests, by the queue's type. */
  sqs?: 'standard' | 'fifo' | null;
  /** Amazon DynamoDB, by the table's capacity mode. */
  dynamodb?: 'on-demand' | 'provisioned' | null;
  /** Amazon SNS: publishes, and HTTP/S deliveries when a subscription is one. */
  sns?: { readonly http: boolean } | null;
  /** Step Functions Express workflows. */
  stepFunctions?: boolean;
  /** CloudWatch Logs storage. */
  logStorage?: boolean;
  /** A CloudFront distribution in front of the API. */
  cloudfront?: boolean;
}

/** What the table lacks for this workload, as people name it: `WebSocket messages`, `provisioned concurrency (arm64)`. */
export function missingPrices(prices: PriceTable, needs: PriceNeeds): string[] {
  const missing: string[] = [];
  const g = prices.apiGateway;
  if (needs.apiType === 'websocket') {
    if (g.websocketMessages.tiers === null) missing.push('WebSocket messages');
    if (g.websocketConnectionMinutes.usd === null) missing.push('WebSocket connection minutes');
  }
  for (const arch of new Set(needs.lambdas.filter((f) => f.provisioned > 0).map((f) => f.architecture))) {
    const suffix = arch === 'arm64' ? 'Arm64' : 'X86';
    if (prices.lambda[`provisionedConcurrency${suffix}`].usd === null) missing.push(`Lambda provisioned concurrency (${arch})`);
    if (prices.lambda[`provisionedDuration${suffix}`].usd === null) missing.push(`Lambda duration on provisioned concurrency (${arch})`);
  }
  if (needs.lambdas.some((f) => f.snapStart === 'charged')) {
    const { snapStartCache, snapStartRestore } = prices.lambda;
    if (!snapStartCache || snapStartCache.usd === null) missing.push('Lambda SnapStart cache');
    if (!snapStartRestore || snapStartRestore.usd === null) missing.push('Lambda SnapStart restores');
  }
  if (needs.privateEndpoint) {
    if (!prices.privateLink || prices.privateLink.endpointHour.usd === null) missing.push('interface VPC endpoint hours (AWS PrivateLink)');
    if (!prices.privateLink || prices.privateLink.dataProcessed.tiers === null) missing.push('interface VPC endpoint data processed (AWS PrivateLink)');
  }
  if (needs.vpcLink === 'nlb') {
    if (!prices.nlb || prices.nlb.hour.usd === null) missing.push('Network Load Balancer hours');
    if (!prices.nlb || prices.nlb.nlcuHour.usd === null) missing.push('Network Load Balancer NLCU-hours');
  }
  if (needs.logStorage && !prices.cloudWatchLogs.storage) missing.push('CloudWatch Logs storage');
  if (needs.sqs) {
    const figure = needs.sqs === 'fifo' ? prices.sqs?.fifoRequests : prices.sqs?.standardRequests;
    if (!figure || figure.tiers === null) missing.push(`Amazon SQS ${needs.sqs === 'fifo' ? 'FIFO' : 'standard'} requests`);
  }
  if (needs.stepFunctions && (!prices.stepFunctions || prices.stepFunctions.expressDuration.tiers === null || prices.stepFunctions.expressRequests.usd === null)) missing.push('AWS Step Functions Express workflows');
  if (needs.dynamodb && !prices.dynamodb) missing.push(`Amazon DynamoDB ${needs.dynamodb === 'on-demand' ? 'request units' : 'capacity-unit hours'}`);
  if (needs.sns) {
    if (!prices.sns || prices.sns.publishes.usd === null) missing.push('Amazon SNS publishes');
    if (needs.sns.http && (!prices.sns || prices.sns.httpDeliveries.usd === null)) missing.push('Amazon SNS HTTP/S deliveries');
  }
  if (needs.cloudfront && !prices.cloudfront) missing.push('Amazon CloudFront requests and data transfer');
  if (needs.eventBridge && (!prices.eventBridge || prices.eventBridge.customEvents.usd === null)) missing.push('EventBridge custom events');
  return missing;
}
