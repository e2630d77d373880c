/**
 * Builds the SQS integration (`integration.type: sqs`): the queue with its
 * event source mapping, and the consumer function it invokes, from the
 * scenario and the catalog's limits (src/catalog/queues.ts). The queue
 * plays the `queue` role on the bill, the consumer the integration's
 * function.
 */
import { QUEUE_PROFILES, SQS_EVENT_SOURCE, SQS_LIMITS, SQS_SEND_LATENCY } from '../catalog/queues.js';
import type { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { LambdaFunction } from '../model/lambda/lambda-function.js';
import { BatchWork } from '../model/queue/batch-work.js';
import { SqsQueue } from '../model/queue/sqs-queue.js';
import { createDistribution } from '../model/shared/distribution.js';
import type { BuiltIntegration } from './build-integration.js';
import { buildLambda } from './build-integration.js';
import * as D from './defaults.js';
import { durationAtMemory, type Scenario, type SqsIntegrationSpec } from './schema.js';

export function buildQueueIntegration(scenario: Scenario, account: LambdaAccount): BuiltIntegration {
  const spec = scenario.integration as SqsIntegrationSpec;
  const { consumer } = spec;
  const lambda = buildLambda('lambda', { ...consumer, duration: durationAtMemory(consumer) }, account, scenario.initialState?.integration?.warm, batchWorkOf('queue', spec));
  const sqs = createSqsQueue('queue', spec, lambda, scenario.duration);
  return { integration: sqs, extras: [lambda], downstream: null, roles: { queue: sqs, integrationFunction: lambda } };
}

/** A queue with its event source mapping from its spec and the catalog's limits (also a topic's SQS subscription, ./build-sns.ts); no poll starts from `pollUntilMs`. */
export function createSqsQueue(id: string, spec: Pick<SqsIntegrationSpec, 'queue' | 'eventSource'>, consumer: LambdaFunction, pollUntilMs: number): SqsQueue {
  const { queue, eventSource } = spec;
  const profile = QUEUE_PROFILES[queue.type];
  return new SqsQueue(
    id,
    {
      type: queue.type,
      sendLatency: createDistribution(queue.sendLatency ?? { kind: 'percentiles', ...SQS_SEND_LATENCY }),
      sendsPerSecond: profile.sendsPerSecond,
      maxMessageBytes: SQS_LIMITS.maxMessageBytes,
      chunkBytes: SQS_LIMITS.chunkBytes,
      messagesPerReceive: SQS_LIMITS.messagesPerReceive,
      visibilityTimeoutMs: queue.visibilityTimeout,
      retentionMs: queue.retention,
      maxReceiveCount: queue.maxReceiveCount ?? null,
      groups: queue.type === 'fifo' ? (queue.groups ?? 1) : 1,
      eventSource: {
        batchSize: eventSource.batchSize,
        batchWindowMs: eventSource.batchWindow,
        maxBatchBytes: SQS_EVENT_SOURCE.maxBatchBytes,
        maxPollers: Math.min(SQS_EVENT_SOURCE.maxPollers, eventSource.maxConcurrency ?? Infinity),
        initialPollers: SQS_EVENT_SOURCE.initialPollers,
        pollersAddedPerSecond: SQS_EVENT_SOURCE.pollersAddedPerMinute / 60,
        longPollMs: SQS_LIMITS.longPollMs,
        throttleFirstMs: D.LAMBDA_ASYNC_THROTTLE_FIRST_MS,
        throttleMaxMs: SQS_THROTTLE_MAX_MS,
        pollUntilMs,
      },
    },
    consumer,
  );
}

/** The consumer's per-message work (../model/queue/batch-work.ts), only when the scenario gives some: a consumer without it does no per-message work. */
export function batchWorkOf(queueId: string, spec: Pick<SqsIntegrationSpec, 'queue' | 'eventSource' | 'consumer'>): BatchWork | undefined {
  const { durationPerMessage, messageErrorRate, poisonMessageRate } = spec.consumer;
  if (durationPerMessage === undefined && messageErrorRate === 0 && poisonMessageRate === 0) return undefined;
  return new BatchWork(queueId, {
    perMessage: durationPerMessage ? createDistribution(durationPerMessage) : null,
    messageErrorRate,
    poisonMessageRate,
    reportBatchItemFailures: spec.eventSource.reportBatchItemFailures,
    fifo: spec.queue.type === 'fifo',
  });
}

/** ASSUMPTION: a poller retrying a throttled batch waits at most 30 s between tries (AWS publishes no schedule). */
const SQS_THROTTLE_MAX_MS = 30_000;
