/**
 * The designs of `compare --designs` (src/experiment/designs.ts): each one's
 * scenario validates and has the fields the design sets, what the front
 * door keeps and what the consumer drops are noted, a design that cannot
 * apply is skipped with the reason, and the failures a caller never sees
 * are counted from the run.
 */
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES, DESIGNS, designScenario, designSourceProblem, type DesignName } from '../../src/experiment/designs.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';
import { runScenario } from '../../src/scenario/run.js';
import type { CostEstimate } from '../../src/cost/cost-estimate.js';
import { designPoints } from '../../src/report/compare-report.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { bundledPriceTable } from '../../src/cost/prices.js';

const FILE = 'orders.yaml';

const ORDERS = `
name: orders
seed: 5
duration: 20s
warmup: 5s
load: { rate: 20/s }
clients: { count: 5, timeout: 3s }
api:
  type: rest
  throttle: { usagePlan: { rate: 100/s, burst: 50 } }
  authorizer: { type: lambda, cacheTtl: 300s, function: { duration: { p50: 10ms, p99: 30ms } } }
integration:
  type: lambda
  memory: 512MB
  duration: { p50: 80ms, p99: 200ms }
  concurrency: { reserved: 7 }
  timeout: 2s
  downstream: { servers: 4, service: { p50: 10ms, p99: 40ms } }
failures:
  - { at: 8s, for: 2s, target: downstream, errorRate: 0.5 }
  - { at: 10s, for: 2s, target: integration, errorRate: 0.5 }
`;

function designs(text: string, options = {}) {
  const loaded = parseScenarioText(text, FILE);
  const source = { raw: loaded.raw as Record<string, unknown>, scenario: loaded.scenario };
  const of = (name: DesignName) => designScenario(text, FILE, source, DESIGNS[name], options);
  return { loaded, of };
}

function adapted(text: string, name: DesignName, options = {}) {
  const result = designs(text, options).of(name);
  if ('skipped' in result) throw new Error(`expected ${name} to apply: ${result.skipped}`);
  return result;
}

describe('compare --designs: each design from a REST API in front of a Lambda function', () => {
  it('sync is the file as written', () => {
    const { loaded, of } = designs(ORDERS);
    const sync = of('sync');
    expect('scenario' in sync && sync.scenario).toEqual(loaded.scenario);
    expect('notes' in sync && sync.notes).toEqual([]);
  });

  it('queue: the same front door sends to an SQS standard queue that feeds the same function, one message at a time, capped at its reserved concurrency', () => {
    const { scenario, notes } = adapted(ORDERS, 'queue');
    const sync = parseScenarioText(ORDERS, FILE).scenario;
    if (scenario.integration.type !== 'sqs' || sync.integration.type !== 'lambda') throw new Error('expected an SQS integration from a Lambda one');
    expect(scenario.api).toEqual(sync.api); // the authorizer and usage plan stay on the front door
    expect(scenario.integration.queue).toMatchObject({ type: 'standard', visibilityTimeout: 6 * 2_000, maxReceiveCount: 5 });
    expect(scenario.integration.eventSource).toMatchObject({ batchSize: 1, batchWindow: 0, maxConcurrency: 7 });
    const { type: _t, downstream: _d, dynamodb: _db, ...fn } = sync.integration;
    expect(scenario.integration.consumer).toMatchObject(fn); // the function's own fields, with a consumer's defaults
    // the failure on the dependency goes with it; the one on the function stays, on the consumer
    expect(scenario.failures.map((f) => f.target)).toEqual(['integration']);
    expect(notes.join('\n')).toMatch(/the function's downstream is dropped/);
    expect(notes.join('\n')).toMatch(/failure window at 8s is on the dropped dependency: removed/);
    expect(notes.join('\n')).toMatch(/maximum concurrency is 7, the function's reserved concurrency/);
    expect(notes.join('\n')).toMatch(/kept on the REST API: the authorizer, the usage plan/);
  });

  it.each([
    ['a batch of 20 needs a batching window: the least Lambda takes, 1s, and the visibility timeout grows by it', { batchSize: 20 }, 'reserved: 7', { batchSize: 20, batchWindow: 1_000, maxConcurrency: 7 }, 6 * 2_000 + 1_000],
    ['no reserved concurrency: no maximum concurrency', {}, 'provisioned: 0', { batchSize: 1, batchWindow: 0, maxConcurrency: undefined }, 12_000],
    ['a reserved concurrency of 1: the maximum concurrency Lambda allows nearest to it, 2', {}, 'reserved: 1', { batchSize: 1, batchWindow: 0, maxConcurrency: 2 }, 12_000],
  ])('queue: %s', (_, options, concurrency, eventSource, visibilityMs) => {
    const text = ORDERS.replace('reserved: 7', concurrency);
    const { scenario } = adapted(text, 'queue', options);
    if (scenario.integration.type !== 'sqs') throw new Error('expected an SQS integration');
    const { batchSize, batchWindow, maxConcurrency } = scenario.integration.eventSource;
    expect({ batchSize, batchWindow, maxConcurrency }).toEqual(eventSource);
    expect(scenario.integration.queue.visibilityTimeout).toBe(visibilityMs);
  });

  it('topic: the REST API publishes to an SNS topic, the function its one Lambda subscription with a dead-letter queue', () => {
    const { scenario, notes } = adapted(ORDERS, 'topic');
    const sync = parseScenarioText(ORDERS, FILE).scenario;
    if (scenario.integration.type !== 'sns' || sync.integration.type !== 'lambda') throw new Error('expected an SNS integration');
    expect(scenario.api).toEqual(sync.api);
    expect(scenario.integration.subscriptions).toHaveLength(1);
    const sub = scenario.integration.subscriptions[0];
    if (sub.protocol !== 'lambda') throw new Error('expected a Lambda subscription');
    expect(sub).toMatchObject({ name: 'consumer', deadLetterQueue: 'standard', retries: 2 });
    const { type: _t, downstream: _d, dynamodb: _db, ...fn } = sync.integration;
    expect(sub.function).toMatchObject(fn);
    expect(notes.join('\n')).toMatch(/kept on the REST API: the authorizer, the usage plan/);
  });

  it("bus: an EventBridge bus with the function (its dependency kept) as the rule's target; the front door's settings removed with a note", () => {
    const { scenario, notes } = adapted(ORDERS, 'bus');
    const sync = parseScenarioText(ORDERS, FILE).scenario;
    expect(scenario.api.type).toBe('eventbridge');
    expect(scenario.api.authorizer).toBeUndefined();
    expect(scenario.api.throttle.usagePlan).toBeUndefined();
    expect(scenario.integration).toEqual(sync.integration);
    expect(scenario.failures).toEqual(sync.failures);
    expect(notes.join('\n')).toMatch(/removed the usage plan, the authorizer \(PutEvents is allowed by IAM\)/);
    expect(notes.join('\n')).toMatch(/kept in the function: its downstream/);
  });

  it("sdk: the producer's SDK sends to the queue the queue design uses, with no front door: its settings removed, the consumer's dependency dropped, each with a note", () => {
    const { scenario, notes } = adapted(ORDERS, 'sdk');
    const queue = adapted(ORDERS, 'queue').scenario;
    expect(scenario.api.type).toBe('sqs');
    expect([scenario.api.authorizer, scenario.api.throttle.usagePlan]).toEqual([undefined, undefined]);
    expect(scenario.integration).toEqual(queue.integration); // the same queue, event source mapping and consumer
    expect(scenario.failures).toEqual(queue.failures); // the dependency's window goes, the function's stays
    const said = notes.join('\n');
    expect(said).toMatch(/sdk: the function's downstream is dropped: a queue's consumer is modelled without a dependency/);
    expect(said).toMatch(/sdk: the failure window at 8s is on the dropped dependency: removed/);
    expect(said).toMatch(/sdk: the producer calls SendMessage with the AWS SDK on an SQS standard queue, no front door \(api.type: sqs\); the function takes batches of 1, visibility timeout 12s/);
    expect(said).toMatch(/sdk: the event source mapping's maximum concurrency is 7, the function's reserved concurrency/);
    expect(said).toMatch(/sdk: the producer calls SQS itself, with no front door: removed the usage plan, the authorizer \(SendMessage is allowed by IAM\)/);
    expect(said).toMatch(/sdk: the caller's answer is SendMessage's result, 512B/);
  });

  it('sdk: a cache, its priming, the logs, and a throttle window go with the front door; a window on the gateway is now on SQS\'s API', () => {
    const text = ORDERS.replace('  type: rest\n', '  type: rest\n  cache: { size: 0.5GB, ttl: 60s }\n')
      .replace(/failures:\n/, 'initialState: { integration: { warm: 3 }, cache: { primed: 0.5 } }\ncost: { accessLogs: { bytesPerRequest: 1KB } }\nfailures:\n  - { at: 12s, for: 2s, target: gateway, errorRate: 0.5 }\n  - { at: 14s, for: 2s, target: gateway, throttle: { bucket: usagePlan, rate: 5/s } }\n');
    const { scenario, notes } = adapted(text, 'sdk', { batchSize: 20 });
    expect(scenario.integration).toEqual(adapted(text, 'queue', { batchSize: 20 }).scenario.integration);
    expect(scenario.initialState).toEqual({ integration: { warm: 3 } });
    expect(scenario.failures.map((f) => [f.at, f.target])).toEqual([[12_000, 'gateway'], [10_000, 'integration']]);
    const said = notes.join('\n');
    expect(said).toMatch(/removed the cache, the usage plan, the authorizer/);
    expect(said).toMatch(/sdk: initialState.cache primes the API cache, which a producer's SDK call has not: removed/);
    expect(said).toMatch(/sdk: a producer's SDK call writes no API Gateway logs: removed cost.accessLogs/);
    expect(said).toMatch(/sdk: the failure window at 14s changes a front door's throttle: removed/);
    expect(said).toMatch(/sdk: the failure window at 12s on the gateway is on SQS's API \(SendMessage\) instead/);
  });

  it('sdk: the producer waits for SendMessage alone, and the month has no API Gateway line; the queue design pays both', () => {
    const steady = ORDERS.replace(/failures:\n(  .*\n)+/, '');
    const run = (name: DesignName) => {
      const result = runScenario(adapted(steady, name).scenario);
      return { summary: result.summary, lines: costOfRun(result, bundledPriceTable('us-east-1')!).lines.map((l) => l.service) };
    };
    const [sdk, queue] = [run('sdk'), run('queue')];
    expect(sdk.summary.requests.ok).toBe(sdk.summary.requests.offered);
    expect(sdk.summary.events['queue.sent']).toBe(sdk.summary.requests.ok);
    expect(sdk.summary.latencyMs.ok.p99).toBeLessThan(queue.summary.latencyMs.ok.p99);
    expect(sdk.lines.some((s) => /API Gateway/.test(s))).toBe(false);
    expect(queue.lines.some((s) => /API Gateway/.test(s))).toBe(true);
    expect(sdk.lines.some((s) => /SQS/.test(s))).toBe(true);
  });

  it("every design keeps the workload: the same load, clients and seed; a queue's or topic's caller gets the service's acknowledgement, not the function's response", () => {
    const text = ORDERS.replace('load: { rate: 20/s }', 'load: { rate: 20/s, payload: { request: 2KB, response: 24KB } }');
    const sync = parseScenarioText(text, FILE).scenario;
    for (const name of DESIGN_NAMES) {
      const { scenario, notes } = adapted(text, name);
      const acknowledged = name === 'queue' || name === 'topic' || name === 'sdk';
      const response = acknowledged ? { kind: 'constant', value: 512 } : sync.load.payload.response;
      expect([scenario.load, scenario.clients, scenario.seed, scenario.duration]).toEqual([{ ...sync.load, payload: { ...sync.load.payload, response } }, sync.clients, sync.seed, sync.duration]);
      expect(notes.some((n) => n.includes("the caller's answer is") && n.includes('(load.payload.response 24KB)'))).toBe(acknowledged);
    }
  });
});

describe('compare --designs: a cache never stands in front of a queue or a topic', () => {
  // a REST API whose cache would answer most requests: on a queue or a topic a hit would be a "queued" message never sent
  const CACHED = ORDERS.replace(/failures:\n(  .*\n)+/, '').replace('  type: rest\n', '  type: rest\n  cache: { size: 0.5GB, ttl: 300s }\n').replace('load: { rate: 20/s }', 'load: { rate: 20/s, keys: { count: 5 } }');

  it.each(['queue', 'topic'] as const)('%s: the API cache is removed with a note; the synchronous design keeps it', (name) => {
    const { scenario, notes } = adapted(CACHED, name);
    expect(scenario.api.cache).toBeUndefined();
    expect(notes.join('\n')).toMatch(new RegExp(`${name}: the API cache is removed: a cached answer would tell the caller "(queued|published)"`));
    expect(notes.join('\n')).not.toMatch(/kept on the REST API: .*cache/);
    expect(adapted(CACHED, 'sync').scenario.api.cache).toBeDefined();
  });

  it('queue: every request the caller was told is queued is sent to the queue (with the cache kept, most would have been answered from it)', () => {
    const sync = runScenario(adapted(CACHED, 'sync').scenario).summary;
    expect(sync.events.cacheHits).toBeGreaterThan(sync.requests.offered / 2); // the cache would have answered most of them
    const run = runScenario(adapted(CACHED, 'queue').scenario);
    const { summary } = run;
    expect(summary.events.cacheHits ?? 0).toBe(0);
    expect(summary.events['queue.sent']).toBe(summary.requests.ok);
    // and each caller got SendMessage's 512-byte result back, what the data transfer out bills
    expect((run.usage.gateway as { responseBytes: number }).responseBytes).toBe(512 * summary.requests.ok);
  });

  it.each([
    ['caches GET routes: removed', 'GET /orders', true],
    ['only a POST route, which CloudFront never caches: kept', 'POST /orders', false],
  ])('a CloudFront distribution that %s', (_, route, removed) => {
    const text = ORDERS.replace(/failures:\n(  .*\n)+/, '').replace('  type: rest\n', '  type: rest\n  cloudfront: { defaultTtl: 60s }\n').replace('load: { rate: 20/s }', `load: { rate: 20/s, routes: [{ name: ${JSON.stringify(route)}, weight: 1 }] }`);
    const { scenario, notes } = adapted(text, 'queue');
    expect(scenario.api.cloudfront === undefined).toBe(removed);
    expect(notes.some((n) => n.includes('the CloudFront distribution (its edge cache) is removed'))).toBe(removed);
  });
});

describe('compare --designs: a file that starts warm', () => {
  // warm environments for the function, a primed cache: every design still applies, what it has no use for is removed
  const WARM = `
name: warm
seed: 4
duration: 10s
warmup: 0s
load: { rate: 50/s, keys: { count: 100 } }
api: { type: rest, cache: { size: 0.5GB, ttl: 60s } }
integration: { type: lambda, memory: 512MB, duration: { p50: 50ms, p99: 150ms }, timeout: 3s }
initialState: { integration: { warm: 20 }, cache: { primed: 0.5 } }
`;

  it.each([
    ['queue', { integration: { warm: 20 } }, [/queue: initialState.cache primes the removed API cache: removed/]],
    ['topic', undefined, [/topic: initialState.cache primes the removed API cache: removed/, /topic: initialState.integration warms the function, which a topic's Lambda subscription starts cold/]],
    ['bus', { integration: { warm: 20 } }, [/bus: initialState.cache primes the API cache, which an event bus has not: removed/]],
    ['sdk', { integration: { warm: 20 } }, [/sdk: initialState.cache primes the API cache, which a producer's SDK call has not: removed/]],
  ] as const)('%s applies, keeping what it can warm', (name, initialState, said) => {
    const { scenario, notes } = adapted(WARM, name);
    expect(scenario.initialState).toEqual(initialState);
    for (const note of said) expect(notes.join('\n')).toMatch(note);
  });

  it("queue: the consumer starts with the file's warm environments, so a light load meets no cold start", () => {
    const summary = runScenario(adapted(WARM, 'queue').scenario).summary;
    expect(summary.events['queue.processed']).toBeGreaterThan(0);
    expect(summary.events['lambda.coldStarts'] ?? 0).toBe(0);
    const cold = runScenario(adapted(WARM.replace('initialState: { integration: { warm: 20 }, cache: { primed: 0.5 } }', ''), 'queue').scenario).summary;
    expect(cold.events['lambda.coldStarts']).toBeGreaterThan(0);
  });
});

describe('compare --designs: a batch does the work of its messages', () => {
  // a constant 50 ms per request: the synchronous design bills 50 ms (and any INIT) per request;
  // no warm-up, so every batch and every message it holds are in the measured window
  const STEADY = `
name: steady
seed: 11
duration: 30s
warmup: 0s
load: { rate: 40/s }
api: { type: rest }
integration: { type: lambda, memory: 512MB, duration: { constant: 50ms }, timeout: 3s, errorRate: 0.01 }
`;

  it("--batch 20: the function's duration and errorRate become each message's, the per-batch part 0 ms, with a note", () => {
    const { scenario, notes } = adapted(STEADY, 'queue', { batchSize: 20 });
    if (scenario.integration.type !== 'sqs') throw new Error('expected an SQS integration');
    const { consumer } = scenario.integration;
    expect(consumer.duration).toEqual({ kind: 'constant', value: 0 });
    expect(consumer.durationPerMessage).toEqual({ kind: 'constant', value: 50 });
    expect([consumer.errorRate, consumer.messageErrorRate]).toEqual([0, 0.01]);
    expect(notes.join('\n')).toMatch(/the function takes batches of up to 20 within a 1s batching window/);
    expect(notes.join('\n')).toMatch(/the function's duration and errorRate are each message's/);
  });

  it('--batch 1 leaves the function as it is', () => {
    const { scenario } = adapted(STEADY, 'queue', { batchSize: 1 });
    if (scenario.integration.type !== 'sqs') throw new Error('expected an SQS integration');
    expect(scenario.integration.consumer.duration).toEqual({ kind: 'constant', value: 50 });
    expect(scenario.integration.consumer.durationPerMessage).toBeUndefined();
  });

  it('--batch 20: the consumer bills 50 ms for each message it processed, as the synchronous design does for each request, in a twentieth of the invocations or so', () => {
    const noErrors = STEADY.replace(', errorRate: 0.01', '');
    const run = runScenario(adapted(noErrors, 'queue', { batchSize: 20 }).scenario);
    const lambda = run.usage.lambda as { invocations: number; billedMs: number; initMs: number };
    const processed = run.summary.events['queue.processed'];
    // billed time rounds each invocation up to the next 1 ms: per message 50 ms, plus less than 1 ms per invocation
    const handlerMs = lambda.billedMs - lambda.initMs;
    expect(handlerMs).toBeGreaterThanOrEqual(50 * processed - 1e-6);
    expect(handlerMs).toBeLessThan(50 * processed + lambda.invocations);
    expect(lambda.invocations).toBeLessThan(processed / 10); // batches of about 20 in the 1 s window at 40 messages a second
  });
});

describe('compare --designs: what cannot apply', () => {
  const HTTP_API = ORDERS.replace(/api:\n(  .*\n)+/, 'api: { type: http }\n');
  const ALB = ORDERS.replace(/api:\n(  .*\n)+/, 'api: { type: alb }\n');

  it('an HTTP API has no SNS integration: topic is skipped with the reason; its SQS integration takes the queue', () => {
    const { of } = designs(HTTP_API);
    expect(of('topic')).toEqual({ skipped: expect.stringMatching(/^topic: skipped, HTTP APIs have no SNS integration \(only the REST API publishes to SNS/) });
    const queue = of('queue');
    expect('scenario' in queue && queue.scenario.api.type).toBe('http');
  });

  it('an ALB has neither: queue and topic are skipped, the bus and the SDK to a queue apply', () => {
    const { of } = designs(ALB);
    expect(of('queue')).toEqual({ skipped: expect.stringMatching(/^queue: skipped, Application Load Balancers have no SQS integration \(the REST API and HTTP API have one\)/) });
    expect(of('topic')).toEqual({ skipped: expect.stringMatching(/^topic: skipped/) });
    expect('scenario' in of('bus')).toBe(true);
    expect('scenario' in of('sdk')).toBe(true);
  });

  it.each([
    ['an HTTP service integration', ORDERS.replace(/integration:\n(  .*\n)+/, 'integration: { type: http, servers: 4, service: { p50: 10ms, p99: 40ms } }\n').replace(/failures:\n(  .*\n)+/, ''), ['integration', 'type'], /starts from a Lambda function/, /give integration.type: lambda/],
    ['an event bus', ORDERS.replace(/api:\n(  .*\n)+/, 'api: { type: eventbridge }\n'), ['api', 'type'], /already an asynchronous design/, /compare --designs starts from the synchronous design/],
    ['a closed-loop load (virtual users would send more to a design that answers sooner)', ORDERS.replace('load: { rate: 20/s }', 'load: { virtualUsers: 20, thinkTime: { constant: 100ms } }').replace('clients: { count: 5, timeout: 3s }', 'clients: { timeout: 3s }'), ['load', 'virtualUsers'], /is a closed loop: each user waits for its answer/, /give an open-loop load \(load.rate or load.profile\)/],
  ])('a file with %s cannot be compared by design: the path says where', (_, text, path, message, hint) => {
    const problem = designSourceProblem(parseScenarioText(text, FILE).scenario);
    expect(problem?.path).toEqual(path);
    expect(problem?.message).toMatch(message);
    expect(problem?.hint).toMatch(hint);
  });

  it('a file with a Lambda function behind a front door has no problem', () => {
    expect(designSourceProblem(parseScenarioText(ORDERS, FILE).scenario)).toBeNull();
  });
});

describe('compare --designs: the failures the caller never sees', () => {
  // every run of the function fails: the caller of an asynchronous design is still answered 202/200,
  // and the work fails later (redriven after 5 receives, 6 s apart; or dead-lettered after Lambda's two retries, 1 and 2 minutes on)
  const FAILING = `
name: failing
seed: 3
duration: 200s
warmup: 0s
load: { rate: 1/s }
api: { type: rest }
integration: { type: lambda, duration: { constant: 20ms }, timeout: 1s, errorRate: 1 }
`;

  it.each(['queue', 'topic', 'bus', 'sdk'] as const)('%s: every request is accepted, the messages that ran out of tries are counted as failed later and the rest as not processed', (name) => {
    const { scenario } = adapted(FAILING, name);
    const summary = runScenario(scenario).summary;
    const design = DESIGNS[name];
    expect(summary.requests.failed).toBe(0);
    expect(summary.requests.ok).toBe(summary.requests.offered);
    // nothing is processed: each accepted message has failed for good or is still being retried
    expect(design.failedLater(summary) + design.pending(summary)).toBe(summary.requests.offered);
    // the first ones have had their last try: a queue's after 5 receives 6 s apart, a topic's or bus's after Lambda's retries 3 minutes on
    expect(design.failedLater(summary)).toBeGreaterThan(0);
    expect(design.pending(summary)).toBeGreaterThan(0);
    // the design chart's point says so: no work done, though the caller saw no failure
    const figures = { name, label: design.label, mode: design.mode, accepted: design.accepted, failedLater: design.failedLater(summary), pending: design.pending(summary) };
    const [point] = designPoints([{ type: scenario.api.type, summary, cost: { totalUsd: 1 } as CostEstimate, design: figures }]);
    expect([point.failedRatio, point.notProcessedRatio]).toEqual([0, 1]);
  });

  it('sync: the caller sees every failure, and nothing fails later', () => {
    const summary = runScenario(parseScenarioText(FAILING, FILE).scenario).summary;
    expect(summary.requests.failed).toBe(summary.requests.offered);
    expect(DESIGNS.sync.failedLater(summary)).toBe(0);
    expect(DESIGNS.sync.pending(summary)).toBe(0);
  });
});
