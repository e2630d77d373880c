/**
 * FIFO ordering, by property: whatever the groups, the batch size, the
 * visibility timeout, the redrive policy, the consumer's failures and its
 * speed, (1) no two batches in flight ever hold messages of the same group,
 * (2) within a batch a group's messages come in the order they were sent,
 * and (3) per group, the messages a success deletes come in send order (a
 * message redriven to the dead-letter queue is skipped for good; a success
 * that comes after its batch's visibility timeout deletes nothing, as the
 * group was handed on).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchAttempt } from '../../../src/model/queue/event-source-mapping.js';
import { queueRig, sendAndRun } from './queue-rig.js';

describe('FIFO queue: per-group order', () => {
  it('holds for any groups, batches, failures and timings', () => {
    fc.assert(
      fc.property(
        fc.record({
          groups: fc.integer({ min: 1, max: 12 }),
          batchSize: fc.integer({ min: 1, max: 10 }),
          visibilitySeconds: fc.integer({ min: 1, max: 60 }),
          maxReceiveCount: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
          failShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
          meanMs: fc.integer({ min: 1, max: 3_000 }),
          ratePerSecond: fc.integer({ min: 5, max: 300 }),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
        }),
        (c) => {
          const inFlight = new Map<number, number>(); // group -> batches holding it
          let overlap = 0;
          let outOfOrderInBatch = 0;
          const rig = queueRig(
            { type: 'fifo', groups: c.groups, visibilityTimeoutMs: c.visibilitySeconds * 1000, maxReceiveCount: c.maxReceiveCount, sendsPerSecond: 300, eventSource: { batchSize: c.batchSize } },
            {
              meanMs: c.meanMs,
              verdict: (attempt: BatchAttempt, u: number) => {
                const lastSeq = new Map<number, number>();
                for (const m of attempt.batch.messages) {
                  if ((lastSeq.get(m.group) ?? -1) > m.seq) outOfOrderInBatch++;
                  lastSeq.set(m.group, m.seq);
                }
                return u < c.failShare ? 'error' : 'ok';
              },
            },
          );
          // a batch holds its groups from its receive until its visibility ends or its success deletes it (its live flag)
          const seenBatches: BatchAttempt['batch'][] = [];
          const receive = rig.queue.receiveBatch.bind(rig.queue);
          rig.queue.receiveBatch = (maxCount: number, maxBytes: number) => {
            for (const b of seenBatches) if (!b.live) for (const g of new Set(b.messages.map((m) => m.group))) inFlight.set(g, (inFlight.get(g) ?? 1) - 1);
            for (let i = seenBatches.length - 1; i >= 0; i--) if (!seenBatches[i].live) seenBatches.splice(i, 1);
            const batch = receive(maxCount, maxBytes);
            if (batch) {
              for (const g of new Set(batch.messages.map((m) => m.group))) {
                if ((inFlight.get(g) ?? 0) > 0) overlap++;
                inFlight.set(g, (inFlight.get(g) ?? 0) + 1);
              }
              seenBatches.push(batch);
            }
            return batch;
          };
          const { usage } = sendAndRun(rig, { count: 300, ratePerSecond: c.ratePerSecond, seed: c.seed }, 2 * 3_600_000);
          expect(overlap).toBe(0);
          expect(outOfOrderInBatch).toBe(0);
          // the successes that deleted their messages, per group in send order
          const done = new Set<number>();
          const lastByGroup = new Map<number, number>();
          for (const s of rig.log.succeeded.filter((x) => x.live)) {
            if (done.has(s.seq)) continue;
            done.add(s.seq);
            expect(s.seq, `group ${s.group}`).toBeGreaterThan(lastByGroup.get(s.group) ?? -1);
            lastByGroup.set(s.group, s.seq);
          }
          expect(usage.processed + usage.redriven + usage.expired + usage.remaining).toBe(usage.sent);
        },
      ),
      { numRuns: 60, seed: 20261205 },
    );
  });
});
