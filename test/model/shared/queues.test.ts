/**
 * DeadlineQueue (fixed time-out for many items), with the cases ring buffers
 * get wrong: growing while the head is not at index 0, and wrapping around
 * the end of the storage.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { DeadlineQueue } from '../../../src/model/shared/deadline-queue.js';

describe('DeadlineQueue', () => {
  function setup(timeoutMs: number) {
    const sim = new Simulator();
    const expired: Array<[number, string]> = [];
    const queue = new DeadlineQueue<string>(sim, timeoutMs, (item) => expired.push([sim.now, item]));
    return { sim, expired, queue };
  }

  it('expires items at add time + timeout, in the order they were added', () => {
    const { sim, expired, queue } = setup(50);
    for (const [at, item] of [[0, 'a'], [0, 'b'], [20, 'c'], [70, 'd']] as const) sim.scheduleAt(at, () => queue.add(item), null);
    sim.run();
    expect(expired).toEqual([[50, 'a'], [50, 'b'], [70, 'c'], [120, 'd']]);
    expect(queue.size).toBe(0);
  });

  it('tells each expiry when its item was added (a client attempt\'s start), also after the ring grew', () => {
    const sim = new Simulator();
    const told: Array<[string, number, number]> = [];
    const queue = new DeadlineQueue<string>(sim, 25.5, (item, addedMs) => told.push([item, addedMs, sim.now]));
    // 100 items at fractional times, so the ring grows past its 64 places while the head is not at 0
    for (let i = 0; i < 100; i++) sim.scheduleAt(i * 0.75 + 0.1, () => queue.add(`i${i}`), null);
    sim.run();
    expect(told).toHaveLength(100);
    for (const [i, [item, addedMs, expiredMs]] of told.entries()) {
      expect(item).toBe(`i${i}`);
      expect(addedMs).toBe(i * 0.75 + 0.1);
      expect(expiredMs).toBe(addedMs + 25.5); // the deadline is that sum, to the bit
    }
  });

  it('cancelling the head while its timer is armed: the next item still expires at its own deadline', () => {
    const { sim, expired, queue } = setup(100);
    const handle = queue.add('first'); // timer armed for t = 100
    sim.scheduleAt(10, () => expect(queue.cancel(handle)).toBe(true), null);
    sim.scheduleAt(50, () => queue.add('second'), null);
    sim.run();
    expect(expired).toEqual([[150, 'second']]);
  });

  it('after everything was cancelled and the timer ran dry, a new add re-arms it', () => {
    const { sim, expired, queue } = setup(30);
    const h = queue.add('gone');
    queue.cancel(h);
    sim.run();
    expect(expired).toEqual([]);
    sim.scheduleAt(1000, () => queue.add('late'), null);
    sim.run();
    expect(expired).toEqual([[1030, 'late']]);
  });

  it('handles hundreds of items (growth past 64 slots, with wrap-around), cancelling every third', () => {
    const { sim, expired, queue } = setup(1000);
    const expected: Array<[number, string]> = [];
    for (let i = 0; i < 500; i++) {
      sim.scheduleAt(i * 5, () => {
        const h = queue.add(`r${i}`);
        if (i % 3 === 0) sim.schedule(999, () => expect(queue.cancel(h)).toBe(true), null);
      }, null);
      if (i % 3 !== 0) expected.push([i * 5 + 1000, `r${i}`]);
    }
    sim.run();
    expect(expired).toEqual(expected);
  });

  it('size counts live items; invalid, expired or repeated cancels return false', () => {
    const { sim, queue } = setup(10);
    const a = queue.add('a');
    const b = queue.add('b');
    expect(queue.size).toBe(2);
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.cancel(-1)).toBe(false);
    expect(queue.cancel(b + 100)).toBe(false); // never issued
    sim.run();
    expect(queue.cancel(b)).toBe(false); // expired
    expect(queue.size).toBe(0);
  });

  it('an item added by the expiry callback waits a full timeout from then', () => {
    const sim = new Simulator();
    const log: Array<[number, string]> = [];
    const queue: DeadlineQueue<string> = new DeadlineQueue<string>(sim, 40, (item) => {
      log.push([sim.now, item]);
      if (item === 'a') queue.add('retry of a');
    });
    queue.add('a');
    sim.run();
    expect(log).toEqual([[40, 'a'], [80, 'retry of a']]);
  });
});

describe('DeadlineQueue, growing while it fires', () => {
  it('items added by expiry callbacks that grow the ring still expire in order, once each', () => {
    const sim = new Simulator();
    const log: Array<[number, string]> = [];
    // 60 items due at once; each expiry adds two more, so the ring grows from 64 places while `fire` walks it
    const queue: DeadlineQueue<string> = new DeadlineQueue<string>(sim, 10, (item) => {
      log.push([sim.now, item]);
      if (!item.includes('.')) {
        queue.add(`${item}.a`);
        queue.add(`${item}.b`);
      }
    });
    const handles = Array.from({ length: 60 }, (_, i) => queue.add(`i${i}`));
    for (let i = 0; i < 60; i += 4) queue.cancel(handles[i]); // every fourth never expires
    sim.run();
    const first = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 4 !== 0);
    expect(log).toEqual([...first.map((i) => [10, `i${i}`]), ...first.flatMap((i) => [[20, `i${i}.a`], [20, `i${i}.b`]])]);
    expect(queue.size).toBe(0);
  });

  it('passes long runs of cancelled places and still expires the live item after them', () => {
    const sim = new Simulator();
    const expired: Array<[number, number]> = [];
    const queue = new DeadlineQueue<number>(sim, 1000, (i) => expired.push([sim.now, i]));
    const handles: number[] = [];
    for (let i = 0; i < 300; i++) sim.scheduleAt(i, () => handles.push(queue.add(i)), null);
    sim.scheduleAt(299.5, () => {
      for (let i = 0; i < 300; i++) if (i !== 0 && i !== 97 && i !== 250) queue.cancel(handles[i]);
    }, null);
    sim.run();
    expect(expired).toEqual([[1000, 0], [1097, 97], [1250, 250]]);
    expect(queue.size).toBe(0);
  });
});
