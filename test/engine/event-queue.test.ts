/** The event heap against a sorted-array model under random operations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type PoppedEvent } from '../../src/engine/event-queue.js';

type Op = { kind: 'push'; time: number; priority: number } | { kind: 'pop' } | { kind: 'remove'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 30 }), priority: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('EventQueue', () => {
  it('property: pops, removes and sizes agree with a sorted array (pop followed by push included)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue<number>(2); // tiny, so the arrays grow during the test
        const model: Array<{ time: number; priority: number; seq: number; id: number }> = [];
        const sink: PoppedEvent<number> = { timeMs: 0, callback: null, payload: undefined };
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const mine = seq++;
            const id = queue.push(o.time, o.priority, () => {}, mine);
            model.push({ time: o.time, priority: o.priority, seq: mine, id });
          } else if (o.kind === 'pop') {
            model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
            const expected = model.shift();
            expect(queue.popInto(sink)).toBe(expected !== undefined);
            if (expected) expect([sink.timeMs, sink.payload]).toEqual([expected.time, expected.seq]);
          } else if (model.length > 0) {
            const [victim] = model.splice(o.pick % model.length, 1);
            expect(queue.remove(victim.id)).toBe(true);
            expect(queue.remove(victim.id)).toBe(false);
          }
          expect(queue.size).toBe(model.length);
          // peeking settles a popped root, so skip it after a pop: the next push then takes the root's place
          if (o.kind !== 'pop') expect(queue.peekTime()).toBe(model.reduce((m, e) => Math.min(m, e.time), Infinity));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects priorities outside [-128, 127] or not whole', () => {
    const queue = new EventQueue<null>();
    expect(() => queue.push(0, 128, () => {}, null)).toThrow(RangeError);
    expect(() => queue.push(0, 0.5, () => {}, null)).toThrow(RangeError);
    expect(() => queue.push(0, -128, () => {}, null)).not.toThrow();
  });
});
