/**
 * `compare --designs`: a synchronous design beside its asynchronous
 * alternatives. From a scenario whose integration is a Lambda function
 * behind a front door, each design is the same workload and the same
 * function, wired another way:
 *
 * - `sync`: as written (the caller waits for the function);
 * - `queue`: the same front door sends each request to an SQS standard
 *   queue (its service integration) and the function consumes it through an
 *   event source mapping;
 * - `topic`: a REST API publishes each request to an SNS topic, the
 *   function subscribed (invoked asynchronously);
 * - `bus`: the producer puts each request on an EventBridge bus, the
 *   function a rule's target;
 * - `sdk`: the producer calls SendMessage with the AWS SDK on the SQS
 *   standard queue of `queue` (no front door, `api.type: sqs`), the
 *   function its consumer.
 *
 * Each design is a row of DESIGNS: a name, labels, what a 2xx means to the
 * caller, where its later failures are counted, and `adapt`, which turns
 * the file's data (before defaults) into the design's. A new design
 * (EventBridge to SQS...) is one more row.
 * The result is parsed and checked like a file: a design the workload still
 * breaks is skipped with the schema's reasons, as `compare --types` skips a
 * front door. Pure: data in, scenarios out.
 */
import { ENTRY_POINTS, FRONT_DOOR_TYPES, frontDoorProfile, pluralLabel, type ApiType, type IntegrationType } from '../catalog/entry-points.js';
import { SQS_EVENT_SOURCE, SQS_LIMITS, STANDARD_QUEUE } from '../catalog/queues.js';
import type { RunSummary } from '../metrics/summary.js';
import { cachedRoutes } from '../scenario/cloudfront-schema.js';
import { parseScenarioText } from '../scenario/scenario-text.js';
import { parseSize } from '../scenario/units.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import type { Scenario } from '../scenario/schema.js';

export type DesignName = 'sync' | 'queue' | 'topic' | 'bus' | 'sdk';

type Data = Record<string, unknown>;

/** What a design is given: the file's data as written (before defaults), and as parsed. */
export interface DesignSource {
  readonly raw: Data;
  readonly scenario: Scenario;
}

export interface DesignOptions {
  /** `--batch`: messages per invocation of the queue's consumer (default 1). */
  readonly batchSize?: number;
}

export interface DesignProfile {
  readonly name: DesignName;
  /** "SQS queue": a column's heading. */
  readonly label: string;
  readonly mode: 'sync' | 'async';
  /** What the caller's 2xx means: "processed", "queued". */
  readonly accepted: string;
  /** The design's data from the source's, with a note for each change; or why it cannot apply. */
  adapt(source: DesignSource, options: DesignOptions): { data: Data; notes: string[] } | { skipped: string };
  /** Messages the caller was told were accepted and that failed later: dead-lettered, expired, discarded. */
  failedLater(summary: RunSummary): number;
  /** Messages accepted but not yet processed, nor failed, when the run stopped. */
  pending(summary: RunSummary): number;
}

/** The SNS subscription's name (events.topic.<name>...). */
const SUBSCRIPTION = 'consumer';

/**
 * The queue's settings, as the Lambda developer guide advises for a queue
 * that feeds a function
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html):
 * "set the source queue's visibility timeout to at least six times the
 * configuration timeout on your function" (plus the batching window), and a
 * dead-letter queue for the messages the function fails to process
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html).
 * Its maxReceiveCount is 5, the least AWS recommends in its own constructs
 * (https://aws.github.io/modern-data-architecture-accelerator/typedocs/interfaces/_aws-mdaa_dataops-lambda-l3-construct.QueueDlqProps.html),
 * so that a throttled or transiently failing message is tried several times
 * before it is set aside (a throttle costs a receive: see the lesson
 * queue-flattens-spike). The event source mapping's maximum concurrency at the function's
 * reserved concurrency stops the pollers throttling it
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html,
 * "Configuring maximum concurrency").
 */
export const QUEUE_VISIBILITY_TIMEOUTS = 6;
export const QUEUE_MAX_RECEIVE_COUNT = 5;
/** A batch above 10 messages needs a batching window of at least 1 s (Lambda's rule, ../scenario/queue-schema.ts); the design takes the least. */
const BATCH_WINDOW_MS = 1_000;

const count = (s: RunSummary, ...keys: string[]) => keys.reduce((sum, k) => sum + (s.events[k] ?? 0), 0);

export const DESIGNS: Readonly<Record<DesignName, DesignProfile>> = {
  sync: {
    name: 'sync',
    label: 'synchronous',
    mode: 'sync',
    accepted: 'processed',
    adapt: (source) => ({ data: source.raw, notes: [] }),
    failedLater: () => 0,
    pending: () => 0,
  },
  queue: {
    name: 'queue',
    label: 'SQS queue',
    mode: 'async',
    accepted: 'queued',
    adapt: toQueue,
    failedLater: (s) => count(s, 'queue.redriven', 'queue.expired'),
    pending: (s) => count(s, 'queue.remaining'),
  },
  topic: {
    name: 'topic',
    label: 'SNS topic',
    mode: 'async',
    accepted: 'published',
    adapt: toTopic,
    failedLater: (s) => count(s, `topic.${SUBSCRIPTION}.deadLettered`, `topic.${SUBSCRIPTION}.discarded`),
    pending: (s) => count(s, `topic.${SUBSCRIPTION}.inFlight`),
  },
  bus: {
    name: 'bus',
    label: 'EventBridge bus',
    mode: 'async',
    accepted: 'put on the bus',
    adapt: toBus,
    failedLater: (s) => count(s, 'bus.deadLettered', 'bus.expired'),
    pending: (s) => count(s, 'bus.undelivered'),
  },
  sdk: {
    name: 'sdk',
    label: ENTRY_POINTS.sqs.label,
    mode: 'async',
    accepted: 'queued',
    adapt: toSdk,
    failedLater: (s) => count(s, 'queue.redriven', 'queue.expired'),
    pending: (s) => count(s, 'queue.remaining'),
  },
};

export const DESIGN_NAMES = Object.keys(DESIGNS) as DesignName[];

/**
 * The file can be compared by design: a Lambda function behind a front
 * door. Otherwise the path and what is wrong there.
 */
export function designSourceProblem(scenario: Scenario): { path: string[]; message: string; hint: string } | null {
  const type = scenario.api.type;
  if (ENTRY_POINTS[type].mode !== 'sync') return { path: ['api', 'type'], message: `is ${type}, already an asynchronous design`, hint: 'compare --designs starts from the synchronous design: a Lambda function behind a front door (api.type: rest, http, alb or function-url)' };
  if (type === 'websocket') return { path: ['api', 'type'], message: 'is websocket: messages on open connections have no queue, topic or bus counterpart here', hint: 'compare --designs starts from a request/response front door: api.type rest, http, alb or function-url' };
  if (scenario.integration.type !== 'lambda') return { path: ['integration', 'type'], message: `is ${scenario.integration.type}: compare --designs starts from a Lambda function`, hint: 'the queue, topic and bus designs deliver to the function the synchronous design calls: give integration.type: lambda' };
  // a closed loop's users wait for their answers: an acknowledgement in 20 ms instead of the function's 200 ms would have them send several times as many requests
  if (scenario.load.virtualUsers !== undefined) return { path: ['load', 'virtualUsers'], message: "is a closed loop: each user waits for its answer, so a design that answers sooner (a queue's acknowledgement) would be sent more requests, not the same workload", hint: 'compare --designs gives every design the same arrivals: give an open-loop load (load.rate or load.profile) instead of virtualUsers and thinkTime' };
  return null;
}

/** A design's scenario from the file's text, or why it is skipped. */
export function designScenario(text: string, file: string, source: DesignSource, design: DesignProfile, options: DesignOptions = {}): { scenario: Scenario; raw: unknown; notes: string[] } | { skipped: string } {
  if (design.name === 'sync') {
    const loaded = parseScenarioText(text, file);
    return { scenario: loaded.scenario, raw: loaded.raw, notes: [] };
  }
  const adapted = design.adapt(source, options);
  if ('skipped' in adapted) return adapted;
  try {
    const loaded = parseScenarioText(JSON.stringify(adapted.data), file);
    return { scenario: loaded.scenario, raw: adapted.data, notes: adapted.notes };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { skipped: `${design.name}: skipped, ${error.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}` };
  }
}

/** The Lambda integration's fields that make the function itself (not its dependency). */
const DEPENDENCY_FIELDS = ['type', 'downstream', 'dynamodb'] as const;

function functionFields(integration: Data): Data {
  return Object.fromEntries(Object.entries(integration).filter(([key]) => !(DEPENDENCY_FIELDS as readonly string[]).includes(key)));
}

const object = (value: unknown): Data => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {});

/** The front doors that offer an integration, for a skip note: "REST API and HTTP API". */
function doorsWith(integration: IntegrationType): string {
  const labels = FRONT_DOOR_TYPES.filter((t) => frontDoorProfile(t)?.integrations.includes(integration)).map((t) => ENTRY_POINTS[t].label);
  return labels.length <= 1 ? (labels[0] ?? 'no front door') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** What the front door keeps, in words, for a note: "the authorizer, the usage plan". */
function keptOnTheDoor(api: Data): string[] {
  const throttle = object(api.throttle);
  const kept: Array<[boolean, string]> = [
    [api.authorizer !== undefined, 'the authorizer'],
    [throttle.usagePlan !== undefined || throttle.usagePlans !== undefined, 'the usage plan'],
    [api.apiKeys !== undefined, 'the API keys'],
    [throttle.stage !== undefined || throttle.routes !== undefined || throttle.account !== undefined, 'the throttles'],
    [api.waf !== undefined, 'AWS WAF'],
    [api.cloudfront !== undefined, 'the CloudFront distribution'],
    [api.validation !== undefined, 'request validation'],
  ];
  return kept.filter(([present]) => present).map(([, what]) => what);
}

/**
 * What a consumer of a queue or a topic cannot keep of the synchronous
 * function: its dependency (a consumer is modelled without one), failure
 * windows on that dependency or that flush a Lambda integration's warm pool,
 * a canary release or a standby Region of the function, warm state for the
 * dependency. Each removal is noted.
 */
function withoutDependency(raw: Data, name: DesignName, notes: string[]): Data {
  const data: Data = { ...raw };
  const integration = object(raw.integration);
  for (const key of ['downstream', 'dynamodb'] as const) {
    if (integration[key] !== undefined) notes.push(`${name}: the function's ${key} is dropped: a ${name === 'topic' ? 'topic' : 'queue'}'s consumer is modelled without a dependency, so its time and failures are not in this column`);
  }
  if (Array.isArray(raw.failures)) {
    const kept = raw.failures.filter((f) => {
      const failure = object(f);
      const drop = failure.target === 'downstream' || failure.flushWarm === true;
      if (drop) notes.push(`${name}: the failure window at ${String(failure.at)} ${failure.target === 'downstream' ? 'is on the dropped dependency' : "flushes a Lambda integration's warm pool"}: removed`);
      return !drop;
    });
    data.failures = kept;
  }
  const init = object(raw.initialState);
  if (init.downstream !== undefined) {
    data.initialState = Object.fromEntries(Object.entries(init).filter(([key]) => key !== 'downstream'));
    notes.push(`${name}: initialState.downstream is for the dropped dependency: removed`);
  }
  const api = object(raw.api);
  if (api.canary !== undefined) {
    data.api = Object.fromEntries(Object.entries(api).filter(([key]) => key !== 'canary'));
    notes.push(`${name}: the canary release routes the function's synchronous calls: removed`);
  }
  const responses = object(api.responses);
  if (api.responses !== undefined) {
    data.api = Object.fromEntries(Object.entries(object(data.api)).filter(([key]) => key !== 'responses'));
    if (Object.keys(responses).length > 0) notes.push(`${name}: api.responses remaps the function's errors, which the caller no longer sees: removed`);
  }
  if (raw.failover !== undefined) {
    delete data.failover;
    notes.push(`${name}: the failover to a standby Region is for the synchronous design: removed`);
  }
  return data;
}

/** Removes initialState[key] with a note when the design has nothing left for it to warm or prime (the schema would refuse it). */
function withoutInitial(data: Data, name: DesignName, key: 'cache' | 'authorizer' | 'integration', why: string, notes: string[]): void {
  const init = object(data.initialState);
  if (init[key] === undefined) return;
  const rest = Object.fromEntries(Object.entries(init).filter(([k]) => k !== key));
  if (Object.keys(rest).length > 0) data.initialState = rest;
  else delete data.initialState;
  notes.push(`${name}: initialState.${key} ${why}: removed`);
}

/**
 * A cache answers a request without calling the integration: in front of a
 * queue or a topic its hit would tell the caller "queued" or "published"
 * for a message never sent, and the work would vanish from every figure.
 * The REST API cache, and a CloudFront distribution that caches any route
 * (../scenario/cloudfront-schema.ts: every route not named POST, PUT,
 * PATCH or DELETE), are removed with a note; every request then reaches
 * the function, where the synchronous design's hits did not.
 */
function withoutCaches(data: Data, source: DesignSource, name: DesignName, notes: string[]): void {
  const { cloudfront } = source.scenario.api;
  const dropped = [
    ...(source.scenario.api.cache !== undefined ? [['cache', 'the API cache']] : []),
    ...(cloudfront !== undefined && (cachedRoutes(cloudfront, source.scenario.load.routes)?.some(Boolean) ?? true) ? [['cloudfront', 'the CloudFront distribution (its edge cache)']] : []),
  ];
  if (dropped.length === 0) return;
  const keys = dropped.map(([key]) => key);
  data.api = Object.fromEntries(Object.entries(object(data.api)).filter(([key]) => !keys.includes(key)));
  const sent = name === 'queue' ? 'queued' : 'published';
  notes.push(`${name}: ${dropped.map(([, what]) => what).join(' and ')} ${dropped.length > 1 ? 'are' : 'is'} removed: a cached answer would tell the caller "${sent}" for a request never ${sent}; every request now reaches the function (in the synchronous design a hit does not)`);
  if (keys.includes('cache')) withoutInitial(data, name, 'cache', 'primes the removed API cache', notes);
}

/**
 * ASSUMPTION: what a queue's or a topic's caller gets back is the service's
 * acknowledgement passed on by the front door, SendMessage's or Publish's
 * result: a message ID, an MD5 digest or two and a request ID
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html,
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html), a few
 * hundred bytes; AWS publishes no size, 512 B is taken. The function's own
 * response (load.payload.response) never reaches the caller, so it is not
 * billed as data transfer out (an event bus's caller is billed none).
 */
export const ACK_RESPONSE = '512B';

/** The caller's answer is the acknowledgement (ACK_RESPONSE), with a note. */
function acknowledged(data: Data, name: DesignName, notes: string[]): void {
  const load = object(data.load);
  data.load = { ...load, payload: { ...object(load.payload), response: ACK_RESPONSE } };
  const given = object(load.payload).response;
  notes.push(`${name}: the caller's answer is ${name === 'topic' ? "Publish's" : "SendMessage's"} result, ${ACK_RESPONSE} (an ASSUMPTION), not the function's response (${given === undefined ? 'load.payload.response, 1KB by default' : `load.payload.response ${typeof given === 'string' ? given : 'as given'}`})`);
}

function toQueue(source: DesignSource, options: DesignOptions): { data: Data; notes: string[] } | { skipped: string } {
  const door = frontDoorProfile(source.scenario.api.type);
  if (!door?.integrations.includes('sqs')) return { skipped: `queue: skipped, ${pluralLabel(source.scenario.api.type)} have no SQS integration (the ${doorsWith('sqs')} have one)` };
  const notes: string[] = [];
  const data = withoutDependency(source.raw, 'queue', notes);
  const queue = queueIntegration('queue', source, options);
  data.integration = queue.integration;
  notes.push(`queue: the ${door.label} sends each request to an SQS standard queue; ${queue.notes[0]}`, ...queue.notes.slice(1));
  withoutCaches(data, source, 'queue', notes);
  acknowledged(data, 'queue', notes);
  const kept = keptOnTheDoor(object(data.api));
  if (kept.length > 0) notes.push(`queue: kept on the ${door.label}: ${kept.join(', ')}`);
  return { data, notes };
}

/**
 * The SQS integration that feeds the source's function, as AWS advises
 * (QUEUE_VISIBILITY_TIMEOUTS, QUEUE_MAX_RECEIVE_COUNT, maximum concurrency
 * at its reserved concurrency), with a note of each setting: whatever sends
 * to the queue (a front door's service integration for `queue`, the
 * producer's SDK call for `sdk`; an EventBridge rule in a design to come)
 * takes it as it is.
 */
export function queueIntegration(name: string, source: DesignSource, options: DesignOptions): { integration: Data; notes: string[] } {
  const fn = source.scenario.integration as Extract<Scenario['integration'], { type: 'lambda' }>;
  const batchSize = options.batchSize ?? 1;
  const windowMs = batchSize > SQS_EVENT_SOURCE.maxBatchWithoutWindow ? BATCH_WINDOW_MS : 0;
  const visibilityMs = Math.min(SQS_LIMITS.maxVisibilityTimeoutMs, QUEUE_VISIBILITY_TIMEOUTS * fn.timeout + windowMs);
  const reserved = fn.concurrency.reserved;
  const maxConcurrency = reserved === undefined ? undefined : Math.min(SQS_EVENT_SOURCE.maxMaxConcurrency, Math.max(SQS_EVENT_SOURCE.minMaxConcurrency, reserved));
  const integration = {
    type: 'sqs',
    queue: { type: STANDARD_QUEUE.type, visibilityTimeout: `${visibilityMs / 1000}s`, maxReceiveCount: QUEUE_MAX_RECEIVE_COUNT },
    eventSource: { batchSize, ...(windowMs > 0 ? { batchWindow: `${windowMs / 1000}s` } : {}), ...(maxConcurrency === undefined ? {} : { maxConcurrency }) },
    consumer: batchSize > 1 ? perMessage(functionFields(object(source.raw.integration)), fn.memory) : functionFields(object(source.raw.integration)),
  };
  const notes = [
    `the function takes batches of ${batchSize > 1 ? 'up to ' : ''}${batchSize}${windowMs > 0 ? ` within a ${windowMs / 1000}s batching window` : ''}, visibility timeout ${visibilityMs / 1000}s (${QUEUE_VISIBILITY_TIMEOUTS} times its time-out), a dead-letter queue after ${QUEUE_MAX_RECEIVE_COUNT} receives`,
    ...(batchSize > 1 ? [`${name}: the function's duration and errorRate are each message's (consumer.durationPerMessage, consumer.messageErrorRate): a batch of n runs n requests' work and fails if one of them does (any fixed part of the duration is counted n times)`] : []),
    maxConcurrency === undefined
      ? `${name}: the function has no reserved concurrency, so the event source mapping has no maximum concurrency (its pollers scale up to 1,000)`
      : `${name}: the event source mapping's maximum concurrency is ${maxConcurrency}, ${maxConcurrency === reserved ? "the function's reserved concurrency" : `the nearest Lambda allows to the function's reserved concurrency (${reserved})`}, as AWS advises`,
  ];
  return { integration, notes };
}

/**
 * A batch consumer of the synchronous function: its duration (or its
 * memory's entry of durationByMemory) is each message's time, its
 * errorRate each message's failure share, so a batch of n does the work of
 * n requests, as the synchronous design does for n requests; the per-batch
 * part is 0 ms. Without this a batch of n would take one request's time,
 * and the month's Lambda bill would shrink n-fold.
 */
function perMessage(consumer: Data, memoryMb: number): Data {
  const { duration, durationByMemory, errorRate, ...rest } = consumer;
  const byMemory = Object.entries(object(durationByMemory)).find(([key]) => parseSize(key) === memoryMb)?.[1];
  return {
    ...rest,
    duration: { constant: '0ms' },
    durationPerMessage: duration ?? byMemory,
    ...(errorRate === undefined ? {} : { messageErrorRate: errorRate }),
  };
}

function toTopic(source: DesignSource): { data: Data; notes: string[] } | { skipped: string } {
  const type = source.scenario.api.type;
  const door = frontDoorProfile(type);
  if (!door?.integrations.includes('sns')) return { skipped: `topic: skipped, ${pluralLabel(type)} have no SNS integration (only the ${doorsWith('sns')} publishes to SNS, through its AWS service integration)` };
  const notes: string[] = [];
  const data = withoutDependency(source.raw, 'topic', notes);
  data.integration = {
    type: 'sns',
    subscriptions: [{ name: SUBSCRIPTION, protocol: 'lambda', deadLetterQueue: 'standard', function: functionFields(object(source.raw.integration)) }],
  };
  notes.push(`topic: the ${door.label} publishes each request to an SNS standard topic; the function is its one Lambda subscription (invoked asynchronously, Lambda's 2 retries), with a dead-letter queue`);
  withoutCaches(data, source, 'topic', notes);
  acknowledged(data, 'topic', notes);
  withoutInitial(data, 'topic', 'integration', "warms the function, which a topic's Lambda subscription starts cold (it has no initial state)", notes);
  const kept = keptOnTheDoor(object(data.api));
  if (kept.length > 0) notes.push(`topic: kept on the ${door.label}: ${kept.join(', ')}`);
  return { data, notes };
}

/** The front door's settings an event bus or a producer's SDK call has no counterpart for, in words; `call` is allowed by IAM instead of an authorizer. */
const frontDoorSettings = (call: string): Readonly<Record<string, string>> => ({ authorizer: `the authorizer (${call} is allowed by IAM)`, throttle: 'the throttles', apiKeys: 'the API keys', cache: 'the cache', waf: 'AWS WAF', cloudfront: 'the CloudFront distribution' });

/** `api.throttle` in words: "the throttles", "the usage plan" (its per-key rate and quota), or both: a usage plan is not just a throttle. */
function throttleWords(throttle: Data): string {
  const plan = throttle.usagePlan !== undefined || throttle.usagePlans !== undefined;
  const others = Object.keys(throttle).some((key) => key !== 'usagePlan' && key !== 'usagePlans');
  return plan ? `${others ? 'the throttles and ' : ''}the usage plan${throttle.usagePlans !== undefined ? 's' : ''}` : 'the throttles';
}

/** How a design without a front door says so: bus's PutEvents or sdk's SendMessage. */
interface NoFrontDoor {
  readonly name: 'bus' | 'sdk';
  readonly type: ApiType;
  /** "an event bus has no front door" */
  readonly why: string;
  /** "PutEvents" */
  readonly call: string;
  /** "an event bus" */
  readonly what: string;
}

/**
 * Replaces the front door by `door.type` in data (already a copy of the
 * file's): each setting of `api` is removed with a note, and with it what
 * only a front door has: a primed cache, a warm authorizer, API Gateway's
 * logs, failure windows that change its throttles.
 */
function withoutFrontDoor(data: Data, api: Data, door: NoFrontDoor, notes: string[]): void {
  const { name } = door;
  const dropped = Object.keys(api).filter((key) => key !== 'type' && !(key === 'endpoint' && api.endpoint === 'regional'));
  data.api = { type: door.type };
  const settings = frontDoorSettings(door.call);
  const words = (key: string) => (key === 'throttle' ? throttleWords(object(api.throttle)) : (settings[key] ?? `api.${key}`));
  if (dropped.length > 0) notes.push(`${name}: ${door.why}: removed ${dropped.map(words).join(', ')}`);
  if (api.cache !== undefined) withoutInitial(data, name, 'cache', `primes the API cache, which ${door.what} has not`, notes);
  if (api.authorizer !== undefined) withoutInitial(data, name, 'authorizer', 'warms the removed authorizer', notes);
  const cost = object(data.cost);
  const logs = ['accessLogs', 'executionLogs', 'logs'].filter((key) => cost[key] !== undefined);
  if (logs.length > 0) {
    data.cost = Object.fromEntries(Object.entries(cost).filter(([key]) => !logs.includes(key)));
    notes.push(`${name}: ${door.what} writes no API Gateway logs: removed cost.${logs.join(', cost.')}`);
  }
  if (Array.isArray(data.failures)) {
    data.failures = data.failures.filter((f) => {
      const failure = object(f);
      if (failure.throttle === undefined) return true;
      notes.push(`${name}: the failure window at ${String(failure.at)} changes a front door's throttle: removed`);
      return false;
    });
  }
}

function toBus(source: DesignSource): { data: Data; notes: string[] } | { skipped: string } {
  const notes: string[] = [];
  const data: Data = { ...source.raw };
  notes.push(`bus: the producer puts each request on an EventBridge bus; the function is a rule's target (invoked asynchronously, Lambda's 2 retries)`);
  withoutFrontDoor(data, object(source.raw.api), { name: 'bus', type: 'eventbridge', why: 'an event bus has no front door', call: 'PutEvents', what: 'an event bus' }, notes);
  if (source.raw.failover !== undefined) {
    delete data.failover;
    notes.push('bus: the failover to a standby Region is for the front door: removed');
  }
  const integration = object(source.raw.integration);
  const deps = (['downstream', 'dynamodb'] as const).filter((key) => integration[key] !== undefined);
  if (deps.length > 0) notes.push(`bus: kept in the function: its ${deps.join(' and ')}`);
  return { data, notes };
}

/**
 * The producer calls SendMessage with the AWS SDK on the queue `queue`
 * would put behind the front door (queueIntegration), with no front door
 * (`api.type: sqs`, ../catalog/event-buses.ts: SQS_ENTRY): the producer
 * waits for SendMessage alone, and the bill has no API Gateway line. The
 * consumer drops what `queue`'s drops (withoutDependency); the front door's
 * settings go as `bus`'s do. A failure window on the gateway stays: with
 * `api.type: sqs` it is one on SQS's API.
 */
function toSdk(source: DesignSource, options: DesignOptions): { data: Data; notes: string[] } {
  const notes: string[] = [];
  const data = withoutDependency(source.raw, 'sdk', notes);
  const queue = queueIntegration('sdk', source, options);
  data.integration = queue.integration;
  notes.push(`sdk: the producer calls SendMessage with the AWS SDK on an SQS standard queue, no front door (api.type: sqs); ${queue.notes[0]}`, ...queue.notes.slice(1));
  withoutFrontDoor(data, object(data.api), { name: 'sdk', type: 'sqs', why: 'the producer calls SQS itself, with no front door', call: 'SendMessage', what: "a producer's SDK call" }, notes);
  for (const f of Array.isArray(data.failures) ? data.failures : []) {
    const failure = object(f);
    if (failure.target === 'gateway') notes.push(`sdk: the failure window at ${String(failure.at)} on the gateway is on SQS's API (SendMessage) instead`);
  }
  acknowledged(data, 'sdk', notes);
  return { data, notes };
}

/** `--designs sync,queue`: the names in order, each once; an unknown one is the caller's to report. */
export function unknownDesigns(names: readonly string[]): string[] {
  return names.filter((n) => !(DESIGN_NAMES as readonly string[]).includes(n));
}
