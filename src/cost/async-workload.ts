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
 * - batches of `batchSize` messages, assumed full (ASSUMPTION: at a low rate
 *   with no batching window a poller takes what is there, so batches are
 *   smaller and receives, deletes and invocations more): per batch one
 *   ReceiveMessage per 10 messages, billed per 64 KB chunk of what it
 *   returned, one DeleteMessageBatch per 10 messages, and one invocation of
 *   the consumer; a batch is cut at Lambda's 6 MB;
 * - empty long polls: the event source mapping keeps five pollers, each
 *   polling for up to 20 s; an idle queue costs one empty ReceiveMessage per
 *   poller every 20 s, 657,000 a month, its bound. Busy, a poll is empty only
 *   if no message comes for 20 s: ASSUMPTION, the messages share out evenly
 *   among the five waiting pollers and arrive as a Poisson stream, so a poll
 *   is empty with probability exp(-rate x 20 s / 5).
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

/** An SQS queue between the entry point and the consumer function: its type and the event source mapping's batch size. */
export interface WorkloadQueue {
  readonly type: QueueType;
  readonly batchSize: number;
}

/** An SNS topic's subscriptions, counted by protocol, and the batch size of its SQS subscriptions' event source mappings. */
export interface WorkloadTopic {
  readonly lambda: number;
  readonly sqs: number;
  readonly http: number;
  readonly batchSize: number;
}

/** A queue's month: requests billed (64 KB chunks) by kind, the consumer's invocations, and the batch size used. */
export interface QueueMonth {
  readonly sendRequests: number;
  readonly receiveRequests: number;
  readonly deleteRequests: number;
  readonly emptyReceives: number;
  readonly requests: number;
  readonly invocations: number;
  /** Messages per batch: the batch size, or fewer when the batch would pass 6 MB. */
  readonly batchSize: number;
}

/** Pollers the mapping keeps on an idle queue (it starts five; src/catalog/queues.ts). */
export const IDLE_POLLERS = SQS_EVENT_SOURCE.initialPollers;
/** The most empty receives a month: five pollers, one 20 s long poll each, all month. */
export const MAX_EMPTY_RECEIVES_PER_MONTH = IDLE_POLLERS * (SECONDS_PER_MONTH / (SQS_LIMITS.longPollMs / 1000));

const chunks = (bytes: number, chunkBytes: number) => Math.max(1, Math.ceil(bytes / chunkBytes));

/** `messages` messages of `messageBytes` each through a queue whose mapping takes batches of `batchSize`. */
export function queueMonth(messages: number, messageBytes: number, batchSize: number): QueueMonth {
  const chunk = SQS_LIMITS.chunkBytes;
  const perReceive = SQS_LIMITS.messagesPerReceive;
  const size = Math.max(1, Math.min(batchSize, Math.floor(SQS_EVENT_SOURCE.maxBatchBytes / Math.max(1, messageBytes))));
  const batches = messages / size;
  // a batch of `size`: full receives of 10 messages, and one with the rest
  const fullCalls = Math.floor(size / perReceive);
  const rest = size % perReceive;
  const receiveChunksPerBatch = fullCalls * chunks(perReceive * messageBytes, chunk) + (rest > 0 ? chunks(rest * messageBytes, chunk) : 0);
  const callsPerBatch = Math.ceil(size / perReceive);
  const sendRequests = messages * chunks(messageBytes, chunk);
  const receiveRequests = batches * receiveChunksPerBatch;
  const deleteRequests = batches * callsPerBatch;
  const emptyReceives = emptyReceivesPerMonth(messages / SECONDS_PER_MONTH);
  return { sendRequests, receiveRequests, deleteRequests, emptyReceives, requests: sendRequests + receiveRequests + deleteRequests + emptyReceives, invocations: batches, batchSize: size };
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
