/**
 * The SNS integration's rules: each mistake is one problem at the field to
 * change, with AWS's rule in the hint; a valid topic gets its documented
 * defaults (the HTTP/S policy's 3 retries 20 s apart, Lambda's 2 retries
 * and 6 h).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import type { SnsIntegrationSpec } from '../../src/scenario/schema.js';
import { problemsOf } from './problems-of.js';

const LAMBDA = '{ name: a, protocol: lambda, function: { duration: 40ms } }';
const HTTP = '{ name: h, protocol: http, servers: 2, service: 20ms }';
const SQS = '{ name: q, protocol: sqs, consumer: { duration: 30ms } }';

function scenario(subscriptions: string[], api = 'rest'): string {
  return `name: t
duration: 1m
load: { rate: 10/s }
api: { type: ${api} }
integration:
  type: sns
  subscriptions:
${subscriptions.map((s) => `    - ${s}`).join('\n')}
`;
}

describe('integration: {type: sns}', () => {
  it('takes the documented defaults', () => {
    const s = parseScenario(scenario([LAMBDA, HTTP, SQS]), 't.yaml').integration as SnsIntegrationSpec;
    const [lambda, http, sqs] = s.subscriptions;
    expect(lambda).toMatchObject({ protocol: 'lambda', retries: 2, maxEventAge: 6 * 3_600_000 });
    expect(http).toMatchObject({ protocol: 'http', deliveryPolicy: { retries: 3, minDelay: 20_000, maxDelay: 20_000, noDelayRetries: 0, backoff: 'linear' } });
    expect(sqs).toMatchObject({ protocol: 'sqs', queue: { type: 'standard', visibilityTimeout: 30_000 } });
    expect(lambda.deadLetterQueue).toBeUndefined();
  });

  it.each([
    ['an unknown protocol', [LAMBDA.replace('lambda,', 'email,')], 'integration.subscriptions[0].protocol', /./],
    ['a FIFO dead-letter queue on a standard topic\'s subscription', [LAMBDA.replace('name: a,', 'name: a, deadLetterQueue: fifo,')], 'integration.subscriptions[0].deadLetterQueue', /cannot have a FIFO dead-letter queue/],
    ['a FIFO queue subscribed to a standard topic', [SQS.replace('protocol: sqs,', 'protocol: sqs, queue: { type: fifo },')], 'integration.subscriptions[0].queue.type', /cannot deliver to a FIFO queue/],
    ['two subscriptions with one name', [LAMBDA, LAMBDA], 'integration.subscriptions[1].name', /repeats the subscription "a"/],
    ['more subscriptions than a scenario simulates', Array.from({ length: 21 }, (_, i) => LAMBDA.replace('name: a', `name: s${i}`)), 'integration.subscriptions', /21 subscriptions, more than 20/],
    ['an HTTP/S policy waiting more than 3,600 s in all', [HTTP.replace('service: 20ms', 'service: 20ms, deliveryPolicy: { retries: 100, minDelay: 60s, maxDelay: 60s }')], 'integration.subscriptions[0].deliveryPolicy', /more than 3,600 s/],
    ['an HTTP/S policy with more retries in its phases than in all', [HTTP.replace('service: 20ms', 'service: 20ms, deliveryPolicy: { retries: 2, noDelayRetries: 3 }')], 'integration.subscriptions[0].deliveryPolicy.retries', /fewer than noDelayRetries/],
    ['an SQS subscription whose visibility timeout is shorter than its consumer\'s timeout', [SQS.replace('protocol: sqs,', 'protocol: sqs, queue: { visibilityTimeout: 1s },')], 'integration.subscriptions[0].queue.visibilityTimeout', /shorter than the consumer function's timeout/],
    ['a Lambda subscription without a duration', ['{ name: a, protocol: lambda, function: {} }'], 'integration.subscriptions[0].function.duration', /is required/],
  ])('refuses %s', (_, subs, path, message) => {
    const problems = problemsOf(scenario(subs));
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.message).toMatch(message);
  });

  it('refuses a topic behind an HTTP API, which has no SNS integration', () => {
    const problems = problemsOf(scenario([LAMBDA], 'http'));
    expect(problems.map((p) => p.path)).toContain('integration.type');
  });
});
