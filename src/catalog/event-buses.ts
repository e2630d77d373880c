/**
 * Asynchronous entry points: the producer is answered as soon as its event is
 * accepted, and the integration runs later (src/model/events/event-bus.ts).
 * Nobody waits for the consumer, so there is no integration time-out and no
 * response limit here, unlike a front door (./front-doors.ts).
 */
import type { EntryPointBase } from './front-doors.js';

export type EventBusType = 'eventbridge';

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
  // rules deliver to the Lambda integration; API destinations to HTTP services are not modelled
  integrations: ['lambda'],
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

