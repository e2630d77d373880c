import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { DeadlineQueue } from '../../../src/model/shared/deadline-queue.js';

describe('DeadlineQueue', () => {
  it('expires items in order at add time + timeout; cancelled items never expire', () => {
    const sim = new Simulator();
    const expired: Array<[number, string]> = [];
    const queue = new DeadlineQueue<string>(sim, 100, (item) => expired.push([sim.now, item]));
    const handles: Record<string, number> = {};
    for (const [at, name] of [[0, 'a'], [10, 'b'], [10, 'c'], [50, 'd']] as const) sim.scheduleAt(at, () => (handles[name] = queue.add(name)), null);
    sim.scheduleAt(60, () => {
      expect(queue.cancel(handles.b)).toBe(true);
      expect(queue.cancel(handles.b)).toBe(false);
      expect(queue.size).toBe(3);
    }, null);
    sim.run();
    expect(expired).toEqual([
      [100, 'a'],
      [110, 'c'],
      [150, 'd'],
    ]);
    expect(queue.cancel(handles.a)).toBe(false); // already expired
    expect(queue.size).toBe(0);
  });

  it('a reply at the very deadline wins over the time-out', () => {
    const sim = new Simulator();
    const expired: string[] = [];
    const queue = new DeadlineQueue<string>(sim, 100, (item) => expired.push(item));
    const handle = queue.add('x');
    sim.scheduleAt(100, () => queue.cancel(handle), null);
    sim.run();
    expect(expired).toEqual([]);
  });

  it('property: every item either expires exactly once at its deadline or is cancelled before it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.option(fc.integer({ min: 0, max: 200 }))), { maxLength: 300 }), (items) => {
        const sim = new Simulator();
        const expiredAt = new Map<number, number>();
        const queue = new DeadlineQueue<number>(sim, 100, (i) => {
          expect(expiredAt.has(i)).toBe(false);
          expiredAt.set(i, sim.now);
        });
        items.forEach(([at, cancelAfter], i) =>
          sim.scheduleAt(at, () => {
            const handle = queue.add(i);
            if (cancelAfter !== null) sim.schedule(cancelAfter, () => queue.cancel(handle), null);
          }, null),
        );
        sim.run();
        items.forEach(([at, cancelAfter], i) => {
          if (cancelAfter !== null && cancelAfter <= 100) expect(expiredAt.has(i)).toBe(false);
          else expect(expiredAt.get(i)).toBe(at + 100);
        });
      }),
    );
  });
});
