/**
 * The SQS queue and its event source mapping, against a fake consumer:
 * the component contract as the producer sees it (SendMessage answered
 * once, never into the past, same seed same trace); conservation of
 * messages whenever the run stops; the visibility timeout, redrive,
 * retention, duplicates when a batch outlives its timeout; long polling's
 * request count on an idle queue; the pollers' scaling; the 64 KB billing
 * chunks; the FIFO throttle.
 */
import { describe, expect, it } from 'vitest';
import type { Component, Hop } from '../../../src/model/component.js';
import type { QueueUsage } from '../../../src/model/queue/sqs-queue.js';
import { componentContract, driven } from '../../contract/component-contract.js';
import { queueRig, sendAndRun, type ConsumerRule, type QueueSettings } from './queue-rig.js';

const HOUR = 3_600_000;
const fast: ConsumerRule = { meanMs: 50 };
const flaky: ConsumerRule = { meanMs: 50, verdict: (_a, u) => (u < 0.3 ? 'error' : 'ok') };

function contractSubject(settings: QueueSettings, rule: ConsumerRule): () => Component<QueueUsage> & Hop {
  return () => {
    const rig = queueRig(settings, rule);
    return driven(rig.queue, () => {}, (attempt, replyTo) => rig.queue.receive(attempt, replyTo));
  };
}

describe('SqsQueue contract', () => {
  componentContract('a standard queue with a consumer that answers', { create: contractSubject({}, fast), attempts: 1_000, meanGapMs: 5 });
  componentContract('a standard queue whose consumer fails a share, with a dead-letter queue', { create: contractSubject({ maxReceiveCount: 2, visibilityTimeoutMs: 5_000 }, flaky), attempts: 1_000, meanGapMs: 5 });
  componentContract('a FIFO queue (throttled sends, groups held by failures)', { create: contractSubject({ type: 'fifo', sendsPerSecond: 100, groups: 8, maxReceiveCount: 3, visibilityTimeoutMs: 5_000 }, flaky), attempts: 1_000, meanGapMs: 5 });
});

describe('SqsQueue conservation', () => {
  const configs: Array<[string, QueueSettings, ConsumerRule]> = [
    ['a consumer that answers', {}, fast],
    ['a flaky consumer and a dead-letter queue', { maxReceiveCount: 3, visibilityTimeoutMs: 10_000 }, flaky],
    ['a flaky consumer, no dead-letter queue, 2-minute retention', { retentionMs: 120_000, visibilityTimeoutMs: 10_000 }, flaky],
    ['a throttled consumer (concurrency 3)', { visibilityTimeoutMs: 10_000 }, { meanMs: 200, concurrency: 3 }],
    ['a FIFO queue with failures', { type: 'fifo', groups: 5, maxReceiveCount: 2, visibilityTimeoutMs: 10_000 }, flaky],
  ];
  const stops: Array<[string, number]> = [
    ['5 s in', 5_000],
    ['1 min in', 60_000],
    ['after an hour', HOUR],
  ];
  it.each(configs.flatMap(([name, settings, rule]) => stops.map(([when, stopAtMs]) => [name, when, settings, rule, stopAtMs] as const)))(
    '%s, stopped %s: every message sent is processed, redriven, expired or still in the queue',
    (_name, _when, settings, rule, stopAtMs) => {
      const rig = queueRig(settings, rule);
      const { usage: u, heard, gauges } = sendAndRun(rig, { count: 2_000, ratePerSecond: 100 }, stopAtMs);
      expect(heard.accepted + heard.refused).toBeLessThanOrEqual(2_000);
      expect(u.sent).toBe(heard.accepted);
      expect(u.processed + u.redriven + u.expired + u.remaining).toBe(u.sent);
      // what remains is what the gauges see in the queue
      expect(u.remaining).toBe(gauges['queue.visible'] + gauges['queue.inFlight']);
      // the consumer's answers are the mapping's counts
      expect(u.invocations).toBe(rig.log.batches);
      expect(u.throttledInvocations).toBe(rig.log.throttles);
      expect(u.failedInvocations).toBe(rig.log.errors);
    },
  );
});

describe('SqsQueue behaviour', () => {
  it('redrives a message that always fails after maxReceiveCount receives, one visibility timeout apart', () => {
    const rig = queueRig({ maxReceiveCount: 3, visibilityTimeoutMs: 20_000 }, { meanMs: 10, verdict: () => 'error' });
    const { usage: u } = sendAndRun(rig, { count: 1, ratePerSecond: 1 }, HOUR);
    expect(u.redriven).toBe(1);
    expect(rig.log.batches).toBe(3);
    // received at 5 ms (after SendMessage) and again as each 20 s visibility timeout ends (the poller's 1 s back-off is shorter)
    expect(rig.log.seen.map((s) => Math.round(s.atMs / 1000))).toEqual([0, 20, 40]);
  });

  it('without a redrive policy, a failing message comes back until its retention ends, then expires', () => {
    const rig = queueRig({ visibilityTimeoutMs: 30_000, retentionMs: 290_000 }, { meanMs: 10, verdict: () => 'error' });
    const { usage: u } = sendAndRun(rig, { count: 1, ratePerSecond: 1 }, HOUR);
    expect(u.expired).toBe(1);
    expect(u.redriven).toBe(0);
    // received every 30 s while younger than 290 s: at 0, 30, ..., 270 s; at 300 s it has expired
    expect(rig.log.batches).toBe(10);
  });

  it('a batch that outlives its visibility timeout is handed out again, and its late success is a duplicate', () => {
    // every run takes 40 s (well, exponential with a 40 s mean) against a 10 s visibility timeout
    const rig = queueRig({ visibilityTimeoutMs: 10_000, maxReceiveCount: 1_000 }, { meanMs: 40_000 });
    const { usage: u } = sendAndRun(rig, { count: 50, ratePerSecond: 10 }, 10 * HOUR);
    expect(u.duplicates).toBeGreaterThan(0);
    expect(u.processed + u.redriven + u.expired + u.remaining).toBe(50);
    expect(rig.log.batches).toBeGreaterThan(u.invocations - 1); // sanity: every invocation reached the consumer
    expect(rig.log.seen.flatMap((s) => s.messages).length).toBeGreaterThan(50); // messages were received more than once
  });

  it('an idle queue costs one ReceiveMessage per poller per 20 s long poll', () => {
    const rig = queueRig({ eventSource: { pollUntilMs: 600_000 } }, fast);
    const { usage: u } = sendAndRun(rig, { count: 0, ratePerSecond: 1 }, HOUR);
    // 5 pollers x 600 s / 20 s, and nothing else
    expect(u.emptyReceives).toBe(5 * (600 / 20));
    expect(u.receiveRequests).toBe(u.emptyReceives);
    expect(u.billedRequests).toBe(150);
  });

  it('scales from 5 pollers by at most 5 a second, up to the maximum concurrency, while messages wait', () => {
    const rig = queueRig({ eventSource: { maxPollers: 40, batchSize: 1 } }, { meanMs: 1_000 });
    const start = sendAndRun(rig, { count: 20_000, ratePerSecond: 200 }, 2_500);
    expect(start.gauges['queue.pollers']).toBeLessThanOrEqual(5 + 2 * 5);
    const rig2 = queueRig({ eventSource: { maxPollers: 40, batchSize: 1 } }, { meanMs: 1_000 });
    sendAndRun(rig2, { count: 20_000, ratePerSecond: 200 }, 60_000);
    expect(rig2.log.peakBusy).toBe(40);
  });

  it('throttles make the mapping back off: with a consumer limited to 10, throttles stay a small share of invocations', () => {
    const rig = queueRig({ visibilityTimeoutMs: 60_000 }, { meanMs: 500, concurrency: 10 });
    const { usage: u } = sendAndRun(rig, { count: 20_000, ratePerSecond: 100 }, HOUR);
    expect(u.throttledInvocations).toBeGreaterThan(0);
    expect(u.throttledInvocations / u.invocations).toBeLessThan(0.1);
    expect(u.processed).toBe(20_000);
  });

  it('bills each request per 64 KB chunk: a 256 KB SendMessage is 4 requests (the pricing page\'s example)', () => {
    const rig = queueRig({ eventSource: { batchSize: 1 } }, fast);
    const { usage: u } = sendAndRun(rig, { count: 1, ratePerSecond: 1, bytes: 256 * 1024 }, 60_000);
    expect(u.sendRequests).toBe(1);
    // send 4 + receive 4 (it returns the 256 KB message) + delete 1, and the empty long polls of the minute
    expect(u.billedRequests).toBe(4 + 4 + 1 + u.emptyReceives);
  });

  it('refuses a message over 1 MiB (400) and, on a FIFO queue, SendMessage calls over its rate (ThrottlingException)', () => {
    const big = sendAndRun(queueRig({}, fast), { count: 3, ratePerSecond: 1, bytes: 1024 * 1024 + 1 }, 60_000);
    expect(big.heard).toEqual({ accepted: 0, refused: 3 });
    expect(big.usage.refused).toBe(3);
    // 300/s with a one-second burst, offered 600/s for 10 s: about 300 x 10 + 300 taken
    const fifo = sendAndRun(queueRig({ type: 'fifo', sendsPerSecond: 300, groups: 100 }, fast), { count: 6_000, ratePerSecond: 600 }, 60_000);
    expect(fifo.usage.sent).toBeGreaterThan(3_000);
    expect(fifo.usage.sent).toBeLessThan(3_600);
    expect(fifo.usage.refused).toBe(6_000 - fifo.usage.sent);
  });

  it('a failing message holds its FIFO group: nothing behind it is processed until it is redriven', () => {
    const firstOfGroupFails = (attempt: Parameters<NonNullable<ConsumerRule['verdict']>>[0]) => (attempt.batch.messages.some((m) => m.seq === 0) ? 'error' : 'ok');
    const rig = queueRig({ type: 'fifo', groups: 1, maxReceiveCount: 2, visibilityTimeoutMs: 30_000 }, { meanMs: 10, verdict: firstOfGroupFails });
    const { usage: u } = sendAndRun(rig, { count: 20, ratePerSecond: 100 }, HOUR);
    expect(u.redriven).toBeGreaterThanOrEqual(1);
    // the first success comes only after two visibility timeouts: the group waited for message 0
    expect(rig.log.succeeded[0].atMs).toBeGreaterThan(2 * 30_000);
    expect(u.processed + u.redriven).toBe(20);
  });
});
