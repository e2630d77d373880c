/**
 * The asynchronous entry points' rules (src/scenario/async-entry-schema.ts
 * and the catalog's feature lists): each mistake is one problem at the field
 * to change, on its line, with a hint; what fits is accepted.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS, pluralLabel } from '../../src/catalog/entry-points.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { problemsOf } from './problems-of.js';

const QUEUE = 'integration: { type: sqs, queue: { type: standard }, consumer: { duration: 30ms } }';
const TOPIC = 'integration: { type: sns, subscriptions: [{ name: a, protocol: lambda, function: { duration: 40ms } }] }';
const LAMBDA = 'integration: { type: lambda, duration: 40ms }';

const scenario = (api: string, integration: string) => `name: a
duration: 1m
load: { rate: 10/s }
${api}
${integration}
`;

describe('api.type: sqs and sns', () => {
  it('accept the queue or the topic they send to, with the profiles AWS documents', () => {
    expect(parseScenario(scenario('api: { type: sqs }', QUEUE), 'a.yaml').api.type).toBe('sqs');
    expect(parseScenario(scenario('api: { type: sns, throttle: { account: { rate: 500/s, burst: 500 } } }', TOPIC), 'a.yaml').api.type).toBe('sns');
    expect(ENTRY_POINTS.sqs.requestLimitBytes).toBe(1024 ** 2); // 1 MiB since the 2026 raise
    expect(ENTRY_POINTS.sns.requestLimitBytes).toBe(256 * 1024); // SNS's default, which the raise did not cover
    expect(ENTRY_POINTS.sns.accountBucket).toEqual({ rate: 30_000, burst: 30_000 });
    expect(ENTRY_POINTS.sqs.statusByCause['queue-throttle']).toBe(429);
    expect(pluralLabel('sqs')).toBe('SQS queues (SDK)');
  });

  it.each([
    ['another integration', 'api: { type: sqs }', LAMBDA, 'integration.type', 5, /SQS queues \(SDK\) do not call a Lambda function/, /integration: \{type: sqs, queue, eventSource, consumer\}/],
    ['a topic for a queue entry', 'api: { type: sqs }', TOPIC, 'integration.type', 5, /do not call an SNS topic/, /straight to the queue/],
    ['a queue for a topic entry', 'api: { type: sns }', QUEUE, 'integration.type', 5, /SNS topics \(SDK\) do not call an SQS queue/, /straight to the topic/],
    ['an authorizer', 'api: { type: sqs, authorizer: { type: iam } }', QUEUE, 'api.authorizer', 4, /does not apply to a producer's SDK call to a queue/, /SendMessage is allowed by IAM/],
    ['a cache', 'api: { type: sqs, cache: { size: 0.5GB } }', QUEUE, 'api.cache', 4, /SQS queues \(SDK\) do not have a response cache/, /only REST API offers it/],
    ['WAF', 'api: { type: sns, waf: { rules: 3 } }', TOPIC, 'api.waf', 4, /SNS topics \(SDK\) do not have AWS WAF/, /REST API and Application Load Balancer/],
    ['an account throttle on a queue', 'api: { type: sqs, throttle: { account: { rate: 10/s, burst: 10 } } }', QUEUE, 'api.throttle.account', 4, /no account-level request throttle|do not have an account-level request throttle/, /offer/],
    ['an overhead', 'api: { type: sqs, overhead: 5ms }', QUEUE, 'api.overhead', 4, /does not apply to a producer's SDK call to a queue/, /integration\.queue\.sendLatency/],
    ['event delivery', 'api: { type: sns, delivery: { targets: 2 } }', TOPIC, 'api.delivery', 4, /only applies to api\.type: eventbridge/, /subscriptions/],
    ['an integration time-out', 'api: { type: sns, integrationTimeout: 5s }', TOPIC, 'api.integrationTimeout', 4, /does not apply to a producer's SDK call to a topic/, /nobody waits for the consumer/],
  ])('refuse %s: one problem at the field, on its line', (_what, api, integration, path, line, message, hint) => {
    const problems = problemsOf(scenario(api, integration));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, line });
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
  });
});

describe('api.type: eventbridge with an SQS queue target', () => {
  it("is accepted, with EventBridge's retry policy", () => {
    const s = parseScenario(scenario('api: { type: eventbridge, delivery: { retryPolicy: { attempts: 10, maxEventAge: 1h } } }', QUEUE), 'a.yaml');
    expect(s.api.delivery?.retryPolicy).toEqual({ attempts: 10, maxEventAge: 3_600_000 });
  });

  it.each([
    ['several targets', 'api: { type: eventbridge, delivery: { targets: 2 } }', QUEUE, 'api.delivery.targets', /must be 1 with an SQS queue target/, /SNS topic/],
    ['a retry policy age past 24 h', 'api: { type: eventbridge, delivery: { retryPolicy: { maxEventAge: 2d } } }', QUEUE, 'api.delivery.retryPolicy.maxEventAge', /is outside 60s to 24h/, /86,400/],
    ['a retry policy for a Lambda target', 'api: { type: eventbridge, delivery: { retryPolicy: { attempts: 3 } } }', LAMBDA, 'api.delivery.retryPolicy', /applies to an SQS queue target only/, /api\.delivery\.retries/],
    ['a topic target', 'api: { type: eventbridge }', TOPIC, 'integration.type', /EventBridge event buses do not call an SNS topic/, /lambda or sqs/],
  ])('refuses %s: one problem at the field, with a hint', (_what, api, integration, path, message, hint) => {
    const problems = problemsOf(scenario(api, integration));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, line: path.startsWith('integration') ? 5 : 4 });
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
  });

  it('refuses more retries than EventBridge makes (185)', () => {
    const problems = problemsOf(scenario('api: { type: eventbridge, delivery: { retryPolicy: { attempts: 186 } } }', QUEUE));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('api.delivery.retryPolicy.attempts');
  });
});
