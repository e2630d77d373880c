/**
 * The asynchronous entry points' rules (src/catalog/event-buses.ts): an
 * event bus (`eventbridge`) delivering to a Lambda function or an SQS queue,
 * and a producer's SDK call straight to a queue (`sqs`) or a topic (`sns`).
 * What a front door has and they do not (a cache, WAF, usage plans...) is
 * refused by the catalog's feature lists (./schema.ts: checkFrontDoor);
 * here are the rest: nobody waits for the consumer, IAM allows the call, and
 * each delivery setting applies to one target only.
 */
import { z } from 'zod';
import { EVENTBRIDGE_RETRY_POLICY } from '../catalog/event-buses.js';
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import * as D from './defaults.js';
import type { Problem, Scenario } from './schema.js';
import { duration, whole } from './unit-schema.js';

/** `api.delivery.retryPolicy`: EventBridge's retry policy for a queue target. */
export const retryPolicySchema = z
  .strictObject({
    attempts: whole(0, EVENTBRIDGE_RETRY_POLICY.maxRetries).optional().describe(`retries of a SendMessage the queue refused (MaximumRetryAttempts), 0 to ${EVENTBRIDGE_RETRY_POLICY.maxRetries}; default ${EVENTBRIDGE_RETRY_POLICY.defaultRetries}`),
    maxEventAge: duration().optional().describe('how long EventBridge keeps retrying an event (MaximumEventAgeInSeconds), 60s to 24h; default 24h'),
  })
  .optional()
  .describe("an SQS queue target only: EventBridge's retry policy when the queue refuses the event (a FIFO queue's throttle); a Lambda target's failures are retried by Lambda (retries, maxEventAge)");

type Fields = Pick<Scenario, 'api' | 'integration'>;

/** For `api.type: sqs` or `sns` with another integration: what the entry point sends to (null for the other types). */
export function sdkIntegrationHint(type: Scenario['api']['type']): string | null {
  if (type === 'sqs') return 'the producer sends straight to the queue of integration: {type: sqs, queue, eventSource, consumer}; for a function the producer invokes itself there is no entry point to model';
  if (type === 'sns') return 'the producer publishes straight to the topic of integration: {type: sns, topic, subscriptions}; for a function the producer invokes itself there is no entry point to model';
  return null;
}

/** The asynchronous path: the settings that do not apply to it, and the delivery settings of each target. */
export function checkAsyncEntry(s: Fields, problem: Problem): void {
  const api = s.api;
  const entry = ENTRY_POINTS[api.type];
  if (entry.mode !== 'async') {
    if (api.delivery) problem(['api', 'delivery'], 'only applies to api.type: eventbridge', 'remove it, or set api.type: eventbridge for the asynchronous path');
    return;
  }
  const what = api.type === 'eventbridge' ? 'an event bus' : `a producer's SDK call to ${api.type === 'sqs' ? 'a queue' : 'a topic'}`;
  if (api.integrationTimeout !== undefined) problem(['api', 'integrationTimeout'], `does not apply to ${what}`, "nobody waits for the consumer; the function's own timeout applies");
  if (api.authorizer) problem(['api', 'authorizer'], `does not apply to ${what}`, `${api.type === 'eventbridge' ? 'PutEvents' : api.type === 'sqs' ? 'SendMessage' : 'Publish'} is allowed by IAM, which the model takes as given; remove it`);
  if (api.type === 'eventbridge') return checkEventBusDelivery(s, problem);
  if (api.delivery) problem(['api', 'delivery'], 'only applies to api.type: eventbridge', `the ${api.type === 'sqs' ? "queue's event source mapping (integration.eventSource)" : "topic's subscriptions (integration.subscriptions)"} say how messages reach the consumers; remove it`);
  if (api.overhead) {
    const field = api.type === 'sqs' ? 'integration.queue.sendLatency' : 'integration.topic.publishLatency';
    problem(['api', 'overhead'], `does not apply to ${what}`, `no API Gateway stands in front: the call's latency is the ${api.type === 'sqs' ? 'queue' : 'topic'}'s, set ${field}`);
  }
}

function checkEventBusDelivery(s: Fields, problem: Problem): void {
  const delivery = s.api.delivery;
  const queue = s.integration.type === 'sqs';
  const age = delivery?.maxEventAge;
  if (!queue && age !== undefined && (age < D.LAMBDA_ASYNC_MIN_EVENT_AGE_MS || age > D.LAMBDA_ASYNC_MAX_EVENT_AGE_MS)) problem(['api', 'delivery', 'maxEventAge'], 'is outside 60s to 6h', 'Lambda keeps an event in its asynchronous queue for 60 seconds to 6 hours');
  if (!queue && delivery?.retryPolicy) problem(['api', 'delivery', 'retryPolicy'], 'applies to an SQS queue target only', "a Lambda target's failures are retried by Lambda's asynchronous invocation: set api.delivery.retries and maxEventAge instead");
  if (queue && (delivery?.targets ?? 1) > 1) problem(['api', 'delivery', 'targets'], 'must be 1 with an SQS queue target', 'the rule sends each event to the one queue of integration.queue; to fan out to several queues, publish to an SNS topic (api.type: sns) with sqs subscriptions');
  const policyAge = delivery?.retryPolicy?.maxEventAge;
  if (policyAge !== undefined && (policyAge < EVENTBRIDGE_RETRY_POLICY.minMaxEventAgeMs || policyAge > EVENTBRIDGE_RETRY_POLICY.maxMaxEventAgeMs)) {
    problem(['api', 'delivery', 'retryPolicy', 'maxEventAge'], 'is outside 60s to 24h', "EventBridge's MaximumEventAgeInSeconds is 60 to 86,400 seconds");
  }
}
