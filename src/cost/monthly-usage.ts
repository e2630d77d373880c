/**
 * What a month of the workload uses, in the units AWS bills: the input of
 * every pricing function. Built from a simulated run (scaled to a month) or
 * from the `price` command's flags (closed form); the pricing functions do
 * not know which.
 */

export type { ApiType } from '../catalog/entry-points.js';
import type { ApiType } from '../catalog/entry-points.js';
export type LambdaArchitecture = 'x86_64' | 'arm64';

export interface LambdaUsage {
  /** Which function: `integration`, `authorizer`... */
  readonly name: string;
  readonly architecture: LambdaArchitecture;
  readonly memoryMb: number;
  /** Invocations billed (throttled invocations are not). */
  readonly requests: number;
  /** Billed duration on on-demand environments, INIT included (ms). */
  readonly onDemandBilledMs: number;
  /** Billed duration of invocations that ran on provisioned environments (ms). */
  readonly provisionedBilledMs: number;
  /** Provisioned environments, kept all month. */
  readonly provisioned: number;
  /** SnapStart's charged use (Python and .NET functions): the snapshot cached, and the memory restored; absent or null otherwise. */
  readonly snapStart?: { readonly cachedGbSeconds: number; readonly restoredGb: number } | null;
}

/** The four LCU dimensions over some hours of the month (the LCU is their maximum, hour by hour). */
export interface AlbHours {
  /** How many hours of the month look like this. */
  readonly hours: number;
  readonly newConnectionsPerSecond: number;
  readonly activeConnectionsPerMinute: number;
  readonly processedGbPerHour: number;
  readonly requestsPerSecond: number;
  /** Listener rules evaluated per request (the first ones are free). */
  readonly rulesPerRequest: number;
}

/** CloudWatch Logs storage: how long logs are kept, and the share of their bytes stored after compression. */
export interface LogStorage {
  /** Days a log event is kept, or `never` (a log group's default: kept for ever). */
  readonly retentionDays: number | 'never';
  /** Stored (compressed) bytes per ingested byte, e.g. 0.15. */
  readonly compressionRatio: number;
}

export interface MonthlyUsage {
  readonly apiType: ApiType;
  /** Hours the month has for the hourly charges (730, as AWS prices a month). */
  readonly hours: number;
  /** API Gateway: requests billed (throttled and unauthorised requests are not). */
  readonly billedRequests: number;
  /** API Gateway: metered units: HTTP API requests in 512 KB steps, WebSocket messages in 32 KB steps; REST: the requests. */
  readonly meteredUnits: number;
  readonly connectionMinutes: number;
  /** REST cache size in bytes, 0 without a cache. */
  readonly cacheBytes: number;
  readonly alb: { readonly lambdaTargets: boolean; readonly hourly: readonly AlbHours[] } | null;
  readonly lambdas: readonly LambdaUsage[];
  readonly dataTransferOutBytes: number;
  /** CloudWatch Logs: access log bytes ingested. */
  readonly accessLogBytes: number;
  /** CloudWatch Logs: API Gateway execution log bytes ingested (REST and WebSocket APIs). */
  readonly executionLogBytes: number;
  /** How CloudWatch Logs keeps the logs; null: storage not priced. */
  readonly logStorage: LogStorage | null;
  /** AWS WAF: one web ACL with `rules` rules, and the requests it inspected (blocked ones included); null without WAF. */
  readonly waf: { readonly rules: number; readonly requests: number } | null;
  /** A private API's interface VPC endpoint: the AZs it is in and the bytes it processed; absent for a public endpoint. */
  readonly privateEndpoint?: { readonly azs: number; readonly processedBytes: number } | null;
  /** A VPC link's load balancer and what it processed; absent without a private integration. */
  readonly vpcLink?: VpcLinkUsage | null;
  /** EventBridge custom events billed (64 KB chunks); absent on the synchronous path. */
  readonly eventBridgeEvents?: number;
  /** SQS requests billed (64 KB chunks: sends, the pollers' receives, empty ones included, and deletes), by queue type; absent without a queue. */
  readonly sqsRequests?: { readonly type: 'standard' | 'fifo'; readonly requests: number };
  /** DynamoDB: request units consumed (on-demand) and capacity-unit hours held (provisioned); absent without a table. */
  readonly dynamodb?: DynamoDbUsage;
  /** Amazon SNS: publishes billed (64 KB chunks) and delivery tries by protocol (HTTP/S billed; Lambda and SQS free); absent without a topic. */
  readonly sns?: SnsUsage;
  /** Step Functions Express: executions started and GB-seconds billed (100 ms and 64 MB steps); absent without a workflow. */
  readonly stepFunctionsExpress?: { readonly requests: number; readonly gbSeconds: number };
  /** Route 53 health checks of a multi-Region failover and their optional features (HTTPS, a 10 s interval), held all month; absent without one. */
  readonly route53HealthChecks?: { readonly healthChecks: number; readonly optionalFeatures: number };
  /** A CloudFront distribution in front of the API: viewer requests, bytes to the clients and to the origin; absent without one. */
  readonly cloudfront?: { readonly requests: number; readonly dataTransferOutBytes: number; readonly originBytes: number };
}

export interface DynamoDbUsage {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly readCapacityUnitHours: number;
  readonly writeCapacityUnitHours: number;
}

export interface SnsUsage {
  readonly publishes: number;
  readonly httpDeliveries: number;
  readonly lambdaDeliveries: number;
  readonly sqsDeliveries: number;
}

export interface VpcLinkUsage {
  readonly target: 'nlb' | 'alb';
  readonly processedGbPerHour: number;
  readonly requestsPerSecond: number;
}

export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const BYTES_PER_GB = 1024 ** 3;
