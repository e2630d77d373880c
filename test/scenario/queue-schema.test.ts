/**
 * The SQS integration's rules: each mistake is one problem at the field to
 * change, with the limit and where it comes from in the hint; a valid queue
 * gets its documented defaults.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import type { SqsIntegrationSpec } from '../../src/scenario/schema.js';
import { problemsOf } from './problems-of.js';

function scenario(integration: string, extra = ''): string {
  return `name: q
duration: 1m
load: { rate: 100/s }
api: { type: rest }
integration:
  type: sqs
${integration
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
  consumer: { duration: 50ms }
${extra}`;
}

describe('integration: {type: sqs}', () => {
  it('takes the documented defaults: a standard queue, 30 s visibility, 4 days, batches of 10, no window', () => {
    const s = parseScenario(scenario('queue: {}'), 'q.yaml').integration as SqsIntegrationSpec;
    expect(s.queue).toMatchObject({ type: 'standard', visibilityTimeout: 30_000, retention: 4 * 86_400_000 });
    expect(s.queue.maxReceiveCount).toBeUndefined();
    expect(s.eventSource).toMatchObject({ batchSize: 10, batchWindow: 0 });
  });

  it.each([
    ['a batch above the standard queue\'s 10,000', 'eventSource: { batchSize: 20000, batchWindow: 1s }', 'integration.eventSource.batchSize', /above the SQS standard queue's limit \(10,000\)/],
    ['a FIFO batch above 10', 'queue: { type: fifo }\neventSource: { batchSize: 11 }', 'integration.eventSource.batchSize', /above the SQS FIFO queue's limit \(10\)/],
    ['a batch above 10 with no batching window', 'eventSource: { batchSize: 100 }', 'integration.eventSource.batchWindow', /at least 1s with a batch size above 10/],
    ['a batching window on a FIFO queue', 'queue: { type: fifo }\neventSource: { batchWindow: 2s }', 'integration.eventSource.batchWindow', /not supported for FIFO queues/],
    ['a batching window above 300 s', 'eventSource: { batchWindow: 301s }', 'integration.eventSource.batchWindow', /above 300s/],
    ['a maximum concurrency of 1', 'eventSource: { maxConcurrency: 1 }', 'integration.eventSource.maxConcurrency', /outside 2 to 1,000/],
    ['a visibility timeout shorter than the function\'s timeout (3 s by default)', 'queue: { visibilityTimeout: 2s }', 'integration.queue.visibilityTimeout', /shorter than the consumer function's timeout \(3s\)/],
    ['a visibility timeout above 12 h', 'queue: { visibilityTimeout: 13h }', 'integration.queue.visibilityTimeout', /above 12h/],
    ['a retention under a minute', 'queue: { retention: 30s }', 'integration.queue.retention', /outside 1m to 14d/],
    ['a maxReceiveCount above 1,000', 'queue: { maxReceiveCount: 1001 }', 'integration.queue.maxReceiveCount', /above 1,000/],
    ['message groups on a standard queue', 'queue: { groups: 4 }', 'integration.queue.groups', /only applies to FIFO queues/],
  ])('refuses %s, at the field', (_what, integration, path, message) => {
    const problems = problemsOf(scenario(integration));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint?.length).toBeGreaterThan(10);
    expect(problems[0].line).toBeGreaterThan(5);
  });

  it('refuses a FIFO queue fed faster than the 300 SendMessage calls a second it takes without batching, at the load', () => {
    const problems = problemsOf(scenario('queue: { type: fifo }').replace('rate: 100/s', 'rate: 250/s, spikes: [{ at: 10s, for: 5s, rate: 100/s }]'));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('load.rate');
    expect(problems[0].message).toBe('feeds the FIFO queue at up to 350/s, more than the 300 SendMessage calls a second it takes without batching');
    expect(problems[0].hint).toMatch(/standard/);
    // at 300/s it fits
    expect(() => parseScenario(scenario('queue: { type: fifo }').replace('rate: 100/s', 'rate: 300/s'), 'q.yaml')).not.toThrow();
  });

  it("checks the consumer as a Lambda function, and its reserved concurrency against the account's", () => {
    const memory = problemsOf(scenario('queue: {}').replace('consumer: { duration: 50ms }', 'consumer: { duration: 50ms, memory: 100MB }'));
    expect(memory.map((p) => p.path)).toEqual(['integration.consumer.memory']);
    const reserved = problemsOf(scenario('queue: {}').replace('consumer: { duration: 50ms }', 'consumer: { duration: 50ms, concurrency: { reserved: 950 } }'));
    expect(reserved.map((p) => p.path)).toEqual(['integration.consumer.concurrency']);
  });

  it('is offered behind REST and HTTP APIs only, and the error says what the front door takes', () => {
    const problems = problemsOf(scenario('queue: {}').replace('type: rest', 'type: alb'));
    expect(problems.map((p) => p.path)).toEqual(['integration.type']);
    expect(problems[0].message).toBe('Application Load Balancers do not call an SQS queue here');
    expect(() => parseScenario(scenario('queue: {}').replace('type: rest', 'type: http'), 'q.yaml')).not.toThrow();
  });
});
