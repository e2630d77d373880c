/**
 * The kernel as event traces ([time, label]), with the cases the heap's
 * "popped root is replaced by the next push" shortcut could get wrong:
 * events scheduled and cancelled from inside handlers at the same instant,
 * and a property test against a naive reference kernel (a linear scan for
 * the least (time, priority, scheduling order)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationError, Simulator } from '../../src/engine/simulator.js';

type Trace = Array<[number, string]>;

function recorder(sim: Simulator, trace: Trace) {
  return (label: string) => () => void trace.push([sim.now, label]);
}

describe('Simulator traces', () => {
  it('a handler scheduling at the same instant with a lower priority value jumps ahead of waiting events', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = recorder(sim, trace);
    sim.scheduleAt(5, () => {
      trace.push([sim.now, 'parent']);
      sim.schedule(0, at('urgent child'), null, -1);
      sim.schedule(0, at('plain child'), null);
    }, null);
    sim.scheduleAt(5, at('waiting p0'), null);
    sim.scheduleAt(5, at('waiting p3'), null, 3);
    sim.run();
    expect(trace).toEqual([
      [5, 'parent'],
      [5, 'urgent child'],
      [5, 'waiting p0'],
      [5, 'plain child'],
      [5, 'waiting p3'],
    ]);
  });

  it('a handler can cancel an event due at the same instant, and its own id is already spent', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = recorder(sim, trace);
    const ids: Record<string, number> = {};
    ids.self = sim.scheduleAtCancellable(7, () => {
      trace.push([sim.now, 'canceller']);
      expect(sim.cancel(ids.self)).toBe(false); // running, no longer pending
      expect(sim.cancel(ids.victim)).toBe(true);
    }, null);
    ids.victim = sim.scheduleAtCancellable(7, at('victim'), null);
    sim.scheduleAt(7, at('bystander'), null);
    sim.run();
    expect(trace).toEqual([
      [7, 'canceller'],
      [7, 'bystander'],
    ]);
    expect(sim.eventsExecuted).toBe(2);
    expect(sim.pending).toBe(0);
  });

  // 128, 256 and 10,240 (80 * 128): where the generation modulo 128 that ids once carried came round to the time-out's
  it.each([128, 256, 10_240])('a late reply cancelling a time-out that already fired, its slot reused %i times since, cancels nothing', (reuses) => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = recorder(sim, trace);
    let ticks = 0;
    // each tick is alone in the queue, so it takes the slot the event before it freed: tick k is that slot's k-th reuse
    const tick = () => {
      ticks++;
      if (ticks < reuses - 1) {
        sim.schedule(1, tick, null);
        return;
      }
      sim.schedule(1, at('victim'), null); // reuse number `reuses`
      sim.schedule(1, () => void trace.push([sim.now, `late reply: cancel ${sim.cancel(timeout)}`]), null, -1);
    };
    const timeout = sim.scheduleAtCancellable(1, () => {
      trace.push([sim.now, 'time-out']);
      sim.schedule(1, tick, null);
    }, null);
    sim.run();
    expect(trace).toEqual([
      [1, 'time-out'],
      [reuses + 1, 'late reply: cancel false'],
      [reuses + 1, 'victim'],
    ]);
    expect(sim.eventsExecuted).toBe(reuses + 2);
    expect(sim.pending).toBe(0);
  });

  it('step() runs one event at a time and returns false once empty; run() without a bound leaves the clock at the last event', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = recorder(sim, trace);
    expect(sim.step()).toBe(false);
    sim.scheduleAt(3, at('a'), null);
    sim.scheduleAt(9, at('b'), null);
    expect(sim.step()).toBe(true);
    expect(trace).toEqual([[3, 'a']]);
    expect(sim.now).toBe(3);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(sim.now).toBe(9);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(9);
  });

  it('run({untilMs}) includes events a handler schedules up to the bound, and delays count from the new clock', () => {
    const sim = new Simulator();
    const trace: Trace = [];
    const at = recorder(sim, trace);
    sim.scheduleAt(4, () => {
      sim.schedule(6, at('at the bound'), null);
      sim.schedule(7, at('past the bound'), null);
    }, null);
    sim.run({ untilMs: 10 });
    expect(trace).toEqual([[10, 'at the bound']]);
    expect(sim.now).toBe(10);
    sim.schedule(5, at('after resuming'), null);
    sim.run();
    expect(trace.slice(1)).toEqual([
      [11, 'past the bound'],
      [15, 'after resuming'],
    ]);
  });

  it('an empty run with a bound moves the clock to the bound; priorities outside [-128, 127] are refused', () => {
    const sim = new Simulator();
    sim.run({ untilMs: 42 });
    expect(sim.now).toBe(42);
    expect(() => sim.schedule(1, () => {}, null, 200)).toThrow(RangeError);
    expect(() => sim.scheduleAt(Number.NaN, () => {}, null)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
  });

  it('a thrown non-Error is wrapped with the function name as owner; an inner SimulationError passes through unchanged', () => {
    const sim = new Simulator();
    sim.scheduleAt(2, function billing() {
      throw 'no price';
    }, null);
    expect(() => sim.run()).toThrow(expect.objectContaining({ owner: 'billing', atMs: 2, cause: 'no price' }));
    const inner = new SimulationError('inner', 1, 'x', null);
    const again = new Simulator();
    again.scheduleAt(3, () => {
      throw inner;
    }, null);
    let caught: unknown;
    try {
      again.run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(inner);
  });
});

/** A deliberately naive kernel: linear scan for the least (time, priority, seq). */
class NaiveKernel {
  now = 0;
  private seq = 0;
  private pending: Array<{ time: number; priority: number; seq: number; fn: () => void }> = [];
  schedule(delay: number, priority: number, fn: () => void): number {
    const seq = this.seq++;
    this.pending.push({ time: this.now + delay, priority, seq, fn });
    return seq;
  }
  cancel(id: number): boolean {
    const i = this.pending.findIndex((e) => e.seq === id);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }
  run(untilMs: number): void {
    for (;;) {
      let best = -1;
      this.pending.forEach((e, i) => {
        const b = this.pending[best];
        if (best < 0 || e.time < b.time || (e.time === b.time && (e.priority < b.priority || (e.priority === b.priority && e.seq < b.seq)))) best = i;
      });
      if (best < 0 || this.pending[best].time > untilMs) break;
      const [e] = this.pending.splice(best, 1);
      this.now = e.time;
      e.fn();
    }
    if (untilMs !== Infinity) this.now = untilMs;
  }
}

interface Kernel {
  readonly now: number;
  schedule(delay: number, priority: number, fn: () => void): number;
  cancel(id: number): boolean;
}

type Action = { delay: number; priority: number; cancelPick: number | null };

/** Event k, when it runs, schedules one child per plan[k] and may cancel one pending event. */
function drive(kernel: Kernel, seeds: Action[], plan: Action[], trace: Trace): void {
  const live = new Map<number, number>(); // label -> kernel id, in scheduling order
  let next = 0;
  const spawn = (delay: number, priority: number) => {
    const label = next++;
    const id = kernel.schedule(delay, priority, () => {
      live.delete(label);
      trace.push([kernel.now, String(label)]);
      const action = plan[label];
      if (!action || next > 300) return;
      spawn(action.delay, action.priority);
      if (action.cancelPick !== null && live.size > 0) {
        const victim = [...live.keys()][action.cancelPick % live.size];
        expect(kernel.cancel(live.get(victim)!)).toBe(true);
        live.delete(victim);
      }
    });
    live.set(label, id);
  };
  for (const s of seeds) spawn(s.delay, s.priority);
}

describe('Simulator against a naive reference kernel', () => {
  it('property: identical traces with handlers that schedule and cancel, with and without a bound', () => {
    const action = fc.record({
      delay: fc.integer({ min: 0, max: 5 }),
      priority: fc.integer({ min: -2, max: 2 }),
      cancelPick: fc.option(fc.nat(), { freq: 3 }),
    });
    const bound = fc.option(fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 20 }), fc.array(action, { maxLength: 300 }), bound, (seeds, plan, until) => {
        const untilMs = until ?? Infinity;
        const sim = new Simulator();
        const simKernel: Kernel = {
          get now() {
            return sim.now;
          },
          schedule: (d, p, fn) => sim.scheduleCancellable(d, fn, null, p),
          cancel: (id) => sim.cancel(id),
        };
        const actual: Trace = [];
        drive(simKernel, seeds, plan, actual);
        sim.run(until === null ? {} : { untilMs });
        const naive = new NaiveKernel();
        const expected: Trace = [];
        drive(naive, seeds, plan, expected);
        naive.run(untilMs);
        expect(actual).toEqual(expected);
        expect(sim.now).toBe(naive.now);
        expect(sim.eventsExecuted).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });
});
