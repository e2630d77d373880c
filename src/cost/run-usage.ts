/**
 * What the bill reads of a simulated run: each priced role's usage (the
 * fields each service's usage type must have; scenario/build hands over the
 * components' typed usage, so a renamed counter fails to compile instead of
 * pricing to $0), and the run's cost settings as plain data (`RunCostSpec`,
 * made from the scenario by scenario/cost-spec.ts).
 */
import type { AlbConnectionMode } from './alb-connections.js';
import type { ApiType, LambdaArchitecture, LogStorage } from './monthly-usage.js';
import type { Role } from '../catalog/roles.js';
import type { VpcLinkTarget } from '../catalog/front-doors.js';

/** A front door: requests received and billed, metered units, bodies in and out, requests AWS WAF inspected. */
export interface FrontDoorRoleUsage {
  readonly requests: number;
  readonly billedRequests: number;
  readonly meteredUnits: number;
  readonly requestBytes: number;
  /** 2xx bodies sent to a client still waiting (data transfer out). */
  readonly responseBytes: number;
  /** Every 2xx body, waited for or not (a load balancer processed it). */
  readonly processedResponseBytes: number;
  readonly wafRequests: number;
}

/** A Lambda function: invocations and billed duration (INIT included), the part on provisioned environments. */
export interface FunctionRoleUsage {
  readonly invocations: number;
  /** New environments started (with SnapStart, each one a restore). */
  readonly coldStarts: number;
  readonly billedMs: number;
  readonly provisionedBilledMs: number;
}

export interface BusRoleUsage {
  /** Custom events billed (64 KB chunks). */
  readonly billedEvents: number;
}

/** A queue (src/model/queue/): its requests, billed per 64 KB chunk, the pollers' receives and deletes included. */
export interface QueueRoleUsage {
  readonly billedRequests: number;
}

/** A DynamoDB table (src/model/dynamodb/): request units consumed (on demand), capacity held (provisioned), units × seconds. */
export interface TableRoleUsage {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly readCapacityUnitSeconds: number;
  readonly writeCapacityUnitSeconds: number;
}

/** A Step Functions Express workflow (src/model/stepfunctions/): executions started and their billed GB-seconds. */
export interface WorkflowRoleUsage {
  readonly executions: number;
  readonly billedGbSeconds: number;
}

/**
 * An SNS topic (src/model/sns/) with its subscribers: publishes billed (64 KB
 * chunks), delivery tries by protocol, and the subscribed functions' and
 * queues' usage (the functions in the order of RunCostSpec.subscriberFunctions).
 */
export interface TopicRoleUsage {
  readonly billedPublishes: number;
  readonly httpDeliveries: number;
  readonly lambdaDeliveries: number;
  readonly sqsDeliveries: number;
  readonly functions: readonly FunctionRoleUsage[];
  /** The subscribed standard queues' requests, billed per 64 KB chunk. */
  readonly queueRequests: number;
}

export interface VpcLinkRoleUsage {
  readonly requests: number;
  readonly processedBytes: number;
}

export interface ConnectionsRoleUsage {
  readonly connectionMinutes: number;
}

/** A WebSocket API's posts to rooms (src/model/websocket/room-broadcast.ts): messages billed, in 32 KB steps. */
export interface BroadcastRoleUsage {
  readonly billedMessages: number;
}

/** A multi-Region failover's Route 53 health checks (src/model/failover/), each billed per month. */
export interface FailoverRoleUsage {
  readonly healthChecks: number;
}

/** A CloudFront distribution in front of the API (src/model/cdn/): viewer requests, bytes sent to the clients and to the origin. */
export interface CdnRoleUsage {
  readonly requests: number;
  readonly responseBytes: number;
  readonly originRequestBytes: number;
}

export interface ErrorResponsesRoleUsage {
  readonly errorResponses: number;
}

/** The usage each priced role must report. */
export interface PricedRoleUsage {
  readonly frontDoor: FrontDoorRoleUsage;
  readonly cdn: CdnRoleUsage;
  readonly bus: BusRoleUsage;
  readonly queue: QueueRoleUsage;
  readonly table: TableRoleUsage;
  readonly workflow: WorkflowRoleUsage;
  readonly topic: TopicRoleUsage;
  readonly errorResponses: ErrorResponsesRoleUsage;
  readonly connections: ConnectionsRoleUsage;
  readonly broadcast: BroadcastRoleUsage;
  readonly vpcLink: VpcLinkRoleUsage;
  readonly integrationFunction: FunctionRoleUsage;
  /** A canary release's new version of the integration function (billed as the same function). */
  readonly canaryFunction: FunctionRoleUsage;
  readonly authorizerFunction: FunctionRoleUsage;
  readonly failover: FailoverRoleUsage;
  /** The standby Region's front door and function (a multi-Region failover). */
  readonly standbyFrontDoor: FrontDoorRoleUsage;
  readonly standbyFunction: FunctionRoleUsage;
}

export type PricedRole = keyof PricedRoleUsage;

/** A run's usage by role: the roles its simulation had (a priced role with the fields the bill reads). */
export type RunUsageByRole = { readonly [R in PricedRole]?: PricedRoleUsage[R] } & { readonly [R in Exclude<Role, PricedRole>]?: Readonly<Record<string, number>> };

/** A function's settings the bill needs. */
export interface FunctionSpec {
  readonly memoryMb: number;
  readonly architecture: LambdaArchitecture;
  /** Provisioned environments, kept all month. */
  readonly provisioned: number;
  /** SnapStart, and whether its cache and restores are charged (Python, .NET) or not (Java); absent or null without it. */
  readonly snapStart?: 'free' | 'charged' | null;
}

/** A run's cost settings, from its scenario: what the bill needs besides the usage. */
export interface RunCostSpec {
  readonly apiType: ApiType;
  /** The month's volume, when the scenario gives one (`cost.monthlyRequests`); else the measured rate is held for a month. */
  readonly monthlyRequests?: number;
  readonly freeTier: boolean;
  readonly integrationFunction: FunctionSpec | null;
  readonly authorizerFunction: FunctionSpec | null;
  /** A canary release's new version of the integration function; absent or null without one. */
  readonly canaryFunction?: FunctionSpec | null;
  /** A multi-Region failover: the standby Region's function (null: a service or none), and the health check's optional features (HTTPS, a 10 s interval); absent without one. */
  readonly failover?: { readonly standbyFunction: FunctionSpec | null; readonly optionalFeatures: number } | null;
  /** A CloudFront distribution in front of the API: the front door's answers go to it, free, not to the internet. */
  readonly cloudfront?: boolean;
  /** REST cache size in bytes, 0 without a cache. */
  readonly cacheBytes: number;
  readonly endpoint: { readonly type: 'regional' | 'edge' | 'private'; readonly azs: number };
  /** Access log bytes each request writes; null without access logs. */
  readonly accessLogBytesPerRequest: number | null;
  readonly executionLogs: { readonly level: 'info' | 'errors'; readonly bytesPerRequest: number } | null;
  readonly logStorage: LogStorage | null;
  /** Rules of the AWS WAF web ACL; null without WAF. */
  readonly wafRules: number | null;
  readonly vpcLinkTarget: VpcLinkTarget | null;
  /** The SQS queue's type, null without a queue. */
  readonly queueType?: 'standard' | 'fifo' | null;
  /** An SNS topic's subscribed functions (Lambda subscriptions, and SQS subscriptions' consumers), in order. */
  readonly subscriberFunctions?: ReadonlyArray<FunctionSpec & { readonly name: string }>;
  /** An ALB's connection dimensions: how callers connect, how many and how skewed, its idle time-out, the rules a request meets. */
  readonly alb: { readonly connections: AlbConnectionMode; readonly callers: number; readonly callerZipf: number; readonly idleTimeoutSeconds: number; readonly rules: number };
}
