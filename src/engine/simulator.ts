/**
 * The simulation kernel: a clock and an event queue, nothing else.
 *
 * Five operations (`now`, `schedule`, `cancel`, `step`, `run`), as in SimPy's
 * core; only an event scheduled as cancellable hands back an id to cancel it
 * with (an id is a double past 2^31, and a dropped one still cost an
 * allocation per event wherever `schedule` was not inlined). It knows about time, not about AWS: components bring their own
 * callbacks. A callback that throws stops the run with a `SimulationError`
 * carrying the simulated time and the owner's name (see `owned`).
 */
import { EventQueue, type EventId } from './event-queue.js';

export type { EventId } from './event-queue.js';

/** What an event does when its time comes. Bind it once, schedule it often. */
export type EventCallback<P> = (payload: P) => void;

/** The part of the kernel that components see. */
export interface Scheduler {
  readonly now: number;
  schedule<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority?: number): void;
  scheduleAt<P>(atMs: number, callback: EventCallback<P>, payload: P, priority?: number): void;
  /** `schedule`, returning the id `cancel` takes. */
  scheduleCancellable<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority?: number): EventId;
  /** `scheduleAt`, returning the id `cancel` takes. */
  scheduleAtCancellable<P>(atMs: number, callback: EventCallback<P>, payload: P, priority?: number): EventId;
  cancel(id: EventId): boolean;
}

export class SimulationError extends Error {
  constructor(
    message: string,
    readonly atMs: number,
    readonly owner: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

const OWNER = Symbol('owner');
type Owned = { [OWNER]?: string };

/** Tags a callback with the name of the component that owns it, for error messages. */
export function owned<F extends (...args: never[]) => unknown>(owner: string, callback: F): F {
  (callback as Owned)[OWNER] = owner;
  return callback;
}

export class Simulator implements Scheduler {
  private clockMs = 0;
  private readonly queue = new EventQueue<unknown>();
  private executed = 0;

  get now(): number {
    return this.clockMs;
  }

  /** Number of events executed so far. */
  get eventsExecuted(): number {
    return this.executed;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.queue.size;
  }

  schedule<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority = 0): void {
    if (!(delayMs >= 0)) throw delayInThePast(delayMs, this.clockMs);
    this.queue.pushSlot(this.clockMs + delayMs, priority, callback as EventCallback<unknown>, payload);
  }

  scheduleAt<P>(atMs: number, callback: EventCallback<P>, payload: P, priority = 0): void {
    if (!(atMs >= this.clockMs)) throw timeInThePast(atMs, this.clockMs);
    this.queue.pushSlot(atMs, priority, callback as EventCallback<unknown>, payload);
  }

  scheduleCancellable<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority = 0): EventId {
    if (!(delayMs >= 0)) throw delayInThePast(delayMs, this.clockMs);
    return this.queue.handleOf(this.queue.pushSlot(this.clockMs + delayMs, priority, callback as EventCallback<unknown>, payload));
  }

  scheduleAtCancellable<P>(atMs: number, callback: EventCallback<P>, payload: P, priority = 0): EventId {
    if (!(atMs >= this.clockMs)) throw timeInThePast(atMs, this.clockMs);
    return this.queue.handleOf(this.queue.pushSlot(atMs, priority, callback as EventCallback<unknown>, payload));
  }

  /** Cancels a pending event; false, and nothing cancelled, if it already ran or was cancelled (however long ago). */
  cancel(id: EventId): boolean {
    return this.queue.remove(id);
  }

  /** Runs the earliest event. Returns false when nothing is left. */
  step(): boolean {
    const queue = this.queue;
    const slot = queue.pop();
    if (slot < 0) return false;
    this.clockMs = queue.timeOf(slot);
    const callback = queue.callbackOf(slot);
    const payload = queue.payloadOf(slot);
    queue.release(slot);
    this.executed++;
    try {
      callback(payload);
    } catch (error) {
      throw toSimulationError(error, this.clockMs, callback);
    }
    return true;
  }

  /**
   * Runs events in order until none is left or the next one is later than
   * `untilMs`; the clock then stands at `untilMs` (or at the last event).
   */
  run(options: { untilMs?: number } = {}): void {
    const untilMs = options.untilMs ?? Infinity;
    if (untilMs < this.clockMs) throw new RangeError(`cannot run until ${untilMs} ms: now is ${this.clockMs} ms`);
    const queue = this.queue;
    // step(), inlined by hand: this loop runs once per event
    for (let slot = queue.pop(untilMs); slot >= 0; slot = queue.pop(untilMs)) {
      this.clockMs = queue.timeOf(slot);
      const callback = queue.callbackOf(slot);
      const payload = queue.payloadOf(slot);
      queue.release(slot);
      this.executed++;
      try {
        callback(payload);
      } catch (error) {
        throw toSimulationError(error, this.clockMs, callback);
      }
    }
    if (untilMs !== Infinity) this.clockMs = untilMs;
  }
}

// Errors are built out of line: a template string in `schedule` would make it
// too big for V8 to inline into the components that call it.
function delayInThePast(delayMs: number, nowMs: number): RangeError {
  return new RangeError(`cannot schedule ${delayMs} ms in the past (now ${nowMs} ms)`);
}

function timeInThePast(atMs: number, nowMs: number): RangeError {
  return new RangeError(`cannot schedule at ${atMs} ms: now is ${nowMs} ms`);
}

function toSimulationError(error: unknown, atMs: number, callback: EventCallback<unknown>): SimulationError {
  if (error instanceof SimulationError) return error;
  const owner = (callback as Owned)[OWNER] ?? (callback.name || 'anonymous');
  const reason = error instanceof Error ? error.message : String(error);
  return new SimulationError(`${owner} failed at t=${atMs} ms: ${reason}`, atMs, owner, error);
}
