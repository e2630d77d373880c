/**
 * Asynchronous entry points: the producer is answered as soon as its event
 * or message is accepted, and the consumer runs later. Nobody waits for the
 * consumer, so there is no integration time-out and no response limit here,
 * unlike a front door (./front-doors.ts). Three of them:
 * - `eventbridge`: PutEvents on an event bus, whose rule delivers to a
 *   Lambda function or an SQS queue (src/model/events/event-bus.ts);
 * - `sqs`: the producer's AWS SDK calls SendMessage on the queue of
 *   `integration: {type: sqs}` itself, with no API Gateway in front;
 * - `sns`: the producer calls Publish on the topic of `integration: {type:
 *   sns}` itself. These two are thin (src/model/sdk/sdk-entry.ts): the
 *   call's latency, limits and throttles are the queue's or the topic's.
 */
import type { EntryPointBase } from './front-doors.js';
import { SNS_LIMITS, SNS_PUBLISH_LATENCY } from './topics.js';
import { SQS_LIMITS, SQS_SEND_LATENCY } from './queues.js';

export type EventBusType = 'eventbridge' | 'sqs' | 'sns';

export interface EventBusProfile extends EntryPointBase {
  readonly mode: 'async';
  readonly type: EventBusType;
}

const MB = 1024 ** 2;
const KB = 1024;

/**
 * The asynchronous alternative (src/model/events/event-bus.ts): the
 * producer calls EventBridge's PutEvents, which answers as soon as the
 * event is accepted; rules deliver it to Lambda later. Quotas
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html):
 * "PutEvents throttle limit in transactions per second", us-east-1 10,000
 * (see defaults.ts); an entry may be up to 1 MB since AWS "raised the
 * maximum payload size from 256 KB to 1 MB for asynchronous AWS Lambda
 * function invocations, Amazon Simple Queue Service (Amazon SQS), and
 * Amazon EventBridge" (AWS Compute Blog, 2026-01-29,
 * https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb);
 * a larger one is refused as a validation error (400). Throttled calls fail with a
 * ThrottlingException, which the AWS SDKs retry as a throttle: counted here
 * as 429 with the front doors' throttles. Custom events are "billed as 1
 * event" per 64 KB chunk (https://aws.amazon.com/eventbridge/pricing/).
 */
export const EVENTBRIDGE: EventBusProfile = {
  mode: 'async',
  type: 'eventbridge',
  label: 'EventBridge event bus',
  shortLabel: 'EventBridge',
  features: new Set(['accountThrottle']),
  authorizers: [], // PutEvents is signed with SigV4 and allowed by IAM, which the model takes as given
  // rules deliver to the Lambda integration or an SQS queue; API destinations to HTTP services are not modelled
  integrations: ['lambda', 'sqs'],
  vpcLinkTargets: [],
  // ASSUMPTION: AWS publishes no PutEvents latency; tens of ms in-Region
  overhead: { p50: 20, p99: 60 },
  // "PutEvents throttle limit in transactions per second", us-east-1: 10,000 per second, adjustable
  // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). ASSUMPTION: no published
  // burst; the bucket holds one second of it
  accountBucket: { rate: 10_000, burst: 10_000 },
  requestLimitBytes: 1 * MB,
  meteringBytes: 64 * KB,
  statusByCause: { 'throttle-account': 429, 'payload-too-large': 400, 'gateway-error': 500 },
};


/**
 * A producer calling SQS's SendMessage with the AWS SDK, no API Gateway in
 * front (`api.type: sqs` with `integration.type: sqs`). The call is the
 * queue's (src/model/queue/sqs-queue.ts): its latency (`queue.sendLatency`,
 * an ASSUMPTION, src/catalog/queues.ts), its 1 MiB message limit (400) and a
 * FIFO queue's 300 SendMessage calls a second. Standard queues take "nearly
 * unlimited API calls per second, per API action" (quotas-messages.html), so
 * there is no account throttle. A FIFO queue over its rate answers
 * ThrottlingException (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/troubleshooting-fifo-throttling-issues.html),
 * which the SDKs retry as a throttle: 429 here (API Gateway's service
 * integration maps it to a 500 instead). Requests are billed per 64 KB
 * chunk (https://aws.amazon.com/sqs/pricing/): no other line.
 */
export const SQS_ENTRY: EventBusProfile = {
  mode: 'async',
  type: 'sqs',
  label: 'SQS queue (SDK)',
  shortLabel: 'SQS',
  features: new Set(),
  authorizers: [], // SendMessage is signed with SigV4 and allowed by IAM, which the model takes as given
  integrations: ['sqs'],
  vpcLinkTargets: [],
  // the call's latency is the queue's SendMessage (an ASSUMPTION there), `integration.queue.sendLatency` in a scenario
  overhead: SQS_SEND_LATENCY,
  accountBucket: null,
  requestLimitBytes: SQS_LIMITS.maxMessageBytes,
  meteringBytes: SQS_LIMITS.chunkBytes,
  statusByCause: { 'queue-throttle': 429, 'payload-too-large': 400, 'gateway-error': 500 },
};

/**
 * A producer calling SNS's Publish with the AWS SDK, no API Gateway in front
 * (`api.type: sns` with `integration.type: sns`). The call is the topic's
 * (src/model/sns/sns-topic.ts): its latency (`topic.publishLatency`, an
 * ASSUMPTION, src/catalog/topics.ts) and its message limit, 256 KiB by
 * default: "By default, topics accept messages up to 256 KiB", raised to 1
 * MiB only by the topic's MaximumMessageSize attribute
 * (https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html),
 * which the model does not have; the 2026 raise to 1 MB covered Lambda, SQS
 * and EventBridge, not SNS. An oversized message gets InvalidParameter
 * (400). Publish is throttled per account and Region ("Amazon SNS API calls
 * can't exceed the maximum allowed API request rate for each AWS account and
 * Region ... Amazon SNS returns a ThrottlingException error",
 * https://repost.aws/knowledge-center/sns-throttling-exception-errors): the
 * quotas page (https://docs.aws.amazon.com/general/latest/gr/sns.html) gives
 * standard topics' Publish 30,000 messages per second in us-east-1 (9,000 in
 * us-west-2 and eu-west-1), adjustable; ASSUMPTION: no published burst, the
 * bucket holds one second of it. Throttled calls are 429, which the SDKs
 * retry. Publishes are billed per 64 KB chunk (https://aws.amazon.com/sns/pricing/).
 */
export const SNS_ENTRY: EventBusProfile = {
  mode: 'async',
  type: 'sns',
  label: 'SNS topic (SDK)',
  shortLabel: 'SNS',
  features: new Set(['accountThrottle']),
  authorizers: [], // Publish is signed with SigV4 and allowed by IAM, which the model takes as given
  integrations: ['sns'],
  vpcLinkTargets: [],
  // the call's latency is the topic's Publish (an ASSUMPTION there), `integration.topic.publishLatency` in a scenario
  overhead: SNS_PUBLISH_LATENCY,
  accountBucket: { rate: 30_000, burst: 30_000 },
  requestLimitBytes: SNS_LIMITS.maxMessageBytes,
  meteringBytes: SNS_LIMITS.chunkBytes,
  statusByCause: { 'throttle-account': 429, 'payload-too-large': 400, 'gateway-error': 500 },
};

/**
 * EventBridge's retry policy for a target it cannot reach (an SQS queue
 * that throttles or fails): "When an event isn't successfully delivered to a
 * target because of retriable errors, EventBridge retries sending the
 * event. ... By default, EventBridge retries sending the event for 24 hours
 * and up to 185 times with an exponential back off and jitter, or
 * randomized delay. If an event isn't delivered after all retry attempts
 * are exhausted, the event is dropped", or sent to the target's dead-letter
 * queue if it has one
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html);
 * MaximumRetryAttempts 0 to 185 and MaximumEventAgeInSeconds 60 to 86,400
 * (RetryPolicy, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).
 * A 400 (a message too large for the queue) is not a retriable error.
 * ASSUMPTION: AWS publishes no schedule; the waits double from 1 s to 8
 * minutes (185 tries then span about 24 hours), each drawn between half
 * and all of its value (the "randomized delay").
 */
export const EVENTBRIDGE_RETRY_POLICY = {
  defaultRetries: 185,
  maxRetries: 185,
  defaultMaxEventAgeMs: 24 * 3_600_000,
  minMaxEventAgeMs: 60_000,
  maxMaxEventAgeMs: 24 * 3_600_000,
  firstWaitMs: 1_000,
  maxWaitMs: 8 * 60_000,
} as const;
