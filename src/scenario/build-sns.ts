/**
 * Builds the SNS integration (`integration.type: sns`): the standard topic
 * and, for each subscription, its consumer (a function invoked
 * asynchronously, an SQS queue with its event source mapping and consumer
 * function, or an HTTP service), from the scenario and the catalog's
 * policies (src/catalog/topics.ts). The `topic` role on the bill reads the
 * topic's publishes and deliveries and its subscribers' functions and
 * queues, in the subscriptions' order.
 */
import { AWS_MANAGED_POLICY, HTTP_DELIVERY_TIMEOUT_MS, LAMBDA_ASYNC, SNS_DELIVERY_LATENCY, SNS_LIMITS, SNS_PUBLISH_LATENCY } from '../catalog/topics.js';
import type { TopicRoleUsage } from '../cost/run-usage.js';
import type { Component } from '../model/component.js';
import type { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { LambdaFunction } from '../model/lambda/lambda-function.js';
import type { SqsQueue } from '../model/queue/sqs-queue.js';
import { createDistribution } from '../model/shared/distribution.js';
import { httpPhases } from '../model/sns/delivery-policy.js';
import { SnsTopic, type SubscriptionOptions } from '../model/sns/sns-topic.js';
import type { BuiltIntegration } from './build-integration.js';
import { buildBackend, buildLambda } from './build-integration.js';
import { batchWorkOf, createSqsQueue } from './build-queue.js';
import { durationAtMemory, type Scenario, type SnsIntegrationSpec } from './schema.js';

type SubscriptionSpec = SnsIntegrationSpec['subscriptions'][number];

/** The id of a subscription's consumer: `topic.<name>.function`, `.queue`, `.consumer`, `.endpoint`. */
export function subscriberId(name: string, part: 'function' | 'queue' | 'consumer' | 'endpoint'): string {
  return `topic.${name}.${part}`;
}

export function buildTopicIntegration(scenario: Scenario, account: LambdaAccount): BuiltIntegration {
  const spec = scenario.integration as SnsIntegrationSpec;
  const extras: Component[] = [];
  const functions: LambdaFunction[] = [];
  const queues: SqsQueue[] = [];
  const subscriptions = spec.subscriptions.map((sub) => subscriptionOf(sub, account, scenario.duration, { extras, functions, queues }));
  const topic = new SnsTopic('topic', {
    publishLatency: createDistribution(spec.topic.publishLatency ?? { kind: 'percentiles', ...SNS_PUBLISH_LATENCY }),
    deliveryLatency: createDistribution(spec.topic.deliveryLatency ?? { kind: 'percentiles', ...SNS_DELIVERY_LATENCY }),
    maxMessageBytes: SNS_LIMITS.maxMessageBytes,
    chunkBytes: SNS_LIMITS.chunkBytes,
    subscriptions,
    lambdaRetryWaitMs: LAMBDA_ASYNC.retryWaitMs,
    throttleFirstMs: LAMBDA_ASYNC.throttleFirstMs,
    throttleMaxMs: LAMBDA_ASYNC.throttleMaxMs,
    deliverUntilMs: scenario.duration,
  });
  // the bill's view: the topic's usage with its subscribers' functions and queues
  const billed: Component<TopicRoleUsage> = {
    id: 'topic.bill',
    kind: 'events',
    start: () => {},
    usage: () => ({
      ...topic.usage(),
      functions: functions.map((f) => f.usage()),
      queueRequests: queues.reduce((n, q) => n + q.usage().billedRequests, 0),
    }),
  };
  return { integration: topic, extras, downstream: null, roles: { topic: billed } };
}

interface Built {
  readonly extras: Component[];
  readonly functions: LambdaFunction[];
  readonly queues: SqsQueue[];
}

function subscriptionOf(sub: SubscriptionSpec, account: LambdaAccount, durationMs: number, built: Built): SubscriptionOptions {
  const base = { name: sub.name, protocol: sub.protocol, deadLetterQueue: sub.deadLetterQueue !== undefined, timeoutMs: Infinity, lambdaRetries: 0, maxEventAgeMs: Infinity, policy: AWS_MANAGED_POLICY };
  if (sub.protocol === 'lambda') {
    const fn = buildLambda(subscriberId(sub.name, 'function'), { ...sub.function, duration: durationAtMemory(sub.function) }, account, undefined);
    built.extras.push(fn);
    built.functions.push(fn);
    return { ...base, consumer: fn, lambdaRetries: sub.retries, maxEventAgeMs: sub.maxEventAge };
  }
  if (sub.protocol === 'sqs') {
    const fn = buildLambda(subscriberId(sub.name, 'consumer'), { ...sub.consumer, duration: durationAtMemory(sub.consumer) }, account, undefined, batchWorkOf(subscriberId(sub.name, 'queue'), sub));
    const queue = createSqsQueue(subscriberId(sub.name, 'queue'), sub, fn, durationMs);
    built.extras.push(queue, fn);
    built.functions.push(fn);
    built.queues.push(queue);
    return { ...base, consumer: queue };
  }
  const endpoint = buildBackend(subscriberId(sub.name, 'endpoint'), sub, undefined);
  built.extras.push(endpoint);
  const p = sub.deliveryPolicy;
  return { ...base, consumer: endpoint, timeoutMs: HTTP_DELIVERY_TIMEOUT_MS, policy: httpPhases({ ...p, minDelayMs: p.minDelay, maxDelayMs: p.maxDelay }) };
}
