/**
 * The closed form of the asynchronous integrations behind `price`: an SQS
 * queue drained by Lambda's event source mapping, and an SNS standard topic
 * fanning each message out to its subscriptions. Each request that reaches
 * the integration is one message, delivered once: no retries, redrives or
 * duplicates (a run counts those), as the rest of the closed form assumes.
 *
 * SQS (https://aws.amazon.com/sqs/pricing/: "Each 64 KB chunk of a payload
 * is billed as 1 request"; limits in src/catalog/queues.ts):
 * - a SendMessage per message, per 64 KB chunk;
 * - batches as Lambda's pollers make them (ASSUMPTION, what the model
 *   does, src/model/queue/event-source-mapping.ts, for a queue that keeps
 *   up): a long-polling poller wakes as a message arrives and takes what is
 *   there, one message; with a batching window it keeps receiving for the
 *   window, each arrival one more ReceiveMessage, so a batch holds
 *   min(batch size, 1 + rate x window) messages, cut at Lambda's 6 MB.
 *   Each message is one ReceiveMessage (per 64 KB chunk); each batch one
 *   DeleteMessageBatch per 10 messages and one invocation. A backlog (a
 *   consumer that cannot keep up) fills receives with up to 10 messages and
 *   batches to their size: fewer requests and invocations than here;
 * - empty long polls: the event source mapping keeps five pollers, each
 *   polling for up to 20 s; an idle queue costs one empty ReceiveMessage per
 *   poller every 20 s, 657,000 a month, its bound. Busy, a poll is empty only
 *   if no message comes for 20 s: ASSUMPTION, the messages share out evenly
 *   among the five waiting pollers and arrive as a Poisson stream, so a poll
 *   is empty with probability exp(-rate x 20 s / 5).
 * - the consumer's invocation: the function's duration per batch, plus the
 *   per-message time times the batch's messages when given
 *   (`consumer.durationPerMessage` in a scenario), billed as one duration.
 *   Per-message failures (`consumer.messageErrorRate`) are left out, as
 *   every retry is: a run counts their redeliveries and redrives.
 *
 * SNS (https://aws.amazon.com/sns/pricing/: "Each 64KB chunk of published
 * data is billed as 1 request"; deliveries to Lambda and SQS free, HTTP/S
 * priced): a publish per message per 64 KB chunk; one delivery per message
 * and subscription; a Lambda subscription runs the function once per
 * message; an SQS subscription (a standard queue) is a queue as above, with
 * its own pollers and consumer; an HTTP/S endpoint's servers are not priced.
 */
import { SQS_EVENT_SOURCE, SQS_LIMITS, type QueueType } from '../catalog/queues.js';
import { SNS_LIMITS } from '../catalog/topics.js';
import { SECONDS_PER_MONTH } from './monthly-usage.js';

/** An SQS queue between the entry point and the consumer function: its type, and the event source mapping's batch size and batching window. */
export interface WorkloadQueue {
  readonly type: QueueType;
  readonly batchSize: number;
  readonly batchWindowMs: number;
  /** The consumer's handler time per message (ms), added to the function's duration per batch (a scenario's consumer.durationPerMessage); none: 0. */
  readonly perMessageMs?: number;
}

/** An SNS topic's subscriptions, counted by protocol, and its SQS subscriptions' event source mapping (each a standard queue). */
export interface WorkloadTopic {
  readonly lambda: number;
  readonly sqs: number;
  readonly http: number;
  readonly batchSize: number;
  readonly batchWindowMs: number;
}

/** A queue's month: requests billed (64 KB chunks) by kind, the consumer's invocations, and the batch size used. */
export interface QueueMonth {
  readonly sendRequests: number;
  readonly receiveRequests: number;
  readonly deleteRequests: number;
  readonly emptyReceives: number;
  readonly requests: number;
  readonly invocations: number;
  /** Messages per batch, on average: 1 without a batching window, else up to the batch size (or fewer than would pass 6 MB). */
  readonly batchSize: number;
  /** The most a batch may hold: the batch size, or fewer when the batch would pass 6 MB. */
  readonly maxBatchSize: number;
}

/** Pollers the mapping keeps on an idle queue (it starts five; src/catalog/queues.ts). */
export const IDLE_POLLERS = SQS_EVENT_SOURCE.initialPollers;
/** The most empty receives a month: five pollers, one 20 s long poll each, all month. */
export const MAX_EMPTY_RECEIVES_PER_MONTH = IDLE_POLLERS * (SECONDS_PER_MONTH / (SQS_LIMITS.longPollMs / 1000));

const chunks = (bytes: number, chunkBytes: number) => Math.max(1, Math.ceil(bytes / chunkBytes));

/** `messages` messages of `messageBytes` each, steady over the month, through a queue whose mapping takes batches as `mapping` says. */
export function queueMonth(messages: number, messageBytes: number, mapping: { readonly batchSize: number; readonly batchWindowMs: number }): QueueMonth {
  const chunk = SQS_LIMITS.chunkBytes;
  const perSecond = messages / SECONDS_PER_MONTH;
  const maxBatchSize = Math.max(1, Math.min(mapping.batchSize, Math.floor(SQS_EVENT_SOURCE.maxBatchBytes / Math.max(1, messageBytes))));
  const size = Math.min(maxBatchSize, 1 + (perSecond * mapping.batchWindowMs) / 1000);
  const batches = messages / size;
  const sendRequests = messages * chunks(messageBytes, chunk);
  const receiveRequests = messages * chunks(messageBytes, chunk);
  const deleteRequests = batches * Math.ceil(size / SQS_LIMITS.messagesPerReceive);
  const emptyReceives = emptyReceivesPerMonth(perSecond);
  return { sendRequests, receiveRequests, deleteRequests, emptyReceives, requests: sendRequests + receiveRequests + deleteRequests + emptyReceives, invocations: batches, batchSize: size, maxBatchSize };
}

/** The consumer's invocation for a batch of the month's average size: its duration per batch plus the per-message time of each message. */
export function consumerPerBatch<F extends { readonly durationMs: number }>(consumer: F, queue: WorkloadQueue, month: QueueMonth): F {
  const perMessageMs = queue.perMessageMs ?? 0;
  return perMessageMs > 0 ? { ...consumer, durationMs: consumer.durationMs + month.batchSize * perMessageMs } : consumer;
}

/** Empty long polls a month at a steady rate (messages a second): the bound when idle, about none when busy. */
export function emptyReceivesPerMonth(messagesPerSecond: number): number {
  const pollSeconds = SQS_LIMITS.longPollMs / 1000;
  return MAX_EMPTY_RECEIVES_PER_MONTH * Math.exp((-messagesPerSecond * pollSeconds) / IDLE_POLLERS);
}

/** A topic's month: publishes billed (64 KB chunks) and deliveries by protocol. */
export function topicMonth(messages: number, messageBytes: number, topic: WorkloadTopic): { publishes: number; httpDeliveries: number; lambdaDeliveries: number; sqsDeliveries: number } {
  return {
    publishes: messages * chunks(messageBytes, SNS_LIMITS.chunkBytes),
    httpDeliveries: messages * topic.http,
    lambdaDeliveries: messages * topic.lambda,
    sqsDeliveries: messages * topic.sqs,
  };
}
