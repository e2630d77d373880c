/**
 * The pending events, ordered by (timeMs, priority, seq): a calendar queue
 * (event-calendar.ts) for the events due soon, in front of a 4-ary heap
 * (slot-heap.ts) for the rest.
 *
 * Ties break by priority (lower first), then by scheduling order, so a run
 * always orders simultaneous events the same way (as SimPy's core does).
 * Both structures order by that whole key, and the earliest event is the
 * earlier of their two firsts: which one holds an event changes how fast it
 * comes out, never when.
 *
 * Why a calendar: in the retry-storm benchmark (~3,400 pending events) the
 * heap alone took ~130 ns per event, about a quarter of the run. Replaying
 * the storm's recorded queue operations (7.2 M events), the calendar takes
 * ~75 ns: no comparisons between events in different buckets. With few
 * pending events a heap is cheap, so the calendar stays off below
 * `minEvents` (64: M/M/10's 11 events stay in the heap, the busy pipeline's
 * ~2,000 and the storm's go to the calendar). It was 256, and the cached
 * front door benchmark's 250 to 370 pending events turned the calendar off
 * at every other look: its heap then took a quarter of the run's
 * instructions; at 64 that run executes 5 % fewer (callgrind).
 *
 * Every so many pops the queue looks at what is pending and sizes the
 * calendar: about two buckets per event, a window reaching 1.5 times as far
 * ahead as 95 % of them (measured on the storm: a window short of its
 * 400 ms retries left half the events in the heap), and buckets no wider
 * than what holds one event each where the nearer half of them lie, with
 * up to eight times the buckets to keep the window's reach (the cached
 * front door: half its events due within 11 ms, the 95 % quantile 1.3 s
 * away; an insert walked 6.4 events back, and now 0.4; callgrind: 4.8 %
 * fewer instructions a request). Changing the size files every event again;
 * a workload that keeps its shape (count and width within a factor of two)
 * keeps its calendar.
 *
 * Events live in slots held in parallel typed arrays (struct of arrays);
 * nothing is allocated per event once the arrays have grown to the run's peak
 * number of pending events. Cancelling removes the event at once, so
 * time-outs that almost never fire do not pile up.
 */
import { EventCalendar } from './event-calendar.js';
import { grownFloats, grownInts, SlotHeap, type SlotKeys } from './slot-heap.js';

/** Opaque handle returned by `push`, used by `remove`. */
export type EventId = number;

const SLOT_BITS = 2 ** 24; // up to 16.7 M pending events at once
/**
 * A slot's generation counts its reuses modulo 128, so a handle
 * (generation * 2^24 + slot) stays below 2^31: a small integer to V8. Above
 * it every `push` that V8 did not inline returned a newly allocated heap
 * number. A stale handle is still refused unless its slot was reused a
 * multiple of 128 times since (the kernel's one canceller, a Lambda
 * time-out, cancels within the event that ran it or while it is pending).
 */
const GENERATIONS = 128;
const MIN_PRIORITY = -128;
const MAX_PRIORITY = 127;
/** seq is packed under the priority in one float: (priority + 128) * 2^44 + seq. */
const SEQ_SPAN = 2 ** 44;

/** Where a slot's event waits. */
const FREE = 0;
const IN_HEAP = 1;
const IN_CALENDAR = 2;

/** When and how the calendar is sized (options for tests; the defaults are measured, see the header). */
export interface CalendarTuning {
  /** Below this many pending events the heap holds them all. */
  minEvents: number;
  /** Pops between two looks at what is pending (at least; more with many events pending). */
  popsPerTune: number;
}

const DEFAULT_TUNING: CalendarTuning = { minEvents: 64, popsPerTune: 16_384 };
const BUCKETS_PER_EVENT = 2;
const MAX_BUCKETS = 2 ** 20;
const WINDOW_QUANTILE = 0.95;
const WINDOW_STRETCH = 1.5;
/** Pending events looked at to size the window. */
const SAMPLE_SIZE = 256;
/**
 * The nearest FRONT_SHARE of the pending events get buckets narrow enough
 * to hold FRONT_OCCUPANCY each on average: in the cached front door half of
 * them were due within 11 ms and the 95 % quantile 1.3 s away (time-outs),
 * so buckets sized to the window alone held ~40 events each near the front,
 * and an insert walked 6.4 events back on average.
 */
const FRONT_SHARE = 0.5;
const FRONT_OCCUPANCY = 1;
/** ...with up to this many times the buckets that BUCKETS_PER_EVENT gives, to still reach as far ahead. */
const MAX_SPREAD = 8;
/** Keep the calendar unless the best bucket width (or count) moved more than this factor... */
const WIDTH_TOLERANCE = 2;
/** ...or its bucket numbers grow large (past 2^31 `&` no longer works on them). */
const MAX_BUCKETS_FROM_ORIGIN = 2 ** 29;

export class EventQueue<P = unknown> {
  // per slot
  /**
   * The key, read by the heap and the calendar. The calendar, the hot path
   * in a busy run, is handed slot numbers only: a call V8 does not inline
   * then boxes no floating-point number (it did, twice per event, when it
   * took the key). The heap, hot when few events wait, takes the key too.
   */
  private readonly keys: SlotKeys;
  private places: Uint8Array;
  private generations: Int32Array;
  private callbacks: Array<((payload: P) => void) | null>;
  private payloads: Array<P | undefined>;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private live = 0;
  private seq = 0;
  private readonly heap: SlotHeap;
  private readonly calendar: EventCalendar;
  private readonly tuning: CalendarTuning;
  /** Time of the latest popped event: nothing pending is earlier (unless pushed so by hand). */
  private floorMs = -Infinity;
  private popsUntilTune: number;
  private readonly sample = new Float64Array(SAMPLE_SIZE);

  constructor(initialCapacity = 1024, tuning: Partial<CalendarTuning> = {}) {
    this.keys = { times: new Float64Array(initialCapacity), ties: new Float64Array(initialCapacity) };
    this.places = new Uint8Array(initialCapacity);
    this.generations = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.callbacks = new Array(initialCapacity).fill(null);
    this.payloads = new Array(initialCapacity).fill(undefined);
    this.heap = new SlotHeap(this.keys, initialCapacity);
    this.calendar = new EventCalendar(this.keys, initialCapacity);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.popsUntilTune = this.tuning.popsPerTune;
  }

  get size(): number {
    return this.live;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    const slot = this.earliest();
    return slot < 0 ? Infinity : this.keys.times[slot];
  }

  push(timeMs: number, priority: number, callback: (payload: P) => void, payload: P): EventId {
    if (priority !== 0) checkPriority(priority);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    this.callbacks[slot] = callback;
    this.payloads[slot] = payload;
    this.live++;
    const tie = (priority - MIN_PRIORITY) * SEQ_SPAN + this.seq++;
    this.keys.times[slot] = timeMs;
    this.keys.ties[slot] = tie;
    if (this.calendar.bucketCount > 0 && this.calendar.file(slot)) {
      this.places[slot] = IN_CALENDAR;
    } else {
      this.places[slot] = IN_HEAP;
      this.heap.insert(slot, timeMs, tie);
    }
    return this.generations[slot] * SLOT_BITS + slot;
  }

  /** Removes a pending event; returns false if it already ran or was removed. */
  remove(id: EventId): boolean {
    const slot = id % SLOT_BITS;
    const generation = (id - slot) / SLOT_BITS;
    if (slot >= this.nextSlot || this.generations[slot] !== generation) return false;
    const place = this.places[slot];
    if (place === FREE) return false;
    if (place === IN_HEAP) this.heap.remove(slot);
    else this.calendar.remove(slot);
    this.places[slot] = FREE;
    this.live--;
    this.release(slot);
    return true;
  }

  /**
   * Takes the earliest event off the queue if it is due at or before
   * `untilMs`, and returns its slot (-1: none). Read the event with
   * `timeOf`, `callbackOf` and `payloadOf`, then `release` the slot, before
   * anything else uses the queue. (Handing the parts over in a sink object
   * cost a write barrier per event: the payload is young, the sink old.)
   */
  pop(untilMs = Infinity): number {
    return this.calendar.count === 0 ? this.popFromHeap(untilMs) : this.popEarliest(untilMs);
  }

  timeOf(slot: number): number {
    return this.keys.times[slot];
  }

  callbackOf(slot: number): (payload: P) => void {
    return this.callbacks[slot] as (payload: P) => void;
  }

  payloadOf(slot: number): P {
    return this.payloads[slot] as P;
  }

  /** Frees a slot that `pop` returned. */
  release(slot: number): void {
    this.callbacks[slot] = null;
    this.payloads[slot] = undefined;
    this.generations[slot] = (this.generations[slot] + 1) & (GENERATIONS - 1);
    this.freeSlots[this.freeCount++] = slot;
  }

  /** `pop`, handing the event to `sink` (for tests and occasional callers). */
  popInto(sink: PoppedEvent<P>, untilMs = Infinity): boolean {
    const slot = this.pop(untilMs);
    if (slot < 0) return false;
    sink.timeMs = this.keys.times[slot];
    sink.callback = this.callbacks[slot];
    sink.payload = this.payloads[slot];
    this.release(slot);
    return true;
  }

  /** `pop` when the calendar holds events: the earlier of its first and the heap's. */
  private popEarliest(untilMs: number): number {
    const slot = this.earliest();
    if (slot < 0) return -1;
    const timeMs = this.keys.times[slot];
    if (timeMs > untilMs) return -1;
    if (this.places[slot] === IN_HEAP) {
      this.heap.takeRoot(); // earliest() found it at the heap's root
      this.calendar.advanceTo(timeMs);
    } else {
      this.calendar.removeFirst(slot);
    }
    this.taken(slot);
    return slot;
  }

  /** `pop` when the calendar is empty (always, with few events pending): the heap's root or nothing. */
  private popFromHeap(untilMs: number): number {
    const slot = this.heap.minSlot();
    if (slot < 0) return -1;
    const timeMs = this.keys.times[slot];
    if (timeMs > untilMs) return -1;
    this.heap.takeRoot();
    if (this.calendar.bucketCount > 0) this.calendar.advanceTo(timeMs);
    this.taken(slot);
    return slot;
  }

  /** The slot's event left the heap or the calendar (the slot itself is freed by `release`). */
  private taken(slot: number): void {
    this.places[slot] = FREE;
    this.floorMs = this.keys.times[slot];
    this.live--;
    if (--this.popsUntilTune === 0) this.tune();
  }

  /** The slot of the earliest pending event, or -1. */
  private earliest(): number {
    const fromHeap = this.heap.minSlot();
    if (this.calendar.count === 0) return fromHeap;
    const first = this.calendar.firstSlot();
    if (fromHeap < 0) return first;
    const times = this.keys.times;
    return times[first] < times[fromHeap] || (times[first] === times[fromHeap] && this.keys.ties[first] < this.keys.ties[fromHeap]) ? first : fromHeap;
  }

  /** Files an event in the calendar if it takes it, else in the heap. */
  private place(slot: number): void {
    if (this.calendar.bucketCount > 0 && this.calendar.file(slot)) {
      this.places[slot] = IN_CALENDAR;
    } else {
      this.places[slot] = IN_HEAP;
      this.heap.insert(slot, this.keys.times[slot], this.keys.ties[slot]);
    }
  }

  /** Sizes the calendar to what is pending (see the header). */
  private tune(): void {
    const calendar = this.calendar;
    this.popsUntilTune = Math.max(this.tuning.popsPerTune, 4 * this.live);
    const crowded = calendar.walkSteps > 2 * calendar.filed; // buckets too wide for where events bunch up
    calendar.walkSteps = 0;
    calendar.filed = 0;
    if (this.live < this.tuning.minEvents) {
      if (calendar.bucketCount > 0) this.refile(0, 0);
      return;
    }
    const ahead = this.sortedAheadMs();
    const aheadMs = WINDOW_STRETCH * quantileOf(ahead, WINDOW_QUANTILE);
    if (!(aheadMs > 0)) return; // nothing ahead to spread over buckets: keep what there is
    const baseCount = Math.min(MAX_BUCKETS, 2 ** Math.ceil(Math.log2(BUCKETS_PER_EVENT * this.live)));
    let bucketsPerMs = baseCount / aheadMs;
    // no more than FRONT_OCCUPANCY events a bucket where they are densest: most events are due soon
    const frontMs = quantileOf(ahead, FRONT_SHARE);
    if (frontMs > 0) bucketsPerMs = Math.max(bucketsPerMs, (FRONT_SHARE * this.live) / (FRONT_OCCUPANCY * frontMs));
    if (crowded && calendar.bucketCount > 0) bucketsPerMs = Math.max(bucketsPerMs, 4 * calendar.width);
    // enough buckets to reach as far ahead at that width, within bounds (the rest waits in the heap)
    const bucketCount = Math.min(MAX_BUCKETS, MAX_SPREAD * baseCount, Math.max(baseCount, 2 ** Math.ceil(Math.log2(bucketsPerMs * aheadMs))));
    const ratio = bucketsPerMs / calendar.width;
    const countRatio = calendar.bucketCount / bucketCount;
    const keep = countRatio <= WIDTH_TOLERANCE && countRatio >= 1 / WIDTH_TOLERANCE && ratio < WIDTH_TOLERANCE && ratio > 1 / WIDTH_TOLERANCE && calendar.bucketsFromOrigin < MAX_BUCKETS_FROM_ORIGIN;
    if (!keep) this.refile(bucketCount, bucketsPerMs);
  }

  /** How far ahead of the latest pop a sample of the pending events lie, sorted (finite times only). */
  private sortedAheadMs(): Float64Array {
    const sample = this.sample;
    const stride = Math.max(1, Math.floor(this.nextSlot / SAMPLE_SIZE));
    let n = 0;
    for (let slot = 0; slot < this.nextSlot && n < SAMPLE_SIZE; slot += stride) {
      if (this.places[slot] === FREE) continue;
      const aheadMs = this.keys.times[slot] - this.floorMs;
      if (Number.isFinite(aheadMs)) sample[n++] = Math.max(0, aheadMs);
    }
    return sample.subarray(0, n).sort();
  }

  /** Resizes the calendar (0 buckets: off) and files every pending event again. */
  private refile(bucketCount: number, bucketsPerMs: number): void {
    this.heap.clear();
    this.calendar.resize(bucketCount, bucketsPerMs, Number.isFinite(this.floorMs) ? this.floorMs : 0);
    for (let slot = 0; slot < this.nextSlot; slot++) if (this.places[slot] !== FREE) this.place(slot);
  }

  private newSlot(): number {
    if (this.nextSlot === this.places.length) this.growSlots();
    if (this.nextSlot >= SLOT_BITS) throw new RangeError('more than 16.7 M events pending at once');
    return this.nextSlot++;
  }

  private growSlots(): void {
    const capacity = this.places.length * 2;
    const places = new Uint8Array(capacity);
    places.set(this.places);
    this.places = places;
    this.keys.times = grownFloats(this.keys.times, capacity);
    this.keys.ties = grownFloats(this.keys.ties, capacity);
    this.generations = grownInts(this.generations, capacity);
    this.freeSlots = grownInts(this.freeSlots, capacity);
    this.heap.reserveSlots(capacity);
    this.calendar.reserveSlots(capacity);
    this.callbacks.length = capacity;
    this.callbacks.fill(null, capacity / 2);
    this.payloads.length = capacity;
    this.payloads.fill(undefined, capacity / 2);
  }
}

/** The `share` quantile of sorted values (0 for none). */
function quantileOf(sorted: Float64Array, share: number): number {
  const n = sorted.length;
  return n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(share * n))];
}

// Out of line, as are the rarer paths of `push` (a new slot, the calendar):
// the fewer bytes of bytecode `push` has, the more readily V8 inlines it into
// `Simulator.schedule`, and that into the components that call it.
function checkPriority(priority: number): void {
  if (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY) || !Number.isInteger(priority)) {
    throw new RangeError(`event priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`);
  }
}

/** Reusable holder that `popInto` fills. */
export interface PoppedEvent<P> {
  timeMs: number;
  callback: ((payload: P) => void) | null;
  payload: P | undefined;
}
