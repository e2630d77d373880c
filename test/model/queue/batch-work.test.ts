/**
 * Per-message work in SQS batches, run as a scenario (a REST API writing
 * to the queue, the consumer behind the event source mapping):
 * - the billed duration of an invocation is the batch's fixed part plus a
 *   draw per message: mean = fixed + n x per-message mean, within four
 *   standard errors of the run's invocations (plus the 1 ms rounding);
 * - with per-message failures, every message sent is processed, redriven,
 *   expired or still in the queue, on a standard and a FIFO queue, with and
 *   without partial batch responses;
 * - a failing message costs more without partial batch responses: more
 *   deliveries, more redrives to the dead-letter queue, more invocations.
 */
import { describe, expect, it } from 'vitest';
import type { FunctionUsage } from '../../../src/model/lambda/lambda-function.js';
import type { QueueUsage } from '../../../src/model/queue/sqs-queue.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/run.js';

function run(queue: string, eventSource: string, consumer: string, load = '{ rate: 500/s }', duration = '22s') {
  const text = `
name: batch-work
seed: 29
duration: ${duration}
warmup: 2s
load: ${load}
api: { type: rest }
integration:
  type: sqs
  queue: ${queue}
  eventSource: ${eventSource}
  consumer: ${consumer}
`;
  const result = runScenario(parseScenario(text, 'batch-work.yaml'));
  return { result, queue: result.usage.queue as QueueUsage, fn: result.usage.lambda as FunctionUsage, events: result.summary.events };
}

describe('per-message work in SQS batches', () => {
  it('bills each invocation its fixed duration plus one draw per message', () => {
    // 2 pollers, 20 ms + 10 x 5 ms a batch: about 285 messages/s against 500/s sent, so a backlog fills every batch
    const { queue, fn } = run('{ type: standard }', '{ batchSize: 10, maxConcurrency: 2 }', '{ duration: { constant: 20ms }, durationPerMessage: { mean: 5ms }, timeout: 10s }');
    const perBatch = queue.processed / queue.invocations; // messages per invocation (no failures: each processed once)
    expect(perBatch).toBeGreaterThan(9.9);
    const meanMs = (fn.billedMs - fn.initMs) / fn.invocations;
    const expectedMs = 20 + perBatch * 5;
    // the sum of n exponential draws of mean 5 ms has a standard deviation of 5 sqrt(n) ms
    const standardErrorMs = (5 * Math.sqrt(perBatch)) / Math.sqrt(fn.invocations);
    expect(meanMs).toBeGreaterThanOrEqual(expectedMs - 4 * standardErrorMs);
    expect(meanMs).toBeLessThanOrEqual(expectedMs + 4 * standardErrorMs + 1); // billed duration rounds up to 1 ms
    expect(4 * standardErrorMs).toBeLessThan(5); // tight enough to tell one draw a batch (25 ms) from one a message (70 ms)
  });

  it('conserves messages and costs more without partial batch responses (standard queue)', () => {
    // 50/s in batches of 10 (a 1 s window); 5 % of deliveries fail: a batch of 10 holds one 40 % of the time
    const queue = '{ type: standard, visibilityTimeout: 5s, maxReceiveCount: 3 }';
    const consumer = '{ duration: { p50: 20ms, p99: 60ms }, durationPerMessage: { p50: 5ms, p99: 20ms }, messageErrorRate: 0.05, timeout: 1s }';
    const whole = run(queue, '{ batchSize: 10, batchWindow: 1s }', consumer, '{ rate: 50/s }', '32s');
    const partial = run(queue, '{ batchSize: 10, batchWindow: 1s, reportBatchItemFailures: true }', consumer, '{ rate: 50/s }', '32s');
    for (const { queue: q, events } of [whole, partial]) {
      expect(q.sent).toBeGreaterThan(1_300);
      expect(q.processed + q.redriven + q.expired + q.remaining).toBe(q.sent);
      // about 5 % of the deliveries fail, whatever the responses
      expect(events['queue.messageFailures'] / q.sent).toBeGreaterThan(0.02);
    }
    // without partial responses a failed message sends its 9 batch-mates back too
    expect(whole.events['queue.redeliveries']).toBeGreaterThan(4 * partial.events['queue.redeliveries']);
    // three failed batches in a row redrive a message: 0.4^3 = 6 % of the batches' messages against 0.05^3 with partial responses
    expect(whole.queue.redriven).toBeGreaterThan(0.02 * whole.queue.sent);
    expect(partial.queue.redriven).toBeLessThan(0.002 * partial.queue.sent);
    expect(whole.queue.invocations).toBeGreaterThan(partial.queue.invocations);
    expect(whole.queue.failedInvocations).toBeGreaterThan(0);
    expect(partial.queue.failedInvocations).toBe(0);
  });

  it.each([false, true])('conserves messages on a FIFO queue (partial batch responses: %s)', (partial) => {
    const queue = '{ type: fifo, groups: 20, visibilityTimeout: 2s, maxReceiveCount: 3 }';
    const consumer = '{ duration: { p50: 10ms, p99: 40ms }, durationPerMessage: { p50: 2ms, p99: 10ms }, messageErrorRate: 0.1, timeout: 1s }';
    const { queue: q, events } = run(queue, `{ batchSize: 10, reportBatchItemFailures: ${partial} }`, consumer, '{ rate: 100/s }', '12s');
    expect(q.sent).toBeGreaterThan(900);
    expect(q.processed + q.redriven + q.expired + q.remaining).toBe(q.sent);
    expect(events['queue.messageFailures']).toBeGreaterThan(0);
    expect(events['queue.redeliveries']).toBeGreaterThan(0);
    expect(q.failedInvocations > 0).toBe(!partial);
  });
});
