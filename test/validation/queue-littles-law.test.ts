/**
 * Little's law on an SQS queue, run as a user runs it (a REST API writing to
 * the queue, a consumer function behind the event source mapping): the mean
 * number of messages in the queue (visible and in flight) equals the arrival
 * rate times the mean time a message spends in it, L = lambda W.
 *
 * Over a finite window the law holds up to its edges: messages already in
 * the queue when the window opens add depth but no counted arrival, and
 * those still in it when the window closes were counted but have not left.
 * Each such message shifts L T - lambda W T by at most the longest time in
 * the queue, so |L - lambda W| <= (N_open + N_close) W_max / T: the
 * tolerance shrinks as the run lengthens. The test also checks the bound is
 * tight enough to mean something (under 2 % of L here), and that the mean of
 * the depth the time series sampled once a second agrees too, within its own
 * sampling error (3 standard errors of a mean of T / 1 s samples whose
 * correlation lasts about W: 3 L sqrt(2 W / T), plus the edge bound).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import type { QueueUsage } from '../../src/model/queue/sqs-queue.js';

function scenario(queue: string, eventSource: string, consumer: string): string {
  return `
name: little
seed: 5
duration: 31m
warmup: 1m
load: { rate: 200/s }
api: { type: rest }
integration:
  type: sqs
  queue: ${queue}
  eventSource: ${eventSource}
  consumer: ${consumer}
`;
}

const CASES: Array<[string, string]> = [
  ['a standard queue, batches of 10, a fast consumer', scenario('{ type: standard }', '{ batchSize: 10 }', '{ duration: { p50: 40ms, p99: 150ms }, concurrency: { reserved: 10 } }')],
  ['a standard queue with a 2 s batching window', scenario('{ type: standard }', '{ batchSize: 100, batchWindow: 2s }', '{ duration: { p50: 80ms, p99: 300ms }, concurrency: { reserved: 5 } }')],
  ['a FIFO queue, 50 groups, a consumer that fails 2 % and is retried', scenario('{ type: fifo, groups: 50, visibilityTimeout: 6s, maxReceiveCount: 10 }', '{ batchSize: 10 }', '{ duration: { p50: 60ms, p99: 200ms }, errorRate: 0.02, timeout: 5s }')],
];

describe("SQS queue: Little's law", () => {
  it.each(CASES)('%s', (_name, text) => {
    const s = parseScenario(text, 'little.yaml');
    const result = runScenario(s);
    const u = result.usage.queue as QueueUsage;
    const measuredMs = s.duration - s.warmup;
    const depth = u.depthMessageMs / measuredMs; // L, messages
    const rate = u.sent / measuredMs; // lambda, messages per ms
    const timeInQueueMs = u.sojournMs / u.departed; // W
    const maxMs = result.summary.deliveryMs!.max; // no message redriven or expired: each left after its processing
    expect(u.redriven + u.expired).toBe(0);
    const rows = Array.from({ length: result.records.series.length }, (_, i) => result.records.series.row(i));
    const depthAt = (i: number) => rows[i].gauges['queue.visible'] + rows[i].gauges['queue.inFlight'];
    const warmupRow = rows.findIndex((r) => r.endMs >= s.warmup);
    const edge = ((depthAt(warmupRow) + u.remaining + result.summary.peaks['queue.inFlight']) * maxMs) / measuredMs;
    expect(Math.abs(depth - rate * timeInQueueMs)).toBeLessThanOrEqual(edge);
    expect(edge / depth).toBeLessThan(0.02);
    // the depth the time series saw, once a second
    const sampled = rows.filter((r) => r.endMs > s.warmup);
    const sampledDepth = sampled.reduce((sum, _r, i) => sum + depthAt(rows.indexOf(sampled[i])), 0) / sampled.length;
    const samplingError = 3 * depth * Math.sqrt((2 * Math.max(timeInQueueMs, 1000)) / measuredMs);
    expect(Math.abs(sampledDepth - rate * timeInQueueMs)).toBeLessThanOrEqual(samplingError + edge);
  }, 120_000);
});
