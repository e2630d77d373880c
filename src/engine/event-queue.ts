/**
 * The pending events, ordered by (timeMs, priority, seq): a calendar queue
 * for the events due soon, in front of a 4-ary heap (slot-heap.ts) for the
 * rest.
 *
 * Ties break by priority (lower first), then by scheduling order, so a run
 * always orders simultaneous events the same way (as SimPy's core does).
 * Both structures order by that whole key, and the earliest event is the
 * earlier of their two firsts: which one holds an event changes how fast it
 * comes out, never when.
 *
 * The calendar (R. Brown, "Calendar queues: a fast O(1) priority queue
 * implementation for the simulation event set problem", CACM 31(10), 1988):
 * bucket k holds the events with floor((time - originMs) * bucketsPerMs) =
 * k, at ring index k & mask; the window is the `bucketCount` buckets from the
 * latest popped event's. That bucket number never decreases as time grows,
 * so every event in an earlier bucket comes first, and each bucket is a
 * doubly linked list sorted by the whole key: no comparisons between events
 * in different buckets. An event is linked in walking back from its
 * bucket's tail (most come in time order and go straight after it); the
 * earliest is the head of the first non-empty bucket.
 *
 * Why a calendar: an event due soon is filed in its bucket with no
 * comparisons against the events in other buckets, where a heap compares
 * on every level of every push and pop. With few pending events a heap is
 * cheap, so the calendar stays off below `minEvents`, which is low enough
 * that a front door's few hundred pending events use the calendar.
 *
 * Every so many pops the queue looks at what is pending and sizes the
 * calendar: about two buckets per event, a window reaching 1.5 times as far
 * ahead as 95 % of them (so retries just past the bulk are filed, not left
 * in the heap), and buckets no wider than what holds one event each where
 * the nearer half of them lie, with up to eight times the buckets to keep
 * the window's reach (most events are due soon and a few, the time-outs,
 * far off: buckets sized to the window alone would make inserts walk long
 * lists). Changing the size files every event again; a workload that keeps
 * its shape (count and width within a factor of two) keeps its calendar.
 *
 * Layout: an event lives in a slot, and a slot's key, links, place and
 * generation sit together in one 32-byte record (`SLOT_BYTES`), so filing,
 * unlinking and popping an event touch one cache line of it rather than one
 * per array; its callback and payload sit side by side in one array. The
 * calendar is part of this class, not an object of its own: its fields are
 * the queue's, one load away. Nothing is allocated per event once the
 * slots have grown to the run's peak number of pending events. Cancelling
 * removes the event at once, so time-outs that almost never fire do not
 * pile up.
 */
import { grownInts, SlotHeap } from './slot-heap.js';

/** Opaque handle returned by `push`, used by `remove`: an integer below 2^53. */
export type EventId = number;

const SLOT_BITS = 2 ** 24; // up to 16.7 M pending events at once
/**
 * A handle is generation * 2^24 + slot, where a slot's generation counts the
 * events it has held. It never wraps, so no two events share a handle and a
 * stale one (its event ran or was removed) removes nothing.
 */
const GENERATIONS = 2 ** 29; // a slot retires after 2^29 events, so handles stay below 2^53 (exact in a double)
const MIN_PRIORITY = -128;
const MAX_PRIORITY = 127;
/** seq is packed under the priority in one float: (priority + 128) * 2^44 + seq. */
const SEQ_SPAN = 2 ** 44;

/**
 * A slot's record: float64 [time, tie] then int32 [next, prev, place,
 * generation]. `F_*` index the Float64Array view (record = 4 of them),
 * `I_*` the Int32Array view (record = 8 of them).
 */
const SLOT_BYTES = 32;
const F_TIME = 0;
const F_TIE = 1;
const I_NEXT = 4;
const I_PREV = 5;
/** Where the event waits: FREE, IN_HEAP, or its bucket's ring index + BUCKET_BASE. Zeroed memory is FREE. */
const I_PLACE = 6;
const I_GENERATION = 7;
const FREE = 0;
const IN_HEAP = 1;
const BUCKET_BASE = 2;
/** `heapTop` when the heap changed since it was last asked. */
const UNKNOWN = -2;

/** When and how the calendar is sized (options for tests; the header says why the defaults, bench/NOTES.md how they were found). */
export interface CalendarTuning {
  /** Below this many pending events the heap holds them all. */
  minEvents: number;
  /** Pops between two looks at what is pending (at least; more with many events pending). */
  popsPerTune: number;
}

/** What the calendar holds and how it has been doing (for tests and diagnostics). */
export interface CalendarState {
  /** Events in the calendar (the rest are in the heap). */
  held: number;
  /** Buckets in the window; 0: the calendar is off. */
  buckets: number;
  /** Events filed, and steps walked back through bucket lists filing them, since the last look. */
  filed: number;
  walkSteps: number;
}

const DEFAULT_TUNING: CalendarTuning = { minEvents: 64, popsPerTune: 16_384 };
const BUCKETS_PER_EVENT = 2;
const MAX_BUCKETS = 2 ** 20;
const WINDOW_QUANTILE = 0.95;
const WINDOW_STRETCH = 1.5;
/**
 * The nearest FRONT_SHARE of the pending events get buckets narrow enough
 * to hold FRONT_OCCUPANCY each on average: where most events are due soon
 * and the window reaches far for the time-outs, buckets sized to the window
 * alone crowd the near events, and an insert walks a long list back.
 */
const FRONT_SHARE = 0.5;
const FRONT_OCCUPANCY = 1;
/** ...with up to this many times the buckets that BUCKETS_PER_EVENT gives, to still reach as far ahead. */
const MAX_SPREAD = 8;
/** Keep the calendar unless the best bucket width (or count) moved more than this factor... */
const WIDTH_TOLERANCE = 2;
/** ...or its bucket numbers grow large (past 2^31 `&` no longer works on them). */
const MAX_BUCKETS_FROM_ORIGIN = 2 ** 29;
/** Pending events looked at to size the window. */
const SAMPLE_SIZE = 256;

export class EventQueue<P = unknown> {
  // per slot: the record (two views of one buffer), and [callback, payload] at 2 * slot
  private floats: Float64Array;
  private ints: Int32Array;
  private events: Array<((payload: P) => void) | P | null | undefined>;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private live = 0;
  private seq = 0;
  private readonly heap: SlotHeap;
  /**
   * The heap's first slot as `popEarliest` last saw it (-1: empty), or
   * UNKNOWN after the heap changed. While the calendar is on the heap holds
   * the far events (time-outs, the interval sampler) and changes rarely, so
   * most pops skip asking it (a call V8 does not always inline).
   */
  private heapTop = UNKNOWN;
  // the calendar
  /**
   * Per bucket, its list's head then its tail ([2b], [2b + 1]; -1: empty):
   * filing reads the tail and may write the head, and a pop the other way
   * round, so the two share a cache line (with many buckets each is cold
   * between visits: one miss a visit, not two).
   */
  private buckets = new Int32Array(0);
  private mask = -1;
  private bucketsPerMs = 0;
  private originMs = 0;
  /** Events the calendar holds. */
  private held = 0;
  /** Buckets in the window (0: switched off, holds nothing). */
  private bucketCount = 0;
  /** The latest popped event's bucket: events before it are refused (see `file`). */
  private nowBucket = 0;
  /** No held event sits in a bucket before this one. */
  private scanBucket = 0;
  /** Steps walked back through bucket lists, and events filed, since the last look (to see crowded buckets). */
  private walkSteps = 0;
  private filed = 0;
  // sizing
  private readonly tuning: CalendarTuning;
  /** Time of the latest popped event: nothing pending is earlier (unless pushed so by hand). */
  private floorMs = -Infinity;
  private popsUntilTune: number;
  private readonly sample = new Float64Array(SAMPLE_SIZE);
  /** Events a slot holds before it retires (GENERATIONS; fewer only in tests, to see a slot retire). */
  private readonly generations: number;

  constructor(initialCapacity = 1024, tuning: Partial<CalendarTuning> = {}, generations = GENERATIONS) {
    if (!(Number.isInteger(generations) && generations >= 1 && generations <= GENERATIONS)) {
      throw new RangeError(`generations must be an integer in [1, ${GENERATIONS}], got ${generations}`);
    }
    this.generations = generations;
    const buffer = new ArrayBuffer(initialCapacity * SLOT_BYTES);
    this.floats = new Float64Array(buffer);
    this.ints = new Int32Array(buffer);
    this.events = new Array(2 * initialCapacity).fill(null);
    this.freeSlots = new Int32Array(initialCapacity);
    this.heap = new SlotHeap(initialCapacity);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.popsUntilTune = this.tuning.popsPerTune;
  }

  get size(): number {
    return this.live;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    const slot = this.earliest();
    return slot < 0 ? Infinity : this.floats[4 * slot + F_TIME];
  }

  calendarState(): CalendarState {
    return { held: this.held, buckets: this.bucketCount, filed: this.filed, walkSteps: this.walkSteps };
  }

  push(timeMs: number, priority: number, callback: (payload: P) => void, payload: P): EventId {
    return this.handleOf(this.pushSlot(timeMs, priority, callback, payload));
  }

  /** The handle of the event now in `slot`. */
  handleOf(slot: number): EventId {
    return this.ints[8 * slot + I_GENERATION] * SLOT_BITS + slot;
  }

  /**
   * `push`, returning the slot (a small integer): the handle, a double once the slot's
   * generation passes 127, is made by `handleOf` only where a caller keeps it, so a
   * caller that drops it boxes no number.
   */
  pushSlot(timeMs: number, priority: number, callback: (payload: P) => void, payload: P): number {
    if (priority !== 0) checkPriority(priority);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const events = this.events;
    events[2 * slot] = callback;
    events[2 * slot + 1] = payload;
    this.live++;
    const tie = (priority - MIN_PRIORITY) * SEQ_SPAN + this.seq++;
    const floats = this.floats;
    floats[4 * slot + F_TIME] = timeMs;
    floats[4 * slot + F_TIE] = tie;
    if (this.bucketCount === 0 || !this.file(slot)) this.toHeap(slot, timeMs, tie);
    return slot;
  }

  /** Removes a pending event; returns false if it already ran or was removed. */
  remove(id: EventId): boolean {
    const generation = Math.floor(id / SLOT_BITS);
    const slot = id - generation * SLOT_BITS;
    if (!(slot >= 0 && slot < this.nextSlot && (slot | 0) === slot) || this.ints[8 * slot + I_GENERATION] !== generation) return false;
    const place = this.ints[8 * slot + I_PLACE];
    if (place === FREE) return false;
    if (place === IN_HEAP) {
      this.heap.remove(slot);
      this.heapTop = UNKNOWN;
    } else {
      this.unlink(slot, place - BUCKET_BASE);
    }
    this.ints[8 * slot + I_PLACE] = FREE;
    this.live--;
    this.release(slot);
    return true;
  }

  /**
   * Takes the earliest event off the queue if it is due at or before
   * `untilMs`, and returns its slot (-1: none). Read the event with
   * `timeOf`, `callbackOf` and `payloadOf`, then `release` the slot, before
   * anything else uses the queue. (No sink object: storing a young payload
   * into an old sink costs a write barrier per event.)
   */
  pop(untilMs = Infinity): number {
    return this.held === 0 ? this.popFromHeap(untilMs) : this.popEarliest(untilMs);
  }

  timeOf(slot: number): number {
    return this.floats[4 * slot + F_TIME];
  }

  callbackOf(slot: number): (payload: P) => void {
    return this.events[2 * slot] as (payload: P) => void;
  }

  payloadOf(slot: number): P {
    return this.events[2 * slot + 1] as P;
  }

  /** Frees a slot that `pop` returned (or retires it: its handles are all spent). */
  release(slot: number): void {
    const events = this.events;
    events[2 * slot] = null;
    events[2 * slot + 1] = undefined;
    const ints = this.ints;
    const generation = ints[8 * slot + I_GENERATION] + 1;
    ints[8 * slot + I_GENERATION] = generation;
    if (generation < this.generations) this.freeSlots[this.freeCount++] = slot;
  }

  /** `pop`, handing the event to `sink` (for tests and occasional callers). */
  popInto(sink: PoppedEvent<P>, untilMs = Infinity): boolean {
    const slot = this.pop(untilMs);
    if (slot < 0) return false;
    sink.timeMs = this.timeOf(slot);
    sink.callback = this.callbackOf(slot);
    sink.payload = this.payloadOf(slot);
    this.release(slot);
    return true;
  }

  /**
   * `pop` when the calendar holds events: the earlier of its first and the
   * heap's. It repeats `earliest()` (the bucket scan and the key compare)
   * and unlinks a bucket's head by hand, on purpose: it runs once per event,
   * and calls to shared helpers cost more than the repetition.
   */
  private popEarliest(untilMs: number): number {
    const buckets = this.buckets;
    const mask = this.mask;
    let k = this.scanBucket;
    while (buckets[2 * (k & mask)] < 0) k++; // ends: an event is held within the window
    this.scanBucket = k;
    const first = buckets[2 * (k & mask)];
    const floats = this.floats;
    const time = floats[4 * first + F_TIME];
    let fromHeap = this.heapTop;
    if (fromHeap === UNKNOWN) fromHeap = this.heapTop = this.heap.minSlot();
    if (fromHeap >= 0) {
      const heapTime = floats[4 * fromHeap + F_TIME];
      if (heapTime < time || (heapTime === time && floats[4 * fromHeap + F_TIE] < floats[4 * first + F_TIE])) {
        if (heapTime > untilMs) return -1;
        this.heap.takeRoot();
        this.heapTop = UNKNOWN;
        this.advanceTo(heapTime);
        this.taken(fromHeap);
        return fromHeap;
      }
    }
    if (time > untilMs) return -1;
    // unlink the head of bucket k
    const ints = this.ints;
    const bucket = k & mask;
    const after = ints[8 * first + I_NEXT];
    buckets[2 * bucket] = after;
    if (after >= 0) ints[8 * after + I_PREV] = -1;
    else buckets[2 * bucket + 1] = -1;
    this.held--;
    this.nowBucket = k;
    this.taken(first);
    return first;
  }

  /** `pop` when the calendar is empty (always, with few events pending): the heap's root or nothing. */
  private popFromHeap(untilMs: number): number {
    const slot = this.heap.minSlot();
    if (slot < 0) return -1;
    const time = this.floats[4 * slot + F_TIME];
    if (time > untilMs) return -1;
    this.heap.takeRoot();
    this.heapTop = UNKNOWN;
    if (this.bucketCount > 0) this.advanceTo(time);
    this.taken(slot);
    return slot;
  }

  /** The slot's event left the heap or the calendar (the slot itself is freed by `release`). */
  private taken(slot: number): void {
    this.ints[8 * slot + I_PLACE] = FREE;
    this.floorMs = this.floats[4 * slot + F_TIME];
    this.live--;
    if (--this.popsUntilTune === 0) this.tune();
  }

  /** An event at `time` was popped from the heap (nothing held is earlier): move the window up. */
  private advanceTo(time: number): void {
    const k = Math.floor((time - this.originMs) * this.bucketsPerMs);
    if (k > this.nowBucket) {
      this.nowBucket = k;
      if (this.scanBucket < k) this.scanBucket = k;
    }
  }

  /** The slot of the earliest pending event, or -1 (`peekTime`'s; `popEarliest` does the same inline). */
  private earliest(): number {
    const fromHeap = this.heap.minSlot();
    if (this.held === 0) return fromHeap;
    const buckets = this.buckets;
    let k = this.scanBucket;
    while (buckets[2 * (k & this.mask)] < 0) k++;
    this.scanBucket = k;
    const first = buckets[2 * (k & this.mask)];
    if (fromHeap < 0) return first;
    const floats = this.floats;
    const a = floats[4 * first + F_TIME];
    const b = floats[4 * fromHeap + F_TIME];
    return a < b || (a === b && floats[4 * first + F_TIE] < floats[4 * fromHeap + F_TIE]) ? first : fromHeap;
  }

  /**
   * Links the slot into the calendar if its time is inside the window; false
   * if not (nor before the latest popped event's bucket: only a direct user
   * of the queue pushes such an event, and the heap orders it without a
   * window). It takes the slot alone and reads the key: V8 does not always
   * inline it, and a call that is not inlined boxes each floating-point
   * argument in a new heap number.
   */
  private file(slot: number): boolean {
    const floats = this.floats;
    const time = floats[4 * slot + F_TIME];
    const k = Math.floor((time - this.originMs) * this.bucketsPerMs);
    if (!(k >= this.nowBucket && k < this.nowBucket + this.bucketCount)) return false;
    const bucket = k & this.mask;
    const ints = this.ints;
    const buckets = this.buckets;
    const at = 2 * bucket; // its head; its tail at + 1
    const tail = buckets[at + 1];
    if (tail >= 0 && (floats[4 * tail + F_TIME] > time || (floats[4 * tail + F_TIME] === time && floats[4 * tail + F_TIE] > floats[4 * slot + F_TIE]))) {
      this.insertBefore(slot, bucket, tail);
    } else {
      // after the tail: the more common case, events mostly come in time order
      ints[8 * slot + I_PREV] = tail;
      ints[8 * slot + I_NEXT] = -1;
      if (tail >= 0) ints[8 * tail + I_NEXT] = slot;
      else buckets[at] = slot;
      buckets[at + 1] = slot;
    }
    ints[8 * slot + I_PLACE] = bucket + BUCKET_BASE;
    this.held++;
    this.filed++;
    if (k < this.scanBucket) this.scanBucket = k;
    return true;
  }

  /** Links the slot before `later`, or further back. */
  private insertBefore(slot: number, bucket: number, later: number): void {
    const floats = this.floats;
    const ints = this.ints;
    const time = floats[4 * slot + F_TIME];
    const tie = floats[4 * slot + F_TIE];
    let after = later;
    let before = ints[8 * later + I_PREV];
    let steps = 1;
    while (before >= 0 && (floats[4 * before + F_TIME] > time || (floats[4 * before + F_TIME] === time && floats[4 * before + F_TIE] > tie))) {
      after = before;
      before = ints[8 * before + I_PREV];
      steps++;
    }
    this.walkSteps += steps;
    ints[8 * slot + I_PREV] = before;
    ints[8 * slot + I_NEXT] = after;
    ints[8 * after + I_PREV] = slot;
    if (before >= 0) ints[8 * before + I_NEXT] = slot;
    else this.buckets[2 * bucket] = slot;
  }

  private unlink(slot: number, bucket: number): void {
    const ints = this.ints;
    const before = ints[8 * slot + I_PREV];
    const after = ints[8 * slot + I_NEXT];
    if (before >= 0) ints[8 * before + I_NEXT] = after;
    else this.buckets[2 * bucket] = after;
    if (after >= 0) ints[8 * after + I_PREV] = before;
    else this.buckets[2 * bucket + 1] = before;
    this.held--;
  }

  private toHeap(slot: number, time: number, tie: number): void {
    this.ints[8 * slot + I_PLACE] = IN_HEAP;
    this.heap.insert(slot, time, tie);
    this.heapTop = UNKNOWN;
  }

  /** Sizes the calendar to what is pending (see the header). */
  private tune(): void {
    this.popsUntilTune = Math.max(this.tuning.popsPerTune, 4 * this.live);
    const crowded = this.walkSteps > 2 * this.filed; // buckets too wide for where events bunch up
    this.walkSteps = 0;
    this.filed = 0;
    if (this.live < this.tuning.minEvents) {
      if (this.bucketCount > 0) this.refile(0, 0);
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
    if (crowded && this.bucketCount > 0) bucketsPerMs = Math.max(bucketsPerMs, 4 * this.bucketsPerMs);
    // enough buckets to reach as far ahead at that width, within bounds (the rest waits in the heap)
    const bucketCount = Math.min(MAX_BUCKETS, MAX_SPREAD * baseCount, Math.max(baseCount, 2 ** Math.ceil(Math.log2(bucketsPerMs * aheadMs))));
    const ratio = bucketsPerMs / this.bucketsPerMs;
    const countRatio = this.bucketCount / bucketCount;
    const keep =
      countRatio <= WIDTH_TOLERANCE && countRatio >= 1 / WIDTH_TOLERANCE && ratio < WIDTH_TOLERANCE && ratio > 1 / WIDTH_TOLERANCE && this.nowBucket < MAX_BUCKETS_FROM_ORIGIN;
    if (!keep) this.refile(bucketCount, bucketsPerMs);
  }

  /** How far ahead of the latest pop a sample of the pending events lie, sorted (finite times only). */
  private sortedAheadMs(): Float64Array {
    const sample = this.sample;
    const stride = Math.max(1, Math.floor(this.nextSlot / SAMPLE_SIZE));
    let n = 0;
    for (let slot = 0; slot < this.nextSlot && n < SAMPLE_SIZE; slot += stride) {
      if (this.ints[8 * slot + I_PLACE] === FREE) continue;
      const aheadMs = this.floats[4 * slot + F_TIME] - this.floorMs;
      if (Number.isFinite(aheadMs)) sample[n++] = Math.max(0, aheadMs);
    }
    return sample.subarray(0, n).sort();
  }

  /**
   * Switches the calendar to `bucketCount` buckets (0: off) of width
   * 1 / bucketsPerMs from the time of the latest popped event (nothing
   * pending is earlier), and files every pending event again.
   */
  private refile(bucketCount: number, bucketsPerMs: number): void {
    this.heap.clear();
    this.heapTop = UNKNOWN;
    this.bucketCount = bucketCount;
    this.mask = bucketCount - 1;
    this.bucketsPerMs = bucketsPerMs;
    this.originMs = Number.isFinite(this.floorMs) ? this.floorMs : 0;
    this.buckets = new Int32Array(2 * bucketCount).fill(-1);
    this.held = 0;
    this.nowBucket = 0;
    this.scanBucket = 0;
    const floats = this.floats;
    const ints = this.ints;
    for (let slot = 0; slot < this.nextSlot; slot++) {
      if (ints[8 * slot + I_PLACE] === FREE) continue;
      const time = floats[4 * slot + F_TIME];
      const tie = floats[4 * slot + F_TIE];
      if (bucketCount === 0 || !this.file(slot)) this.toHeap(slot, time, tie);
    }
  }

  private newSlot(): number {
    if (this.nextSlot === this.freeSlots.length) this.growSlots();
    if (this.nextSlot >= SLOT_BITS) throw new RangeError('more than 16.7 M events pending at once');
    return this.nextSlot++;
  }

  private growSlots(): void {
    const capacity = this.freeSlots.length * 2;
    const buffer = new ArrayBuffer(capacity * SLOT_BYTES);
    new Uint8Array(buffer).set(new Uint8Array(this.floats.buffer)); // the new records are zeros: FREE, generation 0
    this.floats = new Float64Array(buffer);
    this.ints = new Int32Array(buffer);
    this.freeSlots = grownInts(this.freeSlots, capacity);
    this.heap.reserveSlots(capacity);
    const events = this.events;
    events.length = 2 * capacity;
    events.fill(null, capacity);
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

