/**
 * Per-message failures in SQS batches (src/model/queue/batch-work.ts), by
 * property: whatever the queue type, batch size, failure share and timing,
 * - without partial batch responses a delivery with a failed message makes
 *   the handler throw, and every message of that batch comes back (is
 *   received again); a batch with none failed is deleted whole;
 * - with them, only the messages the handler reported come back; on a
 *   standard queue those are exactly the ones whose draw failed, on a FIFO
 *   queue the first failed one and every message after it in the batch
 *   (AWS: "stop processing messages after the first failure and return all
 *   failed and unprocessed messages");
 * - a poison message fails on every delivery;
 * - and every message sent is processed, redriven, expired or still queued.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchAttempt } from '../../../src/model/queue/event-source-mapping.js';
import { BatchWork } from '../../../src/model/queue/batch-work.js';
import { queueRig, sendAndRun } from './queue-rig.js';

const VISIBILITY_MS = 5_000;
const STOP_MS = 600_000;

describe('SQS batches with per-message failures', () => {
  it('return the whole batch without partial batch responses, only the reported messages with them', () => {
    fc.assert(
      fc.property(
        fc.record({
          fifo: fc.boolean(),
          partial: fc.boolean(),
          groups: fc.integer({ min: 1, max: 6 }),
          batchSize: fc.integer({ min: 1, max: 10 }),
          messageErrorRate: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
          poisonMessageRate: fc.constantFrom(0, 0.05),
          ratePerSecond: fc.integer({ min: 5, max: 200 }),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
        }),
        (c) => {
          const work = new BatchWork('queue', { perMessage: null, messageErrorRate: c.messageErrorRate, poisonMessageRate: c.poisonMessageRate, reportBatchItemFailures: c.partial, fifo: c.fifo });
          let started = false;
          const deliveries: Array<{ atMs: number; seqs: number[]; back: Set<number>; threw: boolean }> = [];
          const rig = queueRig(
            { type: c.fifo ? 'fifo' : 'standard', groups: c.fifo ? c.groups : 1, sendsPerSecond: c.fifo ? 300 : Infinity, visibilityTimeoutMs: VISIBILITY_MS, eventSource: { batchSize: c.batchSize } },
            {
              meanMs: 50,
              verdict: (attempt: BatchAttempt) => {
                if (!started) work.start(rig.ctx());
                started = true;
                work.extraMs(attempt);
                const threw = work.throws(attempt);
                const seqs = attempt.batch.messages.map((m) => m.seq);
                const failed = attempt.failed ?? [];
                if (failed.length > 0 && (c.fifo || !c.partial)) {
                  // the handler stops at the first failure: what it reports is a suffix of the batch
                  const from = seqs.indexOf(failed[0].seq);
                  expect(failed.map((m) => m.seq)).toEqual(seqs.slice(from));
                }
                expect(threw).toBe(!c.partial && failed.length > 0);
                const back = new Set(threw ? seqs : failed.map((m) => m.seq));
                deliveries.push({ atMs: rig.ctx().sim.now, seqs, back, threw });
                return threw ? 'error' : 'ok';
              },
            },
          );
          const { usage } = sendAndRun(rig, { count: 200, ratePerSecond: c.ratePerSecond, seed: c.seed }, STOP_MS);
          // a message comes back exactly when its delivery sent it back (deliveries whose return the run saw)
          for (let i = 0; i < deliveries.length; i++) {
            const d = deliveries[i];
            if (d.atMs + VISIBILITY_MS + 60_000 > STOP_MS) continue;
            for (const seq of d.seqs) {
              const again = deliveries.slice(i + 1).some((later) => later.seqs.includes(seq));
              expect(again, `message ${seq} delivered at ${d.atMs} ms`).toBe(d.back.has(seq));
            }
          }
          expect(deliveries.some((d) => d.back.size > 0)).toBe(true);
          expect(usage.processed + usage.redriven + usage.expired + usage.remaining).toBe(usage.sent);
          expect(usage.sent).toBe(200);
        },
      ),
      { numRuns: 40, seed: 29 },
    );
  });

  it('fail a poison message on every delivery until it is redriven, and no other', () => {
    const work = new BatchWork('queue', { perMessage: null, messageErrorRate: 0, poisonMessageRate: 0.1, reportBatchItemFailures: true, fifo: false });
    let started = false;
    const outcomes = new Map<number, boolean[]>(); // seq -> failed, delivery by delivery
    const rig = queueRig(
      { type: 'standard', visibilityTimeoutMs: VISIBILITY_MS, maxReceiveCount: 4, eventSource: { batchSize: 10 } },
      {
        meanMs: 50,
        verdict: (attempt: BatchAttempt) => {
          if (!started) work.start(rig.ctx());
          started = true;
          work.extraMs(attempt);
          const failed = new Set((attempt.failed ?? []).map((m) => m.seq));
          for (const m of attempt.batch.messages) outcomes.set(m.seq, [...(outcomes.get(m.seq) ?? []), failed.has(m.seq)]);
          return 'ok';
        },
      },
    );
    const { usage } = sendAndRun(rig, { count: 400, ratePerSecond: 50, seed: 3 }, STOP_MS);
    const poisoned = [...outcomes.values()].filter((o) => o[0]);
    // each message is poison with probability 0.1: 40 expected of 400, sd 6
    expect(poisoned.length).toBeGreaterThan(40 - 4 * 6);
    expect(poisoned.length).toBeLessThan(40 + 4 * 6);
    // a poison message fails all of its 4 receives, then goes to the dead-letter queue; the others succeed at once
    for (const o of poisoned) expect(o).toEqual([true, true, true, true]);
    for (const o of outcomes.values()) if (!o[0]) expect(o).toEqual([false]);
    expect(usage.redriven).toBe(poisoned.length);
  });
});
