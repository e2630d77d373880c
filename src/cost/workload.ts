/**
 * The closed form behind `apigw-sim price`: a month's usage from a few
 * figures (requests, payload sizes, the function's memory and duration, a
 * cache hit ratio), with no simulation: every request succeeds at once, none
 * is retried or throttled, and the function never starts cold (so execution
 * logs at the `errors` level write nothing). For the same workload a run
 * without retries or failures bills the same (tested).
 */
import { albConnections, type AlbConnectionMode } from './alb-connections.js';
import { BYTES_PER_GB, HOURS_PER_MONTH, SECONDS_PER_MONTH, type ApiType, type LambdaArchitecture, type LambdaUsage, type LogStorage, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export interface WorkloadFunction {
  readonly memoryMb: number;
  /** Billed duration of one invocation (ms; rounded up to 1 ms as Lambda bills). */
  readonly durationMs: number;
  readonly architecture: LambdaArchitecture;
  readonly provisioned: number;
}

export interface Workload {
  readonly monthlyRequests: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** The integration function; null for an HTTP back end (not priced). */
  readonly lambda: WorkloadFunction | null;
  /** A Lambda authorizer, and the share of requests its cached decision answers. */
  readonly authorizer: (WorkloadFunction & { readonly cacheHitRatio: number }) | null;
  /** REST cache size in bytes (0: none), and the share of requests it answers. */
  readonly cacheBytes: number;
  readonly cacheHitRatio: number;
  /** WebSocket APIs: connection minutes a month. */
  readonly connectionMinutes: number;
  readonly alb: { readonly connections: AlbConnectionMode; readonly callers: number; readonly rules: number; readonly idleTimeoutSeconds: number };
  readonly accessLogBytesPerRequest: number;
  /** API Gateway execution logs (REST and WebSocket APIs only): the level, and the bytes a logged request writes; null without. */
  readonly executionLogs: { readonly level: 'info' | 'errors'; readonly bytesPerRequest: number } | null;
  /** CloudWatch Logs storage of the logs; null: not priced. */
  readonly logStorage: LogStorage | null;
  /** AWS WAF's web ACL (REST and ALB only): its rules; null without WAF. */
  readonly waf: { readonly rules: number } | null;
  /** A private REST API's interface VPC endpoint and its AZs; null: a public endpoint. */
  readonly privateEndpoint?: { readonly azs: number } | null;
  /** The load balancer behind a VPC link (an HTTP back end in a VPC); null without one. */
  readonly vpcLink?: 'nlb' | 'alb' | 'cloudmap' | null;
  /** EventBridge: rule targets each event is delivered to (each a run of the function). */
  readonly eventTargets?: number;
}

/** What a type cannot have is left out: the notes say what, for the output. */
export function workloadUsage(workload: Workload, apiType: ApiType, prices: PriceTable): { usage: MonthlyUsage; notes: string[] } {
  const notes: string[] = [];
  const requests = workload.monthlyRequests;
  const hasCache = apiType === 'rest' && workload.cacheBytes > 0;
  if (workload.cacheBytes > 0 && !hasCache) notes.push(`${apiType}: no response cache (REST only), every request reaches the integration`);
  const authorizer = workload.authorizer !== null && apiType !== 'alb' && apiType !== 'eventbridge' ? workload.authorizer : null;
  if (workload.authorizer !== null && authorizer === null) notes.push(apiType === 'alb' ? 'alb: no Lambda authorizer on an ALB (it authenticates with OIDC or Cognito), authorizer left out' : 'eventbridge: no authorizer (PutEvents is allowed by IAM), left out');
  const hasWaf = workload.waf !== null && (apiType === 'rest' || apiType === 'alb');
  if (workload.waf !== null && !hasWaf) notes.push(`${apiType}: no AWS WAF (REST APIs and ALBs only), left out`);
  const executionLogs = workload.executionLogs !== null && (apiType === 'rest' || apiType === 'websocket') ? workload.executionLogs : null;
  if (workload.executionLogs !== null && executionLogs === null) notes.push(`${apiType}: no execution logs (REST and WebSocket APIs only), left out`);
  if (executionLogs?.level === 'errors') notes.push(`${apiType}: execution logs at the errors level write nothing here, since no request fails in the closed form; run counts the errors`);
  const privateEndpoint = workload.privateEndpoint && apiType === 'rest' ? workload.privateEndpoint : null;
  if (workload.privateEndpoint && !privateEndpoint) notes.push(`${apiType}: no private endpoint (REST only), priced as a public one`);
  const linkOffered = (target: 'nlb' | 'alb' | 'cloudmap') => apiType !== 'alb' && apiType !== 'eventbridge' && !(apiType === 'websocket' && target === 'alb') && !(target === 'cloudmap' && apiType !== 'http');
  const vpcLink = workload.vpcLink && linkOffered(workload.vpcLink) ? workload.vpcLink : null;
  if (workload.vpcLink && !vpcLink) notes.push(`${apiType}: no VPC link to ${{ alb: 'an ALB', nlb: 'an NLB', cloudmap: 'Cloud Map' }[workload.vpcLink]} here (${apiType === 'alb' ? 'an ALB reaches its targets itself' : apiType === 'eventbridge' ? 'the event bus delivers to Lambda' : workload.vpcLink === 'cloudmap' ? 'only HTTP APIs reach Cloud Map' : 'WebSocket APIs reach an NLB only'}), left out`);
  // an event reaches every rule target: one invocation each
  const deliveries = apiType === 'eventbridge' ? (workload.eventTargets ?? 1) : 1;
  if (apiType === 'eventbridge' && workload.lambda === null) notes.push('eventbridge: an event bus delivers to a Lambda function (a scenario refuses any other integration); without --lambda only the events are priced');
  if (apiType !== 'eventbridge' && (workload.eventTargets ?? 1) > 1) notes.push(`${apiType}: --targets is for an event bus (each request here reaches one integration), left out`);
  const accessLogs = workload.accessLogBytesPerRequest > 0 && apiType !== 'alb' && apiType !== 'eventbridge';
  if (workload.accessLogBytesPerRequest > 0 && !accessLogs) notes.push(`${apiType}: no access logs to CloudWatch Logs (${apiType === 'alb' ? 'an ALB writes them to S3, not priced' : 'an event bus has none'}), left out`);
  const reachIntegration = requests * (1 - (hasCache ? workload.cacheHitRatio : 0)) * deliveries;
  const lambdas: LambdaUsage[] = [];
  if (workload.lambda) lambdas.push(functionUsage('integration', workload.lambda, reachIntegration));
  if (authorizer) lambdas.push(functionUsage('authorizer', authorizer, requests * (1 - authorizer.cacheHitRatio)));

  const g = prices.apiGateway;
  const units = (bytes: number, incrementKb: number) => Math.max(1, Math.ceil(bytes / (incrementKb * 1024)));
  const metered =
    apiType === 'http'
      ? requests * units(workload.requestBytes, g.httpMeteringIncrement.value)
      : apiType === 'websocket'
        ? requests * (units(workload.requestBytes, g.websocketMeteringIncrement.value) + units(workload.responseBytes, g.websocketMeteringIncrement.value))
        : requests;
  const requestsPerSecond = requests / SECONDS_PER_MONTH;
  const connections = albConnections({
    mode: workload.alb.connections,
    requestsPerSecond,
    callerShares: Array.from({ length: workload.alb.callers }, () => 1 / workload.alb.callers),
    idleTimeoutSeconds: workload.alb.idleTimeoutSeconds,
    meanRequestSeconds: (workload.lambda?.durationMs ?? 0) / 1000,
  });
  let usage: MonthlyUsage = {
    apiType,
    hours: HOURS_PER_MONTH,
    billedRequests: requests,
    meteredUnits: metered,
    connectionMinutes: apiType === 'websocket' ? workload.connectionMinutes : 0,
    cacheBytes: hasCache ? workload.cacheBytes : 0,
    alb:
      apiType === 'alb'
        ? {
            lambdaTargets: workload.lambda !== null,
            hourly: [
              {
                hours: HOURS_PER_MONTH,
                newConnectionsPerSecond: connections.newPerSecond,
                activeConnectionsPerMinute: connections.active,
                processedGbPerHour: (requests * (workload.requestBytes + workload.responseBytes)) / BYTES_PER_GB / HOURS_PER_MONTH,
                requestsPerSecond,
                rulesPerRequest: workload.alb.rules,
              },
            ],
          }
        : null,
    lambdas,
    dataTransferOutBytes: requests * workload.responseBytes,
    accessLogBytes: accessLogs ? requests * workload.accessLogBytesPerRequest : 0,
    executionLogBytes: executionLogs?.level === 'info' ? requests * executionLogs.bytesPerRequest : 0,
    logStorage: workload.logStorage,
    waf: hasWaf && workload.waf ? { rules: workload.waf.rules, requests } : null,
    privateEndpoint: privateEndpoint ? { azs: privateEndpoint.azs, processedBytes: requests * (workload.requestBytes + workload.responseBytes) } : null,
    vpcLink: vpcLink && vpcLink !== 'cloudmap' ? { target: vpcLink, processedGbPerHour: (requests * (workload.requestBytes + workload.responseBytes)) / BYTES_PER_GB / HOURS_PER_MONTH, requestsPerSecond } : null,
    ...(apiType === 'eventbridge' ? { eventBridgeEvents: requests * units(workload.requestBytes, prices.eventBridge?.eventChunk.value ?? 64) } : {}),
  };
  if (privateEndpoint || apiType === 'eventbridge') usage = { ...usage, dataTransferOutBytes: 0 };
  return { usage, notes };
}

function functionUsage(name: string, f: WorkloadFunction, invocations: number): LambdaUsage {
  const billedMs = invocations * Math.ceil(f.durationMs);
  // with provisioned environments, invocations run on them first; the closed form assumes they take all
  // the traffic they can: provisioned x month seconds of work at most
  const provisionedCapacityMs = f.provisioned * SECONDS_PER_MONTH * 1000;
  const provisionedBilledMs = Math.min(billedMs, provisionedCapacityMs);
  return { name, architecture: f.architecture, memoryMb: f.memoryMb, requests: invocations, onDemandBilledMs: billedMs - provisionedBilledMs, provisionedBilledMs, provisioned: f.provisioned };
}
