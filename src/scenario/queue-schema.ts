/**
 * The scenario's SQS integration (`integration.type: sqs`): the queue, the
 * Lambda event source mapping and the consumer function, and the rules
 * that tie them to each other and to the load, each with the limit it
 * enforces (src/catalog/queues.ts).
 */
import { z } from 'zod';
import { QUEUE_PROFILES, SQS_EVENT_SOURCE, SQS_LIMITS } from '../catalog/queues.js';
import { valueOrDistribution } from './distribution-schema.js';
import { parseDuration } from './units.js';
import { duration, DURATION_PATTERN, real, whole } from './unit-schema.js';

const durationDistribution = () => valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN);

/** The integration's schema; `consumerFields` are a Lambda function's (the scenario's lambdaFunctionFields). */
export function sqsIntegrationSchema<F extends z.ZodRawShape>(consumerFields: F) {
  return z.strictObject({
    type: z.literal('sqs'),
    queue: z
      .strictObject({
        type: z.enum(['standard', 'fifo']).default('standard').describe('standard (nearly unlimited sends, best-effort order) or fifo (300 sends/s, in order per message group)'),
        visibilityTimeout: duration().prefault('30s').describe('how long a received message stays invisible, 0s to 12h; at least the consumer function\'s timeout'),
        retention: duration().prefault('4d').describe('how long a message is kept, 1m to 14d; older ones expire'),
        maxReceiveCount: whole(1, 1_000_000).optional().describe('redrive policy: a message received this many times without success goes to the dead-letter queue (1 to 1,000; none: it returns until it expires)'),
        groups: whole(1, 1_000_000).optional().describe('fifo only: message groups, each message in one drawn uniformly (default 1: every message in order)'),
        sendLatency: durationDistribution().optional().describe('SendMessage latency (default p50 8 ms, p99 30 ms)'),
      })
      .prefault({})
      .describe('the SQS queue'),
    eventSource: z
      .strictObject({
        batchSize: whole(1, 1_000_000).prefault(SQS_EVENT_SOURCE.defaultBatchSize).describe('messages per invocation at most: 1 to 10,000 (standard) or 10 (FIFO)'),
        batchWindow: duration().prefault('0s').describe('how long the poller waits to fill a batch, up to 300s (standard only; at least 1s for a batch size above 10)'),
        maxConcurrency: whole(1, 1_000_000).optional().describe('the most batches in flight at once, 2 to 1,000 (default: the pollers scale to 1,000)'),
        reportBatchItemFailures: z.boolean().default(false).describe('partial batch responses (FunctionResponseTypes: ReportBatchItemFailures): only the messages the consumer reports failed come back, not the whole batch'),
      })
      .prefault({})
      .describe('the Lambda event source mapping that polls the queue'),
    consumer: z
      .strictObject({
        ...consumerFields,
        durationPerMessage: durationDistribution().optional().describe('handler run time per message of the batch, added to duration (the per-batch part); default none'),
        messageErrorRate: real(0, 1).prefault(0).describe('share of messages whose processing fails, drawn per message and delivery; with reportBatchItemFailures only they come back, else the whole batch does'),
        poisonMessageRate: real(0, 1).prefault(0).describe('share of messages that fail on every delivery (poison messages), until redriven or expired'),
      })
      .describe('the Lambda function the event source mapping invokes with each batch'),
  });
}

/** The hint for a consumer's per-message field given where it does not apply (another function, another integration); undefined for any other key. */
export function queueOnlyKeyHint(key: string): string | undefined {
  return Object.hasOwn(QUEUE_ONLY_KEYS, key) ? QUEUE_ONLY_KEYS[key] : undefined;
}

const QUEUE_ONLY_KEYS: Readonly<Record<string, string>> = {
  durationPerMessage: "durationPerMessage is the per-message time of an SQS queue's consumer: put it in integration.consumer with integration.type: sqs (a function called once per request has only duration)",
  messageErrorRate: "messageErrorRate is the per-message failure share of an SQS queue's consumer: put it in integration.consumer with integration.type: sqs (other functions take errorRate)",
  poisonMessageRate: "poisonMessageRate is the share of poison messages an SQS queue's consumer meets: put it in integration.consumer with integration.type: sqs",
  reportBatchItemFailures: 'reportBatchItemFailures belongs to an SQS queue\'s event source mapping: integration.eventSource, with integration.type: sqs',
};

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

/** What the checks read of an SQS integration. */
interface SqsSpec {
  readonly type: 'sqs';
  readonly queue: { type: 'standard' | 'fifo'; visibilityTimeout: number; retention: number; maxReceiveCount?: number; groups?: number };
  readonly eventSource: { batchSize: number; batchWindow: number; maxConcurrency?: number };
  readonly consumer: { timeout: number };
}

interface LoadSpec {
  rate?: number;
  profile?: ReadonlyArray<{ rate: number } | { ramp: readonly [number, number] }>;
  spikes: ReadonlyArray<{ rate: number }>;
  daily?: { amplitude: number };
  virtualUsers?: number;
}

const AT = ['integration'];

/** The queue's, the mapping's and the load's rules. */
export function checkQueue(integration: SqsSpec, load: LoadSpec, problem: Problem): void {
  const { queue, eventSource: es } = integration;
  const profile = QUEUE_PROFILES[queue.type];
  const esAt = [...AT, 'eventSource'];
  const queueAt = [...AT, 'queue'];
  if (es.batchSize > profile.maxBatchSize) problem([...esAt, 'batchSize'], `${es.batchSize} is above the ${profile.label}'s limit (${profile.maxBatchSize.toLocaleString('en-US')})`, `Lambda takes batches of 1 to ${profile.maxBatchSize.toLocaleString('en-US')} messages from an ${profile.label}`);
  if (es.batchWindow > 0 && !profile.batchWindow) problem([...esAt, 'batchWindow'], 'is not supported for FIFO queues', 'remove it: Lambda invokes a FIFO queue\'s consumer as soon as a batch is received');
  else if (es.batchWindow > SQS_EVENT_SOURCE.maxBatchWindowMs) problem([...esAt, 'batchWindow'], 'is above 300s', 'the batching window is 0s to 300s');
  else if (es.batchSize > SQS_EVENT_SOURCE.maxBatchWithoutWindow && es.batchWindow < 1000 && es.batchSize <= profile.maxBatchSize) {
    problem([...esAt, 'batchWindow'], `must be at least 1s with a batch size above ${SQS_EVENT_SOURCE.maxBatchWithoutWindow}`, 'Lambda requires MaximumBatchingWindowInSeconds >= 1 when BatchSize > 10: add batchWindow: 1s (or more)');
  }
  if (es.maxConcurrency !== undefined && (es.maxConcurrency < SQS_EVENT_SOURCE.minMaxConcurrency || es.maxConcurrency > SQS_EVENT_SOURCE.maxMaxConcurrency)) {
    problem([...esAt, 'maxConcurrency'], `${es.maxConcurrency} is outside 2 to 1,000`, 'an SQS event source mapping\'s maximum concurrency is 2 to 1,000');
  }
  if (queue.visibilityTimeout > SQS_LIMITS.maxVisibilityTimeoutMs) problem([...queueAt, 'visibilityTimeout'], 'is above 12h', 'SQS takes a visibility timeout of 0s to 12h');
  else if (queue.visibilityTimeout < integration.consumer.timeout) {
    problem([...queueAt, 'visibilityTimeout'], `is shorter than the consumer function's timeout (${integration.consumer.timeout / 1000}s)`, 'Lambda refuses such an event source mapping; AWS recommends at least six times the function timeout plus the batching window');
  }
  if (queue.retention < SQS_LIMITS.minRetentionMs || queue.retention > SQS_LIMITS.maxRetentionMs) problem([...queueAt, 'retention'], 'is outside 1m to 14d', 'SQS keeps a message for 60 seconds to 14 days (default 4d)');
  if (queue.maxReceiveCount !== undefined && queue.maxReceiveCount > SQS_LIMITS.maxReceiveCount) problem([...queueAt, 'maxReceiveCount'], `${queue.maxReceiveCount} is above 1,000`, 'a redrive policy\'s maxReceiveCount is 1 to 1,000');
  if (queue.groups !== undefined && queue.type !== 'fifo') problem([...queueAt, 'groups'], 'only applies to FIFO queues', 'remove it, or set queue.type: fifo');
  if (queue.type === 'fifo') checkFifoFeed(load, profile.sendsPerSecond, problem);
}

/** A FIFO queue fed by API Gateway gets one SendMessage per request: the load's peak must fit its limit. */
function checkFifoFeed(load: LoadSpec, limitPerSecond: number, problem: Problem): void {
  if (load.virtualUsers !== undefined) return; // a closed loop's rate is bounded by its users' replies
  const peak = peakRate(load);
  if (peak <= limitPerSecond) return;
  const at = load.rate !== undefined ? ['load', 'rate'] : load.profile !== undefined ? ['load', 'profile'] : ['load', 'spikes'];
  problem(at, `feeds the FIFO queue at up to ${Number(peak.toPrecision(4))}/s, more than the ${limitPerSecond} SendMessage calls a second it takes without batching`, 'API Gateway sends one message per request: use queue.type: standard, or keep the load at or below 300/s (SendMessageBatch and high-throughput FIFO are not modelled)');
}

/** The load's highest rate: its highest phase plus its largest spike, times the daily swing. */
export function peakRate(load: LoadSpec): number {
  let base = load.rate ?? 0;
  for (const p of load.profile ?? []) base = Math.max(base, ...('rate' in p ? [p.rate] : p.ramp));
  const spike = load.spikes.reduce((max, s) => Math.max(max, s.rate), 0);
  return (base + spike) * (1 + (load.daily?.amplitude ?? 0));
}
