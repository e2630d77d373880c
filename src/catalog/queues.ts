/**
 * Amazon SQS queues as a buffer between a producer and a consumer Lambda
 * function (src/model/queue/): the two queue types' limits and defaults, and
 * the Lambda event source mapping's, each with the AWS document behind it.
 * Validation, the model and the bill read them here; this folder imports
 * nothing.
 *
 * A queue is an integration (`integration.type: sqs`): the front door calls
 * SendMessage through its AWS service integration and answers the client
 * once the message is accepted; Lambda's pollers receive batches later and
 * invoke the consumer function (the event source mapping).
 */

export type QueueType = 'standard' | 'fifo';

export interface QueueProfile {
  readonly type: QueueType;
  readonly label: string;
  /** SendMessage calls per second the queue takes without batching (Infinity: "nearly unlimited"). */
  readonly sendsPerSecond: number;
  /** The event source mapping's largest batch. */
  readonly maxBatchSize: number;
  /** Whether the event source mapping may wait to fill a batch (MaximumBatchingWindowInSeconds). */
  readonly batchWindow: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KB = 1024;

/**
 * Standard queues: "nearly unlimited API calls per second, per API action
 * (SendMessage, ReceiveMessage, or DeleteMessage)" (message quotas,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html);
 * the event source mapping's BatchSize: "For standard queues, the maximum is
 * 10,000" (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html).
 */
export const STANDARD_QUEUE: QueueProfile = { type: 'standard', label: 'SQS standard queue', sendsPerSecond: Infinity, maxBatchSize: 10_000, batchWindow: true };

/**
 * FIFO queues: "By default, FIFO queues support 300 transactions per
 * second, per API action for SendMessage, ReceiveMessage, and
 * DeleteMessage. Requests over 300 TPS get the ThrottlingException error"
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/troubleshooting-fifo-throttling-issues.html);
 * batching raises it to 3,000 messages per second, which API Gateway's
 * SendMessage (one message per request) does not use; high-throughput mode
 * is not modelled. BatchSize: "For FIFO queues, the maximum is 10", and
 * "Batching window is not supported for FIFO queues" (services-sqs-parameters.html).
 */
export const FIFO_QUEUE: QueueProfile = { type: 'fifo', label: 'SQS FIFO queue', sendsPerSecond: 300, maxBatchSize: 10, batchWindow: false };

export const QUEUE_PROFILES: Readonly<Record<QueueType, QueueProfile>> = { standard: STANDARD_QUEUE, fifo: FIFO_QUEUE };

/**
 * Queue settings (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 * and sqs-visibility-timeout.html): "By default, a message is retained for 4
 * days. The minimum is 60 seconds (1 minute). The maximum is 1,209,600
 * seconds (14 days)"; the visibility timeout defaults to 30 s, from 0 to 12
 * hours; a redrive policy's maxReceiveCount is 1 to 1,000
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 * A message may be up to 1 MiB since AWS "raised the maximum payload size
 * from 256 KB to 1 MB for ... Amazon Simple Queue Service (Amazon SQS)"
 * (https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb).
 * Requests are billed per 64 KB chunk: "Each 64 KB chunk of a payload is
 * billed as 1 request" (https://aws.amazon.com/sqs/pricing/).
 */
export const SQS_LIMITS = {
  defaultRetentionMs: 4 * DAY,
  minRetentionMs: 1 * MINUTE,
  maxRetentionMs: 14 * DAY,
  defaultVisibilityTimeoutMs: 30 * SECOND,
  maxVisibilityTimeoutMs: 12 * HOUR,
  minReceiveCount: 1,
  maxReceiveCount: 1_000,
  maxMessageBytes: 1024 * KB,
  chunkBytes: 64 * KB,
  /** "A single message batch request can include a maximum of 10 messages" (quotas-messages.html): a ReceiveMessage returns at most 10. */
  messagesPerReceive: 10,
  /** Long polling: "The maximum long polling wait time is 20 seconds" (quotas-fifo.html); Lambda's pollers long-poll. */
  longPollMs: 20 * SECOND,
} as const;

/**
 * The Lambda event source mapping for SQS
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html):
 * "When messages are available, Lambda starts processing five batches at a
 * time with five concurrent invocations of your function. If messages are
 * still available, Lambda increases the number of processes that are
 * reading batches by up to 300 more instances per minute. The maximum
 * number of batches that an event source mapping can process
 * simultaneously is 1,000." For FIFO queues the same pollers serve the
 * message groups, one batch in flight per group at a time. MaximumConcurrency
 * is 2 to 1,000 (AWS::Lambda::EventSourceMapping ScalingConfig); BatchSize
 * defaults to 10 and the batching window to 0; "When you set BatchSize to a
 * value greater than 10, you must set MaximumBatchingWindowInSeconds to at
 * least 1 second", and the window is at most 300 s (services-sqs-parameters.html).
 * A batch's payload is at most 6 MB, Lambda's synchronous invocation limit.
 */
export const SQS_EVENT_SOURCE = {
  initialPollers: 5,
  pollersAddedPerMinute: 300,
  maxPollers: 1_000,
  minMaxConcurrency: 2,
  maxMaxConcurrency: 1_000,
  defaultBatchSize: 10,
  /** Largest batch with no batching window. */
  maxBatchWithoutWindow: 10,
  maxBatchWindowMs: 300 * SECOND,
  maxBatchBytes: 6 * 1024 * KB,
} as const;

/**
 * ASSUMPTION: AWS publishes no SendMessage latency; single-digit
 * milliseconds at the median in-Region, a few tens at the tail, as
 * commonly measured from Lambda and API Gateway.
 */
export const SQS_SEND_LATENCY = { p50: 8, p99: 30 } as const;
