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
import { ENTRY_POINTS, typesOffering, type Feature } from '../catalog/entry-points.js';
import { unitsPerCall, type ReadConsistency, type TableOperation } from '../catalog/tables.js';
import { QUEUE_PROFILES, SQS_LIMITS } from '../catalog/queues.js';
import { SNS_LIMITS } from '../catalog/topics.js';
import { consumerPerBatch, MAX_EMPTY_RECEIVES_PER_MONTH, queueMonth, topicMonth, type QueueMonth, type WorkloadQueue, type WorkloadTopic } from './async-workload.js';

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
  /** An on-demand DynamoDB table each request calls once (directly, or from the function); null without. */
  readonly dynamodb?: { readonly operation: TableOperation; readonly itemBytes: number; readonly consistency: ReadConsistency } | null;
  /** An SQS queue the front door sends each request to, drained by `lambda` in batches (./async-workload.ts); null without. */
  readonly queue?: WorkloadQueue | null;
  /** An SNS topic the front door publishes each request to, and its subscriptions (`lambda` runs for each Lambda and SQS one); null without. */
  readonly topic?: WorkloadTopic | null;
}

/** What a type cannot have is left out (its catalog profile says what it offers): the notes say what, for the output. */
export function workloadUsage(workload: Workload, apiType: ApiType): { usage: MonthlyUsage; notes: string[] } {
  const notes: string[] = [];
  const door = ENTRY_POINTS[apiType];
  const requests = workload.monthlyRequests;
  /** Whether the type offers `feature`; if the workload asks for it (`asked`) and it does not, a note says so and what follows. */
  const offered = (feature: Feature, asked: boolean, what: string, instead = 'left out'): boolean => {
    const has = door.features.has(feature);
    if (asked && !has) notes.push(`${apiType}: no ${what} (${typesOffering(feature)} only), ${instead}`);
    return asked && has;
  };
  const hasCache = offered('cache', workload.cacheBytes > 0, 'response cache', 'every request reaches the integration');
  const authorizer = workload.authorizer !== null && door.authorizers.includes('lambda') ? workload.authorizer : null;
  if (workload.authorizer !== null && authorizer === null) notes.push(`${apiType}: no Lambda authorizer (${door.authorizers.length > 0 ? `a ${door.label} takes ${door.authorizers.join(', ')}` : `a ${door.label} takes none`}), left out`);
  const hasWaf = offered('waf', workload.waf !== null, 'AWS WAF');
  const executionLogs = offered('executionLogs', workload.executionLogs !== null, 'execution logs') ? workload.executionLogs : null;
  if (executionLogs?.level === 'errors') notes.push(`${apiType}: execution logs at the errors level write nothing here, since no request fails in the closed form; run counts the errors`);
  const privateEndpoint = offered('privateEndpoint', Boolean(workload.privateEndpoint), 'private endpoint', 'priced as a public one') ? workload.privateEndpoint : null;
  const vpcLink = workload.vpcLink && door.vpcLinkTargets.includes(workload.vpcLink) ? workload.vpcLink : null;
  if (workload.vpcLink && !vpcLink) notes.push(`${apiType}: no VPC link to ${{ alb: 'an ALB', nlb: 'an NLB', cloudmap: 'Cloud Map' }[workload.vpcLink]} here (${door.vpcLinkTargets.length > 0 ? `a ${door.label} reaches ${door.vpcLinkTargets.join(', ')}` : `a ${door.label} takes no VPC link`}), left out`);
  // an event reaches every rule target: one invocation each (a queue target: one SendMessage to the one queue)
  const asynchronous = door.mode === 'async';
  const bus = apiType === 'eventbridge';
  const targets = workload.eventTargets ?? 1;
  const deliveries = bus && !workload.queue ? targets : 1;
  if (bus && workload.topic) notes.push(`${apiType}: the event bus delivers to Lambda targets or an SQS queue here (a scenario refuses any other), the topic is left out`);
  if (bus && workload.queue && targets > 1) notes.push(`${apiType}: a rule's SQS queue target is one queue (a scenario refuses more targets): --targets left out`);
  if (bus && workload.lambda === null) notes.push(`${apiType}: an event bus delivers to a Lambda function or a queue's consumer; without --lambda only the events${workload.queue ? ' and the queue' : ''} are priced`);
  if (!asynchronous && workload.lambda === null && !door.integrations.includes('http')) notes.push(`${apiType}: a ${door.label} calls a Lambda function only; without --lambda only the bytes out are priced`);
  if (!bus && targets > 1) notes.push(`${apiType}: --targets is for an event bus (each request here reaches one integration), left out`);
  const table = workload.dynamodb ?? null;
  if (table && workload.lambda === null && !door.integrations.includes('dynamodb')) notes.push(`${apiType}: no direct DynamoDB integration (${typesWithIntegration('dynamodb')} only): add --lambda to price a function calling the table; the table is priced anyway`);
  const accessLogs = offered('accessLogs', workload.accessLogBytesPerRequest > 0, 'access logs to CloudWatch Logs');
  const reachIntegration = requests * (1 - (hasCache ? workload.cacheHitRatio : 0)) * deliveries;
  const lambdas: LambdaUsage[] = [];
  // a producer's SDK call sends to the queue or topic itself; an event bus's rule may target a queue
  const messaging = bus && !workload.queue ? null : messagingUsage(workload, reachIntegration, apiType, notes);
  if (messaging) lambdas.push(...messaging.lambdas);
  else if (workload.lambda) lambdas.push(functionUsage('integration', workload.lambda, reachIntegration));
  if (authorizer) lambdas.push(functionUsage('authorizer', authorizer, requests * (1 - authorizer.cacheHitRatio)));

  // billing units as the type meters them: one per request (REST), 512 KB steps (HTTP), 32 KB messages both ways (WebSocket), 64 KB events (EventBridge)
  const units = (bytes: number) => (Number.isFinite(door.meteringBytes) ? Math.max(1, Math.ceil(bytes / door.meteringBytes)) : 1);
  const metered = requests * (units(workload.requestBytes) + (door.mode === 'sync' && door.meterResponses ? units(workload.responseBytes) : 0));
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
    connectionMinutes: door.features.has('connections') ? workload.connectionMinutes : 0,
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
    ...(bus ? { eventBridgeEvents: metered } : {}),
    ...(table ? { dynamodb: tableUsage(table, reachIntegration) } : {}),
    ...messaging?.usage,
  };
  // a private API answers into a VPC, and nobody waits for an asynchronous entry point's answer: no bytes out to the internet
  if (privateEndpoint || asynchronous) usage = { ...usage, dataTransferOutBytes: 0 };
  return { usage, notes };
}

/** A queue or a topic behind the front door: its month (./async-workload.ts), the functions it runs, and notes on what the closed form assumes; null without either. */
function messagingUsage(workload: Workload, messages: number, apiType: ApiType, notes: string[]): { usage: Partial<MonthlyUsage>; lambdas: LambdaUsage[] } | null {
  const { queue, topic, lambda } = workload;
  if (!queue && !topic) return null;
  const door = ENTRY_POINTS[apiType];
  const kind = queue ? 'sqs' : 'sns';
  const bytes = workload.requestBytes;
  if (!door.integrations.includes(kind)) notes.push(`${apiType}: no direct ${queue ? 'SQS' : 'SNS'} integration (${typesWithIntegration(kind)} only): priced as if something in front sent each request on (not priced)`);
  if (lambda === null) notes.push(`${kind}: no --lambda, so the ${queue ? "queue's consumer" : "subscribed functions"} are not priced`);
  const limit = queue ? SQS_LIMITS.maxMessageBytes : SNS_LIMITS.maxMessageBytes;
  if (bytes > limit) notes.push(`${kind}: a ${bytes / 1024} KB message is over ${queue ? 'SQS' : 'SNS'}'s ${limit / 1024} KB: run refuses it (400) and bills nothing; priced here as if accepted`);
  if (queue) {
    const m = queueMonth(messages, bytes, queue);
    queueNotes(queue, m, messages, notes);
    return { usage: { sqsRequests: { type: queue.type, requests: m.requests } }, lambdas: lambda ? [functionUsage('integration', consumerPerBatch(lambda, queue, m), m.invocations)] : [] };
  }
  const t = topic as WorkloadTopic;
  const lambdas: LambdaUsage[] = [];
  for (let i = 1; i <= t.lambda; i++) if (lambda) lambdas.push(functionUsage(`subscription lambda-${i}`, lambda, messages));
  // each SQS subscription is a standard queue of its own, with its pollers and consumer
  const subscribed = queueMonth(messages, bytes, t);
  for (let i = 1; i <= t.sqs; i++) if (lambda) lambdas.push(functionUsage(`subscription sqs-${i}`, lambda, subscribed.invocations));
  if (t.sqs > 0) queueNotes({ type: 'standard', batchSize: t.batchSize, batchWindowMs: t.batchWindowMs }, subscribed, messages, notes, t.sqs);
  if (t.http > 0) notes.push(`sns: the HTTP/S endpoints' servers and SNS's data transfer out to them are not priced; each delivery is tried once (SNS bills retries too)`);
  return { usage: { sns: topicMonth(messages, bytes, t), ...(t.sqs > 0 ? { sqsRequests: { type: 'standard' as const, requests: subscribed.requests * t.sqs } } : {}) }, lambdas };
}

/** What the queue's closed form assumes (the same for every type): full batches, the empty polls' estimate, FIFO's send limit. */
function queueNotes(queue: WorkloadQueue, month: QueueMonth, messages: number, notes: string[], queues = 1): void {
  const perSecond = messages / SECONDS_PER_MONTH;
  const each = queues > 1 ? ` for each of the ${queues} queues` : '';
  if (month.maxBatchSize < queue.batchSize) notes.push(`sqs: ${queue.batchSize} messages this size would pass Lambda's 6 MB: at most ${month.maxBatchSize} a batch`);
  if (queue.batchWindowMs === 0 && queue.batchSize > 1) notes.push('sqs: without a batching window a queue that keeps up hands each message to a waiting poller as it comes: batches of 1, each message a receive, a delete and an invocation (a backlog fills them; --batch-window waits for more)');
  else if (queue.batchWindowMs > 0) notes.push(`sqs: batches of ${Number(month.batchSize.toPrecision(3))} messages on average (1 + ${Number(perSecond.toPrecision(3))} messages/s x the ${queue.batchWindowMs / 1000} s window, at most ${month.maxBatchSize}); each message a receive of its own, as a poller filling a batch takes them as they come`);
  notes.push(`sqs: ${Math.round(month.emptyReceives).toLocaleString('en-US')} empty long polls a month${each}, estimated at a steady ${Number(perSecond.toPrecision(3))} messages/s (at most ${MAX_EMPTY_RECEIVES_PER_MONTH.toLocaleString('en-US')}, on an idle queue: 5 pollers, one 20 s poll each)`);
  const limit = QUEUE_PROFILES[queue.type].sendsPerSecond;
  if (perSecond > limit) notes.push(`sqs: ${Number(perSecond.toPrecision(4))} sends/s is over a FIFO queue's ${limit} SendMessage calls a second: run refuses such a load; priced here as if taken`);
}

/** An on-demand table's request units for `calls` calls (one per request that reaches the integration). */
function tableUsage(t: NonNullable<Workload['dynamodb']>, calls: number): NonNullable<MonthlyUsage['dynamodb']> {
  const units = calls * unitsPerCall(t.operation, t.itemBytes, t.consistency);
  return { readUnits: t.operation === 'read' ? units : 0, writeUnits: t.operation === 'write' ? units : 0, readCapacityUnitHours: 0, writeCapacityUnitHours: 0 };
}

/**
 * Why a workload does not fit an entry point at all (null: it fits): a
 * producer's SDK call to a queue (`sqs`) or a topic (`sns`) needs that
 * queue (--queue) or topic (--topic). `price` skips such a type with this
 * reason, as `compare` skips a type the scenario does not fit.
 */
export function workloadMisfit(workload: Workload, apiType: ApiType): string | null {
  if (apiType === 'sqs' && !workload.queue) return 'sqs: skipped, the producer sends each request to a queue: give --queue standard (or fifo) and its consumer (--lambda)';
  if (apiType === 'sns' && !workload.topic) return 'sns: skipped, the producer publishes each request to a topic: give --topic with its subscriptions (e.g. --topic sqs:1,lambda:2)';
  return null;
}

/** The front doors whose profile lists this integration (an API Gateway service integration), for a note. */
function typesWithIntegration(type: 'dynamodb' | 'sqs' | 'sns'): string {
  return Object.entries(ENTRY_POINTS)
    .filter(([, p]) => p.mode === 'sync' && p.integrations.includes(type))
    .map(([t]) => t)
    .join(', ');
}

function functionUsage(name: string, f: WorkloadFunction, invocations: number): LambdaUsage {
  const billedMs = invocations * Math.ceil(f.durationMs);
  // with provisioned environments, invocations run on them first; the closed form assumes they take all
  // the traffic they can: provisioned x month seconds of work at most
  const provisionedCapacityMs = f.provisioned * SECONDS_PER_MONTH * 1000;
  const provisionedBilledMs = Math.min(billedMs, provisionedCapacityMs);
  return { name, architecture: f.architecture, memoryMb: f.memoryMb, requests: invocations, onDemandBilledMs: billedMs - provisionedBilledMs, provisionedBilledMs, provisioned: f.provisioned };
}
