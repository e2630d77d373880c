/**
 * The event queue against a sorted-array model under random operations: with
 * the heap alone (few events), and with the calendar switched on early and
 * resized often, so events move between the two structures while pending.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type CalendarTuning, type PoppedEvent } from '../../src/engine/event-queue.js';

type Op = { kind: 'push'; ahead: number; priority: number } | { kind: 'pop' } | { kind: 'remove'; pick: number };

/**
 * Pushes land `ahead` ms after the latest pop; a negative `ahead` pushes before it (only the queue's own users can).
 * A push weight above 5 makes the queue grow on average (pops weigh 4, removes 1), so it fills the calendar.
 */
const ops = (ahead: fc.Arbitrary<number>, minLength: number, maxLength: number, pushWeight = 5): fc.Arbitrary<Op[]> =>
  fc.array(
    fc.oneof(
      { weight: pushWeight, arbitrary: fc.record({ kind: fc.constant('push' as const), ahead, priority: fc.integer({ min: -2, max: 2 }) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('pop' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
    ),
    { minLength, maxLength },
  );

/** Runs the operations against the queue and a sorted array; returns how many events the calendar held at its fullest. */
function checkAgainstModel(list: Op[], tuning: Partial<CalendarTuning>): number {
  const queue = new EventQueue<number>(2, tuning); // tiny, so the arrays grow during the test
  const model: Array<{ time: number; priority: number; seq: number; id: number }> = [];
  const sink: PoppedEvent<number> = { timeMs: 0, callback: null, payload: undefined };
  let seq = 0;
  let nowMs = 0;
  let calendarPeak = 0;
  for (const o of list) {
    if (o.kind === 'push') {
      const mine = seq++;
      const time = nowMs + o.ahead;
      const id = queue.push(time, o.priority, () => {}, mine);
      model.push({ time, priority: o.priority, seq: mine, id });
    } else if (o.kind === 'pop') {
      model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
      const expected = model.shift();
      expect(queue.popInto(sink)).toBe(expected !== undefined);
      if (expected) {
        expect([sink.timeMs, sink.payload]).toEqual([expected.time, expected.seq]);
        nowMs = expected.time;
      }
    } else if (model.length > 0) {
      const [victim] = model.splice(o.pick % model.length, 1);
      expect(queue.remove(victim.id)).toBe(true);
      expect(queue.remove(victim.id)).toBe(false);
    }
    expect(queue.size).toBe(model.length);
    expect(queue.peekTime()).toBe(model.reduce((m, e) => Math.min(m, e.time), Infinity));
    calendarPeak = Math.max(calendarPeak, queue.calendarState().held);
  }
  return calendarPeak;
}

describe('EventQueue', () => {
  it('property: with the heap alone, pops, removes and sizes agree with a sorted array (pop followed by push included)', () => {
    fc.assert(fc.property(ops(fc.integer({ min: -5, max: 30 }), 0, 400), (list) => void checkAgainstModel(list, {})), { numRuns: 300 });
  });

  it('property: the same with the calendar on from 4 events and resized every 8 pops (ties, bursts, far and infinite times)', () => {
    const ahead = fc.oneof(
      fc.integer({ min: 0, max: 3 }), // many equal times: ties break by priority, then order
      fc.double({ min: 0, max: 50, noNaN: true }),
      fc.double({ min: 0, max: 5_000, noNaN: true }), // beyond the window: the heap
      fc.constant(Infinity),
      fc.double({ min: -20, max: 0, noNaN: true }), // before the latest pop
    );
    let calendarUsed = 0;
    fc.assert(
      fc.property(ops(ahead, 300, 1_500, 6), (list) => {
        calendarUsed = Math.max(calendarUsed, checkAgainstModel(list, { minEvents: 4, popsPerTune: 8 }));
      }),
      { numRuns: 200 },
    );
    expect(calendarUsed).toBeGreaterThan(20); // the property did exercise the calendar
  });

  it('orders a burst of thousands of simultaneous events by priority, then scheduling order, across the calendar', () => {
    const queue = new EventQueue<number>(16, { minEvents: 8, popsPerTune: 16 });
    const sink: PoppedEvent<number> = { timeMs: 0, callback: null, payload: undefined };
    for (let i = 0; i < 64; i++) queue.push(i, 0, () => {}, -1); // spread, so the calendar gets a width
    for (let i = 0; i < 32; i++) queue.popInto(sink);
    for (let i = 0; i < 5_000; i++) queue.push(100, i % 3 === 0 ? 1 : 0, () => {}, i);
    const popped: number[] = [];
    while (queue.popInto(sink)) if (sink.timeMs === 100) popped.push(sink.payload as number);
    const expected = [...Array(5_000).keys()].sort((a, b) => Number(a % 3 === 0) - Number(b % 3 === 0) || a - b);
    expect(popped).toEqual(expected);
  });

  it('sizes its buckets for where events crowd: half due within 10 ms, the rest up to 3 s away, an insert walks back less than one event', () => {
    // the cached front door's shape: with buckets sized to the 95 % window alone, they held ~40 events each near the front
    const queue = new EventQueue<null>(); // the default tuning
    const sink: PoppedEvent<null> = { timeMs: 0, callback: null, payload: null };
    let state = 12345;
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const ahead = () => {
      const u = uniform();
      return u < 0.5 ? 10 * uniform() : u < 0.93 ? 100 + 200 * uniform() : 1000 + 2000 * uniform();
    };
    for (let i = 0; i < 300; i++) queue.push(ahead(), 0, () => {}, null);
    for (let i = 0; i < 60_000; i++) {
      queue.popInto(sink);
      queue.push(sink.timeMs + ahead(), 0, () => {}, null);
    }
    const calendar = queue.calendarState();
    expect(calendar.buckets).toBeGreaterThan(0);
    expect(calendar.filed).toBeGreaterThan(1_000); // counted since the last look
    expect(calendar.walkSteps / calendar.filed).toBeLessThan(1);
  });

  it('popInto leaves an event due after `untilMs` in place', () => {
    const queue = new EventQueue<string>();
    const sink: PoppedEvent<string> = { timeMs: 0, callback: null, payload: undefined };
    queue.push(10, 0, () => {}, 'a');
    expect(queue.popInto(sink, 9.5)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.popInto(sink, 10)).toBe(true);
    expect(sink.payload).toBe('a');
  });

  it('rejects priorities outside [-128, 127] or not whole', () => {
    const queue = new EventQueue<null>();
    expect(() => queue.push(0, 128, () => {}, null)).toThrow(RangeError);
    expect(() => queue.push(0, 0.5, () => {}, null)).toThrow(RangeError);
    expect(() => queue.push(0, -128, () => {}, null)).not.toThrow();
  });
});

/**
 * Pushes and pops one event at a time, `times` times, with nothing else
 * pending: each takes the slot the one before freed. Returns that slot.
 */
function reuseOneSlot(queue: EventQueue<string>, times: number): number {
  let slot = -1;
  for (let i = 0; i < times; i++) {
    queue.push(i, 0, () => {}, 'filler');
    const popped = queue.pop();
    if (slot < 0) slot = popped;
    if (popped !== slot) throw new Error(`filler ${i} took slot ${popped}, not ${slot}`);
    queue.release(popped);
  }
  return slot;
}

describe('EventQueue: stale handles', () => {
  // 128, 256 and 10,240 (80 * 128) are where the generation modulo 128 that handles once carried came round to the stale one's
  it.each([
    [1, 'ran'],
    [127, 'ran'],
    [128, 'ran'],
    [129, 'ran'],
    [256, 'ran'],
    [10_240, 'ran'],
    [128, 'was removed'],
    [256, 'was removed'],
    [10_240, 'was removed'],
  ])('a handle whose slot was reused %i times since its event %s removes nothing, and the event now in the slot still comes out', (reuses, fate) => {
    const queue = new EventQueue<string>();
    const stale = queue.push(0, 0, () => {}, 'stale');
    let slot: number;
    if (fate === 'ran') {
      slot = queue.pop();
      queue.release(slot);
    } else {
      expect(queue.remove(stale)).toBe(true);
      slot = -1;
    }
    const fillerSlot = reuseOneSlot(queue, reuses - 1);
    if (slot < 0) slot = fillerSlot;
    if (reuses > 1) expect(fillerSlot).toBe(slot);
    queue.push(reuses, 0, () => {}, 'victim');
    expect(queue.remove(stale)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.pop()).toBe(slot);
    expect(queue.payloadOf(slot)).toBe('victim');
  });

  it('handles stay distinct safe integers over 100,000 events in three slots, and every spent one removes nothing', () => {
    const queue = new EventQueue<number>();
    const spent = new Set<number>();
    const pending = [0, 1, 2].map((i) => queue.push(i, 0, () => {}, i));
    for (let i = 3; i < 100_000; i++) {
      const slot = queue.pop();
      spent.add(pending[queue.payloadOf(slot) % 3]);
      queue.release(slot);
      pending[i % 3] = queue.push(i, 0, () => {}, i);
    }
    expect(spent.size).toBe(100_000 - 3);
    expect([...spent].every((id) => Number.isSafeInteger(id) && id >= 0)).toBe(true);
    expect(pending.some((id) => spent.has(id))).toBe(false);
    expect([...spent].filter((id) => queue.remove(id))).toEqual([]);
    expect(queue.size).toBe(3);
    expect(pending.map((id) => queue.remove(id))).toEqual([true, true, true]);
  });

  it('a slot retires once its generations are spent (4 here, 2^29 by default), so no handle is ever given twice', () => {
    const queue = new EventQueue<string>(1024, {}, 4);
    const handles: number[] = [];
    const slots: number[] = [];
    for (let i = 0; i < 10; i++) {
      handles.push(queue.push(i, 0, () => {}, `e${i}`));
      const slot = queue.pop();
      slots.push(slot);
      queue.release(slot);
    }
    expect(slots).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
    expect(new Set(handles).size).toBe(10);
    queue.push(10, 0, () => {}, 'pending');
    expect(handles.filter((id) => queue.remove(id))).toEqual([]);
    expect(queue.size).toBe(1);
    expect(() => new EventQueue(8, {}, 0)).toThrow(RangeError);
    expect(() => new EventQueue(8, {}, 2 ** 29 + 1)).toThrow(RangeError);
  });

  it('a value that no push returned removes nothing', () => {
    const queue = new EventQueue<null>();
    const id = queue.push(1, 0, () => {}, null);
    queue.push(2, 0, () => {}, null);
    for (const wrong of [-1, id + 0.5, 0.5, Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 24 - 1, 2 ** 60]) {
      expect(queue.remove(wrong)).toBe(false);
    }
    expect(queue.size).toBe(2);
    expect(queue.remove(id)).toBe(true);
  });
});
