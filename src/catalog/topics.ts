/**
 * Amazon SNS standard topics fanning a message out to their subscriptions
 * (src/model/sns/): the limits, the delivery retry policy of each protocol
 * and the defaults, each with the AWS document behind it. Validation, the
 * model and the bill read them here; this folder imports nothing.
 *
 * A topic is an integration (`integration.type: sns`): a REST API's AWS
 * service integration calls Publish and answers its client once the topic
 * accepts the message; SNS then delivers a copy to every subscription
 * (Lambda, SQS or HTTP/S), retrying each by its protocol's policy.
 */

export type SubscriptionProtocol = 'lambda' | 'sqs' | 'http';

export const SUBSCRIPTION_PROTOCOLS: readonly SubscriptionProtocol[] = ['lambda', 'sqs', 'http'];

const SECOND = 1000;
const KB = 1024;

/**
 * Topic limits. Message size: "the maximum message size is 256 KB" and
 * "Each 64KB chunk of published data is billed as 1 request"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html,
 * https://aws.amazon.com/sns/pricing/). Subscriptions: a standard topic
 * takes 12,500,000 (https://docs.aws.amazon.com/general/latest/gr/sns.html);
 * each is simulated, so the model takes at most MAX_SUBSCRIPTIONS.
 */
export const SNS_LIMITS = {
  maxMessageBytes: 256 * KB,
  chunkBytes: 64 * KB,
  subscriptionsPerTopic: 12_500_000,
} as const;

/** Subscriptions one scenario's topic may have: each one's consumer is simulated (a model limit, not AWS's). */
export const MAX_SUBSCRIPTIONS = 20;

/** One phase of a delivery policy: `retries` tries, each `delayMs` (or, with `toMs`, growing to it) after the previous. */
export interface RetryPhase {
  readonly retries: number;
  readonly delayMs: number;
  /** The backoff phase: delays grow from `delayMs` to `toMs`. */
  readonly toMs?: number;
  readonly backoff?: HttpBackoff;
}

export type HttpBackoff = 'linear' | 'exponential';

/**
 * The delivery policy for AWS-managed endpoints (Lambda, SQS), which cannot
 * be changed (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html):
 * "3 times, without delay; 2 times, 1 second apart; 10 times, with
 * exponential backoff, from 1 second to 20 seconds; 100,000 times, 20
 * seconds apart; 100,015 times, over 23 days". It applies when SNS cannot
 * hand the message over (the endpoint is unavailable: server-side errors).
 */
export const AWS_MANAGED_POLICY: readonly RetryPhase[] = [
  { retries: 3, delayMs: 0 },
  { retries: 2, delayMs: 1 * SECOND },
  { retries: 10, delayMs: 1 * SECOND, toMs: 20 * SECOND, backoff: 'exponential' },
  { retries: 100_000, delayMs: 20 * SECOND },
];

/**
 * HTTP/S: "By default, if the initial delivery of the message fails, Amazon
 * SNS attempts up to three retries with a delay between failed attempts set
 * at 20 seconds" (https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.retry.html);
 * the policy's fields and defaults (numRetries 3, numNoDelayRetries 0,
 * numMinDelayRetries 0, minDelayTarget 20, maxDelayTarget 20,
 * numMaxDelayRetries 0, backoffFunction linear) and its bounds (numRetries
 * 0 to 100, delays 1 to 3,600 s; "The total policy retry time for an HTTP/S
 * endpoint cannot be greater than 3,600 seconds") are on
 * sns-message-delivery-retries.html. Only HTTP/S takes a custom policy.
 */
export const HTTP_POLICY_DEFAULTS = {
  retries: 3,
  noDelayRetries: 0,
  minDelayRetries: 0,
  minDelayMs: 20 * SECOND,
  maxDelayMs: 20 * SECOND,
  maxDelayRetries: 0,
  backoff: 'linear' as HttpBackoff,
  maxRetries: 100,
  minDelayFloorMs: 1 * SECOND,
  maxDelayCeilingMs: 3_600 * SECOND,
  maxTotalMs: 3_600 * SECOND,
};

/**
 * An HTTP/S endpoint's answer: "If the endpoint returns a status outside
 * 200-4xx, or does not answer within about 15 seconds, Amazon SNS treats
 * the delivery as failed and retries it"; a 4xx is neither retried nor a
 * failure (https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html).
 */
export const HTTP_DELIVERY_TIMEOUT_MS = 15 * SECOND;

/**
 * A Lambda subscription: "Amazon SNS invokes your function asynchronously"
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html), so the
 * function's failures are retried by Lambda's asynchronous invocation (up
 * to 2 retries, 1 then 2 minutes apart; throttles back off from 1 s to 5
 * minutes, within the event's maximum age of 6 h;
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html),
 * and one that runs out of them goes to the function's on-failure
 * destination or dead-letter queue, not the subscription's.
 */
export const LAMBDA_ASYNC = {
  defaultRetries: 2,
  maxRetries: 2,
  retryWaitMs: 60 * SECOND,
  throttleFirstMs: 1 * SECOND,
  throttleMaxMs: 5 * 60 * SECOND,
  defaultMaxEventAgeMs: 6 * 3_600 * SECOND,
  minMaxEventAgeMs: 60 * SECOND,
} as const;

/**
 * ASSUMPTION: AWS publishes no Publish latency nor delivery latency; tens
 * of milliseconds in-Region for each (Publish answers once the message is
 * stored; delivery starts at once), as commonly measured.
 */
export const SNS_PUBLISH_LATENCY = { p50: 15, p99: 50 } as const;
export const SNS_DELIVERY_LATENCY = { p50: 25, p99: 100 } as const;

/**
 * A subscription's dead-letter queue is an SQS queue: "FIFO topic
 * subscriptions use FIFO queues, and standard topic subscriptions use
 * standard queues" (https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html);
 * likewise a standard topic delivers to standard queues only (FIFO queues
 * subscribe to FIFO topics, https://docs.aws.amazon.com/sns/latest/dg/sns-fifo-topics.html).
 * The model has standard topics only.
 */
export const STANDARD_TOPIC_QUEUE_TYPE = 'standard' as const;
