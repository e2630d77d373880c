/**
 * The scenario's SNS integration (`integration.type: sns`): a standard
 * topic and its subscriptions (Lambda, SQS, HTTP/S), each with its
 * consumer, its dead-letter queue and (HTTP/S) its delivery policy, and the
 * rules that tie them together, each with the limit it enforces
 * (src/catalog/topics.ts).
 */
import { z } from 'zod';
import { HTTP_POLICY_DEFAULTS, LAMBDA_ASYNC, MAX_SUBSCRIPTIONS, SNS_LIMITS, STANDARD_TOPIC_QUEUE_TYPE } from '../catalog/topics.js';
import { httpPhases, totalRetryMs } from '../model/sns/delivery-policy.js';
import { valueOrDistribution } from './distribution-schema.js';
import { checkQueue, sqsIntegrationSchema } from './queue-schema.js';
import { parseDuration } from './units.js';
import { duration, DURATION_PATTERN, whole } from './unit-schema.js';

const durationDistribution = () => valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN);

const SUBSCRIPTION_NAME = /^[a-z][a-z0-9-]*$/;

const common = {
  name: z.string().regex(SUBSCRIPTION_NAME, 'lower-case letters, digits and dashes, from a letter').describe('names the subscription in the figures (events.topic.<name>.delivered...)'),
  deadLetterQueue: z
    .enum(['standard', 'fifo'])
    .optional()
    .describe('an SQS queue for the messages SNS (or, for lambda, Lambda) gives up on; a standard topic takes a standard queue (none: they are discarded)'),
};

const s = (n: number) => `${n / 1000}s`;

const httpPolicy = z
  .strictObject({
    retries: whole(0, 1_000).prefault(HTTP_POLICY_DEFAULTS.retries).describe('numRetries: retries in all, 0 to 100 (default 3)'),
    noDelayRetries: whole(0, 1_000).prefault(HTTP_POLICY_DEFAULTS.noDelayRetries).describe('numNoDelayRetries: retries at once, first'),
    minDelayRetries: whole(0, 1_000).prefault(HTTP_POLICY_DEFAULTS.minDelayRetries).describe('numMinDelayRetries: retries minDelay apart, next'),
    minDelay: duration().prefault(s(HTTP_POLICY_DEFAULTS.minDelayMs)).describe('minDelayTarget: 1s to maxDelay (default 20s)'),
    maxDelay: duration().prefault(s(HTTP_POLICY_DEFAULTS.maxDelayMs)).describe('maxDelayTarget: up to 3600s (default 20s)'),
    maxDelayRetries: whole(0, 1_000).prefault(HTTP_POLICY_DEFAULTS.maxDelayRetries).describe('numMaxDelayRetries: retries maxDelay apart, last'),
    backoff: z.enum(['linear', 'exponential']).default(HTTP_POLICY_DEFAULTS.backoff).describe('backoffFunction of the retries left between: from minDelay to maxDelay'),
  })
  .prefault({});

/** The integration's schema; `lambdaFields` are a Lambda function's, `serviceFields` an HTTP service's (the scenario's). */
export function snsIntegrationSchema<F extends z.ZodRawShape, S extends z.ZodRawShape>(lambdaFields: F, serviceFields: S) {
  const sqs = sqsIntegrationSchema(lambdaFields).shape;
  const subscription = z.discriminatedUnion('protocol', [
    z.strictObject({
      protocol: z.literal('lambda'),
      ...common,
      function: z.strictObject(lambdaFields).describe('the subscribed function, invoked asynchronously'),
      retries: whole(0, LAMBDA_ASYNC.maxRetries).prefault(LAMBDA_ASYNC.defaultRetries).describe("Lambda's retries of a failed invocation, 0 to 2 (1, then 2 minutes apart)"),
      maxEventAge: duration().prefault('6h').describe('how long an event may wait in Lambda\'s queue, 60s to 6h'),
    }),
    z.strictObject({ protocol: z.literal('sqs'), ...common, queue: sqs.queue, eventSource: sqs.eventSource, consumer: sqs.consumer }),
    z.strictObject({ protocol: z.literal('http'), ...common, ...serviceFields, deliveryPolicy: httpPolicy.describe('the HTTP/S delivery policy (defaults: 3 retries, 20 s apart)') }),
  ]);
  return z.strictObject({
    type: z.literal('sns'),
    topic: z
      .strictObject({
        publishLatency: durationDistribution().optional().describe('Publish latency (default p50 15 ms, p99 50 ms)'),
        deliveryLatency: durationDistribution().optional().describe('from an accepted message to each delivery try (default p50 25 ms, p99 100 ms)'),
      })
      .prefault({})
      .describe('the SNS standard topic'),
    subscriptions: z.array(subscription).min(1).max(1_000).describe(`the topic's subscriptions, each with its consumer (at most ${MAX_SUBSCRIPTIONS} in a scenario)`),
  });
}

type Problem = (path: PropertyKey[], message: string, hint: string) => void;
type FunctionCheck<F> = (f: F, at: PropertyKey[], problem: Problem) => void;

interface Common {
  readonly name: string;
  readonly deadLetterQueue?: 'standard' | 'fifo';
}
type QueueSpec = { type: 'standard' | 'fifo'; visibilityTimeout: number; retention: number; maxReceiveCount?: number; groups?: number };
type HttpPolicySpec = { retries: number; noDelayRetries: number; minDelayRetries: number; minDelay: number; maxDelay: number; maxDelayRetries: number; backoff: 'linear' | 'exponential' };
type SubscriptionSpec<F> =
  | (Common & { readonly protocol: 'lambda'; readonly function: F; readonly maxEventAge: number })
  | (Common & { readonly protocol: 'sqs'; readonly consumer: F & { timeout: number }; readonly queue: QueueSpec; readonly eventSource: { batchSize: number; batchWindow: number; maxConcurrency?: number } })
  | (Common & { readonly protocol: 'http'; readonly deliveryPolicy: HttpPolicySpec });

/** Subscriptions by name, their dead-letter queues, queues a standard topic can deliver to, delivery policies AWS accepts. */
export function checkSns<F>(spec: { subscriptions: ReadonlyArray<SubscriptionSpec<F>> }, problem: Problem, checkFunction: FunctionCheck<F>): void {
  const at = ['integration', 'subscriptions'];
  if (spec.subscriptions.length > MAX_SUBSCRIPTIONS) {
    problem(at, `has ${spec.subscriptions.length} subscriptions, more than ${MAX_SUBSCRIPTIONS}`, `a standard topic takes ${SNS_LIMITS.subscriptionsPerTopic.toLocaleString('en-US')}, but each is simulated here with its consumer: give at most ${MAX_SUBSCRIPTIONS}`);
  }
  const names = new Set<string>();
  spec.subscriptions.forEach((sub, i) => {
    const here = [...at, i];
    if (names.has(sub.name)) problem([...here, 'name'], `repeats the subscription "${sub.name}"`, 'give each subscription a different name');
    names.add(sub.name);
    if (sub.deadLetterQueue === 'fifo') problem([...here, 'deadLetterQueue'], 'a standard topic\'s subscription cannot have a FIFO dead-letter queue', 'standard topic subscriptions use standard queues (FIFO queues are for FIFO topics, not modelled): use deadLetterQueue: standard');
    if (sub.protocol === 'lambda') checkLambdaSubscription(sub, here, problem, checkFunction);
    if (sub.protocol === 'sqs') checkQueueSubscription(sub, here, problem, checkFunction);
    if (sub.protocol === 'http') checkHttpPolicy(sub.deliveryPolicy, [...here, 'deliveryPolicy'], problem);
  });
}

function checkLambdaSubscription<F>(sub: Extract<SubscriptionSpec<F>, { protocol: 'lambda' }>, here: PropertyKey[], problem: Problem, checkFunction: FunctionCheck<F>): void {
  checkFunction(sub.function, [...here, 'function'], problem);
  const age = sub.maxEventAge;
  if (age < LAMBDA_ASYNC.minMaxEventAgeMs || age > LAMBDA_ASYNC.defaultMaxEventAgeMs) problem([...here, 'maxEventAge'], 'is outside 60s to 6h', 'Lambda keeps an event in its asynchronous queue for 60 seconds to 6 hours');
}

function checkQueueSubscription<F>(sub: Extract<SubscriptionSpec<F>, { protocol: 'sqs' }>, here: PropertyKey[], problem: Problem, checkFunction: FunctionCheck<F>): void {
  const queue = sub.queue;
  checkFunction(sub.consumer, [...here, 'consumer'], problem);
  if (queue.type !== STANDARD_TOPIC_QUEUE_TYPE) {
    problem([...here, 'queue', 'type'], 'a standard topic cannot deliver to a FIFO queue', 'FIFO queues subscribe to FIFO topics (not modelled): use queue.type: standard');
    return;
  }
  // the queue's own rules, reported under this subscription
  const relocated: Problem = (path, message, hint) => problem(path[0] === 'integration' ? [...here, ...path.slice(1)] : path, message, hint);
  checkQueue({ type: 'sqs', queue, eventSource: sub.eventSource, consumer: sub.consumer }, { spikes: [] }, relocated);
}

function checkHttpPolicy(p: HttpPolicySpec, at: PropertyKey[], problem: Problem): void {
  const d = HTTP_POLICY_DEFAULTS;
  if (p.retries > d.maxRetries) problem([...at, 'retries'], `${p.retries} is above ${d.maxRetries}`, 'an HTTP/S delivery policy takes 0 to 100 retries');
  if (p.noDelayRetries + p.minDelayRetries + p.maxDelayRetries > p.retries) problem([...at, 'retries'], `is fewer than noDelayRetries + minDelayRetries + maxDelayRetries (${p.noDelayRetries + p.minDelayRetries + p.maxDelayRetries})`, 'numRetries counts every phase\'s retries: raise it or lower the phases');
  if (p.minDelay < d.minDelayFloorMs) problem([...at, 'minDelay'], 'is below 1s', 'minDelayTarget is 1 s at least');
  if (p.maxDelay > d.maxDelayCeilingMs) problem([...at, 'maxDelay'], 'is above 3600s', 'maxDelayTarget is 3,600 s at most');
  if (p.minDelay > p.maxDelay) problem([...at, 'minDelay'], 'is above maxDelay', 'the delays go from minDelay up to maxDelay');
  const totalMs = totalRetryMs(httpPhases({ ...p, minDelayMs: p.minDelay, maxDelayMs: p.maxDelay }));
  if (totalMs > d.maxTotalMs) problem(at, `waits ${Math.round(totalMs / 1000)} s in all, more than 3,600 s`, 'SNS caps an HTTP/S policy\'s total retry time at 3,600 s (a hard limit): fewer retries or shorter delays');
}
