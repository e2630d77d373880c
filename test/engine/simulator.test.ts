/**
 * The kernel's contract, asserted as event traces: events run in
 * (time, priority, scheduling order); cancelled events never run; run()
 * stops at its bound; errors name their owner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { owned, SimulationError, Simulator } from '../../src/engine/simulator.js';

type Trace = Array<[number, string]>;

function tracer(sim: Simulator, trace: Trace) {
  return (label: string) => () => {
    trace.push([sim.now, label]);
  };
}

describe('Simulator', () => {
  it('runs events by time, then priority, then scheduling order', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = tracer(sim, trace);
    sim.scheduleAt(20, at('b'), null);
    sim.scheduleAt(10, at('a'), null);
    sim.scheduleAt(20, at('c'), null);
    sim.scheduleAt(20, at('first at 20 (priority -1)'), null, -1);
    sim.scheduleAt(20, at('last at 20 (priority 5)'), null, 5);
    sim.run();
    expect(trace).toEqual([
      [10, 'a'],
      [20, 'first at 20 (priority -1)'],
      [20, 'b'],
      [20, 'c'],
      [20, 'last at 20 (priority 5)'],
    ]);
  });

  it('runs events scheduled by handlers, including at the same instant (after those already waiting)', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = tracer(sim, trace);
    sim.scheduleAt(5, () => {
      trace.push([sim.now, 'parent']);
      sim.schedule(0, at('child now'), null);
      sim.schedule(3, at('child +3'), null);
    }, null);
    sim.scheduleAt(5, at('sibling'), null);
    sim.run();
    expect(trace).toEqual([
      [5, 'parent'],
      [5, 'sibling'],
      [5, 'child now'],
      [8, 'child +3'],
    ]);
  });

  it('cancel removes a pending event once; cancelling a run or cancelled event returns false', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = tracer(sim, trace);
    const early = sim.scheduleAtCancellable(1, at('early'), null);
    const doomed = sim.scheduleAtCancellable(2, at('doomed'), null);
    sim.scheduleAt(3, at('kept'), null);
    sim.step();
    expect(sim.cancel(doomed)).toBe(true);
    expect(sim.cancel(doomed)).toBe(false);
    expect(sim.cancel(early)).toBe(false);
    sim.run();
    expect(trace).toEqual([
      [1, 'early'],
      [3, 'kept'],
    ]);
  });

  it('a stale id does not cancel the event that reused its slot', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const first = sim.scheduleAtCancellable(1, tracer(sim, trace)('first'), null);
    sim.run();
    sim.scheduleAt(2, tracer(sim, trace)('second'), null); // likely the same slot
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(trace.map(([, l]) => l)).toEqual(['first', 'second']);
  });

  it('ids are distinct safe integers however often a slot is reused, and no stale one cancels anything', () => {
    const sim = new Simulator();
    let ran = 0;
    const spent: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const id = sim.scheduleCancellable(1, () => ran++, null); // the same slot each time
      expect(Number.isSafeInteger(id) && id >= 0).toBe(true);
      expect(spent.filter((old) => sim.cancel(old))).toEqual([]);
      expect(sim.pending).toBe(1);
      sim.run();
      spent.push(id);
    }
    expect(new Set(spent).size).toBe(1_000);
    expect(ran).toBe(1_000);
  });

  // 128, 256 and 10,240 (80 * 128): where the generation modulo 128 that ids once carried came round to the stale id's
  it.each([0, 1, 127, 128, 256, 10_240])('cancelling an event that already ran returns false, %i reuses of its slot later, and the event now there still runs', (reuses) => {
    const sim = new Simulator();
    const trace: Trace = [];
    const ran = sim.scheduleCancellable(1, tracer(sim, trace)('ran'), null);
    sim.run();
    expect(sim.cancel(ran)).toBe(false);
    for (let i = 0; i < reuses - 1; i++) {
      sim.schedule(1, () => {}, null); // alone in the queue: the slot the last event freed
      sim.run();
    }
    if (reuses > 0) sim.schedule(1, tracer(sim, trace)('in the slot now'), null);
    expect(sim.cancel(ran)).toBe(false);
    sim.run();
    expect(trace).toEqual(reuses > 0 ? [[1, 'ran'], [reuses + 1, 'in the slot now']] : [[1, 'ran']]);
  });

  it('run({untilMs}) stops at the bound, leaves later events pending and moves the clock to the bound', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = tracer(sim, trace);
    for (const t of [10, 20, 30]) sim.scheduleAt(t, at(`t${t}`), null);
    sim.run({ untilMs: 20 });
    expect(trace).toEqual([
      [10, 't10'],
      [20, 't20'],
    ]);
    expect(sim.now).toBe(20);
    expect(sim.pending).toBe(1);
    sim.run({ untilMs: 25 });
    expect(sim.now).toBe(25);
    sim.run();
    expect(trace.at(-1)).toEqual([30, 't30']);
    expect(sim.eventsExecuted).toBe(3);
  });

  it('refuses to schedule in the past or to run backwards', () => {
    const sim = new Simulator();
    sim.run({ untilMs: 100 });
    expect(() => sim.schedule(-1, () => {}, null)).toThrow(/past/);
    expect(() => sim.scheduleAt(99, () => {}, null)).toThrow(/now is 100/);
    expect(() => sim.run({ untilMs: 50 })).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, () => {}, null)).toThrow();
  });

  it('wraps a handler error in a SimulationError naming its owner and time', () => {
    const sim = new Simulator();
    sim.scheduleAt(
      7,
      owned('lambda', () => {
        throw new Error('boom');
      }),
      null,
    );
    expect(() => sim.run()).toThrow(SimulationError);
    const again = new Simulator();
    again.scheduleAt(7, owned('lambda', () => { throw new Error('boom'); }), null);
    let caught: unknown;
    try {
      again.run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ owner: 'lambda', atMs: 7, message: 'lambda failed at t=7 ms: boom' });
  });

  it('property: the executed order is the stable sort of surviving events by (time, priority)', () => {
    const event = fc.record({ time: fc.integer({ min: 0, max: 50 }), priority: fc.integer({ min: -3, max: 3 }), cancel: fc.boolean() });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        const sim = new Simulator();
        const ran: number[] = [];
        const ids = events.map((e, i) => sim.scheduleAtCancellable(e.time, () => ran.push(i), null, e.priority));
        events.forEach((e, i) => {
          if (e.cancel) expect(sim.cancel(ids[i])).toBe(true);
        });
        sim.run();
        const expected = events
          .map((e, i) => ({ ...e, i }))
          .filter((e) => !e.cancel)
          .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
          .map((e) => e.i);
        expect(ran).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('property: handlers that schedule and cancel as they run never run an event before an earlier one, and never run a cancelled one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 100 }), (plan) => {
        const sim = new Simulator();
        const log: Array<[number, number, number]> = []; // time, priority, sequence
        let seq = 0;
        let cancelled = 0;
        const pending = new Map<number, number>(); // our seq -> event id
        const spawn = (delay: number, priority: number) => {
          const mine = seq++;
          const id = sim.scheduleCancellable(delay, () => {
            pending.delete(mine);
            log.push([sim.now, priority, mine]);
            const step = plan[mine % plan.length];
            if (seq < 400) spawn(step[0], step[1]);
            if (step[0] % 3 === 0 && pending.size > 0) {
              const [victim, victimId] = pending.entries().next().value as [number, number];
              expect(sim.cancel(victimId)).toBe(true);
              cancelled++;
              pending.delete(victim);
            }
          }, null, priority);
          pending.set(mine, id);
        };
        for (const [d, p] of plan) spawn(d, p);
        sim.run();
        expect(log.map(([t]) => t)).toEqual([...log.map(([t]) => t)].sort((a, b) => a - b));
        expect(new Set(log.map(([, , mine]) => mine)).size).toBe(log.length);
        expect(log.length + cancelled).toBe(seq);
      }),
      { numRuns: 100 },
    );
  });
});
