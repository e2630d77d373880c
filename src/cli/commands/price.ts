/**
 * `apigw-sim price`: the closed-form monthly cost of a workload on each
 * front door, with no simulation (../../cost/workload.ts says what it
 * assumes). For a quick question; `run` and `compare` price what a
 * simulated month actually used (retries, throttles, cold starts).
 */
import type { Command } from 'commander';
import { estimateMonthlyCost, type CostEstimate } from '../../cost/cost-estimate.js';
import { restCacheSizeKey, REST_CACHE_SIZE_KEYS } from '../../cost/price-table.js';
import type { LogStorage } from '../../cost/monthly-usage.js';
import { workloadMisfit, workloadUsage, type Workload, type WorkloadFunction } from '../../cost/workload.js';
import type { WorkloadTopic } from '../../cost/async-workload.js';
import { QUEUE_PROFILES, SQS_EVENT_SOURCE, type QueueType } from '../../catalog/queues.js';
import { SNS_LIMITS } from '../../catalog/topics.js';
import { wrapText } from '../../report/fit-table.js';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { toCostCsv } from '../../report/cost-csv.js';
import { jsonSafe } from '../../report/number-format.js';
import { formatCostComparison, formatCostEstimate } from '../../report/cost-tables.js';
import * as D from '../../scenario/defaults.js';
import { parseCount, parseDuration, parseRate, parseSize, HOURS_PER_MONTH, UnitError } from '../../scenario/units.js';
import { API_TYPES, ENTRY_POINTS, isFrontDoor } from '../../catalog/entry-points.js';
import { MAX_ITEM_BYTES } from '../../catalog/tables.js';
import { CliError } from '../cli-error.js';
import { parseFrontDoorTypes, parseRatio, shown } from '../options.js';
import * as L from '../../scenario/limits.js';
import { resolvePrices } from '../prices.js';
import { useColor } from '../terminal.js';

interface PriceOptions {
  requests: string;
  type: string;
  region: string;
  prices?: string;
  lambda?: string;
  provisioned: string;
  authorizer?: string;
  authorizerHit: string;
  cache?: string;
  cacheHit: string;
  request: string;
  response: string;
  connectionMinutes?: string;
  albConnections: string;
  callers: string;
  rules: string;
  accessLog?: string;
  executionLogs?: string;
  logRetention?: string;
  logCompression?: string;
  waf?: string;
  endpoint?: string;
  vpcLink?: string;
  targets: string;
  dynamodb?: string;
  queue?: string;
  batch?: string;
  batchWindow?: string;
  perMessage?: string;
  topic?: string;
  freeTier?: boolean;
  detail?: boolean;
  csv?: string;
  json?: boolean;
}

export function registerPrice(program: Command): void {
  program
    .command('price')
    .description('closed-form monthly cost of a workload on each front door, without simulating')
    .requiredOption('--requests <volume>', 'requests a month: 40M/month, 40M, or a steady rate such as 500/s (held for 730 h)')
    .option('--type <types>', `entry points to price, comma-separated: ${API_TYPES.map((t) => (ENTRY_POINTS[t].mode === 'async' ? `${t} (the asynchronous path)` : t)).join(', ')}`, 'rest,http,alb')
    .option('--region <region>', 'AWS Region of the bundled prices', D.COST_REGION)
    .option('--prices <file>', 'your own price table (JSON) instead of the bundled one')
    .option('--lambda <fn>', 'Lambda integration as memory:duration[:arch], e.g. 512MB:120ms:arm64 (none: an HTTP back end, not priced)')
    .option('--provisioned <n>', 'provisioned environments of the integration function', '0')
    .option('--authorizer <fn>', 'a Lambda authorizer as memory:duration[:arch], e.g. 128MB:20ms')
    .option('--authorizer-hit <ratio>', "share of requests answered by the authorizer's cached decision", '0')
    .option('--cache <size>', `REST cache size: ${REST_CACHE_SIZE_KEYS.map((k) => `${k}GB`).join(', ')}`)
    .option('--cache-hit <ratio>', 'share of REST requests the cache answers', '0')
    .option('--request <size>', 'request body size', '1KB')
    .option('--response <size>', 'response body size', '1KB')
    .option('--connection-minutes <volume>', 'WebSocket connection minutes a month, e.g. 10M/month')
    .option('--alb-connections <mode>', 'ALB: keep-alive (each caller reuses a connection) or per-request', 'keep-alive')
    .option('--callers <n>', 'ALB keep-alive: distinct callers sharing the traffic evenly', '1')
    .option('--rules <n>', 'ALB: listener rules evaluated per request (10 are free)', '1')
    .option('--access-log <size>', 'price access logs to CloudWatch Logs, this size per request')
    .option(
      '--execution-logs <level>',
      `price API Gateway execution logs (REST and WebSocket) as level[:size]: info (every request) or errors (failed ones; none fail in the closed form), size per logged request (default, an assumption: info:${D.EXECUTION_LOG_BYTES_PER_REQUEST.info / 1024}KB, errors:${D.EXECUTION_LOG_BYTES_PER_REQUEST.errors}B)`,
    )
    .option('--log-retention <period>', `price CloudWatch Logs storage of the logs, kept this long: ${D.LOG_RETENTION_DAYS.map((d) => `${d}d`).join(', ')} or never`)
    .option('--log-compression <ratio>', `with --log-retention: stored (compressed) bytes per ingested byte (default ${D.LOG_COMPRESSION_RATIO})`)
    .option('--waf <rules>', 'an AWS WAF web ACL with this many rules in front (REST and ALB)')
    .option('--endpoint <type>', 'REST: regional, edge or private[:AZs] (private: an interface VPC endpoint in 2 AZs unless given)')
    .option('--vpc-link <target>', 'a private integration through a VPC link to an nlb, an alb, or cloudmap (HTTP APIs, no load balancer)')
    .option('--targets <n>', 'eventbridge: rule targets each event is delivered to', '1')
    .option('--dynamodb <call>', 'an on-demand DynamoDB table each request calls once, as operation:item[:consistency]: read:1KB, read:8KB:strong, write:2KB (without --lambda: a REST API\'s direct integration)')
    .option('--queue <type>', 'an SQS queue each request is sent to (standard or fifo), drained in batches by the --lambda function')
    .option('--batch <n>', `messages per batch the queue's consumer is invoked with: 1 to 10 (fifo) or 10,000 (standard); default ${SQS_EVENT_SOURCE.defaultBatchSize}`)
    .option('--batch-window <duration>', "how long the queue's pollers wait to fill a batch: 0s to 300s (standard queues; at least 1s for a batch above 10); default 0s")
    .option('--per-message <duration>', "the queue consumer's handler time per message, added to --lambda's duration (per batch) for each message of a batch; default 0ms")
    .option('--topic <subscriptions>', 'an SNS topic each request is published to, and its subscriptions by protocol: lambda:4, or lambda:2,sqs:1,http:1 (Lambda and SQS ones run the --lambda function)')
    .option('--free-tier', 'take the AWS free tier off the bill')
    .option('--detail', 'print every line of every bill, not only the totals by service')
    .option('--csv <file>', 'also write the lines as CSV (the columns of cost.csv)')
    .option('--json', 'print the estimates as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim price --requests 40M/month --type rest,http,alb --lambda 512MB:120ms:arm64 --cache 1.6GB --cache-hit 0.2 --response 4KB\n  apigw-sim price --requests 300/s --type http --lambda 1024MB:80ms --detail\n  apigw-sim price --requests 100M/month --type rest --access-log 1KB --execution-logs info --log-retention 30d --detail\n  apigw-sim price --requests 40M/month --type rest,http --queue standard --batch 10 --batch-window 1s --lambda 512MB:300ms',
    )
    .action(async (options: PriceOptions) => {
      const types = parseFrontDoorTypes('--type', options.type, { asynchronous: true });
      const prices = resolvePrices(options.region, options.prices);
      const workload = parseWorkload(options);
      const estimates: CostEstimate[] = [];
      const notes: string[] = [];
      for (const type of types) {
        const misfit = workloadMisfit(workload, type);
        if (misfit !== null) {
          notes.push(misfit);
          continue;
        }
        const { usage, notes: typeNotes } = workloadUsage(workload, type);
        notes.push(...typeNotes);
        // as run checks it: the type's limit, and Lambda's synchronous payload limit in front of a function
        const limit = Math.min(ENTRY_POINTS[type].requestLimitBytes, workload.lambda && !workload.queue && !workload.topic && isFrontDoor(type) ? D.LAMBDA_SYNC_PAYLOAD_BYTES : Infinity);
        if (workload.requestBytes > limit) notes.push(`${type}: a ${options.request} request is over its ${formatBytes(limit)} limit: run refuses it (payload too large) and bills nothing; priced here as if accepted`);
        estimates.push(estimateMonthlyCost(usage, prices, { freeTier: options.freeTier === true, basis: `${formatVolume(workload.monthlyRequests)} requests a month, closed form (no retries, throttles or cold starts)` }));
      }
      if (estimates.length === 0) throw new CliError('no entry point left to price', notes.join('; '));
      if (options.csv) await writeFileAtomic(options.csv, toCostCsv(estimates));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(jsonSafe({ notes: [...new Set(notes)], estimates }), null, 2)}\n`);
        return;
      }
      const color = { color: useColor(process.stdout) };
      const parts = [formatCostComparison(estimates, color)];
      if (options.detail) for (const e of estimates) parts.push(formatCostEstimate(e, { ...color, footer: false }));
      parts.push(wrapText(`month: ${estimates[0].basis}; prices: ${prices.region}, ${prices.effectiveDate}${options.freeTier ? '; free tier taken off' : '; no free tier'}`, undefined, '  '));
      for (const note of new Set(notes)) parts.push(wrapText(`note: ${note}`, undefined, '  '));
      if (options.csv) parts.push(`wrote ${options.csv}`);
      process.stdout.write(`${parts.join('\n')}\n`);
    });
}

function parseWorkload(o: PriceOptions): Workload {
  const cacheBytes = o.cache === undefined ? 0 : flag('--cache', o.cache, parseSize);
  if (o.cache !== undefined && restCacheSizeKey(cacheBytes) === undefined) {
    throw new CliError(`--cache ${o.cache} is not an API Gateway cache size`, `use one of ${REST_CACHE_SIZE_KEYS.map((k) => `${k}GB`).join(', ')}`);
  }
  // an option that would change nothing is refused, not ignored (defaults are '0': only a given value differs)
  const authorizerHit = ratio('--authorizer-hit', o.authorizerHit);
  const cacheHit = ratio('--cache-hit', o.cacheHit);
  const provisioned = wholeNumber('--provisioned', o.provisioned, L.MAX_LAMBDA_CONCURRENCY);
  if (o.authorizer === undefined && authorizerHit > 0) throw new CliError('--authorizer-hit needs --authorizer', 'add the authorizer function, e.g. --authorizer 128MB:20ms');
  if (o.cache === undefined && cacheHit > 0) throw new CliError('--cache-hit needs --cache', 'add the cache size, e.g. --cache 1.6GB');
  if (o.lambda === undefined && provisioned > 0) throw new CliError('--provisioned needs --lambda', 'provisioned concurrency is of the integration function: add it, e.g. --lambda 512MB:120ms');
  const authorizer = o.authorizer === undefined ? null : { ...parseFunction('--authorizer', o.authorizer, 0), cacheHitRatio: authorizerHit };
  // what a scenario could never be: run refuses the same (integration.vpcLink is on an HTTP integration, delivery.targets 1 to 100)
  if (o.vpcLink !== undefined && o.lambda !== undefined) throw new CliError('--vpc-link needs an HTTP back end, and --lambda prices a Lambda integration', 'drop --lambda to price the private integration, or --vpc-link to price the function');
  const eventTargets = wholeNumber('--targets', o.targets, Number.MAX_SAFE_INTEGER);
  if (eventTargets < 1 || eventTargets > D.EVENT_TARGETS_MAX) throw new CliError(`--targets ${o.targets}: an event goes to 1 to ${D.EVENT_TARGETS_MAX} rule targets`, 'give the number of targets of the rule, e.g. --targets 3');
  return {
    monthlyRequests: monthlyVolume('--requests', o.requests),
    requestBytes: flag('--request', o.request, parseSize),
    responseBytes: flag('--response', o.response, parseSize),
    lambda: o.lambda === undefined ? null : parseFunction('--lambda', o.lambda, provisioned),
    authorizer,
    cacheBytes,
    cacheHitRatio: cacheHit,
    connectionMinutes: o.connectionMinutes === undefined ? 0 : monthlyVolume('--connection-minutes', o.connectionMinutes),
    alb: {
      connections: albMode(o.albConnections),
      callers: positiveWholeNumber('--callers', o.callers, L.MAX_CALLERS),
      rules: wholeNumber('--rules', o.rules, L.MAX_ALB_RULES),
      idleTimeoutSeconds: D.ALB_IDLE_TIMEOUT_MS / 1000,
    },
    accessLogBytesPerRequest: o.accessLog === undefined ? 0 : logBytes('--access-log', o.accessLog),
    executionLogs: o.executionLogs === undefined ? null : parseExecutionLogs(o.executionLogs),
    logStorage: parseLogStorage(o),
    waf: o.waf === undefined ? null : { rules: wholeNumber('--waf', o.waf, 1000) },
    privateEndpoint: parsePrivateEndpoint(o.endpoint),
    vpcLink: o.vpcLink === undefined ? null : parseVpcLink(o.vpcLink),
    eventTargets,
    dynamodb: o.dynamodb === undefined ? null : parseTableCall(o.dynamodb),
    ...parseMessaging(o),
  };
}

/** `--queue`, `--topic` and `--batch`: an SQS queue or an SNS topic behind the front door (one integration, as a scenario has). */
function parseMessaging(o: PriceOptions): Pick<Workload, 'queue' | 'topic'> {
  if (o.queue !== undefined && o.topic !== undefined) throw new CliError('--queue and --topic are two integrations', 'a request goes to one: give --queue, or --topic with sqs subscriptions (e.g. --topic sqs:1,lambda:2)');
  const given = o.queue !== undefined ? '--queue' : o.topic !== undefined ? '--topic' : null;
  if (given && o.dynamodb !== undefined) throw new CliError(`${given} and --dynamodb are two integrations`, 'price one at a time');
  if (given && o.vpcLink !== undefined) throw new CliError(`${given} and --vpc-link: a VPC link reaches an HTTP back end, not a queue or a topic`, `drop --vpc-link, or ${given}`);
  if (o.queue !== undefined && o.queue !== 'standard' && o.queue !== 'fifo') throw new CliError(`--queue ${shown(o.queue)} is not a queue type`, 'give standard or fifo');
  const topic = o.topic === undefined ? null : parseTopic(o.topic);
  const queueType: QueueType | null = o.queue === undefined ? null : (o.queue as QueueType);
  const batched = queueType ?? (topic && topic.sqs > 0 ? 'standard' : null);
  const mapping = parseMapping(o, batched);
  const perMessage = parsePerMessage(o, queueType);
  return { queue: queueType === null ? null : { type: queueType, ...mapping, ...perMessage }, topic: topic === null ? null : { ...topic, ...mapping } };
}

/** `--per-message`: the queue consumer's time per message (a scenario's consumer.durationPerMessage, its mean); only with --queue and --lambda. */
function parsePerMessage(o: PriceOptions, queue: QueueType | null): { perMessageMs?: number } {
  if (o.perMessage === undefined) return {};
  if (queue === null) throw new CliError('--per-message needs --queue', "it is the time an SQS queue's consumer spends on each message of a batch: add --queue standard (or fifo)");
  if (o.lambda === undefined) throw new CliError('--per-message needs --lambda', "it is the queue consumer's time per message, added to the function's duration: add --lambda, e.g. --lambda 512MB:20ms");
  return { perMessageMs: flag('--per-message', o.perMessage, parseDuration) };
}

/** `--batch` and `--batch-window`: the event source mapping of the queue (or of a topic's SQS subscriptions), checked as a scenario's is (src/scenario/queue-schema.ts). */
function parseMapping(o: PriceOptions, queue: QueueType | null): { batchSize: number; batchWindowMs: number } {
  const given = o.batch !== undefined ? '--batch' : o.batchWindow !== undefined ? '--batch-window' : null;
  if (given && queue === null) throw new CliError(`${given} needs a queue`, 'add --queue standard (or fifo), or sqs subscriptions to --topic (e.g. --topic sqs:1)');
  const batchSize = o.batch === undefined ? SQS_EVENT_SOURCE.defaultBatchSize : positiveWholeNumber('--batch', o.batch, Number.MAX_SAFE_INTEGER);
  const batchWindowMs = o.batchWindow === undefined ? 0 : flag('--batch-window', o.batchWindow, parseDuration);
  if (queue === null) return { batchSize, batchWindowMs };
  const profile = QUEUE_PROFILES[queue];
  const max = profile.maxBatchSize.toLocaleString('en-US');
  if (batchSize > profile.maxBatchSize) throw new CliError(`--batch ${o.batch} is above the ${profile.label}'s limit (${max})`, `Lambda takes batches of 1 to ${max} messages from an ${profile.label}`);
  if (batchWindowMs > 0 && !profile.batchWindow) throw new CliError('--batch-window is not supported for FIFO queues', "drop it: Lambda invokes a FIFO queue's consumer as soon as a batch is received");
  if (batchWindowMs > SQS_EVENT_SOURCE.maxBatchWindowMs) throw new CliError(`--batch-window ${o.batchWindow} is above 300s`, 'the batching window is 0s to 300s');
  if (batchSize > SQS_EVENT_SOURCE.maxBatchWithoutWindow && batchWindowMs < 1000) {
    throw new CliError(`--batch ${batchSize} needs a batching window of at least 1s`, 'Lambda requires MaximumBatchingWindowInSeconds >= 1 when BatchSize > 10: add --batch-window 1s (or more)');
  }
  return { batchSize, batchWindowMs };
}

/** `lambda:4`, `lambda:2,sqs:1,http:1` (a count of 1 may be left out: `lambda,http`): a standard topic's subscriptions by protocol. */
function parseTopic(text: string): Omit<WorkloadTopic, 'batchSize' | 'batchWindowMs'> {
  const counts = { lambda: 0, sqs: 0, http: 0 };
  const hint = 'give protocol:count pairs, e.g. --topic lambda:4 or --topic lambda:2,sqs:1,http:1 (protocols lambda, sqs, http)';
  for (const part of text.split(',')) {
    const [protocol, count = '1', ...rest] = part.trim().split(':');
    if (rest.length > 0 || !(protocol in counts)) throw new CliError(`--topic ${shown(text)}: "${protocol}" is not a subscription protocol`, hint);
    counts[protocol as keyof typeof counts] += wholeNumber('--topic', count, SNS_LIMITS.subscriptionsPerTopic);
  }
  const total = counts.lambda + counts.sqs + counts.http;
  if (total < 1) throw new CliError(`--topic ${text} has no subscription`, hint);
  if (total > SNS_LIMITS.subscriptionsPerTopic) throw new CliError(`--topic ${text}: ${total.toLocaleString('en-US')} subscriptions`, `a standard topic takes at most ${SNS_LIMITS.subscriptionsPerTopic.toLocaleString('en-US')}`);
  return counts;
}

/** `read:1KB`, `read:8KB:strong`, `write:2KB`: one call per request to an on-demand table. */
function parseTableCall(text: string): NonNullable<Workload['dynamodb']> {
  const [operation, item, consistency = 'eventual', ...rest] = text.split(':');
  const hint = 'give operation:item[:consistency], e.g. --dynamodb read:1KB, read:8KB:strong or write:2KB';
  if (operation !== 'read' && operation !== 'write') throw new CliError(`--dynamodb ${text}: the operation is read or write, not "${operation}"`, hint);
  if (item === undefined || rest.length > 0) throw new CliError(`--dynamodb ${text} is not operation:item[:consistency]`, hint);
  if (consistency !== 'eventual' && consistency !== 'strong') throw new CliError(`--dynamodb ${text}: the consistency is eventual or strong, not "${consistency}"`, hint);
  if (operation === 'write' && consistency === 'strong') throw new CliError(`--dynamodb ${text}: a write has no read consistency`, 'drop :strong');
  const itemBytes = flag('--dynamodb', item, parseSize);
  if (itemBytes > MAX_ITEM_BYTES) throw new CliError(`--dynamodb ${text}: the item is above 400KB`, 'the maximum item size in DynamoDB is 400 KB');
  return { operation, itemBytes, consistency };
}

/** `regional`, `edge` (priced as Regional: AWS bills both alike) or `private[:AZs]`. */
function parsePrivateEndpoint(text: string | undefined): Workload['privateEndpoint'] {
  if (text === undefined) return null;
  const [type, azs, ...rest] = text.split(':');
  const hint = 'write regional, edge or private[:AZs], e.g. private:3';
  if (rest.length > 0 || !['regional', 'edge', 'private'].includes(type) || (azs !== undefined && type !== 'private')) throw new CliError(`--endpoint ${text} is not an endpoint type`, hint);
  if (type !== 'private') return null;
  const count = azs === undefined ? D.PRIVATE_ENDPOINT_AZS : wholeNumber('--endpoint', azs, Number.MAX_SAFE_INTEGER);
  if (count < 1 || count > 6) throw new CliError(`--endpoint ${text}: ${count} AZs`, 'an interface endpoint is in 1 to 6 Availability Zones');
  return { azs: count };
}

function parseVpcLink(text: string): 'nlb' | 'alb' | 'cloudmap' {
  if (text !== 'nlb' && text !== 'alb' && text !== 'cloudmap') throw new CliError(`--vpc-link ${text} is not a VPC link target`, 'write nlb (VPC link v1 or v2), alb (VPC link v2) or cloudmap (HTTP APIs, no load balancer)');
  return text;
}

/** `info`, `errors` or either with the bytes a logged request writes, `info:5KB`. */
function parseExecutionLogs(text: string): NonNullable<Workload['executionLogs']> {
  const [level, size, ...rest] = text.split(':');
  if ((level !== 'info' && level !== 'errors') || rest.length > 0) {
    throw new CliError(`--execution-logs ${text} is not a logging level`, 'write it as level[:size], e.g. info, errors or info:5KB (level info or errors)');
  }
  return { level, bytesPerRequest: size === undefined ? D.EXECUTION_LOG_BYTES_PER_REQUEST[level] : logBytes('--execution-logs', size) };
}

/** `--log-retention 30d` (or `never`) and `--log-compression`: how CloudWatch Logs keeps the logs; null without `--log-retention`. */
function parseLogStorage(o: PriceOptions): LogStorage | null {
  if (o.logRetention === undefined) {
    if (o.logCompression !== undefined) throw new CliError('--log-compression needs --log-retention', 'add --log-retention 30d (or never) to price the storage');
    return null;
  }
  if (o.accessLog === undefined && o.executionLogs === undefined) throw new CliError('--log-retention: there are no logs to store', 'add --access-log 1KB or --execution-logs info');
  const retentionDays = o.logRetention === 'never' ? 'never' : flag('--log-retention', o.logRetention, parseDuration) / (24 * 3_600_000);
  if (retentionDays !== 'never' && !(D.LOG_RETENTION_DAYS as readonly number[]).includes(retentionDays)) {
    throw new CliError(`--log-retention ${o.logRetention} is not a CloudWatch Logs retention`, `use one of ${D.LOG_RETENTION_DAYS.map((d) => `${d}d`).join(', ')}, or never`);
  }
  const compressionRatio = o.logCompression === undefined ? D.LOG_COMPRESSION_RATIO : ratio('--log-compression', o.logCompression);
  if (compressionRatio === 0) throw new CliError('--log-compression 0 stores nothing', 'give the stored share of each ingested byte, e.g. 0.15');
  return { retentionDays, compressionRatio };
}

/** `40M/month`, `40M` (a month's count) or a steady rate (`500/s`, held for 730 h). */
function monthlyVolume(name: string, text: string): number {
  if (text.trim().startsWith('-')) throw new CliError(`${name} ${text} is negative`, 'a volume is 0 or more, e.g. 40M/month');
  const perSecond = /\//.test(text) ? flag(name, text, parseRate) : flag(name, text, parseCount) / (HOURS_PER_MONTH * 3600);
  const monthly = perSecond * HOURS_PER_MONTH * 3600;
  if (monthly > D.MAX_MONTHLY_VOLUME) throw new CliError(`${name} ${text} is ${monthly.toExponential(1)} a month`, `give at most ${D.MAX_MONTHLY_VOLUME.toExponential(0)} (1,000 trillion), e.g. 40M/month or 500/s`);
  return monthly;
}

function parseFunction(name: string, text: string, provisioned: number): WorkloadFunction {
  const [memory, duration, architecture = 'x86_64', ...rest] = text.split(':');
  const hint = 'write it as memory:duration[:arch], e.g. 512MB:120ms:arm64 (arch x86_64 or arm64)';
  if (memory === undefined || duration === undefined || rest.length > 0) throw new CliError(`${name} ${text} is not a function`, hint);
  if (architecture !== 'x86_64' && architecture !== 'arm64') throw new CliError(`${name} ${text}: "${architecture}" is not an architecture`, hint);
  const memoryMb = flag(name, memory, parseSize) / 1024 ** 2;
  if (!Number.isInteger(memoryMb) || memoryMb < D.LAMBDA_MIN_MEMORY_MB || memoryMb > D.LAMBDA_MAX_MEMORY_MB) {
    throw new CliError(`${name} ${text}: ${memoryMb} MB is not a Lambda memory size`, `Lambda takes whole MB from ${D.LAMBDA_MIN_MEMORY_MB}MB to ${D.LAMBDA_MAX_MEMORY_MB}MB`);
  }
  const durationMs = flag(name, duration, parseDuration);
  if (durationMs > D.LAMBDA_MAX_TIMEOUT_MS) throw new CliError(`${name} ${text}: ${duration} is longer than a Lambda function runs`, `a function times out after at most ${D.LAMBDA_MAX_TIMEOUT_MS / 1000} s (900s)`);
  return { memoryMb, durationMs, architecture, provisioned };
}

function flag<T>(name: string, text: string, parse: (v: unknown) => T): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof UnitError) throw new CliError(`${name} ${error.message}`, error.hint);
    throw error;
  }
}

/** Log bytes per request: a size up to the 1 MB a CloudWatch Logs event may hold. */
function logBytes(name: string, text: string): number {
  const bytes = flag(name, text, parseSize);
  if (bytes > L.MAX_LOG_BYTES_PER_REQUEST) throw new CliError(`${name} ${text} is above 1MB`, 'CloudWatch Logs takes a log event of at most 1 MB');
  return bytes;
}

function ratio(name: string, text: string): number {
  return parseRatio(name, text);
}

/** A whole number from 0 to `max` in decimal digits (`Number()` would take `0x10`, ` 5` and an empty string). */
function wholeNumber(name: string, text: string, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value)) throw new CliError(`${name} ${shown(text)} is not a whole number`, `give 0 to ${max.toLocaleString('en-US')}, e.g. 10`);
  if (value > max) throw new CliError(`${name} ${text} is more than ${max.toLocaleString('en-US')}`, `give at most ${max.toLocaleString('en-US')} (docs/commands.md: price)`);
  return value;
}

function albMode(text: string): 'keep-alive' | 'per-request' {
  if (text === 'keep-alive' || text === 'per-request') return text;
  throw new CliError(`--alb-connections ${text} is not a mode`, 'give keep-alive or per-request');
}

function formatVolume(n: number): string {
  return n >= 1e6 ? `${Number((n / 1e6).toPrecision(6))}M` : Math.round(n).toLocaleString('en-US');
}

/** A payload limit as AWS states them: 10 MB, 128 KB. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

function positiveWholeNumber(name: string, text: string, max: number): number {
  const value = wholeNumber(name, text, max);
  if (value < 1) throw new CliError(`${name} ${text}: there is at least one`, 'give 1 or more, e.g. 10');
  return value;
}
